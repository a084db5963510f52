"""The output of `jxlint parse`: the form model as JSON (docs/parse-output.schema.json) or
as a readable tree. Keys come in a fixed order, non-ASCII as is, so the same input gives
byte-identical output."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from linter.messages import pick
from linter.model import Document, Form, Indicator, Money, Problem, Span, Target
from linter.output.jsonenc import dumps_indented

PARSE_OUTPUT_VERSION = 1
_FUNDS = ("total", "appropriation", "carryover", "other", "project_total")


def dec(value: Decimal | None) -> str | None:
    """A Decimal as a plain decimal string (no exponent), or None."""
    return None if value is None else format(value, "f")


def span_json(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "cell": span.cell,
    }


def target_json(t: Target) -> dict[str, Any]:
    return {
        "raw": t.raw,
        "kind": t.kind,
        "op": t.op,
        "value": dec(t.value),
        "unit": t.unit,
        "unit_norm": t.unit_norm,
        "scale": dec(t.scale),
        "unit_kind": t.unit_kind,
        "low": dec(t.low),
        "high": dec(t.high),
        "deadline": t.deadline.isoformat() if t.deadline else None,
        "period": t.period,
        "times": t.times,
        "word": t.word,
        "note": t.note,
        "approx": t.approx,
        "deadline_md": list(t.deadline_md) if t.deadline_md else None,
        "year_offset": t.year_offset,
        "error": t.error,
        "error_en": t.error_en,
        "error_column": t.error_column,
    }


def indicator_json(ind: Indicator) -> dict[str, Any]:
    return {
        "index": ind.index,
        "line": ind.line,
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "target": target_json(ind.target),
        "weight": dec(ind.weight),
        "pointer": ind.pointer,
        "extras": [{"role": e.role, "text": e.text, "span": span_json(e.span)} for e in ind.extras],
        "spans": {
            "level1": span_json(ind.level1_span),
            "level2": span_json(ind.level2_span),
            "name": span_json(ind.name_span),
            "target": span_json(ind.target_span),
            "weight": span_json(ind.weight_span),
        },
    }


def problem_json(p: Problem, path: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {} if path is None else {"path": path}
    out.update(code=p.code, message_zh=p.message_zh, message_en=p.message_en, span=span_json(p.span))
    return out


def _money(m: Money | None, what: str) -> Any:
    if m is None:
        return None
    return {"amount": m.amount, "raw": m.raw, "span": m.span}[what]


def form_json(form: Form, encoding: str) -> dict[str, Any]:
    funds = form.funds
    monies = {k: getattr(funds, k) for k in _FUNDS}
    start, end = form.plan_start, form.plan_end
    return {
        "path": form.path,
        "index": form.index,
        "template": form.template.id,
        "template_name": form.template.name_zh,
        "kind": form.template.kind,
        "profile": form.template.profile,
        "medium": form.medium,
        "encoding": encoding,
        "title": form.title.text,
        "year": form.year,
        "project_name": form.project_name,
        "department": form.department,
        "unit": form.unit,
        "header": [
            {
                "label": h.label,
                "value": h.value,
                "label_span": span_json(h.label_span),
                "value_span": span_json(h.value_span),
            }
            for h in form.header
        ],
        "funds": {
            "unit": funds.unit,
            **{k: dec(_money(m, "amount")) for k, m in monies.items()},
            "raw": {k: _money(m, "raw") for k, m in monies.items()},
            "spans": {k: span_json(_money(m, "span")) for k, m in monies.items()},
        },
        "plan": {
            "start": start.value.isoformat() if start and start.value else None,
            "end": end.value.isoformat() if end and end.value else None,
            "start_raw": start.raw if start else None,
            "end_raw": end.raw if end else None,
            "spans": {
                "start": span_json(start.span if start else None),
                "end": span_json(end.span if end else None),
            },
        },
        "goal": form.goal.text if form.goal else None,
        "spans": {
            "form": span_json(form.span),
            "title": span_json(form.title.span),
            "year": span_json(form.year_span),
            "goal": span_json(form.goal.span if form.goal else None),
        },
        "columns": [{"col": c.col + 1, "label": c.label, "role": c.role} for c in form.columns],
        "indicators": [indicator_json(i) for i in form.indicators],
        "problems": [problem_json(p) for p in form.problems],
    }


def documents_to_json(docs: Sequence[Document]) -> dict[str, Any]:
    """The forms of `docs` (in order) and the problems that belong to no form."""
    return {
        "version": PARSE_OUTPUT_VERSION,
        # `encoding`: the text's, or the medium of a file of cells (docx, xlsx, xls, pdf)
        "forms": [form_json(f, d.encoding or d.medium) for d in docs for f in d.forms],
        "problems": [problem_json(p, d.path) for d in docs for p in d.problems],
    }


def error_json(err: Any) -> dict[str, Any]:
    return {
        "path": err.path,
        "line": err.line,
        "message_zh": err.message_zh,
        "message_en": err.message_en,
    }


def render_parse(docs: Sequence[Document], errors: Sequence[Any], fmt: str = "json", lang: str = "zh") -> str:
    """The output of `jxlint parse`: `fmt` json or text. `errors` are the ReadErrors of
    the files that could not be read."""
    if fmt == "json":
        out = documents_to_json(docs)
        out["errors"] = [error_json(e) for e in errors]
        return dumps_indented(out) + "\n"
    if fmt == "text":
        return render_tree(docs, errors, lang)
    raise ValueError(f"unknown parse output format {fmt!r}; known: json, text")


# ---- the text tree ----------------------------------------------------------------------

_WORDS = {
    "form": ("第 {n} 张表", "form {n}"),
    "funds": ("资金（{unit}）", "funds ({unit})"),
    "plan": ("计划", "plan"),
    "goal": ("年度总体目标", "annual goal"),
    "indicators": ("指标 {n} 项", "{n} indicators"),
    "problems": ("读取问题", "reader problems"),
    "errors": ("无法读取", "cannot read"),
    "none": ("（无）", "(none)"),
    "total": ("年度资金申请总额", "total"),
    "appropriation": ("当年财政拨款", "appropriation"),
    "carryover": ("上年结转资金", "carried over"),
    "other": ("其他资金", "other"),
    "project_total": ("项目资金总额", "project total"),
    "weight": ("权重", "weight"),
    "template": ("模板", "template"),
    "profile": ("口径", "profile"),
    "default": ("默认", "default"),
    "columns": ("指标表列", "columns"),
}


def _w(key: str, lang: str, **fields: object) -> str:
    zh, en = _WORDS[key]
    return pick(lang, zh, en).format(**fields)


def _pos(span: Span | None) -> str:
    if span is None:
        return "-"
    return span.cell or f"{span.line}:{span.column}"


def _form_tree(form: Form, encoding: str, lang: str) -> list[str]:
    year = f" ({form.year})" if form.year else ""
    name = form.project_name or form.title.text or "?"
    where = f"[{form.template.id}, {form.medium}, {encoding}]"
    out = [f"{form.path} · {_w('form', lang, n=form.index)} · {name}{year} {where}"]
    t = form.template
    profile = t.profile or _w("default", lang)
    name = pick(lang, t.name_zh, t.name_en)
    out.append(f"  {_w('template', lang)}: {t.id} {name} · {_w('profile', lang)}: {profile}")
    if form.columns:
        cols = " | ".join(f"{c.label}={c.role or '?'}" for c in form.columns)
        out.append(f"  {_w('columns', lang)}: {cols}")
    if form.title.text:
        out.append(f"  {form.title.text}")
    for h in form.header:
        out.append(f"  {h.label}: {h.value}")
    f = form.funds
    parts = []
    for key in _FUNDS:
        m = getattr(f, key)
        if m is not None:
            parts.append(f"{_w(key, lang)} {dec(m.amount)}元 ({m.raw})")
    out.append(f"  {_w('funds', lang, unit=f.unit)}: " + ("; ".join(parts) or _w("none", lang)))
    start, end = form.plan_start, form.plan_end
    if start or end:
        shown = [(d.value.isoformat() if d.value else f"{d.raw}?") if d else "?" for d in (start, end)]
        out.append(f"  {_w('plan', lang)}: {shown[0]} – {shown[1]}")
    if form.goal is not None:
        out.append(f"  {_w('goal', lang)}: {form.goal.text}")
    out.append(f"  {_w('indicators', lang, n=len(form.indicators))}")
    last1 = last2 = None
    for ind in form.indicators:
        if ind.level1 != last1:
            out.append(f"    {ind.level1 or '?'}")
            last1, last2 = ind.level1, None
        if ind.level2 != last2:
            out.append(f"      {ind.level2 or '?'}")
            last2 = ind.level2
        weight = f" · {_w('weight', lang)} {dec(ind.weight)}" if ind.weight is not None else ""
        t = ind.target
        out.append(f"        {ind.line}: {ind.name or '?'} → {t.raw or '?'} [{t.kind}]{weight}")
    if form.problems:
        out.append(f"  {_w('problems', lang)}:")
        for p in form.problems:
            msg = p.message(lang)
            out.append(f"    {_pos(p.span)} {p.code}: {msg}")
    return out


def render_tree(docs: Sequence[Document], errors: Sequence[Any], lang: str = "zh") -> str:
    """The forms of `docs` as an indented tree, then reader problems and read errors."""
    lines: list[str] = []
    for doc in docs:
        for form in doc.forms:
            if lines:
                lines.append("")
            lines.extend(_form_tree(form, doc.encoding or doc.medium, lang))
        for p in doc.problems:
            msg = p.message(lang)
            lines.append(f"{doc.path}:{_pos(p.span)} {p.code}: {msg}")
    for err in errors:
        msg = pick(lang, err.message_zh, err.message_en)
        where = err.path if err.line is None else f"{err.path}:{err.line}"
        lines.append(f"{where}: {_w('errors', lang)}: {msg}")
    return "\n".join(lines) + "\n" if lines else ""
