"""One form's indicator table: read by content or by column roles, split per project.

A table whose header names only levels, name and target (or that has no header row) is read
by content (linter.read.indicators), the way the seed's drifting columns need; any other by
the roles of its columns (linter.read.columns). A multi-project grid's rows carry the project
in their first columns: `TableResult.split` makes one form per project.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from linter.model import Form, Funds, HeaderField, Indicator, Money, Problem, TextField
from linter.read.columns import RoleReader, TableHeader
from linter.read.grid import Cell, Row
from linter.read.indicators import TableReader
from linter.read.layouts import LayoutSet
from linter.read.levels import levels_with
from linter.read.values import parse_amount
from linter.targets import parse_target


@dataclass
class TableResult:
    """What a table held: its indicators, problems, and (multi-project) the form cells of each
    project with the index of its first indicator."""

    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    groups: list[tuple[dict[str, Cell], int]] = field(default_factory=list)

    def split(self, form: Form) -> list[Form]:
        """One form per project of a multi-project grid, its header from the project's cells."""
        out: list[Form] = []
        for n, (cells, first) in enumerate(self.groups):
            last = self.groups[n + 1][1] if n + 1 < len(self.groups) else len(self.indicators)
            indicators = tuple(replace(ind, index=i) for i, ind in enumerate(self.indicators[first:last]))
            out.append(_project_form(form, cells, indicators, form.index + n))
        return out


def _project_form(form: Form, cells: Mapping[str, Cell], indicators: tuple[Indicator, ...], index: int) -> Form:
    header = list(form.header)
    if "project" in cells:
        c = cells["project"]
        header.append(HeaderField("项目名称", c.text, None, c.span))
    if "unit_name" in cells:
        c = cells["unit_name"]
        header.append(HeaderField("实施单位", c.text, None, c.span))
    funds = form.funds
    if "budget" in cells:
        c = cells["budget"]
        amount = parse_amount(c.text, funds.unit)
        if amount is not None:
            funds = Funds(unit=funds.unit, total=Money(amount, c.text, c.span))
    goal = TextField(cells["goal"].text, cells["goal"].span) if "goal" in cells else form.goal
    return dataclasses.replace(form, index=index, header=tuple(header), funds=funds, goal=goal, indicators=indicators)


def read_table(
    header: TableHeader | None,
    rows: Sequence[Row],
    headers: Mapping[int, TableHeader],
    layouts: LayoutSet,
    year: int | None,
) -> TableResult:
    """Read the rows of one indicator table (`rows`: those after its header row)."""
    vocab = levels_with(layouts.union.level_aliases)
    body = [row for row in rows if row.filled and id(row) not in headers]
    if header is None or header.by_content:
        level2_col = header.role_of("level2") if header is not None else None
        content = TableReader(vocab, parse_target, year, level2_col=level2_col)
        for row in body:
            content.read_row(row)
        return TableResult(content.indicators, content.problems)
    reader = RoleReader(header, vocab, parse_target, layouts.union.row_labels)
    for row in body:
        reader.read_row(row)
    return TableResult(reader.indicators, reader.problems, reader.groups)
