"""The console: standard output and error that print on any terminal.

A console that is not UTF-8 (a Chinese Windows code page, `PYTHONIOENCODING=gbk`, or a
C locale with `PYTHONUTF8=0`, where Python writes ASCII) cannot show every character a
form or a message holds. Rather than stop with UnicodeEncodeError, jxlint prints what it
can and replaces the rest (`?`). A UTF-8 console gets U+FFFD for what UTF-8 cannot hold (a
lone surrogate). Both through linter.textsafe's error handler, on both streams. Files
written with `-o` are always UTF-8.
"""

from __future__ import annotations

import codecs
import contextlib
import sys

_UNICODE = frozenset({"utf-8", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8-sig"})


def needs_replacing(encoding: str | None) -> bool:
    """True when text in `encoding` cannot hold every character (not a UTF encoding)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name not in _UNICODE
    except LookupError:
        return True


def make_printable() -> None:
    """Let standard output and error replace what their encoding cannot show, instead of
    raising. Streams in a UTF encoding are left as they are."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or not needs_replacing(getattr(stream, "encoding", None)):
            continue
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
            reconfigure(errors="replace")
