"""The on-disk cache of validated rule files and parsed conditions, keyed by a hash of
everything they depend on, and the store that serves a file from it or reads it afresh."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from linter.engine.checks import CheckDef
from linter.resources import cache_dir, rules_dir
from linter.yamlfile import Located, load_yaml, validate


class Store:
    """Validated file contents, from the on-disk cache when the files are unchanged."""

    def __init__(self, cached: dict):
        self.cached = cached
        self.fresh: dict[str, Any] = {}

    def load(self, path: Path, schema: Path) -> Located:
        key = str(path)
        if key in self.cached:
            return Located(key, self.cached[key], checked=True)
        doc = load_yaml(path)
        validate(doc, schema)
        self.fresh[key] = doc.data
        return doc


def cache_key(paths: Sequence[Path], checks: Mapping[str, CheckDef]) -> str:
    """A hash of everything a cached (validated, parsed) rule set depends on: the rule and
    vocabulary files, the schemas they were checked against, the checks' option schemas."""
    from linter import __version__
    from linter.resources import schema_path

    h = hashlib.sha256(__version__.encode())
    schemas = [rules_dir() / "schema" / "rules.schema.json", schema_path("vocab.schema.json")]
    for p in [*paths, *schemas]:
        h.update(os.fsencode(str(p)) + b"\0" + p.read_bytes() + b"\0")
    h.update(json.dumps({n: c.options for n, c in sorted(checks.items())}, sort_keys=True).encode())
    return h.hexdigest()[:32]


def read_cache(key: str) -> dict:
    try:
        with open(cache_dir() / f"rules-{key}.json", encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) and data.get("key") == key else {}
    except (OSError, ValueError):
        return {}


def write_cache(key: str, files: dict, trees: dict) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    target = cache_dir() / f"rules-{key}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "files": files, "trees": trees}, ensure_ascii=False), "utf-8")
        os.replace(tmp, target)
        _prune(target)
    except OSError:
        pass


def _prune(keep: Path, max_age_days: int = 30) -> None:
    """Remove rule caches not used for a month (one is written per distinct rule set)."""
    import time

    limit = time.time() - max_age_days * 86400
    for old in keep.parent.glob("rules-*.json"):
        if old != keep and old.stat().st_atime < limit and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
