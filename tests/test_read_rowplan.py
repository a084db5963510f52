"""Row plans (linter/read/rowplan.py): a row is read once for its texts and the reader state
it depends on, and the remembered plan is the one for that state."""

from __future__ import annotations

from linter.read.cellkind import CellKinds
from linter.read.levels import load_levels
from linter.read.rowplan import LevelCell, RowPlanner
from linter.targets import parse_target


def planner() -> RowPlanner:
    return RowPlanner(CellKinds(load_levels(), parse_target))


def test_a_row_is_planned_under_the_current_level1():
    # 成本指标 after 产出指标 rows of a 2020 form is the pre-2021 level-2; after 效益指标 it
    # can only be the level-1.
    p = planner()
    row = ("成本指标", "培训成本", "≤10(元)")
    under_output = p.plan(row, "产出指标", 2020, False)
    under_benefit = p.plan(row, "效益指标", 2020, False)
    assert (under_output.level1, under_output.level2) == (None, LevelCell("成本指标", 0))
    assert (under_benefit.level1, under_benefit.level2) == (LevelCell("成本指标", 0), None)
    assert p.plan(row, "产出指标", 2020, False) is under_output  # remembered


def test_a_row_is_planned_for_the_form_year():
    p = planner()
    row = ("成本指标", "培训成本", "≤10(元)")
    assert p.plan(row, "产出指标", 2020, False).level2 == LevelCell("成本指标", 0)
    assert p.plan(row, "产出指标", 2026, False).level1 == LevelCell("成本指标", 0)


def test_a_last_number_is_a_weight_only_in_a_table_with_weights():
    p = planner()
    row = ("群众满意度", "≥90(%)", "10")
    weighted = p.plan(row, "满意度指标", 2026, True)
    plain = p.plan(row, "满意度指标", 2026, False)
    assert (weighted.name, weighted.target, weighted.weight, weighted.unplaced) == (0, 1, 2, ())
    assert (plain.name, plain.target, plain.weight, plain.unplaced) == (0, 1, None, (2,))


def test_positions_count_every_filled_cell_labels_included():
    # 绩效指标 is a row label: skipped, but positions still index the row's cells.
    plan = planner().plan(("绩效指标", "产出指标", "数量指标", "培训场次", "=3(场)"), "", 2026, False)
    assert (plan.level1, plan.level2) == (LevelCell("产出指标", 1), LevelCell("数量指标", 2))
    assert (plan.rest, plan.name, plan.target, plan.reported) == ((3, 4), 3, 4, ())


def test_a_target_without_a_name():
    plan = planner().plan(("产出指标", "数量指标", "=3(场)"), "", 2026, False)
    assert (plan.name, plan.target, plan.nameless) == (None, 2, True)
