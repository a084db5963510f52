"""What a cell of the indicator table is, judged once per distinct text.

The table reader asks the same questions of every cell (a row label? a level name? a target
expression?), and the same texts recur in every form of a batch: 产出指标, 数量指标,
≥95.00(%). `CellKinds` answers all of them in one lookup, remembered by the cell's text for
one level vocabulary and one target parser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from linter.model import COMPARISON, INVALID, QUALITATIVE, Target
from linter.read.cells import norm, remember
from linter.read.header import ROW_LABELS
from linter.read.levels import Level2, LevelVocab, level_key

ParseTarget = Callable[[str], Target]

_LEVELISH_MAX = 12  # a longer text ending in 指标 is a name, not an unknown level
_NAME_UNIT_MIN = 3  # 5G基站覆盖率: a number then a unit this long and unknown is a name


class CellKind(NamedTuple):
    """The answers for one cell text."""

    label: bool  # a row label (绩效指标) the reader skips
    level: bool  # a known level-1 or level-2 name
    level1: str | None  # the canonical level-1 name it stands for
    level2: tuple[Level2, ...]  # the level-2 names it can be (one per parent)
    levelish: bool  # ends in 指标 and is short: an unknown level name, maybe
    expr: bool  # a target expression rather than text


class CellKinds:
    """Cell texts → `CellKind`, for one level vocabulary and one target parser."""

    def __init__(self, vocab: LevelVocab, parse_target: ParseTarget):
        self.vocab = vocab
        self.parse_target = parse_target
        self.memo: dict[str, CellKind] = {}

    def of(self, text: str) -> CellKind:
        """The kind of `text` (remembered; the memo is bounded)."""
        found = self.memo.get(text)
        if found is None:
            found = remember(self.memo, text, self._judge(text))
        return found

    def _judge(self, text: str) -> CellKind:
        key = level_key(text)
        level1 = self.vocab.level1.get(key)
        level2 = self.vocab.level2.get(key, ())
        return CellKind(
            label=norm(text) in ROW_LABELS,
            level=level1 is not None or bool(level2),
            level1=level1,
            level2=level2,
            levelish=key.endswith("指标") and len(key) <= _LEVELISH_MAX,
            expr=self._is_expr(text),
        )

    def _is_expr(self, text: str) -> bool:
        """A number followed by an unknown multi-character unit and no operator is a name
        that starts with a number (5G基站覆盖率, 12345热线满意度), not a target."""
        t = self.parse_target(text)
        if t.kind in (QUALITATIVE, INVALID):
            return False
        return not (
            t.kind == COMPARISON
            and t.op is None
            and t.unit_kind is None
            and t.unit is not None
            and len(t.unit) >= _NAME_UNIT_MIN
        )


_KINDS: dict[ParseTarget, CellKinds] = {}


def kinds_for(vocab: LevelVocab, parse_target: ParseTarget) -> CellKinds:
    """The shared `CellKinds` of `vocab` and `parse_target` (one per parser, kept while the
    vocabulary stays the same object)."""
    kinds = _KINDS.get(parse_target)
    if kinds is None or kinds.vocab is not vocab:
        kinds = _KINDS[parse_target] = CellKinds(vocab, parse_target)
    return kinds
