"""Links to a rule's section of docs/rules.md (SARIF `helpUri`).

The base is the package's `Documentation` project URL when the installed metadata names
one (set `[project.urls] Documentation` to the published docs/ folder), else the copy of
docs/rules.md that ships inside the package (or stands in the source checkout), as a
file: URI, so a link works offline. Only rules with a section there get a link (a rule
of your own office has none).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_HEADING = re.compile(r"^## (\S+)\s*$", re.M)


@cache
def _rules_doc() -> Path | None:
    for candidate in (_PACKAGE / "docs" / "rules.md", _PACKAGE.parent / "docs" / "rules.md"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _documented() -> frozenset[str]:
    doc = _rules_doc()
    return frozenset(_HEADING.findall(doc.read_text("utf-8"))) if doc else frozenset()


@cache
def _base() -> str | None:
    """The URL of rules.md, without an anchor."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        urls = metadata("jxlint").get_all("Project-URL") or []
    except (ImportError, PackageNotFoundError):
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip().rstrip("/") + "/rules.md"
    doc = _rules_doc()
    return doc.as_uri() if doc else None


def help_uri(rule_id: str) -> str | None:
    """The link to `rule_id`'s section of docs/rules.md, or None when it has none."""
    base = _base()
    if base is None or rule_id not in _documented():
        return None
    return f"{base}#{rule_id.lower()}"
