"""The office fixtures read into the same forms as the text originals they were typed from.

seed.docx / seed.xlsx (sheet 绩效目标表) hold the five forms of fixtures/forms/seed.txt,
sheet 拆分列 the form of fixtures/forms/split-columns.txt. Everything a rule can see must
be equal, apart from spans and `Form.medium`.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from linter.model import Form
from linter.read import read_path

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "fixtures" / "office"
FORMS_DIR = ROOT / "fixtures" / "forms"


def essence(form: Form) -> dict:
    """What a form says, without where it stood."""
    funds = form.funds
    money = {
        name: (m.amount, m.raw) if m is not None else None
        for name, m in (
            ("total", funds.total),
            ("appropriation", funds.appropriation),
            ("carryover", funds.carryover),
            ("other", funds.other),
            ("project_total", funds.project_total),
        )
    }
    dates = [(d.raw, d.value) if d else None for d in (form.plan_start, form.plan_end)]
    return {
        "title": form.title.text,
        "year": form.year,
        "header": [(h.label, h.value) for h in form.header],
        "unit": funds.unit,
        "money": money,
        "dates": dates,
        "goal": form.goal.text if form.goal else None,
        "indicators": [(i.index, i.level1, i.level2, i.name, i.target, i.weight) for i in form.indicators],
        "problems": sorted((p.code, p.message_zh) for p in form.problems),
    }


@pytest.fixture(scope="module")
def seed_text():
    return read_path(FORMS_DIR / "seed.txt")


@pytest.fixture(scope="module")
def seed_docx():
    return read_path(OFFICE / "seed.docx")


@pytest.fixture(scope="module")
def seed_xlsx():
    return read_path(OFFICE / "seed.xlsx")


def test_docx_reads_the_seed_forms(seed_text, seed_docx):
    assert [len(f.indicators) for f in seed_docx.forms] == [8, 20, 10, 7, 17]
    assert [essence(f) for f in seed_docx.forms] == [essence(f) for f in seed_text.forms]
    assert {f.medium for f in seed_docx.forms} == {"docx"}
    assert [f.index for f in seed_docx.forms] == [1, 2, 3, 4, 5]
    assert seed_docx.problems == ()
    assert (seed_docx.medium, seed_docx.encoding, seed_docx.newline, seed_docx.text) == ("docx", "", "", "")


def test_docx_lines_count_paragraphs_and_table_rows(seed_text, seed_docx):
    """The document mirrors seed.txt line for line up to form 2; a paragraph, a 3-row
    table and a blank paragraph replace one blank line before form 3 (+5 lines)."""
    for n, (text_form, docx_form) in enumerate(zip(seed_text.forms, seed_docx.forms, strict=True)):
        shift = 0 if n < 2 else 5
        assert [i.line for i in docx_form.indicators] == [i.line + shift for i in text_form.indicators]


def test_xlsx_sheet_reads_the_seed_forms(seed_text, seed_xlsx):
    forms = seed_xlsx.forms[:5]
    assert sum(len(f.indicators) for f in forms) == 62
    assert [essence(f) for f in forms] == [essence(f) for f in seed_text.forms]
    # Row n of the sheet is line n of seed.txt.
    assert [[i.line for i in f.indicators] for f in forms] == [[i.line for i in f.indicators] for f in seed_text.forms]
    assert {f.medium for f in seed_xlsx.forms} == {"xlsx"}
    assert [f.index for f in seed_xlsx.forms] == [1, 2, 3, 4, 5, 6]


def test_xlsx_split_columns_sheet_reads_like_the_text(seed_xlsx):
    text = read_path(FORMS_DIR / "split-columns.txt")
    (expected,) = text.forms
    form = seed_xlsx.forms[5]
    assert form.span.cell.startswith("拆分列!")
    assert essence(form) == essence(expected)
    assert [i.line for i in form.indicators] == [i.line for i in expected.indicators]
    assert sum(i.weight for i in form.indicators) == 100
    assert form.funds.unit == "万元"


def test_seed_totals_add_up_in_every_office_form(seed_docx, seed_xlsx):
    """A batch over the seed: 2,894,185.00 元 in five forms, from either file."""
    for doc in (seed_docx, seed_xlsx):
        total = sum(f.funds.total.amount for f in doc.forms[:5])
        assert str(total) == "2894185.00"


def _members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {n: hashlib.sha256(zf.read(n)).hexdigest() for n in sorted(zf.namelist())}


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }


def test_fixture_script_is_deterministic_and_matches_the_committed_files(tmp_path):
    script = OFFICE / "make_office_fixtures.py"
    runs = [subprocess.Popen([sys.executable, str(script), str(tmp_path / out)]) for out in ("a", "b")]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    first, second = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert first == second  # byte-stable
    assert sorted(_digest(OFFICE)) == sorted(first)
    # The committed fixtures are what the script makes (compared member by member, so a
    # different zlib cannot fail it).
    for name in ("seed.docx", "seed.xlsx", "formula-no-cache.xlsx", "bad/huge-range.xlsx"):
        assert _members(OFFICE / name) == _members(tmp_path / "a" / name), name
