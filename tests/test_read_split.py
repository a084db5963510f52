"""The split-columns layout (三级指标 | 指标性质 | 指标值 | 度量单位 | 权重)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from linter.read import read_path, read_text

ROOT = Path(__file__).resolve().parent.parent
SPLIT = ROOT / "fixtures" / "forms" / "split-columns.txt"


def test_split_columns_form() -> None:
    doc = read_path(SPLIT)
    [form] = doc.forms
    assert form.template.id == "shanghai-split" and form.medium == "tsv" and form.year == 2026
    assert form.title.text == "项目支出绩效目标表"
    assert (form.project_name, form.department, form.unit) == (
        "社区居民健康讲座",
        "上海市某区卫生健康委员会",
        "上海市某区疾病预防控制中心",
    )
    funds = form.funds
    assert funds.unit == "万元"
    assert funds.total.amount == Decimal(360000) and funds.total.raw == "36.00"
    assert funds.appropriation.amount == Decimal(360000)
    assert funds.carryover.amount == 0 and funds.other.amount == 0
    assert form.plan_start.value.isoformat() == "2026-01-01"
    assert form.plan_end.value.isoformat() == "2026-12-31"
    assert form.plan_end.span.line == 5 and form.plan_end.span.column == 36
    assert form.goal.text.startswith("全年举办社区健康讲座24场")
    assert not form.problems
    assert len(form.indicators) == 9
    assert [i.weight for i in form.indicators] == [Decimal(w) for w in (15, 15, 10, 10, 10, 10, 10, 5, 15)]
    assert sum(i.weight for i in form.indicators) == 100


def test_split_columns_targets() -> None:
    form = read_path(SPLIT).forms[0]
    got = {
        i.name: (i.level1, i.level2, i.target.raw, i.target.kind, i.target.op, i.target.value, i.target.unit)
        for i in form.indicators
    }
    assert got["讲座覆盖居民人次"] == (
        "产出指标",
        "数量指标",
        "≥ 2400 人次",
        "comparison",
        "≥",
        Decimal(2400),
        "人次",
    )
    assert got["健康讲座场次"][2:] == ("= 24 场", "comparison", "=", Decimal(24), "场")
    assert got["讲座内容审核通过率"][1:] == (
        "质量指标",
        "= 100 %",
        "comparison",
        "=",
        Decimal(100),
        "%",
    )
    assert got["每场讲座平均成本"][:2] == ("成本指标", "经济成本指标")
    assert got["每场讲座平均成本"][4:] == ("≤", Decimal("1.5"), "万元")
    assert got["居民健康素养水平"][2:4] == ("明显提升", "qualitative")
    assert got["健康讲座长效机制"][1:4] == ("可持续影响指标", "建立", "qualitative")
    deadline = next(i for i in form.indicators if i.name == "讲座完成时间").target
    assert deadline.kind == "deadline" and deadline.raw == "≤ 2026-11-30 日期"
    assert deadline.deadline.isoformat() == "2026-11-30"


def test_split_columns_spans() -> None:
    form = read_path(SPLIT).forms[0]
    cover = form.indicators[1]
    # ≥ 2400 人次 spans from the 指标性质 cell to the 度量单位 cell of line 11.
    assert (cover.target_span.line, cover.target_span.column, cover.target_span.end_column) == (
        11,
        12,
        21,
    )
    word = form.indicators[6]
    assert (word.target_span.column, word.target_span.end_column) == (25, 29)  # 明显提升
    assert (cover.weight_span.column, cover.weight_span.end_column) == (22, 24)


def test_split_columns_with_drift() -> None:
    """Rows moved one column right (an extra empty leading cell) read the same."""
    lines = SPLIT.read_text(encoding="utf-8").split("\n")
    moved = [("\t" + ln if 10 <= n <= 18 else ln) for n, ln in enumerate(lines, start=1)]
    a = read_path(SPLIT).forms[0]
    b = read_text("\n".join(moved), "s.txt").forms[0]
    key = [(i.level1, i.level2, i.name, i.target.raw, i.weight) for i in a.indicators]
    assert [(i.level1, i.level2, i.name, i.target.raw, i.weight) for i in b.indicators] == key
    assert not b.problems


def test_split_columns_missing_nature_and_bad_weight() -> None:
    text = (
        "项目支出绩效目标表\n项目名称\t测试\n"
        "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重(%)\n"
        "产出指标\t数量指标\t培训场次\t\t24\t场\t十\n"
        "\t\t≥\t90\t%\t10\n"
    )
    form = read_text(text, "s.txt").forms[0]
    first, second = form.indicators
    assert (first.name, first.target.value, first.target.unit, first.weight) == (
        "培训场次",
        Decimal(24),
        "场",
        None,
    )
    assert second.name == "" and second.target.op == "≥"
    codes = [(p.code, p.span.line) for p in form.problems]
    assert codes == [("bad-number", 4), ("target-without-name", 5)]
