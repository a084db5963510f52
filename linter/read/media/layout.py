"""Pages of text lines and tables (HTML, PDF) → the rows of their forms.

A page holds more than forms: navigation, a publication date, notes, other tables. The
rows of a form are its table and the lines just before it that belong to it: its title,
its year, a unit line (`单位：万元`), a header field written as `项目名称：…`. Other lines
and tables that are not forms are left out, as the .docx reader does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from linter.read.cells import norm
from linter.read.grid import Row

Block = tuple[str, list[Row]]  # ("text", [one row]) or ("table", rows)

_YEAR = re.compile(r"^[(（]?\d{4}\s*年度?[)）]?$")
_UNIT = re.compile(r"^(?:金额)?单位[:：]")
_LABEL = re.compile(r"^([^:：]{2,12})[:：]")
_TITLE_MAX = 48


def text_row(text: str, line: int, name: str) -> Row:
    """A line of text outside tables as a one-cell row."""
    from linter.read.office import cell

    return Row(line, (cell(text, line, 0, name),))


def is_title(text: str) -> bool:
    """A form's title line (…绩效目标…表, a year may stand beside it)."""
    t = norm(text)
    return 0 < len(t) <= _TITLE_MAX and "绩效" in t and "表" in t


def keep_line(text: str) -> bool:
    """A line that belongs to the form below it: title, year, unit, `label：value`."""
    t = norm(text)
    if is_title(t) or _YEAR.match(t) or _UNIT.match(t):
        return True
    m = _LABEL.match(t)
    if m is None:
        return False
    from linter.read.header import header_words

    return header_words().cell(m.group(1)).label


def assemble(blocks: Sequence[Block], path: str = "") -> tuple[list[Row], int]:
    """The rows of every form table with the lines that belong to it (from the last title
    line since the form table before it on, those `keep_line` keeps; other tables are
    passed over); returns the rows and the number of form tables. A page in traditional
    characters is made simplified first."""
    from linter.read.hant import simplify_rows
    from linter.read.office import is_form_table

    rows_in = [r for _, block in blocks for r in block]
    simple = simplify_rows(rows_in, path)
    if simple is not rows_in:
        it = iter(simple)
        blocks = [(kind, [next(it) for _ in block]) for kind, block in blocks]

    rows: list[Row] = []
    pending: list[Row] = []
    tables = 0
    for kind, block in blocks:
        if kind == "text":
            pending.append(block[0])
            continue
        if not is_form_table(c.text for r in block for c in r.cells):
            continue  # (a small table of its own between a title and its form is passed over)
        texts = [r.cells[0].text for r in pending]
        titles = [i for i, t in enumerate(texts) if is_title(t)]
        kept = pending[titles[-1] :] if titles else pending
        rows.extend(r for r in kept if keep_line(r.cells[0].text))
        rows.extend(block)
        tables += 1
        pending = []
    return rows, tables
