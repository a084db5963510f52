"""Checks on the form's completeness: header fields, level-1 and level-2 presence, level
names, and what the reader could not place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from linter.engine.checks import Env, Hit, check
from linter.model import Form

_STRINGS = {"type": "array", "items": {"type": "string"}}


@check(
    "header_fields",
    options={"fields": _STRINGS, "of": {"enum": ["required", "expected"]}},
    params=("field",),
)
def header_fields(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A header field is absent or empty. Options: `of` — the fields the form's template
    (rules/layouts/) `required` or `expected`; or `fields`, a list of its own. Names are header
    labels (项目名称, 主管部门, 实施单位 …) or the special names plan (the plan period: its start
    and end, or 项目期), plan_start, plan_end, funds_total."""
    names = options.get("fields") or getattr(form.template, options.get("of", "required"))
    for name in names:
        if name == "plan":
            present = any(d is not None and d.raw.strip() != "" for d in (form.plan_start, form.plan_end))
            label = "项目期（计划开始/完成日期）"
        elif name == "plan_start":
            present = form.plan_start is not None and form.plan_start.raw.strip() != ""
            label = "计划开始日期"
        elif name == "plan_end":
            present = form.plan_end is not None and form.plan_end.raw.strip() != ""
            label = "计划完成日期"
        elif name == "funds_total":
            present = form.funds.total is not None
            label = "年度资金总额"
        else:
            found = form.header_field(name)
            present = found is not None and found.value.strip() != ""
            label = name
        if not present:
            span = form.title.span or form.span
            yield Hit(span, params={"field": label})


@check(
    "required_levels",
    options={
        "levels": _STRINGS,
        "when_threshold": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "info_levels": _STRINGS,
    },
    params=("level",),
)
def required_levels(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A required 一级指标 has no indicator. Options: `levels` always required;
    `when_threshold` {threshold name: [levels]} required when that profile threshold is true
    (成本指标 under the Shanghai profile); `info_levels` reported at info (满意度指标)."""
    present = {env.levels.canonical1(i.level1) for i in form.indicators}
    # Pre-2021 layout: 成本指标 as a level-2 under 产出指标 still counts as present.
    present |= {env.levels.canonical1(i.level2) for i in form.indicators if i.level2 == "成本指标"}
    required = list(options.get("levels", ()))
    for threshold, levels in options.get("when_threshold", {}).items():
        if env.thresholds.get(threshold):
            required += levels
    span = form.title.span or form.span
    for level in required:
        if level not in present:
            yield Hit(span, params={"level": level})
    for level in options.get("info_levels", ()):
        if level not in present:
            yield Hit(span, params={"level": level}, severity="info")


@check(
    "required_level2",
    options={"level1": {"type": "string"}, "levels": _STRINGS},
    params=("level", "parent"),
)
def required_level2(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """Under `level1` (产出指标), each of `levels` (数量指标, 质量指标, 时效指标) has an indicator.
    Silent when the form has no indicator under `level1` at all (required_levels says that),
    and when no row of the form names a level 2 (a template without a 二级指标 column, 浙江)."""
    parent = options.get("level1", "产出指标")
    rows = [i for i in form.indicators if env.levels.canonical1(i.level1) == parent]
    if not rows or not any(i.level2 for i in form.indicators):
        return
    present = {i.level2 for i in rows}
    first = rows[0]
    for level in options.get("levels", ()):
        if level not in present:
            yield Hit(first.level1_span or first.name_span, first, {"level": level, "parent": parent})


@check("level_mismatch", params=("level1", "level2", "expected"))
def level_mismatch(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A 二级指标 under the wrong 一级指标, or an unknown level name. 成本指标 as a 二级指标
    under 产出指标 (the pre-2021 layout) is reported at the profile's
    `pre2021_cost_layout_severity`."""
    misplaced = env.levels.misplaced
    for ind in form.indicators:
        wrong = misplaced(ind.level1, ind.level2)
        if wrong is None:
            continue
        what, expected = wrong
        params = {"level1": ind.level1, "level2": ind.level2, "expected": expected}
        span = ind.level2_span or ind.level1_span or ind.name_span
        if what == "level1":
            yield Hit(ind.level1_span or span, ind, params)
        elif what == "legacy":
            yield Hit(span, ind, params, severity=str(env.thresholds.get("pre2021_cost_layout_severity", "warning")))
        else:
            yield Hit(span, ind, params)


@check("reader_problems", options={"codes": _STRINGS, "exclude": _STRINGS}, params=("problem",))
def reader_problems(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """What the reader could not place (a cell it could not classify, a form cut off, a
    number or date it could not read). Options: `codes` to keep only some problem codes,
    `exclude` to leave some to other rules."""
    codes = set(options.get("codes", ())) or None
    exclude = set(options.get("exclude", ()))
    for p in form.problems:
        if (codes is None or p.code in codes) and p.code not in exclude:
            yield Hit(p.span or form.span, params={"problem": p.message(env.lang), "code": p.code})
