"""Checks on dates: the plan period, and deadlines against it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from linter.engine.checks import Env, Hit, check, related
from linter.messages import say
from linter.model import DEADLINE, Form


@check("plan_dates", params=("start", "end", "problem"))
def plan_dates(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """The plan period is impossible: a date that does not exist, start after end, or a
    period outside the form's year (for a form of 2026, a plan must touch 2026)."""
    start, end = form.plan_start, form.plan_end
    for d in (start, end):
        if d is not None and d.raw.strip() and d.value is None:
            yield Hit(
                d.span or form.span,
                params={
                    "start": start.raw if start else "",
                    "end": end.raw if end else "",
                    "problem": say("not-a-date", env.lang, raw=d.raw),
                },
            )
            return
    if start is None or end is None or start.value is None or end.value is None:
        return
    params = {"start": start.value.isoformat(), "end": end.value.isoformat()}
    if start.value > end.value:
        yield Hit(
            start.span or form.span,
            params=params | {"problem": say("start-after-end", env.lang)},
            related=related(end.span, end.raw),
        )
    elif form.year is not None and not (start.value.year <= form.year <= end.value.year):
        yield Hit(
            start.span or form.span,
            params=params | {"problem": say("plan-outside-year", env.lang, year=form.year)},
            related=related(form.year_span, str(form.year)),
        )


def _deadline(form: Form, target) -> dt.date | None:
    """The last allowed day; a deadline without a year is taken in the form's year."""
    from linter.targets import deadline_in

    if target.deadline is not None:
        return target.deadline
    year = form.year or (form.plan_end.value.year if form.plan_end and form.plan_end.value else None)
    return deadline_in(target, year) if year else None


@check("deadline_in_plan", params=("deadline", "start", "end"))
def deadline_in_plan(form: Form, options: Mapping[str, Any], env: Env) -> Iterable[Hit]:
    """A deadline target after the plan's end date or before its start (a deadline without a
    year, 12月底前, is taken in the form's year)."""
    start = form.plan_start.value if form.plan_start else None
    end = form.plan_end.value if form.plan_end else None
    if start is None and end is None:
        return
    for ind in form.indicators:
        if ind.target.kind != DEADLINE:
            continue
        when = _deadline(form, ind.target)
        if when is None:
            continue
        if (end is not None and when > end) or (start is not None and when < start):
            yield Hit(
                ind.target_span or ind.name_span,
                ind,
                {
                    "deadline": when.isoformat(),
                    "start": start.isoformat() if start else "",
                    "end": end.isoformat() if end else "",
                },
                related((form.plan_end or form.plan_start).span, say("plan-period", env.lang)),
            )
