"""Text media (linter.read.textmedia) on small hand-written texts: each medium's rules."""

from __future__ import annotations

import pytest

from linter.read import read_text
from linter.read.text import slice_span
from linter.read.textmedia import detect_medium, split_as, split_text
from tests.test_read_media import ROLES, role

SPLIT_HEADER = "一级指标 二级指标 三级指标 指标方向性 符号 指标值 计量单位 分值"


def wide_role(text: str) -> str | None:
    """The test roles and two more of LAYOUTS.md §1.2 (a direction column, 符号)."""
    return {"指标方向性": "direction", "符号": "operator"}.get(text) or role(text)


def cells(text: str, medium: str, column_role=role) -> list[list[tuple[str, int]]]:
    rows, _ = split_as(text, medium, column_role)
    for row in rows:
        for c in row.filled:
            assert slice_span(text, c.span) == c.text
    return [[(c.text, c.col) for c in r.filled] for r in rows if r.filled]


def test_pipe_rows_markdown_with_and_without_outer_pipes():
    text = (
        "财政项目支出绩效目标申报表\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "|:---|---|:---:|---:|\n"
        "| 产出指标 |  | 培训人次 | 280人次 |\n"
        "产出指标 | 质量指标 | 合格率 | ≥95%\n"
    )
    assert detect_medium(text, role) == "pipe-rows"
    assert cells(text, "pipe-rows")[2:] == [
        [("产出指标", 0), ("培训人次", 2), ("280人次", 3)],
        [("产出指标", 0), ("质量指标", 1), ("合格率", 2), ("≥95%", 3)],
    ]


def test_pipe_rows_with_fewer_parts_than_the_header_are_fitted_to_its_columns():
    text = (
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 培训人次 | 280人次 |\n"
        "| 培训场次 | 4场 |\n"
    )
    assert cells(text, "pipe-rows")[2] == [("培训场次", 2), ("4场", 3)]


def test_pipe_cells_rows_end_at_a_line_of_pipes_or_a_blank_line():
    text = (
        "一级指标 |\n"
        "二级指标 |\n"
        "三级指标 |\n"
        "指标值 |\n"
        "|\n"
        "产出指标 |\n"
        "数量指标 |\n"
        "培训人次 |\n"
        "280人次 |\n"
        "|||\n"
        "培训场次 |\n"
        "4场 |\n"
        "\n"
    )
    assert detect_medium(text, role) == "pipe-cells"
    assert cells(text, "pipe-cells")[1:] == [
        [("产出指标", 0), ("数量指标", 1), ("培训人次", 2), ("280人次", 3)],
        [("培训场次", 2), ("4场", 3)],
    ]


