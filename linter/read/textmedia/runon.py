"""Cells run together with no separator (`产出指标数量指标培训人次280人次`).

Read what the vocabulary and the target grammar can split; one line is one row.
- Outside the indicator table: a header label (three characters or more) starts a cell
  wherever it stands, the text between two labels is one value cell.
- The table's header row is a line of column labels (a stretch between two that is none:
  one label not known).
- A table row: a leading row label (绩效指标), the level-1 and level-2 names from
  rules/vocab/levels.yaml (longest first), then the name and the cells after it, cut by
  the table's columns (linter.read.textmedia.tails).
A line longer than 2,000 characters is one cell. A row none of these splits keeps its
levels; the rest is named in a problem (unsplit-row) and left out of the grid, where it
would read as a name without a target.
"""

from __future__ import annotations

from collections.abc import Callable

from linter.model import Problem
from linter.positions import split_lines
from linter.read.grid import Cell, Row
from linter.read.problems import problem
from linter.read.textmedia.base import (
    LEVEL1,
    LEVEL2,
    NAME,
    ColumnRole,
    Columns,
    HeaderLabel,
    cell_at,
    is_title,
    legacy_level2,
    level1,
    level2,
    row_of,
    table_columns,
)
from linter.read.textmedia.lines import DEFAULT_COLUMNS
from linter.read.textmedia.tails import cut_cells, cut_row

_MAX_LABEL = 16
_MAX_LINE = 2000  # a longer line is one cell: cutting costs time in proportion to its length × 16
_MIN_VALUE_LABEL = 3  # shorter labels (资金, 单位) occur inside values too often


class Line:
    """One line and its cells as they are cut."""

    def __init__(self, lineno: int, line: str):
        self.lineno, self.line = lineno, line
        self.cells: list[Cell] = []

    def add(self, start: int, end: int, col: int) -> None:
        cell = cell_at(self.lineno, self.line, start, end, col)
        if cell is not None:
            self.cells.append(cell)


def _longest(s: str, i: int, test: Callable[[str], object], shortest: int = 1) -> int:
    """The length of the longest `s[i:i+n]` that passes `test`, or 0."""
    for n in range(min(_MAX_LABEL, len(s) - i), shortest - 1, -1):
        if test(s[i : i + n]):
            return n
    return 0


def header_labels(line: str, column_role: ColumnRole) -> list[tuple[int, int]] | None:
    """The (start, end) of each column label when `line` is made of column labels (a stretch
    between two labels that is none is one label not known); None when it holds white space."""
    s = line.strip()
    if not s or any(ch.isspace() for ch in s):
        return None
    i = line.index(s[0])
    end = i + len(s)
    out: list[tuple[int, int]] = []
    unknown = None  # where a stretch of no known label began
    while i < end:
        n = _longest(line[:end], i, lambda t: column_role(t) is not None, 2)
        if n:
            if unknown is not None:
                out.append((unknown, i))
                unknown = None
            out.append((i, i + n))
            i += n
        else:
            unknown = i if unknown is None else unknown
            i += 1
    if unknown is not None:
        out.append((unknown, end))
    return out


def runon_columns(line: str, column_role: ColumnRole) -> tuple[Columns, list[tuple[int, int]]] | None:
    found = header_labels(line, column_role)
    if found is None or len(found) < 2:
        return None
    columns = table_columns([line[a:b] for a, b in found], column_role)
    return (columns, found) if columns is not None else None


def label_line(ln: Line, labelled: HeaderLabel) -> None:
    """Cells of a line outside the table: labels wherever they stand, values between."""
    s, i, value_at = ln.line, 0, None
    while i < len(s):
        n = _longest(s, i, labelled, _MIN_VALUE_LABEL) if not s[i].isspace() else 0
        if n:
            if value_at is not None:
                ln.add(value_at, i, len(ln.cells))
                value_at = None
            ln.add(i, i + n, len(ln.cells))
            i += n
        else:
            value_at = i if value_at is None else value_at
            i += 1
    if value_at is not None:
        ln.add(value_at, len(s), len(ln.cells))


def _at(columns: Columns, role: str, fallback: int) -> int:
    found = columns.index(role)
    return found if found is not None else fallback


