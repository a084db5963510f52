"""The library behind the command line: lint text, files or directories from Python.

from linter.api import lint_text, lint_paths
findings = lint_text(open("form.txt", encoding="utf-8").read(), "form.txt")
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from linter import limits
from linter.config import Config
from linter.engine.loader import RuleSet, load_ruleset
from linter.engine.rulekeys import names, selects
from linter.engine.runner import Engine, Selection
from linter.findings import SEVERITY_RANK, Finding, sort_findings
from linter.model import Document, Form
from linter.read import ReadError
from linter.read.media import FORM_SUFFIXES  # the suffixes a folder walk takes, by reader


@dataclass
class Linter:
    """A configured rule set, ready to lint many documents (build it once per process)."""

    config: Config
    ruleset: RuleSet
    engine: Engine
    min_severity: str = "info"
    selection: Selection = field(default_factory=Selection)
    engines: dict[str, Engine] = field(default_factory=dict)  # by profile: each form's template picks one
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # rule id → its aliases (the config's keys)

    @classmethod
    def create(
        cls,
        config: Config | None = None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        lang: str | None = None,
        min_severity: str = "info",
    ) -> Linter:
        from linter.read.layouts import use_layout_dirs

        config = config or Config()
        use_layout_dirs(config.layout_dirs)
        limits.configure(limits.Limits.from_mapping(config.limits))
        ruleset = load_ruleset(
            config.rule_dirs, profile=config.profile, thresholds=config.thresholds, vocab=config.vocab
        )
        _known_keys(ruleset, config, tuple(select), tuple(ignore))
        selection = Selection(
            select=tuple(select) or config.select,
            extend=config.extend_select,
            ignore=(*config.ignore, *ignore),
            severity=config.severity,
        )
        engine = Engine(ruleset, selection, lang or config.lang)
        aliases = {r.id: r.aliases for r in ruleset.rules if r.aliases}
        return cls(config, ruleset, engine, min_severity, selection, {ruleset.profile: engine}, aliases)

    def profile_of(self, form: Form) -> str:
        """The threshold profile that applies to `form`: the config's when it names one, else the
        one its template follows (Shanghai's for Shanghai's template), else the default."""
        return self.config.profile or form.template.profile or self.ruleset.profile

    def engine_for(self, form: Form) -> Engine:
        """The engine of `form`'s profile (the rules are loaded once per profile)."""
        name = self.profile_of(form)
        engine = self.engines.get(name)
        if engine is None:
            engine = self.engines[name] = Engine(self.ruleset.with_profile(name), self.selection, self.engine.lang)
        return engine

    def lint_document(self, doc: Document) -> list[Finding]:
        """Findings of one document: its forms, each under its profile, and file-level problems
        the reader noted."""
        findings = self.engine.lint_document(doc, self.engine_for)
        floor = SEVERITY_RANK[self.min_severity]
        keeps, aliases = self.config.keeps, self.aliases
        return sort_findings(
            [f for f in findings if SEVERITY_RANK[f.severity] >= floor and keeps(f, aliases.get(f.rule, ()))]
        )


def _known_keys(ruleset: RuleSet, config: Config, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Every rule key on the command line and in the config selects some rule, and every key of
    `severity` names one: a typo (JX2O2) must not turn a check into one that passes silently."""
    from linter.yamlfile import ConfigError

    source = config.source or "config"
    places = [("--select", select), ("--ignore", ignore)]
    places += [(f"{source}: select", config.select), (f"{source}: extend_select", config.extend_select)]
    places += [(f"{source}: ignore", config.ignore)]
    places += [(f"{source}: per_path_ignores", tuple(k for v in config.per_path_ignores.values() for k in v))]
    places += [(f"{source}: suppressions", tuple(s["rule"] for s in config.suppressions))]
    checks = [(where, keys, selects) for where, keys in places]
    checks.append((f"{source}: severity", tuple(config.severity), names))
    for where, keys, matches in checks:
        for key in keys:
            if not any(matches(key, r) for r in ruleset.rules):
                raise ConfigError(where, None, f"unknown rule {key!r} (see `jxlint rules`)")


@dataclass
class Result:
    """What a run over many inputs produced."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    files: int = 0


def lint_text(text: str, path: str = "<text>", config: Config | None = None) -> list[Finding]:
    """Lint one form file given as text (its layout is found from the content and suffix)."""
    from linter.read import read_bytes
    from linter.textsafe import encode

    doc = read_bytes(encode(text), path)
    return Linter.create(config).lint_document(doc)


def lint_paths(paths: Iterable[str | os.PathLike], config: Config | None = None) -> Result:
    """Lint files and directories; unreadable files are collected as errors, never raised."""
    from linter.read import read_path

    linter = Linter.create(config)
    result = Result()
    for path in iter_files(paths, linter.config.exclude):
        result.files += 1
        try:
            doc = read_path(path)
        except ReadError as exc:
            result.errors.append(exc)
            continue
        result.documents.append(doc)
        result.findings += linter.lint_document(doc)
    return result


ANNOTATE_SUFFIXES = (".xlsx", ".docx", ".yaml", ".yml")  # the forms `jxlint annotate` takes from a directory


def iter_files(
    paths: Iterable[str | os.PathLike], exclude: Iterable[str] = (), skipped: list[str] | None = None
) -> Iterator[str]:
    """Files named, and the form files found below directories named, in a stable order.
    Inside directories only known form suffixes are taken (the others are added to
    `skipped`, so the caller can say so); hidden entries and `exclude` globs are passed over."""
    from fnmatch import fnmatch

    patterns = tuple(exclude)

    def excluded(p: str) -> bool:
        return any(fnmatch(p, pat) or fnmatch(Path(p).name, pat) for pat in patterns)

    for raw in paths:
        p = os.fspath(raw)
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            import glob

            # a quoted glob (forms/**/*.txt): expand it here, in a stable order
            yield from (m for m in sorted(glob.glob(p, recursive=True)) if os.path.isfile(m) and not excluded(m))
            continue
        if not os.path.isdir(p):
            yield p
            continue
        for folder, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(folder, d)))
            for name in sorted(files):
                full = os.path.join(folder, name)
                if name.startswith(".") or excluded(full):
                    continue
                if Path(name).suffix.lower() in FORM_SUFFIXES:
                    yield full
                elif skipped is not None:
                    skipped.append(full)
