"""The sheet XML of a workbook read as bytes, without openpyxl's padding: the cells that
hold something (`used_cells`: the used range and their number, whatever `<dimension>`
claims), the merged ranges, and the rows as they are written (`sparse_rows`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

Merge = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)

_MERGE_BLOCK = re.compile(rb"<(?:\w+:)?mergeCells\b[^>]*>(.*?)</(?:\w+:)?mergeCells>", re.S)
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Za-z]+\d+)(?::([A-Za-z]+\d+))?"')
# A cell element with something in it: a value, an inline string or a formula (styled
# empty cells, `<c r="XFD5" s="1"/>` or `<c r="XFD5" s="1"></c>`, do not match).
_VALUE_CELL = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Za-z]{1,3})(\d+)"[^>]*(?<!/)>\s*'
    rb"<(?:\w+:)?(?:v>\s*[^<\s]|is\b|f\b)"
)
_CELL_REF = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_PLAIN_SHEET = re.compile(r"^[^\W\d]\w*$")


def sparse_rows(ws: Any, max_row: int, max_col: int) -> Iterator[tuple[int, list[Any]]]:
    """(row number, the cells written in it up to `max_col`) for each row the sheet XML
    holds up to `max_row`: what exists costs, not the distance to the last row (a used
    range of A1:XFD1048576 with a few cells is read in a blink). openpyxl's read-only
    parser, without its padding of missing rows and columns."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=wb.data_only,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, row in parser.parse():
            if idx > max_row:
                break
            yield idx, [ReadOnlyCell(ws, **c) for c in row if c["column"] <= max_col]


def used_range(xml: bytes) -> tuple[int, int] | None:
    """(last row, last column) of the cells that hold a value, a string or a formula,
    from the sheet XML (a byte scan: the declared <dimension> may claim A1:XFD1048576);
    None when the cells carry no references."""
    return used_cells(xml)[0]


def used_cells(xml: bytes) -> tuple[tuple[int, int] | None, int]:
    """`used_range` and the number of cells that hold something."""
    max_row = max_col = count = 0
    for m in _VALUE_CELL.finditer(xml):
        count += 1
        letters = m.group(1).upper()
        col = 0
        for ch in letters:
            col = col * 26 + ch - 64
        max_col = max(max_col, col)
        max_row = max(max_row, int(m.group(2)))
    return ((max_row, max_col) if max_row else None), count


def merged_ranges(xml: bytes) -> list[Merge]:
    """The merged ranges of a sheet from its XML's `<mergeCells>` element."""
    start = max(xml.rfind(b"sheetData>"), 0)
    m = _MERGE_BLOCK.search(xml, start)
    if m is None:
        return []
    out: list[Merge] = []
    for ref in _MERGE_REF.finditer(m.group(1)):
        first = _cell_ref(ref.group(1).decode("ascii"))
        last = _cell_ref(ref.group(2).decode("ascii")) if ref.group(2) else first
        if first is None or last is None:
            continue
        (r0, c0), (r1, c1) = first, last
        out.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))
    return out


def _cell_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of an A1 reference."""
    m = _CELL_REF.match(ref)
    if m is None:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def column_letter(col: int) -> str:
    """The letters of a 1-based column (1 → A, 28 → AB)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def sheet_ref(title: str) -> str:
    """A sheet name as a cell reference writes it: quoted when it is not a plain name."""
    if _PLAIN_SHEET.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"
