"""`jxlint check`: lint files, directories or standard input and report."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter import batch
from linter.commands.baseline import without_baselined, write_baseline
from linter.commands.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    SEVERITY_CHOICES,
    Subparsers,
    UsageError,
    load_config,
    rule_options,
    split_keys,
    write_output,
)
from linter.findings import SEVERITY_RANK, Finding, sort_findings
from linter.messages import pick, say

if TYPE_CHECKING:
    from linter.output.stream import Streamer


def add_parser(sub: Subparsers) -> None:
    """The `check` sub-parser."""
    from linter.output import FORMATS

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
    rule_options(check)
    check.set_defaults(run=run_check)


def _read_stdin(name: str):
    from linter.read import read_bytes, read_stream

    return read_bytes(read_stream(sys.stdin.buffer, name), name)


def collect(
    args: argparse.Namespace, settings: batch.LintSettings, progress: bool, linter
) -> tuple[list[batch.FileResult], list[str]]:
    """Lint every input the command line names; standard input first when it is named."""
    from linter.api import iter_files
    from linter.read import ReadError

    results: list[batch.FileResult] = []
    skipped: list[str] = []
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        try:
            doc = _read_stdin(name)
            result = batch.lint_document(linter, settings, doc)
        except ReadError as exc:
            error = batch.FileError.of(exc)
            result = batch.FileResult(name, error=error)
        result.from_stdin = True
        results.append(result)
    files = sorted(iter_files([p for p in args.paths if p != "-"], settings.config.exclude, skipped))
    results += batch.run(files, settings, args.jobs, progress, linter)
    return results, skipped


# Formats read on a terminal: control characters of form text are shown as \x1b, never sent.
_TERMINAL_FORMATS = ("text", "concise", "github")
MAX_FIX_PASSES = 10  # fixes that share a cell (JX203 and JX204 on one "<=") need a pass each


def _cannot_write(lang: str | None) -> str:
    return say("cannot-write-back", lang)


def _apply_fixes(args, results: list[batch.FileResult], settings: batch.LintSettings, linter) -> tuple[int, str]:
    """Apply (or, with --diff, show) the fixes; re-lint fixed files, and fix again until
    nothing changes (at most MAX_FIX_PASSES): one run leaves no fix for a second one.
    Returns (fixes, diff)."""
    from linter.fixes import FixError, apply_fixes, diff_fixes

    fixed = 0
    diffs: list[str] = []
    for k, r in enumerate(results):
        if r.error or r.from_stdin or not any(f.fix for f in r.findings):
            continue
        if r.text is None:  # PDF, HTML, CSV, .xls, .docx, .xlsx: cells, not text
            print(f"jxlint: {r.path}: {_cannot_write(settings.lang)}", file=sys.stderr)
            continue
        skipped: tuple = ()
        try:
            if args.diff:
                diffs.append(
                    diff_fixes(r.path, r.findings, unsafe=args.unsafe_fixes, encoding=r.encoding, expected=r.text)
                )
                continue
            for _ in range(MAX_FIX_PASSES):
                outcome = apply_fixes(
                    r.path, r.findings, unsafe=args.unsafe_fixes, encoding=r.encoding, expected=r.text
                )
                skipped = outcome.skipped
                if not outcome.written:
                    break
                fixed += len(outcome.applied)
                r = results[k] = batch.lint_file(r.path, linter, settings)
                skipped = ()
                if r.error or r.text is None or not any(f.fix for f in r.findings):
                    break
        except FixError as exc:
            msg = pick(settings.lang, exc.message_zh, exc.message_en)
            print(f"jxlint: {exc.path}: {msg}", file=sys.stderr)
            continue
        for skip in skipped:
            f = skip.finding
            print(
                f"jxlint: {f.path}:{f.span.line}:{f.span.column}: {f.rule}: {skip.message(settings.lang or 'zh')}",
                file=sys.stderr,
            )
    return fixed, "".join(diffs)


def _say_templates(results: list[batch.FileResult], en: bool) -> None:
    """--verbose: the template, medium and profile each form was read and checked with."""
    for r in results:
        for index, template, medium, profile in r.templates:
            if en:
                print(
                    f"{r.path}: form {index}: template {template}, medium {medium}, profile {profile}", file=sys.stderr
                )
            else:
                print(f"{r.path}: 第 {index} 张表：模板 {template}，介质 {medium}，口径 {profile}", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    """Lint the PATHs and write the report; the exit code (0, 1 or 2).

    The streamable formats (json, json-lines, concise, github) are written a file at a time
    by a `Streamer`, whether results stream from the workers (`_run_streaming`, memory flat
    however many files) or were collected first (fixes, baselines, standard input, --verbose);
    the others are rendered from one `Report`."""
    from linter.output import FORMATS, Report, render
    from linter.output.stream import STREAMABLE, Streamer

    if not args.paths:
        raise UsageError("no PATH given (name files or directories, or - for standard input)")
    if args.format not in FORMATS:
        raise UsageError(f"unknown --format {args.format}")
    config = load_config(args)
    config.exclude = (*config.exclude, *args.exclude)
    settings = batch.LintSettings(
        config, split_keys(args.select), split_keys(args.ignore), args.lang or config.lang, args.severity
    )
    linter = batch.make_linter(settings)
    if _streams(args) and not args.verbose:
        return _run_streaming(args, settings, linter)
    results, skipped = collect(args, settings, not args.no_progress, linter)
    if args.verbose:
        _say_templates(results, settings.lang == "en")
    fixed, diff = (0, "")
    if args.fix or args.diff:
        fixed, diff = _apply_fixes(args, results, settings, linter)
    findings = sort_findings([f for r in results for f in r.findings])
    if args.write_baseline:
        write_baseline(findings, args.write_baseline)
    if args.baseline:
        findings = without_baselined(findings, args.baseline)
    lang = settings.lang or "zh"
    errors = _without_not_forms([r.error for r in results if r.error], lang)
    _notices(skipped, lang)
    if args.diff:
        write_output(diff, None)
    elif args.statistics:
        write_output(_statistics(findings, lang), args.output)
    elif args.format in STREAMABLE:  # written as a batch is streamed, a file at a time
        with _output(args) as write:
            streamer = Streamer(args.format, write, {r.id: r.info(lang) for r in linter.ruleset.rules}, lang)
            _stream_collected(streamer, results, findings)
            streamer.finish(errors, len(results))
    else:
        report = Report(
            findings=findings,
            sources={r.path: r.text for r in results if r.text is not None},
            forms=[ref for r in results for ref in r.forms],
            rules={r.id: r.info(lang) for r in linter.ruleset.rules},
            errors=errors,
            lang=lang,
            color=args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
            files_checked=len(results),
        )
        write_output(_printable(args, render(args.format, report)), args.output)
    if fixed and not args.diff:
        print(say("fixed-count", lang, n=fixed), file=sys.stderr)
    return _exit_code(args, bool(errors), (f.severity for f in findings), config.fail_on)


def _stream_collected(streamer: Streamer, results: list[batch.FileResult], findings: list[Finding]) -> None:
    """The collected results through `streamer` in path order, each path's part of `findings`
    (sorted, less what a baseline took out) with its text and forms. Standard input named
    as a file that is also checked shares that file's part, as in a whole `Report`."""
    by_path: dict[str, list[batch.FileResult]] = {}
    for r in results:
        if not r.error:
            by_path.setdefault(r.path, []).append(r)
    parts: dict[str, list[Finding]] = {}
    for f in findings:
        parts.setdefault(f.path, []).append(f)
    for path in sorted(by_path):
        same = by_path[path]
        text = next((r.text for r in reversed(same) if r.text is not None), None)
        streamer.add(parts.get(path, []), path, text, [ref for r in same for ref in r.forms])


