"""The command line in-process (linter.cli.main, what `python -m linter` calls): the rules,
explain and parse commands, directories and several files, --fix and --diff, the baseline.
What only a real process shows is in test_cli.py."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from cli_helpers import cli

from linter.engine.loader import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
SEED_REL = "fixtures/forms/seed.txt"
SEED = ROOT / SEED_REL
CLEAN = ROOT / "fixtures" / "clean" / "seed-clean.txt"


@pytest.fixture(autouse=True)
def _in_root(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "jxlint-cache"))
    monkeypatch.chdir(ROOT)


# -- rules, explain, parse --------------------------------------------------------------------


def test_rules_table_and_json(capsys):
    ids = [r.id for r in load_ruleset().rules]
    rc, out, _ = cli(capsys, "rules")
    assert rc == 0 and [line.split()[0] for line in out.splitlines()] == ids
    rc, out, _ = cli(capsys, "rules", "--format", "json")
    data = json.loads(out)
    assert rc == 0 and data["profile"] == "central"
    assert [r["id"] for r in data["rules"]] == ids
    jx202 = next(r for r in data["rules"] if r["id"] == "JX202")
    assert "is_word and measurable" in jx202["condition"] and jx202["fix"]["applicability"] == "unsafe"
    rc, out, _ = cli(capsys, "rules", "--config", "fixtures/config/user-rules.yaml")
    assert "JX901" in out.split()


def test_explain(capsys):
    rc, by_id, _ = cli(capsys, "explain", "JX202")
    assert rc == 0
    assert by_id.splitlines()[0] == "JX202 qualitative-target-on-quantitative-indicator"
    assert "财预〔2021〕101号" in by_id and "is_word and measurable" in by_id
    assert "!!" not in by_id  # every example behaves as it says
    assert cli(capsys, "explain", "qualitative-target-on-quantitative-indicator")[1] == by_id
    assert cli(capsys, "explain", "jx202")[1] == by_id
    rc, out, _ = cli(capsys, "explain", "JX202", "--format", "json")
    assert json.loads(out)["name"] == "qualitative-target-on-quantitative-indicator"
    rc, out, err = cli(capsys, "explain", "JX999")
    assert rc == 2 and out == "" and "JX999" in err


def test_parse_seed_gives_five_forms(capsys):
    rc, out, _ = cli(capsys, "parse", SEED_REL)
    data = json.loads(out)
    assert rc == 0 and len(data["forms"]) == 5
    assert [f["index"] for f in data["forms"]] == [1, 2, 3, 4, 5]
    assert data["forms"][0]["project_name"] == "编外人员工作经费"


# -- directories and several files ------------------------------------------------------------


def test_directory_is_walked_and_other_files_are_noted(capsys, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "a" / "b" / "one.txt")
    shutil.copy(CLEAN, tmp_path / "two.txt")
    (tmp_path / "notes.rst").write_text("# notes\n", "utf-8")
    (tmp_path / "a" / "data.bin").write_bytes(b"\0\1")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SEED, tmp_path / ".hidden" / "three.txt")
    rc, out, err = cli(capsys, "check", str(tmp_path), "--format", "json")
    data = json.loads(out)
    assert rc == 1
    assert sorted({f["path"] for f in data["findings"]}) == [
        str(tmp_path / "a" / "b" / "one.txt"),
        str(tmp_path / "two.txt"),
    ]
    assert data["summary"]["files"] == 2
    notices = sorted(line for line in err.splitlines() if line.startswith("jxlint: "))
    assert notices == [
        f"jxlint: {tmp_path / 'a' / 'data.bin'}: 不是申报表文件（扩展名不认识），已跳过",
        f"jxlint: {tmp_path / 'notes.rst'}: 不是申报表文件（扩展名不认识），已跳过",
    ]


def test_one_unreadable_file_among_several(capsys):
    seed_json = json.loads(cli(capsys, "check", SEED_REL, "--format", "json")[1])
    rc, out, _ = cli(
        capsys, "check", SEED_REL, "fixtures/bad/binary.txt", str(CLEAN.relative_to(ROOT)), "--format", "json"
    )
    data = json.loads(out)
    assert rc == 2
    assert [e["path"] for e in data["errors"]] == ["fixtures/bad/binary.txt"]
    paths = Counter(f["path"] for f in data["findings"])
    assert paths[SEED_REL] == len(seed_json["findings"]) and paths[str(CLEAN.relative_to(ROOT))] > 0


# -- fixes ------------------------------------------------------------------------------------


def test_fix_applies_only_safe_fixes(capsys, tmp_path):
    seed_json = json.loads(cli(capsys, "check", SEED_REL, "--format", "json")[1])
    assert seed_json["summary"]["fixable"]["safe"] == 0 and seed_json["summary"]["fixable"]["unsafe"] > 0
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    rc, _, _ = cli(capsys, "check", str(copy), "--fix", "--format", "concise")
    assert rc == 1 and copy.read_bytes() == SEED.read_bytes()  # nothing safe to do
    # One sloppy target (full-width digits) gets the safe house-format fix; the unsafe fixes
    # (JX202 满意 → ≥90.00(%), …) stay unapplied: the fixed file is the seed again.
    text = SEED.read_text("utf-8")
    assert text.count("群众满意度\t≥95.00(%)") == 1
    copy.write_text(text.replace("群众满意度\t≥95.00(%)", "群众满意度\t≥９５.００(%)"), "utf-8")
    rc, out, err = cli(capsys, "check", str(copy), "--fix", "--format", "json")
    assert copy.read_bytes() == SEED.read_bytes()
    assert "已修复 1 处" in err
    assert not any(f["rule"] == "JX203" for f in json.loads(out)["findings"])  # reported after the fix


def test_unsafe_fixes_diff_shows_and_writes_nothing(capsys, tmp_path):
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    rc, out, _ = cli(capsys, "check", str(copy), "--fix", "--unsafe-fixes", "--diff")
    assert rc == 1 and copy.read_bytes() == SEED.read_bytes()
    assert out.startswith(f"--- {copy}\n+++ {copy}\n")
    assert "-\t满意度指标\t服务对象满意度指标\t非编人员满意度\t满意\t\n" in out
    assert "+\t满意度指标\t服务对象满意度指标\t非编人员满意度\t≥90.00(%)\t\n" in out
    assert "+\t\t\t上门鉴定服务次数\t≥3.00(次)\t\n" in out
    _, out, _ = cli(capsys, "check", str(copy), "--diff")
    assert out == "" and copy.read_bytes() == SEED.read_bytes()  # no safe fix to show


# -- baseline ---------------------------------------------------------------------------------


def test_baseline(capsys, tmp_path):
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    baseline = tmp_path / "baseline.json"
    rc, _, _ = cli(capsys, "check", str(copy), "--write-baseline", str(baseline), "--format", "concise")
    assert json.loads(baseline.read_text("utf-8"))["fingerprints"]
    rc, out, _ = cli(capsys, "check", str(copy), "--baseline", str(baseline), "--format", "json")
    assert rc == 0 and json.loads(out)["findings"] == []
    copy.write_bytes(b"\n" + SEED.read_bytes())  # every row moves down one line
    rc, out, _ = cli(capsys, "check", str(copy), "--baseline", str(baseline), "--format", "json")
    assert rc == 0 and json.loads(out)["findings"] == []
    # A new problem is still reported.
    text = copy.read_text("utf-8")
    assert text.count("工伤鉴定认定准确送达率\t≥95.00(%)") == 1
    copy.write_text(text.replace("工伤鉴定认定准确送达率\t≥95.00(%)", "工伤鉴定认定准确送达率\t≥105.00(%)"), "utf-8")
    rc, out, _ = cli(capsys, "check", str(copy), "--baseline", str(baseline), "--format", "json")
    new = json.loads(out)["findings"]
    assert rc == 1 and [(f["rule"], f["span"]["line"]) for f in new] == [("JX206", 47)]


def test_bad_baseline_file(capsys, tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("[]", "utf-8")
    rc, _, err = cli(capsys, "check", SEED_REL, "--baseline", str(bad))
    assert rc == 2 and str(bad) in err and "baseline" in err
