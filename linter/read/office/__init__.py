"""Office documents: .docx (python-docx) and .xlsx (openpyxl) → the common grid → forms.

Both readers turn their tables into `linter.read.grid.Row`s and hand them to
`linter.read.tabular.build_forms`, so office input shares every rule of the text layout.
openpyxl and python-docx are an optional extra (`pip install "jxlint[office]"`) and are
imported only when an office file is read.

Spans of office cells: `Span.cell` names the cell (`绩效目标表!E17`, `表1 行5 列3`,
`段落3`); `line`/`column` give its row and column (1-based), `end_column = column + 1`
(an empty cell has a zero-width span). In a workbook `line` is the sheet's row number (so
the sheet name in `cell` tells sheets apart); in a document `line` counts body paragraphs
and table rows in document order across the whole file, so it never repeats.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.model import Document, Form, Problem, Span
from linter.read.grid import Cell, Row

if TYPE_CHECKING:
    from linter.read.errors import ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

_OBJECT_REPR = re.compile(r"'?<[\w.]+ object at 0x[0-9a-fA-F]+>'?")


def read_office(path: str | os.PathLike[str], display_path: str | None = None) -> Document:
    """Read the forms of a .docx or .xlsx file.

    The kind is told by the file's content (a zip holding word/document.xml or
    xl/workbook.xml), not by its name. Raises `ReadError` (naming `display_path`) for a file
    that cannot be read: missing, empty, corrupt, encrypted, an old binary .doc/.xls, no
    form in it, or openpyxl/python-docx not installed.
    """
    from linter.read.files import read_regular_file

    display = display_path if display_path is not None else str(path)
    data = read_regular_file(os.fspath(path), display)
    return read_office_bytes(data, display, suffix=Path(path).suffix.lower())


def read_office_bytes(data: bytes, display_path: str, suffix: str = "") -> Document:
    """`read_office` on the bytes of a file; `suffix` (".docx") only shapes messages."""
    kind = sniff(data, display_path, suffix)
    if kind == "docx":
        from linter.read.office.docx import read_docx

        return read_docx(without_macros(data), display_path)
    from linter.read.office.xlsx import read_xlsx

    return read_xlsx(data, display_path)


_WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_TYPES = (
    (b"application/vnd.ms-word.document.macroEnabled.main+xml", _WORD_MAIN),
    (b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml", _WORD_MAIN),
)


def without_macros(data: bytes) -> bytes:
    """A macro-enabled Word package (.docm) with its main part typed as a plain document,
    which python-docx reads (the macros are never run nor read); other packages as they are."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        try:
            types = zf.read("[Content_Types].xml")
        except KeyError:
            return data
        if b"macroEnabled" not in types:
            return data
        for old, new in _MACRO_TYPES:
            types = types.replace(old, new)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in zf.infolist():
                dst.writestr(info, types if info.filename == "[Content_Types].xml" else zf.read(info))
        return out.getvalue()


def sniff(data: bytes, display_path: str, suffix: str = "") -> str:
    """ "docx" or "xlsx" from the bytes of a file; `ReadError` for anything else."""
    if not data:
        raise read_error(display_path, "文件为空", "the file is empty")
    if data.startswith(OLE_MAGIC):
        raise read_error(
            display_path,
            "受密码保护或旧版二进制格式 (.doc/.xls)，请另存为 .docx/.xlsx",
            "password-protected or old binary format (.doc/.xls); save it as .docx/.xlsx",
        )
    if not (data.startswith(ZIP_MAGIC) or data.startswith(EMPTY_ZIP_MAGIC)):
        if suffix in (".doc", ".xls"):
            raise read_error(
                display_path,
                "旧版格式 (.doc/.xls) 无法读取，请另存为 .docx/.xlsx",
                "old format (.doc/.xls) cannot be read; save it as .docx/.xlsx",
            )
        word = suffix in (".docx", ".docm")
        raise read_error(
            display_path,
            f"不是 {'Word' if word else 'Excel'} 文件（.docx/.xlsx 是 zip 包，此文件不是）",
            f"not {'a Word' if word else 'an Excel'} file (.docx/.xlsx files are zip packages, this one is not)",
        )
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise corrupt_error(display_path, exc) from None
    check_package(infos, display_path)
    names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names):
        return "xlsx"
    if suffix in (".docx", ".docm"):
        return "docx"  # an unusual part name: let python-docx follow the relationships
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise read_error(
        display_path,
        "不是 Word 或 Excel 文件（zip 包中没有 word/document.xml 或 xl/workbook.xml）",
        "not a Word or Excel file (the zip package has no word/document.xml or xl/workbook.xml)",
    )


