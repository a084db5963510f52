"""The Excel report: sheets 汇总 (summary), 问题清单 (findings) and 表单 (forms).

Written in openpyxl's write-only mode, so memory does not grow with the number of rows.
Money goes into cells as Decimal with a two-decimal number format; text that starts like a
formula (=, +, -, @) is stored as a string, never as a formula. The file is deterministic:
zip entry times and the document's created/modified times are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from linter.audit.labels import (
    category_label,
    check_lang,
    in_unit,
    labels,
    name_or_none,
    policy_lines,
    severity_label,
    verdict_label,
)
from linter.audit.summary import AuditSummary, GroupRow
from linter.audit.tabular import FINDING_COLUMNS, finding_values
from linter.textsafe import xml_text

MONEY_FORMAT = "#,##0.00"
MONEY_FORMATS = {"元": MONEY_FORMAT, "万元": "#,##0.00####"}
WRAP = Alignment(wrap_text=True, vertical="top")
FILLS = {
    "error": PatternFill("solid", fgColor="F4CCCC"),
    "warning": PatternFill("solid", fgColor="FCE8B2"),
    "info": PatternFill("solid", fgColor="D9E8F6"),
    "return": PatternFill("solid", fgColor="F4CCCC"),
    "pass": PatternFill("solid", fgColor="D9EAD3"),
}
A4 = "9"  # the paperSize code of A4
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)
FIXED_TIME = dt.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FINDING_WIDTHS = {
    "path": 32, "form_index": 6, "project": 30, "department": 28, "unit": 28, "funds": 16,
    "verdict": 10, "indicator": 28, "target": 18, "rule": 8, "name": 26, "severity": 8,
    "category": 14, "line": 6, "column": 6, "cell": 16, "message": 60, "fix": 30,
}  # fmt: skip
WRAPPED = frozenset(("project", "indicator", "message", "fix"))
FORM_WIDTHS = (6, 32, 6, 30, 28, 28, 16, 8, 8, 8, 8, 12)
SUMMARY_WIDTHS = (36, 24, 44, 14, 12, 12, 12)


def _cell(ws, value, *, money: bool = False, font: Font | None = None, fill=None, wrap: bool = False, unit="元"):
    """A write-only cell; strings are always strings (never formulas). Money (in 元) is
    written in `unit`."""
    if money and isinstance(value, Decimal):
        value = in_unit(value, unit)
    cell = WriteOnlyCell(ws, value=xml_text(value) if isinstance(value, str) else value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    if money and isinstance(value, Decimal):
        cell.number_format = MONEY_FORMATS.get(unit, MONEY_FORMAT)
    if wrap:
        cell.alignment = WRAP
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def _row(ws, values: Iterable, money_at: Iterable[int] = (), unit: str = "元", wrap_at=frozenset(), fills=None) -> None:
    """Append a row; only money, wrapped, coloured and formula-like text need a cell object
    (speed matters at tens of thousands of rows). `fills` maps a column to its fill."""
    money = set(money_at)
    fills = fills or {}
    ws.append(
        [
            _cell(ws, v, money=i in money, unit=unit, wrap=i in wrap_at, fill=fills.get(i))
            if (isinstance(v, str) and v.startswith("="))
            or (i in money and v is not None)
            or (i in wrap_at and v)
            or i in fills
            else xml_text(v)
            if isinstance(v, str)
            else v
            for i, v in enumerate(values)
        ]
    )


def _print_setup(ws, header: str, lang: str, title_rows: str | None = "1:1") -> None:
    """A4 landscape, fit to the page width, the header row repeated on every page, the
    report's title at the top and page numbers at the bottom."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.center.text = header.replace("&", "&&")
    ws.oddFooter.center.text = labels(lang)["page_footer"]


def _header(ws, names: Iterable[str]) -> None:
    ws.append([_cell(ws, n, font=HEADER_FONT, fill=HEADER_FILL) for n in names])


