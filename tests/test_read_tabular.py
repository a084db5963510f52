"""The form builder on small grids: titles, header fields, funds, levels, hard rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.model import Span
from linter.read import ReadError, read_text
from linter.read.columns import table_header
from linter.read.grid import Cell, Row, RowTexts
from linter.read.layouts import active
from linter.read.tabular import _starts, build_forms
from linter.read.text import text_rows

HEAD = "一级指标\t二级指标\t三级指标\t指标值\n"


def form_of(text: str):
    [form] = read_text(text, "t.txt").forms
    return form


def rows_of(form) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.target.raw) for i in form.indicators]


@pytest.mark.parametrize(
    ("title_rows", "title", "year"),
    [
        ("财政项目支出绩效目标申报表\n(2026年度)\n", "财政项目支出绩效目标申报表", 2026),
        ("项目支出绩效目标表（2025年度）\n", "项目支出绩效目标表", 2025),
        ("2024年度项目支出绩效目标表\n", "项目支出绩效目标表", 2024),
        ("绩效目标申报表\n\n2023年度\n", "绩效目标申报表", 2023),
        ("项目支出绩效目标批复表\t（2022年度）\n", "项目支出绩效目标批复表", 2022),
        ("项目支出绩效目标表\n", "项目支出绩效目标表", None),
    ],
)
def test_titles_and_years(title_rows: str, title: str, year: int | None) -> None:
    form = form_of(title_rows + "项目名称\t甲\n" + HEAD + "产出指标\t数量指标\t场次\t=3(场)\n")
    assert (form.title.text, form.year) == (title, year)
    assert form.indicators[0].name == "场次"


def test_header_pairs_dates_and_funds() -> None:
    form = form_of(
        "项目支出绩效目标表\n"
        "项目名称：\t\t\t甲项目\t主管部门及代码\t\t乙局\n"
        "项目期\t2026-03-01至2026-02-30\t\t项目资金（万元）\n"
        "年度资金总额\t1,234.5\t其中：财政拨款\t1,234.5万元\t上年结转\t—\t其他资金\t1,2,3\n"
        "年度绩效目标\t完成3场培训\n" + HEAD + "产出指标\t数量指标\t场次\t=3(场)\n"
    )
    assert (form.project_name, form.department) == ("甲项目", "乙局")
    assert form.header_field("项目名称").label_span.end_column == 6  # 项目名称：
    assert form.plan_start.value == dt.date(2026, 3, 1)
    assert form.plan_end.value is None and form.plan_end.raw == "2026-02-30"
    assert form.funds.unit == "万元"
    assert form.funds.total.amount == Decimal("12345000.0")
    assert form.funds.appropriation.amount == Decimal("12345000.0")
    assert form.funds.carryover is None and form.funds.other is None
    assert form.goal.text == "完成3场培训"
    assert [(p.code, p.span.line) for p in form.problems] == [("bad-date", 3), ("bad-number", 4)]
    assert "2026-02-30" in form.problems[0].message_zh


def test_goal_with_two_texts_below_two_labels() -> None:
    form = form_of(
        "项目支出绩效目标表\n项目名称\t甲\n项目总目标\t\t年度总体目标\n总的目标\t\t本年的目标\n"
        + HEAD
        + "产出指标\t数量指标\t场次\t=3(场)\n"
    )
    assert form.goal.text == "本年的目标"
    assert form.header_value("项目总目标") == "总的目标"


def test_cost_as_level1_and_as_legacy_level2() -> None:
    body = (
        "项目名称\t甲\n" + HEAD + "产出指标\t数量指标\t场次\t=3(场)\n"
        "\t成本指标\t\t人均成本\t≤40(元)\n"
        "\t\t\t总成本\t≤120(元)\n"
        "成本指标\t经济成本指标\t单价\t≤1(元)\n"
    )
    old = form_of("项目支出绩效目标表\n(2020年度)\n" + body)
    assert rows_of(old)[1][:2] == ("产出指标", "成本指标")
    assert rows_of(old)[2][:2] == ("产出指标", "成本指标")
    assert rows_of(old)[3][:2] == ("成本指标", "经济成本指标")
    new = form_of("项目支出绩效目标表\n(2026年度)\n" + body)
    # in the 二级指标 column under 产出指标 it is the level 2 the form prints (both are valid)
    assert rows_of(new)[1][:2] == ("产出指标", "成本指标")
    assert rows_of(new)[3][:2] == ("成本指标", "经济成本指标")
    # in the 一级指标 column (or where columns drift) a 2026 form's 成本指标 is a level 1
    moved = form_of(
        "项目支出绩效目标表\n(2026年度)\n" + body.replace("\t成本指标\t\t人均成本", "成本指标\t\t\t人均成本")
    )
    assert rows_of(moved)[1][:2] == ("成本指标", "")


def test_level_aliases_read_as_canonical_names() -> None:
    form = form_of(
        "项目支出绩效目标表\n项目名称\t甲\n" + HEAD + "项目完成指标\t数量指标\t场次\t=3(场)\n"
        "社会公众或服务对象满意度指标\t社会公众或服务对象满意度指标\t满意度\t≥90(%)\n"
    )
    assert rows_of(form) == [
        ("产出指标", "数量指标", "场次", "=3(场)"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥90(%)"),
    ]
    assert form.indicators[0].level1_span.end_column == 7  # 项目完成指标 as written


def test_unknown_levels_unplaced_cells_and_odd_rows() -> None:
    form = form_of(
        "项目支出绩效目标表\n项目名称\t甲\n" + HEAD + "成效指标\t社会效益指标\t群众知晓率\t≥90(%)\n"
        "产出指标\t效率指标\t办理时长\t≤3(天)\n"
        "\t\t\t参会率\t≥95(%)\t备注文字\n"
        "\t\t\t5G基站覆盖率\t≥80(%)\n"
        "\t\t\t资金使用情况\n"
        "\t\t\t\t及时\n"
        "\t\t\t\t≥90(%)\n"
    )
    assert rows_of(form) == [
        ("成效指标", "社会效益指标", "群众知晓率", "≥90(%)"),
        ("产出指标", "效率指标", "办理时长", "≤3(天)"),
        ("产出指标", "效率指标", "参会率", "≥95(%)"),
        ("产出指标", "效率指标", "5G基站覆盖率", "≥80(%)"),
        ("产出指标", "效率指标", "资金使用情况", ""),
        ("产出指标", "效率指标", "", "及时"),
        ("产出指标", "效率指标", "", "≥90(%)"),
    ]
    assert form.indicators[4].target.kind == "empty"
    assert [(p.code, p.span.line) for p in form.problems] == [
        ("unknown-level", 4),
        ("unknown-level", 5),
        ("unplaced-cell", 6),
        ("target-without-name", 9),
        ("target-without-name", 10),
    ]
    assert "备注文字" in form.problems[2].message_zh


def test_unknown_level_names_are_each_rows_own_text() -> None:
    # Both rows are read by one plan (their cells are of the same kinds): each keeps its text.
    first = form_of("项目支出绩效目标表\n项目名称\t甲\n" + HEAD + "成效指标\t社会效益指标\t知晓率\t≥90(%)\n")
    second = form_of("项目支出绩效目标表\n项目名称\t乙\n" + HEAD + "成效指标\t社会效益指标\t满意率\t≥95(%)\n")
    assert rows_of(first) == [("成效指标", "社会效益指标", "知晓率", "≥90(%)")]
    assert rows_of(second) == [("成效指标", "社会效益指标", "满意率", "≥95(%)")]
    assert first.indicators[0].level1_span.column == 1


def test_table_without_header_row_and_untitled_forms() -> None:
    doc = read_text(
        "项目名称\t甲\n产出指标\t数量指标\t场次\t=3(场)\n"
        "项目名称\t乙\n" + HEAD + "效益指标\t社会效益指标\t知晓率\t≥90(%)\n",
        "t.txt",
    )
    a, b = doc.forms
    assert (a.project_name, b.project_name) == ("甲", "乙")
    assert rows_of(a) == [("产出指标", "数量指标", "场次", "=3(场)")]
    assert rows_of(b) == [("效益指标", "社会效益指标", "知晓率", "≥90(%)")]
    assert [p.code for p in a.problems] == ["missing-title"] == [p.code for p in b.problems]


def test_header_only_form_and_empty_table() -> None:
    doc = read_text("项目支出绩效目标表\n项目名称\t甲\n项目支出绩效目标表\n项目名称\t乙\n" + HEAD, "t.txt")
    assert [p.code for f in doc.forms for p in f.problems] == [
        "no-indicator-table",
        "truncated-form",
    ]


# Row kinds for the form-start property: what decides where a form starts.
_START_ROWS = {
    "blank": "",
    "title": "项目支出绩效目标表",
    "name": "项目名称\t甲",
    "header": HEAD.rstrip("\n"),
    "level1": "产出指标\t数量指标\t场次\t=3(场)",
    "other": "备注\t乙",
}


def _starts_by_the_rule(kinds: list[str]) -> list[int]:
    """Where forms start, row by row as the rule says: a title; with no form open, a name
    or a table header; a name after the open form's table has begun (its header row or a
    row with a level-1 name)."""
    starts, open_form, has_table = [], False, False
    for i, kind in enumerate(kinds):
        if kind == "blank":
            continue
        if kind == "title":
            starts.append(i)
            open_form, has_table = True, False
        elif (not open_form and kind in ("name", "header")) or (has_table and kind == "name"):
            starts.append(i)
            open_form, has_table = True, kind == "header"
        elif open_form:
            has_table = has_table or kind in ("header", "level1")
    return starts


@given(st.lists(st.sampled_from(sorted(_START_ROWS)), max_size=14))
def test_forms_start_where_the_rule_says(kinds: list[str]) -> None:
    rows = text_rows("\n".join(_START_ROWS[k] for k in kinds))
    headers = {id(r): h for r in rows if (h := table_header(r, active().union)) is not None}
    assert [i for i, _ in _starts(rows, headers, active(), RowTexts(rows))] == _starts_by_the_rule(kinds)


@pytest.mark.parametrize("text", ["", "一段说明文字\n没有表格", "产出\t数量\n\t\t\n"])
def test_no_form(text: str) -> None:
    with pytest.raises(ReadError, match="未找到绩效目标申报表"):
        read_text(text, "t.txt")


def _office_rows(grid: list[list[str]]) -> list[Row]:
    return [
        Row(
            r + 1,
            tuple(
                Cell(t, Span(r + 1, c + 1, r + 1, c + 1 + bool(t), cell=f"表1 行{r + 1} 列{c + 1}"), c)
                for c, t in enumerate(row)
            ),
        )
        for r, row in enumerate(grid)
    ]


def test_office_rows_keep_whole_cell_spans() -> None:
    rows = _office_rows(
        [
            ["项目支出绩效目标表（2026年度）"],
            ["项目名称", "甲", "项目期", "2026-01-01至2026-12-31"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "场次", "=3(场)"],
        ]
    )
    [form], problems = build_forms(rows, "t.docx", "docx")
    assert not problems and form.medium == "docx" and form.year == 2026
    assert form.title.span.cell == "表1 行1 列1" and form.year_span.cell == "表1 行1 列1"
    assert form.plan_end.span.cell == "表1 行2 列4" and form.plan_end.value == dt.date(2026, 12, 31)
    assert form.indicators[0].target_span.cell == "表1 行4 列4"


def test_weights_in_the_tabbed_layout() -> None:
    form = form_of(
        "项目支出绩效目标表\n项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\t权重\n"
        "产出指标\t数量指标\t场次\t=3(场)\t20\n"
        "\t\t人次\t≥100(人次)\t\n"
    )
    assert [(i.name, i.target.raw, i.weight) for i in form.indicators] == [
        ("场次", "=3(场)", Decimal(20)),
        ("人次", "≥100(人次)", None),
    ]
    assert not form.problems


def test_a_rows_line_text_holds_every_cells_text() -> None:
    # Title, 项目名称 and table-header rows are first looked for in the row's one text.
    line = "\t一级指标\t 二级指标 \t\t三级指标\t指标值"
    (text_row,) = text_rows(line)
    assert text_row.line_text == line
    (office_row,) = _office_rows([["", "一级指标", "二级指标", "三级指标", "指标值"]])
    assert office_row.line_text == "一级指标\t二级指标\t三级指标\t指标值"
    for row in (text_row, office_row):
        assert all(c.text in row.line_text for c in row.filled)
        assert table_header(row, active().union) is not None


def test_no_header_label_holds_a_digit() -> None:
    # the header words read a cell with a digit as a value without asking the label questions
    from linter.read.header import header_words

    words = header_words()
    for label in (*words.fields, *words.goals, *words.funds, *words.row_labels, *words.blocks):
        assert not any(c.isdigit() for c in label), label
        assert words.cell(label).label
    assert words.cell("其中：当年财政拨款").label and words.cell("项目资金(万元)").unit == "万元"
    assert words.cell("年度资金总额（万元）") == words.cell("年度资金总额(万元)")
    assert (
        words.cell("年度资金总额（万元）").unit == "万元" and words.cell("年度资金总额（万元）").key == "年度资金总额"
    )
    assert not words.cell("100,939.00").label and not words.cell("2026-03-01").label
