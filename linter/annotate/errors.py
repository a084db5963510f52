"""Why a file could not be annotated."""

from __future__ import annotations


class AnnotateError(Exception):
    """A file that cannot be annotated, with the reason in Chinese and English."""

    def __init__(self, path: str, message_zh: str, message_en: str):
        super().__init__(f"{path}: {message_zh}")
        self.path = path
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return f"{self.path}: {self.message_en if lang == 'en' else self.message_zh}"