def test_cell_lines_without_row_boundaries_are_rebuilt_from_the_header():
    lines = ["项目名称", "培训项目", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标"]
    lines += ["培训人次", "280人次", "培训场次", "4场", "效益指标", "社会效益指标", "技能提升", "明显提升"]
    text = "\n\n".join(lines) + "\n"
    assert detect_medium(text, role) == "cell-lines"
    assert [[t for t, _ in row] for row in cells(text, "cell-lines")] == [
        ["项目名称", "培训项目"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "280人次"],
        ["培训场次", "4场"],
        ["效益指标", "社会效益指标", "技能提升", "明显提升"],
    ]
    assert cells(text, "cell-lines")[3] == [("培训场次", 2), ("4场", 3)]


def test_spaces_split_sign_row_of_the_design_note():
    text = f"{SPLIT_HEADER}\n产出指标 数量指标 出差人次 正向 = 24 人/次 4\n"
    assert detect_medium(text, wide_role) == "spaces"
    assert [t for t, _ in cells(text, "spaces", wide_role)[1]] == [
        "产出指标",
        "数量指标",
        "出差人次",
        "正向",
        "=",
        "24",
        "人/次",
        "4",
    ]


def test_spaces_single_spaces_inside_a_name_kept_when_the_target_grammar_needs_them():
    text = (
        "一级指标 二级指标 三级指标 指标值\n"
        "产出指标 数量指标 每月出席 鉴定会专家人次 ≥25.00(人次)\n"
        " 体检安排的 及时性 及时\n"
    )
    got = cells(text, "spaces")
    assert got[1] == [("产出指标", 0), ("数量指标", 1), ("每月出席 鉴定会专家人次", 2), ("≥25.00(人次)", 3)]
    assert got[2] == [("体检安排的 及时性", 2), ("及时", 3)]


def test_spaces_runs_always_part_cells_and_labels_part_header_lines():
    text = (
        "项目名称 培训 项目  主管部门 某区人力资源局\n"
        "一级指标  二级指标  三级指标  指标值\n"
        "产出指标  数量指标  培训 人次  280人次\n"
    )
    got = cells(text, "spaces")
    assert [t for t, _ in got[0]] == ["项目名称", "培训 项目", "主管部门", "某区人力资源局"]
    assert got[2] == [("产出指标", 0), ("数量指标", 1), ("培训 人次", 2), ("280人次", 3)]


def test_spaces_a_row_of_amounts_outside_the_table_is_one_cell_each():
    """Under a row of funds labels, amounts parted by single spaces are a cell each; words
    that are not all numbers stay one value."""
    text = (
        "项目名称 医保 经办服务\n"
        "项目资金（万元） 年度资金总额 财政拨款小计 自有资金\n"
        " 150.00 130.00 20.00\n"
        "年度资金总额 150 万元\n"
    )
    rows, _ = split_as(
        text,
        "spaces",
        role,
        lambda t: t in ("项目名称", "项目资金（万元）", "年度资金总额", "财政拨款小计", "自有资金"),
    )
    got = [[c.text for c in r.filled] for r in rows if r.filled]
    assert got[0] == ["项目名称", "医保 经办服务"]
    assert got[2] == ["150.00", "130.00", "20.00"]
    assert got[3] == ["年度资金总额", "150 万元"]
    for r in rows:
        for c in r.filled:
            assert slice_span(text, c.span) == c.text


def test_run_together_row_of_the_design_note():
    text = (
        "一级指标二级指标三级指标指标值\n"
        "产出指标数量指标培训人次280人次\n"
        "质量指标培训合格率≥95%\n"
        "时效指标培训完成及时性及时\n"
    )
    assert detect_medium(text, role) == "run-together"
    assert cells(text, "run-together")[1:] == [
        [("产出指标", 0), ("数量指标", 1), ("培训人次", 2), ("280人次", 3)],
        [("质量指标", 1), ("培训合格率", 2), ("≥95%", 3)],
        [("时效指标", 1), ("培训完成及时性", 2), ("及时", 3)],
    ]


def test_run_together_rows_that_cannot_be_split_are_named_with_their_line():
    text = "一级指标二级指标三级指标指标值\n产出指标数量指标培训覆盖面广泛\n"
    rows, problems = split_as(text, "run-together", role)
    assert [(c.text, c.col) for c in rows[1].filled] == [("产出指标", 0), ("数量指标", 1)]
    (p,) = problems
    assert p.code == "unsplit-row"
    assert (p.span.line, slice_span(text, p.span)) == (2, "培训覆盖面广泛")
    assert "第 2 行" in p.message_zh and "line 2" in p.message_en


def test_read_text_says_the_medium_and_keeps_the_split_problems():
    text = (
        "财政项目支出绩效目标申报表\n"
        "项目名称培训项目\n"
        "一级指标二级指标三级指标指标值\n"
        "产出指标数量指标培训人次280人次\n"
        "产出指标数量指标培训覆盖面广泛\n"
    )
    doc = read_text(text, "form.txt")
    assert doc.medium == "run-together"
    assert [p.code for p in doc.problems] == ["unsplit-row"]
    assert [(i.name, i.target.raw) for i in doc.forms[0].indicators] == [("培训人次", "280人次")]


@pytest.mark.parametrize("text", ["", "你好\n世界\n", "财政项目支出绩效目标申报表\n", "a | b\n"])
def test_text_with_no_medium_marks_is_read_as_tab_text(text):
    assert split_text(text, role)[0] == "tsv"


def test_test_roles_cover_the_labels_of_the_brief():
    brief = "一级指标 二级指标 三级指标 指标名称 指标值 年度指标值 指标性质 度量单位 计量单位 权重 分值 指标值说明 备注"
    for label in brief.split(" "):
        assert label in ROLES


def tail_role(text: str) -> str | None:
    more = {"中期指标值": "longterm", "上年实际完成值": "history", "指标标准或依据": "note"}
    return more.get(text) or wide_role(text)


@pytest.mark.parametrize(
    ("header", "row", "want"),
    [
        (  # direction, operator, value, unit, weight (Inner Mongolia's order)
            "一级指标二级指标三级指标指标方向性符号指标值计量单位分值",
            "产出指标数量指标储备灭火机数量正向≥120台15",
            ["产出指标", "数量指标", "储备灭火机数量", "正向", "≥", "120", "台", "15"],
        ),
        (  # value, unit, operator, direction, weight
            "一级指标二级指标三级指标指标值计量单位符号指标方向性分值",
            "产出指标数量指标服务站点数量60个≥正向10",
            ["产出指标", "数量指标", "服务站点数量", "60", "个", "≥", "正向", "10"],
        ),
        (  # 定性 with its words and a weight
            "一级指标二级指标三级指标指标性质指标值度量单位权重(%)",
            "效益指标社会效益指标居民健康素养水平定性明显提升10",
            ["效益指标", "社会效益指标", "居民健康素养水平", "定性", "明显提升", None, "10"],
        ),
        (  # a note after the target: the target ends where its unit does
            "一级指标二级指标三级指标指标值指标值说明",
            "产出指标数量指标宣传活动场次≥180场按台账统计",
            ["产出指标", "数量指标", "宣传活动场次", "≥180场", "按台账统计"],
        ),
        (  # long-term and annual targets side by side
            "一级指标二级指标三级指标中期指标值年度指标值",
            "产出指标时效指标培训完成时间2027年12月底前2026年12月底前",
            ["产出指标", "时效指标", "培训完成时间", "2027年12月底前", "2026年12月底前"],
        ),
        (  # value, unit, operator, direction, weight: the value leaves its unit to the unit column
            "一级指标二级指标三级指标指标值计量单位符号指标方向性分值",
            "产出指标质量指标车辆完好率95%≥正向15",
            ["产出指标", "质量指标", "车辆完好率", "95", "%", "≥", "正向", "15"],
        ),
        (  # … the whole unit (人次, not 人|次)
            "一级指标二级指标三级指标指标值计量单位符号指标方向性分值",
            "产出指标数量指标年骑行服务人次3000人次≥正向10",
            ["产出指标", "数量指标", "年骑行服务人次", "3000", "人次", "≥", "正向", "10"],
        ),
        (  # a note after the target: a word the grammar leaves over goes to the note column …
            "一级指标二级指标三级指标指标值指标标准或依据",
            "产出指标质量指标筛查数据录入准确率≥99%省级筛查工作规范",
            ["产出指标", "质量指标", "筛查数据录入准确率", "≥99%", "省级筛查工作规范"],
        ),
        (  # … but a target word of the vocabulary (达标) stays with its target
            "一级指标二级指标三级指标指标值指标标准或依据",
            "产出指标质量指标检测数据合格率95%达标检测规程",
            ["产出指标", "质量指标", "检测数据合格率", "95%达标", "检测规程"],
        ),
        (  # last year's month, then this year's deadline: a new year ends the date before it
            "一级指标二级指标三级指标上年实际完成值指标值指标标准或依据",
            "产出指标时效指标筛查完成时间2025年11月2026年11月底前年度工作计划",
            ["产出指标", "时效指标", "筛查完成时间", "2025年11月", "2026年11月底前", "年度工作计划"],
        ),
    ],
)
def test_run_together_cells_after_the_name_cut_by_their_columns(header, row, want):
    text = f"{header}\n{row}\n"
    assert detect_medium(text, tail_role) == "run-together"
    rows, problems = split_as(text, "run-together", tail_role)
    assert problems == []
    # each cell in its column (None: a column left empty)
    assert [(c.col, c.text) for c in rows[1].filled] == [(j, t) for j, t in enumerate(want) if t is not None]
    for c in rows[1].filled:
        assert slice_span(text, c.span) == c.text


def test_run_together_level2_in_the_name_column_of_zhejiang():
    """指标类型 指标名称 指标值 指标描述, the 指标名称 holding a level 2 (no 二级指标 column): the
    level 2 stands in the name column, the cells after it are cut by their columns; a compound
    unit ends where its last part is a unit (万元/套, not 万元/套每)."""
    from linter.read.layouts import active

    text = "指标类型指标名称指标值指标描述\n成本指标经济成本指标≤1.2万元/套每套健身器材采购安装成本\n"
    rows, problems = split_as(text, "run-together", active().union.column_role)
    assert problems == []
    assert [(c.text, c.col) for c in rows[1].filled] == [
        ("成本指标", 0),
        ("经济成本指标", 1),
        ("≤1.2万元/套", 2),
        ("每套健身器材采购安装成本", 3),
    ]
    ind = read_text(text, "form.txt").forms[0].indicators[0]
    assert (ind.level2, ind.name, ind.target.raw) == ("经济成本指标", "每套健身器材采购安装成本", "≤1.2万元/套")


def test_run_together_yes_no_target_ends_the_row():
    """A target the grammar reads as yes/no (是) at the end of a row is cut off its name; a name
    ending in 是否 is not cut inside it."""
    text = "一级指标二级指标三级指标指标值\n效益指标可持续影响指标建立社区心理服务转介机制是\n"
    rows, problems = split_as(text, "run-together", role)
    assert problems == []
    assert [c.text for c in rows[1].filled] == ["效益指标", "可持续影响指标", "建立社区心理服务转介机制", "是"]
    text = "一级指标二级指标三级指标指标值\n效益指标可持续影响指标转介机制是否\n"
    rows, problems = split_as(text, "run-together", role)
    assert [p.code for p in problems] == ["unsplit-row"]


def test_run_together_header_label_holding_a_column_label_is_no_table_header():
    """一级项目名称…二级项目名称… (Gansu's header block) holds 一级, 项目名称, 二级: column labels,
    but 一级项目名称 is a longer header label where it starts, so the line is no table header."""
    from linter.read.layouts import active

    text = (
        "项目支出绩效目标表\n一级项目名称农业生产发展二级项目名称高标准农田建设\n"
        "一级指标二级指标三级指标指标值\n产出指标数量指标新建高标准农田面积≥10000亩\n"
    )
    doc = read_text(text, "form.txt")
    assert [f.project_name for f in doc.forms] == ["高标准农田建设"]
    ind = doc.forms[0].indicators[0]
    assert (ind.level1, ind.level2, ind.name, ind.target.raw) == (
        "产出指标",
        "数量指标",
        "新建高标准农田面积",
        "≥10000亩",
    )
    rows, _ = split_as(text, "run-together", active().union.column_role)
    assert [c.text for c in rows[1].filled] == ["一级项目名称", "农业生产发展", "二级项目名称", "高标准农田建设"]


def test_run_together_line_too_long_to_cut_is_one_cell():
    text = "一级指标二级指标三级指标指标值\n项目名称" + "某" * 5000 + "\n"
    rows, problems = split_as(text, "run-together", role)
    assert [c.text for c in rows[1].filled] == ["项目名称" + "某" * 5000]
    assert problems == []


def test_spaces_words_that_are_cells_of_their_own_are_never_joined():
    text = (
        "一级指标 二级指标 三级指标 指标值 备注\n"
        "产出指标 数量指标 培训人次 280人次 按 台账 统计\n"
        "产出指标 数量指标 培训人次 280人次 300人次 320人次\n"
    )
    got = cells(text, "spaces")
    assert got[1] == [("产出指标", 0), ("数量指标", 1), ("培训人次", 2), ("280人次", 3), ("按 台账 统计", 4)]
    # more targets than columns: not fitted, each word a cell (no note made of targets)
    assert [t for t, _ in got[2]] == ["产出指标", "数量指标", "培训人次", "280人次", "300人次", "320人次"]


@pytest.mark.parametrize("medium", ["pipe-cells", "spaces", "run-together"])
def test_a_level_name_of_both_levels_stands_as_level2_when_no_level2_follows(medium):
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "280人次"],
        ["成本指标", "每人次培训成本", "≤300元"],  # 成本指标 under 产出指标 (before 101号)
        ["成本指标", "经济成本指标", "每场培训成本", "≤5000元"],  # 成本指标 as level 1
    ]
    sep = {"pipe-cells": None, "spaces": " ", "run-together": ""}[medium]
    if sep is None:
        text = "".join("".join(f"{c} |\n" for c in row) + "|\n" for row in rows)
    else:
        text = "".join(sep.join(row) + "\n" for row in rows)
    got = cells(text, medium)
    assert got[2] == [("成本指标", 1), ("每人次培训成本", 2), ("≤300元", 3)]
    assert got[3] == [("成本指标", 0), ("经济成本指标", 1), ("每场培训成本", 2), ("≤5000元", 3)]


