"""The name and the cells after it in a table row run together (`培训人次≥280人次按台账统计`).

The columns after the name column are cut in their order, each from where the last ended,
each allowed to stay empty:
- an operator, direction or kind column: a word of `base.OPERATORS` (≥, 定性, 正向指标 …);
- a value column after an operator: a number or a date (after 定性/定量: words);
- a target column (or another value column: long-term, history, actual): the longest
  start the target grammar reads as a number, range, date or period whose unit (if any)
  is in rules/vocab/units.yaml;
- a unit column: a unit of rules/vocab/units.yaml (or 日期);
- a weight or score column: a number;
- any other column (note …): text, as much as the columns after it leave.
The name ends where the cells after it can be cut from (at a digit, an operator sign or a
word a target starts with: 不少于, 每月, 定性, 正向 …); of those places, the one whose cut
fills the most structured columns (operator, value, unit, weight …) and leaves the least
text to the text columns, the first on a tie. Without one, a target
column last may hold a qualitative word: one of rules/vocab/words.yaml (vague_words,
time_words) at the end, or a word the name repeats (`资金使用合规性合规`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.read.textmedia.base import (
    DIRECTION,
    KIND,
    NAME,
    OPERATOR,
    OPERATORS,
    SCORE,
    TARGET,
    UNIT,
    WEIGHT,
    Columns,
    known_unit,
    target_words,
)

Cut = tuple[int, int, int]  # start, end, column
_VALUE_ROLES = frozenset((TARGET, "longterm", "history", "actual", "value", "band"))
_WORD_ROLES = frozenset((OPERATOR, DIRECTION, KIND))
_SIGN_START = frozenset("≥≤=＝<>≧≦＞＜±0123456789")
_WORD_START = frozenset("不每第约定正反")  # 不少于, 每月, 第四季度, 约, 定性, 正向
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRAILING_NUMBER = re.compile(r"\d+(?:\.\d+)?$")
_PLAIN_VALUE = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?(?:[-./]\d{1,2}[-./]\d{1,2})?")
_NUMBER_CHARS = frozenset("0123456789.,%)）")
_NEW_YEAR = re.compile(r"\d{4}年")
_COMPARISON = frozenset("≥≤≧≦")
_MAX_TARGET = 24
_MAX_UNIT = 6


@lru_cache(maxsize=4096)
def _clean_target(text: str, noted: bool = False) -> bool:
    """A target the grammar reads as a quantity, with a unit it knows (or none). Where a text
    column follows (`noted`: 指标值设定依据, 备注 …), a target does not end in a word the grammar
    leaves over unless it is a target word of the vocabulary (`≥98%`|`行业标准`, but `95%达标`)."""
    from linter.targets import parse_target

    t = parse_target(text)
    if t.kind not in ("comparison", "range", "deadline", "period"):
        return False
    if noted and t.word and text.endswith(t.word) and t.word not in target_words():
        return False
    if t.unit and "/" in t.unit and not known_unit(t.unit.rsplit("/", 1)[1]):
        return False  # 万元/套|每套…: a compound unit's last part is a unit too
    return not t.unit or (t.unit_kind is not None and len(t.unit) < _MAX_UNIT)


def _ends(
    s: str, k: int, end: int, role: str | None, prev: str, weighted: bool, noted: bool = False, unit_next: bool = False
) -> list[int]:
    """Where a cell of `role` starting at `k` may end, the likeliest first (`weighted`: a
    weight or score column comes later; `noted`: a text column does; `unit_next`: the next
    column is a unit column, which a value leaves its unit to: `95`|`%`, `3000`|`人次`)."""
    if role in _WORD_ROLES:
        return [k + n for n in (4, 3, 2, 1) if k + n <= end and s[k : k + n] in OPERATORS]
    if role == UNIT:
        return [k + n for n in range(min(_MAX_UNIT, end - k), 0, -1) if known_unit(s[k : k + n])]
    if role in (WEIGHT, SCORE):
        m = _NUMBER.match(s, k, end)
        return [m.end()] if m else []
    if role in _VALUE_ROLES:
        if prev in ("定性", "定量"):
            return _text_ends(s, k, end, weighted)
        if prev in OPERATORS:
            m = _PLAIN_VALUE.match(s, k, end)
            if m is None:
                return []
            return [m.end(), m.end() + 1] if s.startswith("%", m.end()) else [m.end()]
        last = min(end, k + _MAX_TARGET)
        ends = [
            e
            for e in range(last, k, -1)
            if (_ends_clean(s, e, end) or (unit_next and s[e] == "%" and s[e - 1].isdigit()))
            and _clean_target(s[k:e], noted)
        ]
        return sorted(ends, key=lambda e: _has_unit(s[k:e])) if unit_next else ends
    return _text_ends(s, k, end, weighted)  # a note or another text column


def _has_unit(text: str) -> bool:
    """The target grammar reads a unit in `text`."""
    from linter.targets import parse_target

    return bool(parse_target(text).unit)


def _ends_clean(s: str, e: int, end: int) -> bool:
    """`e` ends no cell inside a number, a date or a bracket (`9`|`5`, `2027年`|`12月`, `15.00(人`|`)`)."""
    if e == end:
        return True
    if s[e - 1] in "年月" and s[e].isdigit():
        return _NEW_YEAR.match(s, e) is not None  # a date goes on (2027年|12月底前), unless a year starts
    if s[e] in "-－~～" and e + 1 < end and s[e + 1].isdigit():
        return False  # a range goes on (27万|-30万人次)
    return not ((s[e - 1].isdigit() and s[e] in _NUMBER_CHARS) or s[e] in ")）")


def _text_ends(s: str, k: int, end: int, weighted: bool) -> list[int]:
    """Where a text cell from `k` may end: the longest first, but before a trailing number
    first when a weight or score column follows."""
    ends = list(range(end, k, -1))
    m = _TRAILING_NUMBER.search(s, k, end) if weighted else None
    if m is not None and m.start() > k:
        ends.remove(m.start())
        ends.insert(0, m.start())
    return ends


_STRUCTURED = _WORD_ROLES | _VALUE_ROLES | {UNIT, WEIGHT, SCORE}
Score = tuple[int, int]  # (cells in structured columns, − characters in text columns)


def _score(s: str, cells: list[Cut], roles: tuple[str | None, ...]) -> Score:
    structured = sum(1 for _, _, col in cells if roles[col] in _STRUCTURED)
    free = sum(e - k for k, e, col in cells if roles[col] not in _STRUCTURED)
    return structured, -free


def cut_cells(s: str, k: int, end: int, roles: list[tuple[int, str | None]], all_roles: tuple) -> list[Cut] | None:
    """`s[k:end]` cut into the columns `roles` ((column, role) in order), each possibly
    empty: the cut with the most cells in structured columns (operator, value, unit,
    weight …) and the least text in the others; None when text is always left over."""
    memo: dict[tuple[int, int, str], list[Cut] | None] = {}

    def best(k: int, n: int, prev: str) -> list[Cut] | None:
        if k >= end:
            return []
        if n == len(roles):
            return None
        key = (k, n, prev if roles[n][1] in _VALUE_ROLES else "")
        if key in memo:
            return memo[key]
        col, role = roles[n]
        weighted = any(r in (WEIGHT, SCORE) for _, r in roles[n + 1 :])
        noted = any(r not in _STRUCTURED for _, r in roles[n + 1 :])
        unit_next = n + 1 < len(roles) and roles[n + 1][1] == UNIT
        found = best(k, n + 1, prev)  # the column stays empty
        for e in _ends(s, k, end, role, prev, weighted, noted, unit_next):
            after = best(e, n + 1, s[k:e])
            if after is not None:
                cut = [(k, e, col), *after]
                if found is None or _score(s, cut, all_roles) > _score(s, found, all_roles):
                    found = cut
        memo[key] = found
        return found

    return best(k, 0, "")


def cut_row(s: str, i: int, end: int, columns: Columns) -> list[Cut] | None:
    """The name and the cells after it in `s[i:end]`, or None when they cannot be told apart:
    of the places the name may end (at a digit, a sign or a target's first word), the one
    whose cells score best (`cut_cells`), the first such place on a tie."""
    roles = columns.roles
    name_col = roles.index(NAME) if NAME in roles else min(2, len(roles) - 1)
    tail = [(j, roles[j]) for j in range(name_col + 1, len(roles))]
    chosen: tuple[Score, list[Cut]] | None = None
    for k in range(i + 1, end):
        if s[k - 1] in _COMPARISON:
            break  # a name holds no ≥ or ≤: past it, the cut would swallow a target
        if (s[k] not in _SIGN_START and s[k] not in _WORD_START) or (s[k - 1].isdigit() and s[k].isdigit()):
            continue  # not a target's start, or inside a number
        if s[k - 1] in "-－~～" and s[k].isdigit():
            continue  # inside a range (24万-|27万人次)
        cells = cut_cells(s, k, end, tail, roles)
        if cells and cells[0][0] == k and roles[cells[0][2]] in _WORD_ROLES | _VALUE_ROLES:
            score = _score(s, cells, roles)
            if chosen is None or score > chosen[0]:
                chosen = score, [(i, k, name_col), *cells]
    if chosen is not None:
        return chosen[1]
    target = next((j for j, r in tail if r == TARGET), None)
    after = [j for j, r in tail if target is not None and j > target]
    if target is None or any(roles[j] not in (WEIGHT, SCORE) for j in after):
        return None  # a qualitative target is told only when it ends the row (or its weight does)
    weight = _TRAILING_NUMBER.search(s, i, end) if after else None
    stop = weight.start() if weight is not None and weight.start() > i else end
    k = _qualitative(s, i, stop)
    if k is None:
        return None
    return [(i, k, name_col), (k, stop, target)] + ([(stop, end, after[0])] if stop != end else [])


def _qualitative(s: str, i: int, end: int) -> int | None:
    """Where a qualitative target at the end of `s[i:end]` starts, or None."""
    part = s[i:end]
    for word in target_words():
        if len(word) < len(part) and part.endswith(word):
            return end - len(word)
    for n in range(min(6, len(part) - 1), 1, -1):  # a word the name repeats
        if part[-n:] in part[:-n]:
            return end - n
    if len(part) > 2 and _yes_no(part[-1]) and not _yes_no(part[-2]):
        return end - 1  # a yes/no target of the grammar (建立转介机制是), but not 是否 ending a name
    return None


def _yes_no(char: str) -> bool:
    """The target grammar reads `char` as a yes/no target (是, 否)."""
    from linter.targets import parse_target

    return parse_target(char).kind == "boolean"
