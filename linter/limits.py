"""Limits on what one input may cost: checked before the work, each with a message that
names the limit and how to raise it (docs/limits.md).

The limits of a run come from the config's `limits:` table (schema-checked) and the
command line's `--limit KEY=VALUE`; `configure` sets them for the process (workers build
their linter, and so their limits, from the same config). Readers ask `current()`.

Numbers are bounded too: `in_range` says whether a Decimal read from a form is one jxlint
computes with (a bounded magnitude and number of digits), so that `1e999999999` is an input
finding instead of a billion-digit string.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

# A number read from a form: at most this many significant digits, and a magnitude between
# 10^-MAX_SCALE and 10^MAX_MAGNITUDE (amounts in 元 up to a thousand trillion, rates to 1e-9).
MAX_DIGITS = 24
MAX_MAGNITUDE = 15
MAX_SCALE = 9


@dataclass(frozen=True)
class Limits:
    """What one input may hold. Every field is a config key under `limits:` and a
    `--limit KEY=VALUE` of the command line."""

    max_file_bytes: int = 64 * 1024 * 1024  # a file (or standard input) read whole
    max_unpacked_bytes: int = 256 * 1024 * 1024  # the members of a .docx/.xlsx zip package, unpacked
    max_cells: int = 2_000_000  # cells of a workbook or document grid (the cells that exist)
    max_rows: int = 500_000  # lines of a text, rows of a sheet or table
    max_line_chars: int = 1_000_000  # characters in one line of a tab-separated text
    max_columns: int = 16_384  # columns of one row (a .docx gridSpan, a sheet's last column)
    max_forms: int = 20_000  # forms in one file
    max_lsp_chars: int = 5_000_000  # a document the language server lints

    @classmethod
    def from_mapping(cls, data: dict) -> Limits:
        """Limits with the keys of `data` (already schema-checked) set."""
        return dataclasses.replace(cls(), **{k: int(v) for k, v in data.items()})


LIMIT_KEYS = tuple(f.name for f in dataclasses.fields(Limits))
_current = Limits()


def current() -> Limits:
    """The limits of this process."""
    return _current


def configure(limits: Limits) -> None:
    """Set the limits of this process (the linter does it from its config)."""
    global _current
    _current = limits


class Exceeded(Exception):
    """Raised inside a reader that does not know the file's name: the limit `key`, what was
    found, where (a cell, a table row) and the line. linter.read turns it into `exceeded`."""

    def __init__(self, key: str, found: object, where: str = "", line: int | None = None) -> None:
        super().__init__(key, found, where, line)
        self.key, self.found, self.where, self.line = key, found, where, line


def exceeded(path: str, key: str, found: object, line: int | None = None, where: str = ""):
    """The `ReadError` for an input past the limit `key` (found: what it holds)."""
    from linter.read.errors import ReadError

    limit = getattr(_current, key)
    at_zh = f"{where}：" if where else ""
    at_en = f"{where}: " if where else ""
    return ReadError(
        path,
        f"{at_zh}超出上限 {key} = {limit}（此处为 {found}）；如确需检查，请在配置 limits: 中或用 --limit {key}=N 调高",
        f"{at_en}over the limit {key} = {limit} (found {found}); to check it anyway raise it in the config's "
        f"limits: or with --limit {key}=N",
        line,
    )


def in_range(value: Decimal) -> bool:
    """True for a finite number jxlint computes with: at most MAX_DIGITS significant digits,
    magnitude within 10^-MAX_SCALE … 10^MAX_MAGNITUDE (zero always)."""
    if not value.is_finite():
        return False
    if not value:
        return True
    # every digit of the coefficient is in str(value): a short text needs no digit count
    if len(str(value)) > MAX_DIGITS and len(value.as_tuple().digits) > MAX_DIGITS:
        return False
    return -MAX_SCALE <= value.adjusted() <= MAX_MAGNITUDE


def plain(value: Decimal) -> str:
    """`value` as plain digits (`format(value, "f")`) when it is in range; otherwise as
    written in scientific form (never a billion-digit string)."""
    return format(value, "f") if in_range(value) else str(value)


def out_of_range_text(text: str) -> tuple[str, str]:
    """(zh, en) saying the number `text` is out of range."""
    shown = text if len(text) <= 40 else text[:20] + "…" + text[-10:]
    return (
        f"数字「{shown}」超出可处理的范围（绝对值在 10^-{MAX_SCALE} 与 10^{MAX_MAGNITUDE + 1} 之间，"
        f"有效数字不超过 {MAX_DIGITS} 位）",
        f"the number “{shown}” is out of range (magnitude between 10^-{MAX_SCALE} and "
        f"10^{MAX_MAGNITUDE + 1}, at most {MAX_DIGITS} significant digits)",
    )
