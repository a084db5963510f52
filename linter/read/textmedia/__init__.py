"""Text media: how a form's cells reach us in a text file, told apart by content.

`split_text(text, column_role)` → `(medium, rows, problems)`; the rows are the grid
(`linter.read.grid`) the form reader builds forms from. The media (../shared LAYOUTS.md §2):

| medium | the text | module |
| --- | --- | --- |
| tsv | cells parted by tabs (the seed; any text with a tab) | tsv |
| pipe-rows | `| a | b |` rows, separator lines, empty cells kept or dropped | pipes |
| pipe-cells | one cell a line ending in ` |`, a line of pipes ends the row | pipes |
| cell-lines | one cell a line, blank lines between rows or between cells | lines |
| spaces | cells parted by runs of spaces or single spaces | spaces |
| run-together | no separator at all | runon |

Detection is cheap for tab text: a text with a tab is tab text, without a look at its lines.
A text without tabs is told by its pipes, then by its indicator table's header row (column
labels on one line parted by spaces, run together, or one a line), then by its level rows;
a text with none of these is read as tab text (one cell a line), as it always was.
"""

from __future__ import annotations

import re

from linter.model import Problem
from linter.positions import split_lines
from linter.read.grid import Row
from linter.read.textmedia.base import (
    LEVEL1,
    ColumnRole,
    Columns,
    HeaderLabel,
    default_header_label,
    fit,
    is_title,
    level1,
    table_columns,
    with_cols,
)
from linter.read.textmedia.tsv import text_rows

_WIDE = re.compile(r"\s{2,}|\u3000")

MEDIA = ("tsv", "pipe-rows", "pipe-cells", "cell-lines", "spaces", "run-together")

__all__ = ["MEDIA", "ColumnRole", "detect_medium", "split_as", "split_text", "text_rows"]


def split_text(
    text: str, column_role: ColumnRole, header_label: HeaderLabel | None = None
) -> tuple[str, list[Row], list[Problem]]:
    """The medium of `text`, its rows and the problems met splitting them.

    `column_role` maps a column label (一级指标, 指标值 …) to its role or None;
    `header_label` tells a header label (项目名称 …): by default the shipped reader's.
    """
    if "\t" in text:  # the common case, decided without a look at the lines
        return "tsv", text_rows(text), []
    medium = detect_medium(text, column_role)
    rows, problems = split_as(text, medium, column_role, header_label)
    return medium, rows, problems


def split_as(
    text: str, medium: str, column_role: ColumnRole, header_label: HeaderLabel | None = None
) -> tuple[list[Row], list[Problem]]:
    """The rows of `text` read as `medium` (one of MEDIA)."""
    labelled = header_label or default_header_label
    if medium == "tsv":
        return text_rows(text), []
    if medium == "pipe-rows":
        from linter.read.textmedia.pipes import pipe_rows

        rows, widths = pipe_rows(text)
        return refit(rows, column_role, labelled, widths), []
    if medium == "pipe-cells":
        from linter.read.textmedia.pipes import pipe_cells

        return refit(pipe_cells(text), column_role, labelled), []
    if medium == "cell-lines":
        from linter.read.textmedia.lines import cell_lines

        return refit(cell_lines(text, column_role, labelled), column_role, labelled), []
    if medium == "spaces":
        from linter.read.textmedia.spaces import space_rows

        return refit(space_rows(text, column_role, labelled), column_role, labelled, table=False), []
    if medium == "run-together":
        from linter.read.textmedia.runon import runon_rows

        return runon_rows(text, column_role, labelled)
    raise ValueError(f"unknown text medium {medium!r}")


