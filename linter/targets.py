"""Read a 指标值 (target value) into a `linter.model.Target`.

The syntax lives in grammar/target.lark; linter/targets_transform.py turns what it reads
into Target fields, linter/targets_units.py says what units mean. This module normalizes
the text, runs the parser and turns every failure into an invalid Target with the column
in the original text: `parse_target` never raises for any text.

The Lark parser is built once per process on first use. Building it takes 0.1-0.2 s, so
the analysed grammar is cached on disk (Lark's `cache=` option) in the user cache directory
($JXLINT_CACHE_DIR, else $XDG_CACHE_HOME/jxlint or ~/.cache/jxlint); loading the cache
takes about 10 ms. When the directory cannot be written the parser is simply
built each time. JXLINT_CACHE_DIR="" turns the cache off.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from linter.model import COMPARISON, EMPTY, INVALID, QUALITATIVE, Target
from linter.resources import grammar_path
from linter.targets_fallback import Problem, check_boxes, is_sentence, unit_alone, unit_spelled_alone
from linter.targets_units import units_vocabulary

if TYPE_CHECKING:
    from lark import Lark

    from linter.targets_transform import TargetError

__all__ = [
    "deadline_in",
    "normalize_target_text",
    "parse_target",
    "parser_cache_file",
    "use_units_file",
    "warm_up",
]

# ---- normalization --------------------------------------------------------------------

_KEEP = {"，", "：", "；", "！", "？"}  # full-width sentence punctuation stays as written
_TABLE: dict[str, str] = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP}
_TABLE.update(
    {
        "［": "(",
        "］": ")",
        "[": "(",
        "]": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "≧": "≥",
        "≦": "≤",
        "⩾": "≥",
        "⩽": "≤",
        "═": "=",
        "〜": "~",
        "−": "-",
        "﹣": "-",
        "﹪": "%",
        "﹤": "<",
        "﹥": ">",
    }
)
_TRANSLATE = str.maketrans(_TABLE)
_SLOW = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]")  # needs the character-by-character path
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_SHOWN = re.compile(r"[^\W\d_]+|[\d.,]+|\S")  # what an error message quotes
_DIGIT_COMMA = re.compile(r"(?<=[0-9])[，。](?=[0-9])")


def _normalize(raw: str) -> tuple[str, Sequence[int]]:
    """The text the grammar reads, and for each of its characters the index in `raw`.

    Full-width letters, digits and signs become half-width, brackets become ( ), white
    space is stripped at both ends and each inner run becomes one space, zero-width
    characters are dropped; ， and 。 between digits become , and . (1，327，500).
    """
    if not _SLOW.search(raw):  # the usual cell: one character for one
        text: str = raw.translate(_TRANSLATE)
        src: Sequence[int] = range(len(raw))
    else:
        chars: list[str] = []
        index: list[int] = []
        space_at = -1
        for i, ch in enumerate(raw):
            if ch in _DROP:
                continue
            if ch.isspace():
                if space_at < 0:
                    space_at = i
                continue
            if space_at >= 0 and chars:
                chars.append(" ")
                index.append(space_at)
            space_at = -1
            chars.append(_TABLE.get(ch, ch))
            index.append(i)
        text, src = "".join(chars), index
    if "，" in text or "。" in text:
        text = _DIGIT_COMMA.sub(lambda m: "," if m.group() == "，" else ".", text)
    return text, src


def normalize_target_text(raw: str) -> str:
    """The normalized text that the grammar reads (see `_normalize`)."""
    return _normalize(raw)[0]


# ---- the parser -----------------------------------------------------------------------

_lock = threading.Lock()
_runtime: _Runtime | None = None


class _Runtime(NamedTuple):
    """What parsing needs, imported and built on first use (lark is not imported before)."""

    parser: Lark
    unexpected: type[Exception]  # lark.exceptions.UnexpectedInput
    target_error: type[TargetError]
    vocab_error: type[Exception]  # linter.targets_units.VocabError


def parser_cache_file(grammar: str) -> Path | None:
    """Where the analysed grammar is cached, or None when there is no usable directory."""
    base = os.environ.get("JXLINT_CACHE_DIR")
    if base is None:
        home = os.path.expanduser("~")
        xdg = os.environ.get("XDG_CACHE_HOME") or ("" if home.startswith("~") else os.path.join(home, ".cache"))
        base = os.path.join(xdg, "jxlint") if xdg else ""
    if not base:
        return None
    import hashlib

    import lark

    key = f"{grammar}\0{lark.__version__}\0{sys.version_info[:2]}".encode()
    digest = hashlib.sha256(key).hexdigest()[:16]
    directory = Path(base)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(directory, os.W_OK | os.R_OK):
        return None
    return directory / f"target-grammar-{digest}.lark"


def _build_parser() -> Lark:
    from lark import Lark

    from linter.targets_transform import TargetTransformer

    grammar = grammar_path("target.lark").read_text(encoding="utf-8")
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": "contextual",
        "start": ["target", "qualitative"],
        "transformer": TargetTransformer(),
        "maybe_placeholders": False,
    }
    cache = parser_cache_file(grammar)
    if cache is not None:
        try:
            return Lark(grammar, cache=str(cache), **options)
        except Exception:  # a broken cache must never stop the linter; build afresh
            pass
    return Lark(grammar, **options)


def _get_runtime() -> _Runtime:
    global _runtime
    runtime = _runtime
    if runtime is None:
        with _lock:
            if _runtime is None:
                from lark.exceptions import UnexpectedInput

                from linter.targets_transform import TargetError
                from linter.targets_units import VocabError

                _runtime = _Runtime(_build_parser(), UnexpectedInput, TargetError, VocabError)
            runtime = _runtime
    return runtime


# Targets the grammar reads, one of each common shape: parsing them makes Lark compile its
# lexers' patterns (it does so on first use), 20-30 ms that forked workers then inherit.
_WARM_UP_TARGETS = ("≥95%", "≤15元/人", "90%-95%", "2026年12月底前", "每月1次", "第四季度", "是")


def warm_up() -> None:
    """Build (or load) the parser, its lexers and the units vocabulary now rather than on
    first use (a batch calls it before forking its workers)."""
    _get_runtime()
    units_vocabulary()
    for text in _WARM_UP_TARGETS:
        parse_target(text)


# ---- parsing --------------------------------------------------------------------------


def parse_target(raw: str) -> Target:
    """Read a target value. Memoized: the same string gives the same Target object.

    Never raises for any text; what cannot be read is a Target of kind invalid with a
    Chinese `error`, its English `error_en` and `error_column` (1-based, in `raw`).
    """
    if not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    return _parse_cached(raw)


@lru_cache(maxsize=1 << 16)  # bounded: ~35 MiB at most, memory stays flat in long batches
def _parse_cached(raw: str) -> Target:
    norm, src = _normalize(raw)
    if not norm:
        return Target(raw=raw, kind=EMPTY)
    quick = _house_format(raw, norm)
    if quick is not None:
        return quick
    quick = _plain_words(raw, norm)
    if quick is not None:
        return _unit_alone(quick)
    parser, unexpected, target_error, vocab_error = _get_runtime()
    try:
        try:
            return _target(raw, src, parser.parse(norm, start="target"))
        except unexpected as first:
            try:
                return _unit_alone(Target(raw=raw, **parser.parse(norm, start="qualitative")))
            except unexpected as second:
                found = _fallback(raw, norm)
                if found is not None:
                    return found
                err = first if _error_pos(first, norm) >= _error_pos(second, norm) else second
                zh, en = _lark_message(err, raw, norm, src)
                return _invalid(raw, zh, en, _column(_error_pos(err, norm), src, raw))
    except target_error as exc:
        return _invalid(raw, exc.zh, exc.en, _column(max(exc.pos, 0), src, raw))
    except vocab_error:
        raise  # a broken units.yaml is a configuration error, not a bad target
    except Exception as exc:  # last resort: never a traceback for a cell's text
        en = f"cannot read this target value ({type(exc).__name__})"
        return _invalid(raw, "无法解析该指标值", en, _column(0, src, raw))


# The budget system's own format, ≥95.00(%), is most of what real forms hold: read it with
# one regular expression instead of the parser (a test checks both agree).
_HOUSE = re.compile(r"([≥≤=><])(\d{1,15}(?:\.\d{1,6})?)\(([^()\d\s]{1,8})\)")


def _house_format(raw: str, norm: str) -> Target | None:
    """`norm` read at once when it is exactly op, number, (known unit); None otherwise."""
    m = _HOUSE.fullmatch(norm)
    if m is None:
        return None
    unit = m.group(3)
    info = units_vocabulary()._known(unit)
    if info is None:
        return None  # an unknown word in brackets may be a note (历史标准): let the grammar decide
    return Target(raw, COMPARISON, m.group(1), Decimal(m.group(2)), unit, info.norm, info.scale, info.kind)


# Names (宣传工作完成率) and word targets (及时, 有效提升) are plain words. Without a digit and
# without 年 季 每 是 否 无 空, which every structured target lacking digits needs (年底前,
# 第四季度, 每月, 是, 无), the grammar's `target` start cannot match them, and its
# `qualitative` start reads them whole when they match its TEXT terminal (a test holds this
# to the grammar). Such text is read without the parser: a name costs two regular
# expressions instead of a failed and a successful parse.
_STRUCTURE_HINT = re.compile(r"[0-9年季每是否无空]")


@cache
def _words_pattern() -> re.Pattern[str]:
    """The grammar's TEXT terminal, as written in grammar/target.lark."""
    for line in grammar_path("target.lark").read_text(encoding="utf-8").splitlines():
        if line.startswith("TEXT:"):
            return re.compile(line.split("/", 1)[1].rsplit("/", 1)[0])
    raise LookupError("grammar/target.lark has no TEXT terminal")


