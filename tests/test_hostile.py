"""Hostile inputs (issue 18), end to end: each case runs `jxlint` in a subprocess under
`ulimit -v` 1 GB and a 10 s timeout, and must end with exit 1 or 2 and a message that names
the file, the place and the limit. The inputs are made by tests/hostile_inputs.py."""

from __future__ import annotations

import io
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli
from hostile_inputs import (
    SEED,
    alias_bomb,
    docx_form,
    encrypted_zip,
    json_form,
    minified_forms,
    special_files,
    user_rule,
    xlsx_form,
    zip_bomb,
)

MEMORY = 1 << 30  # bytes of address space
SECONDS = 10


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str | os.PathLike, stdin: bytes | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
    """`jxlint ARGS` under the memory and time limits: (exit code, stdout, stderr)."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "linter", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=SECONDS,
        preexec_fn=_limit,
        cwd=cwd,
        env=env,
    )
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def check(*args, **kw) -> tuple[int, str, str]:
    return run("check", "--no-progress", "--format", "concise", *args, **kw)


def here(capsys, *args: str | os.PathLike, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """`jxlint ARGS` in this process (for cases that cannot hang once fixed; faster)."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    return cli(capsys, *map(str, args))


# ---- 1. numbers -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1e999999999", "1e-999999999", "9" * 5000])
def test_out_of_range_numbers_are_findings(tmp_path: Path, value: str) -> None:
    form = tmp_path / "form.json"
    form.write_text(json_form(target_value=value, total="1" + "0" * 40, weight="5e99999"), "utf-8")
    rc, out, _ = check(form)
    assert rc == 1 and "JX000" not in out
    lines = [line for line in out.splitlines() if "超出可处理的范围" in line]
    # file, line:column of each number, the field, and the bound
    assert {re.match(r"(.*):\d+:\d+: JX", line).group(1) for line in lines} == {str(form)}
    assert any("/indicators/0/target/value" in line for line in lines)
    assert any("/funds/total" in line for line in lines) and any("/indicators/0/weight" in line for line in lines)
    assert all("10^16" in line for line in lines)


