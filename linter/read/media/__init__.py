"""File media beyond text and .docx/.xlsx: PDF, HTML, .xls, CSV, and old Word/WPS files
converted through LibreOffice. Each becomes the common grid (`linter.read.grid.Row`) and
`linter.read.tabular.build_forms` makes the forms, as for the office readers.

`medium_of` tells the medium from the bytes (magic numbers, an HTML page's first tag)
and then the suffix, so a `.txt` holding an HTML page is read as HTML and a `.xls` that
is really tab-separated text as text. It imports nothing heavy: the PDF, HTML and .xls
libraries (pdfplumber, lxml, xlrd) are imported by the reader of their medium only.

Spans: every cell's `Span.cell` names it in the terms of its medium (`第2页 表1 行3 列4
@72.0,90.5,150.2,110.0` for a PDF cell and its box, `表1 行3 列4` for an HTML table cell,
`段落3` for a text line outside tables, `Sheet1!D7` for .xls, `D7` for CSV); `line` counts
the rows of the file in order (so it never repeats) and `column` is the 1-based column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from linter.model import Document
from linter.read.errors import ReadError
from linter.read.grid import Row

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

# The suffixes jxlint reads, by reader: the one list `medium_of` and a folder walk
# (`linter.api.iter_files`) go by. A file named on the command line is read whatever its
# suffix (by its bytes first, else as text); a folder walk takes FORM_SUFFIXES, every suffix
# below but the templates and presentations, which are read only when named.
TEXT_SUFFIXES = frozenset({".txt", ".tsv", ".md", ".markdown"})  # tab text or another text medium
STRUCTURED = frozenset({".json", ".yaml", ".yml"})
OFFICE_SUFFIXES = frozenset({".docx", ".xlsx", ".docm", ".xlsm"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
OTHER_SUFFIXES = frozenset({".pdf", ".csv", ".xls"})  # PDF, CSV, Excel 97-2003
LEGACY_SUFFIXES = frozenset({".doc", ".wps", ".et", ".dps", ".wpt", ".ett", ".dot", ".xlt"})
TEMPLATE_SUFFIXES = frozenset({".dot", ".xlt", ".wpt", ".ett", ".dps"})
FORM_SUFFIXES = (
    TEXT_SUFFIXES | STRUCTURED | OFFICE_SUFFIXES | HTML_SUFFIXES | OTHER_SUFFIXES | LEGACY_SUFFIXES
) - TEMPLATE_SUFFIXES

# An HTML page: optional BOM and white space, then a tag that starts a page or a table.
_HTML_HEAD = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|center)\b",
    re.I | re.S,
)
_HTML_FIRST = frozenset((b"<", b"\xef", b"\xff", b"\xfe", b" ", b"\t", b"\r", b"\n"))
_UTF16_HTML = re.compile(rb"^(?:\xff\xfe|\xfe\xff)(?:\s\x00|\x00\s)*(?:<\x00|\x00<)")


def medium_of(data: bytes, suffix: str) -> str:
    """The medium of a file from its bytes, then its suffix: "pdf", "ole" (an OLE2 file:
    .xls, .doc, .et …, told apart by `ole_kind`), "office" (a zip: .docx/.xlsx, or an
    encrypted one), "html", "csv", "legacy" (.doc/.wps/.et that are no OLE2 file, e.g.
    RTF: to convert), "structured" or "text"."""
    head = data[:8]
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if head == OLE_MAGIC:
        # an encrypted .docx/.xlsx is an OLE2 file: the office reader says so
        return "office" if suffix in OFFICE_SUFFIXES else "ole"
    if head.startswith(ZIP_MAGICS):
        return "office"
    if suffix == ".pdf":
        return "pdf"  # the PDF reader says what it is not
    if suffix in OFFICE_SUFFIXES:
        return "office"
    if suffix in STRUCTURED:
        return "structured"
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        return "html"
    if suffix == ".csv":
        return "csv"
    if suffix in LEGACY_SUFFIXES:
        return "legacy"
    return "text"  # TEXT_SUFFIXES, no suffix, and a .xls that is really tab-separated text


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start (after a BOM, white space, comments) with an HTML tag."""
    if data[:1] not in _HTML_FIRST:  # a form's text starts with a word or a blank line
        return False
    head = data[:2048]
    return bool(_HTML_HEAD.match(head) or _UTF16_HTML.match(head))


def ole_kind(data: bytes) -> str:
    """What an OLE2 compound file holds, from its directory's stream names (UTF-16):
    "xls" (Workbook/Book), "doc" (WordDocument), "encrypted" (an encrypted .docx/.xlsx:
    EncryptedPackage) or "" (something else)."""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return "encrypted"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book\x00"):
        return "xls"
    return ""


