"""Make docs/img/audit-report.png: a screenshot of a realistic audit report.

The batch is synthetic but shaped like a district's budget season: four departments, their
units, three dozen forms whose indicators and findings follow the shipped rules (ids, names,
titles and message wording). It is deterministic (a seeded random choice), so the picture
changes only when the report's look changes.

    /work/venv/bin/python tests/browser/make_docs_screenshot.py [OUT.png] [--html OUT.html]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, for audit_factory and browser

from audit_factory import make_form  # noqa: E402

from browser.chromium import console_lines, find_chromium, png_size, screenshot  # noqa: E402
from linter.audit import render_report  # noqa: E402
from linter.audit.summary import AuditSummary, Policy, records_for_file  # noqa: E402
from linter.findings import Finding, RuleInfo  # noqa: E402
from linter.model import Span  # noqa: E402

DEPARTMENTS = {
    "区人力资源和社会保障局": {
        "区社会保障服务中心": [
            "编外人员工作经费",
            "工伤鉴定",
            "社会保险经办服务",
            "退休人员社会化管理",
        ],
        "区就业促进中心": ["职业技能培训补贴", "就业困难人员援助", "创业担保贷款贴息"],
        "区劳动人事争议仲裁院": ["劳动人事争议仲裁办案经费", "调解组织建设"],
    },
    "区教育局": {
        "区第一中学": ["校舍维修改造", "实验室设备购置", "学生综合实践活动"],
        "区实验小学": ["课后服务经费", "学生营养餐补助"],
        "区教育技术中心": ["教育信息化建设", "智慧校园运维", "教师信息技术培训"],
    },
    "区卫生健康委员会": {
        "区疾病预防控制中心": ["免疫规划疫苗接种服务", "公共卫生应急物资储备", "慢性病综合防控"],
        "区中心医院": ["重点专科建设", "医疗设备更新"],
    },
    "区民政局": {
        "区养老服务指导中心": ["居家养老服务补贴", "社区养老服务设施运营", "养老护理员培训"],
        "区社会福利院": ["特困人员集中供养", "福利院消防改造"],
    },
}
INDICATORS = [
    ("成本指标", "经济成本指标", "人均用工成本", "≤15.31(万元)"),
    ("成本指标", "经济成本指标", "成本控制率", "100%"),
    ("产出指标", "数量指标", "服务人次", "≥18000.00(人次)"),
    ("产出指标", "数量指标", "非编人员数", "≤15.00(人)"),
    ("产出指标", "数量指标", "培训合格人数", ""),
    ("产出指标", "质量指标", "验收合格率", "≥95.00(%)"),
    ("产出指标", "质量指标", "资金使用合规性", "合规"),
    ("产出指标", "时效指标", "工资、餐费等发放及时性", "及时"),
    ("产出指标", "时效指标", "项目完成时间", "2026年12月底前"),
    ("效益指标", "社会效益指标", "保障各科室工作正常运行", "保障"),
    ("效益指标", "社会效益指标", "逾期发放率", ">=100%"),
    ("效益指标", "可持续影响指标", "相关工作规范执行有效性", "有效"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥80.00(%)"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95.00(%)"),
]
# indicator position → (rule, message template); {i} is the indicator, {t} its target
CATALOG = {
    1: ("JX213", "成本指标「{i}」没有金额"),
    2: ("JX302", "年度总体目标写明“全年服务不少于20000人次”（20000人次），指标「{i}」却设为“{t}”"),
    3: ("JX204", "产出数量「{i}」设为“{t}”，只设上限，完成 0 也达标；请改为 ≥ 或 ="),
    4: ("JX105", "指标「{i}」未填写指标值"),
    6: ("JX209", "指标「{i}」的指标值“{t}”含糊，年末难以判断是否完成；能量化的请量化"),
    7: ("JX210", "时效指标「{i}」只写了“{t}”，请写明时限（如 2026年12月底前）"),
    9: ("JX209", "指标「{i}」的指标值“{t}”含糊，年末难以判断是否完成；能量化的请量化"),
    10: ("JX212", "负向指标「{i}」设为“{t}”，方向错误；应设上限（≤）或为0"),
    11: ("JX209", "指标「{i}」的指标值“{t}”含糊，年末难以判断是否完成；能量化的请量化"),
    12: ("JX207", "满意度「{i}」设为“{t}”，低于 85% 的下限"),
}
RARE = {4, 10}  # the error findings: most forms in a season are not returned
FALLBACK = {
    "JX105": ("empty-target", "error", "完整性", "指标值为空"),
    "JX204": ("output-upper-bound", "warning", "适当性", "产出数量只设了上限"),
    "JX207": ("satisfaction-below-threshold", "warning", "适当性", "满意度目标偏低"),
    "JX209": ("vague-qualitative-target", "info", "适当性", "定性指标值含糊"),
    "JX210": ("timeliness-without-deadline", "info", "适当性", "时效指标没有时限"),
    "JX212": ("negative-indicator-direction", "error", "适当性", "负向指标方向错误"),
    "JX213": ("cost-without-amount", "warning", "适当性", "成本指标没有金额"),
    "JX301": ("duplicate-indicator", "error", "相关性", "同一指标重复出现"),
    "JX302": ("goal-text-mismatch", "warning", "相关性", "指标值与年度总体目标不一致"),
    "JX401": ("funds-sum-mismatch", "error", "可行性", "资金合计不平"),
}


def rule_infos() -> dict[str, RuleInfo]:
    """The shipped rules' metadata; a built-in copy when the rule set cannot be loaded."""
    try:
        from linter.engine.loader import load_ruleset

        return {r.id: r.info("zh") for r in load_ruleset().rules}
    except Exception:  # the docs picture must not depend on the engine being importable
        return {k: RuleInfo(k, n, s, c, t, "", "", "", "") for k, (n, s, c, t) in FALLBACK.items()}


