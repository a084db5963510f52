"""The fix applier: edits in code points, line ends and encodings kept, overlaps refused,
atomic writes, idempotence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import linter.fixes as fixes
from linter.findings import Edit, Finding, Fix
from linter.fixes import FixError, apply_fixes, diff_fixes, plan_fixes
from linter.model import Span
from linter.positions import split_lines

SEED = (Path(__file__).resolve().parents[1] / "fixtures" / "forms" / "seed.txt").read_text(encoding="utf-8")
# a few real rows of the seed: the header of the first form and its indicator table
ROWS = split_lines(SEED)[6:24]
TEXT = "\n".join(ROWS) + "\n"


def cell(text: str, line: int, value: str) -> Span:
    """The span of the tab-separated cell `value` on `line` of `text`."""
    col = 1
    for c in split_lines(text)[line - 1].split("\t"):
        if c == value:
            return Span(line, col, line, col + len(c))
        col += len(c) + 1
    raise AssertionError(f"no cell {value!r} on line {line}")


def line_of(text: str, value: str) -> int:
    return next(i for i, t in enumerate(split_lines(text), 1) if value in t.split("\t"))


def fix(path, *edits, applicability="safe", rule="JX205") -> Finding:
    return Finding(
        path,
        rule,
        "some-rule",
        "warning",
        "适当性",
        "消息",
        edits[0][0] if edits else Span(1, 1, 1, 1),
        fix=Fix("修复", applicability, tuple(Edit(s, t) for s, t in edits)),
    )


def replace_cell(text: str, line: int, old: str, new: str) -> str:
    """The expected text, built from the rows (independently of the applier's offsets)."""
    rows = text.split("\n")
    cells = rows[line - 1].split("\t")
    cells[cells.index(old)] = new
    rows[line - 1] = "\t".join(cells)
    return "\n".join(rows)


# --- planning in memory -------------------------------------------------------------


def test_replace_a_cell_in_real_rows():
    n = line_of(TEXT, "≤15.31(万元)")
    sp = cell(TEXT, n, "≤15.31(万元)")
    plan = plan_fixes(TEXT, [fix("f", (sp, "≤153100(元)"))], unsafe=False)
    assert plan.text == replace_cell(TEXT, n, "≤15.31(万元)", "≤153100(元)")
    assert plan.changes == 1 and len(plan.applied) == 1 and plan.skipped == ()


def test_unsafe_only_when_asked():
    n = line_of(TEXT, "保障")
    f = fix("f", (cell(TEXT, n, "保障"), "保障率≥95%"), applicability="unsafe")
    plan = plan_fixes(TEXT, [f], unsafe=False)
    assert plan.text == TEXT
    assert [s.reason for s in plan.skipped] == ["unsafe"]
    assert plan.skipped[0].message("en") == "unsafe fix, needs --unsafe-fixes"
    assert plan_fixes(TEXT, [f], unsafe=True).text == replace_cell(TEXT, n, "保障", "保障率≥95%")


def test_overlapping_fix_is_skipped_whole():
    n = line_of(TEXT, "≤15.31(万元)")
    sp = cell(TEXT, n, "≤15.31(万元)")
    m = line_of(TEXT, "满意")
    other = cell(TEXT, m, "满意")
    first = fix("f", (sp, "≤153100(元)"))
    inner = Span(n, sp.column + 1, n, sp.column + 6)  # "15.31" inside the first edit
    second = fix("f", (other, "满意度≥90%"), (inner, "15.3"), rule="JX210")
    plan = plan_fixes(TEXT, [first, second], unsafe=False)
    assert plan.text == replace_cell(TEXT, n, "≤15.31(万元)", "≤153100(元)")
    assert "满意度≥90%" not in plan.text  # never half a fix
    assert [(s.finding.rule, s.reason) for s in plan.skipped] == [("JX210", "overlap")]


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ((1, 3), (3, 5), False),  # touching replacements
        ((1, 3), (2, 5), True),
        ((2, 2), (2, 2), True),  # two insertions at one point: order would be a guess
        ((1, 3), (3, 3), True),  # an insertion at the edge of a replacement
        ((1, 3), (2, 2), True),
        ((1, 3), (4, 4), False),
    ],
)
def test_overlap_rules(a, b, conflict):
    text = "abcdefgh"
    f1 = fix("f", (Span(1, a[0], 1, a[1]), "X"))
    f2 = fix("f", (Span(1, b[0], 1, b[1]), "Y"), rule="JX210")
    plan = plan_fixes(text, [f1, f2], unsafe=False)
    assert bool(plan.skipped) == conflict
    # whichever was taken, the text is what those edits make, applied from the right
    expected = text
    taken = [(a, "X")] if conflict else sorted([(a, "X"), (b, "Y")], reverse=True)
    for (s, e), new in taken:
        expected = expected[: s - 1] + new + expected[e - 1 :]
    assert plan.text == expected


