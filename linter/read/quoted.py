"""Excel's quoted multi-line cells in tab text.

Excel copies (and saves as tab-separated text) a cell holding a line break in double quotes
with the break inside, a quote within the cell doubled:

    效 益 指 标<TAB>"经济效益
    指标"<TAB>带动种植户节本增收总额<TAB>≥30万

`join_quoted` makes such lines one row of the grid, the quoted cell one cell whose text keeps
the break as "\\n" (as the office readers keep a break inside a cell) and whose doubled quotes
are single. The row keeps the line of the opening quote; the cell's span runs from its first
character after the opening quote to just before the closing quote, over the lines it spans
(a finding on it points at the line and column where the cell's text starts); the cells after
the closing quote keep their own line and column.

Only a cell that is the last on its line, starts with `"` right after a tab (or at the line's
start) and leaves the quote open there counts; it is closed by the first part of a following
line that ends in the one unpaired quote, followed by a tab or the line end. A line in between
holds no tab and no unpaired quote. Anything else (a stray quote inside a cell, 指标值"≥95%",
a quote never closed, a tab inside the quotes) leaves the lines as they are. A quoted cell on
one line is left as written.
"""

from __future__ import annotations

from linter.model import Span
from linter.positions import split_lines
from linter.read.grid import Cell, Row

__all__ = ["join_quoted"]


def join_quoted(text: str, rows: list[Row]) -> list[Row]:
    """`rows` (`text_rows(text)`: one row a line) with each quoted multi-line cell joined."""
    lines = split_lines(text)
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if '"' in lines[i] and _opens(lines[i]) is not None:
            joined = _join(lines, rows, i)
            if joined is not None:
                row, i = joined
                out.append(row)
                continue
        out.append(rows[i])
        i += 1
    return out


def _opens(line: str, first: bool = True) -> int | None:
    """The 0-based offset of the opening quote of a quoted cell left open at the end of
    `line`, or None. On a line that closes a quoted cell (not `first`), only a cell after a
    tab can open another."""
    start = line.rfind("\t") + 1
    if not start and not first:
        return None
    if line[start : start + 1] != '"' or '"' in line[start + 1 :].replace('""', ""):
        return None
    return start


def _closes(line: str) -> bool | None:
    """True when the first part of `line` (up to its first tab) ends a quoted cell, False
    when the line lies inside one, None when it can do neither."""
    first, tab, _ = line.partition("\t")
    body = first.replace('""', "")
    if '"' not in body:
        return None if tab else False
    return True if body.count('"') == 1 and body.endswith('"') and first.endswith('"') else None


def _join(lines: list[str], rows: list[Row], i: int) -> tuple[Row, int] | None:
    """The row that starts at line index `i` with its quoted cells joined, and the index of
    the line after it; None when the quote opened on line `i` is not closed as Excel would."""
    cells = list(rows[i].filled)
    at, shift = i, 0  # the line the row has reached; the column its first part stands in
    while True:
        line = lines[at]
        opening = _opens(line, at == i)
        if opening is None:
            break
        end = at + 1
        while end < len(lines) and (state := _closes(lines[end])) is False:
            end += 1
        if end >= len(lines) or not state:
            break
        col = shift + line.count("\t")
        closer = lines[end].partition("\t")[0]
        cells = [c for c in cells if c.span.line != at + 1 or c.col < col]
        cell = _cell((at + 1, opening + 2), [line[opening + 1 :], *lines[at + 1 : end], closer[:-1]], col)
        if cell is not None:
            cells.append(cell)
        cells.extend(Cell(c.text, c.span, col + c.col) for c in rows[end].filled if c.col > 0)
        at, shift = end, col
    if at == i:
        return None
    filled = tuple(cells)
    return Row(i + 1, filled, filled), at + 1


def _cell(start: tuple[int, int], parts: list[str], col: int) -> Cell | None:
    """The cell whose raw text is `parts` (its lines, quotes still doubled), starting at 1-based
    (line, column) `start`; None when it holds only white space."""
    raw = "\n".join(parts)
    text = raw.strip()
    if not text:
        return None
    first = raw.index(text)
    begin = _position(start, parts, first)
    end = _position(start, parts, first + len(text))
    span = Span(begin[0], begin[1], end[0], end[1])
    return Cell(text.replace('""', '"'), span, col)


def _position(start: tuple[int, int], parts: list[str], offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of `offset` into "\\n".join(parts), the first part starting
    at `start`."""
    line, column = start
    for part in parts:
        if offset <= len(part):
            return line, column + offset
        offset -= len(part) + 1
        line, column = line + 1, 1
    raise ValueError(offset)
