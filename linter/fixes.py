"""The fix applier: apply the edits of findings' fixes to a file, safely.

Edit spans are 1-based line/column code points of the decoded text; CRLF, CR and LF each end
one line and no column includes a line end. The applier

- reads the file's bytes and decodes them with the encoding the reader found, refusing a
  file that would not come back byte for byte when encoded again, or that no longer holds
  the text that was checked (`expected`);
- takes the fixes in the order of the findings (safe ones, or safe and unsafe), and skips a
  whole fix when one of its edits overlaps an edit already taken or points outside the
  text: never half a fix;
- writes newlines of inserted text with the file's own line end, encodes with the same
  encoding (BOM and byte order kept) and writes atomically: a temporary file in the same
  directory, fsync, os.replace. If anything fails, the original is left as it was. A
  read-only file is refused, and so is a file whose bytes changed between planning and
  writing (an editor's save is never lost). The temporary file is named
  `.NAME.jxlint-PID-XXXX.jxlint-tmp`; one whose process is gone (kill -9) is removed the
  next time that file is fixed.

Applying edits whose new text is already there changes nothing and writes nothing.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from linter.atomic import FileChanged, write_atomic
from linter.findings import Edit, Finding
from linter.messages import say
from linter.positions import split_lines, split_lines_keepends

_NEWLINE = re.compile(r"\r\n|\r|\n")

# why a fix was skipped → its words in linter.messages
REASONS = {
    "unsafe": "fix-skipped-unsafe",
    "overlap": "fix-skipped-overlap",
    "invalid-span": "fix-skipped-invalid-span",
    "other-file": "fix-skipped-other-file",
}


class FixError(Exception):
    """A file could not be fixed: unreadable, undecodable, changed since it was checked, or
    the write failed. The original file is unchanged."""

    def __init__(self, path: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{path}: {message_en}")
        self.path = path
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class Skipped:
    """A fix that was not applied, and why (a key of REASONS)."""

    finding: Finding
    reason: str

    def message(self, lang: str = "zh") -> str:
        return say(REASONS[self.reason], lang)


@dataclass(frozen=True, slots=True)
class FixPlan:
    """What applying the fixes to a text gives. `changes` counts edits that changed text;
    `applied` the findings whose fix changed something."""

    original: str
    text: str
    applied: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    changes: int


@dataclass(frozen=True, slots=True)
class FixResult:
    """The outcome of `apply_fixes` for one file."""

    path: str
    applied: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    changes: int
    written: bool


def _dominant_newline(lines: list[tuple[str, str]]) -> str:
    ends = Counter(end for _, end in lines if end)
    if not ends:
        return "\n"
    best = max(ends.values())
    return next(end for _, end in lines if end and ends[end] == best)


def _conflict(x: tuple[int, int], y: tuple[int, int]) -> bool:
    (a, b), (c, d) = x, y
    if a == b:
        return c <= a <= d
    if c == d:
        return a <= c <= b
    return a < d and c < b


class _Text:
    """Offsets of 1-based (line, column) positions in a text."""

    def __init__(self, text: str) -> None:
        self.lines = split_lines_keepends(text)
        self.starts = []
        pos = 0
        for content, end in self.lines:
            self.starts.append(pos)
            pos += len(content) + len(end)
        self.newline = _dominant_newline(self.lines)

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.lines):
            return None
        if not 1 <= column <= len(self.lines[line - 1][0]) + 1:
            return None
        return self.starts[line - 1] + column - 1

    def interval(self, edit: Edit) -> tuple[int, int] | None:
        sp = edit.span
        if sp.cell is not None:  # an office cell: not a place in this text
            return None
        start = self.offset(sp.line, sp.column)
        end = self.offset(sp.end_line, sp.end_column)
        if start is None or end is None or end < start:
            return None
        return start, end


def plan_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool, path: str | None = None) -> FixPlan:
    """Apply the fixes of `findings` to `text` in memory (see the module docstring).

    With `path`, fixes of findings about another file are skipped ("other-file").
    """
    doc = _Text(text)
    taken: list[tuple[int, int, str, Finding]] = []  # sorted by (start, end)
    keys: list[tuple[int, int]] = []
    seen: set[tuple[int, int, str]] = set()
    skipped: list[Skipped] = []
    for f in findings:
        if f.fix is None:
            continue
        if path is not None and os.path.normpath(f.path) != os.path.normpath(path):
            skipped.append(Skipped(f, "other-file"))
            continue
        if f.fix.applicability != "safe" and not unsafe:
            skipped.append(Skipped(f, "unsafe"))
            continue
        edits = []
        reason = None
        for e in f.fix.edits:
            iv = doc.interval(e)
            if iv is None:
                reason = "invalid-span"
                break
            new = _NEWLINE.sub(doc.newline, e.new_text)
            if (iv[0], iv[1], new) not in seen and (iv, new) not in edits:
                edits.append((iv, new))
        if reason is None and _overlaps(edits, keys):
            reason = "overlap"
        if reason is not None:
            skipped.append(Skipped(f, reason))
            continue
        for (start, end), new in edits:
            i = bisect.bisect_left(keys, (start, end))
            keys.insert(i, (start, end))
            taken.insert(i, (start, end, new, f))
            seen.add((start, end, new))
    pieces = []
    prev = 0
    changes = 0
    applied: dict[int, Finding] = {}
    for start, end, new, f in taken:
        pieces.append(text[prev:start])
        pieces.append(new)
        prev = end
        if text[start:end] != new:
            changes += 1
            applied.setdefault(id(f), f)
    pieces.append(text[prev:])
    return FixPlan(text, "".join(pieces), tuple(applied.values()), tuple(skipped), changes)


def _overlaps(edits: list[tuple[tuple[int, int], str]], keys: list[tuple[int, int]]) -> bool:
    """True when the edits overlap each other or an interval in the sorted `keys`."""
    mine = sorted(iv for iv, _ in edits)
    for i in range(1, len(mine)):
        if _conflict(mine[i - 1], mine[i]):
            return True
    for a, b in mine:
        i = bisect.bisect_left(keys, (a, a))
        j = max(i - 1, 0)
        while j < len(keys) and keys[j][0] <= b:
            if _conflict((a, b), keys[j]):
                return True
            j += 1
    return False


# --- bytes ------------------------------------------------------------------------------

_BOMS = {
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}


def encode(text: str, encoding: str, original: bytes) -> bytes:
    """`text` encoded as `original` was: same codec, same BOM and byte order."""
    name = codecs.lookup(encoding).name
    if name in _BOMS:
        for bom, codec in _BOMS[name]:
            if original.startswith(bom):
                return bom + text.encode(codec)
        return text.encode(f"{name}-{'le' if sys.byteorder == 'little' else 'be'}")
    if name == "utf-8-sig" and not original.startswith(codecs.BOM_UTF8):
        return text.encode("utf-8")
    return text.encode(name)


def with_bom(raw: bytes, encoding: str) -> str:
    """The codec that reads `raw` as the reader did: a reader reports utf-16-le (or utf-8)
    for a file with a BOM and leaves the BOM out of the text, so take the BOM-aware codec."""
    name = codecs.lookup(encoding).name
    if name in ("utf-16-le", "utf-16-be") and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if name in ("utf-32-le", "utf-32-be") and raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if name == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return encoding


def read_text(path: str, encoding: str) -> tuple[bytes, str]:
    """The bytes and decoded text of `path`, checked to survive a round trip."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise FixError(path, f"无法读取文件：{exc.strerror}", f"cannot read: {exc.strerror}") from exc
    encoding = with_bom(raw, encoding)
    try:
        text = raw.decode(encoding)
        same = encode(text, encoding, raw) == raw
    except (UnicodeError, LookupError) as exc:
        raise FixError(path, f"无法按 {encoding} 解码：{exc}", f"cannot decode as {encoding}: {exc}") from exc
    if not same:
        raise FixError(
            path,
            f"按 {encoding} 重新编码后与原文件不一致，不做修改",
            f"the file does not encode back to the same bytes as {encoding}; left unchanged",
        )
    return raw, text


