"""The layout fixtures themselves (fixtures/layouts/<family>/): each form has a hand-written oracle
(<name>.expect.yaml) that validates against tests/data/layout-expect.schema.json, agrees with the
form's text (every expected name, target, extra, header value and amount is in the form), and is
clean where a reviewer would look first: the funds add up (as Decimal), weights and scores add up.

The reader's test against these oracles is separate; this file only keeps the oracles honest.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "fixtures" / "layouts"
SCHEMA = json.loads((ROOT / "tests" / "data" / "layout-expect.schema.json").read_text("utf-8"))
FAMILIES = SCHEMA["$defs"]["family"]["enum"]

FORMS = sorted(LAYOUTS.glob("*/*.txt"))
EXPECTS = sorted(LAYOUTS.glob("*/*.expect.yaml"))

# A total is the sum of the parts the form writes beside it (those present in the expect file).
SUMS = {
    "total": ("appropriation", "carryover", "other", "own", "central", "provincial", "municipal", "county",
              "project_spending", "basic_spending"),
    "appropriation": ("general_budget", "gov_fund", "state_capital"),
    "midterm_total": ("midterm_appropriation", "midterm_other"),
}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _expect(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _as_json(data: dict) -> dict:
    """Dates that YAML read as date objects become ISO strings, as the schema wants them."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def _rows(path: Path) -> list[list[str]]:
    """The form's rows as Excel puts them on the clipboard: tabs between cells, quotes around a cell
    with a line break in it."""
    text = path.read_text("utf-8")
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t") if any(c.strip() for c in row)]


def _pairs() -> list[tuple[Path, Path]]:
    return [(p, p.with_name(p.name[: -len(".txt")] + ".expect.yaml")) for p in FORMS]


def _ids(pairs: list[tuple[Path, Path]]) -> list[str]:
    return [f"{t.parent.name}/{t.stem}" for t, _ in pairs]


PAIRS = _pairs()


def _money(value: str) -> Decimal:
    return Decimal(value)


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(m.replace(",", "")) for m in NUMBER.findall(text)}


def _indicator_row(rows: list[list[str]], ind: dict) -> list[str] | None:
    """The row that holds this indicator: its name (or ★ + name) in a cell, and its target as one cell
    or, for split columns, its op, value and unit (joined by single spaces in the oracle) as cells."""
    parts = ind["target"].split(" ")
    for row in rows:
        cells = [c.strip() for c in row]
        named = ind["name"] is None or ind["name"] in cells or "★" + ind["name"] in cells
        if named and (ind["target"] in cells or all(p in cells for p in parts)):
            return cells
    return None


def test_there_is_a_form_for_every_family():
    assert FORMS, "no fixtures under fixtures/layouts"
    families = {p.parent.name for p in FORMS}
    assert families == set(FAMILIES), f"families without forms: {set(FAMILIES) - families}"


def test_every_form_has_an_oracle_and_every_oracle_a_form():
    forms = {p.with_name(p.name[: -len(".txt")]) for p in FORMS}
    oracles = {p.with_name(p.name[: -len(".expect.yaml")]) for p in EXPECTS}
    assert forms == oracles


@pytest.mark.parametrize(("form", "oracle"), PAIRS, ids=_ids(PAIRS))
def test_oracle_validates_against_the_schema(form: Path, oracle: Path):
    data = _expect(oracle)
    jsonschema.validate(_as_json(data), SCHEMA)
    assert data["template"] == form.parent.name
    if data.get("notice") == "evaluation-index":
        assert data["forms"] == []
    else:
        assert data["forms"], "a target form's oracle lists at least one form"


