"""Rule keys: how `--select`, `--ignore`, a config's `select`, `ignore`, `severity`,
`per_path_ignores` and `suppressions` name rules — the one place that says it.

A key *selects* a rule when it is `ALL`, the rule's id or a prefix of it (`JX2`, `JX20`), its
name or one of its aliases (old names; names and aliases match whole: `vague` is no key of
`vague-qualitative-target`). A key *names* a rule when it is exactly its id, name or an alias:
what a `severity` entry must be, since one severity per rule cannot come from a prefix.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

ALL = "ALL"


class Keyed(Protocol):
    """What a key can name: a loaded rule (`linter.engine.loader.Rule`) or a `RuleKeys`."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


class RuleKeys(NamedTuple):
    """The keys of a rule known by its id and name, with the aliases its rule set gives (a
    finding's rule, when the config's ignores and suppressions are applied to it)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


def selects(key: str, rule: Keyed) -> bool:
    """True when `key` selects `rule`: ALL, its id or an id prefix, its name or an alias."""
    return key == ALL or rule.id.startswith(key) or key == rule.name or key in rule.aliases


def selects_any(keys: Iterable[str], rule: Keyed) -> bool:
    """True when one of `keys` selects `rule`."""
    return any(selects(key, rule) for key in keys)


def names(key: str, rule: Keyed) -> bool:
    """True when `key` is exactly `rule`'s id, name or one of its aliases."""
    return key == rule.id or key == rule.name or key in rule.aliases


def exact_keys(rule: Keyed) -> tuple[str, ...]:
    """Every key that names `rule` exactly: its id, its name, its aliases (in that order)."""
    return (rule.id, rule.name, *rule.aliases)