def _exit_code(args: argparse.Namespace, errors: bool, severities: Iterable[str], fail_on: str) -> int:
    """2 when a file could not be read, else 1 when a finding's severity is at or above
    --fail-on (else the config's `fail_on`) and --exit-zero is not given, else 0."""
    if errors:
        return EXIT_ERROR
    floor = SEVERITY_RANK[args.fail_on or fail_on]
    failing = any(SEVERITY_RANK[s] >= floor for s in severities)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _streams(args) -> bool:
    """Whether the output can be written file by file (memory flat however many files)."""
    from linter.output.stream import STREAMABLE

    special = args.fix or args.diff or args.baseline or args.write_baseline or args.statistics
    return args.format in STREAMABLE and not special and "-" not in args.paths


def _run_streaming(args, settings: batch.LintSettings, linter) -> int:
    """`check` for the line formats and json: results are written as they arrive, in path
    order, and dropped; only counts and unreadable files are kept."""
    from linter.api import iter_files
    from linter.output.stream import Streamer

    lang = settings.lang or "zh"
    skipped: list[str] = []
    files = sorted(iter_files(args.paths, settings.config.exclude, skipped))
    _notices(skipped, lang)
    errors: list = []
    count = 0
    with _output(args) as write:
        streamer = Streamer(args.format, write, {r.id: r.info(lang) for r in linter.ruleset.rules}, lang)
        # Workers render their files' chunks: text travels back instead of findings.
        settings = dataclasses.replace(settings, condense=streamer.renderer)
        for r in batch.run(files, settings, args.jobs, not args.no_progress, linter):
            count += 1
            if r.error:
                errors += _without_not_forms([r.error], lang)
                continue
            streamer.add_chunk(r.chunk)
        streamer.finish(errors, count)
    severities = [s for s, n in streamer.tally.by_severity.items() if n]  # the summary's count
    return _exit_code(args, bool(errors), severities, settings.config.fail_on)


