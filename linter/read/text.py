"""The text reader: decoded text → grid (by its medium, linter.read.textmedia) → forms.

Also the helpers that map spans back onto the text (`slice_span`, `line_offsets`).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from linter.model import EMPTY, Document, Form, Span
from linter.read.decode import dominant_newline, split_lines
from linter.read.errors import NotAForm, ReadError
from linter.read.grid import Row
from linter.read.layouts import active
from linter.read.problems import problem
from linter.read.tabs import text_rows
from linter.read.tabular import build_forms

if TYPE_CHECKING:
    from linter.read.layouts import Layout

__all__ = ["line_offsets", "no_form_error", "read_text", "slice_span", "span_offsets", "text_rows"]


def read_text(text: str, path: str, encoding: str = "utf-8") -> Document:
    """Read forms from decoded text. Raises `ReadError` when the text holds no form."""
    layouts = active()
    if "\t" in text:  # tab text, the common case: read without importing the other text media
        medium, rows, split_problems = "tsv", text_rows(text), []
        if '"' in text:  # Excel's quoted multi-line cells
            from linter.read.quoted import join_quoted

            rows = join_quoted(text, rows)
    else:
        from linter.read.textmedia import split_text

        medium, rows, split_problems = split_text(text, layouts.union.column_role)
    forms, problems = build_forms(rows, path, medium, layouts=layouts)
    if not forms and not problems:
        raise no_form_error(path, rows)
    if forms:
        forms[-1] = _mark_cut_off(forms[-1], rows, text)
    return Document(
        path=path,
        encoding=encoding,
        newline=dominant_newline(text),
        text=text,
        forms=tuple(forms),
        problems=(*split_problems, *problems),
        medium=medium,
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


def no_form_error(path: str, rows: list[Row] | None = None) -> ReadError:
    """The error for an input without any form: what was looked for and, where part of a form
    was found (level names without a table header, header labels without a table), where it is,
    the nearest layout and what it lacks. A markdown file with no part of a form (notes, a README
    in a folder of forms) is `NotAForm`: skipped with a notice, not a failed read."""
    zh = "未找到绩效目标申报表：没有标题（如“项目支出绩效目标表”）、“项目名称”"
    zh += "或“一级指标/二级指标/三级指标”指标表表头"
    en = "no form found: no title (such as 项目支出绩效目标表), no 项目名称 "
    en += "and no 一级指标/二级指标/三级指标 table header"
    found = _partial_form(rows or [])
    if found is not None:
        what_zh, what_en, line, layout = found
        zh += f"。第 {line} 行起有{what_zh}；最接近的模板：{layout.id}（{layout.name_zh}），"
        zh += "缺少标题、“项目名称”或指标表表头行"
        en += (
            f". From line {line} there are {what_en}; the nearest layout: {layout.id} ({layout.name_en}), "
            "which lacks a title, 项目名称 or the indicator table's header row"
        )
    elif path.lower().endswith(_NOTE_SUFFIXES):
        return NotAForm(path, zh, en)
    return ReadError(path, zh, en)


_NOTE_SUFFIXES = (".md", ".markdown")  # text written for people: a folder's notes as often as a form


def _partial_form(rows: list[Row]) -> tuple[str, str, int, Layout] | None:
    """Part of a form among `rows`: indicator rows (level names) or header labels, with the
    line where they start and the layout their words are nearest to."""
    from linter.read.header import cue_keys, header_words
    from linter.read.levels import levels_with

    layouts = active()
    words = header_words(layouts.union)
    levels = levels_with(layouts.union.level_aliases)
    level_rows = [r for r in rows if any(levels.as_level1(c.text) for c in r.filled)]
    label_rows = [r for r in rows if sum(words.cell(c.text).label for c in r.filled) >= 1]
    if not level_rows and not label_rows:
        return None
    layout = layouts.recognise("", cue_keys(rows, header_words(layouts.union)), set())
    if level_rows:
        return (
            "指标层级名称（如“产出指标”），但没有指标表表头",
            "level names (such as 产出指标) but no table header",
            (level_rows[0].line),
            layout,
        )
    return (
        "表头栏目（如“主管部门”），但没有指标表",
        "header labels (such as 主管部门) but no indicator table",
        (label_rows[0].line),
        layout,
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
