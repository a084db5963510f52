"""Every span the readers report points at exactly the text it claims; readers never raise
anything but ReadError, whatever the input."""

from __future__ import annotations

import json
import os
import random
import re
from decimal import Decimal

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.model import Document, Span
from linter.read import ReadError, read_bytes, read_text
from linter.read.cells import label_key
from linter.read.decode import split_lines
from linter.read.header import header_words
from linter.read.levels import load_levels
from linter.read.text import line_offsets, slice_span

_WS = re.compile(r"\s+")


def _check_bounds(lines: list[str], span: Span, what: str) -> None:
    assert 1 <= span.line <= span.end_line <= len(lines), (what, span)
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (what, span)
    assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, (what, span)
    assert (span.line, span.column) <= (span.end_line, span.end_column), (what, span)


def _readings(written: str) -> list[str]:
    """What `written`, the text under a structured value's span, may stand for: a JSON or YAML
    double-quoted scalar's inside (\\u001f, \\x1F), a YAML single-quoted one's (it''s), or a
    whole quoted scalar that runs over lines."""
    candidates = [(json.loads, f'"{written}"'), (yaml.safe_load, f'"{written}"'), (yaml.safe_load, f"'{written}'")]
    if written[:1] in ("'", '"') and written[-1:] == written[:1]:  # the whole quoted scalar
        candidates.append((yaml.safe_load, written))
    found = []
    for load, text in candidates:
        try:
            value = load(text)
        except (ValueError, yaml.YAMLError):
            continue
        if isinstance(value, str):
            found.append(value)
    return found


def assert_spans(doc: Document) -> int:
    """Check every span of `doc` against its text; return how many were checked."""
    text = doc.text
    lines = split_lines(text)
    offs = line_offsets(text)
    vocab = load_levels()
    checked = 0

    def at(span: Span, what: str) -> str:
        nonlocal checked
        _check_bounds(lines, span, what)
        checked += 1
        return slice_span(text, span, offs)

    def writes(span: Span, what: str, value: str, structured: bool) -> bool:
        """The text under `span` is `value`, as written or (structured input) with its JSON
        or YAML escapes decoded."""
        written = at(span, what)
        return written == value or (structured and value in _readings(written))

    for form in doc.forms:
        structured = form.medium in ("yaml", "json")
        at(form.span, "form")
        if form.title.span is not None:
            assert at(form.title.span, "title") == form.title.text
        if form.year_span is not None:
            assert str(form.year) in at(form.year_span, "year")
        for h in form.header:
            if h.value_span is not None:
                assert writes(h.value_span, h.label, h.value, structured)
            if h.label_span is not None and not structured:
                # the label as the reader keys it (unit suffix and a bracket of figures off:
                # 项目名称(2026年度) is 项目名称)
                key = header_words().cell(at(h.label_span, h.label)).key or label_key(at(h.label_span, h.label))
                assert header_words().fields.get(key, key) == h.label
        for name in ("total", "appropriation", "carryover", "other", "project_total"):
            money = getattr(form.funds, name)
            if money is not None and money.span is not None:
                assert writes(money.span, name, money.raw, structured)
        for date in (form.plan_start, form.plan_end):
            if date is not None and date.span is not None:
                assert writes(date.span, "date", date.raw, structured)
        if form.goal is not None and form.goal.span is not None:
            assert writes(form.goal.span, "goal", form.goal.text, structured)
        for ind in form.indicators:
            where = f"{form.path}:{ind.line}"
            if ind.name_span is not None:
                assert writes(ind.name_span, where, ind.name, structured)
            else:
                assert ind.name == ""
            for level, span in ((ind.level1, ind.level1_span), (ind.level2, ind.level2_span)):
                if span is not None:
                    written = at(span, where)
                    as2 = vocab.as_level2(written)
                    # a cell reads as its level 1 or its level 2 (满意度指标 is both: 服务对象满意度指标)
                    assert level in (written, vocab.as_level1(written), as2.name if as2 else None), (where, written)
            if ind.target_span is not None:
                written = at(ind.target_span, where)
                if not (structured and written.startswith("{")):
                    assert _WS.sub(" ", written) == _WS.sub(" ", ind.target.raw), where
            if ind.weight_span is not None:
                assert Decimal(at(ind.weight_span, where).rstrip("%")) == ind.weight
        for p in form.problems:
            if p.span is not None:
                written = at(p.span, p.code)
                if p.code in ("unplaced-cell", "unknown-level", "target-without-name"):
                    assert _WS.sub(" ", written) in _WS.sub(" ", p.message_zh + p.message_en)
    for p in doc.problems:
        if p.span is not None:
            at(p.span, p.code)
    return checked


# ---- the seed and its variants ------------------------------------------------------------


def test_seed_spans(seed_text: str) -> None:
    doc = read_text(seed_text, "seed.txt")
    # Per form: its extent, title, year, 7 header labels and values, 4 amounts, 2 dates,
    # the goal; per indicator row (62): level1, level2, name, target.
    assert assert_spans(doc) == 5 * 24 + 62 * 4


