"""The indicator table's header row, and rows read by the roles it gives their columns.

`table_header` finds a header row (一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值说明 …; a second
row of labels under it refines the columns it spans) and gives each column a role from the
layouts (linter.read.layouts). A table whose columns are only levels, name and target in that
order is read by content (linter.read.indicators: the seed's drifting columns); any other
table is read by role here (`RoleReader`): note, history, self-evaluation and band columns
never become targets, an operator/value/unit split is composed in any order, a 指标性质 column
is an operator or a direction by its values, level cells carry down, and long-term and annual
values stand side by side (the annual one is the target).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from linter.model import EMPTY, Column, Extra, Indicator, Problem, Span, Target
from linter.read.cellkind import WEIGHT, ParseTarget
from linter.read.cells import level_key, norm, span_over
from linter.read.grid import Cell, Row, RowTexts
from linter.read.indicators import RowLevel, core_mark, read_weight
from linter.read.layouts import FORM_ROLES, Layout
from linter.read.levels import LevelVocab, choose_level2, levels_with
from linter.read.problems import problem

CONTENT_ROLES = ("level1", "level2", "name", "target")  # a table of these alone is read by content
_LEVEL_ROLES = frozenset(("level1", "level2", "name"))

# Written 指标性质 → operator ('' for 定量 without one, None for 定性).
NATURES: dict[str, str | None] = {
    "≥": "≥", ">=": "≥", "≧": "≥", "＞＝": "≥", "≤": "≤", "<=": "≤", "≦": "≤", "＜＝": "≤",
    "=": "=", "＝": "=", "==": "=", "═": "=", ">": ">", "＞": ">", "<": "<", "＜": "<",
    "定量": "", "定性": None,
}  # fmt: skip
DIRECTIONS = frozenset(("正向", "反向", "正向指标", "反向指标", "中性", "中性指标"))
_DATE_VALUE = re.compile(r"^\d{4}\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*日?)?$")
_SERIAL = re.compile(r"^(\d{2}),?(\d{3})$")  # an Excel date serial: 46,022
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SHIFTS = (0, 1, -1, 2, -2, 3, -3)  # how far a row's cells may stand from their columns, nearest first
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*%?$")


def excel_serial_date(text: str) -> dt.date | None:
    """The date an Excel serial stands for (46022 → 2025-12-31), for serials of 2009-2064."""
    m = _SERIAL.match(text.strip())
    if m is None:
        return None
    n = int(m.group(1) + m.group(2))
    return _EXCEL_EPOCH + dt.timedelta(days=n) if 40000 <= n <= 60000 else None


def compose_target(parse_target: ParseTarget, nature: str, value: str, unit: str) -> Target:
    """A target written over separate 指标性质 / 指标值 / 度量单位 cells.

    定性: the value is the word. An operator with the unit 日期 (or a date value) is a
    deadline (≤ 2026-11-30 → 2026-11-30前). Otherwise ``op value(unit)`` is parsed. `raw`
    is what was written, joined by a space.
    """
    op = NATURES.get(norm(nature), "")
    if op is None:
        return parse_target(value)
    raw = " ".join(p for p in (nature, value, unit) if p)
    if not value:
        return replace(parse_target(""), raw=raw)
    serial = excel_serial_date(value) if unit in ("日期", "时间", "") else None
    if serial is not None and (unit or not op):
        value = f"{serial.year}年{serial.month}月{serial.day}日"
    if unit in ("日期", "时间") or _DATE_VALUE.match(value) or (serial is not None and (unit or not op)):
        text = value + {"≤": "前", "<": "前"}.get(op, "")
    elif unit:
        text = f"{op}{value}({unit})"
    else:
        text = f"{op}{value}"
    return replace(parse_target(text), raw=raw, error_column=None)


@dataclass
class TableHeader:
    """The indicator table's header: each column's role (0-based column → role)."""

    line: int
    roles: dict[int, str | None]
    columns: tuple[Column, ...]
    rows: int = 1  # header rows (a second row of labels refines the first)

    @property
    def by_content(self) -> bool:
        """Only levels, name and target, in that order: the table is read by content."""
        order = [r for _, r in sorted(self.roles.items())]
        return (
            all(r in CONTENT_ROLES for r in order)
            and order == sorted(order, key=CONTENT_ROLES.index)
            and len(set(order)) == len(order)
        )

    def role_of(self, role: str) -> int | None:
        return next((c for c, r in self.roles.items() if r == role), None)


def table_headers(rows: Sequence[Row], layout: Layout, texts: RowTexts | None = None) -> dict[int, TableHeader]:
    """The indicator table header rows among `rows` (whose `texts` the caller may have
    joined already), by `id(row)`.

    Most rows hold no column label: only rows with one of the layout's header marks (a
    character every level or name column label has and no level name has) are looked at."""
    marked = (texts or RowTexts(rows)).holding(header_marks(layout))
    found = {}
    for i in sorted(marked):
        h = table_header(rows[i], layout)
        if h is not None:
            found[id(rows[i])] = h
    return found


def table_header(row: Row, layout: Layout) -> TableHeader | None:
    """The header row of an indicator table (一级指标 二级指标 三级指标 …), or None: at least
    two cells with a column role of the layouts, one of them a level or the name column."""
    if len(row.filled) < 2 or header_anchors(layout).search(row.line_text) is None:
        return None
    column_role = layout.column_role
    all_roles: list[str | None] = []
    for cell in row.filled:
        if len(cell.text) > 24:
            return None
        all_roles.append(column_role(cell.text))
    roles = [r for r in all_roles if r is not None]
    if len(roles) < 2 or not _LEVEL_ROLES & set(roles) or ("level1" not in roles and "level2" not in roles):
        return None
    if any(r in _LEVEL_ROLES and roles.count(r) > 1 for r in roles):
        return None
    cols = tuple(Column(c.col, c.text, r, c.span) for c, r in zip(row.filled, all_roles, strict=True))
    return TableHeader(row.line, {c.col: c.role for c in cols}, cols)


_ANCHORS: dict[int, tuple[Layout, re.Pattern[str], str]] = {}


def header_anchors(layout: Layout) -> re.Pattern[str]:
    """The labels of the level and name columns, as one pattern (a header row holds one),
    spaces allowed between their characters (一级 指标)."""
    return _anchors(layout)[1]


def header_marks(layout: Layout) -> str:
    """Characters, one of which every level or name column label holds: chosen among those no
    level name holds (产出指标 …), so that indicator rows seldom have one."""
    return _anchors(layout)[2]


def _anchors(layout: Layout) -> tuple[Layout, re.Pattern[str], str]:
    found = _ANCHORS.get(id(layout))
    if found is None or found[0] is not layout:
        keys = sorted({k.split("(")[0] for k, role in layout.columns.items() if role in _LEVEL_ROLES})
        spaced = ("[ \u3000]*".join(map(re.escape, k)) for k in keys)
        vocab = levels_with(layout.level_aliases)
        in_levels = {ch for name in (*vocab.level1, *vocab.level2) for ch in name}
        found = _ANCHORS[id(layout)] = (layout, re.compile("|".join(spaced)), _cover(keys, in_levels))
    return found


def _cover(keys: Sequence[str], avoid: set[str]) -> str:
    """A few characters such that every key holds one (greedy: the character most keys hold
    first), none of `avoid` unless a key has no other character."""
    left = [set(k) - avoid or set(k) for k in keys]
    marks = ""
    while left:
        counts: dict[str, int] = {}
        for chars in left:
            for ch in chars:
                counts[ch] = counts.get(ch, 0) + 1
        best = max(sorted(counts), key=counts.__getitem__)
        marks += best
        left = [chars for chars in left if best not in chars]
    return marks


def refine(header: TableHeader, row: Row, layout: Layout) -> bool:
    """Take `row` as a second header row when every filled cell is a column label (中期指标值 |
    年度指标值 under 指标值): its roles replace those of the columns it names."""
    cells = row.filled
    if not cells:
        return False
    found = []
    for c in cells:  # a loop that stops at the first cell that is no column label (a data row's)
        role = layout.column_role(c.text) if len(c.text) <= 24 else None
        if role is None:
            return False
        found.append((c, role))
    for c, role in found:
        header.roles[c.col] = role
    cols = {c.col: c for c in header.columns}
    cols.update({c.col: Column(c.col, c.text, role, c.span) for c, role in found})
    header.columns = tuple(cols[k] for k in sorted(cols))
    header.rows += 1
    return True


def _resolve(header: TableHeader) -> dict[int, str]:
    """Roles as the row reader uses them: with an operator or unit column, a 指标值 column is
    the value; a second target column is kept as `target2`; unknown columns drop out."""
    roles = {c: r for c, r in header.roles.items() if r is not None}
    split = any(r in ("operator", "unit") for r in roles.values())
    seen_target = False
    for c in sorted(roles):
        if roles[c] == "target":
            if split and not seen_target:
                roles[c] = "value"
            elif seen_target:
                roles[c] = "target2"
            seen_target = True
    return roles


@dataclass
class RoleReader:
    """Reads the rows of an indicator table by the roles of its columns."""

    header: TableHeader
    vocab: LevelVocab
    parse_target: ParseTarget
    row_labels: frozenset[str] = frozenset()
    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    groups: list[tuple[dict[str, Cell], int]] = field(
        default_factory=list
    )  # multi-project: (form cells, first indicator)
    l1: RowLevel = field(default_factory=RowLevel)
    l2: RowLevel = field(default_factory=RowLevel)
    roles: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.roles = _resolve(self.header)
        self.has_level2 = "level2" in self.roles.values()
        self.context: dict[str, Cell] = {}
        for c in self.header.columns:
            if c.role is None:
                self.problems.append(problem("unknown-column", c.span, col=c.col + 1, text=c.label))

    def read_row(self, row: Row) -> None:
        """Read one row of the table."""
        by_role: dict[str, Cell] = {}
        if row.filled and norm(row.filled[0].text) in self.row_labels:  # 总分, 合计: a totals row
            return
        shift = self._shift(row.filled)
        for cell in row.filled:
            role = self.roles.get(cell.col + shift)
            if role == "operator" and norm(cell.text) in DIRECTIONS:  # 指标性质 holding 正向/反向
                role = "direction"
            elif role == "operator" and norm(cell.text) in ("定性", "定量") and "kind" not in by_role:
                role = "kind"
            if role is None:
                self.problems.append(problem("unplaced-cell", cell.span, text=cell.text))
            elif role in by_role:  # two columns of one role (bands): keep each under its label
                by_role[f"{role}_{self._label(cell.col)}"] = cell
            else:
                by_role[role if role != "band" else f"band_{self._label(cell.col)}"] = cell
        self._form_cells(by_role)
        self._levels(by_role)
        name = by_role.get("name")
        if name is not None and not self.has_level2 and self._as_level2(name.text):
            self.l2 = RowLevel(self._as_level2(name.text) or "", name.span)  # 指标名称 holding a level 2 (浙江)
            note = by_role.pop("note", None)
            name = note
        rest = {r: c for r, c in by_role.items() if r not in ("level1", "level2", "name") and r not in FORM_ROLES}
        if name is None and not rest:
            return
        target, span = self._target(by_role)
        if name is None and target.kind != EMPTY:
            self.problems.append(problem("target-without-name", span, line=row.line, text=target.raw))
        weight, weight_span = self._weight(by_role.get("weight"))
        extras = tuple(
            Extra(r, c.text, c.span)
            for r, c in by_role.items()
            if r not in ("level1", "level2", "name", "target", "weight")
        )
        name_text, core = core_mark(name)
        extras += core
        self.indicators.append(
            Indicator(
                index=len(self.indicators),
                level1=self.l1.name,
                level2=self.l2.name,
                name=name_text,
                target=target,
                line=row.line,
                level1_span=self.l1.span,
                level2_span=self.l2.span,
                name_span=name.span if name is not None else None,
                target_span=span,
                weight=weight,
                weight_span=weight_span if weight is not None else None,
                extras=extras,
            )
        )

    def _shift(self, cells: tuple[Cell, ...]) -> int:
        """How far the row's cells stand from their columns (an extra leading cell moves a row
        one column right): the shift under which the cells best fit their columns' roles."""
        if not cells:
            return 0
        at_home = [self.roles.get(c.col) for c in cells]
        if all(r is not None and self._fit(r, c.text) > -3 for r, c in zip(at_home, cells, strict=True)):
            return 0  # every cell fits its own column well enough: no drift
        best, best_score = 0, None
        for shift in _SHIFTS:
            score = 0
            for cell in cells:
                role = self.roles.get(cell.col + shift)
                score += -3 if role is None else self._fit(role, cell.text)
            if best_score is None or score > best_score:
                best, best_score = shift, score
        return best

    def _fit(self, role: str, text: str) -> int:
        """How well `text` fits a column of `role` (positive: it looks like one)."""
        key = norm(text)
        level = self.vocab.as_level1(text) is not None or bool(self.vocab.level2.get(level_key(text)))
        if role in ("level1", "level2"):
            return 3 if level else (0 if key.endswith("指标") and len(key) <= 12 else -2)
        if key in NATURES or key in DIRECTIONS:
            return 3 if role in ("operator", "direction", "kind") else -3
        if role in ("operator", "direction", "kind"):
            return -3
        if level:
            return -2
        has_digit = any(ch.isdigit() for ch in key)
        if role == "name":
            return -2 if _NUMBER.match(key) else 2
        if role in ("weight", "score"):
            return 2 if WEIGHT.match(text) else -2
        if role == "value":
            return 2 if has_digit else 0
        if role == "unit":
            return 1 if len(key) <= 8 and not has_digit else -2
        return 1

    def _label(self, col: int) -> str:
        return next((c.label for c in self.header.columns if c.col == col), str(col))

    def _form_cells(self, by_role: dict[str, Cell]) -> None:
        """Columns that belong to the form (a multi-project grid): a new project name starts a group."""
        cells = {r: by_role[r] for r in FORM_ROLES if r in by_role}
        if not cells:
            return
        project = cells.get("project")
        if project is not None and (not self.groups or self.groups[-1][0].get("project", project).text != project.text):
            self.context = {k: c for k, c in self.context.items() if k == "unit_name"}  # the unit carries down
            self.groups.append((self.context, len(self.indicators)))
            self.l1, self.l2 = RowLevel(), RowLevel()
        elif not self.groups:
            self.groups.append((self.context, len(self.indicators)))
        self.context.update(cells)

    def _as_level2(self, text: str) -> str | None:
        found = choose_level2(self.vocab.level2.get(level_key(text), ()), self.l1.name or None)
        return found.name if found else None

    def _levels(self, by_role: dict[str, Cell]) -> None:
        l1, l2 = by_role.get("level1"), by_role.get("level2")
        if l1 is not None:
            as1 = self.vocab.as_level1(l1.text)
            as2 = None if as1 else choose_level2(self.vocab.level2.get(level_key(l1.text), ()))
            if as1 is not None:
                self.l1, self.l2 = RowLevel(as1, l1.span), RowLevel()
            elif as2 is not None and l2 is None:  # a level 2 in the level-1 column
                self.l1, self.l2 = RowLevel(as2.parent, None), RowLevel(as2.name, l1.span)
            else:
                self.problems.append(problem("unknown-level", l1.span, text=l1.text))
                self.l1, self.l2 = RowLevel(l1.text, l1.span), RowLevel()
        if l2 is not None:
            key = level_key(l2.text)
            # in the 二级指标 column a name may be written without 指标 (服务对象满意度)
            options = self.vocab.level2.get(key, ()) or self.vocab.level2.get(key + "指标", ())
            as2 = choose_level2(options, self.l1.name or None)
            if as2 is not None:
                self.l2 = RowLevel(as2.name, l2.span)
                if not self.l1.name:  # level 1 inferred from an unambiguous level 2
                    self.l1 = RowLevel(as2.parent, None)
                elif as2.parent != self.l1.name and self.vocab.as_level1(l2.text) == as2.parent:
                    self.l1 = RowLevel(as2.parent, l2.span)  # 满意度指标 as a level 2 (四川): the level 1 too
            else:
                self.problems.append(problem("unknown-level", l2.span, text=l2.text))
                self.l2 = RowLevel(l2.text, l2.span)

    def _target(self, by_role: dict[str, Cell]) -> tuple[Target, Span | None]:
        """The row's target: the target cell, or the operator/value/unit cells composed."""
        op, value, unit = by_role.get("operator"), by_role.get("value"), by_role.get("unit")
        if op is not None and norm(op.text) in DIRECTIONS:  # 指标性质 holding 正向/反向
            by_role["direction"] = by_role.pop("operator")
            op = None
        kind = by_role.get("kind")
        if op is None and kind is not None and norm(kind.text) in ("定性", "定量"):
            op = kind
        if value is None and op is None and unit is None:
            cell = by_role.get("target")
            if cell is None:
                return self.parse_target(""), None
            text = cell.text
            serial = excel_serial_date(text) if self.l2.name == "时效指标" else None
            if serial is not None:
                found = self.parse_target(f"{serial.year}年{serial.month}月{serial.day}日")
                return replace(found, raw=text), cell.span
            return self.parse_target(text), cell.span
        target = compose_target(
            self.parse_target, op.text if op else "", value.text if value else "", unit.text if unit else ""
        )
        if op is not None and NATURES.get(norm(op.text), "") is None:
            return target, value.span if value is not None else None
        parts = sorted((c.span for c in (op, value, unit) if c is not None), key=lambda s: (s.line, s.column))
        return target, span_over(parts[0], parts[-1]) if parts else None

    def _weight(self, cell: Cell | None) -> tuple[Decimal | None, Span | None]:
        return read_weight(cell, self.problems), cell.span if cell is not None else None
