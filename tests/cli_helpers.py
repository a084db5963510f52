"""Shared by the command-line tests: run `linter.cli.main` in this process."""

from __future__ import annotations

from linter.cli import main


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    try:
        rc = main(list(args))
    except SystemExit as exc:  # argparse
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err
