"""The HTML audit report: one self-contained file rendered from Jinja2 templates.

Autoescape is on for every template, so form text is always escaped. The page loads nothing
from anywhere: CSS and the small sort/filter script are inline, the charts are inline SVG,
and a Content-Security-Policy allows only this script and this style (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from linter import __version__
from linter.audit.charts import SEVERITY_COLORS, Bar, bar_chart
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
from linter.audit.summary import PASS, RETURN, AuditSummary
from linter.findings import SEVERITY_RANK
from linter.textsafe import encode

TEMPLATES = Path(__file__).resolve().parent / "templates"
CATEGORY_COLORS = {
    "完整性": "#3b6ea5",
    "适当性": "#8e44ad",
    "相关性": "#16a085",
    "可行性": "#d35400",
}
TOP_RULES = 20
TOP_UNITS = 15


def _plain(value: Decimal | None) -> str:
    return "" if value is None else plain_decimal(value)


@cache
def _environment(lang: str, unit: str = "元") -> Environment:
    """The template environment for `lang` and money in `unit` (autoescape on, undefined
    names are errors)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        money=lambda v: money_text(v, lang, unit),
        plain=_plain,
        sev=lambda v: severity_label(v, lang),
        cat=lambda v: category_label(v, lang),
        verdict=lambda v: verdict_label(v, lang),
        orn=lambda v: name_or_none(v, lang),
    )
    return env


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(encode(text)).digest()).decode()


def _charts(summary: AuditSummary, lang: str) -> list[tuple[str, Markup]]:
    L = labels(lang)
    charts = []
    rules = summary.by_rule[:TOP_RULES]
    if rules:
        bars = [
            Bar(
                f"{r.rule} {r.title(lang) or r.name}",
                r.findings,
                SEVERITY_COLORS.get(r.severity),
                f"{r.rule} {r.name} {r.title(lang)}".strip(),
            )
            for r in rules
        ]
        caption = L["chart_by_rule"]
        if len(summary.by_rule) > TOP_RULES:
            caption += f"（{L['top_n'].format(n=TOP_RULES)}）"
        charts.append((caption, bar_chart(bars, caption)))
    cats = [
        Bar(category_label(c.category, lang), c.findings, CATEGORY_COLORS.get(c.category)) for c in summary.by_category
    ]
    charts.append((L["chart_by_category"], bar_chart(cats, L["chart_by_category"])))
    units = [u for u in summary.by_unit if u.findings][:TOP_UNITS]
    if units:
        caption = L["chart_by_unit"]
        if sum(1 for u in summary.by_unit if u.findings) > TOP_UNITS:
            caption += f"（{L['top_n'].format(n=TOP_UNITS)}）"
        bars = [Bar(name_or_none(u.name, lang), u.findings) for u in units]
        charts.append((caption, bar_chart(bars, caption)))
    return charts


def _cards(summary: AuditSummary, lang: str) -> list[tuple[str, str, str]]:
    sev = summary.severity_counts
    unit = summary.money_unit
    cards = [
        ("forms_read", str(summary.forms_read), ""),
        ("files_read", str(summary.files_read), ""),
        ("forms_returned", str(summary.verdicts.get(RETURN, 0)), RETURN),
        ("forms_passed", str(summary.verdicts.get(PASS, 0)), PASS),
        ("forms_with_errors", str(summary.forms_with_errors), ""),
        ("forms_with_warnings", str(summary.forms_with_warnings), ""),
        ("findings", str(summary.findings_total), ""),
        ("errors", str(sev.get("error", 0)), ""),
        ("warnings", str(sev.get("warning", 0)), ""),
        ("infos", str(sev.get("info", 0)), ""),
        ("money_total", money_text(summary.money_total, lang, unit), ""),
        ("money_with_errors", money_text(summary.money_in_forms_with_errors, lang, unit), ""),
        ("money_returned", money_text(summary.money_returned, lang, unit), ""),
    ]
    if summary.forms_without_funds:
        cards.append(("forms_without_funds", str(summary.forms_without_funds), ""))
    if summary.file_errors:
        cards.append(("files_failed", str(len({e.path for e in summary.file_errors})), ""))
    if summary.notices:
        cards.append(("files_skipped", str(len(summary.notices)), ""))
    return cards


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character but letters, digits and spaces
    written as a hex escape, so no text can end the string or the style element."""
    out = "".join(ch if (ch.isalnum() and ch.isascii()) or ch == " " else f"\\{ord(ch):06x}" for ch in text)
    return f'"{out}"'


def _page_content(words: str) -> str:
    """CSS `content` for "第 {n} 页，共 {total} 页": strings and the page counters."""
    parts = []
    for i, piece in enumerate(re.split(r"\{(n|total)\}", words)):
        if i % 2:
            parts.append("counter(page)" if piece == "n" else "counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def _meta(summary: AuditSummary, L: dict[str, str]) -> list[tuple[str, str]]:
    """The lines under the title: office, date, folders audited, time generated."""
    pairs = [("office", summary.office), ("date", summary.date), ("generated", summary.generated)]
    meta = [(L[k], v) for k, v in pairs if v]
    if summary.roots:
        meta.insert(len(meta) - bool(summary.generated), (L["roots"], L["list_sep"].join(summary.roots)))
    return meta


def _running_header(summary: AuditSummary, title: str) -> str:
    parts = [title, summary.office or "", summary.date or ""]
    return "  ".join(p for p in parts if p)


def render_html(summary: AuditSummary, lang: str = "zh") -> bytes:
    """The HTML report as UTF-8 bytes."""
    env = _environment(check_lang(lang), summary.money_unit)
    L = labels(lang, summary.money_unit)
    title = summary.title or L["title"]
    css = env.get_template("report.css.j2").render(
        header=Markup(css_string(_running_header(summary, title))),
        page_numbers=Markup(_page_content(L["page"])),
    )
    script = env.get_template("report.js.j2").render()
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_sha256(css)}'; script-src {_sha256(script)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    html = env.get_template("report.html.j2").render(
        s=summary,
        L=L,
        title=title,
        meta=_meta(summary, L),
        lang=lang,
        html_lang=L["html_lang"],
        version=__version__,
        csp=csp,
        css=Markup(css),
        script=Markup(script),
        cards=_cards(summary, lang),
        policy_lines=policy_lines(summary.policy, lang),
        charts=_charts(summary, lang),
        sev_rank=SEVERITY_RANK,
    )
    return encode(html)
