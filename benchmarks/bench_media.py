"""Benchmark the media readers: one form per file as tab-separated text, CSV, HTML, .xls
and PDF (rendered by fixtures/media/make_media.py from the seed's five forms).

    python benchmarks/bench_media.py [N] [--cold RUNS]   (N files per medium, default 200)

Batch: N single-form files per medium, read and linted in this process through
`linter.read.read_path` and `Linter.lint_document` (the path `jxlint check` takes per
file), after one untimed file (imports, vocabularies, grammar). Cold: `jxlint check FILE
--format json` on one single-form file per medium, in a fresh process each time; the
median of RUNS runs (default 5) after one untimed run, and the peak RSS of the last run.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ("txt", "csv", "html", "xls", "pdf")


def _make_media():
    spec = importlib.util.spec_from_file_location("make_media", ROOT / "fixtures" / "media" / "make_media.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_media"] = module
    spec.loader.exec_module(module)
    return module


def single_forms() -> list[str]:
    """The seed's five forms, each as its own tab-separated text."""
    lines = (ROOT / "fixtures" / "forms" / "seed.txt").read_text("utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip().startswith("财政项目支出绩效目标申报表")]
    return ["".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def write_files(folder: Path, count: int) -> dict[str, list[Path]]:
    mm = _make_media()
    rendered = []
    for n, text in enumerate(single_forms()):
        media = mm.render(text, f"form{n}")
        media["txt"] = text.encode("utf-8")
        rendered.append(media)
    out: dict[str, list[Path]] = {m: [] for m in MEDIA}
    for i in range(count):
        media = rendered[i % len(rendered)]
        for m in MEDIA:
            path = folder / m / f"form{i:05d}.{m}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(media[m])
            out[m].append(path)
    return out


def batch(paths: list[Path]) -> tuple[float, float, int]:
    """(wall s, CPU s, forms) for reading and linting `paths` in this process."""
    from linter.api import Linter
    from linter.read import read_path

    linter = Linter.create(None)
    linter.lint_document(read_path(paths[0]))  # warm-up
    start, cpu = time.perf_counter(), time.process_time()
    forms = 0
    for p in paths:
        doc = read_path(p)
        forms += len(doc.forms)
        linter.lint_document(doc)
    return time.perf_counter() - start, time.process_time() - cpu, forms


def cold(path: Path, runs: int) -> tuple[float, float, float]:
    """(median wall ms, median CPU ms, median peak RSS MiB) of `jxlint check PATH --format
    json`, each run in a fresh process measured by benchmarks/measure_child.py (CPU: user +
    system time of the process, which a loaded machine moves far less than wall time)."""
    import json

    exe = str(Path(sys.executable).with_name("jxlint"))
    child = [sys.executable, str(ROOT / "benchmarks" / "measure_child.py"), os.devnull, os.devnull, "0"]
    cmd = [*child, exe, "check", str(path), "--format", "json"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    rows = []
    for _ in range(runs):
        out = subprocess.run(cmd, capture_output=True, env=env, check=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return (
        statistics.median(r["elapsed"] for r in rows) * 1000,
        statistics.median(r["cpu"] for r in rows) * 1000,
        statistics.median(r["maxrss_kib"] for r in rows) / 1024,
    )


def main(argv: list[str]) -> int:
    runs = 5
    if "--cold" in argv:
        i = argv.index("--cold")
        runs = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    count = int(argv[0]) if argv else 200
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp), count)
        print(
            "| medium | bytes a form | cold median ms | cold CPU ms | cold peak RSS MiB "
            "| batch ms a form | batch CPU ms a form |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for m in MEDIA:
            size = sum(p.stat().st_size for p in files[m]) / count
            med, cpu_ms, rss = cold(files[m][0], runs)
            wall, cpu, forms = batch(files[m])
            assert forms == count, (m, forms)
            print(
                f"| {m} | {size:,.0f} | {med:.0f} | {cpu_ms:.0f} | {rss:.1f} "
                f"| {wall / forms * 1000:.2f} | {cpu / forms * 1000:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
