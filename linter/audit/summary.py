"""The aggregated audit model: one light record per form, and the figures of a whole batch.

The batch runner turns each `Form` and its findings into a `FormRecord` as soon as the form
is linted and drops the form, so memory stays flat over thousands of forms. `AuditSummary`
then adds the records up; every report format renders an `AuditSummary` and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from linter.findings import CATEGORIES, SEVERITIES, Finding, RuleInfo, sort_findings
from linter.messages import pick
from linter.model import Form

PASS = "pass"
RETURN = "return"
VERDICTS = (PASS, RETURN)
MONEY_UNITS = ("元", "万元")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Policy:
    """When a form is returned for revision (退回修改) instead of passed (通过).

    A form is returned when it has a finding whose severity is in `return_on`, or, when
    `max_warnings` is set, more than `max_warnings` warnings.
    """

    return_on: tuple[str, ...] = ("error",)
    max_warnings: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "return_on", tuple(self.return_on))
        for sev in self.return_on:
            if sev not in SEVERITIES:
                raise ValueError(f"unknown severity {sev!r} in return_on; expected {', '.join(SEVERITIES)}")
        if self.max_warnings is not None and (
            isinstance(self.max_warnings, bool) or not isinstance(self.max_warnings, int) or self.max_warnings < 0
        ):
            raise ValueError(f"max_warnings must be a whole number ≥ 0, not {self.max_warnings!r}")

    def verdict(self, severities: Iterable[str]) -> str:
        """`pass` or `return` for a form whose findings have these severities."""
        warnings = 0
        for sev in severities:
            if sev in self.return_on:
                return RETURN
            warnings += sev == "warning"
        if self.max_warnings is not None and warnings > self.max_warnings:
            return RETURN
        return PASS


@dataclass(frozen=True, slots=True)
class FindingRow:
    """What a report shows of one finding."""

    rule: str
    name: str
    severity: str
    category: str
    message: str
    line: int
    column: int
    indicator: str | None = None
    indicator_index: int | None = None
    target: str | None = None  # the indicator's 指标值 as written
    cell: str | None = None  # the cell of an office file (绩效目标表!E17, 表1 行11 列5)
    fix: str | None = None  # the change the rule proposes, in words

    @property
    def place(self) -> str:  # where the finding is: the cell, else line:column
        return self.cell or f"{self.line}:{self.column}"

    @classmethod
    def from_finding(cls, finding: Finding, form: Form | None = None) -> FindingRow:
        indicator, target = finding.indicator, None
        idx = finding.indicator_index
        if form is not None and idx is not None and 0 <= idx < len(form.indicators):
            ind = form.indicators[idx]
            target = ind.target.raw
            indicator = indicator or ind.name
        return cls(
            rule=finding.rule,
            name=finding.name,
            severity=finding.severity,
            category=finding.category,
            message=finding.message,
            line=finding.span.line,
            column=finding.span.column,
            indicator=indicator,
            indicator_index=idx,
            target=target,
            cell=finding.span.cell,
            fix=finding.fix.description if finding.fix is not None else None,
        )


@dataclass(frozen=True, slots=True)
class FormRecord:
    """What the report needs of one form. `form_index` is None for a file-level record
    (the findings of a file that belong to no form)."""

    path: str
    form_index: int | None
    project_name: str
    department: str  # 主管部门
    unit: str  # 实施单位
    funds_total: Decimal | None  # 年度资金申请总额 in 元
    indicator_count: int
    findings: tuple[FindingRow, ...]
    verdict: str
    year: int | None = None
    funds_unit: str = "元"  # the unit the form writes its funds in (元 or 万元)

    @classmethod
    def from_form(cls, form: Form, findings: Iterable[Finding], policy: Policy) -> FormRecord:
        """The record of `form`; `findings` are the findings of this form."""
        rows = tuple(FindingRow.from_finding(f, form) for f in sort_findings(list(findings)))
        total = form.funds.total
        return cls(
            path=form.path,
            form_index=form.index,
            project_name=form.project_name,
            department=form.department,
            unit=form.unit,
            funds_total=None if total is None else total.amount,
            indicator_count=len(form.indicators),
            findings=rows,
            verdict=policy.verdict(r.severity for r in rows),
            year=form.year,
            funds_unit=form.funds.unit,
        )

    @classmethod
    def for_file(cls, path: str, findings: Iterable[Finding], policy: Policy) -> FormRecord:
        """A file-level record: findings of `path` that concern no form."""
        rows = tuple(FindingRow.from_finding(f) for f in sort_findings(list(findings)))
        return cls(
            path=path,
            form_index=None,
            project_name="",
            department="",
            unit="",
            funds_total=None,
            indicator_count=0,
            findings=rows,
            verdict=policy.verdict(r.severity for r in rows),
        )

    @property
    def is_form(self) -> bool:
        return self.form_index is not None

    def count(self, severity: str) -> int:
        return sum(1 for r in self.findings if r.severity == severity)


def records_for_file(path: str, forms: Sequence[Form], findings: Iterable[Finding], policy: Policy) -> list[FormRecord]:
    """One record per form of a file, plus a file-level record when some findings concern
    no form (no form index, or an index that names no form)."""
    by_index: dict[int, list[Finding]] = {form.index: [] for form in forms}
    loose: list[Finding] = []
    for f in findings:
        by_index.get(f.form_index, loose).append(f)
    records = [FormRecord.from_form(form, by_index[form.index], policy) for form in forms]
    if loose:
        records.append(FormRecord.for_file(path, loose, policy))
    return records


@dataclass(frozen=True, slots=True)
class FileErrorRow:
    """A file that could not be read."""

    path: str
    line: int | None
    message_zh: str
    message_en: str

    def message(self, lang: str) -> str:
        return pick(lang, self.message_zh, self.message_en)


@dataclass(frozen=True, slots=True)
class RuleRow:
    rule: str
    name: str
    title_zh: str
    title_en: str
    category: str
    severity: str
    findings: int
    forms: int

    def title(self, lang: str) -> str:
        return pick(lang, self.title_zh, self.title_en)


@dataclass(frozen=True, slots=True)
class CategoryRow:
    category: str
    findings: int
    forms: int


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A 主管部门 or 实施单位 and its forms. `name` is "" when the forms leave it empty."""

    name: str
    forms: int
    money: Decimal
    findings: int
    errors: int
    warnings: int
    returned: int