def demo_summary() -> AuditSummary:
    rng = random.Random(2026)
    rules = rule_infos()
    policy = Policy()
    records = []
    for dept, units in DEPARTMENTS.items():
        for unit, projects in units.items():
            path = f"2026预算/{dept}/{unit}.xlsx"
            forms, findings = [], []
            for p_no, project in enumerate(projects, 1):
                picked = sorted(rng.sample(range(len(INDICATORS)), rng.randint(6, 12)))
                rows = [INDICATORS[i] for i in picked]
                amount = f"{rng.randrange(8, 900) * 1000 + rng.randrange(0, 100) * 10}.00"
                form = make_form(path, p_no, project, dept, unit, amount, rows, line=p_no * 40)
                forms.append(form)
                for pos, src in enumerate(picked):
                    if src in CATALOG and rng.random() < (0.7 if src not in RARE else 0.2):
                        rule, text = CATALOG[src]
                        ind = form.indicators[pos]
                        msg = text.format(i=ind.name, t=ind.target.raw)
                        findings.append(_finding(rules, form, rule, msg, pos))
                if rng.random() < 0.15:
                    total = form.funds.total.amount
                    msg = f"年度资金申请总额 {total:,.2f} 元 ≠ 各项来源之和 {total - 10000:,.2f} 元"
                    findings.append(_finding(rules, form, "JX401", msg, None))
                if rng.random() < 0.1 and len(picked) > 2:
                    ind = form.indicators[-1]
                    first = f"第 {ind.line - 1} 行已设为“{ind.target.raw}”"
                    msg = f"指标「{ind.name}」重复出现（{first}）"
                    findings.append(_finding(rules, form, "JX301", msg, len(picked) - 1))
            records += records_for_file(path, forms, findings, policy)
    return AuditSummary.build(
        records,
        [],
        ["2026预算/区教育局/填表说明.docx"],
        rules,
        "zh",
        policy=policy,
        roots=["2026预算"],
    )


def _finding(rules, form, rule: str, message: str, pos: int | None) -> Finding:
    info = rules.get(rule) or RuleInfo(rule, *FALLBACK[rule][:3], "", "", "", "", "", "")
    ind = None if pos is None else form.indicators[pos]
    line = ind.line if ind else form.span.line + 5
    return Finding(
        path=form.path,
        rule=rule,
        name=info.name,
        severity=info.severity,
        category=info.category,
        message=message,
        span=Span(line, 4, line, 10),
        form_index=form.index,
        form_name=form.project_name,
        indicator=ind.name if ind else None,
        indicator_index=pos,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(HERE.parent.parent / "docs/img/audit-report.png"))
    ap.add_argument("--html", help="also keep the report here")
    ap.add_argument("--size", default="1200,1600", help="window size, W,H")
    args = ap.parse_args(argv)
    exe = find_chromium()
    if exe is None:
        print("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
        return 2
    html = render_report(demo_summary(), "html")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(args.html) if args.html else Path(tmp) / "report.html"
        page.write_bytes(html)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        run = screenshot(exe, Path(tmp) / "profile", page, out.resolve(), args.size)
    problems = console_lines(run.stderr)
    if problems or not out.exists():
        print("\n".join(problems) or run.stderr[-2000:])
        return 1
    print(f"{out}: {png_size(out)[0]}x{png_size(out)[1]}, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
