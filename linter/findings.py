"""Findings: what the rules produce and every output format renders.

Outputs never re-derive a finding; they only format these objects. Like the model's per-row
values (linter/model.py), findings and their parts are plain slotted dataclasses, never changed
once made (copy with `dataclasses.replace`): a frozen dataclass's `__init__` sets each field
through `object.__setattr__` (about 20,000 machine instructions for 14 fields against about
2,500 for a plain one: `benchmarks/op_cost.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.model import Span

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
CATEGORIES = ("完整性", "适当性", "相关性", "可行性")
CATEGORY_EN = {
    "完整性": "completeness",
    "适当性": "appropriateness",
    "相关性": "consistency",
    "可行性": "feasibility",
}


@dataclass(slots=True)
class Edit:
    """Replace the text at `span` with `new_text` (an insertion when the span is empty)."""

    span: Span
    new_text: str


@dataclass(slots=True)
class Fix:
    """A change a rule offers. `applicability` is `safe` (applied by --fix) or `unsafe`
    (applied only with --unsafe-fixes; otherwise a suggestion)."""

    description: str
    applicability: str
    edits: tuple[Edit, ...]


@dataclass(slots=True)
class Related:
    """Another place that explains a finding (the first of two duplicates, …)."""

    span: Span
    message: str


@dataclass(slots=True)
class Finding:
    """One problem in one form."""

    path: str
    rule: str  # JX301
    name: str  # duplicate-indicator
    severity: str  # error | warning | info
    category: str  # 完整性 | 适当性 | 相关性 | 可行性
    message: str  # in the language the run asked for
    span: Span
    form_index: int | None = None  # 1-based form number in the file
    form_name: str | None = None  # 项目名称
    indicator: str | None = None  # the indicator's name, when the finding concerns one
    indicator_index: int | None = None  # 0-based index in the form's indicators
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    pointer: str | None = None  # JSON Pointer for structured input
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.rule, self.message)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What an output needs to know about a rule (SARIF's rule list, the audit report)."""

    id: str
    name: str
    severity: str  # default severity
    category: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    basis: str


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """The one order every output uses: path, line, column, rule, message."""
    return sorted(findings, key=lambda f: f.sort_key)
