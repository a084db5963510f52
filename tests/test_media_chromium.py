"""PDFs printed by a real browser: Chromium prints the HTML fixtures, jxlint reads them back.

Chromium's PDFs differ from the reportlab fixtures the way published PDFs do: embedded CJK
fonts whose glyphs map to radical code points (⽬ for 目, ⻔ for 门, ⼾ for 户), rules drawn as
thin filled rectangles. Skipped without chromium, except when $CI is set (CI installs it).
"""

from __future__ import annotations

import os

import pytest
from browser.chromium import find_chromium, run_chromium
from cli_helpers import cli
from media_helpers import MEDIA, ROOT, essence, parse_json

# One page each: Chromium breaks a table over pages without its rules (a limit in
# docs/layouts.md); these hold 目/门/页, 户 and 食 in their names.
CASES = {
    "split-columns": ROOT / "fixtures" / "forms" / "split-columns.txt",
    "rural-irrigation": ROOT / "fixtures" / "layouts" / "rural" / "irrigation.txt",
    "self-evaluation-food-sampling-2025": ROOT / "fixtures" / "layouts" / "self-evaluation" / "food-sampling-2025.txt",
}


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and $CI is set (CI installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    return exe


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_page_printed_by_chromium_reads_as_its_source(name, chromium, tmp_path, capsys):
    pdf = tmp_path / f"{name}.pdf"
    page = (MEDIA / f"{name}.html").as_uri()
    run = run_chromium(chromium, tmp_path / "profile", page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert pdf.is_file(), run.stderr[-2000:]
    media = parse_json(cli, capsys, str(pdf))
    assert media["forms"] and all(f["medium"] == "pdf" for f in media["forms"])
    assert essence(media) == essence(parse_json(cli, capsys, str(CASES[name])))
