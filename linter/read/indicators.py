"""The indicator table: rows of 一级 → 二级 → 三级 (name) → 指标值 (target).

Columns drift in real exports, so every cell is classified by what it is: a row label to
ignore, a known level name (rules/vocab/levels.yaml), a target expression, or text. The
name is the first text after the level cells; the target is the first expression after
the name, else the last cell after it. Level cells carry down to the rows below (merged
cells). The split-columns layout (三级指标 | 指标性质 | 指标值 | 度量单位 | 权重) is anchored
on the 指标性质 cell, found by its content.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from linter.model import (
    EMPTY,
    Indicator,
    Problem,
    Span,
    Target,
    new_indicator,
)
from linter.read.cellkind import WEIGHT, CellKinds, ParseTarget, kinds_for
from linter.read.cells import norm, span_over
from linter.read.grid import Cell, Row
from linter.read.levels import LevelVocab
from linter.read.problems import problem
from linter.read.rowplan import LevelCell, RowPlanner, planner_for

TABBED = "tabbed-text"
SPLIT = "split-columns"

# Written 指标性质 → operator ('' for 定量 without one, None for 定性).
NATURES: dict[str, str | None] = {
    "≥": "≥",
    ">=": "≥",
    "≧": "≥",
    "＞＝": "≥",
    "≤": "≤",
    "<=": "≤",
    "≦": "≤",
    "＜＝": "≤",
    "=": "=",
    "＝": "=",
    "==": "=",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
    "定量": "",
    "定性": None,
}
_DATE_VALUE = re.compile(r"^\d{4}\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*日?)?$")


def compose_target(parse_target: ParseTarget, nature: str, value: str, unit: str) -> Target:
    """A target written over separate 指标性质 / 指标值 / 度量单位 cells.

    定性: the value is the word. An operator with the unit 日期 (or a date value) is a
    deadline (≤ 2026-11-30 → 2026-11-30前). Otherwise ``op value(unit)`` is parsed. `raw`
    is what was written, joined by a space.
    """
    op = NATURES.get(norm(nature), "")
    if op is None:
        return parse_target(value)
    raw = " ".join(p for p in (nature, value, unit) if p)
    if not value:
        return dataclasses.replace(parse_target(""), raw=raw)
    if unit in ("日期", "时间") or _DATE_VALUE.match(value):
        text = value + {"≤": "前", "<": "前"}.get(op, "")
    elif unit:
        text = f"{op}{value}({unit})"
    else:
        text = f"{op}{value}"
    return dataclasses.replace(parse_target(text), raw=raw, error_column=None)


@dataclass
class TableHeader:
    """Column positions (0-based) of the indicator table's header row; None when absent."""

    line: int
    l1: int | None = None
    l2: int | None = None
    name: int | None = None
    value: int | None = None
    nature: int | None = None
    unit: int | None = None
    weight: int | None = None

    @property
    def layout(self) -> str:
        return SPLIT if self.nature is not None or self.unit is not None else TABBED


def table_header(row: Row) -> TableHeader | None:
    """The header row of an indicator table (一级指标 二级指标 三级指标 …), or None."""
    text = row.line_text  # this runs on every row: most are ruled out without a loop
    if "级" not in text and "指标名称" not in text:
        return None
    h = TableHeader(row.line)
    for cell in row.filled:
        key = norm(cell.text)
        if "一级" in key and h.l1 is None:
            h.l1 = cell.col
        elif "二级" in key and h.l2 is None:
            h.l2 = cell.col
        elif ("三级" in key or key == "指标名称") and h.name is None:
            h.name = cell.col
        elif "指标性质" in key or key in ("符号", "性质", "运算符"):
            h.nature = cell.col
        elif "度量单位" in key or "计量单位" in key or key == "单位":
            h.unit = cell.col
        elif "权重" in key or key.startswith("分值"):
            h.weight = cell.col
        elif "指标值" in key and "说明" not in key and h.value is None:
            h.value = cell.col
    if h.l1 is None or (h.l2 is None and h.name is None):
        return None
    return h


@dataclass
class _Level:
    name: str = ""
    span: Span | None = None


def _level(at: LevelCell, cells: tuple[Cell, ...]) -> _Level:
    """The level a row sets: its canonical name, or an unknown level's own text."""
    cell = cells[at.at]
    return _Level(at.name or cell.text, cell.span)