@dataclass
class _Group:
    forms: int = 0
    money: Decimal = ZERO
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    returned: int = 0

    def add(self, rec: FormRecord, errors: int, warnings: int) -> None:
        self.forms += 1
        self.money += rec.funds_total or ZERO
        self.findings += len(rec.findings)
        self.errors += errors
        self.warnings += warnings
        self.returned += rec.verdict == RETURN

    def row(self, name: str) -> GroupRow:
        return GroupRow(name, self.forms, self.money, self.findings, self.errors, self.warnings, self.returned)


def _group_rows(groups: dict[str, _Group]) -> tuple[GroupRow, ...]:
    rows = [g.row(name) for name, g in groups.items()]
    rows.sort(key=lambda r: (-r.findings, -r.forms, r.name))
    return tuple(rows)


@dataclass(frozen=True)
class AuditSummary:
    """The figures and tables of one audit run. Build it with `AuditSummary.build`."""

    lang: str
    files_read: int  # files that gave at least one form or file-level finding
    forms_read: int
    forms_with_errors: int
    forms_with_warnings: int
    forms_without_funds: int
    findings_total: int
    severity_counts: dict[str, int]  # error/warning/info → findings (file-level included)
    money_total: Decimal  # sum of funds_total over the forms, 元
    money_in_forms_with_errors: Decimal
    money_returned: Decimal
    verdicts: dict[str, int]  # pass/return → forms
    by_rule: tuple[RuleRow, ...]
    by_category: tuple[CategoryRow, ...]
    by_department: tuple[GroupRow, ...]
    by_unit: tuple[GroupRow, ...]
    forms: tuple[FormRecord, ...]  # sorted by path and form index
    file_records: tuple[FormRecord, ...]  # file-level findings, one record per file
    file_errors: tuple[FileErrorRow, ...]
    notices: tuple[str, ...]
    policy: Policy | None = None
    generated: str | None = None  # a timestamp the caller chose to print (None: none)
    roots: tuple[str, ...] = ()  # the directories audited
    title: str | None = None  # the report's title (None: the default title)
    office: str | None = None  # the reviewing office (审核单位)
    date: str | None = None  # the review date as printed (审核日期)
    money_unit: str = "元"  # 元 or 万元: the unit the reports show money in

    @classmethod
    def build(
        cls,
        records: Iterable[FormRecord],
        file_errors: Iterable[Any] = (),
        notices: Iterable[str] = (),
        rules: dict[str, RuleInfo] | None = None,
        lang: str = "zh",
        *,
        policy: Policy | None = None,
        generated: str | None = None,
        roots: Sequence[str] = (),
        title: str | None = None,
        office: str | None = None,
        date: str | None = None,
        money_unit: str | None = None,
    ) -> AuditSummary:
        """Add up `records`. `file_errors` are objects with .path, .line, .message_zh and
        .message_en; `notices` name files skipped as not forms; `rules` gives rule titles;
        `money_unit` defaults to 万元 when every form with funds writes 万元, else 元."""
        if money_unit not in (None, *MONEY_UNITS):
            raise ValueError(f"unknown money unit {money_unit!r}; expected one of {', '.join(MONEY_UNITS)}")
        rules = rules or {}
        forms: list[FormRecord] = []
        file_records: list[FormRecord] = []
        paths: set[str] = set()
        sev_counts = dict.fromkeys(SEVERITIES, 0)
        verdicts = dict.fromkeys(VERDICTS, 0)
        rule_findings: dict[str, int] = {}
        rule_forms: dict[str, int] = {}
        rule_first: dict[str, FindingRow] = {}
        cat_findings = dict.fromkeys(CATEGORIES, 0)
        cat_forms = dict.fromkeys(CATEGORIES, 0)
        departments: dict[str, _Group] = {}
        units: dict[str, _Group] = {}
        with_errors = with_warnings = without_funds = 0
        units_written: set[str] = set()
        money = money_err = money_ret = ZERO

        for rec in records:
            paths.add(rec.path)
            for row in rec.findings:
                sev_counts[row.severity] = sev_counts.get(row.severity, 0) + 1
                rule_findings[row.rule] = rule_findings.get(row.rule, 0) + 1
                rule_first.setdefault(row.rule, row)
                cat_findings[row.category] = cat_findings.get(row.category, 0) + 1
            if not rec.is_form:
                file_records.append(rec)
                continue
            forms.append(rec)
            for rule in {r.rule for r in rec.findings}:
                rule_forms[rule] = rule_forms.get(rule, 0) + 1
            for cat in {r.category for r in rec.findings}:
                cat_forms[cat] = cat_forms.get(cat, 0) + 1
            errors, warnings = rec.count("error"), rec.count("warning")
            with_errors += errors > 0
            with_warnings += warnings > 0
            verdicts[rec.verdict] = verdicts.get(rec.verdict, 0) + 1
            if rec.funds_total is None:
                without_funds += 1
            else:
                units_written.add(rec.funds_unit)
                money += rec.funds_total
                if errors:
                    money_err += rec.funds_total
                if rec.verdict == RETURN:
                    money_ret += rec.funds_total
            departments.setdefault(rec.department, _Group()).add(rec, errors, warnings)
            units.setdefault(rec.unit, _Group()).add(rec, errors, warnings)

        by_rule = []
        for rule, n in rule_findings.items():
            info, first = rules.get(rule), rule_first[rule]
            by_rule.append(
                RuleRow(
                    rule=rule,
                    name=info.name if info else first.name,
                    title_zh=info.title_zh if info else "",
                    title_en=info.title_en if info else "",
                    category=info.category if info else first.category,
                    severity=info.severity if info else first.severity,
                    findings=n,
                    forms=rule_forms.get(rule, 0),
                )
            )
        by_rule.sort(key=lambda r: (-r.findings, r.rule))
        forms.sort(key=lambda r: (r.path, r.form_index or 0))
        file_records.sort(key=lambda r: r.path)
        errs = sorted(
            (FileErrorRow(e.path, getattr(e, "line", None), e.message_zh, e.message_en) for e in file_errors),
            key=lambda e: (e.path, e.line or 0, e.message_zh),
        )
        return cls(
            lang=lang,
            files_read=len(paths),
            forms_read=len(forms),
            forms_with_errors=with_errors,
            forms_with_warnings=with_warnings,
            forms_without_funds=without_funds,
            findings_total=sum(sev_counts.values()),
            severity_counts=sev_counts,
            money_total=money,
            money_in_forms_with_errors=money_err,
            money_returned=money_ret,
            verdicts=verdicts,
            by_rule=tuple(by_rule),
            by_category=tuple(CategoryRow(c, cat_findings[c], cat_forms.get(c, 0)) for c in cat_findings),
            by_department=_group_rows(departments),
            by_unit=_group_rows(units),
            forms=tuple(forms),
            file_records=tuple(file_records),
            file_errors=tuple(errs),
            notices=tuple(sorted(notices)),
            policy=policy,
            generated=generated,
            roots=tuple(roots),
            title=title,
            office=office,
            date=date,
            money_unit=money_unit or ("万元" if units_written == {"万元"} else "元"),
        )
