"""What the text-media splitters share: cells cut from a line, the indicator table's columns
(from its header row and a `column_role` function), and which column a cell can stand in."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from linter.model import Span
from linter.read.grid import Cell, Row

if TYPE_CHECKING:
    from linter.read.levels import LevelVocab

ColumnRole = Callable[[str], "str | None"]
"""A column label's text → its role (level1, level2, name, target, operator, unit, weight,
note …) or None when it is no column label."""

HeaderLabel = Callable[[str], bool]
"""A cell text → True when it is a header label (项目名称, 年度资金申请总额 …)."""

_new = tuple.__new__

LEVEL1, LEVEL2, NAME, TARGET = "level1", "level2", "name", "target"
OPERATOR, UNIT, WEIGHT, SCORE, DIRECTION, KIND = "operator", "unit", "weight", "score", "direction", "kind"

# What an operator / direction / kind column holds (指标性质, 符号, 指标方向性, 指标值类型).
OPERATORS = frozenset(
    {
        *("≥", "≤", "=", ">", "<", "≧", "≦", "＝", "═", ">=", "<=", "＞", "＜", "定性", "定量", "正向", "反向"),
        *("正向指标", "反向指标", "大于", "小于", "等于", "不低于", "不高于", "大于等于", "小于等于", "不少于"),
        *("不多于", "不超过"),
    }
)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*%?$")
_DIGIT = re.compile(r"\d")
# A form's title (…绩效目标申报表 …) or its year line (（2026年度）): a table never holds one.
_TITLE = re.compile(r"绩\s*效\s*目\s*标.{0,8}表|^[（(]\s*\d{4}\s*年度?\s*[)）]$")


def cell_at(lineno: int, line: str, start: int, end: int, col: int) -> Cell | None:
    """The cell `line[start:end]` stripped of surrounding white space (its span exactly the
    stripped text), or None when that part is blank."""
    part = line[start:end]
    text = part.strip()
    if not text:
        return None
    first = start + part.index(text) + 1
    return Cell(text, _new(Span, (lineno, first, lineno, first + len(text), None)), col)


def row_of(line: int, cells: Sequence[Cell]) -> Row:
    """A row of `cells` (all filled) from `line`; its text is the cells joined by tabs."""
    filled = tuple(cells)
    return Row(line, filled, filled)


def is_title(text: str) -> bool:
    """A form's title or year line: where one form ends and the next begins."""
    return _TITLE.search(text) is not None


def is_number(text: str) -> bool:
    return _NUMBER.match(text) is not None


@dataclass(frozen=True)
class Columns:
    """The indicator table's columns as its header row names them, in order."""

    roles: tuple[str | None, ...]

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


def table_columns(texts: Sequence[str], column_role: ColumnRole) -> Columns | None:
    """The columns when `texts` are an indicator table's header row: a level-1 column and a
    level-2 or name column among three column labels at least, and more labels than other
    texts (a column whose label is not known has the role None)."""
    if len(texts) < 3:
        return None
    roles = tuple(column_role(t) for t in texts)
    known = len(roles) - roles.count(None)
    if known < 3 or known < roles.count(None) or LEVEL1 not in roles or (LEVEL2 not in roles and NAME not in roles):
        return None
    return Columns(roles)


@cache
def _vocab() -> LevelVocab:
    """The level vocabulary, imported late: the tab reader never needs it here."""
    from linter.read.levels import load_levels

    return load_levels()


def level1(text: str) -> bool:
    return _vocab().as_level1(text) is not None


def level2(text: str) -> bool:
    return _vocab().as_level2(text) is not None


def quantitative(text: str) -> bool:
    """A target the grammar reads as a number, range, date or period (not a mere word)."""
    from linter.targets import parse_target

    return parse_target(text).kind in ("comparison", "range", "deadline", "period")


@cache
def target_words() -> tuple[str, ...]:
    """Words a qualitative target is written in (rules/vocab/words.yaml: vague_words,
    time_words), longest first."""
    from linter.resources import rules_dir
    from linter.yamlfile import safe_load

    with open(rules_dir() / "vocab" / "words.yaml", encoding="utf-8") as fh:
        data = safe_load(fh) or {}
    words = {str(w) for key in ("vague_words", "time_words") for w in data.get(key) or ()}
    return tuple(sorted(words, key=len, reverse=True))


LEVEL2_ROLES = frozenset((LEVEL2, "longterm_level2"))  # Wuhan: a long-term and an annual level 2


def accepts(role: str | None, text: str) -> bool:
    """Whether a cell of `text` can stand in a column of `role`."""
    if role == LEVEL1:
        return level1(text)
    if role in LEVEL2_ROLES:
        return level2(text) or level1(text)
    if role == NAME:
        return not level1(text) and text not in OPERATORS
    if role in (OPERATOR, DIRECTION, KIND):
        return text.replace(" ", "") in OPERATORS
    if role == UNIT:
        return _DIGIT.search(text) is None and text not in OPERATORS and (len(text) <= 4 or known_unit(text))
    if role in (WEIGHT, SCORE):
        return is_number(text)
    return not level1(text) and not level2(text)  # target, note and the rest: any text but a level name


