"""Forms and findings for the audit report tests, built in code (no reader involved).

`corpus()` gives a small batch with Chinese text, a hostile project name, `&` and quotes,
formula-like text, a form without funds, a file-level finding, a read error and a notice.
`EXPECTED` holds the batch's figures, counted by hand from the data below.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from linter.audit.summary import AuditSummary, FormRecord, Policy, records_for_file
from linter.findings import Finding, RuleInfo
from linter.model import Form, Funds, HeaderField, Indicator, Money, Span, Target, Template, TextField

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_UNIT = '<img src=x onerror="alert(2)">'
HOSTILE_INDICATOR = "<b>加粗</b>指标"
HOSTILE_MESSAGE = '指标值含有 <script>alert(3)</script> & "引号"'
AMP_NAME = 'R&D "研发" 项目\'s'
FORMULA_NAME = "=1+2"
PIPE_NAME = "甲|乙 联合项目"

RULES = {
    r.id: r
    for r in (
        RuleInfo("JX101", "unplaced-cell", "warning", "完整性", "无法归位的单元格",
                 "Cell outside the form layout", "", "", "reader"),
        RuleInfo("JX201", "invalid-target", "error", "完整性", "指标值无法识别",
                 "Target value cannot be read", "", "", "101号"),
        RuleInfo("JX301", "duplicate-indicator", "warning", "相关性", "指标重复",
                 "Duplicate indicator", "", "", "101号"),
        RuleInfo("JX310", "vague-target", "warning", "相关性", "指标值未量化",
                 "Target is not quantified", "", "", "101号"),
        RuleInfo("JX402", "negative-rate-floor", "error", "适当性", "负向指标设了下限",
                 "Negative rate bounded from below", "", "", "published defects"),
        RuleInfo("JX501", "cost-without-amount", "info", "可行性", "成本指标无金额",
                 "Cost indicator without an amount", "", "", "上海 2025"),
    )
}  # fmt: skip


@dataclass(frozen=True)
class ReadError:
    """Stands in for the batch runner's read-error objects."""

    path: str
    line: int | None
    message_zh: str
    message_en: str


def span(line: int, column: int = 1, width: int = 4) -> Span:
    return Span(line, column, line, column + width)


def make_form(
    path: str,
    index: int,
    project: str,
    department: str,
    unit: str,
    total: str | None,
    indicators: list[tuple[str, str, str, str]],
    line: int = 1,
) -> Form:
    """A form with these header values, 年度资金申请总额 `total` (元) and indicator rows
    (一级, 二级, 三级, 指标值)."""
    header = tuple(
        HeaderField(label, value)
        for label, value in (("项目名称", project), ("主管部门", department), ("实施单位", unit))
    )
    funds = Funds(total=None if total is None else Money(Decimal(total), total))
    inds = tuple(
        Indicator(i, l1, l2, name, Target(raw=raw, kind="comparison"), line + 10 + i)
        for i, (l1, l2, name, raw) in enumerate(indicators)
    )
    return Form(
        path=path,
        index=index,
        template=Template("shanghai"),
        medium="tsv",
        title=TextField("财政项目支出绩效目标申报表"),
        year=2026,
        header=header,
        funds=funds,
        plan_start=None,
        plan_end=None,
        goal=None,
        indicators=inds,
        span=Span(line, 1, line + 30, 1),
    )


def make_finding(
    form: Form | None,
    rule: str,
    message: str,
    indicator_index: int | None = None,
    severity: str | None = None,
    path: str | None = None,
) -> Finding:
    info = RULES[rule]
    ind = None if form is None or indicator_index is None else form.indicators[indicator_index]
    return Finding(
        path=path or (form.path if form else ""),
        rule=rule,
        name=info.name,
        severity=severity or info.severity,
        category=info.category,
        message=message,
        span=span(ind.line if ind else 3, 5),
        form_index=None if form is None else form.index,
        form_name=None if form is None else form.project_name,
        indicator=None if ind is None else ind.name,
        indicator_index=indicator_index,
    )


DEPT = "上海市松江区人力资源和社会保障局"
UNIT = "上海市松江区社会保障服务中心"
OTHER_DEPT = "上海市松江区教育局"


