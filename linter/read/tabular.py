"""Build forms from a grid of rows: find where each form starts (its title), read its
header (linter.read.header) and its indicator table (linter.read.indicators).

Used by the text reader and by the office readers, which make rows from tables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from linter.model import Form, Problem, Span, TextField
from linter.read.cells import label_key, sub_span
from linter.read.grid import Cell, Row
from linter.read.header import HEADER_LABELS, read_header
from linter.read.indicators import TABBED, TableHeader, TableReader, table_header
from linter.read.levels import load_levels
from linter.read.problems import problem

_TITLE = re.compile(
    r"^(?:(?P<y1>\d{4})\s*年度?\s*)?"
    r"(?P<title>[^\d（()）]{0,30}?绩\s*效\s*目\s*标\s*(?:申\s*报|批\s*复|审\s*核)?\s*表)"
    r"\s*(?P<yp>[（(]\s*(?P<y2>\d{4})\s*(?:年度?)?\s*[)）])?$"
)
_YEAR_CELL = re.compile(r"^(?:[（(]\s*(\d{4})\s*(?:年度?)?\s*[)）]|(\d{4})\s*年度?)$")
_TITLE_MAX = 48


@dataclass
class _Title:
    text: TextField
    year: int | None
    year_span: Span | None


def _title(row: Row) -> _Title | None:
    """The title of a form when `row` is a title row (the title cell first, at most a
    year cell beside it)."""
    cells = row.filled
    if not cells or len(cells) > 2 or len(cells[0].text) > _TITLE_MAX:
        return None
    cell = cells[0]
    if "绩" not in cell.text:  # the pattern's 绩效目标…表, found without the pattern
        return None
    m = _TITLE.match(cell.text)
    if m is None:
        return None
    title = TextField(m.group("title"), sub_span(cell, m.start("title"), m.end("title")))
    year, year_span = None, None
    ygroup = "y2" if m.group("y2") else "y1" if m.group("y1") else None
    if ygroup is not None:
        year = int(m.group(ygroup))
        part = "yp" if ygroup == "y2" else "y1"
        year_span = sub_span(cell, m.start(part), m.end(part))
    if len(cells) == 2:
        found = _year_cell(cells[1])
        if found is None:
            return None
        if year is None:
            year, year_span = found
    return _Title(title, year, year_span)


def _year_cell(cell: Cell) -> tuple[int, Span] | None:
    m = _YEAR_CELL.match(cell.text)
    if m is None:
        return None
    return int(m.group(1) or m.group(2)), cell.span


def _has_name_label(row: Row) -> bool:
    for c in row.filled:  # noqa: SIM110 - a loop, not any(): this runs on every row
        if "称" in c.text and HEADER_LABELS.get(label_key(c.text)) == "项目名称":
            return True
    return False


def _starts(rows: Sequence[Row], headers: Mapping[int, TableHeader]) -> list[tuple[int, _Title | None]]:
    """Where forms start: title rows, or (untitled) a 项目名称 row or an indicator table
    header that comes with no form open or after the open form's indicator table.
    `headers` maps `id(row)` to the row's `table_header` (rows that are not one are absent)."""
    starts: list[tuple[int, _Title | None]] = []
    open_form = False
    has_table = False  # the open form's indicator table has begun …
    unchecked: list[Row] = []  # … or one of these rows has a level-1 name (checked only when asked)
    for i, row in enumerate(rows):
        if not row.filled:
            continue
        # "绩" (of 绩效目标…表) and "称" (of 项目名称) in the row's text, before its cells
        title = _title(row) if "绩" in row.line_text else None
        if title is not None:
            starts.append((i, title))
            open_form, has_table, unchecked = True, False, []
            continue
        is_table = id(row) in headers
        named = "称" in row.line_text and _has_name_label(row)
        if not open_form:
            if is_table or named:
                starts.append((i, None))
                open_form, has_table, unchecked = True, is_table, []
            continue
        if named:
            if not has_table and unchecked:
                has_table = any(_has_level1(r) for r in unchecked)
                unchecked = []
            if has_table:
                starts.append((i, None))
                has_table, unchecked = is_table, []
                continue
        if is_table:
            has_table = True
        elif not has_table:
            unchecked.append(row)
    return starts