def test_a_second_header_row_stands_under_the_header_rows_last_column():
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "评价标准"],
        ["优", "良", "中", "差"],
        ["产出指标", "数量指标", "接待读者人次", "≥30万人次", "≥30万人次", "27万-30万", "24万-27万", "24万以下"],
    ]
    text = "".join("".join(f"{c} |\n" for c in row) + "|\n" for row in rows)
    bands = dict.fromkeys("优良中差", "band")
    got = cells(text, "pipe-cells", lambda t: bands.get(t) or role(t))
    assert [col for _, col in got[1]] == [4, 5, 6, 7]
    assert [col for _, col in got[2]] == [0, 1, 2, 3, 4, 5, 6, 7]


def test_values_under_a_row_of_more_labels_stand_under_its_last_labels():
    """A funds grid (labels over values): the values keep their labels' columns."""
    text = "项目资金（万元）\n年度资金总额\n其他资金\n\n150.00\n20.00\n\n一级指标\n二级指标\n三级指标\n指标值\n"
    got = cells(text, "cell-lines")
    assert got[1] == [("150.00", 1), ("20.00", 2)]


WUHAN_HEADER = (
    "| 一级指标 | 二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | 三级指标(年度) | 指标值(年度) |\n"
)


@pytest.mark.parametrize(
    ("row", "want"),
    [
        ("| 产出指标 | 数量指标 | 数量指标 | 上门服务工单处理量 | ≥12000件 |", [0, 1, 4, 5, 6]),
        ("| 产出指标 | 成本指标 | 成本指标 | 平台软硬件运维成本 | ≤42万元 |", [0, 1, 4, 5, 6]),
        ("| 成本指标 | 经济成本指标 | 每件成本 | ≤5元 |", [0, 1, 2, 3]),
    ],
)
def test_a_level2_name_stands_in_the_next_level2_column_not_a_name_column(row, want):
    """Wuhan's long-term and annual columns side by side, the long-term name and value left
    empty and dropped: the annual level 2 goes to its column, not to the long-term name's."""
    from linter.read.layouts import active

    text = WUHAN_HEADER + row + "\n"
    rows, _ = split_as(text, "pipe-rows", active().union.column_role)
    assert [c.col for c in rows[1].filled] == want


