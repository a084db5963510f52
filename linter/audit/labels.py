"""Words the audit reports print, in Chinese and English, and small formatting helpers.

Form text (project names, messages) is never translated; only the report's own labels are.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from linter.findings import CATEGORY_EN

LANGS = ("zh", "en")

_ZH = {
    "title": "绩效目标审核报告",
    "summary": "汇总",
    "forms_read": "表单数",
    "files_read": "文件数",
    "files_failed": "读取失败的文件",
    "files_skipped": "跳过的文件（非申报表）",
    "forms_with_errors": "有错误的表单",
    "forms_with_warnings": "有警告的表单",
    "forms_without_funds": "未填资金的表单",
    "findings": "问题数",
    "errors": "错误",
    "warnings": "警告",
    "infos": "提示",
    "money_total": "涉及资金（元）",
    "money_with_errors": "有错误表单的资金（元）",
    "money_returned": "退回表单的资金（元）",
    "verdict": "审核结论",
    "pass": "通过",
    "return": "退回修改",
    "policy": "审核规则",
    "policy_return_on": "出现以下级别的问题即退回修改：{sev}",
    "policy_max_warnings": "警告超过 {n} 条即退回修改",
    "by_rule": "按规则",
    "by_category": "按审核维度",
    "by_department": "按主管部门",
    "by_unit": "按实施单位",
    "rule": "规则",
    "rule_name": "名称",
    "rule_title": "说明",
    "category": "维度",
    "severity": "级别",
    "forms": "表单",
    "money": "资金（元）",
    "returned": "退回",
    "forms_table": "表单一览",
    "per_form": "各表单问题",
    "file_findings": "文件级问题",
    "file_errors": "读取失败",
    "notices": "跳过的文件",
    "path": "文件",
    "form_index": "表序",
    "project": "项目名称",
    "department": "主管部门",
    "unit": "实施单位",
    "funds": "年度资金（元）",
    "indicators": "指标数",
    "indicator": "指标",
    "target": "指标值",
    "message": "问题",
    "line": "行",
    "column": "列",
    "filter": "筛选",
    "filter_hint": "输入文字筛选…",
    "shown": "显示",
    "no_findings": "未发现问题。",
    "none_stated": "（未填写）",
    "top_n": "前 {n} 项",
    "chart_by_rule": "各规则问题数",
    "chart_by_category": "各维度问题数",
    "chart_by_unit": "各实施单位问题数",
    "generated": "生成时间",
    "roots": "审核目录",
    "count": "数量",
    "value": "数值",
    "item": "项目",
    "sheet_summary": "汇总",
    "sheet_findings": "问题清单",
    "sheet_forms": "表单",
    "no_funds": "—",
    "back_to_top": "返回顶部",
    "colon": "：",
    "list_sep": "、",
    "forms_returned": "退回修改",
    "forms_passed": "通过",
    "place": "位置",
    "fix": "改法",
    "office": "审核单位",
    "date": "审核日期",
    "contents": "目录",
    "page": "第 {n} 页，共 {total} 页",
    "page_footer": "第 &P 页，共 &N 页",  # Excel's print footer (&P: page, &N: pages)
    "html_lang": "zh-CN",
}

_EN = {
    "title": "Performance target audit report",
    "summary": "Summary",
    "forms_read": "Forms",
    "files_read": "Files",
    "files_failed": "Files that could not be read",
    "files_skipped": "Files skipped (not forms)",
    "forms_with_errors": "Forms with errors",
    "forms_with_warnings": "Forms with warnings",
    "forms_without_funds": "Forms without funds",
    "findings": "Findings",
    "errors": "Errors",
    "warnings": "Warnings",
    "infos": "Notes",
    "money_total": "Funds covered (yuan)",
    "money_with_errors": "Funds in forms with errors (yuan)",
    "money_returned": "Funds in returned forms (yuan)",
    "verdict": "Verdict",
    "pass": "pass",
    "return": "return for revision",
    "policy": "Verdict policy",
    "policy_return_on": "A form is returned when it has a finding of severity: {sev}",
    "policy_max_warnings": "A form is returned when it has more than {n} warnings",
    "by_rule": "By rule",
    "by_category": "By review dimension",
    "by_department": "By supervising department (主管部门)",
    "by_unit": "By implementing unit (实施单位)",
    "rule": "Rule",
    "rule_name": "Name",
    "rule_title": "Title",
    "category": "Dimension",
    "severity": "Severity",
    "forms": "Forms",
    "money": "Funds (yuan)",
    "returned": "Returned",
    "forms_table": "Forms",
    "per_form": "Findings per form",
    "file_findings": "File-level findings",
    "file_errors": "Read errors",
    "notices": "Skipped files",
    "path": "File",
    "form_index": "No.",
    "project": "Project",
    "department": "Department",
    "unit": "Unit",
    "funds": "Annual funds (yuan)",
    "indicators": "Indicators",
    "indicator": "Indicator",
    "target": "Target",
    "message": "Message",
    "line": "Line",
    "column": "Column",
    "filter": "Filter",
    "filter_hint": "Type to filter…",
    "shown": "shown",
    "no_findings": "No findings.",
    "none_stated": "(not stated)",
    "top_n": "top {n}",
    "chart_by_rule": "Findings by rule",
    "chart_by_category": "Findings by dimension",
    "chart_by_unit": "Findings by implementing unit",
    "generated": "Generated",
    "roots": "Audited",
    "count": "Count",
    "value": "Value",
    "item": "Item",
    "sheet_summary": "Summary",
    "sheet_findings": "Findings",
    "sheet_forms": "Forms",
    "no_funds": "—",
    "back_to_top": "Back to top",
    "colon": ": ",
    "list_sep": ", ",
    "forms_returned": "Returned for revision",
    "forms_passed": "Passed",
    "place": "Where",
    "fix": "Fix",
    "office": "Reviewed by",
    "date": "Date",
    "contents": "Contents",
    "page": "page {n} of {total}",
    "page_footer": "Page &P of &N",
    "html_lang": "en",
}

_SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "note"},
}


def check_lang(lang: str) -> str:
    """`lang` when it is a report language; ValueError otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def labels(lang: str, unit: str = "元") -> dict[str, str]:
    """All report labels in `lang`, money labels in `unit` (元 or 万元)."""
    base = _ZH if check_lang(lang) == "zh" else _EN
    return base if unit == "元" else _in_unit(lang, unit)