def test_same_edit_from_two_findings_is_applied_once():
    sp = Span(1, 2, 1, 4)
    plan = plan_fixes("abcdef", [fix("f", (sp, "XY")), fix("f", (sp, "XY"), rule="JX2")], unsafe=False)
    assert plan.text == "aXYdef" and plan.skipped == () and plan.changes == 1


def test_spans_outside_the_text_are_refused():
    text = "ab\ncd"
    bad = (
        Span(1, 4, 1, 4),
        Span(3, 1, 3, 1),
        Span(2, 2, 1, 1),
        Span(0, 1, 1, 1),
        Span(1, 1, 1, 2, cell="Sheet1!A1"),
    )
    for sp in bad:
        plan = plan_fixes(text, [fix("f", (Span(1, 1, 1, 2), "Z"), (sp, "!"))], unsafe=False)
        assert plan.text == text and [s.reason for s in plan.skipped] == ["invalid-span"]
    # the end of a line and the end of the text are valid positions
    plan = plan_fixes(text, [fix("f", (Span(1, 3, 1, 3), "!"), (Span(2, 3, 2, 3), "?"))], unsafe=False)
    assert plan.text == "ab!\ncd?"


def test_other_files_fixes_are_not_applied():
    f = fix("other.txt", (Span(1, 1, 1, 2), "Z"))
    plan = plan_fixes("ab", [f], unsafe=False, path="./this.txt")
    assert plan.text == "ab" and plan.skipped[0].reason == "other-file"
    assert plan_fixes("ab", [f], unsafe=False, path="./other.txt").text == "Zb"


def test_line_ends_count_as_one_break():
    text = "甲\r\n乙\r丙\n丁"
    # delete the whole second row and its CR: from (2,1) to (3,1)
    plan = plan_fixes(text, [fix("f", (Span(2, 1, 3, 1), ""))], unsafe=False)
    assert plan.text == "甲\r\n丙\n丁"
    plan = plan_fixes(text, [fix("f", (Span(4, 1, 4, 2), "戊"))], unsafe=False)
    assert plan.text == "甲\r\n乙\r丙\n戊"


def test_inserted_newlines_use_the_files_line_end():
    text = "a\r\nb\r\nc"
    plan = plan_fixes(text, [fix("f", (Span(2, 2, 2, 2), "\nx\r\ny"))], unsafe=False)
    assert plan.text == "a\r\nb\r\nx\r\ny\r\nc"


# --- files -----------------------------------------------------------------------------


