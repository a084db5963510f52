"""Generators of hostile inputs (issue 18): each function writes one file (or a few) made
on the spot, so no hostile blob is stored in the repository."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = FIXTURES / "forms" / "seed.txt"
STRUCTURED = FIXTURES / "forms" / "split-columns.json"


def json_form(**changes: str) -> str:
    """The structured fixture form as JSON text, with raw JSON text substituted for some
    values: `target_value="1e999999999"` replaces the first indicator's target value,
    `total`, `weight`, `project_name` likewise."""
    data = json.loads(STRUCTURED.read_text("utf-8"), parse_float=str, parse_int=str)
    marks = {}
    for key, raw in changes.items():
        mark = f"@@{key}@@"
        marks[json.dumps(mark)] = raw
        if key == "target_value":
            data["indicators"][0]["target"]["value"] = mark
        elif key == "weight":
            data["indicators"][0]["weight"] = mark
        elif key == "total":
            data["funds"]["total"] = mark
        else:
            data[key] = mark
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # numbers were kept as their text: write them back bare
    text = re.sub(r'"(-?\d+(?:\.\d+)?)"', r"\1", text)
    for mark, raw in marks.items():
        text = text.replace(mark, raw)
    return text


def minified_forms(count: int) -> str:
    """`count` copies of the structured form on one line ({"forms": [...]}), with an emoji
    in each goal (two UTF-16 units: the columns must be counted, and counted fast)."""
    data = json.loads(STRUCTURED.read_text("utf-8"))
    data["goal"] += "😀"
    return json.dumps({"forms": [data] * count}, ensure_ascii=False, separators=(",", ":"))


def xlsx_form(
    path: Path, *, far_cell: str | None = None, merge: str | None = None, replace: tuple[str, str] = ("", "")
) -> Path:
    """A workbook holding the first seed form (openpyxl), optionally with a value at
    `far_cell` (XFD1048576: the used range reaches the sheet's end) or a merged range
    `merge` (A1:XFD1048576: the sheet merged whole) written into the sheet XML; `replace`
    (old, new) changes cell text."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    for r, line in enumerate(SEED.read_text("utf-8").split("\n")[:30], start=1):
        for c, text in enumerate(line.split("\t"), start=1):
            if text.strip():
                ws.cell(r, c, text.strip().replace(*replace) if replace[0] else text.strip())
    if far_cell:
        ws[far_cell] = "尾注"
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if merge:
        data = _rewrite(
            data,
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(
                b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>'.encode()
            ),
        )
    path.write_bytes(data)
    return path


def docx_form(path: Path, *, grid_span: int | None = None, macro: bool = False) -> Path:
    """A Word document with the first seed form as a table (python-docx); `grid_span`
    sets one cell's gridSpan, `macro` types the package as macro-enabled (.docm)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("财政项目支出绩效目标申报表")
    rows = [line.split("\t") for line in SEED.read_text("utf-8").split("\n")[5:30]]
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text.strip()
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if grid_span is not None:
        data = _rewrite(
            data,
            "word/document.xml",
            lambda xml: xml.replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{grid_span}"/>'.encode(), 1),
        )
    if macro:
        data = _rewrite(
            data,
            "[Content_Types].xml",
            lambda xml: xml.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
        )
    path.write_bytes(data)
    return path


def zip_bomb(path: Path, unpacked: int) -> Path:
    """An .xlsx-looking package whose one extra member unpacks to `unpacked` zero bytes
    (written in chunks: the generator never holds it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/media/zeros.bin", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(unpacked >> 20):
                fh.write(chunk)
    return path


def encrypted_zip(path: Path) -> Path:
    """A package whose members are flagged encrypted (a password-protected zip): the
    general-purpose flag's bit 0 set in every local and central header."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in ("[Content_Types].xml", "xl/workbook.xml"):
            zf.writestr(name, b"\x00" * 40)
    data = bytearray(buf.getvalue())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _rewrite(data: bytes, member: str, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def special_files(folder: Path) -> dict[str, Path]:
    """A FIFO, a link to /dev/zero, a symbolic link loop and a good form, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {"good": folder / "good.txt", "fifo": folder / "pipe.txt", "zero": folder / "zero.txt"}
    out["good"].write_bytes(SEED.read_bytes())
    os.mkfifo(out["fifo"])
    out["zero"].symlink_to("/dev/zero")
    a, b = folder / "loop-a.txt", folder / "loop-b.txt"
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    out["loop"] = a
    return out


def user_rule(folder: Path, when: str) -> Path:
    """A rule folder with one indicator rule whose condition is `when`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.yaml").write_text(
        "pack: hostile\n"
        "rules:\n"
        "  - id: JX951\n"
        "    name: hostile-rule\n"
        "    severity: warning\n"
        "    category: 适当性\n"
        "    scope: indicator\n"
        "    at: name\n"
        f"    when: {json.dumps(when)}\n"
        "    title: {zh: 测试, en: test}\n"
        "    message: {zh: 测试, en: test}\n"
        "    basis: 测试。\n"
        "    examples: [{bad: {}}, {good: {}}]\n",
        "utf-8",
    )
    return folder


def alias_bomb(levels: int = 9) -> str:
    """YAML whose aliases unfold to 10**levels strings (a billion laughs)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"
