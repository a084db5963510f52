"""Every rule's own examples, run by one generic test (the rules' first tests)."""

from __future__ import annotations

import re

import pytest

from linter.engine.examples import example_text, run_example
from linter.engine.loader import load_ruleset
from linter.engine.runner import Engine
from linter.read import read_bytes

RULESET = load_ruleset()
CASES = [(r.id, k) for r in RULESET.rules for k in range(len(r.examples))]


@pytest.mark.parametrize(("rule_id", "index"), CASES, ids=[f"{r}-{k + 1}" for r, k in CASES])
def test_example_behaves(rule_id: str, index: int) -> None:
    rule = RULESET.get(rule_id)
    result = run_example(RULESET, rule, index)
    assert result.problem is None, f"{rule_id} example {index + 1}: {result.problem}"


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_rule_has_bad_and_good_example(rule) -> None:
    kinds = {"bad" if "bad" in ex else "good" for ex in rule.examples}
    assert kinds == {"bad", "good"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_messages_render_without_placeholders(rule, lang: str) -> None:
    for k, ex in enumerate(rule.examples):
        if "bad" not in ex:
            continue
        for f in run_example(RULESET, rule, k, lang).findings:
            assert not re.search(r"\{[A-Za-z_.]+\}", f.message), f.message
            assert f.message.strip()
            if f.fix:
                assert not re.search(r"\{[A-Za-z_.]+\}", f.fix.edits[0].new_text)
            if lang == "en":
                # an English message must not fall back to the Chinese template's wording
                assert not re.search(r"请|指标值", f.message.replace(f.indicator or "", "")), f.message


def test_base_example_form_is_clean() -> None:
    doc = read_bytes(example_text({}).encode("utf-8"), "base.yaml")
    findings = Engine(RULESET).lint_document(doc)
    assert [f for f in findings if f.severity != "info"] == []


def test_ids_and_names_are_unique() -> None:
    ids = [r.id for r in RULESET.rules]
    names = [r.name for r in RULESET.rules]
    assert len(ids) == len(set(ids)) and len(names) == len(set(names))
