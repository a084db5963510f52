"""Load rule packs: check each file against the rule schema, compile every condition once,
and bind built-in checks, vocabularies and profile thresholds. Errors name file and line."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from linter.engine.checks import CheckDef, load_all
from linter.engine.expr import Compiled, Compiler, ExprError, parse_tree
from linter.engine.functions import readable
from linter.engine.levels import Levels
from linter.engine.locality import LOCAL_ROOTS, gate_tree, is_local, memoized, name_gate_tree, tree_roots, when_sources
from linter.engine.rulecache import Store, cache_key, read_cache, write_cache
from linter.engine.rulekeys import names
from linter.findings import RuleInfo
from linter.limits import in_range, out_of_range_text
from linter.model import Form, Funds, Indicator, Target
from linter.resources import rules_dir
from linter.yamlfile import ConfigError, Located, load_yaml, validate

FORM_ROOTS = frozenset({"form", "funds", "goal", "indicators", "year", "template", "medium", "vocab", "threshold"})
INDICATOR_ROOTS = FORM_ROOTS | {"indicator", "target", "name", "level1", "level2"}
_MODEL_ROOTS = {"target": Target, "indicator": Indicator, "form": Form}
# The type of every root a condition may read a field of (an attribute path is checked at load).
ROOT_TYPES: dict[str, type] = {
    **_MODEL_ROOTS,
    "funds": Funds,
    "name": str,
    "level1": str,
    "level2": str,
    "goal": str,
    "template": str,
    "medium": str,
    "year": int,
}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
_TEMPLATE_ROOTS = frozenset({"indicator", "target", "name", "level1", "level2", "project", "form", "threshold"})
_OWN_FORMAT_VOCABS = ("levels.yaml", "units.yaml")  # read by the reader and the target parser


@dataclass(frozen=True)
class Case:
    """One condition of a rule with its own severity and message (a rule has one or more)."""

    when: Compiled | None
    severity: str | None
    message: Mapping[str, str] | None
    # For a case of an indicator rule: the part of `when` that reads only the indicator's
    # levels and name (see `locality.name_gate_tree`), which the runner judges once per name;
    # `name_only` when that part is the whole of `when`.
    name_gate: Compiled | None = None
    name_only: bool = False


@dataclass(frozen=True)
class FixSpec:
    applicability: str
    when: Compiled | None
    replace: str  # target | name
    template: str
    description: Mapping[str, str]


@dataclass
class Rule:
    """A compiled rule. `source` is the file it came from and `where` its place in it."""

    id: str
    name: str
    severity: str
    category: str
    scope: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    message: Mapping[str, str]
    basis: str
    examples: list[dict]
    source: Located
    where: tuple = ()
    cases: tuple[Case, ...] = ()
    check: CheckDef | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    fix: FixSpec | None = None
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    at: str = "target"  # the cell an indicator finding points at
    invalid_targets: bool = False  # also reports rows whose target could not be read
    raw: dict = field(default_factory=dict)
    local: bool = False  # its conditions read only the indicator's own levels, name and target
    # For an indicator rule that is not local: a condition on the indicator alone without
    # which no case can match (see `_FileCompiler.local_gate`), or None.
    gate: Compiled | None = None

    @property
    def location(self) -> str:
        """file:line of the rule's entry (reads the file again: for messages only)."""
        return f"{self.source.path}:{self.source.line(list(self.where))}"

    def info(self, lang: str = "zh") -> RuleInfo:
        return RuleInfo(
            id=self.id,
            name=self.name,
            severity=self.severity,
            category=self.category,
            title_zh=self.title["zh"],
            title_en=self.title["en"],
            description_zh=self.description.get("zh", self.title["zh"]),
            description_en=self.description.get("en", self.title["en"]),
            basis=self.basis,
        )


