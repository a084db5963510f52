"""Readers: input files → the form model (`linter.model.Document`).

`read_path` and `read_bytes` pick a reader by the file's suffix: .json/.yaml/.yml are
structured input (linter.read.structured), .docx/.xlsx/.doc/.xls office documents
(linter.read.office, needs ``pip install jxlint[office]``), anything else tab-separated
text (linter.read.text). A file that cannot be read at all raises `ReadError`; anything
less becomes a `Problem` in the document or its forms.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from linter.model import Document
from linter.read.errors import ReadError

__all__ = [
    "OFFICE_SUFFIXES",
    "STRUCTURED_SUFFIXES",
    "ReadError",
    "read_bytes",
    "read_path",
    "read_text",
]

STRUCTURED_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
OFFICE_SUFFIXES = (".docx", ".xlsx", ".doc", ".xls")


def _office():
    """linter.read.office; ImportError when it or openpyxl/python-docx is missing."""
    return importlib.import_module("linter.read.office")


def _office_error(path: str) -> ReadError:
    return ReadError(
        path,
        "读取 Word/Excel 文件需要安装可选依赖：pip install jxlint[office]",
        "reading Word/Excel files needs the optional dependencies: pip install jxlint[office]",
    )


def read_text(text: str, path: str, encoding: str = "utf-8") -> Document:
    """Read forms from text already decoded (tab-separated layout, by content)."""
    from linter.read.text import read_text as _read_text

    return _read_text(text, path, encoding)


def read_bytes(data: bytes, path: str) -> Document:
    """Read `data` (e.g. standard input) as the file `path` would be read: by its suffix,
    tab-separated text when it has none."""
    return _dispatch(data, path, Path(path).suffix.lower())


def _dispatch(data: bytes, path: str, suffix: str) -> Document:
    from linter.read.decode import decode_bytes

    if suffix in OFFICE_SUFFIXES:
        try:
            office = _office()
        except ImportError:
            raise _office_error(path) from None
        return office.read_office_bytes(data, path)
    text, encoding = decode_bytes(data, path)
    if suffix in STRUCTURED_SUFFIXES:
        from linter.read.structured import read_structured

        return read_structured(text, path, encoding, STRUCTURED_SUFFIXES[suffix])
    return read_text(text, path, encoding)


def read_path(path: str | os.PathLike, display_path: str | None = None) -> Document:
    """Read the file at `path`; `display_path` is the name used in the model and in
    messages (default: `path` as given)."""
    name = os.fspath(path)
    shown = display_path if display_path is not None else name
    suffix = os.path.splitext(name)[1].lower()  # os.path: pathlib costs more than the read
    if suffix in OFFICE_SUFFIXES:
        p = Path(name)
        if not p.is_file():
            raise _missing(p, shown)
        try:
            office = _office()
        except ImportError:
            raise _office_error(shown) from None
        return office.read_office(p, shown)
    try:
        data = _read_bytes(name)
    except OSError:
        raise _missing(Path(name), shown) from None
    return _dispatch(data, shown, suffix)


def _read_bytes(name: str) -> bytes:
    """The bytes of the file `name`, read with os.read: half the cost of open().read(),
    which builds a buffered file object first (a batch reads thousands of small files)."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 18):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _missing(p: Path, shown: str) -> ReadError:
    if p.is_dir():
        return ReadError(shown, "这是一个目录，不是文件", "this is a directory, not a file")
    if not p.exists():
        return ReadError(shown, "文件不存在", "no such file")
    return ReadError(
        shown,
        "无法读取文件（权限不足或读取出错）",
        "cannot read the file (permission denied or I/O error)",
    )
