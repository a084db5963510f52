"""ReadError: a file that cannot be read as a form at all."""

from __future__ import annotations

from linter.messages import pick


class ReadError(Exception):
    """The input cannot be read: missing, empty, binary, unknown encoding, no form in it,
    or (structured input) not valid against the form schema.

    Everything short of that becomes a `linter.model.Problem` inside the document.
    `str()` gives ``path[:line]: message_zh``.
    """

    def __init__(
        self,
        path: str,
        message_zh: str,
        message_en: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(path, message_zh, message_en, line, column)
        self.path = path
        self.message_zh = message_zh
        self.message_en = message_en
        self.line = line
        self.column = column

    def location(self) -> str:
        """``path`` or ``path:line``."""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def message(self, lang: str = "zh") -> str:
        """The message in `lang` (zh or en)."""
        return pick(lang, self.message_zh, self.message_en)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message_zh}"


class NotAForm(ReadError):
    """A file that holds no part of a form at all: a JSON or YAML file without a form's keys at
    its top (a manifest, a config), a markdown file without a table or a form's words (notes, a
    README). A check or an audit skips it with a notice instead of a read failure."""
