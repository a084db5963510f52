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


# -- plain words: names and word targets read without the parser --------------------------------


def _grammar_words(raw: str) -> Target:
    """What the parser makes of `raw` when `target` fails and `qualitative` reads it."""
    from lark.exceptions import UnexpectedInput

    norm, _ = _normalize(raw)
    parser = targets._get_runtime()[0]
    with pytest.raises(UnexpectedInput):
        parser.parse(norm, start="target")
    return Target(raw=raw, **parser.parse(norm, start="qualitative"))


# Ideographs of names and targets, the characters structured targets are made of, the
# punctuation TEXT allows inside words, placeholders, brackets and letters.
_WORD_CHARS = (
    "宣传工作完成率及时有效提升群众满意度覆盖按期保障优良中差合格达标底前内上下以左右约不少于至第一二三四半全次月日"
)
_OTHER_CHARS = "0123456789０１年季每是否无空、，,；;：:。.！!？?…“”\"'《》·/&+ -—–_\\…()（）≥≤%abcXYZ\u3000\t"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_WORD_CHARS + _OTHER_CHARS, max_size=12))
def test_plain_words_fast_path_agrees_with_the_grammar(raw: str) -> None:
    norm, _ = _normalize(raw)
    fast = targets._plain_words(raw, norm)
    if fast is not None:
        assert fast == _grammar_words(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_WORD_CHARS + "、，,；: ·/&", min_size=1, max_size=12))
def test_words_without_structure_take_the_fast_path(raw: str) -> None:
    # Without digits and 年季每是否无空, any text with an ideograph is plain words.
    norm, _ = _normalize(raw)
    if any(c in _WORD_CHARS for c in norm):
        assert targets._plain_words(raw, norm) == _grammar_words(raw)


@pytest.mark.parametrize("raw", ["宣传工作完成率", "及时", "有效提升", "优 、良"])
def test_names_and_word_targets_are_read_without_the_parser(raw: str) -> None:
    assert targets._plain_words(raw, _normalize(raw)[0]) == _grammar_words(raw) == targets.parse_target(raw)


@pytest.mark.parametrize(
    "raw", ["群众满意度（%）", "12345热线满意度", "年底前", "第四季度", "是", "暂无", "每月", "——"]
)
def test_structured_text_is_left_to_the_parser(raw: str) -> None:
    assert targets._plain_words(raw, _normalize(raw)[0]) is None
