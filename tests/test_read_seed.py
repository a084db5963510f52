"""The seed: five forms, read exactly (golden), and its variants read the same."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from linter.output.model_json import documents_to_json, render_parse
from linter.read import read_bytes, read_path, read_text

ROOT = Path(__file__).resolve().parent.parent
SEED = "fixtures/forms/seed.txt"
GOLDEN = ROOT / "fixtures" / "golden" / "seed.parse.json"


def seed_json() -> str:
    return render_parse([read_path(ROOT / SEED, display_path=SEED)], [], "json")


def test_seed_golden() -> None:
    """The whole model of the seed, checked by hand against the seed line by line.

    Regenerate with JXLINT_REGEN_GOLDEN=1 (never in CI), then check the diff by hand."""
    out = seed_json()
    if os.environ.get("JXLINT_REGEN_GOLDEN") and not os.environ.get("CI"):
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_seed_output_is_deterministic() -> None:
    assert seed_json() == seed_json()


def test_seed_forms(seed_text: str) -> None:
    doc = read_text(seed_text, "seed.txt")
    assert [len(f.indicators) for f in doc.forms] == [8, 20, 10, 7, 17]
    assert [f.project_name for f in doc.forms] == [
        "编外人员工作经费",
        "工伤鉴定",
        "业务培训",
        "辅助业务管理与支持",
        "网络信息系统运行与维护",
    ]
    assert all(f.year == 2026 and f.template.id == "shanghai" and f.medium == "tsv" for f in doc.forms)
    assert all(not f.problems for f in doc.forms)
    assert not doc.problems
    assert sum(f.funds.total.amount for f in doc.forms) == 2894185
    assert {f.unit for f in doc.forms} == {"上海市松江区社会保障服务中心"}


def _rows(seed_text: str) -> dict[int, tuple[str, str, str, str]]:
    doc = read_text(seed_text, "seed.txt")
    return {i.line: (i.level1, i.level2, i.name, i.target.raw) for f in doc.forms for i in f.indicators}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (17, ("成本指标", "经济成本指标", "人均用工成本", "≤15.31(万元)")),
        (19, ("产出指标", "质量指标", "非编人员规范完成各项工作任务，无有责投诉", "规范")),
        (20, ("产出指标", "时效指标", "资金使用合规性", "合规")),
        (21, ("产出指标", "时效指标", "工资、餐费等发放及时性", "及时")),
        (22, ("产出指标", "时效指标", "体检安排的及时性", "及时")),
        (58, ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95.00(%)")),
        (59, ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)")),
        (81, ("产出指标", "时效指标", "业务培训开展及时性", "及时")),
        (
            82,
            ("效益指标", "社会效益指标", "企业和职工的工伤预防意识和合法维权意识提升情况", "提升"),
        ),
        (83, ("效益指标", "可持续影响指标", "长效管理制度执行有效性", "有效")),
        (84, ("满意度指标", "服务对象满意度指标", "参训人员满意度", "满意")),
        (102, ("产出指标", "质量指标", "纸质档案扫描清晰度", "清晰")),
        (103, ("产出指标", "质量指标", "数字化扫描档案内容与纸质档案内容一致度", "一致")),
        (104, ("产出指标", "时效指标", "完成既定数量档案数字化扫描的及时性", "及时")),
        (105, ("效益指标", "可持续影响指标", "后续数字化档案查询便捷度", "便捷")),
        (106, ("满意度指标", "服务对象满意度指标", "中心对档案数字化扫描工作满意度", "满意")),
        (130, ("产出指标", "时效指标", "运维完成及时性", "及时")),
        (137, ("效益指标", "社会效益指标", "文档查阅效率提高情况", "提高")),
        (138, ("满意度指标", "服务对象满意度指标", "使用者满意度", "≥95.00(%)")),
    ],
)
def test_seed_hard_rows(seed_text: str, line: int, expected: tuple[str, ...]) -> None:
    assert _rows(seed_text)[line] == expected


def test_seed_carried_level_spans(seed_text: str) -> None:
    """Carried-down levels point at the cell where they were written (the merged cell)."""
    doc = read_text(seed_text, "seed.txt")
    by_line = {i.line: i for f in doc.forms for i in f.indicators}
    assert by_line[22].level1_span.line == 18 and by_line[22].level2_span.line == 20
    assert by_line[137].level1_span.line == 132 and by_line[137].level2_span.line == 132
    assert by_line[59].level1_span.line == 58
    assert by_line[81].level2_span.line == 81 and by_line[81].level1_span.line == 76


def test_seed_funds_use_the_right_column(seed_text: str) -> None:
    """The left column (项目资金总额, 其中：财政资金, 其他资金) is empty: the amounts come
    from the right column; form 4 has no left 其他资金."""
    doc = read_text(seed_text, "seed.txt")
    f4 = doc.forms[3].funds
    assert (f4.total.amount, f4.appropriation.amount, f4.carryover.amount, f4.other.amount) == (
        278775,
        278775,
        0,
        0,
    )
    assert f4.other.span.line == 96 and f4.project_total is None
    f1 = doc.forms[0].funds
    assert f1.other.span.line == 13 and f1.other.span.column == 13
    assert f1.total.raw == "1,693,995.00" and str(f1.total.amount) == "1693995.00"


# ---- variants ---------------------------------------------------------------------------

_SPAN_KEYS = {"span", "spans", "label_span", "value_span"}


def _strip(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in _SPAN_KEYS | {"encoding"}}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


def _model(doc) -> Any:
    return documents_to_json([doc])


@pytest.mark.parametrize(
    ("name", "encode", "encoding", "newline"),
    [
        ("gb18030", lambda t: t.encode("gb18030"), "gb18030", "\n"),
        ("utf-16", lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le", "\n"),
        ("utf-16-be", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be", "\n"),
        ("utf-8-bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig", "\n"),
        ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8", "\r\n"),
        ("cr", lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8", "\r"),
    ],
)
def test_seed_variants_read_the_same(seed_text: str, name: str, encode, encoding: str, newline: str) -> None:
    base = _model(read_text(seed_text, "seed.txt"))
    doc = read_bytes(encode(seed_text), "seed.txt")
    assert doc.encoding == encoding
    assert doc.newline == newline
    out = _model(doc)
    assert all(f["encoding"] == encoding for f in out["forms"])
    # Spans count code points with any line end as one break, without the BOM: equal too.
    for f in out["forms"]:
        f["encoding"] = "utf-8"
    assert out == base


def test_mixed_line_ends(seed_text: str) -> None:
    lines = seed_text.split("\n")
    ends = ["\r\n", "\n", "\r"]
    text = "".join(line + ends[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    doc = read_bytes(text.encode("utf-8"), "seed.txt")
    assert _model(doc) == _model(read_text(seed_text, "seed.txt"))


def _indicator_lines(seed_text: str) -> set[int]:
    doc = read_text(seed_text, "seed.txt")
    return {i.line for f in doc.forms for i in f.indicators}


@pytest.mark.parametrize("shift", ["right", "left", "alternate"])
def test_seed_drift(seed_text: str, shift: str) -> None:
    """Indicator rows moved one column left or right read the same apart from spans."""
    rows = _indicator_lines(seed_text)
    lines = seed_text.split("\n")
    changed = 0
    for n in rows:
        line = lines[n - 1]
        right = shift == "right" or (shift == "alternate" and n % 2)
        if right:
            lines[n - 1] = "\t" + line
        elif line.startswith("\t"):
            lines[n - 1] = line[1:]
        changed += lines[n - 1] != line
    assert changed >= 54  # 8 of the 62 rows have no leading empty cell to remove
    drifted = read_text("\n".join(lines), "seed.txt")
    original = read_text(seed_text, "seed.txt")
    assert _strip(_model(drifted)) == _strip(_model(original))
    assert _model(drifted) != _model(original)  # the spans did move


def test_golden_is_valid_json_with_62_indicators() -> None:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sum(len(f["indicators"]) for f in data["forms"]) == 62
    assert not re.search(r"\d[eE][+-]?\d", json.dumps([f["funds"] for f in data["forms"]]))
