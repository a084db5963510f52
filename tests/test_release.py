"""The release: one version everywhere, a changelog entry for it, a pre-commit hook that
reads office files, and SARIF rules that link to their section of docs/rules.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from cli_helpers import cli

from linter import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_one_version_everywhere(capsys):
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert version and version.group(1) == __version__ == "0.2.0"
    rc, out, _ = cli(capsys, "--version")
    assert rc == 0 and out.strip() == f"jxlint {__version__}"
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert re.search(rf"^## {re.escape(__version__)}\b", changelog, re.M)
    for doc in (ROOT / "docs" / "editors.md", ROOT / ".pre-commit-hooks.yaml"):
        assert f"rev: v{__version__}" in doc.read_text("utf-8"), doc


def test_pre_commit_hook_installs_the_office_readers():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    hook = hooks["jxlint"]
    assert re.search(hook["files"], "表.xlsx") and re.search(hook["files"], "表.docx")
    deps = " ".join(hook["additional_dependencies"])
    office = re.search(r"^office = \[(.*)\]$", (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert office
    for requirement in re.findall(r'"([^"]+)"', office.group(1)):
        assert requirement in deps  # the same packages and bounds as the office extra


def test_sarif_rules_link_to_their_section(capsys):
    rc, out, _ = cli(capsys, "check", str(ROOT / "fixtures" / "forms" / "seed.txt"), "--format", "sarif")
    assert rc == 1
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    headings = set(re.findall(r"^## (\S+)$", (ROOT / "docs" / "rules.md").read_text("utf-8"), re.M))
    assert rules
    for rule in rules:
        uri = rule["helpUri"]
        doc, _, anchor = uri.partition("#")
        assert doc.endswith("/rules.md") and anchor == rule["id"].lower() and rule["id"] in headings
