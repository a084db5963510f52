"""Text functions over a fixed list or a fixed text, compiled to one C-level operation:
`contains_any(name, vocab.cost_words)` becomes one precompiled regular expression,
`ends_with(name, "率")` one `str.endswith` (used by linter.engine.expr's compiler)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from linter.engine.functions import as_text
from linter.engine.saferegex import MAX_SUBJECT, check_pattern

Compiled = Callable[[Mapping[str, Any]], Any]


def _fast_contains(text: Compiled, words: tuple) -> Compiled:
    if not words:
        return lambda ctx: False
    pattern = re.compile("|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True)))
    return lambda ctx: pattern.search(as_text(text(ctx))) is not None


def _fast_affix(method: str) -> Callable[[Compiled, tuple], Compiled]:
    test = getattr(str, method)  # str.startswith / str.endswith: a tuple of affixes in one call

    def make(text: Compiled, words: tuple) -> Compiled:
        affixes = tuple(str(w) for w in words)
        return lambda ctx: test(as_text(text(ctx)), affixes)

    return make


def _fast_one(method: str) -> Callable[[Compiled, str], Compiled]:
    """`ends_with(name, "率")` and the like with a fixed text: one str method call."""
    test = getattr(str, method)

    def make(text: Compiled, fixed: str) -> Compiled:
        return lambda ctx: test(as_text(text(ctx)), fixed)

    return make


def _fast_matches(text: Compiled, patterns: tuple) -> Compiled:
    if not patterns:
        return lambda ctx: False
    for p in patterns:
        check_pattern(str(p))  # UnsafePattern, or re.error, for the compiler to report
    combined = re.compile("|".join(f"(?:{p})" for p in patterns))
    return lambda ctx: combined.search(as_text(text(ctx))[:MAX_SUBJECT]) is not None


# Text functions over a fixed list, compiled to one C-level operation.
FIXED_LIST: dict[str, Callable[[Compiled, tuple], Compiled]] = {
    "contains_any": _fast_contains,
    "starts_with_any": _fast_affix("startswith"),
    "ends_with_any": _fast_affix("endswith"),
    "matches_any": _fast_matches,
}
# Text functions with a fixed text as their second argument (null there is never fast).
FIXED_TEXT: dict[str, Callable[[Compiled, str], Compiled]] = {
    "starts_with": _fast_one("startswith"),
    "ends_with": _fast_one("endswith"),
    "contains": _fast_one("__contains__"),
}
