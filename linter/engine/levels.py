"""The level taxonomy as the checks ask about it, over the reader's level vocabulary."""

from __future__ import annotations

from functools import cached_property

from linter.read.levels import LevelVocab, level_key, load_levels


class Levels:
    """Questions about 一级/二级 names: canonical names, parents, children."""

    def __init__(self, vocab: LevelVocab | None = None):
        self.vocab = vocab or load_levels()

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
