"""GitHub Actions workflow commands: each finding becomes an annotation on the PR diff.

`::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=JX301 name::message`; warning
→ `::warning`, info → `::notice`. GitHub accepts col/endColumn only when the annotation
starts and ends on one line, so multi-line spans give lines only.
"""

from __future__ import annotations

from linter.output import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: % CR LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: % CR LF, and also : and , which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, props: list[tuple[str, str | int]], message: str) -> str:
    """One workflow command line."""
    body = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{name} {body}::{escape_data(message)}" if body else f"::{name}::{escape_data(message)}"


def render_github(report: Report) -> str:
    """The `github` output."""
    out = []
    for f in report.findings:
        sp = f.span
        props: list[tuple[str, str | int]] = [
            ("file", f.path.replace("\\", "/")),
            ("line", sp.line),
        ]
        if sp.end_line == sp.line:
            props += [("col", sp.column), ("endLine", sp.end_line), ("endColumn", sp.end_column)]
        else:
            props.append(("endLine", sp.end_line))
        props.append(("title", f"{f.rule} {f.name}"))
        out.append(command(COMMANDS.get(f.severity, "warning"), props, f.message))
    for err in report.errors:
        props = [("file", err.path.replace("\\", "/"))]
        if err.line is not None:
            props.append(("line", err.line))
        props.append(("title", "jxlint"))
        out.append(command("error", props, report.error_message(err)))
    return "".join(line + "\n" for line in out)
