"""Write N synthetic performance-target forms in the seed's tab-separated layout.

    python benchmarks/generate.py OUTDIR --forms N [--per-file K] [--seed S] [--yaml]

Forms go to OUTDIR/txt/forms_00000.txt … (K forms per file, default 1); with --yaml the same
forms also go to OUTDIR/yaml/forms_00000.yaml as structured YAML (linter/schemas/form.schema.json),
for the yamllint comparison. OUTDIR/manifest.json records the seed and the defects written.

Each form is built from a theme (training, scanning, mailing, maintenance, home visits,
campaigns, staff) whose unit cost × quantity is close to the annual funds, then 5–25
indicators drawn from the seed's indicator rows and variations of them, laid out as the seed
lays them out (merged level cells carried down, thousands separators) with column drift:
rows shifted left or right, empty cells inserted, stray trailing tabs. Now and then a form
carries defects: vague words, satisfaction as a word, ≤ on an output count, a duplicate
indicator, a budget far from unit cost × quantity, funds that do not add up.

Form i depends only on (S, i), so the first 1,000 forms of a 10,000-form corpus are the
1,000-form corpus. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# The data the forms are made of (a sibling module, found when run as a script or imported).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from form_pools import (
    ACTS,
    BUREAUS,
    DEFECTS,
    DISTRICTS,
    KINDS,
    LEVEL1_ORDER,
    LEVEL2_ORDER,
    NATURES,
    OBJECTS,
    POOL,
    THEMES,
    TITLE,
    TOPICS,
    VAGUE,
    WHO,
)

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """1,693,995.00"""
    return f"{value.quantize(CENT, ROUND_HALF_UP):,}"


def number(value: Decimal | int | float) -> str:
    """A target number as the seed writes it: 15.00, 1327500.00."""
    return f"{Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)}"


def _target(rng: random.Random, spec: str | tuple) -> str:
    if isinstance(spec, str):
        return spec
    kind = spec[0]
    if kind == "pct":
        value = rng.randint(spec[2], spec[3])
        return f"{'=' if value == 100 else spec[1]}{number(value)}(%)"
    if kind == "num":
        return f"{spec[1]}{number(rng.randint(spec[2], spec[3]))}({spec[4]})"
    if kind == "date":
        return f"2026年{rng.randint(9, 12)}月底前"
    return rng.choice(spec[1])


def make_form(seed: int, index: int) -> tuple[dict, list[str]]:
    """Form `index` of the corpus made with `seed`: a dict in the YAML shape, and its defects."""
    rng = random.Random(f"{seed}:{index}")
    defects = [d for d, p in DEFECTS.items() if rng.random() < p]
    theme = rng.choice(THEMES)
    topic = rng.choice(TOPICS)
    district = rng.choice(DISTRICTS)
    bureau, units = rng.choice(BUREAUS)
    fill = {"t": topic, "o": rng.choice(OBJECTS), "a": rng.choice(ACTS)}

    low, high = theme["cr"]
    cost = Decimal(str(round(rng.uniform(low, high), 2)))
    n = rng.randint(*theme["nr"])
    quantity = Decimal(n)
    rows: list[tuple[str, str, str, str]] = [
        ("成本指标", "经济成本指标", theme["cost"], f"≤{number(cost)}({theme['cu']})")
    ]
    per_value = None
    if "per" in theme:
        per_name, per_unit, per_range = theme["per"]
        per_value = rng.randint(*per_range)
        quantity *= per_value
    estimate = cost * quantity * (10000 if theme["cu"] == "万元" else 1)
    if "fixed" in theme:
        fixed = Decimal(rng.randint(*theme["fixed"][1]))
        rows.insert(0, ("成本指标", "经济成本指标", theme["fixed"][0], f"≤{number(fixed)}(元)"))
        estimate += fixed
    op = "≤" if "le_output" in defects else ("=" if theme["unit"] in ("次", "人") else "≥")
    rows.append(("产出指标", "数量指标", theme["count"], f"{op}{number(n)}({theme['unit']})"))
    if per_value is not None:
        rows.append(("产出指标", "数量指标", per_name, f"≥{number(per_value)}({per_unit})"))
    factor = (
        rng.choice([Decimal("0.45"), Decimal("1.9")])
        if "budget_mismatch" in defects
        else Decimal(str(round(rng.uniform(0.93, 1.07), 3)))
    )
    total = (estimate * factor).quantize(Decimal(1))

    size = rng.randint(5, 25)
    pool = [p for p in POOL if p[0] != "满意度指标"]
    rng.shuffle(pool)
    who = rng.choice(WHO)
    satisfaction = "满意" if "satisfaction_word" in defects else f"≥{number(rng.randint(85, 98))}(%)"
    extra = [
        ("效益指标", *pool_pick(rng, "效益指标", "", fill)),
        ("产出指标", *pool_pick(rng, "产出指标", "质量指标", fill)),
        ("满意度指标", "服务对象满意度指标", f"{who}满意度", satisfaction),
    ]
    if rng.random() < 0.85:  # otherwise JX104: no 时效指标 under 产出指标
        extra.append(("产出指标", *pool_pick(rng, "产出指标", "时效指标", fill)))
    vague = list(VAGUE)
    rng.shuffle(vague)
    words = rng.randint(1, 3) if "vague" in defects else (1 if rng.random() < 0.3 else 0)
    extra += [(v[0], v[1], v[2].format(**fill), v[3]) for v in vague[:words]]
    for level1, level2, name, spec in pool:
        if len(rows) + len(extra) >= size:
            break
        extra.append((level1, level2, name.format(**fill), _target(rng, spec)))
    rows += extra
    rows = _dedupe(rows)
    if "duplicate" in defects:  # the same indicator again with another target (seed lines 58-59)
        twin = rng.choice([r for r in rows if r[3].startswith("≥") and r[3].endswith("(%)")] or rows)
        value = Decimal(twin[3][1:-3]) if twin[3].endswith("(%)") else Decimal(95)
        rows.append((*twin[:3], f"≥{number(value - 5 if value >= 90 else value + 5)}(%)"))
    rows.sort(key=lambda r: (LEVEL1_ORDER.index(r[0]), LEVEL2_ORDER.index(r[1])))  # stable: levels grouped

    appropriation, carryover, other = total, Decimal(0), Decimal(0)
    if rng.random() < 0.2:
        carryover = (total * Decimal(str(round(rng.uniform(0.05, 0.3), 2)))).quantize(Decimal(1))
        appropriation = total - carryover
    if "funds_sum" in defects:
        appropriation += rng.choice([Decimal(1000), Decimal(-2500), Decimal("0.50")])
    per = per_value or 0
    goal = theme["goal"].format(t=topic, n=n, p=per + rng.randint(0, per // 20))
    form = {
        "title": TITLE,
        "year": 2026,
        "project_name": theme["name"].format(t=topic),
        "department": f"上海市{district}区{bureau}",
        "unit": f"上海市{district}区{rng.choice(units)}",
        "header": {"项目性质": rng.choice(NATURES), "项目类别": rng.choice(KINDS)},
        "funds": {
            "unit": "元",
            "total": money(total),
            "appropriation": money(appropriation),
            "carryover": money(carryover),
            "other": money(other),
        },
        "plan": {"start": f"2026-{rng.choice(['01', '01', '01', '03'])}-01", "end": "2026-12-31"},
        "goal": goal,
        "indicators": [{"level1": a, "level2": b, "name": c, "target": d} for a, b, c, d in rows],
    }
    return form, defects


def pool_pick(rng: random.Random, level1: str, level2: str, fill: dict) -> tuple[str, str, str]:
    """One quantitative indicator of `level1` (and `level2` if given) from the pool."""
    rows = [p for p in POOL if p[0] == level1 and (not level2 or p[1] == level2) and p[3][0] != "word"]
    _, level2, name, spec = rng.choice(rows)
    return level2, name.format(**fill), _target(rng, spec)


def _dedupe(rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    seen: set[str] = set()
    out = []
    for row in rows:
        if row[2] not in seen:
            seen.add(row[2])
            out.append(row)
    return out


# -- the seed's tab-separated layout, with drift ----------------------------------------------


def _drift_pair_row(rng: random.Random, cells: list[str]) -> list[str]:
    """Header rows: now and then an empty cell between a label and its value, stray tabs."""
    if rng.random() < 0.15:
        at = rng.choice(range(1, len(cells), 2))
        cells = [*cells[:at], "", *cells[at:]]
    return cells + [""] * rng.choice([0, 0, 1, 1, 2])


def _drift_indicator(rng: random.Random, cells: list[str]) -> list[str]:
    """An indicator row [col0, level1, level2, name, target, ""], moved as the seed's rows are."""
    roll = rng.random()
    if roll < 0.06:  # shifted left: a level or the name lands in an earlier column (lines 22, 58, 137)
        while cells and cells[0] == "" and rng.random() < 0.7:
            cells = cells[1:]
    elif roll < 0.12:  # an empty cell inserted before the name or the target (lines 20, 82-84)
        at = rng.choice([3, 4])
        cells = [*cells[:at], "", *cells[at:]]
    elif roll < 0.16:  # shifted right (line 19)
        cells = ["", *cells]
    if rng.random() < 0.15:
        while cells and cells[-1] == "":
            cells = cells[:-1]
    elif rng.random() < 0.15:
        cells = cells + [""] * rng.randint(1, 2)
    return cells


