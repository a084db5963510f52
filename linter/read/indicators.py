"""The indicator table: rows of 一级 → 二级 → 三级 (name) → 指标值 (target).

Columns drift in real exports, so every cell is classified by what it is: a row label to
ignore, a known level name (rules/vocab/levels.yaml), a target expression, or text. The
name is the first text after the level cells; the target is the first expression after
the name, else the last cell after it. Level cells carry down to the rows below (merged
cells). A table with other columns (notes, a split target, self-evaluation …) is read by the
roles of its columns instead (linter.read.columns).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from linter.model import (
    Extra,
    Indicator,
    Problem,
    Span,
    Target,
)
from linter.read.cellkind import WEIGHT, CellKinds, ParseTarget, kinds_for
from linter.read.grid import Cell, Row
from linter.read.levels import LevelVocab
from linter.read.problems import problem
from linter.read.rowplan import LevelCell, RowPlan, RowPlanner, planner_for


@dataclass
class RowLevel:
    """The 一级 or 二级指标 the rows below stand under: its name and the cell that set it (None
    when carried from a level 2, or none set). A plain dataclass: its fields are read on every
    row, which a named tuple makes slower."""

    name: str = ""
    span: Span | None = None


def _level(at: LevelCell, cells: tuple[Cell, ...]) -> RowLevel:
    """The level a row sets: its canonical name, or an unknown level's own text."""
    cell = cells[at.at]
    return RowLevel(at.name or cell.text, cell.span)


@dataclass
class TableReader:
    """Reads the rows of one form's indicator table by the content of their cells."""

    vocab: LevelVocab
    parse_target: ParseTarget
    year: int | None = None
    weighted: bool = False  # the table has a 权重 column
    level2_col: int | None = None  # the header's 二级指标 column, where one was read
    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    l1: RowLevel = field(default_factory=RowLevel)
    l2: RowLevel = field(default_factory=RowLevel)

    kinds: CellKinds = field(init=False, repr=False)
    planner: RowPlanner = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.kinds = kinds_for(self.vocab, self.parse_target)
        self.planner = planner_for(self.kinds)

    def read_row(self, row: Row) -> None:
        """Read one row of the table (see linter.read.rowplan for how a row is read)."""
        cells = row.filled
        plan = self.planner.plan([c.text for c in cells], self.l1.name, self.year, self.weighted)
        if plan.level1 is not None and self._legacy_level2(plan, cells):
            self.l2 = _level(plan.level1, cells)  # 成本指标 in the 二级指标 column under 产出指标
        elif plan.level1 is not None:
            self.l1 = _level(plan.level1, cells)
            self.l2 = _level(plan.level2, cells) if plan.level2 else self._own_level2(plan.level1, cells)
        elif plan.level2 is not None:
            self.l2 = _level(plan.level2, cells)
            if not self.l1.name and plan.level2.name is not None:  # level 1 from an unambiguous level 2
                parent = self.vocab.as_level2(plan.level2.name)
                if parent is not None:
                    self.l1 = RowLevel(parent.parent, None)
        for code, at in plan.reported:
            self.problems.append(problem(code, cells[at].span, text=cells[at].text))
        if not plan.rest:
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

    def _own_level2(self, at: LevelCell, cells: tuple[Cell, ...]) -> RowLevel:
        """A level 1 alone in the 二级指标 column that also names a level 2 of itself (满意度指标,
        Sichuan's satisfaction level 2 under 项目效益指标): that level 2; else none."""
        cell = cells[at.at]
        if self.level2_col is None or cell.col != self.level2_col:
            return RowLevel()
        as2 = self.vocab.as_level2(cell.text, at.name)
        return RowLevel(as2.name, cell.span) if as2 is not None and as2.parent == at.name else RowLevel()

    def _legacy_level2(self, plan: RowPlan, cells: tuple[Cell, ...]) -> bool:
        """A name that is a level 1 and a pre-2021 level 2 (成本指标), alone in the 二级指标 column
        of a table whose 一级指标 is carried down from 产出指标: the level 2 the form prints there."""
        at = plan.level1
        if at is None or at.name is None or plan.level2 is not None or self.level2_col is None:
            return False
        if cells[at.at].col != self.level2_col:
            return False
        as2 = self.vocab.as_level2(at.name, self.l1.name)
        return as2 is not None and as2.legacy and as2.parent == self.l1.name

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
        weight = read_weight(weight_cell, self.problems)
        name_text, extras = core_mark(name)
        self.indicators.append(
            Indicator(
                len(self.indicators),  # index
                self.l1.name,  # level1
                self.l2.name,  # level2
                name_text,  # name
                target,
                row.line,
                self.l1.span,  # level1_span
                self.l2.span,  # level2_span
                name.span if name is not None else None,  # name_span
                target_span,
                weight,
                weight_cell.span if weight is not None else None,  # weight_span
                None,  # pointer
                extras,
            )
        )


def read_weight(cell: Cell | None, problems: list[Problem]) -> Decimal | None:
    """The 权重 in `cell` (20, 20%, 12.5), or None: a cell that holds none is a bad-number problem."""
    if cell is None:
        return None
    m = WEIGHT.match(cell.text)
    try:
        weight = Decimal(m.group(1)) if m else None
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        weight = None
    if weight is None:
        problems.append(problem("bad-number", cell.span, label="权重", text=cell.text))
    return weight


CORE = "★☆"


def core_mark(name: Cell | None) -> tuple[str, tuple[Extra, ...]]:
    """A name's text without the ★ that marks a core indicator (衔接资金 forms), and the mark
    kept as an extra."""
    if name is None:
        return "", ()
    text = name.text
    if text[:1] not in CORE and text[-1:] not in CORE:
        return text, ()
    return text.strip(CORE).strip(), (Extra("core", "★", name.span),)
