"""Row plans (linter/read/rowplan.py): a row is read once for its texts and the reader state
it depends on, and the remembered plan is the one for that state."""

from __future__ import annotations

import dataclasses

import pytest

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


def test_rows_of_new_texts_whose_cells_are_of_the_same_kinds_share_a_plan():
    p = planner()
    first = p.plan(("培训场次", "≥11.00(场)"), "产出指标", 2026, False)
    assert p.plan(("参训人数", "≥136.00(人)"), "产出指标", 2026, False) is first
    assert p.plan(("参训人数", "及时"), "产出指标", 2026, False) is not first  # a word, not an expression
    assert p.plan(("参训人数", "≥136.00(人)"), "效益指标", 2026, False) is not first  # another level-1


def test_a_cell_that_reads_as_a_weight_is_its_own_kind():
    # 10 and 10(人) are both expressions; only the first can be a 权重.
    p = planner()
    weight = p.plan(("群众满意度", "≥90(%)", "10"), "满意度指标", 2026, True)
    other = p.plan(("群众满意度", "≥90(%)", "10(人)"), "满意度指标", 2026, True)
    assert (weight.weight, weight.unplaced) == (2, ())
    assert (other.weight, other.unplaced) == (None, (2,))


def test_a_plan_leaves_an_unknown_level_name_to_its_cell():
    p = planner()
    first = p.plan(("成效指标", "社会效益指标", "知晓率", "≥90(%)"), "", 2026, False)
    second = p.plan(("成效指标", "社会效益指标", "满意率", "≥95(%)"), "", 2026, False)
    assert second is first
    assert (first.level1, first.level2) == (LevelCell(None, 0), LevelCell("社会效益指标", 1))
    assert first.reported == (("unknown-level", 0),)


@pytest.mark.parametrize(
    "text",
    ["≥95.00(%)", "≤15.00(元)", "=3(场)", "＞ 90%", "<=5天", "≥", "≥5个 指标", "≥ 成本指标", "＝100(％)", ">0.5(万元)"],
)
def test_a_text_starting_with_an_operator_is_judged_as_in_full(text: str) -> None:
    fast = CellKinds(load_levels(), parse_target)
    full = CellKinds(load_levels(), parse_target)
    full.operator_start = False  # every question asked, as for any other text
    assert fast.operator_start
    assert _answers(fast.of(text)) == _answers(full.of(text))


def _answers(kind: object) -> tuple:
    """A kind's answers as values (kinds themselves compare by identity)."""
    return tuple(getattr(kind, f.name) for f in dataclasses.fields(kind))  # type: ignore[arg-type]


def test_no_shortcut_when_a_level_name_starts_with_an_operator() -> None:
    levels = load_levels()
    odd = dataclasses.replace(levels, level1={**levels.level1, "≥产出": "产出指标"})
    kinds = CellKinds(odd, parse_target)
    assert not kinds.operator_start
    assert kinds.of("≥产出").level1 == "产出指标"
