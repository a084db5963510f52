"""Header values: amounts (Decimal 元), dates and plan periods as forms write them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from linter.limits import in_range

_FULLWIDTH = str.maketrans("０１２３４５６７８９，．－＋：", "0123456789,.-+:")
_AMOUNT = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|万)?$")
_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})\s*日?|月?)$")
_DATE8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})\s*年?度?$")

# A period's two ends: a full date or year-month, then a separator, then a date, a year-month
# or (the year inherited) a month with an optional day; or two years; or digits run together.
_D = r"\d{4}\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*日?|\s*月)?"
_M = r"\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底)?"
_SEP = r"\s*(?:至|到|~|～|—+|–|－|-{1,2})\s*"
_PERIOD = re.compile(rf"^(?P<a>{_D}){_SEP}(?P<b>{_D}|{_M})$")
_YEARS = re.compile(r"^(?P<a>\d{4})\s*年?(?:" + _SEP + r"(?P<b>\d{4})\s*年?)?度?$")
_RUN = re.compile(
    r"^(?P<a>\d{8})(?P<b>\d{8})$|^(?P<a6>\d{6})\s*[-~至]\s*(?P<b6>\d{6})$"
)  # 2026010120261231, 202601-202612
_WHOLE_YEAR = frozenset(("全年", "本年度", "当年", "年度内", "全年度"))


def parse_amount(text: str, unit: str) -> Decimal | None:
    """An amount in 元 from `text` written in `unit` (元 or 万元); None when not a number."""
    s = text.translate(_FULLWIDTH)
    s = "".join(s.split())  # spaces inside a number (1 234.50)
    m = _AMOUNT.match(s)
    if m is None:
        return None
    sign, whole, frac, own_unit = m.groups()
    try:
        value = Decimal(sign + whole.replace(",", "") + (frac or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    if not in_range(value):  # 29 digits would break the money checks' arithmetic
        return None
    if (own_unit or unit) in ("万元", "万"):
        value *= 10000
    return value


def amount_unit(text: str) -> str | None:
    """The unit an amount writes itself (120万元 → 万元, 80万 → 万元), else None."""
    s = text.strip()
    if s.endswith(("万元", "万")):
        return "万元"
    if s.endswith("元"):
        return "元"
    return None


def parse_date(text: str, end: bool = False) -> tuple[dt.date | None, bool]:
    """(date, looked like a date). Year-month gives the first (or, for an end date,
    the last) day of the month."""
    s = text.translate(_FULLWIDTH).strip()
    m = _DATE.match(s) or _DATE8.match(s)
    if m is None:
        return None, False
    year, month = int(m.group(1)), int(m.group(2))
    day_s = m.group(3)
    try:
        last = calendar.monthrange(year, month)[1] if day_s is None else 0
        day = int(day_s) if day_s is not None else (last if end else 1)
        return dt.date(year, month, day), True
    except (ValueError, calendar.IllegalMonthError):
        return None, True


def parse_year(text: str) -> int | None:
    """2026, 2026年, 2026年度 → 2026."""
    m = _YEAR.match(text.strip())
    return int(m.group(1)) if m else None


class PeriodEnd(NamedTuple):
    """One end of a plan period: its text as written, where it starts in the cell, its date."""

    text: str
    offset: int
    value: dt.date | None


def parse_period(text: str, year: int | None) -> tuple[PeriodEnd, PeriodEnd] | None:
    """A plan period's start and end (项目期 2026-01-01至2026-12-31, 2025年1月-12月, 2024.03-2025.02,
    2022年, 2022-2024年, 全年 with the form's `year`); None when `text` is no period."""
    s = text.translate(_FULLWIDTH)
    stripped = s.strip()
    lead = len(s) - len(s.lstrip())
    if stripped in _WHOLE_YEAR:
        if year is None:
            return None
        whole = PeriodEnd(stripped, lead, dt.date(year, 1, 1))
        return whole, PeriodEnd(stripped, lead, dt.date(year, 12, 31))
    m = _RUN.match(stripped)
    if m is not None and m.group("a6"):  # year-month run together: 202601-202612
        a, b = m.group("a6"), m.group("b6")
        start, _ = parse_date(f"{a[:4]}-{a[4:]}")
        end, _ = parse_date(f"{b[:4]}-{b[4:]}", end=True)
        return PeriodEnd(a, lead + m.start("a6"), start), PeriodEnd(b, lead + m.start("b6"), end)
    m = _PERIOD.match(stripped) or m
    if m is not None:
        a, b = m.group("a"), m.group("b")
        start, _ = parse_date(a)
        end, _ = parse_date(b, end=True)
        if end is None and start is not None:  # 2025年1月-12月: the end's year is the start's
            end, _ = parse_date(f"{start.year}年{b.replace('底', '')}", end=True)
        return PeriodEnd(a, lead + m.start("a"), start), PeriodEnd(b, lead + m.start("b"), end)
    m = _YEARS.match(stripped)
    if m is not None:
        first = int(m.group("a"))
        last = int(m.group("b")) if m.group("b") else first
        a_text = m.group("a")
        b_text = m.group("b") or stripped
        b_at = m.start("b") if m.group("b") else 0
        return (
            PeriodEnd(
                a_text if m.group("b") else stripped,
                lead + m.start("a") if m.group("b") else lead,
                dt.date(first, 1, 1),
            ),
            PeriodEnd(b_text, lead + b_at, dt.date(last, 12, 31)),
        )
    return None
