"""Running rules (linter/engine/runner.py): rule isolation (a rule that raises gives one JX000
finding naming the rule and the form; the other rules still report), selection and severity,
message placeholders, a `when` that filters a check's hits, and the date checks."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from linter.engine.checks import CHECKS, Hit, check
from linter.engine.loader import load_ruleset
from linter.engine.runner import Engine, Selection, render
from linter.read import read_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "forms" / "seed.txt"
USER_RULES = ROOT / "fixtures" / "rules-user"

RULE = """\
  - id: {id}
    name: {name}
    severity: warning
    category: 适当性
    scope: {scope}
{body}
    title: {{zh: 测试, en: test}}
    message: {{zh: "{message}", en: "{message}"}}
    basis: 测试。
    examples:
      - bad: {{}}
      - good: {{}}
"""


def write_rules(folder: Path, *rules: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = "pack: test\nrules:\n" + "".join(
        RULE.format(**{"scope": "indicator", "message": "测试 {indicator}", **r}) for r in rules
    )
    (folder / "rules.yaml").write_text(text, "utf-8")
    return folder


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "jxlint-cache"))


@pytest.fixture(scope="module")
def seed_doc():
    return read_path(SEED)


@pytest.fixture(scope="module")
def baseline(seed_doc):
    """The seed's findings with the shipped rules only."""
    return Engine(load_ruleset()).lint_document(seed_doc)


@pytest.fixture
def boom_check():
    """A throwaway check that always raises, removed again after the test."""

    @check("test_boom", params=())
    def boom(form, options, env):
        raise RuntimeError("boom in the check")
        yield  # pragma: no cover - a generator, like the real checks

    yield "test_boom"
    CHECKS.pop("test_boom", None)


def _key(f):
    return (f.rule, f.span, f.severity, f.message, f.form_index, f.indicator)


# -- rule isolation ---------------------------------------------------------------------------


def test_a_check_that_raises_gives_one_internal_error_per_form(tmp_path, seed_doc, baseline, boom_check):
    rules = write_rules(
        tmp_path / "rules",
        {"id": "JX990", "name": "always-fails", "scope": "form", "body": "    check: {name: test_boom}"},
    )
    found = Engine(load_ruleset([rules])).lint_document(seed_doc)
    internal = [f for f in found if f.rule == "JX000"]
    assert [f.form_index for f in internal] == [form.index for form in seed_doc.forms]
    for f, form in zip(internal, seed_doc.forms, strict=True):
        assert f.name == "internal-error" and f.severity == "error"
        assert "JX990" in f.message and "always-fails" in f.message
        assert form.project_name in f.message and f.form_name == form.project_name
        assert "boom in the check" in f.message
        assert form.span.line <= f.span.line <= form.span.end_line
    others = [f for f in found if f.rule != "JX000"]
    assert [_key(f) for f in others] == [_key(f) for f in baseline]


def test_a_check_that_raises_part_way_reports_the_error_alone(tmp_path, seed_doc, baseline):
    """Hits a check yielded before it raised are not reported: the rule's error stands alone."""

    @check("test_half_boom", params=())
    def half_boom(form, options, env):
        yield Hit(form.span)
        raise RuntimeError("boom after a hit")

    try:
        rules = write_rules(
            tmp_path / "rules",
            {"id": "JX992", "name": "fails-part-way", "scope": "form", "body": "    check: {name: test_half_boom}"},
        )
        found = Engine(load_ruleset([rules])).lint_document(seed_doc)
    finally:
        CHECKS.pop("test_half_boom", None)
    assert not [f for f in found if f.rule == "JX992"]
    internal = [f for f in found if f.rule == "JX000"]
    assert [f.form_index for f in internal] == [form.index for form in seed_doc.forms]
    assert all("boom after a hit" in f.message for f in internal)
    assert [_key(f) for f in found if f.rule != "JX000"] == [_key(f) for f in baseline]


def test_a_condition_that_raises_stops_only_its_rule_on_that_form(tmp_path, seed_doc, baseline):
    # abs(name) raises on every indicator: one JX000 per form, at the first indicator.
    rules = write_rules(tmp_path / "rules", {"id": "JX991", "name": "bad-condition", "body": "    when: abs(name) > 0"})
    found = Engine(load_ruleset([rules])).lint_document(seed_doc)
    internal = [f for f in found if f.rule == "JX000"]
    assert Counter(f.form_index for f in internal) == Counter(form.index for form in seed_doc.forms)
    for f, form in zip(internal, seed_doc.forms, strict=True):
        assert "JX991" in f.message and form.project_name in f.message
        assert f.indicator == form.indicators[0].name
        assert f.span == form.indicators[0].name_span
    assert [_key(f) for f in found if f.rule != "JX000"] == [_key(f) for f in baseline]


