"""The condition language (linter/engine/expr.py, grammar/expr.lark): literals, paths into
the model, null semantics, operators and their precedence, every function, compile errors
with their column, and that nothing of Python is reachable from a rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from linter.engine.expr import Compiler, ExprError
from linter.engine.functions import FUNCTIONS, EvalError
from linter.engine.loader import FORM_ROOTS, INDICATOR_ROOTS
from linter.model import Form, Funds, HeaderField, Indicator, Money, Span, Target, TextField

ROOT = Path(__file__).resolve().parent.parent

VOCAB = {"vague_words": ("保障", "有效"), "patterns": (r"率$", r"^每")}
THRESHOLDS = {"satisfaction_min": Decimal(85), "flag": True}
KEYS = {"vocab": frozenset(VOCAB), "threshold": frozenset(THRESHOLDS)}


def _target(**kw) -> Target:
    base = dict(
        raw="≤15.31(万元)",
        kind="comparison",
        op="≤",
        value=Decimal("15.31"),
        unit="万元",
        unit_norm="元",
        scale=Decimal(10000),
        unit_kind="currency",
    )
    return Target(**{**base, **kw})


def _context(target: Target | None = None, name: str = "人均用工成本") -> dict:
    target = target or _target()
    ind = Indicator(
        index=0,
        level1="成本指标",
        level2="经济成本指标",
        name=name,
        target=target,
        line=17,
        name_span=Span(17, 4, 17, 10),
        target_span=Span(17, 11, 17, 22),
    )
    form = Form(
        path="a.txt",
        index=1,
        layout="tabbed-text",
        title=TextField("财政项目支出绩效目标申报表", Span(2, 1, 2, 14)),
        year=2026,
        header=(HeaderField("项目名称", "编外人员工作经费"), HeaderField("主管部门", "某局")),
        funds=Funds(total=Money(Decimal("1693995.00"), "1,693,995.00")),
        plan_start=None,
        plan_end=None,
        goal=TextField("确保非编人员合法权益得到保障。"),
        indicators=(ind,),
        span=Span(2, 1, 30, 1),
    )
    return {
        "form": form,
        "funds": form.funds,
        "goal": form.goal.text,
        "indicators": form.indicators,
        "year": form.year,
        "layout": form.layout,
        "vocab": VOCAB,
        "threshold": THRESHOLDS,
        "indicator": ind,
        "target": ind.target,
        "name": ind.name,
        "level1": ind.level1,
        "level2": ind.level2,
    }


def compiler(predicates=None) -> Compiler:
    return Compiler(INDICATOR_ROOTS, KEYS, predicates or {})


def ev(source: str, ctx: dict | None = None):
    return compiler().compile(source)(_context() if ctx is None else ctx)


def compile_error(source: str, roots=INDICATOR_ROOTS) -> ExprError:
    with pytest.raises(ExprError) as info:
        Compiler(roots, KEYS, {}).compile(source)
    return info.value


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
        fn(_context())


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
        fn(_context())


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
        fn(_context())


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
            fn(_context())
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
    assert c.compile("is_cost and target.op == '≤'")(_context()) is True
    ctx = _context(name="人均用工费用")
    assert c.compile("is_cost")(ctx) is False
    assert c.compile("not is_cost")(ctx) is True
