"""The indented JSON writer gives exactly the text of json.dumps(indent=2)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.output.jsonenc import dumps_indented

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@given(VALUES)
def test_equal_to_json_dumps(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(VALUES, st.integers(min_value=0, max_value=3))
def test_nested_level_indents_every_later_line(value, level):
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert dumps_indented(value, level) == expected


def test_tuples_and_subclasses_as_json_writes_them():
    class Name(str):
        pass

    value = {"a": (1, 2), "b": Name("名"), "c": [()], "d": {}}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_values_json_cannot_write_are_refused():
    with pytest.raises(TypeError):
        dumps_indented({"money": Decimal("1.5")})
    with pytest.raises(TypeError):
        dumps_indented({("a",): 1})
