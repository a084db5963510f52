"""Shared fixtures for the reader tests (tests/test_read_*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return FIXTURES / "forms" / "seed.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_bytes().decode("utf-8")
