"""What every command shares: exit codes, the usage error, the argument parser class, the
options several commands take, the config a command line asks for, and writing the output.

Below both `linter.cli` (which assembles the commands) and `linter/commands/*` (each a
command with its own sub-parser): it imports neither.

Exit codes: 0 clean (or findings only below --fail-on), 1 findings at or above --fail-on,
2 usage, config or input errors (a file that could not be read).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.config import Config

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ("info", "warning", "error")


class UsageError(Exception):
    """A command line that cannot be run (exit 2)."""


class ArgParser(argparse.ArgumentParser):
    """argparse with a short message on a usage error, and exit code 2 (EXIT_ERROR)."""

    def error(self, message: str):  # argparse exits 2 on its own; keep the message short
        self.print_usage(sys.stderr)
        print(f"jxlint: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


# `add_subparsers()`'s return value: what each command's `add_parser(sub)` is given.
Subparsers = Any


def rule_options(p: argparse.ArgumentParser) -> None:
    """--config, --no-config, --profile, --lang and --limit: every command that loads rules."""
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest .jxlint.yaml or [tool.jxlint])")
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument(
        "--profile",
        choices=("shanghai", "central"),
        help="threshold profile for every form (default: each template's own)",
    )
    p.add_argument("--lang", choices=("zh", "en"), help="message language (default: zh)")
    p.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="KEY=N",
        help="raise (or lower) a limit of what one input may cost, e.g. max_file_bytes=200000000 (docs/limits.md)",
    )


def parse_limits(values: list[str]) -> dict[str, int]:
    """`--limit KEY=N` options as a mapping; UsageError for an unknown key or a bad number."""
    from linter.limits import LIMIT_KEYS

    out: dict[str, int] = {}
    for item in values:
        key, sep, number = item.partition("=")
        key = key.strip()
        if not sep or key not in LIMIT_KEYS:
            raise UsageError(f"--limit {item}: expected KEY=N with KEY one of {', '.join(LIMIT_KEYS)}")
        try:
            out[key] = int(number.strip().replace("_", ""))
        except ValueError:
            raise UsageError(f"--limit {item}: {number!r} is not a whole number") from None
        if out[key] < 1:
            raise UsageError(f"--limit {item}: a limit is at least 1")
    return out


def split_keys(values: list[str]) -> tuple[str, ...]:
    """Repeated, comma-separated options (`--select JX2,JX301 --select vague`) as one tuple."""
    return tuple(k.strip() for v in values for k in v.split(",") if k.strip())


def load_config(args: argparse.Namespace) -> Config:
    """The config the command line asks for: --config, else discovered, else defaults;
    --profile, --lang and --limit applied over it (the limits are set for the run)."""
    from linter.config import Config, discover, load_config_file

    if getattr(args, "no_config", False):
        config = Config()
    elif getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise UsageError(f"--config {args.config}: no such file")
        config = load_config_file(path)
    else:
        paths = [p for p in getattr(args, "paths", []) or [] if p != "-"]
        stdin_name = getattr(args, "stdin_filename", None)
        start = Path(paths[0]) if paths else Path(stdin_name).parent if stdin_name else Path.cwd()
        found = discover(start)
        config = load_config_file(found) if found else Config()
    if getattr(args, "profile", None):
        config.profile = args.profile
    if getattr(args, "lang", None):
        config.lang = args.lang
    config.limits = {**config.limits, **parse_limits(getattr(args, "limit", []) or [])}
    from linter import limits

    limits.configure(limits.Limits.from_mapping(config.limits))
    return config


def write_output(text: str | bytes, output: str | None) -> None:
    """Print to standard output, or write a file (atomically)."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    from linter.textsafe import encode

    data = encode(text) if isinstance(text, str) else text
    target = Path(output)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