def test_a_rule_whose_indicator_part_raises_still_reports_its_error(tmp_path, seed_doc, baseline):
    # The rule reads the form, so the runner first judges its indicator part (abs(name) > 0)
    # once per identity; that part raises, and the rule must still run and say so.
    body = "    when: abs(name) > 0 and form.year > 2000"
    rules = write_rules(tmp_path / "rules", {"id": "JX992", "name": "bad-gate", "body": body})
    ruleset = load_ruleset([rules])
    assert ruleset.get("JX992").gate is not None
    found = Engine(ruleset).lint_document(seed_doc)
    internal = [f for f in found if f.rule == "JX000"]
    assert Counter(f.form_index for f in internal) == Counter(form.index for form in seed_doc.forms)
    assert all("JX992" in f.message for f in internal)
    assert [_key(f) for f in found if f.rule != "JX000"] == [_key(f) for f in baseline]


def test_internal_error_in_english(tmp_path, seed_doc, boom_check):
    rules = write_rules(
        tmp_path / "rules",
        {"id": "JX990", "name": "always-fails", "scope": "form", "body": "    check: {name: test_boom}"},
    )
    found = Engine(load_ruleset([rules]), lang="en").lint_document(seed_doc)
    first = next(f for f in found if f.rule == "JX000")
    assert first.message.startswith("rule JX990 (always-fails) failed on form 1")
    assert "the other rules ran" in first.message


def test_the_throwaway_check_is_gone_after_the_test():
    assert "test_boom" not in CHECKS


# -- selection and severity -------------------------------------------------------------------


def test_selection_picks(seed_doc, baseline):
    rs = load_ruleset()
    rule = rs.get("JX209")
    assert Selection().picks(rule)
    assert Selection(select=("JX2",)).picks(rule)
    assert Selection(select=("JX20",)).picks(rule)
    assert not Selection(select=("JX21",)).picks(rule)
    assert Selection(select=("vague-qualitative-target",)).picks(rule)
    assert not Selection(select=("vague",)).picks(rule)  # names match whole
    assert not Selection(ignore=("JX2",)).picks(rule)
    assert not Selection(select=("JX2",), ignore=("vague-qualitative-target",)).picks(rule)
    assert not Selection(severity={"JX209": "off"}).picks(rule)
    assert Selection(select=("ALL",)).picks(rule)
    assert Selection(select=("JX301",), extend=("JX209",)).picks(rule)


def test_disabled_rule_runs_only_when_selected(tmp_path, seed_doc):
    rules = write_rules(
        tmp_path / "rules",
        {"id": "JX992", "name": "off-by-default", "body": '    enabled: false\n    when: contains(name, "等")'},
    )
    rs = load_ruleset([rules])
    assert not any(f.rule == "JX992" for f in Engine(rs).lint_document(seed_doc))
    for selection in (Selection(select=("JX992",)), Selection(extend=("off-by-default",)), Selection(select=("ALL",))):
        assert [f.span.line for f in Engine(rs, selection).lint_document(seed_doc) if f.rule == "JX992"] == [21]


def test_severity_override_applies_to_every_finding_of_the_rule(seed_doc, baseline):
    found = Engine(load_ruleset(), Selection(severity={"JX209": "error", "timeliness-without-deadline": "warning"}))
    found = found.lint_document(seed_doc)
    assert {f.severity for f in found if f.rule == "JX209"} == {"error"}
    assert {f.severity for f in found if f.rule == "JX210"} == {"warning"}
    assert Counter(f.rule for f in found) == Counter(f.rule for f in baseline)


def test_case_severity_and_message(seed_doc, baseline):
    # JX304's fourth case is info with its own message; its other cases warn.
    jx304 = [f for f in baseline if f.rule == "JX304"]
    assert {f.severity for f in jx304} == {"warning", "info"}
    assert all("可持续影响指标" in f.message for f in jx304 if f.severity == "info")


# -- messages ---------------------------------------------------------------------------------


def test_placeholders_are_filled(baseline):
    jx202 = next(f for f in baseline if f.rule == "JX202" and f.indicator == "非编人员满意度")
    assert jx202.message.startswith("指标「非编人员满意度」可以量化，指标值却是“满意”")
    assert "{" not in jx202.message
    jx301 = next(f for f in baseline if f.rule == "JX301")
    assert "第 58 行" in jx301.message and "≥95.00(%)" in jx301.message and "≥90.00(%)" in jx301.message


