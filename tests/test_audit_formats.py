"""Every report format holds the same figures as the records; the files are well formed."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from audit_factory import (
    AMP_NAME,
    EXPECTED,
    FORMULA_NAME,
    HOSTILE_MESSAGE,
    HOSTILE_NAME,
    PIPE_NAME,
    build,
)

from linter.audit import REPORT_FORMATS, render_report
from linter.audit.summary import AuditSummary

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "audit-report.schema.json"


@pytest.fixture(scope="module")
def summary() -> AuditSummary:
    return build(roots=["批次"])


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# ---------------------------------------------------------------- JSON


def test_json_validates_against_the_schema(summary):
    data = json.loads(render_report(summary, "json"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_json_figures(summary):
    data = json.loads(render_report(summary, "json"))
    t = data["totals"]
    assert t["forms_read"] == EXPECTED["forms_read"] == len(data["forms"])
    assert t["files_read"] == EXPECTED["files_read"]
    assert (t["errors"], t["warnings"], t["infos"]) == (
        EXPECTED["errors"],
        EXPECTED["warnings"],
        EXPECTED["infos"],
    )
    assert t["money_total"] == "2656330.06"  # a decimal string, not a float
    assert Decimal(t["money_in_forms_with_errors"]) == EXPECTED["money_with_errors"]
    assert sum(Decimal(f["funds_total"] or 0) for f in data["forms"]) == EXPECTED["money_total"]
    assert {r["rule"]: r["findings"] for r in data["by_rule"]} == EXPECTED["by_rule"]
    assert data["verdicts"] == {"pass": EXPECTED["pass"], "return": EXPECTED["return"]}
    n = sum(len(f["findings"]) for f in data["forms"]) + sum(len(f["findings"]) for f in data["files"])
    assert n == t["findings"] == EXPECTED["findings"]
    hostile = next(f for f in data["forms"] if f["project_name"] == HOSTILE_NAME)
    assert hostile["findings"][0]["message"] == HOSTILE_MESSAGE
    assert hostile["verdict"] == "return"
    assert data["policy"] == {"return_on": ["error"], "max_warnings": None}
    assert data["file_errors"][0]["message"] == "无法解码：不是 UTF-8 或 GB18030"


def test_json_in_english_picks_english_messages_and_titles():
    data = json.loads(render_report(build("en"), "json", lang="en"))
    assert data["lang"] == "en"
    assert data["file_errors"][0]["message"] == "cannot decode"
    titles = {r["rule"]: r["title"] for r in data["by_rule"]}
    assert titles["JX301"] == "Duplicate indicator"


# ---------------------------------------------------------------- xlsx


def _workbook(summary, lang="zh"):
    return openpyxl.load_workbook(io.BytesIO(render_report(summary, "xlsx", lang)))


def _summary_values(ws) -> dict[str, object]:
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}


def test_xlsx_sheets_and_figures(summary):
    wb = _workbook(summary)
    assert wb.sheetnames == ["汇总", "问题清单", "表单"]
    figures = _summary_values(wb["汇总"])
    assert figures["表单数"] == EXPECTED["forms_read"]
    assert figures["问题数"] == EXPECTED["findings"]
    assert figures["退回修改"] == EXPECTED["return"]
    assert round(Decimal(str(figures["涉及资金（元）"])), 2) == EXPECTED["money_total"]
    assert round(Decimal(str(figures["有错误表单的资金（元）"])), 2) == EXPECTED["money_with_errors"]
    rule_counts = {}
    rows = list(wb["汇总"].iter_rows(values_only=True))
    start = rows.index(("规则", "名称", "说明", "维度", "级别", "问题数", "表单")) + 1
    for row in rows[start:]:
        if not row or row[0] is None:
            break
        rule_counts[row[0]] = row[5]
    assert rule_counts == EXPECTED["by_rule"]


def test_xlsx_findings_sheet(summary):
    ws = _workbook(summary)["问题清单"]
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("文件", "表序", "项目名称") and header[-3:] == ("位置", "问题", "改法")
    assert len(body) == EXPECTED["findings"]
    rules = [r[header.index("规则")] for r in body]
    assert {r: rules.count(r) for r in rules} == EXPECTED["by_rule"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:R{len(body) + 1}"
    assert ws.column_dimensions["Q"].width >= 40  # the message column is wide
    funds = ws.cell(row=2, column=header.index("年度资金（元）") + 1)
    assert funds.data_type == "n" and funds.number_format == "#,##0.00"
    hostile = [r for r in body if r[2] == HOSTILE_NAME]
    assert len(hostile) == 2 and hostile[0][header.index("问题")] == HOSTILE_MESSAGE


def test_xlsx_forms_sheet_money_and_formula_like_text(summary):
    ws = _workbook(summary)["表单"]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) - 1 == EXPECTED["forms_read"]
    money = [r[6] for r in rows[1:] if r[6] is not None]
    assert round(sum(Decimal(str(m)) for m in money), 2) == EXPECTED["money_total"]
    # Text that looks like a formula stays text; nothing in the workbook is a formula.
    cell = next(c for row in ws.iter_rows() for c in row if c.value == FORMULA_NAME)
    assert cell.data_type == "s"
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "-松江一中")
    assert cell.data_type == "s"
    assert AMP_NAME in [r[3] for r in rows]


def test_xlsx_writes_no_formulas_and_decimal_money_exactly(summary):
    data = render_report(summary, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        forms_sheet = z.read("xl/worksheets/sheet3.xml").decode()  # 表单, the third sheet
    assert not any("<f>" in s or "<f " in s for s in sheets)
    # The forms sheet's funds column (G) holds each Decimal exactly (Excel keeps 15 digits).
    written = re.findall(r'<c r="G[0-9]+"[^>]*><v>([^<]*)</v>', forms_sheet)
    funds = [f.funds_total for f in summary.forms if f.funds_total is not None]
    assert [Decimal(v) for v in written] == funds


def test_xlsx_in_english():
    wb = _workbook(build("en"), "en")
    assert wb.sheetnames == ["Summary", "Findings", "Forms"]
    assert _summary_values(wb["Summary"])["Forms"] == EXPECTED["forms_read"]


def test_xlsx_is_byte_identical_and_has_fixed_times(summary):
    a, b = render_report(summary, "xlsx"), render_report(summary, "xlsx")
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    stamped = render_report(build(generated="2026-03-01T09:00:00+08:00"), "xlsx")
    with zipfile.ZipFile(io.BytesIO(stamped)) as z:
        assert "2026-03-01T01:00:00Z" in z.read("docProps/core.xml").decode()


# ---------------------------------------------------------------- CSV


def _csv_rows(summary, lang="zh"):
    data = render_report(summary, "csv", lang)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    return data, list(csv.reader(io.StringIO(text, newline="")))


def test_csv_bom_crlf_and_rows(summary):
    data, rows = _csv_rows(summary)
    assert data.count(b"\r\n") == len(rows) and b"\n" not in data.replace(b"\r\n", b"")
    header, body = rows[0], rows[1:]
    assert header == [
        "文件", "表序", "项目名称", "主管部门", "实施单位", "年度资金（元）", "审核结论", "指标",
        "指标值", "规则", "名称", "级别", "维度", "行", "列", "位置", "问题", "改法",
    ]  # fmt: skip
    assert len(body) == EXPECTED["findings"]
    rules = [r[9] for r in body]
    assert {r: rules.count(r) for r in rules} == EXPECTED["by_rule"]
    hostile = next(r for r in body if r[2] == HOSTILE_NAME)
    assert hostile[16] == HOSTILE_MESSAGE and hostile[5] == "100.50"
    assert hostile[7] == "<b>加粗</b>指标" and hostile[8] == "≥95%<!--"
    # funds per form, counted once per form
    funds = {(r[0], r[1]): r[5] for r in body if r[1]}
    # every form with funds has a finding; the one without (AMP_NAME) has none
    assert sum(Decimal(v) for v in funds.values() if v) == EXPECTED["money_total"]


def test_csv_defuses_formula_like_text(summary):
    _, rows = _csv_rows(summary)
    projects = {r[2] for r in rows[1:]}
    assert "'" + FORMULA_NAME in projects and FORMULA_NAME not in projects
    assert "'-松江一中" in {r[4] for r in rows[1:]}
    assert PIPE_NAME in projects  # ordinary text unchanged


def test_csv_file_level_rows_have_empty_form_columns(summary):
    _, rows = _csv_rows(summary)
    (row,) = [r for r in rows[1:] if r[9] == "JX101"]
    assert row[0] == "批次/人社局.txt" and row[1:7] == ["", "", "", "", "", ""]


def test_csv_english_header():
    _, rows = _csv_rows(build("en"), "en")
    assert rows[0][:3] == ["File", "No.", "Project"]
    assert {r[11] for r in rows[1:]} == {"error", "warning", "note"}


# ---------------------------------------------------------------- Markdown


def test_md_figures_and_tables(summary):
    md = render_report(summary, "md").decode("utf-8")
    assert f"| 表单数 | {EXPECTED['forms_read']} |" in md
    assert f"| 问题数 | {EXPECTED['findings']} |" in md
    assert f"| 退回修改 | {EXPECTED['return']} |" in md
    assert "| 涉及资金（元） | 2,656,330.06 |" in md
    for rule, n in EXPECTED["by_rule"].items():
        line = next(x for x in md.splitlines() if x.startswith(f"| {rule} |"))
        assert line.split(" | ")[5] == str(n), line
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_md_escapes_pipes_and_markup(summary):
    md = render_report(summary, "md").decode("utf-8")
    assert "甲\\|乙 联合项目" in md and "甲|乙" not in md
    assert "<script>" not in md and "\\<script\\>alert(1)\\</script\\>" in md
    # every table row has the same number of unescaped cell separators as its header
    for block in md.split("\n\n"):
        lines = [x for x in block.splitlines() if x.startswith("|")]
        if lines:
            counts = {x.replace("\\|", "").count("|") for x in lines}
            assert len(counts) == 1, block


# ---------------------------------------------------------------- all formats


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_is_deterministic(fmt, lang):
    assert render_report(build(lang), fmt, lang) == render_report(build(lang), fmt, lang)


def test_an_empty_audit_renders_in_every_format():
    s = AuditSummary.build([], [], [], {}, "zh")
    assert json.loads(render_report(s, "json"))["totals"]["forms_read"] == 0
    _, rows = _csv_rows(s)
    assert len(rows) == 1  # the header only
    assert "未发现问题。" in render_report(s, "md").decode()
    assert "未发现问题。" in render_report(s, "html").decode()
    wb = openpyxl.load_workbook(io.BytesIO(render_report(s, "xlsx")))
    assert _summary_values(wb["汇总"])["表单数"] == 0 and wb["问题清单"].max_row == 1
