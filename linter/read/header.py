"""The header of a form: label/value pairs, the funds block, plan dates and the annual goal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from linter.model import DateField, Funds, HeaderField, Money, Problem, Span, TextField
from linter.read.cells import label_key, sub_span
from linter.read.grid import Cell, Row
from linter.read.layouts import Layout, active
from linter.read.problems import problem
from linter.read.values import amount_unit, parse_amount, parse_date, parse_period, parse_year

_QIZHONG = re.compile(r"^其中[:：]?")
_UNIT_BLOCK = re.compile(r"^(?:项目)?资金(?:情况)?(?:\((万?元)\))?$")
_UNIT_NOTE = re.compile(r"^(?:金额)?单位[:：]?(万?元)$")
_PLACEHOLDER = frozenset(("-", "—", "–", "/", "无", "——", "－"))


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """What a header cell's text is as a label (judged once per text; a slotted class, whose
    fields read faster than a named tuple's: they are read for every header cell)."""

    key: str  # label_key without a unit suffix: as matched against the layouts' words
    funds: str  # the key without 其中: as matched against the funds labels
    unit: str | None  # 元/万元 where the label states it ('' for a block label without one), else None
    label: bool  # a label of any kind (never a value)


# No label has a digit: a cell with one (an amount, a date, the goal text) is a value, read
# without the label questions. Its key is then "" (in no label table).
_DIGIT = re.compile(r"[0-9]")
_VALUE_CELL = HeaderCell("", "", None, False)
_LABEL_MAX = 24  # no label is longer (年度资金申请总额（万元）, 主管部门及其编码 …)
_BRACKET_TAIL = re.compile(r"\([^()]*\)$")
_UNIT_SUFFIX = re.compile(r"^(.+?)\((万?元)\)$")


class HeaderWords:
    """The header words of a layout (rules/layouts/): canonical fields, funds parts, goals,
    row labels and blocks, by label key; judges cell texts against them."""

    def __init__(self, layout: Layout):
        self.fields = layout.fields
        self.funds = layout.funds
        self.goals = layout.goals
        self.row_labels = layout.row_labels
        self.blocks = layout.blocks
        # The label reading of a header cell's text, remembered (the same labels recur form
        # after form): `cell(text)` → HeaderCell.
        self.cell = lru_cache(maxsize=8192)(self._judge)

    def _judge(self, text: str) -> HeaderCell:
        if _DIGIT.search(text) is not None:
            # a label may carry figures in a bracket (中期目标（2025年-2027年）); anything else is a value
            if not text.endswith((")", "）")) or len(text) > 40:
                return _VALUE_CELL
            bare = _BRACKET_TAIL.sub("", label_key(text))
            if bare != label_key(text) and _DIGIT.search(bare) is None and self._known(bare):
                return HeaderCell(bare, _QIZHONG.sub("", bare), None, True)
            return _VALUE_CELL
        key = label_key(text)
        unit = None
        m = _UNIT_BLOCK.match(key) or _UNIT_NOTE.match(key)
        if m is not None:
            unit = m.group(1) or ""
        else:
            suffixed = _UNIT_SUFFIX.match(key)
            if suffixed is not None and self._known(suffixed.group(1)):
                key, unit = suffixed.group(1), suffixed.group(2)
        funds = _QIZHONG.sub("", key)
        label = unit is not None or self._known(key)
        return HeaderCell(key, funds, unit, label)

    def _known(self, key: str) -> bool:
        return (
            key in self.fields
            or key in self.goals
            or _QIZHONG.sub("", key) in self.funds
            or key in self.row_labels
            or key in self.blocks
        )

    def split_inline(self, cell: Cell) -> tuple[Cell, Cell] | None:
        """A cell that holds a label and its value (项目名称：社区讲座), as two cells."""
        m = _INLINE.match(cell.text)
        if m is None or not self.cell(m.group(1)).label:
            return None
        value_at = m.start(2)
        label = Cell(m.group(1).strip(), sub_span(cell, 0, len(m.group(1).rstrip())), cell.col)
        value = Cell(m.group(2).strip(), sub_span(cell, value_at, len(cell.text.rstrip())), cell.col)
        return label, value


_INLINE = re.compile(r"^([^：:\d]{2,16}?)\s*[：:]\s*(\S.*)$", re.S)


def cue_keys(rows: Sequence[Row], words: HeaderWords) -> set[str]:
    """The label keys the header rows show (as written, and without 其中 and a unit suffix), by
    `words` (every layout's together): what recognises a template before its header is read with
    its own words."""
    keys: set[str] = set()
    judge = words.cell
    for row in rows:
        for cell in row.filled:
            if len(cell.text) > _LABEL_MAX:  # a goal or a long name: no label
                continue
            found = judge(cell.text)
            if found.label:
                keys.add(found.key)
                if found.funds != found.key:  # 其中 taken off
                    keys.add(found.funds)
    return keys


