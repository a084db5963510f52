"""JSON and JSON Lines. The shape is documented by docs/check-output.schema.json.

Keys come out in a fixed order, non-ASCII text as is (ensure_ascii=False), indented by 2,
with a final newline, so the same input gives byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
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


def form_dict(f: Finding) -> dict[str, Any] | None:
    """The form a finding is in, as JSON (also SARIF's `form` property); None for a file-level finding."""
    if f.form_index is None:
        return None
    return {"index": f.form_index, "project_name": f.form_name}


def finding_dict(f: Finding, lines: list[str] | None, fp: str) -> dict[str, Any]:
    """One finding as JSON: the one description of its keys and their order, which every
    writer of findings as JSON (`json` whole or streamed, `json-lines`) goes through.
    `lines` are the lines of `f.path`'s text (`Report.lines`), None when not known."""
    fix = None
    if f.fix is not None:
        fix = {
            "description": f.fix.description,
            "applicability": f.fix.applicability,
            "edits": [{"span": span_dict(e.span, lines), "new_text": e.new_text} for e in f.fix.edits],
        }
    return {
        "path": f.path,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "category": f.category,
        "message": f.message,
        "span": span_dict(f.span, lines),
        "related": [{"span": span_dict(r.span, lines), "message": r.message} for r in f.related],
        "form": form_dict(f),
        "indicator": f.indicator,
        "indicator_index": f.indicator_index,
        "pointer": f.pointer,
        "fix": fix,
        "fingerprint": fp,
    }


# ---- the `json` document, written in three parts so that it can be streamed -------------
# `json_head`, then the findings (`findings_json`, a file's worth at a time, joined by ","),
# then `json_tail`: `render_json` writes a whole report this way, `linter.output.stream` a
# batch file by file. Together they are `dumps_indented` of
# {"version", "tool", "findings", "errors", "summary"} (a test holds them to it).


def json_head(tool_version: str, lang: str) -> str:
    """The document up to its first finding: the version, the tool, the opening of `findings`."""
    tool = {"name": "jxlint", "version": tool_version, "lang": lang}
    return f'{{\n  "version": {OUTPUT_VERSION},\n  "tool": {dumps_indented(tool, 1)},\n  "findings": ['


def findings_json(findings: Sequence[Finding], fps: Sequence[str], lines: Callable[[str], list[str] | None]) -> str:
    """Findings as items of the `findings` array (each on its own lines, comma-separated);
    `lines(path)` gives the lines of a path's text."""
    return ",".join(
        ["\n    " + dumps_indented(finding_dict(f, lines(f.path), fp), 2) for f, fp in zip(findings, fps, strict=True)]
    )


def json_tail(any_findings: bool, errors: list[dict[str, Any]], summary: dict[str, Any]) -> str:
    """The document after its last finding: the close of `findings`, `errors` (`error_dict`s)
    and the `summary` (`Tally.summary`)."""
    close = "\n  ]" if any_findings else "]"
    return f'{close},\n  "errors": {dumps_indented(errors, 1)},\n  "summary": {dumps_indented(summary, 1)}\n}}\n'


def error_dict(err: Any, report: Report) -> dict[str, Any]:
    """An unreadable file as JSON."""
    return {"path": err.path, "line": err.line, "message": report.error_message(err)}


def _compact(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def render_json(report: Report) -> str:
    """The `json` output."""
    head = json_head(report.tool_version, report.lang)
    body = findings_json(report.findings, report.fingerprints(), report.lines)
    errors = [error_dict(e, report) for e in report.errors]
    return head + body + json_tail(bool(report.findings), errors, summarize(report))


def render_json_lines(report: Report) -> str:
    """The `json-lines` output: a finding per line, then a line per unreadable file with
    `"type": "error"`. No summary."""
    fps = report.fingerprints()
    out = [_compact(finding_dict(f, report.lines(f.path), fp)) for f, fp in zip(report.findings, fps, strict=True)]
    out.extend(_compact({"type": "error", **error_dict(e, report)}) for e in report.errors)
    return "".join(line + "\n" for line in out)
