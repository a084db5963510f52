"""Each fixture form rendered as HTML, CSV, .xls and PDF (fixtures/media/make_media.py)
reads to the same model as its tab-separated source, apart from spans, medium and
encoding; every span names its cell in the terms of its medium."""

from __future__ import annotations

import io
import re
import sys

import pytest
from cli_helpers import cli
from media_helpers import MEDIA, ROOT, SUFFIXES, essence, make_media, parse_json, spans

from linter.read import read_path

SOURCES = make_media().sources()
CASES = [(name, src, suffix) for name, src in SOURCES for suffix in SUFFIXES]

CELL_REF = {
    "pdf": re.compile(r"^第\d+页 (?:表\d+ 行\d+ 列\d+|段落\d+)(?: @[\d.]+,[\d.]+,[\d.]+,[\d.]+)?$"),
    "html": re.compile(r"^(?:表\d+ 行\d+ 列\d+|段落\d+)$"),
    "xls": re.compile(r"^[^!]+![A-Z]{1,3}\d+$"),
    "csv": re.compile(r"^[A-Z]{1,3}\d+$"),
}


def test_every_source_is_rendered_in_every_medium():
    """A new fixture form (fixtures/layouts/*/*.txt) needs `python fixtures/media/make_media.py`."""
    missing = [f"{name}.{s}" for name, _, s in CASES if not (MEDIA / f"{name}.{s}").is_file()]
    assert missing == []


@pytest.mark.parametrize(("name", "source", "suffix"), CASES, ids=[f"{n}.{s}" for n, _, s in CASES])
def test_medium_reads_as_its_source(name, source, suffix, capsys):
    text = parse_json(cli, capsys, str(source))
    media = parse_json(cli, capsys, str(MEDIA / f"{name}.{suffix}"))
    assert media["errors"] == []
    assert len(media["forms"]) == len(text["forms"])
    assert media["forms"] or media["problems"]  # forms, or a notice (an evaluation-index table)
    assert essence(media) == essence(text)
    assert all(f["medium"] == suffix for f in media["forms"])
    refs = [s["cell"] for s in spans(media)]
    assert refs and all(CELL_REF[suffix].match(r) for r in refs), [r for r in refs if not CELL_REF[suffix].match(r)]


def _duplicate_span(path):
    """The span of the seed's repeated 群众满意度 (form 2's last indicator)."""
    form = read_path(path).forms[1]
    ind = form.indicators[-1]
    assert (ind.name, ind.target.raw) == ("群众满意度", "≥90.00(%)")
    return ind.name_span


def test_cells_are_named_as_the_medium_shows_them():
    # .xls and CSV: row n of the sheet is line n of seed.txt (line 59: two tabs, then
    # 群众满意度 in column C)
    assert _duplicate_span(MEDIA / "seed.xls").cell == "绩效目标表!C59"
    assert _duplicate_span(MEDIA / "seed.csv").cell == "C59"
    assert _duplicate_span(MEDIA / "seed.csv")[:2] == (59, 3)
    # HTML: tables are counted as the page shows them (the layout table around the
    # forms holds tables: it is not one); form 2 is table 2, the name its 30th row
    assert _duplicate_span(MEDIA / "seed.html").cell == "表2 行30 列3"


def test_a_pdf_cell_keeps_its_page_and_box():
    """Form 2's table runs onto page 3: the continued table keeps its number and counts
    its rows on; the box is where the text is on the page."""
    import pdfplumber

    from linter.read.media.pdf import cell_box

    span = _duplicate_span(MEDIA / "seed.pdf")
    assert span.cell.startswith("第3页 表2 行30 列3 @")
    box = cell_box(span)
    with pdfplumber.open(MEDIA / "seed.pdf") as pdf:
        page = pdf.pages[2]
        assert 0 <= box[0] < box[2] <= page.width and 0 <= box[1] < box[3] <= page.height
        assert page.crop(box).extract_text().strip() == "群众满意度"


def test_a_continued_table_is_one_table():
    forms = read_path(MEDIA / "seed.pdf").forms
    cells = {ind.name_span.cell.split(" @")[0].rsplit(" ", 2)[0] for ind in forms[1].indicators}
    assert cells == {"第2页 表2", "第3页 表2"}


