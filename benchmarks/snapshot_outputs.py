"""Every output of the command line on the fixtures, written to a directory, to diff two commits.

    python benchmarks/snapshot_outputs.py OUTDIR [--python PY] [--tree DIR]

Runs `check` in every `--format` (streamed and collected paths, both languages, one and two
jobs, -o FILE, standard input, --statistics, baselines, --diff, --fix on a copy), `parse`
(json, text), `audit` in every report format, `rules`, `explain`, `layouts` and `annotate`,
and stores each command's standard output, standard error, exit code and written files under
OUTDIR, one file per command. Timestamps (ISO dates and times, the xlsx package's dates) and
the temporary directory's name are replaced by fixed words, the same way on every run, so that
`diff -r BEFORE AFTER` between two commits shows only real changes.

A script, not a test: it compares a commit with another one (a refactoring's "byte-identical"
promise), which a test of one tree cannot do. Run it in each tree with that tree's venv.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK_FORMATS = ("text", "concise", "json", "json-lines", "sarif", "junit", "github")
AUDIT_FORMATS = ("html", "xlsx", "md", "csv", "json")
# Inputs for `check` and `audit`: text forms, every layout fixture, the review set, a few
# media files of each kind, office files (good and bad), unreadable files.
CHECK_PATHS = (
    "fixtures/bad",
    "fixtures/clean",
    "fixtures/forms",
    "fixtures/layouts",
    "fixtures/review",
    "fixtures/media/seed.csv",
    "fixtures/media/seed.html",
    "fixtures/media/seed.pdf",
    "fixtures/media/bands-library.xls",
    "fixtures/media/gansu-farmland.html",
    "fixtures/office",
)
PARSE_FILES = (
    "fixtures/forms/seed.txt",
    "fixtures/forms/split-columns.txt",
    "fixtures/forms/split-columns.yaml",
    "fixtures/forms/split-columns.json",
    "fixtures/bad/truncated-table.txt",
    "fixtures/media/seed.csv",
    "fixtures/media/seed.html",
)
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def neutral(data: bytes, tmp: str, tree: str) -> bytes:
    """`data` with the temporary directory, the tree's path (a layout's file, a rule's help
    URI) and timestamps replaced by fixed words."""
    text = data.decode("utf-8", "surrogateescape").replace(tmp, "<TMP>").replace(tree, "<TREE>")
    return _STAMP.sub("<TIMESTAMP>", text).encode("utf-8", "surrogateescape")


def unzip_listing(data: bytes, tmp: str, tree: str) -> bytes:
    """An xlsx/docx as its members' names and (neutralised) contents: zip entries carry times."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            out.write(f"==== {name}\n".encode())
            out.write(neutral(z.read(name), tmp, tree) + b"\n")
    return out.getvalue()


class Runner:
    """Runs jxlint commands and stores what they print and write."""

    def __init__(self, python: str, outdir: Path, tmp: Path, root: Path = ROOT):
        self.python, self.outdir, self.tmp, self.root = python, outdir, tmp, root
        # PYTHONPATH: the tree's own `linter`, also where a command runs in a temporary directory
        self.env = {**os.environ, "NO_COLOR": "1", "PYTHONHASHSEED": "0", "COLUMNS": "100", "PYTHONPATH": str(root)}

    def run(self, name: str, args: list[str], stdin: bytes | None = None, cwd: Path | None = None, files=()) -> None:
        """`jxlint ARGS`; standard output, error, exit code and `files` into OUTDIR/NAME."""
        proc = subprocess.run(
            [self.python, "-m", "linter", *args],
            input=stdin or b"",
            capture_output=True,
            cwd=cwd or self.root,
            env=self.env,
        )
        tmp, tree = str(self.tmp), str(self.root)
        parts = [
            neutral(f"$ jxlint {' '.join(args)}\nexit {proc.returncode}\n---- stdout\n".encode(), tmp, tree),
            neutral(proc.stdout, tmp, tree),
            b"\n---- stderr\n",
            neutral(proc.stderr, tmp, tree),
        ]
        for f in files:
            path = Path(f)
            parts.append(f"\n---- file {path.name}\n".encode())
            if not path.exists():
                parts.append(b"(missing)")
                continue
            data = path.read_bytes()
            parts.append(
                unzip_listing(data, tmp, tree) if path.suffix in (".xlsx", ".docx") else neutral(data, tmp, tree)
            )
            path.unlink()
        (self.outdir / name).write_bytes(b"".join(parts))


# every audit run: one job, a fixed report date (the outputs are compared byte for byte)
_AUDIT = ["audit", "--no-progress", "-j", "1", "--date", "2026-01-01"]


