"""Reports fit to hand on: the seed workbook audited end to end shows each finding's cell
and fix, the title, office and date, money in the unit asked for, and an xlsx set up for
printing on A4."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import cli

from linter.api import Linter
from linter.read import read_path

ROOT = Path(__file__).resolve().parent.parent
SEED_XLSX = ROOT / "fixtures" / "office" / "seed.xlsx"
META = ("--title", "2026年度预审报告", "--office", "某区财政局绩效科", "--date", "2026-03-01")


@pytest.fixture(scope="module")
def findings():
    return Linter.create().lint_document(read_path(str(SEED_XLSX)))


def _audit(capsys, tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    rc, _, err = cli(capsys, "audit", str(SEED_XLSX), "-o", str(out), "--no-progress", *extra)
    assert rc == 0, err
    return out


def test_xlsx_findings_carry_cell_and_fix_and_print_on_a4(capsys, tmp_path, findings):
    wb = openpyxl.load_workbook(_audit(capsys, tmp_path, "r.xlsx", *META))
    ws = wb["问题清单"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    place, fix, message = header.index("位置"), header.index("改法"), header.index("问题")
    got = {(r[place].value, r[message].value, r[fix].value or "") for r in rows}
    want = {(f.span.cell, f.message, f.fix.description if f.fix else "") for f in findings}
    assert got == want
    assert any(f.fix for f in findings) and all(e.span.cell for f in findings if f.fix for e in f.fix.edits)
    sev = header.index("级别")
    colours = {r[sev].value: r[sev].fill.fgColor.rgb[-6:] for r in rows}
    assert len(set(colours.values())) == len(colours) >= 2  # one colour per severity
    assert rows[0][message].alignment.wrap_text
    for sheet in (ws, wb["表单"]):
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize in (9, "9")
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
        assert "某区财政局绩效科" in sheet.oddHeader.center.text and "&P" in sheet.oddFooter.center.text
    assert ws.auto_filter.ref and "主管部门" in header  # the department column has a filter
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(values_only=True) if r and r[0]}
    assert "2026年度预审报告" in summary and summary["审核单位"] == "某区财政局绩效科"
    assert summary["审核日期"] == "2026-03-01"


def test_money_unit_in_xlsx_html_and_md(capsys, tmp_path):
    wb = openpyxl.load_workbook(_audit(capsys, tmp_path, "r.xlsx", "--money-unit", "万元"))
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(values_only=True) if r and r[0]}
    yuan = {r[0]: r[1] for r in openpyxl.load_workbook(_audit(capsys, tmp_path, "y.xlsx"))["汇总"].iter_rows(
        values_only=True) if r and r[0]}  # fmt: skip
    assert Decimal(str(summary["涉及资金（万元）"])) * 10000 == Decimal(str(yuan["涉及资金（元）"]))
    html = _audit(capsys, tmp_path, "r.html", "--money-unit", "万元").read_text("utf-8")
    assert "涉及资金（万元）" in html and "涉及资金（元）" not in html
    md = _audit(capsys, tmp_path, "r.md", "--money-unit", "万元").read_text("utf-8")
    assert "年度资金（万元）" in md


def test_html_and_md_show_cell_and_fix(capsys, tmp_path, findings):
    html = _audit(capsys, tmp_path, "r.html", *META).read_text("utf-8")
    assert "<h1>2026年度预审报告</h1>" in html and "某区财政局绩效科" in html and "2026-03-01" in html
    places = re.findall(r'<td class="place"[^>]*>([^<]*)</td>', html)
    assert sorted(places) == sorted(f.span.cell for f in findings)
    suggestions = [f.fix.description for f in findings if f.fix]
    assert suggestions and all(f"改法：{text}" in html for text in suggestions)
    md = _audit(capsys, tmp_path, "r.md", *META).read_text("utf-8")
    assert md.startswith("# 2026年度预审报告\n") and "| 位置 |" in md
    assert all(f.span.cell.replace("!", "!") in md for f in findings)


def test_report_settings_from_config(capsys, tmp_path):
    config = tmp_path / "jxlint.yaml"
    config.write_text("report:\n  title: 配置中的标题\n  office: 配置中的单位\n  money_unit: 万元\n", "utf-8")
    out = _audit(capsys, tmp_path, "r.json", "--config", str(config))
    html = _audit(capsys, tmp_path, "r.html", "--config", str(config)).read_text("utf-8")
    assert "<h1>配置中的标题</h1>" in html and "配置中的单位" in html and "（万元）" in html
    report = json.loads(out.read_text("utf-8"))
    assert report["report"]["title"] == "配置中的标题" and report["report"]["money_unit"] == "万元"
    assert report["forms"][0]["funds_total"] == "1693995.00"  # JSON money stays in 元
    config.write_text("report:\n  money_unit: 美元\n", "utf-8")
    rc, _, err = cli(capsys, "audit", str(SEED_XLSX), "-o", str(tmp_path / "x.html"), "--config", str(config))
    assert rc == 2 and "money_unit" in err and "jxlint.yaml" in err


def test_long_sections_are_laid_out_when_seen():
    """The forms table and the per-form list are laid out by the browser only when they come
    into view (content-visibility), on screen; printed, everything is laid out."""
    from linter.audit import render_report
    from linter.audit.summary import AuditSummary

    css = re.search(r"<style>(.*?)</style>", render_report(AuditSummary.build([]), "html").decode(), re.S).group(1)
    screen, _, printed = css.partition("@media print")
    assert re.search(r"#forms, #per-form \{ content-visibility: auto;", screen)
    assert "content-visibility: visible" in printed


def test_hostile_title_cannot_leave_its_css_string():
    """The title goes into the print CSS (the running header) as a string of escapes: no
    quote, brace or angle bracket of it reaches the style element as such."""
    from linter.audit import render_report
    from linter.audit.summary import AuditSummary

    title = '"; } body { display: none } </style><script>alert(1)</script> \\'
    html = render_report(AuditSummary.build([], title=title, office="甲&乙"), "html").decode()
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    header = re.search(r"@top-center \{ content: (\"[^\"]*\");", css).group(1)
    assert re.fullmatch(r'"(?:[A-Za-z0-9 ]|\\[0-9a-f]{6})*"', header)
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), header[1:-1])
    assert decoded == f"{title}  甲&乙"
    assert "<h1>&#34;; } body { display: none } &lt;/style&gt;" in html  # escaped in the page too
