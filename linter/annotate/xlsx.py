"""An Excel workbook annotated: a comment on each faulty cell, the cell filled by severity,
and a first sheet 审核意见 that lists every finding with a link to its cell.

The workbook is loaded and saved by openpyxl, which keeps cells, styles, merges, formulas,
number formats, column widths, defined names and data validation, but not charts, images
or other drawings, nor macros. A macro-enabled or protected workbook is refused (never a
damaged copy); a workbook with drawings is annotated and the caller is told what is lost.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Sequence

from linter.annotate.errors import AnnotateError
from linter.annotate.notes import by_cell, note_text, summary_header, summary_row, words
from linter.findings import Finding
from linter.textsafe import xml_text

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
# Protection that is on: a locked sheet, a locked workbook structure or windows, a password
# (openpyxl itself writes an empty <workbookProtection/>, which protects nothing).
_PROTECTED = re.compile(
    rb"<(?:\w+:)?(?:sheetProtection\b[^>]*\bsheet|workbookProtection\b[^>]*\b(?:lockStructure|lockWindows))"
    rb'="(?:1|true)"'
    rb"|<(?:\w+:)?(?:workbookProtection|fileSharing)\b[^>]*\b(?:workbookPassword|workbookHashValue|reservationPassword)="
)
_DRAWINGS = ("xl/drawings/", "xl/charts/", "xl/media/", "xl/embeddings/")
WIDTHS = (6, 22, 8, 30, 28, 60, 30, 28)


def check_workbook(data: bytes, path: str) -> list[str]:
    """Refuse (AnnotateError) a workbook that cannot be copied faithfully: macros,
    protection. Returns warnings about what the copy will lack (charts, images)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in zf.read(
                "[Content_Types].xml"
            ):
                raise AnnotateError(
                    path,
                    "启用宏的工作簿不能加批注（批注副本会丢失宏）；请另存为不含宏的 .xlsx 后再试，或用 jxlint check",
                    "a macro-enabled workbook cannot be annotated (the copy would lose its macros); "
                    "save it as a .xlsx without macros, or use jxlint check",
                )
            for name in names:
                if (name == "xl/workbook.xml" or name.startswith("xl/worksheets/")) and _PROTECTED.search(
                    zf.read(name)
                ):
                    raise AnnotateError(
                        path,
                        "工作簿或工作表受保护，不能加批注；请撤销保护后再试，或用 jxlint check",
                        "the workbook or a sheet is protected and cannot be annotated; "
                        "remove the protection, or use jxlint check",
                    )
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise AnnotateError(path, f"无法打开工作簿：{exc}", f"cannot open the workbook: {exc}") from None
    if any(n.startswith(_DRAWINGS) for n in names):
        return ["drawings"]
    return []


def _split_ref(ref: str) -> tuple[str, str] | None:
    """("绩效目标表", "E17") from "绩效目标表!E17" (a quoted sheet name unquoted)."""
    sheet, sep, coord = ref.rpartition("!")
    if not sep or not re.fullmatch(r"[A-Za-z]{1,3}\d+", coord):
        return None
    if len(sheet) > 1 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, coord.upper()


def _target_cell(ws, coord: str):
    """The cell at `coord`, or the top-left cell of the merge that covers it."""
    for rng in ws.merged_cells.ranges:
        if coord in rng:
            return ws.cell(rng.min_row, rng.min_col)
    return ws[coord]


def annotate_xlsx(
    data: bytes, findings: Sequence[Finding], path: str, lang: str, lost: list[str] | None = None
) -> bytes:
    """The workbook `data` with `findings` on it, as the bytes of a new .xlsx. What openpyxl
    warns it drops while loading (a data-validation extension, …) is added to `lost`."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    w = words(lang)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            wb = load_workbook(io.BytesIO(data), rich_text=True)
        if lost is not None:
            lost += sorted({str(w.message) for w in caught})
    except Exception as exc:  # a damaged package raises anything from zip to XML errors
        raise AnnotateError(path, f"无法打开工作簿：{exc}", f"cannot open the workbook: {exc}") from None
    notes, _ = by_cell(findings)
    links: dict[str, str] = {}
    for note in notes:
        split = _split_ref(note.cell)
        if split is None or split[0] not in wb.sheetnames:
            continue
        sheet, coord = split
        ws = wb[sheet]
        target = _target_cell(ws, coord)
        text = xml_text(note_text(note.findings, lang))
        if target.comment is not None and target.comment.text:
            text = f"{target.comment.text}\n\n{text}"
        lines = sum(max(1, len(line) // 24 + 1) for line in text.split("\n"))
        target.comment = Comment(text, w["author"], height=min(600, 18 * lines + 10), width=320)
        target.fill = PatternFill("solid", fgColor=FILLS.get(note.severity, FILLS["info"]))
        links[note.cell] = f"{quote_sheetname(sheet)}!{target.coordinate}"

    title = w["sheet"]
    while title in wb.sheetnames:
        title += "+"
    ws = wb.create_sheet(title, 0)
    ws.append(summary_header(lang))
    bold = Font(bold=True)
    for c in ws[1]:
        c.font = bold
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, f in enumerate(findings, 1):
        ws.append([xml_text(v) if isinstance(v, str) else v for v in summary_row(n, f, lang)])
        row = ws.max_row
        for c in ws[row]:
            c.alignment = wrap
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"  # form text stays text, never a formula
        ws.cell(row, 3).fill = PatternFill("solid", fgColor=FILLS.get(f.severity, FILLS["info"]))
        location = links.get(f.span.cell or "")
        if location:
            link = ws.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=location)
            link.style = "Hyperlink"
            link.alignment = wrap
    if not findings:
        ws.append([None, w["none"]])
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if findings:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(WIDTHS))}{ws.max_row}"
    wb.calculation.fullCalcOnLoad = True  # openpyxl keeps formulas but not their results
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
