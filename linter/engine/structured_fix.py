"""Fixes on structured input (JSON, YAML): a new target or name is written as a quoted string
in place of the whole value, so that the fixed file still parses and reads back to the model
the fix intends. A value written in quotes is replaced with its quotes; a bare YAML scalar, a
JSON number or a split target ({op, value, unit}) is replaced by a quoted string. A double-
quoted JSON string is also a valid YAML scalar, so one spelling serves both."""

from __future__ import annotations

import dataclasses
import json

from linter.findings import Edit, Finding
from linter.model import Span
from linter.positions import split_lines


def _quoted_span(lines: list[str], span: Span) -> Span:
    """`span` widened over the quotes around it, when the value is written in quotes."""
    if not (1 <= span.line <= len(lines) and 1 <= span.end_line <= len(lines)):
        return span
    first, last = lines[span.line - 1], lines[span.end_line - 1]
    if span.column < 2 or span.end_column > len(last):
        return span
    before, after = first[span.column - 2], last[span.end_column - 1]
    if before == after and before in "\"'":
        return Span(span.line, span.column - 1, span.end_line, span.end_column + 1, span.cell)
    return span


def structured_fixes(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings with each fix of a structured row (one with a JSON Pointer) rewritten as
    a quoted value (see the module docstring). Other findings are returned as they are."""
    lines: list[str] | None = None
    out = []
    for f in findings:
        if f.fix is None or f.pointer is None or any(e.span.cell is not None for e in f.fix.edits):
            out.append(f)
            continue
        if lines is None:
            lines = split_lines(text)
        edits = tuple(
            Edit(_quoted_span(lines, e.span), json.dumps(e.new_text, ensure_ascii=False)) for e in f.fix.edits
        )
        out.append(dataclasses.replace(f, fix=dataclasses.replace(f.fix, edits=edits)))
    return out
