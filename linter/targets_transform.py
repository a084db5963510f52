"""Turn what grammar/target.lark reads into the fields of a `linter.model.Target`.

Used as Lark's inline transformer: rule methods receive their children as they are
reduced. Each start rule returns a dict of Target fields (without `raw`). A value that
reads well but cannot be true (2026-02-30, 95%-90%) raises `TargetError` with the offset
in the normalized text, which linter.targets turns into an invalid target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lark import Token, Transformer

from linter.limits import in_range, out_of_range_text
from linter.model import BOOLEAN, COMPARISON, EMPTY, PERIOD, QUALITATIVE, RANGE
from linter.targets_dates import (
    CN_DIGITS,
    DIRECTION,
    PREFIX,
    SUFFIX,
    DeadlineRules,
    Fields,
    TargetError,
    note_text,
    paren_texts,
)
from linter.targets_units import unit_info

_TIMES_UNIT = "次"  # counts whose normalized unit is 次 give Target.times
# the period after the slash of a frequency (2次/月): Target.period
_PER = {
    "天": "day",
    "日": "day",
    "周": "week",
    "星期": "week",
    "月": "month",
    "季": "quarter",
    "季度": "quarter",
    "半年": "halfyear",
    "年": "year",
}


@dataclass(frozen=True, slots=True)
class _Done:
    text: str  # the word after a value: 达标, 落实


@dataclass(frozen=True, slots=True)
class _Condition:
    text: str  # what the value counts from: 收到资金后
    pos: int


@dataclass(frozen=True, slots=True)
class _Measure:
    value: Decimal
    pos: int
    unit: str | None
    unit_pos: int
    notes: tuple[str, ...]


def _number(tok: Token) -> Decimal:
    value = Decimal(tok.replace(",", ""))
    if not in_range(value):
        zh, en = out_of_range_text(str(tok))
        raise TargetError(zh, en, tok.start_pos)
    return value


def _cn_number(tok: Token) -> int:
    text = str(tok)
    if text in CN_DIGITS:
        return CN_DIGITS[text]
    tens, sep, ones = text.partition("十")
    ok_tens = len(tens) <= 1 and (tens or "一") in CN_DIGITS
    if sep and ok_tens and (not ones or (len(ones) == 1 and ones in CN_DIGITS)):
        return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)
    raise TargetError(f"无法识别的数字“{text}”", f"cannot read the number '{text}'", tok.start_pos)


def _unit_fields(unit: str | None) -> dict[str, Any]:
    if unit is None:
        return {}
    info = unit_info(unit)
    return {"unit": unit, "unit_norm": info.norm, "scale": info.scale, "unit_kind": info.kind}


def _same_unit(a: str, b: str) -> bool:
    ia, ib = unit_info(a), unit_info(b)
    return a == b or (ia.kind is not None and (ia.norm, ia.scale) == (ib.norm, ib.scale))


class TargetTransformer(DeadlineRules, Transformer):
    """Inline transformer for grammar/target.lark (see the module docstring)."""

    # ---- start rules ---------------------------------------------------------------
    def target(self, children: list[Any]) -> dict[str, Any]:
        return children[0]

    def qualitative(self, children: list[Any]) -> dict[str, Any]:
        text, parens = children
        return {"kind": QUALITATIVE, "word": str(text).strip(), "note": note_text(paren_texts(parens))}

    def boolean(self, children: list[Any]) -> dict[str, Any]:
        word, parens = children
        return {"kind": BOOLEAN, "word": str(word), "note": note_text(paren_texts(parens))}

    def empty(self, children: list[Any]) -> dict[str, Any]:
        return {"kind": EMPTY}

    def choice(self, children: list[Any]) -> dict[str, Any]:
        tok = children[0]
        zh = f"指标值是模板中未填写的选项“{tok}”，请选定或写明目标值"
        en = f"the target is the template's choice '{tok}' left unfilled: choose one or state the target"
        raise TargetError(zh, en, tok.start_pos)

    # ---- brackets ------------------------------------------------------------------
    def paren(self, children: list[Any]) -> Token:
        return children[0]

    def paren_spelled(self, children: list[Any]) -> list[Token]:
        """%(百分比) inside a unit's brackets: the unit, then what restates it."""
        tok = children[0]
        first, second = str(tok)[:-1].split("(")
        kind = "PERCENT" if first in ("%", "‰") else "PAREN_UNIT"
        return [
            Token(kind, first, tok.start_pos),
            Token("PAREN_UNIT", second, tok.start_pos + len(first) + 1),
        ]

    def parens(self, children: list[Any]) -> list[Token]:
        if any(isinstance(c, list) for c in children):
            return [t for c in children for t in (c if isinstance(c, list) else [c])]
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

    def done(self, children: list[Any]) -> _Done:
        return _Done(str(children[0]).strip())

    def condition(self, children: list[Any]) -> _Condition:
        return _Condition(str(children[0]).strip(), children[0].start_pos)

    def comparison(self, children: list[Any]) -> Fields:
        items = list(children)
        word = items.pop().text if isinstance(items[-1], _Done) else None
        condition = items.pop(0) if isinstance(items[0], _Condition) else None
        prefix = items.pop(0) if isinstance(items[0], Token) else None
        measure: _Measure = items[0]
        suffix: Token | None = items[1] if len(items) > 1 else None
        notes = list(measure.notes) + (paren_texts(items[2]) if len(items) > 2 else [])
        if condition is not None:
            notes.insert(0, condition.text)
        op, approx = _combine(prefix, suffix)
        start = condition.pos if condition else prefix.start_pos if prefix is not None else measure.pos
        fields = Fields(kind=COMPARISON, op=op, approx=approx, value=measure.value, note=note_text(notes), word=word)
        fields.start = start
        if prefix is not None and prefix.type == "OP_TOL":
            fields["tolerance"] = True
        times = _frequency(measure)
        if times is not None:  # 2次/月: a frequency, read as 每月2次 is
            fields.update(kind=PERIOD, value=None, period=times[1], times=times[0])
            return fields
        fields.update(_unit_fields(measure.unit))
        return fields

    def range(self, children: list[Any]) -> dict[str, Any]:
        low: _Measure = children[0]
        high: _Measure = children[2]
        notes = [*low.notes, *high.notes, *(paren_texts(children[3]) if len(children) > 3 else [])]
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
            "note": note_text(notes),
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
        prefix = items.pop(0) if items[0].type in PREFIX else None
        suffix = items.pop() if items[-1].type in SUFFIX else None
        number, unit_tok = items[0], (items[1] if len(items) > 1 else None)
        value = _cn_number(number) if number.type == "CN_NUM" else _number(number)
        op, approx = _combine(prefix, suffix)
        fields: dict[str, Any] = {"op": op, "approx": approx}
        if unit_tok is None or unit_info(str(unit_tok)).norm == _TIMES_UNIT:
            if value != int(value) or value < 0:
                raise TargetError("次数应为非负整数", "the number of times must be a whole number", number.start_pos)
            fields["times"] = int(value)
        else:
            fields.update(value=Decimal(value), **_unit_fields(str(unit_tok)))
        return fields

    def period(self, children: list[Any]) -> dict[str, Any]:
        name, *rest = children
        parens = rest.pop()
        fields = rest[0] if rest else {}
        return {"kind": PERIOD, "period": name, "note": note_text(paren_texts(parens)), **fields}


