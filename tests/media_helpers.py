"""Shared by the media tests: the fixture sources, and what a parse says apart from
where it stood."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "fixtures" / "media"
SUFFIXES = ("html", "csv", "xls", "pdf")
# Keys of `jxlint parse --format json` that say where or how a form was read, not what
# it says: paths, lines, spans, the medium (layout/medium), the encoding; a problem's
# message names its line, its code stays.
_WHERE = frozenset({"path", "layout", "medium", "encoding", "line", "message_zh", "message_en", "message"})


def make_media() -> Any:
    """fixtures/media/make_media.py as a module."""
    import sys

    if "make_media" in sys.modules:
        return sys.modules["make_media"]
    spec = importlib.util.spec_from_file_location("make_media", MEDIA / "make_media.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_media"] = module
    spec.loader.exec_module(module)
    return module


def essence(obj: Any) -> Any:
    """A parse's JSON without the keys of `_WHERE` and every span."""
    if isinstance(obj, dict):
        return {k: essence(v) for k, v in obj.items() if k not in _WHERE and "span" not in k}
    if isinstance(obj, list):
        return [essence(v) for v in obj]
    return obj


def spans(obj: Any) -> list[dict]:
    """Every span object in a parse's JSON."""
    out: list[dict] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if "span" in k and isinstance(v, dict) and "line" in v:
                out.append(v)
            elif k == "spans" and isinstance(v, dict):
                out.extend(s for s in v.values() if isinstance(s, dict))
            else:
                out.extend(spans(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(spans(v))
    return out


def parse_json(cli, capsys, *paths: str) -> dict:
    """`jxlint parse --format json PATH…` run in this process."""
    rc, out, err = cli(capsys, "parse", "--format", "json", *paths)
    assert rc == 0, err
    return json.loads(out)
