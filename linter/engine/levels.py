"""The level taxonomy as the checks ask about it, over the reader's level vocabulary."""

from __future__ import annotations

from functools import cached_property

from linter.read.cells import level_key, remember
from linter.read.levels import LevelVocab, load_levels

_MISSING = object()


class Levels:
    """Questions about 一级/二级 names: canonical names, parents, children."""

    def __init__(self, vocab: LevelVocab | None = None):
        self.vocab = vocab or load_levels()
        self._misplaced: dict[tuple[str, str], tuple[str, str] | None] = {}

    def canonical1(self, text: str) -> str:
        """The canonical level-1 name for `text` (aliases resolved), or `text` itself."""
        return self.vocab.as_level1(text) or text

    def is_level1(self, text: str) -> bool:
        return self.vocab.as_level1(text) is not None

    @cached_property
    def level1_names(self) -> list[str]:
        return list(dict.fromkeys(self.vocab.level1.values()))

    def parents_of(self, level2: str) -> set[str]:
        """The level-1 names `level2` may stand under (legacy layouts included)."""
        return {o.parent for o in self.vocab.level2.get(level_key(level2), ())}

    def children_of(self, level1: str) -> list[str]:
        parent = self.canonical1(level1)
        names = (o.name for opts in self.vocab.level2.values() for o in opts if o.parent == parent and not o.legacy)
        return list(dict.fromkeys(names))

    def misplaced(self, level1: str, level2: str) -> tuple[str, str] | None:
        """What is wrong with `level2` under `level1`, as (what, the names expected), or None.
        `what` is "level1" (an unknown 一级指标), "legacy" (成本指标 under 产出指标, the
        pre-2021 layout) or "level2" (an unknown 二级指标, or one under another 一级指标).
        Remembered by the pair: a batch repeats the same few pairs in every form."""
        key = (level1, level2)
        found = self._misplaced.get(key, _MISSING)
        if found is _MISSING:
            found = remember(self._misplaced, key, self._judge_pair(level1, level2))
        return found  # type: ignore[return-value]

    def _judge_pair(self, level1: str, level2: str) -> tuple[str, str] | None:
        if level1 and not self.is_level1(level1):
            return "level1", "、".join(self.level1_names)
        if not level2:
            return None
        if self.canonical1(level1) == "产出指标" and level2 == "成本指标":
            return "legacy", "成本指标（2021年起为一级指标）"
        parents = self.parents_of(level2)
        if not parents:
            return "level2", "、".join(self.children_of(level1))
        if self.canonical1(level1) not in parents:
            return "level2", "、".join(sorted(parents))
        return None