def _widths(ws, widths: Iterable[int]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _title(s: AuditSummary, lang: str) -> str:
    return s.title or labels(lang)["title"]


def _running_header(s: AuditSummary, lang: str) -> str:
    return "  ".join(p for p in (_title(s, lang), s.office, s.date) if p)


def _summary_sheet(wb: Workbook, s: AuditSummary, lang: str) -> None:
    unit = s.money_unit
    L = labels(lang, unit)
    ws = wb.create_sheet(L["sheet_summary"])
    _widths(ws, SUMMARY_WIDTHS)
    _print_setup(ws, _running_header(s, lang), lang, None)
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.orientation = "portrait"
    ws.append([_cell(ws, _title(s, lang), font=TITLE_FONT)])
    for key, value in (("office", s.office), ("date", s.date)):
        if value:
            _row(ws, [L[key], value])
    if s.roots:
        _row(ws, [L["roots"], L["list_sep"].join(s.roots)])
    if s.generated:
        _row(ws, [L["generated"], s.generated])
    ws.append([])
    _header(ws, [L["item"], L["value"]])
    sev = s.severity_counts
    for key, value in (
        ("forms_read", s.forms_read),
        ("files_read", s.files_read),
        ("forms_returned", s.verdicts.get("return", 0)),
        ("forms_passed", s.verdicts.get("pass", 0)),
        ("forms_with_errors", s.forms_with_errors),
        ("forms_with_warnings", s.forms_with_warnings),
        ("findings", s.findings_total),
        ("errors", sev.get("error", 0)),
        ("warnings", sev.get("warning", 0)),
        ("infos", sev.get("info", 0)),
        ("money_total", s.money_total),
        ("money_with_errors", s.money_in_forms_with_errors),
        ("money_returned", s.money_returned),
        ("forms_without_funds", s.forms_without_funds),
        ("files_failed", len({e.path for e in s.file_errors})),
        ("files_skipped", len(s.notices)),
    ):
        _row(ws, [L[key], value], money_at=(1,), unit=unit)
    for line in policy_lines(s.policy, lang):
        _row(ws, [line])

    ws.append([])
    ws.append([_cell(ws, L["by_rule"], font=SECTION_FONT)])
    _header(ws, [L[k] for k in ("rule", "rule_name", "rule_title", "category", "severity")]
            + [L["findings"], L["forms"]])  # fmt: skip
    for r in s.by_rule:
        _row(ws, [r.rule, r.name, r.title(lang), category_label(r.category, lang),
                  severity_label(r.severity, lang), r.findings, r.forms])  # fmt: skip

    ws.append([])
    ws.append([_cell(ws, L["by_category"], font=SECTION_FONT)])
    _header(ws, [L["category"], L["findings"], L["forms"]])
    for c in s.by_category:
        _row(ws, [category_label(c.category, lang), c.findings, c.forms])

    for key, name, groups in (
        ("by_department", "department", s.by_department),
        ("by_unit", "unit", s.by_unit),
    ):
        ws.append([])
        ws.append([_cell(ws, L[key], font=SECTION_FONT)])
        _group_table(ws, L[name], groups, lang, unit)

    if s.file_errors:
        ws.append([])
        ws.append([_cell(ws, L["file_errors"], font=SECTION_FONT)])
        _header(ws, [L["path"], L["line"], L["message"]])
        for e in s.file_errors:
            _row(ws, [e.path, e.line, e.message(lang)])
    if s.notices:
        ws.append([])
        ws.append([_cell(ws, L["notices"], font=SECTION_FONT)])
        for n in s.notices:
            _row(ws, [n])


def _group_table(ws, name_label: str, groups: Iterable[GroupRow], lang: str, unit: str) -> None:
    L = labels(lang, unit)
    _header(ws, [name_label, L["forms"], L["money"], L["findings"], L["errors"],
                 L["warnings"], L["returned"]])  # fmt: skip
    for g in groups:
        _row(ws, [name_or_none(g.name, lang), g.forms, g.money, g.findings, g.errors,
                  g.warnings, g.returned], money_at=(2,), unit=unit)  # fmt: skip


def _findings_sheet(wb: Workbook, s: AuditSummary, lang: str) -> None:
    unit = s.money_unit
    L = labels(lang, unit)
    ws = wb.create_sheet(L["sheet_findings"])
    keys = [key for key, _ in FINDING_COLUMNS]
    _widths(ws, (FINDING_WIDTHS[key] for key in keys))
    _print_setup(ws, _running_header(s, lang), lang)
    ws.freeze_panes = "A2"
    _header(ws, [L[label] for _, label in FINDING_COLUMNS])
    funds_at, sev_at, verdict_at = keys.index("funds"), keys.index("severity"), keys.index("verdict")
    wrap_at = frozenset(i for i, key in enumerate(keys) if key in WRAPPED)
    rows = 1
    for rec in (*s.forms, *s.file_records):
        verdict_fill = FILLS[rec.verdict] if rec.is_form else None
        for row in rec.findings:
            values = finding_values(rec, row, lang)
            fills = {sev_at: FILLS.get(row.severity)}
            if verdict_fill is not None:
                fills[verdict_at] = verdict_fill
            _row(ws, values, money_at=(funds_at,), unit=unit, wrap_at=wrap_at, fills=fills)
            rows += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_COLUMNS))}{rows}"


def _forms_sheet(wb: Workbook, s: AuditSummary, lang: str) -> None:
    unit = s.money_unit
    L = labels(lang, unit)
    ws = wb.create_sheet(L["sheet_forms"])
    _widths(ws, FORM_WIDTHS)
    _print_setup(ws, _running_header(s, lang), lang)
    ws.freeze_panes = "A2"
    keys = ("path", "form_index", "project", "department", "unit", "funds", "indicators",
            "errors", "warnings", "infos", "verdict")  # fmt: skip
    _header(ws, ["#", *(L[k] for k in keys)])
    for i, f in enumerate(s.forms, 1):
        _row(ws, [i, f.path, f.form_index, f.project_name, f.department, f.unit,
                  f.funds_total, f.indicator_count, f.count("error"), f.count("warning"),
                  f.count("info"), verdict_label(f.verdict, lang)], money_at=(6,), unit=unit,
             wrap_at=frozenset((3,)), fills={11: FILLS[f.verdict]})  # fmt: skip
    ws.auto_filter.ref = f"A1:{get_column_letter(len(keys) + 1)}{len(s.forms) + 1}"


def _stamp(generated: str | None) -> dt.datetime:
    if generated:
        try:
            stamp = dt.datetime.fromisoformat(generated.replace("Z", "+00:00"))
        except ValueError:
            return FIXED_TIME
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.timezone.utc)
        return stamp.replace(tzinfo=None, microsecond=0)
    return FIXED_TIME


def _deterministic(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook with fixed zip entry times and document times."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    lambda m: m.group(1) + iso + m.group(3),
                    body,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, body)
    return out.getvalue()


def render_xlsx(summary: AuditSummary, lang: str = "zh") -> bytes:
    """The xlsx workbook as bytes."""
    check_lang(lang)
    wb = Workbook(write_only=True)
    stamp = _stamp(summary.generated)
    wb.properties.creator = "jxlint"
    wb.properties.created = stamp
    wb.properties.title = _title(summary, lang)
    _summary_sheet(wb, summary, lang)
    _findings_sheet(wb, summary, lang)
    _forms_sheet(wb, summary, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic(buf.getvalue(), stamp)
