"""One line per finding: `path:line:col: JX301 [error] message`.

The severity in brackets is always the English keyword (error, warning, info) so the lines
stay easy to grep; the message is in the run's language, its line breaks made spaces.
Unreadable files come last, as `path[:line]: [error] message`.
"""

from __future__ import annotations

from linter.output import Report, one_line


def render_concise(report: Report) -> str:
    """The concise output (empty when there is nothing to report)."""
    out = []
    for f in report.findings:
        sp = f.span
        out.append(f"{f.path}:{sp.line}:{sp.column}: {f.rule} [{f.severity}] {one_line(f.message)}")
    for err in report.errors:
        where = err.path if err.line is None else f"{err.path}:{err.line}"
        out.append(f"{where}: [error] {one_line(report.error_message(err))}")
    return "".join(line + "\n" for line in out)
