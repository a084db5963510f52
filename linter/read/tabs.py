"""Tab-separated text → rows of cells (the common medium: what Excel and budget systems
export). A module of its own below linter.read.text and linter.read.textmedia, which both
read tab text this way."""

from __future__ import annotations

from linter.model import Span
from linter.read.decode import split_lines
from linter.read.grid import Cell, Row

_new = tuple.__new__


def text_rows(text: str) -> list[Row]:
    """Split `text` into rows at line ends and cells at tabs, keeping the non-empty cells.

    Each cell's text is stripped of surrounding white space and its span covers exactly
    the stripped text (1-based columns, end exclusive); `col` counts the tabs before it,
    empty cells included. Every line gives a row, a blank one a row without cells.
    """
    rows: list[Row] = []
    lineno = 0
    for line in split_lines(text):
        lineno += 1
        if not line or line.isspace():  # blank, or tabs and spaces only
            rows.append(Row(lineno, (), (), ""))
            continue
        cells: list[Cell] = []
        start = 1  # the 1-based column where the current part starts
        for col, part in enumerate(line.split("\t")):
            if part:
                size = len(part)
                stripped = part.strip()
                if stripped:
                    # tuple.__new__ skips the named tuples' Python-level __new__ (the hot loop)
                    if len(stripped) == size:
                        span = _new(Span, (lineno, start, lineno, start + size, None))
                    else:
                        first = start + part.index(stripped)
                        span = _new(Span, (lineno, first, lineno, first + len(stripped), None))
                    cells.append(Cell(stripped, span, col))
                start += size + 1
            else:
                start += 1
        filled = tuple(cells)
        rows.append(Row(lineno, filled, filled, line))
    return rows