def write(tmp_path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize(
    ("encoding", "prefix", "codec"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8-sig", b"\xef\xbb\xbf", "utf-8"),
        ("gb18030", b"", "gb18030"),
        ("utf-16", b"\xff\xfe", "utf-16-le"),
        ("utf-16", b"\xfe\xff", "utf-16-be"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_apply_keeps_encoding_bom_and_line_ends(tmp_path, encoding, prefix, codec, newline):
    text = TEXT.replace("\n", newline)
    path = write(tmp_path, "form.txt", prefix + text.encode(codec))
    n = line_of(TEXT, "≤15.00(人)")
    sp = cell(TEXT, n, "≤15.00(人)")
    result = apply_fixes(path, [fix(path, (sp, "≤16(人)"))], unsafe=False, encoding=encoding)
    expected = replace_cell(TEXT, n, "≤15.00(人)", "≤16(人)").replace("\n", newline)
    assert Path(path).read_bytes() == prefix + expected.encode(codec)
    assert (result.written, result.changes, len(result.applied)) == (True, 1, 1)
    assert sorted(os.listdir(tmp_path)) == ["form.txt"]


def test_idempotent(tmp_path, monkeypatch):
    path = write(tmp_path, "form.txt", TEXT.encode())
    n = line_of(TEXT, "≤15.31(万元)")
    sp = cell(TEXT, n, "≤15.31(万元)")
    first = apply_fixes(path, [fix(path, (sp, "≤153100(元)"))], unsafe=False, encoding="utf-8")
    assert first.changes == 1
    after = Path(path).read_bytes()
    # re-lint would report the same cell with its new width; the fix asks for what is there
    new_sp = cell(after.decode(), n, "≤153100(元)")

    def no_write(*_a, **_k):
        raise AssertionError("nothing should be written")

    monkeypatch.setattr(fixes, "write_atomic", no_write)
    again = apply_fixes(path, [fix(path, (new_sp, "≤153100(元)"))], unsafe=False, encoding="utf-8")
    assert (again.changes, again.written, again.applied) == (0, False, ())
    assert Path(path).read_bytes() == after


def test_permissions_and_symlinks_kept(tmp_path):
    real = write(tmp_path, "real.txt", b"ab\n")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    apply_fixes(str(link), [fix(str(link), (Span(1, 1, 1, 2), "X"))], unsafe=False, encoding="utf-8")
    assert link.is_symlink()
    assert Path(real).read_bytes() == b"Xb\n"
    assert os.stat(real).st_mode & 0o777 == 0o640


def test_failed_replace_leaves_original(tmp_path, monkeypatch):
    original = ("\r\n".join(ROWS) + "\r\n").encode("gb18030")
    path = write(tmp_path, "form.txt", original)

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "replace", boom)
    f = fix(path, (cell(TEXT, 1, "项目名称"), "名称"))
    with pytest.raises(FixError) as exc:
        apply_fixes(path, [f], unsafe=False, encoding="gb18030")
    assert "写入失败" in exc.value.message_zh
    assert Path(path).read_bytes() == original
    assert os.listdir(tmp_path) == ["form.txt"]


def test_write_failing_midway_leaves_original(tmp_path, monkeypatch):
    original = TEXT.encode("utf-8")
    path = write(tmp_path, "form.txt", original)
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(fixes.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(FixError):
        apply_fixes(path, [fix(path, (cell(TEXT, 1, "项目名称"), "名称"))], unsafe=False, encoding="utf-8")
    assert Path(path).read_bytes() == original
    assert os.listdir(tmp_path) == ["form.txt"]


def test_interrupt_during_write_cleans_up(tmp_path, monkeypatch):
    path = write(tmp_path, "form.txt", b"abc")

    def interrupted(_fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(fixes.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        apply_fixes(path, [fix(path, (Span(1, 1, 1, 2), "X"))], unsafe=False, encoding="utf-8")
    assert Path(path).read_bytes() == b"abc"
    assert os.listdir(tmp_path) == ["form.txt"]


def test_refuses_changed_undecodable_or_non_round_trip_files(tmp_path):
    path = write(tmp_path, "form.txt", b"abc\n")
    f = fix(path, (Span(1, 1, 1, 2), "X"))
    with pytest.raises(FixError, match="changed since"):
        apply_fixes(path, [f], unsafe=False, encoding="utf-8", expected="abd\n")
    bad = write(tmp_path, "bad.txt", b"\xffabc")
    with pytest.raises(FixError, match="cannot decode"):
        apply_fixes(bad, [fix(bad, (Span(1, 1, 1, 2), "X"))], unsafe=False, encoding="utf-8")
    odd = write(tmp_path, "odd.txt", b"+AGE-\n")  # UTF-7 "a", which encodes back as b"a"
    with pytest.raises(FixError, match="same bytes"):
        apply_fixes(odd, [fix(odd, (Span(1, 1, 1, 2), "X"))], unsafe=False, encoding="utf-7")
    with pytest.raises(FixError, match="cannot read"):
        apply_fixes(
            str(tmp_path / "missing.txt"),
            [fix("m", (Span(1, 1, 1, 2), "X"))],
            unsafe=False,
            encoding="utf-8",
        )
    assert Path(path).read_bytes() == b"abc\n"
    assert Path(bad).read_bytes() == b"\xffabc"
    assert Path(odd).read_bytes() == b"+AGE-\n"


def test_no_fixable_findings_reads_nothing(tmp_path):
    missing = str(tmp_path / "missing.txt")
    plain = Finding(missing, "JX1", "n", "error", "完整性", "m", Span(1, 1, 1, 1))
    result = apply_fixes(missing, [plain], unsafe=True, encoding="utf-8")
    assert (result.changes, result.written) == (0, False)


def test_diff_writes_nothing(tmp_path):
    text = TEXT.replace("\n", "\r\n")
    path = write(tmp_path, "form.txt", text.encode("utf-8"))
    n = line_of(TEXT, "≤15.31(万元)")
    sp = cell(TEXT, n, "≤15.31(万元)")
    out = diff_fixes(path, [fix(path, (sp, "≤153100(元)"))], unsafe=False, encoding="utf-8")
    old_row = split_lines(TEXT)[n - 1]
    new_row = old_row.replace("≤15.31(万元)", "≤153100(元)")
    lines = out.splitlines()
    assert lines[0] == f"--- {path}" and lines[1] == f"+++ {path}"
    assert f"-{old_row}" in lines and f"+{new_row}" in lines
    assert sum(1 for t in lines if t.startswith(("-", "+"))) == 4  # headers + one change
    assert Path(path).read_bytes() == text.encode("utf-8")
    same = diff_fixes(path, [fix(path, (sp, "≤15.31(万元)"))], unsafe=False, encoding="utf-8")
    assert same == ""
