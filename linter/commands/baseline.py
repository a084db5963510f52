"""The baseline file of `check --write-baseline` / `--baseline` (and `audit --baseline`):
the fingerprints of the findings a team has accepted, so that only new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

from linter.commands.common import UsageError, write_output
from linter.findings import Finding
from linter.output.jsonenc import dumps_indented

BASELINE_VERSION = 1  # the baseline file's own format, not the `json` output's version


def read_baseline(path: str) -> set[str]:
    """The fingerprints a baseline file (written by --write-baseline) accepts."""
    try:
        return set(json.loads(Path(path).read_text("utf-8"))["fingerprints"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"--baseline {path}: not a jxlint baseline ({exc})") from None


def without_baselined(findings: list[Finding], path: str) -> list[Finding]:
    """`findings` less those whose fingerprint the baseline file at `path` holds."""
    from linter.fingerprint import fingerprints

    known = read_baseline(path)
    return [f for f, fp in zip(findings, fingerprints(findings), strict=True) if fp not in known]


def write_baseline(findings: list[Finding], path: str) -> None:
    """Record `findings` (their fingerprints, and for a reader their place and message)."""
    from linter.fingerprint import fingerprints

    fps = fingerprints(findings)
    entries = [
        {"fingerprint": fp, "path": f.path, "rule": f.rule, "indicator": f.indicator, "message": f.message}
        for f, fp in zip(findings, fps, strict=True)
    ]
    data = {"version": BASELINE_VERSION, "tool": "jxlint", "fingerprints": sorted(set(fps)), "findings": entries}
    write_output(dumps_indented(data) + "\n", path)
