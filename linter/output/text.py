"""The default output: each finding with its source line, the cell underlined, related
places and the fix, then a summary. In the style of ruff and eslint.

Source lines are shown with tabs expanded to stops of 4 and the underline placed by display
width (a CJK character takes two terminal columns). Very long lines are shown as a window
around the span, cut at `...`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from linter.findings import Finding
from linter.output import Report, one_line, summarize
from linter.positions import line_of

TAB = 4
MAX_WIDTH = 100
_LEAD = 16  # display columns kept before the span when a long line is cut

_RESET = "\x1b[0m"
_COLORS = {
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
    "bold": "1",
    "blue": "1;34",
    "green": "32",
}


def char_width(ch: str) -> int:
    """Terminal columns `ch` takes (tabs are handled by the caller)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cells(text: str) -> list[tuple[str, int, int]]:
    """(shown text, display start, display width) per code point of `text`."""
    out = []
    pos = 0
    for ch in text:
        if ch == "\t":
            shown = " " * (TAB - pos % TAB)
            width = len(shown)
        elif unicodedata.category(ch) == "Cc":
            shown, width = " ", 1
        else:
            shown, width = ch, char_width(ch)
        out.append((shown, pos, width))
        pos += width
    return out


def underline(text: str, column: int, end_column: int | None) -> tuple[str, str]:
    """The line as shown and the caret line under code-point columns [column, end_column).

    `end_column` None means "to the end of the line" (a span that runs onto later lines).
    A zero-width span gets one caret where it stands.
    """
    cells = _cells(text)
    total = sum(w for _, _, w in cells)
    first = min(max(column, 1), len(cells) + 1) - 1
    last = len(cells) if end_column is None else min(max(end_column, column), len(cells) + 1) - 1
    start = cells[first][1] if first < len(cells) else total
    end = cells[last - 1][1] + cells[last - 1][2] if last > first else start
    width = max(end - start, 1)
    if total <= MAX_WIDTH:
        return "".join(s for s, _, _ in cells).rstrip(), " " * start + "^" * width
    lo = max(0, start - _LEAD)
    hi = lo + MAX_WIDTH
    shown = [c for c in cells if c[1] >= lo and c[1] + c[2] <= hi]
    lo = shown[0][1] if shown else lo
    prefix = "..." if lo > 0 else ""
    suffix = "..." if shown and shown[-1][1] + shown[-1][2] < total else ""
    body = "".join(s for s, _, _ in shown)
    caret_start = len(prefix) + start - lo
    caret_width = max(1, min(width, len(prefix) + len(body) - caret_start))
    return prefix + body + suffix, " " * caret_start + "^" * caret_width


class _Painter:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, style: str) -> str:
        if not self.on or not text:
            return text
        return f"\x1b[{_COLORS[style]}m{text}{_RESET}"


def _finding_block(f: Finding, report: Report, paint: _Painter) -> list[str]:
    sp = f.span
    sev = paint(report.severity_word(f.severity), f.severity if f.severity in _COLORS else "bold")
    head = (
        f"{paint(f.path, 'bold')}:{sp.line}:{sp.column}: {sev} {paint(f.rule, 'bold')} {one_line(f.message)} [{f.name}]"
    )
    out = [head]
    lines = report.lines(f.path)
    if sp.cell is not None:
        out.append(f"  = {report.t('单元格', 'cell')} {sp.cell}")
    elif lines is not None and 1 <= sp.line <= len(lines):
        text = line_of(lines, sp.line)
        end = sp.end_column if sp.end_line == sp.line else None
        shown, carets = underline(text, sp.column, end)
        num = str(sp.line)
        pad = " " * len(num)
        bar = paint("|", "blue")
        color = f.severity if f.severity in _COLORS else "bold"
        out.append(f"{pad} {bar}")
        out.append(f"{paint(num, 'blue')} {bar} {shown}".rstrip())
        out.append(f"{pad} {bar} {paint(carets, color)}")
    for rel in f.related:
        where = f"{f.path}:{rel.span.line}:{rel.span.column}"
        if rel.span.cell:
            where += f" ({rel.span.cell})"
        out.append(f"  {paint('-->', 'blue')} {where}: {one_line(rel.message)}")
    if f.fix is not None:
        if f.fix.applicability == "safe":
            label = report.t("修复 [安全]", "fix [safe]")
        else:
            label = report.t("修复 [不安全，需 --unsafe-fixes]", "fix [unsafe, needs --unsafe-fixes]")
        out.append(f"  {paint(label, 'green')}: {one_line(f.fix.description)}")
    return out


def _plural(n: int, word: str, words: str) -> str:
    return f"{n} {word if n == 1 else words}"


def summary_lines(report: Report) -> list[str]:
    """The closing summary: counts by severity, fixable counts, files and forms checked."""
    s = summarize(report)
    sev = s["by_severity"]
    safe, unsafe = s["fixable"]["safe"], s["fixable"]["unsafe"]
    out = []
    if report.lang == "en":
        if s["total"]:
            out.append(
                f"Found {_plural(s['total'], 'problem', 'problems')}: "
                f"{_plural(sev['error'], 'error', 'errors')}, "
                f"{_plural(sev['warning'], 'warning', 'warnings')}, {sev['info']} info."
            )
            if safe or unsafe:
                more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
                out.append(f"{safe} fixable with --fix{more}.")
        else:
            out.append("No problems found.")
        if s["errors"]:
            out.append(f"{_plural(s['errors'], 'file', 'files')} could not be read.")
        out.append(f"Checked {_plural(s['files'], 'file', 'files')}, {_plural(s['forms'], 'form', 'forms')}.")
        return out
    if s["total"]:
        out.append(
            f"发现 {s['total']} 个问题：错误 {sev['error']} 个，警告 {sev['warning']} 个，提示 {sev['info']} 个。"
        )
        if safe or unsafe:
            more = f"，另有 {unsafe} 个可用 --unsafe-fixes 修复" if unsafe else ""
            out.append(f"其中 {safe} 个可用 --fix 自动修复{more}。")
    else:
        out.append("未发现问题。")
    if s["errors"]:
        out.append(f"{s['errors']} 个文件无法读取。")
    out.append(f"共检查 {s['files']} 个文件、{s['forms']} 张表。")
    return out


def _form_heading(f: Finding, report: Report, paint: _Painter) -> str:
    """The line that opens a form's findings in a file of several forms."""
    name = f.form_name or report.t("（无项目名称）", "(no project name)")
    text = report.t(f"第 {f.form_index} 张表「{name}」", f"form {f.form_index} «{name}»")
    return paint(f"── {f.path} · {text} ──", "bold")


def render_text(report: Report) -> str:
    """The full text output. In a file of several forms, each form's findings are opened by a
    line naming the form (its position in the file and its project), so that a reviewer
    knows which project a line number belongs to."""
    paint = _Painter(report.color)
    out: list[str] = []
    per_file = Counter(ref.path for ref in report.form_refs())
    shown: tuple[str, int] | None = None
    for f in report.findings:
        if f.form_index is not None and per_file[f.path] > 1 and (f.path, f.form_index) != shown:
            shown = (f.path, f.form_index)
            out += [_form_heading(f, report, paint), ""]
        out.extend(_finding_block(f, report, paint))
        out.append("")
    for err in report.errors:
        where = err.path if err.line is None else f"{err.path}:{err.line}"
        word = paint(report.severity_word("error"), "error")
        out.append(f"{paint(where, 'bold')}: {word} {one_line(report.error_message(err))}")
    if report.errors:
        out.append("")
    out.extend(summary_lines(report))
    return "\n".join(out) + "\n"
