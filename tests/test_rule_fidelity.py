"""Issue 14: findings a reviewer agrees with. Behaviour of the rules on the patterns that
gave wrong findings (negative indicators by the head of the name, targets, unread targets)."""

from __future__ import annotations

import pytest

from linter.engine.examples import example_text
from linter.engine.loader import load_ruleset
from linter.engine.runner import Engine, Selection
from linter.read import read_bytes

RULESET = load_ruleset()


def lint(indicators: list[dict], medium: str = "yaml", select: tuple[str, ...] = (), **form) -> list:
    """Findings on the base example form with these indicators, written in `medium`."""
    suffix = {"yaml": ".yaml", "json": ".json", "text": ".txt"}[medium]
    text = example_text({"indicators": indicators, **form}, medium)
    doc = read_bytes(text.encode("utf-8"), f"form{suffix}")
    return Engine(RULESET, Selection(select=select)).lint_document(doc)


def ind(name: str, target, level1: str = "产出指标", level2: str = "质量指标") -> dict:
    return {"level1": level1, "level2": level2, "name": name, "target": target}


# -- pattern 4: negative indicators are decided by what is measured ---------------------------


@pytest.mark.parametrize(
    "name", ["群众投诉办结率", "故障修复率", "安全隐患整改率", "违法案件查处率", "投诉问题处置率", "投诉处理及时率"]
)
@pytest.mark.parametrize("target", ["=100(%)", "≥95.00(%)", "100%"])
def test_positive_rates_of_negative_nouns_are_not_negative(name: str, target: str) -> None:
    found = lint([ind(name, target)], select=("JX212",))
    assert found == []


@pytest.mark.parametrize("name", ["有责投诉率", "运维故障发生率", "逾期发放率", "安全事故发生次数"])
def test_negative_outcomes_bounded_from_below_are_errors(name: str) -> None:
    unit = "%" if name.endswith("率") else "次"
    found = lint([ind(name, f"≥90.00({unit})")], select=("JX212",))
    assert [f.rule for f in found] == ["JX212"]


@pytest.mark.parametrize("name", ["方案调整次数", "材料退回次数", "合同变更次数"])
def test_negative_counts_may_be_capped(name: str) -> None:
    assert lint([ind(name, "≤2.00(次)", level2="数量指标")], select=("JX204",)) == []
    assert [f.rule for f in lint([ind(name, "≥2.00(次)", level2="数量指标")], select=("JX212",))] == ["JX212"]


# -- pattern 5: targets ---------------------------------------------------------------------


@pytest.mark.parametrize("medium", ["yaml", "json"])
def test_split_target_with_an_exported_unit_reads(medium: str) -> None:
    target = {"op": ">=", "value": 98, "unit": "%(百分比)"}
    found = lint([ind("检测合格率", target)], medium)
    assert [f.rule for f in found if f.indicator == "检测合格率" and f.rule != "JX104"] == []
    doc = read_bytes(example_text({"indicators": [ind("检测合格率", target)]}, medium).encode(), f"f.{medium}")
    t = doc.forms[0].indicators[0].target
    assert (t.kind, t.op, t.value, t.unit_kind, t.raw) == ("comparison", "≥", 98, "percent", ">= 98 %(百分比)")


@pytest.mark.parametrize("medium", ["yaml", "json"])
@pytest.mark.parametrize("target", ["≥ ８０ %", {"op": "<=", "value": "８０", "unit": "%"}, ">= 80 %(百分比)"])
def test_target_format_never_on_structured_input(medium: str, target) -> None:
    assert lint([ind("参训人员出勤率", target)], medium, select=("JX203",)) == []


@pytest.mark.parametrize("target", [">= 80 %(百分比)", "<= 15 (元)", ">=80%", "≥ 80 (%)"])
def test_target_format_accepts_what_budget_systems_export(target: str) -> None:
    assert lint([ind("参训人员出勤率", target)], "text", select=("JX203",)) == []


@pytest.mark.parametrize("target", ["≥８０%", "≥3场(场)"])
def test_target_format_still_flags_hand_typed_text(target: str) -> None:
    assert [f.rule for f in lint([ind("参训人员出勤率", target)], "text", select=("JX203",))] == ["JX203"]


@pytest.mark.parametrize("medium", ["yaml", "json", "text"])
def test_an_unread_target_gets_only_its_parse_finding(medium: str) -> None:
    rows = [
        ind("逾期发放率", "≥≥100%"),  # would be JX212, JX211 …
        ind("参训人员满意度", "≥≥100%", "满意度指标", "服务对象满意度指标"),
        ind("参训人员满意度", "≥≥100%", "满意度指标", "服务对象满意度指标"),  # would be JX301
    ]
    found = [f for f in lint(rows, medium) if f.indicator is not None]
    assert {f.rule for f in found} == {"JX201"}
    assert len(found) == 3


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_every_rule_has_two_near_misses(rule) -> None:
    """Beside its bad examples and the base form, each rule shows at least two forms that
    look like its defect but are not (issue 14), each saying why in its note."""
    near = [ex for ex in rule.examples if "good" in ex and ex["good"] != {}]
    assert len(near) >= 2, f"{rule.id}: {len(near)} near-miss example(s)"
    assert all(ex.get("note") for ex in near[-2:]), f"{rule.id}: a near miss without its note"


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_every_rule_says_what_its_basis_is(rule) -> None:
    """Official guidance names its document; a heuristic says it is one (issue 14)."""
    kind = rule.raw.get("basis_kind")
    assert kind in ("official", "heuristic", "arithmetic", "tool")
    if kind == "official":
        assert "〔" in rule.basis or "指引" in rule.basis or "样式" in rule.basis or "审核" in rule.basis, rule.basis
