"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (`columnKind: unicodeCodePoints`), end columns exclusive as
SARIF wants. URIs are relative POSIX paths under `%SRCROOT%`, percent-encoded; absolute
paths become `file:` URIs. Office cells add a logical location naming the cell.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from linter.findings import CATEGORY_EN, Finding, RuleInfo
from linter.model import Span
from linter.output import Report
from linter.output.json_out import form_dict
from linter.output.jsonenc import dumps_indented
from linter.output.ruledocs import help_uri

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "jxlintFingerprint/v1"


def artifact_location(path: str) -> dict[str, Any]:
    """An artifactLocation for `path`: relative under %SRCROOT%, or a file: URI."""
    posix = path.replace("\\", "/")
    win = PureWindowsPath(path)
    if win.drive and win.is_absolute():
        return {"uri": "file:///" + _quote(posix, "/:")}
    if PurePosixPath(posix).is_absolute():
        return {"uri": "file://" + _quote(posix, "/")}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": _quote(posix, "/"), "uriBaseId": "%SRCROOT%"}


def _quote(path: str, safe: str) -> str:
    """Percent-encoded; a file name that is not UTF-8 (surrogateescape) byte for byte."""
    return quote(path.encode("utf-8", "surrogateescape"), safe=safe)


def region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _location(path: str, span: Span) -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region(span)}}
    if span.cell:
        loc["logicalLocations"] = [{"name": span.cell, "fullyQualifiedName": f"{path}!{span.cell}", "kind": "element"}]
    return loc


def _rule_descriptor(info: RuleInfo, report: Report) -> dict[str, Any]:
    title = report.t(info.title_zh, info.title_en)
    desc = report.t(info.description_zh, info.description_en) or title
    basis_label = report.t("依据", "Basis")
    help_text = desc + (f"\n\n{basis_label}: {info.basis}" if info.basis else "")
    help_md = f"**{info.id} {info.name}**: {title}\n\n{desc}"
    if info.basis:
        help_md += f"\n\n*{basis_label}*: {info.basis}"
    tags = [info.category]
    if info.category in CATEGORY_EN:
        tags.append(CATEGORY_EN[info.category])
    descriptor = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": title or info.name},
        "fullDescription": {"text": desc or info.name},
        "help": {"text": help_text or info.name, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "warning")},
        "properties": {"category": info.category, "tags": tags},
    }
    uri = help_uri(info.id)
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


def _rules(report: Report) -> list[RuleInfo]:
    """The rules of the run plus any a finding names that the run did not describe."""
    rules = dict(report.rules)
    for f in report.findings:
        if f.rule not in rules:
            rules[f.rule] = RuleInfo(f.rule, f.name, f.severity, f.category, "", "", "", "", "")
    return [rules[k] for k in sorted(rules)]


def _fix(f: Finding) -> dict[str, Any]:
    assert f.fix is not None
    return {
        "description": {"text": f.fix.description},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(f.path),
                "replacements": [
                    {"deletedRegion": region(e.span), "insertedContent": {"text": e.new_text}} for e in f.fix.edits
                ],
            }
        ],
        "properties": {"applicability": f.fix.applicability},
    }


def _result(f: Finding, index: int, fp: str) -> dict[str, Any]:
    res: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [_location(f.path, f.span)],
    }
    if f.related:
        res["relatedLocations"] = [
            {"id": i, **_location(f.path, r.span), "message": {"text": r.message}} for i, r in enumerate(f.related, 1)
        ]
    if f.fix is not None and all(e.span.cell is None for e in f.fix.edits):
        res["fixes"] = [_fix(f)]  # a cell of a PDF/HTML/office file is no text region to replace
    res["partialFingerprints"] = {FINGERPRINT_KEY: fp}
    props: dict[str, Any] = {"category": f.category}  # the keys and values of the `json` output
    if f.form_index is not None:
        props["form"] = form_dict(f)
    if f.indicator is not None:
        props["indicator"] = f.indicator
    if f.pointer is not None:
        props["pointer"] = f.pointer
    res["properties"] = props
    return res


def _notification(err: Any, report: Report) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": artifact_location(err.path)}
    if err.line is not None and err.line >= 1:
        phys["region"] = {"startLine": err.line}
    return {
        "level": "error",
        "message": {"text": report.error_message(err)},
        "locations": [{"physicalLocation": phys}],
        "descriptor": {"id": "read-error"},
    }


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict."""
    rules = _rules(report)
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(f, index[f.rule], fp) for f, fp in zip(report.findings, report.fingerprints(), strict=True)]
    driver = {
        "name": "jxlint",
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "rules": [_rule_descriptor(r, report) for r in rules],
    }
    invocation = {
        "executionSuccessful": not report.errors,
        "toolExecutionNotifications": [_notification(e, report) for e in report.errors],
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "language": "en-US" if report.lang == "en" else "zh-CN",
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(report: Report) -> str:
    """The `sarif` output."""
    return dumps_indented(sarif_log(report)) + "\n"