def _extent(rows: Sequence[Row]) -> tuple[Span, int] | None:
    """The span from the first to the last filled cell of `rows` (an office form: its first
    cell), and the line of the last filled row; None when no row is filled."""
    first_row = next((r for r in rows if r.filled), None)
    if first_row is None:
        return None
    last_row = next(r for r in reversed(rows) if r.filled)
    first, last = first_row.filled[0].span, last_row.filled[-1].span
    if first.cell is not None:
        return first, last_row.line
    return Span(first.line, first.column, last.end_line, last.end_column), last_row.line


def _has_level1(row: Row) -> bool:
    as_level1 = load_levels().as_level1
    for c in row.filled:  # noqa: SIM110 - a loop, not any(): this runs on every row
        if as_level1(c.text):
            return True
    return False


def _level1_row(rows: Sequence[Row]) -> int | None:
    """The first row with a level-1 name: an indicator table without a header row."""
    return next((i for i, row in enumerate(rows) if _has_level1(row)), None)


def _build_form(
    rows: Sequence[Row],
    headers: Mapping[int, TableHeader],
    index: int,
    title: _Title | None,
    path: str,
    layout: str | None,
) -> Form:
    """One form from its rows; `headers` as for `_starts`."""
    from linter.targets import parse_target

    problems: list[Problem] = []
    body = list(rows)
    year, year_span = (title.year, title.year_span) if title else (None, None)
    if title is not None:
        body = body[1:]
        if year is None:
            for j, row in enumerate(body):
                if not row.filled:
                    continue
                found = _year_cell(row.filled[0]) if len(row.filled) == 1 else None
                if found is not None:
                    year, year_span = found
                    body = body[j + 1 :]
                break
    else:
        first = next(r for r in rows if r.filled)
        problems.append(problem("missing-title", first.filled[0].span, index=index, line=first.line))
    table_at = next((j for j, row in enumerate(body) if id(row) in headers), None)
    th = headers[id(body[table_at])] if table_at is not None else None
    if table_at is not None:
        head_rows, table_rows = body[:table_at], body[table_at + 1 :]
    else:
        table_at = _level1_row(body)
        head_rows = body if table_at is None else body[:table_at]
        table_rows = [] if table_at is None else body[table_at:]
    header = read_header(head_rows)
    funds = header.to_funds()
    problems.extend(header.problems)
    if year is None and header.year is not None:
        year, year_span = header.year, header.year_span
    detected = th.layout if th is not None else TABBED
    reader = TableReader(th, load_levels(), parse_target, year, detected)
    for row in table_rows:
        if row.filled and id(row) not in headers:
            reader.read_row(row)
    problems.extend(reader.problems)
    span, last_line = _extent(rows) or (Span(1, 1, 1, 1), 1)
    if th is None and not reader.indicators:
        problems.append(problem("no-indicator-table", span, index=index, line=last_line))
    elif not reader.indicators:
        problems.append(
            problem(
                "truncated-form",
                span,
                index=index,
                line=last_line,
                what_zh="指标表只有表头，没有任何指标行",
                what_en="the indicator table has a header row but no indicator rows",
            )
        )
    return Form(
        path=path,
        index=index,
        layout=layout or detected,
        title=title.text if title else TextField(""),
        year=year,
        header=tuple(header.fields),
        funds=funds,
        plan_start=header.plan_start,
        plan_end=header.plan_end,
        goal=header.goal,
        indicators=tuple(reader.indicators),
        span=span,
        problems=tuple(problems),
        year_span=year_span,
    )


def build_forms(
    rows: Sequence[Row], path: str, layout: str | None = None, first_index: int = 1
) -> tuple[list[Form], list[Problem]]:
    """The forms in `rows`, and problems that belong to no form.

    `layout`, when given, is written into every `Form.layout` (docx, xlsx …); otherwise
    the layout is detected from the indicator table's header row (tabbed-text or
    split-columns). `first_index` numbers the first form (a workbook's later sheets go on
    counting from the earlier ones).
    """
    headers = {id(row): h for row in rows if (h := table_header(row)) is not None}
    starts = _starts(rows, headers)
    forms: list[Form] = []
    for n, (start, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
        forms.append(_build_form(rows[start:end], headers, first_index + n, title, path, layout))
    return forms, []