def _plain_words(raw: str, norm: str) -> Target | None:
    """`norm` read as the qualitative start reads it, when it is plain words; else None."""
    if _STRUCTURE_HINT.search(norm) is not None or _words_pattern().fullmatch(norm) is None:
        return None
    return Target(raw=raw, kind=QUALITATIVE, word=norm)


def _target(raw: str, src: Sequence[int], fields: dict[str, Any]) -> Target:
    """The Target of what the `target` start read; a rate after a deadline gets its own
    Target, whose `raw` is its part of `raw`."""
    rate = fields.get("rate")
    if rate is not None:
        part = raw[src[rate.start] :].strip()
        fields = {**fields, "rate": Target(raw=part, **rate)}
    return Target(raw=raw, **fields)


def _unit_alone(target: Target) -> Target:
    """A word that is a unit (元/户·年, 万元) is a target without its number: invalid."""
    word = target.word
    if not word or len(word) > 6 or target.note is not None:  # names: longer than any unit
        return target
    problem = unit_alone(word)
    return target if problem is None else _problem(target.raw, problem)


def _fallback(raw: str, norm: str) -> Target | None:
    """What a text the grammar cannot read is after all (linter/targets_fallback.py): check
    boxes, a unit alone, a sentence with a number; None when it is none of them."""
    found = check_boxes(norm)
    if isinstance(found, str):  # the ticked option, when it reads as a target
        chosen = parse_target(found)
        return None if chosen.kind in (INVALID, EMPTY) else replace(chosen, raw=raw)
    found = found or unit_spelled_alone(norm)
    if isinstance(found, Problem):
        return _problem(raw, found)
    return Target(raw=raw, kind=QUALITATIVE, word=norm) if is_sentence(norm) else None


