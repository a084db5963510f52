"""`parse_target` as its callers use it: it never raises, whatever the text; the same text
gives the same Target object; the text is normalized but `raw` kept as written; importing
linter.targets stays cheap; deadlines resolve within a plan year."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.model import EMPTY, INVALID
from linter.targets import deadline_in, normalize_target_text, parse_target

ROOT = Path(__file__).resolve().parent.parent
D = dt.date


# ---- never raises --------------------------------------------------------------------

DOMAIN_ALPHABET = [
    *"≥≤=<>＞＜＝≧≦~～-—(（)）【】%％.,，/·0123456789０１２ 　年月日底前内以上下左右约次每季度",
    *"半周第一四十两是否无元万人件个标准含",
    *["不低于", "及以上", "2026", "12月", "万元", "百分比", "历史标准", "及时", "完成", "次年"],
    *["00", "29日", "季度", "上半年", "中旬", "每月"],
    *["±", "═", "⩾", "□", "☑", "--", "——", "达标", "完成率", "次/月", "有/无", "元/户·年", "按每人", "群众知晓"],
]


def _check_never_raises(raw: str) -> None:
    t = parse_target(raw)
    assert t.raw == raw
    if t.kind == INVALID:
        assert t.error and t.error_en
        assert t.error_column is not None and 1 <= t.error_column <= len(raw) + 1
        assert not t.error.startswith("无法解析该指标值"), (raw, t.error_en)  # no internal error
    else:
        assert t.error is None and t.error_column is None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_arbitrary_text_never_raises(raw: str) -> None:
    _check_never_raises(raw)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(DOMAIN_ALPHABET), max_size=12).map("".join))
def test_target_like_text_never_raises(raw: str) -> None:
    _check_never_raises(raw)


def test_non_strings_do_not_raise() -> None:
    assert parse_target(None).kind == EMPTY  # type: ignore[arg-type]
    assert parse_target(95).value == Decimal(95)  # type: ignore[arg-type]


# ---- memoization, normalization, import cost -------------------------------------------


def test_memoized_same_object() -> None:
    built = "".join(["≥", "95.00", "(%)"])
    assert parse_target("≥95.00(%)") is parse_target(built)
    assert parse_target("及时") is parse_target("及时")
    assert parse_target("≥95%") is not parse_target("≥ 95%")  # raw differs, so the Target does


def test_normalize_keeps_raw() -> None:
    assert normalize_target_text("  ≥ ９５．０％（历史标准）  ") == "≥ 95.0%(历史标准)"
    assert normalize_target_text("1，327，500") == "1,327,500"
    assert normalize_target_text("及时，有效") == "及时，有效"
    t = parse_target("  ≥ ９５．０％  ")
    assert t.raw == "  ≥ ９５．０％  " and str(t.value) == "95.0"


def test_import_is_cheap() -> None:
    code = "import sys, linter.targets; print('lark' in sys.modules, 'yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]


# ---- deadlines with a plan year ------------------------------------------------------


def test_deadline_in() -> None:
    assert deadline_in(parse_target("12月底前"), 2026) == D(2026, 12, 31)
    assert deadline_in(parse_target("次年3月底前"), 2026) == D(2027, 3, 31)
    assert deadline_in(parse_target("2025年6月30日"), 2026) == D(2025, 6, 30)
    assert deadline_in(parse_target("2月29日"), 2026) == D(2026, 2, 28)
    assert deadline_in(parse_target("2月29日"), 2028) == D(2028, 2, 29)
    assert deadline_in(parse_target("≥95%"), 2026) is None
