"""SARIF 2.1.0: valid against the OASIS schema, readable by sarif-tools, faithful to findings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
from output_helpers import PATH, TEXT, ReadFail, mk
from sarif import loader

from linter.findings import Edit, Fix, Related, RuleInfo, sort_findings
from linter.fingerprint import fingerprints
from linter.model import Span
from linter.output import Report, render
from linter.output.sarif import artifact_location

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


RULES = {
    r: RuleInfo(
        r,
        f"rule-{r.lower()}",
        sev,
        cat,
        f"{r} 标题",
        f"{r} title",
        f"{r} 说明",
        f"{r} description",
        "财预〔2020〕10号",
    )
    for r, sev, cat in (
        ("JX205", "error", "适当性"),
        ("JX210", "info", "适当性"),
        ("JX301", "warning", "相关性"),
        ("JX401", "warning", "可行性"),  # in the run, no finding
    )
}


def build(errors=()) -> Report:
    t = Span(17, 26, 17, 36)
    findings = [
        mk(
            "JX205",
            "error",
            t,
            form_index=1,
            form_name="编外人员工作经费",
            indicator="人均用工成本",
            fix=Fix("改为元", "unsafe", (Edit(t, "≤153100(元)"),)),
        ),
        mk(
            "JX210",
            "info",
            Span(23, 14, 23, 16),
            form_index=1,
            fix=Fix("删除", "safe", (Edit(Span(23, 14, 23, 16), ""), Edit(Span(24, 1, 24, 1), "\t"))),
        ),
        mk(
            "JX301",
            "warning",
            Span(22, 7, 22, 9),
            form_index=1,
            related=(Related(Span(21, 12, 21, 14), "首次出现"), Related(t, "另见")),
        ),
        mk("JX301", "warning", Span(50, 7, 50, 9), form_index=2),
        mk("JX999", "error", Span(17, 5, 17, 6, cell="绩效目标表!E17"), path="表格/b.xlsx"),
    ]
    return Report(
        sort_findings(findings),
        sources={PATH: TEXT},
        rules=RULES,
        errors=list(errors),
        files_checked=2,
        tool_version="1.2.3",
    )


def log(rep: Report) -> dict:
    return json.loads(render("sarif", rep))


def test_valid_against_schema():
    for rep in (build(), build([ReadFail("bad.txt", 2, "坏", "bad")]), Report([])):
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log(rep))


def test_sarif_tools_reads_counts_by_severity(tmp_path):
    rep = build()
    path = tmp_path / "out.sarif"
    path.write_text(render("sarif", rep), encoding="utf-8")
    files = loader.load_sarif_files(str(path))
    assert files.get_result_count() == len(rep.findings)
    report = files.get_report()
    expected = Counter(LEVEL[f.severity] for f in rep.findings)
    for level in ("error", "warning", "note"):
        assert report.get_issue_count_for_severity(level) == expected[level]
    assert files.get_distinct_tool_names() == ["jxlint"]
    records = files.get_records()
    assert sorted(r["Code"] for r in records) == sorted(f.rule for f in rep.findings)


def test_run_header_and_rules():
    doc = log(build())
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("jxlint", "1.2.3")
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    # every rule of the run, plus the one a finding names without a description, sorted
    assert ids == sorted(set(RULES) | {"JX999"})
    r = driver["rules"][ids.index("JX210")]
    assert r["defaultConfiguration"]["level"] == "note"
    assert r["shortDescription"]["text"] == "JX210 标题"
    assert r["fullDescription"]["text"] == "JX210 说明"
    assert "财预〔2020〕10号" in r["help"]["text"] and "财预〔2020〕10号" in r["help"]["markdown"]
    assert r["properties"] == {"category": "适当性", "tags": ["适当性", "appropriateness"]}
    en = log(Report([], rules=RULES, lang="en"))["runs"][0]["tool"]["driver"]["rules"]
    assert en[0]["shortDescription"]["text"] == "JX205 title"


def test_results():
    rep = build()
    run = log(rep)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(rep.findings)
    fps = fingerprints(rep.findings)
    for res, f, fp in zip(results, rep.findings, fps, strict=True):
        assert res["ruleId"] == f.rule
        assert rules[res["ruleIndex"]]["id"] == f.rule
        assert res["level"] == LEVEL[f.severity]
        assert res["message"]["text"] == f.message
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (
            region["startLine"],
            region["startColumn"],
            region["endLine"],
            region["endColumn"],
        ) == (f.span.line, f.span.column, f.span.end_line, f.span.end_column)
        assert res["partialFingerprints"] == {"jxlintFingerprint/v1": fp}
        logical = res["locations"][0].get("logicalLocations")
        assert (logical is not None) == (f.span.cell is not None)
        if f.related:
            assert [r["message"]["text"] for r in res["relatedLocations"]] == [r.message for r in f.related]
            assert [r["id"] for r in res["relatedLocations"]] == [1, 2]
        else:
            assert "relatedLocations" not in res
        assert ("fixes" in res) == (f.fix is not None)


def test_office_cell_and_uri():
    run = log(build())["runs"][0]
    res = next(r for r in run["results"] if r["ruleId"] == "JX999")
    loc = res["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "%E8%A1%A8%E6%A0%BC/b.xlsx",
        "uriBaseId": "%SRCROOT%",
    }
    assert loc["logicalLocations"][0]["name"] == "绩效目标表!E17"


def test_artifact_locations():
    assert artifact_location("./a b/c.txt") == {"uri": "a%20b/c.txt", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("forms\\a.txt") == {"uri": "forms/a.txt", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("/srv/forms/a#1.txt") == {"uri": "file:///srv/forms/a%231.txt"}
    assert artifact_location("C:\\forms\\a.txt") == {"uri": "file:///C:/forms/a.txt"}


def test_fixes():
    run = log(build())["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    unsafe = by_rule["JX205"]["fixes"][0]
    assert unsafe["properties"] == {"applicability": "unsafe"}
    change = unsafe["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == PATH
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 17, "startColumn": 26, "endLine": 17, "endColumn": 36},
            "insertedContent": {"text": "≤153100(元)"},
        }
    ]
    safe = by_rule["JX210"]["fixes"][0]
    assert safe["properties"] == {"applicability": "safe"}
    assert len(safe["artifactChanges"][0]["replacements"]) == 2
    assert safe["description"]["text"] == "删除"


def test_invocation_reports_unreadable_files():
    ok = log(build())["runs"][0]["invocations"][0]
    assert ok["executionSuccessful"] is True
    assert ok["toolExecutionNotifications"] == []
    errs = [
        ReadFail("bad.txt", None, "无法识别编码", "unknown encoding"),
        ReadFail("c.txt", 3, "截断", "truncated"),
    ]
    inv = log(build(errs))["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["无法识别编码", "截断"]
    assert all(n["level"] == "error" for n in notes)
    assert "region" not in notes[0]["locations"][0]["physicalLocation"]
    assert notes[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_deterministic():
    assert render("sarif", build()) == render("sarif", build())
