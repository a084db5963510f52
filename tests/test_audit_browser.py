"""The HTML report in a real headless browser (Debian's chromium).

Skipped when chromium is not installed, except when $CI is set: CI installs chromium and
fonts-noto-cjk, so a missing browser or CJK font there is a failure. The screenshot stays in
the test's tmp dir and is also copied to $JXLINT_SCREENSHOT_DIR when that is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from audit_factory import EXPECTED, HOSTILE_NAME, build
from browser.cdp import Browser
from browser.chromium import (
    cjk_fonts,
    console_lines,
    dump_dom,
    find_chromium,
    png_size,
    screenshot,
)
from markupsafe import escape

from linter.audit import render_report


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and $CI is set (CI installs it: apt-get install chromium)")
    pytest.skip(f"{reason} (apt-get install chromium fonts-noto-cjk to run this test)")


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if exe is None:
        _missing("chromium is not installed")
    return exe


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_bytes(render_report(build(roots=["批次"]), "html"))
    return path


def _keep(png: Path, name: str) -> None:
    target = os.environ.get("JXLINT_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, Path(target) / name)


def test_screenshot_without_console_errors(chromium, report, tmp_path):
    png = tmp_path / "audit-report.png"
    run = screenshot(chromium, tmp_path / "profile", report, png, "1280,2000")
    assert png.exists(), run.stderr[-2000:]
    _keep(png, "audit-report-zh.png")
    assert png_size(png) == (1280, 2000)
    # A blank white page of this size compresses to a few KB; the report is far richer.
    assert png.stat().st_size > 50_000, png.stat().st_size
    assert console_lines(run.stderr) == []


def test_script_ran_and_charts_are_in_the_dom(chromium, report, tmp_path):
    run = dump_dom(chromium, tmp_path / "profile", report)
    dom = run.stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body and 'data-ready="1"' in body.group(0), run.stderr[-2000:]
    assert dom.count("<svg") == 3 and dom.count("<rect") >= 10
    # The filter script filled its counters and the sort script made headers focusable.
    n = EXPECTED["forms_read"]
    assert f'id="forms-table-count">{n} / {n}</span>' in dom
    headers = re.findall(r"<th(?:\s[^>]*)?>", dom)
    assert headers and all('tabindex="0"' in h and "sort" in h for h in headers)
    # The hostile project name is text in the live DOM, not an element.
    assert str(escape(HOSTILE_NAME)).replace("&#34;", '"') in dom
    assert "<img" not in dom and dom.count("<script") == 1


def test_english_report_runs_too(chromium, tmp_path):
    page = tmp_path / "report-en.html"
    page.write_bytes(render_report(build("en"), "html", lang="en"))
    run = dump_dom(chromium, tmp_path / "profile", page)
    assert re.search(r'<body[^>]*data-ready="1"', run.stdout), run.stderr[-2000:]
    assert "Performance target audit report" in run.stdout


def test_a_cjk_font_is_installed(chromium):
    fonts = cjk_fonts()
    if fonts is None:
        _missing("fc-list (fontconfig) is not installed")
    if not fonts:
        _missing("no CJK font is installed, Chinese text would render as boxes")
    assert fonts


# ---------------------------------------------------------------- interaction (DevTools pipe)


@pytest.fixture(scope="module")
def page(chromium, report, tmp_path_factory):
    with Browser(chromium, tmp_path_factory.mktemp("cdp")) as browser:
        page = browser.open(report.resolve().as_uri())
        page.wait_for("document.body && document.body.dataset.ready === '1'")
        yield page


FILTER = """(() => {
  const input = document.querySelector('input[data-filter="%s"]');
  input.value = %s;
  input.dispatchEvent(new Event('input'));
  const items = [...document.querySelectorAll('%s')].filter(e => !e.hidden);
  return {count: document.getElementById('%s-count').textContent,
          names: items.map(e => (e.cells ? e.cells[3] : e.querySelector('h3')).textContent)};
})()"""


def _filter(page, target: str, text: str, items: str) -> dict:
    return page.eval(FILTER % (target, json.dumps(text), items, target))


def test_filter_box_hides_rows_that_do_not_match(page):
    rows = "#forms-table tbody tr"
    n, returned = EXPECTED["forms_read"], EXPECTED["return"]
    got = _filter(page, "forms-table", "退回修改", rows)
    assert got["count"] == f"{returned} / {n}" and len(got["names"]) == returned
    assert HOSTILE_NAME in got["names"] and "工伤鉴定" in got["names"]
    got = _filter(page, "forms-table", "人社局  工伤", rows)  # every word must match
    assert got["names"] == ["工伤鉴定"]
    got = _filter(page, "forms-table", "", rows)
    assert got["count"] == f"{n} / {n}"


def test_filter_box_on_the_per_form_sections(page):
    got = _filter(page, "per-form-list", "jx402", "#per-form-list .item")  # case-insensitive
    assert got["count"] == "1 / 5" and got["names"][0].startswith(HOSTILE_NAME)
    _filter(page, "per-form-list", "", "#per-form-list .item")


SORT = """(() => {
  const table = document.querySelector('%s');
  const th = table.tHead.rows[0].cells[%d];
  const column = () => [...table.tBodies[0].rows].map(r => r.cells[%d].getAttribute('data-v')
                                                           ?? r.cells[%d].textContent);
  th.click(); const up = [column(), th.getAttribute('aria-sort')];
  th.click(); const down = [column(), th.getAttribute('aria-sort')];
  return {up, down};
})()"""


def test_clicking_a_header_sorts_numbers_up_then_down(page):
    got = page.eval(SORT % ("#forms-table", 6, 6, 6))  # 年度资金（元）
    # hand-ordered from the factory; the form without funds sorts first
    up = ["", "100.50", "1234.56", "250000", "711000.00", "1693995.00"]
    assert got["up"] == [up, "ascending"]
    assert got["down"] == [up[::-1], "descending"]


def test_clicking_a_text_header_sorts_text(page):
    got = page.eval(SORT % ("#by-rule table", 0, 0, 0))
    rules = sorted(EXPECTED["by_rule"])
    assert got["up"] == [rules, "ascending"] and got["down"] == [rules[::-1], "descending"]


def test_no_errors_no_injected_elements_no_dialogs(page):
    assert page.eval("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.eval("document.scripts.length") == 1
    opened = [e for e in page.browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert opened == []
    assert page.problems() == []
