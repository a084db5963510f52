"""Rule keys (linter/engine/rulekeys.py) name rules the same way everywhere: `--select` and
`--ignore`, a config's `select`, `ignore`, `severity`, `per_path_ignores` and `suppressions`.
A user rule with an alias (an old name) is the case that once differed: the config's
per-path ignores and suppressions did not know aliases."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from linter.api import Linter
from linter.config import Config, discover, load_config_file
from linter.engine.rulekeys import RuleKeys, names, selects
from linter.read import read_path
from linter.yamlfile import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "forms" / "seed.txt"
USER_RULES = ROOT / "fixtures" / "rules-user" / "office.yaml"
ALIAS = "etc-in-indicator-name"  # the old name of fixtures/rules-user's JX901 (name-with-etc)


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "jxlint-cache"))


def test_keys_select_by_all_id_prefix_name_and_alias():
    rule = RuleKeys("JX209", "vague-qualitative-target", ("vague-target",))
    for key in ("ALL", "JX", "JX2", "JX20", "JX209", "vague-qualitative-target", "vague-target"):
        assert selects(key, rule), key
    for key in ("JX21", "JX2090", "vague", "vague-qualitative", "jx209"):
        assert not selects(key, rule), key
    assert names("JX209", rule) and names("vague-target", rule) and names("vague-qualitative-target", rule)
    assert not names("JX2", rule) and not names("ALL", rule) and not names("vague", rule)


def _project(tmp_path: Path, config: str) -> Path:
    """A project with the seed form in drafts/, a rule folder whose JX901 has an alias, and
    `config` (after a rule_dirs line) as its .jxlint.yaml; returns the form's path."""
    rules = tmp_path / "rules"
    rules.mkdir()
    name = "    name: name-with-etc\n"
    text = USER_RULES.read_text("utf-8").replace(name, f"{name}    aliases: [{ALIAS}]\n")
    assert ALIAS in text
    (rules / "office.yaml").write_text(text, "utf-8")
    (tmp_path / "drafts").mkdir()
    shutil.copy(SEED, tmp_path / "drafts" / "seed.txt")
    (tmp_path / ".jxlint.yaml").write_text("rule_dirs: [rules]\n" + config, "utf-8")
    return tmp_path / "drafts" / "seed.txt"


def _rules(form: Path) -> Counter:
    config = load_config_file(discover(form))
    return Counter(f.rule for f in Linter.create(config).lint_document(read_path(form)))


def test_the_user_rule_reports_without_a_key(tmp_path):
    assert _rules(_project(tmp_path, ""))["JX901"] == 1


@pytest.mark.parametrize(
    "config",
    [
        f"ignore: [{ALIAS}]\n",
        f'per_path_ignores:\n  "drafts/*.txt": [{ALIAS}]\n',
        f"suppressions:\n  - rule: {ALIAS}\n    reason: 本单位已确认\n",
        f"severity: {{{ALIAS}: off}}\n",
    ],
    ids=["ignore", "per_path_ignores", "suppressions", "severity"],
)
def test_an_alias_names_its_rule_in_every_config_key(tmp_path, config):
    found = _rules(_project(tmp_path, config))
    assert found["JX901"] == 0
    assert sum(found.values()) > 0  # the other rules still report


def test_an_alias_sets_the_severity(tmp_path):
    form = _project(tmp_path, f"severity: {{{ALIAS}: error}}\n")
    config = load_config_file(discover(form))
    found = [f for f in Linter.create(config).lint_document(read_path(form)) if f.rule == "JX901"]
    assert [f.severity for f in found] == ["error"]


@pytest.mark.parametrize("key", ["JX2", "ALL", "JX2O2"])
def test_a_severity_key_must_name_one_rule(key):
    # a severity per rule cannot come from a prefix: `severity: {JX2: off}` once passed the
    # check of keys and then changed nothing
    with pytest.raises(ConfigError, match="unknown rule"):
        Linter.create(Config(severity={key: "off"}))
