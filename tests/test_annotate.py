"""`jxlint annotate`: the seed's own .xlsx and .docx back with a comment on each faulty cell,
YAML with # comments, and refusals that leave no damaged copy."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from cli_helpers import cli
from openpyxl import Workbook, load_workbook
from openpyxl.utils import quote_sheetname

from linter.annotate.xlsx import FILLS
from linter.api import Linter
from linter.findings import SEVERITY_RANK
from linter.read import read_path

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "fixtures" / "office"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _findings(path: Path):
    return Linter.create().lint_document(read_path(str(path)))


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(OFFICE / name, target)
    return target


def test_xlsx_comment_on_every_faulty_cell(tmp_path, capsys):
    form = _copy(tmp_path, "seed.xlsx")
    before = _digest(form)
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(tmp_path / "out"))
    assert rc == 0, err
    assert _digest(form) == before  # the original is only read
    findings = _findings(form)
    assert any(f.fix for f in findings) and all(e.span.cell for f in findings if f.fix for e in f.fix.edits)
    wb = load_workbook(tmp_path / "out" / "seed.xlsx")
    assert wb.sheetnames[0] == "审核意见" and wb.active.title == "审核意见"
    worst: dict[str, str] = {}
    for f in findings:
        assert f.span.cell, f  # every finding of the seed workbook names its cell
        sheet, _, coord = f.span.cell.rpartition("!")
        comment = wb[sheet][coord].comment
        assert comment is not None, f.span.cell
        assert f.message in comment.text and f.rule in comment.text
        if f.fix is not None:  # office cells carry the fix (its edits name the cell; shown in words)
            assert f"改法: {f.fix.description}" in comment.text
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK.get(worst.get(f.span.cell, ""), 0):
            worst[f.span.cell] = f.severity
    for ref, severity in worst.items():
        sheet, _, coord = ref.rpartition("!")
        assert wb[sheet][coord].fill.fgColor.rgb.endswith(FILLS[severity]), ref
    # the list: one row per finding, each with a link to its cell
    ws = wb["审核意见"]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings, strict=True):
        assert row[1].value == f.span.cell and row[5].value == f.message
        sheet, _, coord = f.span.cell.rpartition("!")
        assert row[1].hyperlink.location == f"{quote_sheetname(sheet)}!{coord}"
    # the forms are still there, cell for cell
    original = load_workbook(form)
    for name in original.sheetnames:
        for a, b in zip(original[name].iter_rows(), wb[name].iter_rows(), strict=True):
            assert [c.value for c in a] == [c.value for c in b]


def test_docx_comment_anchored_on_the_faulty_cell(tmp_path, capsys):
    form = _copy(tmp_path, "seed.docx")
    before = _digest(form)
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(tmp_path / "out"))
    assert rc == 0, err
    assert _digest(form) == before
    findings = _findings(form)
    document = docx.Document(str(tmp_path / "out" / "seed.docx"))
    comments = {c.comment_id: c.text for c in document.comments}
    body = document.element.body
    for f in findings:
        ids = [i for i, text in comments.items() if f.message in text]
        assert ids, f
        start = body.find(f".//{_W}commentRangeStart[@{_W}id='{ids[0]}']")
        assert start is not None
        t, r, c = (int(part[1:]) for part in f.span.cell.split())  # 表N 行R 列C
        tc = document.tables[t - 1].cell(r - 1, c - 1)._tc
        assert start in tc.iter(), f.span.cell
    # the table of findings at the end: a header and one row per finding
    last = document.tables[-1]
    assert len(last.rows) == len(findings) + 1
    assert [c.text for c in last.rows[1].cells][1] == findings[0].span.cell


def test_yaml_copy_has_comments_and_the_same_data(tmp_path, capsys):
    form = tmp_path / "form.yaml"
    shutil.copyfile(ROOT / "fixtures" / "forms" / "split-columns.yaml", form)
    before = _digest(form)
    rc, _, err = cli(capsys, "annotate", str(form), "--suffix", ".审核")
    assert rc == 0, err
    assert _digest(form) == before
    copy = tmp_path / "form.审核.yaml"
    text = copy.read_text("utf-8")
    assert yaml.safe_load(text) == yaml.safe_load(form.read_text("utf-8"))
    findings = _findings(form)
    assert text.startswith(f"# jxlint 审核意见，共 {len(findings)} 条")
    lines = text.splitlines()
    head = len(findings) + 1
    for f in findings:
        assert f.rule in lines[head + f.span.line - 1], f  # on the finding's own line


def test_yaml_comment_that_would_change_the_data_stays_at_the_top():
    from linter.annotate.yaml_text import annotate_yaml
    from linter.findings import Finding
    from linter.model import Span

    text = "goal: |\n  第一行\n  第二行\nname: x\n"
    finding = Finding("f.yaml", "JX999", "demo", "info", "完整性", "看这里", Span(2, 3, 2, 6))
    out = annotate_yaml(text, [finding], "zh")
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert "看这里" in out.splitlines()[1]  # in the list at the top
    assert "看这里" not in out.split("\n", 2)[2]  # not inside the block scalar


@pytest.mark.parametrize("name", ["split-columns.json", "seed.txt"])
def test_formats_without_comments_are_refused_with_advice(tmp_path, capsys, name):
    rc, _, err = cli(capsys, "annotate", str(ROOT / "fixtures" / "forms" / name), "-o", str(tmp_path))
    assert rc == 2
    assert "jxlint check" in err
    assert not list(tmp_path.iterdir())


def test_existing_output_is_kept_without_force(tmp_path, capsys):
    form = _copy(tmp_path, "seed.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    (out / "seed.xlsx").write_bytes(b"mine")
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(out))
    assert rc == 2 and "--force" in err
    assert (out / "seed.xlsx").read_bytes() == b"mine"
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(out), "--force")
    assert rc == 0, err
    assert zipfile.is_zipfile(out / "seed.xlsx")


def test_suffix_writes_beside_the_form(tmp_path, capsys):
    form = _copy(tmp_path, "seed.xlsx")
    rc, _, _ = cli(capsys, "annotate", str(form))
    assert rc == 0
    assert (tmp_path / "seed.审核.xlsx").is_file()
    rc, _, err = cli(capsys, "annotate", str(form), "--suffix", " ")
    assert rc == 2 and "--suffix" in err


def _with_entry(src: Path, target: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr(name, data)


def test_macro_enabled_workbook_is_refused(tmp_path, capsys):
    form = tmp_path / "macro.xlsx"
    _with_entry(OFFICE / "seed.xlsx", form, "xl/vbaProject.bin", b"\0" * 16)
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(tmp_path / "out"))
    assert rc == 2 and "宏" in err
    assert not (tmp_path / "out" / "macro.xlsx").exists()


def test_protected_sheet_is_refused(tmp_path, capsys):
    wb = load_workbook(OFFICE / "seed.xlsx")
    wb["绩效目标表"].protection.sheet = True
    form = tmp_path / "locked.xlsx"
    wb.save(form)
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(tmp_path / "out"), "--lang", "en")
    assert rc == 2 and "protected" in err
    assert not (tmp_path / "out").exists()


def test_charts_lost_are_said(tmp_path, capsys):
    from openpyxl.chart import BarChart, Reference

    wb = load_workbook(OFFICE / "seed.xlsx")
    ws = wb.create_sheet("图")
    ws.append([1])
    ws.append([2])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2))
    ws.add_chart(chart, "C3")
    form = tmp_path / "chart.xlsx"
    wb.save(form)
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(tmp_path / "out"))
    assert rc == 0
    assert "图表" in err


def test_workbook_without_findings_says_so():
    from linter.annotate.xlsx import annotate_xlsx

    wb = Workbook()
    wb.active.title = "审核意见"
    buf = io.BytesIO()
    wb.save(buf)
    out = load_workbook(io.BytesIO(annotate_xlsx(buf.getvalue(), [], "x.xlsx", "zh")))
    assert out.sheetnames == ["审核意见+", "审核意见"]  # an existing sheet keeps its name
    assert out["审核意见+"]["B2"].value == "未发现问题。"


def test_several_findings_on_one_cell_share_one_comment():
    from linter.annotate.xlsx import annotate_xlsx
    from linter.findings import Finding
    from linter.model import Span

    wb = Workbook()
    wb.active.title = "表"
    wb.active["E3"] = "满意"
    buf = io.BytesIO()
    wb.save(buf)
    span = Span(3, 5, 3, 6, "表!E3")
    findings = [
        Finding("x.xlsx", "JX209", "vague", "info", "适当性", "含糊", span),
        Finding("x.xlsx", "JX202", "word", "warning", "适当性", "可以量化", span),
    ]
    out = load_workbook(io.BytesIO(annotate_xlsx(buf.getvalue(), findings, "x.xlsx", "zh")))
    text = out["表"]["E3"].comment.text
    assert text.index("可以量化") < text.index("含糊")  # the worst first
    assert out["表"]["E3"].fill.fgColor.rgb.endswith(FILLS["warning"])


def test_a_folder_is_annotated_once(tmp_path, capsys):
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copyfile(OFFICE / "seed.xlsx", folder / "seed.xlsx")
    shutil.copyfile(OFFICE / "seed.docx", folder / "seed.docx")
    (folder / "notes.txt").write_text("不是申报表", "utf-8")
    for _ in range(2):  # the second run passes over the copies the first one wrote
        rc, _, err = cli(capsys, "annotate", str(folder), "--force")
        assert rc == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        "seed.docx",
        "seed.xlsx",
        "seed.审核.docx",
        "seed.审核.xlsx",
    ]


def test_docx_paragraph_empty_cell_and_spanned_cell():
    from linter.annotate.docx import annotate_docx
    from linter.findings import Finding
    from linter.model import Span

    document = docx.Document()
    document.add_paragraph("项目支出绩效目标表")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "指标"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "跨两列"
    table.cell(1, 2).text = "≤3(次)"
    buf = io.BytesIO()
    document.save(buf)

    def finding(cell: str, message: str) -> Finding:
        return Finding("x.docx", "JX999", "demo", "warning", "完整性", message, Span(1, 1, 1, 2, cell))

    findings = [finding("段落1", "标题"), finding("表1 行1 列2", "空格"), finding("表1 行2 列3", "上限")]
    out = docx.Document(io.BytesIO(annotate_docx(buf.getvalue(), findings, "x.docx", "zh")))
    ids = {c.text.splitlines()[1]: c.comment_id for c in out.comments}
    body = out.element.body

    def anchored_in(message: str):
        return body.find(f".//{_W}commentRangeStart[@{_W}id='{ids[message]}']")

    assert anchored_in("标题") in out.paragraphs[0]._p.iter()
    assert anchored_in("空格") in out.tables[0].cell(0, 1)._tc.iter()  # an empty cell gets an anchor run
    assert anchored_in("上限") in out.tables[0].rows[1]._tr.tc_lst[1].iter()  # grid column 3 after a span of 2
    assert out.tables[0].cell(1, 2).text == "≤3(次)"  # the text is unchanged


def test_what_openpyxl_drops_on_loading_is_said(tmp_path, capsys, monkeypatch):
    import warnings

    import openpyxl

    real = openpyxl.load_workbook

    def warning_load(*args, **kwargs):
        warnings.warn("Data Validation extension is not supported and will be removed", UserWarning, stacklevel=1)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", warning_load)
    form = _copy(tmp_path, "seed.xlsx")
    rc, _, err = cli(capsys, "annotate", str(form), "-o", str(tmp_path / "out"))
    assert rc == 0
    assert "seed.xlsx: Data Validation extension is not supported" in err


def test_text_xml_cannot_hold_is_replaced():
    """A message with a control character or a lone surrogate (from a hostile form) still
    gives a workbook and a document: U+FFFD stands in for what XML cannot hold."""
    from linter.annotate.docx import annotate_docx
    from linter.annotate.xlsx import annotate_xlsx
    from linter.findings import Finding
    from linter.model import Span

    wb = Workbook()
    wb.active.title = "表"
    buf = io.BytesIO()
    wb.save(buf)
    bad = Finding("x", "JX999", "demo", "info", "完整性", "坏\x01字\ud800", Span(1, 1, 1, 2, "表!A1"))
    out = load_workbook(io.BytesIO(annotate_xlsx(buf.getvalue(), [bad], "x.xlsx", "zh")))
    assert "坏\ufffd字\ufffd" in out["表"]["A1"].comment.text
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "甲"
    dbuf = io.BytesIO()
    document.save(dbuf)
    bad_docx = Finding("x", "JX999", "demo", "info", "完整性", "坏\x01字", Span(1, 1, 1, 2, "表1 行1 列1"))
    again = docx.Document(io.BytesIO(annotate_docx(dbuf.getvalue(), [bad_docx], "x.docx", "zh")))
    assert "坏\ufffd字" in next(iter(again.comments)).text