def refit(
    rows: list[Row],
    column_role: ColumnRole,
    labelled: HeaderLabel,
    widths: list[int] | None = None,
    table: bool = True,
) -> list[Row]:
    """Rows whose cells' `col` is their column under the table's header row above them,
    where their texts fit its columns (`base.fit`); above the table, a row of values under a
    row of more labels (a funds grid, goal texts under their labels) stands under its last
    labels. With `widths` (each row's count of parts as written), only a row with fewer
    parts than the row it is set under is moved: the others stand where they were written.
    `table` False: the table's rows are left as they are (they were fitted already)."""
    columns: Columns | None = None
    header_cols: list[int] = []
    header_width = 0
    after_header = False  # the last filled row was the table's header row
    labels: tuple[list[int], int] | None = None  # the last filled row, when all labels: cols, width
    out: list[Row] = []
    for n, row in enumerate(rows):
        texts = [c.text for c in row.filled]
        if not texts:
            out.append(row)
            continue
        width = widths[n] if widths else len(texts)
        under = columns is None and labels is not None and len(texts) < len(labels[0]) and width < labels[1]
        if under and labels is not None and not any(labelled(t) for t in texts):
            row = Row(row.line, tuple(with_cols(row.filled, labels[0][-len(texts) :])))
        labels = ([c.col for c in row.filled], width) if len(texts) > 1 and all(map(labelled, texts)) else None
        found = table_columns(texts, column_role)
        roles = [column_role(t) for t in texts] if table and after_header and columns is not None else []
        if found is not None:
            columns, header_cols = found, [c.col for c in row.filled]
            header_width = widths[n] if widths else 0
        elif columns is not None and roles and None not in roles and (widths is None or widths[n] < header_width):
            # a second header row (优 良 中 差 under 评价标准): under the header row's last column on
            cols = [header_cols[-1] + k for k in range(len(texts))]
            columns = Columns(columns.roles[:-1] + tuple(roles))
            header_cols = header_cols[:-1] + cols
            header_width += len(texts) - 1
            row = Row(row.line, tuple(with_cols(row.filled, cols)))
        elif len(texts) == 1 and is_title(texts[0]):
            columns = None
        elif table and columns is not None and (widths is None or widths[n] < header_width):
            cols = fit(columns, texts)
            if cols is not None:
                row = Row(row.line, tuple(with_cols(row.filled, [header_cols[j] for j in cols])))
        after_header = found is not None
        out.append(row)
    return out


def detect_medium(text: str, column_role: ColumnRole) -> str:
    """The medium of `text` (see the module's docstring)."""
    if "\t" in text:
        return "tsv"
    lines = [s for s in (line.strip() for line in split_lines(text)) if s]
    if "|" in text:
        found = _pipe_medium(lines)
        if found is not None:
            return found
    return _header_medium(lines, column_role) or _level_medium(lines) or "tsv"


def _pipe_medium(lines: list[str]) -> str | None:
    from linter.read.textmedia.pipes import is_pipe_end, is_separator

    rows = cells = ends = 0
    for s in lines:
        if "|" not in s:
            continue
        if is_pipe_end(s):
            ends += 1
        elif s.count("|") >= 2 or is_separator(s):
            rows += 1
        elif s.endswith("|"):
            cells += 1
    if cells >= 2 and ends >= 1 and cells > rows:
        return "pipe-cells"
    if rows >= 2:
        return "pipe-rows"
    return None


def _header_medium(lines: list[str], column_role: ColumnRole) -> str | None:
    """The medium the indicator table's header row is written in, or None."""
    from linter.read.textmedia.runon import runon_columns
    from linter.read.textmedia.spaces import Words, header_columns

    for n, s in enumerate(lines):
        if len(s) > 200:
            continue
        if column_role(s) == LEVEL1:
            if n + 1 < len(lines) and column_role(lines[n + 1]) is not None:
                return "cell-lines"
            continue
        if any(ch.isspace() for ch in s):
            if header_columns(Words(0, s), column_role) is not None:
                return "spaces"
        elif runon_columns(s, column_role) is not None:
            return "run-together"
    return None


def _level_medium(lines: list[str]) -> str | None:
    """The medium of a table without a header row, told by its level-1 rows, or None."""
    for s in lines:
        words = s.split()
        if level1(s):
            return "cell-lines"
        if len(words) > 1 and (level1(words[0]) or level1(_WIDE.split(s)[0])):
            return "spaces"  # 产出指标 数量指标 …, 产 出 指 标  数量指标 …
        if len(words) == 1 and any(level1(s[:n]) for n in range(2, min(16, len(s)))):
            return "run-together"
    return None
