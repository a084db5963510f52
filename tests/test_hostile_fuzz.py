"""A bounded fuzz test (issue 18) over the readers, the target grammar, the condition
language and --fix: no exception escapes, no JX000, a fixed file reads back, and a second
--fix changes nothing. Bounded for CI: a few dozen examples each, no deadline."""

from __future__ import annotations

import contextlib
import io
import json
from functools import cache
from pathlib import Path

from expr_helpers import compiler, make_context
from hostile_inputs import SEED, STRUCTURED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.api import Linter
from linter.cli import main
from linter.engine.expr import ExprError
from linter.engine.functions import EvalError
from linter.read import ReadError, read_bytes, read_path
from linter.targets import parse_target

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIRST_FORM = "\n".join(SEED.read_text("utf-8").split("\n")[:36]) + "\n"

# What forms are made of, and what breaks readers: digits and signs, units, separators,
# huge exponents, control and bidirectional characters, CJK words of the form.
PIECES = st.sampled_from(
    [
        "\t", "\n", "\r\n", " ", "≥", "≤", "<=", "=", "%", "(%)", "(万元)", "元", "人次", "次", ".", ",", "-", "+",
        "1e999999999", "9" * 40, "0.000000000001", "95.00", "３", "年", "月底前", "每季度", "及时", "满意",
        "群众满意度", "项目名称", "一级指标", "二级指标", "三级指标", "产出指标", "数量指标", "年度资金申请总额",
        "\x00", "\x1b[31m", "\u202e", "\ufeff", "\u3000", "😀", "(", ")", "（", "）", "~", "—", "至",
    ]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=12).map("".join)


@cache
def linter() -> Linter:
    return Linter.create()


def _no_internal_errors(doc) -> None:
    findings = linter().lint_document(doc)
    assert not [f for f in findings if f.rule == "JX000"], [f.message for f in findings if f.rule == "JX000"]


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(FIRST_FORM)), TEXT), max_size=6))
def test_text_reader(edits: list[tuple[int, str]]) -> None:
    text = FIRST_FORM
    for at, piece in sorted(edits, reverse=True):
        text = text[:at] + piece + text[at:]
    try:
        doc = read_bytes(text.encode("utf-8"), "fuzz.txt")
    except ReadError:
        return
    _no_internal_errors(doc)


JSON_VALUES = st.one_of(
    TEXT,
    st.sampled_from(["1e999999999", "-1e-999999999", "9" * 5000, "0.5", "12", "null", "true", '"\\ud800"']),
)


@FUZZ
@given(st.sampled_from(["title", "total", "target", "value", "weight", "year", "name"]), JSON_VALUES, st.booleans())
def test_structured_reader(field: str, value: str, as_text: bool) -> None:
    data = json.loads(STRUCTURED.read_text("utf-8"))
    mark = "@@VALUE@@"
    where = {
        "title": (data, "title"),
        "total": (data["funds"], "total"),
        "target": (data["indicators"][0], "target"),
        "value": (data["indicators"][0]["target"], "value"),
        "weight": (data["indicators"][0], "weight"),
        "year": (data, "year"),
        "name": (data["indicators"][1], "name"),
    }
    parent, key = where[field]
    parent[key] = mark
    raw = json.dumps(value, ensure_ascii=False) if as_text else value
    text = json.dumps(data, ensure_ascii=False).replace(json.dumps(mark), raw)
    for name in ("fuzz.json", "fuzz.yaml"):
        try:
            doc = read_bytes(text.encode("utf-8", "surrogatepass"), name)
        except ReadError:
            continue
        _no_internal_errors(doc)


@FUZZ
@given(TEXT)
def test_target_grammar(text: str) -> None:
    target = parse_target(text)
    assert target.raw == text
    assert target.kind in {"comparison", "range", "deadline", "period", "qualitative", "boolean", "empty", "invalid"}


TOKENS = st.sampled_from(
    [
        "not ", "(", ")", " and ", " or ", "name", "target.value", "target.unit", " matches ", " contains ",
        " in ", " == ", " < ", " >= ", " + ", " * ", "'^(a+)+$'", "'率$'", "'['", "1e999999999", "3", "'x'",
        "len(", "lower(", "matches_any(", ", ", "vocab.patterns", "threshold.satisfaction_min", "true", "null",
    ]
)  # fmt: skip


@FUZZ
@given(st.lists(TOKENS, min_size=1, max_size=14).map("".join))
def test_condition_language(source: str) -> None:
    try:
        fn = compiler().compile(source)
    except ExprError:
        return
    with contextlib.suppress(EvalError):
        fn(make_context())


FIXABLE = st.sampled_from(["<= 3.00 (次)", "≤３.00(次)", "满意", "≥ 90 %", "≤15.31 万元", "及时", "≥95%", "= 24 场"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(17, 30), FIXABLE), min_size=1, max_size=4))
def test_fix_converges_and_reads_back(tmp_path_factory, cells: list[tuple[int, str]]) -> None:
    lines = FIRST_FORM.split("\n")
    for line, target in cells:
        parts = lines[line - 1].split("\t")
        parts[-2 if len(parts) > 1 else -1] = target
        lines[line - 1] = "\t".join(parts)
    path = tmp_path_factory.mktemp("fix") / "form.txt"
    path.write_text("\n".join(lines), "utf-8")

    def fix() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["check", "--no-progress", "--no-config", "--format", "concise", str(path), "--fix", "--unsafe-fixes"])

    fix()
    once = path.read_bytes()
    _no_internal_errors(read_path(path))  # the fixed file reads back
    fix()
    assert path.read_bytes() == once  # nothing was left for a second run


def test_fuzz_inputs_exist() -> None:
    assert Path(SEED).is_file() and Path(STRUCTURED).is_file()
