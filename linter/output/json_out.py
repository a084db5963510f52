"""JSON and JSON Lines. The shape is documented by docs/check-output.schema.json.

Keys come out in a fixed order, non-ASCII text as is (ensure_ascii=False), indented by 2,
with a final newline, so the same input gives byte-identical output.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from linter.findings import Finding
from linter.model import Span
from linter.output import Report, summarize
from linter.output.jsonenc import dumps_indented
from linter.positions import span_utf16

OUTPUT_VERSION = 1


def span_dict(span: Span, lines: list[str] | None) -> dict[str, Any]:
    """A span as JSON, with UTF-16 columns (null without the source text)."""
    u_start, u_end = span_utf16(span, lines)
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "utf16_column": u_start,
        "utf16_end_column": u_end,
        "cell": span.cell,
    }


def finding_dict(f: Finding, report: Report, fp: str) -> dict[str, Any]:
    """One finding as JSON (shared by json and json-lines)."""
    lines = report.lines(f.path)
    fix = None
    if f.fix is not None:
        fix = {
            "description": f.fix.description,
            "applicability": f.fix.applicability,
            "edits": [{"span": span_dict(e.span, lines), "new_text": e.new_text} for e in f.fix.edits],
        }
    form = None
    if f.form_index is not None:
        form = {"index": f.form_index, "project_name": f.form_name}
    return {
        "path": f.path,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "category": f.category,
        "message": f.message,
        "span": span_dict(f.span, lines),
        "related": [{"span": span_dict(r.span, lines), "message": r.message} for r in f.related],
        "form": form,
        "indicator": f.indicator,
        "indicator_index": f.indicator_index,
        "pointer": f.pointer,
        "fix": fix,
        "fingerprint": fp,
    }


def finding_json(f: Finding, lines: list[str] | None, fp: str, level: int = 0) -> str:
    """`dumps_indented(finding_dict(f, report, fp), level)` written directly, where `lines`
    are `report.lines(f.path)`: the same text without building the dicts and walking them
    (86,000 instructions less a form on the benchmark corpus). The streamed output writes
    every finding of a batch this way; a test holds the two equal, so a key added to
    `finding_dict` must be added here too."""
    nl = "\n" + "  " * level
    i1 = nl + "  "
    i2 = i1 + "  "
    i3 = i2 + "  "
    related = "[]"
    if f.related:
        items = [
            f'{i2}{{{i3}"span": {_span_json(r.span, lines, i3)},{i3}"message": {_value(r.message)}{i2}}}'
            for r in f.related
        ]
        related = "[" + ",".join(items) + i1 + "]"
    fix = "null"
    if f.fix is not None:
        i4 = i3 + "  "
        edits = "[]"
        if f.fix.edits:
            parts = [
                f'{i3}{{{i4}"span": {_span_json(e.span, lines, i4)},{i4}"new_text": {_value(e.new_text)}{i3}}}'
                for e in f.fix.edits
            ]
            edits = "[" + ",".join(parts) + i2 + "]"
        fix = (
            f'{{{i2}"description": {_value(f.fix.description)},{i2}"applicability": {_value(f.fix.applicability)},'
            f'{i2}"edits": {edits}{i1}}}'
        )
    form = "null"
    if f.form_index is not None:
        form = f'{{{i2}"index": {_value(f.form_index)},{i2}"project_name": {_value(f.form_name)}{i1}}}'
    return (
        f'{{{i1}"path": {_value(f.path)},{i1}"rule": {_value(f.rule)},{i1}"name": {_value(f.name)},'
        f'{i1}"severity": {_value(f.severity)},{i1}"category": {_value(f.category)},'
        f'{i1}"message": {_value(f.message)},{i1}"span": {_span_json(f.span, lines, i1)},'
        f'{i1}"related": {related},{i1}"form": {form},{i1}"indicator": {_value(f.indicator)},'
        f'{i1}"indicator_index": {_value(f.indicator_index)},{i1}"pointer": {_value(f.pointer)},'
        f'{i1}"fix": {fix},{i1}"fingerprint": {_value(fp)}{nl}}}'
    )


def _span_json(span: Span, lines: list[str] | None, nl: str) -> str:
    """`span_dict(span, lines)` as `finding_json` writes it, on a line indented by `nl`."""
    u_start, u_end = span_utf16(span, lines)
    i = nl + "  "
    return (
        f'{{{i}"line": {_value(span.line)},{i}"column": {_value(span.column)},'
        f'{i}"end_line": {_value(span.end_line)},{i}"end_column": {_value(span.end_column)},'
        f'{i}"utf16_column": {_value(u_start)},{i}"utf16_end_column": {_value(u_end)},'
        f'{i}"cell": {_value(span.cell)}{nl}}}'
    )


def _value(value: Any) -> str:
    """A scalar as JSON: text, an integer or null (anything else as `dumps_indented` has it)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    return dumps_indented(value)


def error_dict(err: Any, report: Report) -> dict[str, Any]:
    """An unreadable file as JSON."""
    return {"path": err.path, "line": err.line, "message": report.error_message(err)}


def _compact(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as one JSON object."""
    fps = report.fingerprints()
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "jxlint", "version": report.tool_version, "lang": report.lang},
        "findings": [finding_dict(f, report, fp) for f, fp in zip(report.findings, fps, strict=True)],
        "errors": [error_dict(e, report) for e in report.errors],
        "summary": summarize(report),
    }


def render_json(report: Report) -> str:
    """The `json` output."""
    return dumps_indented(report_dict(report)) + "\n"


def render_json_lines(report: Report) -> str:
    """The `json-lines` output: a finding per line, then a line per unreadable file with
    `"type": "error"`. No summary."""
    out = [_compact(finding_dict(f, report, fp)) for f, fp in zip(report.findings, report.fingerprints(), strict=True)]
    out.extend(_compact({"type": "error", **error_dict(e, report)}) for e in report.errors)
    return "".join(line + "\n" for line in out)
