"""Rule examples: each rule's `examples` are small forms that must (bad) or must not (good)
give its finding. They are built on rules/examples/base.yaml and read like any YAML form."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from linter.engine.loader import Rule, RuleSet
from linter.engine.runner import Engine, Selection
from linter.findings import Finding
from linter.resources import rules_dir


@cache
def _base() -> dict:
    with open(rules_dir() / "examples" / "base.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


MEDIA = {"yaml": ".yaml", "json": ".json", "text": ".txt"}


def example_data(form: dict) -> dict:
    """The base form with the example's top-level keys replacing the base's (a key set to
    null is removed)."""
    return {k: v for k, v in {**_base(), **form}.items() if v is not None}


def example_text(form: dict, medium: str = "yaml") -> str:
    """The example as the form text it stands for in `medium`: YAML (one indicator per line),
    JSON (one indicator per line), or the budget system's tab-separated text (text_form)."""
    data = example_data(form)
    if medium == "text":
        return text_form(data)
    if medium == "json":
        import json

        head = {k: v for k, v in data.items() if k != "indicators"}
        lines = json.dumps(head, ensure_ascii=False)[:-1]
        if "indicators" in data:
            rows = ",\n".join("  " + json.dumps(i, ensure_ascii=False) for i in data["indicators"] or [])
            lines += f', "indicators": [\n{rows}\n]'
        return lines + "}\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)


def _target_text(target: object) -> str:
    if isinstance(target, dict):
        unit = str(target.get("unit") or "")
        written = f"{unit}" if "(" in unit else f"({unit})" if unit else ""  # %(百分比) as exported
        return f"{target.get('op') or ''}{target.get('value', '')}{written}"
    return "" if target is None else str(target)


def text_form(data: dict) -> str:
    """A structured form written as the Shanghai budget system's tab-separated export (the
    seed's layout), so that examples and tests can say the same form in both media."""
    funds = data.get("funds") or {}
    plan = data.get("plan") or {}

    def cell(key: str) -> str:
        value = funds.get(key)
        return "" if value is None else str(value)

    rows = [
        "财政项目支出绩效目标申报表",
        "",
        f"({data.get('year', '')}年度)",
        "",
        f"项目名称\t{data.get('project_name', '')}\t项目性质\t其他经常性项目\t项目类别\t特定目标类",
        f"主管部门\t{data.get('department', '')}\t实施单位\t{data.get('unit', '')}\t\t",
        f"计划开始日期\t{plan.get('start', '')}\t计划完成日期\t{plan.get('end', '')}\t\t\t",
        f"项目资金 ({funds.get('unit', '元')})\t项目资金总额\t\t年度资金申请总额\t{cell('total')}\t",
        f"\t其中：财政资金\t\t其中：当年财政拨款\t{cell('appropriation')}\t\t",
        f"\t\t\t上年结转资金\t{cell('carryover')}\t\t",
        f"\t其他资金\t\t其他资金\t{cell('other')}\t\t",
        "项目 绩效 目标\t项目总目标\t\t年度总体目标\t\t\t",
        f"\t\t\t{data.get('goal', '')}\t\t",
        "\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值\t",
    ]
    for k, ind in enumerate(data.get("indicators") or []):
        first = "绩效 指标" if k == 0 else ""
        cells = [ind.get("level1", ""), ind.get("level2", ""), ind.get("name", ""), _target_text(ind.get("target"))]
        rows.append(first + "\t" + "\t".join(str(c) for c in cells) + "\t")
    return "\n".join(rows) + "\n"


@dataclass
class ExampleResult:
    rule: str
    index: int
    kind: str  # bad | good
    findings: list[Finding]
    problem: str | None  # None when the example behaves as it says


def run_example(ruleset: RuleSet, rule: Rule, index: int, lang: str = "zh") -> ExampleResult:
    """Lint one example with only its rule selected and say whether it behaves."""
    from linter.read import read_bytes

    example = rule.examples[index]
    kind = "bad" if "bad" in example else "good"
    form = example[kind]
    medium = example.get("medium", "yaml")
    if isinstance(form, str):  # a whole form as tab-separated text
        doc = read_bytes(form.encode("utf-8"), f"{rule.id}-example-{index + 1}.txt")
    else:  # the base form with the example's keys, written in `medium`
        doc = read_bytes(example_text(form, medium).encode("utf-8"), f"{rule.id}-example-{index + 1}{MEDIA[medium]}")
    found = []
    for form in doc.forms:  # each form under the profile its template names (as `jxlint check` does)
        profile = form.template.profile or ruleset.profile
        engine = Engine(ruleset.with_profile(profile), Selection(select=(rule.id,)), lang)
        found += [f for f in engine.lint_form(form, doc.path) if f.rule == rule.id]
    found += [f for f in Engine(ruleset, Selection(select=(rule.id,)), lang).file_problems(doc) if f.rule == rule.id]
    problem = None
    if kind == "good" and found:
        problem = f"good example gives {len(found)} finding(s): {found[0].message}"
    elif kind == "bad" and not found:
        problem = "bad example gives no finding"
    elif kind == "bad" and "count" in example and len(found) != example["count"]:
        problem = f"bad example gives {len(found)} findings, expected {example['count']}"
    elif kind == "bad" and "lines" in example and sorted(f.span.line for f in found) != sorted(example["lines"]):
        problem = f"bad example findings on lines {[f.span.line for f in found]}, expected {example['lines']}"
    return ExampleResult(rule.id, index, kind, found, problem)
