"""The findings table (shared by CSV and xlsx), the CSV report and the Markdown report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from linter.audit.labels import (
    category_label,
    check_lang,
    labels,
    money_text,
    name_or_none,
    plain_decimal,
    policy_lines,
    severity_label,
    verdict_label,
)
from linter.audit.summary import AuditSummary, FindingRow, FormRecord
from linter.textsafe import ERRORS, encode

# (key, label key) of the findings table, in column order.
FINDING_COLUMNS = (
    ("path", "path"),
    ("form_index", "form_index"),
    ("project", "project"),
    ("department", "department"),
    ("unit", "unit"),
    ("funds", "funds"),
    ("verdict", "verdict"),
    ("indicator", "indicator"),
    ("target", "target"),
    ("rule", "rule"),
    ("name", "rule_name"),
    ("severity", "severity"),
    ("category", "category"),
    ("line", "line"),
    ("column", "column"),
    ("cell", "place"),
    ("message", "message"),
    ("fix", "fix"),
)
TEXT_COLUMNS = frozenset(
    ("path", "project", "department", "unit", "indicator", "target", "name", "cell", "message", "fix")
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Value = str | int | Decimal | None


def finding_header(lang: str) -> list[str]:
    L = labels(lang)
    return [L[label] for _, label in FINDING_COLUMNS]


def finding_table(summary: AuditSummary, lang: str) -> Iterator[list[Value]]:
    """One row per finding (forms first, then file-level findings), values typed:
    form index, line and column are int, funds Decimal, the rest str."""
    for rec in (*summary.forms, *summary.file_records):
        for row in rec.findings:
            yield finding_values(rec, row, lang)


def finding_values(rec: FormRecord, row: FindingRow, lang: str) -> list[Value]:
    """The findings table's row of `row`, a finding of `rec` (in FINDING_COLUMNS order)."""
    return [
        rec.path,
        rec.form_index,
        rec.project_name,
        rec.department,
        rec.unit,
        rec.funds_total,
        verdict_label(rec.verdict, lang) if rec.is_form else "",
        row.indicator or "",
        row.target or "",
        row.rule,
        row.name,
        severity_label(row.severity, lang),
        category_label(row.category, lang),
        row.line,
        row.column,
        row.cell or "",
        row.message,
        row.fix or "",
    ]


