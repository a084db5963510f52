"""`jxlint audit --fail-on`: exit 0 clean, 1 a form returned (or a finding at the level),
2 a file that could not be read; JSON/YAML files that are no form are skipped with a notice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import cli

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "fixtures" / "forms"


def _audit(capsys, folder: Path, *extra: str) -> tuple[int, dict, str]:
    out = folder.parent / "report.json"
    rc, _, err = cli(capsys, "audit", str(folder), "-o", str(out), "--no-progress", *extra)
    return rc, json.loads(out.read_text("utf-8")), err


@pytest.fixture
def clean(tmp_path) -> Path:
    folder = tmp_path / "clean"
    folder.mkdir()
    shutil.copyfile(ROOT / "fixtures" / "clean" / "seed-clean.txt", folder / "a.txt")
    return folder


@pytest.fixture
def returned(tmp_path) -> Path:
    folder = tmp_path / "returned"
    folder.mkdir()
    shutil.copyfile(FORMS / "seed.txt", folder / "seed.txt")
    return folder


def test_clean_forms_exit_0(capsys, clean):
    rc, report, _ = _audit(capsys, clean, "--fail-on", "return")
    assert rc == 0
    assert report["verdicts"]["return"] == 0


def test_a_returned_form_exits_1_with_fail_on_return(capsys, returned):
    rc, report, _ = _audit(capsys, returned, "--fail-on", "return")
    assert report["verdicts"]["return"] > 0
    assert rc == 1
    rc, _, _ = _audit(capsys, returned)  # report only by default
    assert rc == 0


def test_fail_on_severity_like_check(capsys, clean, returned):
    rc, report, _ = _audit(capsys, clean, "--fail-on", "info")
    assert report["totals"]["findings"] == report["totals"]["infos"] > 0  # notes only
    assert rc == 1
    rc, _, _ = _audit(capsys, clean, "--fail-on", "warning")
    assert rc == 0
    rc, _, _ = _audit(capsys, returned, "--fail-on", "error")
    assert rc == 1


def test_unreadable_file_exits_2_even_with_returned_forms(capsys, returned):
    shutil.copyfile(ROOT / "fixtures" / "bad" / "binary.txt", returned / "binary.txt")
    rc, report, err = _audit(capsys, returned, "--fail-on", "return")
    assert rc == 2
    assert [e["path"] for e in report["file_errors"]] == [str(returned / "binary.txt")]
    assert "binary.txt" in err


def test_manifest_and_config_are_skipped_with_a_notice(capsys, clean):
    (clean / "manifest.json").write_text('{"name": "x", "version": "1.0"}', "utf-8")
    (clean / "corpus.json").write_text('{"seed": 3, "forms": 12, "indicators": 151}', "utf-8")  # counts, not forms
    (clean / "settings.yaml").write_text("profile: central\nignore: [JX209]\n", "utf-8")
    rc, report, err = _audit(capsys, clean, "--fail-on", "return")
    assert rc == 0
    assert report["file_errors"] == []
    skipped = " ".join(report["notices"])
    for name in ("manifest.json", "corpus.json", "settings.yaml"):
        assert name in skipped and name in err


def test_a_broken_form_is_still_a_read_failure(capsys, clean):
    (clean / "broken.yaml").write_text("funds: {unit: 美元}\nindicators: 3\n", "utf-8")
    rc, report, _ = _audit(capsys, clean)
    assert rc == 2
    assert [Path(e["path"]).name for e in report["file_errors"]] == ["broken.yaml"]


def test_the_report_itself_is_not_read_again(capsys, clean):
    out = clean / "audit.json"
    for _ in range(2):
        rc, _, err = cli(capsys, "audit", str(clean), "-o", str(out), "--no-progress")
        assert rc == 0, err


def test_check_skips_configs_and_manifests_too(capsys, tmp_path):
    """pre-commit hands every .yaml/.json of a repository to `jxlint check`: its own
    .pre-commit-config.yaml and a package manifest are no forms, and no failure."""
    (tmp_path / ".pre-commit-config.yaml").write_text("repos:\n  - repo: local\n    hooks: []\n", "utf-8")
    (tmp_path / "package.json").write_text('{"name": "forms", "private": true}', "utf-8")
    shutil.copyfile(ROOT / "fixtures" / "clean" / "seed-clean.txt", tmp_path / "a.txt")
    names = [str(tmp_path / n) for n in (".pre-commit-config.yaml", "package.json", "a.txt")]
    for fmt in ("text", "json"):  # the whole-run and the streamed paths
        rc, out, err = cli(capsys, "check", *names, "--format", fmt, "--no-progress")
        assert rc == 0, err
        assert ".pre-commit-config.yaml" in err and "package.json" in err and "已跳过" in err
        if fmt == "json":
            assert json.loads(out)["errors"] == []
    rc, _, err = cli(capsys, "check", str(tmp_path / "package.json"), "--no-progress", "--lang", "en")
    assert rc == 0 and "skipped" in err
