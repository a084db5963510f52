"""`Document.medium` says how a file's cells reached the reader and `Document.encoding` only
ever names a text encoding (it once held "docx" and "xlsx"; a PDF's or .xls's document said
"tsv" as its medium). The parse output's `encoding` is unchanged: a file of cells shows its
medium there, as it always has."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from linter.output.model_json import documents_to_json
from linter.read import read_path

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    ("forms/seed.txt", "tsv", "utf-8"),
    ("forms/split-columns.yaml", "yaml", "utf-8"),
    ("forms/split-columns.json", "json", "utf-8"),
    ("office/seed.docx", "docx", ""),
    ("office/seed.xlsx", "xlsx", ""),
    ("media/gansu-farmland.csv", "csv", "gb18030"),
    ("media/gansu-farmland.html", "html", "utf-8"),
    ("media/gansu-farmland.pdf", "pdf", ""),
    ("media/gansu-farmland.xls", "xls", ""),
]
NEEDS = {".docx": "docx", ".xlsx": "openpyxl", ".pdf": "pdfplumber", ".xls": "xlrd", ".html": "lxml"}


@pytest.mark.parametrize(("name", "medium", "encoding"), CASES, ids=[c[0] for c in CASES])
def test_medium_and_encoding_say_what_they_name(name, medium, encoding):
    path = ROOT / "fixtures" / name
    if path.suffix in NEEDS:
        pytest.importorskip(NEEDS[path.suffix])
    doc = read_path(str(path))
    assert (doc.medium, doc.encoding) == (medium, encoding)
    assert {f.medium for f in doc.forms} == {medium}
    if encoding:
        codecs.lookup(encoding)  # a real codec, never a file kind
    shown = {f["encoding"] for f in documents_to_json([doc])["forms"]}
    assert shown == {encoding or medium}