@pytest.mark.parametrize("suffix", [*SUFFIXES, "xlsx", "docx"])
def test_standard_input_is_read_for_every_medium(suffix, capsys, monkeypatch):
    path = MEDIA / f"seed.{suffix}" if suffix in SUFFIXES else ROOT / "fixtures" / "office" / f"seed.{suffix}"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    rc, out, err = cli(capsys, "check", "-", "--stdin-filename", f"上传/form.{suffix}", "--format", "json")
    assert rc == 1, err
    assert out.count('"rule": "JX301"') >= 1
    assert '"path": "上传/form.' + suffix + '"' in out


@pytest.mark.parametrize(("suffix", "name"), [("html", "seed.html"), ("pdf", "seed.pdf"), ("xls", "seed.xls")])
def test_the_medium_is_told_by_content_not_name(suffix, name, tmp_path):
    """A page saved as .txt, a PDF or workbook with a wrong name, standard input named
    form.txt: read by their bytes."""
    copy = tmp_path / "form.txt"
    copy.write_bytes((MEDIA / name).read_bytes())
    doc = read_path(copy)
    assert {f.medium for f in doc.forms} == {suffix}
    assert len(doc.forms) == 5


def test_a_tab_separated_file_named_xls_or_csv_is_read_as_text(tmp_path):
    """Some systems export tab-separated text as .xls; a copy saved as .csv keeps tabs."""
    for name in ("form.xls", "form.csv"):
        copy = tmp_path / name
        copy.write_bytes((ROOT / "fixtures" / "forms" / "seed.txt").read_bytes())
        doc = read_path(copy)
        assert len(doc.forms) == 5
        assert doc.text  # text spans: --fix can write into it
        assert doc.forms[0].title.span.cell is None


def test_generated_fixtures_are_current(tmp_path):
    """make_media.py renders the committed files: HTML and CSV byte for byte (every
    source), .xls and PDF to the same model (the seed's and split-columns'; their bytes
    depend on the writer's version)."""
    mm = make_media()
    for name, source in mm.sources():
        text = source.read_text("utf-8")
        secs = mm.sections(mm.split(text))
        encoding = "utf-8-sig" if name in mm.UTF8_BOM_SOURCES else "gbk"
        assert mm.render_html(secs).encode("utf-8") == (MEDIA / f"{name}.html").read_bytes(), name
        assert mm.render_csv(text).encode(encoding) == (MEDIA / f"{name}.csv").read_bytes(), name
        if name not in ("seed", "split-columns"):
            continue
        for suffix, data in (("xls", mm.render_xls(text, secs)), ("pdf", mm.render_pdf(secs))):
            path = tmp_path / f"{name}.{suffix}"
            path.write_bytes(data)
            made, kept = read_path(path), read_path(MEDIA / f"{name}.{suffix}")
            assert [f.indicators for f in made.forms] == [f.indicators for f in kept.forms]


HEADER_AS_TEXT = """项目支出绩效目标表
（2026年度）
项目名称：社区居民健康讲座
主管部门：上海市某区卫生健康委员会
单位：万元
一级指标	二级指标	三级指标	指标性质	指标值	度量单位	权重(%)
产出指标	数量指标	健康讲座场次	=	24	场	15
		讲座覆盖居民人次	≥	2400	人次	15
满意度指标	服务对象满意度指标	居民满意度	≥	90	%	10
"""


@pytest.mark.parametrize("suffix", ["pdf", "html"])
def test_header_fields_written_as_lines_above_the_table(suffix, tmp_path, capsys):
    """Title, year, `项目名称：…` and unit lines outside the table belong to the form."""
    mm = make_media()
    source = tmp_path / "form.txt"
    source.write_text(HEADER_AS_TEXT, "utf-8")
    path = tmp_path / f"form.{suffix}"
    path.write_bytes(mm.render(HEADER_AS_TEXT, "form")[suffix])
    media = parse_json(cli, capsys, str(path))
    assert media["forms"][0]["project_name"] == "社区居民健康讲座"
    assert media["forms"][0]["department"] == "上海市某区卫生健康委员会"
    assert essence(media) == essence(parse_json(cli, capsys, str(source)))


