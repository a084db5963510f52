"""How one row of an indicator table is read, as a plan by cell position.

Columns drift, so a row is read by what its cells are (linter.read.cellkind): the leading
level cells set the 一级/二级指标, the name is the first text after them, the target the
first expression after the name (else the last cell), a last number in a 权重 table its
weight; anything else is unplaced. That reading depends only on the kinds of the row's cells
and on three things the reader knows: the current 一级指标 (under which a 二级指标 is looked
up), the form's year (the pre-2021 成本指标 layout) and whether the table has a 权重
column. `RowPlanner` makes each plan once and remembers it by those: a row of new texts
(a new name, a new target value) whose cells are of kinds seen before is read by the plan
already made (15% of a batch's instructions a form; a second memo by the row's texts saved
only 2.8% more and was removed). The table reader applies the plan to the row's own cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from linter.read.cellkind import CellKind, CellKinds
from linter.read.cells import remember
from linter.read.levels import Level2, choose_level2

# Plans and their levels are slotted dataclasses, not named tuples: each is made once (the
# planner remembers them) and its fields are read on every row, which the interpreter does
# fast for a slot and slowly (a generic attribute lookup) for a named tuple's field.


@dataclass(frozen=True, slots=True)
class LevelCell:
    """A level the row sets: its canonical name (None for an unknown level: the name is
    the cell's own text) and the position of its cell."""

    name: str | None
    at: int


@dataclass(frozen=True, slots=True)
class RowPlan:
    """The reading of a row. Positions index the row's non-empty cells (`Row.filled`)."""

    level1: LevelCell | None  # a new 一级指标 (the 二级指标 then starts afresh)
    level2: LevelCell | None  # a new 二级指标
    reported: tuple[tuple[str, int], ...]  # (problem code, position): unknown-level, unplaced-cell
    rest: tuple[int, ...]  # the cells after the levels: name, target, weight, unplaced
    name: int | None = None
    target: int | None = None
    weight: int | None = None
    unplaced: tuple[int, ...] = ()
    nameless: bool = False  # a target without a name (reported as target-without-name)


class RowPlanner:
    """Plans rows for one `CellKinds` (one level vocabulary and one target parser)."""

    def __init__(self, kinds: CellKinds):
        self.kinds = kinds
        self.by_kinds: dict[tuple, RowPlan] = {}  # by its cells' kinds: a row read alike

    def plan(self, texts: Sequence[str], level1: str, year: int | None, weighted: bool) -> RowPlan:
        """The plan of a row whose non-empty cells hold `texts`, read under the 一级指标
        `level1` in a form of `year`, in a table with a 权重 column when `weighted`."""
        of = self.kinds.of
        every = [of(text) for text in texts]
        shape = (tuple(every), level1, year, weighted)  # kinds hash by identity
        found = self.by_kinds.get(shape)
        if found is None:
            found = remember(self.by_kinds, shape, self._plan(every, level1, year, weighted))
        return found

    def _plan(self, every: list[CellKind], level1: str, year: int | None, weighted: bool) -> RowPlan:
        at = [i for i, kind in enumerate(every) if not kind.label]  # row labels are skipped
        kinds = [every[i] for i in at]
        reported: list[tuple[str, int]] = []
        row_l1, row_l2, used = self._levels(at, kinds, level1, year, reported)
        rest: list[int] = []
        for j in range(used, len(at)):
            if kinds[j].level:
                reported.append(("unplaced-cell", at[j]))
            else:
                rest.append(j)
        plan = RowPlan(row_l1, row_l2, tuple(reported), tuple(at[j] for j in rest))
        if not rest:
            return plan
        return self._tabbed(plan, every, [kinds[j].expr for j in rest], weighted)

    def _levels(
        self,
        at: list[int],
        kinds: list[CellKind],
        level1: str,
        year: int | None,
        reported: list[tuple[str, int]],
    ) -> tuple[LevelCell | None, LevelCell | None, int]:
        """The leading level cells: the levels they set and how many cells they took."""
        row_l1: LevelCell | None = None
        row_l2: LevelCell | None = None
        i = 0
        n = len(at)
        while i < n:
            kind = kinds[i]
            nxt = kinds[i + 1] if i + 1 < n else None
            if kind.level:
                as1 = kind.level1
                as2 = choose_level2(kind.level2, row_l1.name if row_l1 else level1)
                if as1 and as2 and _level1_wins(as1, as2, row_l1 is not None, nxt, level1, year):
                    as2 = None
                if as2 is not None:
                    if row_l2 is not None:
                        break
                    row_l2 = LevelCell(as2.name, at[i])
                elif as1 is not None and row_l1 is None and row_l2 is None:
                    row_l1 = LevelCell(as1, at[i])
                else:
                    break
            elif nxt is not None and kind.levelish and (nxt.level or (i + 2 < n and not row_l2)) and not kind.expr:
                reported.append(("unknown-level", at[i]))
                next_l2 = choose_level2(nxt.level2) if nxt.level else None
                if row_l1 is None and row_l2 is None and next_l2 is not None:
                    row_l1 = LevelCell(None, at[i])
                elif row_l2 is None:
                    row_l2 = LevelCell(None, at[i])
                else:
                    break
            else:
                break
            i += 1
        return row_l1, row_l2, i

    def _tabbed(self, plan: RowPlan, every: list[CellKind], exprs: list[bool], weighted: bool) -> RowPlan:
        """Name, target and weight among `plan.rest`, whose columns are not trusted: the name
        is the first text, the target the first expression after it (else the last cell
        after it)."""
        rest = plan.rest
        name_k = next((k for k, e in enumerate(exprs) if not e), None)
        if name_k is not None and len(rest) == 1 and every[rest[0]].lone_target:
            name_k = None
        if name_k is None:  # only expressions: a target without a name
            target_k = next((k for k, p in enumerate(rest) if exprs[k] and not every[p].blank), 0)
            unplaced = tuple(p for k, p in enumerate(rest) if k != target_k)
            return replace(plan, target=rest[target_k], unplaced=unplaced, nameless=True)
        last = len(rest) - 1
        target_k = next((k for k in range(name_k + 1, len(rest)) if exprs[k]), None)
        if target_k is None and name_k < last:
            target_k = last
        weight = None
        unplaced_list = list(rest[:name_k])
        for k in range(name_k + 1, len(rest)):
            if k == target_k:
                continue
            if weight is None and weighted and k == last and every[rest[k]].weight:
                weight = rest[k]
            else:
                unplaced_list.append(rest[k])
        return replace(
            plan,
            name=rest[name_k],
            target=rest[target_k] if target_k is not None else None,
            weight=weight,
            unplaced=tuple(unplaced_list),
        )


def _level1_wins(
    as1: str, as2: Level2, after_level1: bool, nxt: CellKind | None, level1: str, year: int | None
) -> bool:
    """A name that is both a level-1 and a level-2 (成本指标): is it the level-1 here?"""
    if after_level1:  # after this row's level-1: a level-2
        return False
    if nxt is not None:
        nxt2 = choose_level2(nxt.level2, as1)
        if nxt2 is not None and nxt2.parent == as1:  # 成本指标 → 经济成本指标
            return True
    if as2.parent != level1:
        return True
    if as2.legacy:  # 成本指标 under 产出指标: the pre-2021 layout
        return year is None or year > 2021
    return False


_PLANNERS: dict[CellKinds, RowPlanner] = {}


def planner_for(kinds: CellKinds) -> RowPlanner:
    """The shared planner of `kinds`."""
    planner = _PLANNERS.get(kinds)
    if planner is None:
        planner = _PLANNERS[kinds] = RowPlanner(kinds)
    return planner
