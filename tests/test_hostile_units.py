"""The pieces behind the hostile-input guarantees (issue 18), one by one, in this process."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hostile_inputs import SEED, alias_bomb

from linter import limits
from linter.atomic import TMP_SUFFIX, FileChanged, clean_stale_tmp, write_atomic
from linter.engine.saferegex import UnsafePattern, check_pattern
from linter.positions import utf16_column
from linter.read import ReadError, read_bytes
from linter.textsafe import encode, printable, xml_text
from linter.yamlfile import ConfigError, load_yaml


@pytest.mark.parametrize(
    ("text", "ok"),
    [("95.00", True), ("0", True), ("1e16", False), ("9" * 25, False), ("1e-10", False), ("NaN", False)],
)
def test_numbers_in_range(text: str, ok: bool) -> None:
    assert limits.in_range(Decimal(text)) is ok
    assert len(limits.plain(Decimal(text))) < 40  # never a billion digits


@pytest.mark.parametrize("pattern", ["^(a+)+$", "(x*)*", "(a|ab)*", "(aa?)*", r"(\w)\1", r"(\d+\.)+"])
def test_unsafe_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(UnsafePattern):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", [r"^\d+(\.\d+)?$", "(万元|元)+", r"(?:提高|提升)\d+", r"(\d{4}年)*", r"(?>\d+\.)+"])
def test_safe_patterns_pass(pattern: str) -> None:
    check_pattern(pattern)


def test_yaml_checks_name_file_and_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(7), "utf-8")  # 10 million strings unfolded
    with pytest.raises(ConfigError, match="alias") as info:
        load_yaml(bomb)
    assert info.value.path == str(bomb) and info.value.line is not None
    assert load_yaml(tmp_path / "small.yaml", alias_bomb(3)).data["a2"][9][9][9] == "lol"  # 1,000: fine
    with pytest.raises(ConfigError, match="twice") as info:
        load_yaml(tmp_path / "dup.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n")
    assert info.value.line == 4


def test_fix_refuses_a_file_changed_before_the_write(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_bytes(b"edited by an editor meanwhile")
    with pytest.raises(FileChanged):
        write_atomic(str(path), b"the fix", expected=b"what the fix was planned on")
    assert path.read_bytes() == b"edited by an editor meanwhile"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TMP_SUFFIX)]
    write_atomic(str(path), b"the fix", expected=b"edited by an editor meanwhile")
    assert path.read_bytes() == b"the fix"


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_bytes(b"x")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".form.txt.jxlint-{dead.stdout.strip()}-abc{TMP_SUFFIX}"
    alive = tmp_path / f".form.txt.jxlint-{os.getppid()}-abc{TMP_SUFFIX}"
    other = tmp_path / f".other.txt.jxlint-{dead.stdout.strip()}-abc{TMP_SUFFIX}"
    for p in (stale, alive, other):
        p.write_bytes(b"")
    assert clean_stale_tmp(str(path)) == [str(stale)]
    assert alive.exists() and other.exists() and not stale.exists()


def test_output_text_helpers() -> None:
    assert encode("a\udcffb") == "a\ufffdb".encode()
    assert printable("red\x1b[31m\tok\n") == "red\\x1b[31m\tok\n"
    assert xml_text("a\x01\ud800b") == "a\ufffd\ufffdb"


def test_utf16_column_of_a_long_line_is_indexed() -> None:
    line = ("😀a" * 5000) + "b"
    assert utf16_column(line, 10_001) == 15_001  # 5,000 emojis before it, two units each
    assert utf16_column(line, 3) == 4


def test_limits_raise_read_errors_naming_the_key() -> None:
    old = limits.current()
    try:
        limits.configure(limits.Limits(max_rows=50))
        with pytest.raises(ReadError) as info:
            read_bytes(SEED.read_bytes(), "seed.txt")
        assert "max_rows = 50" in info.value.message_zh and "--limit max_rows=N" in info.value.message_en
        assert info.value.line == 51
    finally:
        limits.configure(old)


def test_a_file_that_grew_since_fstat_is_read_to_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size fstat gave does not cut a file short, and the cap holds while reading."""
    from linter.read import files

    path = tmp_path / "form.txt"
    path.write_bytes(b"x" * 300_000)  # more than one read's worth
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 100, *real_fstat(fd)[7:])))
    assert files.read_regular_file(str(path)) == b"x" * 300_000
    with pytest.raises(ReadError, match="max_file_bytes"):
        files.read_regular_file(str(path), cap=1000)
