"""Text media (linter.read.textmedia): the seed's forms written in every medium by
fixtures/layouts/make_text_media.py read back to the tab source's cells and model."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from linter.api import lint_text
from linter.output.model_json import form_json
from linter.read import read_text
from linter.read.cells import norm
from linter.read.text import slice_span
from linter.read.textmedia import detect_medium, split_as, split_text, text_rows

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "fixtures" / "layouts"

ROLES = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "指标值": "target",
    "年度指标值": "target",
    "年度(/项目)指标值": "target",
    "指标性质": "operator",
    "度量单位": "unit",
    "计量单位": "unit",
    "权重": "weight",
    "权重(%)": "weight",
    "分值": "weight",
    "指标值说明": "note",
    "备注": "note",
}


def role(text: str) -> str | None:
    return ROLES.get(norm(text))


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_text_media", LAYOUTS / "make_text_media.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _load_generator()
MEDIUM_OF = {
    "pipe.md": "pipe-rows",
    "pipe-sparse.md": "pipe-rows",
    "cells.txt": "pipe-cells",
    "lines.txt": "cell-lines",
    "lines-loose.txt": "cell-lines",
    "spaces.txt": "spaces",
    "space1.txt": "spaces",
    "runon.txt": "run-together",
}
CASES = [
    (src, path, MEDIUM_OF[suffix])
    for src in GEN.sources()
    for (path, suffix) in zip(GEN.outputs(src), GEN.MEDIA, strict=True)
]
IDS = [p.name for _, p, _ in CASES]


def texts(rows) -> list[list[str]]:
    return [[c.text for c in r.filled] for r in rows if r.filled]


def test_generated_media_files_are_up_to_date():
    assert GEN.main(["--check"]) == 0, "run python fixtures/layouts/make_text_media.py"
    assert MEDIUM_OF.keys() == GEN.MEDIA.keys()


@pytest.mark.parametrize(("source", "path", "medium"), CASES, ids=IDS)
def test_medium_is_told_by_content(source, path, medium):
    text = path.read_text("utf-8")
    assert detect_medium(text, role) == medium
    assert detect_medium(source.read_text("utf-8"), role) == "tsv"


# Media whose rows the text marks: every form comes back row by row. In the others (single
# spaces, run together, one cell a line without row boundaries) a row is rebuilt from the
# vocabulary, the column labels and the target grammar: exact for the seed's forms, and for
# every form no text is lost or moved.
EXACT = {"pipe.md", "pipe-sparse.md", "cells.txt", "lines.txt", "spaces.txt"}
SEED_FORMS = set(GEN.SEED_FORMS)


def _suffix(path: Path) -> str:
    return next(s for s in GEN.MEDIA if path.name.endswith("." + s))


@pytest.mark.parametrize(("source", "path", "medium"), CASES, ids=IDS)
def test_medium_rows_hold_the_tab_source_cells(source, path, medium):
    text = path.read_text("utf-8")
    found, rows, problems = split_text(text, role)
    assert found == medium
    for row in rows:
        for cell in row.filled:
            assert slice_span(text, cell.span) == cell.text
    want = texts(text_rows(source.read_text("utf-8")))
    exact = _suffix(path) in EXACT or source in SEED_FORMS
    if exact:
        assert problems == []
    if path.name.endswith(".lines-loose.txt"):
        # no row boundaries in the text: the same cells in order; the table rows as the source's
        assert [t for row in texts(rows) for t in row] == [t for row in want for t in row]
        if exact:
            assert _table_rows(texts(rows)) == _table_rows(want)
    elif exact:
        assert texts(rows) == want
    else:  # each line's text is in its cells, or in a problem naming what was not split
        lost = {p.span.line: slice_span(text, p.span) for p in problems}
        for lineno, line in enumerate(text.split("\n"), 1):
            row = [c.text for r in rows if r.filled and r.line == lineno for c in r.filled]
            assert "".join([*row, lost.get(lineno, "")]).replace(" ", "") == line.replace(" ", "")


def _table_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows from each indicator table's header row to the next title."""
    out, inside = [], False
    for row in rows:
        if row[0] == "一级指标":
            inside = True
        elif len(row) == 1 and "绩效目标" in row[0]:
            inside = False
        if inside:
            out.append(row)
    return out


