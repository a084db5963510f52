"""Configuration (linter/config.py): discovery of .jxlint.yaml and [tool.jxlint] upward from
a form's folder, select/ignore, severity overrides, thresholds, vocabulary additions,
per-path ignores, suppressions, rule_dirs, and config mistakes (exit 2 with file and line).

Static configs are fixtures/config/*.yaml (each says on its first line what it does or where
its mistake is); configs whose place matters (discovery, per-path globs, pyproject.toml) are
written into a temporary tree."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from cli_helpers import cli

from linter.api import Linter
from linter.config import Config, discover, load_config_file
from linter.read import read_path
from linter.yamlfile import ConfigError

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ROOT / "fixtures" / "config"
FORM = CONFIGS / "form.yaml"
SEED = ROOT / "fixtures" / "forms" / "seed.txt"
USER_RULES = ROOT / "fixtures" / "rules-user"


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "jxlint-cache"))


@pytest.fixture(scope="module")
def seed_doc():
    return read_path(SEED)


@pytest.fixture(scope="module")
def form_doc():
    return read_path(FORM)


def lint(config: Config, doc) -> list:
    return Linter.create(config).lint_document(doc)


def rules_of(findings) -> Counter:
    return Counter(f.rule for f in findings)


# -- discovery --------------------------------------------------------------------------------


def _tree(tmp_path: Path) -> Path:
    deep = tmp_path / "dept" / "2026" / "forms"
    deep.mkdir(parents=True)
    shutil.copy(FORM, deep / "form.yaml")
    return deep / "form.yaml"


def test_discovers_jxlint_yaml_upward(tmp_path):
    form = _tree(tmp_path)
    assert discover(form) is None
    (tmp_path / ".jxlint.yaml").write_text("lang: en\n", "utf-8")
    assert discover(form) == tmp_path / ".jxlint.yaml"
    assert discover(form.parent) == tmp_path / ".jxlint.yaml"  # a folder as the start
    (tmp_path / "dept" / ".jxlint.yml").write_text("lang: en\n", "utf-8")
    assert discover(form) == tmp_path / "dept" / ".jxlint.yml"  # the nearest wins


def test_discovers_pyproject_with_a_jxlint_table_only(tmp_path):
    form = _tree(tmp_path)
    (tmp_path / ".jxlint.yaml").write_text("lang: en\n", "utf-8")
    other = tmp_path / "dept" / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n', "utf-8")
    assert discover(form) == tmp_path / ".jxlint.yaml"  # a pyproject without [tool.jxlint] is passed over
    other.write_text('[project]\nname = "x"\n\n[tool.jxlint]\nlang = "en"\n', "utf-8")
    assert discover(form) == other


def test_jxlint_yaml_beats_pyproject_in_the_same_folder(tmp_path):
    form = _tree(tmp_path)
    (form.parent / "pyproject.toml").write_text('[tool.jxlint]\nlang = "en"\n', "utf-8")
    (form.parent / ".jxlint.yaml").write_text("lang: en\n", "utf-8")
    assert discover(form) == form.parent / ".jxlint.yaml"


def test_discovered_config_is_applied_by_the_command_line(tmp_path, capsys):
    form = _tree(tmp_path)
    rc, out, _ = cli(capsys, "check", str(form), "--format", "concise")
    assert rc == 0 and "JX209" not in out
    (tmp_path / ".jxlint.yaml").write_text("vocab:\n  vague_words: [差不多]\n", "utf-8")
    rc, out, _ = cli(capsys, "check", str(form), "--format", "concise")
    assert f"{form}:19:" in out and "JX209" in out
    rc, out, _ = cli(capsys, "check", str(form), "--format", "concise", "--no-config")
    assert "JX209" not in out


def test_pyproject_settings_are_applied(tmp_path, form_doc):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.jxlint]\nthresholds = {satisfaction_min = 96}\n\n'
        '[tool.jxlint.vocab]\nvague_words = ["差不多"]\n',
        "utf-8",
    )
    config = load_config_file(tmp_path / "pyproject.toml")
    assert config.source == str(tmp_path / "pyproject.toml") and config.root == tmp_path
    found = lint(config, form_doc)
    assert sorted((f.rule, f.span.line) for f in found) == [("JX207", 20), ("JX209", 19)]


# -- select, ignore, severity -----------------------------------------------------------------


def test_select_by_id_prefix_and_name(seed_doc):
    everything = rules_of(lint(Config(), seed_doc))
    assert set(rules_of(lint(Config(select=("JX202",)), seed_doc))) == {"JX202"}
    jx2 = rules_of(lint(Config(select=("JX2",)), seed_doc))
    assert jx2 == Counter({r: n for r, n in everything.items() if r.startswith("JX2")})
    by_name = rules_of(lint(Config(select=("vague-qualitative-target",)), seed_doc))
    assert by_name == Counter({"JX209": everything["JX209"]})


def test_select_and_ignore_from_a_file(seed_doc):
    everything = rules_of(lint(Config(), seed_doc))
    got = rules_of(lint(load_config_file(CONFIGS / "select.yaml"), seed_doc))
    expected = {
        r: n
        for r, n in everything.items()
        if (r.startswith("JX2") or r == "JX301") and r != "JX209" and not r.startswith("JX21")
    }
    assert got == Counter(expected)
    assert "JX301" in got and "JX202" in got


def test_ignore_and_extend_select(seed_doc):
    everything = rules_of(lint(Config(), seed_doc))
    got = rules_of(lint(Config(ignore=("JX2", "near-duplicate-indicator")), seed_doc))
    assert got == Counter({r: n for r, n in everything.items() if not r.startswith("JX2") and r != "JX305"})
    extended = rules_of(lint(Config(select=("JX301",), extend_select=("JX403",)), seed_doc))
    assert set(extended) == {"JX301", "JX403"}


def test_severity_overrides(seed_doc):
    config = load_config_file(CONFIGS / "severity-quoted.yaml")
    found = lint(config, seed_doc)
    default = lint(Config(), seed_doc)
    assert {f.severity for f in found if f.rule == "JX210"} == {"warning"}
    assert {f.severity for f in found if f.rule == "JX202"} == {"error"}  # by name
    assert not any(f.rule == "JX306" for f in found)  # off
    assert any(f.rule == "JX306" for f in default)
    assert len(found) == len(default) - sum(f.rule == "JX306" for f in default)


def test_severity_off_unquoted_as_the_docs_write_it(seed_doc):
    # docs/writing-rules.md shows `severity: {JX210: warning, JX306: off}`; YAML reads a bare
    # off as the boolean false, and the config is refused today.
    config = load_config_file(CONFIGS / "severity.yaml")
    found = lint(config, seed_doc)
    assert not any(f.rule == "JX306" for f in found)
    assert {f.severity for f in found if f.rule == "JX210"} == {"warning"}


def test_lang_and_fail_on_from_config(capsys):
    rc, out, _ = cli(
        capsys,
        "check",
        str(SEED),
        "--config",
        str(CONFIGS / "lang-fail-on.yaml"),
        "--format",
        "concise",
        "--ignore",
        "JX301",
    )
    assert rc == 0  # warnings remain, but fail_on is error
    assert "is measurable but its target" in out
    rc, _, _ = cli(capsys, "check", str(SEED), "--config", str(CONFIGS / "lang-fail-on.yaml"), "--format", "concise")
    assert rc == 1  # JX301 is an error
    rc, _, _ = cli(
        capsys,
        "check",
        str(SEED),
        "--config",
        str(CONFIGS / "lang-fail-on.yaml"),
        "--format",
        "concise",
        "--ignore",
        "JX301",
        "--fail-on",
        "warning",
    )
    assert rc == 1  # the command line wins


# -- thresholds and vocabularies --------------------------------------------------------------


def test_form_fixture_is_clean_by_default(form_doc):
    assert lint(Config(), form_doc) == []


def test_threshold_override_raises_the_satisfaction_floor(form_doc):
    found = lint(load_config_file(CONFIGS / "thresholds.yaml"), form_doc)
    assert [(f.rule, f.span.line, f.severity) for f in found] == [("JX207", 20, "warning")]
    assert "96%" in found[0].message


def test_quoted_number_threshold_works_or_is_refused(form_doc):
    # The schema allows a string threshold; "96" then reaches `target.value < "96"` and every
    # form gets an internal error (JX000) instead of JX207.
    try:
        config = load_config_file(CONFIGS / "thresholds-quoted.yaml")
        found = lint(config, form_doc)
    except ConfigError as exc:
        assert exc.path.endswith("thresholds-quoted.yaml") and exc.line == 3
        return
    assert [(f.rule, f.span.line) for f in found] == [("JX207", 20)]


def test_vocab_addition_gives_a_finding(form_doc):
    found = lint(load_config_file(CONFIGS / "vocab.yaml"), form_doc)
    assert [(f.rule, f.span.line, f.indicator) for f in found] == [("JX209", 19, "培训工作开展情况")]


# -- rule_dirs --------------------------------------------------------------------------------


def test_rule_dirs_are_relative_to_the_config_file(tmp_path, monkeypatch, seed_doc):
    monkeypatch.chdir(tmp_path)  # not the folder of the config
    config = load_config_file(CONFIGS / "user-rules.yaml")
    assert config.rule_dirs == (USER_RULES,)
    found = [f for f in lint(config, seed_doc) if f.rule == "JX901"]
    assert [(f.span.line, f.span.column, f.indicator) for f in found] == [(21, 4, "工资、餐费等发放及时性")]


# -- per-path ignores and suppressions --------------------------------------------------------


def _project(tmp_path: Path, config: str) -> tuple[Path, Path]:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "final").mkdir()
    shutil.copy(SEED, tmp_path / "drafts" / "seed.txt")
    shutil.copy(SEED, tmp_path / "final" / "seed.txt")
    (tmp_path / ".jxlint.yaml").write_text(config, "utf-8")
    return tmp_path / "drafts" / "seed.txt", tmp_path / "final" / "seed.txt"


def test_per_path_ignores(tmp_path):
    drafts, final = _project(tmp_path, 'per_path_ignores:\n  "drafts/*.txt": [JX2, near-duplicate-indicator]\n')
    config = load_config_file(discover(drafts))
    in_drafts = rules_of(lint(config, read_path(drafts)))
    in_final = rules_of(lint(config, read_path(final)))
    assert not any(r.startswith("JX2") or r == "JX305" for r in in_drafts)
    assert in_final == rules_of(lint(Config(), read_path(final)))
    assert in_drafts == Counter({r: n for r, n in in_final.items() if not r.startswith("JX2") and r != "JX305"})


def test_suppression_removes_exactly_one_finding(tmp_path):
    drafts, final = _project(
        tmp_path,
        (
            "suppressions:\n"
            "  - rule: JX202\n"
            "    path: drafts/*.txt\n"
            "    form: 工伤鉴定\n"
            "    indicator: 案件审限时间缩短情况\n"
            "    reason: 审限时间以定性方式考核，已与主管部门确认\n"
            "  - rule: duplicate-indicator\n"
            "    form: 2\n"
            "    reason: 两个指标值已与主管部门确认\n"
        ),
    )
    config = load_config_file(discover(drafts))
    before = [(f.rule, f.span.line) for f in lint(Config(), read_path(drafts))]
    after = [(f.rule, f.span.line) for f in lint(config, read_path(drafts))]
    assert ("JX202", 50) in before and ("JX301", 59) in before
    assert sorted(set(before) - set(after)) == [("JX202", 50), ("JX301", 59)]
    assert len(after) == len(before) - 2
    # The path glob limits the first suppression to drafts/; the second has no path.
    in_final = [(f.rule, f.span.line) for f in lint(config, read_path(final))]
    assert ("JX202", 50) in in_final and ("JX301", 59) not in in_final


# -- mistakes ---------------------------------------------------------------------------------

YAML_MISTAKES = [
    ("broken-syntax.yaml", 3, ["YAML syntax"]),
    ("broken-unknown-key.yaml", 4, ["colour", "unknown key"]),
    ("broken-severity.yaml", 4, ["severity/JX202", '"loud"', '"off"']),
    ("broken-suppression.yaml", 5, ["suppressions/1", "'reason'"]),
    ("broken-rule-dir.yaml", 2, ["rule_dirs", "no-such-rules", "not a directory"]),
]


@pytest.mark.parametrize(("name", "line", "words"), YAML_MISTAKES, ids=[m[0] for m in YAML_MISTAKES])
def test_config_mistake_exits_2_with_file_and_line(capsys, name, line, words):
    path = CONFIGS / name
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith(f"# Mistake (line {line})")  # the fixture says where its mistake is
    rc, out, err = cli(capsys, "check", str(FORM), "--config", str(path))
    assert rc == 2
    assert out == ""
    assert f"{path}:{line}: " in err, err
    for word in words:
        assert word in err, err
    assert "Traceback" not in err


def test_broken_rule_named_by_a_config_is_reported_at_its_own_line(capsys):
    rc, _, err = cli(capsys, "check", str(FORM), "--config", str(CONFIGS / "broken-rules.yaml"))
    assert rc == 2
    assert f"{ROOT / 'fixtures' / 'rules-broken' / 'broken-when' / 'rules.yaml'}:9: " in err


def test_discovered_broken_config_exits_2(tmp_path, capsys):
    form = _tree(tmp_path)
    (tmp_path / ".jxlint.yaml").write_text("lang: en\nfail_on: never\n", "utf-8")
    rc, _, err = cli(capsys, "check", str(form))
    assert rc == 2
    assert f"{tmp_path / '.jxlint.yaml'}:2: " in err and "never" in err


PYPROJECT_MISTAKES = [
    # (text, line, words): the [tool.jxlint] table starts on line 4
    ('[tool.jxlint]\nselect = ["JX2"]\nseverity = {JX202 = "loud"}\n', 6, ['"loud"']),
    ('[tool.jxlint]\nselect = ["JX2"]\ncolour = "red"\n', 6, ["colour"]),
    ('[tool.jxlint]\nselect = ["JX2",, ]\n', 5, ["TOML"]),
    ('[tool.jxlint]\nselect = ["JX2"]\nrule_dirs = ["no-such-rules"]\n', 6, ["no-such-rules"]),
]


@pytest.mark.parametrize(
    ("text", "line", "words"), PYPROJECT_MISTAKES, ids=["value", "unknown-key", "syntax", "rule-dir"]
)
def test_pyproject_mistake_exits_2_with_file_and_line(tmp_path, capsys, text, line, words):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "forms"\n\n' + text, "utf-8")
    form = tmp_path / "form.yaml"
    shutil.copy(FORM, form)
    rc, out, err = cli(capsys, "check", str(form))
    assert rc == 2 and out == ""
    assert f"{path}:{line}: " in err or (f"{path}: " in err and f"line {line}," in err), err
    for word in words:
        assert word in err, err


def test_pyproject_not_in_utf8_is_a_clear_error(tmp_path, capsys):
    # Discovery reads pyproject.toml leniently and finds [tool.jxlint]; loading it then
    # raised UnicodeDecodeError (a traceback) for a GBK file with a Chinese comment.
    path = tmp_path / "pyproject.toml"
    path.write_bytes('# 本单位配置\n[tool.jxlint]\nlang = "en"\n'.encode("gbk"))
    shutil.copy(FORM, tmp_path / "form.yaml")
    rc, out, err = cli(capsys, "check", str(tmp_path / "form.yaml"))
    assert rc == 2 and out == ""
    assert str(path) in err
