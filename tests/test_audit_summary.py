"""The audit model: records, the verdict policy and the batch figures."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

import pytest
from audit_factory import (
    DEPT,
    EXPECTED,
    HOSTILE_NAME,
    RULES,
    UNIT,
    build,
    corpus,
    make_finding,
    make_form,
)

from linter.audit import REPORT_FORMATS, render_report
from linter.audit.summary import PASS, RETURN, AuditSummary, FormRecord, Policy, records_for_file


def test_figures_match_the_hand_counted_batch():
    s = build()
    assert s.files_read == EXPECTED["files_read"]
    assert s.forms_read == EXPECTED["forms_read"]
    assert s.findings_total == EXPECTED["findings"]
    assert s.severity_counts == {
        "error": EXPECTED["errors"],
        "warning": EXPECTED["warnings"],
        "info": EXPECTED["infos"],
    }
    assert s.forms_with_errors == EXPECTED["forms_with_errors"]
    assert s.forms_with_warnings == EXPECTED["forms_with_warnings"]
    assert s.forms_without_funds == 1
    assert s.money_total == EXPECTED["money_total"]
    assert s.money_in_forms_with_errors == EXPECTED["money_with_errors"]
    assert s.money_returned == EXPECTED["money_with_errors"]  # default policy: errors return
    assert s.verdicts == {PASS: EXPECTED["pass"], RETURN: EXPECTED["return"]}
    assert {r.rule: r.findings for r in s.by_rule} == EXPECTED["by_rule"]
    assert {c.category: c.findings for c in s.by_category} == EXPECTED["by_category"]
    money = {g.name: g.money for g in s.by_department}
    assert money == EXPECTED["by_department_money"]


def test_figures_agree_with_the_records():
    records, errors, notices = corpus()
    s = AuditSummary.build(records, errors, notices, RULES, "zh")
    forms = [r for r in records if r.form_index is not None]
    assert s.forms_read == len(forms)
    assert s.money_total == sum((r.funds_total for r in forms if r.funds_total), Decimal(0))
    assert s.findings_total == sum(len(r.findings) for r in records)
    assert sum(r.findings for r in s.by_rule) == s.findings_total
    assert sum(c.findings for c in s.by_category) == s.findings_total
    assert sum(g.forms for g in s.by_unit) == s.forms_read
    assert sum(g.money for g in s.by_unit) == s.money_total
    assert sum(s.verdicts.values()) == s.forms_read


def test_rule_rows_carry_titles_and_form_counts():
    s = build()
    jx310 = next(r for r in s.by_rule if r.rule == "JX310")
    assert (jx310.name, jx310.category, jx310.title("zh")) == (
        "vague-target",
        "相关性",
        "指标值未量化",
    )
    assert jx310.title("en") == "Target is not quantified"
    assert jx310.forms == 3  # 编外人员 (twice), hostile, 甲|乙
    jx101 = next(r for r in s.by_rule if r.rule == "JX101")
    assert jx101.forms == 0  # file-level only
    assert s.by_rule[0].rule == "JX310"  # most findings first


def test_categories_keep_the_fixed_order_even_when_empty():
    s = AuditSummary.build([], [], [], {}, "zh")
    assert [c.category for c in s.by_category] == ["完整性", "适当性", "相关性", "可行性"]
    assert all(c.findings == 0 for c in s.by_category)
    assert s.money_total == 0 and s.forms_read == 0


def test_department_and_unit_rows():
    s = build()
    dept = next(g for g in s.by_department if g.name == DEPT)
    assert (dept.forms, dept.findings, dept.errors, dept.warnings, dept.returned) == (2, 4, 1, 3, 1)
    unit = next(g for g in s.by_unit if g.name == UNIT)
    assert unit.money == Decimal("2404995.00")
    empty = next(g for g in s.by_unit if g.name == "")
    assert (empty.forms, empty.money) == (1, Decimal("1234.56"))


def test_forms_are_sorted_and_the_order_of_records_does_not_matter():
    records, errors, notices = corpus()
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    a = AuditSummary.build(records, errors, notices, RULES, "zh")
    b = AuditSummary.build(shuffled, errors[::-1], notices[::-1], RULES, "zh")
    assert [(f.path, f.form_index) for f in a.forms] == sorted((f.path, f.form_index) for f in a.forms)
    for fmt in REPORT_FORMATS:
        assert render_report(a, fmt) == render_report(b, fmt), fmt


def test_from_form_takes_the_target_and_funds():
    form = make_form("a.txt", 3, "项目", "部门", "单位", "15.31", [("产出指标", "数量指标", "人数", "≥5(人)")])
    rec = FormRecord.from_form(form, [make_finding(form, "JX310", "m", 0)], Policy())
    assert rec.funds_total == Decimal("15.31")
    assert (rec.form_index, rec.indicator_count, rec.year) == (3, 1, 2026)
    (row,) = rec.findings
    assert (row.indicator, row.target, row.rule, row.line) == ("人数", "≥5(人)", "JX310", 11)
    assert rec.verdict == PASS


def test_records_for_file_keeps_loose_findings_per_file():
    f1 = make_form("x.txt", 1, "一", "", "", "1", [("产出指标", "数量指标", "甲", "1")])
    f2 = make_form("x.txt", 2, "二", "", "", "2", [("产出指标", "数量指标", "乙", "2")])
    stray = replace(make_finding(f1, "JX201", "names form 9", 0), form_index=9)
    findings = [
        make_finding(f2, "JX201", "in form 2", 0),
        make_finding(None, "JX101", "no form", path="x.txt"),
        stray,
    ]
    records = records_for_file("x.txt", [f1, f2], findings, Policy())
    assert [(r.form_index, len(r.findings)) for r in records] == [(1, 0), (2, 1), (None, 2)]
    assert records[1].verdict == RETURN and records[0].verdict == PASS
    s = AuditSummary.build(records, [], [], RULES)
    assert s.forms_read == 2 and len(s.file_records) == 1
    assert s.findings_total == 3 and s.forms_with_errors == 1


@pytest.mark.parametrize(
    ("policy", "severities", "verdict"),
    [
        (Policy(), [], PASS),
        (Policy(), ["warning"] * 10 + ["info"], PASS),
        (Policy(), ["info", "error"], RETURN),
        (Policy(max_warnings=2), ["warning", "warning"], PASS),
        (Policy(max_warnings=2), ["warning"] * 3, RETURN),
        (Policy(max_warnings=0), ["warning"], RETURN),
        (Policy(return_on=("error", "warning")), ["warning"], RETURN),
        (Policy(return_on=()), ["error"], PASS),
        (Policy(return_on=["info"]), ["info"], RETURN),
    ],
)
def test_policy_verdicts(policy, severities, verdict):
    assert policy.verdict(severities) == verdict


@pytest.mark.parametrize("kwargs", [{"return_on": ("fatal",)}, {"max_warnings": -1}, {"max_warnings": True}])
def test_policy_rejects_bad_settings(kwargs):
    with pytest.raises(ValueError):
        Policy(**kwargs)


def test_a_stricter_policy_changes_verdicts_and_returned_money():
    s = build(policy=Policy(max_warnings=1))
    # 编外人员 has 2 warnings; 甲|乙 has 1; errors still return 工伤鉴定 and the hostile form.
    assert s.verdicts == {PASS: 3, RETURN: 3}
    assert s.money_returned == Decimal("711100.50") + Decimal("1693995.00")
    returned = {f.project_name for f in s.forms if f.verdict == RETURN}
    assert returned == {"编外人员工作经费", "工伤鉴定", HOSTILE_NAME}


def test_unknown_format_and_language_are_errors():
    s = build()
    with pytest.raises(ValueError, match="pdf"):
        render_report(s, "pdf")
    with pytest.raises(ValueError, match="fr"):
        render_report(s, "html", lang="fr")
    assert REPORT_FORMATS == ("html", "xlsx", "md", "csv", "json")
