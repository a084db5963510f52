"""The seed's forms read from .docx and .xlsx give the seed's findings; only where they point
differs (a cell instead of a line and column of text)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from linter.api import lint_paths
from linter.config import Config

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "forms" / "seed.txt"
OFFICE = ROOT / "fixtures" / "office"


def _key(f) -> tuple:
    return (f.rule, f.severity, f.form_name, f.indicator, f.message.split("（第")[0])


@pytest.fixture(scope="module")
def text_findings() -> Counter:
    return Counter(_key(f) for f in lint_paths([SEED], Config()).findings)


@pytest.mark.parametrize("name", ["seed.docx", "seed.xlsx"])
def test_office_forms_give_the_seed_findings(name: str, text_findings: Counter) -> None:
    findings = lint_paths([OFFICE / name], Config()).findings
    seed_forms = [f for f in findings if f.form_name != "社区居民健康讲座"]  # the xlsx also holds the split layout
    assert Counter(_key(f) for f in seed_forms) == text_findings
    assert all(f.span.cell for f in findings)  # every finding names its cell
    # office cells are never rewritten: a fix is a description whose edits name cells
    assert all(e.span.cell for f in findings if f.fix for e in f.fix.edits)


def test_xlsx_finding_names_the_sheet_cell() -> None:
    findings = lint_paths([OFFICE / "seed.xlsx"], Config()).findings
    dup = next(f for f in findings if f.rule == "JX301")
    assert dup.span.cell == "绩效目标表!D59"
    assert (dup.span.line, dup.span.column) == (59, 4)


def test_split_layout_sheet_is_clean() -> None:
    findings = lint_paths([OFFICE / "seed.xlsx"], Config()).findings
    assert [f for f in findings if f.form_name == "社区居民健康讲座" and f.severity != "info"] == []


def test_bad_office_file_does_not_stop_the_others(tmp_path: Path) -> None:
    result = lint_paths([OFFICE / "bad" / "corrupt.xlsx", OFFICE / "bad" / "old.doc", SEED], Config())
    assert {Path(e.path).name for e in result.errors} == {"corrupt.xlsx", "old.doc"}
    assert any(f.rule == "JX301" for f in result.findings)
