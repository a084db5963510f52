"""Structured input (JSON, YAML) against linter/schemas/form.schema.json."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from linter.output.model_json import documents_to_json
from linter.read import ReadError, read_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "fixtures" / "forms"


def _model(doc) -> dict[str, Any]:
    out = documents_to_json([doc])

    def strip(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {
                k: strip(v)
                for k, v in obj.items()
                if k not in ("span", "spans", "label_span", "value_span", "path", "line", "medium")
            }
        if isinstance(obj, list):
            return [strip(v) for v in obj]
        return obj

    return strip(out)


def test_schema_is_published_unchanged() -> None:
    shipped = (ROOT / "linter" / "schemas" / "form.schema.json").read_bytes()
    assert (ROOT / "docs" / "form.schema.json").read_bytes() == shipped


def test_yaml_and_json_give_the_same_model() -> None:
    y = read_path(FORMS / "split-columns.yaml")
    j = read_path(FORMS / "split-columns.json")
    assert _model(y) == _model(j)
    assert y.forms[0].template.id == "structured" and y.forms[0].medium == "yaml"


def test_structured_matches_the_text_layout() -> None:
    y = read_path(FORMS / "split-columns.yaml").forms[0]
    t = read_path(FORMS / "split-columns.txt").forms[0]

    def key(form):
        return (
            form.title.text,
            form.year,
            form.project_name,
            form.department,
            form.unit,
            form.funds,
            form.plan_start.value,
            form.plan_end.value,
            form.goal.text,
            [
                (
                    i.level1,
                    i.level2,
                    i.name,
                    i.target.raw,
                    i.target.kind,
                    i.target.op,
                    i.target.value,
                    i.target.unit,
                    i.target.deadline,
                    i.weight,
                )
                for i in form.indicators
            ],
        )

    def no_spans(form):
        k = list(key(form))
        f = k[5]
        k[5] = [
            (m.amount, m.raw) if m else None for m in (f.total, f.appropriation, f.carryover, f.other, f.project_total)
        ] + [f.unit]
        return k

    assert no_spans(y) == no_spans(t)
    assert y.funds.total.amount == Decimal("360000.00")


def test_positions_and_pointers() -> None:
    form = read_path(FORMS / "split-columns.yaml").forms[0]
    ind = form.indicators[4]
    assert ind.pointer == "/indicators/4" and ind.name == "讲座完成时间"
    assert (ind.line, ind.name_span.line, ind.name_span.column) == (38, 40, 11)
    assert ind.target.kind == "deadline" and ind.target.raw == "≤ 2026-11-30 日期"
    assert form.funds.total.span.line == 9
    j = read_path(FORMS / "split-columns.json").forms[0]
    assert j.indicators[8].pointer == "/indicators/8"
    assert (j.indicators[8].name_span.line, j.indicators[8].name_span.column) == (109, 16)


def test_forms_wrapper_and_string_targets() -> None:
    data = {
        "forms": [
            {"project_name": "甲", "indicators": [{"name": "满意度", "target": "≥95.00(%)"}]},
            {
                "project_name": "乙",
                "funds": {"total": "1,000.50"},
                "indicators": [{"level1": "项目完成指标", "level2": "数量指标", "name": "次数", "target": 12}],
            },
        ]
    }
    doc = read_bytes(json.dumps(data, ensure_ascii=False).encode(), "x.json")
    a, b = doc.forms
    assert (a.index, b.index) == (1, 2)
    assert a.indicators[0].target.op == "≥" and a.indicators[0].pointer == "/forms/0/indicators/0"
    assert b.funds.total.amount == Decimal("1000.50") and b.funds.total.raw == "1,000.50"
    assert b.indicators[0].level1 == "产出指标"  # the alias, read as the canonical name
    assert b.indicators[0].target.value == Decimal(12)


def test_reader_problems_in_structured_input() -> None:
    text = (
        "project_name: 甲\n"
        "plan: {start: 2026-02-30, end: 2026-12-31}\n"
        "indicators:\n"
        "  - {level1: 成效指标, name: '', target: 及时}\n"
    )
    form = read_bytes(text.encode(), "x.yaml").forms[0]
    codes = [(p.code, p.span.line) for p in form.problems]
    assert codes == [("bad-date", 2), ("unknown-level", 4), ("target-without-name", 4)]
    assert form.plan_start.value is None and form.plan_start.raw == "2026-02-30"


def test_yaml_floats_become_exact_decimals() -> None:
    text = "funds: {unit: 元, total: 0.1, appropriation: 1234567.89}\nindicators: []\n"
    funds = read_bytes(text.encode(), "x.yaml").forms[0].funds
    assert funds.total.amount == Decimal("0.1") and funds.total.raw == "0.1"
    assert funds.appropriation.amount == Decimal("1234567.89")


@pytest.mark.parametrize(
    ("name", "text", "line", "field", "zh"),
    [
        (
            "a.yaml",
            "project_name: 甲\nindicators:\n  - name: x\n    targt: 1\n",
            4,
            "/indicators/0/targt",
            "未知字段「targt」",
        ),
        ("b.json", '{\n  "project_name": "甲",\n  "year": "2026"\n}\n', 3, "/year", "类型"),
        ("c.yaml", "indicators:\n  - level1: 产出指标\n    target: 1\n", 2, "/indicators/0", "缺少必填字段「name」"),
        ("d.json", '{"funds": {"unit": "美元"}}', 1, "/funds/unit", "取值"),
        ("e.yaml", "forms: []\n", 1, "/forms", "至少需要 1 项"),
        ("f.yaml", "funds: {total: 12abc}\n", 1, "/funds/total", "格式不对"),
        ("g.json", "[1, 2]", 1, "/", "类型"),
    ],
)
def test_schema_errors_name_line_and_field(name: str, text: str, line: int, field: str, zh: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(text.encode(), name)
    err = info.value
    assert (err.path, err.line) == (name, line)
    assert f"字段 {field}：" in err.message_zh and zh in err.message_zh
    assert f"field {field}:" in err.message_en
    assert str(err).startswith(f"{name}:{line}: ")


@pytest.mark.parametrize(
    ("name", "text", "line", "zh"),
    [
        ("a.json", '{"project_name": "甲",\n "year": 2026,,}', 2, "JSON 语法错误"),
        ("b.json", '{"a": 1, "a": 2}', 1, "重复的字段"),
        ("c.yaml", "project_name: [甲\nyear: 1\n", 2, "YAML 语法错误"),
        ("d.yaml", "funds: {total: .inf}\n", 1, "数字"),
        ("e.yaml", "# nothing\n", None, "空的 YAML"),
        ("f.yaml", "a: 1\n---\nb: 2\n", 2, "YAML 语法错误"),
        ("g.json", "[" * 500, 1, "嵌套太深"),
    ],
)
def test_syntax_errors(name: str, text: str, line: int | None, zh: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(text.encode(), name)
    assert info.value.line == line and zh in info.value.message_zh


def test_unsafe_yaml_tags_are_not_constructed() -> None:
    text = "project_name: !!python/object/apply:os.system ['true']\nindicators: []\n"
    with pytest.raises(ReadError, match="类型"):
        read_bytes(text.encode(), "x.yaml")


def test_a_number_beyond_what_a_decimal_holds_is_out_of_range_not_a_crash() -> None:
    """1e followed by fifty 9s: Decimal refuses the exponent; the form is still read and the
    number is reported where it stands (it was an internal error)."""
    huge = "1e" + "9" * 50
    row = '{"level1": "产出指标", "level2": "数量指标", "name": "场次", "target": "≥3(场)"}'
    text = '{"forms": [{"title": ' + huge + ', "indicators": [' + row + ']}]}'
    doc = read_bytes(text.encode(), "huge.json")
    (form,) = doc.forms
    assert [i.name for i in form.indicators] == ["场次"]
    assert any(huge[:10] in p.message_zh and p.span.column == 22 for p in form.problems)
