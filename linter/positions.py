"""Columns: code points (what jxlint counts) → UTF-16 code units (what editors and LSP count).

Spans are 1-based and count code points of the decoded text. Editors speaking LSP count
UTF-16 code units, in which a character outside the Basic Multilingual Plane (an emoji, a
rare CJK ideograph from extension B, …) takes two units. Line ends are CRLF, CR or LF, each
one break; a column never includes the line end.
"""

from __future__ import annotations

import bisect
import re

from linter.model import Span

_LINE_END = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters of two UTF-16 units


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their line ends (CRLF, CR and LF each end one line).

    Unlike `str.splitlines`, form feeds, U+2028 and the like do not end a line, and a text
    ending with a line end has a last empty line (so `split_lines(t)[n - 1]` is line n).
    """
    # str.split is many times faster than the pattern; it gives the same lines when the
    # text has one kind of line end only (LF, or CRLF with no lone CR or LF).
    if "\r" not in text:
        return text.split("\n")
    crlf = text.count("\r\n")
    if crlf == text.count("\r") == text.count("\n"):
        return text.split("\r\n")
    return _LINE_END.split(text)


def split_lines_keepends(text: str) -> list[tuple[str, str]]:
    """The lines of `text` as (content, line end) pairs; the last line end may be ""."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _LINE_END.finditer(text):
        out.append((text[pos : m.start()], m.group()))
        pos = m.end()
    out.append((text[pos:], ""))
    return out


def utf16_column(line_text: str, column: int) -> int:
    """The 1-based UTF-16 column of the 1-based code-point `column` in `line_text`.

    Columns past the end of the line count one unit per missing character, so an exclusive
    end column just after the line maps to the position just after it.
    """
    if column <= 1:
        return max(column, 1)
    if len(line_text) > _LONG_LINE:  # a minified form on one line: index it once, not per finding
        return column + bisect.bisect_left(_astral_index(line_text), column - 1)
    head = line_text[: column - 1]
    if head.isascii():
        return column
    return column + len(_ASTRAL.findall(head))


_LONG_LINE = 4096
_astral_cache: dict[str, list[int]] = {}


def _astral_index(line_text: str) -> list[int]:
    """The offsets of the two-unit characters of a long line (kept for a few lines)."""
    found = _astral_cache.get(line_text)
    if found is None:
        if len(_astral_cache) >= 8:
            _astral_cache.clear()
        found = _astral_cache[line_text] = [m.start() for m in _ASTRAL.finditer(line_text)]
    return found


def line_of(lines: list[str] | None, line: int) -> str:
    """Line `line` (1-based) of `lines`, or "" when there is no such line."""
    if lines is None or line < 1 or line > len(lines):
        return ""
    return lines[line - 1]


def span_utf16(span: Span, lines: list[str] | None) -> tuple[int | None, int | None]:
    """The UTF-16 start and end columns of `span`, or (None, None) without the source lines
    or for office cells (whose columns are sheet columns, not characters)."""
    if lines is None or span.cell is not None:
        return None, None
    return (
        utf16_column(line_of(lines, span.line), span.column),
        utf16_column(line_of(lines, span.end_line), span.end_column),
    )
