"""Checks across pairs of indicators: the same name twice, and names that say nearly the same."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from linter.engine.checks import Env, Hit, check, related, threshold
from linter.findings import Edit, Fix
from linter.messages import say
from linter.model import Form, Indicator, Span

_PUNCT = re.compile(r"[\s\W_]+")


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """The name as compared: without white space and punctuation."""
    return _PUNCT.sub("", name)


def _same_target(a: Indicator, b: Indicator) -> bool:
    ta, tb = a.target, b.target
    if ta.kind != tb.kind:
        return False
    if ta.is_quantitative:
        return (ta.op, ta.normalized_value, ta.unit_norm, ta.low, ta.high) == (
            tb.op,
            tb.normalized_value,
            tb.unit_norm,
            tb.low,
            tb.high,
        )
    return _key(ta.raw) == _key(tb.raw)


@check(
    "duplicate_names",
    options={"agree_severity": {"enum": ["error", "warning", "info"]}},
    params=("first_line", "first_target"),
)
def duplicate_names(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """The same indicator name twice in one form. The finding is on the later row and points
    back at the first; when both targets agree, it is reported at `agree_severity`."""
    first: dict[str, Indicator] = {}
    for ind in form.indicators:
        key = _key(ind.name)
        if not key:
            continue
        if key not in first:
            first[key] = ind
            continue
        orig = first[key]
        agree = _same_target(orig, ind)
        msg = say("first-stated-here", env.lang)
        yield Hit(
            ind.name_span or ind.target_span,
            ind,
            {"first_line": str(orig.line), "first_target": orig.target.raw},
            related(orig.name_span, f"{msg}: {orig.name} {orig.target.raw}"),
            severity=options.get("agree_severity") if agree else None,
            fix=_delete_row(ind, orig, agree, env.lang),
        )


def _delete_row(ind: Indicator, orig: Indicator, agree: bool, lang: str) -> Fix | None:
    """Delete the later row of a text form: safe when both rows say the same, unsafe when
    they differ (a reviewer must pick the target to keep). Not offered for office cells or
    structured input, whose rows are not whole lines."""
    span = ind.name_span or ind.target_span
    if span is None or span.cell is not None or ind.pointer is not None:
        return None
    text = say("delete-later-row", lang, line=ind.line, first=orig.line, target=orig.target.raw)
    row = Span(ind.line, 1, ind.line + 1, 1)
    return Fix(text, "safe" if agree else "unsafe", (Edit(row, ""),))


@lru_cache(maxsize=8192)
def _compared(name: str) -> tuple[str, frozenset[str]]:
    """A name as `similar_names` compares it: its key and the key's character bigrams."""
    s = _key(name)
    return s, frozenset(s[i : i + 2] for i in range(len(s) - 1)) if len(s) > 1 else frozenset((s,))


def _bigrams(text: str) -> frozenset[str]:
    return _compared(text)[1]


def similarity(a: str, b: str) -> Decimal:
    """Dice coefficient of the character bigrams of two names (0 to 1)."""
    return _dice(_bigrams(a), _bigrams(b))


def _dice(ba: frozenset[str], bb: frozenset[str]) -> Decimal:
    if not ba or not bb:
        return Decimal(0)
    return Decimal(2 * len(ba & bb)) / Decimal(len(ba) + len(bb))


_WORDS = ("words",)  # the group of the qualitative rows


@check(
    "similar_names",
    options={
        "kinds": {"type": "array", "items": {"type": "string"}},
        "same_target_kinds": {"type": "array", "items": {"type": "string"}},
    },
    params=("other", "other_line", "similarity"),
)
def similar_names(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """Two names of one form that say nearly the same (bigram similarity at or above the
    profile's `near_duplicate_similarity`). Only indicators whose targets are of one of
    `kinds` (default: qualitative) are compared: quantified indicators with similar names
    usually count different things (软件/硬件售后服务次数), so indicators whose targets are of
    one of `same_target_kinds` are compared only with those that set the same target, and
    against the stricter `near_duplicate_similarity_quantitative` (培训人员/参训人员考核合格率
    are one indicator twice; 软件/硬件售后服务次数 are two)."""
    kinds = set(options.get("kinds", ("qualitative",)))
    same = set(options.get("same_target_kinds", ()))
    limit_ratio = threshold(env, "near_duplicate_similarity", "0.5").as_integer_ratio()
    strict_ratio = threshold(env, "near_duplicate_similarity_quantitative", "0.85").as_integer_ratio()
    # Rows are compared within their group: the qualitative ones together, a counted one only
    # with those of its kind, operator and unit that set the same numbers (the group's key
    # holds only texts, which hash cheaply; the numbers are compared row by row).
    groups: dict[tuple, list[tuple[Indicator, str, frozenset[str], tuple | None]]] = {}
    for ind in form.indicators:
        t = ind.target
        if t.kind in same:
            group: tuple = (t.kind, t.op, t.unit_norm)
            numbers: tuple | None = (t.normalized_value, t.low, t.high)
            num, den = strict_ratio
        elif t.kind in kinds:
            group, numbers, (num, den) = _WORDS, None, limit_ratio
        else:
            continue
        key, grams = _compared(ind.name)  # one lookup for both
        if not key:
            continue
        earlier_rows = groups.setdefault(group, [])
        for earlier, other_key, other_grams, other_numbers in earlier_rows:
            if other_key == key or other_numbers != numbers:
                continue  # the same name (duplicate_names reports it), or another target
            # the Dice coefficient 2·common / (|a| + |b|) against the threshold, in integers
            if 2 * len(grams & other_grams) * den >= num * (len(grams) + len(other_grams)):
                score = _dice(grams, other_grams)
                yield Hit(
                    ind.name_span,
                    ind,
                    {"other": earlier.name, "other_line": str(earlier.line), "similarity": f"{score:.2f}"},
                    related(earlier.name_span, earlier.name),
                )
                break
        earlier_rows.append((ind, key, grams, numbers))
