"""`Indicator` and `Target` are plain slotted dataclasses (their fields read fast; see
linter/model.py), so nothing but this test stops a reader's post-processing or a check from
assigning to one. A target is shared by every row that writes the same text: a check that
changed one would change other rows and other forms."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from linter.api import Linter
from linter.config import Config
from linter.findings import sort_findings
from linter.output import FORMATS, Report, render
from linter.read import read_path

ROOT = Path(__file__).resolve().parent.parent
FORMS = sorted([*ROOT.glob("fixtures/forms/*"), *ROOT.glob("fixtures/layouts/*/*.txt")])


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter.create(Config())


def test_the_forms_exist():
    assert len(FORMS) > 20


@pytest.mark.parametrize("path", FORMS, ids=lambda p: str(p.relative_to(ROOT)))
def test_linting_changes_no_model_value(path: Path, linter: Linter):
    doc = read_path(path)
    before = copy.deepcopy(doc.forms)
    linter.lint_document(doc)
    assert doc.forms == before
    # the same targets read again are the objects the rules saw, unchanged
    again = read_path(path)
    assert again.forms == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_changes_a_finding(fmt: str, linter: Linter):
    """Findings, too, are plain slotted dataclasses (linter/findings.py): outputs only format them."""
    path = ROOT / "fixtures/forms/seed.txt"
    doc = read_path(path)
    findings = sort_findings(linter.lint_document(doc))
    assert findings
    before = copy.deepcopy(findings)
    rules = {r.id: r.info("zh") for r in linter.ruleset.rules}
    render(fmt, Report(findings, {doc.path: doc.text}, list(doc.forms), rules))
    assert findings == before