def test_cell_lines_without_row_boundaries_put_a_level2_in_the_next_level2_column():
    """Wuhan's columns one cell a line, a blank line after every cell: the annual level 2 after
    the long-term one (the long-term name and value left out) stays in the same row."""
    from linter.read.layouts import active

    head = [
        "一级指标",
        "二级指标(长期)",
        "三级指标(长期)",
        "指标值(长期)",
        "二级指标(年度)",
        "三级指标(年度)",
        "指标值(年度)",
    ]
    body = ["产出指标", "成本指标", "成本指标", "平台软硬件运维成本", "≤42万元"]
    body += ["产出指标", "数量指标", "数量指标", "上门服务工单处理量", "≥12000件"]
    text = "\n\n".join(head + body) + "\n"
    rows, _ = split_as(text, "cell-lines", active().union.column_role)
    got = [[(c.text, c.col) for c in r.filled] for r in rows if r.filled][1:]
    assert got == [
        [("产出指标", 0), ("成本指标", 1), ("成本指标", 4), ("平台软硬件运维成本", 5), ("≤42万元", 6)],
        [("产出指标", 0), ("数量指标", 1), ("数量指标", 4), ("上门服务工单处理量", 5), ("≥12000件", 6)],
    ]


def test_a_level2_written_without_its_suffix_stands_as_a_level2_when_the_numbers_say_so():
    """A self-evaluation row with its empty cells dropped: 服务对象满意度 (a level 2 without 指标)
    read as the name would push the score into the reason column; read as the level 2 every
    number stands in a number column. A row that fits without it keeps it as the name."""
    from linter.read.layouts import active

    head = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年实际值 | 分值 | 得分 | 未完成原因 |\n"
    rows = [
        "| 满意度指标（10分） | 服务对象满意度 | 公众食品安全满意度 | ≥85% | 88.2% | 10 | 10 |",
        "| 服务对象满意度 | ≥85% | 88.2% | 10 | 10 |",
    ]
    got, _ = split_as(head + "\n".join(rows) + "\n", "pipe-rows", active().union.column_role)
    assert [c.col for c in got[1].filled] == [0, 1, 2, 3, 4, 5, 6]
    assert [c.col for c in got[2].filled] == [2, 3, 4, 5, 6]


