"""HTML pages (`pip install "jxlint[html]"`, lxml's HTML parser): every form table of the
page, with the title, year and unit lines around it; a page with several forms gives
several forms.

The page is walked in document order without recursion (a deeply nested page cannot
exhaust the stack). A table that holds no other table is a grid: `rowspan`/`colspan` are
expanded (the text stands in the top-left position, the positions it covers are empty,
as a copy of the table shows it); tables that hold tables (page layout) are walked
through. Text outside tables is cut into lines at block elements and `<br>`; lines that
belong to a form (`linter.read.media.layout.keep_line`) stand as one-cell rows before it.

Encoding: a byte order mark, else the page's `<meta charset>`, else UTF-8 or GB18030 as
for text files. Limits: `MAX_BYTES` of page, `MAX_CELLS` table cells, spans capped at
`MAX_COLSPAN` columns and the table's rows.

Spans: `line` counts the page's lines and table rows in order, `column` the grid column,
`cell` `表2 行5 列3` (the page's table 2, row 5, column 3; tables that hold tables, page
layout, are not counted) or `段落4` (text line 4).
"""

from __future__ import annotations

import re
from typing import Any

from linter.model import Document
from linter.read.errors import ReadError
from linter.read.media import build_document, empty, error, missing_dependency, no_form
from linter.read.media.layout import Block, assemble, text_row

MAX_BYTES = 64 << 20
MAX_CELLS = 200_000
MAX_COLSPAN = 100

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"[ \t\r\n\f\v\xa0]+")
_SKIP = frozenset({"script", "style", "head", "template", "noscript", "select", "textarea", "iframe", "object"})
_BLOCK = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "caption",
        "section", "article", "header", "footer", "center", "blockquote", "pre", "dt", "dd", "dl",
        "hr", "form", "body", "html", "main", "nav", "aside", "td", "th", "thead", "tbody", "tfoot",
    }
)  # fmt: skip
_GBK = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"})


def read_html(data: bytes, path: str) -> Document:
    """The forms of an HTML page (its bytes)."""
    try:
        import lxml.html
    except ImportError:
        raise missing_dependency(path, "lxml", "html") from None
    if not data.strip():
        raise empty(path)
    if len(data) > MAX_BYTES:
        raise error(
            path,
            f"HTML 页面过大（{len(data) >> 20} MB，上限 {MAX_BYTES >> 20} MB），未读取",
            f"the HTML page is too large ({len(data) >> 20} MB, the limit is {MAX_BYTES >> 20} MB); not read",
        )
    text, encoding = decode_html(data, path)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except lxml.etree.ParserError:
        raise empty(path) from None
    cells = sum(1 for _ in root.iter("td", "th"))
    if cells > MAX_CELLS:
        raise error(
            path,
            f"HTML 页面的表格过大（{cells} 个单元格，上限 {MAX_CELLS}），未读取",
            f"the HTML page's tables are too large ({cells} cells, the limit is {MAX_CELLS}); not read",
        )
    blocks = page_blocks(root, path)
    rows, tables = assemble(blocks, path)
    if not tables:
        raise no_form(path, "页面中", "the page has no")
    return build_document([rows], path, "html", encoding)


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """The page's text and encoding: BOM, else `<meta charset>`, else as a text file."""
    from linter.read.decode import decode_bytes

    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data[:8192])
        if m is not None:
            name = m.group(1).decode("ascii", "replace").lower()
            codec = "gb18030" if name in _GBK else name
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                if exc.start >= len(data) - 4:  # a page cut inside its last character
                    return data[: exc.start].decode(codec), codec
            except LookupError:
                pass
    return decode_bytes(data, path)


def page_blocks(root: Any, path: str) -> list[Block]:
    """The page in document order: text lines ("text", row) and leaf tables ("table", rows)."""
    blocks: list[Block] = []
    line = 0
    paragraph = 0
    table_no = 0
    parts: list[str] = []

    def flush() -> None:
        nonlocal line, paragraph
        text = _WS.sub(" ", "".join(parts)).strip()
        parts.clear()
        if text:
            line += 1
            paragraph += 1
            blocks.append(("text", [text_row(text, line, f"段落{paragraph}")]))

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK:
                flush()
            if el.tail:
                parts.append(el.tail)
            continue
        tag = tag.rpartition("}")[2].lower()
        if not tag or tag in _SKIP:  # a comment, a processing instruction, script …
            if el.tail:
                parts.append(el.tail)
            continue
        if tag == "br":
            flush()
        elif tag == "table" and el.find(".//table") is None:
            flush()
            caption = el.find("caption")
            if caption is not None:  # a title written as the table's caption
                parts.append(cell_text(caption))
                flush()
            table_no += 1
            grid = table_grid(el)
            rows = []
            for r, texts in enumerate(grid, start=1):
                line += 1
                rows.append(_table_row(texts, line, table_no, r))
            blocks.append(("table", rows))
        else:
            if tag in _BLOCK:
                flush()
            if el.text:
                parts.append(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
            continue
        if el.tail:
            parts.append(el.tail)
    flush()
    return blocks


def _table_row(texts: list[str], line: int, table_no: int, r: int) -> Any:
    from linter.read.grid import Row
    from linter.read.office import cell

    return Row(line, tuple(cell(t, line, c, f"表{table_no} 行{r} 列{c + 1}") for c, t in enumerate(texts)))


def table_grid(table: Any) -> list[list[str]]:
    """The texts of a table's rows with rowspan/colspan expanded: a spanning cell's text
    in its top-left position, "" in the positions it covers."""
    trs = [tr for tr in table.iter("tr")]
    taken: set[tuple[int, int]] = set()
    grid: list[dict[int, str]] = [{} for _ in trs]
    for r, tr in enumerate(trs):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            cs = min(max(_span(td.get("colspan")), 1), MAX_COLSPAN)
            rs = _span(td.get("rowspan"))
            rs = len(trs) - r if rs == 0 else min(max(rs, 1), len(trs) - r)
            grid[r][c] = cell_text(td)
            for i in range(rs):
                for j in range(cs):
                    if i or j:
                        taken.add((r + i, c + j))
                        grid[r + i].setdefault(c + j, "")
            c += cs
    out = []
    for row in grid:
        width = max(row) + 1 if row else 0
        out.append([row.get(c, "") for c in range(width)])
    return out


def _span(value: str | None) -> int:
    """An HTML rowspan/colspan attribute (leading digits; 1 when absent or bad)."""
    if value is None:
        return 1
    if value.isdigit() and len(value) <= 6:
        return int(value)
    m = re.match(r"\s*(\d{1,6})", value)
    return int(m.group(1)) if m else 1


def cell_text(td: Any) -> str:
    """A cell's text as shown: white space collapsed, `<br>` and paragraphs as line ends
    (the cell's elements are marked in place: the tree is read once)."""
    if len(td) == 0:  # text only, the common case
        return _WS.sub(" ", td.text or "").strip()
    for el in td.iter("br", "p", "div", "li"):
        if el is not td:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    for el in td.iter("script", "style"):
        el.text = ""
    lines = (_WS.sub(" ", part).strip() for part in "".join(td.itertext()).split("\n"))
    return "\n".join(part for part in lines if part)


__all__ = ["ReadError", "cell_text", "read_html", "table_grid"]
