"""Excel workbooks (.xlsx): every visible sheet that holds a form, one or several forms
per sheet.

openpyxl reads the sheets in read-only mode with cached formula values (data_only). What
read-only mode does not give is read from the package directly:

- merged ranges: the sheet XML's `<mergeCells>` element, found with a byte search after
  `</sheetData>` and read with a regular expression (no second XML parse);
- formulas without a cached value (data_only gives None, like an empty cell): only when
  the sheet XML holds a formula element, a second read-only pass without data_only tells
  which cells are formulas; each one that has no value becomes a `formula-without-value`
  problem.

- the used range: a declared `<dimension>` may claim A1:XFD1048576 while a few cells
  hold anything, and a styled empty cell at XFD5 makes openpyxl pad row 5 to 16,384
  cells. A byte scan of the sheet XML for cells with a value, a string or a formula gives
  the last row and column that matter, and openpyxl parses and pads no further. (Cells
  written without references fall back to stopping after `EMPTY_RUN_LIMIT` empty rows.)

Spans: `line` is the sheet row, `column` the sheet column (1-based), and `Span.cell` the
reference `绩效目标表!E17`. A cell covered by a merge is empty; the merge's text stands in
its top-left cell. Each row ends at its last non-empty cell; empty rows are left out.
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

from linter import limits
from linter.model import Document, Form, Problem, Span
from linter.read.grid import Row
from linter.read.office import (
    build,
    cell,
    clean_text,
    corrupt_error,
    is_form_table,
    missing_dependency,
    no_form,
    read_error,
)
from linter.read.office.numfmt import value_text
from linter.read.office.sheetxml import (
    Merge,
    column_letter,
    merged_ranges,
    sheet_ref,
    sparse_rows,
    used_cells,
    used_range,
)

EMPTY_RUN_LIMIT = 1000

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
# Built-in number formats that East Asian Excel shows as dates or times.
_CJK_DATE_IDS = frozenset((27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58))
_CJK_TIME_IDS = frozenset((32, 33, 34, 35, 55, 56))


# What reading a damaged sheet raises (XML errors, from ElementTree or lxml, are
# SyntaxErrors).
_DAMAGED = (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError)


def read_xlsx(data: bytes, display_path: str) -> Document:
    """Read every form of a .xlsx file (its bytes). Raises `ReadError` when the file is
    damaged, openpyxl is missing, or no visible sheet holds a form."""
    try:
        import openpyxl
    except ImportError:
        raise missing_dependency(display_path, "openpyxl") from None
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        paths = sheet_paths(zf)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged package raises anything from zip to XML errors
        raise corrupt_error(display_path, exc) from None
    forms: list[Form] = []
    problems: list[Problem] = []
    merged_over: list[Problem] = []
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            xml = _member(zf, paths.get(ws.title))
            merges = merged_ranges(xml)
            bounds, count = used_cells(xml)
            if len(merges) > limits.current().max_cells // 100:  # each cell is checked against the merges
                found = f"{len(merges)} merged ranges"
                raise limits.exceeded(display_path, "max_cells", found, where=sheet_ref(ws.title))
            if count > limits.current().max_cells:
                raise limits.exceeded(display_path, "max_cells", f"{count} cells", where=sheet_ref(ws.title))
            if bounds is not None and bounds[1] > limits.current().max_columns:
                col = column_letter(bounds[1])
                raise limits.exceeded(display_path, "max_columns", f"column {col}", where=sheet_ref(ws.title))
            hidden: list[str] = []
            try:
                rows = sheet_rows(ws, merges, bounds, hidden)
            except _DAMAGED as exc:  # damaged sheet XML or zip member
                raise corrupt_error(display_path, exc) from None
            if hidden:
                merged_over.append(_merged_over(ws.title, merges, hidden, rows))
            if not is_form_table(c.text for r in rows for c in r.cells):
                continue
            sheet_forms, sheet_problems = build(rows, display_path, "xlsx", len(forms) + 1)
            missing = []
            if _FORMULA.search(xml):
                missing = formulas_without_value(data, ws.title, rows, merges, bounds)
            sheet_forms, rest = attach(sheet_forms, missing)
            forms.extend(sheet_forms)
            problems.extend(sheet_problems)
            problems.extend(rest)
    finally:
        wb.close()
    if not forms and merged_over:
        first = merged_over[0]
        raise read_error(display_path, first.message_zh, first.message_en)
    if not forms:
        raise no_form(display_path, "工作簿的可见工作表中", "no visible sheet of the workbook has")
    problems.extend(merged_over)
    forms = [dataclasses.replace(f, index=i) for i, f in enumerate(forms, start=1)]
    return Document(
        path=display_path,
        encoding="",
        newline="",
        text="",
        forms=tuple(forms),
        problems=tuple(problems),
        medium="xlsx",
    )


def sheet_rows(
    ws: Any, merges: Sequence[Merge] = (), bounds: tuple[int, int] | None = None, hidden: list[str] | None = None
) -> list[Row]:
    """The grid of a read-only worksheet: rows that hold text, each up to its last
    non-empty cell; cells a merge covers (not its top-left) are empty.

    `bounds` (last row, last column holding anything, from `used_range`) limits what
    openpyxl parses and pads; without it, reading stops after `EMPTY_RUN_LIMIT` empty
    rows in a row.
    """
    ws.reset_dimensions()  # a wrong <dimension> must not pad rows or columns
    name = sheet_ref(ws.title)
    epoch = getattr(getattr(ws, "parent", None), "epoch", None)
    if bounds is not None:
        source = sparse_rows(ws, bounds[0], bounds[1])
        limit = None
    else:
        source = enumerate(ws.iter_rows(), start=1)
        limit = EMPTY_RUN_LIMIT
    caps = limits.current()
    pending = sorted(merges)
    nxt = 0
    active: list[Merge] = []
    rows: list[Row] = []
    empty_run = 0
    cells = 0
    for r, row in source:
        while nxt < len(pending) and pending[nxt][0] <= r:
            active.append(pending[nxt])
            nxt += 1
        if active:
            active = [m for m in active if m[2] >= r]
        filled: list[tuple[int, str]] = []
        for c, xc in _numbered(row):
            value = xc.value
            if value is None:
                continue
            text = clean_text(cell_text(xc, value, epoch))
            if text and not (active and _covered(active, r, c + 1)):
                filled.append((c, text))
            elif text and hidden is not None:
                hidden.append(text)  # under a merge: Excel shows only the merge's top-left cell
        if not filled:
            empty_run += 1
            if limit is not None and empty_run >= limit:
                break
            continue
        empty_run = 0
        texts = dict(filled)
        last = filled[-1][0]
        cells += last + 1
        if len(rows) >= caps.max_rows or cells > caps.max_cells:
            over_rows = len(rows) >= caps.max_rows
            key, found = ("max_rows", f"{len(rows) + 1} rows") if over_rows else ("max_cells", f"{cells} cells")
            raise limits.Exceeded(key, found, f"{name}!{column_letter(last + 1)}{r}")
        rows.append(
            Row(r, tuple(cell(texts.get(c, ""), r, c, f"{name}!{column_letter(c + 1)}{r}") for c in range(last + 1)))
        )
    return rows


def _numbered(row: Any) -> Iterable[tuple[int, Any]]:
    """(0-based column, cell) of a row: a sparse row's cells know their column."""
    if isinstance(row, list):
        return ((xc.column - 1, xc) for xc in row)
    return enumerate(row)


