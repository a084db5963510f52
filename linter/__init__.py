"""jxlint: a rule-based linter for Chinese fiscal performance-target declaration forms.

Data flows one way: read (linter.read) → model (linter.model) → rules (linter.engine)
→ findings (linter.findings) → output (linter.output).

The Python API (docs/api.md): `linter.lint_text`, `linter.lint_paths` and `linter.Linter`,
imported from linter.api on first use so that `import linter` stays cheap.
"""

__version__ = "0.2.0"

_API = ("Linter", "Result", "lint_paths", "lint_text")
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from linter import api

        return getattr(api, name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")