def form_lines(form: dict, rng: random.Random) -> list[str]:
    """The form in the seed's layout, one string per line."""
    h, f = form["header"], form["funds"]
    wide = rng.random() < 0.4  # forms 3 and 4 of the seed carry one more empty column
    tail = [""] * (2 if wide else 1)
    rows = [
        [""],
        [TITLE],
        [""],
        [f"({form['year']}年度)"],
        [""],
        _drift_pair_row(rng, ["项目名称", form["project_name"], "项目性质", h["项目性质"], "项目类别", h["项目类别"]]),
        _drift_pair_row(rng, ["主管部门", form["department"], "实施单位", form["unit"]]),
        _drift_pair_row(rng, ["计划开始日期", form["plan"]["start"], "计划完成日期", form["plan"]["end"]]),
        ["项目资金 (元)", "项目资金总额", "", "年度资金申请总额", f["total"], *tail],
        ["", "其中：财政资金", "", "其中：当年财政拨款", f["appropriation"], *tail],
        ["", "", "", "上年结转资金", f["carryover"], *tail],
        ["", "其他资金" if rng.random() < 0.9 else "", "", "其他资金", f["other"], *tail],
        ["项目 绩效 目标", "项目总目标", "", "年度总体目标", "", *tail],
        ["", "", "", form["goal"], "", *tail],
        ["", "一级指标", "二级指标", "三级指标", "年度(/项目)指标值", *tail],
    ]
    previous = ("", "")
    for k, ind in enumerate(form["indicators"]):
        level1 = ind["level1"] if ind["level1"] != previous[0] else ""
        level2 = ind["level2"] if (ind["level1"], ind["level2"]) != previous else ""
        previous = (ind["level1"], ind["level2"])
        cells = ["绩效 指标" if k == 0 else "", level1, level2, ind["name"], ind["target"], *tail]
        rows.append(_drift_indicator(rng, cells) if k else cells)
    return ["\t".join(r) for r in rows]


