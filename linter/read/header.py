"""The header of a form: label/value pairs, the funds block, plan dates and the annual goal."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from linter.model import DateField, Funds, HeaderField, Money, Problem, Span, TextField
from linter.read.cells import label_key, sub_span
from linter.read.grid import Cell, Row
from linter.read.problems import problem

# Written label (label_key) → canonical header label.
HEADER_LABELS: dict[str, str] = {}
for _canon, _aliases in {
    "项目名称": ("项目名称",),
    "主管部门": ("主管部门", "主管部门及代码", "主管单位", "主管部门(单位)"),
    "实施单位": ("实施单位", "项目实施单位", "执行单位"),
    "项目性质": ("项目性质",),
    "项目类型": ("项目类型",),
    "项目类别": ("项目类别",),
    "项目属性": ("项目属性",),
    "项目编码": ("项目编码", "项目代码"),
    "项目负责人": ("项目负责人",),
    "联系人": ("联系人",),
    "联系电话": ("联系电话",),
    "计划开始日期": ("计划开始日期", "计划开始时间", "项目开始日期", "开始日期"),
    "计划完成日期": (
        "计划完成日期",
        "计划完成时间",
        "计划结束日期",
        "项目结束日期",
        "完成日期",
    ),
    "项目期": ("项目期", "项目周期", "项目期限", "实施期限", "项目实施期", "项目起止日期"),
    "预算年度": ("预算年度",),
    "项目总目标": ("项目总目标", "总目标"),
}.items():
    for _a in _aliases:
        HEADER_LABELS[_a] = _canon

GOAL_LABELS = frozenset(
    (
        "年度总体目标",
        "年度绩效目标",
        "年度目标",
        "年度总目标",
        "项目年度绩效目标",
        "年度(/项目)总体目标",
        "本年度总体目标",
    )
)

# Written funds label (label_key without a leading 其中) → Funds field (None: multi-year
# appropriation, read but not kept).
FUNDS_LABELS: dict[str, str | None] = {
    "年度资金申请总额": "total",
    "年度资金总额": "total",
    "年度申请资金总额": "total",
    "本年度资金总额": "total",
    "当年财政拨款": "appropriation",
    "财政拨款": "appropriation",
    "本年财政拨款": "appropriation",
    "上年结转资金": "carryover",
    "上年结转": "carryover",
    "其他资金": "other",
    "项目资金总额": "project_total",
    "财政资金": None,
}

# Cells that label a block of rows and carry no value.
ROW_LABELS = frozenset(("项目绩效目标", "绩效指标", "年度绩效指标", "项目绩效指标"))

_QIZHONG = re.compile(r"^其中[:：]?")
_UNIT_BLOCK = re.compile(r"^(?:项目)?资金(?:情况)?(?:\((万?元)\))?$")
_UNIT_NOTE = re.compile(r"^(?:金额)?单位[:：]?(万?元)$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．－＋", "0123456789,.-+")
_SPACES = re.compile(r"\s+")
_AMOUNT = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|万)?$")
_PLACEHOLDER = frozenset(("-", "—", "–", "/", "无", "——", "－"))
_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})\s*日?|月?)$")
_DATE8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_PERIOD = re.compile(r"^(.+?)\s*(?:至|到|~|～|—|–|－|--)\s*(.+)$")
_YEAR = re.compile(r"^(\d{4})\s*年?度?$")


class HeaderCell(NamedTuple):
    """What a header cell's text is as a label (judged once per text)."""

    key: str  # label_key: as matched against HEADER_LABELS, GOAL_LABELS, ROW_LABELS
    funds: str  # the key without 其中: as matched against FUNDS_LABELS
    unit: str | None  # 元/万元 for a funds block label or unit note, '' without a unit, else None
    label: bool  # a label of any kind (never a value)


# No label has a digit: a cell with one (an amount, a date, the goal text) is a value, read
# without the label questions. Its key is then "" (in no label table).
_DIGIT = re.compile(r"[0-9]")
_VALUE_CELL = HeaderCell("", "", None, False)


@lru_cache(maxsize=8192)
def header_cell(text: str) -> HeaderCell:
    """The label reading of a header cell's text."""
    if _DIGIT.search(text) is not None:
        return _VALUE_CELL
    key = label_key(text)
    funds = _QIZHONG.sub("", key)
    m = _UNIT_BLOCK.match(key) or _UNIT_NOTE.match(key)
    unit = None if m is None else m.group(1) or ""
    label = key in HEADER_LABELS or key in GOAL_LABELS or funds in FUNDS_LABELS or key in ROW_LABELS or unit is not None
    return HeaderCell(key, funds, unit, label)


