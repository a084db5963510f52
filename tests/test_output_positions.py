"""Code-point → UTF-16 columns and line splitting (linter.positions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from linter.model import Span
from linter.positions import (
    span_utf16,
    split_lines,
    split_lines_keepends,
    utf16_column,
)

ASTRAL = "\U00020000"  # CJK extension B: two UTF-16 units


def test_bmp_text_columns_are_equal():
    line = "项目名称\t编外人员工作经费"
    for col in range(1, len(line) + 2):
        assert utf16_column(line, col) == col


def test_astral_character_takes_two_units():
    line = f"a{ASTRAL}b\t≤95%"
    assert utf16_column(line, 2) == 2  # the astral char itself starts at unit 2
    assert utf16_column(line, 3) == 4  # "b" comes after two units
    assert utf16_column(line, len(line) + 1) == len(line) + 2


def test_columns_past_the_end_count_one_each():
    assert utf16_column(ASTRAL, 4) == 5


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), st.data())
def test_round_trip(line, data):
    col = data.draw(st.integers(min_value=1, max_value=len(line) + 1))
    u = utf16_column(line, col)
    assert u == 1 + len(line[: col - 1].encode("utf-16-le")) // 2


def test_split_lines_only_on_cr_lf():
    text = "a\r\nb\rc\nd\x0ce\u2028f\x85g"
    assert split_lines(text) == ["a", "b", "c", "d\x0ce\u2028f\x85g"]
    assert split_lines("x\n") == ["x", ""]
    assert split_lines_keepends("a\r\nb\rc\n") == [
        ("a", "\r\n"),
        ("b", "\r"),
        ("c", "\n"),
        ("", ""),
    ]


def test_span_utf16_needs_text_and_no_cell():
    lines = [f"{ASTRAL}{ASTRAL}x"]
    assert span_utf16(Span(1, 3, 1, 4), lines) == (5, 6)
    assert span_utf16(Span(1, 3, 1, 4), None) == (None, None)
    assert span_utf16(Span(1, 3, 1, 4, cell="Sheet1!C1"), lines) == (None, None)
    # a line that is not in the text counts one unit per column instead of failing
    assert span_utf16(Span(9, 3, 9, 4), lines) == (3, 4)


@given(st.text(alphabet=st.sampled_from("a项\r\n\t\x0b\x0c\x1c\x85\u2028")))
def test_split_lines_agrees_with_the_pattern(text):
    import re

    assert split_lines(text) == re.split(r"\r\n|\r|\n", text)
