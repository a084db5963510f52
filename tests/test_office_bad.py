"""Office files no reader can take: a clear ReadError naming the file, never a traceback."""

from __future__ import annotations

import builtins
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from linter.read import ReadError, read_bytes, read_path
from linter.read.office import read_office, read_office_bytes

OFFICE = Path(__file__).resolve().parent.parent / "fixtures" / "office"
BAD = OFFICE / "bad"

OLD_OR_LOCKED = "受密码保护或旧版二进制格式 (.doc/.xls)，请另存为 .docx/.xlsx"

CASES = [
    ("encrypted.xlsx", OLD_OR_LOCKED, "password-protected"),
    ("old.doc", OLD_OR_LOCKED, "old binary format"),
    ("old.xls", OLD_OR_LOCKED, "old binary format"),
    ("corrupt.docx", "文件已损坏", "damaged"),
    ("corrupt.xlsx", "文件已损坏", "damaged"),
    ("no-form.docx", "未找到绩效目标申报表", "no form found"),
    ("not-office.xlsx", "不是 Excel 文件", "not an Excel file"),
]


# Read by the file's medium (linter.read.media), old binary files are not refused out of
# hand: a .doc goes to LibreOffice (not installed here: the error says how to convert),
# a .xls to xlrd (this one is only an OLE2 header: damaged).
DISPATCH_CASES = [(name, zh, en) for name, zh, en in CASES if name not in ("old.doc", "old.xls")] + [
    ("old.doc", "需要 LibreOffice 转换", "converted with LibreOffice"),
    ("old.xls", "文件已损坏，无法作为 Excel 97-2003 (.xls) 文件读取", "damaged"),
]


@pytest.mark.parametrize(("name", "zh", "en"), DISPATCH_CASES)
def test_bad_files_raise_a_read_error_naming_the_file(name, zh, en, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no LibreOffice, whatever this machine has
    path = BAD / name
    with pytest.raises(ReadError) as info:
        read_path(path)
    err = info.value
    assert err.path == str(path)
    assert zh in err.message_zh
    assert en in err.message_en
    assert str(err).startswith(f"{path}: ")


@pytest.mark.parametrize(("name", "zh", "en"), CASES)
def test_the_display_name_is_used(name, zh, en):
    with pytest.raises(ReadError) as info:
        read_office(BAD / name, f"上传/{name}")
    assert info.value.path == f"上传/{name}"
    assert zh in info.value.message("zh")
    assert en in info.value.message("en")


def test_bytes_from_standard_input_are_read_by_suffix():
    data = (BAD / "encrypted.xlsx").read_bytes()
    with pytest.raises(ReadError) as info:
        read_bytes(data, "<stdin>.xlsx")
    assert OLD_OR_LOCKED in info.value.message_zh
    doc = read_bytes((OFFICE / "seed.xlsx").read_bytes(), "-.xlsx")
    assert len(doc.forms) == 6


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        read_office(empty)
    assert info.value.message_zh == "文件为空"
    with pytest.raises(ReadError) as info:
        read_office(tmp_path / "无.xlsx")
    assert info.value.path == str(tmp_path / "无.xlsx")
    assert info.value.message_zh == "文件不存在"


def test_an_old_format_that_is_not_ole():
    """Some systems save HTML under .xls; it is not readable either."""
    with pytest.raises(ReadError) as info:
        read_office_bytes(b"<html><table></table></html>", "导出.xls", ".xls")
    assert "旧版格式" in info.value.message_zh


@pytest.mark.parametrize(
    ("fixture", "module", "missing"),
    [("seed.xlsx", "openpyxl", "openpyxl"), ("seed.docx", "docx", "python-docx")],
)
def test_missing_optional_dependency(monkeypatch, tmp_path, fixture, module, missing):
    real_import = builtins.__import__

    def fail(name, *args, **kwargs):
        if name == module or name.startswith(module + "."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fail)
    copy = tmp_path / fixture
    shutil.copyfile(OFFICE / fixture, copy)
    with pytest.raises(ReadError) as info:
        read_path(copy)
    err = info.value
    assert err.path == str(copy)
    assert 'pip install "jxlint[office]"' in err.message_zh
    assert 'pip install "jxlint[office]"' in err.message_en
    assert missing in err.message_zh


def test_a_sheet_cut_off_in_the_middle():
    """The workbook opens, but its sheet XML ends half way: damaged, not a traceback."""
    src = zipfile.ZipFile(OFFICE / "seed.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(ReadError) as info:
        read_office_bytes(out.getvalue(), "截断.xlsx")
    assert info.value.path == "截断.xlsx"
    assert "文件已损坏" in info.value.message_zh