@cache
def _in_unit(lang: str, unit: str) -> dict[str, str]:
    base = _ZH if lang == "zh" else _EN
    en = _UNIT_EN.get(unit, unit)
    return {k: v.replace("（元）", f"（{unit}）").replace("(yuan)", f"({en})") for k, v in base.items()}


_UNIT_EN = {"万元": "10,000 yuan"}


def severity_label(severity: str, lang: str) -> str:
    return _SEVERITY[check_lang(lang)].get(severity, severity)


def category_label(category: str, lang: str) -> str:
    """完整性 in Chinese, completeness in English; unknown categories as they are."""
    if check_lang(lang) == "en":
        return CATEGORY_EN.get(category, category)
    return category


def verdict_label(verdict: str, lang: str) -> str:
    return labels(lang).get(verdict, verdict)


def name_or_none(name: str, lang: str) -> str:
    """A department or unit name, or the word for "not stated" when it is empty."""
    return name if name else labels(lang)["none_stated"]


def plain_decimal(value: Decimal) -> str:
    """`value` as a plain decimal string (no exponent): 1693995.00."""
    return format(value, "f")


def in_unit(value: Decimal, unit: str = "元") -> Decimal:
    """`value` (in 元) in `unit`: 元 as it is, 万元 divided by 10,000."""
    return value / _TEN_THOUSAND if unit == "万元" else value


def money_text(value: Decimal | None, lang: str = "zh", unit: str = "元") -> str:
    """`value` (in 元) in `unit` with thousands separators: 1,693,995.00 (元), 169.3995
    (万元: two decimals, more when the amount has them, so no yuan is rounded away)."""
    if value is None:
        return labels(lang)["no_funds"]
    value = in_unit(value, unit)
    text = f"{value:,.2f}"
    if unit != "元" and value != value.quantize(_CENT):
        text = f"{value:,.6f}".rstrip("0")
    return text


_TEN_THOUSAND = Decimal(10000)
_CENT = Decimal("0.01")


def policy_lines(policy, lang: str) -> list[str]:
    """The verdict policy (`summary.Policy`) in words; empty when there is none."""
    if policy is None:
        return []
    L = labels(lang)
    sevs = L["list_sep"].join(severity_label(s, lang) for s in policy.return_on)
    lines = [f"{L['policy']}{L['colon']}{L['policy_return_on'].format(sev=sevs)}"] if sevs else []
    if policy.max_warnings is not None:
        lines.append(L["policy_max_warnings"].format(n=policy.max_warnings))
    return lines
