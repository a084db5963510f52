"""CSV files as Excel writes them: comma-separated (semicolons in some locales), quoted
cells that may hold commas, quotes and line ends, in GBK ("CSV (逗号分隔)") or UTF-8 with a
BOM ("CSV UTF-8"). Decoded by `linter.read.decode`, split by the `csv` module.

A file named .csv whose lines are split by tabs (a tab-separated copy saved as .csv) is
read by the text reader, with its text spans.

Spans: `line` is the physical line where the record starts, `column` the 1-based field,
`cell` the reference Excel shows when it opens the file (`D7`: column D of record 7).
"""

from __future__ import annotations

import csv
import io

from linter.model import Document, Span
from linter.read.decode import decode_bytes
from linter.read.errors import ReadError
from linter.read.grid import Cell, Row
from linter.read.media import build_document

MAX_FIELD = 1 << 20  # one cell of a form is never a megabyte of text


def read_csv(data: bytes, path: str) -> Document:
    """The forms of a CSV file (its bytes)."""
    text, encoding = decode_bytes(data, path)
    delimiter = sniff_delimiter(text)
    if delimiter == "\t":
        from linter.read import read_text_form

        return read_text_form(text, path, encoding)
    rows = csv_rows(text, path, delimiter)
    return build_document([rows], path, "csv", encoding)


def sniff_delimiter(text: str) -> str:
    """ "," ";" or "\\t": the one that splits the first lines most often outside quotes."""
    sample = text[:8192]
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in sample:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda k: (counts[k], k == ","))
    return best if counts[best] else ","


def csv_rows(text: str, path: str, delimiter: str = ",") -> list[Row]:
    """The grid of CSV text: one row per record that holds any text."""
    from linter.read.office import clean_text
    from linter.read.office.xlsx import column_letter

    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    start = 1
    record = 0
    try:
        for fields in reader:
            record += 1
            texts = [clean_text(f) for f in fields]
            if any(texts):
                last = max(i for i, t in enumerate(texts) if t)
                cells = tuple(
                    Cell(t, Span(start, c + 1, start, c + 2 if t else c + 1, f"{column_letter(c + 1)}{record}"), c)
                    for c, t in enumerate(texts[: last + 1])
                )
                rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReadError(
            path,
            f"CSV 格式错误（第 {reader.line_num} 行）：{exc}",
            f"malformed CSV (line {reader.line_num}): {exc}",
            reader.line_num,
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    return rows
