"""Fixtures for the reader tests."""

from __future__ import annotations

import re
import sys
import types
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

if not (ROOT / "linter" / "targets.py").exists():  # TEMPORARY stub until it lands
    from linter.model import Target

    _CMP = re.compile(r"^(≥|≤|=|>|<)?\s*(\d+(?:\.\d+)?)\s*(?:\(([^)]*)\)|(%|[^\d\s()]+))?$")

    @cache
    def _parse_target(raw: str) -> Target:
        s = raw.strip()
        if s in ("", "—", "/", "无"):
            return Target(raw, "empty")
        if s in ("是", "否"):
            return Target(raw, "boolean", word=s)
        if re.match(r"^\d{4}[年-]\d{1,2}[月-]?(?:\d{1,2}日?|底)?前?$", s):
            return Target(raw, "deadline")
        m = _CMP.match(s)
        if m:
            return Target(
                raw,
                "comparison",
                op=m.group(1) or "=",
                value=Decimal(m.group(2)),
                unit=m.group(3) or m.group(4),
            )
        if len(s) <= 6 and re.match(r"^[\u4e00-\u9fff]+$", s):
            return Target(raw, "qualitative", word=s)
        return Target(raw, "invalid", error="stub")

    _mod = types.ModuleType("linter.targets")
    _mod.parse_target = _parse_target
    sys.modules["linter.targets"] = _mod


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return FIXTURES / "forms" / "seed.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_bytes().decode("utf-8")
