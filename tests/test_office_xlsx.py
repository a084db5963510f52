"""The .xlsx reader: cell values as the form shows them, merged ranges, formulas, spans,
and sheets whose declared size is huge."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from linter.model import Span
from linter.read import ReadError, read_path
from linter.read.office import read_office_bytes
from linter.read.office import xlsx as xlsx_mod
from linter.read.office.numfmt import format_number, value_text
from linter.read.office.xlsx import (
    EMPTY_RUN_LIMIT,
    cell_text,
    column_letter,
    merged_ranges,
    sheet_ref,
    sheet_rows,
)

OFFICE = Path(__file__).resolve().parent.parent / "fixtures" / "office"


@pytest.fixture(scope="module")
def book():
    return read_path(OFFICE / "seed.xlsx")


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _patch(data: bytes, member: str, fn) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, fn(body) if info.filename == member else body)
    return out.getvalue()


def _grid(data: bytes, sheet: int = 0) -> dict[str, str]:
    """Non-empty cell texts of a workbook's sheet by reference (A1 …)."""
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = sheet_rows(wb.worksheets[sheet])
    finally:
        wb.close()
    return {c.span.cell.split("!")[1]: c.text for r in rows for c in r.filled}


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (1693995, "#,##0.00", "1,693,995.00"),
        (1693995.0, "#,##0.00", "1,693,995.00"),
        (0.21, "0.00", "0.21"),
        (0.21, "General", "0.21"),
        (15.31, "General", "15.31"),
        (15.31, "#,##0.00", "15.31"),
        (1496.25, "0.00", "1496.25"),
        (0.1 + 0.2, "General", "0.3"),  # 15 significant digits, as Excel shows it
        (2.5, "0", "3"),  # half away from zero
        (-2.5, "0", "-3"),
        (-0.001, "0.00", "0.00"),
        (0.95, "0%", "95%"),
        (0.955, "0.0%", "95.5%"),
        (1.5, "0.##", "1.5"),
        (2.0, "0.##", "2"),
        (1234567.891, "#,##0.00_);[Red](#,##0.00)", "1,234,567.89"),
        (36, '"¥"#,##0.00', "36.00"),
        (12345, "#,##0,", "12"),
        (1e-05, "General", "0.00001"),
        (1327500, "General", "1327500"),
        (12.5, "@", "12.5"),
        (12.5, "0.00E+00", "12.5"),
    ],
)
def test_numbers_show_as_their_format_says(value, fmt, text):
    assert format_number(value, fmt) == text


def test_values_of_other_kinds():
    assert value_text(dt.datetime(2026, 1, 1)) == "2026-01-01"
    assert value_text(dt.datetime(2026, 1, 1, 8, 30)) == "2026-01-01 08:30:00"
    assert value_text(dt.date(2026, 12, 31)) == "2026-12-31"
    assert value_text(True) == "TRUE"
    assert value_text("2026-01-01") == "2026-01-01"
    assert value_text(None) == ""


def test_east_asian_builtin_date_formats():
    """Number formats 27-36/50-58 are dates/times in Chinese Excel, without a definition
    in the file; openpyxl does not know them."""

    def fake(fid: int) -> SimpleNamespace:
        return SimpleNamespace(number_format="General", style_array=SimpleNamespace(numFmtId=fid))

    assert cell_text(fake(31), 46023) == "2026-01-01"
    assert cell_text(fake(57), 46387) == "2026-12-31"
    assert cell_text(fake(32), 0.5) == "12:00:00"
    assert cell_text(fake(0), 46023) == "46023"


def test_numbers_round_trip_through_a_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数"
    cells = {
        "A1": (1693995.00, "#,##0.00"),
        "A2": (0.21, "0.00"),
        "A3": (15.31, None),
        "A4": (0.21, None),
        "A5": (dt.date(2026, 1, 1), "yyyy-mm-dd"),
        "A6": ("1,693,995.00", None),
        "A7": (1496.25, "#,##0.00"),
    }
    for ref, (value, fmt) in cells.items():
        ws[ref] = value
        if fmt:
            ws[ref].number_format = fmt
    data = _save(wb)
    # Excel may store a double with 17 digits: 0.21 as 0.20999999999999999.
    data = _patch(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'(<c r="A4"[^>]*><v>)0.21(</v>)', rb"\g<1>0.20999999999999999\2", xml),
    )
    assert b"0.20999999999999999" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert _grid(data) == {
        "A1": "1,693,995.00",
        "A2": "0.21",
        "A3": "15.31",
        "A4": "0.21",
        "A5": "2026-01-01",
        "A6": "1,693,995.00",
        "A7": "1,496.25",
    }


