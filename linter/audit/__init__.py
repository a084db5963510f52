"""Batch audit reports: HTML, xlsx, Markdown, CSV and JSON from an `AuditSummary`.

The batch runner builds `FormRecord`s (`linter.audit.summary`), adds them up with
`AuditSummary.build`, and calls `render_report`. Rendering is pure: the same summary gives
the same bytes. jinja2 (html) and openpyxl (xlsx) are imported only when asked for.
"""

from __future__ import annotations

from linter.audit.summary import AuditSummary, FormRecord, Policy, records_for_file

REPORT_FORMATS = ("html", "xlsx", "md", "csv", "json")

__all__ = [
    "REPORT_FORMATS",
    "AuditSummary",
    "FormRecord",
    "Policy",
    "records_for_file",
    "render_report",
]


def render_report(summary: AuditSummary, fmt: str, lang: str = "zh") -> bytes:
    """The report of `summary` in `fmt` (one of REPORT_FORMATS) and `lang` (zh or en)."""
    from linter.audit.labels import check_lang

    check_lang(lang)
    if fmt == "html":
        from linter.audit.html import render_html

        return render_html(summary, lang)
    if fmt == "xlsx":
        from linter.audit.xlsx import render_xlsx

        return render_xlsx(summary, lang)
    if fmt == "md":
        from linter.audit.tabular import render_md

        return render_md(summary, lang)
    if fmt == "csv":
        from linter.audit.tabular import render_csv

        return render_csv(summary, lang)
    if fmt == "json":
        from linter.audit.json_out import render_json

        return render_json(summary, lang)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(REPORT_FORMATS)}")
