"""The .docx reader: tables to grid rows, merged cells, headings, spans."""

from __future__ import annotations

import copy
import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from linter.model import Span
from linter.read import read_path
from linter.read.office import read_office, read_office_bytes
from linter.read.office.docx import document_rows, is_heading, table_rows

OFFICE = Path(__file__).resolve().parent.parent / "fixtures" / "office"


@pytest.fixture(scope="module")
def doc():
    return read_path(OFFICE / "seed.docx")


def _table(rows: int, cols: int):
    document = docx.Document()
    return document, document.add_table(rows=rows, cols=cols)


def test_merged_cells_keep_their_text_once_in_the_top_left():
    _, table = _table(3, 4)
    table.cell(0, 1).merge(table.cell(0, 3)).text = "年度总体目标"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "产出指标"
    table.cell(1, 1).text = "数量指标"
    table.cell(2, 3).text = "≥3(场)"
    rows = table_rows(table._tbl, table_no=2, line_before=10)
    assert [r.line for r in rows] == [11, 12, 13]
    grid = [[c.text for c in r.cells] for r in rows]
    assert grid == [
        ["", "年度总体目标", "", ""],
        ["产出指标", "数量指标", "", ""],
        ["", "", "", "≥3(场)"],  # the vertical merge's continuation is empty
    ]
    assert [c.col for c in rows[0].cells] == [0, 1, 2, 3]
    top = rows[0].cells[1]
    assert top.span == Span(11, 2, 11, 3, "表2 行1 列2")
    covered = rows[0].cells[2]
    assert covered.span == Span(11, 3, 11, 3, "表2 行1 列3")  # empty: zero width


def test_text_left_in_a_continuation_cell_is_not_read():
    """Word shows only the top cell of a vertical merge; text inside the cells below it
    (some programs leave it there) is not part of the table."""
    _, table = _table(2, 3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "效益指标"
    table.cell(1, 2).text = "有效"
    row = table.rows[1]._tr
    run = copy.deepcopy(row.tc_lst[2].p_lst[0].r_lst[0])
    row.tc_lst[0].p_lst[0].append(run)
    rows = table_rows(table._tbl, 1, 0)
    assert [c.text for c in rows[1].cells] == ["", "", "有效"]
    assert [c.text for c in rows[0].cells] == ["效益指标", "", ""]


def test_grid_before_keeps_later_cells_in_their_columns():
    _, table = _table(1, 3)
    table.cell(0, 2).text = "满意"
    tr = table.rows[0]._tr
    tr.remove(tr.tc_lst[0])
    tr.get_or_add_trPr().append(tr.makeelement(qn("w:gridBefore"), {qn("w:val"): "1"}))
    rows = table_rows(table._tbl, 1, 0)
    assert [(c.col, c.text) for c in rows[0].cells] == [(0, ""), (1, ""), (2, "满意")]
    assert rows[0].cells[2].span.cell == "表1 行1 列3"


def test_paragraph_breaks_in_a_cell_and_tabs():
    _, table = _table(1, 2)
    cell = table.cell(0, 0)
    cell.text = "项目资金"
    cell.add_paragraph("（元）")
    table.cell(0, 1).text = "a\tb"
    rows = table_rows(table._tbl, 1, 0)
    assert [c.text for c in rows[0].cells] == ["项目资金\n（元）", "a b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("财政项目支出绩效目标申报表", True),
        ("2026年度项目支出绩效目标表", True),
        ("(2026年度)", True),
        ("（2026年）", True),
        ("附件2", False),
        ("注：以下项目的年度资金申请总额已列入单位预算，汇总如下表。", False),
        ("本单位按照" + "绩效目标" * 10 + "的要求编制了下表", False),  # too long
        ("", False),
    ],
)
def test_headings(text, expected):
    assert is_heading(text) is expected


