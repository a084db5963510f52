"""The command line: assemble the commands' parsers, run the one asked for, turn the errors
every command can meet into exit code 2.

Each command lives in `linter/commands/` with its own sub-parser (`add_parser(sub)`, which
sets `run`); what they share (exit codes, options, config, output) is in
`linter.commands.common`. Exit codes: 0 clean (or findings only below --fail-on), 1 findings
at or above --fail-on, 2 usage, config or input errors (a file that could not be read).
"""

from __future__ import annotations

import argparse
import os
import sys

from linter import __version__
from linter.commands import annotate, audit, check, layouts, lsp, parse, rules
from linter.commands.common import EXIT_ERROR, ArgParser, UsageError

# In the order `jxlint --help` lists them (`rules` adds `rules` and `explain`).
COMMANDS = (check, parse, layouts, rules, audit, annotate, lsp)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line: every command's sub-parser."""
    parser = ArgParser(
        prog="jxlint", description="财政项目支出绩效目标申报表检查工具 / linter for performance-target forms"
    )
    parser.add_argument("--version", action="version", version=f"jxlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgParser)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (default: sys.argv[1:]); the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    from linter.console import make_printable

    make_printable()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    from linter.read import ReadError
    from linter.yamlfile import ConfigError

    try:
        return args.run(args)
    except ConfigError as exc:
        print(f"jxlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:  # a broken vocabulary file (linter.targets_units.VocabError)
        from linter.targets_units import VocabError

        if not isinstance(exc, VocabError):
            raise
        print(f"jxlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (UsageError, ReadError) as exc:
        print(f"jxlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
