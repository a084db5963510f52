"""Cells parted by spaces (pdftotext, web text).

A run of two or more spaces (or an ideographic space) always parts two cells; a single
space may part cells or stand inside one (`项目 绩效 目标`). One line is one row.
- Outside the indicator table, the header labels decide: a run of words that is a label is
  a cell, the words between two labels are one value cell.
- The table's header row is a line whose words are all column labels; its rows are fitted
  to its columns: each cell the fewest words that let the rest of the line fit, a level
  name only in a level column, a multi-word target only when the target grammar reads it
  as a number, a range, a date or a period (`base.accepts`).
A table row that cannot be fitted, or a line longer than 2,000 characters, keeps its chunks
between wide gaps as cells (its words, when it has no wide gap).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from linter.positions import split_lines
from linter.read.grid import Cell, Row
from linter.read.textmedia.base import (
    LEVEL1,
    LEVEL2,
    OPERATORS,
    TARGET,
    ColumnRole,
    Columns,
    HeaderLabel,
    accepts,
    cell_at,
    fit,
    is_number,
    is_title,
    legacy_level2,
    level1,
    level2,
    misplaced_numbers,
    quantitative,
    row_of,
    table_columns,
)
from linter.read.textmedia.lines import DEFAULT_COLUMNS

_WORD = re.compile(r"\S+")
_OPERATOR_START = re.compile(r"^[≥≤=＝<>≧≦＞＜±]")
_MAX_LABEL_WORDS = 4
_MAX_CELL_WORDS = 12
_MAX_LINE = 2000  # a longer line is not fitted to the table's columns (its cost grows with its words)


class Words:
    """The words of one line, with where they stand."""

    def __init__(self, lineno: int, line: str):
        self.lineno, self.line = lineno, line
        found = [(m.start(), m.end()) for m in _WORD.finditer(line)]
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]
        # wide[k]: the gap after word k parts two cells for sure
        self.wide = [_wide(line[self.ends[k] : self.starts[k + 1]]) for k in range(len(found) - 1)]

    def __len__(self) -> int:
        return len(self.starts)

    def text(self, a: int, b: int) -> str:
        """Words a … b-1 with the spaces between them, as written."""
        return self.line[self.starts[a] : self.ends[b - 1]]

    def joinable(self, a: int, b: int) -> bool:
        """Words a … b-1 can be one cell (no wide gap between them)."""
        return not any(self.wide[a : b - 1])

    def cell(self, a: int, b: int, col: int) -> Cell:
        cell = cell_at(self.lineno, self.line, self.starts[a], self.ends[b - 1], col)
        assert cell is not None
        return cell

    def chunks(self) -> list[tuple[int, int]]:
        """The word ranges between wide gaps."""
        out, a = [], 0
        for k, wide in enumerate(self.wide):
            if wide:
                out.append((a, k + 1))
                a = k + 1
        if len(self):
            out.append((a, len(self)))
        return out


def _wide(gap: str) -> bool:
    return len(gap) >= 2 or gap != " "


def _longest_label(words: Words, a: int, labelled: HeaderLabel) -> int:
    """How many words from `a` make a label (the most), or 0."""
    for k in range(min(_MAX_LABEL_WORDS, len(words) - a), 0, -1):
        if words.joinable(a, a + k) and labelled(words.text(a, a + k)):
            return k
    return 0


def label_cells(words: Words, labelled: HeaderLabel) -> list[Cell]:
    """Cells of a line outside the table: labels, and the words between them as one value
    (numbers each a value: a row of amounts under a row of funds labels)."""
    cells: list[Cell] = []
    for a, b in words.chunks():
        value_at = None
        t = a
        while t < b:
            k = _longest_label(words, t, labelled) if t < b else 0
            if k and t + k <= b:
                if value_at is not None:
                    _values(words, value_at, t, cells)
                    value_at = None
                cells.append(words.cell(t, t + k, len(cells)))
                t += k
            else:
                value_at = t if value_at is None else value_at
                t += 1
        if value_at is not None:
            _values(words, value_at, b, cells)
    return cells


def _values(words: Words, a: int, b: int, cells: list[Cell]) -> None:
    """Words a … b-1 as one value cell, or one cell each when every one is a number."""
    if b - a > 1 and all(is_number(words.text(t, t + 1)) for t in range(a, b)):
        first = len(cells)
        cells.extend([words.cell(t, t + 1, first + n) for n, t in enumerate(range(a, b))])
    else:
        cells.append(words.cell(a, b, len(cells)))


def header_columns(words: Words, column_role: ColumnRole) -> tuple[Columns, list[tuple[int, int]]] | None:
    """The columns when the line is an indicator table's header row, with each label's words."""
    groups: list[tuple[int, int]] = []
    t = 0
    while t < len(words):
        k = _longest_label(words, t, lambda s: column_role(s) is not None) or 1  # an unknown label: one word
        groups.append((t, t + k))
        t += k
    columns = table_columns([words.text(a, b) for a, b in groups], column_role)
    return (columns, groups) if columns is not None else None


def _fits(role: str | None, words: Words, a: int, b: int) -> bool:
    """A cell of words a … b-1 can stand in a column of `role`: one word as `accepts` says;
    several words only where the first is no level name and none after it looks like a cell
    of its own (a number, an operator, a level name, a target), and in a target column only
    as one target."""
    text = words.text(a, b)
    if b - a > 1:
        if role == TARGET:
            return quantitative(text)
        if role not in (LEVEL1, LEVEL2) and (
            level1(words.text(a, a + 1))
            or level2(words.text(a, a + 1))
            or any(_own_cell(words.text(k, k + 1)) for k in range(a + 1, b))
        ):
            return False
    return accepts(role, text)


def _own_cell(word: str) -> bool:
    """A word that is a cell by itself in a table row."""
    return (
        is_number(word)
        or _OPERATOR_START.match(word) is not None
        or word in OPERATORS
        or level1(word)
        or level2(word)
        or quantitative(word)
    )


def fit_words(words: Words, columns: Columns, first: int = 0) -> list[tuple[int, int, int]] | None:
    """Words `first …` as (start, end, column) cells fitted to `columns`, or None."""
    roles, n, memo = columns.roles, len(words), {}
    has_l2 = LEVEL2 in roles

    def go(t: int, pos: int) -> list[tuple[int, int, int]] | None:
        if t == n:
            return []
        if (t, pos) in memo:
            return memo[t, pos]
        memo[t, pos] = None
        for j in range(pos, len(roles)):
            most = min(_MAX_CELL_WORDS, n - t)
            while most > 1 and not words.joinable(t, t + most):
                most -= 1
            # a level name as many words as make one (产 出 指 标), any other cell as few
            sizes = range(most, 0, -1) if roles[j] in (LEVEL1, LEVEL2) else range(1, most + 1)
            legacy = has_l2 and legacy_level2(words.text(t, t + 1), words.text(t + 1, t + 2) if t + 1 < n else None)
            for k in sizes:
                if roles[j] == LEVEL1 and legacy:
                    continue  # 成本指标 with no level-2 name after it: the level-2 column
                if _fits(roles[j], words, t, t + k):
                    rest = go(t + k, j + 1)
                    if rest is not None:
                        memo[t, pos] = [(t, t + k, j), *rest]
                        return memo[t, pos]
        return None

    return go(first, 0)


def space_rows(text: str, column_role: ColumnRole, header_label: HeaderLabel) -> list[Row]:
    """Rows from text whose cells are parted by spaces (see the module's docstring)."""

    def labelled(s: str) -> bool:
        return header_label(s) or column_role(s) is not None

    rows: list[Row] = []
    columns: Columns | None = None
    header_at = -1  # how many rows there were after the last header row
    for lineno, line in enumerate(split_lines(text), 1):
        words = Words(lineno, line)
        if not len(words):
            rows.append(Row(lineno, (), (), ""))
            continue
        head = header_columns(words, column_role)
        if head is not None:
            columns = head[0]
            rows.append(row_of(lineno, [words.cell(a, b, j) for j, (a, b) in enumerate(head[1])]))
            header_at = len(rows)
            continue
        second = _second_header(words, columns, column_role) if header_at == len(rows) else None
        if second is not None:  # 优 良 中 差 under the header row's last column (评价标准)
            columns, cells = second
            rows.append(row_of(lineno, cells))
            continue
        if is_title(line):
            columns = None
        elif columns is None and level1(words.text(0, 1)):
            columns = DEFAULT_COLUMNS
        fits = columns is not None and len(line) <= _MAX_LINE  # a longer line keeps its chunks
        cells = table_cells(words, columns, header_label) if fits and columns is not None else None
        if cells is None and columns is not None and not _longest_label(words, 0, header_label):
            # a row that does not fit: its chunks between wide gaps, else its words
            parts = words.chunks() if any(words.wide) else [(k, k + 1) for k in range(len(words))]
            cells = [words.cell(a, b, n) for n, (a, b) in enumerate(parts)]
        if cells is None:
            columns = None  # a header label: the table has ended
            cells = label_cells(words, labelled)
        rows.append(row_of(lineno, cells))
    return rows


def table_cells(words: Words, columns: Columns, header_label: HeaderLabel) -> list[Cell] | None:
    """A table row's cells: a leading row label (绩效指标, column -1) when level names
    follow it, then the fitted cells; None when the line does not fit the table or starts
    with a header label (the next form's header)."""
    lead = _longest_label(words, 0, header_label)
    if lead == len(words):
        return None
    fitted = fit_words(words, columns, lead)
    if fitted is None or (lead and columns.roles[fitted[0][2]] not in (LEVEL1, LEVEL2)):
        return None
    fitted = _numbers_refitted(words, columns, fitted)
    head = [words.cell(0, lead, -1)] if lead else []
    return head + [words.cell(a, b, j) for a, b, j in fitted]


def _second_header(words: Words, columns: Columns | None, column_role: ColumnRole) -> tuple[Columns, list[Cell]] | None:
    """A second header row right under the header row (its words all column labels but no
    level, 优 良 中 差 under 评价标准): the columns with it in place of the last one, and its
    cells under that column on."""
    if columns is None or columns is DEFAULT_COLUMNS or len(words) < 2:
        return None
    roles = [column_role(words.text(k, k + 1)) for k in range(len(words))]
    if None in roles or LEVEL1 in roles or LEVEL2 in roles:
        return None
    last = len(columns.roles) - 1
    cells = [words.cell(k, k + 1, last + k) for k in range(len(words))]
    return Columns(columns.roles[:-1] + tuple(roles)), cells


def _numbers_refitted(words: Words, columns: Columns, fitted: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """`fitted`, or the same cells in the columns `base.fit` gives them when that puts fewer
    numbers in text columns (a row without its carried leading cells, 服务对象满意度 as a
    level 2)."""
    texts = [words.text(a, b) for a, b, _ in fitted]
    misplaced = misplaced_numbers(columns, texts, [j for _, _, j in fitted])
    if not misplaced:
        return fitted
    cols = fit(columns, texts)
    if cols is None or misplaced_numbers(columns, texts, cols) >= misplaced:
        return fitted
    return [(a, b, j) for (a, b, _), j in zip(fitted, cols, strict=True)]


def cells_texts(rows: Sequence[Row]) -> list[list[str]]:
    """Each filled row's cell texts (tests compare media by these)."""
    return [[c.text for c in r.filled] for r in rows if r.filled]


__all__ = ["LEVEL1", "Words", "cells_texts", "fit_words", "label_cells", "space_rows"]
