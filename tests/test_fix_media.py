"""Every fixable rule on every medium it can fix: the fixed file reads back, the fixed row
holds the target the fix intends, and the finding is gone (issue 14: `--fix` on a JSON form
used to write `"target": =24(场),`, which no longer parses)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from linter.engine.examples import example_text
from linter.engine.loader import load_ruleset
from linter.engine.runner import Engine, Selection
from linter.fixes import plan_fixes
from linter.read import read_bytes

RULESET = load_ruleset()
SUFFIX = {"yaml": ".yaml", "json": ".json", "text": ".txt"}

# rule, the row as written, the target the fixed row must read as (op, value)
CASES = [
    (
        "JX204",
        {"level1": "产出指标", "level2": "数量指标", "name": "上门服务次数", "target": "≤3.00(次)"},
        ("≥", "3.00"),
    ),
    (
        "JX205",
        {"level1": "成本指标", "level2": "经济成本指标", "name": "人均培训成本", "target": "≥40.00(元)"},
        ("≤", "40.00"),
    ),
    (
        "JX212",
        {"level1": "产出指标", "level2": "质量指标", "name": "逾期发放率", "target": "≥100.00(%)"},
        ("≤", "100.00"),
    ),
    (
        "JX202",
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "参训人员满意度", "target": "满意"},
        ("≥", "90.00"),
    ),
    # split targets (structured only) and bare numbers
    (
        "JX204",
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "上门服务次数",
            "target": {"op": "<=", "value": 3, "unit": "次"},
        },
        ("≥", "3"),
    ),
    (
        "JX212",
        {
            "level1": "产出指标",
            "level2": "质量指标",
            "name": "逾期发放率",
            "target": {"op": ">=", "value": 98, "unit": "%(百分比)"},
        },
        ("≤", "98"),
    ),
    (
        "JX202",
        {
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "参训人员满意度",
            "target": {"op": "定性", "value": "满意"},
        },
        ("≥", "90.00"),
    ),
]


def _fixed(rule: str, row: dict, medium: str, yaml_block: bool = False) -> tuple[str, list]:
    text = example_text({"indicators": [row]}, medium)
    if yaml_block:  # the row in block style (a mapping over several lines)
        import yaml

        data = yaml.safe_load(text)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    name = f"form{SUFFIX[medium]}"
    engine = Engine(RULESET, Selection(select=(rule,)))
    findings = engine.lint_document(read_bytes(text.encode("utf-8"), name))
    assert any(f.rule == rule and f.fix for f in findings), f"{rule} gives no fix on {medium}"
    plan = plan_fixes(text, findings, unsafe=True)
    assert plan.changes >= 1
    return plan.text, engine.lint_document(read_bytes(plan.text.encode("utf-8"), name))


@pytest.mark.parametrize("yaml_block", [False, True], ids=["flow", "block"])
@pytest.mark.parametrize("medium", ["yaml", "json", "text"])
@pytest.mark.parametrize(("rule", "row", "want"), CASES, ids=[f"{c[0]}-{k}" for k, c in enumerate(CASES)])
def test_fix_reads_back(rule: str, row: dict, want: tuple[str, str], medium: str, yaml_block: bool) -> None:
    if yaml_block and medium != "yaml":
        pytest.skip("block style is YAML's")
    if medium == "text" and isinstance(row["target"], dict) and row["target"].get("op") == "定性":
        pytest.skip("a text form has no 定性 column")
    fixed, after = _fixed(rule, row, medium, yaml_block)
    doc = read_bytes(fixed.encode("utf-8"), f"form{SUFFIX[medium]}")  # reads: no ReadError
    target = doc.forms[0].indicators[0].target
    assert (target.kind, target.op, target.value) == ("comparison", want[0], Decimal(want[1]))
    assert [f for f in after if f.rule == rule] == []


@pytest.mark.parametrize("medium", ["yaml", "json"])
def test_fix_keeps_the_rest_of_a_structured_file(medium: str) -> None:
    row = CASES[0][1]
    text = example_text({"indicators": [row]}, medium)
    fixed, _ = _fixed("JX204", row, medium)
    changed = [(a, b) for a, b in zip(text.splitlines(), fixed.splitlines(), strict=True) if a != b]
    assert len(changed) == 1
    old, new = (line.replace('"', "") for line in changed[0])  # YAML may have written it bare
    assert old.replace("≤3.00(次)", "≥3.00(次)") == new


def test_fix_in_a_single_quoted_yaml_value() -> None:
    text = example_text({"indicators": [CASES[0][1]]}).replace("target: ≤3.00(次)", "target: '≤3.00(次)'")
    assert "'≤3.00(次)'" in text
    engine = Engine(RULESET, Selection(select=("JX204",)))
    plan = plan_fixes(text, engine.lint_document(read_bytes(text.encode(), "f.yaml")), unsafe=True)
    assert 'target: "≥3.00(次)"' in plan.text
    assert read_bytes(plan.text.encode(), "f.yaml").forms[0].indicators[0].target.op == "≥"


@pytest.mark.parametrize("medium", ["yaml", "json"])
def test_check_fix_on_a_structured_file_reads_back(tmp_path, medium: str) -> None:
    """The command line's --fix goes through the same edit (linter.api.Linter.lint_document)."""
    import subprocess
    import sys

    rows = [CASES[0][1], {**CASES[4][1], "name": "宣传活动场次"}, CASES[2][1]]
    path = tmp_path / f"form{SUFFIX[medium]}"
    path.write_text(example_text({"indicators": rows}, medium), "utf-8")
    subprocess.run([sys.executable, "-m", "linter", "check", str(path), "--fix", "--unsafe-fixes"], capture_output=True)
    doc = read_bytes(path.read_bytes(), path.name)  # still reads
    got = [(i.target.op, i.target.value) for i in doc.forms[0].indicators]
    assert got == [("≥", Decimal("3.00")), ("≥", Decimal(3)), ("≤", Decimal("100.00"))]
