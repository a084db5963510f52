"""What a cell of the indicator table is, judged once per distinct text.

The table reader asks the same questions of every cell (a row label? a level name? a target
expression?), and the same texts recur in every form of a batch: 产出指标, 数量指标,
≥95.00(%). `CellKinds` answers all of them in one lookup, remembered by the cell's text for
one level vocabulary and one target parser. The answers hold everything a row's reading
needs of its texts, so rows whose cells are of the same kinds are read alike
(linter.read.rowplan); each distinct answer is one shared `CellKind`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import yaml

from linter.model import COMPARISON, EMPTY, INVALID, QUALITATIVE, Target
from linter.read.cells import level_key, norm, remember
from linter.read.layouts import active
from linter.read.levels import Level2, LevelVocab
from linter.resources import rules_dir
from linter.yamlfile import safe_load

ParseTarget = Callable[[str], Target]

_LEVELISH_MAX = 12  # a longer text ending in 指标 is a name, not an unknown level
_NAME_UNIT_MIN = 3  # 5G基站覆盖率: a number then a unit this long and unknown is a name
WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)\s*[%％]?$")  # a 权重 cell: 20, 20%, 12.5
_TARGET_START = re.compile(r"^[≥≤=<>＞＜≧≦＝0-9０-９]")
_OPERATORS = frozenset("≥≤=<>＞＜≧≦＝")
_WORD_LISTS = ("vague_words", "time_words")


@cache
def target_words() -> frozenset[str]:
    """Words that are targets, not names (rules/vocab/words.yaml: vague and time words)."""
    try:
        with open(rules_dir() / "vocab" / "words.yaml", encoding="utf-8") as fh:
            data = safe_load(fh) or {}
    except (OSError, yaml.YAMLError):
        return frozenset()
    return frozenset(str(w) for key in _WORD_LISTS for w in data.get(key) or ())


@dataclass(frozen=True, slots=True, eq=False)
class CellKind:
    """The answers for one cell text. Each distinct answer is one object (`CellKinds._shared`),
    so kinds compare and hash by identity: a row's kinds as a tuple are a cheap memo key."""

    label: bool  # a row label (绩效指标) the reader skips
    level: bool  # a known level-1 or level-2 name
    level1: str | None  # the canonical level-1 name it stands for
    level2: tuple[Level2, ...]  # the level-2 names it can be (one per parent)
    levelish: bool  # ends in 指标 and is short: an unknown level name, maybe
    expr: bool  # a target expression rather than text
    blank: bool  # a target that states nothing (a placeholder such as -)
    lone_target: bool  # alone in a row, a target rather than a name (see `_lone_target`)
    weight: bool  # reads as a 权重 (20, 20%, 12.5)


class CellKinds:
    """Cell texts → `CellKind`, for one level vocabulary and one target parser."""

    def __init__(self, vocab: LevelVocab, parse_target: ParseTarget):
        self.vocab = vocab
        self.parse_target = parse_target
        self.row_labels = active().union.row_labels
        self.memo: dict[str, CellKind] = {}
        self.shared: dict[tuple, CellKind] = {}  # each distinct answer once
        # A text that starts with an operator (≥95.00(%)) is no label and no level name, as
        # long as no level name in the vocabulary starts with one: judged as a target only.
        self.operator_start = not any(k[:1] in _OPERATORS for k in (*vocab.level1, *vocab.level2))

    def of(self, text: str) -> CellKind:
        """The kind of `text` (remembered; the memo is bounded)."""
        found = self.memo.get(text)
        if found is None:
            found = remember(self.memo, text, self._judge(text))
        return found

    def _judge(self, text: str) -> CellKind:
        if self.operator_start and text[:1] in _OPERATORS and "指" not in text:
            target = self.parse_target(text)
            # label, level, level1, level2, levelish; expr, blank; lone target (it starts
            # like one); weight (which starts with a digit)
            return self._shared((False, False, None, (), False, _is_expr(target), target.kind == EMPTY, True, False))
        key = level_key(text)
        level1 = self.vocab.level1.get(key)
        level2 = self.vocab.level2.get(key, ())
        target = self.parse_target(text)
        normed = norm(text)
        facts = (
            normed in self.row_labels,  # label
            level1 is not None or bool(level2),  # level
            level1,
            level2,
            key.endswith("指标") and len(key) <= _LEVELISH_MAX,  # levelish
            _is_expr(target),
            target.kind == EMPTY,  # blank
            _lone_target(normed, target),
            WEIGHT.match(text) is not None,  # weight
        )
        return self._shared(facts)

    def _shared(self, facts: tuple) -> CellKind:
        """The one `CellKind` of these answers."""
        kind = self.shared.get(facts)
        if kind is None:  # a few dozen answers in all: the level names and the flags
            kind = self.shared[facts] = CellKind(*facts)
        return kind


def _is_expr(t: Target) -> bool:
    """A number followed by an unknown multi-character unit and no operator is a name
    that starts with a number (5G基站覆盖率, 12345热线满意度), not a target."""
    if t.kind in (QUALITATIVE, INVALID):
        return False
    return not (
        t.kind == COMPARISON
        and t.op is None
        and t.unit_kind is None
        and t.unit is not None
        and len(t.unit) >= _NAME_UNIT_MIN
    )


def _lone_target(key: str, t: Target) -> bool:
    """A lone text cell that is a target rather than a name (so the row is a target
    without a name): a qualitative word of one or two characters or from the target
    word lists (rules/vocab/words.yaml), or text that starts like a number or an
    operator. Columns are not reliable enough to decide this."""
    if _TARGET_START.match(key):
        return True
    return t.kind == QUALITATIVE and (len(key) <= 2 or key in target_words())


_KINDS: dict[ParseTarget, CellKinds] = {}


def kinds_for(vocab: LevelVocab, parse_target: ParseTarget) -> CellKinds:
    """The shared `CellKinds` of `vocab` and `parse_target` (one per parser, kept while the
    vocabulary stays the same object)."""
    kinds = _KINDS.get(parse_target)
    if kinds is None or kinds.vocab is not vocab:
        kinds = _KINDS[parse_target] = CellKinds(vocab, parse_target)
    return kinds
