"""docs/api.md: its Python examples run, in order, in one namespace, from the repository's
top folder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text("utf-8"), re.S)


def test_api_examples_run(monkeypatch, capsys):
    blocks = _blocks()
    assert len(blocks) >= 5
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "api_examples"}
    for n, code in enumerate(blocks, 1):
        exec(compile(code, f"docs/api.md example {n}", "exec"), namespace)  # our own docs, not input
    out = capsys.readouterr().out
    assert "JX" in out and "findings" in out


def test_import_linter_stays_cheap():
    code = "import sys, linter; print('linter.api' in sys.modules, 'yaml' in sys.modules); linter.lint_text"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]
