"""`jxlint audit` end to end: the figures of every report format agree with `jxlint check`,
and a directory of bad files is audited to the end with each problem file listed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "forms" / "seed.txt"


def jxlint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, dict, dict]:
    """The seed audited into all five formats, and the check JSON of the same files."""
    root = tmp_path_factory.mktemp("audit")
    forms = root / "forms"
    (forms / "sub").mkdir(parents=True)
    shutil.copy(SEED, forms / "seed.txt")
    shutil.copy(SEED, forms / "sub" / "seed-copy.txt")
    for fmt in ("html", "xlsx", "md", "csv", "json"):
        run = jxlint("audit", str(forms), "-o", str(root / f"report.{fmt}"), "--no-progress")
        assert run.returncode == 0, run.stderr
    check = jxlint("check", str(forms), "--format", "json")
    assert check.returncode == 1
    report = json.loads((root / "report.json").read_text("utf-8"))
    return root, report, json.loads(check.stdout)


def test_json_report_figures_match_check(audited) -> None:
    _, report, check = audited
    totals = report["totals"]
    assert totals["forms_read"] == 10 == check["summary"]["forms"]
    assert totals["files_read"] == 2
    assert totals["money_total"] == "5788370.00"  # 2 × 2,894,185.00 元
    assert totals["findings"] == len(check["findings"])
    by_rule = {r["rule"]: r["findings"] for r in report["by_rule"]}
    assert by_rule == dict(Counter(f["rule"] for f in check["findings"]))
    assert totals["errors"] == sum(f["severity"] == "error" for f in check["findings"])
    assert {u["name"] for u in report["by_unit"]} == {"上海市松江区社会保障服务中心"}


def test_verdicts_follow_the_policy(audited) -> None:
    _, report, _ = audited
    returned = {(f["path"].split("/")[-1], f["project_name"]) for f in report["forms"] if f["verdict"] == "return"}
    # only form 2 (工伤鉴定) has an error (JX301); the default policy returns on errors
    assert returned == {("seed.txt", "工伤鉴定"), ("seed-copy.txt", "工伤鉴定")}


def test_csv_and_xlsx_and_md_carry_the_same_findings(audited) -> None:
    root, _, check = audited
    raw = (root / "report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so that Excel shows Chinese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) - 1 == len(check["findings"])
    from openpyxl import load_workbook

    wb = load_workbook(root / "report.xlsx")
    assert wb.sheetnames == ["汇总", "问题清单", "表单"]
    findings_rows = [r for r in wb["问题清单"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert len(findings_rows) == len(check["findings"])
    assert sum(1 for r in wb["表单"].iter_rows(min_row=2, values_only=True) if any(r)) == 10
    md = (root / "report.md").read_text("utf-8")
    assert "上海市松江区社会保障服务中心" in md and "JX301" in md


def test_html_report_is_self_contained(audited) -> None:
    root, _, _ = audited
    html = (root / "report.html").read_text("utf-8")
    assert "<svg" in html and "工伤鉴定" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_bad_directory_is_audited_to_the_end(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (forms / "empty.txt").write_bytes(b"")
    (forms / "gbk.txt").write_bytes(SEED.read_text("utf-8").encode("gbk"))
    (forms / "notes.txt").write_text("会议纪要：下周讨论预算安排。\n", "utf-8")
    (forms / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    run = jxlint("audit", str(forms), "-o", str(tmp_path / "r.json"), "--no-progress")
    assert run.returncode == 2, run.stderr  # files could not be read; the report is still written
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    failed = {Path(e["path"]).name for e in report["file_errors"]}
    assert failed == {"binary.txt", "empty.txt", "notes.txt"}
    assert report["totals"]["forms_read"] == 5  # the GBK copy of the seed
    assert any("photo.png" in n for n in report["notices"])
    for name in ("binary.txt", "empty.txt", "notes.txt"):
        assert name in run.stderr


def test_generated_corpus_report_matches_check(tmp_path: Path) -> None:
    """A generated corpus (benchmarks/generate.py: drift and a mix of defects) audited into
    JSON agrees with `jxlint check` on the same files."""
    gen = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            str(tmp_path / "corpus"),
            "--forms",
            "40",
            "--per-file",
            "2",
            "--seed",
            "7",
        ],
        capture_output=True,
        text=True,
    )
    assert gen.returncode == 0, gen.stderr
    forms = tmp_path / "corpus" / "txt"
    run = jxlint("audit", str(forms), "-o", str(tmp_path / "r.json"), "--no-progress")
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    check = json.loads(jxlint("check", str(forms), "--format", "json").stdout)
    assert report["totals"]["forms_read"] == 40 == check["summary"]["forms"]
    assert report["totals"]["findings"] == len(check["findings"]) > 0
    assert {r["rule"]: r["findings"] for r in report["by_rule"]} == dict(Counter(f["rule"] for f in check["findings"]))