@contextmanager
def _output(args: argparse.Namespace) -> Iterator[Callable[[str], Any]]:
    """A function writing text to --output (replaced atomically when the block ends without
    an error) or to standard output; text of the terminal formats made printable."""
    from linter.textsafe import ERRORS

    target = Path(args.output) if args.output else None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp") if target else None
    try:
        out = open(tmp, "w", encoding="utf-8", errors=ERRORS, newline="") if tmp else sys.stdout  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    try:
        yield lambda text: out.write(_printable(args, text))
        out.flush()
        if tmp:
            out.close()
            os.replace(tmp, target)
    except BaseException:
        if tmp:
            out.close()
            tmp.unlink(missing_ok=True)
        raise


def _printable(args: argparse.Namespace, text: str) -> str:
    """Form text in the formats read on a terminal: control characters shown as \\x1b, never sent."""
    if args.format not in _TERMINAL_FORMATS:
        return text
    from linter.textsafe import printable

    return printable(text)


def _without_not_forms(errors: list, lang: str) -> list:
    """The read errors less the JSON/YAML files that are no form at all (a manifest, a
    config such as .pre-commit-config.yaml): those are skipped with a notice."""
    kept = []
    for err in errors:
        if getattr(err, "not_form", False):
            message = pick(lang, err.message_zh, err.message_en)
            print(f"jxlint: {err.path}: {message}{say('skipped-tail', lang)}", file=sys.stderr)
        else:
            kept.append(err)
    return kept


def _notices(skipped: list[str], lang: str) -> None:
    for path in skipped:
        print(f"jxlint: {path}: {say('unknown-suffix-skipped', lang)}", file=sys.stderr)


def _statistics(findings: list[Finding], lang: str) -> str:
    counts = Counter((f.rule, f.name, f.severity) for f in findings)
    lines = [
        f"{n:6d}  {rule}  {name}  [{sev}]"
        for (rule, name, sev), n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]
    return "\n".join([*lines, f"{sum(counts.values()):6d}  {say('total', lang)}"]) + "\n"
