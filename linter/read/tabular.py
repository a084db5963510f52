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
from linter.read.columns import TableHeader, refine, table_headers
from linter.read.grid import Cell, Row, RowTexts
from linter.read.header import HeaderWords, cue_keys, header_words, read_header
from linter.read.layouts import LayoutSet, active
from linter.read.levels import LevelVocab, levels_with
from linter.read.problems import problem
from linter.read.table import read_table

_YEAR_CELL = re.compile(r"^(?:[（(]\s*(\d{4})\s*(?:年度?)?\s*[)）]?|(\d{4})\s*年度?\s*[)）]?)$")
_TITLE_MAX = 48


@dataclass
class _Title:
    text: TextField
    year: int | None
    year_span: Span | None


def _title(row: Row, pattern: re.Pattern[str]) -> _Title | None:
    """The title of a form when `row` is a title row (the title cell first, at most a
    year cell beside it); `pattern` is the layouts' title pattern."""
    cells = row.filled
    if not cells or len(cells) > 2 or len(cells[0].text) > _TITLE_MAX:
        return None
    cell = cells[0]
    m = pattern.match(cell.text)
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


def _has_name_label(row: Row, words: HeaderWords) -> bool:
    for c in row.filled:  # noqa: SIM110 - a loop, not any(): this runs on every row
        if "称" in c.text and words.fields.get(words.cell(c.text).key) == "项目名称":
            return True
    return False


def _starts(
    rows: Sequence[Row], headers: Mapping[int, TableHeader], layouts: LayoutSet, texts: RowTexts
) -> list[tuple[int, _Title | None]]:
    """Where forms start: title rows, or (untitled) a 项目名称 row or an indicator table
    header that comes with no form open or after the open form's indicator table.
    `headers` maps `id(row)` to the row's `table_header` (rows that are not one are absent)."""
    starts: list[tuple[int, _Title | None]] = []
    pattern = layouts.title_pattern()
    titled = texts.holding(layouts.title_ends())  # 表, 系 …: a title row holds one of them
    words = header_words(layouts.union)
    vocab = levels_with(layouts.union.level_aliases)  # with the layouts' level-name aliases
    open_form = False
    has_table = False  # the open form's indicator table has begun …
    unchecked: list[Row] = []  # … or one of these rows has a level-1 name (checked only when asked)
    for i, row in enumerate(rows):
        if not row.filled:
            continue
        # "称" (of 项目名称): a word test on the row's text before its cells
        text = row.line_text
        title = _title(row, pattern) if i in titled else None
        if title is not None:
            starts.append((i, title))
            open_form, has_table, unchecked = True, False, []
            continue
        is_table = id(row) in headers
        named = "称" in text and _has_name_label(row, words) and not is_table
        if not open_form:
            if is_table or named:
                starts.append((i, None))
                open_form, has_table, unchecked = True, is_table, []
            continue
        if named:
            if not has_table and unchecked:
                has_table = any(_has_level1(r, vocab) for r in unchecked)
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


def _has_level1(row: Row, vocab: LevelVocab) -> bool:
    as_level1 = vocab.as_level1
    for c in row.filled:  # noqa: SIM110 - a loop, not any(): this runs on every row
        if as_level1(c.text):
            return True
    return False


def _level1_row(rows: Sequence[Row], vocab: LevelVocab) -> int | None:
    """The first row with a level-1 name: an indicator table without a header row."""
    return next((i for i, row in enumerate(rows) if _has_level1(row, vocab)), None)


def _split_title(
    rows: Sequence[Row], title: _Title | None, index: int
) -> tuple[list[Row], int | None, Span | None, list[Problem]]:
    """The rows after the title (and a year row under it), the year and its span."""
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
    return body, year, year_span, problems


def _build_forms(
    rows: Sequence[Row],
    headers: Mapping[int, TableHeader],
    index: int,
    title: _Title | None,
    path: str,
    medium: str,
    layouts: LayoutSet,
) -> tuple[list[Form], list[Problem]]:
    """The form in `rows` (several for a multi-project grid), or none and a notice for a table
    that is no target form (an evaluation index); `headers` as for `_starts`."""
    body, year, year_span, problems = _split_title(rows, title, index)
    table_at = next((j for j, row in enumerate(body) if id(row) in headers), None)
    th = headers[id(body[table_at])] if table_at is not None else None
    if table_at is not None:
        head_rows, table_rows = body[:table_at], body[table_at + 1 :]
    else:
        table_at = _level1_row(body, levels_with(layouts.union.level_aliases))
        head_rows = body if table_at is None else body[:table_at]
        table_rows = [] if table_at is None else body[table_at:]
    if th is not None:  # a second header row under the first (中期指标值 | 年度指标值 under 指标值)
        first = next((r for r in table_rows if r.filled and id(r) not in headers), None)
        if first is not None and refine(th, first, layouts.union):
            table_rows = [r for r in table_rows if r is not first]
    columns = {label_key(c.label) for c in (th.columns if th else ())}
    roles = {c.role for c in (th.columns if th else ()) if c.role}
    cues = cue_keys(head_rows, header_words(layouts.union))
    layout = layouts.recognise(title.text.text if title else "", cues, columns, roles)
    header = read_header(head_rows, year, header_words(layout))
    if year is None and header.year is not None:
        year, year_span = header.year, header.year_span
    span, last_line = _extent(rows) or (Span(1, 1, 1, 1), 1)
    if layout.kind == "evaluation-index":
        what = (layout.name_zh, layout.name_en)
        notice = problem("not-a-target-form", span, what_zh=what[0], what_en=what[1], line=span.line)
        return [], [notice]
    table = read_table(th, table_rows, headers, layouts, year)
    funds = header.to_funds()
    problems += header.problems + table.problems
    if th is None and not table.indicators:
        problems.append(problem("no-indicator-table", span, index=index, line=last_line))
    elif not table.indicators:
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
    form = Form(
        path=path,
        index=index,
        template=layout.template,
        medium=medium,
        title=title.text if title else TextField(""),
        year=year,
        header=tuple(header.fields),
        funds=funds,
        plan_start=header.plan_start,
        plan_end=header.plan_end,
        goal=header.goal,
        indicators=tuple(table.indicators),
        span=span,
        problems=tuple(problems),
        year_span=year_span,
        columns=th.columns if th else (),
    )
    if table.groups:
        return table.split(form), []
    return [form], []


def build_forms(
    rows: Sequence[Row], path: str, medium: str = "tsv", first_index: int = 1, layouts: LayoutSet | None = None
) -> tuple[list[Form], list[Problem]]:
    """The forms in `rows`, and problems that belong to no form (a table recognised as no
    target form). `medium` names how the cells reached us (tsv, docx, xlsx …) and is written
    into every `Form.medium`; the template is recognised per form from the layouts
    (default: the active ones). `first_index` numbers the first form (a workbook's later
    sheets go on counting from the earlier ones)."""
    layouts = layouts or active()
    union = layouts.union
    texts = RowTexts(rows)
    headers = table_headers(rows, union, texts)
    starts = _starts(rows, headers, layouts, texts)
    forms: list[Form] = []
    problems: list[Problem] = []
    for n, (start, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
        found, notices = _build_forms(rows[start:end], headers, first_index + len(forms), title, path, medium, layouts)
        forms += found
        problems += notices
    return forms, problems