def cell_text(xc: Any, value: object, epoch: Any = None) -> str:
    """The text a cell shows. Numbers under the East Asian built-in date formats (ids
    27-36, 50-58, which a file may use without defining them) are dates or times."""
    fmt = getattr(xc, "number_format", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        style = getattr(xc, "style_array", None)
        fid = getattr(style, "numFmtId", 0)
        if fid in _CJK_DATE_IDS or fid in _CJK_TIME_IDS:
            from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

            try:
                when = from_excel(value, epoch or WINDOWS_EPOCH)
            except (OverflowError, ValueError):
                return value_text(value, fmt)
            if fid in _CJK_TIME_IDS and hasattr(when, "time"):
                return when.time().isoformat()
            return value_text(when)
    return value_text(value, fmt)


def _merged_over(title: str, merges: Sequence[Merge], hidden: list[str], rows: Sequence[Row]) -> Problem:
    """The problem of a sheet whose merged cells cover cells with text (a sheet merged
    whole shows one cell and hides the form)."""
    r0, c0, r1, c1 = max(merges, key=lambda m: (m[2] - m[0] + 1) * (m[3] - m[1] + 1))
    ref = f"{sheet_ref(title)}!{column_letter(c0)}{r0}:{column_letter(c1)}{r1}"
    lost = "，工作表因此读不出申报表" if not is_form_table(c.text for r in rows for c in r.cells) else ""
    lost_en = ", so no form can be read from the sheet" if lost else ""
    return Problem(
        "merged-over-text",
        f"合并单元格（最大为 {ref}）盖住了 {len(hidden)} 个有内容的单元格，Excel 只显示合并区域左上角的内容，"
        f"被盖住的内容未检查{lost}：请取消合并后再检查",
        f"merged cells (the largest {ref}) cover {len(hidden)} cells with text; Excel shows only a merge's "
        f"top-left cell and the covered text was not checked{lost_en}: unmerge them and check again",
        Span(r0, c0, r0, c0 + 1, ref),
    )


def _covered(active: Iterable[Merge], r: int, c: int) -> bool:
    """True when (r, c) lies in a merge without being its top-left cell."""
    return any(r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0) for r0, c0, r1, c1 in active)