@lru_cache(maxsize=1024)
def known_unit(text: str) -> bool:
    """A unit of rules/vocab/units.yaml (or 日期, %)."""
    from linter.targets_units import unit_info

    return text in ("日期", "%") or unit_info(text).kind is not None


def legacy_level2(text: str, following: str | None) -> bool:
    """A name that is a level-1 and a level-2 name (成本指标) stands as level 2 (under 产出指标,
    before 101号) when no level-2 name follows it; as level 1 when one does (成本指标 经济成本指标)."""
    if not (level1(text) and level2(text)):
        return False
    return following is None or not level2(following) or level1(following)


def fit(columns: Columns, texts: Sequence[str], pos: int = 0) -> list[int] | None:
    """The column of each of `texts` (a row's cells in order) from column `pos` on: each the
    first column after the last one that can hold it (a level name that can be either level:
    see `legacy_level2`; a level-2 name in the next level-2 column, not a name column before
    it: Wuhan's long-term and annual columns, the long-term ones left empty). When the row
    does not fit so, or puts numbers in text columns (a name, a note), a level-2 name written
    without 指标 (服务对象满意度) may stand as a level 2 too, if that places the numbers better.
    None when one fits nowhere."""
    strict = _fit(columns, texts, pos, False)
    misplaced = misplaced_numbers(columns, texts, strict) if strict is not None else len(texts) + 1
    if not misplaced:
        return strict
    best, fewest = strict, misplaced
    for other in (_fit(columns, texts, pos, True), _numbers_placed(columns, texts, pos)):
        found = misplaced_numbers(columns, texts, other) if other is not None else len(texts) + 1
        if found < fewest:
            best, fewest = other, found
    return best


_NUMBER_ROLES = frozenset((TARGET, WEIGHT, SCORE, "value", "longterm", "history", "actual", "band", "budget"))


def _numbers_placed(columns: Columns, texts: Sequence[str], pos: int) -> list[int] | None:
    """The placing of `texts` in columns from `pos` on, in order, each where `accepts` lets
    it stand, with the fewest numbers in text columns, the latest columns on a tie: a row
    whose leading cells were left out (merged, carried down: a multi-project row without its
    unit)."""
    roles = columns.roles
    n, m, inf = len(texts), len(roles), len(texts) + 1
    if not n:
        return []

    def cost(i: int, j: int) -> int:
        return int(is_number(texts[i]) and roles[j] not in _NUMBER_ROLES)

    # least[i][j]: the fewest misplaced numbers with texts[i] in column j (inf: cannot)
    least = [[inf] * m for _ in range(n)]
    for i in range(n):
        before = 0 if i == 0 else inf  # the best placing of texts[:i] left of column j
        for j in range(pos, m):
            if accepts(roles[j], texts[i]) and before < inf:
                least[i][j] = before + cost(i, j)
            if i:
                before = min(before, least[i - 1][j])
    total = min(least[-1])
    if total >= inf:
        return None
    out = [max(j for j in range(m) if least[-1][j] == total)]
    for i in range(n - 1, 0, -1):
        want = least[i][out[-1]] - cost(i, out[-1])
        out.append(max(j for j in range(out[-1]) if least[i - 1][j] == want))
    return out[::-1]


def misplaced_numbers(columns: Columns, texts: Sequence[str], cols: Sequence[int]) -> int:
    """How many number cells a fit puts in a column of text (a name, a note, a reason …)."""
    return sum(1 for t, j in zip(texts, cols, strict=True) if is_number(t) and columns.roles[j] not in _NUMBER_ROLES)


def _fit(columns: Columns, texts: Sequence[str], pos: int, loose: bool) -> list[int] | None:
    roles = columns.roles
    out: list[int] = []
    for n, text in enumerate(texts):
        start = pos
        l2 = next((j for j in range(pos, len(roles)) if roles[j] in LEVEL2_ROLES), None)
        following = texts[n + 1] if n + 1 < len(texts) else None
        if loose and following is not None and not level2(following) and level2(following + "指标"):
            following += "指标"
        as_l2 = level2(text) or (loose and level2(text + "指标"))
        if l2 is not None and (legacy_level2(text, following) or (as_l2 and not level1(text))):
            start = l2
        j = next((j for j in range(start, len(roles)) if accepts(roles[j], text) or (as_l2 and j == l2)), None)
        if j is None:
            return None
        out.append(j)
        pos = j + 1
    return out


def with_cols(cells: Sequence[Cell], cols: Sequence[int]) -> list[Cell]:
    return [Cell(c.text, c.span, col) for c, col in zip(cells, cols, strict=True)]


def default_header_label(text: str) -> bool:
    """The header labels of the active layouts (rules/layouts/, linter.read.header)."""
    from linter.read.header import header_words

    return header_words().cell(text).label
