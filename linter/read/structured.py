"""Structured input: one form (or {"forms": [...]}) as JSON or YAML, checked against
linter/schemas/form.schema.json. Every value keeps the span where it was written, and
every indicator its JSON Pointer."""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from linter.limits import out_of_range_text, plain
from linter.model import (
    DateField,
    Document,
    Form,
    Funds,
    HeaderField,
    Indicator,
    Money,
    Problem,
    Span,
    Template,
    TextField,
)
from linter.read.cellkind import ParseTarget
from linter.read.columns import compose_target
from linter.read.decode import dominant_newline
from linter.read.errors import NotAForm, ReadError
from linter.read.header import header_words
from linter.read.jsonpos import JsonSyntaxError, Located, escape, parse_json, position
from linter.read.layouts import active
from linter.read.levels import load_levels
from linter.read.problems import problem
from linter.read.values import parse_amount, parse_date
from linter.read.yamlpos import YamlShapeError, parse_yaml
from linter.resources import schema_path

STRUCTURED = Template("structured", "结构化申报表", "structured form")
# A unit column's explanation in brackets, as budget systems export it: %(百分比) → %.
_UNIT_NOTE = re.compile(r"^\s*([^()（）\s]+)\s*[(（][^()（）]*[)）]\s*$")
_FUNDS = ("total", "appropriation", "carryover", "other", "project_total")
_FUNDS_LABELS = {
    "total": "年度资金申请总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
    "project_total": "项目资金总额",
}


@cache
def _validator() -> Draft202012Validator:
    with open(schema_path("form.schema.json"), encoding="utf-8") as fh:
        return Draft202012Validator(json.load(fh))


def _load(text: str, path: str, fmt: str) -> Located:
    if fmt == "json":
        try:
            return parse_json(text)
        except JsonSyntaxError as exc:
            line, col = position(text, exc.offset)
            raise ReadError(
                path,
                f"JSON 语法错误（第 {line} 行第 {col} 列）：{exc.message_zh}",
                f"JSON syntax error (line {line}, column {col}): {exc.message_en}",
                line,
                col,
            ) from None
    try:
        loc = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise ReadError(path, f"YAML 语法错误：{what}", f"YAML syntax error: {what}", line) from None
    except YamlShapeError as exc:
        raise ReadError(path, exc.message_zh, exc.message_en, exc.line) from None
    if loc is None:
        raise ReadError(path, "文件中没有内容（空的 YAML 文档）", "the YAML document is empty")
    return loc


# ---- schema errors --------------------------------------------------------------------


def _pointer(parts) -> str:
    return "".join(f"/{escape(str(p))}" for p in parts)


def _reason(err: ValidationError) -> tuple[str, str, str | None]:
    """(zh, en, extra key) for a schema error."""
    v = err.validator
    if v == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        key = missing[0] if missing else "?"
        return f"缺少必填字段「{key}」", f"required field {key!r} is missing", None
    if v == "additionalProperties":
        known = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in known)
        key = extra[0] if extra else "?"
        return f"未知字段「{key}」", f"unknown field {key!r}", key
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        names = "、".join(str(w) for w in want)
        return f"类型应为 {names}", f"should be of type {', '.join(map(str, want))}", None
    if v == "enum":
        opts = "、".join(str(o) for o in err.validator_value)
        return f"取值应为 {opts} 之一", f"should be one of {opts}", None
    if v in ("anyOf", "oneOf"):
        return "值的形式不对", "the value has the wrong form", None
    if v == "pattern":
        return "格式不对", "the value has the wrong format", None
    if v == "minItems":
        return (
            f"至少需要 {err.validator_value} 项",
            f"needs at least {err.validator_value} items",
            None,
        )
    if v in ("minimum", "maximum"):
        return f"超出允许范围（{err.message}）", f"out of range ({err.message})", None
    return f"不符合格式：{err.message}", err.message, None


@cache
def _key_validator(key: str) -> Draft202012Validator | None:
    """A validator of the JSON type of one top-level form key (None: not a form key)."""
    root = _validator().schema
    prop = root["$defs"]["form"]["properties"].get(key) if key != "$schema" else None
    if key == "forms":
        prop = {"type": "array"}
    while prop is not None and "$ref" in prop:  # #/$defs/text and the like
        prop = root["$defs"].get(prop["$ref"].rsplit("/", 1)[-1])
    if prop is None or "type" not in prop:
        return None
    return Draft202012Validator({"type": prop["type"]})


def _is_form_shaped(value: dict) -> bool:
    """True when some top-level key is a form's key with a value of its type
    (`project_name` a text, `indicators` a list, `funds` a mapping): a manifest that
    counts `forms: 12` or `indicators: 151` is no form."""
    for key, item in value.items():
        check = _key_validator(key) if isinstance(key, str) else None
        if check is not None and check.is_valid(item):
            return True
    return False


