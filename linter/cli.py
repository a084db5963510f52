"""The command line: parse arguments, build a config, call the library, pick an output.

Exit codes: 0 clean (or findings only below --fail-on), 1 findings at or above --fail-on,
2 usage, config or input errors (a file that could not be read).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from linter import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ("info", "warning", "error")


class UsageError(Exception):
    """A command line that cannot be run (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 on its own; keep the message short
        self.print_usage(sys.stderr)
        print(f"jxlint: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _common_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest .jxlint.yaml or [tool.jxlint])")
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument(
        "--profile",
        choices=("shanghai", "central"),
        help="threshold profile for every form (default: each template's own)",
    )
    p.add_argument("--lang", choices=("zh", "en"), help="message language (default: zh)")
    _limit_option(p)


def _limit_option(p: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    from linter.output import FORMATS

    parser = _Parser(
        prog="jxlint", description="财政项目支出绩效目标申报表检查工具 / linter for performance-target forms"
    )
    parser.add_argument("--version", action="version", version=f"jxlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="check forms and report findings")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - reads standard input")
    check.add_argument("--format", default="text", choices=FORMATS, help="output format (default: text)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    check.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULES",
        help="only these rules (ids, prefixes, names; comma-separated)",
    )
    check.add_argument("--ignore", action="append", default=[], metavar="RULES", help="skip these rules")
    check.add_argument(
        "--severity",
        choices=SEVERITY_CHOICES,
        default="info",
        help="report findings at or above this severity (default: info)",
    )
    check.add_argument(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        help="exit 1 when a finding at or above this remains (default: warning, or the config's fail_on)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report standard input under (its suffix picks the reader)"
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="show what --fix would change, write nothing")
    check.add_argument(
        "--jobs", "-j", type=int, default=0, metavar="N", help="worker processes for many files (default: all cores)"
    )
    check.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline")
    check.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="skip files matching GLOB in directories"
    )
    check.add_argument("--statistics", action="store_true", help="print counts by rule instead of findings")
    check.add_argument("--no-progress", action="store_true", help="no progress bar")
    check.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="say on standard error which template and profile each form was read with",
    )
    _common_rule_options(check)

    parse = sub.add_parser("parse", help="print the form model read from files (debugging, integration)")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--format", default="json", choices=("json", "text"))
    parse.add_argument("--stdin-filename", metavar="NAME")
    _common_rule_options(parse)

    layouts = sub.add_parser("layouts", help="list the form templates jxlint recognises (rules/layouts/, layout_dirs)")
    layouts.add_argument("--format", default="table", choices=("table", "json"))
    _common_rule_options(layouts)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", default="table", choices=("table", "json"))
    _common_rule_options(rules)

    explain = sub.add_parser("explain", help="explain a rule: meaning, basis, examples")
    explain.add_argument("rule", metavar="RULE", help="rule id or name, e.g. JX202")
    explain.add_argument("--format", default="text", choices=("text", "json"))
    _common_rule_options(explain)

    from linter.commands.audit import add_audit_parser

    add_audit_parser(sub, _common_rule_options)
    from linter.commands.annotate import add_annotate_parser

    add_annotate_parser(sub, _common_rule_options)

    lsp = sub.add_parser("lsp", help="run the language server on standard input/output")
    lsp.add_argument("--tcp", metavar="PORT", type=int, help="listen on 127.0.0.1:PORT instead of stdio")
    return parser


def split_keys(values: list[str]) -> tuple[str, ...]:
    return tuple(k.strip() for v in values for k in v.split(",") if k.strip())


def main(argv: list[str] | None = None) -> int:
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
        if args.command == "check":
            from linter.commands.check import run_check

            return run_check(args)
        if args.command == "parse":
            from linter.commands.parse import run_parse

            return run_parse(args)
        if args.command == "layouts":
            from linter.commands.layouts import run_layouts

            return run_layouts(args)
        if args.command in ("rules", "explain"):
            from linter.commands.rules import run_explain, run_rules

            return run_rules(args) if args.command == "rules" else run_explain(args)
        if args.command == "audit":
            from linter.commands.audit import run_audit

            return run_audit(args)
        if args.command == "annotate":
            from linter.commands.annotate import run_annotate

            return run_annotate(args)
        if args.command == "lsp":
            from linter.lsp import run_server

            return run_server(args)
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
    return EXIT_ERROR


def load_config(args):
    """The config the command line asks for: --config, else discovered, else defaults."""
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


if __name__ == "__main__":
    raise SystemExit(main())
