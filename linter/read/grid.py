"""The grid: rows of cells with their source spans, the common shape of every tabular input.

The text reader splits tab-separated lines into a grid; the office readers turn tables and
sheets into the same grid. `linter.read.tabular` builds forms from a grid, so every layout
shares one way of classifying cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from linter.model import Span


class Cell(NamedTuple):
    """One cell. `text` is stripped of surrounding white space; `span` covers exactly that
    text (an empty cell has a zero-width span where it stood). `col` is the 0-based column
    it stood in, which is NOT reliable in drifting layouts."""

    text: str
    span: Span
    col: int


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the grid. `line` is the 1-based line (or row number) it came from."""

    line: int
    cells: tuple[Cell, ...]
    filled: tuple[Cell, ...] = field(init=False, repr=False, compare=False)  # the non-empty cells, in order

    def __post_init__(self) -> None:
        object.__setattr__(self, "filled", tuple(c for c in self.cells if c.text))

    @property
    def texts(self) -> list[str]:
        """The non-empty cell texts, in order."""
        return [c.text for c in self.filled]
