"""The tab-separated text reader: decoded text → grid → forms.

Also the helpers that map spans back onto the text (`slice_span`, `line_offsets`).
"""

from __future__ import annotations

import dataclasses

from linter.model import EMPTY, Document, Form, Problem, Span
from linter.read.decode import dominant_newline, split_lines
from linter.read.errors import ReadError
from linter.read.grid import Cell, Row
from linter.read.problems import problem

_new = tuple.__new__


def text_rows(text: str) -> list[Row]:
    """Split `text` into rows at line ends and cells at tabs, keeping the non-empty cells.

    Each cell's text is stripped of surrounding white space and its span covers exactly
    the stripped text (1-based columns, end exclusive); `col` counts the tabs before it,
    empty cells included. Every line gives a row, a blank one a row without cells.
    """
    rows: list[Row] = []
    lineno = 0
    for line in split_lines(text):
        lineno += 1
        if not line or line.isspace():  # blank, or tabs and spaces only
            rows.append(Row(lineno, (), (), ""))
            continue
        cells: list[Cell] = []
        start = 1  # the 1-based column where the current part starts
        for col, part in enumerate(line.split("\t")):
            if part:
                size = len(part)
                stripped = part.strip()
                if stripped:
                    # tuple.__new__ skips the named tuples' Python-level __new__ (the hot loop)
                    if len(stripped) == size:
                        span = _new(Span, (lineno, start, lineno, start + size, None))
                    else:
                        first = start + part.index(stripped)
                        span = _new(Span, (lineno, first, lineno, first + len(stripped), None))
                    cells.append(_new(Cell, (stripped, span, col)))
                start += size + 1
            else:
                start += 1
        filled = tuple(cells)
        rows.append(Row(lineno, filled, filled, line))
    return rows


def read_text(text: str, path: str, encoding: str = "utf-8") -> Document:
    """Read forms from decoded text. Raises `ReadError` when the text holds no form."""
    from linter.read.tabular import build_forms

    rows = text_rows(text)
    forms, problems = build_forms(rows, path, "tsv")
    if not forms and not problems:
        raise no_form_error(path, problems)
    if forms:
        forms[-1] = _mark_cut_off(forms[-1], rows, text)
    return Document(
        path=path,
        encoding=encoding,
        newline=dominant_newline(text),
        text=text,
        forms=tuple(forms),
        problems=tuple(problems),
    )


def _mark_cut_off(form: Form, rows: list[Row], text: str) -> Form:
    """A text that ends without a line end in the middle of an indicator row (a name and
    no target yet) was cut off: say so."""
    if text.endswith(("\n", "\r")) or not form.indicators:
        return form
    last = form.indicators[-1]
    if last.line != rows[-1].line or last.target.kind != EMPTY:
        return form
    cut = problem(
        "truncated-form",
        rows[-1].filled[-1].span,
        index=form.index,
        line=last.line,
        what_zh="文件在指标行中间结束（没有指标值，也没有换行）",
        what_en="the file ends inside an indicator row (no target, no final line end)",
    )
    return dataclasses.replace(form, problems=(*form.problems, cut))


def no_form_error(path: str, problems: list[Problem] | None = None) -> ReadError:
    """The error for an input without any form."""
    del problems
    return ReadError(
        path,
        "未找到绩效目标申报表：没有表头（如“财政项目支出绩效目标申报表”）、“项目名称”"
        "或“一级指标/二级指标/三级指标”指标表",
        "no form found: no title (such as 财政项目支出绩效目标申报表), no 项目名称 and no "
        "一级指标/二级指标/三级指标 indicator table",
    )


def line_offsets(text: str) -> list[int]:
    """Offsets in `text` where each line starts (index 0 is line 1)."""
    offsets = [0]
    pos = 0
    for line in split_lines(text)[:-1]:
        pos += len(line)
        pos += 2 if text.startswith("\r\n", pos) else 1
        offsets.append(pos)
    return offsets


def span_offsets(offsets: list[int], span: Span) -> tuple[int, int]:
    """The (start, end) offsets in the text of `span`, given `line_offsets(text)`."""
    return (
        offsets[span.line - 1] + span.column - 1,
        offsets[span.end_line - 1] + span.end_column - 1,
    )


def slice_span(text: str, span: Span, offsets: list[int] | None = None) -> str:
    """The text `span` covers (line ends inside it as written)."""
    offs = offsets if offsets is not None else line_offsets(text)
    start, end = span_offsets(offs, span)
    return text[start:end]
