"""`jxlint annotate FORM… -o DIR`: the department's own files back with the findings on them.

Exit codes: 0 every file was annotated, 2 some file could not be (unreadable, refused,
or a format that cannot carry comments); the other files are still annotated.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from linter.commands.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    SEVERITY_CHOICES,
    Subparsers,
    UsageError,
    load_config,
    rule_options,
    split_keys,
)
from linter.messages import say

DEFAULT_SUFFIX = ".审核"


def add_parser(sub: Subparsers) -> None:
    """The `annotate` sub-parser."""
    p = sub.add_parser(
        "annotate",
        help="write a copy of each form with the findings on it (.xlsx, .docx comments; YAML # comments)",
    )
    p.add_argument("paths", nargs="+", metavar="FORM", help="form files or directories")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output-dir", metavar="DIR", help="write the annotated copies into DIR")
    where.add_argument(
        "--suffix",
        metavar="SUFFIX",
        help=f"write each copy beside its form, SUFFIX before the extension (default: {DEFAULT_SUFFIX})",
    )
    p.add_argument("--force", action="store_true", help="overwrite annotated copies that exist")
    p.add_argument("--select", action="append", default=[], metavar="RULES")
    p.add_argument("--ignore", action="append", default=[], metavar="RULES")
    p.add_argument("--severity", choices=SEVERITY_CHOICES, default="info", help="annotate findings at or above this")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    rule_options(p)
    p.set_defaults(run=run_annotate)


def _inputs(paths: list[str], exclude: tuple[str, ...], suffix: str) -> list[tuple[str, str]]:
    """(file, its path relative to the directory named) for every form file named. In a
    directory, copies annotated before (`表.审核.xlsx`) are passed over."""
    from linter.api import ANNOTATE_SUFFIXES, iter_files

    out = []
    for arg in paths:
        if os.path.isdir(arg):
            for f in iter_files([arg], exclude):
                p = Path(f)
                if p.suffix.lower() in ANNOTATE_SUFFIXES and not p.stem.endswith(suffix):
                    out.append((f, os.path.relpath(f, arg)))
        else:
            out.append((arg, os.path.basename(arg)))
    return out


def target_path(source: str, rel: str, output_dir: str | None, suffix: str | None) -> Path:
    """Where the annotated copy of `source` goes."""
    if output_dir is not None:
        return Path(output_dir) / rel
    src = Path(source)
    return src.with_name(f"{src.stem}{suffix if suffix is not None else DEFAULT_SUFFIX}{src.suffix}")


def _write(target: Path, data: bytes, force: bool) -> str | None:
    """Write `data` to `target` atomically; the reason (zh, en) when it was not written."""
    if target.exists() and not force:
        return f"{target} 已存在（加 --force 覆盖）|{target} exists (--force overwrites it)"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return f"无法写入 {target}：{exc.strerror or exc}|cannot write {target}: {exc.strerror or exc}"
    return None


def run_annotate(args: argparse.Namespace) -> int:
    """Write each form's annotated copy; exit 2 if some file could not be annotated."""
    from linter.annotate import AnnotateError, annotate_bytes
    from linter.api import Linter
    from linter.read import ReadError, read_bytes

    if args.suffix is not None and not args.suffix.strip():
        raise UsageError("--suffix must not be empty (the copy would replace the form)")
    config = load_config(args)
    lang = args.lang or config.lang
    linter = Linter.create(
        config, select=split_keys(args.select), ignore=split_keys(args.ignore), lang=lang, min_severity=args.severity
    )
    en = lang == "en"
    failed = 0
    seen: set[Path] = set()

    def fail(message: str) -> None:
        nonlocal failed
        failed += 1
        zh, _, english = message.partition("|")
        print(f"jxlint: {english if en and english else zh}", file=sys.stderr)

    suffix = args.suffix if args.suffix is not None else DEFAULT_SUFFIX
    for source, rel in _inputs(args.paths, (*config.exclude, *args.exclude), suffix):
        target = target_path(source, rel, args.output_dir, args.suffix)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            fail(f"{source}: 无法打开文件：{exc.strerror or exc}|{source}: cannot open the file: {exc.strerror or exc}")
            continue
        if target.resolve() in seen or (target.exists() and target.resolve() == Path(source).resolve()):
            fail(f"{source}: 批注副本会覆盖 {target}|{source}: the copy would overwrite {target}")
            continue
        seen.add(target.resolve())
        try:
            doc = read_bytes(data, source)
            findings = linter.lint_document(doc)
            copy = annotate_bytes(data, doc, findings, lang)
        except ReadError as exc:
            fail(f"{exc}|{exc.path}: {exc.message_en}")
            continue
        except AnnotateError as exc:
            fail(f"{exc.message('zh')}|{exc.message('en')}")
            continue
        problem = _write(target, copy.data, args.force)
        if problem:
            fail(problem)
            continue
        for what in copy.lost:
            if what == "drawings":
                what = say("annotate-lost-drawings", lang)
            print(f"jxlint: {source}: {what}", file=sys.stderr)
        n = len(findings)
        print(say("annotate-done", lang, source=source, target=target, n=n), file=sys.stderr)
    return EXIT_ERROR if failed else EXIT_CLEAN
