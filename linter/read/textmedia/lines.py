"""One cell per line (PDF or Word copied as text).

Blank lines between rows: each block of lines is a row. Blank lines between cells (or none
at all): the rows are rebuilt. Before the indicator table a header label starts a row (so a
label and its value stay together); the table's header row is the run of column labels,
and its rows are rebuilt from its columns: a level name, or a cell no column after the last
one can hold, starts the next row (`base.fit`).
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.positions import split_lines
from linter.read.grid import Cell, Row
from linter.read.textmedia.base import (
    LEVEL1,
    LEVEL2,
    LEVEL2_ROLES,
    NAME,
    TARGET,
    ColumnRole,
    Columns,
    HeaderLabel,
    accepts,
    cell_at,
    is_title,
    legacy_level2,
    level1,
    level2,
    row_of,
    table_columns,
)

DEFAULT_COLUMNS = Columns((LEVEL1, LEVEL2, NAME, TARGET))  # a table without a header row
_MAX_BLOCK = 16  # a "row" of more lines than this is no row: the blank lines part cells


def line_cells(text: str) -> list[list[Cell]]:
    """The cells of `text`, one a non-blank line, in blocks parted by blank lines."""
    blocks: list[list[Cell]] = [[]]
    for lineno, line in enumerate(split_lines(text), 1):
        cell = cell_at(lineno, line, 0, len(line), 0)
        if cell is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(cell)
    return [b for b in blocks if b]


def cell_lines(text: str, column_role: ColumnRole, header_label: HeaderLabel) -> list[Row]:
    """Rows from one cell a line: by blocks when blank lines part rows, else rebuilt."""
    blocks = line_cells(text)
    sizes = [len(b) for b in blocks]
    if sizes and max(sizes) > 1 and max(sizes) <= _MAX_BLOCK:
        return [row_of(b[0].span.line, [Cell(c.text, c.span, i) for i, c in enumerate(b)]) for b in blocks]
    return rebuild([c for b in blocks for c in b], column_role, header_label)


def _header_run(cells: Sequence[Cell], i: int, column_role: ColumnRole, header_label: HeaderLabel) -> Columns | None:
    """The columns when `cells[i:]` starts with an indicator table's header row."""
    if column_role(cells[i].text) != LEVEL1:
        return None
    j, seen = i, set()
    while j < len(cells) and (role := column_role(cells[j].text)) is not None:
        if role in seen and header_label(cells[j].text) and j + 1 < len(cells) and level1(cells[j + 1].text):
            break  # a row label before the first row's level names (绩效指标, a name label too)
        seen.add(role)
        j += 1
    return table_columns([c.text for c in cells[i:j]], column_role)


def rebuild(cells: Sequence[Cell], column_role: ColumnRole, header_label: HeaderLabel) -> list[Row]:
    """Rows rebuilt from a stream of cells (see the module's docstring)."""
    rows: list[Row] = []
    current: list[Cell] = []
    columns: Columns | None = None
    pos = 0  # the next column a cell of the table can stand in

    def close() -> None:
        nonlocal current, pos
        if current:
            rows.append(row_of(current[0].span.line, current))
        current, pos = [], 0

    i = 0
    while i < len(cells):
        cell = cells[i]
        text = cell.text
        found = _header_run(cells, i, column_role, header_label)
        if found is not None:
            close()
            n = len(found.roles)
            head = [Cell(c.text, c.span, k) for k, c in enumerate(cells[i : i + n])]
            rows.append(row_of(cell.span.line, head))
            columns, i = found, i + n
            continue
        if header_label(text) and i + 1 < len(cells) and (level1(cells[i + 1].text) or level2(cells[i + 1].text)):
            close()  # a row label before the level names (绩效指标): kept in their row
            columns = columns or DEFAULT_COLUMNS
            current = [Cell(text, cell.span, -1)]
            i += 1
            continue
        if is_title(text) or (header_label(text) and not (columns and level2(text))):
            close()
            columns = None
            if is_title(text):
                rows.append(row_of(cell.span.line, [cell]))
            else:
                current = [Cell(text, cell.span, 0)]
            i += 1
            continue
        if columns is None and level1(text):
            close()
            columns = DEFAULT_COLUMNS
        if columns is None:
            current.append(Cell(text, cell.span, len(current)))
            i += 1
            continue
        roles = columns.roles
        l2 = next((j for j in range(pos, len(roles)) if roles[j] in LEVEL2_ROLES), None)  # the next level-2 column
        following = cells[i + 1].text if i + 1 < len(cells) else None
        legacy = l2 is not None and (legacy_level2(text, following) or (level2(text) and not level1(text)))
        j = next(
            (j for j in range(l2 if legacy and l2 is not None else pos, len(roles)) if accepts(roles[j], text)), None
        )
        if j is None or (current and _starts_row(columns, text, pos)):
            close()
            first_l2 = columns.index(LEVEL2)
            legacy = first_l2 is not None and legacy_level2(text, following)
            j = next(
                (j for j in range(first_l2 if legacy else 0, len(roles)) if accepts(roles[j], text)), len(roles) - 1
            )
        current.append(Cell(text, cell.span, j))
        pos = j + 1
        if pos >= len(roles):
            close()
        i += 1
    close()
    return rows


def _starts_row(columns: Columns, text: str, pos: int) -> bool:
    """A level name whose column lies at or before `pos`: the first cell of a new row."""
    l1, l2 = columns.index(LEVEL1), columns.index(LEVEL2)
    if l2 is not None and pos <= l2 and level2(text):
        return False  # 成本指标 under 产出指标 (a level-2 name that is a level-1 name too)
    if l1 is not None and level1(text) and l1 < pos:
        return True
    return l2 is not None and level2(text) and not level1(text) and l2 < pos
