"""The form model: what every reader produces and every rule reads.

Values are not changed once made. `Span` is a named tuple (readers make one per cell, and
`tuple.__new__` makes it fastest) and `Template` a frozen dataclass (one per layout); the rest
are plain slotted dataclasses: rules read their fields, which the interpreter reads about six
times faster from a slot than from a named tuple, and a frozen dataclass costs six times as
much to make (its `__init__` sets each field through `object.__setattr__`). Nothing stops an
assignment to them, so none is made after a reader builds them: copy with
`dataclasses.replace`; tests/test_model_values.py holds that linting changes no model value.
Every value that came from the input carries a `Span` so that a finding can point at the
exact cell. Money is `Decimal`, never float.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from linter.messages import pick

# Target kinds (`Target.kind`).
COMPARISON = "comparison"  # ≥95.00(%), 不少于3场, a bare 100%
RANGE = "range"  # 90%-95%, 90~95%
DEADLINE = "deadline"  # 2026年12月底前, 2026-12-31前, 第四季度
PERIOD = "period"  # 每月, 每季度, 每年4次
QUALITATIVE = "qualitative"  # 及时, 保障, 明显提升
BOOLEAN = "boolean"  # 是, 否
EMPTY = "empty"  # "", —, /, 无
INVALID = "invalid"  # anything the grammar cannot read


class Span(NamedTuple):
    """A region of the original input.

    `line` and `column` are 1-based and count code points of the decoded text; the end is
    exclusive (`end_column` is the column just after the last character). For office
    documents `cell` names the cell (`绩效目标表!E17`, `表1 行5 列3`) and line/column give
    the row and column of that cell in its sheet or table.

    A named tuple rather than a frozen dataclass: readers make one per cell, and a tuple is
    made four times faster; it is just as immutable.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    cell: str | None = None


@dataclass(slots=True)
class Target:
    """A parsed 指标值 (target value). Produced by `linter.targets.parse_target`.

    `op` is normalized to one of ≥ ≤ = > < (None when the target has no comparison).
    `unit` is the unit as written (without parentheses); `unit_norm` the normalized unit
    (万元 → 元) and `scale` the factor from the written to the normalized unit, so that
    `value * scale` is the amount in `unit_norm`. `unit_kind` is one of percent, currency,
    count, duration, date, measure, rate, or None.

    Never changed once made (see the module's docstring): the parser gives the same object to
    every row that writes the same text.
    """

    raw: str
    kind: str
    op: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    unit_norm: str | None = None
    scale: Decimal = Decimal(1)
    unit_kind: str | None = None
    low: Decimal | None = None  # ranges
    high: Decimal | None = None  # ranges
    deadline: dt.date | None = None  # last day the deadline allows
    period: str | None = None  # day, week, month, quarter, halfyear, year
    times: int | None = None  # 每年4次 -> 4
    word: str | None = None  # qualitative word, 是/否; deadline: 完成 after the date
    note: str | None = None  # 历史标准, 计划标准 … kept, not judged
    error: str | None = None  # invalid targets: what went wrong
    error_column: int | None = None  # 1-based column in `raw` where reading failed
    approx: bool = False  # 约110人, 18000件左右: op is "=" and the value is approximate
    # deadlines: (month, day) of the last allowed day, also when no year is written
    deadline_md: tuple[int, int] | None = None
    year_offset: int = 0  # deadlines: 次年3月底前 -> 1 (the year after the plan year)
    error_en: str | None = None  # invalid targets: `error` in English
    tolerance: bool = False  # ±3%以内: op is "≤" and bounds the deviation either way
    # deadlines: a rate written after the date (10月底前完成率100% → the comparison 100%)
    rate: Target | None = None
    # Worked out from the fields above when the target is made (rules read them often; a
    # property would compute them on every read):
    normalized_value: Decimal | None = field(init=False, repr=False, compare=False)  # 15.31万元 → 153100元
    is_quantitative: bool = field(init=False, repr=False, compare=False)  # a comparison or a range

    def __post_init__(self) -> None:
        self.normalized_value = None if self.value is None else self.value * self.scale
        self.is_quantitative = self.kind in (COMPARISON, RANGE)


@dataclass(slots=True)
class TextField:
    """A piece of text read from the input, with where it stood."""

    text: str
    span: Span | None = None


@dataclass(slots=True)
class Money:
    """An amount of money. `amount` is in 元 whatever the form's unit; `raw` is as written."""

    amount: Decimal
    raw: str
    span: Span | None = None


@dataclass(slots=True)
class Funds:
    """The 项目资金 block. Missing lines are None."""

    unit: str = "元"  # the unit the form states (元 or 万元)
    total: Money | None = None  # 年度资金申请总额 / 年度资金总额
    appropriation: Money | None = None  # 当年财政拨款 / 财政拨款
    carryover: Money | None = None  # 上年结转资金 / 上年结转
    other: Money | None = None  # 其他资金
    project_total: Money | None = None  # 项目资金总额 (multi-year), rarely filled


@dataclass(slots=True)
class DateField:
    """A plan date. `value` is None when the text is not a real date."""

    raw: str
    value: dt.date | None
    span: Span | None = None


