"""PDF files (`pip install "jxlint[pdf]"`, pdfplumber over pdfminer.six): the ruled tables
of each page, tables continued on the next page joined, and the text lines outside tables
that belong to a form (title, year, unit; `linter.read.media.layout`).

A table continues the one before when it is the first thing on its page (page numbers
aside), the one before was the last thing on the previous page, their right sides line up
and each of its column edges is one of the table's (a merged first column may have lost its
rules on the new page); a first row that repeats the table's first row (a header repeated on
each page) is dropped. A cell's text wrapped over lines is joined without a space between
Chinese characters (with one between Latin letters or digits).

Errors: an empty, truncated or damaged file, an encrypted one, and a scanned one (pages
with images and no text layer: no OCR is done) each raise `ReadError` saying so. Only the
first `MAX_PAGES` pages are read; the document then has a `pages-not-read` problem.

Spans: `line` counts the rows (table rows and text lines) of the file in order, `column`
the table column; `cell` names the place and keeps the cell's box in PDF points from the
page's top-left corner: `第2页 表1 行3 列4 @72.0,90.5,150.2,110.0` (`cell_box` reads it
back), `第1页 段落2 @…` for a line outside tables.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from linter.model import Document, Problem, Span
from linter.read.grid import Cell, Row
from linter.read.media import build_document, empty, encrypted, error, missing_dependency, no_form
from linter.read.media.layout import Block, assemble

MAX_PAGES = 200
_TOLERANCE = 2.0  # points: column edges and table sides that are the same line

_BOX = re.compile(r" @(-?[\d.]+),(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)$")
_PAGE_NO = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|[-—\s]*\d+[-—\s]*|\d+\s*/\s*\d+)$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# Radical code points a PDF's font may map its glyphs to (a CJK font's glyph for 目 is also
# the Kangxi radical EYE; Chromium's and Word's PDFs of Noto/Source Han text give ⽬, ⻔, ⻚):
# the ideographs they stand for. Kangxi radicals by their compatibility decomposition, the
# supplement's simplified forms by name (CJK RADICAL C-SIMPLIFIED GATE → 门).
_SUPPLEMENT = (
    "⻝食⻟食⺮竹⻊足⺝月⻁虎⺼肉⺶羊⺷羊⺟母⺠民⺰纟⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅"
    "⻓长⻔门⻙韦⻚页⻛风⻜飞⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟"
)
_RADICALS = {
    **{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},
    **{ord(a): b for a, b in zip(_SUPPLEMENT[0::2], _SUPPLEMENT[1::2], strict=True)},
    0x2F3E: "户",  # KANGXI RADICAL DOOR decomposes to 戶; a simplified font draws 户 with it
    0x2FAD: "青",  # KANGXI RADICAL BLUE decomposes to the variant 靑
}


def cell_box(span: Span | None) -> tuple[float, float, float, float] | None:
    """The box (x0, top, x1, bottom) in PDF points kept in a PDF cell's reference."""
    if span is None or span.cell is None:
        return None
    m = _BOX.search(span.cell)
    return tuple(float(g) for g in m.groups()) if m else None  # type: ignore[return-value]


