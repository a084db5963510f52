"""Text that cannot be written: lone surrogates (an escaped "\\ud800" in a JSON form, a file
name that is not UTF-8 and came through os.fsdecode's surrogateescape) and, for formats
that forbid them, control characters and terminal escapes.

Every output encodes with the `jxlint-replace` error handler registered here: what UTF-8
cannot hold becomes U+FFFD, so one form's bad text never stops a report.
"""

from __future__ import annotations

import codecs
import re

ERRORS = "jxlint-replace"

# Characters XML 1.0 forbids (openpyxl refuses them in a cell), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Terminal control: C0 controls but tab and line ends, DEL, C1 (ESC starts every escape).
_TERMINAL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    """U+FFFD for each character UTF-8 cannot encode (CPython's UTF-8 encoder takes a
    replacement as bytes, or as ASCII text)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    count = exc.end - exc.start
    if exc.encoding.replace("_", "-").lower().startswith("utf-8"):
        return "\ufffd".encode() * count, exc.end
    return "?" * count, exc.end


codecs.register_error(ERRORS, _replace)


def encode(text: str) -> bytes:
    """`text` as UTF-8, what cannot be encoded replaced by U+FFFD."""
    return text.encode("utf-8", ERRORS)


def printable(text: str) -> str:
    """`text` without surrogates, and with terminal controls shown as \\x1b (for a terminal)."""
    text = _SURROGATE.sub("\ufffd", text)
    return _TERMINAL.sub(lambda m: ascii(m.group())[1:-1], text)


def xml_text(text: str) -> str:
    """`text` with what XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
