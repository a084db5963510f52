"""The HTML report printed to PDF in headless Chromium: A4 pages, the running header (title,
office, date) and page numbers on every page, each form's findings starting a new page.

Skipped when chromium is not installed, except when $CI is set (CI installs it)."""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
from audit_factory import build
from browser.chromium import find_chromium, run_chromium

from linter.audit import render_report

pypdf = pytest.importorskip("pypdf")

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and $CI is set (CI installs it: apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk to run this test)")
    return exe


def _print(chromium: str, tmp_path, summary) -> list[str]:
    """The text of each page of the report printed to PDF (whitespace removed; NFKC, as
    the CJK font maps some ideographs to their Kangxi radical look-alikes)."""
    html = tmp_path / "report.html"
    html.write_bytes(render_report(summary, "html", summary.lang))
    pdf = tmp_path / "report.pdf"
    run = run_chromium(
        chromium, tmp_path / "profile", html.resolve().as_uri(), f"--print-to-pdf={pdf}", "--no-pdf-header-footer"
    )
    assert pdf.is_file(), run.stderr
    reader = pypdf.PdfReader(pdf)
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(a - b) < 2 for a, b in zip(size, A4_POINTS, strict=True)), size
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", page.extract_text())) for page in reader.pages]


def test_printed_report_has_a4_pages_header_and_page_numbers(chromium, tmp_path):
    summary = build(roots=["批次"], title="2026年度绩效目标预审", office="某区财政局绩效科", date="2026-03-01")
    texts = _print(chromium, tmp_path, summary)
    total = len(texts)
    assert total > 2
    for n, text in enumerate(texts, 1):
        assert "2026年度绩效目标预审某区财政局绩效科2026-03-01" in text, n  # the running header
        # 页 may come out as the radical ⻚ (U+2EDA), which NFKC leaves alone
        assert re.search(f"第{n}.,共{total}.", text), n
    # each form with findings starts a page of its own
    forms = [f for f in summary.forms if f.findings]
    first_pages = [next(i for i, t in enumerate(texts) if f"{f.path}#{f.form_index}" in t) for f in forms]
    assert len(set(first_pages)) == len(forms), first_pages


def test_english_page_numbers(chromium, tmp_path):
    texts = _print(chromium, tmp_path, build(lang="en"))
    assert all(f"page{n}of{len(texts)}" in t and "Performancetargetauditreport" in t for n, t in enumerate(texts, 1))


FITS = """(() => [...document.querySelectorAll('.card')].map(card => {
  const v = card.querySelector('.v');
  const lines = v.getBoundingClientRect().height / (parseFloat(getComputedStyle(v).fontSize) * 1.5);
  return {text: v.textContent, fits: card.scrollWidth <= card.clientWidth && v.scrollWidth <= v.clientWidth,
          lines: Math.round(lines * 10) / 10};
}))()"""


def test_national_totals_fit_their_cards(chromium, tmp_path):
    """Amounts of 15 digits and more stay inside their card, on one line, at any width."""
    from decimal import Decimal

    from browser.cdp import Browser

    from linter.audit.summary import AuditSummary, FormRecord

    rec = FormRecord("全国.txt", 1, "全国项目", "财政部", "某司", Decimal("987654321098765.43"), 10, (), "pass")
    with Browser(chromium, tmp_path / "cdp") as browser:
        for unit in ("元", "万元"):
            html = tmp_path / f"report-{unit}.html"
            html.write_bytes(render_report(AuditSummary.build([rec], money_unit=unit), "html"))
            page = browser.open(html.resolve().as_uri())
            page.wait_for("document.body && document.body.dataset.ready === '1'")
            for width in (1280, 700, 420):
                metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
                page.send("Emulation.setDeviceMetricsOverride", metrics)
                cards = page.eval(FITS)
                money = [c for c in cards if len(c["text"]) > 12]
                assert money and all(c["fits"] for c in cards), (unit, width, cards)
                assert all(c["lines"] <= 1.2 for c in money), (unit, width, money)