@dataclass
class TableReader:
    """Reads the rows of one form's indicator table."""

    header: TableHeader | None
    vocab: LevelVocab
    parse_target: ParseTarget
    year: int | None = None
    layout: str = TABBED
    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    l1: _Level = field(default_factory=_Level)
    l2: _Level = field(default_factory=_Level)

    kinds: CellKinds = field(init=False, repr=False)
    planner: RowPlanner = field(init=False, repr=False)
    weighted: bool = field(init=False, repr=False)  # the table has a 权重 column

    def __post_init__(self) -> None:
        self.kinds = kinds_for(self.vocab, self.parse_target)
        self.planner = planner_for(self.kinds)
        self.weighted = self.header is not None and self.header.weight is not None

    def read_row(self, row: Row) -> None:
        """Read one row of the table (see linter.read.rowplan for how a row is read)."""
        cells = row.filled
        plan = self.planner.plan(tuple([c.text for c in cells]), self.l1.name, self.year, self.weighted)
        if plan.level1 is not None:
            self.l1 = _level(plan.level1, cells)
            self.l2 = _level(plan.level2, cells) if plan.level2 else _Level()
        elif plan.level2 is not None:
            self.l2 = _level(plan.level2, cells)
        for code, at in plan.reported:
            self.problems.append(problem(code, cells[at].span, text=cells[at].text))
        if not plan.rest:
            return
        if self.layout == SPLIT and self.header is not None and self._read_split(row, [cells[i] for i in plan.rest]):
            return
        target = cells[plan.target] if plan.target is not None else None
        if plan.nameless and target is not None:
            self.problems.append(problem("target-without-name", target.span, line=row.line, text=target.text))
        self._add(
            row,
            cells[plan.name] if plan.name is not None else None,
            target,
            cells[plan.weight] if plan.weight is not None else None,
            [cells[i] for i in plan.unplaced],
        )

    def _read_split(self, row: Row, rest: list[Cell]) -> bool:
        h = self.header
        assert h is not None
        nat_i = next((i for i, c in enumerate(rest) if norm(c.text) in NATURES), None)
        if nat_i is not None and h.nature is not None:
            drift = rest[nat_i].col - h.nature
        elif h.name is not None and h.value is not None:
            nat_i = None
            first = rest[0]
            drift = first.col - h.name
            if self.kinds.of(first.text).expr:
                drift = first.col - h.value
        else:
            return False
        by_col = {c.col: c for c in row.filled}

        def at(col: int | None) -> Cell | None:
            return None if col is None else by_col.get(col + drift)

        nature = rest[nat_i] if nat_i is not None else None
        value, unit, weight = at(h.value), at(h.unit), at(h.weight)
        taken = {id(c) for c in (nature, value, unit, weight) if c is not None}
        stop = nature or value or unit or weight
        before = [c for c in rest if id(c) not in taken and (stop is None or c.col < stop.col)]
        name = before[0] if before else None
        unplaced = [c for c in rest if id(c) not in taken and c is not name]
        target, span = self._compose(nature, value, unit)
        if name is None and target.kind != EMPTY:
            self.problems.append(problem("target-without-name", span, line=row.line, text=target.raw))
        self._add(row, name, None, weight, unplaced, target=target, target_span=span)
        return True

    def _compose(self, nature: Cell | None, value: Cell | None, unit: Cell | None) -> tuple[Target, Span | None]:
        """The target of a split-columns row and its span: 指标性质 + 指标值 + 度量单位
        (for 定性, the 指标值 cell alone)."""
        target = compose_target(
            self.parse_target,
            nature.text if nature is not None else "",
            value.text if value is not None else "",
            unit.text if unit is not None else "",
        )
        if nature is not None and NATURES.get(norm(nature.text), "") is None:
            return target, value.span if value is not None else None
        parts = [c.span for c in (nature, value, unit) if c is not None]
        return target, span_over(parts[0], parts[-1]) if parts else None

    def _add(
        self,
        row: Row,
        name: Cell | None,
        target_cell: Cell | None,
        weight_cell: Cell | None,
        unplaced: Sequence[Cell],
        target: Target | None = None,
        target_span: Span | None = None,
    ) -> None:
        for cell in unplaced:
            self.problems.append(problem("unplaced-cell", cell.span, text=cell.text))
        if target is None:
            target = self.parse_target(target_cell.text if target_cell is not None else "")
            target_span = target_cell.span if target_cell is not None else None
        weight = None
        if weight_cell is not None:
            m = WEIGHT.match(weight_cell.text)
            try:
                weight = Decimal(m.group(1)) if m else None
            except InvalidOperation:  # pragma: no cover
                weight = None
            if weight is None:
                self.problems.append(problem("bad-number", weight_cell.span, label="权重", text=weight_cell.text))
        self.indicators.append(
            new_indicator(
                len(self.indicators),  # index
                self.l1.name,  # level1
                self.l2.name,  # level2
                name.text if name is not None else "",  # name
                target,
                row.line,
                self.l1.span,  # level1_span
                self.l2.span,  # level2_span
                name.span if name is not None else None,  # name_span
                target_span,
                weight,
                weight_cell.span if weight is not None else None,  # weight_span
            )
        )
