"""`jxlint annotate`: the department's own file back with the findings on it.

.xlsx: a comment on each faulty cell, the cell filled by severity, a first sheet 审核意见
with every finding and a link to its cell. .docx: Word comments on the faulty cells and a
table of findings at the end. YAML: the findings as `#` comments. Other formats (JSON,
plain text) cannot carry comments: the caller is told to use `jxlint check`.

The original file is only read. Annotating is pure: bytes and findings in, bytes out.
"""

from __future__ import annotations

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
    if doc.encoding == "xlsx":
        from linter.annotate.xlsx import annotate_xlsx, check_workbook

        lost = check_workbook(data, path)
        return Annotated(annotate_xlsx(data, findings, path, lang), lost)
    if doc.encoding == "docx":
        from linter.annotate.docx import annotate_docx

        return Annotated(annotate_docx(data, findings, path, lang))
    if path.lower().endswith((".yaml", ".yml")) and doc.text:
        from linter.annotate.yaml_text import annotate_yaml
        from linter.fixes import encode, with_bom

        text = annotate_yaml(doc.text, findings, lang, doc.newline)
        return Annotated(encode(text, with_bom(data, doc.encoding), data))
    kind = "JSON" if path.lower().endswith(".json") else "纯文本" if lang != "en" else "plain text"
    raise AnnotateError(
        path,
        f"{kind} 申报表不能带批注，请用 jxlint check 查看问题（或 jxlint check --format json）",
        f"a {kind} form cannot carry comments; use jxlint check to see the findings (or --format json)",
    )
