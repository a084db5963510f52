"""The message catalogue (linter/messages.py): every key in both languages with the same
placeholders, every key the code asks for is there, and the words come out as they read."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from linter.fixes import REASONS
from linter.messages import LANGS, MESSAGES, language, pick, say

LINTER = Path(__file__).resolve().parent.parent / "linter"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_has_both_languages_with_the_same_fields():
    assert tuple(MESSAGES) == LANGS
    assert MESSAGES["zh"].keys() == MESSAGES["en"].keys()
    for key, zh in MESSAGES["zh"].items():
        en = MESSAGES["en"][key]
        assert zh.strip() and en.strip(), key
        assert _fields(zh) == _fields(en), key


def _keys_used() -> set[str]:
    """The keys of every `say("…", …)` call in linter/, and those `Skipped.message` looks up
    in linter.fixes.REASONS."""
    used = set(REASONS.values())
    for path in LINTER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    used.add(first.value)
                else:  # a key built at run time must be one the test knows how to list
                    assert path.name == "fixes.py", f"{path}: say() with a computed key"
    return used


def test_every_key_used_exists_and_every_key_is_used():
    used = _keys_used()
    assert used - MESSAGES["zh"].keys() == set()
    assert MESSAGES["zh"].keys() - used == set()


@pytest.mark.parametrize(
    ("key", "fields", "zh", "en"),
    [
        ("first-stated-here", {}, "首次出现于此", "first stated here"),
        ("write-instead", {"expected": "≥95.00(%)"}, "改为 ≥95.00(%)", "write ≥95.00(%)"),
        ("plan-outside-year", {"year": 2026}, "计划期不在2026年度内", "the plan does not touch 2026"),
        (
            "delete-later-row",
            {"line": 59, "first": 58, "target": "≥95.00(%)"},
            "删除第 59 行，保留第 58 行（≥95.00(%)）",
            "delete line 59, keep line 58 (≥95.00(%))",
        ),
    ],
)
def test_words_come_out_in_each_language(key, fields, zh, en):
    assert say(key, "zh", **fields) == zh
    assert say(key, "en", **fields) == en
    assert say(key, None, **fields) == zh  # Chinese is the default


def test_any_language_but_english_is_chinese():
    assert [language(x) for x in ("zh", "en", None, "fr")] == ["zh", "en", "zh", "zh"]
    assert pick("en", "中", "en") == "en" and pick("zh", "中", "en") == "中" and pick(None, "中", "en") == "中"
