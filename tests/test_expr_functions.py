"""The condition language's operators (comparison, arithmetic, membership, matching, their
precedence and null semantics) and every function rule authors may call."""

from __future__ import annotations

from decimal import Decimal

import pytest
from expr_helpers import compiler, ev, make_context

from linter.engine.expr import ExprError
from linter.engine.functions import FUNCTIONS, EvalError

# -- operators --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'ab' in 'cab'", True),
        ("'x' in 'cab'", False),
        ("target.op in ['≤', '<']", True),
        ("target.op in ['≥', '>']", False),
        ("target.op not in ['≥', '>']", True),
        ("target.op not in ['≤']", False),
        ("'保障' in vocab.vague_words", True),
        ("'改善' in vocab.vague_words", False),
        ("15 in [15.00, 3]", True),  # decimals compare by value
        ("name matches '成本$'", True),
        ("name matches '^成本'", False),  # a search, anchored only by ^ and $
        ("name matches '用工'", True),
        ("name matches ['^x', '成本$']", True),
        ("name matches []", False),
        ("'满意度' matches vocab.patterns", False),
        ("'出勤率' matches vocab.patterns", True),
        ("1 == 1.00", True),
        ("target.value != 15.31", False),
        ("target.value >= 15.31", True),
        ("target.value > 15.31", False),
        ("'a' < 'b'", True),
        ("'a' + 'b' == 'ab'", True),
        ("target.value * 2", Decimal("30.62")),
        ("target.normalized_value - 100", Decimal("153000.00")),
    ],
)
def test_operator(source, expected):
    assert ev(source) == expected


def test_bad_regex_is_an_evaluation_error():
    fn = compiler().compile("name matches '['")
    with pytest.raises(EvalError, match="regular expression"):
        fn(make_context())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", Decimal(7)),
        ("(1 + 2) * 3", Decimal(9)),
        ("2 - 1 - 1", Decimal(0)),  # left associative
        ("8 / 4 / 2", Decimal(1)),
        ("-2 * 3 + 10", Decimal(4)),
        ("- 1 - 1", Decimal(-2)),
        ("1 + 1 == 2", True),
        ("not 1 == 2", True),  # not binds looser than ==
        ("not true and false", False),  # (not true) and false
        ("not (true and false)", True),
        ("true or false and false", True),  # and binds tighter than or
        ("(true or false) and false", False),
        ("false and false or true", True),
        ("not not true", True),
        ("1 < 2 and 2 < 3", True),
        ("1 in [1] and 2 in [3]", False),
        ("2 * 3 in [6]", True),
    ],
)
def test_precedence(source, expected):
    assert ev(source) == expected


def test_and_or_short_circuit():
    # The right side would raise (a bad regex) if it were evaluated.
    assert ev("false and name matches '['") is False
    assert ev("true or name matches '['") is True


def test_comparison_of_unlike_types_is_an_evaluation_error():
    fn = compiler().compile("target.value < 'abc'")
    with pytest.raises(EvalError, match="cannot compare"):
        fn(make_context())


def test_type_mismatch_while_running_is_an_evaluation_error():
    # EvalError is documented as "a condition that failed while running (a type mismatch …)";
    # the runner turns any exception into JX000, but a raw TypeError leaks Python wording
    # ("argument of type 'decimal.Decimal' is not iterable") into the finding.
    leaked = {}
    # target.project_name: a property of Form exposed on every model class, so reading it
    # from a Target raises AttributeError instead of "Target has no field".
    for source in ["1 in 2", "-'a'", "abs('x')", "len(5)", "decimal('abc')", "min('a', 1)", "target.project_name"]:
        fn = compiler().compile(source)
        try:
            fn(make_context())
        except EvalError:
            continue
        except Exception as exc:  # which kind leaked
            leaked[source] = type(exc).__name__
        else:
            leaked[source] = "no error"
    assert leaked == {}


# -- functions --------------------------------------------------------------------------------

FUNCTION_CASES = [
    ("len", "len(name)", 6),
    ("len", "len(null)", 0),
    ("len", "len([1, 2, 3])", 3),
    ("len", "len(vocab.vague_words)", 2),
    ("lower", "lower('ABC')", "abc"),
    ("lower", "lower(null)", ""),
    ("abs", "abs(-3.5)", Decimal("3.5")),
    ("abs", "abs(null)", None),
    ("min", "min(3, 1, 2)", Decimal(1)),
    ("min", "min(null, 2)", Decimal(2)),
    ("min", "min(null)", None),
    ("max", "max(3, 1, 2)", Decimal(3)),
    ("max", "max(1, null, 3)", Decimal(3)),
    ("contains", "contains(name, '用工')", True),
    ("contains", "contains(name, '满意')", False),
    ("contains", "contains(null, '用工')", False),
    ("starts_with", "starts_with(name, '人均')", True),
    ("starts_with", "starts_with(name, '成本')", False),
    ("ends_with", "ends_with(name, '成本')", True),
    ("ends_with", "ends_with(name, '人均')", False),
    ("contains_any", "contains_any(name, ['满意', '用工'])", True),
    ("contains_any", "contains_any(name, vocab.vague_words)", False),
    ("contains_any", "contains_any(name, null)", False),
    ("contains_any", "contains_any(name, '用工')", True),  # one string is a list of one
    ("starts_with_any", "starts_with_any(name, ['x', '人均'])", True),
    ("starts_with_any", "starts_with_any(name, ['成本'])", False),
    ("ends_with_any", "ends_with_any(name, ['率', '成本'])", True),
    ("ends_with_any", "ends_with_any(name, ['率'])", False),
    ("matches_any", "matches_any(name, ['^人均', 'x'])", True),
    ("matches_any", "matches_any(name, vocab.patterns)", False),
    ("matches_any", "matches_any(null, ['^$'])", True),  # null reads as the empty text
    ("decimal", "decimal('1.50') + 1", Decimal("2.50")),
    ("decimal", "decimal(target.value)", Decimal("15.31")),
    ("decimal", "decimal(null)", None),
]


@pytest.mark.parametrize(("fn", "source", "expected"), FUNCTION_CASES)
def test_function(fn, source, expected):
    assert ev(source) == expected


def test_every_function_has_cases():
    assert set(FUNCTIONS) == {fn for fn, _, _ in FUNCTION_CASES}


def test_text_functions_with_null_needle_are_false():
    # `null in name` is false; `contains(name, null)` must agree rather than be true for
    # every name (a rule `contains(name, target.word)` would fire on every word-less target).
    assert ev("null in name") is False
    results = {s: ev(s) for s in ("contains(name, null)", "starts_with(name, null)", "ends_with(name, null)")}
    assert results == dict.fromkeys(results, False)


def test_wrong_number_of_arguments_fails_at_compile_time():
    # len(name, name) loads today and then fails on every indicator of every form (JX000);
    # the arity is known when the rule is compiled, like an unknown function name.
    found = {}
    for source in ("len(name, name)", "name == contains(name)"):
        try:
            compiler().compile(source)
        except ExprError as err:
            found[source] = ("argument" in err.message, err.column)
        else:
            found[source] = "compiled"
    assert found == {"len(name, name)": (True, 1), "name == contains(name)": (True, 9)}
