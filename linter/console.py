"""The console: standard output and error that print on any terminal.

A console that is not UTF-8 (a Chinese Windows code page, `PYTHONIOENCODING=gbk`, or a
C locale with `PYTHONUTF8=0`, where Python writes ASCII) cannot show every character a
form or a message holds. Rather than stop with UnicodeEncodeError, jxlint prints what it
can and replaces the rest (`?`). A UTF-8 console gets U+FFFD for what UTF-8 cannot hold (a
lone surrogate). Both through linter.textsafe's error handler, on both streams. Files
written with `-o` are always UTF-8.
"""

from __future__ import annotations

import contextlib
import sys


def make_printable() -> None:
    """Let standard output and error replace what their encoding cannot show, instead of
    raising: `?` on a console that is not UTF-8, U+FFFD for a lone surrogate on one that is."""
    from linter.textsafe import ERRORS

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # absent when a test swapped the stream
        if reconfigure is None:
            continue
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
            reconfigure(errors=ERRORS)
