"""Streamed output: the `json`, `json-lines`, `concise` and `github` formats written file by
file as results arrive, so a batch of ten thousand forms never holds all its findings.

The bytes are those `render(fmt, report)` gives for the whole run (a test compares them),
provided files come in path order: findings are sorted by path first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from linter import __version__
from linter.findings import SEVERITIES, Finding, RuleInfo
from linter.fingerprint import fingerprints
from linter.output import Report, render
from linter.output.jsonenc import dumps_indented
from linter.positions import split_lines

STREAMABLE = ("json", "json-lines", "concise", "github")


@dataclass(frozen=True)
class Chunk:
    """One file's part of the output, and what the closing summary counts of it."""

    text: str
    forms: int
    severities: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fixes: tuple[str, ...] = ()  # "safe" or "unsafe", one per finding with a fix


@dataclass(frozen=True)
class ChunkRenderer:
    """Renders one file's findings into a `Chunk`. Picklable, so that batch workers render
    where they lint and send back text, not findings (see `linter.batch.LintSettings.condense`)."""

    fmt: str
    rules: dict[str, RuleInfo]
    lang: str = "zh"

    def render(self, findings: Sequence[Finding], path: str, text: str | None, forms: Sequence[Any]) -> Chunk:
        """The chunk of one file: its findings (sorted), decoded text and forms."""
        if not findings:
            return Chunk("", len(forms))
        if self.fmt == "json":  # written directly: no Report needed
            from linter.output.json_out import finding_json

            lines = split_lines(text) if text is not None else None  # the findings are all of `path`
            fps = fingerprints(findings)
            out = ",".join(["\n    " + finding_json(f, lines, fp, 2) for f, fp in zip(findings, fps, strict=True)])
        else:
            report = Report(
                list(findings), {path: text} if text is not None else {}, list(forms), self.rules, lang=self.lang
            )
            out = render(self.fmt, report)
        return Chunk(
            out,
            len(forms),
            tuple([f.severity for f in findings]),
            tuple([f.rule for f in findings]),
            tuple([("safe" if f.fix.applicability == "safe" else "unsafe") for f in findings if f.fix]),
        )

    def __call__(self, result: Any) -> Any:
        """A batch result condensed to its chunk: findings and text are dropped."""
        if result.error is None:
            result.chunk = self.render(result.findings, result.path, result.text, result.forms)
            result.findings, result.text = [], None
        return result


class Streamer:
    """Writes one run's output through `write`, a file's findings at a time."""

    def __init__(self, fmt: str, write: Callable[[str], Any], rules: dict[str, RuleInfo], lang: str = "zh"):
        if fmt not in STREAMABLE:
            raise ValueError(f"format {fmt!r} cannot be streamed")
        self.fmt, self.write, self.rules, self.lang = fmt, write, rules, lang
        self.renderer = ChunkRenderer(fmt, rules, lang)
        self.by_severity: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.fixable: Counter[str] = Counter()
        self.forms = 0
        self.total = 0
        if fmt == "json":
            tool = {"name": "jxlint", "version": __version__, "lang": lang}
            self.write(f'{{\n  "version": 1,\n  "tool": {dumps_indented(tool, 1)},\n  "findings": [')

    def add(self, findings: Sequence[Finding], path: str, text: str | None, forms: Sequence[Any]) -> None:
        """The findings (sorted) of one file, its decoded text and its forms."""
        self.add_chunk(self.renderer.render(findings, path, text, forms))

    def add_chunk(self, chunk: Chunk) -> None:
        """A file's chunk, rendered here or by a worker."""
        self.forms += chunk.forms
        if not chunk.severities:
            return
        sep = "," if self.fmt == "json" and self.total else ""
        self.write(sep + chunk.text)
        self.total += len(chunk.severities)
        self.by_severity.update(chunk.severities)
        self.by_rule.update(chunk.rules)
        self.fixable.update(chunk.fixes)

    def finish(self, errors: Sequence[Any], files_checked: int) -> None:
        """The unreadable files, and for `json` the closing summary."""
        report = Report([], {}, [], self.rules, errors=list(errors), lang=self.lang)
        if self.fmt != "json":
            self.write(render(self.fmt, report))
            return
        from linter.output.json_out import error_dict

        summary = {
            "total": self.total,
            "by_severity": {s: self.by_severity.get(s, 0) for s in SEVERITIES},
            "by_rule": {r: self.by_rule[r] for r in sorted(self.by_rule)},
            "files": files_checked,
            "forms": self.forms,
            "errors": len(errors),
            "fixable": {"safe": self.fixable["safe"], "unsafe": self.fixable["unsafe"]},
        }
        close = "\n  ]" if self.total else "]"
        errs = dumps_indented([error_dict(e, report) for e in errors], 1)
        self.write(f'{close},\n  "errors": {errs},\n  "summary": {dumps_indented(summary, 1)}\n}}\n')
