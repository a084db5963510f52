"""Loading rule packs (linter/engine/loader.py): the shipped rules, a user rule directory,
every kind of mistake in a rule file (fixtures/rules-broken/*/rules.yaml, each with its
mistake named on its first line) reported with file and line, and the on-disk cache."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import linter.engine.loader as loader
from linter.engine import locality, rulecache
from linter.engine.examples import run_example
from linter.engine.loader import load_profile, load_ruleset
from linter.yamlfile import ConfigError

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
BROKEN = ROOT / "fixtures" / "rules-broken"
USER = ROOT / "fixtures" / "rules-user"


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _own_cache(module_cache, monkeypatch):
    """Loads in this module use a cache directory of their own (the cache tests, their own)."""
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(module_cache))


# -- the shipped rules ------------------------------------------------------------------------


def _shipped_entries() -> list[dict]:
    out = []
    for path in sorted(RULES.glob("*.yaml")):
        if path.name == "profiles.yaml":
            continue
        out += yaml.safe_load(path.read_text("utf-8")).get("rules") or []
    return out


def test_shipped_rules_load():
    rs = load_ruleset()
    entries = _shipped_entries()
    assert [r.id for r in rs.rules] == sorted(e["id"] for e in entries)
    assert len({r.name for r in rs.rules}) == len(rs.rules)
    by_id = {e["id"]: e for e in entries}
    for rule in rs.rules:
        raw = by_id[rule.id]
        assert rule.severity == raw["severity"] and rule.scope == raw["scope"]
        if "check" in raw:
            assert rule.check is not None and rule.check.name == raw["check"]["name"]
        else:
            assert rule.cases and all(callable(c.when) for c in rule.cases)
        assert rule.message["zh"] and rule.message["en"]
        assert rule.location.startswith(str(RULES))
    assert rs.profile == "central"  # the default; a form's template may pick another (shanghai)


def test_ruleset_get_by_id_and_name():
    rs = load_ruleset()
    assert rs.get("JX202") is rs.get("qualitative-target-on-quantitative-indicator")
    assert rs.get("JX202").id == "JX202"
    assert rs.get("JX999") is None


def test_profile_thresholds_are_exact_decimals():
    assert load_profile(None)[0] == "central"
    name, shanghai = load_profile("shanghai")
    assert name == "shanghai"
    assert shanghai["budget_tolerance"] == Decimal("0.2") and isinstance(shanghai["budget_tolerance"], Decimal)
    assert shanghai["satisfaction_min"] == Decimal(85) and isinstance(shanghai["satisfaction_min"], Decimal)
    assert shanghai["require_cost_level"] is True
    _, central = load_profile("central")
    assert central["require_cost_level"] is False
    _, over = load_profile(None, {"satisfaction_min": 96, "goal_tolerance": 0.05})
    assert over["satisfaction_min"] == Decimal(96) and over["goal_tolerance"] == Decimal("0.05")


def test_unknown_profile():
    with pytest.raises(ConfigError, match="unknown profile 'beijing'"):
        load_profile("beijing")


# -- a user rule directory --------------------------------------------------------------------


def test_user_rule_directory_adds_its_rule():
    rs = load_ruleset([USER])
    rule = rs.get("JX901")
    assert rule is not None and rule.name == "name-with-etc"
    assert rule.source.path == str(USER / "office.yaml")
    assert len(rs.rules) == len(load_ruleset().rules) + 1
    assert str(USER / "office.yaml") in rs.files


def test_user_rule_examples_behave():
    rs = load_ruleset([USER])
    rule = rs.get("JX901")
    results = [run_example(rs, rule, k) for k in range(len(rule.examples))]
    assert [r.kind for r in results] == ["bad", "good"]
    assert [r.problem for r in results] == [None, None]
    assert len(results[0].findings) == 1


def test_user_vocab_extends_the_shipped_lists(tmp_path):
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "office.yaml").write_text("vague_words: [差不多]\nour_words: [等, 若干]\n", "utf-8")
    rule = (USER / "office.yaml").read_text("utf-8")
    rule = rule.replace('contains(name, "等")', "contains_any(name, vocab.our_words)")
    (tmp_path / "office.yaml").write_text(rule, "utf-8")
    rs = load_ruleset([tmp_path])
    shipped = load_ruleset().vocab["vague_words"]
    assert rs.vocab["vague_words"] == (*shipped, "差不多")
    assert rs.vocab["our_words"] == ("等", "若干")


def test_missing_rule_directory(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_ruleset([tmp_path / "nope"])
    assert str(tmp_path / "nope") in str(info.value)
    assert "does not exist" in str(info.value)


# -- mistakes in rule files -------------------------------------------------------------------

MISTAKES = [
    # (fixture directory, line of the mistake, words the message must contain)
    ("yaml-syntax", 5, ["YAML syntax"]),
    ("missing-key", 4, ["rules/0", "'basis'", "required"]),
    ("unknown-key", 9, ["colour", "unknown key"]),
    ("bad-severity", 6, ["rules/0/severity", '"fatal"', '"warning"']),
    ("broken-when", 9, ["rules/0/when", "unexpected 'and'", "column 25"]),
    ("unknown-name", 9, ["rules/0/when", "unknown name 'nmae'", "column 10"]),
    # A misspelt field is reported at load with the nearest valid name, not as JX000 on every form.
    ("unknown-field", 9, ["rules/0/when", "target.valu", "no field 'valu'", "did you mean 'value'", "column 8"]),
    ("unknown-deep-field", 9, ["rules/0/when", "form.funds.totl", "Funds has no field 'totl'", "'total'"]),
    ("unknown-vocab", 9, ["rules/0/when", "unknown vocab entry 'vauge_words'"]),
    ("unknown-threshold", 9, ["rules/0/when", "unknown threshold entry 'satisfaction_mn'"]),
    ("unknown-function", 9, ["rules/0/when", "unknown function 'contain'"]),
    ("unknown-check", 9, ["unknown check 'no_such_check'", "duplicate_names"]),
    ("bad-check-options", 11, ["rules/0/check/options/agree_severity", '"loud"']),
    ("unknown-placeholder", 13, ["rules/0/message/en", "unknown placeholder {nonsense}"]),
    ("placeholder-field", 12, ["rules/0/message/zh", "{target.vlaue}"]),
    ("duplicate-id", 18, ["JX951", "already defined", "duplicate-id/rules.yaml:4"]),
    ("duplicate-shipped", 4, ["JX202", "already defined", "20-targets.yaml:"]),
    # A pair rule without a check runs nowhere (the engine runs pair rules only as checks).
    ("pair-without-check", 8, ["rules/0/scope", "pair", "check"]),
]


def test_every_broken_fixture_is_listed():
    assert sorted(d.name for d in BROKEN.iterdir() if d.is_dir()) == sorted(
        [m[0] for m in MISTAKES] + ["yaml-unclosed"]
    )


def test_fixture_comments_agree_with_the_table():
    # Each fixture says on its first line where its mistake is; keep the two in step.
    for name, line, _ in MISTAKES:
        first = (BROKEN / name / "rules.yaml").read_text("utf-8").splitlines()[0]
        assert first.startswith(f"# Mistake (line {line}"), name


@pytest.mark.parametrize(("name", "line", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_mistake_is_reported_with_file_and_line(name, line, words):
    path = BROKEN / name / "rules.yaml"
    with pytest.raises(ConfigError) as info:
        load_ruleset([BROKEN / name])
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    assert str(err).startswith(f"{path}:{line}: ")
    for word in words:
        assert word in err.message, str(err)


def test_unclosed_flow_mapping_names_the_line_it_opened_on():
    # YAML notices the missing } only on the next key (line 11); the message must also name
    # line 10, where the mapping was opened ("while parsing a flow mapping"), or the user
    # looks at a line with nothing wrong on it.
    with pytest.raises(ConfigError) as info:
        load_ruleset([BROKEN / "yaml-unclosed"])
    err = info.value
    assert err.path == str(BROKEN / "yaml-unclosed" / "rules.yaml")
    assert err.line == 10 or "line 10" in err.message, str(err)


def test_one_broken_file_stops_the_load_even_beside_good_ones(tmp_path):
    shutil.copy(USER / "office.yaml", tmp_path / "a-good.yaml")
    shutil.copy(BROKEN / "bad-severity" / "rules.yaml", tmp_path / "b-bad.yaml")
    with pytest.raises(ConfigError) as info:
        load_ruleset([tmp_path])
    assert info.value.path == str(tmp_path / "b-bad.yaml") and info.value.line == 6


# -- the compiled-rule cache ------------------------------------------------------------------


class _Spy:
    """Counts the rule files read from YAML and the expressions parsed."""

    def __init__(self, monkeypatch):
        self.yaml: list[str] = []
        self.parsed: list[str] = []
        real_load, real_parse = loader.load_yaml, loader.parse_tree

        def load_yaml(path, *args, **kw):
            self.yaml.append(str(path))
            return real_load(path, *args, **kw)

        def parse_tree(source):
            self.parsed.append(source)
            return real_parse(source)

        monkeypatch.setattr(loader, "load_yaml", load_yaml)
        monkeypatch.setattr(rulecache, "load_yaml", load_yaml)
        monkeypatch.setattr(loader, "parse_tree", parse_tree)

    def rule_files(self) -> list[str]:
        return [p for p in self.yaml if not p.endswith("profiles.yaml")]

    def reset(self) -> None:
        self.yaml.clear()
        self.parsed.clear()


def test_cache_is_used_on_the_second_load_and_invalidated_by_a_change(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(cache))
    user = tmp_path / "user"
    shutil.copytree(USER, user)
    spy = _Spy(monkeypatch)

    first = load_ruleset([user])
    assert str(user / "office.yaml") in spy.rule_files() and spy.parsed
    assert len(list(cache.glob("rules-*.json"))) == 1

    spy.reset()
    second = load_ruleset([user])
    assert spy.rule_files() == [] and spy.parsed == []  # nothing read or parsed again
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert second.get("JX901").severity == "warning"

    rule_file = user / "office.yaml"
    rule_file.write_text(rule_file.read_text("utf-8").replace("severity: warning", "severity: error"), "utf-8")
    spy.reset()
    third = load_ruleset([user])
    assert str(rule_file) in spy.rule_files()
    assert third.get("JX901").severity == "error"

    # A mistake introduced after a good, cached load is still found.
    broken = rule_file.read_text("utf-8").replace('contains(name, "等")', 'contains(name, "等") and')
    rule_file.write_text(broken, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_ruleset([user])
    assert info.value.path == str(rule_file) and info.value.line == 11


def test_cached_rules_behave_like_fresh_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path / "cache"))
    from linter.engine.runner import Engine
    from linter.read import read_path

    doc = read_path(ROOT / "fixtures" / "forms" / "seed.txt")
    fresh = Engine(load_ruleset([USER])).lint_document(doc)
    cached = Engine(load_ruleset([USER])).lint_document(doc)
    assert [(f.rule, f.span, f.message) for f in cached] == [(f.rule, f.span, f.message) for f in fresh]
    assert any(f.rule == "JX901" for f in cached)


def test_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(cache))
    load_ruleset([USER])
    for f in cache.glob("rules-*.json"):
        f.write_text("{not json", "utf-8")
    rs = load_ruleset([USER])
    assert rs.get("JX901") is not None
    for f in cache.glob("rules-*.json"):
        f.write_text('{"key": "other", "files": [], "trees": 5}', "utf-8")
    assert load_ruleset([USER]).get("JX901") is not None


def test_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    assert load_ruleset([USER]).get("JX901") is not None


# -- local gates: what a rule that reads the form asks of the indicator alone ---------------------

_ROOTS = {"is_cost": frozenset({"level1", "level2", "target", "vocab"}), "over": frozenset({"form", "target"})}


@pytest.mark.parametrize(
    ("source", "gate"),
    [
        ('is_cost and target.kind == "comparison"', 'is_cost and target.kind == "comparison"'),  # all local
        ("is_cost and not over and year > 2020", "is_cost"),
        ('is_cost and name != "x" and over and is_cost', 'is_cost and name != "x"'),
        ("over and is_cost", None),  # nothing local before the form is read
        ("is_cost or over", None),  # a disjunction with a form part: no gate
    ],
)
def test_gate_is_the_leading_local_part(source: str, gate: str | None) -> None:
    from linter.engine.expr import parse_tree

    found = locality.gate_tree(parse_tree(source), _ROOTS)
    expected = parse_tree(gate) if gate else None
    assert _shape(found) == _shape(expected)


_NAME_ROOTS = {"is_count": frozenset({"name", "vocab"}), "is_cost": frozenset({"level1", "level2", "target", "vocab"})}


@pytest.mark.parametrize(
    ("source", "gate"),
    [
        ('ends_with(name, "率") and is_count', 'ends_with(name, "率") and is_count'),  # all the name's
        ('target.unit == "%" and ends_with(name, "率") and is_cost and is_count', 'ends_with(name, "率") and is_count'),
        ('(is_count and target.op == "≥") or ends_with(name, "率")', 'is_count or ends_with(name, "率")'),
        ('is_count or target.op == "≥"', None),  # an alternative without a name part: no gate
        ('not (is_count and target.op == "≥")', None),  # a negation holds either way
        ("is_cost", None),  # a predicate that reads the target
    ],
)
def test_name_gate_is_every_part_on_the_name_alone(source: str, gate: str | None) -> None:
    from linter.engine.expr import parse_tree

    found = locality.name_gate_tree(parse_tree(source), _NAME_ROOTS)
    expected = parse_tree(gate) if gate else None
    assert _shape(found) == _shape(expected)


def _shape(tree):
    """A tree without token columns (the gate keeps the original's)."""
    if not isinstance(tree, list):
        return tree
    if tree and tree[0] == "$":
        return tree[:3]
    return [_shape(t) for t in tree]


def test_shipped_rules_that_read_the_form_have_gates():
    rules = {r.id: r for r in load_ruleset().rules}
    other = [r for r in rules.values() if r.scope == "indicator" and r.check is None and not r.local]
    assert {r.id for r in other} >= {"JX213", "JX402"}
    assert all(r.gate is not None for r in other)
    assert all(r.gate is None for r in rules.values() if r.local)