def _schema_check(loc: Located, path: str) -> None:
    if isinstance(loc.value, dict) and not _is_form_shaped(loc.value):
        raise NotAForm(
            path,
            "不是申报表（顶层没有申报表的字段，如文本 project_name、列表 indicators）",
            "not a form (none of a form's fields, such as a text project_name or a list of indicators, at its top)",
            1,
            1,
        )
    err = best_match(_validator().iter_errors(loc.value))
    if err is None:
        return
    zh, en, extra = _reason(err)
    ptr = _pointer(err.absolute_path)
    field = f"{ptr}/{escape(extra)}" if extra else ptr
    span = loc.key_spans.get(field) or loc.spans.get(ptr)
    parts = list(err.absolute_path)
    while span is None and parts:
        parts.pop()
        span = loc.spans.get(_pointer(parts))
    line = span.line if span else None
    shown = field or "/"
    raise ReadError(
        path,
        f"不符合表单格式（form.schema.json）：第 {line} 行，字段 {shown}：{zh}",
        f"not a valid form (form.schema.json): line {line}, field {shown}: {en}",
        line,
        span.column if span else None,
    )


# ---- building the model ---------------------------------------------------------------


class _FormBuilder:
    def __init__(self, loc: Located, base: str, path: str, parse_target: ParseTarget, medium: str = "yaml") -> None:
        self.medium = medium
        self.loc = loc
        self.base = base
        self.path = path
        self.parse_target = parse_target
        self.problems: list[Problem] = []

    def span(self, rel: str) -> Span | None:
        return self.loc.spans.get(self.base + rel)

    def vspan(self, rel: str, value: Any) -> Span | None:
        """The span of a value, None for a null (which stands for no text)."""
        return None if value is None else self.span(rel)

    def key_span(self, rel: str) -> Span | None:
        return self.loc.key_spans.get(self.base + rel)

    def raw(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return plain(value)  # an out-of-range number stays short: 1E+999999999
        return str(value)

    def text(self, data: dict, key: str) -> TextField | None:
        if data.get(key) is None:
            return None
        return TextField(self.raw(data[key]), self.span(f"/{key}"))

    def header(self, data: dict) -> list[HeaderField]:
        out: list[HeaderField] = []
        for key, label in (
            ("project_name", "项目名称"),
            ("department", "主管部门"),
            ("unit", "实施单位"),
        ):
            if key in data:
                out.append(
                    HeaderField(
                        label,
                        self.raw(data[key]),
                        self.key_span(f"/{key}"),
                        self.vspan(f"/{key}", data[key]),
                    )
                )
        for key, value in (data.get("header") or {}).items():
            rel = f"/header/{escape(key)}"
            label = header_words().fields.get(key, key)
            out.append(HeaderField(label, self.raw(value), self.key_span(rel), self.vspan(rel, value)))
        return out

    def funds(self, data: dict) -> Funds:
        f = data.get("funds") or {}
        unit = f.get("unit") or "元"
        money: dict[str, Money | None] = {}
        for key in _FUNDS:
            value = f.get(key)
            if value is None:
                money[key] = None
                continue
            raw = self.raw(value)
            sp = self.span(f"/funds/{key}")
            if f"{self.base}/funds/{key}" in self.loc.out_of_range:
                money[key] = None  # said once, by `out_of_range_problems`
                continue
            amount = parse_amount(raw, str(unit))
            if amount is None:
                self.problems.append(problem("bad-number", sp, label=_FUNDS_LABELS[key], text=raw))
                money[key] = None
            else:
                money[key] = Money(amount, raw, sp)
        return Funds(unit=unit, **money)

    def date(self, data: dict, key: str, label: str) -> DateField | None:
        value = (data.get("plan") or {}).get(key)
        if value is None:
            return None
        raw = self.raw(value)
        sp = self.span(f"/plan/{key}")
        parsed, _ = parse_date(raw, end=key == "end")
        if parsed is None:
            self.problems.append(problem("bad-date", sp, label=label, text=raw))
        return DateField(raw, parsed, sp)

    def indicator(self, i: int, item: dict) -> Indicator:
        vocab = load_levels()
        rel = f"/indicators/{i}"
        l1_written = self.raw(item.get("level1"))
        l2_written = self.raw(item.get("level2"))
        level1 = vocab.as_level1(l1_written) or l1_written
        l2 = vocab.as_level2(l2_written, level1) if l2_written else None
        level2 = l2.name if l2 else l2_written
        for written, key in ((l1_written, "level1"), (l2_written, "level2")):
            known = vocab.as_level1(written) if key == "level1" else l2
            if written and known is None:
                self.problems.append(problem("unknown-level", self.span(f"{rel}/{key}"), text=written))
        target_value = item.get("target")
        if isinstance(target_value, dict):
            written = [self.raw(target_value.get(k)) for k in ("op", "value", "unit")]
            m = _UNIT_NOTE.match(written[2])
            target = compose_target(self.parse_target, written[0], written[1], m.group(1) if m else written[2])
            if m:
                target = dataclasses.replace(target, raw=" ".join(p for p in written if p))
        else:
            target = self.parse_target(self.raw(target_value))
        target_span = self.span(f"{rel}/target") if target_value is not None else None
        name = self.raw(item.get("name"))
        weight = item.get("weight")
        weight_dec = None
        if weight is not None and f"{self.base}{rel}/weight" not in self.loc.out_of_range:
            try:
                weight_dec = Decimal(self.raw(weight).strip().rstrip("%").strip())
            except InvalidOperation:
                self.problems.append(problem("bad-number", self.span(f"{rel}/weight"), label="权重", text=weight))
        item_span = self.span(rel)
        if not name and target.raw:
            self.problems.append(
                problem(
                    "target-without-name",
                    target_span or item_span,
                    line=item_span.line if item_span else "?",
                    text=target.raw,
                )
            )
        return Indicator(
            index=i,
            level1=level1,
            level2=level2,
            name=name,
            target=target,
            line=item_span.line if item_span else 0,
            level1_span=self.vspan(f"{rel}/level1", item.get("level1")),
            level2_span=self.vspan(f"{rel}/level2", item.get("level2")),
            name_span=self.vspan(f"{rel}/name", item.get("name")),
            target_span=target_span,
            weight=weight_dec,
            weight_span=self.span(f"{rel}/weight") if weight_dec is not None else None,
            pointer=self.base + rel,
        )

    def template(self, data: dict) -> Template:
        """The template the form names (`template: shanghai`), else a structured form's own."""
        name = data.get("template")
        if name is None:  # a structured form of its own: the generic template's requirements
            generic = active().fallback
            return dataclasses.replace(STRUCTURED, required=generic.required, expected=generic.expected)
        found = active().layouts.get(str(name))
        if found is None:
            known = ", ".join(sorted(active().layouts))
            self.problems.append(
                problem("unknown-template", self.vspan("/template", name), text=str(name), known=known)
            )
            return STRUCTURED
        return found.template

    def out_of_range_problems(self) -> None:
        """One problem for each number of this form past `linter.limits.in_range`."""
        for ptr, written in self.loc.out_of_range.items():
            if ptr.startswith(self.base + "/"):
                zh, en = out_of_range_text(written)
                field = ptr[len(self.base) :]
                self.problems.append(problem("number-out-of-range", self.loc.spans.get(ptr), field=field, zh=zh, en=en))

    def form(self, data: dict, index: int) -> Form:
        self.out_of_range_problems()
        funds = self.funds(data)
        plan_start = self.date(data, "start", "计划开始日期")
        plan_end = self.date(data, "end", "计划完成日期")
        indicators = tuple(self.indicator(i, it) for i, it in enumerate(data.get("indicators") or []))
        form_span = self.span("") or Span(1, 1, 1, 1)
        if "indicators" not in data:
            self.problems.append(problem("no-indicator-table", form_span, index=index, line=form_span.end_line))
        title = self.text(data, "title") or TextField("")
        return Form(
            path=self.path,
            index=index,
            template=self.template(data),
            medium=self.medium,
            title=title,
            year=data.get("year"),
            header=tuple(self.header(data)),
            funds=funds,
            plan_start=plan_start,
            plan_end=plan_end,
            goal=self.text(data, "goal"),
            indicators=indicators,
            span=form_span,
            problems=tuple(self.problems),
            year_span=self.vspan("/year", data.get("year")),
        )


def read_structured(text: str, path: str, encoding: str, fmt: str) -> Document:
    """Read a JSON (`fmt` json) or YAML (`fmt` yaml) form file. Raises ReadError for
    syntax errors and schema errors (naming the line and the field)."""
    from linter.targets import parse_target

    loc = _load(text, path, fmt)
    _schema_check(loc, path)
    data = loc.value
    wrapped = "forms" in data
    items = list(enumerate(data["forms"])) if wrapped else [(None, data)]
    forms = [
        _FormBuilder(loc, "" if i is None else f"/forms/{i}", path, parse_target, fmt).form(form_data, n)
        for n, (i, form_data) in enumerate(items, start=1)
    ]
    newline = dominant_newline(text)
    return Document(path=path, encoding=encoding, newline=newline, text=text, forms=tuple(forms), medium=fmt)
