"""What the target parser runs on: its cache of Lark's tables (one file per grammar, rebuilt
when broken, skipped when the cache directory is unusable) and the units vocabulary
(rules/vocab/units.yaml: units, prefixes, errors that name the file and entry)."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import linter.targets as targets
import linter.targets_units as targets_units
from linter.targets import normalize_target_text, parse_target, use_units_file
from linter.targets_units import VocabError, load_units, unit_info

ROOT = Path(__file__).resolve().parent.parent


# ---- the parser cache ------------------------------------------------------------------


@pytest.fixture
def fresh_runtime(monkeypatch: pytest.MonkeyPatch):
    """Build the parser again under a changed environment, then put the old one back."""
    saved = targets._runtime
    monkeypatch.setattr(targets, "_runtime", None)
    yield
    targets._runtime = saved


def _parse_fresh(raw: str) -> dict[str, Any]:
    parser = targets._get_runtime().parser
    return parser.parse(normalize_target_text(raw), start="target")


def test_cache_file_written_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_runtime: None) -> None:
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path))
    assert _parse_fresh("≥95%")["op"] == "≥"
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 0
    targets._runtime = None
    assert _parse_fresh("≤3(次)")["op"] == "≤"  # loaded from the file
    assert list(tmp_path.iterdir()) == files


def test_broken_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_runtime: None) -> None:
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path))
    grammar = (ROOT / "grammar" / "target.lark").read_text(encoding="utf-8")
    cache = targets.parser_cache_file(grammar)
    assert cache is not None and cache.parent == tmp_path
    cache.write_bytes(b"not a lark cache\n\x00\x01")
    assert _parse_fresh("≥95%")["value"] == Decimal(95)


def test_unusable_cache_dir_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_runtime: None) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(blocker / "sub"))  # cannot be a directory
    assert targets.parser_cache_file("g") is None
    assert _parse_fresh("每月2次")["times"] == 2
    monkeypatch.setenv("JXLINT_CACHE_DIR", "")
    assert targets.parser_cache_file("g") is None


# ---- the units vocabulary ------------------------------------------------------------


def test_units_vocabulary() -> None:
    assert unit_info("万元").norm == "元" and unit_info("万元").scale == 10000
    assert unit_info("千人次").scale == Decimal(1000)  # 千 + 人次
    assert unit_info("千人次").norm == "人次"
    assert unit_info("万元/套").norm == "元/套"  # 万元 + /套
    info = unit_info("张三")
    assert (info.norm, info.scale, info.kind) == ("张三", 1, None)
    assert unit_info("‰").scale == Decimal("0.1")


def test_units_read_once_keep_what_was_written_and_stay_bounded() -> None:
    vocab = load_units()
    first = vocab.lookup("千人次")
    assert vocab.lookup("千人次") is first  # remembered
    assert vocab.lookup("人次").scale == 1 and first.scale == 1000  # a prefix is not carried over
    upper, lower = vocab.lookup("KG"), vocab.lookup("kg")
    assert (upper.unit, lower.unit) == ("KG", "kg") and upper.norm == lower.norm
    for n in range(targets_units._MEMO_MAX + 10):
        vocab.lookup(f"件{n}号")
    assert len(vocab.memo) <= targets_units._MEMO_MAX
    assert vocab.lookup("万元/套").norm == "元/套"


def _vocab(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("units: [元]", "units"),
        ("units:\n  元: {kind: money}\n", "units.元: kind"),
        ("units:\n  万元: {kind: currency, scale: -1}\n", "units.万元: scale"),
        ("units:\n  元: {kind: currency, rate: 1}\n", "units.元: 未知的键"),
        ("units:\n  元: {kind: currency\n", "YAML"),
        ("prefixes: {万: zero}\nunits: {}\n", "prefixes.万"),
    ],
)
def test_bad_vocabulary_names_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    path = _vocab(tmp_path, text)
    with pytest.raises(VocabError) as info:
        load_units(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_use_units_file_switches_and_clears(tmp_path: Path) -> None:
    path = _vocab(
        tmp_path,
        "units:\n  元: {kind: currency}\n  公斤: {kind: measure}\n  斤: {kind: measure, norm: 公斤, scale: '0.5'}\n",
    )
    before = parse_target("≥3斤")
    assert before.unit_kind is None
    try:
        use_units_file(path)
        after = parse_target("≥3斤")
        assert (after.unit_norm, after.scale, after.unit_kind) == ("公斤", Decimal("0.5"), "measure")
        assert after.normalized_value == Decimal("1.5")
    finally:
        use_units_file(None)
    assert parse_target("≥3斤").unit_kind is None


def test_shipped_vocabulary_is_valid() -> None:
    vocab = load_units()
    assert len(vocab.units) > 50
    for info in vocab.units.values():
        assert info.scale > 0


def test_env_cache_dir_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JXLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = targets.parser_cache_file("grammar text")
    assert cache is not None and cache.parent == tmp_path / "jxlint"
    assert os.access(cache.parent, os.W_OK)