def _frequency(measure: _Measure) -> tuple[int, str] | None:
    """(times, period) of a count per period (2次/月, 1次/半年); None for anything else."""
    unit = measure.unit
    if unit is None or "/" not in unit:
        return None
    head, _, per = unit.partition("/")
    period = _PER.get(per.removeprefix("每").removeprefix("个"))
    if period is None or unit_info(head).norm != _TIMES_UNIT:
        return None
    value = measure.value
    if value != int(value) or value < 0:
        return None  # 1.5次/月 stays a comparison
    return int(value), period


def _combine(prefix: Token | None, suffix: Token | None) -> tuple[str | None, bool]:
    """The operator of a value from the word or sign before it and the word after it."""
    if prefix is None and suffix is None:
        return None, False
    if suffix is None:
        op, approx, _soft = PREFIX[prefix.type]
        return op, approx
    s_op, s_approx = SUFFIX[suffix.type]
    if prefix is None:
        return s_op, s_approx
    p_op, p_approx, soft = PREFIX[prefix.type]
    if soft:
        return s_op, p_approx or s_approx
    if DIRECTION[p_op] != DIRECTION[s_op]:
        raise TargetError(f"“{prefix}”与“{suffix}”矛盾", f"'{prefix}' contradicts '{suffix}'", suffix.start_pos)
    return p_op, s_approx
