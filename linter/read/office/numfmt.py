"""Spreadsheet values as the text a form shows: numbers through their number format,
dates as ISO text.

A float from openpyxl is turned into a Decimal through `repr`, the shortest text that
reads back as the same double: a cell holding 0.21 gives Decimal("0.21") even when the
file stores 0.20999999999999999. The number format then decides decimals, thousands
separators and percent, as Excel shows the cell (rounding half away from zero).
"General" shows at most 15 significant digits, Excel's precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_NUMBER = re.compile(r"[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+")
_EXPONENT = re.compile(r"[Ee][+-]")
_GENERAL_DIGITS = 15


@dataclass(frozen=True)
class NumberFormat:
    """The parts of a number format that change the digits shown."""

    min_decimals: int
    max_decimals: int
    thousands: bool = False
    percent: bool = False
    scale: int = 0  # trailing commas: each divides by 1000


def _first_section(fmt: str) -> str:
    """The part of `fmt` for positive numbers (before the first unquoted ';')."""
    quoted = False
    for i, ch in enumerate(fmt):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            return fmt[:i]
    return fmt


@lru_cache(maxsize=512)
def parse_format(fmt: str | None) -> NumberFormat | None:
    """The digits a number format shows, or None for General (and for formats this
    reader does not imitate: text, scientific, fractions)."""
    if not fmt or fmt.strip().lower() == "general":
        return None
    section = _QUOTED.sub("", _first_section(fmt))
    if "@" in section or "/" in section or _EXPONENT.search(section):
        return None
    m = _NUMBER.search(section)
    if m is None:
        return None
    whole, _, decimals = m.group().partition(".")
    grouped = whole.rstrip(",")
    return NumberFormat(
        min_decimals=decimals.count("0"),
        max_decimals=len(decimals),
        thousands="," in grouped,
        percent="%" in section,
        scale=len(whole) - len(grouped) if grouped else 0,
    )


def to_decimal(value: int | float | Decimal) -> Decimal:
    """An exact Decimal for a cell number (floats through their shortest repr)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def general(d: Decimal) -> str:
    """`d` as Excel's General format shows it: at most 15 significant digits, no
    trailing zeros, never an exponent."""
    if d == 0:
        return "0"
    if len(d.as_tuple().digits) > _GENERAL_DIGITS:
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - _GENERAL_DIGITS + 1), ROUND_HALF_UP)
    return format(d.normalize(), "f")


def format_number(value: int | float | Decimal, fmt: str | None) -> str:
    """The text a number cell shows under number format `fmt`."""
    d = to_decimal(value)
    if not d.is_finite():
        return str(value)
    spec = parse_format(fmt)
    if spec is None:
        return general(d)
    if spec.percent:
        d *= 100
    if spec.scale:
        d = d.scaleb(-3 * spec.scale)
    try:
        q = d.quantize(Decimal(1).scaleb(-spec.max_decimals), ROUND_HALF_UP)
    except InvalidOperation:  # too many digits for the context: show it as General
        return general(d)
    if q == 0:
        q = abs(q)
    text = format(q, ",f" if spec.thousands else "f")
    drop = spec.max_decimals - spec.min_decimals
    if drop and "." in text:
        keep = len(text) - drop
        text = text[:keep] + text[keep:].rstrip("0")
        text = text.rstrip(".") if spec.min_decimals == 0 and text.endswith(".") else text
    return text + ("%" if spec.percent else "")


def value_text(value: object, fmt: str | None = None) -> str:
    """The text of any cell value openpyxl gives (str, number, bool, date/time)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, fmt)
    return str(value)
