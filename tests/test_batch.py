"""Linting many files (linter/batch.py): the process pool (used from 24 files on) gives the
same results, in the same order, as one process; `--jobs 1` and `--jobs 2` print
byte-identical JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from linter import batch
from linter.config import Config

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "forms" / "seed.txt"
BINARY = ROOT / "fixtures" / "bad" / "binary.txt"
COPIES = 30
BAD = 17  # the copy that is not a form


def _pid(doc, findings) -> list[int]:
    """A `summarize` that records which process linted the file."""
    return [os.getpid()]


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for k in range(COPIES):
        sub = folder / f"part{k % 3}"
        sub.mkdir(exist_ok=True)
        shutil.copy(BINARY if k == BAD else SEED, sub / f"form{k:02d}.txt")
    return folder


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "jxlint-cache"))


def _paths(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*.txt"))


def _flat(results) -> list[tuple]:
    return [(r.path, r.error is not None, [(f.rule, f.span, f.message) for f in r.findings]) for r in results]


def test_pool_keeps_the_order_and_the_results(forms):
    paths = _paths(forms)
    assert len(paths) >= batch._POOL_MIN_FILES  # enough files for the pool
    settings = batch.LintSettings(Config(), summarize=_pid)
    one = list(batch.run(paths, settings, jobs=1))
    two = list(batch.run(paths, settings, jobs=2))
    assert [r.path for r in two] == paths
    assert _flat(two) == _flat(one)
    assert {r.summaries[0] for r in one if not r.error} == {os.getpid()}
    workers = {r.summaries[0] for r in two if not r.error}
    assert os.getpid() not in workers and len(workers) >= 1  # linted in worker processes
    bad = [r for r in two if r.error]
    assert [Path(r.path).name for r in bad] == [f"form{BAD:02d}.txt"]
    assert bad[0].error.path == bad[0].path and bad[0].error.message_zh


def test_few_files_stay_in_this_process(forms):
    paths = _paths(forms)[:5]
    results = list(batch.run(paths, batch.LintSettings(Config(), summarize=_pid), jobs=2))
    assert [r.path for r in results] == paths
    assert {r.summaries[0] for r in results if not r.error} == {os.getpid()}


def test_default_jobs():
    assert batch.default_jobs() >= 1


def test_jobs_1_2_and_4_print_byte_identical_json(forms, tmp_path_factory):
    env = {**os.environ, "JXLINT_CACHE_DIR": str(tmp_path_factory.getbasetemp() / "jxlint-cache"), "NO_COLOR": "1"}

    def check(jobs: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "linter", "check", str(forms), "--format", "json", "--jobs", jobs],
            capture_output=True,
            cwd=ROOT,
            env=env,
            timeout=300,
        )

    with ThreadPoolExecutor(3) as pool:
        one, two, four = pool.map(check, ["1", "2", "4"])
    assert one.returncode == two.returncode == four.returncode == 2  # one file is not a form
    assert one.stdout == two.stdout == four.stdout
    data = json.loads(one.stdout)
    assert data["summary"]["files"] == COPIES
    assert [e["path"] for e in data["errors"]] == [str(forms / f"part{BAD % 3}" / f"form{BAD:02d}.txt")]
    per_file = {}
    for f in data["findings"]:
        per_file[f["path"]] = per_file.get(f["path"], 0) + 1
    assert len(per_file) == COPIES - 1 and len(set(per_file.values())) == 1  # every copy alike


def test_progress_shows_the_time_left():
    from linter.batch import _Progress

    now = [100.0]
    bar = _Progress(200, clock=lambda: now[0])
    assert bar.time_left() is None  # nothing done yet: no estimate
    for _ in range(50):
        bar.step()
    now[0] += 30.0  # 50 files in 30 s: 150 left take 90 s
    assert bar.time_left() == "1:30"
    assert bar.line().endswith("50/200 ~1:30 left")
    for _ in range(150):
        bar.step()
    assert bar.time_left() is None  # finished
    slow = _Progress(10_000, clock=lambda: now[0])
    slow.count = 1
    now[0] += 2.0
    assert slow.time_left() == "5:33:18"  # 9,999 more at 2 s each