def test_other_tables_and_paragraphs_are_skipped():
    body = docx.Document(str(OFFICE / "seed.docx")).element.body
    rows, form_tables = document_rows(body)
    assert form_tables == 5
    names = {c.span.cell.split(" ")[0] for r in rows for c in r.cells}
    assert names == {"表1", "表2", "表4", "表5", "表6"} | {
        "段落3",
        "段落5",
        "段落8",
        "段落10",
        "段落15",
        "段落17",
        "段落20",
        "段落22",
        "段落25",
        "段落27",
    }
    assert not any("汇总如下表" in c.text for r in rows for c in r.cells)


def test_spans_name_the_cells(doc):
    f1, _, f3 = doc.forms[:3]
    assert f1.title.span == Span(3, 1, 3, 2, "段落3")
    assert f1.year_span == Span(5, 1, 5, 2, "段落5")
    assert f1.funds.total.span == Span(10, 5, 10, 6, "表1 行4 列5")
    assert f1.header_field("项目名称").value_span == Span(7, 2, 7, 3, "表1 行1 列2")
    first = f1.indicators[0]
    assert (first.name, first.line) == ("人均用工成本", 17)
    assert first.name_span == Span(17, 4, 17, 5, "表1 行11 列4")
    assert first.target_span.cell == "表1 行11 列5"
    # A level merged down several rows belongs to each of them and points at its top.
    quality = f1.indicators[2]
    assert (quality.level1, quality.level2) == ("产出指标", "质量指标")
    assert quality.level1_span.cell == "表1 行12 列2"
    assert quality.level2_span.cell == "表1 行13 列3"
    assert f1.indicators[5].level2_span.cell == "表1 行14 列3"  # 时效指标 over 3 rows
    # Form 3 is table 4 (the unrelated table is table 3) and 5 lines further down.
    assert f3.goal.span == Span(78, 4, 78, 5, "表4 行9 列4")
    assert f3.indicators[0].name_span.cell == "表4 行11 列4"
    assert f3.indicators[0].line == 80


def test_tables_inside_content_controls_are_read(tmp_path):
    document = docx.Document(str(OFFICE / "seed.docx"))
    body = document.element.body
    tbl = body.find(qn("w:tbl"))
    sdt = body.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    tbl.addprevious(sdt)
    content.append(tbl)
    buf = io.BytesIO()
    document.save(buf)
    result = read_office_bytes(buf.getvalue(), "wrapped.docx")
    assert [len(f.indicators) for f in result.forms] == [8, 20, 10, 7, 17]


def test_the_kind_is_told_by_content_not_by_name(tmp_path, doc):
    renamed = tmp_path / "表格.xlsx"
    shutil.copyfile(OFFICE / "seed.docx", renamed)
    result = read_office(renamed, "表格.xlsx")
    assert result.path == "表格.xlsx"
    assert (result.medium, result.encoding) == ("docx", "")
    assert [f.project_name for f in result.forms] == [f.project_name for f in doc.forms]
    assert {f.path for f in result.forms} == {"表格.xlsx"}


def _small_form(document, name: str) -> None:
    rows = [
        ["项目名称", name, "主管部门", "某局"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训场次", "=3(场)"],
    ]
    table = document.add_table(rows=3, cols=4)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def test_title_above_an_unrelated_table_still_belongs_to_the_form():
    """A note table (填报单位 …) between the title and the form does not cut the title
    off; of two titles before one form table, the later one is the form's."""
    document = docx.Document()
    document.add_paragraph("旧的项目支出绩效目标表")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "说明"
    document.add_paragraph("项目支出绩效目标表")
    document.add_paragraph("（2026年度）")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "填报单位：某中心"
    _small_form(document, "业务培训")
    buf = io.BytesIO()
    document.save(buf)
    result = read_office_bytes(buf.getvalue(), "两个标题.docx")
    (form,) = result.forms
    assert (form.title.text, form.year, form.project_name) == ("项目支出绩效目标表", 2026, "业务培训")
    assert form.title.span.cell == "段落2"
    assert [p.code for p in form.problems] == []
