"""The target grammar: grammar/target.lark, linter/targets*.py, rules/vocab/units.yaml."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from linter.model import (
    BOOLEAN,
    COMPARISON,
    DEADLINE,
    EMPTY,
    INVALID,
    PERIOD,
    QUALITATIVE,
    RANGE,
    Target,
)
from linter.targets import parse_target

ROOT = Path(__file__).resolve().parent.parent
D = dt.date

# Units as (unit as written, normalized unit, scale, kind).
PCT = ("%", "%", 1, "percent")
YUAN = ("元", "元", 1, "currency")
WANYUAN = ("万元", "元", 10000, "currency")
JIAN = ("件", "件", 1, "count")
CI = ("次", "次", 1, "count")
REN = ("人", "人", 1, "count")
RENCI = ("人次", "人次", 1, "count")

# Fields compared for every row; a field a row does not name must keep its default.
FIELDS = (
    "op",
    "value",
    "unit",
    "unit_norm",
    "scale",
    "unit_kind",
    "low",
    "high",
    "deadline",
    "deadline_md",
    "year_offset",
    "period",
    "times",
    "word",
    "note",
    "approx",
    "tolerance",
    "rate",
)
DEFAULTS = {f: None for f in FIELDS} | {"scale": Decimal(1), "year_offset": 0, "approx": False, "tolerance": False}


def expect(kind: str, unit: tuple[str, str, int | str, str | None] | None = None, **fields: Any) -> dict[str, Any]:
    """Expected Target fields; values, low and high as strings to check the digits written."""
    out = dict(DEFAULTS, kind=kind)
    if unit is not None:
        out.update(unit=unit[0], unit_norm=unit[1], scale=Decimal(unit[2]), unit_kind=unit[3])
    if isinstance(fields.get("deadline"), dt.date) and "deadline_md" not in fields:
        fields["deadline_md"] = (fields["deadline"].month, fields["deadline"].day)
    out.update(fields)
    return out


def C(op: str | None, value: str, unit: Any = None, **kw: Any) -> dict[str, Any]:
    return expect(COMPARISON, unit, op=op, value=value, **kw)


def R(low: str, high: str, unit: Any = None, **kw: Any) -> dict[str, Any]:
    return expect(RANGE, unit, low=low, high=high, **kw)


def DL(deadline: dt.date | None = None, **kw: Any) -> dict[str, Any]:
    return expect(DEADLINE, deadline=deadline, **kw)


def P(period: str, **kw: Any) -> dict[str, Any]:
    return expect(PERIOD, period=period, **kw)


def Q(word: str, **kw: Any) -> dict[str, Any]:
    return expect(QUALITATIVE, word=word, **kw)


def RATE(raw: str, op: str | None, value: str, unit: str | None, word: str | None = None) -> tuple:
    """The comparison kept in a deadline's `rate`: its raw text, op, value, unit and word."""
    return (raw, COMPARISON, op, value, unit, word)


