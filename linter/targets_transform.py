"""Turn what grammar/target.lark reads into the fields of a `linter.model.Target`.

Used as Lark's inline transformer: rule methods receive their children as they are
reduced. Each start rule returns a dict of Target fields (without `raw`). A value that
reads well but cannot be true (2026-02-30, 95%-90%) raises `TargetError` with the offset
in the normalized text, which linter.targets turns into an invalid target.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from lark import Token, Transformer

from linter.model import BOOLEAN, COMPARISON, DEADLINE, EMPTY, PERIOD, QUALITATIVE, RANGE
from linter.targets_units import unit_info

_END = 99  # "last day of the month" until a year is known
_TIMES_UNIT = "次"  # counts whose normalized unit is 次 give Target.times


class TargetError(Exception):
    """A semantic error: Chinese and English message, offset in the normalized text."""

    def __init__(self, zh: str, en: str, pos: int) -> None:
        super().__init__(zh)
        self.zh, self.en, self.pos = zh, en, pos


# prefix terminal -> (op, approx, soft). A soft prefix gives way to a suffix.
_PREFIX = {
    "OP_GE": ("≥", False, False),
    "OP_GT": (">", False, False),
    "OP_LE": ("≤", False, False),
    "OP_LT": ("<", False, False),
    "OP_EQ": ("=", False, False),
    "OP_APPROX": ("=", True, True),
    "OP_REACH": ("≥", False, True),
    "OP_CAP": ("≤", False, True),
}
_SUFFIX = {"SUF_GE": ("≥", False), "SUF_LE": ("≤", False), "SUF_APPROX": ("=", True)}
_DIRECTION = {"≥": 1, ">": 1, "≤": -1, "<": -1, "=": 0}
_CN_DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True)) | {"两": 2}


@dataclass(frozen=True, slots=True)
class _Measure:
    value: Decimal
    pos: int
    unit: str | None
    unit_pos: int
    notes: tuple[str, ...]


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


def _number(tok: Token) -> Decimal:
    return Decimal(tok.replace(",", ""))


def _cn_number(tok: Token) -> int:
    text = str(tok)
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    tens, sep, ones = text.partition("十")
    ok_tens = len(tens) <= 1 and (tens or "一") in _CN_DIGITS
    if sep and ok_tens and (not ones or (len(ones) == 1 and ones in _CN_DIGITS)):
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    raise TargetError(f"无法识别的数字“{text}”", f"cannot read the number '{text}'", tok.start_pos)


def _unit_fields(unit: str | None) -> dict[str, Any]:
    if unit is None:
        return {}
    info = unit_info(unit)
    return {"unit": unit, "unit_norm": info.norm, "scale": info.scale, "unit_kind": info.kind}


def _note(notes: list[str] | tuple[str, ...]) -> str | None:
    return "；".join(notes) if notes else None


def _same_unit(a: str, b: str) -> bool:
    ia, ib = unit_info(a), unit_info(b)
    return a == b or (ia.kind is not None and (ia.norm, ia.scale) == (ib.norm, ib.scale))


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


class TargetTransformer(Transformer):
    """Inline transformer for grammar/target.lark (see the module docstring)."""

    # ---- start rules ---------------------------------------------------------------
    def target(self, children: list[Any]) -> dict[str, Any]:
        return children[0]

    def qualitative(self, children: list[Any]) -> dict[str, Any]:
        text, parens = children
        return {"kind": QUALITATIVE, "word": str(text).strip(), "note": _note(_notes(parens))}

    def boolean(self, children: list[Any]) -> dict[str, Any]:
        word, parens = children
        return {"kind": BOOLEAN, "word": str(word), "note": _note(_notes(parens))}

    def empty(self, children: list[Any]) -> dict[str, Any]:
        return {"kind": EMPTY}

    # ---- brackets ------------------------------------------------------------------
    def paren(self, children: list[Any]) -> Token:
        return children[0]

    def parens(self, children: list[Any]) -> list[Token]:
        return children

    # ---- comparisons and ranges ------------------------------------------------------
    def measure(self, children: list[Any]) -> _Measure:
        number, *rest = children
        parens: list[Token] = rest.pop()
        unit_tok: Token | None = rest[0] if rest else None
        unit = str(unit_tok) if unit_tok is not None else None
        unit_pos = unit_tok.start_pos if unit_tok is not None else number.start_pos
        notes: list[str] = []
        for tok in parens:
            if tok.type in ("PAREN_UNIT", "PERCENT"):
                if unit is None and not notes:
                    unit, unit_pos = str(tok), tok.start_pos
                    continue
                if unit is not None and _same_unit(unit, str(tok)):
                    continue  # %(百分比): the unit said twice
            notes.append(str(tok).strip())
        return _Measure(_number(number), number.start_pos, unit, unit_pos, tuple(notes))

    def prefix(self, children: list[Any]) -> Token:
        return children[0]

    def suffix(self, children: list[Any]) -> Token:
        return children[0]

    def comparison(self, children: list[Any]) -> dict[str, Any]:
        prefix = children[0] if isinstance(children[0], Token) else None
        rest = children[1:] if prefix is not None else children
        measure: _Measure = rest[0]
        suffix: Token | None = rest[1] if len(rest) > 1 else None
        notes = list(measure.notes) + (_notes(rest[2]) if len(rest) > 2 else [])
        op, approx = _combine(prefix, suffix)
        return {
            "kind": COMPARISON,
            "op": op,
            "approx": approx,
            "value": measure.value,
            "note": _note(notes),
            **_unit_fields(measure.unit),
        }

    def range(self, children: list[Any]) -> dict[str, Any]:
        low: _Measure = children[0]
        high: _Measure = children[2]
        notes = [*low.notes, *high.notes, *(_notes(children[3]) if len(children) > 3 else [])]
        if low.unit and high.unit and not _same_unit(low.unit, high.unit):
            zh, en = "区间两端单位不一致", "the two ends of the range have different units"
            raise TargetError(zh, en, high.unit_pos)
        if low.value > high.value:
            zh, en = "区间下限大于上限", "the low end of the range is above the high end"
            raise TargetError(zh, en, high.pos)
        return {
            "kind": RANGE,
            "low": low.value,
            "high": high.value,
            "note": _note(notes),
            **_unit_fields(high.unit or low.unit),
        }

    # ---- periods ---------------------------------------------------------------------
    def per_day(self, _: list[Any]) -> str:
        return "day"

    def per_week(self, _: list[Any]) -> str:
        return "week"

    def per_month(self, _: list[Any]) -> str:
        return "month"

    def per_quarter(self, _: list[Any]) -> str:
        return "quarter"

    def per_halfyear(self, _: list[Any]) -> str:
        return "halfyear"

    def per_year(self, _: list[Any]) -> str:
        return "year"

    def per_edge(self, _: list[Any]) -> dict[str, Any]:
        return {}

    def verb(self, children: list[Any]) -> str:
        return str(children[0])

    def period_tail(self, children: list[Any]) -> dict[str, Any]:
        verb, count = children if len(children) == 2 else (None, children[0])
        return {**count, "word": verb}

    def count(self, children: list[Any]) -> dict[str, Any]:
        items = list(children)
        prefix = items.pop(0) if items[0].type in _PREFIX else None
        suffix = items.pop() if items[-1].type in _SUFFIX else None
        number, unit_tok = items[0], (items[1] if len(items) > 1 else None)
        value = _cn_number(number) if number.type == "CN_NUM" else _number(number)
        op, approx = _combine(prefix, suffix)
        fields: dict[str, Any] = {"op": op, "approx": approx}
        if unit_tok is None or unit_info(str(unit_tok)).norm == _TIMES_UNIT:
            if value != int(value) or value < 0:
                raise TargetError("次数应为非负整数", "the number of times must be a whole number",
                                  number.start_pos)
            fields["times"] = int(value)
        else:
            fields.update(value=Decimal(value), **_unit_fields(str(unit_tok)))
        return fields

    def period(self, children: list[Any]) -> dict[str, Any]:
        name, *rest = children
        parens = rest.pop()
        fields = rest[0] if rest else {}
        return {"kind": PERIOD, "period": name, "note": _note(_notes(parens)), **fields}

    # ---- deadlines: the parts of a point in time ------------------------------------
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
        q = int(tok) if tok.isdigit() else _CN_DIGITS[str(tok)]
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
        if not 1 <= month <= 12:
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

    def point(self, children: list[Any]) -> _Point:
        return children[0]

    def action(self, children: list[Any]) -> _Action:
        return _Action(str(children[0]).strip())

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
        op, approx, _soft = _PREFIX[prefix.type]
        if _DIRECTION[op] > 0:
            zh, en = f"日期目标不能用“{prefix}”", f"a date target cannot use '{prefix}'"
            raise TargetError(zh, en, prefix.start_pos)
        if op == "<":  # the day before the stretch begins
            ref_year = point.year or 2001
            month, day = _resolve(point, point.year, "first")
            before = dt.date(ref_year, month, day) - dt.timedelta(days=1)
            year = before.year if point.year is not None else None
            offset = point.offset + (before.year - ref_year if point.year is None else 0)
            month, day = before.month, before.day
            return _deadline_fields(year, month, day, offset, op, approx, action, parens)
        month, day = _resolve(point, point.year, "last")
        return _deadline_fields(point.year, month, day, point.offset, op, approx, action, parens)


def _deadline_fields(year: int | None, month: int, day: int, offset: int, op: str | None,
                     approx: bool, action: str | None, parens: list[Token]) -> dict[str, Any]:
    return {
        "kind": DEADLINE,
        "op": op,
        "approx": approx,
        "deadline": dt.date(year, month, day) if year is not None else None,
        "deadline_md": (month, day),
        "year_offset": offset,
        "word": action,
        "note": _note(_notes(parens)),
    }


def _notes(parens: list[Token]) -> list[str]:
    return [str(tok).strip() for tok in parens]


def _combine(prefix: Token | None, suffix: Token | None) -> tuple[str | None, bool]:
    """The operator of a value from the word or sign before it and the word after it."""
    if prefix is None and suffix is None:
        return None, False
    if suffix is None:
        op, approx, _soft = _PREFIX[prefix.type]
        return op, approx
    s_op, s_approx = _SUFFIX[suffix.type]
    if prefix is None:
        return s_op, s_approx
    p_op, p_approx, soft = _PREFIX[prefix.type]
    if soft:
        return s_op, p_approx or s_approx
    if _DIRECTION[p_op] != _DIRECTION[s_op]:
        raise TargetError(f"“{prefix}”与“{suffix}”矛盾", f"'{prefix}' contradicts '{suffix}'",
                          suffix.start_pos)
    return p_op, s_approx