def _writable(path: str) -> None:
    """Refuse a read-only file: replacing it would drop the protection its owner set."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise FixError(path, f"无法读取文件：{exc.strerror}", f"cannot read: {exc.strerror}") from exc
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise FixError(path, "文件是只读的，未做修改", "the file is read-only; left unchanged")


def _plan_file(
    path: str, findings: Iterable[Finding], unsafe: bool, encoding: str, expected: str | None
) -> tuple[bytes, FixPlan]:
    raw, text = read_text(path, encoding)
    if expected is not None and text != expected:
        raise FixError(path, "文件在检查之后已被修改，不做修改", "the file changed since it was checked")
    return raw, plan_fixes(text, findings, unsafe=unsafe, path=path)


def apply_fixes(
    path: str,
    findings: Iterable[Finding],
    *,
    unsafe: bool,
    encoding: str,
    expected: str | None = None,
) -> FixResult:
    """Apply the fixes of `findings` (the findings of the file `path`) and write the file.

    `encoding` is the one the reader decoded the file with (Document.encoding); `expected`,
    when given, is the text that was checked (Document.text): a file that no longer holds
    it is left alone. Raises FixError (nothing written) when the file cannot be read,
    decoded, encoded back or written.
    """
    findings = [f for f in findings if f.fix is not None]
    if not findings:
        return FixResult(path, (), (), 0, False)
    raw, plan = _plan_file(path, findings, unsafe, encoding, expected)
    written = False
    if plan.text != plan.original:
        _writable(path)
        data = encode(plan.text, with_bom(raw, encoding), raw)
        try:
            write_atomic(path, data, expected=raw)
        except FileChanged:
            raise FixError(
                path,
                "文件在修复期间被修改（例如编辑器保存），未写入修复",
                "the file changed while it was being fixed (an editor saved it?); the fix was not written",
            ) from None
        except OSError as exc:
            raise FixError(path, f"写入失败，原文件未改动：{exc}", f"write failed, file left unchanged: {exc}") from exc
        written = True
    return FixResult(path, plan.applied, plan.skipped, plan.changes, written)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of two texts of `path` ("" when they are equal); line ends are shown
    as plain newlines."""
    if before == after:
        return ""
    a, b = split_lines(before), split_lines(after)
    if a and a[-1] == "" and b and b[-1] == "":
        a, b = a[:-1], b[:-1]
    lines = difflib.unified_diff(a, b, fromfile=path, tofile=path, lineterm="")
    return "".join(line + "\n" for line in lines)


def diff_fixes(
    path: str,
    findings: Iterable[Finding],
    *,
    unsafe: bool,
    encoding: str,
    expected: str | None = None,
) -> str:
    """The unified diff `apply_fixes` would make to `path`; nothing is written."""
    findings = [f for f in findings if f.fix is not None]
    if not findings:
        return ""
    _raw, plan = _plan_file(path, findings, unsafe, encoding, expected)
    return unified_diff(path, plan.original, plan.text)
