"""Properties of the text-media splitters (linter.read.textmedia), bounded hypothesis runs:
tab text is never read as another medium, every cell's span slices back to its text, and
the media that mark their rows give back the rows a tab form was written with."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from linter.read.text import line_offsets, slice_span
from linter.read.textmedia import MEDIA, split_as, split_text, text_rows
from tests.test_read_media import role

EXAMPLES = int(os.environ.get("JXLINT_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_spec = importlib.util.spec_from_file_location(
    "make_text_media", Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "make_text_media.py"
)
assert _spec is not None and _spec.loader is not None
GEN = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(GEN)

# Cell texts with the words the splitters look for: levels, column and header labels,
# targets, titles; and any short text (no white space, no pipe: the media part cells by those).
POOL = [
    "产出指标",
    "数量指标",
    "成本指标",
    "经济成本指标",
    "满意度指标",
    "服务对象满意度指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标性质",
    "度量单位",
    "权重",
    "项目名称",
    "主管部门",
    "年度资金申请总额",
    "绩效指标",
    "≥95%",
    "≤15.00(人)",
    "及时",
    "有效",
    "2026-12-31",
    "=",
    "24",
    "场",
    "培训人次",
    "资金使用合规性",
    "财政项目支出绩效目标申报表",
    "(2026年度)",
]
_CHARS = "产出指标数量一二三级值项目名称及时有效≥≤=%()（）0123456789.-年月日人次场表绩效目申报"
CELL = st.sampled_from(POOL) | st.text(alphabet=_CHARS, min_size=1, max_size=8)
ROW = st.lists(CELL, min_size=0, max_size=7)
FORM = st.lists(ROW, min_size=1, max_size=14)


def _check_spans(text: str, rows) -> None:
    offsets = line_offsets(text)
    for row in rows:
        for cell in row.filled:
            assert cell.text and cell.text == cell.text.strip()
            assert slice_span(text, cell.span, offsets) == cell.text
            assert cell.span.line == cell.span.end_line


@SETTINGS
@given(FORM, st.sampled_from(["\n", "\r\n"]), st.data())
def test_tab_text_is_always_tsv_and_read_as_today(form, newline, data):
    lines = ["\t".join(row) for row in form]
    at = data.draw(st.integers(0, len(lines) - 1))
    lines[at] += "\t" + data.draw(st.text(max_size=4))  # a tab somewhere, whatever else is there
    text = newline.join(lines)
    medium, rows, problems = split_text(text, role)
    assert (medium, problems) == ("tsv", [])
    want = text_rows(text)
    assert [(r.line, r.filled, r.line_text) for r in rows] == [(r.line, r.filled, r.line_text) for r in want]


@SETTINGS
@given(st.text(alphabet=_CHARS + " |\n-:　", max_size=200), st.sampled_from(MEDIA))
def test_any_text_in_any_medium_spans_slice_back(text, medium):
    rows, problems = split_as(text, medium, role)
    _check_spans(text, rows)
    assert all(p.span is not None for p in problems)
    split_text(text, role)  # detection never fails either


@SETTINGS
@given(FORM, st.sampled_from(sorted(GEN.MEDIA)))
def test_a_tab_form_in_any_medium_spans_slice_back(form, suffix):
    tab_lines = [row if row else [""] for row in form]
    text = "\n".join(GEN.MEDIA[suffix](tab_lines))
    for medium in MEDIA[1:]:
        _check_spans(text, split_as(text, medium, role)[0])


# The media that mark each row: the rows come back as they were written.
MARKED = {"pipe.md": "pipe-rows", "pipe-sparse.md": "pipe-rows", "cells.txt": "pipe-cells", "spaces.txt": "spaces"}


@SETTINGS
@given(FORM, st.sampled_from(sorted(MARKED)))
def test_media_that_mark_rows_give_back_the_rows(form, suffix):
    assume(not any(all(re.fullmatch(r"-{2,}", c) for c in row) for row in form))  # a |---| line
    tab_lines = [row if row else [""] for row in form]
    text = "\n".join(GEN.MEDIA[suffix](tab_lines))
    rows = split_as(text, MARKED[suffix], role)[0]
    want = [[c for c in row] for row in form if row and not (len(row) == 1 and suffix.startswith("pipe"))]
    got = [[c.text for c in r.filled] for r in rows if r.filled]
    if suffix.startswith("pipe"):  # a one-cell line stands as plain text: not a pipe row
        got = [cells for cells, r in zip(got, [r for r in rows if r.filled], strict=True) if "|" in _line(text, r)]
    assert got == want


def _line(text: str, row) -> str:
    return text.split("\n")[row.line - 1]
