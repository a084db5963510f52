"""JSON and JSON Lines: the documented schema, fixed key order, byte-identical output."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from output_helpers import PATH, TEXT, ReadFail, cell, line_with, mk

from linter.findings import Edit, Finding, Fix, Related, sort_findings
from linter.fingerprint import fingerprints
from linter.model import Span
from linter.output import Report, render, summarize
from linter.output.json_out import OUTPUT_VERSION, error_dict, finding_dict

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "check-output.schema.json").read_text(encoding="utf-8"))
ASTRAL_PATH = "forms/astral.txt"
ASTRAL_TEXT = "项目名称\t\U00020000\U00020001工程\n绩效指标\t数量指标\t≥3(个)\n"


def build() -> Report:
    l1 = line_with("≤15.31(万元)")
    target = cell(l1, "≤15.31(万元)")
    l2 = line_with("保障")
    vague = cell(l2, "保障")
    findings = [
        mk(
            "JX205",
            "error",
            target,
            form_index=1,
            form_name="编外人员工作经费",
            indicator="人均用工成本",
            indicator_index=0,
            fix=Fix("改为 ≤153100(元)", "unsafe", (Edit(target, "≤153100(元)"),)),
        ),
        mk(
            "JX210",
            "info",
            vague,
            form_index=1,
            form_name="编外人员工作经费",
            indicator="保障各科室工作正常运行",
            indicator_index=7,
            related=(Related(target, "参见"),),
            fix=Fix("删除", "safe", (Edit(vague, ""),)),
        ),
        mk("JX301", "warning", vague, form_index=1, form_name="编外人员工作经费"),
        mk("JX101", "warning", Span(1, 1, 1, 1)),  # a file-level finding: no form
        mk(
            "JX120",
            "error",
            Span(17, 5, 17, 6, cell="绩效目标表!E17"),
            path="b.xlsx",
            form_index=1,
            form_name="办公楼维修",
            pointer=None,
        ),
        mk("JX130", "error", Span(2, 9, 2, 15), path=ASTRAL_PATH, form_index=1, form_name=""),
        mk(
            "JX140",
            "warning",
            Span(1, 6, 1, 10),
            path=ASTRAL_PATH,
            form_index=1,
            pointer="/indicators/0",
        ),
    ]
    return Report(
        findings=sort_findings(findings),
        sources={PATH: TEXT, ASTRAL_PATH: ASTRAL_TEXT},
        forms=[(PATH, 1, "编外人员工作经费"), (PATH, 2, "工伤鉴定"), ("b.xlsx", 1, "办公楼维修")],
        errors=[
            ReadFail("bad.txt", None, "无法识别编码", "unknown encoding"),
            ReadFail("c.json", 4, "不是合法的 JSON", "not valid JSON"),
        ],
        files_checked=5,
        tool_version="9.9.9",
    )


def test_validates_against_documented_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    doc = json.loads(render("json", build()))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    empty = json.loads(render("json", Report([])))
    jsonschema.Draft202012Validator(SCHEMA).validate(empty)


def test_byte_identical_and_formatted():
    a = render("json", build())
    assert a == render("json", build())
    assert a.endswith("}\n") and not a.endswith("\n\n")
    assert "编外人员工作经费" in a  # not \u-escaped
    assert a == json.dumps(json.loads(a), ensure_ascii=False, indent=2) + "\n"


def test_key_order():
    doc = json.loads(render("json", build()))
    assert list(doc) == ["version", "tool", "findings", "errors", "summary"]
    assert list(doc["findings"][0]) == [
        "path",
        "rule",
        "name",
        "severity",
        "category",
        "message",
        "span",
        "related",
        "form",
        "indicator",
        "indicator_index",
        "pointer",
        "fix",
        "fingerprint",
    ]
    assert list(doc["findings"][0]["span"]) == [
        "line",
        "column",
        "end_line",
        "end_column",
        "utf16_column",
        "utf16_end_column",
        "cell",
    ]


def test_content_matches_findings():
    rep = build()
    doc = json.loads(render("json", rep))
    assert [f["rule"] for f in doc["findings"]] == [f.rule for f in rep.findings]
    assert [f["fingerprint"] for f in doc["findings"]] == fingerprints(rep.findings)
    by_rule = {f["rule"]: f for f in doc["findings"]}
    fix = by_rule["JX205"]["fix"]
    assert fix["applicability"] == "unsafe"
    assert fix["edits"][0]["new_text"] == "≤153100(元)"
    src = rep.findings[[f.rule for f in rep.findings].index("JX205")]
    assert fix["edits"][0]["span"]["column"] == src.span.column
    assert by_rule["JX210"]["related"][0]["message"] == "参见"
    assert by_rule["JX101"]["form"] is None
    assert by_rule["JX205"]["form"] == {"index": 1, "project_name": "编外人员工作经费"}
    assert by_rule["JX140"]["pointer"] == "/indicators/0"
    assert doc["tool"] == {"name": "jxlint", "version": "9.9.9", "lang": "zh"}
    assert doc["errors"][1] == {"path": "c.json", "line": 4, "message": "不是合法的 JSON"}
    en = json.loads(render("json", Report([], errors=rep.errors, lang="en")))
    assert en["errors"][0]["message"] == "unknown encoding"


def test_utf16_columns():
    doc = json.loads(render("json", build()))
    by_rule = {f["rule"]: f for f in doc["findings"]}
    # line 2 of the astral text has no astral characters: columns agree
    s = by_rule["JX130"]["span"]
    assert (s["utf16_column"], s["utf16_end_column"]) == (9, 15)
    # line 1: columns 6 and 7 are astral, so everything after them shifts by two units
    s = by_rule["JX140"]["span"]
    assert (s["column"], s["end_column"]) == (6, 10)
    assert (s["utf16_column"], s["utf16_end_column"]) == (6, 12)
    # office cells have no text to count in
    s = by_rule["JX120"]["span"]
    assert s["cell"] == "绩效目标表!E17"
    assert s["utf16_column"] is None and s["utf16_end_column"] is None


def test_summary():
    rep = build()
    s = json.loads(render("json", rep))["summary"]
    sev = Counter(f.severity for f in rep.findings)
    assert s["by_severity"] == {k: sev.get(k, 0) for k in ("error", "warning", "info")}
    assert s["by_rule"] == dict(sorted(Counter(f.rule for f in rep.findings).items()))
    assert s["total"] == len(rep.findings)
    assert (s["files"], s["forms"], s["errors"]) == (5, 3, 2)
    assert s["fixable"] == {"safe": 1, "unsafe": 1}


def test_json_lines():
    rep = build()
    out = render("json-lines", rep)
    lines = out.splitlines()
    assert out.endswith("\n")
    assert len(lines) == len(rep.findings) + len(rep.errors)
    defs = {"$defs": SCHEMA["$defs"]}
    finding_schema = {**defs, "$ref": "#/$defs/finding"}
    error_schema = {**defs, "$ref": "#/$defs/error_line"}
    whole = json.loads(render("json", rep))
    for i, line in enumerate(lines):
        obj = json.loads(line)
        if i < len(rep.findings):
            jsonschema.Draft202012Validator(finding_schema).validate(obj)
            assert obj == whole["findings"][i]
        else:
            jsonschema.Draft202012Validator(error_schema).validate(obj)
            assert obj["type"] == "error"
    assert "summary" not in out
    assert render("json-lines", Report([])) == ""


@pytest.mark.parametrize("fmt", ["json", "json-lines"])
def test_rendering_twice_from_one_report_is_stable(fmt):
    rep = build()
    assert render(fmt, rep) == render(fmt, rep)


# ---- the document written in parts (head, findings, tail) is the plain JSON of its dicts ----

_TEXTS = st.text(max_size=12)
_OPT_TEXT = st.none() | _TEXTS
_SPANS = st.builds(
    Span,
    st.integers(1, 5),
    st.integers(1, 40),
    st.integers(1, 5),
    st.integers(1, 40),
    st.none() | st.sampled_from(["Sheet1!B5", "表1 行5 列3"]),
)
_FIXES = st.none() | st.builds(
    Fix, _TEXTS, st.sampled_from(["safe", "unsafe"]), st.lists(st.builds(Edit, _SPANS, _TEXTS), max_size=2).map(tuple)
)
_FINDINGS = st.builds(
    Finding,
    path=_TEXTS,
    rule=_TEXTS,
    name=_TEXTS,
    severity=st.sampled_from(["error", "warning", "info"]),
    category=_TEXTS,
    message=_TEXTS,
    span=_SPANS,
    form_index=st.none() | st.integers(1, 9),
    form_name=_OPT_TEXT,
    indicator=_OPT_TEXT,
    indicator_index=st.none() | st.integers(0, 30),
    related=st.lists(st.builds(Related, _SPANS, _TEXTS), max_size=3).map(tuple),
    fix=_FIXES,
    pointer=_OPT_TEXT,
)


@given(
    st.lists(_FINDINGS, max_size=3),
    st.none() | st.lists(st.text(max_size=30), min_size=1, max_size=5),
    st.lists(st.builds(ReadFail, _TEXTS, st.none() | st.integers(1, 9), _TEXTS, _TEXTS), max_size=2),
)
def test_json_is_json_dumps_of_the_envelope_and_finding_dict(findings, lines, errors) -> None:
    text = None if lines is None else "\n".join(lines)
    findings = sort_findings(findings)
    report = Report(findings, {f.path: text for f in findings} if text is not None else {}, [], {}, errors=errors)
    fps = report.fingerprints()
    document = {
        "version": OUTPUT_VERSION,
        "tool": {"name": "jxlint", "version": report.tool_version, "lang": report.lang},
        "findings": [finding_dict(f, report.lines(f.path), fp) for f, fp in zip(findings, fps, strict=True)],
        "errors": [error_dict(e, report) for e in errors],
        "summary": summarize(report),
    }
    assert render("json", report) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