# -- structured YAML (written by hand: PyYAML's emitter would take most of the run) -----------

_PLAIN = re.compile(r"[^\x00-\x7f][^\t\n]*")  # starts non-ASCII: never a number, date, bool or indicator


def _scalar(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and not text.endswith((" ", ":")):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _mapping(data: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines += [f"{pad}{key}:", *_mapping(value, indent + 2)]
        elif isinstance(value, list) and value:
            lines.append(f"{pad}{key}:")
            for item in value:
                inner = _mapping(item, indent + 4)
                lines += [" " * (indent + 2) + "- " + inner[0][indent + 4 :], *inner[1:]]
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return lines


def yaml_text(body: dict) -> str:
    """`body` (dicts, lists of dicts, strings, ints) as block YAML, sequences indented under
    their key as in fixtures/forms/*.yaml."""
    return "\n".join(["---", *_mapping(body, 0)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", type=Path)
    p.add_argument("--forms", type=int, required=True, help="number of forms")
    p.add_argument("--per-file", type=int, default=1, help="forms per file (default 1)")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--yaml", action="store_true", help="also write OUTDIR/yaml/*.yaml")
    args = p.parse_args(argv)
    if args.forms < 1 or args.per_file < 1:
        p.error("--forms and --per-file must be at least 1")
    txt_dir = args.outdir / "txt"
    txt_dir.mkdir(parents=True, exist_ok=True)
    yaml_dir = args.outdir / "yaml"
    if args.yaml:
        yaml_dir.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    indicators = files = 0
    for start in range(0, args.forms, args.per_file):
        batch = [make_form(args.seed, i) for i in range(start, min(start + args.per_file, args.forms))]
        lines: list[str] = [""]
        forms = []
        for i, (form, defects) in enumerate(batch, start):
            counts.update(defects)
            counts["clean" if not defects else "with_defects"] += 1
            indicators += len(form["indicators"])
            lines += form_lines(form, random.Random(f"{args.seed}:{i}:layout"))
            forms.append(form)
        name = f"forms_{start // args.per_file:05d}"
        (txt_dir / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        if args.yaml:
            body = forms[0] if len(forms) == 1 else {"forms": forms}
            (yaml_dir / f"{name}.yaml").write_text(yaml_text(body), encoding="utf-8")
        files += 1
    manifest = {
        "seed": args.seed,
        "forms": args.forms,
        "per_file": args.per_file,
        "files": files,
        "indicators": indicators,
        "defects": dict(sorted(counts.items())),
    }
    (args.outdir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(manifest, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
