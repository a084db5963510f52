"""jxlint: a rule-based linter for Chinese fiscal performance-target declaration forms.

Data flows one way: read (linter.read) → model (linter.model) → rules (linter.engine)
→ findings (linter.findings) → output (linter.output).
"""

__version__ = "0.1.0"