def header_words(layout: Layout | None = None) -> HeaderWords:
    """The header words of `layout` (default: every active layout together)."""
    if layout is None:
        layout = active().union
    found = _WORDS.get(id(layout))
    if found is None or found[0] is not layout:
        found = _WORDS[id(layout)] = (layout, HeaderWords(layout))
    return found[1]


_WORDS: dict[int, tuple[Layout, HeaderWords]] = {}


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
    money_cells: list[tuple[str, Cell, Cell, str | None]] = field(default_factory=list)

    def to_funds(self) -> Funds:
        """The funds, amounts converted to 元 with the unit the label, the value or the
        header states."""
        labels: dict[str, str] = {}
        for name, label, value, unit in self.money_cells:
            amount = parse_amount(value.text, unit or self.unit)
            if amount is None:
                self.problems.append(problem("bad-number", value.span, label=label.text, text=value.text))
            elif name not in self.funds:
                self.funds[name] = Money(amount, value.text, value.span)
                labels[name] = label.text
            elif labels.get(name) != label.text:  # parts of one source (中央资金 + 省级资金): their sum
                first = self.funds[name]
                self.funds[name] = Money(first.amount + amount, f"{first.raw}+{value.text}", first.span)
        units = {
            unit or (amount_unit(value.text) if "万" in value.text else None) or self.unit
            for *_, value, unit in self.money_cells
        }
        self.money_cells = []
        f = self.funds
        return Funds(
            unit=units.pop() if len(units) == 1 else self.unit,
            total=f.get("total"),
            appropriation=f.get("appropriation"),
            carryover=f.get("carryover"),
            other=f.get("other"),
            project_total=f.get("project_total"),
        )


def _date_field(h: Header, label: str, cell: Cell, text: str, start: int, end: bool) -> DateField:
    value, _ = parse_date(text, end)
    span = sub_span(cell, start, start + len(text))
    if value is None:
        h.problems.append(problem("bad-date", span, label=label, text=text))
    return DateField(text, value, span)


def _set_value(h: Header, canon: str, value: Cell, year: int | None) -> None:
    text = value.text
    if canon == "计划开始日期":
        h.plan_start = _date_field(h, canon, value, text, 0, False)
    elif canon == "计划完成日期":
        h.plan_end = _date_field(h, canon, value, text, 0, True)
    elif canon == "项目期":
        period = parse_period(text, year if year is not None else h.year)
        if period is None:
            if _DIGIT.search(text):  # a date-like period that does not read
                h.problems.append(problem("bad-date", value.span, label=canon, text=text))
            return
        for end, part in zip((False, True), period, strict=True):
            span = sub_span(value, part.offset, part.offset + len(part.text))
            if part.value is None:
                h.problems.append(problem("bad-date", span, label=canon, text=part.text))
            field_value = DateField(part.text, part.value, span)
            if end:
                h.plan_end = field_value
            else:
                h.plan_start = field_value
    elif canon == "预算年度":
        found = parse_year(text)
        if found is not None and h.year is None:
            h.year, h.year_span = found, value.span


def _take_goal(h: Header, pending: list[tuple[str, Cell]], cells: Sequence[Cell]) -> None:
    """Give the texts of the row after goal labels to those labels: each to the label whose
    column is nearest at or before its own (总体目标 | 中期目标 | 年度目标 over their texts), else
    the last text to the annual goal."""
    by_col = sorted(pending, key=lambda p: p[1].col)
    placed = [(next((p for p in reversed(by_col) if p[1].col <= c.col), None), c) for c in cells]
    if len(pending) > 1 and all(p is not None for p, _ in placed) and len({id(p) for p, _ in placed}) == len(placed):
        for (kind, label), cell in placed:  # type: ignore[misc]
            _assign_goal(h, kind, label, cell)
        return
    kinds = [k for k, _ in pending]
    if len(cells) == 1 or "longterm" not in kinds or "annual" not in kinds:
        chosen = {"annual" if "annual" in kinds else "longterm": cells[-1]}
        rest = cells[:-1]
    else:
        first = kinds.index("longterm") < kinds.index("annual")
        chosen = {"longterm": cells[0], "annual": cells[-1]} if first else {"annual": cells[0], "longterm": cells[-1]}
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
        h.fields.append(HeaderField(_GOAL_FIELDS[kind], value.text, label.span, value.span))


_GOAL_FIELDS = {"longterm": "项目总目标", "actual": "实际完成情况"}
_BOXES = re.compile(r"[■☑√✓✔]\s*([^■□☑☐√✓✔]+?)\s*(?=[■□☑☐√✓✔]|$)")


def checked(text: str) -> str:
    """The checked option of a field written with check boxes (■新增项目□延续项目 → 新增项目);
    the text itself when it has no box or no checked one."""
    if "□" not in text and "☐" not in text:
        return text
    found = _BOXES.findall(text)
    return found[0].strip() if len(found) == 1 else text


