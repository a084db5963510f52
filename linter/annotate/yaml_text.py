"""A YAML form annotated: the findings as `#` comments, a list at the top of the file and
each finding at the end of its line, where a comment there leaves the data unchanged.

Every annotated text is loaded again and compared with the original's data; a comment
that would change it (inside a block scalar, a multi-line quoted string) stays in the list
at the top only. Formats without comments (JSON, plain text) are not annotated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from linter.annotate.notes import fix_text, where, words
from linter.findings import Finding
from linter.messages import say
from linter.positions import split_lines_keepends

# Characters YAML (1.1, as PyYAML reads it) takes as line breaks end a comment early.
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def _comment(finding: Finding, lang: str) -> str:
    w = words(lang)
    fix = fix_text(finding)
    tail = say("comment-fix", lang, fix_word=w["fix"], fix=fix) if fix else ""
    return _one_line(f"jxlint {w[finding.severity]} {finding.rule}: {finding.message}{tail}")


def _data(text: str):
    import yaml

    try:
        return list(yaml.safe_load_all(text))
    except yaml.YAMLError:
        return None


def annotate_yaml(text: str, findings: Sequence[Finding], lang: str, newline: str = "\n") -> str:
    """`text` (a YAML form) with `findings` as comments."""
    nl = newline or "\n"
    w = words(lang)
    head = [f"# {w['count'].format(n=len(findings))}"]
    head += [f"#   {where(f, lang)}: {_comment(f, lang)}" for f in findings]
    lines = split_lines_keepends(text)
    bom = ""
    if lines and lines[0][0].startswith("\ufeff"):
        bom = "\ufeff"
        lines[0] = (lines[0][0][1:], lines[0][1])
    by_line: dict[int, list[str]] = {}
    for f in findings:
        if 1 <= f.span.line <= len(lines):
            by_line.setdefault(f.span.line, []).append(_comment(f, lang))
    original = _data(text.removeprefix("\ufeff"))

    def render(inline: dict[int, list[str]]) -> str:
        out = []
        for n, (content, end) in enumerate(lines, 1):
            notes = inline.get(n)
            if notes:
                content += "  # " + " | ".join(notes)
            out.append(content + end)
        body = "".join(out)
        return bom + nl.join(head) + nl + body

    full = render(by_line)
    if _data(full) == original:
        return full
    kept: dict[int, list[str]] = {}
    for n, notes in by_line.items():  # one line at a time: keep each comment that changes nothing
        trial = {**kept, n: notes}
        if _data(render(trial)) == original:
            kept = trial
    return render(kept)
