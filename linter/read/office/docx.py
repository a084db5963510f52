"""Word documents (.docx): every form table, with the title and year paragraphs above it.

The body is walked in document order. `line` counts body paragraphs and table rows from 1
across the whole document (a table of 18 rows after 6 paragraphs occupies lines 7-24), so
`(line, column)` is unique in the file; `Span.cell` says where that is in Word terms:
`表2 行5 列3` (table 2 of the body, row 5, grid column 3) or `段落3` (body paragraph 3).

Merged cells: a horizontally merged cell (gridSpan) or a vertical merge (vMerge) keeps its
text once, in its top-left grid position; the other positions it covers are empty cells,
exactly as a tab-separated copy of the table shows it, so `build_forms` carries level names
down the rows a merge covers as it does for the text layout.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from linter import limits
from linter.model import Document
from linter.read.cells import norm
from linter.read.grid import Cell, Row
from linter.read.office import (
    build,
    cell,
    clean_text,
    corrupt_error,
    is_form_table,
    missing_dependency,
    no_form,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P = _W + "p"
_TBL = _W + "tbl"
_TR = _W + "tr"
_TC = _W + "tc"
_VAL = _W + "val"
# Elements that only wrap block content (content controls, custom XML).
_WRAPPERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml"})
_RUNS = "w:r | w:hyperlink | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r | w:sdt/w:sdtContent/w:r"

_YEAR = re.compile(r"^[(（]?\d{4}年度?[)）]?$")


def read_docx(data: bytes, display_path: str) -> Document:
    """Read every form of a .docx file (its bytes). Raises `ReadError` when the file is
    damaged, python-docx is missing, or no table of the document is a form."""
    try:
        import docx
    except ImportError:
        raise missing_dependency(display_path, "python-docx") from None
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # a damaged package raises anything from zip to lxml
        raise corrupt_error(display_path, exc) from None
    rows, tables = document_rows(body)
    if not tables:
        raise no_form(display_path, "文档中", "the document has no")
    forms, problems = build(rows, display_path, "docx")
    if not forms:
        raise no_form(display_path, "文档中", "the document has no")
    return Document(
        path=display_path,
        encoding="",
        newline="",
        text="",
        forms=tuple(forms),
        problems=tuple(problems),
        medium="docx",
    )


def document_rows(body: Any) -> tuple[list[Row], int]:
    """The grid of a document body: the rows of every form table, each preceded by the
    title/year paragraphs that stand between it and the form table before it (from the
    last title on, when there are several).

    Returns the rows and the number of form tables. Other tables and paragraphs are
    skipped (they still count lines).
    """
    rows: list[Row] = []
    pending: list[Row] = []
    line = paragraph_no = table_no = form_tables = 0
    for block in _blocks(body):
        if block.tag == _P:
            line += 1
            paragraph_no += 1
            text = clean_text(paragraph_text(block))
            if is_heading(text):
                pending.append(Row(line, (cell(text, line, 0, f"段落{paragraph_no}"),)))
            continue
        table_no += 1
        grid = table_rows(block, table_no, line)
        line += len(grid)
        if is_form_table(c.text for r in grid for c in r.cells):
            titles = [i for i, row in enumerate(pending) if not _is_year(row.cells[0].text)]
            rows.extend(pending[titles[-1] :] if titles else pending)
            rows.extend(grid)
            form_tables += 1
            pending = []
    return rows, form_tables


def is_heading(text: str) -> bool:
    """A paragraph above a table that belongs to the form: its title or its year."""
    t = norm(text)
    if not t or len(t) > 40:
        return False
    return ("绩效" in t and "表" in t) or bool(_YEAR.match(t))


def _is_year(text: str) -> bool:
    return bool(_YEAR.match(norm(text)))


def table_rows(tbl: Any, table_no: int, line_before: int) -> list[Row]:
    """The rows of one table; row r is on line `line_before + r`.

    Every grid column gets a cell: a merged cell's text stands in its top-left position
    and the positions it covers (gridSpan, vMerge continuation, legacy hMerge) are empty.
    """
    rows: list[Row] = []
    caps = limits.current()
    total = 0
    for r, tr in enumerate(_children(tbl, _TR), start=1):
        line = line_before + r
        if line > caps.max_rows:
            raise limits.Exceeded("max_rows", f"{line} rows", _name(table_no, r, 0).rsplit(" ", 1)[0], line)
        cells: list[Cell] = []
        col = _int_prop(tr, "trPr", "gridBefore", 0)
        _bounded_width(col, table_no, r, line)
        for c in range(col):
            cells.append(cell("", line, c, _name(table_no, r, c)))
        for tc in _children(tr, _TC):
            width = max(1, _int_prop(tc, "tcPr", "gridSpan", 1))
            _bounded_width(col + width, table_no, r, line)
            covered = _merge(tc, "vMerge") == "continue" or _merge(tc, "hMerge") == "continue"
            text = "" if covered else clean_text(cell_text(tc))
            cells.append(cell(text, line, col, _name(table_no, r, col)))
            for extra in range(1, width):
                cells.append(cell("", line, col + extra, _name(table_no, r, col + extra)))
            col += width
        total += len(cells)
        if total > caps.max_cells:
            raise limits.Exceeded("max_cells", f"{total} cells", f"表{table_no} 行{r}", line)
        rows.append(Row(line, tuple(cells)))
    return rows


def _bounded_width(width: int, table_no: int, row: int, line: int) -> None:
    """Refuse a row wider than `max_columns` (gridSpan 2000000000) before padding it."""
    if width > limits.current().max_columns:
        raise limits.Exceeded("max_columns", f"{width} columns (gridSpan/gridBefore)", f"表{table_no} 行{row}", line)


def cell_text(tc: Any) -> str:
    """The text of a table cell: its paragraphs joined by line ends (nested tables are
    not part of it)."""
    return "\n".join(paragraph_text(p) for p in _children(tc, _P))


def paragraph_text(p: Any) -> str:
    """The text of a paragraph, tracked insertions and simple fields included."""
    return "".join(e.text for e in p.xpath(_RUNS))


def _name(table_no: int, row: int, col: int) -> str:
    return f"表{table_no} 行{row} 列{col + 1}"


def _blocks(parent: Any) -> Iterator[Any]:
    """Body paragraphs and tables in document order, looking inside content controls."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _children(parent: Any, tag: str) -> Iterator[Any]:
    """Children of `parent` with `tag`, looking inside content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _int_prop(el: Any, props: str, name: str, default: int) -> int:
    """The integer `w:val` of `<props><name w:val=…/>`, or `default`."""
    pr = el.find(_W + props)
    node = pr.find(_W + name) if pr is not None else None
    if node is None:
        return default
    try:
        return int(node.get(_VAL, default))
    except ValueError:
        return default


def _merge(tc: Any, kind: str) -> str | None:
    """ "restart", "continue" or None for a cell's vMerge/hMerge."""
    pr = tc.find(_W + "tcPr")
    node = pr.find(_W + kind) if pr is not None else None
    if node is None:
        return None
    return node.get(_VAL, "continue")
