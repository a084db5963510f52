"""`jxlint parse`: print the form model read from files (JSON or text)."""

from __future__ import annotations

import argparse
import sys

from linter.commands.common import EXIT_CLEAN, EXIT_ERROR, Subparsers, load_config, rule_options, write_output


def add_parser(sub: Subparsers) -> None:
    """The `parse` sub-parser."""
    p = sub.add_parser("parse", help="print the form model read from files (debugging, integration)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", default="json", choices=("json", "text"))
    p.add_argument("--stdin-filename", metavar="NAME")
    rule_options(p)
    p.set_defaults(run=run_parse)


def run_parse(args: argparse.Namespace) -> int:
    """Read every PATH (or standard input) and print its forms; exit 2 if one was unreadable."""
    from linter.output.model_json import render_parse
    from linter.read import ReadError, read_bytes, read_path, read_stream
    from linter.read.layouts import use_layout_dirs

    use_layout_dirs(load_config(args).layout_dirs)  # also sets the limits of --limit and the config
    docs, errors = [], []
    for path in args.paths:
        try:
            if path == "-":
                name = args.stdin_filename or "-"
                docs.append(read_bytes(read_stream(sys.stdin.buffer, name), name))
            else:
                docs.append(read_path(path))
        except ReadError as exc:
            errors.append(exc)
    out = render_parse(docs, errors, args.format)
    if args.format == "text":  # form text must not drive the terminal (ESC sequences shown as \x1b)
        from linter.textsafe import printable

        out = printable(out)
    write_output(out, None)
    for exc in errors:
        print(f"jxlint: {exc}", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN
