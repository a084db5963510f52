"""The audit summary as JSON (schema: docs/audit-report.schema.json).

Money is written as a decimal string ("1693995.00"), never as a float. Keys are English;
form text is as read; labels are not translated here, only `message` fields follow `lang`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from linter import __version__
from linter.audit.labels import check_lang, plain_decimal
from linter.audit.summary import AuditSummary, FindingRow, FormRecord, GroupRow
from linter.output.jsonenc import dumps_indented
from linter.textsafe import encode

SCHEMA_VERSION = 1


def _money(value: Decimal | None) -> str | None:
    return None if value is None else plain_decimal(value)


def _finding(row: FindingRow) -> dict[str, Any]:
    return {
        "rule": row.rule,
        "name": row.name,
        "severity": row.severity,
        "category": row.category,
        "message": row.message,
        "line": row.line,
        "column": row.column,
        "indicator": row.indicator,
        "indicator_index": row.indicator_index,
        "target": row.target,
        "cell": row.cell,
        "fix": row.fix,
    }


def _form(rec: FormRecord) -> dict[str, Any]:
    return {
        "path": rec.path,
        "form_index": rec.form_index,
        "project_name": rec.project_name,
        "department": rec.department,
        "unit": rec.unit,
        "year": rec.year,
        "funds_total": _money(rec.funds_total),
        "indicators": rec.indicator_count,
        "errors": rec.count("error"),
        "warnings": rec.count("warning"),
        "infos": rec.count("info"),
        "verdict": rec.verdict,
        "findings": [_finding(r) for r in rec.findings],
    }


def _group(row: GroupRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "forms": row.forms,
        "money": _money(row.money),
        "findings": row.findings,
        "errors": row.errors,
        "warnings": row.warnings,
        "returned": row.returned,
    }


def summary_to_dict(summary: AuditSummary, lang: str = "zh") -> dict[str, Any]:
    """The summary as plain JSON-ready data."""
    check_lang(lang)
    policy = summary.policy
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "jxlint", "version": __version__},
        "lang": lang,
        "generated": summary.generated,
        "roots": list(summary.roots),
        "report": {
            "title": summary.title,
            "office": summary.office,
            "date": summary.date,
            "money_unit": summary.money_unit,
        },
        "policy": None
        if policy is None
        else {"return_on": list(policy.return_on), "max_warnings": policy.max_warnings},
        "totals": {
            "files_read": summary.files_read,
            "files_failed": len({e.path for e in summary.file_errors}),
            "files_skipped": len(summary.notices),
            "forms_read": summary.forms_read,
            "forms_with_errors": summary.forms_with_errors,
            "forms_with_warnings": summary.forms_with_warnings,
            "forms_without_funds": summary.forms_without_funds,
            "findings": summary.findings_total,
            "errors": summary.severity_counts.get("error", 0),
            "warnings": summary.severity_counts.get("warning", 0),
            "infos": summary.severity_counts.get("info", 0),
            "money_total": _money(summary.money_total),
            "money_in_forms_with_errors": _money(summary.money_in_forms_with_errors),
            "money_returned": _money(summary.money_returned),
        },
        "verdicts": dict(summary.verdicts),
        "by_rule": [
            {
                "rule": r.rule,
                "name": r.name,
                "title": r.title(lang),
                "category": r.category,
                "severity": r.severity,
                "findings": r.findings,
                "forms": r.forms,
            }
            for r in summary.by_rule
        ],
        "by_category": [
            {"category": c.category, "findings": c.findings, "forms": c.forms} for c in summary.by_category
        ],
        "by_department": [_group(g) for g in summary.by_department],
        "by_unit": [_group(g) for g in summary.by_unit],
        "forms": [_form(f) for f in summary.forms],
        "files": [{"path": f.path, "findings": [_finding(r) for r in f.findings]} for f in summary.file_records],
        "file_errors": [{"path": e.path, "line": e.line, "message": e.message(lang)} for e in summary.file_errors],
        "notices": list(summary.notices),
    }


def render_json(summary: AuditSummary, lang: str = "zh") -> bytes:
    """The JSON report as UTF-8 bytes (two-space indent, ending with a newline)."""
    text = dumps_indented(summary_to_dict(summary, lang))
    return encode(text + "\n")
