"""满意度指标 written in the 二级指标 column (Sichuan's satisfaction level 2 under 项目效益指标,
counties' 满意度指标 | 满意度指标): read as the level 1 满意度指标 with its level 2
服务对象满意度指标, in a table read by content and in one read by its columns' roles."""

from __future__ import annotations

import pytest

from linter.api import lint_text
from linter.model import Span
from linter.read import read_text

HEAD = "项目支出绩效目标表\n项目名称\t医保经办服务\n"
ROWS = [
    "项目完成指标\t数量指标\t审核单据数量\t≥300件",
    "项目效益指标\t社会效益指标\t待遇按时享受率\t≥98%",
    "\t满意度指标\t参保群众满意度\t≥90%",
    "满意度指标\t满意度指标\t窗口服务满意度\t≥95%",
]
WANT = [
    ("产出指标", "数量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
    ("满意度指标", "服务对象满意度指标"),
]


def _form(note_column: bool):
    if note_column:  # a 备注 column: the table is read by its columns' roles
        text = HEAD + "一级指标\t二级指标\t三级指标\t指标值\t备注\n" + "\n".join(r + "\t按台账" for r in ROWS) + "\n"
    else:
        text = HEAD + "一级指标\t二级指标\t三级指标\t指标值\n" + "\n".join(ROWS) + "\n"
    return text, read_text(text, "form.txt").forms[0]


@pytest.mark.parametrize("note_column", [False, True], ids=["by-content", "by-roles"])
def test_satisfaction_in_the_level2_column(note_column: bool):
    text, form = _form(note_column)
    assert [(i.level1, i.level2) for i in form.indicators] == WANT
    assert [p.code for p in form.problems] == []
    sat = form.indicators[2]
    # both levels point at the cell that was written: line 6, column 2
    assert sat.level1_span == sat.level2_span == Span(6, 2, 6, 7)
    # no false JX107 (a level 2 under the wrong level 1) or JX307 (satisfaction under 效益指标)
    assert not {f.rule for f in lint_text(text, "form.txt")} & {"JX107", "JX307"}


def test_satisfaction_alone_in_the_level1_column_keeps_no_level2():
    """Only the 二级指标 column says that the level 2 is meant: a row that leaves its level-2 cell
    empty keeps an empty level 2."""
    text = HEAD + "一级指标\t二级指标\t三级指标\t指标值\n满意度指标\t\t群众满意度\t≥90%\n"
    ind = read_text(text, "form.txt").forms[0].indicators[0]
    assert (ind.level1, ind.level2) == ("满意度指标", "")
