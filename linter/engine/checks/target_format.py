"""The house format of a target: `≥95.00(%)`. Sloppy writing (full-width digits, spaces
inside, `>=`, a unit written twice) is harmless to a reader but breaks exports and sorting;
it gets a safe fix to the house format."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from linter.engine.checks import Env, Hit, check
from linter.findings import Edit, Fix
from linter.model import COMPARISON, Form, Target
from linter.read.cells import remember

_FULL_WIDTH = re.compile(r"[０-９．，＜＞＝％（）]")
_ASCII_OPS = re.compile(r">=|<=|=<|=>")
_SPACE = re.compile(r"\S\s+\S")
# What a target should be rewritten to (or None), by its text; the target it was judged for
# is kept with it, and the same text usually comes back as the same (parsed once) target.
_REWRITES: dict[str, tuple[Target, str | None]] = {}


def house_format(t: Target) -> str | None:
    """The target in the house format, or None when it has no number to write."""
    if t.kind != COMPARISON or t.op is None or t.value is None:
        return None
    unit = unicodedata.normalize("NFKC", t.unit or "")
    note = f"({unicodedata.normalize('NFKC', t.note)})" if t.note else ""
    return f"{t.op}{t.value:f}" + (f"({unit})" if unit else "") + note


def _rewrite(t: Target) -> str | None:
    """The house format of a sloppily written comparison target, or None (remembered: the
    same targets recur in every form)."""
    found = _REWRITES.get(t.raw)
    if found is None or found[0] is not t:
        expected = house_format(t)
        if expected is None or expected == t.raw or not _sloppy(t.raw, t.unit):
            expected = None
        found = remember(_REWRITES, t.raw, (t, expected))
    return found[1]


def _sloppy(raw: str, unit: str | None) -> bool:
    if _FULL_WIDTH.search(raw) or _ASCII_OPS.search(raw) or _SPACE.search(raw.strip()):
        return True
    u = unicodedata.normalize("NFKC", unit or "")
    return bool(u) and unicodedata.normalize("NFKC", raw).count(u) > 1


TEXT_MEDIA = frozenset(("tsv", "pipe-rows", "pipe-cells", "cell-lines", "spaces", "run-together", "yaml", "json"))
SPLIT_ROLES = frozenset(("operator", "value", "unit"))


@check("target_format", params=("expected",))
def target_format(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A comparison target written sloppily: full-width digits or signs, spaces inside,
    `>=`/`<=`, or its unit written twice. Offers the house format `≥95.00(%)` as a safe fix.
    Targets assembled from separate columns (operator, value, unit) and office files, whose
    cells are not rewritten, are skipped."""
    if form.medium not in TEXT_MEDIA:
        return
    lang = env.lang
    for ind in form.indicators:
        if any(e.role in SPLIT_ROLES for e in ind.extras):
            continue
        expected = _rewrite(ind.target)
        if expected is None:
            continue
        span = ind.target_span
        fix = None
        if span is not None:  # a cell (PDF, HTML …): described, not written back
            text = f"改为 {expected}" if lang != "en" else f"write {expected}"
            fix = Fix(text, "safe", (Edit(span, expected),))
        yield Hit(span or ind.name_span, ind, {"expected": expected}, fix=fix)
