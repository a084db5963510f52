"""Turn the bytes of a text file into text: encoding and line ends.

Encodings read: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without when the
NUL pattern is unmistakable), UTF-32 with BOM, and GB18030 (which covers GBK and GB2312).
Anything else, or binary data, raises `ReadError`.
"""

from __future__ import annotations

import re

from linter.positions import split_lines
from linter.read.errors import ReadError

__all__ = ["decode_bytes", "dominant_newline", "split_lines"]

_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_B = re.compile(rb"\r\n|\r|\n")
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# Control characters that do not belong in text (C0 but for tab and line ends, DEL, C1).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x9f]")


def _line_of(data: bytes, offset: int) -> int:
    """1-based line of byte `offset` (CRLF, CR and LF each end a line)."""
    return len(_LINE_END_B.findall(data, 0, offset)) + 1


def _plausible(ch: str) -> bool:
    """A character that a Chinese form plausibly contains."""
    o = ord(ch)
    if o < 0x80:
        return ch.isprintable() or ch in _TEXT_CONTROLS
    return (
        0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x27BF  # punctuation, symbols, ①, ≥, arrows, boxes
        or 0x3200 <= o <= 0x33FF  # enclosed CJK, ㎡
        or 0xA0 <= o <= 0x17F  # Latin-1 and Latin extended-A (×, ·, é)
        or 0x370 <= o <= 0x4FF  # Greek, Cyrillic (in GBK)
        or 0xFE30 <= o <= 0xFE4F  # CJK compatibility forms
        or o == 0xFEFF
    )


def _looks_like_text(text: str, threshold: float = 0.95) -> bool:
    if not text:
        return True
    sample = text if len(text) <= 20000 else text[:20000]
    good = sum(1 for ch in sample if _plausible(ch))
    return good >= threshold * len(sample)


def _check_controls(text: str, path: str, data: bytes) -> None:
    """Raise when the decoded text holds NULs or many control characters."""
    found = _CONTROL.search(text)
    if found is None:
        return
    first = found.start()
    bad = 10**9 if "\x00" in text else len(_CONTROL.findall(text))
    if bad > 2 and bad * 100 > len(text):
        line = len(_LINE_END.findall(text, 0, first)) + 1 if first >= 0 else None
        raise _binary(path, line)


def _binary(path: str, line: int | None = None) -> ReadError:
    return ReadError(
        path,
        "不是文本文件（含二进制数据）；请提供文本、.docx、.xlsx、.json 或 .yaml 文件",
        "not a text file (binary data); give a text, .docx, .xlsx, .json or .yaml file",
        line,
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs sit on one byte parity, as in BOM-less UTF-16."""
    if len(data) % 2 or len(data) < 4:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and odd >= 4 * even:
        return "utf-16-le"
    if even > 0.3 * half and even >= 4 * odd:
        return "utf-16-be"
    return None


def _not_blank(text: str, path: str) -> str:
    if not text.strip():
        raise ReadError(path, "文件为空（只有空白）", "the file is empty (white space only)")
    return text


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode `data`; return (text without BOM, encoding name).

    Encoding names: utf-8, utf-8-sig, utf-16-le, utf-16-be, utf-32-le, utf-32-be, gb18030.
    """
    if not data:
        raise ReadError(path, "文件为空", "the file is empty")
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    )
    for bom, name, codec in boms:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    path,
                    f"文件以 {name} 字节序标记开头，但内容不是有效的 {name} 编码",
                    f"the file starts with a {name} byte order mark but is not valid {name}",
                    _line_of(body, exc.start) if codec == "utf-8" else None,
                ) from None
            _check_controls(text, path, data)
            return _not_blank(text, path), name
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is not None:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = None
            if text is not None and _looks_like_text(text, 0.98):
                _check_controls(text, path, data)
                return _not_blank(text, path), codec
        raise _binary(path, _line_of(data, data.index(b"\x00")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        _check_controls(text, path, data)
        return _not_blank(text, path), "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text):
        _check_controls(text, path, data)
        return _not_blank(text, path), "gb18030"
    raise ReadError(
        path,
        f"无法识别文件编码（支持 UTF-8、UTF-16、GB18030/GBK）；第一个无法解码的字节在第 {_line_of(data, bad_at)} 行",
        "unknown text encoding (UTF-8, UTF-16 and GB18030/GBK are read); "
        f"the first byte that cannot be decoded is on line {_line_of(data, bad_at)}",
        _line_of(data, bad_at),
    )


def dominant_newline(text: str) -> str:
    """The most frequent line end ("\\n", "\\r\\n" or "\\r"); "\\n" when there is none."""
    if "\r" not in text:
        return "\n"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, 0, "\n"), (crlf, -1, "\r\n"), (cr, -2, "\r"))
    return best[2]
