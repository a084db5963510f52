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


def example_text(form: dict) -> str:
    """The example as the YAML form text it stands for: the base form with the example's
    top-level keys replacing the base's (a key set to null is removed; one indicator per line)."""
    data = {k: v for k, v in {**_base(), **form}.items() if v is not None}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)


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
    if isinstance(form, str):  # a whole form as tab-separated text
        doc = read_bytes(form.encode("utf-8"), f"{rule.id}-example-{index + 1}.txt")
    else:
        doc = read_bytes(example_text(form).encode("utf-8"), f"{rule.id}-example-{index + 1}.yaml")
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
