"""Shared by the condition-language tests: a context with one indicator of one form, and
shorthands to compile and evaluate an expression in it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from linter.engine.expr import Compiler, ExprError
from linter.engine.loader import INDICATOR_ROOTS
from linter.model import Form, Funds, HeaderField, Indicator, Money, Span, Target, Template, TextField

ROOT = Path(__file__).resolve().parent.parent

VOCAB = {"vague_words": ("保障", "有效"), "patterns": (r"率$", r"^每")}
THRESHOLDS = {"satisfaction_min": Decimal(85), "flag": True}
KEYS = {"vocab": frozenset(VOCAB), "threshold": frozenset(THRESHOLDS)}


def make_target(**kw) -> Target:
    base = dict(
        raw="≤15.31(万元)",
        kind="comparison",
        op="≤",
        value=Decimal("15.31"),
        unit="万元",
        unit_norm="元",
        scale=Decimal(10000),
        unit_kind="currency",
    )
    return Target(**{**base, **kw})


def make_context(target: Target | None = None, name: str = "人均用工成本") -> dict:
    target = target or make_target()
    ind = Indicator(
        index=0,
        level1="成本指标",
        level2="经济成本指标",
        name=name,
        target=target,
        line=17,
        name_span=Span(17, 4, 17, 10),
        target_span=Span(17, 11, 17, 22),
    )
    form = Form(
        path="a.txt",
        index=1,
        template=Template("shanghai"),
        medium="tsv",
        title=TextField("财政项目支出绩效目标申报表", Span(2, 1, 2, 14)),
        year=2026,
        header=(HeaderField("项目名称", "编外人员工作经费"), HeaderField("主管部门", "某局")),
        funds=Funds(total=Money(Decimal("1693995.00"), "1,693,995.00")),
        plan_start=None,
        plan_end=None,
        goal=TextField("确保非编人员合法权益得到保障。"),
        indicators=(ind,),
        span=Span(2, 1, 30, 1),
    )
    return {
        "form": form,
        "funds": form.funds,
        "goal": form.goal.text,
        "indicators": form.indicators,
        "year": form.year,
        "template": form.template.id,
        "medium": form.medium,
        "vocab": VOCAB,
        "threshold": THRESHOLDS,
        "indicator": ind,
        "target": ind.target,
        "name": ind.name,
        "level1": ind.level1,
        "level2": ind.level2,
    }


def compiler(predicates=None) -> Compiler:
    return Compiler(INDICATOR_ROOTS, KEYS, predicates or {})


def ev(source: str, ctx: dict | None = None):
    return compiler().compile(source)(make_context() if ctx is None else ctx)


def compile_error(source: str, roots=INDICATOR_ROOTS) -> ExprError:
    with pytest.raises(ExprError) as info:
        Compiler(roots, KEYS, {}).compile(source)
    return info.value
