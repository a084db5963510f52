"""Run compiled rules over forms and turn their hits into findings.

Each rule runs isolated: a rule that raises gives one internal-error finding (JX000) naming
the rule and the form, and the other rules still run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from linter.engine.checks import Env, Hit
from linter.engine.functions import EvalError, get_attr
from linter.engine.loader import PLACEHOLDER, Case, Rule, RuleSet
from linter.engine.locality import Context
from linter.engine.rulekeys import exact_keys, selects_any
from linter.engine.structured_fix import structured_fixes
from linter.findings import Edit, Finding, Fix
from linter.messages import say
from linter.model import INVALID, Document, Form, Indicator, Span, Target

INTERNAL_ERROR = ("JX000", "internal-error")
_MEMO_SIZE = 50_000  # indicator identities remembered (then forgotten all at once)


@dataclass
class Selection:
    """Which rules run and at what severity (from config and the command line)."""

    select: tuple[str, ...] = ()  # rule keys (linter.engine.rulekeys); empty: all enabled rules
    extend: tuple[str, ...] = ()  # added to the selection
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # id, name or alias → error|warning|info|off

    def picks(self, rule: Rule) -> bool:
        """True when `rule` runs: selected (or enabled, with no `select`), not ignored, not off."""
        chosen = (selects_any(self.select, rule) if self.select else rule.enabled) or selects_any(self.extend, rule)
        return chosen and not selects_any(self.ignore, rule) and self.severity_of(rule) != "off"

    def severity_of(self, rule: Rule) -> str | None:
        """The severity the selection sets for `rule` (by its id, name or an alias), or None."""
        for key in exact_keys(rule):
            if key in self.severity:
                return self.severity[key]
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, Target):
        return value.raw
    if isinstance(value, Indicator):
        return value.name
    return str(value)


def _identity_key(params: Mapping[str, str]) -> str:
    """What tells two form-level findings of one rule apart, in no particular language."""
    return "|".join(f"{k}={params[k]}" for k in sorted(params))


def render(template: str, ctx: Mapping[str, Any], params: Mapping[str, str]) -> str:
    """Fill {name} and {a.b} placeholders from the hit's params and the rule context."""

    def one(m) -> str:
        name = m.group(1)
        if name in params:
            return params[name]
        root, *rest = name.split(".")
        value = ctx.get(root)
        try:
            for part in rest:
                value = get_attr(value, part)
        except EvalError:
            return m.group(0)
        return _text(value)

    return PLACEHOLDER.sub(one, template)


def form_context(form: Form, rules: RuleSet) -> Context:
    return Context(
        {
            "form": form,
            "funds": form.funds,
            "goal": form.goal.text if form.goal else "",
            "indicators": form.indicators,
            "year": form.year,
            "template": form.template.id,
            "medium": form.medium,
            "project": form.project_name,
            "vocab": rules.vocab,
            "threshold": rules.thresholds,
        }
    )


def indicator_context(base: Mapping[str, Any], ind: Indicator, shared: dict[str, Any] | None = None) -> Context:
    """The context of one indicator's rules. `shared` holds the local predicates' results of
    its identity (see `Identity`); without it, they are evaluated each time they are read."""
    ctx = Context(base, shared)
    ctx["indicator"] = ind
    ctx["target"] = ind.target
    ctx["name"] = ind.name
    ctx["level1"] = ind.level1
    ctx["level2"] = ind.level2
    return ctx


Judged = tuple[list[tuple[Rule, Any]], list[Rule]]


class Identity:
    """What is remembered of one indicator identity (levels, name and target as written), the
    same in every form: its local predicates' results and, once judged, the local rules that
    match it and the other indicator rules that may (see `Engine._judge_identity`)."""

    __slots__ = ("judged", "predicates")

    def __init__(self) -> None:
        self.predicates: dict[str, Any] = {}
        self.judged: Judged | None = None


class NameJudged:
    """What is remembered of one indicator name (levels and name, any target): the cases of
    the local rules that may match it, each with whether it matches whatever the target (its
    name gate is its whole condition), and the other indicator rules that may match it (see
    `Case.name_gate`); a fresh identity of that name is judged on these alone."""

    __slots__ = ("local", "others")

    def __init__(self, local: list[tuple[Rule, tuple[tuple[Case, bool], ...]]], others: list[Rule]) -> None:
        self.local = local
        self.others = others


def _name_verdict(case: Case, ctx: Mapping[str, Any]) -> bool | None:
    """What `case`'s name gate says: False when it rules the case out, True when the gate is
    the whole condition and holds (the case matches any target), None when the target must
    decide (no gate, a gate that holds on part of the condition, or one that raises)."""
    if case.name_gate is None:
        return None
    try:
        held = bool(case.name_gate(ctx))
    except Exception:
        return None
    return (True if case.name_only else None) if held else False


