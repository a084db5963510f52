"""The condition language (linter/engine/expr.py, grammar/expr.lark): literals, paths into
the model, null semantics, compile errors with their column, predicates, and that nothing of
Python is reachable from a rule. Operators and functions: test_expr_functions.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from expr_helpers import KEYS, ROOT, compile_error, compiler, ev, make_context

from linter.engine.expr import Compiler, ExprError
from linter.engine.functions import EvalError
from linter.engine.loader import FORM_ROOTS

# -- literals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"满意"', "满意"),
        ("'满意'", "满意"),
        (r'"say \"hi\""', 'say "hi"'),
        (r"'it\'s'", "it's"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("[1, 'a', null]", (Decimal(1), "a", None)),
        ("[]", ()),
        ("42", Decimal(42)),
        ("95.00", Decimal("95.00")),
    ],
)
def test_literal(source, expected):
    value = ev(source)
    assert value == expected
    assert type(value) is type(expected)


def test_numbers_are_exact_decimals():
    assert ev("0.1 + 0.2 == 0.3") is True
    assert ev("0.1 + 0.2") == Decimal("0.3")
    assert isinstance(ev("7 / 2"), Decimal) and ev("7 / 2") == Decimal("3.5")


def test_unknown_escape_keeps_its_backslash_so_regexes_work():
    # A rule author writes the regex \d in an expression string. Dropping the backslash
    # (\d → d) would silently turn it into the letter d.
    value = ev(r"'\d+'")
    assert value == r"\d+"
    assert ev(r"'第5次' matches '\d'") is True


def test_keyword_prefixes_are_names():
    roots = frozenset({"order", "index", "nullable", "true_value", "android", "inside", "matches_x"})
    ctx = {r: r.upper() for r in roots}
    c = Compiler(roots, {}, {})
    for r in roots:
        assert c.compile(r)(ctx) == r.upper()


# -- paths into the model ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("name", "人均用工成本"),
        ("level1", "成本指标"),
        ("target.op", "≤"),
        ("target.value", Decimal("15.31")),
        ("target.normalized_value", Decimal("153100.00")),  # a property, exposed on purpose
        ("target.is_quantitative", True),
        ("indicator.line", 17),
        ("form.funds.total.amount", Decimal("1693995.00")),
        ("funds.total.raw", "1,693,995.00"),
        ("form.project_name", "编外人员工作经费"),
        ("form.department", "某局"),
        ("form.unit", ""),
        ("form.year", 2026),
        ("year", 2026),
        ("goal", "确保非编人员合法权益得到保障。"),
        ("len(indicators)", 1),
        ("threshold.satisfaction_min", Decimal(85)),
        ("vocab.vague_words", ("保障", "有效")),
        ("form.funds.carryover", None),
        ("form.funds.carryover.amount", None),  # through null stays null
        ("target.word", None),
    ],
)
def test_path(source, expected):
    assert ev(source) == expected


def test_path_on_a_plain_mapping_context():
    c = Compiler(frozenset({"a"}), {}, {})
    assert c.compile("a.b.c")({"a": {"b": {"c": 5}}}) == 5
    assert c.compile("a.x")({"a": {"b": 1}}) is None


# -- nothing of Python is reachable -----------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "target.__class__",
        "form.__dict__",
        "form.__class__.__init__",
        "target.__slots__",
        "target.__dataclass_fields__",
        "form.header_value",  # a method, not a field
        "name.__class__",
        "name.upper",
        "target.value.__class__",
        "indicators.__len__",
        "form.funds.total.amount.as_tuple",
        "vocab.__class__",
        "threshold.__init__",
        "vocab.vague_words.__class__",
    ],
)
def test_python_internals_are_unreachable(source):
    try:
        fn = compiler().compile(source)
    except ExprError:
        return
    with pytest.raises(EvalError):
        fn(make_context())


def test_no_eval_or_exec_anywhere_in_the_package():
    offenders = []
    for path in sorted((ROOT / "linter").rglob("*")):
        if not path.is_file() or path.suffix in (".pyc",):
            continue
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        for no, line in enumerate(text.splitlines(), 1):
            if "eval(" in line or "exec(" in line:
                offenders.append(f"{path.relative_to(ROOT)}:{no}: {line.strip()}")
    assert offenders == []


# -- null semantics ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("null < 1", False),
        ("null <= 1", False),
        ("null > 1", False),
        ("null >= 1", False),
        ("1 < null", False),
        ("null >= null", False),
        ("target.word < 'x'", False),
        ("not (target.word > 1)", True),
        ("null == null", True),
        ("null != 1", True),
        ("target.word == null", True),
        ("null + 1", None),
        ("1 - null", None),
        ("null * 2", None),
        ("2 / null", None),
        ("-null", None),
        ("-target.word", None),
        ("'a' in null", False),
        ("null in ['a']", False),
        ("null in ['a', null]", True),  # JX207/JX211: a bare 80% has no operator
        ("target.word in ['a', null]", True),
        ("target.word in [null]", True),
        ("null not in ['a', null]", False),
        ("null in [name, null]", True),  # a list that is not constant
        ("null in [name]", False),
        ("'a' in ['a', null]", True),
        ("'b' in ['a', null]", False),
        ("name in [null]", False),
        ("null in []", False),
        ("null matches '^$'", False),  # a pattern never matches null, even one matching ''
        ("contains(null, 'a')", False),
        ("contains_any(null, vocab.vague_words)", False),
        ("ends_with_any(target.word, vocab.vague_words)", False),
        ("len(null)", 0),
        ("abs(null)", None),
        ("min(null, 1)", Decimal(1)),
        ("null in 'abc'", False),
        ("'a' not in null", True),
        ("null not in ['≤', '<']", True),  # JX212 relies on this for a target without op
        ("null matches 'x'", False),
        ("not null", True),
        ("null and true", False),
        ("null or true", True),
    ],
)
def test_null(source, expected):
    assert ev(source) == expected


def test_division_by_zero_is_null():
    assert ev("1 / 0") is None
    assert ev("0 / 0") is None


# -- compile errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column", "text"),
    [
        ("name == == 1", 9, "=="),
        ("name $ 1", 6, "$"),
        ("target.value < 1 < 2", 18, "<"),
        ("contains(name, 'x'))", 20, ")"),
        ("name ==\t'a' 'b'", 13, "'b'"),
        ("和 == 1", 1, "和"),
    ],
)
def test_syntax_error_column(source, column, text):
    err = compile_error(source)
    assert err.column == column
    assert text in err.message


def test_unexpected_end_points_after_the_last_character():
    # "name ==" ends too early: the error is at column 8, after the last character, not at
    # the start of the last token (column 6), which reads as if == itself were wrong.
    columns = {}
    for source in ["name ==", "contains(name,", "target.", "(name", "not", ""]:
        err = compile_error(source)
        assert "end of expression" in err.message
        columns[source] = err.column
    assert columns == {s: len(s) + 1 for s in columns}


@pytest.mark.parametrize(
    ("source", "column", "needle"),
    [
        ("nmae == 'x'", 1, "unknown name 'nmae'"),
        ("name == 'x' and levle1 == 'y'", 17, "unknown name 'levle1'"),
        ("target.value < threshold.satisfaction_mn", 16, "unknown threshold entry 'satisfaction_mn'"),
        ("target.word in vocab.vauge_words", 16, "unknown vocab entry 'vauge_words'"),
        ("contain(name, 'x')", 1, "unknown function 'contain'"),
        ("not ends_with_al(name, [])", 5, "unknown function 'ends_with_al'"),
    ],
)
def test_unknown_names(source, column, needle):
    err = compile_error(source)
    assert needle in err.message
    assert err.column == column


def test_indicator_names_are_unknown_in_form_scope():
    err = compile_error("len(name) > 3", roots=FORM_ROOTS)
    assert "unknown name 'name'" in err.message
    Compiler(FORM_ROOTS, KEYS, {}).compile("len(indicators) > 3 and form.year == 2026")


def test_unknown_name_lists_what_is_known():
    err = compile_error("nmae")
    assert "name" in err.message and "target" in err.message


# -- predicates -------------------------------------------------------------------------------


def test_predicate_is_used_by_name():
    c0 = compiler()
    is_cost = c0.compile("ends_with(name, '成本')")
    c = compiler({"is_cost": is_cost})
    assert c.compile("is_cost and target.op == '≤'")(make_context()) is True
    ctx = make_context(name="人均用工费用")
    assert c.compile("is_cost")(ctx) is False
    assert c.compile("not is_cost")(ctx) is True


def test_matching_against_a_number_is_an_evaluation_error():
    """Found by tests/test_hostile_fuzz.py: `x matches threshold.y` (a number) raised a bare TypeError."""
    fn = compiler().compile("vocab.patterns matches threshold.satisfaction_min")
    with pytest.raises(EvalError, match="cannot match"):
        fn(make_context())
