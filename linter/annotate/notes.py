"""What an annotated copy says: the words of a comment, the findings grouped by cell, the
summary rows. Shared by every annotator (xlsx, docx, YAML)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from linter.findings import SEVERITY_RANK, Finding
from linter.messages import language

_WORDS = {
    "zh": {
        "sheet": "审核意见",
        "heading": "审核意见",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "fix": "改法",
        "no": "序号",
        "where": "位置",
        "severity": "级别",
        "rule": "规则",
        "indicator": "指标",
        "message": "问题",
        "project": "项目",
        "none": "未发现问题。",
        "count": "jxlint 审核意见，共 {n} 条",
        "line": "第 {line} 行第 {column} 列",
        "author": "jxlint",
    },
    "en": {
        "sheet": "Review",
        "heading": "Review findings",
        "error": "error",
        "warning": "warning",
        "info": "note",
        "fix": "fix",
        "no": "No.",
        "where": "Where",
        "severity": "Severity",
        "rule": "Rule",
        "indicator": "Indicator",
        "message": "Finding",
        "project": "Project",
        "none": "No findings.",
        "count": "jxlint review: {n} findings",
        "line": "line {line} column {column}",
        "author": "jxlint",
    },
}


def words(lang: str) -> dict[str, str]:
    """The annotators' words in `lang` (zh or en)."""
    return _WORDS[language(lang)]


def fix_text(finding: Finding) -> str:
    """The change a finding proposes, in words ("" when the rule offers none)."""
    return finding.fix.description if finding.fix is not None else ""


def where(finding: Finding, lang: str) -> str:
    """The place of a finding as a reviewer names it: the cell (`绩效目标表!E17`,
    `表1 行11 列5`) when the span has one, else line and column."""
    span = finding.span
    if span.cell:
        return span.cell
    return words(lang)["line"].format(line=span.line, column=span.column)


def note_text(findings: Iterable[Finding], lang: str) -> str:
    """One comment for all the findings on one cell: severity, rule, message and fix of
    each, separated by a blank line."""
    w = words(lang)
    parts = []
    for f in findings:
        lines = [f"[{w[f.severity]}] {f.rule} {f.name}", f.message]
        fix = fix_text(f)
        if fix:
            lines.append(f"{w['fix']}: {fix}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


@dataclass(frozen=True)
class CellNotes:
    """The findings on one cell, the worst first."""

    cell: str
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> str:
        return self.findings[0].severity


def by_cell(findings: Iterable[Finding]) -> tuple[list[CellNotes], list[Finding]]:
    """Findings grouped by the cell their span names (in first-seen order, the worst
    finding of each cell first), and the findings that name no cell."""
    cells: dict[str, list[Finding]] = {}
    loose: list[Finding] = []
    for f in findings:
        if f.span.cell:
            cells.setdefault(f.span.cell, []).append(f)
        else:
            loose.append(f)
    notes = [
        CellNotes(cell, tuple(sorted(fs, key=lambda f: -SEVERITY_RANK.get(f.severity, 0))))
        for cell, fs in cells.items()
    ]
    return notes, loose


def summary_header(lang: str) -> list[str]:
    w = words(lang)
    return [w["no"], w["where"], w["severity"], w["rule"], w["indicator"], w["message"], w["fix"], w["project"]]


def summary_row(n: int, finding: Finding, lang: str) -> list[str | int]:
    """A row of the findings list: number, place, severity, rule, indicator, message, fix, project."""
    w = words(lang)
    return [
        n,
        where(finding, lang),
        w[finding.severity],
        f"{finding.rule} {finding.name}",
        finding.indicator or "",
        finding.message,
        fix_text(finding),
        finding.form_name or "",
    ]