def test_variant_spans(seed_text: str) -> None:
    for data in (
        seed_text.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + seed_text.encode("utf-8"),
        b"\xff\xfe" + seed_text.replace("\n", "\r").encode("utf-16-le"),
        seed_text.encode("gb18030"),
    ):
        assert assert_spans(read_bytes(data, "seed.txt")) == 5 * 24 + 62 * 4


def test_structured_spans() -> None:
    from conftest import FIXTURES

    for name in ("split-columns.yaml", "split-columns.json", "split-columns.txt"):
        doc = read_bytes((FIXTURES / "forms" / name).read_bytes(), name)
        assert assert_spans(doc) > 9 * 4


# ---- properties ----------------------------------------------------------------------------

_PIECES = [
    "\t",
    "\t\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "产出指标",
    "成本指标",
    "数量指标",
    "时效指标",
    "效益指标",
    "满意度指标",
    "服务对象满意度指标",
    "经济成本指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标性质",
    "度量单位",
    "权重(%)",
    "项目名称",
    "主管部门",
    "实施单位",
    "计划开始日期",
    "2026-13-45",
    "2026-01-01",
    "项目期",
    "至",
    "项目资金（万元）",
    "年度资金申请总额",
    "其他资金",
    "1,234.50",
    "12,34",
    "年度总体目标",
    "财政项目支出绩效目标申报表",
    "项目支出绩效目标表",
    "(2026年度)",
    "≥95.00(%)",
    "≤",
    "=",
    "定性",
    "及时",
    "满意",
    "—",
    "2026年12月底前",
    "xyz",
    "成效指标",
    "绩效 指标",
    "社会公众或服务对象满意度指标",
    "\u3000",
]


@settings(
    max_examples=int(os.environ.get("JXLINT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=80))
@example(["二级指标指标性质\n满意度指标产出指标产出指标"])  # 满意度指标 read as its level 2 (found by hypothesis)
def test_arbitrary_text_reads_or_raises_read_error(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        doc = read_text(text, "x.txt")
    except ReadError as exc:
        assert str(exc).startswith("x.txt")
        return
    assert doc.forms
    assert_spans(doc)


@settings(max_examples=int(os.environ.get("JXLINT_EXAMPLES", "150")), deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.txt", "x.json", "x.yaml", "x"]))
def test_arbitrary_bytes_read_or_raise_read_error(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name)
    except ReadError as exc:
        assert exc.path == name and exc.message_zh and exc.message_en
        return
    assert_spans(doc)


_JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.sampled_from(["≥95%", "产出指标", "2026-02-30", "1,000.00", "万元"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "forms",
                    "indicators",
                    "name",
                    "target",
                    "funds",
                    "total",
                    "unit",
                    "plan",
                    "start",
                    "level1",
                    "year",
                    "op",
                    "value",
                    "weight",
                    "goal",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=int(os.environ.get("JXLINT_EXAMPLES", "150")), deadline=None)
@given(_JSONISH)
def test_structured_values_read_or_raise_read_error(value: object) -> None:
    for name, data in (
        ("x.json", json.dumps(value, ensure_ascii=False).encode("utf-8")),
        ("x.yaml", yaml.safe_dump(value, allow_unicode=True).encode("utf-8")),
    ):
        try:
            doc = read_bytes(data, name)
        except ReadError as exc:
            assert exc.path == name
            continue
        assert_spans(doc)


def test_an_escaped_structured_value_spans_what_is_written() -> None:
    for name, data, written in (
        ("x.json", b'{"unit": "\\u001f"}', "\\u001f"),
        ("x.yaml", b'unit: "\\x1F"\n', "\\x1F"),
    ):
        doc = read_bytes(data, name)
        [field] = doc.forms[0].header
        assert field.value == "\x1f" and field.value_span is not None
        assert slice_span(doc.text, field.value_span, line_offsets(doc.text)) == written


@pytest.mark.parametrize("value", ["\x1f", "it's: x", "é\n", "a\\b", " x ", "#a", "a\tb"])
def test_quoted_and_escaped_structured_values_keep_their_spans(value: str) -> None:
    for name, data in (
        ("x.json", json.dumps({"unit": value}, ensure_ascii=False).encode("utf-8")),
        ("x.yaml", yaml.safe_dump({"unit": value}, allow_unicode=True).encode("utf-8")),
    ):
        doc = read_bytes(data, name)
        assert doc.forms[0].header[0].value == value
        assert assert_spans(doc) > 0


@settings(max_examples=int(os.environ.get("JXLINT_EXAMPLES", "60")), deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffled_seed_rows(seed_text: str, rnd: random.Random) -> None:
    lines = seed_text.split("\n")
    rnd.shuffle(lines)
    try:
        doc = read_text("\n".join(lines), "seed.txt")
    except ReadError:
        return
    assert_spans(doc)


@pytest.mark.parametrize("seed_value", range(20))
def test_seed_rows_with_cells_dropped(seed_text: str, seed_value: int) -> None:
    rnd = random.Random(seed_value)
    lines = []
    for line in seed_text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1 and rnd.random() < 0.3:
            del cells[rnd.randrange(len(cells))]
        lines.append("\t".join(cells))
    assert_spans(read_text("\n".join(lines), "seed.txt"))