def read_medium(data: bytes, path: str, medium: str, suffix: str) -> Document:
    """Read `data` (the file `path`) as `medium` (from `medium_of`). Raises `ReadError`
    for anything that cannot be read, never another exception."""
    try:
        return _read(data, path, medium, suffix)
    except ReadError:
        raise
    except RecursionError:
        raise error(path, "文件嵌套过深，无法读取", "the file is nested too deeply to be read") from None
    except MemoryError:
        raise error(path, "文件过大，内存不足，无法读取", "the file is too large to be read in memory") from None
    except Exception as exc:  # a damaged file makes a library raise anything …
        if _raised_by_us(exc):
            raise  # … but an error in jxlint's own code is a bug, not a damaged file
        if medium == "ole" and (suffix in (".xls", ".xlt") or ole_kind(data) == "xls"):
            medium = "xls"
        raise corrupt(path, medium, exc) from None


def _raised_by_us(exc: BaseException) -> bool:
    """True when the innermost frame of `exc`'s traceback is in the linter package."""
    import os

    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return False
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(here + os.sep)


def _read(data: bytes, path: str, medium: str, suffix: str) -> Document:
    if medium == "ole":
        kind = ole_kind(data)
        if kind == "encrypted":
            raise encrypted(path)
        from linter.read.media.legacy import find_soffice, read_legacy

        if kind == "xls" or (not kind and suffix in (".xls", ".xlt")):
            from linter.read.media.xls import read_xls

            try:
                return read_xls(data, path)  # a WPS .et may be a BIFF workbook too
            except Exception:
                if suffix not in (".et", ".ett") or find_soffice() is None:
                    raise  # else LibreOffice may read what xlrd cannot

        return read_legacy(data, path, suffix if suffix in LEGACY_SUFFIXES else ".doc")
    if medium == "pdf":
        from linter.read.media.pdf import read_pdf

        return read_pdf(data, path)
    if medium == "html":
        from linter.read.media.html import read_html

        return read_html(data, path)
    if medium == "csv":
        from linter.read.media.csvfile import read_csv

        return read_csv(data, path)
    if medium == "legacy":
        from linter.read.media.legacy import read_legacy

        return read_legacy(data, path, suffix)
    raise ValueError(f"unknown medium {medium}")


def build_document(grids: Sequence[Sequence[Row]], path: str, medium: str, encoding: str = "") -> Document:
    """The document of one or more grids (a workbook's sheets are read one by one, forms
    numbered on): forms built from each grid's rows, traditional characters made
    simplified first when the text is mostly traditional. `encoding` is the text's (CSV,
    HTML), "" for a file of cells (.xls, PDF). `ReadError` when no form."""
    from linter.read.hant import simplify_rows
    from linter.read.tabular import build_forms

    forms: list = []
    problems: list = []
    for rows in grids:
        found, rest = build_forms(simplify_rows(rows, path), path, medium, len(forms) + 1)
        forms.extend(found)
        problems.extend(rest)
    if not forms and not problems:  # (a table recognised as no target form is a notice)
        raise no_form(path)
    return Document(
        path=path,
        encoding=encoding,
        newline="",
        text="",
        forms=tuple(forms),
        problems=tuple(problems),
        medium=medium,
    )


def error(path: str, zh: str, en: str) -> ReadError:
    return ReadError(path, zh, en)


def empty(path: str) -> ReadError:
    return ReadError(path, "文件为空", "the file is empty")


def encrypted(path: str) -> ReadError:
    return ReadError(
        path,
        "文件受密码保护（已加密），无法读取：请去掉密码后另存再检查",
        "the file is password-protected (encrypted) and cannot be read: save a copy without the password",
    )


def corrupt(path: str, medium: str, exc: BaseException) -> ReadError:
    detail = (str(exc) or type(exc).__name__).splitlines()[0][:200]
    names = {
        "pdf": "PDF",
        "html": "HTML",
        "xls": "Excel 97-2003 (.xls)",
        "csv": "CSV",
        "ole": "Excel/Word 97-2003 (.xls/.doc)",
    }
    name = names.get(medium, medium)
    return ReadError(
        path,
        f"文件已损坏，无法作为 {name} 文件读取（{detail}）",
        f"the file is damaged and cannot be read as {name} ({detail})",
    )


def missing_dependency(path: str, module: str, extra: str) -> ReadError:
    return ReadError(
        path,
        f'读取此类文件需要 {module}：请运行 pip install "jxlint[{extra}]"',
        f'reading this kind of file needs {module}: run pip install "jxlint[{extra}]"',
    )


def no_form(path: str, where_zh: str = "文件中", where_en: str = "the file has no") -> ReadError:
    return ReadError(
        path,
        f"未找到绩效目标申报表：{where_zh}没有含“一级指标/三级指标”或“项目名称”等栏目的表格",
        f"no form found: {where_en} table with 一级指标/三级指标 or 项目名称 header cells",
    )