def table_line(ln: Line, columns: Columns, header_label: HeaderLabel) -> bool | None:
    """Cut a table row. True when split, False when its name and target could not be told
    apart (the rest is one cell), None when the line is no table row (a header label)."""
    s = ln.line.rstrip()
    i = len(s) - len(s.lstrip())
    lead = _longest(s, i, header_label, 2)
    if lead:
        after = i + lead
        if not (_longest(s, after, level1, 2) or _longest(s, after, level2, 2)):
            return None
        ln.add(i, after, -1)
        i = after
    named = False  # a level 2 in the name column (Zhejiang's 指标名称 without a 二级指标 column)
    for role, test in ((LEVEL1, level1), (LEVEL2, level2)):
        n = _longest(s, i, test, 2)
        if n:
            after = _longest(s, i + n, level2, 2)
            following = s[i + n : i + n + after] if after else None
            legacy = role == LEVEL1 and columns.index(LEVEL2) is not None and legacy_level2(s[i : i + n], following)
            named = role == LEVEL2 and columns.index(LEVEL2) is None and columns.index(NAME) is not None
            ln.add(i, i + n, _at(columns, NAME if named else LEVEL2 if legacy else role, 0))
            i += n
            if legacy:
                break
    if i >= len(s):
        return True
    cells = _after_name(s, i, columns) if named else cut_row(s, i, len(s), columns)
    if cells is None:
        ln.add(i, len(s), _at(columns, NAME, 2))
        return False
    for a, b, col in cells:
        ln.add(a, b, col)
    return True


def _second_header(
    line: str, columns: Columns | None, column_role: ColumnRole
) -> tuple[Columns, list[tuple[int, int]]] | None:
    """A second header row right under the header row, its labels run together and none a
    level (优良中差 under 评价标准): the columns with it in place of the last one, and where
    each label stands."""
    s = line.strip()
    if columns is None or not s or any(ch.isspace() for ch in s):
        return None
    i, end, found = line.index(s[0]), line.index(s[0]) + len(s), []
    while i < end:
        n = _longest(line[:end], i, lambda t: column_role(t) is not None)
        if not n:
            return None
        found.append((i, i + n))
        i += n
    roles = tuple(column_role(line[a:b]) for a, b in found)
    if len(found) < 2 or LEVEL1 in roles or LEVEL2 in roles:
        return None
    return Columns(columns.roles[:-1] + roles), found


def _after_name(s: str, i: int, columns: Columns) -> list[tuple[int, int, int]] | None:
    """The cells after the name column, cut by their columns (the name column holds a level 2)."""
    roles = columns.roles
    name_col = roles.index(NAME)
    tail = [(j, roles[j]) for j in range(name_col + 1, len(roles))]
    return cut_cells(s, i, len(s), tail, roles) or None


def runon_rows(text: str, column_role: ColumnRole, header_label: HeaderLabel) -> tuple[list[Row], list[Problem]]:
    """Rows from text run together (see the module's docstring), and the rows not split."""

    def labelled(t: str) -> bool:
        return header_label(t) or column_role(t) is not None

    rows: list[Row] = []
    problems: list[Problem] = []
    columns: Columns | None = None
    header_at = -1  # how many rows there were after the last header row
    for lineno, line in enumerate(split_lines(text), 1):
        ln = Line(lineno, line)
        if not line.strip():
            rows.append(Row(lineno, (), (), ""))
            continue
        head = runon_columns(line, column_role)
        if head is not None and _longest(line, head[1][0][0], header_label, 2) > head[1][0][1] - head[1][0][0]:
            head = None  # a longer header label where it starts (一级项目名称, not 一级): the header block
        if head is not None:
            columns = head[0]
            for j, (a, b) in enumerate(head[1]):
                ln.add(a, b, j)
            rows.append(row_of(lineno, ln.cells))
            header_at = len(rows)
            continue
        second = _second_header(line, columns, column_role) if header_at == len(rows) else None
        if second is not None:  # 优良中差 under the header row's last column (评价标准)
            columns, found = second
            last = rows[-1].filled[-1].col  # the header row's last column
            for k, (a, b) in enumerate(found):
                ln.add(a, b, last + k)
            rows.append(row_of(lineno, ln.cells))
            continue
        if len(line) > _MAX_LINE or is_title(line):  # a title, or a text too long to be cut
            columns = None
            ln.add(0, len(line), 0)
            rows.append(row_of(lineno, ln.cells))
            continue
        if columns is None and _longest(line.strip(), 0, level1, 2):
            columns = DEFAULT_COLUMNS
        split = table_line(ln, columns, header_label) if columns is not None else None
        if split is None:
            ln.cells = []
            if columns is not None:
                columns = None
            label_line(ln, labelled)
        elif not split:  # the rest stays out of the grid: read as a name, it would have no target
            rest = ln.cells.pop()
            problems.append(problem("unsplit-row", rest.span, line=lineno, text=rest.text))
        rows.append(row_of(lineno, ln.cells))
    return rows, problems