def test_a_row_without_its_carried_leading_cells_places_its_numbers_in_number_columns():
    """A multi-project grid with empty cells dropped: the second project's row has no unit (it
    is carried down), so its project name, budget and goal stand one column right, where the
    budget is a number column; a row that fits as written is not moved."""
    from linter.read.layouts import active

    head = "| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    rows = [
        "| 某镇人民政府 | 村庄保洁服务 | 36.00 | 全年保洁覆盖12个行政村。 | 产出指标 | 数量指标 | 保洁村数 | ≥12个 |",
        "| 村级道路路灯维护 | 18.00 | 全年维护路灯1200盏。 | 产出指标 | 数量指标 | 维护路灯数 | ≥1200盏 |",
        "| 质量指标 | 路灯亮灯率 | ≥95% |",
    ]
    got, _ = split_as(head + "\n".join(rows) + "\n", "pipe-rows", active().union.column_role)
    assert [c.col for c in got[1].filled] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert [c.col for c in got[2].filled] == [1, 2, 3, 4, 5, 6, 7]
    assert [c.col for c in got[3].filled] == [5, 6, 7]


def test_spaces_row_without_its_carried_unit_places_its_budget_in_the_budget_column():
    from linter.read.layouts import active

    text = (
        "单位名称  项目名称  预算数  年度目标  一级指标  二级指标  三级指标  指标值\n"
        "某镇人民政府  村庄保洁服务  36.00  全年保洁覆盖12个行政村。  产出指标  数量指标  保洁村数  ≥12个\n"
        "村级道路路灯维护  18.00  全年维护路灯1200盏。  产出指标  数量指标  维护路灯数  ≥1200盏\n"
    )
    rows, _ = split_as(text, "spaces", active().union.column_role)
    assert [c.col for c in rows[1].filled] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert [(c.text, c.col) for c in rows[2].filled][:2] == [("村级道路路灯维护", 1), ("18.00", 2)]