def _label_columns(
    cells: Sequence[Cell], labels: Sequence[HeaderCell], w: HeaderWords
) -> dict[int, tuple[Cell, HeaderCell]]:
    """A row of two or more funds labels and nothing else (年度资金总额 | 财政拨款小计 | 自有资金):
    its labels by column, for the values in the row below."""
    if len(cells) < 2:
        return {}
    for lab in labels:
        if not lab.label:
            return {}
    funds = [(c, lab) for c, lab in zip(cells, labels, strict=True) if lab.funds in w.funds]
    if len(funds) < 2:
        return {}
    return {c.col: (c, lab) for c, lab in funds}


def _take_columns(h: Header, w: HeaderWords, by_col: dict[int, tuple[Cell, HeaderCell]], cells: Sequence[Cell]) -> None:
    for value in cells:
        label, lab = by_col[value.col]
        name = w.funds[lab.funds]
        if name is not None and value.text not in _PLACEHOLDER:
            h.money_cells.append((name, label, value, lab.unit or None))


def _take_grid_row(
    h: Header,
    w: HeaderWords,
    by_col: dict[int, tuple[Cell, HeaderCell]],
    label: Cell,
    lab: HeaderCell,
    values: Sequence[Cell],
) -> None:
    """A row of a funds grid (a self-evaluation's 年度资金总额 under 年初预算数 | 全年预算数 | 全年执行数 …):
    the amount is the value in the column of the year's budget (a column that names the total),
    else the first; the row's other figures are kept as header fields named by their column."""
    name = w.funds[lab.funds]
    budget = next((v for v in values if w.funds.get(by_col[v.col][1].funds) == "total"), values[0])
    if name is not None and budget.text not in _PLACEHOLDER:
        h.money_cells.append((name, label, budget, lab.unit or None))
    if name == "total":
        for v in values:
            if v is not budget:
                column = by_col[v.col][0]
                h.fields.append(HeaderField(w.cell(column.text).key, v.text, column.span, v.span))


def _cells(words: HeaderWords, row: Row) -> Sequence[Cell]:
    """The row's filled cells, a cell holding a label and its value (项目名称：…) split in two."""
    if "：" not in row.line_text and ":" not in row.line_text:
        return row.filled
    out: list[Cell] = []
    for cell in row.filled:
        pair = words.split_inline(cell) if "：" in cell.text or ":" in cell.text else None
        if pair is None:
            out.append(cell)
        else:
            out += pair
    return out


def read_header(rows: Sequence[Row], year: int | None = None, words: HeaderWords | None = None) -> Header:
    """Read the header rows (between the title and the indicator table) with the layouts'
    header words; `year` is the form's year where the title gave one (项目期 全年)."""
    w = words or header_words()
    h = Header()
    pending: list[tuple[str, Cell]] = []  # goal labels waiting for the next row's text
    in_block = False  # inside a block of its own (年度履职目标 …): not header fields
    by_col: dict[int, tuple[Cell, HeaderCell]] = {}  # a row of funds labels whose values stand below
    judge = w.cell
    for row in rows:
        cells = _cells(w, row)
        if not cells:
            continue
        labels = [judge(c.text) for c in cells]
        if by_col and all(not lab.label for lab in labels) and all(c.col in by_col for c in cells):
            _take_columns(h, w, by_col, cells)  # the values under a row of labels
            by_col = {}
            continue
        if by_col and labels[0].funds in w.funds and all(c.col in by_col for c in cells[1:]) and len(cells) > 2:
            _take_grid_row(h, w, by_col, cells[0], labels[0], cells[1:])  # 年度资金总额 | 年初预算数 | 全年预算数 …
            continue
        # a row of labels only (most rows hold values): the funds labels over the next row's amounts
        by_col = _label_columns(cells, labels, w) if len(cells) > 1 and labels[1].label else {}
        first = labels[0].key
        if first in w.blocks:
            in_block, pending = True, []
            continue
        if in_block:
            if not (first in w.fields or first in w.goals or labels[0].funds in w.funds):
                continue
            in_block = False
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
            if lab.unit:  # 年度资金总额（万元）, 项目资金（万元）, 单位：万元: the unit of the funds block
                h.unit = lab.unit
            if key in w.row_labels:
                step = 1
            elif key in w.goals or w.fields.get(key) == "项目总目标":
                kind = w.goals.get(key, "longterm")
                if value is None:
                    pending.append((kind, cell))
                else:
                    _assign_goal(h, kind, cell, value)
            elif key in w.fields:
                canon = w.fields[key]
                h.fields.append(
                    HeaderField(canon, checked(value.text) if value else "", cell.span, value.span if value else None)
                )
                if value is not None:
                    _set_value(h, canon, value, year)
            elif lab.funds in w.funds:
                name = w.funds[lab.funds]
                # The same label twice in a row: the first is the multi-year column.
                again = lab.funds in [later.funds for later in labels[i + 1 :]]
                if name is not None and value is not None and not again and value.text not in _PLACEHOLDER:
                    h.money_cells.append((name, cell, value, lab.unit or None))
            elif lab.unit is not None:
                step = 1
            else:
                h.problems.append(problem("unplaced-cell", cell.span, text=cell.text))
                step = 1
            i += step
    return h
