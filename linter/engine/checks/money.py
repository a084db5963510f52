"""Checks on money: the funds block adds up, unit costs times planned quantities match the
annual funds, weights add up to 100."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Context, Decimal
from typing import Any

from linter.engine.checks import Env, Hit, check, is_negative_name, mentions_any, threshold
from linter.findings import Related
from linter.model import Form, Indicator

_WIDE = Context(prec=120)  # rounding products of in-range amounts (up to 10^40) never overflows


def yuan(amount: Decimal) -> str:
    """An amount of 元 as the forms write it: 1,693,995.00."""
    return f"{amount.quantize(Decimal('0.01'), context=_WIDE):,}"


@check("funds_sum", params=("total", "parts", "difference"))
def funds_sum(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """年度资金申请总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金 (beyond the profile's
    `funds_tolerance` in 元). Silent when the total or every part is missing. An absent
    source is not counted as 0: with one missing (many templates have other sources, 自有资金,
    事业收入 …), only parts that already exceed the total are reported."""
    f = form.funds
    sources = (f.appropriation, f.carryover, f.other)
    parts = [m for m in sources if m is not None]
    if f.total is None or not parts:
        return
    added = sum((m.amount for m in parts), Decimal(0))
    tolerance = threshold(env, "funds_tolerance", "0")
    complete = len(parts) == len(sources)
    if (complete and abs(f.total.amount - added) > tolerance) or (not complete and added - f.total.amount > tolerance):
        yield Hit(
            f.total.span,
            params={"total": yuan(f.total.amount), "parts": yuan(added), "difference": yuan(f.total.amount - added)},
            related=tuple(Related(m.span, m.raw) for m in parts if m.span is not None),
        )


# -- unit cost × quantity against the budget ------------------------------------------------

_PERIODS = {"每月": 12, "每个月": 12, "每季度": 4, "每季": 4, "每周": 52, "每半年": 2, "每年": 1}
_PER_ITEM = re.compile(r"^每(场|次|期|批|班|所|户|个|名|人)")
_STOP = set("的和与及等在于了为对是数量次人个年月日每均")
_ASCII = frozenset(map(chr, range(128)))
# A unit-cost name tells what it is per; prefer a count in a matching unit.
_PER_UNIT = (
    ("人(次)均", ("人次",)),
    ("人次均", ("人次",)),
    ("人均", ("人", "人次", "名")),
    ("每次", ("次",)),
    ("次均", ("次",)),
    ("每场", ("场",)),
    ("每张", ("页", "张")),
    ("每页", ("页",)),
    ("每份", ("件", "份")),
    ("每件", ("件",)),
    ("户均", ("户",)),
    ("亩均", ("亩",)),
)


def _is_cost(ind: Indicator, env: Env) -> bool:
    if ind.target.unit_kind != "currency" or not ind.target.is_quantitative:
        return False
    return env.levels.canonical1(ind.level1) == "成本指标" or ind.level2 == "成本指标"


def _is_unit_cost(ind: Indicator, env: Env) -> bool:
    markers = env.vocab.get("unit_cost_markers", ())
    return mentions_any(ind.name, markers) or "/" in (ind.target.unit_norm or "")


def _core(name: str, env: Env) -> frozenset[str]:
    """The characters of a unit cost's name that may match a count's."""
    return _core_chars(name, env.vocab.get("unit_cost_markers", ()), env.vocab.get("cost_words", ()))


def _core_chars(name: str, markers: tuple[str, ...], cost_words: tuple[str, ...]) -> frozenset[str]:
    for word in (*markers, *cost_words):
        name = name.replace(word, "")
    return frozenset(filter(str.isalnum, set(name).difference(_STOP, _ASCII)))


def _count_chars(name: str, unit: str) -> frozenset[str]:
    """The characters of a count's name that may match a cost's (not its unit's)."""
    return frozenset(name).difference(_STOP, unit)


def _per_units(cost_name: str) -> tuple[str, ...] | None:
    """The count units a unit cost's name says it is per (人均 → 人, 人次, 名), or None."""
    return next((units for marker, units in _PER_UNIT if marker in cost_name), None)


def _score(core: frozenset[str], per_units: tuple[str, ...] | None, count: Indicator) -> int:
    """How well `count` goes with a unit cost: the characters their names share (`core`
    is the cost's, see `_core`), plus one when its unit is one the cost is per."""
    score = len(core & _count_chars(count.name, count.target.unit or ""))
    if per_units is not None and (count.target.unit_norm or count.target.unit) in per_units:
        score += 1
    return score


def _plan_months(form: Form) -> int:
    """The months of the plan period (12 without plan dates)."""
    start = form.plan_start.value if form.plan_start else None
    end = form.plan_end.value if form.plan_end else None
    if start is None or end is None or end < start:
        return 12
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _is_monthly(cost: Indicator, env: Env) -> bool:
    """A cost per month (每月保洁服务费, 元/月): it goes with the months of the plan."""
    return cost.name.startswith(tuple(env.vocab.get("monthly_cost_markers", ()))) or (
        cost.target.unit_norm or ""
    ).endswith("/月")


def _quantity(count: Indicator, counts: list[Indicator]) -> tuple[Decimal, list[Indicator]] | None:
    """The planned yearly quantity of `count`, with the indicators it was multiplied by. A
    per-item count (每期参训人数) is multiplied by the count of items, found by its unit (期)
    or, when that count has no unit, by its name (培训期数)."""
    value = count.target.normalized_value
    if value is None:
        return None
    used = [count]
    for word, factor in _PERIODS.items():
        if count.name.startswith(word):
            value *= factor
            break
    m = _PER_ITEM.match(count.name)
    if m:
        per = [c for c in counts if c is not count and (c.target.unit or "").startswith(m.group(1))] or [
            c
            for c in counts
            if c is not count and c.target.unit is None and c.name.endswith((m.group(1) + "数", m.group(1) + "次"))
        ]
        if per and per[0].target.normalized_value is not None:
            value *= per[0].target.normalized_value
            used.append(per[0])
    return value, used


def _amount(ind: Indicator, months: int | None = None) -> str:
    """15.31万元, 15人: a target's number and unit as a term of the estimate (× the months
    for a monthly cost or a monthly count)."""
    t = ind.target
    value = t.value.normalize() if t.value is not None else t.value
    per_month = months is not None or ind.name.startswith(("每月", "每个月"))
    return f"{value:f}{t.unit or ''}" + (f" × {months or 12}" if per_month else "")


@check("unit_cost_budget", params=("estimate", "budget", "ratio", "formula"))
def unit_cost_budget(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """Unit costs × the planned quantities they go with (matched by the words their names
    share and by unit: 人均 ↔ 人, 每次 ↔ 次; 每月 quantities × 12; 每场 quantities × the number
    of 场), plus total costs, compared with the annual funds. Reported when off by more than
    the profile's `budget_tolerance`. Silent when any unit cost finds no quantity, and on a
    department-wide form (its funds are the whole department's, not one project's)."""
    total = form.funds.total
    if total is None or total.amount <= 0 or form.template.kind == "department":
        return
    costs = [i for i in form.indicators if _is_cost(i, env)]
    unit_costs = [i for i in costs if _is_unit_cost(i, env)]
    if not unit_costs:
        return
    counts = [
        i
        for i in form.indicators
        if (i.target.unit_kind == "count" or (i.target.unit is None and i.target.value is not None))
        and i.target.is_quantitative
        and i.target.op in (None, "=", "≥", "≤", ">")
        and not is_negative_name(i.name, env.vocab)
    ]
    estimate = Decimal(0)
    # the estimate's terms: each cost with the quantities it was multiplied by (none for a total)
    products: list[tuple[Indicator, list[Indicator]]] = []
    for cost in unit_costs:
        if _is_monthly(cost, env) and cost.target.normalized_value is not None:
            estimate += cost.target.normalized_value * _plan_months(form)
            products.append((cost, []))
            continue
        core, per_units = _core(cost.name, env), _per_units(cost.name)
        scored = sorted(((_score(core, per_units, c), -k) for k, c in enumerate(counts)), reverse=True)
        if not scored or scored[0][0] < 1:
            return
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return  # ambiguous: say nothing rather than guess
        quantity = _quantity(counts[-scored[0][1]], counts)
        if quantity is None or cost.target.normalized_value is None:
            return
        amount, with_ = quantity
        estimate += cost.target.normalized_value * amount
        products.append((cost, with_))
    totals = [c for c in costs if c not in unit_costs and mentions_any(c.name, env.vocab.get("total_cost_markers", ()))]
    for cost in costs:
        if cost in totals and len(costs) > len(totals):
            continue  # a total of the other cost rows: adding it would count them twice
        if cost not in unit_costs and cost.target.normalized_value is not None:
            estimate += cost.target.normalized_value
            products.append((cost, []))
    ratio = estimate / total.amount
    tolerance = threshold(env, "budget_tolerance", "0.2")
    if abs(ratio - 1) <= tolerance:
        return
    # the formula and the related cells, made only for a form that is reported
    months = _plan_months(form)
    terms = [
        " × ".join(_amount(i, months if i is cost and _is_monthly(cost, env) else None) for i in (cost, *with_))
        for cost, with_ in products
    ]
    used = [i for cost, with_ in products for i in (with_ or [cost])]
    first = unit_costs[0]
    yield Hit(
        first.target_span or first.name_span,
        first,
        {
            "estimate": yuan(estimate),
            "budget": yuan(total.amount),
            "ratio": f"{(ratio * 100).quantize(Decimal('0.1'), context=_WIDE)}%",
            "formula": " + ".join(terms),
        },
        tuple(Related(i.target_span, f"{i.name} {i.target.raw}") for i in used if i.target_span)
        + ((Related(total.span, total.raw),) if total.span else ()),
    )


@check(
    "weights_sum",
    options={
        "total": {"type": "number"},
        "outside_table": {
            "type": "object",
            "properties": {"names": {"type": "array", "items": {"type": "string"}}, "weight": {"type": "number"}},
        },
    },
    params=("sum",),
)
def weights_sum(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """Where the form has a 权重 column, the weights add up to `total` (100). `outside_table`:
    a share scored outside the indicator table when no row is named one of its `names` (a
    self-evaluation's 预算执行率 carries 10 under 财预〔2020〕10号: its table adds up to 90)."""
    weighted = [i for i in form.indicators if i.weight is not None]
    if not weighted:
        return
    total = sum((i.weight for i in weighted), Decimal(0))
    want = Decimal(str(options.get("total", 100)))
    outside = options.get("outside_table") or {}
    accepted = {want}
    if outside and not any(mentions_any(i.name, tuple(outside.get("names", ()))) for i in form.indicators):
        accepted.add(want - Decimal(str(outside.get("weight", 0))))
    if total not in accepted:
        yield Hit(weighted[0].weight_span or form.span, params={"sum": f"{total.normalize():f}"})