def corpus(policy: Policy | None = None) -> tuple[list[FormRecord], list[ReadError], list[str]]:
    """The test batch as records, read errors and notices."""
    policy = policy or Policy()
    f1 = make_form("批次/人社局.txt", 1, "编外人员工作经费", DEPT, UNIT, "1693995.00", [
        ("成本指标", "经济成本指标", "人均用工成本", "≤15.31(万元)"),
        ("产出指标", "时效指标", "工资、餐费等发放及时性", "及时"),
        ("产出指标", "时效指标", "体检安排的及时性", "及时"),
    ])  # fmt: skip
    f2 = make_form("批次/人社局.txt", 2, "工伤鉴定", DEPT, UNIT, "711000.00", [
        ("产出指标", "数量指标", "完成鉴定任务件数", "≥3300.00(件)"),
        ("产出指标", "时效指标", "案件审限时间缩短情况", "缩短"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95.00(%)"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"),
    ], line=40)  # fmt: skip
    f3 = make_form("批次/hostile.txt", 1, HOSTILE_NAME, 'A&B "部门"', HOSTILE_UNIT, "100.50", [
        ("产出指标", "质量指标", HOSTILE_INDICATOR, "≥95%<!--"),
        ("效益指标", "社会效益指标", "逾期发放率", ">=100%"),
    ])  # fmt: skip
    f4 = make_form("批次/hostile.txt", 2, AMP_NAME, 'A&B "部门"', "研发&测试中心", None, [
        ("产出指标", "数量指标", "样机数量", "≥2(台)"),
    ], line=40)  # fmt: skip
    f5 = make_form("批次/教育局.txt", 1, FORMULA_NAME, OTHER_DEPT, "-松江一中", "250000", [
        ("成本指标", "经济成本指标", "设备采购成本", "控制在预算内"),
    ])  # fmt: skip
    f6 = make_form("批次/教育局.txt", 2, PIPE_NAME, OTHER_DEPT, "", "1234.56", [
        ("产出指标", "数量指标", "培训人次", "≥500(人次)"),
    ], line=40)  # fmt: skip
    findings_1 = [
        make_finding(f1, "JX310", "“及时”未量化，应写明期限", 1),
        make_finding(f1, "JX310", "“及时”未量化，应写明期限", 2),
        make_finding(f2, "JX201", "指标值“缩短”无法识别", 1),
        make_finding(f2, "JX301", "指标“群众满意度”重复", 3),
        make_finding(None, "JX101", "第 90 行的单元格无法归位", path="批次/人社局.txt"),
    ]
    findings_2 = [
        make_finding(f3, "JX310", HOSTILE_MESSAGE, 0),
        make_finding(f3, "JX402", "负向指标“逾期发放率”设了下限 >=100%", 1),
    ]
    findings_3 = [
        make_finding(f5, "JX501", "成本指标“设备采购成本”没有金额", 0),
        make_finding(f6, "JX310", "| 竖线 | 在消息中", 0, severity="warning"),
    ]
    records = [
        *records_for_file("批次/人社局.txt", [f1, f2], findings_1, policy),
        *records_for_file("批次/hostile.txt", [f3, f4], findings_2, policy),
        *records_for_file("批次/教育局.txt", [f5, f6], findings_3, policy),
    ]
    errors = [ReadError("批次/坏文件.txt", 3, "无法解码：不是 UTF-8 或 GB18030", "cannot decode")]
    notices = ["批次/说明.txt"]
    return records, errors, notices


def build(lang: str = "zh", policy: Policy | None = None, **kw) -> AuditSummary:
    policy = policy or Policy()
    records, errors, notices = corpus(policy)
    return AuditSummary.build(records, errors, notices, RULES, lang, policy=policy, **kw)


# Figures of `corpus()` with the default policy, counted by hand.
EXPECTED = {
    "files_read": 3,
    "forms_read": 6,
    "findings": 9,  # 8 in forms + 1 file-level
    "errors": 2,  # JX201 (工伤鉴定), JX402 (hostile)
    "warnings": 6,  # JX310 ×4, JX301, JX101
    "infos": 1,  # JX501
    "forms_with_errors": 2,  # 工伤鉴定, hostile
    "forms_with_warnings": 4,  # 编外, 工伤鉴定, hostile, 甲|乙
    "money_total": Decimal("2656330.06"),  # 1693995 + 711000 + 100.50 + 250000 + 1234.56
    "money_with_errors": Decimal("711100.50"),  # 711000 + 100.50
    "pass": 4,
    "return": 2,
    "by_rule": {"JX310": 4, "JX201": 1, "JX301": 1, "JX402": 1, "JX501": 1, "JX101": 1},
    "by_category": {"完整性": 2, "相关性": 5, "适当性": 1, "可行性": 1},
    "by_department_money": {
        DEPT: Decimal("2404995.00"),
        'A&B "部门"': Decimal("100.50"),
        OTHER_DEPT: Decimal("251234.56"),
    },
}