CASES: list[tuple[str, dict[str, Any]]] = [
    # ---- comparisons: signs, full-width forms, words before and after ----
    ("≥95.00(%)", C("≥", "95.00", PCT)),
    ("≤15.31(万元)", C("≤", "15.31", WANYUAN)),
    ("=100.00(%)", C("=", "100.00", PCT)),
    ("=0.00(次)", C("=", "0.00", CI)),
    ("≥25.00(人次)", C("≥", "25.00", RENCI)),
    ("≤1327500.00(页)", C("≤", "1327500.00", ("页", "页", 1, "count"))),
    ("＞95％", C(">", "95", PCT)),
    ("＜5", C("<", "5")),
    ("＝3场", C("=", "3", ("场", "场", 1, "count"))),
    ("≧90%", C("≥", "90", PCT)),
    ("≦10天", C("≤", "10", ("天", "天", 1, "duration"))),
    (">=95%", C("≥", "95", PCT)),
    ("<=10", C("≤", "10")),
    ("=<10", C("≤", "10")),
    ("=>10", C("≥", "10")),
    ("＞＝95％", C("≥", "95", PCT)),
    ("≥ 95 %", C("≥", "95", PCT)),
    ("  ≥95%  ", C("≥", "95", PCT)),
    ("不低于95%", C("≥", "95", PCT)),
    ("不少于3300件", C("≥", "3300", JIAN)),
    ("不高于15万元", C("≤", "15", WANYUAN)),
    ("不超过620万/月", C("≤", "620", ("万/月", "元/月", 10000, "currency"))),
    ("大于90%", C(">", "90", PCT)),
    ("小于5%", C("<", "5", PCT)),
    ("高于80分", C(">", "80", ("分", "分", 1, None))),
    ("低于3次", C("<", "3", CI)),
    ("达到100%", C("≥", "100", PCT)),
    ("超过50人", C(">", "50", REN)),
    ("少于2起", C("<", "2", ("起", "起", 1, "count"))),
    ("大于或等于90%", C("≥", "90", PCT)),
    ("约110人", C("=", "110", REN, approx=True)),
    ("100人以上", C("≥", "100", REN)),
    ("95%及以上", C("≥", "95", PCT)),
    ("5%以下", C("≤", "5", PCT)),
    ("5%及以下", C("≤", "5", PCT)),
    ("15个工作日以内", C("≤", "15", ("个工作日", "工作日", 1, "duration"))),
    ("30日内", C("≤", "30", ("日", "天", 1, "duration"))),
    ("18000件左右", C("=", "18000", JIAN, approx=True)),
    ("达到100人以上", C("≥", "100", REN)),
    ("控制在15万元以内", C("≤", "15", WANYUAN)),
    ("控制在95%左右", C("=", "95", PCT, approx=True)),
    ("≥95%以上", C("≥", "95", PCT)),
    ("100%", C(None, "100", PCT)),
    ("10", C(None, "10")),
    ("0", C(None, "0")),
    # ---- numbers ----
    ("1,327,500.00", C(None, "1327500.00")),
    ("≤1,693,995.00元", C("≤", "1693995.00", YUAN)),
    ("１，３２７，５００", C(None, "1327500")),
    ("０.５", C(None, "0.5")),
    ("-5%", C(None, "-5", PCT)),
    ("≥-2.5%", C("≥", "-2.5", PCT)),
    ("＝－3", C("=", "-3")),
    # ---- units: vocabulary, derived, unknown ----
    ("100%(百分比)", C(None, "100", PCT)),
    ("≥100百分比", C("≥", "100", ("百分比", "%", 1, "percent"))),
    ("1.5万", C(None, "1.5", ("万", "元", 10000, "currency"))),
    ("≤40元/人", C("≤", "40", ("元/人", "元/人", 1, "currency"))),
    ("≤300元/亩", C("≤", "300", ("元/亩", "元/亩", 1, "currency"))),
    ("≤2000元/人·月", C("≤", "2000", ("元/人·月", "元/人·月", 1, "currency"))),
    ("≤1.2万元/人", C("≤", "1.2", ("万元/人", "元/人", 10000, "currency"))),
    ("≥2人/次", C("≥", "2", ("人/次", "人/次", 1, "count"))),
    ("≥18万人次", C("≥", "18", ("万人次", "人次", 10000, "count"))),
    ("≥3万平方米", C("≥", "3", ("万平方米", "平方米", 10000, "measure"))),
    ("≤5千元", C("≤", "5", ("千元", "元", 1000, "currency"))),
    ("≥500亩", C("≥", "500", ("亩", "亩", 1, "measure"))),
    ("≥12公里", C("≥", "12", ("公里", "公里", 1, "measure"))),
    ("≥20吨", C("≥", "20", ("吨", "吨", 1, "measure"))),
    ("≥10TB", C("≥", "10", ("TB", "TB", 1, "measure"))),
    ("≥10 tb", C("≥", "10", ("tb", "TB", 1, "measure"))),
    ("≤2小时", C("≤", "2", ("小时", "小时", 1, "duration"))),
    ("≤6个月", C("≤", "6", ("个月", "月", 1, "duration"))),
    ("≥24月", C("≥", "24", ("月", "月", 1, "duration"))),
    ("≥3(批次)", C("≥", "3", ("批次", "批次", 1, None))),
    ("=24(场)", C("=", "24", ("场", "场", 1, "count"))),
    ("≤1.5（万元）", C("≤", "1.5", WANYUAN)),
    # ---- notes in brackets ----
    ("100%(历史标准)", C(None, "100", PCT, note="历史标准")),
    ("≥95%（行业标准）", C("≥", "95", PCT, note="行业标准")),
    ("≥95%【行业标准】", C("≥", "95", PCT, note="行业标准")),
    ("100(历史标准)", C(None, "100", note="历史标准")),
    ("≤15(万元)(含税)", C("≤", "15", WANYUAN, note="含税")),
    ("≥90%(2025年实际)", C("≥", "90", PCT, note="2025年实际")),
    ("100%以上(计划标准)", C("≥", "100", PCT, note="计划标准")),
    # ---- ranges ----
    ("90%-95%", R("90", "95", PCT)),
    ("90~95%", R("90", "95", PCT)),
    ("90%～95%", R("90", "95", PCT)),
    ("90-95(%)", R("90", "95", PCT)),
    ("90%—95%", R("90", "95", PCT)),
    ("1000至2000元", R("1000", "2000", YUAN)),
    ("1000元到2000元", R("1000", "2000", YUAN)),
    ("3-5个月", R("3", "5", ("个月", "月", 1, "duration"))),
    ("90%-95%之间", R("90", "95", PCT)),
    ("0.5-1.5万元", R("0.5", "1.5", WANYUAN)),
    # ---- deadlines ----
    ("2026年12月底前", DL(D(2026, 12, 31))),
    ("2026年12月31日前", DL(D(2026, 12, 31))),
    ("2026年12月底", DL(D(2026, 12, 31))),
    ("2026年6月30日", DL(D(2026, 6, 30))),
    ("2026年2月底前", DL(D(2026, 2, 28))),
    ("2028年2月底前", DL(D(2028, 2, 29))),
    ("12月底前", DL(deadline_md=(12, 31))),
    ("6月30日前", DL(deadline_md=(6, 30))),
    ("2月底前", DL(deadline_md=(2, 28))),
    ("年底前", DL(deadline_md=(12, 31))),
    ("年内", DL(deadline_md=(12, 31))),
    ("2026-12-31前", DL(D(2026, 12, 31))),
    ("2026-12-31", DL(D(2026, 12, 31))),
    ("2026/12/31", DL(D(2026, 12, 31))),
    ("2026.12.31", DL(D(2026, 12, 31))),
    ("2026-6-5", DL(D(2026, 6, 5))),
    ("2026年12月", DL(D(2026, 12, 31))),
    ("2026年9月份", DL(D(2026, 9, 30))),
    ("2026年", DL(D(2026, 12, 31))),
    ("2026年底前", DL(D(2026, 12, 31))),
    ("2026年上半年", DL(D(2026, 6, 30))),
    ("2026年第三季度", DL(D(2026, 9, 30))),
    ("2026年3月中旬", DL(D(2026, 3, 20))),
    ("10月上旬前", DL(deadline_md=(10, 10))),
    ("11月下旬", DL(deadline_md=(11, 30))),
    ("2019年12月(计划标准)", DL(D(2019, 12, 31), note="计划标准")),
    ("第四季度", DL(deadline_md=(12, 31))),
    ("第4季度前", DL(deadline_md=(12, 31))),
    ("二季度", DL(deadline_md=(6, 30))),
    ("上半年", DL(deadline_md=(6, 30))),
    ("2023.07-2024.01", DL(D(2024, 1, 31))),
    ("2021年1月-12月", DL(D(2021, 12, 31))),
    ("2026年1-12月", DL(D(2026, 12, 31))),
    ("2026-01-01至2026-12-31", DL(D(2026, 12, 31))),
    ("2026.07", DL(D(2026, 7, 31))),
    ("当年完成", DL(deadline_md=(12, 31), word="完成")),
    ("2026年12月底前完成", DL(D(2026, 12, 31), word="完成")),
    ("于2026年10月31日前完成验收", DL(D(2026, 10, 31), word="完成验收")),
    ("截至2026年12月31日", DL(D(2026, 12, 31))),
    ("次年3月底前", DL(deadline_md=(3, 31), year_offset=1)),
    ("≤ 2026-11-30", DL(D(2026, 11, 30), op="≤")),
    ("≤2026-11-30(日期)", DL(D(2026, 11, 30), op="≤", note="日期")),
    ("=2026-06-30", DL(D(2026, 6, 30), op="=")),
    ("<2026-07-01", DL(D(2026, 6, 30), op="<")),
    ("<1月", DL(deadline_md=(12, 31), op="<", year_offset=-1)),
    ("<3月1日", DL(deadline_md=(2, 29), op="<")),
    ("<2026年3月1日", DL(D(2026, 2, 28), op="<")),
    ("不晚于2026年6月30日", DL(D(2026, 6, 30), op="≤")),
    # ---- periods ----
    ("每月", P("month")),
    ("每季度", P("quarter")),
    ("每半年", P("halfyear")),
    ("每年", P("year")),
    ("每周", P("week")),
    ("每天", P("day")),
    ("全年", P("year")),
    ("每年4次", P("year", times=4)),
    ("每季度1次", P("quarter", times=1)),
    ("每月2次", P("month", times=2)),
    ("每季度一次", P("quarter", times=1)),
    ("每年十二次", P("year", times=12)),
    ("每季度开展一次", P("quarter", times=1, word="开展")),
    ("每月至少1次", P("month", times=1, op="≥")),
    ("每年不少于4次", P("year", times=4, op="≥")),
    ("每月36人次", expect(PERIOD, RENCI, period="month", value="36")),
    ("每季度末", P("quarter")),
    # ---- words ----
    ("及时", Q("及时")),
    ("保障", Q("保障")),
    ("明显提升", Q("明显提升")),
    ("持续改善", Q("持续改善")),
    ("优/良/中/差", Q("优/良/中/差")),
    ("不低于上年", Q("不低于上年")),
    ("控制在预算内", Q("控制在预算内")),
    ("及时、准确", Q("及时、准确")),
    ("明显提升（行业标准）", Q("明显提升", note="行业标准")),
    ("是", expect(BOOLEAN, word="是")),
    ("否", expect(BOOLEAN, word="否")),
    # ---- LAYOUTS.md §3: the classes published forms keep coming back with ----
    # bare values: op stays None (the reader or the rules decide what it means)
    ("150人次", C(None, "150", RENCI)),
    ("98%", C(None, "98", PCT)),
    ("36", C(None, "36")),
    # a time row's Excel date serial is the reader's business: to the grammar it is a number
    ("45657", C(None, "45657")),
    # other operator glyphs and spacing
    ("═100%", C("=", "100", PCT)),
    ("⩾90%", C("≥", "90", PCT)),
    ("⩽5%", C("≤", "5", PCT)),
    ("≧ 85 %", C("≥", "85", PCT)),
    (" >= 95% ", C("≥", "95", PCT)),
    ("<= 10 天", C("≤", "10", ("天", "天", 1, "duration"))),
    ("> = 95%", C("≥", "95", PCT)),
    ("< = 3次", C("≤", "3", CI)),
    # a unit word after the percent sign; %(百分比) as the spelling of a unit column
    (">= 90 %(百分比)", C("≥", "90", PCT)),
    ("≥95百分比", C("≥", "95", ("百分比", "%", 1, "percent"))),
    ("≥95(%(百分比))", C("≥", "95", PCT)),
    ("=100.00（%（百分比））", C("=", "100.00", PCT)),
    ("≥95(百分比(%))", C("≥", "95", ("百分比", "%", 1, "percent"))),
    ("≥98(%(历史标准))", C("≥", "98", PCT, note="历史标准")),
    # floors in words, 万 alone (kept as written; the vocabulary reads it as 万元)
    ("80%及以上", C("≥", "80", PCT)),
    ("不低于98%", C("≥", "98", PCT)),
    ("30万", C(None, "30", ("万", "元", 10000, "currency"))),
    ("≤30万", C("≤", "30", ("万", "元", 10000, "currency"))),
    # frequencies: a count of 次 per period is a period, as 每月2次 is
    ("2次/月", P("month", times=2)),
    ("≥2次/年", P("year", times=2, op="≥")),
    ("1次/半年", P("halfyear", times=1)),
    ("4次/季度", P("quarter", times=4)),
    ("不少于1次/周", P("week", times=1, op="≥")),
    ("3回/年", P("year", times=3)),
    ("每半年不少于1次", P("halfyear", times=1, op="≥")),
    ("每季度1次", P("quarter", times=1)),
    ("1次/月以上", P("month", times=1, op="≥")),
    ("2次/每月", P("month", times=2)),
    ("2-3次/月", R("2", "3", ("次/月", "次/月", 1, "rate"))),  # a range stays a range
    ("1.5次/月", C(None, "1.5", ("次/月", "次/月", 1, "rate"))),  # not a whole count
    ("≤2000元/月", C("≤", "2000", ("元/月", "元/月", 1, "currency"))),  # money per month
    # date ranges, dotted and dashed
    ("2024.3.1-11.30", DL(D(2024, 11, 30))),
    ("2024.3.1-2025.1.15", DL(D(2025, 1, 15))),
    ("2024-3-1至11-30", DL(D(2024, 11, 30))),
    ("2024.03.01-2024.11.30", DL(D(2024, 11, 30))),
    ("2024.3-2024.11", DL(D(2024, 11, 30))),
    ("2023年2月--2023年10月", DL(D(2023, 10, 31))),
    ("2023年2月——2023年10月", DL(D(2023, 10, 31))),
    ("2023年2月--10月", DL(D(2023, 10, 31))),
    ("2000.5-2500.5元", R("2000.5", "2500.5", YUAN)),  # still a range of numbers
    # a deadline with a rate: a deadline, the rate kept whole in `rate`
    ("10月底前完成率100%", DL(deadline_md=(10, 31), word="完成率", rate=RATE("100%", None, "100", "%"))),
    (
        "2026年12月底前完成率达到95%",
        DL(D(2026, 12, 31), word="完成率", rate=RATE("达到95%", "≥", "95", "%")),
    ),
    ("12月31日前完成率≥95%", DL(deadline_md=(12, 31), word="完成率", rate=RATE("≥95%", "≥", "95", "%"))),
    ("2026年6月底前100%完成", DL(D(2026, 6, 30), rate=RATE("100%完成", None, "100", "%", "完成"))),
    ("12月底前完成90%以上", DL(deadline_md=(12, 31), word="完成", rate=RATE("90%以上", "≥", "90", "%"))),
    ("12月底前100%", DL(deadline_md=(12, 31), rate=RATE("100%", None, "100", "%"))),
    ("11月底前 完成率 ９８％ ", DL(deadline_md=(11, 30), word="完成率", rate=RATE("９８％", None, "98", "%"))),
    # a value with a word after it: the comparison, the word kept
    ("95%达标", C(None, "95", PCT, word="达标")),
    ("100%落实", C(None, "100", PCT, word="落实")),
    ("100%完成", C(None, "100", PCT, word="完成")),
    ("100%到位", C(None, "100", PCT, word="到位")),
    ("≥95%达标", C("≥", "95", PCT, word="达标")),
    ("95%以上达标", C("≥", "95", PCT, word="达标")),
    ("80%以上群众知晓", C("≥", "80", PCT, word="群众知晓")),
    ("3场完成", C(None, "3", ("场", "场", 1, "count"), word="完成")),
    ("≥95(%)达标", C("≥", "95", PCT, word="达标")),
    # a condition before a value: kept in the note
    ("收到中央资金后30日内", C("≤", "30", ("日", "天", 1, "duration"), note="收到中央资金后")),
    ("项目验收后不超过3个月", C("≤", "3", ("个月", "月", 1, "duration"), note="项目验收后")),
    ("资金到位后15个工作日内", C("≤", "15", ("个工作日", "工作日", 1, "duration"), note="资金到位后")),
    # tolerances: ± is ≤ on the deviation either way
    ("±3%以内", C("≤", "3", PCT, tolerance=True)),
    ("±5%", C("≤", "5", PCT, tolerance=True)),
    ("正负2%", C("≤", "2", PCT, tolerance=True)),
    ("±0.5万元", C("≤", "0.5", WANYUAN, tolerance=True)),
    # a template's check boxes with one ticked: the ticked option
    ("优☑良□中□差□", Q("优")),
    ("□是 ☑否", expect(BOOLEAN, word="否")),
    # sentences with a number in them: qualitative, not a comparison
    ("按每人每月800元标准足额发放", Q("按每人每月800元标准足额发放")),
    ("确保95%以上群众知晓", Q("确保95%以上群众知晓")),
    ("按照2025年标准执行", Q("按照2025年标准执行")),
    ("力争3个村完成改造", Q("力争3个村完成改造")),
    # ---- placeholders ----
    ("", expect(EMPTY)),
    ("   ", expect(EMPTY)),
    ("—", expect(EMPTY)),
    ("——", expect(EMPTY)),
    ("-", expect(EMPTY)),
    ("/", expect(EMPTY)),
    ("无", expect(EMPTY)),
    ("空", expect(EMPTY)),
    ("\u3000\n", expect(EMPTY)),
]


