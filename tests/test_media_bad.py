"""Files of the new media that cannot be read, or only in part: each gives a clear error
(or a notice) naming the file, in bounded time, and the run goes on with the other files.

The bad files are made here from the fixtures (cut, damaged, locked) or drawn with
reportlab and xlwt (a scan, a 500-page PDF, a sheet whose used range runs to the last row).
"""

from __future__ import annotations

import io
import shutil
import time

import pytest
from cli_helpers import cli
from media_helpers import MEDIA, ROOT, make_media

from linter.read import ReadError, read_path

SECONDS = 30  # every case here takes well under this on a slow machine


def _canvas_pdf(draw, pages: int = 1, **kw) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, **kw)
    for n in range(pages):
        draw(c, n)
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """Two pages holding an image each and no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = ImageReader(Image.new("L", (120, 60), 200))
    return _canvas_pdf(lambda c, n: c.drawImage(img, 50, 500, 240, 120), pages=2)


def encrypted_pdf() -> bytes:
    return _canvas_pdf(lambda c, n: c.drawString(72, 720, "form"), encrypt="secret")


def long_pdf() -> bytes:
    """The split-columns form on page 1, then 499 pages of appendix text."""
    mm = make_media()
    secs = mm.sections(mm.split((ROOT / "fixtures" / "forms" / "split-columns.txt").read_text("utf-8")))
    return mm.render_pdf(secs, filler_pages=499)


def encrypted_xls() -> bytes:
    """seed.xls with a FILEPASS record (the mark of a password) in its workbook stream,
    where the INTERFACEHDR record of the same size stood."""
    data = (MEDIA / "seed.xls").read_bytes()
    at = data.find(b"\xe1\x00\x02\x00")
    assert at > 0
    return data[:at] + b"\x2f\x00\x02\x00" + data[at + 4 :]


def huge_range_xls() -> bytes:
    """A sheet with an indicator header in A1, a styled cell in the last row and column
    a .xls can have (65536 × 256), and a DIMENSIONS record that claims a million rows."""
    import struct

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    sheet.write(0, 0, "一级指标")
    sheet.write(65535, 255, "", xlwt.easyxf("pattern: pattern solid"))
    buf = io.BytesIO()
    book.save(buf)
    data = buf.getvalue()
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS: first row, last row + 1, columns
    assert struct.unpack("<II", data[at + 4 : at + 12]) == (0, 65536)
    return data[: at + 4] + struct.pack("<II", 0, 1_048_576) + data[at + 12 :]


def _cut(name: str) -> bytes:
    data = (MEDIA / name).read_bytes()
    return data[: len(data) // 2]


def _noise(head: bytes) -> bytes:
    return head + bytes((i * 37 + 11) % 256 for i in range(6000))


CASES = {
    "empty.pdf": (lambda: b"", "文件为空", "empty"),
    "truncated.pdf": (lambda: _cut("seed.pdf"), "文件已损坏，无法作为 PDF", "damaged"),
    "corrupt.pdf": (lambda: _noise(b"%PDF-1.7\n"), "文件已损坏，无法作为 PDF", "damaged"),
    "not-a.pdf": (lambda: b"<html>hello</html>", "不是 PDF 文件", "not a PDF"),
    "encrypted.pdf": (encrypted_pdf, "受密码保护", "password-protected"),
    "scanned.pdf": (scanned_pdf, "扫描件", "no OCR"),
    "empty.html": (lambda: b"  \n", "文件为空", "empty"),
    "no-table.html": (
        lambda: "<html><body><h1>财政项目支出绩效目标申报表</h1><p>见附件。</p></body></html>".encode(),
        "页面中没有含",
        "the page has no table",
    ),
    "deep.html": (lambda: b"<div>" * 200_000 + b"x" + b"</div>" * 200_000, "页面中没有含", "no form found"),
    "huge.html": (
        lambda: (
            b"<table>"
            + b"<tr><td>\xe4\xb8\x80\xe7\xba\xa7\xe6\x8c\x87\xe6\xa0\x87</td><td>x</td></tr>" * 150_000
            + b"</table>"
        ),
        "表格过大",
        "too large",
    ),
    "empty.xls": (lambda: b"", "文件为空", "empty"),
    "truncated.xls": (lambda: _cut("seed.xls"), "文件已损坏，无法作为 Excel 97-2003", "damaged"),
    "corrupt.xls": (lambda: _noise(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "文件已损坏", "damaged"),
    "encrypted.xls": (encrypted_xls, "受密码保护", "password-protected"),
    "huge-range.xls": (huge_range_xls, "未找到绩效目标申报表", "no form found"),
    "empty.csv": (lambda: b"", "文件为空", "empty"),
    "binary.csv": (lambda: _noise(b"\x00\x01"), "不是文本文件", "not a text file"),
    "no-form.csv": (lambda: b"a,b\n1,2\n", "未找到绩效目标申报表", "no form found"),
    "huge-cell.csv": (lambda: b'"' + b"x" * (2 << 20) + b'"\n', "CSV 格式错误", "malformed CSV"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_file_gives_a_clear_error_in_bounded_time(name, tmp_path):
    make, zh, en = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    start = time.monotonic()
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert time.monotonic() - start < SECONDS
    err = info.value
    assert err.path == str(path)
    assert zh in err.message_zh, err.message_zh
    assert en in err.message_en, err.message_en


@pytest.mark.parametrize("name", ["seed.html", "seed.csv"])
def test_a_cut_text_medium_reads_the_forms_it_still_holds(name, tmp_path):
    """A page cut in the middle (of a character, too) or a CSV cut at a line end is still a
    page or CSV: the whole forms before the cut are read, the cut one as far as it goes."""
    path = tmp_path / name
    data = _cut(name)
    path.write_bytes(data[: data.rindex(b"\n") + 1] if name.endswith(".csv") else data)
    doc = read_path(path)
    assert 1 <= len(doc.forms) < 5
    whole = read_path(MEDIA / name)
    assert doc.forms[0].indicators == whole.forms[0].indicators


def test_a_500_page_pdf_is_read_to_its_limit_with_a_notice(tmp_path):
    from linter.read.media.pdf import MAX_PAGES

    path = tmp_path / "long.pdf"
    path.write_bytes(long_pdf())
    start = time.monotonic()
    doc = read_path(path)
    assert time.monotonic() - start < SECONDS
    assert len(doc.forms) == 1 and len(doc.forms[0].indicators) > 0
    [note] = doc.problems
    assert note.code == "pages-not-read"
    assert f"共 500 页，只读取了前 {MAX_PAGES} 页" in note.message_zh


def test_the_run_goes_on_with_the_other_files(tmp_path, capsys):
    for name in ("scanned.pdf", "encrypted.xls", "no-table.html", "corrupt.pdf"):
        (tmp_path / name).write_bytes(CASES[name][0]())
    shutil.copy(MEDIA / "seed.html", tmp_path / "seed.html")
    rc, out, err = cli(capsys, "check", str(tmp_path), "--format", "json", "--no-progress")
    assert rc == 2
    assert out.count('"rule": "JX301"') == 1  # seed.html was checked
    for name in ("scanned.pdf", "encrypted.xls", "no-table.html", "corrupt.pdf"):
        assert name in out
    assert "Traceback" not in err


def test_missing_libraries_say_which_extra_to_install(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_media(name, *args, **kwargs):
        if name.split(".")[0] in ("pdfplumber", "lxml", "xlrd"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_media)
    for suffix, extra in (("pdf", "pdf"), ("html", "html"), ("xls", "xls")):
        with pytest.raises(ReadError) as info:
            read_path(MEDIA / f"seed.{suffix}")
        assert f'pip install "jxlint[{extra}]"' in info.value.message_zh
