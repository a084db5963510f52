"""JUnit XML, for CI systems that show test reports.

A testsuite per file and a testcase per form (name = 项目名称, classname = path). Each
finding at warning or above is a <failure> of its form; info findings go to the form's
<system-out>. A form without failures passes. Findings about no particular form belong to
a testcase named "(文件)" / "(file)", and a file that could not be read gets a testcase with
an <error>. No timestamps or durations, so the output is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from linter.findings import SEVERITY_RANK, Finding
from linter.output import FormRef, Report

# Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, …).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with characters XML cannot hold replaced by U+FFFD."""
    return _INVALID_XML.sub("\ufffd", text)


class _Case:
    def __init__(self, name: str) -> None:
        self.name = name
        self.failures: list[Finding] = []
        self.infos: list[Finding] = []
        self.errors: list[Any] = []


def _failure_text(f: Finding, report: Report) -> str:
    sp = f.span
    where = f"{f.path}:{sp.line}:{sp.column}" + (f" ({sp.cell})" if sp.cell else "")
    lines = [f"{where}: {f.rule} {f.name} [{f.severity}]", f.message]
    if f.indicator:
        lines.append(report.t("指标: ", "indicator: ") + f.indicator)
    lines.extend(f"  --> {f.path}:{r.span.line}:{r.span.column}: {r.message}" for r in f.related)
    if f.fix is not None:
        safe = f.fix.applicability == "safe"
        label = report.t("修复 [安全]" if safe else "修复 [不安全]", f"fix [{f.fix.applicability}]")
        lines.append(f"{label}: {f.fix.description}")
    return "\n".join(lines)


def _cases(report: Report) -> dict[str, dict[Any, _Case]]:
    """path → key → case, where key is the form index, "file" or "read"."""
    by_path: dict[str, dict[Any, _Case]] = defaultdict(dict)
    refs: list[FormRef] = sorted(report.form_refs(), key=lambda r: (r.path, r.index))
    for ref in refs:
        by_path[ref.path].setdefault(ref.index, _Case(ref.project_name))
    for f in report.findings:
        cases = by_path[f.path]
        if f.form_index is None:
            case = cases.setdefault("file", _Case(report.t("(文件)", "(file)")))
        else:
            case = cases.setdefault(f.form_index, _Case(f.form_name or ""))
        if SEVERITY_RANK.get(f.severity, 3) >= SEVERITY_RANK["warning"]:
            case.failures.append(f)
        else:
            case.infos.append(f)
    for err in report.errors:
        by_path[err.path].setdefault("read", _Case(report.t("(读取)", "(read)"))).errors.append(err)
    return by_path


def _case_names(cases: dict[Any, _Case], report: Report) -> dict[Any, str]:
    """Testcase names: the project name, with the form number added when it is empty or
    shared by several forms of the file."""
    count: dict[str, int] = defaultdict(int)
    for key, case in cases.items():
        if isinstance(key, int):
            count[case.name] += 1
    names = {}
    for key, case in cases.items():
        name = case.name
        if isinstance(key, int) and (not name or count[name] > 1):
            label = report.t(f"表 {key}", f"form {key}")
            name = f"{name} ({label})" if name else label
        names[key] = name
    return names


def _order(key: Any) -> tuple[int, int]:
    if key == "read":
        return (0, 0)
    if key == "file":
        return (1, 0)
    return (2, key)


def junit_tree(report: Report) -> ET.Element:
    """The <testsuites> element."""
    root = ET.Element("testsuites", name="jxlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, cases in sorted(_cases(report).items()):
        suite = ET.SubElement(root, "testsuite", name=clean(path))
        n = {"tests": 0, "failures": 0, "errors": 0}
        names = _case_names(cases, report)
        for key in sorted(cases, key=_order):
            case = cases[key]
            el = ET.SubElement(suite, "testcase", name=clean(names[key]), classname=clean(path))
            for err in case.errors:
                msg = clean(report.error_message(err))
                line = "" if err.line is None else f":{err.line}"
                e = ET.SubElement(el, "error", message=msg, type="read-error")
                e.text = f"{clean(path)}{line}: {msg}"
            for f in case.failures:
                fail = ET.SubElement(el, "failure", message=clean(f.message), type=f.rule)
                fail.text = clean(_failure_text(f, report))
            if case.infos:
                out = ET.SubElement(el, "system-out")
                out.text = clean("\n\n".join(_failure_text(f, report) for f in case.infos))
            n["tests"] += 1
            n["failures"] += len(case.failures)
            n["errors"] += len(case.errors)
        for k, v in n.items():
            suite.set(k, str(v))
            totals[k] += v
        suite.set("skipped", "0")
    for k, v in totals.items():
        root.set(k, str(v))
    return root


def render_junit(report: Report) -> str:
    """The `junit` output."""
    root = junit_tree(report)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