def read_pdf(data: bytes, path: str) -> Document:
    """The forms of a PDF file (its bytes)."""
    try:
        import pdfplumber
    except ImportError:
        raise missing_dependency(path, "pdfplumber", "pdf") from None
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about fonts are no finding
    if not data.strip():
        raise empty(path)
    if b"%PDF-" not in data[:1024]:
        raise error(path, "不是 PDF 文件（文件开头没有 %PDF- 标记）", "not a PDF file (no %PDF- marker at its start)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _open_error(path, exc) from None
    try:
        pages = pdf.pages
        if not pages:
            raise error(path, "PDF 文件没有页面", "the PDF file has no pages")
        blocks, chars, images = _blocks(pages[:MAX_PAGES])
    except Exception as exc:
        if _is_encrypted(exc):
            raise encrypted(path) from None
        raise
    finally:
        pdf.close()
    if not chars:
        if images:
            raise error(
                path,
                "PDF 是扫描件（只有图像，没有文字层），无法读取；jxlint 不做文字识别（OCR），"
                "请提供含文字的 PDF 或原始文件",
                "the PDF is a scan (images only, no text layer) and cannot be read; jxlint does no OCR: "
                "give a PDF with text or the original file",
            )
        raise error(path, "PDF 中没有任何文字", "the PDF holds no text")
    rows, tables = assemble(blocks, path)
    if not tables:
        raise no_form(path, "PDF 中", "the PDF has no")
    doc = build_document([rows], path, "pdf")
    if len(pages) > MAX_PAGES:
        import dataclasses

        note = Problem(
            "pages-not-read",
            f"PDF 共 {len(pages)} 页，只读取了前 {MAX_PAGES} 页；其余页面请拆分成单独的文件再检查",
            f"the PDF has {len(pages)} pages and only the first {MAX_PAGES} were read; split it to check the rest",
            Span(1, 1, 1, 1, f"第{MAX_PAGES + 1}页"),
        )
        doc = dataclasses.replace(doc, problems=(*doc.problems, note))
    return doc


def _is_encrypted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name or "encrypt" in str(seen).lower():
            return True
        seen = (
            seen.__cause__
            or seen.__context__
            or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
        )
    return False


def _open_error(path: str, exc: BaseException):
    from linter.read.media import corrupt

    if _is_encrypted(exc):
        return encrypted(path)
    return corrupt(path, "pdf", exc)


def _blocks(pages: Sequence[Any]) -> tuple[list[Block], int, int]:
    """The pages' text lines and tables in reading order, continued tables joined;
    also the number of characters and of images seen."""
    blocks: list[Block] = []
    line = paragraph = table_no = 0
    chars = images = 0
    last_table: dict[str, Any] | None = None  # the table that ended the previous page
    for page_no, page in enumerate(pages, start=1):
        chars += len(page.chars)
        images += len(page.images)
        items = list(_page_items(page))
        first = True
        ended_with_table: dict[str, Any] | None = None
        for _top, kind, payload in items:
            if kind == "text":
                if _PAGE_NO.match(payload[0]):
                    continue
                line += 1
                paragraph += 1
                box = _fmt_box(payload[1])
                blocks.append(("text", [_row([payload[0]], line, [f"第{page_no}页 段落{paragraph}{box}"])]))
                first = False
                ended_with_table = None
                continue
            texts, boxes, xs, bbox = payload
            state = last_table if first else None
            cols = _map_columns(state, xs, bbox) if state is not None else None
            if state is None or cols is None:  # a new table
                table_no += 1
                state = {"no": table_no, "rows": 0, "xs": xs, "bbox": bbox, "block": []}
                state["head"] = texts[0] if texts else None
                cols = list(range(len(xs)))
                blocks.append(("table", state["block"]))
            elif texts and _placed(texts[0], cols, len(state["xs"])) == state["head"]:
                texts, boxes = texts[1:], boxes[1:]  # a header repeated on the new page
            width = len(state["xs"])
            for cells, cboxes in zip(texts, boxes, strict=True):
                line += 1
                state["rows"] += 1
                placed_boxes = _placed(cboxes, cols, width, None)
                refs = [
                    f"第{page_no}页 表{state['no']} 行{state['rows']} 列{c + 1}{_fmt_box(b)}"
                    for c, b in enumerate(placed_boxes)
                ]
                state["block"].append(_row(_placed(cells, cols, width), line, refs))
            first = False
            ended_with_table = state
        last_table = ended_with_table
        page.flush_cache()
    return blocks, chars, images


def _page_items(page: Any) -> Iterator[tuple[float, str, Any]]:
    """A page's tables and text lines outside them, top to bottom."""
    tables = page.find_tables()
    items: list[tuple[float, str, Any]] = []
    boxes = [t.bbox for t in tables]
    for t in tables:
        texts: list[list[str]] = []
        cell_boxes: list[list[Any]] = []
        for row, values in zip(t.rows, t.extract(), strict=True):
            texts.append([join_lines(v or "") for v in values])
            cell_boxes.append(list(row.cells))
        width = max((len(r) for r in cell_boxes), default=0)
        xs = [next((r[j][0] for r in cell_boxes if j < len(r) and r[j]), None) for j in range(width)]
        items.append((t.bbox[1], "table", (texts, cell_boxes, xs, t.bbox)))
    if boxes:

        def outside(obj: dict) -> bool:
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

        rest = page.filter(outside)
    else:
        rest = page
    for ln in rest.extract_text_lines(return_chars=False):
        text = ln["text"].strip().translate(_RADICALS)
        if text:
            items.append((ln["top"], "text", (text, (ln["x0"], ln["top"], ln["x1"], ln["bottom"]))))
    items.sort(key=lambda it: it[0])
    return iter(items)


def _map_columns(state: dict[str, Any], xs: list[float | None], bbox: Any) -> list[int] | None:
    """The columns of the table continued in `state` that a new part's columns (their
    left edges `xs`) stand in; None when the part does not continue it (another right
    side, a column edge the table does not have)."""
    if abs(bbox[2] - state["bbox"][2]) > _TOLERANCE:
        return None  # (its left side may differ: a merged first column's cells lose their rules)
    edges = state["xs"]
    cols = []
    for x in xs:
        if x is None:
            return None
        near = [j for j, e in enumerate(edges) if e is not None and abs(e - x) <= _TOLERANCE]
        if not near:
            return None
        cols.append(near[0])
    return cols


def _placed(values: Sequence[Any], cols: Sequence[int], width: int, blank: Any = "") -> list[Any]:
    """`values` of a part's row set in the table's columns."""
    out = [blank] * width
    for v, c in zip(values, cols, strict=False):
        out[c] = v
    return out


def join_lines(text: str) -> str:
    """A cell's text with the line breaks of its wrapping removed: no space between
    Chinese characters, one between Latin letters or digits."""
    from linter.read.office import clean_text

    parts = [p.strip() for p in text.split("\n")]
    out = ""
    for p in parts:
        if not p:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(p[0]):
            out += " "
        out += p
    return clean_text(out.translate(_RADICALS))


def _fmt_box(box: Any) -> str:
    if not box:
        return ""
    x0, top, x1, bottom = box
    return f" @{x0:.1f},{top:.1f},{x1:.1f},{bottom:.1f}"


def _row(texts: Sequence[str], line: int, refs: Sequence[str]) -> Row:
    cells = tuple(
        Cell(t, Span(line, c + 1, line, c + 2 if t else c + 1, ref), c)
        for c, (t, ref) in enumerate(zip(texts, refs, strict=True))
    )
    return Row(line, cells)
