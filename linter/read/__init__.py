"""Readers: input files → the form model (`linter.model.Document`).

`read_path` and `read_bytes` pick a reader by the file's content, then its suffix
(`linter.read.media.medium_of`): .json/.yaml/.yml are structured input
(linter.read.structured), .docx/.xlsx office documents (linter.read.office, needs
``pip install jxlint[office]``), PDF, HTML, .xls, CSV and .doc/.wps/.et the media of
linter.read.media, anything else tab-separated text (linter.read.text). A file that
cannot be read at all raises `ReadError`; anything less becomes a `Problem` in the document or its forms.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
from pathlib import Path

from linter import limits
from linter.model import Document, Problem, Span
from linter.read.decode import decode_bytes
from linter.read.errors import ReadError
from linter.read.files import read_regular_file
from linter.read.media import OFFICE_SUFFIXES, medium_of  # the suffixes each reader takes: one list there
from linter.read.text import read_text as _read_text

__all__ = [
    "OFFICE_SUFFIXES",
    "STRUCTURED_SUFFIXES",
    "ReadError",
    "read_bytes",
    "read_path",
    "read_regular_file",
    "read_stream",
    "read_text",
]

STRUCTURED_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def _office():
    """linter.read.office; ImportError when it or openpyxl/python-docx is missing."""
    return importlib.import_module("linter.read.office")


def _office_error(path: str) -> ReadError:
    return ReadError(
        path,
        "读取 Word/Excel 文件需要安装可选依赖：pip install jxlint[office]",
        "reading Word/Excel files needs the optional dependencies: pip install jxlint[office]",
    )


def read_text(text: str, path: str, encoding: str = "utf-8") -> Document:
    """Read forms from text already decoded (tab-separated layout, by content)."""
    _check_text(text, path)
    return _read_text(text, path, encoding)


def _check_text(text: str, path: str) -> None:
    """Refuse a text with more lines than `max_rows` or a line longer than
    `max_line_chars`, before it is split into cells (free for a text shorter than both)."""
    caps = limits.current()
    if len(text) <= min(caps.max_rows, caps.max_line_chars):
        return
    from linter.read.decode import split_lines

    lines = split_lines(text)
    if len(lines) > caps.max_rows:
        raise limits.exceeded(path, "max_rows", f"{len(lines)} lines", caps.max_rows + 1)
    if len(text) > caps.max_line_chars:
        for number, line in enumerate(lines, start=1):
            if len(line) > caps.max_line_chars:
                raise limits.exceeded(path, "max_line_chars", f"{len(line)} characters", number)


def read_bytes(data: bytes, path: str) -> Document:
    """Read `data` (e.g. standard input) as the file `path` would be read: by its content
    and suffix, tab-separated text when neither says otherwise."""
    return _dispatch(data, path, Path(path).suffix.lower())


def _dispatch(data: bytes, path: str, suffix: str) -> Document:
    try:
        return _read_data(data, path, suffix)
    except limits.Exceeded as exc:
        raise limits.exceeded(path, exc.key, exc.found, exc.line, exc.where) from None
    except RecursionError:
        raise ReadError(path, "内容嵌套太深，无法读取", "nested too deeply to be read") from None


def _read_data(data: bytes, path: str, suffix: str) -> Document:
    if len(data) > limits.current().max_file_bytes:
        raise limits.exceeded(path, "max_file_bytes", f"{len(data)} bytes")
    medium = medium_of(data, suffix)
    if medium == "office":
        try:
            office = _office()
        except ImportError:
            raise _office_error(path) from None
        return _bounded(office.read_office_bytes(data, path, suffix=suffix))
    if medium not in ("text", "structured"):
        from linter.read.media import read_medium

        return _bounded(read_medium(data, path, medium, suffix))
    text, encoding = decode_bytes(data, path)
    if medium == "structured":
        from linter.read.structured import read_structured

        return _bounded(read_structured(text, path, encoding, STRUCTURED_SUFFIXES[suffix]))
    return _bounded(read_text_form(text, path, encoding))


def _bounded(doc: Document) -> Document:
    """`doc`, unless it holds more forms than the limit allows; bidirectional control
    characters in its text are flagged (as source-code linters flag them)."""
    if len(doc.forms) > limits.current().max_forms:
        raise limits.exceeded(doc.path, "max_forms", f"{len(doc.forms)} forms")
    if doc.text and any(ch in doc.text for ch in _BIDI_CHARS):  # 12 C scans: 9x faster than the pattern
        return dataclasses.replace(doc, problems=(*doc.problems, *bidi_problems(doc.text)))
    if not doc.text:  # an office document: its cells
        found = [p for text, span in _cell_texts(doc) if text and _BIDI.search(text) for p in _bidi_cell(text, span)]
        if found:
            return dataclasses.replace(doc, problems=(*doc.problems, *found[:_MAX_BIDI_PROBLEMS]))
    return doc


def _cell_texts(doc: Document):
    """(text, span) of the cells of an office document's forms."""
    for form in doc.forms:
        yield form.title.text, form.title.span
        if form.goal is not None:
            yield form.goal.text, form.goal.span
        for h in form.header:
            yield h.value, h.value_span
        for ind in form.indicators:
            yield ind.name, ind.name_span
            yield ind.target.raw, ind.target_span


