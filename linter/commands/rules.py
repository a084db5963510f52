"""`jxlint rules` (the catalogue) and `jxlint explain RULE` (one rule in full). The rule
reference docs/rules.md is the markdown rendering of the same data:
`jxlint rules --format markdown --no-config > docs/rules.md` (a test holds it current)."""

from __future__ import annotations

import argparse
import json

import yaml

from linter.commands.common import EXIT_CLEAN, Subparsers, UsageError, load_config, rule_options, write_output
from linter.engine.checks import CHECKS
from linter.engine.loader import Rule, RuleSet, load_ruleset
from linter.findings import CATEGORY_EN
from linter.messages import pick, say
from linter.output.jsonenc import dumps_indented


def add_parser(sub: Subparsers) -> None:
    """The `rules` and `explain` sub-parsers."""
    p = sub.add_parser("rules", help="list the rules")
    p.add_argument("--format", default="table", choices=("table", "json", "markdown"))
    rule_options(p)
    p.set_defaults(run=run_rules)
    p = sub.add_parser("explain", help="explain a rule: meaning, basis, examples")
    p.add_argument("rule", metavar="RULE", help="rule id or name, e.g. JX202")
    p.add_argument("--format", default="text", choices=("text", "json"))
    rule_options(p)
    p.set_defaults(run=run_explain)


def _ruleset(args: argparse.Namespace) -> tuple[RuleSet, str]:
    config = load_config(args)
    rs = load_ruleset(config.rule_dirs, profile=config.profile, thresholds=config.thresholds, vocab=config.vocab)
    return rs, config.lang


def _condition(rule: Rule) -> str:
    raw = rule.raw
    if "check" in raw:
        opts = raw["check"].get("options")
        text = f"check {raw['check']['name']}" + (f" {json.dumps(opts, ensure_ascii=False)}" if opts else "")
        return text + (f" where {raw['when']}" if "when" in raw else "")
    if "cases" in raw:
        return " | ".join(c["when"] for c in raw["cases"])
    return raw["when"]


def rule_json(rule: Rule) -> dict:
    """One rule as `jxlint rules --format json` and `explain --format json` write it."""
    raw = rule.raw
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.severity,
        "category": rule.category,
        "category_en": CATEGORY_EN[rule.category],
        "scope": rule.scope,
        "enabled": rule.enabled,
        "title": dict(rule.title),
        "description": dict(rule.description),
        "condition": _condition(rule),
        "fix": None if rule.fix is None else {"applicability": rule.fix.applicability, "with": rule.fix.template},
        "basis": rule.basis,
        "basis_kind": rule.raw.get("basis_kind"),
        "examples": raw["examples"],
    }


def run_rules(args: argparse.Namespace) -> int:
    """The catalogue: a table, JSON, or the Markdown reference (docs/rules.md)."""
    rs, lang = _ruleset(args)
    if args.format == "json":
        data = {"profile": rs.profile, "rules": [rule_json(r) for r in rs.rules]}
        write_output(dumps_indented(data) + "\n", None)
        return EXIT_CLEAN
    if args.format == "markdown":
        write_output(rules_markdown(rs), None)
        return EXIT_CLEAN
    lines = []
    for r in rs.rules:
        title = pick(lang, r.title["zh"], r.title["en"])
        cat = pick(lang, r.category, CATEGORY_EN[r.category])
        fix = " fix" if r.fix else ""
        lines.append(f"{r.id}  {r.name:<45} {r.severity:<8} {cat:<6} {title}{fix}")
    write_output("\n".join(lines) + "\n", None)
    return EXIT_CLEAN


