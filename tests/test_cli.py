"""The command line. What only a real process shows (python -m linter, standard input, exit
codes, byte-identical output across runs with different hash seeds, no traceback) runs in
subprocesses, started together once per module; the many option combinations run in-process
through linter.cli.main, which is what `python -m linter` calls."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import cli

from linter.output import FORMATS

ROOT = Path(__file__).resolve().parent.parent
SEED_REL = "fixtures/forms/seed.txt"
SEED = ROOT / SEED_REL
CLEAN = ROOT / "fixtures" / "clean" / "seed-clean.txt"
YAML_FORM = ROOT / "fixtures" / "forms" / "split-columns.yaml"
CHECK_SCHEMA = ROOT / "docs" / "check-output.schema.json"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


# -- helpers ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("jxlint-cache")


@pytest.fixture(autouse=True)
def _in_root(cache_dir, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(cache_dir))
    monkeypatch.chdir(ROOT)


def run(args: list[str], cache: Path, stdin: bytes | None = None, cwd: Path = ROOT, seed: str = "0"):
    env = {**os.environ, "JXLINT_CACHE_DIR": str(cache), "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], input=stdin or b"", capture_output=True, cwd=cwd, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def procs(tmp_path_factory, cache_dir) -> dict[str, subprocess.CompletedProcess]:
    """Every subprocess of this module, run three at a time."""
    tmp = tmp_path_factory.mktemp("procs")
    stdin_dir = tmp / "stdin"
    stdin_dir.mkdir()
    shutil.copy(SEED, stdin_dir / "a.txt")
    seed_bytes = SEED.read_bytes()
    jobs = {
        "json1": (["check", SEED_REL, "--format", "json"], None, ROOT, "1"),
        "json2": (["check", SEED_REL, "--format", "json"], None, ROOT, "2"),
        "clean": (["check", str(CLEAN.relative_to(ROOT)), "--format", "json"], None, ROOT, "0"),
        "stdin_txt": (["check", "-", "--stdin-filename", "forms/a.txt", "--format", "json"], seed_bytes, ROOT, "0"),
        "stdin_yaml": (
            ["check", "-", "--stdin-filename", "x.yaml", "--format", "json"],
            YAML_FORM.read_bytes(),
            ROOT,
            "0",
        ),
        "stdin_binary": (
            ["check", "-", "--stdin-filename", "a.txt"],
            (ROOT / "fixtures/bad/binary.txt").read_bytes(),
            ROOT,
            "0",
        ),
        "stdin_undecodable": (
            ["check", "-", "--format", "json"],
            (ROOT / "fixtures/bad/unknown-encoding.txt").read_bytes(),
            ROOT,
            "0",
        ),
        "user_rules": (
            [
                "check",
                str(SEED),
                "--config",
                str(ROOT / "fixtures/config/user-rules.yaml"),
                "--select",
                "JX9",
                "--format",
                "json",
            ],
            None,
            tmp,
            "0",
        ),
        "no_dir_output": (
            ["check", SEED_REL, "--format", "json", "-o", str(tmp / "missing" / "out.json")],
            None,
            ROOT,
            "0",
        ),
        "stdin_fix": (
            ["check", "-", "--stdin-filename", "a.txt", "--fix", "--unsafe-fixes", "--format", "concise"],
            seed_bytes,
            stdin_dir,
            "0",
        ),
        "bad_format": (["check", SEED_REL, "--format", "xml"], None, ROOT, "0"),
    }
    with ThreadPoolExecutor(3) as pool:
        futures = {k: pool.submit(run, a, cache_dir, i, c, s) for k, (a, i, c, s) in jobs.items()}
        out = {k: f.result() for k, f in futures.items()}
    out["_stdin_dir"] = stdin_dir  # type: ignore[assignment]
    return out


@pytest.fixture(scope="module")
def seed_json(procs) -> dict:
    return json.loads(procs["json1"].stdout)


def _where(f: dict) -> tuple:
    s = f["span"]
    return (f["rule"], s["line"], s["column"], s["end_line"], s["end_column"], f["severity"], f["message"])


# -- exit codes -------------------------------------------------------------------------------


def test_seed_exits_1_and_json_validates(procs, seed_json):
    p = procs["json1"]
    assert p.returncode == 1, p.stderr.decode()
    jsonschema.Draft202012Validator(json.loads(CHECK_SCHEMA.read_text("utf-8"))).validate(seed_json)
    severities = Counter(f["severity"] for f in seed_json["findings"])
    assert severities["error"] >= 1 and severities["warning"] >= 1
    assert {f["path"] for f in seed_json["findings"]} == {SEED_REL}
    assert seed_json["summary"]["forms"] == 5 and seed_json["summary"]["total"] == len(seed_json["findings"])


def test_same_input_gives_byte_identical_json(procs):
    assert procs["json1"].stdout == procs["json2"].stdout  # two processes, two hash seeds
    assert procs["json1"].stdout


def test_clean_seed_exits_0_with_only_info(procs):
    p = procs["clean"]
    assert p.returncode == 0, p.stderr.decode()
    data = json.loads(p.stdout)
    assert data["findings"] and {f["severity"] for f in data["findings"]} == {"info"}


def test_unknown_format_exits_2(procs):
    p = procs["bad_format"]
    assert p.returncode == 2 and p.stdout == b""
    assert b"--format" in p.stderr and b"xml" in p.stderr


def test_usage_errors_exit_2(capsys):
    rc, out, err = cli(capsys, "check")
    assert rc == 2 and "no PATH" in err and out == ""
    rc, _, err = cli(capsys, "check", SEED_REL, "--fail-on", "fatal")
    assert rc == 2 and "--fail-on" in err
    rc, _, err = cli(capsys, "check", SEED_REL, "--config", "no-such.yaml")
    assert rc == 2 and "no-such.yaml" in err
    rc, _, _ = cli(capsys)
    assert rc == 2


def test_missing_file_exits_2(capsys):
    rc, out, _ = cli(capsys, "check", "no-such-form.txt", "--format", "json")
    assert rc == 2
    data = json.loads(out)
    assert [e["path"] for e in data["errors"]] == ["no-such-form.txt"] and data["findings"] == []


def test_config_error_exits_2(capsys):
    rc, out, err = cli(capsys, "check", SEED_REL, "--config", "fixtures/config/broken-severity.yaml")
    assert rc == 2 and out == ""
    assert "fixtures/config/broken-severity.yaml:4:" in err


def test_fail_on_severity_and_exit_zero(capsys, seed_json):
    errors = [f for f in seed_json["findings"] if f["severity"] == "error"]
    assert {f["rule"] for f in errors} == {"JX301"}  # the premise of the cases below
    assert cli(capsys, "check", SEED_REL, "--format", "concise")[0] == 1
    assert cli(capsys, "check", SEED_REL, "--format", "concise", "--ignore", "JX301")[0] == 1  # warnings
    assert cli(capsys, "check", SEED_REL, "--format", "concise", "--ignore", "JX301", "--fail-on", "error")[0] == 0
    assert cli(capsys, "check", str(CLEAN), "--format", "concise", "--fail-on", "info")[0] == 1
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "concise", "--exit-zero")
    assert rc == 0 and len(out.splitlines()) == len(seed_json["findings"])
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "json", "--severity", "error")
    assert rc == 1 and [_where(f) for f in json.loads(out)["findings"]] == [_where(f) for f in errors]
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "json", "--severity", "warning", "--ignore", "JX301")
    shown = json.loads(out)["findings"]
    assert rc == 1 and shown and {f["severity"] for f in shown} == {"warning"}


def test_select_and_ignore(capsys, seed_json):
    everything = Counter(f["rule"] for f in seed_json["findings"])
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "json", "--select", "JX202,JX301", "--select", "JX403")
    assert Counter(f["rule"] for f in json.loads(out)["findings"]) == Counter(
        {r: n for r, n in everything.items() if r in ("JX202", "JX301", "JX403")}
    )
    rc, out, _ = cli(
        capsys, "check", SEED_REL, "--format", "json", "--ignore", "JX2", "--ignore", "duplicate-indicator"
    )
    assert Counter(f["rule"] for f in json.loads(out)["findings"]) == Counter(
        {r: n for r, n in everything.items() if not r.startswith("JX2") and r != "JX301"}
    )
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "json", "--select", "JX3", "--ignore", "JX301")
    assert rc == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {
        r for r in everything if r.startswith("JX3") and r != "JX301"
    }


def test_unknown_rule_selector_is_a_usage_error(capsys):
    # A typo (letter O for zero) selects nothing, and a CI run passes with exit 0 and
    # "no problems". Ruff refuses an unknown selector; so should jxlint.
    rc, out, err = cli(capsys, "check", SEED_REL, "--select", "JX2O2", "--format", "concise")
    assert rc == 2, out
    assert "JX2O2" in err


def test_lang_en(capsys):
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "json", "--lang", "en", "--select", "JX202")
    data = json.loads(out)
    assert rc == 1 and data["tool"]["lang"] == "en"
    assert data["findings"] and all(
        "is measurable but its target is the word" in f["message"] for f in data["findings"]
    )
    _, out, _ = cli(capsys, "check", SEED_REL, "--lang", "en", "--select", "JX202")
    assert "warning" in out and "警告" not in out


def test_statistics(capsys, seed_json):
    rc, out, _ = cli(capsys, "check", SEED_REL, "--statistics")
    counts = Counter(f["rule"] for f in seed_json["findings"])
    lines = out.splitlines()
    assert rc == 1 and lines[-1].split() == [str(len(seed_json["findings"])), "合计"]
    shown: Counter = Counter()
    for ln in lines[:-1]:  # one line per rule and severity
        shown[ln.split()[1]] += int(ln.split()[0])
    assert shown == counts


# -- standard input ---------------------------------------------------------------------------


def test_stdin_is_reported_under_the_given_name(procs, seed_json):
    p = procs["stdin_txt"]
    assert p.returncode == 1, p.stderr.decode()
    data = json.loads(p.stdout)
    assert {f["path"] for f in data["findings"]} == {"forms/a.txt"}
    assert [_where(f) for f in data["findings"]] == [_where(f) for f in seed_json["findings"]]


def test_yaml_form_on_stdin(procs, capsys):
    p = procs["stdin_yaml"]
    data = json.loads(p.stdout)
    rc, out, _ = cli(capsys, "check", str(YAML_FORM.relative_to(ROOT)), "--format", "json")
    direct = json.loads(out)["findings"]
    assert p.returncode == rc
    assert direct and {f["path"] for f in data["findings"]} == {"x.yaml"}
    assert [_where(f) for f in data["findings"]] == [_where(f) for f in direct]


@pytest.mark.parametrize(("name", "words"), [("stdin_binary", "二进制"), ("stdin_undecodable", "编码")])
def test_unreadable_stdin_is_a_clear_error(procs, name, words):
    p = procs[name]
    assert p.returncode == 2
    both = (p.stdout + p.stderr).decode("utf-8")
    assert words in both
    assert "Traceback" not in both


def test_fix_on_stdin_never_writes_the_named_file(procs):
    # With --stdin-filename a.txt the result's path is a.txt, so the "skip standard input"
    # test in _apply_fixes (r.path == "-") no longer holds and a.txt on disk is rewritten.
    p = procs["stdin_fix"]
    assert (procs["_stdin_dir"] / "a.txt").read_bytes() == SEED.read_bytes(), p.stderr.decode()


def test_output_into_a_missing_folder_is_a_clear_error(procs):
    p = procs["no_dir_output"]
    err = p.stderr.decode("utf-8")
    assert "Traceback" not in err, err[-600:]
    assert p.returncode == 2 and "missing" in err


# -- a user rule directory through config -----------------------------------------------------


def test_user_rule_directory_adds_findings(procs):
    p = procs["user_rules"]  # run from another folder: rule_dirs is relative to the config
    assert p.returncode == 1, p.stderr.decode()
    data = json.loads(p.stdout)
    assert [(f["rule"], f["span"]["line"], f["span"]["column"], f["indicator"]) for f in data["findings"]] == [
        ("JX901", 21, 4, "工资、餐费等发放及时性")
    ]


# -- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format(capsys, seed_json, fmt):
    rc, out, err = cli(capsys, "check", SEED_REL, "--format", fmt)
    assert rc == 1, err
    findings = seed_json["findings"]
    n = len(findings)
    if fmt == "json":
        assert json.loads(out) == seed_json
    elif fmt == "json-lines":
        rows = [json.loads(line) for line in out.splitlines()]
        assert [_where(r) for r in rows] == [_where(f) for f in findings]
    elif fmt == "sarif":
        schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
        data = json.loads(out)
        jsonschema.validators.validator_for(schema)(schema).validate(data)
        assert [r["ruleId"] for r in data["runs"][0]["results"]] == [f["rule"] for f in findings]
    elif fmt == "junit":
        root = ET.fromstring(out)
        types = {e.get("type") for e in root.iter("failure")}
        assert types == {f["rule"] for f in findings if f["severity"] != "info"}
    elif fmt == "github":
        lines = out.splitlines()
        assert len(lines) == n
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
        assert all(f"file={SEED_REL},line=" in line for line in lines)
    elif fmt == "concise":
        lines = out.splitlines()
        assert [ln.split(" ")[0] for ln in lines] == [
            f"{SEED_REL}:{f['span']['line']}:{f['span']['column']}:" for f in findings
        ]
    elif fmt == "text":
        assert f"发现 {n} 个问题" in out
        assert all(f"{SEED_REL}:{f['span']['line']}:{f['span']['column']}:" in out for f in findings)
    else:  # a new format: this test needs a case for it
        pytest.fail(f"no expectation for --format {fmt}")


def test_output_writes_the_file(capsys, tmp_path, seed_json):
    target = tmp_path / "report.json"
    rc, out, _ = cli(capsys, "check", SEED_REL, "--format", "json", "-o", str(target))
    assert rc == 1 and out == ""
    assert json.loads(target.read_text("utf-8")) == seed_json
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left
