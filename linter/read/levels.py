"""The level vocabulary (rules/vocab/levels.yaml): which cells are 一级/二级 level names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from linter.read.cells import level_key, remember
from linter.resources import rules_dir
from linter.yamlfile import safe_load

_MISSING = object()


@dataclass(frozen=True)
class Level2:
    name: str
    parent: str
    legacy: bool = False


@dataclass(frozen=True)
class LevelVocab:
    """`level1` maps a written name (level_key) to its canonical level-1 name; `level2`
    maps a written name to the level-2 names it can be (one per parent)."""

    level1: dict[str, str]
    level2: dict[str, tuple[Level2, ...]]
    # Memos by cell text as written: the reader asks about every cell of every row.
    _level1_memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def as_level1(self, text: str) -> str | None:
        """The canonical level-1 name `text` stands for, or None."""
        memo = self._level1_memo
        found = memo.get(text, _MISSING)
        if found is _MISSING:
            found = remember(memo, text, self.level1.get(level_key(text)))
        return found  # type: ignore[return-value]

    def as_level2(self, text: str, parent: str | None = None) -> Level2 | None:
        """The level-2 reading of `text`, preferring the one under `parent`."""
        return choose_level2(self.level2.get(level_key(text), ()), parent)


def choose_level2(options: tuple[Level2, ...], parent: str | None = None) -> Level2 | None:
    """The level-2 reading among `options` under `parent`, else the first current one,
    else the first."""
    if not options:
        return None
    for opt in options:
        if opt.parent == parent:
            return opt
    for opt in options:
        if not opt.legacy:
            return opt
    return options[0]


def _parse(data: dict) -> LevelVocab:
    level1: dict[str, str] = {}
    for entry in data.get("level1") or ():
        name = str(entry["name"])
        for written in (name, *(entry.get("aliases") or ())):
            level1[level_key(str(written))] = name
    level2: dict[str, list[Level2]] = {}
    for entry in data.get("level2") or ():
        lv = Level2(str(entry["name"]), str(entry["parent"]), bool(entry.get("legacy", False)))
        for written in (lv.name, *(entry.get("aliases") or ())):
            level2.setdefault(level_key(str(written)), []).append(lv)
    return LevelVocab(level1, {k: tuple(v) for k, v in level2.items()})


@cache
def load_levels() -> LevelVocab:
    """The shipped level vocabulary (read once)."""
    path = rules_dir() / "vocab" / "levels.yaml"
    with open(path, encoding="utf-8") as fh:
        return _parse(safe_load(fh) or {})


_WITH_ALIASES: dict[tuple, LevelVocab] = {}
_BY_MAPPING: dict[int, tuple[Mapping[str, str], LevelVocab]] = {}


def levels_with(aliases: Mapping[str, str]) -> LevelVocab:
    """The shipped vocabulary with a layout's aliases added (written name → canonical level-1 or
    level-2 name); one object per distinct set of aliases."""
    same = _BY_MAPPING.get(id(aliases))  # a layout's aliases: the same mapping, form after form
    if same is not None and same[0] is aliases:
        return same[1]
    key = tuple(sorted(aliases.items()))
    found = _WITH_ALIASES.get(key)
    if found is not None:
        _BY_MAPPING[id(aliases)] = (aliases, found)
        return found
    base = load_levels()
    if not aliases:
        found = base
    else:
        level1 = dict(base.level1)
        level2 = dict(base.level2)
        names2 = {lv.name: lv for options in base.level2.values() for lv in options}
        for written, canon in aliases.items():
            k = level_key(written)
            if canon in base.level1.values():
                level1[k] = canon
            elif canon in names2:
                level2[k] = (names2[canon],)
        found = LevelVocab(level1, level2)
    _WITH_ALIASES[key] = found
    _BY_MAPPING[id(aliases)] = (aliases, found)
    return found
