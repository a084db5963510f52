"""The annual goal text against the indicators: a quantity the goal states (计划举办3场,
每个月安排专家鉴定36人次) must agree with the indicator that counts the same thing."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from linter.engine.checks import Env, Hit, check, is_negative_name, threshold
from linter.findings import Related
from linter.model import Form, Indicator, Span

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_COUNT_UNITS = "人次|人|场|次|件|页|份|个|户|家|所|名|项|期|批|套|台|辆|条|座|张"
_QUANTITY = re.compile(
    # the lookahead names the characters a quantity starts with: the search gives up at once
    # where none stands, instead of trying every prefix and numeral (40% faster on goals)
    r"(?=[约大不至达超\d一二两三四五六七八九十])"
    r"(约|大约|不少于|不低于|至少|达到|超过)?"
    r"(\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九十]{1,3})"
    rf"\s*({_COUNT_UNITS})(?!性)(左右|以上|及以上)?"
)
_CLAUSE = re.compile(r"[^，。；;,\n]+")
_PER_TIME = (("每个月", 12), ("每月", 12), ("每季度", 4), ("每周", 52), ("每半年", 2), ("每年", 1), ("全年", 1))
_ANY_PER_TIME = re.compile("|".join(re.escape(w) for w, _ in _PER_TIME))  # most clauses have none
_PER_ITEM = re.compile(r"每(场|次|期|批|班|户|人)")
_STOP = set("的和与及等在于了为对是数量次人个年月日每均计划安排进行完成开展全")
_STOP_OR_ASCII = _STOP.union(map(chr, range(128)))  # what a quantity's words are compared without


class Stated(NamedTuple):
    """A quantity stated in the goal text (a named tuple: goals are read in every form)."""

    value: Decimal
    unit: str
    floor: bool  # 不少于 …, 以上
    approx: bool  # 约 …, 左右
    per: str | None  # 每场 …: a per-item quantity; compared only with the same per-item
    yearly: int  # how many periods a year (每月 → 12); 1 for a yearly or unstated period
    clause: str
    chars: frozenset[str]
    start: int  # offset of the quantity in the goal text
    end: int


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    if text == "十":
        return Decimal(10)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return Decimal(_NUMERALS.get(tens, 1) * 10 + _NUMERALS.get(ones, 0))
    return Decimal(_NUMERALS[text]) if text in _NUMERALS else None


def stated_quantities(goal: str, units: Container[str] | None = None) -> list[Stated]:
    """Every count the goal text states, with the clause around it; only those in `units`
    when given."""
    found = []
    for clause in _CLAUSE.finditer(goal):
        text = clause.group()
        for m in _QUANTITY.finditer(text):
            if units is not None and m.group(3) not in units:
                continue
            value = _number(m.group(2))
            if value is None:
                continue
            words = text[: m.start()] + text[m.end() :]
            yearly = next((n for w, n in _PER_TIME if w in text), 1) if _ANY_PER_TIME.search(text) else 1
            per = _PER_ITEM.search(text[: m.start()])
            found.append(
                Stated(
                    value=value,
                    unit=m.group(3),
                    floor=m.group(1) in ("不少于", "不低于", "至少", "超过") or m.group(4) in ("以上", "及以上"),
                    approx=m.group(1) in ("约", "大约") or m.group(4) == "左右",
                    per=per.group() if per else None,
                    yearly=yearly,
                    clause=text.strip(),
                    chars=frozenset(filter(str.isalpha, set(words).difference(_STOP_OR_ASCII))),
                    start=clause.start() + m.start(),
                    end=clause.start() + m.end(),
                )
            )
    return found


def _indicator_period(name: str) -> tuple[str | None, int]:
    per = _PER_ITEM.match(name)
    yearly = next((n for w, n in _PER_TIME if name.startswith(w)), 1)
    return (per.group() if per else None), yearly


def _score(s: Stated, ind: Indicator) -> int:
    return len(s.chars & _name_chars(ind.name, ind.target.unit or ""))


def _name_chars(name: str, unit: str) -> frozenset[str]:
    """The characters of an indicator's name that say what it counts (not its unit's)."""
    return frozenset(name).difference(_STOP, unit)


def _disagrees(s: Stated, ind: Indicator, tolerance: Decimal) -> bool:
    t = ind.target
    per, yearly = _indicator_period(ind.name)
    if per != s.per:
        return False
    value = t.normalized_value
    if value is None:
        return False
    planned = s.value * s.yearly / yearly
    slack = planned * tolerance if s.approx else Decimal(0)
    if t.op in ("≥", ">"):
        return value < planned - slack
    if t.op in ("≤", "<"):
        return value < planned - slack  # a cap below the plan; a cap at the plan is JX204's
    return abs(value - planned) > slack


def _goal_span(form: Form, s: Stated) -> Span | None:
    """The span of the stated quantity inside the goal text, when the goal sits on one line."""
    g = form.goal
    if g is None or g.span is None or g.span.line != g.span.end_line:
        return g.span if g else None
    return Span(g.span.line, g.span.column + s.start, g.span.line, g.span.column + s.end, g.span.cell)


@check("goal_quantities", params=("stated", "clause", "planned"))
def goal_quantities(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A count stated in 年度总体目标 that disagrees with the indicator of the same unit whose
    name shares the most words with the sentence (at least two characters, and no tie).
    Approximate figures (约, 左右) may differ by the profile's `goal_tolerance`."""
    if form.goal is None or not form.goal.text:
        return
    counts = [
        i
        for i in form.indicators
        if i.target.unit_kind == "count" and i.target.is_quantitative and not is_negative_name(i.name, env.vocab)
    ]
    if not counts:
        return
    tolerance = threshold(env, "goal_tolerance", "0.1")
    best_for: dict[int, tuple[int, Stated]] = {}
    units = {i.target.unit_norm or i.target.unit for i in counts}
    for s in stated_quantities(form.goal.text, units):
        same_unit = [i for i in counts if (i.target.unit_norm or i.target.unit) == s.unit]
        scored = sorted(((_score(s, i), -i.index) for i in same_unit), reverse=True)
        if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            continue
        index = -scored[0][1]
        if index not in best_for or best_for[index][0] < scored[0][0]:
            best_for[index] = (scored[0][0], s)
    for index, (_, s) in sorted(best_for.items()):
        ind = form.indicators[index]
        if not _disagrees(s, ind, tolerance):
            continue
        span = _goal_span(form, s)
        planned = s.value * s.yearly / _indicator_period(ind.name)[1]
        yield Hit(
            ind.target_span or ind.name_span,
            ind,
            {
                "stated": f"{form.goal.text[s.start : s.end]}",
                "clause": s.clause,
                "planned": f"{planned.normalize():f}{s.unit}",
            },
            (Related(span, s.clause),) if span else (),
        )