def defuse(text: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ gets a ' before it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def render_csv(summary: AuditSummary, lang: str = "zh") -> bytes:
    """The findings table as CSV: UTF-8 with BOM, CRLF line ends (RFC 4180)."""
    check_lang(lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(finding_header(lang))
    text_at = [key in TEXT_COLUMNS for key, _ in FINDING_COLUMNS]
    for values in finding_table(summary, lang):
        cells = []
        for is_text, value in zip(text_at, values, strict=True):
            if value is None:
                cells.append("")
            elif isinstance(value, Decimal):
                cells.append(plain_decimal(value))
            elif is_text:
                cells.append(defuse(str(value)))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig", ERRORS)


_MD_SPECIAL = "\\|*_`[]<>"


def md_escape(text: str) -> str:
    """`text` safe in a Markdown table cell or heading: special characters escaped with a
    backslash (so `<script>` shows as text), line breaks turned into spaces."""
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
    return " ".join(out.split())


def _md_table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def render_md(summary: AuditSummary, lang: str = "zh") -> bytes:
    """A Markdown report for mail: summary, by rule, by category, forms, findings per form."""
    s = summary
    unit = s.money_unit
    L = labels(lang, unit)
    sev = s.severity_counts
    out = [f"# {md_escape(s.title or L['title'])}", ""]
    for key, value in (("office", s.office), ("date", s.date)):
        if value:
            out += [f"{L[key]}{L['colon']}{md_escape(value)}", ""]
    if s.roots:
        out += [f"{L['roots']}{L['colon']}{md_escape(L['list_sep'].join(s.roots))}", ""]
    if s.generated:
        out += [f"{L['generated']}{L['colon']}{md_escape(s.generated)}", ""]
    out += [f"## {L['summary']}", ""]
    figures = [
        ("forms_read", str(s.forms_read)),
        ("files_read", str(s.files_read)),
        ("forms_returned", str(s.verdicts.get("return", 0))),
        ("forms_passed", str(s.verdicts.get("pass", 0))),
        ("forms_with_errors", str(s.forms_with_errors)),
        ("forms_with_warnings", str(s.forms_with_warnings)),
        ("findings", str(s.findings_total)),
        ("errors", str(sev.get("error", 0))),
        ("warnings", str(sev.get("warning", 0))),
        ("infos", str(sev.get("info", 0))),
        ("money_total", money_text(s.money_total, lang, unit)),
        ("money_with_errors", money_text(s.money_in_forms_with_errors, lang, unit)),
        ("money_returned", money_text(s.money_returned, lang, unit)),
        ("forms_without_funds", str(s.forms_without_funds)),
        ("files_failed", str(len({e.path for e in s.file_errors}))),
        ("files_skipped", str(len(s.notices))),
    ]
    out += _md_table([L["item"], L["value"]], [[L[k], v] for k, v in figures], {1})
    out += [*policy_lines(s.policy, lang), ""] if s.policy is not None else []

    out += [f"## {L['by_rule']}", ""]
    rows = [
        [
            md_escape(r.rule),
            md_escape(r.name),
            md_escape(r.title(lang)),
            category_label(r.category, lang),
            severity_label(r.severity, lang),
            str(r.findings),
            str(r.forms),
        ]
        for r in s.by_rule
    ]
    head = ["rule", "rule_name", "rule_title", "category", "severity", "findings", "forms"]
    out += _md_table([L[k] for k in head], rows, {5, 6}) if rows else [L["no_findings"], ""]

    out += [f"## {L['by_category']}", ""]
    rows = [[category_label(c.category, lang), str(c.findings), str(c.forms)] for c in s.by_category]
    out += _md_table([L["category"], L["findings"], L["forms"]], rows, {1, 2})

    for key, groups, name in (
        ("by_department", s.by_department, "department"),
        ("by_unit", s.by_unit, "unit"),
    ):
        out += [f"## {L[key]}", ""]
        rows = [
            [
                md_escape(name_or_none(g.name, lang)),
                str(g.forms),
                money_text(g.money, lang, unit),
                str(g.findings),
                str(g.returned),
            ]
            for g in groups
        ]
        head = [L[name], L["forms"], L["money"], L["findings"], L["returned"]]
        out += _md_table(head, rows, {1, 2, 3, 4})

    out += [f"## {L['forms_table']}", ""]
    rows = [
        [
            str(i),
            md_escape(f.path),
            str(f.form_index),
            md_escape(name_or_none(f.project_name, lang)),
            md_escape(name_or_none(f.department, lang)),
            md_escape(name_or_none(f.unit, lang)),
            money_text(f.funds_total, lang, unit),
            str(f.count("error")),
            str(f.count("warning")),
            verdict_label(f.verdict, lang),
        ]
        for i, f in enumerate(s.forms, 1)
    ]
    head = ["path", "form_index", "project", "department", "unit", "funds", "errors", "warnings"]
    out += _md_table(["#", *(L[k] for k in head), L["verdict"]], rows, {0, 2, 6, 7, 8})

    out += [f"## {L['per_form']}", ""]
    finding_head = [L[k] for k in ("indicator", "target", "rule", "severity", "place", "message", "fix")]
    for i, f in enumerate(s.forms, 1):
        if not f.findings:
            continue
        title = md_escape(name_or_none(f.project_name, lang))
        out += [f"### {i}. {title} — {verdict_label(f.verdict, lang)}", ""]
        facts = [
            f"{md_escape(f.path)} #{f.form_index}",
            md_escape(name_or_none(f.department, lang)),
            md_escape(name_or_none(f.unit, lang)),
            f"{L['funds']} {money_text(f.funds_total, lang, unit)}",
        ]
        out += [" · ".join(facts), ""]
        out += _md_table(finding_head, [_md_finding(r, lang) for r in f.findings])
    if not s.findings_total:
        out += [L["no_findings"], ""]
    if s.file_records:
        out += [f"## {L['file_findings']}", ""]
        for f in s.file_records:
            out += [f"### {md_escape(f.path)}", ""]
            out += _md_table(finding_head, [_md_finding(r, lang) for r in f.findings])
    if s.file_errors:
        out += [f"## {L['file_errors']}", ""]
        rows = [
            [md_escape(e.path), "" if e.line is None else str(e.line), md_escape(e.message(lang))]
            for e in s.file_errors
        ]
        out += _md_table([L["path"], L["line"], L["message"]], rows, {1})
    if s.notices:
        out += [f"## {L['notices']}", ""]
        out += [f"- {md_escape(n)}" for n in s.notices] + [""]
    return encode("\n".join(out).rstrip("\n") + "\n")


def _md_finding(row, lang: str) -> list[str]:
    return [
        md_escape(row.indicator or ""),
        md_escape(row.target or ""),
        md_escape(row.rule),
        severity_label(row.severity, lang),
        md_escape(row.place),
        md_escape(row.message),
        md_escape(row.fix or ""),
    ]
