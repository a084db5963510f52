"""What a 指标值 is when the grammar cannot read it, or reads it as a bare word.

`linter.targets` asks these in turn (LAYOUTS.md §3): a template's check boxes (优□良□ left
unticked is invalid; 优☑良□ is the ticked option), a unit with no number (元/户·年, %(百分比):
invalid) and a sentence with a number in it (按每人每月800元标准足额发放: qualitative). Each
looks at the normalized text only and says what it found; linter.targets makes the Target.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from linter.targets_units import units_vocabulary


class Problem(NamedTuple):
    """Why a text is invalid: the messages and the offset in the normalized text."""

    zh: str
    en: str
    pos: int


# Units are short (元/户·年, 万平方米): longer words (names) are not looked up, which keeps
# them out of the vocabulary's memo of written units.
_UNIT_MAX = 6


def unit_alone(word: str) -> Problem | None:
    """A word that is a unit the vocabulary knows (元/户·年, 万元, 百分比): no number."""
    if not word or len(word) > _UNIT_MAX or units_vocabulary()._known(word) is None:
        return None
    return _no_number(word)


# a unit, maybe in brackets, maybe restated: %  (%)  %(百分比)  (万元)
_UNIT_SPELLING = re.compile(r"\(?([%‰]|[^\W\d_]+)(?: ?\((?:[%‰]|[^\W\d_]+)\))?\)?")


def unit_spelled_alone(norm: str) -> Problem | None:
    """A unit in brackets or restated, with no number (%(百分比), (万元))."""
    m = _UNIT_SPELLING.fullmatch(norm)
    if m is None or len(m.group(1)) > _UNIT_MAX or units_vocabulary()._known(m.group(1)) is None:
        return None
    return _no_number(norm)


def _no_number(unit: str) -> Problem:
    return Problem(f"只有单位“{unit}”，缺少数值", f"only a unit ('{unit}'): the number is missing", 0)


# Template check boxes: □ ☐ unticked, ☑ ☒ ■ √ ✓ ✔ ▣ ticked.
_BOX = re.compile(r"[□☐]")
_TICK = re.compile(r"[☑☒■√✓✔▣]")
_OPTION = re.compile(r"[^□☐☑☒■√✓✔▣\s/、，,;；]+")


def check_boxes(norm: str) -> Problem | str | None:
    """A template's check boxes: a Problem when none is ticked, the ticked option's text when
    one is (优☑良□ → 优), None when the text has no boxes, or several ticks."""
    box = _BOX.search(norm)
    ticks = list(_TICK.finditer(norm))
    if box is None or len(ticks) > 1:
        return None
    if not ticks:
        zh = f"指标值是模板中未勾选的选项“{norm}”，请选定或写明目标值"
        en = f"the target is the template's check boxes '{norm}' with none ticked: choose one or state the target"
        return Problem(zh, en, box.start())
    # the boxes come before their options (□优 ☑良) or after them (优□良☑)
    tick = ticks[0]
    if _BOX.match(norm) is not None or _TICK.match(norm) is not None:
        option = _OPTION.match(norm, tick.end())
    else:
        before = list(_OPTION.finditer(norm, 0, tick.start()))
        option = before[-1] if before else None
    return option.group() if option is not None else None


# two letters or ideographs before the first digit; everything up to the last digit
_LEAD_WORDS = re.compile(r"[^\d]*?[^\W\d_]{2}")
_TO_LAST_DIGIT = re.compile(r".*\d", re.DOTALL)
_WORDS = re.compile(r"[^\W\d_]+")
# the words after a value that bound it (30日内, 95%以上): what is left is its unit
_BOUND = re.compile(r"(?:[及或]?以[上下内]|之内|内|左右|上下|之?前|以前)$")


def is_sentence(norm: str) -> bool:
    """A sentence with a number in it (按每人每月800元标准足额发放, 确保95%以上群众知晓): words
    before its first digit and, after its last digit, words that are not just a unit.
    `合格率100%` (a name, then a value) is no sentence."""
    if _LEAD_WORDS.match(norm) is None:
        return False
    last = _TO_LAST_DIGIT.match(norm)
    if last is None:
        return False
    words = _WORDS.findall(norm, last.end())
    if len(words) != 1:
        return bool(words)
    unit = _BOUND.sub("", words[0])  # 30日内: a unit and 内, no sentence
    return bool(unit) and (len(unit) > _UNIT_MAX or units_vocabulary()._known(unit) is None)
