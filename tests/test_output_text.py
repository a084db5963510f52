"""The text output: headers, source lines with carets under the cell, summary, colour."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from linter.findings import Edit, Finding, Fix, Related
from linter.model import Span
from linter.output import Report, render
from linter.output.text import MAX_WIDTH, underline
from linter.positions import split_lines

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "forms" / "seed.txt"
TEXT = SEED.read_text(encoding="utf-8")
LINES = split_lines(TEXT)
PATH = "fixtures/forms/seed.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def cell(line: int, text: str) -> Span:
    """The span of the tab-separated cell `text` on `line` of the seed."""
    col = 1
    for c in LINES[line - 1].split("\t"):
        if c == text:
            return Span(line, col, line, col + len(c))
        col += len(c) + 1
    raise AssertionError(f"no cell {text!r} on line {line}")


def find_line(cell_text: str) -> int:
    return next(i for i, t in enumerate(LINES, 1) if cell_text in t.split("\t"))


def mk(rule="JX301", severity="warning", span=None, **kw) -> Finding:
    base = dict(
        path=PATH,
        rule=rule,
        name="some-rule",
        severity=severity,
        category="适当性",
        message=f"{rule} 的消息",
        span=span or Span(1, 1, 1, 1),
        form_index=1,
        form_name="编外人员工作经费",
    )
    base.update(kw)
    return Finding(**base)


class ReadFail:
    def __init__(self, path, line, zh, en):
        self.path, self.line, self.message_zh, self.message_en = path, line, zh, en


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def report(findings, **kw) -> Report:
    kw.setdefault("sources", {PATH: TEXT})
    kw.setdefault("files_checked", 1)
    return Report(findings, **kw)


def block(out: str, header_prefix: str) -> list[str]:
    """The lines of the finding block whose header starts with `header_prefix`."""
    lines = out.split("\n")
    i = next(i for i, t in enumerate(lines) if t.startswith(header_prefix))
    j = lines.index("", i)
    return lines[i:j]


def test_header_localized():
    line = find_line("≤15.31(万元)")
    sp = cell(line, "≤15.31(万元)")
    fs = [mk("JX205", "error", sp, name="unit-spelling", message="单位写法不规范")]
    zh = render("text", report(fs))
    assert f"{PATH}:{line}:{sp.column}: 错误 JX205 单位写法不规范 [unit-spelling]" in zh
    en = render("text", report(fs, lang="en"))
    assert f"{PATH}:{line}:{sp.column}: error JX205 单位写法不规范 [unit-spelling]" in en
    for sev, zh_word in (("warning", "警告"), ("info", "提示")):
        out = render("text", report([mk("JX1", sev, sp)]))
        assert f":{sp.column}: {zh_word} JX1 " in out
        assert f":{sp.column}: {sev} JX1 " in render("text", report([mk("JX1", sev, sp)], lang="en"))


def test_caret_under_cjk_cell():
    target = "≤15.31(万元)"
    line = find_line(target)
    sp = cell(line, target)
    out = render("text", report([mk(span=sp)]))
    b = block(out, f"{PATH}:{line}:")
    src = next(t for t in b if t.startswith(f"{line} | "))
    carets = b[b.index(src) + 1]
    shown = src[len(f"{line} | ") :]
    caret_part = carets[len(f"{' ' * len(str(line))} | ") :]
    assert "\t" not in shown
    start = caret_part.index("^")
    # the carets start where the cell starts on screen and are as wide as the cell
    assert width(shown[: shown.index(target)]) == start
    assert caret_part[start:] == "^" * width(target)
    assert width(target) == 12  # ≤15.31( ) one column each, 万元 two each


def test_tab_stops_follow_display_width():
    shown, carets = underline("编外\t人员", 4, 6)
    assert shown == "编外    人员"  # 编外 is 4 columns wide: the tab goes to column 8
    assert carets == " " * 8 + "^^^^"


def test_zero_width_and_multiline_spans():
    shown, carets = underline("ab\tcd", 3, 3)
    assert shown == "ab  cd"
    assert carets == "  ^"  # an empty cell: one caret where it stands
    shown, carets = underline("ab\tcd", 3, 4)
    assert carets == "  ^^"  # the tab shown as 2 columns up to the next stop
    shown, carets = underline("abcd", 5, 5)
    assert (shown, carets) == ("abcd", "    ^")  # the end of the line: one caret
    _shown, carets = underline("abcd", 2, None)
    assert carets == " ^^^"


def test_long_line_is_windowed_around_the_span():
    text = "甲" * 80 + "\t" + "目标值" + "\t" + "乙" * 80
    col = 82
    shown, carets = underline(text, col, col + 3)
    assert width(shown) <= MAX_WIDTH + 6
    assert shown.startswith("...") and shown.endswith("...")
    start = carets.index("^")
    assert width(shown[: shown.index("目标值")]) == start
    assert carets[start:] == "^" * 6


def test_related_fix_and_cell():
    dup = "及时"
    line = next(i for i, t in enumerate(LINES, 1) if t.split("\t").count(dup) and i > 20)
    sp = cell(line, dup)
    first = Span(line - 1, 5, line - 1, 7)
    f1 = mk(
        "JX301",
        "warning",
        sp,
        related=(Related(first, "首次出现"),),
        fix=Fix("删除这一行", "safe", (Edit(sp, ""),)),
    )
    f2 = mk("JX205", "error", sp, fix=Fix("改写单位", "unsafe", (Edit(sp, "x"),)))
    out = render("text", report([f1, f2]))
    assert f"  --> {PATH}:{line - 1}:5: 首次出现" in out
    assert "  修复 [安全]: 删除这一行" in out
    assert "  修复 [不安全，需 --unsafe-fixes]: 改写单位" in out
    en = render("text", report([f1, f2], lang="en"))
    assert "  fix [safe]: 删除这一行" in en
    assert "  fix [unsafe, needs --unsafe-fixes]: 改写单位" in en
    office = mk(path="a.xlsx", span=Span(17, 5, 17, 6, cell="绩效目标表!E17"))
    b = block(render("text", report([office])), "a.xlsx:17:5:")
    assert b[1] == "  = 单元格 绩效目标表!E17"
    assert len(b) == 2  # no source line for an office cell


def test_summary_counts_and_errors():
    sp = Span(1, 1, 1, 1)
    fs = [
        mk("JX1", "error", sp, fix=Fix("a", "safe", (Edit(sp, "x"),))),
        mk("JX2", "warning", sp, fix=Fix("b", "unsafe", (Edit(sp, "y"),))),
        mk("JX3", "warning", sp),
        mk("JX4", "info", sp, fix=Fix("c", "safe", (Edit(sp, "z"),))),
    ]
    errs = [ReadFail("bad.txt", 3, "无法识别的编码", "unknown encoding")]
    rep = report(fs, errors=errs, forms=[(PATH, 1, "x"), (PATH, 2, "y")], files_checked=2)
    out = render("text", rep)
    assert "bad.txt:3: 错误 无法识别的编码" in out
    assert "发现 4 个问题：错误 1 个，警告 2 个，提示 1 个。" in out
    assert "其中 2 个可用 --fix 自动修复，另有 1 个可用 --unsafe-fixes 修复。" in out
    assert "1 个文件无法读取。" in out
    assert out.endswith("共检查 2 个文件、2 张表。\n")
    rep_en = report(fs, errors=errs, forms=[(PATH, 1, "x")], files_checked=2, lang="en")
    en = render("text", rep_en)
    assert "bad.txt:3: error unknown encoding" in en
    assert "Found 4 problems: 1 error, 2 warnings, 1 info." in en
    assert "2 fixable with --fix (1 more with --unsafe-fixes)." in en
    assert en.endswith("Checked 2 files, 1 form.\n")


def test_clean_run():
    assert render("text", report([], files_checked=3)) == "未发现问题。\n共检查 3 个文件、0 张表。\n"
    en = render("text", report([], files_checked=1, lang="en"))
    assert en == "No problems found.\nChecked 1 file, 0 forms.\n"


def test_colour_only_when_asked():
    sp = cell(find_line("≤15.31(万元)"), "≤15.31(万元)")
    fs = [mk("JX205", "error", sp, related=(Related(sp, "r"),), fix=Fix("f", "safe", (Edit(sp, ""),)))]
    plain = render("text", report(fs, errors=[ReadFail("b.txt", None, "坏", "bad")]))
    coloured = render("text", report(fs, errors=[ReadFail("b.txt", None, "坏", "bad")], color=True))
    assert "\x1b" not in plain
    assert "\x1b[1;31m" in coloured
    assert ANSI.sub("", coloured) == plain


def test_line_breaks_in_messages_do_not_break_the_header():
    sp = Span(1, 1, 1, 1)
    f = mk(
        "JX120",
        "error",
        sp,
        message="单元格内容：\r\n第一行\n第二行",
        related=(Related(sp, "见\n此处"),),
    )
    out = render("text", report([f]))
    assert f"{PATH}:1:1: 错误 JX120 单元格内容： 第一行 第二行 [some-rule]\n" in out
    assert f"  --> {PATH}:1:1: 见 此处\n" in out


def test_findings_are_headed_by_their_form_in_a_file_of_several_forms() -> None:
    from linter.output import FormRef

    findings = [
        mk(span=Span(20, 3, 20, 8), form_index=1, form_name="编外人员工作经费"),
        mk(span=Span(24, 3, 24, 8), form_index=1, form_name="编外人员工作经费"),
        mk(span=Span(59, 3, 59, 8), form_index=2, form_name="工伤鉴定"),
    ]
    forms = [FormRef(PATH, 1, "编外人员工作经费"), FormRef(PATH, 2, "工伤鉴定"), FormRef("other.txt", 1, "x")]
    text = render("text", Report(findings=findings, sources={PATH: TEXT}, forms=forms))
    heads = [line for line in text.splitlines() if line.startswith("──")]
    assert heads == [f"── {PATH} · 第 1 张表「编外人员工作经费」 ──", f"── {PATH} · 第 2 张表「工伤鉴定」 ──"]
    assert text.index("工伤鉴定」") < text.index(f"{PATH}:59:")  # the heading comes before its findings
    en = render("text", Report(findings=findings, sources={PATH: TEXT}, forms=forms, lang="en"))
    assert f"── {PATH} · form 2 «工伤鉴定» ──" in en
    one = render("text", Report(findings=findings[:1], sources={PATH: TEXT}, forms=forms[:1]))
    assert "──" not in one  # a file of one form needs no heading
