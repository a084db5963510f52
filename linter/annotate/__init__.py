"""`jxlint annotate`: the department's own file back with the findings on it.

.xlsx: a comment on each faulty cell, the cell filled by severity, a first sheet 审核意见
with every finding and a link to its cell. .docx: Word comments on the faulty cells and a
table of findings at the end. YAML: the findings as `#` comments. Other formats (JSON,
plain text) cannot carry comments: the caller is told to use `jxlint check`.

The original file is only read. Annotating is pure: bytes and findings in, bytes out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from linter.annotate.errors import AnnotateError
from linter.findings import Finding
from linter.model import Document

__all__ = ["ANNOTATABLE", "AnnotateError", "Annotated", "annotate_bytes"]

ANNOTATABLE = (".xlsx", ".docx", ".yaml", ".yml")


@dataclass
class Annotated:
    """An annotated copy: its bytes, and what it could not keep of the original."""

    data: bytes
    lost: list[str] = field(default_factory=list)


def annotate_bytes(data: bytes, doc: Document, findings: Sequence[Finding], lang: str = "zh") -> Annotated:
    """The annotated copy of the file whose bytes are `data`, read as `doc`, with `findings`.
    Raises AnnotateError when the file's kind cannot carry comments or cannot be copied
    faithfully (macros, protection)."""
    path = doc.path
    if doc.medium == "xlsx":
        from linter.annotate.xlsx import annotate_xlsx, check_workbook

        lost = check_workbook(data, path)
        copy = annotate_xlsx(data, findings, path, lang, lost)
        return Annotated(copy, lost)
    if doc.medium == "docx":
        from linter.annotate.docx import annotate_docx

        return Annotated(annotate_docx(data, findings, path, lang))
    if path.lower().endswith((".yaml", ".yml")) and doc.text:
        from linter.annotate.yaml_text import annotate_yaml
        from linter.fixes import encode, with_bom

        text = annotate_yaml(doc.text, findings, lang, doc.newline)
        return Annotated(encode(text, with_bom(data, doc.encoding), data))
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".xls", ".doc", ".wps", ".et"):
        zh = f"{suffix} 文件不能加批注；请另存为 .xlsx/.docx 后再试，或用 jxlint check 查看问题"
        en = f"a {suffix} file cannot be annotated; save it as .xlsx/.docx, or use jxlint check"
    else:
        kind_zh, kind_en = _KINDS.get(suffix, (f"{suffix or '此'} 文件", f"a {suffix or 'such'} file"))
        zh = f"{kind_zh}不能带批注，请用 jxlint check 查看问题（或 jxlint check --format json）"
        en = f"{kind_en} cannot carry comments; use jxlint check to see the findings (or --format json)"
    raise AnnotateError(path, zh, en)


_KINDS = {
    ".json": ("JSON 申报表", "a JSON form"),
    ".txt": ("纯文本申报表", "a plain-text form"),
    ".tsv": ("纯文本申报表", "a plain-text form"),
    ".csv": ("CSV 申报表", "a CSV form"),
}
