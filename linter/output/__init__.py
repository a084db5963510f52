"""Output formats of `jxlint check`: one module per format, each a pure function of a Report.

`render(fmt, report)` writes a whole report; `linter.output.stream` writes the streamable
formats (json, json-lines, concise, github) a file at a time with the same functions, and
`Tally` is the one count behind every summary. Outputs never re-derive a finding: they
format the findings they are given, in the order given.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from linter import __version__
from linter.findings import SEVERITIES, Finding, RuleInfo
from linter.fingerprint import fingerprints
from linter.messages import pick
from linter.positions import split_lines

FORMATS: tuple[str, ...] = ("text", "concise", "json", "json-lines", "sarif", "junit", "github")

_MODULES = {
    "text": ("linter.output.text", "render_text"),
    "concise": ("linter.output.concise", "render_concise"),
    "json": ("linter.output.json_out", "render_json"),
    "json-lines": ("linter.output.json_out", "render_json_lines"),
    "sarif": ("linter.output.sarif", "render_sarif"),
    "junit": ("linter.output.junit", "render_junit"),
    "github": ("linter.output.github", "render_github"),
}

SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def one_line(text: str) -> str:
    """`text` with its line breaks (and the white space around them) as single spaces, for
    formats that promise one line per finding."""
    return _BREAKS.sub(" ", text)


class ReadFailure(Protocol):
    """A file that could not be read (linter.read.ReadError has these attributes)."""

    path: str
    line: int | None
    message_zh: str
    message_en: str


class FormRef(NamedTuple):
    """The little an output needs to know about a form."""

    path: str
    index: int  # 1-based position in its file
    project_name: str


@dataclass
class Report:
    """Everything one `jxlint check` run hands to an output.

    `findings` are already sorted (`sort_findings`). `sources` maps a path to its decoded
    text, for source lines and UTF-16 columns; office files are absent. `forms` holds
    `FormRef`s, (path, index, project_name) tuples or `Form` objects.
    """

    findings: list[Finding]
    sources: dict[str, str] = field(default_factory=dict)
    forms: list[Any] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    errors: list[Any] = field(default_factory=list)
    lang: str = "zh"
    color: bool = False
    files_checked: int = 0
    tool_version: str = __version__
    _lines: dict[str, list[str] | None] = field(default_factory=dict, init=False, repr=False)
    _fps: list[str] | None = field(default=None, init=False, repr=False)

    def lines(self, path: str) -> list[str] | None:
        """The lines of `path`'s text (without line ends), or None when it is not known."""
        if path not in self._lines:
            text = self.sources.get(path)
            self._lines[path] = None if text is None else split_lines(text)
        return self._lines[path]

    def fingerprints(self) -> list[str]:
        """One fingerprint per finding, in the findings' order."""
        if self._fps is None:
            self._fps = fingerprints(self.findings)
        return self._fps

    def form_refs(self) -> list[FormRef]:
        """`forms` as FormRefs, in the order given."""
        out = []
        for f in self.forms:
            if isinstance(f, FormRef):
                out.append(f)
            elif hasattr(f, "project_name"):
                out.append(FormRef(f.path, f.index, f.project_name))
            else:
                path, index, name = f
                out.append(FormRef(path, index, name or ""))
        return out

    def t(self, zh: str, en: str) -> str:
        """The text in the run's language."""
        return pick(self.lang, zh, en)

    def severity_word(self, severity: str) -> str:
        words = SEVERITY_WORDS["en" if self.lang == "en" else "zh"]
        return words.get(severity, severity)

    def error_message(self, err: Any) -> str:
        """The message of an unreadable file in the run's language."""
        return self.t(err.message_zh, err.message_en)


def fix_kinds(findings: Iterable[Finding]) -> tuple[str, ...]:
    """For each finding with a fix, "safe" or "unsafe": what the summary's `fixable` counts."""
    return tuple(["safe" if f.fix.applicability == "safe" else "unsafe" for f in findings if f.fix])


@dataclass
class Tally:
    """The counts of a run's summary, added up a report or a file at a time: the one count
    behind the text summary, the `json` summary and the streamed `json` summary."""

    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    fixable: Counter[str] = field(default_factory=Counter)
    total: int = 0
    forms: int = 0

    def add(self, severities: Sequence[str], rules: Sequence[str], fixes: Sequence[str], forms: int) -> None:
        """One finding's severity and rule each, the `fix_kinds` of those with a fix, and
        how many forms they were found in."""
        self.total += len(severities)
        self.by_severity.update(severities)
        self.by_rule.update(rules)
        self.fixable.update(fixes)
        self.forms += forms

    def summary(self, files: int, errors: int) -> dict[str, Any]:
        """The summary (fixed key order) of `files` checked, `errors` of them unreadable."""
        return {
            "total": self.total,
            "by_severity": {s: self.by_severity.get(s, 0) for s in SEVERITIES},
            "by_rule": {r: self.by_rule[r] for r in sorted(self.by_rule)},
            "files": files,
            "forms": self.forms,
            "errors": errors,
            "fixable": {"safe": self.fixable["safe"], "unsafe": self.fixable["unsafe"]},
        }


def summarize(report: Report) -> dict[str, Any]:
    """The summary of a whole report (shared by the text and JSON outputs)."""
    tally = Tally()
    findings = report.findings
    tally.add([f.severity for f in findings], [f.rule for f in findings], fix_kinds(findings), len(report.forms))
    return tally.summary(report.files_checked, len(report.errors))


def render(fmt: str, report: Report) -> str:
    """The whole output of format `fmt` for `report`. Unknown formats raise ValueError."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown output format {fmt!r}; known formats: {', '.join(FORMATS)}")
    module_name, func_name = _MODULES[fmt]
    func = getattr(importlib.import_module(module_name), func_name)
    return func(report)


__all__ = ["FORMATS", "FormRef", "ReadFailure", "Report", "Tally", "fix_kinds", "one_line", "render", "summarize"]
