"""JUnit XML: a suite per file, a case per form, failures for warnings and errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from linter.findings import Finding, sort_findings
from linter.model import Span
from linter.output import Report, render

PATH = "fixtures/forms/seed.txt"


class ReadFail:
    def __init__(self, path, line, zh, en):
        self.path, self.line, self.message_zh, self.message_en = path, line, zh, en


def mk(rule, severity, line, path=PATH, form=1, name="编外人员工作经费", **kw) -> Finding:
    base = dict(
        path=path,
        rule=rule,
        name=f"rule-{rule.lower()}",
        severity=severity,
        category="适当性",
        message=f"{rule} 消息",
        span=Span(line, 2, line, 5),
        form_index=form,
        form_name=name,
    )
    base.update(kw)
    return Finding(**base)


FORMS = [
    (PATH, 1, "编外人员工作经费"),
    (PATH, 2, "工伤鉴定"),
    (PATH, 3, "工伤鉴定"),
    ("b.txt", 1, ""),
]


def build(findings, errors=(), forms=FORMS, **kw) -> ET.Element:
    rep = Report(sort_findings(findings), forms=list(forms), errors=list(errors), **kw)
    out = render("junit", rep)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(out.encode("utf-8"))


def suite(root, name):
    return next(s for s in root.findall("testsuite") if s.get("name") == name)


def test_structure_and_counts():
    fs = [
        mk("JX205", "error", 17, indicator="人均用工成本"),
        mk("JX301", "warning", 22),
        mk("JX210", "info", 23),
        mk("JX302", "warning", 60, form=3, name="工伤鉴定"),
        mk("JX101", "warning", 1, form=None, name=None),
        mk("JX211", "info", 5, path="b.txt", name=""),
    ]
    root = build(fs, errors=[ReadFail("bad.txt", None, "无法识别编码", "unknown encoding")])
    assert [s.get("name") for s in root.findall("testsuite")] == ["b.txt", "bad.txt", PATH]
    seed = suite(root, PATH)
    cases = seed.findall("testcase")
    # three forms plus a case for the file-level finding
    assert [c.get("name") for c in cases] == [
        "(文件)",
        "编外人员工作经费",
        "工伤鉴定 (表 2)",
        "工伤鉴定 (表 3)",
    ]
    assert all(c.get("classname") == PATH for c in cases)
    assert (seed.get("tests"), seed.get("failures"), seed.get("errors")) == ("4", "4", "0")
    first = cases[1]
    assert [f.get("type") for f in first.findall("failure")] == ["JX205", "JX301"]
    assert first.find("failure").get("message") == "JX205 消息"
    assert f"{PATH}:17:2" in first.find("failure").text
    assert "人均用工成本" in first.find("failure").text
    assert "JX210" in first.find("system-out").text
    assert list(cases[2]) == []  # the second form passes
    assert [f.get("type") for f in cases[3].findall("failure")] == ["JX302"]
    b = suite(root, "b.txt")
    assert b.get("failures") == "0"
    only = b.find("testcase")
    assert only.get("name") == "表 1" and only.find("failure") is None
    assert "JX211" in only.find("system-out").text
    bad = suite(root, "bad.txt")
    err = bad.find("testcase/error")
    assert (bad.get("errors"), err.get("message"), err.get("type")) == (
        "1",
        "无法识别编码",
        "read-error",
    )
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "4", "1")


def test_escaping_and_invalid_characters():
    msg = 'a<b & "c" > d\x0b\nnext'
    root = build([mk("JX205", "error", 17, message=msg, indicator="<指标>&")])
    failure = root.find(".//failure")
    assert failure.get("message") == 'a<b & "c" > d\ufffd\nnext'
    assert "<指标>&" in failure.text


def test_form_objects_and_english():
    forms = [SimpleNamespace(path=PATH, index=1, project_name="编外人员工作经费")]
    a = render("junit", Report([mk("JX205", "error", 17)], forms=forms, lang="en"))
    b = render("junit", Report([mk("JX205", "error", 17)], forms=[FORMS[0]], lang="en"))
    assert a == b
    root = ET.fromstring(render("junit", Report([mk("JX1", "warning", 1, form=None)], lang="en")).encode())
    assert root.find(".//testcase").get("name") == "(file)"


def test_clean_run_passes():
    root = build([])
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert root.get("tests") == str(len(FORMS))
    assert root.findall(".//failure") == []


def test_deterministic():
    fs = [mk("JX205", "error", 17), mk("JX210", "info", 23)]
    rep1 = Report(fs, forms=FORMS)
    rep2 = Report(list(fs), forms=list(FORMS))
    assert render("junit", rep1) == render("junit", rep2)
