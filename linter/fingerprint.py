"""Fingerprints: a stable identity for a finding that survives rows moving up or down.

A fingerprint hashes what identifies a finding apart from its position: the rule, the file,
the form's project name, and the indicator's name (or, for findings that concern no
indicator, the message with every number removed, so line numbers and amounts quoted in it do
not count). Two findings that agree on all of these are told apart by an occurrence counter
in their sorted order. Used by SARIF `partialFingerprints` and by the baseline.

The engine gives findings that concern no indicator a language-neutral `extra["key"]` (the
values the rule's message is made of), used instead of the message when present, so a
baseline written in one language matches a run in the other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from linter.findings import Finding

VERSION = "v1"
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")  # numbers, with their separators
_SPACE = re.compile(r"\s+")
_SEP = "\x1f"


def identity(f: Finding) -> tuple[str, ...]:
    """The parts of a finding its fingerprint is made of (before the occurrence counter)."""
    if f.indicator:
        what = "indicator:" + _SPACE.sub(" ", f.indicator.strip())
    elif f.extra.get("key"):
        what = "key:" + _DIGITS.sub("", f.extra["key"])
    else:
        what = "message:" + _SPACE.sub(" ", _DIGITS.sub("", f.message)).strip()
    path = f.path.replace("\\", "/")
    return (VERSION, f.rule, path, (f.form_name or "").strip(), what)


def fingerprint(f: Finding, occurrence: int = 0) -> str:
    """The fingerprint of `f` (32 hex digits). `occurrence` counts earlier findings with the
    same identity; use `fingerprints` to number a whole list."""
    return _digest(identity(f), occurrence)


def _digest(key: tuple[str, ...], occurrence: int) -> str:
    data = _SEP.join((*key, str(occurrence)))
    # surrogatepass: a file name that is not UTF-8 hashes too
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """The fingerprints of `findings`, in order, numbering identical identities 0, 1, 2 …
    in the order given (pass findings sorted with `sort_findings`)."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for f in findings:
        key = identity(f)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(_digest(key, n))
    return out