@pytest.mark.parametrize(("form", "oracle"), PAIRS, ids=_ids(PAIRS))
def test_funds_add_up(form: Path, oracle: Path):
    for f in _expect(oracle)["forms"]:
        funds = f.get("funds")
        if not funds:
            continue
        for total, parts in SUMS.items():
            present = [funds[p] for p in parts if p in funds]
            if total in funds and present:
                assert sum(map(_money, present), Decimal(0)) == _money(funds[total]), (f["title"], total)
        if "midterm_total" in funds and "total" in funds:
            assert _money(funds["midterm_total"]) >= _money(funds["total"])
        if "duties" in f and "total" in funds:
            assert sum((_money(d["amount"]) for d in f["duties"]), Decimal(0)) == _money(funds["total"])
        written = _numbers(form.read_text("utf-8"))
        for key, value in funds.items():
            if key != "unit":
                assert _money(value) in written, f"{key} {value} is not written in the form"


@pytest.mark.parametrize(("form", "oracle"), PAIRS, ids=_ids(PAIRS))
def test_every_row_has_the_same_number_of_cells(form: Path, oracle: Path):
    """Excel copies a rectangle: every row as many cells as the widest, empty ones kept."""
    widths = {len(row) for row in _rows(form)}
    assert len(widths) == 1, widths


@pytest.mark.parametrize(("form", "oracle"), PAIRS, ids=_ids(PAIRS))
def test_expected_cells_are_in_the_form(form: Path, oracle: Path):
    rows = _rows(form)
    text = form.read_text("utf-8")
    cells = {c.strip() for row in rows for c in row}
    for f in _expect(oracle)["forms"]:
        assert f["title"] in text and str(f["year"]) in text
        for label, value in (f.get("header") or {}).items():
            assert any(value in c for c in cells), f"header {label}={value} not in the form"
        if "goal" in f:
            assert any(c.startswith(f["goal"]) for c in cells), f"goal {f['goal']!r} does not start a cell"
        widths = set()
        for ind in f["indicators"]:
            row = _indicator_row(rows, ind)
            assert row is not None, f"no row holds {ind['name']} with target {ind['target']!r}"
            widths.add(len(row))
            for role, value in (ind.get("extras") or {}).items():
                if role != "core":
                    assert value in row, f"{ind['name']}: {role} {value!r} is not in its row"
                else:
                    assert "★" + ind["name"] in row
        assert len(widths) == 1, f"{f['title']}: indicator rows of different widths {widths}"


@pytest.mark.parametrize(("form", "oracle"), PAIRS, ids=_ids(PAIRS))
def test_weights_and_scores_add_up(form: Path, oracle: Path):
    for f in _expect(oracle)["forms"]:
        extras = [ind.get("extras") or {} for ind in f["indicators"]]
        execution = f.get("execution") or {}
        weights = [Decimal(e["weight"]) for e in extras if "weight" in e]
        if weights:
            assert len(weights) == len(extras), "weights on some indicators only"
            assert sum(weights) + Decimal(execution.get("weight", "0")) == 100
        scores = [Decimal(e["score"]) for e in extras if "score" in e]
        for e in extras:
            if "score" in e and "weight" in e:
                assert Decimal(e["score"]) <= Decimal(e["weight"])
        if "total_score" in f:
            assert sum(scores) + Decimal(execution.get("score", "0")) == Decimal(f["total_score"])
        if "rate" in execution:
            rate = _money(execution["executed"]) / _money(execution["budget"]) * 100
            assert abs(rate - Decimal(execution["rate"].rstrip("%"))) < Decimal("0.01")


@pytest.mark.parametrize(("form", "oracle"), PAIRS, ids=_ids(PAIRS))
def test_plan_is_inside_the_year(form: Path, oracle: Path):
    for f in _expect(oracle)["forms"]:
        plan = f.get("plan")
        if plan:
            assert plan["start"] <= plan["end"]
            assert plan["start"].year <= f["year"] <= plan["end"].year


def test_fixtures_carry_no_web_address():
    for path in [*FORMS, *EXPECTS, LAYOUTS / "README.md"]:
        assert not re.search(r"https?://|www\.", path.read_text("utf-8")), path