def explain_text(rule: Rule, lang: str, ruleset: RuleSet | None = None) -> str:
    """`jxlint explain RULE` as text; with `ruleset`, each example's verdict beside it."""
    lines = [
        f"{rule.id} {rule.name}",
        "",
        pick(lang, rule.title["zh"], rule.title["en"]),
        "",
        pick(lang, rule.description.get("zh", ""), rule.description.get("en", "")),
        "",
        "    ".join(
            [
                f"{say('explain-severity', lang)}: {rule.severity}",
                f"{say('explain-category', lang)}: {rule.category} ({CATEGORY_EN[rule.category]})",
                f"{say('explain-scope', lang)}: {rule.scope}",
            ]
        ),
        f"{say('explain-condition', lang)}: {_condition(rule)}",
    ]
    if rule.fix:
        lines.append(f"{say('explain-fix', lang)}: {rule.fix.applicability} → {rule.fix.template}")
    kind_text = _basis_kind(rule, lang)
    lines += ["", f"{say('explain-basis', lang)}{f' ({kind_text})' if kind_text else ''}: {rule.basis}", ""]
    lines += [say("explain-examples", lang)]
    for k, ex in enumerate(rule.raw["examples"]):
        kind = "bad" if "bad" in ex else "good"
        label = say("explain-bad", lang) if kind == "bad" else say("explain-good", lang)
        body = yaml.safe_dump(ex[kind], allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip()
        verdict = ""
        if ruleset is not None:
            from linter.engine.examples import run_example

            problem = run_example(ruleset, rule, k, lang).problem
            ok = say("explain-example-ok", lang) if problem is None else f"!! {problem}"
            verdict = f"  [{ok}]"
        if ex.get("medium", "yaml") != "yaml":
            label += f" ({ex['medium']})"
        lines.append(f"  {label}:{verdict}")
        lines += [f"    {line}" for line in (body if body != "{}" else say("explain-base-example", lang)).splitlines()]
    return "\n".join(lines) + "\n"


def run_explain(args: argparse.Namespace) -> int:
    """One rule in full, as text or JSON."""
    rs, lang = _ruleset(args)
    rule = rs.get(args.rule) or rs.get(args.rule.upper())
    if rule is None:
        raise UsageError(f"no rule {args.rule!r} (see `jxlint rules`)")
    if args.format == "json":
        write_output(dumps_indented(rule_json(rule)) + "\n", None)
    else:
        write_output(explain_text(rule, lang, rs), None)
    return EXIT_CLEAN


def _basis_kind(rule: Rule, lang: str) -> str:
    """What kind of basis the rule has, in words ('' when it states none)."""
    words = {
        "official": say("basis-official", lang),
        "heuristic": say("basis-heuristic", lang),
        "arithmetic": say("basis-arithmetic", lang),
        "tool": say("basis-tool", lang),
    }
    return words.get(rule.raw.get("basis_kind"), "")


def rules_markdown(rs: RuleSet) -> str:
    """docs/rules.md: the catalogue, each rule in full, and the built-in checks."""
    out = [
        "# Rule reference",
        "",
        "<!-- Generated from rules/*.yaml by `jxlint rules --format markdown --no-config > docs/rules.md`.",
        "     Do not edit by hand: a test fails when it is stale. -->",
        "",
        f"Default profile: `{rs.profile}`. Thresholds that a config can override (`thresholds:`):",
        "",
        "| threshold | value |",
        "| --- | --- |",
        *(f"| `{k}` | `{v}` |" for k, v in rs.thresholds.items()),
        "",
        "| id | name | severity | category | what it flags |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.severity} | {r.category} "
            f"| {r.title['zh']} / {r.title['en']} |"
            for r in rs.rules
        ),
        "",
    ]
    for r in rs.rules:
        out += [
            f"## {r.id}",
            "",
            f"**`{r.name}`** · {r.severity} · {r.category} ({CATEGORY_EN[r.category]}) · scope: {r.scope}"
            + (f" · fix: {r.fix.applicability}" if r.fix else ""),
            "",
            f"{r.title['zh']} — {r.title['en']}",
            "",
            r.description.get("zh", ""),
            "",
            r.description.get("en", ""),
            "",
            f"- Condition: `{_condition(r)}`",
            f"- Message: {r.message['zh']} / {r.message['en']}",
            f"- Basis ({_basis_kind(r, 'en') or 'unstated'}): {r.basis}",
            "",
        ]
        for ex in r.raw["examples"]:
            kind = "bad" if "bad" in ex else "good"
            body = yaml.safe_dump(ex[kind], allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip()
            medium = ex.get("medium", "yaml")
            out += [
                f"{'Bad' if kind == 'bad' else 'Good'} example"
                + ("" if medium == "yaml" else f" (written as {medium}: rules/examples/base.yaml in that medium)")
                + ":",
                "",
                "```yaml",
                body if body != "{}" else "# the base example form (rules/examples/base.yaml) as it is",
                "```",
                "",
            ]
    out += ["## Built-in checks", "", "Rules call these by name (`check: {name: …, options: …}`).", ""]
    for name in sorted(CHECKS):
        c = CHECKS[name]
        opts = ", ".join(f"`{k}`" for k in c.options.get("properties", {})) or "none"
        params = ", ".join(f"`{{{p}}}`" for p in c.params) or "none"
        out += [f"### `{name}`", "", c.doc, "", f"Options: {opts}. Message placeholders: {params}.", ""]
    return "\n".join(out).rstrip() + "\n"
