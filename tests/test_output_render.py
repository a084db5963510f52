"""render(): the format list, unknown formats, and determinism of every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.findings import Edit, Finding, Fix, Related, RuleInfo, sort_findings
from linter.model import Span
from linter.output import FORMATS, FormRef, Report, render

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "fixtures" / "forms" / "seed.txt").read_text(encoding="utf-8")
PATH = "fixtures/forms/seed.txt"


class ReadFail:
    def __init__(self, path, line, zh, en):
        self.path, self.line, self.message_zh, self.message_en = path, line, zh, en


def build(lang="zh") -> Report:
    t = Span(17, 26, 17, 36)
    fs = [
        Finding(
            PATH,
            "JX301",
            "duplicate-indicator",
            "warning",
            "相关性",
            "指标重复",
            Span(22, 7, 22, 9),
            1,
            "编外人员工作经费",
            "及时",
            5,
            related=(Related(Span(21, 12, 21, 14), "首次出现"),),
        ),
        Finding(
            PATH,
            "JX205",
            "unit-spelling",
            "error",
            "适当性",
            "单位\n写法",
            t,
            1,
            "编外人员工作经费",
            "人均用工成本",
            0,
            fix=Fix("改为元", "unsafe", (Edit(t, "≤153100(元)"),)),
        ),
        Finding(
            "b.xlsx",
            "JX120",
            "bad-cell",
            "info",
            "完整性",
            "单元格",
            Span(3, 2, 3, 3, cell="Sheet1!B3"),
            1,
            "维修",
        ),
    ]
    rules = {
        "JX301": RuleInfo(
            "JX301",
            "duplicate-indicator",
            "warning",
            "相关性",
            "重复",
            "Duplicate",
            "说明",
            "Description",
            "依据",
        )
    }
    return Report(
        sort_findings(fs),
        {PATH: TEXT},
        [(PATH, 1, "编外人员工作经费")],
        rules,
        [ReadFail("x.txt", 1, "坏", "bad")],
        lang,
        False,
        3,
        "0.1.0",
    )


def test_formats():
    assert FORMATS == ("text", "concise", "json", "json-lines", "sarif", "junit", "github")


def test_unknown_format_names_the_known_ones():
    with pytest.raises(ValueError) as exc:
        render("xml", build())
    for fmt in FORMATS:
        assert fmt in str(exc.value)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_is_deterministic(fmt, lang):
    out = render(fmt, build(lang))
    assert out == render(fmt, build(lang))
    assert out.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_report(fmt):
    assert isinstance(render(fmt, Report([])), str)


def test_forms_accept_refs_tuples_and_objects():
    class FormLike:
        path, index, project_name = PATH, 2, "工伤鉴定"

    rep = Report([], forms=[FormRef(PATH, 1, "a"), (PATH, 3, None), FormLike()])
    assert rep.form_refs() == [
        FormRef(PATH, 1, "a"),
        FormRef(PATH, 3, ""),
        FormRef(PATH, 2, "工伤鉴定"),
    ]
