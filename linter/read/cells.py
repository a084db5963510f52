"""Small helpers on cells: the one label normalisation every reader matches words with
(`norm`, and on it `label_key` for header labels and `level_key` for level names), spans
inside a cell, a reader's memo."""

from __future__ import annotations

import re
from typing import Any

from linter.model import Span
from linter.read.grid import Cell

MEMO_MAX = 8192  # entries a reader's memo keeps before it starts afresh (memory stays flat)
# a bracketed tail (产出指标（50分）, (0-20)分) or a score (产出指标50分) after a level name
_BRACKET_TAIL = re.compile(r"(?:[（(][^（()）]*[)）]分?|\d+(?:\.\d+)?分)$")


def norm(text: str) -> str:
    """`text` without any white space (labels are matched on this; `str.split` and the
    pattern `\\s` know the same white space)."""
    return "".join(text.split())


def label_key(text: str) -> str:
    """A label as matched: no white space, no trailing colon, ASCII brackets."""
    return norm(text).rstrip(":：").replace("（", "(").replace("）", ")")


def level_key(text: str) -> str:
    """A level cell as matched: no white space, no bracketed tail or score (产出指标（50分）)."""
    return _BRACKET_TAIL.sub("", norm(text))


def sub_span(cell: Cell, start: int, end: int) -> Span:
    """The span of `cell.text[start:end]`; the whole cell for office cells (which have
    no columns inside a cell)."""
    sp = cell.span
    if sp.cell is not None or sp.line != sp.end_line:
        return sp
    return Span(sp.line, sp.column + start, sp.line, sp.column + end)


def span_over(first: Span, last: Span) -> Span:
    """A span from the start of `first` to the end of `last`."""
    if first.cell is not None:
        return first
    return Span(first.line, first.column, last.end_line, last.end_column)


def remember(memo: dict, key: Any, value: Any) -> Any:
    """Store `value` under `key` in a reader's memo and return it; a full memo starts afresh."""
    if len(memo) >= MEMO_MAX:
        memo.clear()
    memo[key] = value
    return value