def test_render():
    ctx = {"name": "甲", "target": None, "form": {"year": 2026}}
    assert render("{name}/{form.year}/{target.value}/{x}", ctx, {"x": "参数"}) == "甲/2026//参数"


def test_every_finding_message_is_filled_in_both_languages(seed_doc):
    for lang in ("zh", "en"):
        found = Engine(load_ruleset(), lang=lang).lint_document(seed_doc)
        assert found
        assert [f.message for f in found if "{" in f.message or "}" in f.message] == []


# -- a `when` on a check ----------------------------------------------------------------------


def test_when_filters_the_hits_of_a_check(tmp_path, seed_doc):
    rules = write_rules(
        tmp_path / "rules",
        {
            "id": "JX993",
            "name": "duplicate-satisfaction",
            "scope": "pair",
            "body": "    check: {name: duplicate_names}\n    when: is_satisfaction",
        },
        {
            "id": "JX994",
            "name": "duplicate-cost",
            "scope": "pair",
            "body": "    check: {name: duplicate_names}\n    when: is_cost",
        },
    )
    found = Engine(load_ruleset([rules]), Selection(select=("JX99",))).lint_document(seed_doc)
    assert [(f.rule, f.span.line, f.indicator) for f in found] == [("JX993", 59, "群众满意度")]


def test_when_filters_the_form_level_hits_of_a_check_too(tmp_path, seed_doc):
    # header_fields reports form-level hits (no indicator). A `when` that is false for every
    # form must remove them as it removes indicator hits; today form-level hits skip it.
    body = "    check: {name: header_fields, options: {fields: [不存在的栏目]}}\n    when: WHEN"
    rules = write_rules(
        tmp_path / "rules",
        {"id": "JX995", "name": "never-this-year", "scope": "form", "body": body.replace("WHEN", "form.year == 1999")},
        {"id": "JX996", "name": "always-this-year", "scope": "form", "body": body.replace("WHEN", "form.year == 2026")},
    )
    found = Engine(load_ruleset([rules]), Selection(select=("JX99",))).lint_document(seed_doc)
    assert Counter(f.rule for f in found) == Counter({"JX996": len(seed_doc.forms)})


# -- a check of the date family ---------------------------------------------------------------

FORM = """\
project_name: 业务培训
department: 某局
unit: 某中心
year: 2026
funds: {{unit: 元, total: "12000.00", appropriation: "12000.00", carryover: "0.00", other: "0.00"}}
plan: {{start: "2026-01-01", end: "2026-12-31"}}
goal: 计划举办3场培训。
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: 计划举办培训场次, target: "=3.00(场)"}}
  - {{level1: 产出指标, level2: 时效指标, name: 培训完成时间, target: "{deadline}"}}
"""


@pytest.mark.parametrize(
    ("deadline", "reported"),
    [("2026年12月底前", False), ("12月底前", False), ("2027年3月底前", True), ("次年3月底前", True)],
)
def test_deadline_outside_the_plan(deadline, reported):
    # 次年3月底前 is 2027-03-31 (year_offset 1), after the plan's end like 2027年3月底前.
    doc = read_bytes(textwrap.dedent(FORM.format(deadline=deadline)).encode("utf-8"), "form.yaml")
    found = Engine(load_ruleset(), Selection(select=("JX405",))).lint_document(doc)
    assert [f.span.line for f in found] == ([10] if reported else [])


# -- what is remembered across forms ----------------------------------------------------------

COST_FORM = FORM.replace('total: "12000.00"', 'total: "{total}"').replace(
    'name: 培训完成时间, target: "{deadline}"', 'name: 培训总成本, target: "≤2.00(万元)"'
)


@pytest.mark.parametrize("totals", [("12000.00", "30000.00"), ("30000.00", "12000.00")])
def test_a_predicate_that_reads_the_form_is_judged_in_every_form(tmp_path, totals):
    # Local predicates (levels, name, target only) are remembered by the indicator's identity
    # across forms; one that reads the form must not be: the same row is over budget in the
    # form with 12,000 元 and within it in the form with 30,000 元.
    folder = write_rules(
        tmp_path / "rules", {"id": "JX990", "name": "over-funds", "body": "    when: priced and over_funds"}
    )
    text = (folder / "rules.yaml").read_text("utf-8")
    predicates = (
        'predicates:\n  priced: target.unit_kind == "currency"\n'
        "  over_funds: priced and target.normalized_value > form.funds.total.amount\n"
    )
    (folder / "rules.yaml").write_text(text.replace("rules:\n", predicates + "rules:\n", 1), "utf-8")
    engine = Engine(load_ruleset([folder]), Selection(select=("JX990",)))
    fired = []
    for total in totals:
        doc = read_bytes(textwrap.dedent(COST_FORM.format(total=total)).encode("utf-8"), "form.yaml")
        fired.append([f.indicator for f in engine.lint_document(doc)])
    assert fired == [["培训总成本"] if t == "12000.00" else [] for t in totals]


