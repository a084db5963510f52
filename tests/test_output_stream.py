"""Streamed output is byte for byte the output of the whole run, for every streamable format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli

from linter.api import Linter
from linter.config import Config
from linter.findings import sort_findings
from linter.output import FormRef, Report, render
from linter.output.stream import STREAMABLE, Streamer
from linter.read import ReadError, read_path

ROOT = Path(__file__).parent.parent
FILES = [
    ROOT / "fixtures" / "bad" / "empty.txt",
    ROOT / "fixtures" / "clean" / "seed-clean.txt",
    ROOT / "fixtures" / "forms" / "seed.txt",
    ROOT / "fixtures" / "forms" / "split-columns.yaml",
]


@pytest.fixture(scope="module")
def linted():
    linter = Linter.create(Config())
    out = []
    for path in sorted(str(p) for p in FILES):
        try:
            doc = read_path(path)
        except ReadError as exc:
            out.append((path, None, [], [], exc))
            continue
        refs = [FormRef(path, f.index, f.project_name) for f in doc.forms]
        out.append((path, doc.text, linter.lint_document(doc), refs, None))
    return linter, out


@pytest.mark.parametrize("fmt", STREAMABLE)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_streamed_equals_whole(fmt: str, lang: str, linted) -> None:
    linter, results = linted
    rules = {r.id: r.info(lang) for r in linter.ruleset.rules}
    whole = Report(
        findings=sort_findings([f for _, _, fs, _, _ in results for f in fs]),
        sources={p: t for p, t, _, _, _ in results if t is not None},
        forms=[ref for _, _, _, refs, _ in results for ref in refs],
        rules=rules,
        errors=[e for *_, e in results if e is not None],
        lang=lang,
        files_checked=len(results),
    )
    parts: list[str] = []
    streamer = Streamer(fmt, parts.append, rules, lang)
    for path, text, findings, refs, err in results:
        if err is None:
            streamer.add(findings, path, text, refs)
    streamer.finish(whole.errors, len(results))
    assert whole.findings and whole.errors
    assert "".join(parts) == render(fmt, whole)


def test_streamed_json_with_no_findings_is_valid(tmp_path: Path) -> None:
    import json

    parts: list[str] = []
    streamer = Streamer("json", parts.append, {}, "zh")
    streamer.finish([], 0)
    data = json.loads("".join(parts))
    assert data["findings"] == [] and data["summary"]["total"] == 0


def test_cli_streams_a_directory_in_path_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / "fixtures" / "forms" / "seed.txt").read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "linter", "check", str(tmp_path), "--format", "concise", "--select", "JX301"],
        capture_output=True,
        text=True,
    )
    names = [line.split(":")[0][len(str(tmp_path)) + 1 :] for line in run.stdout.splitlines()]
    assert names == ["a.txt", "a/z.txt", "b.txt"]
    assert run.returncode == 1


@pytest.mark.parametrize("fmt", STREAMABLE)
def test_check_writes_the_same_streamed_or_collected(fmt: str, capsys, tmp_path: Path) -> None:
    """`check` streams from the workers, or collects first (--verbose, a baseline, standard
    input): the same bytes and exit code either way."""
    paths = [str(p) for p in FILES]
    run = ("check", "--format", fmt, "--no-progress", "--jobs", "1", "--no-config")
    streamed = cli(capsys, *run, *paths)
    assert streamed[0] == 2 and streamed[1]  # findings, and an unreadable file
    assert cli(capsys, *run, "--verbose", *paths)[:2] == streamed[:2]
    empty = tmp_path / "baseline.json"
    empty.write_text('{"fingerprints": []}', "utf-8")
    assert cli(capsys, *run, "--baseline", str(empty), *paths)[:2] == streamed[:2]
    seed = ROOT / "fixtures" / "forms" / "seed.txt"
    rest = [p for p in paths if p != str(seed)]
    with seed.open("rb") as stdin, pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", type("In", (), {"buffer": stdin})())
        from_stdin = cli(capsys, *run, "--stdin-filename", str(seed), "-", *rest)
    assert from_stdin[:2] == streamed[:2]