def test_merged_ranges_from_the_sheet_xml():
    xml = (
        b'<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr">'
        b"<x:is><x:t>mergeCells</x:t></x:is></x:c></x:row></x:sheetData>"
        b'<x:mergeCells count="3"><x:mergeCell ref="B2:B6"/><x:mergeCell ref="D4:F4"/>'
        b'<x:mergeCell ref="G9"/></x:mergeCells></x:worksheet>'
    )
    assert merged_ranges(xml) == [(2, 2, 6, 2), (4, 4, 4, 6), (9, 7, 9, 7)]
    assert merged_ranges(b"<worksheet><sheetData/></worksheet>") == []
    assert merged_ranges(b'<worksheet><sheetData/><mergeCells count="0"/></worksheet>') == []


class FakeSheet:
    """A read-only worksheet stand-in: `rows` of values, then `tail` empty rows."""

    title = "表 1"
    parent = None

    def __init__(self, rows, tail=0):
        self.rows = rows
        self.tail = tail
        self.yielded = 0

    def reset_dimensions(self):
        pass

    def iter_rows(self):
        for values in [*self.rows, *([()] * self.tail)]:
            self.yielded += 1
            yield tuple(SimpleNamespace(value=v, number_format="General") for v in values)


def test_covered_cells_are_blank_and_rows_end_at_their_last_text():
    sheet = FakeSheet(
        [
            ("产出指标", "数量指标", "a", None, None, None),
            ("产出指标", "质量指标", "b", "", None, None),  # A2 repeats A1's merged text
            (None, None, None, None),
            (None, "x", None, None),
        ]
    )
    rows = sheet_rows(sheet, [(1, 1, 2, 1)])
    assert [r.line for r in rows] == [1, 2, 4]  # empty rows are left out
    assert [[c.text for c in r.cells] for r in rows] == [
        ["产出指标", "数量指标", "a"],
        ["", "质量指标", "b"],
        ["", "x"],
    ]
    assert rows[2].cells[1].span == Span(4, 2, 4, 3, "'表 1'!B4")
    assert rows[2].cells[0].span == Span(4, 1, 4, 1, "'表 1'!A4")


def test_reading_stops_after_a_long_run_of_empty_rows():
    sheet = FakeSheet([("项目名称", "x")], tail=10 * EMPTY_RUN_LIMIT)
    rows = sheet_rows(sheet)
    assert len(rows) == 1
    assert sheet.yielded == 1 + EMPTY_RUN_LIMIT


def test_huge_declared_range_is_read_quickly_and_narrowly(monkeypatch):
    path = OFFICE / "bad" / "huge-range.xlsx"
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:XFD1048576"/>' in xml
    assert b'r="XFD5"' in xml  # a styled empty cell out at the last column
    assert b'r="XFD3000"' in xml  # styled empty rows far below the form
    calls: list[tuple] = []
    real = xlsx_mod.sheet_rows

    def spy(ws, merges=(), bounds=None, *rest):
        rows = real(ws, merges, bounds, *rest)
        calls.append((bounds, rows))
        return rows

    monkeypatch.setattr(xlsx_mod, "sheet_rows", spy)
    doc = read_path(path)
    (form,) = doc.forms
    assert form.project_name == "辅助业务管理与支持"
    assert len(form.indicators) == 7
    ((bounds, rows),) = calls
    assert bounds == (21, 6)  # what openpyxl is asked to parse: the form, nothing more
    assert max(len(r.cells) for r in rows) == 6
    assert rows[-1].line == 21  # the last row of the form


