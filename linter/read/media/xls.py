"""Excel 97-2003 workbooks (.xls, BIFF8) with xlrd (`pip install "jxlint[xls]"`): every
visible sheet that holds a form, one or several forms per sheet, as for .xlsx.

Merged cells are expanded as for .xlsx: the merge's text stands in its top-left cell, the
cells it covers are empty. Numbers are shown through their number format, dates as ISO
text (`linter.read.office.numfmt`). xlrd's warnings go to a buffer, never to standard
output.

Bounds: a sheet's declared used range may be far larger than what it holds (a styled
cell at row 65536, a DIMENSIONS record claiming a million rows); rows are read as xlrd
stores them (ragged, up to their last cell record) and reading stops after
`EMPTY_RUN_LIMIT` empty rows in a row.

Spans: `line` counts the rows read across the workbook in order, `column` the sheet
column, `cell` the reference `Sheet1!D7`.
"""

from __future__ import annotations

import io
from typing import Any

from linter.model import Document, Span
from linter.read.grid import Cell, Row
from linter.read.media import build_document, encrypted, missing_dependency, no_form

EMPTY_RUN_LIMIT = 1000


def read_xls(data: bytes, path: str) -> Document:
    """The forms of a .xls file (its bytes)."""
    try:
        import xlrd
    except ImportError:
        raise missing_dependency(path, "xlrd", "xls") from None
    if not data:
        from linter.read.media import empty

        raise empty(path)
    log = io.StringIO()
    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, ragged_rows=True, on_demand=True, logfile=log, verbosity=0
        )
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise encrypted(path) from None
        raise
    from linter.read.hant import simplify_rows
    from linter.read.office import is_form_table

    grids: list[list[Row]] = []
    line = 0
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0) != 0:
                continue
            grid, line = sheet_rows(book, sheet, line)
            grid = list(simplify_rows(grid, path))
            if is_form_table(c.text for r in grid for c in r.cells):
                grids.append(grid)
            book.unload_sheet(index)
    finally:
        book.release_resources()
    if not grids:
        raise no_form(path, "工作簿的可见工作表中", "no visible sheet of the workbook has a")
    return build_document(grids, path, "xls")


def sheet_rows(book: Any, sheet: Any, line: int) -> tuple[list[Row], int]:
    """The rows of a sheet that hold text (each up to its last non-empty cell), numbered
    on from `line`; returns them and the last line used."""
    from linter.read.office import clean_text
    from linter.read.office.xlsx import column_letter, sheet_ref

    name = sheet_ref(sheet.name)
    covered = _covered(sheet.merged_cells)
    rows: list[Row] = []
    empty_run = 0
    for r in range(sheet.nrows):
        filled: dict[int, str] = {}
        for c in range(sheet.row_len(r)):
            if (r, c) in covered:
                continue
            text = clean_text(cell_text(book, sheet.cell(r, c)))
            if text:
                filled[c] = text
        if not filled:
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                break
            continue
        empty_run = 0
        line += 1
        last = max(filled)
        cells = []
        for c in range(last + 1):
            text = filled.get(c, "")
            ref = f"{name}!{column_letter(c + 1)}{r + 1}"
            cells.append(Cell(text, Span(line, c + 1, line, c + 2 if text else c + 1, ref), c))
        rows.append(Row(line, tuple(cells)))
    return rows, line


def _covered(merges: list[tuple[int, int, int, int]]) -> set[tuple[int, int]]:
    """The cells merges cover, their top-left cells excepted (each merge capped at a
    form's size: a merge over a whole column covers nothing a form reads)."""
    out: set[tuple[int, int]] = set()
    for rlo, rhi, clo, chi in merges:
        rhi, chi = min(rhi, rlo + 500), min(chi, clo + 100)
        for r in range(rlo, rhi):
            for c in range(clo, chi):
                if (r, c) != (rlo, clo):
                    out.add((r, c))
    return out


def cell_text(book: Any, cell: Any) -> str:
    """The text a cell shows: numbers through their number format, dates as ISO text."""
    import xlrd

    from linter.read.office.numfmt import value_text

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    if kind == xlrd.XL_CELL_DATE:
        try:
            when = xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value_text(value)
        if value < 1:  # a time of day
            return when.time().isoformat()
        return value_text(when)
    return value_text(value, _format(book, cell))


def _format(book: Any, cell: Any) -> str | None:
    try:
        xf = book.xf_list[cell.xf_index]
        return book.format_map[xf.format_key].format_str
    except (IndexError, KeyError, AttributeError, TypeError):
        return None
