"""A Word document annotated: a Word comment anchored on the text of each faulty cell
(several findings on one cell in one comment), and a table of every finding at the end.

Cells are found by the reader's own names: `表2 行5 列3` (body table 2, row 5, grid column
3) and `段落3` (body paragraph 3), counted the way `linter.read.office.docx` counts them.
Comments are made with python-docx (≥ 1.2). Everything else in the document is kept: the
package is loaded and saved by python-docx, which keeps parts it does not understand.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Sequence
from typing import Any

from linter.annotate.errors import AnnotateError
from linter.annotate.notes import by_cell, note_text, summary_header, summary_row, words
from linter.findings import Finding
from linter.read.office.docx import _P, _TC, _TR, _blocks, _children, _int_prop
from linter.textsafe import xml_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = _W + "r"
_TABLE_CELL = re.compile(r"^表(\d+) 行(\d+) 列(\d+)$")
_PARAGRAPH = re.compile(r"^段落(\d+)$")


def _places(body: Any) -> tuple[list[Any], list[Any]]:
    """The body's paragraphs and tables in the reader's numbering (1-based lists)."""
    paragraphs, tables = [], []
    for block in _blocks(body):
        (paragraphs if block.tag == _P else tables).append(block)
    return paragraphs, tables


def _grid_cell(tbl: Any, row: int, col: int) -> Any | None:
    """The `w:tc` of `tbl` at 1-based `row` and grid column `col`."""
    rows = list(_children(tbl, _TR))
    if not 1 <= row <= len(rows):
        return None
    tr = rows[row - 1]
    at = _int_prop(tr, "trPr", "gridBefore", 0)
    for tc in _children(tr, _TC):
        width = max(1, _int_prop(tc, "tcPr", "gridSpan", 1))
        if at < col <= at + width:
            return tc
        at += width
    return None


def locate(body: Any, ref: str) -> list[Any] | None:
    """The paragraphs (`w:p`) of the cell or paragraph `ref` names, or None."""
    paragraphs, tables = _places(body)
    m = _TABLE_CELL.match(ref)
    if m:
        t, r, c = (int(g) for g in m.groups())
        if not 1 <= t <= len(tables):
            return None
        tc = _grid_cell(tables[t - 1], r, c)
        return None if tc is None else list(_children(tc, _P)) or None
    m = _PARAGRAPH.match(ref)
    if m and 1 <= int(m.group(1)) <= len(paragraphs):
        return [paragraphs[int(m.group(1)) - 1]]
    return None


def _anchor_runs(paragraphs: list[Any]) -> list[Any]:
    """The runs a comment is anchored on: every direct run of the paragraphs, or one new
    empty run in the first paragraph when they have none (an empty cell)."""
    from docx.text.run import Run

    runs = [r for p in paragraphs for r in p if r.tag == _R]
    if not runs:
        runs = [paragraphs[0].add_r()]
    return [Run(runs[0], None), Run(runs[-1], None)]


def annotate_docx(data: bytes, findings: Sequence[Finding], path: str, lang: str) -> bytes:
    """The document `data` with `findings` on it, as the bytes of a new .docx."""
    import docx
    from docx.shared import RGBColor

    w = words(lang)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged package raises anything from zip to XML errors
        raise AnnotateError(path, f"无法打开文档：{exc}", f"cannot open the document: {exc}") from None
    if not hasattr(document, "add_comment"):
        raise AnnotateError(path, "需要 python-docx ≥ 1.2（批注支持）", "python-docx ≥ 1.2 is needed (comments)")
    body = document.element.body
    notes, _ = by_cell(findings)
    anchors = []
    for note in notes:
        paragraphs = locate(body, note.cell)
        if paragraphs is not None:
            anchors.append((_anchor_runs(paragraphs), note))
    for runs, note in anchors:  # located first: anchoring adds runs, never paragraphs or tables
        text = xml_text(note_text(note.findings, lang))
        document.add_comment(runs, text=text, author=w["author"], initials="JX")

    heading = document.add_paragraph().add_run(w["count"].format(n=len(findings)))
    heading.bold = True
    if not findings:
        document.add_paragraph(w["none"])
        return _save(document)
    header = summary_header(lang)
    table = document.add_table(rows=1, cols=len(header))
    with contextlib.suppress(KeyError, ValueError):
        table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    colors = {"error": RGBColor(0xC0, 0x39, 0x2B), "warning": RGBColor(0xB9, 0x77, 0x0E)}
    for n, f in enumerate(findings, 1):
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, summary_row(n, f, lang), strict=True)):
            run = cell.paragraphs[0].add_run(xml_text(str(value)))
            if i == 2 and f.severity in colors:
                run.font.color.rgb = colors[f.severity]
    return _save(document)


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
