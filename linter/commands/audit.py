"""`jxlint audit DIR… -o REPORT`: a whole directory of forms in, one report out."""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from pathlib import Path

from linter import batch
from linter.audit import REPORT_FORMATS
from linter.commands.baseline import read_baseline
from linter.commands.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Subparsers,
    UsageError,
    load_config,
    rule_options,
    split_keys,
    write_output,
)
from linter.messages import pick, say

FAIL_ON = ("return", "error", "warning", "info", "never")
MONEY_UNITS = ("元", "万元")


def add_parser(sub: Subparsers) -> None:
    """The `audit` sub-parser."""
    formats = ", ".join(REPORT_FORMATS)
    p = sub.add_parser("audit", help=f"audit directories of forms into one report ({formats})")
    p.add_argument("paths", nargs="+", metavar="PATH", help="directories or files")
    p.add_argument("-o", "--output", required=True, metavar="REPORT", help="the report file to write")
    p.add_argument("--format", choices=REPORT_FORMATS, help="report format (default: from the -o suffix)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    p.add_argument("--select", action="append", default=[], metavar="RULES")
    p.add_argument("--ignore", action="append", default=[], metavar="RULES")
    p.add_argument(
        "--return-on",
        default="error",
        metavar="SEVERITIES",
        help="return a form for revision on findings of these severities (default: error)",
    )
    p.add_argument("--max-warnings", type=int, metavar="N", help="also return a form with more than N warnings")
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="never",
        help="exit 1 when a form is returned (return) or a finding at or above a severity remains "
        "(default: never; files that could not be read always exit 2)",
    )
    p.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline")
    p.add_argument("--title", metavar="TEXT", help="the report's title (default: 绩效目标审核报告, or report.title)")
    p.add_argument("--office", metavar="TEXT", help="the reviewing office, printed under the title and on every page")
    p.add_argument("--date", metavar="TEXT", help="the review date as printed (default: today, or report.date)")
    p.add_argument("--money-unit", choices=MONEY_UNITS, help="amounts in 元 or 万元 (default: as the forms write them)")
    p.add_argument("--no-progress", action="store_true")
    rule_options(p)
    p.set_defaults(run=run_audit)


def _records(policy, doc, findings):
    from linter.audit.summary import records_for_file

    return records_for_file(doc.path, doc.forms, findings, policy)


def run_audit(args: argparse.Namespace) -> int:
    """Lint every form under the PATHs and write one report; the exit code per --fail-on."""
    from linter.api import iter_files
    from linter.audit import render_report
    from linter.audit.summary import AuditSummary, Policy

    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in REPORT_FORMATS:
        raise UsageError(
            f"cannot tell the report format from {args.output!r}; use --format ({', '.join(REPORT_FORMATS)})"
        )
    try:
        policy = Policy(return_on=split_keys([args.return_on]), max_warnings=args.max_warnings)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    config = load_config(args)
    config.exclude = (*config.exclude, *args.exclude)
    lang = args.lang or config.lang
    settings = batch.LintSettings(
        config, split_keys(args.select), split_keys(args.ignore), lang, summarize=partial(_records, policy)
    )
    skipped: list[str] = []
    report = os.path.realpath(args.output)
    files = [f for f in iter_files(args.paths, config.exclude, skipped) if os.path.realpath(f) != report]
    records, errors, not_forms = [], [], []
    known = read_baseline(args.baseline) if args.baseline else None
    linter = batch.make_linter(settings)
    for result in batch.run(files, settings, args.jobs, progress=not args.no_progress, linter=linter):
        if result.error and result.error.not_form:
            not_forms.append(result.error)
            continue
        if result.error:
            errors.append(result.error)
            continue
        records += _without_baseline(result, known, policy) if known else result.summaries
    ruleset = linter.ruleset
    notices = [f"{p}: {say('unknown-suffix-skipped', lang)}" for p in skipped]
    tail = say("skipped-tail", lang)
    notices += [f"{e.path}: {pick(lang, e.message_zh, e.message_en)}{tail}" for e in not_forms]
    summary = AuditSummary.build(
        records,
        errors,
        notices,
        {r.id: r.info(lang) for r in ruleset.rules},
        lang,
        policy=policy,
        roots=tuple(args.paths),
        **_report_meta(args, config.report),
    )
    write_output(render_report(summary, fmt, lang), args.output)
    done = say("audit-done", lang, forms=summary.forms_read, findings=summary.findings_total, output=args.output)
    print(done, file=sys.stderr)
    for note in notices[len(skipped) :]:
        print(f"jxlint: {note}", file=sys.stderr)
    for err in errors:
        print(f"jxlint: {err}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if _fails(summary, args.fail_on) else EXIT_CLEAN


def _report_meta(args, report: dict[str, str]) -> dict[str, str | None]:
    """Title, office, date and money unit: the command line, else the config's `report:`;
    the date defaults to today."""
    import datetime as dt

    return {
        "title": args.title or report.get("title"),
        "office": args.office or report.get("office"),
        "date": args.date or report.get("date") or dt.date.today().isoformat(),
        "money_unit": args.money_unit or report.get("money_unit"),
    }


def _fails(summary, fail_on: str) -> bool:
    """True when the audit should exit 1: a form returned (`return`), or a finding at or
    above the severity `fail_on` (file-level findings included)."""
    from linter.audit.summary import RETURN
    from linter.findings import SEVERITY_RANK

    if fail_on == "never":
        return False
    if fail_on == "return":
        return summary.verdicts.get(RETURN, 0) > 0 or any(r.verdict == RETURN for r in summary.file_records)
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(sev, 0) >= floor and n for sev, n in summary.severity_counts.items())


def _without_baseline(result, known: set[str], policy):
    """The file's records with baselined findings removed (fingerprints are per file)."""
    from dataclasses import replace

    from linter.fingerprint import fingerprints

    keep = {id(f) for f, fp in zip(result.findings, fingerprints(result.findings), strict=True) if fp not in known}
    kept_rows = {(f.rule, f.span.line, f.span.column, f.message) for f in result.findings if id(f) in keep}
    out = []
    for rec in result.summaries:
        rows = tuple(r for r in rec.findings if (r.rule, r.line, r.column, r.message) in kept_rows)
        out.append(replace(rec, findings=rows, verdict=policy.verdict(r.severity for r in rows)))
    return out