def _actual(t: Target) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": t.kind}
    for name in FIELDS:
        value = getattr(t, name)
        if name in ("value", "low", "high") and value is not None:
            value = str(value)  # digits as written: 95.00 is not 95
        if name == "rate" and value is not None:
            value = (value.raw, value.kind, value.op, str(value.value), value.unit, value.word)
        out[name] = value
    return out


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_reads(raw: str, expected: dict[str, Any]) -> None:
    t = parse_target(raw)
    assert t.raw == raw
    assert t.error is None and t.error_column is None, t.error
    assert _actual(t) == expected


# The units of DOMAIN.md, each read whole after a number, with its kind.
LISTED_UNITS = {
    "percent": ["%", "百分比"],
    "currency": ["元", "万元", "万", "元/人", "元/亩", "元/人·月", "万/月"],
    "count": [
        "人",
        "人次",
        "人/次",
        "名",
        "场",
        "次",
        "个",
        "份",
        "件",
        "辆",
        "座",
        "条",
        "所",
        "页",
        "户",
        "家",
        "套",
        "台",
        "项",
    ],
    "measure": ["亩", "公里", "平方米", "万平方米", "公斤", "吨", "TB", "GB"],
    "duration": ["天", "日", "个工作日", "小时", "分钟", "月", "年", "个月"],
}


