"""The house-format fast path of the target parser gives exactly what the grammar gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import targets
from linter.model import Target
from linter.targets import _house_format, _normalize

UNITS = [
    "%",
    "元",
    "万元",
    "人",
    "人次",
    "件",
    "次",
    "场",
    "页",
    "天",
    "个工作日",
    "元/人",
    "平方米",
    "户",
    "百分比",
    "历史标准",
    "亩",
    "TB",
    "万/月",
]
OPS = ["≥", "≤", "=", ">", "<", ">=", "<=", "＞", "＜", "＝", "≧"]


def _grammar(raw: str) -> Target:
    norm, _ = _normalize(raw)
    return Target(raw=raw, **targets._get_runtime()[0].parse(norm, start="target"))


@settings(max_examples=400, deadline=None)
@given(
    op=st.sampled_from(OPS),
    whole=st.integers(min_value=0, max_value=10**9),
    frac=st.one_of(st.none(), st.text(alphabet="0123456789", min_size=1, max_size=4)),
    unit=st.sampled_from(UNITS),
    fullwidth=st.booleans(),
)
def test_fast_path_agrees_with_the_grammar(op: str, whole: int, frac: str | None, unit: str, fullwidth: bool) -> None:
    number = f"{whole}" + (f".{frac}" if frac else "")
    raw = f"{op}{number}({unit})"
    if fullwidth:
        raw = raw.translate(str.maketrans("0123456789()", "０１２３４５６７８９（）"))
    fast = _house_format(raw, _normalize(raw)[0])
    if fast is not None:
        assert fast == _grammar(raw)


@pytest.mark.parametrize("raw", ["≥95.00(%)", "≤15.31(万元)", "=3.00(场)", "≤1327500.00(页)"])
def test_seed_targets_take_the_fast_path(raw: str) -> None:
    assert _house_format(raw, _normalize(raw)[0]) == _grammar(raw)


@pytest.mark.parametrize("raw", ["≥95(历史标准)", "≥95%(行业标准)", "约100(人)", "≥95.00(%)以上"])
def test_other_shapes_are_left_to_the_grammar(raw: str) -> None:
    assert _house_format(raw, _normalize(raw)[0]) is None