def test_spaces_second_header_row_of_bands_stands_under_the_last_column():
    from linter.read.layouts import active

    text = (
        "一级指标  二级指标  三级指标  指标值  评价标准\n"
        "优  良  中  差\n"
        "产出指标  数量指标  年度接待读者人次  ≥300000人次  ≥300000人次  27万-30万人次  24万-27万人次  24万人次以下\n"
    )
    rows, _ = split_as(text, "spaces", active().union.column_role)
    assert [(c.text, c.col) for c in rows[1].filled] == [("优", 4), ("良", 5), ("中", 6), ("差", 7)]
    assert [c.col for c in rows[2].filled] == [0, 1, 2, 3, 4, 5, 6, 7]
    form = read_text(text, "form.txt").forms[0]
    assert [c.role for c in form.columns] == ["level1", "level2", "name", "target", "band", "band", "band", "band"]
    assert form.indicators[0].target.raw == "≥300000人次"


def test_run_together_bands_under_a_second_header_row():
    """优良中差 run together under 评价标准: each a band column; a row whose bands the target
    grammar reads is cut, one it cannot read (27万-30万人次) is named, not cut inside a range
    or past a ≥ into its name."""
    from linter.read.layouts import active

    text = (
        "一级指标二级指标三级指标指标值评价标准\n"
        "优良中差\n"
        "产出指标数量指标举办阅读推广活动场次≥120场≥120场100-119场80-99场80场以下\n"
        "年度接待读者人次≥300000人次≥300000人次27万-30万人次24万-27万人次24万人次以下\n"
    )
    rows, problems = split_as(text, "run-together", active().union.column_role)
    assert [(c.text, c.col) for c in rows[1].filled] == [("优", 4), ("良", 5), ("中", 6), ("差", 7)]
    assert [(c.text, c.col) for c in rows[2].filled] == [
        ("产出指标", 0),
        ("数量指标", 1),
        ("举办阅读推广活动场次", 2),
        ("≥120场", 3),
        ("≥120场", 4),
        ("100-119场", 5),
        ("80-99场", 6),
        ("80场以下", 7),
    ]
    assert rows[3].filled == ()
    assert [(p.code, p.span.line) for p in problems] == [("unsplit-row", 4)]