def test_long_amounts_in_text_forms_do_not_break_the_money_rules(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8").replace("1,693,995.00", "1" * 40, 1)
    text = text.replace("≤15.31(万元)", "≤" + "9" * 15 + "(万元)")  # cost × count past 10^28
    form = tmp_path / "long.txt"
    form.write_text(text, "utf-8")
    rc, out, _ = check(form)
    assert rc == 1 and "JX000" not in out
    assert f"{form}:10:27: JX109" in out and "不是有效数字" in out  # the 40-digit amount, in its cell


def test_out_of_range_threshold_is_a_config_error(tmp_path: Path) -> None:
    for value in ("1e999999999", ".nan", ".inf"):
        (tmp_path / ".jxlint.yaml").write_text(f"thresholds: {{satisfaction_min: {value}}}\n", "utf-8")
        rc, _, err = check(SEED, "--config", tmp_path / ".jxlint.yaml")
        assert rc == 2 and ".jxlint.yaml:1" in err and "satisfaction_min" in err


# ---- 2. documents -----------------------------------------------------------------------


def test_used_range_to_the_last_cell_costs_what_exists(tmp_path: Path) -> None:
    rc, out, _ = check(xlsx_form(tmp_path / "far.xlsx", far_cell="XFD1048576"))
    assert rc == 1 and "JX403" in out  # read in full, in well under the time limit


def test_grid_span_of_two_billion_is_refused(tmp_path: Path) -> None:
    path = docx_form(tmp_path / "span.docx", grid_span=2_000_000_000)
    rc, out, _ = check(path)
    assert rc == 2 and f"{path}:" in out and "表1 行1" in out and "max_columns" in out and "--limit" in out


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx", 300 << 20)
    rc, out, _ = check(path)
    assert rc == 2 and str(path) in out and "max_unpacked_bytes" in out


def test_title_lines_past_the_form_limit(tmp_path: Path) -> None:
    path = tmp_path / "titles.txt"
    path.write_text("财政项目支出绩效目标申报表\n" * 12_000, "utf-8")
    rc, out, _ = check(path, "--limit", "max_forms=5000")
    assert rc == 2 and str(path) in out and "max_forms = 5000" in out and "12000" in out


def test_one_long_line_is_refused_before_it_is_split(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(b"a\tb" * (4 << 20))  # 12 MB, one line
    rc, out, _ = check(path)
    assert rc == 2 and f"{path}:1" in out and "max_line_chars" in out
    rc, out, _ = check(path, "--limit", "max_file_bytes=1000000")
    assert rc == 2 and "max_file_bytes" in out


def test_minified_forms_on_one_line_in_json(tmp_path: Path) -> None:
    path = tmp_path / "forms.json"
    path.write_text(minified_forms(200), "utf-8")
    rc, out, _ = run("check", "--no-progress", "--format", "json", path)
    assert rc in (0, 1)
    findings = json.loads(out)["findings"]
    assert len(findings) >= 200
    last = findings[-1]["span"]
    assert last["line"] == 1 and last["utf16_column"] > last["column"]  # the emojis before it counted twice


def test_limits_come_from_the_config(tmp_path: Path) -> None:
    (tmp_path / ".jxlint.yaml").write_text("limits: {max_file_bytes: 1000}\n", "utf-8")
    form = tmp_path / "seed.txt"
    form.write_bytes(SEED.read_bytes())
    rc, out, _ = check(form)
    assert rc == 2 and "max_file_bytes = 1000" in out
    (tmp_path / ".jxlint.yaml").write_text("limits: {max_file_bytes: -1}\n", "utf-8")
    rc, _, err = check(form)
    assert rc == 2 and "limits/max_file_bytes" in err


# ---- 3. paths that are not regular files -------------------------------------------------


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    files = special_files(tmp_path / "forms")
    for name in ("fifo", "zero", "loop"):
        rc, out, _ = check(files[name])
        assert rc == 2 and str(files[name]) in out
        assert ("符号链接循环" if name == "loop" else "不是普通文件") in out
    rc, out, _ = check(tmp_path / "forms")  # met while walking a folder
    assert rc == 2 and "JX301" in out  # the good form is still checked
    assert out.count("不是普通文件") == 2 and "符号链接循环" in out


# ---- 4. text that cannot be encoded ------------------------------------------------------


def test_lone_surrogates_and_undecodable_names_in_every_output(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "surrogate.json").write_text(json_form(project_name='"\\ud800讲座"'), "utf-8")
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as fh:  # a name that is not UTF-8
        fh.write(SEED.read_bytes())
    for fmt in ("json", "sarif", "json-lines", "text", "junit", "github"):
        out_file = tmp_path / f"out.{fmt}"
        rc, _, _ = here(capsys, "check", "--no-progress", "--format", fmt, folder, "-o", out_file)
        out = out_file.read_text("utf-8")
        assert rc == 1 and "\ufffd" in out, fmt
        if fmt in ("json", "sarif"):
            json.loads(out)
    rc, out, _ = run("parse", *sorted(folder.iterdir()))  # to a real standard output
    parsed = json.loads(out)
    assert rc == 0 and len({f["path"] for f in parsed["forms"]}) == 2
    for fmt in ("html", "xlsx", "md", "csv", "json"):
        report = tmp_path / f"report.{fmt}"
        rc, _, err = here(capsys, "audit", folder, "-o", report)
        assert rc in (0, 1) and report.stat().st_size > 0, (fmt, err)


# ---- 5. standard input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("form.json", b'{"title": ', "JSON"),
        ("form.xlsx", b"PK\x03\x04 not a zip", "损坏"),
        ("form.txt", bytes(range(256)) * 10, "不是文本文件"),
    ],
)
def test_bad_standard_input_is_an_error(name: str, data: bytes, says: str, capsys, monkeypatch) -> None:
    for command in ("check", "parse"):
        rc, out, err = here(capsys, command, "-", "--stdin-filename", name, stdin=data, monkeypatch=monkeypatch)
        assert rc == 2 and name in out + err and says in out + err