@dataclass
class RuleSet:
    """Every loaded rule with the data they run against."""

    rules: list[Rule]
    vocab: dict[str, tuple[str, ...]]
    thresholds: dict[str, Any]
    profile: str
    levels: Levels
    files: list[str]
    loaded_with: tuple = ((), None, None)  # (extra_dirs, thresholds, vocab) as load_ruleset was given them

    def with_profile(self, profile: str) -> RuleSet:
        """The same rules loaded under another profile (its thresholds compiled in)."""
        if profile == self.profile:
            return self
        dirs, thresholds, vocab = self.loaded_with
        return load_ruleset(dirs, profile=profile, thresholds=thresholds, vocab=vocab)

    def get(self, key: str) -> Rule | None:
        """A rule by id or name (or alias)."""
        for r in self.rules:
            if names(key, r):
                return r
        return None


def _number(value: Any) -> Any:
    """Profile numbers as exact decimals (a YAML float goes through its text, not binary)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return Decimal(str(value))


def load_profile(name: str | None, overrides: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    path = rules_dir() / "profiles.yaml"
    doc = load_yaml(path)
    data = doc.data or {}
    profiles = data.get("profiles", {})
    chosen = name or data.get("default", "shanghai")
    if chosen not in profiles:
        raise ConfigError(str(path), None, f"unknown profile {chosen!r} (known: {', '.join(profiles)})")
    thresholds = {k: _number(v) for k, v in (profiles[chosen].get("thresholds") or {}).items()}
    for key, value in (overrides or {}).items():
        thresholds[key] = threshold_value(key, value, thresholds)
    return chosen, thresholds


def threshold_value(key: str, value: Any, base: Mapping[str, Any]) -> Any:
    """An override in the type of the profile's own value (a number as a Decimal, also when
    written in quotes). ValueError names what is wrong."""
    if key not in base:
        raise ValueError(f"unknown threshold {key!r} (known: {', '.join(sorted(base))})")
    current = base[key]
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise ValueError(f"threshold {key!r} is true or false, not {value!r}")
        return value
    if isinstance(current, Decimal):
        try:
            if isinstance(value, bool):
                raise ArithmeticError
            number = Decimal(str(value).strip())
        except ArithmeticError:
            raise ValueError(f"threshold {key!r} is a number, not {value!r}") from None
        if not in_range(number):  # .nan, .inf, 1e999999999: refused, not computed with
            raise ValueError(f"threshold {key!r} is out of range ({out_of_range_text(str(value))[1]})")
        return number
    return str(value)


def vocab_files(dirs: Sequence[Path]) -> list[Path]:
    return [p for d in dirs for p in sorted((d / "vocab").glob("*.yaml")) if p.name not in _OWN_FORMAT_VOCABS]


def load_vocab(
    dirs: Sequence[Path], additions: Mapping[str, Sequence[str]] | None = None, store: Store | None = None
) -> dict[str, tuple[str, ...]]:
    """Word lists from every vocab/*.yaml in `dirs`, later files extending earlier ones, then
    the config's additions."""
    from linter.resources import schema_path

    store = store or Store({})
    vocab: dict[str, list[str]] = {}
    for path in vocab_files(dirs):
        doc = store.load(path, schema_path("vocab.schema.json"))
        for key, words in (doc.data or {}).items():
            vocab.setdefault(key, []).extend(str(w) for w in words)
    for key, words in (additions or {}).items():
        vocab.setdefault(key, []).extend(str(w) for w in words)
    return {k: tuple(dict.fromkeys(v)) for k, v in vocab.items()}


def _rule_files(dirs: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if not d.is_dir():
            raise ConfigError(str(d), None, "rule directory does not exist")
        files += sorted(p for p in d.glob("*.yaml") if p.name != "profiles.yaml")
    return files


class _FileCompiler:
    """Compiles the rules of one file, turning every mistake into a ConfigError with a line."""

    def __init__(self, doc: Located, vocab, thresholds, predicates: dict[str, Compiled], checks, trees: dict):
        self.doc = doc
        self.trees = trees
        self.keys = {"vocab": frozenset(vocab), "threshold": frozenset(thresholds)}
        self.constants = {"vocab": vocab, "threshold": thresholds}
        self.predicates = predicates
        self.checks = checks

    def compile_expr(self, source: str, scope: str, where: list) -> Compiled:
        roots = INDICATOR_ROOTS if scope == "indicator" else FORM_ROOTS
        try:
            if source not in self.trees:
                self.trees[source] = parse_tree(source)
            return Compiler(roots, self.keys, self.predicates, self.constants, ROOT_TYPES).compile(self.trees[source])
        except ExprError as exc:
            col = f" (column {exc.column})" if exc.column else ""
            raise ConfigError(
                self.doc.path, self.doc.line(where), f"{'/'.join(map(str, where))}: {exc.message}{col}"
            ) from None

    def local_gate(self, rule: Rule, predicate_roots: Mapping[str, frozenset[str]]) -> Compiled | None:
        """For an indicator rule that also reads the form: a condition on the indicator
        alone that holds whenever one of its cases can (the runner judges it once per
        indicator identity and skips the rule where it is false); None when a case has no
        such part."""
        gates = [gate_tree(self.trees[s], predicate_roots) for s in when_sources(rule)]
        if any(g is None for g in gates):
            return None
        tree = gates[0] if len(gates) == 1 else ["or_", *gates]
        return Compiler(INDICATOR_ROOTS, self.keys, self.predicates, self.constants, ROOT_TYPES).compile(tree)

    def name_gates(self, rule: Rule, predicate_roots: Mapping[str, frozenset[str]]) -> tuple[Case, ...]:
        """`rule`'s cases, each with its name gate (the part of its condition that reads only
        the indicator's levels and name), where it has one."""
        cases = []
        for case, source in zip(rule.cases, when_sources(rule), strict=True):
            tree = name_gate_tree(self.trees[source], predicate_roots)
            if tree is not None:
                gate = Compiler(INDICATOR_ROOTS, self.keys, self.predicates, self.constants, ROOT_TYPES).compile(tree)
                case = replace(case, name_gate=gate, name_only=tree is self.trees[source])
            cases.append(case)
        return tuple(cases)

    def _has_field(self, root: str, name: str) -> bool:
        """Whether {root.name} names something: a model field, an exposed property, a threshold."""
        if root == "threshold":
            return name in self.keys["threshold"]
        cls = _MODEL_ROOTS.get(root)
        if cls is None:
            return False
        return readable(cls, name)

    def check_placeholders(self, texts: Mapping[str, str], allowed: set[str], where: list) -> None:
        for lang, text in texts.items():
            for name in PLACEHOLDER.findall(text):
                root, *rest = name.split(".")
                if (root not in allowed and root not in _TEMPLATE_ROOTS) or (
                    rest and root not in allowed and not self._has_field(root, rest[0])
                ):
                    raise ConfigError(
                        self.doc.path,
                        self.doc.line([*where, lang]),
                        f"{'/'.join(map(str, where))}/{lang}: unknown placeholder {{{name}}}",
                    )

    def rule(self, index: int, raw: dict) -> Rule:
        where: list = ["rules", index]
        scope = raw["scope"]
        if scope == "pair" and "check" not in raw:
            raise ConfigError(
                self.doc.path,
                self.doc.line([*where, "scope"]),
                f"rules/{index}/scope: scope pair needs a check (pairs are compared only by built-in checks)",
            )
        check = options = None
        params: set[str] = set()
        if "check" in raw:
            name = raw["check"]["name"]
            check = self.checks.get(name)
            if check is None:
                raise ConfigError(
                    self.doc.path,
                    self.doc.line([*where, "check", "name"]),
                    f"unknown check {name!r} (known: {', '.join(sorted(self.checks))})",
                )
            options = raw["check"].get("options") or {}
            if not self.doc.checked:
                validate(self.doc, check.options, options, [*where, "check", "options"])
            params = set(check.params)
        cases: list[Case] = []
        if "cases" in raw:
            for k, c in enumerate(raw["cases"]):
                cw = self.compile_expr(c["when"], scope, [*where, "cases", k, "when"])
                cases.append(Case(cw, c.get("severity"), c.get("message")))
                if c.get("message"):
                    self.check_placeholders(c["message"], params, [*where, "cases", k, "message"])
        elif "when" in raw:
            cases.append(
                Case(self.compile_expr(raw["when"], "indicator" if check else scope, [*where, "when"]), None, None)
            )
        self.check_placeholders(raw["message"], params, [*where, "message"])
        fix = None
        if "fix" in raw:
            f = raw["fix"]
            fix_when = self.compile_expr(f["when"], "indicator", [*where, "fix", "when"]) if "when" in f else None
            self.check_placeholders({"with": f["with"]}, params, [*where, "fix"])
            fix = FixSpec(f.get("applicability", "unsafe"), fix_when, f["replace"], f["with"], f["description"])
        return Rule(
            id=raw["id"],
            name=raw["name"],
            severity=raw["severity"],
            category=raw["category"],
            scope=scope,
            title=raw["title"],
            description=raw.get("description", {}),
            message=raw["message"],
            basis=raw["basis"],
            examples=raw["examples"],
            source=self.doc,
            where=tuple(where),
            cases=tuple(cases),
            check=check,
            options=options or {},
            fix=fix,
            aliases=tuple(raw.get("aliases", ())),
            enabled=raw.get("enabled", True),
            at=raw.get("at", "target"),
            invalid_targets=raw.get("invalid_targets", False),
            raw=raw,
        )


def load_ruleset(
    extra_dirs: Sequence[str | Path] = (),
    *,
    profile: str | None = None,
    thresholds: Mapping[str, Any] | None = None,
    vocab: Mapping[str, Sequence[str]] | None = None,
) -> RuleSet:
    """Load the shipped rules and those in `extra_dirs` (a user's rule directories)."""
    dirs = [rules_dir(), *(Path(d) for d in extra_dirs)]
    files = _rule_files(dirs)
    checks = load_all()
    key = cache_key([*files, *vocab_files(dirs)], checks)
    cached = read_cache(key)
    store = Store(cached.get("files", {}))
    trees: dict[str, list] = dict(cached.get("trees", {}))
    known_trees = len(trees)
    chosen, limits = load_profile(profile, thresholds)
    words = load_vocab(dirs, vocab, store)
    predicates: dict[str, Compiled] = {}
    predicate_roots: dict[str, frozenset[str]] = {}
    rules: dict[str, Rule] = {}
    for path in files:
        doc = store.load(path, rules_dir() / "schema" / "rules.schema.json")
        fc = _FileCompiler(doc, words, limits, predicates, checks, trees)
        for name, source in (doc.data.get("predicates") or {}).items():
            compiled = fc.compile_expr(source, "indicator", ["predicates", name])
            predicate_roots[name] = tree_roots(trees[source], predicate_roots)
            predicates[name] = memoized(name, compiled, predicate_roots[name] <= LOCAL_ROOTS)
        for index, raw in enumerate(doc.data["rules"]):
            rule = fc.rule(index, raw)
            rule.local = is_local(rule, trees, predicate_roots)
            if rule.scope == "indicator" and rule.check is None:
                rule.cases = fc.name_gates(rule, predicate_roots)
                if not rule.local:
                    rule.gate = fc.local_gate(rule, predicate_roots)
            if rule.id in rules or any(rule.name == r.name for r in rules.values()):
                first = rules.get(rule.id) or next(r for r in rules.values() if r.name == rule.name)
                raise ConfigError(
                    doc.path,
                    doc.line(list(rule.where)),
                    f"rule {rule.id} {rule.name} is already defined at {first.location}",
                )
            rules[rule.id] = rule
    if store.fresh or len(trees) != known_trees:
        write_cache(key, {**store.cached, **store.fresh}, trees)
    return RuleSet(
        sorted(rules.values(), key=lambda r: r.id),
        words,
        limits,
        chosen,
        Levels(),
        [str(f) for f in files],
        (tuple(extra_dirs), thresholds, vocab),
    )