@pytest.mark.parametrize(("unit", "kind"), [(u, k) for k, units in LISTED_UNITS.items() for u in units])
def test_listed_units(unit: str, kind: str) -> None:
    for raw in (f"≥36{unit}", f"≥36({unit})", f"≥36（{unit}）以上"):
        t = parse_target(raw)
        assert (t.kind, t.op, t.unit, t.unit_kind) == (COMPARISON, "≥", unit, kind), raw


# Words that begin like a keyword (约, 无, 空, 是, 达, 全年, 每年, 第) are still words.
WORDS = [
    "及时",
    "保障",
    "有效",
    "规范",
    "合规",
    "提升",
    "明显提升",
    "持续改善",
    "良好",
    "优良",
    "达标",
    "满意",
    "缩短",
    "健全",
    "稳步提高",
    "约定",
    "无有责投诉",
    "空气质量优良",
    "是否达标",
    "全年无事故",
    "每年提高",
    "第一名",
    "年度考核合格",
    "优、良、中、差",
    "A级",
]


@pytest.mark.parametrize("word", WORDS)
def test_words_are_qualitative(word: str) -> None:
    t = parse_target(word)
    assert (t.kind, t.word) == (QUALITATIVE, word)


def test_enough_cases() -> None:
    assert len(CASES) >= 100
    assert len(MALFORMED) >= 15