# ---- 6. rule packs and config ------------------------------------------------------------


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".jxlint.yaml"
    path.write_text(text, "utf-8")
    return path


def test_catastrophic_regex_is_refused_at_load(tmp_path: Path) -> None:
    user_rule(tmp_path / "rules", 'name matches "^(a+)+$"')
    rc, _, err = check(SEED, "--config", _config(tmp_path, "rule_dirs: [rules]\n"))
    assert rc == 2 and "hostile.yaml" in err and "nested quantifiers" in err


def test_deeply_nested_condition_is_refused(tmp_path: Path) -> None:
    user_rule(tmp_path / "rules", "not " * 5000 + "true")
    rc, _, err = check(SEED, "--config", _config(tmp_path, "rule_dirs: [rules]\n"))
    assert rc == 2 and "hostile.yaml" in err and "nested too deeply" in err


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (alias_bomb(), "alias"),
        ("per_path_ignores: {1: [JX209]}\n", "must be text"),
        ("lang: zh\nlang: en\n", "appears twice"),
        ("a: &a [*a]\n", "refers to itself"),
    ],
)
def test_hostile_config_files(tmp_path: Path, text: str, says: str, capsys) -> None:
    config = _config(tmp_path, text)
    if says == "alias":
        rc, _, err = check(SEED, "--config", config)  # under the memory limit
    else:
        rc, _, err = here(capsys, "check", "--format", "concise", SEED, "--config", config)
    assert rc == 2 and ".jxlint.yaml:" in err and says in err


def test_alias_bomb_in_a_rule_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bomb.yaml").write_text(alias_bomb(), "utf-8")
    rc, _, err = check(SEED, "--config", _config(tmp_path, "rule_dirs: [rules]\n"))
    assert rc == 2 and "bomb.yaml" in err and "alias" in err


# ---- 7. fixes ---------------------------------------------------------------------------


def test_read_only_file_is_refused_not_replaced(tmp_path: Path, capsys) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0o444)
    rc, _, err = here(capsys, "check", "--format", "concise", path, "--fix", "--unsafe-fixes")
    assert rc == 1 and "只读" in err and path.read_bytes() == SEED.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o444


# ---- 9. messages ------------------------------------------------------------------------


def test_office_messages(tmp_path: Path, capsys) -> None:
    rc, out, _ = here(capsys, "check", "--format", "concise", encrypted_zip(tmp_path / "locked.xlsx"))
    assert rc == 2 and "密码保护" in out
    rc, out, _ = here(capsys, "check", "--format", "concise", docx_form(tmp_path / "macro.docm", macro=True))
    assert rc == 1 and "JX403" in out and "BytesIO" not in out
    rc, out, _ = check(xlsx_form(tmp_path / "merged.xlsx", merge="A1:XFD1048576"))
    assert rc == 2 and "A1:XFD1048576" in out and "合并" in out
    bidi = xlsx_form(tmp_path / "bidi.xlsx", replace=("编外人员工作经费", "经费\u202e费经"))
    rc, out, _ = here(capsys, "check", "--format", "concise", bidi)
    assert f"{bidi}:7:2: JX109" in out and "U+202E" in out  # the cell of an office form, flagged


def test_terminal_escapes_and_bidi_controls(tmp_path: Path, capsys) -> None:
    path = tmp_path / "escape.txt"
    text = SEED.read_text("utf-8").replace("编外人员工作经费", "\x1b]0;pwned\x07\x1b[31m经费\u202e费经", 1)
    path.write_text(text, "utf-8")
    rc, out, _ = run("parse", "--format", "text", path)
    assert rc == 0 and "\x1b" not in out and "\\x1b]0;pwned" in out
    rc, out, _ = here(capsys, "check", "--format", "concise", path)
    assert "\x1b" not in out and "U+202E" in out and f"{path}:7:23: JX109" in out
