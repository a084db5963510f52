"""Deadlines in a 指标值: the part of the target transformer that reads dates.

`DeadlineRules` is mixed into `linter.targets_transform.TargetTransformer`; it turns the
date rules of grammar/target.lark (2026年12月底前, 第四季度, 2023.07-2024.01, ≤2026-11-30)
into the last allowed day. This module also holds what both halves share: `TargetError`,
the operator tables and the note helper.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from lark import Token

from linter.model import DEADLINE

_END = 99  # "last day of the month" until a year is known


class Fields(dict):
    """Target fields read from part of the text; `start` is where that part begins in the
    normalized text (a rate after a deadline keeps its own `raw`)."""

    start: int = 0


class TargetError(Exception):
    """A semantic error: Chinese and English message, offset in the normalized text."""

    def __init__(self, zh: str, en: str, pos: int) -> None:
        super().__init__(zh)
        self.zh, self.en, self.pos = zh, en, pos


# prefix terminal -> (op, approx, soft). A soft prefix gives way to a suffix.
PREFIX = {
    "OP_GE": ("≥", False, False),
    "OP_GT": (">", False, False),
    "OP_LE": ("≤", False, False),
    "OP_LT": ("<", False, False),
    "OP_EQ": ("=", False, False),
    "OP_APPROX": ("=", True, True),
    "OP_REACH": ("≥", False, True),
    "OP_CAP": ("≤", False, True),
    "OP_TOL": ("≤", False, False),  # ±3%: the deviation either way is at most 3%
}
SUFFIX = {"SUF_GE": ("≥", False), "SUF_LE": ("≤", False), "SUF_APPROX": ("=", True)}
DIRECTION = {"≥": 1, ">": 1, "≤": -1, "<": -1, "=": 0}
CN_DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True)) | {"两": 2}


def paren_texts(parens: list[Token]) -> list[str]:
    """The texts inside the brackets after a value."""
    return [str(tok).strip() for tok in parens]


def note_text(parts: list[str] | tuple[str, ...]) -> str | None:
    """Several bracketed notes as one text."""
    return "；".join(parts) if parts else None


@dataclass(frozen=True, slots=True)
class _Point:
    """A stretch of time as written: first and last (month, day); day _END = month end."""

    first: tuple[int, int]
    last: tuple[int, int]
    pos: int
    year: int | None = None
    offset: int = 0  # 次年 -> 1
    start: int = -1  # where the point's text begins when that is before `pos` (2026年12月)


@dataclass(frozen=True, slots=True)
class _Action:
    text: str  # what follows a deadline: 完成, 完成验收


def _month_end(year: int | None, month: int) -> int:
    """Days in the month; with no year written, February has 28."""
    return calendar.monthrange(year or 2001, month)[1]


def _resolve(point: _Point, year: int | None, which: str) -> tuple[int, int]:
    month, day = point.first if which == "first" else point.last
    end = _month_end(year, month)
    if day == _END:
        return month, end
    if day > end and not (year is None and month == 2 and day == 29):
        where = f"{year}年" if year is not None else ""
        raise TargetError(
            f"日期不存在：{where}{month}月{day}日",
            f"no such date: {f'{year}-' if year else ''}{month:02d}-{day:02d}",
            point.pos,
        )
    return month, day


def _check_year(tok: Token) -> int:
    year = int(tok[:4])
    if not 1900 <= year <= 2100:
        raise TargetError(f"年份不合理：{year}", f"implausible year {year}", tok.start_pos)
    return year


class DeadlineRules:
    """Transformer methods for the deadline rules (a mixin of TargetTransformer)."""

    def month_part(self, children: list[Any]) -> _Point:
        month_tok = children[0]
        month = int(month_tok)
        if not 1 <= month <= 12:
            zh, en = f"月份不存在：{month}月", f"no such month: {month}"
            raise TargetError(zh, en, month_tok.start_pos)
        part = children[1] if len(children) > 1 else None
        if isinstance(part, Token):  # DAY
            day = int(part)
            if not 1 <= day <= 31:
                zh, en = f"日期不存在：{month}月{day}日", f"no such date: {month:02d}-{day:02d}"
                raise TargetError(zh, en, part.start_pos)
            point = _Point((month, day), (month, day), part.start_pos)
            _resolve(point, None, "last")  # 2月30日 is wrong whatever the year
            return point
        if isinstance(part, tuple):  # 底, 上旬 …
            return _Point((month, part[0]), (month, part[1]), month_tok.start_pos)
        return _Point((month, 1), (month, _END), month_tok.start_pos)

    def m_end(self, _: list[Any]) -> tuple[int, int]:
        return (_END, _END)

    def m_early(self, _: list[Any]) -> tuple[int, int]:
        return (1, 10)

    def m_mid(self, _: list[Any]) -> tuple[int, int]:
        return (11, 20)

    def m_late(self, _: list[Any]) -> tuple[int, int]:
        return (21, _END)

    def quarter(self, children: list[Any]) -> _Point:
        tok = children[0]
        q = int(tok) if tok.isdigit() else CN_DIGITS[str(tok)]
        return _Point((3 * q - 2, 1), (3 * q, _END), tok.start_pos)

    def half(self, children: list[Any]) -> _Point:
        tok = children[0]
        if tok == "上半年":
            return _Point((1, 1), (6, 30), tok.start_pos)
        return _Point((7, 1), (12, 31), tok.start_pos)

    def y_end(self, _: list[Any]) -> _Point:
        return _Point((12, 31), (12, 31), -1)

    # ---- deadlines: points ------------------------------------------------------------
    def p_date(self, children: list[Any]) -> _Point:
        tok = children[0]
        year = _check_year(tok)
        parts = tok.replace("/", "-").replace(".", "-").split("-")
        month, day = int(parts[1]), int(parts[2])
        if not (1 <= month <= 12 and day >= 1):
            raise TargetError(f"日期不存在：{tok}", f"no such date: {tok}", tok.start_pos)
        point = _Point((month, day), (month, day), tok.start_pos, year)
        try:
            _resolve(point, year, "last")
        except TargetError:
            raise TargetError(f"日期不存在：{tok}", f"no such date: {tok}", tok.start_pos) from None
        return point

    def p_ym(self, children: list[Any]) -> _Point:
        tok = children[0]
        year = _check_year(tok)
        month = int(tok[5:])
        if not 1 <= month <= 12:
            raise TargetError(f"月份不存在：{tok}", f"no such month: {tok}", tok.start_pos)
        return _Point((month, 1), (month, _END), tok.start_pos, year)

    def p_year(self, children: list[Any]) -> _Point:
        tok = children[0]
        year = _check_year(tok)
        if len(children) > 1:
            part: _Point = children[1]
            pos = part.pos if part.pos >= 0 else tok.start_pos
            return replace(part, year=year, pos=pos, start=tok.start_pos)
        return _Point((1, 1), (12, 31), tok.start_pos, year)

    def p_next_year(self, children: list[Any]) -> _Point:
        return replace(children[0], offset=1)

    def p_no_year(self, children: list[Any]) -> _Point:
        return children[0]

    def p_this_year(self, children: list[Any]) -> _Point:
        return _Point((1, 1), (12, 31), children[0].start_pos)

    def p_md(self, children: list[Any]) -> _Point:
        """11.30 at the end of a stretch: month and day, the year of the start."""
        tok = children[0]
        month, day = (int(x) for x in tok.replace("/", ".").replace("-", ".").split("."))
        point = _Point((month, day), (month, day), tok.start_pos)
        _resolve(point, None, "last")  # 2.30 is wrong whatever the year
        return point

    def point(self, children: list[Any]) -> _Point:
        return children[0]

    def action(self, children: list[Any]) -> _Action:
        return _Action(str(children[0]).strip())

    def deadline_rate(self, children: list[Any]) -> dict[str, Any]:
        """A deadline and a rate in one cell (10月底前完成率100%): the rate is kept whole."""
        *items, rate = children
        fields = self.deadline([*items, []])
        fields["rate"] = rate
        return fields

    def deadline(self, children: list[Any]) -> dict[str, Any]:
        items = list(children)
        parens = items.pop()
        action = items.pop().text if isinstance(items[-1], _Action) else None
        end: _Point = items[-1]
        if len(items) == 3:  # a stretch: start RANGE_SEP end
            start: _Point = items[0]
            if end.year is None and end.offset == start.offset:
                end = replace(end, year=start.year)
            begin = (start.offset, start.year or 0, *_resolve(start, start.year, "first"))
            finish = (end.offset, end.year or 0, *_resolve(end, end.year, "last"))
            if begin > finish:
                zh, en = "起始日期晚于截止日期", "the start date is after the end date"
                raise TargetError(zh, en, end.start if end.start >= 0 else end.pos)
        year, (month, day) = end.year, _resolve(end, end.year, "last")
        return _deadline_fields(year, month, day, end.offset, None, False, action, parens)

    def deadline_op(self, children: list[Any]) -> dict[str, Any]:
        items = list(children)
        parens = items.pop()
        action = items.pop().text if isinstance(items[-1], _Action) else None
        prefix, point = items
        op, approx, _soft = PREFIX[prefix.type]
        if DIRECTION[op] > 0 or prefix.type == "OP_TOL":
            zh, en = f"日期目标不能用“{prefix}”", f"a date target cannot use '{prefix}'"
            raise TargetError(zh, en, prefix.start_pos)
        if op == "<":  # the day before the stretch begins
            ref_year = point.year or 2000  # a leap year: 2月29日 may be written without one
            month, day = _resolve(point, point.year, "first")
            before = dt.date(ref_year, month, day) - dt.timedelta(days=1)
            year = before.year if point.year is not None else None
            offset = point.offset + (before.year - ref_year if point.year is None else 0)
            month, day = before.month, before.day
            return _deadline_fields(year, month, day, offset, op, approx, action, parens)
        month, day = _resolve(point, point.year, "last")
        return _deadline_fields(point.year, month, day, point.offset, op, approx, action, parens)


def _deadline_fields(
    year: int | None,
    month: int,
    day: int,
    offset: int,
    op: str | None,
    approx: bool,
    action: str | None,
    parens: list[Token],
) -> dict[str, Any]:
    return {
        "kind": DEADLINE,
        "op": op,
        "approx": approx,
        "deadline": dt.date(year, month, day) if year is not None else None,
        "deadline_md": (month, day),
        "year_offset": offset,
        "word": action,
        "note": note_text(paren_texts(parens)),
    }
