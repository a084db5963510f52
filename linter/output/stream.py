"""Streamed output: the `json`, `json-lines`, `concise` and `github` formats written file by
file as results arrive, so a batch of ten thousand forms never holds all its findings.

The bytes are those `render(fmt, report)` gives for the whole run (a test compares them),
provided files come in path order: findings are sorted by path first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from linter import __version__
from linter.findings import Finding, RuleInfo
from linter.fingerprint import fingerprints
from linter.output import Report, Tally, fix_kinds, render
from linter.output.json_out import error_dict, findings_json, json_head, json_tail
from linter.positions import split_lines

STREAMABLE = ("json", "json-lines", "concise", "github")


@dataclass(slots=True)
class Chunk:
    """One file's part of the output, and what the closing summary counts of it (see `Tally.add`)."""

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
        if self.fmt == "json":  # the findings' part of the document: no Report needed
            lines = split_lines(text) if text is not None else None  # the findings are all of `path`
            out = findings_json(findings, fingerprints(findings), lambda _path: lines)
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
            fix_kinds(findings),
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
        self.tally = Tally()
        if fmt == "json":
            self.write(json_head(__version__, lang))

    def add(self, findings: Sequence[Finding], path: str, text: str | None, forms: Sequence[Any]) -> None:
        """The findings (sorted) of one file, its decoded text and its forms."""
        self.add_chunk(self.renderer.render(findings, path, text, forms))

    def add_chunk(self, chunk: Chunk) -> None:
        """A file's chunk, rendered here or by a worker."""
        if chunk.severities:
            self.write("," + chunk.text if self.fmt == "json" and self.tally.total else chunk.text)
        self.tally.add(chunk.severities, chunk.rules, chunk.fixes, chunk.forms)

    def finish(self, errors: Sequence[Any], files_checked: int) -> None:
        """The unreadable files, and for `json` the closing summary."""
        report = Report([], {}, [], self.rules, errors=list(errors), lang=self.lang)
        if self.fmt != "json":
            self.write(render(self.fmt, report))
            return
        errs = [error_dict(e, report) for e in errors]
        self.write(json_tail(self.tally.total > 0, errs, self.tally.summary(files_checked, len(errors))))
