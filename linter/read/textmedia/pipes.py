"""Pipe media: rows written `| a | b |` (markdown, HTML converted to text) and one cell per
line ending in ` |` with a line of pipes closing each row."""

from __future__ import annotations

import re

from linter.positions import split_lines
from linter.read.grid import Cell, Row
from linter.read.textmedia.base import cell_at, row_of

# A markdown separator line: |---|:---:|, with or without its outer pipes.
_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)*\s*:?-{2,}:?\s*\|?\s*$")


def is_separator(line: str) -> bool:
    return "-" in line and _SEPARATOR.match(line) is not None


def pipe_row_cells(lineno: int, line: str) -> tuple[list[Cell], int]:
    """The cells of one pipe row and how many parts it has: the parts between pipes, `col`
    counting every part (empty ones too) from the first after the opening pipe; a line
    without pipes is one cell."""
    bounds = [i for i, ch in enumerate(line) if ch == "|"]
    edges = [-1, *bounds, len(line)]
    cells: list[Cell] = []
    col = 0
    last = len(edges) - 2
    for n in range(last + 1):
        start, end = edges[n] + 1, edges[n + 1]
        if ((n == 0 and bounds) or (n == last and n)) and not line[start:end].strip():
            continue  # the blank before the opening pipe or after the closing one
        cell = cell_at(lineno, line, start, end, col)
        if cell is not None:
            cells.append(cell)
        col += 1
    return cells, col


def pipe_rows(text: str) -> tuple[list[Row], list[int]]:
    """Pipe rows, one a line, and each row's count of parts; separator lines and blank
    lines give rows without cells."""
    rows: list[Row] = []
    widths: list[int] = []
    for lineno, line in enumerate(split_lines(text), 1):
        if not line.strip() or is_separator(line):
            rows.append(Row(lineno, (), (), ""))
            widths.append(0)
            continue
        cells, width = pipe_row_cells(lineno, line)
        rows.append(row_of(lineno, cells))
        widths.append(width)
    return rows, widths


def is_pipe_end(stripped: str) -> bool:
    """A line of pipes alone (`|`, `|||`): the end of a row in the pipe-per-cell medium."""
    return bool(stripped) and not stripped.strip("|").strip()


def pipe_cells(text: str) -> list[Row]:
    """One cell a line, `text |`; a line of pipes alone (or a blank line) ends the row.
    A cell's `col` is its place in its row (this medium writes no empty cells)."""
    rows: list[Row] = []
    cells: list[Cell] = []
    first_line = 0

    def close() -> None:
        nonlocal cells
        if cells:
            rows.append(row_of(first_line, cells))
            cells = []

    for lineno, line in enumerate(split_lines(text), 1):
        stripped = line.strip()
        if not stripped or is_pipe_end(stripped):
            close()
            continue
        start, end = 0, len(line)
        if stripped.endswith("|"):
            end = line.rindex("|")
        if stripped.startswith("|"):
            start = line.index("|") + 1
        cell = cell_at(lineno, line, start, end, len(cells))
        if cell is None:
            continue
        if not cells:
            first_line = lineno
        cells.append(cell)
    close()
    return rows
