"""One label normalisation (linter/read/cells.py): `norm` drops white space, `label_key`
(header labels) and `level_key` (level names) build on it, and every reader — text, office,
HTML/PDF pages — matches words through them, so a label reads the same in every medium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.read.cells import label_key, level_key, norm
from linter.read.media.layout import is_title, keep_line
from linter.read.office.docx import is_heading

READ = Path(__file__).resolve().parent.parent / "linter" / "read"
SPACES = (" ", "\u3000", "\t", "\n", "\xa0", "  \r\n ")


@pytest.mark.parametrize(
    ("written", "label", "level"),
    [
        ("项目名称：", "项目名称", "项目名称："),
        ("年度资金总额（万元）", "年度资金总额(万元)", "年度资金总额"),
        ("产出指标（50分）", "产出指标(50分)", "产出指标"),
        ("产出指标30分", "产出指标30分", "产出指标"),
        ("数量指标(0-20)分", "数量指标(0-20)分", "数量指标"),
        ("一级指标", "一级指标", "一级指标"),
    ],
)
def test_keys_of_a_label_whatever_its_spacing(written, label, level):
    for space in SPACES:
        spaced = space + space.join(written) + space
        assert norm(spaced) == norm(written) == written.replace(" ", "")
        assert label_key(spaced) == label, repr(spaced)
        assert level_key(spaced) == level, repr(spaced)


def test_page_and_document_headings_use_the_same_normalisation():
    for space in SPACES:
        title = space.join("2026年度项目支出绩效目标申报表")
        assert is_title(title) and is_heading(title) and keep_line(title)
        assert is_heading(space.join("（2026年度）"))
        assert keep_line(space.join("单位：万元"))
    assert not is_heading("项目支出绩效目标申报表" * 5)  # a paragraph, not a heading


def test_no_reader_keeps_its_own_copy_of_the_white_space_strip():
    copies = re.compile(r'(?:_WS|_SPACES?)\.sub\(""|re\.sub\(r"\\s\+", ""|"".join\(\w+\.split\(\)\)')
    found = [p.relative_to(READ).as_posix() for p in READ.rglob("*.py") if copies.search(p.read_text("utf-8"))]
    # values.py strips the spaces inside a number (1 234.50), which is no label
    assert found == ["cells.py", "values.py"]
