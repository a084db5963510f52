"""Built-in checks: what a condition cannot say well (uniqueness, sums across indicators,
the goal text against the indicators, dates). A rule calls a check by name with options:

    check:
      name: duplicate_names
      options: {agree_severity: warning}

A check is a function `(form, options, env) -> Iterable[Hit]`, registered here with its name,
the JSON Schema of its options and the message parameters it provides. Rule authors see only
the names and options (docs/rules.md lists them). Add a check from Python with `@check(...)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from linter.findings import Fix, Related
from linter.model import Form, Indicator, Span


@dataclass(slots=True)
class Hit:
    """What a check found: where, about which indicator, and values for the message (never
    changed once made, like a finding)."""

    span: Span | None
    indicator: Indicator | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    severity: str | None = None  # overrides the rule's severity for this hit
    message: Mapping[str, str] | None = None  # overrides the rule's message ({zh, en})
    fix: Fix | None = None  # a fix the check itself offers (a rule's `fix:` takes precedence)


@dataclass(frozen=True)
class Env:
    """What a check may read besides the form: vocabularies, thresholds, the language."""

    vocab: Mapping[str, tuple[str, ...]]
    thresholds: Mapping[str, Any]
    levels: Any  # linter.engine.levels.Levels
    lang: str = "zh"


def threshold(env: Env, key: str, default: str) -> Decimal:
    """The profile's threshold `key` as a Decimal (the loader makes numbers Decimals already),
    `default` where the profile has none."""
    value = env.thresholds.get(key, default)
    return value if isinstance(value, Decimal) else Decimal(str(value))


def mentions_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` contains one of `words` (one search of the words as one pattern)."""
    return _words_pattern(words).search(text) is not None


@cache  # one pattern per word list: the vocabulary's few lists, compiled once
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def is_negative_name(name: str, vocab: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether an indicator's name measures a bad thing (fewer is better): the predicate
    is_negative of rules/00-predicates.yaml, for checks. The head of the name decides: it
    mentions a negative word, does not end in a positive head (投诉办结率 is a positive rate)
    and has no verb acting against it (挽回经济损失), or it ends in a negative head (调整次数)."""
    heads = vocab.get("positive_heads", ())
    bad = mentions_any(name, vocab.get("negative_words", ())) and not name.endswith(heads)
    return (bad and not mentions_any(name, vocab.get("positive_verbs", ()))) or name.endswith(
        vocab.get("negative_heads", ())
    )


CheckFn = Callable[[Form, Mapping[str, Any], Env], Iterable[Hit]]


@dataclass(frozen=True)
class CheckDef:
    name: str
    fn: CheckFn
    options: dict  # JSON Schema of the options object
    params: tuple[str, ...]  # message placeholders the hits fill
    doc: str


CHECKS: dict[str, CheckDef] = {}


def check(name: str, *, options: dict | None = None, params: tuple[str, ...] = ()):
    """Register a built-in check under `name`."""

    def register(fn: CheckFn) -> CheckFn:
        schema = {"type": "object", "additionalProperties": False, "properties": options or {}}
        CHECKS[name] = CheckDef(name, fn, schema, params, (fn.__doc__ or "").strip())
        return fn

    return register


def related(span: Span | None, message: str) -> tuple[Related, ...]:
    return () if span is None else (Related(span, message),)


def load_all() -> dict[str, CheckDef]:
    """Import the modules that register checks (done once, at rule load)."""
    from linter.engine.checks import dates, duplicates, goal, money, structure, target_format  # noqa: F401

    return CHECKS
