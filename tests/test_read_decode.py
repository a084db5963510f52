"""Encodings and line ends of text input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.read import ReadError
from linter.read.decode import decode_bytes, dominant_newline, split_lines
from linter.read.text import line_offsets, slice_span, text_rows

TEXT = "财政项目支出绩效目标申报表\n项目名称\t编外人员工作经费\n≥95.00(%)\t“满意”\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    assert decode_bytes(data, "f.txt") == (TEXT, encoding)


def test_utf16_without_bom_is_recognized_by_its_nuls() -> None:
    text = "项目名称\tabc\n一级指标\t二级指标\n"
    assert decode_bytes(text.encode("utf-16-le"), "f.txt") == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be"), "f.txt") == (text, "utf-16-be")


def test_bom_is_not_a_column() -> None:
    text, _ = decode_bytes(b"\xef\xbb\xbf" + "项目名称\t工伤鉴定".encode(), "f.txt")
    rows = text_rows(text)
    assert rows[0].cells[0].span.column == 1
    assert rows[0].cells[1].span.column == 6


@pytest.mark.parametrize(
    ("data", "line", "zh"),
    [
        (b"", None, "文件为空"),
        (b" \n\t\r\n", None, "只有空白"),
        (b"\xef\xbb\xbf", None, "文件为空"),
        (b"abc\ndef\n\x00\x01\x02\x03binary", 3, "二进制"),
        (b"\x01\x02\x03\x04\x05\x06", 1, "二进制"),
        ("第一行\n".encode() + b"caf\xe9\n\xff\xfe\xfd", 2, "编码"),
        (b"\xfe\xff\xd8\x00", None, "utf-16-be"),
    ],
)
def test_unreadable(data: bytes, line: int | None, zh: str) -> None:
    with pytest.raises(ReadError) as info:
        decode_bytes(data, "dir/f.txt")
    err = info.value
    assert err.path == "dir/f.txt" and err.line == line
    assert zh in err.message_zh and err.message_en
    assert str(err).startswith("dir/f.txt" + (f":{line}: " if line else ": "))


def test_gb18030_sanity_check_rejects_mojibake() -> None:
    # Bytes that decode as GB18030 but into rare characters are not taken for text.
    data = bytes([0x81, 0x30, 0x81, 0x30]) * 20 + b"\xe9"
    with pytest.raises(ReadError):
        decode_bytes(data, "f.txt")


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\nb\nc", "\n"), ("a\r\nb\r\nc\n", "\r\n"), ("a\rb\rc\r\n", "\r"), ("abc", "\n")],
)
def test_dominant_newline(text: str, newline: str) -> None:
    assert dominant_newline(text) == newline


def test_lines_split_only_at_line_ends() -> None:
    text = "a\r\nb\rc\nd\x0ce\u2028f\n"
    assert split_lines(text) == ["a", "b", "c", "d\x0ce\u2028f", ""]
    offs = line_offsets(text)
    assert [text[o] for o in offs[:4]] == ["a", "b", "c", "d"]


def test_cells_and_spans() -> None:
    text = "  项目名称 \t\t 工伤鉴定\t\r\n\t≥95.00(%)"
    rows = text_rows(text)
    a, b = rows[0].cells  # empty cells are not kept, but they count as columns
    assert rows[0].filled == rows[0].cells
    assert (a.text, a.col, a.span.column, a.span.end_column) == ("项目名称", 0, 3, 7)
    assert (b.text, b.col) == ("工伤鉴定", 2)
    assert slice_span(text, b.span) == "工伤鉴定"
    (cell,) = rows[1].cells
    assert (cell.col, cell.span.line, cell.span.column) == (1, 2, 2)
    assert slice_span(text, cell.span) == "≥95.00(%)"


def test_cells_stripped_like_str_strip() -> None:
    # Ideographic and no-break spaces, and other Unicode white space, are stripped as
    # str.strip strips them; white space inside a cell stays.
    parts = ["\u3000项目 名称\xa0", " \u2003", "\x1c≥95.00(%)\u3000", "a\u200bb", "\u3000"]
    rows = text_rows("\t".join(parts) + "\n\u3000\t \n")
    assert [(c.text, c.col) for c in rows[0].cells] == [(p.strip(), i) for i, p in enumerate(parts) if p.strip()]
    for c in rows[0].cells:
        assert slice_span("\t".join(parts), c.span) == c.text
    assert rows[1].cells == () and rows[2].cells == ()
    assert [r.line for r in rows] == [1, 2, 3]


@given(st.lists(st.text(alphabet=st.sampled_from("ab项\t \u3000\xa0\x1c\u2028\x0b\u200b\u2003\x85")), max_size=4))
def test_cells_are_the_stripped_tab_parts(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", "") for line in lines)
    for row, line in zip(text_rows(text), split_lines(text), strict=True):
        parts = line.split("\t")
        assert [(c.text, c.col) for c in row.cells] == [(p.strip(), i) for i, p in enumerate(parts) if p.strip()]
        assert all(line[c.span.column - 1 : c.span.end_column - 1] == c.text for c in row.cells)
