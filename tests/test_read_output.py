"""`jxlint parse` output: JSON valid against docs/parse-output.schema.json, and the tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from linter.output.model_json import documents_to_json, render_parse
from linter.read import ReadError, read_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "parse-output.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _docs_and_errors():
    docs, errors = [], []
    for rel in (
        "forms/seed.txt",
        "forms/split-columns.txt",
        "forms/split-columns.yaml",
        "forms/split-columns.json",
        "bad/target-without-name.txt",
        "bad/truncated-header.txt",
        "bad/empty.txt",
        "bad/unknown-encoding.txt",
    ):
        try:
            docs.append(read_path(FIXTURES / rel, display_path=rel))
        except ReadError as exc:
            errors.append(exc)
    return docs, errors


def test_parse_json_matches_its_schema(validator: Draft202012Validator) -> None:
    docs, errors = _docs_and_errors()
    out = json.loads(render_parse(docs, errors, "json"))
    assert [e.message for e in validator.iter_errors(out)] == []
    assert len(out["forms"]) == 5 + 1 + 1 + 1 + 1 + 1
    assert [e["path"] for e in out["errors"]] == ["bad/empty.txt", "bad/unknown-encoding.txt"]
    assert out["errors"][1]["line"] == 3


def test_schema_rejects_a_float_amount(validator: Draft202012Validator) -> None:
    docs, _ = _docs_and_errors()
    out = json.loads(render_parse(docs[:1], [], "json"))
    out["forms"][0]["funds"]["total"] = 1693995.0
    assert list(validator.iter_errors(out))


def test_json_is_deterministic_and_keeps_chinese() -> None:
    docs, errors = _docs_and_errors()
    a = render_parse(docs, errors, "json")
    b = render_parse(_docs_and_errors()[0], _docs_and_errors()[1], "json")
    assert a == b
    assert "编外人员工作经费" in a and a.endswith("}\n")


def test_amounts_are_decimal_strings_in_yuan() -> None:
    doc = read_path(FIXTURES / "forms" / "split-columns.txt")
    funds = documents_to_json([doc])["forms"][0]["funds"]
    assert (funds["unit"], funds["total"], funds["raw"]["total"]) == ("万元", "360000.00", "36.00")
    target = documents_to_json([doc])["forms"][0]["indicators"][5]["target"]
    assert (target["value"], target["unit"], target["scale"]) == ("1.5", "万元", "10000")


def test_text_tree() -> None:
    docs, errors = _docs_and_errors()
    text = render_parse(docs, errors, "text")
    assert "forms/seed.txt · 第 2 张表 · 工伤鉴定 (2026) [shanghai, tsv, utf-8]" in text
    assert "        59: 群众满意度 → ≥90.00(%) [comparison]" in text
    assert "18:13 target-without-name: 第 18 行有指标值「≤15.00(人)」但没有指标名称" in text
    assert "bad/unknown-encoding.txt:3: 无法读取: 无法识别文件编码" in text
    en = render_parse(docs, errors, "text", lang="en")
    assert "form 2" in en and "the value" not in en and "cannot read" in en
    with pytest.raises(ValueError):
        render_parse(docs, errors, "xml")