_PLACES = {"line", "col", "message_zh", "message_en", "medium"}


def _model(text: str) -> tuple[str, list]:
    doc = read_text(text, "form.txt")
    return doc.medium, [_without_places(form_json(f, "utf-8")) for f in doc.forms]


def _without_places(value):
    """A model without its places (spans, lines, and the messages that name a line)."""
    if isinstance(value, dict):
        return {k: _without_places(v) for k, v in value.items() if "span" not in k and k not in _PLACES}
    if isinstance(value, list):
        return [_without_places(v) for v in value]
    return value


# Today's reader places a split-columns row's cells by their columns: a medium that does not
# write empty cells gives the same model once the header-driven reader reads the families.
# A tab text with a quoted cell over two lines (Excel's copy of a wrapped cell: "经济效益⏎指标")
# is read as one cell (linter.read.quoted); the other media write those lines as they stand, so
# the two halves of the cell fall in different rows: only its rows are compared.
def _quoted_over_lines(text: str) -> bool:
    return any(cell.startswith('"') and cell.count('"') == 1 for line in text.split("\n") for cell in line.split("\t"))


MODEL_CASES = [
    (s, p, m)
    for s, p, m in CASES
    if (s in SEED_FORMS or p.name.endswith(".pipe.md")) and not _quoted_over_lines(s.read_text("utf-8"))
]


@pytest.mark.parametrize(("source", "path", "medium"), MODEL_CASES, ids=[p.name for _, p, _ in MODEL_CASES])
def test_medium_parses_to_the_tab_source_model(source, path, medium):
    want_medium, want = _model(source.read_text("utf-8"))
    got_medium, got = _model(path.read_text("utf-8"))
    assert (want_medium, got_medium) == ("tsv", medium)
    assert got == want


SPLIT_SOURCE = ROOT / "fixtures" / "forms" / "split-columns.txt"


@pytest.mark.parametrize(
    "path", [p for src, p, _ in CASES if src == SPLIT_SOURCE and not p.name.endswith("runon.txt")], ids=lambda p: p.name
)
def test_columns_rebuilt_against_the_header(path):
    """split-columns.txt has no drift: every table cell stands in its header's column, and
    each medium gives the same column (empty cells dropped or not)."""
    want = [[(c.text, c.col) for c in r.filled] for r in text_rows(SPLIT_SOURCE.read_text("utf-8")) if r.filled]
    got = [[(c.text, c.col) for c in r.filled] for r in split_text(path.read_text("utf-8"), role)[1] if r.filled]

    def table(rows):
        return rows[next(i for i, row in enumerate(rows) if row[0][0] == "一级指标") :]

    assert table(got) == table(want)


def test_run_together_columns_of_a_split_sign_row():
    text = "一级指标二级指标三级指标指标性质指标值度量单位权重(%)\n产出指标数量指标健康讲座场次=24场15\n"
    rows = split_as(text, "run-together", role)[0]
    assert [(c.text, c.col) for c in rows[1].filled] == [
        ("产出指标", 0),
        ("数量指标", 1),
        ("健康讲座场次", 2),
        ("=", 3),
        ("24", 4),
        ("场", 5),
        ("15", 6),
    ]


SEED_CASES = [(s, p, m) for s, p, m in CASES if s in SEED_FORMS]
_LINE_WORDS = re.compile(r"第 ?\d+ ?行|line \d+")


def _findings(text: str) -> list[tuple[str, str]]:
    return sorted((f.rule, _LINE_WORDS.sub("L", f.message)) for f in lint_text(text, "form.txt"))


@pytest.mark.parametrize(("source", "path", "medium"), SEED_CASES, ids=[p.name for _, p, _ in SEED_CASES])
def test_seed_forms_give_the_same_findings_in_every_medium(source, path, medium):
    """`jxlint check` finds the same in every medium: nothing caused by the medium's reading."""
    assert _findings(path.read_text("utf-8")) == _findings(source.read_text("utf-8"))