@dataclass(slots=True)
class HeaderField:
    """A label/value pair of the form's header (项目名称 → 编外人员工作经费)."""

    label: str
    value: str
    label_span: Span | None = None
    value_span: Span | None = None


@dataclass(slots=True)
class Extra:
    """A cell of an indicator row that is not its level, name or target, kept by the role of
    its column: note (指标说明), longterm (中期指标值), history, actual (实际完成值), score (得分),
    direction (正向/反向), kind (定量/定性), operator/value/unit (a target split over columns),
    deviation, band:优 …"""

    role: str
    text: str
    span: Span | None = None


@dataclass(slots=True)
class Indicator:
    """One row of the indicator table: 一级 → 二级 → 三级 (name) → 指标值 (target). Not
    changed once made (see the module's docstring)."""

    index: int  # 0-based position in the form's indicator list
    level1: str
    level2: str
    name: str
    target: Target
    line: int  # the row's line (for office documents: the row number)
    level1_span: Span | None = None
    level2_span: Span | None = None
    name_span: Span | None = None
    target_span: Span | None = None
    weight: Decimal | None = None  # 权重(%) where the layout has one
    weight_span: Span | None = None
    pointer: str | None = None  # JSON Pointer for structured input (/indicators/12)
    extras: tuple[Extra, ...] = ()  # the row's other cells by column role (note, longterm, actual …)

    def extra(self, role: str) -> str | None:
        """The text of the row's cell in the column of `role` (note, longterm, actual, score,
        history, direction, kind, band:优 …), or None."""
        for e in self.extras:
            if e.role == role:
                return e.text
        return None


@dataclass(slots=True)
class Problem:
    """Something a reader could not place. The rules turn these into JX1xx findings.

    `code` is a stable identifier: unplaced-cell, target-without-name, truncated-form,
    unknown-level, no-indicator-table, bad-number, bad-date …
    """

    code: str
    message_zh: str
    message_en: str
    span: Span | None = None

    def message(self, lang: str = "zh") -> str:
        """The message in `lang` (zh or en)."""
        return pick(lang, self.message_zh, self.message_en)


@dataclass(slots=True)
class Column:
    """A column of the indicator table's header row: its 0-based position, the label as
    written, and the role the layouts gave it (None: not decided, reported as a problem)."""

    col: int
    label: str
    role: str | None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Template:
    """The template (layout) a form was recognised as, from rules/layouts/ (linter.read.layouts):
    what it is (`kind`: project, department, transfer, self-evaluation), the threshold profile
    that follows it, and the header fields it requires (JX101) and expects (JX110)."""

    id: str  # generic, shanghai, central, hunan … or structured
    name_zh: str = ""
    name_en: str = ""
    kind: str = "project"
    profile: str | None = None  # None: the configured or default profile
    required: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()


@dataclass(slots=True)
class Form:
    """One declaration form (several may share a file)."""

    path: str
    index: int  # 1-based position in its file
    template: Template  # which template (layout) the form is in
    medium: str  # how its cells reached us: tsv, pipe-rows, xlsx, docx, yaml, json, html, pdf …
    title: TextField
    year: int | None
    header: tuple[HeaderField, ...]
    funds: Funds
    plan_start: DateField | None
    plan_end: DateField | None
    goal: TextField | None
    indicators: tuple[Indicator, ...]
    span: Span  # the whole form, title to last row
    problems: tuple[Problem, ...] = ()
    year_span: Span | None = None
    columns: tuple[Column, ...] = ()  # the indicator table's header: what role each column got

    def header_value(self, *labels: str) -> str | None:
        """The value of the first header field whose label is one of `labels`."""
        for f in self.header:
            if f.label in labels:
                return f.value
        return None

    def header_field(self, *labels: str) -> HeaderField | None:
        for f in self.header:
            if f.label in labels:
                return f
        return None

    @property
    def project_name(self) -> str:
        return self.header_value("项目名称") or ""

    @property
    def department(self) -> str:
        """主管部门, the supervising department."""
        return self.header_value("主管部门", "部门名称") or ""

    @property
    def unit(self) -> str:
        """实施单位, the implementing unit."""
        return self.header_value("实施单位") or ""


@dataclass(slots=True)
class Document:
    """One input file: its decoded text and the forms read from it.

    `problems` are file-level (no form found, …); a file that cannot be decoded at all
    raises `linter.read.ReadError` instead.
    """

    path: str
    encoding: str  # the text's: utf-8, utf-8-sig, gb18030, utf-16, …; "" for a file of cells (.docx, .xlsx, .xls, PDF)
    newline: str  # "\n", "\r\n", "\r" (the dominant line end), "" for office files
    text: str  # the decoded text ("" for office documents)
    forms: tuple[Form, ...]
    problems: tuple[Problem, ...] = field(default=())
    # how the cells reach us: tsv, pipe-rows, … (linter.read.textmedia.MEDIA), yaml, json, docx,
    # xlsx, xls, pdf, html, csv (a .doc/.wps converted by LibreOffice is read as its .docx/.xlsx)
    medium: str = "tsv"
