"""The HTML report in a real headless browser (Debian's chromium).

Skipped when chromium is not installed, except when $CI is set: CI installs chromium and
fonts-noto-cjk, so a missing browser or CJK font there is a failure. The screenshot stays in
the test's tmp dir and is also copied to $JXLINT_SCREENSHOT_DIR when that is set.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from audit_factory import EXPECTED, HOSTILE_NAME, build
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
