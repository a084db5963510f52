"""The form model's fast constructors make exactly what the dataclasses make: `new_indicator`
an `Indicator(...)`, `new_comparison` a comparison `Target(...)`."""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.model import Extra, Indicator, Span, Target, new_comparison, new_indicator

SPANS = st.none() | st.builds(Span, st.integers(1, 99), st.integers(1, 99), st.integers(1, 99), st.integers(1, 99))
TEXT = st.text(max_size=8)


def test_new_indicator_takes_the_fields_in_their_order() -> None:
    fields = [f.name for f in dataclasses.fields(Indicator)]
    assert list(inspect.signature(new_indicator).parameters) == fields


VALUES = st.tuples(
    st.integers(0, 50),
    TEXT,
    TEXT,
    TEXT,
    st.builds(Target, raw=TEXT, kind=st.just("qualitative")),
    st.integers(1, 999),
    SPANS,
    SPANS,
    SPANS,
    SPANS,
    st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=2),
    SPANS,
    st.none() | TEXT,
    st.lists(
        st.builds(Extra, role=st.sampled_from(["note", "actual", "longterm"]), text=TEXT, span=SPANS), max_size=3
    ).map(tuple),
)


@given(VALUES)
def test_new_indicator_is_the_dataclass_made_faster(values: tuple) -> None:
    made, expected = new_indicator(*values), Indicator(*values)
    assert made == expected and hash(made) == hash(expected)
    assert [getattr(made, f.name) for f in dataclasses.fields(Indicator)] == list(values)


def test_new_indicator_is_frozen() -> None:
    ind = new_indicator(0, "产出指标", "数量指标", "培训人次", Target("≥3(次)", "comparison"), 1, *[None] * 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ind.name = "other"  # type: ignore[misc]
    assert ind.weight is None and ind.pointer is None and ind.index == 0
    assert dataclasses.replace(ind, weight=Decimal(5)).weight == Decimal(5)


def test_new_comparison_sets_the_first_eight_fields_and_defaults_the_rest() -> None:
    names = [f.name for f in dataclasses.fields(Target)]
    assert names[:8] == ["raw", "kind", "op", "value", "unit", "unit_norm", "scale", "unit_kind"]
    assert all(f.default_factory is dataclasses.MISSING for f in dataclasses.fields(Target)[8:])


@given(
    st.tuples(
        TEXT,
        st.sampled_from(["≥", "≤", "=", ">", "<"]),
        st.decimals(allow_nan=False, allow_infinity=False, places=2),
        st.none() | TEXT,
        st.none() | TEXT,
        st.sampled_from([Decimal(1), Decimal(10000), Decimal("0.1")]),
        st.none() | st.sampled_from(["percent", "count", "currency"]),
    )
)
def test_new_comparison_is_the_dataclass_made_faster(values: tuple) -> None:
    raw, op, value, unit, unit_norm, scale, unit_kind = values
    expected = Target(raw, "comparison", op, value, unit, unit_norm, scale, unit_kind)
    made = new_comparison(*values)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
