"""Where the shipped data lives: rules/, grammar/ and the JSON Schemas.

In a wheel, rules/ and grammar/ are installed inside the package (linter/rules,
linter/grammar); in a source checkout they stand beside it at the top level.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The directory `name` (rules or grammar), inside the package or beside it."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"jxlint installation is missing its {name}/ directory")


def grammar_path(filename: str) -> Path:
    return data_dir("grammar") / filename


def rules_dir() -> Path:
    return data_dir("rules")


def schema_path(filename: str) -> Path:
    """A JSON Schema shipped with the package (linter/schemas/)."""
    return _PACKAGE / "schemas" / filename


def cache_dir() -> Path:
    """Where jxlint keeps its caches ($JXLINT_CACHE_DIR, else $XDG_CACHE_HOME/jxlint or ~/.cache/jxlint)."""
    base = os.environ.get("JXLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "jxlint"
    )
    return Path(base)