@lru_cache(maxsize=4096)  # 0.00 and round sums recur form after form
def parse_amount(text: str, unit: str) -> Decimal | None:
    """An amount in 元 from `text` written in `unit` (元 or 万元); None when not a number."""
    s = _SPACES.sub("", text.translate(_FULLWIDTH))
    m = _AMOUNT.match(s)
    if m is None:
        return None
    sign, whole, frac, own_unit = m.groups()
    try:
        value = Decimal(sign + whole.replace(",", "") + (frac or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    if (own_unit or unit) in ("万元", "万"):
        value *= 10000
    return value


@lru_cache(maxsize=4096)  # plan dates recur form after form (2026-01-01, 2026-12-31)
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


@dataclass
class Header:
    """What the header rows of one form hold."""

    fields: list[HeaderField] = field(default_factory=list)
    funds: dict[str, Money] = field(default_factory=dict)
    unit: str = "元"
    plan_start: DateField | None = None
    plan_end: DateField | None = None
    goal: TextField | None = None
    year: int | None = None
    year_span: Span | None = None
    problems: list[Problem] = field(default_factory=list)
    money_cells: list[tuple[str, Cell, Cell]] = field(default_factory=list)

    def to_funds(self) -> Funds:
        """The funds, amounts converted to 元 with the unit the header states."""
        for name, label, value in self.money_cells:
            amount = parse_amount(value.text, self.unit)
            if amount is None:
                self.problems.append(problem("bad-number", value.span, label=label.text, text=value.text))
            else:
                self.funds[name] = Money(amount, value.text, value.span)
        self.money_cells = []
        f = self.funds
        return Funds(
            unit=self.unit,
            total=f.get("total"),
            appropriation=f.get("appropriation"),
            carryover=f.get("carryover"),
            other=f.get("other"),
            project_total=f.get("project_total"),
        )


def _date_field(h: Header, label: str, cell: Cell, text: str, start: int, end: bool) -> DateField:
    value, looked = parse_date(text, end)
    span = sub_span(cell, start, start + len(text))
    if value is None:
        h.problems.append(problem("bad-date", span, label=label, text=text))
    del looked
    return DateField(text, value, span)


def _set_value(h: Header, label: Cell, canon: str, value: Cell) -> None:
    text = value.text
    if canon == "计划开始日期":
        h.plan_start = _date_field(h, canon, value, text, 0, False)
    elif canon == "计划完成日期":
        h.plan_end = _date_field(h, canon, value, text, 0, True)
    elif canon == "项目期":
        m = _PERIOD.match(text)
        if m is None:
            h.problems.append(problem("bad-date", value.span, label=canon, text=text))
        else:
            h.plan_start = _date_field(h, canon, value, m.group(1), m.start(1), False)
            h.plan_end = _date_field(h, canon, value, m.group(2), m.start(2), True)
    elif canon == "预算年度":
        m = _YEAR.match(text)
        if m is not None and h.year is None:
            h.year, h.year_span = int(m.group(1)), value.span


def _set_money(h: Header, field_name: str, label: Cell, value: Cell) -> None:
    if value.text not in _PLACEHOLDER:
        h.money_cells.append((field_name, label, value))


def _take_goal(h: Header, pending: list[tuple[str, Cell]], cells: list[Cell]) -> None:
    """Give the texts of the row after goal labels to those labels."""
    kinds = [k for k, _ in pending]
    if len(cells) == 1 or "project" not in kinds or "annual" not in kinds:
        chosen = {"annual" if "annual" in kinds else "project": cells[-1]}
        rest = cells[:-1]
    else:
        chosen = {"project": cells[0], "annual": cells[-1]}
        rest = cells[1:-1]
    for kind, cell in chosen.items():
        _assign_goal(h, kind, next(lab for k, lab in pending if k == kind), cell)
    for cell in rest:
        h.problems.append(problem("unplaced-cell", cell.span, text=cell.text))


def _assign_goal(h: Header, kind: str, label: Cell, value: Cell) -> None:
    if kind == "annual":
        if h.goal is None:
            h.goal = TextField(value.text, value.span)
    else:
        h.fields.append(HeaderField("项目总目标", value.text, label.span, value.span))


def read_header(rows: Sequence[Row]) -> Header:
    """Read the header rows (between the title and the indicator table)."""
    h = Header()
    pending: list[tuple[str, Cell]] = []  # goal labels waiting for the next row's text
    for row in rows:
        cells = row.filled
        if not cells:
            continue
        labels = [header_cell(c.text) for c in cells]
        if pending and not any(lab.label for lab in labels):
            _take_goal(h, pending, cells)
            pending = []
            continue
        pending = []
        n = len(cells)
        i = 0
        while i < n:
            cell, lab = cells[i], labels[i]
            key = lab.key
            value = cells[i + 1] if i + 1 < n and not labels[i + 1].label else None
            step = 2 if value is not None else 1
            if key in ROW_LABELS:
                step = 1
            elif lab.unit is not None:
                if lab.unit:
                    h.unit = lab.unit
                step = 1
            elif key in GOAL_LABELS or HEADER_LABELS.get(key) == "项目总目标":
                kind = "annual" if key in GOAL_LABELS else "project"
                if value is None:
                    pending.append((kind, cell))
                else:
                    _assign_goal(h, kind, cell, value)
            elif key in HEADER_LABELS:
                canon = HEADER_LABELS[key]
                h.fields.append(
                    HeaderField(canon, value.text if value else "", cell.span, value.span if value else None)
                )
                if value is not None:
                    _set_value(h, cell, canon, value)
            elif lab.funds in FUNDS_LABELS:
                name = FUNDS_LABELS[lab.funds]
                # The same label twice in a row: the first is the multi-year column.
                again = any(lab.funds == later.funds for later in labels[i + 1 :])
                if name is not None and value is not None and not again:
                    _set_money(h, name, cell, value)
            else:
                h.problems.append(problem("unplaced-cell", cell.span, text=cell.text))
                step = 1
            i += step
    return h
