"""GitHub workflow commands and the concise format: one well-formed line per finding."""

from __future__ import annotations

import re

import output_helpers as helpers
from output_helpers import ReadFail

from linter.findings import Finding
from linter.model import Span
from linter.output import Report, render
from linter.output.github import escape_data, escape_property

PROP = r"(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)*"
DATA = r"(?:[^%\r\n]|%25|%0D|%0A)*"
COMMAND = re.compile(
    rf"::(?P<cmd>error|warning|notice) file=(?P<file>{PROP})"
    rf"(?:,line=(?P<line>\d+))?(?:,col=(?P<col>\d+))?(?:,endLine=(?P<endLine>\d+))?"
    rf"(?:,endColumn=(?P<endColumn>\d+))?,title=(?P<title>{PROP})::(?P<msg>{DATA})"
)
CONCISE = re.compile(
    r"(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>JX\d+) "
    r"\[(?P<sev>error|warning|info)\] (?P<msg>.*)"
)


def mk(rule, severity, span, path="forms/a.txt", **kw) -> Finding:
    return helpers.mk(rule, severity, span, path, **kw)


def unescape(s: str) -> str:
    for enc, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        s = s.replace(enc, ch)
    return s


FINDINGS = [
    mk("JX205", "error", Span(17, 26, 17, 36)),
    mk(
        "JX301",
        "warning",
        Span(22, 7, 22, 9),
        path="a,b:c%d.txt",
        message="完成率 100% 与\n第 21 行重复: 请改, 谢谢",
    ),
    mk("JX210", "info", Span(23, 14, 23, 16)),
    mk("JX101", "warning", Span(14, 3, 16, 1)),
]


def test_every_line_is_a_workflow_command():
    rep = Report(FINDINGS, errors=[ReadFail("bad.txt", 2, "坏", "bad")])
    lines = render("github", rep).splitlines()
    assert len(lines) == len(FINDINGS) + 1
    parsed = [COMMAND.fullmatch(line) for line in lines[:-1]]
    assert all(parsed), lines
    assert [m["cmd"] for m in parsed] == ["error", "warning", "notice", "warning"]
    for m, f in zip(parsed, FINDINGS, strict=True):
        assert unescape(m["file"]) == f.path
        assert unescape(m["msg"]) == f.message
        assert unescape(m["title"]) == f"{f.rule} {f.name}"
        assert int(m["line"]) == f.span.line
        assert int(m["endLine"]) == f.span.end_line
        if f.span.line == f.span.end_line:
            assert (int(m["col"]), int(m["endColumn"])) == (f.span.column, f.span.end_column)
        else:  # GitHub refuses columns on annotations spanning lines
            assert m["col"] is None and m["endColumn"] is None
    assert lines[-1] == "::error file=bad.txt,line=2,title=jxlint::坏"


def test_escaping():
    assert escape_data("100%\r\na:b,c") == "100%25%0D%0Aa:b,c"
    assert escape_property("100%\r\na:b,c") == "100%25%0D%0Aa%3Ab%2Cc"
    out = render("github", Report(FINDINGS[1:2]))
    assert "file=a%2Cb%3Ac%25d.txt," in out
    assert "::完成率 100%25 与%0A第 21 行重复: 请改, 谢谢\n" in out


def test_concise():
    errs = [ReadFail("bad.txt", None, "无法识别编码", "unknown encoding")]
    out = render("concise", Report(FINDINGS, errors=errs))
    lines = out.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == len(FINDINGS) + 1
    for line, f in zip(lines, FINDINGS, strict=False):
        m = CONCISE.fullmatch(line)
        assert m and m["rule"] == f.rule and m["sev"] == f.severity
        assert (int(m["line"]), int(m["col"])) == (f.span.line, f.span.column)
    assert lines[0] == "forms/a.txt:17:26: JX205 [error] JX205 消息"
    assert lines[1] == "a,b:c%d.txt:22:7: JX301 [warning] 完成率 100% 与 第 21 行重复: 请改, 谢谢"
    assert lines[-1] == "bad.txt: [error] 无法识别编码"
    en = render("concise", Report([], errors=errs, lang="en"))
    assert en == "bad.txt: [error] unknown encoding\n"
    assert render("concise", Report([])) == ""