def formulas_without_value(
    data: bytes,
    title: str,
    rows: Sequence[Row],
    merges: Sequence[Merge],
    bounds: tuple[int, int] | None = None,
) -> list[Problem]:
    """A `formula-without-value` problem for each formula cell whose cached value is
    missing (the file was written by a program that does not calculate)."""
    import openpyxl

    last_row = rows[-1].line if rows else 0
    if not last_row:
        return []
    filled = {(r.line, c.col + 1) for r in rows for c in r.filled}
    name = sheet_ref(title)
    out: list[Problem] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        ws = wb[title]
        ws.reset_dimensions()
        max_col = bounds[1] if bounds is not None else max(len(r.cells) for r in rows)
        for r, row in sparse_rows(ws, last_row, max_col):
            for xc in row:
                c = xc.column
                if getattr(xc, "data_type", None) != "f" or (r, c) in filled:
                    continue
                if _covered(merges, r, c):
                    continue
                ref = f"{name}!{column_letter(c)}{r}"
                out.append(
                    Problem(
                        "formula-without-value",
                        f"单元格 {ref} 是公式 {xc.value}，但文件中没有保存计算结果：请在 Excel 中打开并保存后再检查",
                        f"cell {ref} holds the formula {xc.value} but no saved result: "
                        "open and save the file in Excel, then check it again",
                        Span(r, c, r, c + 1, ref),
                    )
                )
    finally:
        wb.close()
    return out


def attach(forms: list[Form], problems: list[Problem]) -> tuple[list[Form], list[Problem]]:
    """Give each problem to the form of the sheet whose rows it lies in (a form runs
    from its first line to the next form's); return the forms and the rest."""
    if not problems:
        return forms, []
    starts = [f.span.line for f in forms]
    extra: list[list[Problem]] = [[] for _ in forms]
    rest: list[Problem] = []
    for p in problems:
        line = p.span.line if p.span is not None else 0
        owner = None
        for i, start in enumerate(starts):
            if start <= line:
                owner = i
        if owner is None:
            rest.append(p)
        else:
            extra[owner].append(p)
    out = [
        dataclasses.replace(f, problems=f.problems + tuple(ps)) if ps else f for f, ps in zip(forms, extra, strict=True)
    ]
    return out, rest


def sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member of its XML, from the workbook's relationships."""
    root_rels = ET.fromstring(zf.read("_rels/.rels"))
    wb_path = "xl/workbook.xml"
    for rel in root_rels.iter(_PKG_REL):
        if rel.get("Type", "").endswith("/officeDocument"):
            wb_path = rel.get("Target", wb_path).lstrip("/")
    base, leaf = posixpath.split(wb_path)
    rels_path = posixpath.join(base, "_rels", leaf + ".rels")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in ET.fromstring(zf.read(rels_path)).iter(_PKG_REL)}
    out: dict[str, str] = {}
    for sheet in ET.fromstring(zf.read(wb_path)).iter(_SHEET):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        out[sheet.get("name", "")] = posixpath.normpath(path)
    return out


def _member(zf: zipfile.ZipFile, path: str | None) -> bytes:
    if path is None:
        return b""
    try:
        return zf.read(path)
    except KeyError:
        return b""


__all__ = ["EMPTY_RUN_LIMIT", "column_letter", "read_xlsx", "sheet_ref", "sheet_rows", "used_range"]