def snapshot(runner: Runner) -> None:
    """Every command and format; one file per run."""
    paths = list(CHECK_PATHS)
    tmp = runner.tmp
    common = ["--no-progress", "-j", "1"]
    for fmt in CHECK_FORMATS:
        runner.run(f"check-{fmt}", ["check", "--format", fmt, *common, *paths])
        runner.run(f"check-{fmt}-en", ["check", "--format", fmt, "--lang", "en", *common, *paths])
        runner.run(f"check-{fmt}-j2", ["check", "--format", fmt, "--no-progress", "-j", "2", *paths])
        # --verbose and standard input take the collected (not streamed) path
        runner.run(f"check-{fmt}-verbose", ["check", "--format", fmt, "--verbose", *common, *paths])
        seed = (runner.root / "fixtures/forms/seed.txt").read_bytes()
        runner.run(
            f"check-{fmt}-stdin",
            [
                "check",
                "--format",
                fmt,
                *common,
                "--stdin-filename",
                "seed.txt",
                "-",
                "fixtures/forms/split-columns.txt",
            ],
            stdin=seed,
        )
        out = tmp / f"out.{fmt}"
        runner.run(f"check-{fmt}-o", ["check", "--format", fmt, *common, "-o", str(out), *paths], files=[out])
        runner.run(
            f"check-{fmt}-select",
            ["check", "--format", fmt, *common, "--select", "JX2", "--severity", "warning", *paths],
        )
    runner.run("check-statistics", ["check", "--statistics", *common, *paths])
    runner.run("check-statistics-en", ["check", "--statistics", "--lang", "en", *common, *paths])
    base = tmp / "baseline.json"
    runner.run("check-write-baseline", ["check", "--format", "json", *common, "--write-baseline", str(base), *paths])
    shutil.copy(base, tmp / "baseline-keep.json")
    runner.run("check-write-baseline-file", ["--version"], files=[base])
    for fmt in ("json", "text"):
        runner.run(
            f"check-baseline-{fmt}",
            [
                "check",
                "--format",
                fmt,
                *common,
                "--baseline",
                str(tmp / "baseline-keep.json"),
                *paths,
                "fixtures/forms",
            ],
        )
    runner.run("check-diff", ["check", "--diff", *common, "fixtures/forms", "fixtures/review"])
    work = tmp / "fixwork"
    shutil.copytree(runner.root / "fixtures/forms", work)
    runner.run("check-fix-json", ["check", "--fix", "--unsafe-fixes", "--format", "json", *common, "."], cwd=work)
    runner.run("check-fix-files", ["--version"], files=sorted(work.iterdir()))
    for fmt in ("json", "text"):
        for lang in ("zh", "en"):
            runner.run(f"parse-{fmt}-{lang}", ["parse", "--format", fmt, "--lang", lang, *PARSE_FILES])
    for fmt in AUDIT_FORMATS:
        for lang in ("zh", "en"):
            report = tmp / f"report-{lang}.{fmt}"
            runner.run(
                f"audit-{fmt}-{lang}",
                [
                    *_AUDIT,
                    "--lang",
                    lang,
                    "-o",
                    str(report),
                    *paths,
                ],
                files=[report],
            )
    report = tmp / "report.json"
    runner.run(
        "audit-json-policy",
        [
            *_AUDIT,
            "--return-on",
            "error,warning",
            "--max-warnings",
            "3",
            "--fail-on",
            "return",
            "--format",
            "json",
            "-o",
            str(report),
            "fixtures/review",
        ],
        files=[report],
    )
    for fmt in ("table", "json"):
        for lang in ("zh", "en"):
            runner.run(f"rules-{fmt}-{lang}", ["rules", "--format", fmt, "--lang", lang])
            runner.run(f"layouts-{fmt}-{lang}", ["layouts", "--format", fmt, "--lang", lang])
    for fmt in ("text", "json"):
        for lang in ("zh", "en"):
            runner.run(f"explain-{fmt}-{lang}", ["explain", "JX202", "--format", fmt, "--lang", lang])
    annotated = tmp / "annotated"
    runner.run("annotate", ["annotate", "-o", str(annotated), "fixtures/forms", "fixtures/review/national"])
    runner.run("annotate-files", ["--version"], files=sorted(p for p in annotated.rglob("*") if p.is_file()))
    runner.run("usage-errors", ["check", "--format", "nope", "fixtures/forms"])
    runner.run("no-command", [])
    runner.run("help-check", ["check", "--help"])
    runner.run("help-audit", ["audit", "--help"])
    runner.run("help", ["--help"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="where to write the outputs (created, emptied)")
    parser.add_argument("--python", default=sys.executable, help="the Python whose jxlint runs (default: this one)")
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="the checkout whose fixtures are read (default: this one)"
    )
    args = parser.parse_args()
    if args.outdir.exists():
        shutil.rmtree(args.outdir)
    args.outdir.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="jxsnap") as tmp:
        snapshot(Runner(args.python, args.outdir, Path(tmp), args.tree.resolve()))
    print(f"{len(list(args.outdir.iterdir()))} outputs in {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
