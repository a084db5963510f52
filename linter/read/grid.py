"""The grid: rows of cells with their source spans, the common shape of every tabular input.

The text reader splits tab-separated lines into a grid; the office readers turn tables and
sheets into the same grid. `linter.read.tabular` builds forms from a grid, so every layout
shares one way of classifying cells.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter

from linter.model import Span


@dataclass(slots=True)
class Cell:
    """One cell. `text` is stripped of surrounding white space; `span` covers exactly that
    text (an empty cell has a zero-width span where it stood). `col` is the 0-based column
    it stood in, which is NOT reliable in drifting layouts.

    A plain slotted dataclass, like the model's values (linter/model.py): readers read a cell's
    fields more often than they make cells. Never changed once made."""

    text: str
    span: Span
    col: int


class Row:
    """One row of the grid. `line` is the 1-based line (or row number) it came from;
    `cells` its cells in order (the text reader keeps only the non-empty ones, office
    readers every cell of the table); `filled` the non-empty cells, in order; `line_text`
    the row as one text (the line as read, else the filled cells' texts joined by tabs),
    which holds every cell's text: a word not in it is in no cell, found without a loop.

    A plain slotted class: readers make one per line, and building a frozen dataclass
    (with its `__post_init__`) cost three times as much.
    """

    __slots__ = ("cells", "filled", "line", "line_text")

    def __init__(
        self,
        line: int,
        cells: tuple[Cell, ...],
        filled: tuple[Cell, ...] | None = None,
        line_text: str | None = None,
    ):
        self.line = line
        self.cells = cells
        self.filled = tuple([c for c in cells if c.text]) if filled is None else filled
        self.line_text = "\t".join([c.text for c in self.filled]) if line_text is None else line_text

    def __repr__(self) -> str:
        return f"Row(line={self.line!r}, cells={self.cells!r})"

    @property
    def texts(self) -> list[str]:
        """The non-empty cell texts, in order."""
        return [c.text for c in self.filled]


_LINE_TEXT = attrgetter("line_text")


class RowTexts:
    """The texts of a form's rows joined once, to find the rows that hold a character: one
    `str.find` scan per character, not a test per row (most rows hold none). The reader asks
    twice per text (title rows, table header rows)."""

    def __init__(self, rows: Sequence[Row]):
        texts = list(map(_LINE_TEXT, rows))
        self.joined = "".join(texts)
        self.ends = list(accumulate(map(len, texts)))  # the offset just past each row's text

    def holding(self, chars: str) -> set[int]:
        """The indexes of the rows whose text holds one of `chars`."""
        joined, ends = self.joined, self.ends
        found: set[int] = set()
        for ch in chars:
            at = joined.find(ch)
            while at != -1:
                i = bisect_right(ends, at)
                found.add(i)
                at = joined.find(ch, ends[i])
        return found
