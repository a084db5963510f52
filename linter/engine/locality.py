"""Which parts of a rule read only the indicator itself (its levels, name and target): those
the runner may judge once per indicator identity, across forms, and remember."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from linter.engine.expr import Compiled

if TYPE_CHECKING:
    from linter.engine.loader import Rule


class Context(dict):
    """What a rule's conditions read: values by root name (form, target, name …), and where
    the predicates evaluated in it keep their results: `memo` for this context alone,
    `shared` for every indicator of the same identity in any form (local predicates, those
    that read nothing else), or None where there is no identity (a form's context)."""

    __slots__ = ("memo", "shared")

    def __init__(self, values: Mapping[str, Any], shared: dict[str, Any] | None = None):
        super().__init__(values)
        self.memo: dict[str, Any] = {}
        self.shared = shared


def memoized(name: str, fn: Compiled, local: bool) -> Compiled:
    """A predicate evaluated once per context (an indicator's is shared by all rules); a
    local one once per indicator identity. A plain mapping (no Context) has no memo."""

    def cached_local(ctx: Mapping[str, Any]) -> Any:
        try:
            memo = ctx.shared  # type: ignore[attr-defined]
        except AttributeError:  # a plain mapping
            memo = None
        if memo is None:
            return fn(ctx)
        if name not in memo:
            memo[name] = fn(ctx)
        return memo[name]

    def cached(ctx: Mapping[str, Any]) -> Any:
        try:
            memo = ctx.memo  # type: ignore[attr-defined]
        except AttributeError:
            return fn(ctx)
        if name not in memo:
            memo[name] = fn(ctx)
        return memo[name]

    return cached_local if local else cached


# What an indicator's identity is made of: rules that read nothing else give the same answer
# for the same (level1, level2, name, target) in any form, so the runner can remember it.
LOCAL_ROOTS = frozenset({"name", "level1", "level2", "target", "vocab", "threshold"})


# What an indicator's name identity is made of: its levels and name (no target). A part of a
# condition that reads nothing else is the same for every target the name is given.
NAME_ROOTS = frozenset({"name", "level1", "level2", "vocab", "threshold"})


def tree_roots(tree: list, predicate_roots: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The root names an expression tree reads (through predicates too)."""
    found: set[str] = set()

    def walk(node: list) -> None:
        if node[0] == "$":
            if node[1] == "NAME":
                found.update(predicate_roots.get(node[2], {node[2]}))
            return
        if node[0] == "path":
            first = node[1][2]
            found.update(predicate_roots.get(first, {first}) if len(node) == 2 else {first})
            return
        if node[0] == "call":
            for child in node[2:]:
                walk(child)
            return
        for child in node[1:]:
            walk(child)

    walk(tree)
    return frozenset(found)


def when_sources(rule: Rule) -> list[str]:
    """The `when:` texts of a rule: one per case, or its single condition."""
    return [c["when"] for c in rule.raw.get("cases", ())] or [rule.raw["when"]]


def is_local(rule: Rule, trees: Mapping[str, list], predicate_roots: Mapping[str, frozenset[str]]) -> bool:
    if rule.scope != "indicator" or rule.check is not None:
        return False
    return all(tree_roots(trees[s], predicate_roots) <= LOCAL_ROOTS for s in when_sources(rule))


def gate_tree(tree: list, predicate_roots: Mapping[str, frozenset[str]]) -> list | None:
    """The part of a condition that reads only the indicator's own levels, name and target
    and must hold for the condition to hold: the whole condition when it is local, else its
    leading local conjuncts (`is_cost and … form.funds …` → `is_cost`); None when none."""
    if tree_roots(tree, predicate_roots) <= LOCAL_ROOTS:
        return tree
    if tree[0] != "and_":
        return None
    leading = []
    for child in tree[1:]:
        if not tree_roots(child, predicate_roots) <= LOCAL_ROOTS:
            break
        leading.append(child)
    if not leading:
        return None
    return leading[0] if len(leading) == 1 else ["and_", *leading]


def name_gate_tree(tree: list, predicate_roots: Mapping[str, frozenset[str]]) -> list | None:
    """The part of a condition that reads only the indicator's levels and name and must hold
    for the condition to hold: the whole condition when it reads no more; for `and` the
    parts of its operands (in any place: conditions have no side effects); for `or` the `or`
    of every operand's part; None when there is none."""
    if tree_roots(tree, predicate_roots) <= NAME_ROOTS:
        return tree
    if tree[0] == "and_":
        parts = [g for g in (name_gate_tree(c, predicate_roots) for c in tree[1:]) if g is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else ["and_", *parts]
    if tree[0] == "or_":
        gates = [name_gate_tree(c, predicate_roots) for c in tree[1:]]
        return None if any(g is None for g in gates) else ["or_", *gates]
    return None
