"""JSON and JSON Lines. The shape is documented by docs/check-output.schema.json.

Keys come out in a fixed order, non-ASCII text as is (ensure_ascii=False), indented by 2,
with a final newline, so the same input gives byte-identical output.
"""

from __future__ import annotations

import json
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
