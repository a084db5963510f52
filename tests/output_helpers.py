"""What the output tests share: the seed's text, cells found in it, and a finding factory."""

from __future__ import annotations

from pathlib import Path

from linter.findings import Finding
from linter.model import Span
from linter.positions import split_lines

ROOT = Path(__file__).resolve().parents[1]
PATH = "fixtures/forms/seed.txt"
TEXT = (ROOT / PATH).read_text(encoding="utf-8")
LINES = split_lines(TEXT)


def cell(line: int, text: str) -> Span:
    """The span of the cell `text` on seed line `line`."""
    col = 1
    for c in LINES[line - 1].split("\t"):
        if c == text:
            return Span(line, col, line, col + len(c))
        col += len(c) + 1
    raise AssertionError(text)


def line_with(text: str) -> int:
    """The seed line that has a cell `text`."""
    return next(i for i, t in enumerate(LINES, 1) if text in t.split("\t"))


class ReadFail:
    """An unreadable file, as outputs see one."""

    def __init__(self, path, line, zh, en):
        self.path, self.line, self.message_zh, self.message_en = path, line, zh, en


def mk(rule, severity, span, path=PATH, **kw) -> Finding:
    """A finding of `rule` at `span`; keywords override any field."""
    base = dict(
        path=path,
        rule=rule,
        name=f"rule-{rule.lower()}",
        severity=severity,
        category="适当性",
        message=f"{rule} 消息",
        span=span,
    )
    base.update(kw)
    return Finding(**base)
