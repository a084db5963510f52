"""Every template family of fixtures/layouts/ reads to its hand-written oracle (<name>.expect.yaml):
the template recognised, the header fields, funds, plan, goal and every indicator with its
extras. The oracles were written from the forms, not from the reader's output."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from linter.model import Form
from linter.read import read_path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "fixtures" / "layouts"
# Known gaps, each failing until fixed (strict): say why here, not by loosening the oracle.
KNOWN_GAPS: dict[str, str] = {}


def _params(gaps: dict[str, str]) -> list:
    return [
        pytest.param(p, id=k, marks=pytest.mark.xfail(strict=True, reason=gaps[k]))
        if k in gaps
        else pytest.param(p, id=k)
        for p in sorted(LAYOUTS.glob("*/*.txt"))
        for k in [f"{p.parent.name}/{p.stem}"]
    ]


FORMS = _params(KNOWN_GAPS)
_FUNDS = {"total": "total", "appropriation": "appropriation", "carryover": "carryover", "other": "other"}
_FUNDS["midterm_total"] = "project_total"


def _expect(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.with_suffix(".expect.yaml").read_text("utf-8"))


def _indicators(form: Form) -> list[dict[str, Any]]:
    out = []
    for ind in form.indicators:
        row: dict[str, Any] = {"level1": ind.level1, "level2": ind.level2, "name": ind.name or None}
        row["target"] = ind.target.raw
        extras = {e.role: e.text for e in ind.extras if e.role not in ("operator", "value", "unit")}
        if ind.weight is not None:
            extras["weight"] = next(e for e in [*ind.extras, None] if e is None or e.role == "weight")
        row["extras"] = extras
        out.append(row)
    return out


def _expected_indicators(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "level1": it["level1"],
            "level2": it.get("level2") or "",
            "name": it.get("name"),
            "target": str(it.get("target", "")),
        }
        for it in items
    ]


@pytest.mark.parametrize("path", FORMS)
def test_family_form_reads_to_its_oracle(path: Path) -> None:
    expect = _expect(path)
    doc = read_path(path)
    if expect.get("notice"):
        assert not doc.forms and [p.code for p in doc.problems] == ["not-a-target-form"]
        return
    assert [f.template.id for f in doc.forms] == [expect["template"]] * len(expect["forms"])
    assert len(doc.forms) == len(expect["forms"])
    for form, want in zip(doc.forms, expect["forms"], strict=True):
        assert form.title.text.replace(" ", "") == want["title"].replace(" ", "")
        assert form.year == want["year"]
        header = {h.label: h.value for h in form.header}
        for label, value in (want.get("header") or {}).items():
            assert header.get(label) == value, label
        funds = want.get("funds") or {}
        if funds:
            assert form.funds.unit == funds["unit"]
            scale = Decimal(10000) if funds["unit"] == "万元" else Decimal(1)
            for key, field in _FUNDS.items():
                if key in funds:
                    money = getattr(form.funds, field)
                    assert money is not None and money.amount == Decimal(funds[key]) * scale, key
        plan = want.get("plan")
        if plan:
            assert form.plan_start is not None and form.plan_start.value == dt.date.fromisoformat(str(plan["start"]))
            assert form.plan_end is not None and form.plan_end.value == dt.date.fromisoformat(str(plan["end"]))
        if want.get("goal"):
            assert form.goal is not None and form.goal.text.startswith(want["goal"])
        got = _indicators(form)
        assert [{k: g[k] for k in ("level1", "level2", "name", "target")} for g in got] == _expected_indicators(
            want["indicators"]
        )
        for g, it in zip(got, want["indicators"], strict=True):
            for role, text in (it.get("extras") or {}).items():
                if role != "weight":
                    assert g["extras"].get(role) == str(text), (it.get("name"), role)


READING_RULES = ("JX101", "JX105", "JX106", "JX109")  # findings that come from misreading a form


@pytest.mark.parametrize("path", _params({k: v for k, v in KNOWN_GAPS.items() if k.startswith("central/")}))
def test_clean_family_form_gives_no_finding_of_misreading(path: Path) -> None:
    from linter.api import Linter

    doc = read_path(path)
    found = [f for f in Linter.create().lint_document(doc) if f.rule in READING_RULES]
    assert found == [], [(f.rule, f.span.line, f.message) for f in found]