def _problem(raw: str, problem: Any) -> Target:
    return _invalid(raw, problem.zh, problem.en, _column(problem.pos, _normalize(raw)[1], raw))


def _invalid(raw: str, zh: str, en: str, column: int) -> Target:
    return Target(raw=raw, kind=INVALID, error=zh, error_en=en, error_column=column)


def _error_pos(err: Any, norm: str) -> int:
    """Offset in the normalized text where reading failed."""
    token = getattr(err, "token", None)
    if token is not None:
        return len(norm) if token.type == "$END" else token.start_pos
    pos = getattr(err, "pos_in_stream", None)
    return len(norm) if pos is None else pos


def _column(pos: int, src: Sequence[int], raw: str) -> int:
    """1-based column in `raw` of offset `pos` in the normalized text."""
    if pos < len(src):
        return src[pos] + 1
    return (src[-1] + 2) if src else 1


def _lark_message(err: Any, raw: str, norm: str, src: Sequence[int]) -> tuple[str, str]:
    pos = _error_pos(err, norm)
    expected = set(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())
    if pos >= len(norm):
        if "RPAR" in expected:
            return "缺少右括号", "a closing bracket is missing"
        if "NUMBER" in expected:
            return "缺少数值", "a number is missing"
        return "指标值不完整", "the target value is incomplete"
    shown = _SHOWN.match(norm, pos)
    end = min(shown.end() if shown else pos + 1, pos + 8)
    text = raw[src[pos] : src[end - 1] + 1]
    return f"无法识别“{text}”", f"cannot read '{text}'"


# ---- helpers for rules ----------------------------------------------------------------


def deadline_in(target: Target, year: int) -> dt.date | None:
    """The last allowed day of a deadline target for a plan in `year`.

    A target with a year written gives its own date; 12月底前 gives year-12-31, 次年3月底前
    (year+1)-03-31; a day past the month's end (2月29日 in other years) is moved back.
    """
    import calendar

    if target.deadline is not None:
        return target.deadline
    if target.deadline_md is None:
        return None
    year += target.year_offset
    if not 1 <= year <= 9999:
        return None
    month, day = target.deadline_md
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def use_units_file(path: str | Path | None) -> None:
    """Read units from another vocabulary file (None: the shipped one) and forget every
    parsed target. Raises `linter.targets_units.VocabError` when the file is unusable."""
    from linter.targets_units import set_units_path

    set_units_path(path)
    _parse_cached.cache_clear()