# -- level names: judged once per pair, the same answer in every form ---------------------------


def test_level_mismatch_says_what_is_wrong_with_each_pair_in_every_form():
    from dataclasses import replace

    from linter.engine.checks import Env
    from linter.engine.levels import Levels
    from linter.model import Indicator
    from linter.targets import parse_target

    doc = read_bytes(textwrap.dedent(FORM.format(deadline="2026年12月底前")).encode("utf-8"), "form.yaml")
    pairs = [
        ("产出指标", "数量指标"),  # right
        ("投入指标", "数量指标"),  # unknown level-1
        ("产出指标", "成本指标"),  # the pre-2021 layout
        ("产出指标", "社会效益指标"),  # under another level-1
        ("效益指标", "好评指标"),  # unknown level-2
        ("效益指标", ""),  # no level-2
    ]
    rows = tuple(Indicator(k, l1, l2, f"指标{k}", parse_target("≥1(次)"), 10 + k) for k, (l1, l2) in enumerate(pairs))
    form = replace(doc.forms[0], indicators=rows)
    env = Env({}, {"pre2021_cost_layout_severity": "info"}, Levels())
    from linter.engine.checks.structure import level_mismatch

    runs = [list(level_mismatch(form, {}, env)) for _ in range(2)]
    assert runs[0] == runs[1]
    found = [(h.indicator.level1, h.indicator.level2, h.severity, h.params["expected"]) for h in runs[0]]
    assert found[0][:3] == ("投入指标", "数量指标", None) and "满意度指标" in found[0][3]
    assert found[1] == ("产出指标", "成本指标", "info", "成本指标（2021年起为一级指标）")
    assert found[2] == ("产出指标", "社会效益指标", None, "效益指标")
    assert found[3][:3] == ("效益指标", "好评指标", None) and "社会效益指标" in found[3][3]
    assert len(found) == 4


# -- name gates: what a case asks of the indicator's name, judged once per name ----------------


def test_one_name_with_other_targets_gets_each_targets_case(tmp_path):
    # The first case reads the target, the second only the name (its gate is its whole
    # condition, so it matches whatever the target once the name is judged). The same name
    # in two forms with other targets must still be judged case by case: 万元 picks the first
    # case, 场 the second; a name the gates rule out matches neither.
    body = (
        "    cases:\n"
        '      - when: ends_with(name, "次") and target.unit == "万元"\n'
        '        message: {zh: "金额", en: "money"}\n'
        '      - when: ends_with(name, "次")\n'
        '        message: {zh: "场次", en: "count"}\n'
    )
    rules = write_rules(tmp_path / "rules", {"id": "JX990", "name": "cases-by-name", "body": body})
    engine = Engine(load_ruleset([rules]), Selection(select=("JX990",)))
    found = []
    for target in ("≥2.00(万元)", "=3.00(场)", "≥2.00(万元)"):
        text = FORM.format(deadline="2026年12月底前").replace('"=3.00(场)"', f'"{target}"')
        doc = read_bytes(textwrap.dedent(text).encode("utf-8"), "form.yaml")
        found.append([(f.indicator, f.message) for f in engine.lint_document(doc)])
    assert found == [[("计划举办培训场次", "金额")], [("计划举办培训场次", "场次")], [("计划举办培训场次", "金额")]]


def test_name_gates_change_no_finding(seed_doc):
    # The shipped rules on the review corpus, with their name gates and with every case
    # evaluated in full: the same findings.
    from dataclasses import replace

    folder = ROOT / "fixtures" / "review"
    review = sorted(folder.rglob("*.txt")) + sorted(folder.rglob("*.yaml"))
    docs = [seed_doc] + [read_path(p) for p in review if p.name != "expectations.yaml"]
    gated = load_ruleset()
    assert sum(c.name_gate is not None for r in gated.rules for c in r.cases) >= 20
    plain = load_ruleset()
    for rule in plain.rules:
        rule.cases = tuple(replace(c, name_gate=None, name_only=False) for c in rule.cases)
    for doc in docs:
        with_gates = [_key(f) for f in Engine(gated).lint_document(doc)]
        assert with_gates == [_key(f) for f in Engine(plain).lint_document(doc)]