# (raw, 1-based column in raw where reading fails, start of the Chinese message)
MALFORMED: list[tuple[str, int, str]] = [
    ("≥", 2, "缺少数值"),
    ("≥95%%", 5, "无法识别“%”"),
    ("≥ 95 %%", 7, "无法识别“%”"),
    ("  ≥ 95 %%", 9, "无法识别“%”"),
    ("≤95%以上", 5, "“≤”与“以上”矛盾"),
    ("≥95%左右", 5, "“≥”与“左右”矛盾"),
    ("2026-02-30", 1, "日期不存在：2026-02-30"),
    ("2026-12-00", 1, "日期不存在：2026-12-00"),
    ("完成时间2026-02-30", 5, "无法识别"),
    ("2026年2月29日", 8, "日期不存在：2026年2月29日"),
    ("2月30日前", 3, "日期不存在：2月30日"),
    ("2026年13月", 6, "无法识别“13”"),
    ("2026年0月", 6, "无法识别“0”"),
    ("2150年", 1, "年份不合理：2150"),
    ("95%-90%", 5, "区间下限大于上限"),
    ("90%-95元", 7, "区间两端单位不一致"),
    ("2026年12月-2026年1月", 10, "起始日期晚于截止日期"),
    ("≥2026-01-01", 1, "日期目标不能用“≥”"),
    ("合格率100%", 4, "无法识别“100”"),
    ("100%%完成", 5, "无法识别“%”"),  # 100%完成 is a comparison with its word (VALUE_WORDS)
    ("≥95%(行业标准", 10, "缺少右括号"),
    ("每年一一次", 3, "无法识别的数字“一一”"),
    ("每月1.5次", 3, "次数应为非负整数"),
    ("１２月３２日", 4, "日期不存在：12月32日"),
    ("95%,", 4, "无法识别"),
    ("≥≥95", 2, "无法识别“≥”"),
    ("1,2", 2, "无法识别"),
    ("Q4", 2, "无法识别“4”"),
    # LAYOUTS.md §3: template choices left unfilled, a unit with no number, ± misused
    ("有/无", 1, "指标值是模板中未填写的选项“有/无”"),
    ("是/否", 1, "指标值是模板中未填写的选项“是/否”"),
    (" 是 / 否", 2, "指标值是模板中未填写的选项“是 / 否”"),
    ("无、有", 1, "指标值是模板中未填写的选项“无、有”"),
    ("优□良□", 2, "指标值是模板中未勾选的选项“优□良□”"),
    ("□优 □良 □中 □差", 1, "指标值是模板中未勾选的选项"),
    ("元/户·年", 1, "只有单位“元/户·年”，缺少数值"),
    ("万元", 1, "只有单位“万元”，缺少数值"),
    ("人次", 1, "只有单位“人次”，缺少数值"),
    ("%(百分比)", 1, "只有单位“%(百分比)”，缺少数值"),
    ("（%）", 1, "只有单位“(%)”，缺少数值"),
    ("±3%以上", 4, "“±”与“以上”矛盾"),
    ("±2026-12-31", 1, "日期目标不能用“±”"),
    ("2024.3.1-2.30", 10, "日期不存在：2月30日"),
    ("2024.11.1-3.30", 11, "起始日期晚于截止日期"),
    ("合格率95%", 4, "无法识别“95”"),  # a name and a value: not a sentence
]