class Engine:
    """Runs a rule set over documents. Build once; `lint_document` per file."""

    def __init__(self, rules: RuleSet, selection: Selection | None = None, lang: str = "zh"):
        self.ruleset = rules
        self.selection = selection or Selection()
        self.lang = lang
        self.rules = [r for r in rules.rules if self.selection.picks(r)]
        self.env = Env(rules.vocab, rules.thresholds, rules.levels, lang)
        self._form_rules = [r for r in self.rules if r.check is not None or r.scope == "form"]
        self._problem_rules = [r for r in self._form_rules if r.check is not None and r.check.name == "reader_problems"]
        indicator_rules = [r for r in self.rules if r.check is None and r.scope == "indicator"]
        self._local_rules = [r for r in indicator_rules if r.local]
        self._other_rules = [r for r in indicator_rules if not r.local]
        self._memo: dict[tuple, Identity] = {}
        self._names: dict[tuple, NameJudged] = {}

    def lint_document(self, doc: Document, engine_for: Callable[[Form], Engine] | None = None) -> list[Finding]:
        """Findings of `doc`'s forms (each by the engine `engine_for` picks for it, default
        this one), with fixes on JSON/YAML made structured, then the file's own problems."""
        pick = engine_for or (lambda form: self)
        findings = [f for form in doc.forms for f in pick(form).lint_form(form, doc.path)]
        if any(f.fix is not None and f.pointer is not None for f in findings):
            findings = structured_fixes(doc.text, findings)  # a fix on JSON/YAML stays JSON/YAML
        return findings + self.file_problems(doc)

    def file_problems(self, doc: Document) -> list[Finding]:
        """Reader problems of the file itself (no form), for the rules that report them."""
        out: list[Finding] = []
        if not doc.problems:
            return out
        for rule in self._problem_rules:
            codes = set(rule.options.get("codes", ())) or None
            for p in doc.problems:
                if (codes is None or p.code in codes) and p.code not in rule.options.get("exclude", ()):
                    severity = self.selection.severity_of(rule) or rule.severity
                    message, span = p.message(self.lang), p.span or Span(1, 1, 1, 1)
                    out.append(Finding(doc.path, rule.id, rule.name, severity, rule.category, message, span))
        return out

    def lint_form(self, form: Form, path: str) -> list[Finding]:
        out: list[Finding] = []
        base = form_context(form, self.ruleset)
        for rule in self._form_rules:
            found = []  # a rule that raises part way reports the error alone
            try:
                for hit in self._run_form_rule(rule, form, base):
                    if rule.invalid_targets or hit.indicator is None or hit.indicator.target.kind != INVALID:
                        found.append(self._finding(rule, form, path, hit, base))
                out += found
            except Exception as exc:  # rule isolation: one broken rule never stops the others
                out.append(self._internal_error(rule, form, path, exc))
        broken: set[str] = set()
        for ind in form.indicators:
            identity = self.identity(ind)
            found = identity.judged
            ctx = None
            if found is None:
                ctx = indicator_context(base, ind, identity.predicates)
                found = identity.judged = self._judge_identity(ctx)
            matches, others = found
            if not matches and not others:
                continue  # the usual row: nothing to report, no context needed
            if ind.target.kind == INVALID:  # an unread target: only its parse finding
                matches = [m for m in matches if m[0].invalid_targets]
                others = [r for r in others if r.invalid_targets]
            if ctx is None:
                ctx = indicator_context(base, ind, identity.predicates)
            for rule, case in matches:
                if isinstance(case, Exception):
                    if rule.id not in broken:
                        broken.add(rule.id)
                        out.append(self._internal_error(rule, form, path, case, ind))
                else:
                    out.append(self._finding(rule, form, path, self._hit(rule, case, ind), ctx))
            for rule in others:
                if rule.id in broken:
                    continue
                try:
                    hit = self._match(rule, ctx, ind)
                    if hit is not None:
                        out.append(self._finding(rule, form, path, hit, ctx))
                except Exception as exc:
                    broken.add(rule.id)
                    out.append(self._internal_error(rule, form, path, exc, ind))
        return out

    def identity(self, ind: Indicator) -> Identity:
        """What is remembered of `ind`'s identity (levels, name and target as written): what
        local predicates and local rules make of it is the same in every form, so the same
        row in a thousand forms is judged once."""
        key = (ind.level1, ind.level2, ind.name, ind.target.raw)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = Identity()
        return found

    def _judge_name(self, ctx: Mapping[str, Any]) -> NameJudged:
        """The rules and cases that may match the context's indicator name, remembered."""
        key = (ctx["level1"], ctx["level2"], ctx["name"])
        found = self._names.get(key)
        if found is None:
            if len(self._names) >= _MEMO_SIZE:
                self._names.clear()
            local = []
            for rule in self._local_rules:
                verdicts = [(c, _name_verdict(c, ctx)) for c in rule.cases]
                cases = tuple((c, v is True) for c, v in verdicts if v is not False)
                if cases:
                    local.append((rule, cases))
            others = [r for r in self._other_rules if any(_name_verdict(c, ctx) is not False for c in r.cases)]
            found = self._names[key] = NameJudged(local, others)
        return found

    def _judge_identity(self, ctx: Mapping[str, Any]) -> Judged:
        """What the context's indicator identity gives: the local rules that match it, with
        the case that matched (or the exception a rule raised), and the other indicator rules
        that may match it (their local gate holds; a gate that raises lets its rule run,
        which then reports the error). Only the cases its name leaves open are evaluated."""
        named = self._judge_name(ctx)
        matches: list[tuple[Rule, Any]] = []
        for rule, cases in named.local:
            try:
                for case, holds in cases:
                    if holds or case.when(ctx):
                        matches.append((rule, case))
                        break
            except Exception as exc:
                matches.append((rule, exc))
        others = []
        for rule in named.others:
            try:
                if rule.gate is None or rule.gate(ctx):
                    others.append(rule)
            except Exception:
                others.append(rule)
        return matches, others

    def _hit(self, rule: Rule, case, ind: Indicator) -> Hit:
        span = getattr(ind, f"{rule.at}_span") or ind.target_span or ind.name_span
        return Hit(span, ind, severity=case.severity, message=case.message)

    # -- evaluation -----------------------------------------------------------------------
    def _run_form_rule(self, rule: Rule, form: Form, base: Mapping[str, Any]) -> Iterable[Hit]:
        if rule.check is not None:
            hits = rule.check.fn(form, rule.options, self.env)
            if rule.cases and rule.cases[0].when is not None:  # `when` filters a check's hits
                keep = rule.cases[0].when
                hits = [h for h in hits if keep(indicator_context(base, h.indicator) if h.indicator else base)]
            return hits
        for case in rule.cases:
            if case.when is None or case.when(base):
                at = form.goal.span if rule.at == "goal" and form.goal is not None else None
                return [Hit(at or form.title.span or form.span, severity=case.severity, message=case.message)]
        return []

    def _match(self, rule: Rule, ctx: Mapping[str, Any], ind: Indicator) -> Hit | None:
        for case in rule.cases:
            if case.when(ctx):
                return self._hit(rule, case, ind)
        return None

    # -- findings -------------------------------------------------------------------------
    def _finding(self, rule: Rule, form: Form, path: str, hit: Hit, ctx: Mapping[str, Any]) -> Finding:
        ind = hit.indicator
        if ind is not None and "indicator" not in ctx:
            ctx = indicator_context(ctx, ind)
        template = (hit.message or rule.message)[self.lang if self.lang in rule.message else "zh"]
        severity = self.selection.severity_of(rule) or hit.severity or rule.severity
        fix = self._fix(rule, ind, ctx, hit)
        extra = {} if ind else {"key": _identity_key(hit.params) or "form"}
        return Finding(
            path=path,
            rule=rule.id,
            name=rule.name,
            severity=severity,
            category=rule.category,
            message=render(template, ctx, hit.params),
            span=hit.span or form.span,
            form_index=form.index,
            form_name=form.project_name,
            indicator=ind.name if ind else None,
            indicator_index=ind.index if ind else None,
            related=hit.related,
            fix=fix,
            pointer=ind.pointer if ind else None,
            extra=extra,
        )

    def _fix(self, rule: Rule, ind: Indicator | None, ctx: Mapping[str, Any], hit: Hit) -> Fix | None:
        """The rule's fix (on a cell of an office, PDF or HTML file its edits name the cell: the
        words are shown, --fix says it cannot write the file back)."""
        spec = rule.fix
        if spec is None:
            return hit.fix
        if ind is None:
            return None
        if spec.when is not None and not spec.when(ctx):
            return None
        span = ind.target_span if spec.replace == "target" else ind.name_span
        if span is None:
            return None  # a cell's span (office, PDF, HTML) keeps the fix: --fix says it cannot write it
        new_text = render(spec.template, ctx, hit.params)
        lang = self.lang if self.lang in spec.description else "zh"
        return Fix(
            render(spec.description[lang], ctx, {"new": new_text, **hit.params}),
            spec.applicability,
            (Edit(span, new_text),),
        )

    def _internal_error(
        self, rule: Rule, form: Form, path: str, exc: Exception, ind: Indicator | None = None
    ) -> Finding:
        detail = f"{type(exc).__name__}: {exc}"
        where = say("rule-failed-where", self.lang, index=form.index, project=form.project_name)
        message = say("rule-failed", self.lang, rule=rule.id, name=rule.name, where=where, detail=detail)
        span: Span = (ind.name_span if ind else None) or form.title.span or form.span
        return Finding(
            path,
            INTERNAL_ERROR[0],
            INTERNAL_ERROR[1],
            "error",
            "完整性",
            message,
            span,
            form_index=form.index,
            form_name=form.project_name,
            indicator=ind.name if ind else None,
            indicator_index=ind.index if ind else None,
        )
