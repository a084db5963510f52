"""Tab-separated text (copied from a spreadsheet or a web table; the seed): today's reader.

`text_rows` lives in linter.read.tabs, so that reading tab text imports nothing of the other
text media (importing this package costs about 0.8% of a batch's instructions a form).
"""

from __future__ import annotations

from linter.read.tabs import text_rows

__all__ = ["text_rows"]
