"""Generated docs stay in step with their sources, and the README's commands with CI."""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import cli

from linter.engine.loader import load_ruleset

ROOT = Path(__file__).parent.parent


def test_rule_reference_is_what_jxlint_rules_format_markdown_writes(capsys) -> None:
    current = (ROOT / "docs" / "rules.md").read_text("utf-8")
    rc, out, err = cli(capsys, "rules", "--format", "markdown", "--no-config")
    assert (rc, err) == (0, "")
    assert current == out, "docs/rules.md is stale: run `jxlint rules --format markdown --no-config > docs/rules.md`"


def test_rule_reference_lists_every_rule() -> None:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for rule in load_ruleset().rules:
        assert f"## {rule.id}" in text


def _readme_command(label: str) -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    m = re.search(rf"<!-- {label} -->\s*```(?:sh|bash)?\n(.+?)\n```", readme, re.S)
    assert m, f"README has no {label} block"
    return m.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    command = _readme_command("test-command")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert command.replace("pip install -e", "pip install -q -e") in ci or command in ci


def test_readme_run_command_names_the_sample_forms() -> None:
    command = _readme_command("run-command")
    assert "pip install" in command and "jxlint check fixtures/" in command


def test_writing_rules_example_works(tmp_path: Path) -> None:
    """The new rule shown in docs/writing-rules.md loads, its examples behave, and it reports
    on the seed through a config's rule_dirs."""
    from linter.api import lint_paths
    from linter.config import load_config_file
    from linter.engine.examples import run_example

    doc = (ROOT / "docs" / "writing-rules.md").read_text("utf-8")
    rule_yaml = re.search(r"```yaml\n# our-rules/office.yaml\n(.*?)```", doc, re.S).group(1)
    (tmp_path / "our-rules").mkdir()
    (tmp_path / "our-rules" / "office.yaml").write_text(rule_yaml, "utf-8")
    (tmp_path / ".jxlint.yaml").write_text("rule_dirs: [our-rules]\n", "utf-8")
    config = load_config_file(tmp_path / ".jxlint.yaml")
    ruleset = load_ruleset(config.rule_dirs)
    rule = ruleset.get("JX901")
    assert rule is not None
    assert all(run_example(ruleset, rule, k).problem is None for k in range(len(rule.examples)))
    findings = lint_paths([ROOT / "fixtures" / "forms" / "seed.txt"], config).findings
    assert [(f.rule, f.span.line) for f in findings if f.rule == "JX901"] == [("JX901", 21)]