def check_package(infos: Sequence[Any], display_path: str) -> None:
    """Refuse a package before it is unpacked: encrypted members (a password-protected
    zip), or more unpacked bytes than `max_unpacked_bytes` (a zip bomb). The sizes are
    the ones the package declares; zipfile never reads a member past its declared size."""
    from linter import limits

    if any(i.flag_bits & 0x1 for i in infos):
        raise read_error(
            display_path,
            "zip 包受密码保护（已加密），无法读取：请去掉密码后另存",
            "the zip package is password-protected (encrypted) and cannot be read: save it without a password",
        )
    total = sum(i.file_size for i in infos)
    if total > limits.current().max_unpacked_bytes:
        raise limits.exceeded(display_path, "max_unpacked_bytes", f"{total} bytes unpacked in {len(infos)} parts")


def read_error(display_path: str, zh: str, en: str) -> ReadError:
    """A `ReadError` naming the file."""
    from linter.read.errors import ReadError

    return ReadError(display_path, zh, en)


def corrupt_error(display_path: str, exc: BaseException) -> ReadError:
    """The error for a damaged package."""
    detail = _OBJECT_REPR.sub("the file", str(exc)) or type(exc).__name__
    return read_error(
        display_path,
        f"文件已损坏，无法作为 Office 文档打开（{detail}）",
        f"the file is damaged and cannot be opened as an Office document ({detail})",
    )


def missing_dependency(display_path: str, module: str) -> ReadError:
    """The error when openpyxl or python-docx is not installed."""
    return read_error(
        display_path,
        f'读取 Office 文件需要 {module}：请运行 pip install "jxlint[office]"',
        f'reading Office files needs {module}: run pip install "jxlint[office]"',
    )


def is_form_table(texts: Iterable[str]) -> bool:
    """True when cell texts hold an indicator-table header (一级指标, 指标类型 …: a level column
    of some layout in rules/layouts/), or 项目名称 together with another header label."""
    from linter.read.header import header_words
    from linter.read.layouts import active

    union = active().union
    words = header_words()
    texts = [t for t in texts if t]
    if any(union.column_role(t) in ("level1", "level2") for t in texts):
        return True
    keys = {words.cell(t).key for t in texts}
    fields = {words.fields.get(k) for k in keys}
    other = (fields - {None, "项目名称"}) or (keys & words.goals.keys()) or any(words.cell(t).unit for t in texts)
    return "项目名称" in fields and bool(other)


def clean_text(text: str) -> str:
    """Cell text as the grid holds it: tabs become spaces, surrounding space is removed."""
    return text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n").strip()


def cell(text: str, line: int, col: int, name: str) -> Cell:
    """A grid cell at 0-based `col` of row `line`; empty cells get a zero-width span."""
    end = col + 2 if text else col + 1
    return Cell(text, Span(line, col + 1, line, end, name), col)


def build(
    rows: Sequence[Row], display_path: str, medium: str, first_index: int = 1
) -> tuple[list[Form], list[Problem]]:
    """`linter.read.tabular.build_forms` on office rows."""
    from linter.read.tabular import build_forms

    return build_forms(rows, display_path, medium, first_index)


def no_form(display_path: str, where_zh: str, where_en: str) -> ReadError:
    """The error for an office file without any form (`where_en` says where none was:
    "the document has no", "no visible sheet of the workbook has")."""
    return read_error(
        display_path,
        f"未找到绩效目标申报表：{where_zh}没有含“一级指标/三级指标”或“项目名称”等栏目的表格",
        f"no form found: {where_en} a table with 一级指标/三级指标 or 项目名称 header cells",
    )


__all__ = [
    "OLE_MAGIC",
    "cell",
    "clean_text",
    "is_form_table",
    "read_office",
    "read_office_bytes",
    "sniff",
]
