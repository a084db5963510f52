"""Batch audit reports: HTML, xlsx, Markdown, CSV and JSON from an `AuditSummary`.

The batch runner builds `FormRecord`s (`linter.audit.summary`), adds them up with
`AuditSummary.build`, and calls `render_report`. Rendering is pure: the same summary gives
the same bytes. jinja2 (html) and openpyxl (xlsx) are imported only when asked for, and
`linter.audit.summary` when one of its names is (the command line reads REPORT_FORMATS when
it starts, whatever the command).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.audit.summary import AuditSummary, FormRecord, Policy, records_for_file

REPORT_FORMATS = ("html", "xlsx", "md", "csv", "json")
_FROM_SUMMARY = ("AuditSummary", "FormRecord", "Policy", "records_for_file")

__all__ = [
    "REPORT_FORMATS",
    "AuditSummary",
    "FormRecord",
    "Policy",
    "records_for_file",
    "render_report",
]


def __getattr__(name: str) -> Any:
    """The summary's names, imported on first use."""
    if name in _FROM_SUMMARY:
        from linter.audit import summary

        return getattr(summary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