def test_used_range_counts_only_cells_with_content():
    xml = (
        b'<worksheet><dimension ref="A1:XFD1048576"/><sheetData>'
        b'<row r="2"><c r="B2" t="s"><v>0</v></c><c r="XFD2" s="1"/></row>'
        b'<row r="3"><c r="C3" t="inlineStr"><is><t>x</t></is></c>'
        b'<c r="Z3" s="1" t="n"></c><c r="AA3" s="2"><v></v></c></row>'
        b'<row r="9"><c s="2" r="D9"><f>B2+1</f><v></v></c></row>'
        b'<row r="5000"><c r="XFD5000" s="1"/></row>'
        b"</sheetData></worksheet>"
    )
    assert xlsx_mod.used_range(xml) == (9, 4)
    prefixed = b'<x:sheetData><x:row r="7"><x:c r="E7"><x:v>1</x:v></x:c></x:row></x:sheetData>'
    assert xlsx_mod.used_range(prefixed) == (7, 5)
    assert xlsx_mod.used_range(b"<sheetData><row><c><v>1</v></c></row></sheetData>") is None


def test_formula_without_a_cached_value_is_a_problem():
    doc = read_path(OFFICE / "formula-no-cache.xlsx")
    (form,) = doc.forms
    assert form.funds.total is None
    (p,) = [p for p in form.problems if p.code == "formula-without-value"]
    assert p.span == Span(8, 5, 8, 6, "绩效目标表!E8")
    assert "=E9+E10+E11" in p.message_zh
    assert "绩效目标表!E8" in p.message_en


def test_cached_formula_values_are_read(book):
    form5 = book.forms[4]
    assert (form5.funds.total.amount, form5.funds.total.raw) == (198415, "198,415.00")
    assert form5.funds.total.span.cell == "绩效目标表!E115"
    assert all(p.code != "formula-without-value" for f in book.forms for p in f.problems)


def test_spans_name_the_cells(book):
    f1, f2 = book.forms[:2]
    assert f1.title.span == Span(3, 1, 3, 2, "绩效目标表!A3")
    assert f1.year_span.cell == "绩效目标表!A5"
    assert f1.funds.total.span == Span(10, 5, 10, 6, "绩效目标表!E10")
    assert f1.plan_start.span.cell == "绩效目标表!B9"  # stored as a date
    assert f2.plan_start.span.cell == "绩效目标表!B32"  # stored as text
    first = f1.indicators[0]
    assert first.name_span == Span(17, 4, 17, 5, "绩效目标表!D17")
    assert first.target_span.cell == "绩效目标表!E17"
    last = f2.indicators[-1]
    assert (last.name, last.target.raw, last.line) == ("群众满意度", "≥90.00(%)", 59)
    assert last.level1_span.cell == "绩效目标表!B58"  # merged B58:B59
    assert last.level2_span.cell == "绩效目标表!C58"
    f6 = book.forms[5]
    assert f6.funds.total.span.cell == "拆分列!C6"
    assert f6.indicators[0].weight_span.cell == "拆分列!G10"
    assert f6.indicators[4].target.raw == "≤ 2026-11-30 日期"  # the date cell as ISO text
    assert f6.indicators[4].target_span.cell == "拆分列!D14"


def test_hidden_sheets_and_sheets_without_a_form_are_skipped():
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active["A1"] = "请按要求填写"
    hidden = wb.create_sheet("模板")
    hidden["A1"] = "一级指标"
    hidden["B1"] = "二级指标"
    hidden["C1"] = "三级指标"
    hidden.sheet_state = "hidden"
    with pytest.raises(ReadError) as info:
        read_office_bytes(_save(wb), "说明.xlsx")
    assert info.value.path == "说明.xlsx"
    assert "未找到绩效目标申报表" in info.value.message_zh


@pytest.mark.parametrize(
    ("title", "ref"),
    [
        ("绩效目标表", "绩效目标表"),
        ("Sheet1", "Sheet1"),
        ("表 1", "'表 1'"),
        ("2026年", "'2026年'"),
        ("It's", "'It''s'"),
    ],
)
def test_sheet_names_in_references(title, ref):
    assert sheet_ref(title) == ref


def test_column_letters():
    assert [column_letter(c) for c in (1, 26, 27, 52, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "AAA",
        "XFD",
    ]
