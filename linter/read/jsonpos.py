"""A JSON reader that remembers where every value stood.

Values: objects → dict, arrays → list, strings → str (a lone surrogate replaced by
U+FFFD), integers → int, other numbers → Decimal (never float; `out_of_range` notes those
past `linter.limits.in_range`), true/false/null. `spans` maps the JSON Pointer of every value (""
for the root) to its span, `key_spans` the pointer of every object member to its key's
span. String spans cover the text inside the quotes.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from linter.limits import in_range
from linter.model import Span

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LINE_END = re.compile(r"\r\n|\r|\n")
_MAX_DEPTH = 200
_INT_DIGITS = 16  # longer integers are read as Decimal (int() refuses 4,300 digits) and range-checked
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonSyntaxError(ValueError):
    """Not JSON. `offset` is where reading failed."""

    def __init__(self, message_zh: str, message_en: str, offset: int) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        self.offset = offset


def escape(token: str) -> str:
    """A JSON Pointer reference token."""
    return token.replace("~", "~0").replace("/", "~1")


@dataclass
class Located:
    """A parsed document and the span of each of its values."""

    value: Any
    spans: dict[str, Span] = field(default_factory=dict)
    key_spans: dict[str, Span] = field(default_factory=dict)
    out_of_range: dict[str, str] = field(default_factory=dict)  # pointer → a number as written


def without_surrogates(s: str) -> str:
    """`s` with lone surrogates (an escaped "\\ud800", which no encoding can write) replaced
    by U+FFFD."""
    return s if s.isascii() or not _SURROGATE.search(s) else _SURROGATE.sub("\ufffd", s)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        self.out = Located(None)

    def pos(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset`."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.pos(start), *self.pos(end))

    def fail(self, zh: str, en: str, offset: int) -> JsonSyntaxError:
        return JsonSyntaxError(zh, en, offset)

    def skip(self, i: int) -> int:
        return _WS.match(self.text, i).end()

    def value(self, i: int, ptr: str, depth: int) -> tuple[Any, int]:
        text = self.text
        i = self.skip(i)
        if depth > _MAX_DEPTH:
            raise self.fail("嵌套太深", "nested too deeply", i)
        if i >= len(text):
            raise self.fail("内容意外结束，缺少值", "unexpected end of input: a value is missing", i)
        ch = text[i]
        if ch == "{":
            return self.obj(i, ptr, depth)
        if ch == "[":
            return self.arr(i, ptr, depth)
        if ch == '"':
            s, end = self.string(i)
            self.out.spans[ptr] = self.span(i + 1, end - 1)
            return s, end
        m = _NUMBER.match(text, i)
        if m:
            raw = m.group()
            if m.group(1) or m.group(2) or len(raw) > _INT_DIGITS:
                val: Any
                try:
                    val = Decimal(raw)  # cheap whatever the exponent: 1e999999999 is two numbers
                except InvalidOperation:  # an exponent beyond what a Decimal holds: kept as written
                    val = raw
                    self.out.out_of_range[ptr] = raw
                else:
                    if not in_range(val):
                        self.out.out_of_range[ptr] = raw
            else:
                val = int(raw)
            self.out.spans[ptr] = self.span(i, m.end())
            return val, m.end()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, i):
                self.out.spans[ptr] = self.span(i, i + len(word))
                return val, i + len(word)
        raise self.fail(f"无法识别的内容「{ch}」", f"unexpected character {ch!r}", i)

    def string(self, i: int) -> tuple[str, int]:
        try:
            s, end = json.decoder.scanstring(self.text, i + 1, True)
        except json.JSONDecodeError as exc:
            raise self.fail(f"字符串有误：{exc.msg}", f"bad string: {exc.msg}", exc.pos) from None
        return without_surrogates(s), end

    def obj(self, i: int, ptr: str, depth: int) -> tuple[dict, int]:
        start = i
        result: dict[str, Any] = {}
        i = self.skip(i + 1)
        if self.text.startswith("}", i):
            self.out.spans[ptr] = self.span(start, i + 1)
            return result, i + 1
        while True:
            i = self.skip(i)
            if not self.text.startswith('"', i):
                raise self.fail("应为带引号的字段名", "a quoted member name is expected", i)
            key, end = self.string(i)
            child = f"{ptr}/{escape(key)}"
            if key in result:
                raise self.fail(f"重复的字段「{key}」", f"duplicate member {key!r}", i)
            self.out.key_spans[child] = self.span(i + 1, end - 1)
            i = self.skip(end)
            if not self.text.startswith(":", i):
                raise self.fail("字段名后应为冒号", "':' is expected after a member name", i)
            result[key], i = self.value(i + 1, child, depth + 1)
            i = self.skip(i)
            if self.text.startswith(",", i):
                i += 1
                continue
            if self.text.startswith("}", i):
                self.out.spans[ptr] = self.span(start, i + 1)
                return result, i + 1
            raise self.fail("应为逗号或右花括号", "',' or '}' is expected", i)

    def arr(self, i: int, ptr: str, depth: int) -> tuple[list, int]:
        start = i
        result: list[Any] = []
        i = self.skip(i + 1)
        if self.text.startswith("]", i):
            self.out.spans[ptr] = self.span(start, i + 1)
            return result, i + 1
        while True:
            item, i = self.value(i, f"{ptr}/{len(result)}", depth + 1)
            result.append(item)
            i = self.skip(i)
            if self.text.startswith(",", i):
                i += 1
                continue
            if self.text.startswith("]", i):
                self.out.spans[ptr] = self.span(start, i + 1)
                return result, i + 1
            raise self.fail("应为逗号或右方括号", "',' or ']' is expected", i)


def parse_json(text: str) -> Located:
    """Parse `text`. Raises JsonSyntaxError; its offset maps to (line, column) with
    `position(text, offset)`."""
    p = _Parser(text)
    p.out.value, end = p.value(0, "", 0)
    end = p.skip(end)
    if end != len(text):
        raise p.fail("JSON 值之后还有多余内容", "extra content after the JSON value", end)
    return p.out


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text`."""
    return _Parser(text).pos(offset)
