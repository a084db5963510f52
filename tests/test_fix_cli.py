"""`jxlint check --fix` on copies of the seed: only what the safe fixes name changes, a second
run changes nothing, the encoding and line ends are kept, and --diff writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).parent.parent / "fixtures" / "forms" / "seed.txt"

# Sloppy but readable targets (JX203, safe fix) and a duplicate row whose target agrees with
# the first (JX301 at warning, safe fix: delete the later row).
EDITS = {
    46: ("≥95.00(%)", "≥ ９５.００ %"),  # full-width digits, spaces
    78: ("≥80.00(%)", "≥80.00%(%)"),  # the unit twice (>= is what budget systems export: not sloppy)
}


def _sloppy_seed() -> str:
    lines = SEED.read_text("utf-8").split("\n")
    for n, (old, new) in EDITS.items():
        assert old in lines[n - 1]
        lines[n - 1] = lines[n - 1].replace(old, new)
    lines[58] = lines[58].replace("≥90.00(%)", "≥95.00(%)")  # line 59 now agrees with line 58
    return "\n".join(lines)


def jxlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True)


@pytest.mark.parametrize(("encoding", "newline"), [("utf-8", "\n"), ("gb18030", "\r\n"), ("utf-16", "\n")])
def test_fix_changes_only_safe_fixes_and_is_idempotent(tmp_path: Path, encoding: str, newline: str) -> None:
    text = _sloppy_seed()
    path = tmp_path / "form.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    before = path.read_bytes()

    diff = jxlint("check", str(path), "--diff")
    assert path.read_bytes() == before  # --diff writes nothing
    assert b"-\t\t\t\xe7" in diff.stdout or "≥ ９５" in diff.stdout.decode("utf-8")

    first = jxlint("check", str(path), "--fix", "--format", "concise")
    after = path.read_bytes()
    assert after != before
    fixed = after.decode(encoding)
    assert fixed.count("\r\n") == (text.count("\n") - 1 if newline == "\r\n" else 0)  # one row deleted
    expected = _sloppy_seed()
    expected = expected.replace("≥ ９５.００ %", "≥95.00(%)").replace("≥80.00%(%)", "≥80.00(%)")
    expected_lines = expected.split("\n")
    del expected_lines[58]  # the agreeing duplicate row
    assert fixed.replace("\r\n", "\n") == "\n".join(expected_lines)
    if encoding == "utf-16":
        assert after[:2] in (b"\xff\xfe", b"\xfe\xff")  # BOM kept
    assert b"JX203" not in first.stdout and b"JX301" not in first.stdout  # fixed, then re-checked

    second = jxlint("check", str(path), "--fix")
    assert path.read_bytes() == after
    assert second.returncode == first.returncode


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    jxlint("check", str(path), "--fix")
    assert path.read_bytes() == SEED.read_bytes()  # the seed has only unsafe fixes
    jxlint("check", str(path), "--fix", "--unsafe-fixes")
    fixed = path.read_text("utf-8")
    assert "≥3.00(次)" in fixed and "≤3.00(次)" not in fixed  # JX204: cap → floor
    assert fixed.count("群众满意度") == 1  # JX301: the later, conflicting row removed
    assert "\t≥90.00(%)\t" in fixed.split("\n")[23]  # JX202: 满意 → ≥90.00(%)


def test_overlapping_fixes_converge_in_one_run(tmp_path: Path) -> None:
    lines = SEED.read_text("utf-8").split("\n")
    lines[44] = lines[44].replace("≤3.00(次)", "<= ３.00 (次)")  # JX203 (safe) and JX204 (unsafe) on one cell
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(lines), "utf-8")
    run = jxlint("check", str(path), "--fix", "--unsafe-fixes", "--select", "JX203,JX204")
    # JX203 (house format) first, then, on the re-lint of the same run, JX204 (cap → floor)
    assert path.read_text("utf-8").split("\n")[44].endswith("\t≥3.00(次)\t")
    assert "重叠" not in run.stderr.decode("utf-8")  # nothing was left over
    before = path.read_bytes()
    again = jxlint("check", str(path), "--fix", "--unsafe-fixes", "--select", "JX203,JX204")
    assert path.read_bytes() == before and "已修复" not in again.stderr.decode("utf-8")


def test_quoted_glob_is_expanded(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "two.txt").write_bytes(SEED.read_bytes())
    run = jxlint("check", str(tmp_path / "**" / "*.txt"), "--format", "concise", "--select", "JX301")
    out = run.stdout.decode("utf-8")
    assert out.count("JX301") == 2 and "one.txt" in out and "two.txt" in out
