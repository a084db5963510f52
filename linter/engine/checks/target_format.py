"""The house format of a target: `≥95.00(%)`. Sloppy writing (full-width digits or signs, a
unit written twice) is harmless to a reader but breaks exports and sorting; it gets a safe fix
to the house format. What budget systems themselves export (`>=`, `%(百分比)`, spaces around
the sign and the unit: the rule's `exported` option) is not sloppy, and structured or
split-column input, whose values are not typed as one text, is never judged."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from linter.engine.checks import Env, Hit, check
from linter.findings import Edit, Fix
from linter.messages import say
from linter.model import COMPARISON, Form, Target
from linter.read.cells import remember

_FULL_WIDTH = re.compile(r"[０-９．，＜＞＝％（）]")
_ASCII_OPS = re.compile(r"=<|=>|==")
_SPACE = re.compile(r"\d\s+\d")  # a number broken by a space
# What a target should be rewritten to (or None), by its text; the target it was judged for
# is kept with it, and the same text usually comes back as the same (parsed once) target.
_REWRITES: dict[tuple[str, tuple[str, ...]], tuple[Target, str | None]] = {}


def house_format(t: Target) -> str | None:
    """The target in the house format, or None when it has no number to write."""
    if t.kind != COMPARISON or t.op is None or t.value is None:
        return None
    unit = unicodedata.normalize("NFKC", t.unit or "")
    note = f"({unicodedata.normalize('NFKC', t.note)})" if t.note else ""
    return f"{t.op}{t.value:f}" + (f"({unit})" if unit else "") + note


def _rewrite(t: Target, exported: tuple[str, ...]) -> str | None:
    """The house format of a sloppily written comparison target, or None (remembered: the
    same targets recur in every form)."""
    found = _REWRITES.get((t.raw, exported))
    if found is None or found[0] is not t:
        expected = house_format(t)
        if expected is None or expected == t.raw or not _sloppy(_without(t.raw, exported), t.unit):
            expected = None
        found = remember(_REWRITES, (t.raw, exported), (t, expected))
    return found[1]


def _without(raw: str, exported: tuple[str, ...]) -> str:
    """`raw` with the spellings budget systems export taken out (each becomes one space)."""
    for spelling in exported:
        raw = raw.replace(spelling, " ")
    return raw


def _sloppy(raw: str, unit: str | None) -> bool:
    if _FULL_WIDTH.search(raw) or _ASCII_OPS.search(raw) or _SPACE.search(raw.strip()):
        return True
    u = unicodedata.normalize("NFKC", unit or "")
    return bool(u) and unicodedata.normalize("NFKC", raw).count(u) > 1


# Media whose targets are typed text. Structured input (yaml, json) is not judged: its value
# is read, not retyped (issue 14), and office cells are not rewritten.
TEXT_MEDIA = frozenset(("tsv", "pipe-rows", "pipe-cells", "cell-lines", "spaces", "run-together"))
SPLIT_ROLES = frozenset(("operator", "value", "unit"))


@check(
    "target_format",
    options={"exported": {"type": "array", "items": {"type": "string"}}},
    params=("expected",),
)
def target_format(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A comparison target written sloppily: full-width digits or signs, a number broken by a
    space, or its unit written twice. Offers the house format `≥95.00(%)` as a safe fix.
    Spellings in the option `exported` are what budget systems write and are not judged.
    Targets assembled from separate columns (operator, value, unit), structured input (its
    value is not one typed text) and office files, whose cells are not rewritten, are skipped."""
    if form.medium not in TEXT_MEDIA:
        return
    lang = env.lang
    exported = tuple(options.get("exported", ()))
    for ind in form.indicators:
        if ind.pointer is not None or (ind.extras and any(e.role in SPLIT_ROLES for e in ind.extras)):
            continue
        expected = _rewrite(ind.target, exported)
        if expected is None:
            continue
        span = ind.target_span
        fix = None
        if span is not None:  # a cell (PDF, HTML …): described, not written back
            text = say("write-instead", lang, expected=expected)
            fix = Fix(text, "safe", (Edit(span, expected),))
        yield Hit(span or ind.name_span, ind, {"expected": expected}, fix=fix)