def _bidi_cell(text: str, span: Span | None) -> list[Problem]:
    from linter.read.problems import problem

    codes = " ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys("".join(_BIDI.findall(text))))
    shown = _BIDI.sub(lambda x: "".join(f"<U+{ord(c):04X}>" for c in x.group()), text[:40]).strip()
    return [problem("bidi-control", span, text=shown, codes=codes)]


# Bidirectional controls (embeddings, overrides, isolates, marks): text that shows in
# another order than it is stored (CVE-2021-42574, "Trojan Source").
_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{_BIDI_CHARS}]+")
_MAX_BIDI_PROBLEMS = 20


def bidi_problems(text: str) -> list[Problem]:
    """One problem for each run of bidirectional controls in `text` (at most 20)."""
    from linter.read.decode import split_lines
    from linter.read.problems import problem

    out: list[Problem] = []
    for number, line in enumerate(split_lines(text), start=1):
        for m in _BIDI.finditer(line):
            codes = " ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(m.group()))
            shown = line[max(m.start() - 10, 0) : m.end() + 10]
            shown = _BIDI.sub(lambda x: "".join(f"<U+{ord(c):04X}>" for c in x.group()), shown).strip()
            span = Span(number, m.start() + 1, number, m.end() + 1)
            out.append(problem("bidi-control", span, text=shown, codes=codes))
            if len(out) >= _MAX_BIDI_PROBLEMS:
                return out
    return out


def read_text_form(text: str, path: str, encoding: str) -> Document:
    """A text form; one in traditional characters is read as simplified (one for one, so
    spans hold), the document keeping the text as written."""
    from linter.read.hant import simplify_text

    simple = simplify_text(text, path)
    if simple is text:
        return read_text(text, path, encoding)
    return dataclasses.replace(read_text(simple, path, encoding), text=text)


def read_path(path: str | os.PathLike, display_path: str | None = None) -> Document:
    """Read the file at `path`; `display_path` is the name used in the model and in
    messages (default: `path` as given). Only regular files are read (a FIFO, a device, a
    folder or a symbolic link loop is a `ReadError`), and no more than `max_file_bytes`."""
    name = os.fspath(path)
    shown = display_path if display_path is not None else name
    suffix = os.path.splitext(name)[1].lower()  # os.path: pathlib costs more than the read
    if suffix in OFFICE_SUFFIXES:
        try:
            _office()
        except ImportError:
            raise _office_error(shown) from None
    return _dispatch(read_regular_file(name, shown), shown, suffix)


def read_stream(stream, shown: str) -> bytes:
    """Up to `max_file_bytes` of a binary stream (standard input); `ReadError` beyond."""
    cap = limits.current().max_file_bytes
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise limits.exceeded(shown, "max_file_bytes", f"more than {cap} bytes")
    return data