def test_a_header_row_repeated_on_each_page_is_read_once(tmp_path, capsys):
    """A long indicator table printed with its header row on every page: one table, one
    header, every indicator once."""
    mm = make_media()
    head, rows = HEADER_AS_TEXT.split("一级指标", 1)
    table = "一级指标" + rows
    # level names written on every row (no merged cells: a merge cannot break across pages)
    extra = "".join(f"产出指标\t数量指标\t培训课程{n}\t≥\t{n}\t次\t1\n" for n in range(1, 90))
    text = head + table.replace("满意度指标", extra + "满意度指标", 1)
    source = tmp_path / "long.txt"
    source.write_text(text, "utf-8")
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(mm.render_pdf(mm.sections(mm.split(text)), repeat_header=True))
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 3
        assert all(page.extract_text().count("一级指标") == 1 for page in doc.pages)
    media = parse_json(cli, capsys, str(pdf))
    indicators = media["forms"][0]["indicators"]
    assert len(indicators) == 92
    # one table: the header is its row 1, the 92nd indicator its row 93 (on the last page)
    assert re.match(r"^第[3-9]页 表1 行93 列3 @", indicators[-1]["spans"]["name"]["cell"])
    assert essence(media) == essence(parse_json(cli, capsys, str(source)))


def test_radical_code_points_of_a_pdf_font_are_read_as_ideographs():
    """Fonts that share a glyph between an ideograph and its radical make pdfminer give
    the radical (Chromium's and office PDFs of Noto/Source Han text)."""
    from linter.read.media.pdf import join_lines

    assert join_lines("项⽬名称\n主管部⻔") == "项目名称主管部门"
    assert join_lines("⼊⼾指导居民⼾数") == "入户指导居民户数"  # not the traditional 戶
    assert join_lines("⻝品安全  第⼀⻚") == "食品安全  第一页"
    assert join_lines("≥95.00(%)") == "≥95.00(%)"


def test_html_caption_rowspan_colspan_and_several_forms(tmp_path):
    """A title in <caption>, a level name over three rows, a goal over four columns, and a
    second form in the same page."""
    form = """<table border="1"><caption>项目支出绩效目标表（2026年度）</caption>
<tr><td>项目名称</td><td colspan="3">社区讲座{n}</td></tr>
<tr><td>年度绩效目标</td><td colspan="3">全年举办讲座24场。</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>讲座场次</td><td>=24场</td></tr>
<tr><td>覆盖人次</td><td>≥2400人次</td></tr>
<tr><td>质量指标</td><td>内容审核通过率</td><td>=100%</td></tr>
</table>"""
    path = tmp_path / "page.htm"
    path.write_text("<html><body>" + form.format(n=1) + "<p>附注</p>" + form.format(n=2) + "</body></html>", "utf-8")
    doc = read_path(path)
    assert [f.project_name for f in doc.forms] == ["社区讲座1", "社区讲座2"]
    for form_ in doc.forms:
        assert (form_.title.text, form_.year) == ("项目支出绩效目标表", 2026)
        assert form_.goal.text == "全年举办讲座24场。"
        rows = [(i.level1, i.level2, i.name, i.target.raw) for i in form_.indicators]
        assert rows == [
            ("产出指标", "数量指标", "讲座场次", "=24场"),
            ("产出指标", "数量指标", "覆盖人次", "≥2400人次"),
            ("产出指标", "质量指标", "内容审核通过率", "=100%"),
        ]
    assert doc.forms[1].indicators[1].name_span.cell == "表2 行5 列3"


def test_a_small_table_between_the_title_and_the_form_is_passed_over(tmp_path):
    page = """<html><body><h2>项目支出绩效目标表</h2>
<table><tr><td>单位：万元</td><td>填报日期：2026-01-05</td></tr></table>
<table border="1"><tr><td>项目名称</td><td>社区讲座</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>讲座场次</td><td>=24场</td></tr></table></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    [form] = read_path(path).forms
    assert (form.title.text, form.project_name, len(form.indicators)) == ("项目支出绩效目标表", "社区讲座", 1)


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk"),
        ("", "gbk"),  # no declaration: read as a text file is (UTF-8, else GB18030)
        ('<meta charset="utf-8">', "utf-8-sig"),
    ],
)
def test_html_pages_in_the_encodings_sites_use(head, encoding, tmp_path):
    page = (MEDIA / "split-columns.html").read_text("utf-8").replace('<meta charset="utf-8">', head)
    page = page.replace("›", "&gt;")  # (not in GBK)
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    [form] = read_path(path).forms
    assert form.project_name == "社区居民健康讲座"
    assert [i.target.raw for i in form.indicators] == [
        i.target.raw for i in read_path(MEDIA / "split-columns.html").forms[0].indicators
    ]