@pytest.mark.parametrize(("raw", "column", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed(raw: str, column: int, message: str) -> None:
    t = parse_target(raw)
    assert t.kind == INVALID
    assert t.error_column == column, (t.error, t.error_column)
    assert t.error is not None and t.error.startswith(message), t.error
    assert t.error_en  # every message also in English
    assert t.value is None and t.op is None


# Every 指标值 of fixtures/forms/seed.txt, read off the file by hand (line: target).
SEED_TARGETS: list[tuple[str, str]] = [
    ("≤15.31(万元)", COMPARISON),
    ("≤15.00(人)", COMPARISON),
    ("规范", QUALITATIVE),
    ("合规", QUALITATIVE),
    ("及时", QUALITATIVE),
    ("保障", QUALITATIVE),
    ("满意", QUALITATIVE),
    ("≤15.00(元)", COMPARISON),
    ("≤1194.00(元)", COMPARISON),
    ("≥18000.00(件)", COMPARISON),
    ("≥3300.00(件)", COMPARISON),
    ("≥25.00(人次)", COMPARISON),
    ("≤3.00(次)", COMPARISON),
    ("≥95.00(%)", COMPARISON),
    ("=100.00(%)", COMPARISON),
    ("缩短", QUALITATIVE),
    ("2026年12月底前", DEADLINE),
    ("维护", QUALITATIVE),
    ("有效", QUALITATIVE),
    ("完整", QUALITATIVE),
    ("≥90.00(%)", COMPARISON),
    ("≤40.00(元)", COMPARISON),
    ("=3.00(场)", COMPARISON),
    ("≥100.00(人)", COMPARISON),
    ("≥80.00(%)", COMPARISON),
    ("提升", QUALITATIVE),
    ("≤0.21(元)", COMPARISON),
    ("≤1327500.00(页)", COMPARISON),
    ("清晰", QUALITATIVE),
    ("一致", QUALITATIVE),
    ("便捷", QUALITATIVE),
    ("≤192430.00(元)", COMPARISON),
    ("≤1496.25(元)", COMPARISON),
    ("≥12.00(次)", COMPARISON),
    ("=4.00(次)", COMPARISON),
    ("=0.00(次)", COMPARISON),
    ("定期", QUALITATIVE),
    ("提高", QUALITATIVE),
    ("=0.00(%)", COMPARISON),
    ("健全", QUALITATIVE),
]
# fixtures/forms/split-columns.txt, op + value + unit as the reader joins them.
SPLIT_TARGETS: list[tuple[str, str]] = [
    ("=24(场)", COMPARISON),
    ("≥2400(人次)", COMPARISON),
    ("=100(%)", COMPARISON),
    ("≥80(%)", COMPARISON),
    ("≤ 2026-11-30", DEADLINE),
    ("2026-11-30前", DEADLINE),
    ("≤1.5(万元)", COMPARISON),
    ("明显提升", QUALITATIVE),
    ("建立", QUALITATIVE),
    ("≥90(%)", COMPARISON),
]


def test_seed_targets_are_read() -> None:
    text = (ROOT / "fixtures" / "forms" / "seed.txt").read_text(encoding="utf-8")
    cells = {cell.strip() for line in text.splitlines() for cell in line.split("\t")}
    for raw, kind in SEED_TARGETS:
        assert raw in cells, f"{raw} is not a cell of the seed"
        t = parse_target(raw)
        assert t.kind == kind, (raw, t.kind, t.error)


def test_seed_amounts() -> None:
    cost = parse_target("≤15.31(万元)")
    assert cost.normalized_value == Decimal("153100.00")
    assert str(parse_target("≤1496.25(元)").normalized_value) == "1496.25"
    assert parse_target("≥95.00(%)").value.as_tuple() == Decimal("95.00").as_tuple()


def test_split_column_targets_are_read() -> None:
    for raw, kind in SPLIT_TARGETS:
        assert parse_target(raw).kind == kind, raw
