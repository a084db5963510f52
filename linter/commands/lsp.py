"""`jxlint lsp`: the language server on standard input/output (or a local TCP port)."""

from __future__ import annotations

import argparse

from linter.commands.common import Subparsers


def add_parser(sub: Subparsers) -> None:
    """The `lsp` sub-parser."""
    p = sub.add_parser("lsp", help="run the language server on standard input/output")
    p.add_argument("--tcp", metavar="PORT", type=int, help="listen on 127.0.0.1:PORT instead of stdio")
    p.set_defaults(run=run_lsp)


def run_lsp(args: argparse.Namespace) -> int:
    """Serve until the client leaves (pygls and lsprotocol are imported only here)."""
    from linter.lsp import run_server

    return run_server(args)
