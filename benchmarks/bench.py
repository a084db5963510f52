"""Time `jxlint check --format json` (cold start and batch) and compare it with yamllint.

    python benchmarks/bench.py [--quick] [--sizes 1000,10000] [--repeats 3] [--jxlint PATH]

Cold start: `python -c pass`, `jxlint --version`, `jxlint check` of one generated form (as
text and as YAML), of the seed (five forms), `jxlint parse` of the seed, and `yamllint` of
the one-form YAML file. Batch: for each N, a corpus made by benchmarks/generate.py (one form
per file unless --per-file) is checked with `--jobs 1` and with all cores, the YAML copy of
the corpus with all cores, and the YAML copy by yamllint.

Each run goes through a fresh wrapper process (benchmarks/measure_child.py) that starts the
command, times it with time.perf_counter, and reads resource.getrusage(RUSAGE_CHILDREN) when it
ends: ru_maxrss is then the peak resident set of the largest single process of that command
(the main process or one worker), and the CPU time counts the workers too. In batch runs the
wrapper also samples, every 50 ms, the summed RSS of the whole process tree and the runnable
tasks of other processes. Each figure is the median of several runs; before each run the
script waits (up to --wait seconds) until the mean number of other runnable tasks
(procs_running in /proc/stat, sampled for a second) falls below --max-load; the tables show
that load before the runs and, for batch runs, during them.

Corpora go to a temporary directory, removed at the end unless --keep. Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
SEED = ROOT / "fixtures" / "forms" / "seed.txt"

# Runs one command in a fresh process, so that RUSAGE_CHILDREN covers that command only.
MEASURE = ROOT / "benchmarks" / "measure_child.py"


class Bench:
    """Runs commands through the wrapper and keeps the results."""

    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.work = work
        bindir = str(Path(args.jxlint).resolve().parent)
        self.env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", ""), "NO_COLOR": "1"}
        # Time jxlint as installed, with bytecode caches: where the environment turns them off
        # (PYTHONDONTWRITEBYTECODE), keep them under the work directory, not in the source tree.
        if args.pyc:
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        self.results: list[dict] = []

    def wait_for_load(self) -> float:
        """Wait until other processes leave the CPUs mostly idle; the load they make."""
        deadline = time.monotonic() + self.args.wait
        load = others_running()
        while load > self.args.max_load and time.monotonic() < deadline:
            time.sleep(2)
            load = others_running()
        return load

    def measure(
        self,
        section: str,
        label: str,
        cmd: list[str],
        repeats: int,
        *,
        forms: int = 0,
        sample: float = 0.0,
        keep_output: Path | None = None,
        warm_up: bool = False,
        env: dict[str, str] | None = None,
        **extra: object,
    ) -> dict:
        """Run `cmd` `repeats` times (after one untimed run if `warm_up`: page cache, .pyc files)."""
        out = keep_output or self.work / "out.txt"
        err = self.work / "err.txt"
        runs, loads = [], []
        for k in range(repeats + int(warm_up)):
            timed = k >= int(warm_up)
            if timed:
                loads.append(self.wait_for_load())
            raw = subprocess.run(
                [sys.executable, str(MEASURE), str(out), str(err), str(sample), *cmd],
                env=env or self.env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            run = json.loads(raw)
            if run["rc"] not in (0, 1):
                message = err.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise SystemExit(f"{' '.join(cmd)} exited {run['rc']}:\n{message}")
            if timed:
                runs.append(run)
        times = [r["elapsed"] for r in runs]
        result = {
            "section": section,
            "label": label,
            "command": " ".join(cmd),
            "forms": forms,
            "repeats": repeats,
            "median_s": statistics.median(times),
            "min_s": min(times),
            "cpu_s": statistics.median(r["cpu"] for r in runs),
            "maxrss_mib": max(r["maxrss_kib"] for r in runs) / 1024,
            "tree_mib": max(r["tree_kib"] for r in runs) / 1024 if sample else None,
            "output_bytes": out.stat().st_size,
            "load_min": min(loads),
            "load_max": max(loads),
            "during": max((r["others"] for r in runs if r["others"] is not None), default=None),
            **extra,
        }
        self.results.append(result)
        shown = f"{result['median_s']:.3f} s" + (f", {forms / result['median_s']:.0f} forms/s" if forms else "")
        print(
            f"  {label}: {shown}, {result['maxrss_mib']:.1f} MiB, load {result['load_max']:.2f}",
            file=sys.stderr,
            flush=True,
        )
        return result


def others_running(seconds: float = 1.0) -> float:
    """The mean number of runnable tasks other than this one over `seconds` (from
    /proc/stat procs_running). Unlike the load average it does not carry the benchmark's own
    previous run; between runs nothing of ours runs, so this is what others make."""
    samples = []
    for _ in range(10):
        try:
            with open("/proc/stat") as fh:
                running = next(int(x.split()[1]) for x in fh if x.startswith("procs_running"))
        except (OSError, StopIteration):
            return os.getloadavg()[0]
        samples.append(running - 1)
        time.sleep(seconds / 10)
    return sum(samples) / len(samples)


def generate(work: Path, name: str, forms: int, per_file: int, seed: int) -> Path:
    outdir = work / name
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(GENERATE),
            str(outdir),
            "--forms",
            str(forms),
            "--per-file",
            str(per_file),
            "--seed",
            str(seed),
            "--yaml",
        ],
        check=True,
        capture_output=True,
    )
    print(f"generated {forms} forms in {time.perf_counter() - start:.1f} s → {outdir}", file=sys.stderr)
    return outdir


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cold(bench: Bench, python: str, jxlint: str, yamllint: str | None) -> None:
    one = generate(bench.work, "one", 1, 1, bench.args.seed)
    txt, yml = one / "txt" / "forms_00000.txt", one / "yaml" / "forms_00000.yaml"
    r = bench.args.cold_repeats
    rows = [
        ("python -c pass", [python, "-c", "pass"], None),
        ("jxlint --version", [jxlint, "--version"], None),
        ("jxlint check one form (.txt)", [jxlint, "check", str(txt), "--format", "json"], txt),
        ("jxlint check one form (.yaml)", [jxlint, "check", str(yml), "--format", "json"], yml),
        ("jxlint check seed.txt (5 forms)", [jxlint, "check", str(SEED), "--format", "json"], SEED),
        ("jxlint parse seed.txt", [jxlint, "parse", str(SEED)], SEED),
    ]
    if yamllint:
        rows.append(("yamllint one form (.yaml)", [yamllint, "-f", "parsable", str(yml)], yml))
    for label, cmd, path in rows:
        bench.measure("cold", label, cmd, r, warm_up=True, input_bytes=path.stat().st_size if path else None)
    if bench.args.pyc:  # the same without bytecode caches, as this sandbox runs Python by default
        bare = {k: v for k, v in bench.env.items() if k != "PYTHONPYCACHEPREFIX"} | {"PYTHONDONTWRITEBYTECODE": "1"}
        bench.measure(
            "cold",
            "jxlint check one form (.txt), no .pyc caches",
            rows[2][1],
            r,
            warm_up=True,
            env=bare,
            input_bytes=txt.stat().st_size,
        )


def batch(bench: Bench, jxlint: str, yamllint: str | None, jobs_all: int) -> None:
    a = bench.args
    for n in a.sizes:
        corpus = generate(bench.work, f"n{n}", n, a.per_file, a.seed)
        txt, yml = corpus / "txt", corpus / "yaml"
        size = sum(p.stat().st_size for p in txt.iterdir())
        base = [jxlint, "check", str(txt), "--format", "json"]
        outputs = {}
        for jobs in (1, jobs_all):
            outputs[jobs] = bench.work / f"n{n}-jobs{jobs}.json"
            bench.measure(
                "batch",
                f"jxlint check .txt --jobs {jobs}",
                [*base, "--jobs", str(jobs)],
                a.repeats,
                forms=n,
                sample=0.05,
                keep_output=outputs[jobs],
                jobs=jobs,
                input_bytes=size,
            )
        same = sha(outputs[1]) == sha(outputs[jobs_all])
        bench.results[-1]["identical_to_jobs1"] = same
        ysize = sum(p.stat().st_size for p in yml.iterdir())
        bench.measure(
            "batch",
            f"jxlint check .yaml --jobs {jobs_all}",
            [jxlint, "check", str(yml), "--format", "json", "--jobs", str(jobs_all)],
            a.repeats,
            forms=n,
            sample=0.05,
            jobs=jobs_all,
            input_bytes=ysize,
        )
        if a.yamllint_runs and yamllint:
            bench.measure(
                "batch",
                "yamllint .yaml",
                [yamllint, "-f", "parsable", str(yml)],
                a.repeats,
                forms=n,
                sample=0.05,
                jobs=1,
                input_bytes=ysize,
            )
        if not a.keep:
            shutil.rmtree(corpus)


def version(cmd: list[str], env: dict) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return (done.stdout or done.stderr).strip().splitlines()[0]


def commit() -> str:
    """The source tree's commit, with "+changes" when the linter's files differ from it."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "linter", "rules", "grammar"], capture_output=True, text=True
    ).stdout.strip()
    return (head or "unknown") + (" +changes" if dirty else "")


def report(bench: Bench, python: str, jxlint: str, yamllint: str | None, jobs_all: int) -> str:
    """The results as Markdown."""
    a = bench.args
    now = commit()
    yamllint_version = version([yamllint, "--version"], bench.env) if yamllint else "yamllint not installed"
    lines = [
        f"Date: {a.started:%Y-%m-%d %H:%M} UTC · machine: "
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {os.uname().sysname} "
        f"{os.uname().release} · {version([python, '-V'], bench.env)} · "
        f"{version([jxlint, '--version'], bench.env)} · {yamllint_version} · "
        + (f"commit {a.commit}" if a.commit == now else f"commit {a.commit} → {now} (changed during the run)"),
        "",
        "Command: `" + " ".join(["python", "benchmarks/bench.py", *a.argv]) + "`",
        "",
    ]
    cold_rows = [r for r in bench.results if r["section"] == "cold"]
    if cold_rows:
        lines += [
            "### Cold start",
            "",
            f"Median of {a.cold_repeats} runs.",
            "",
            "| command | input | median ms | min ms | peak RSS MiB | others' load |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in cold_rows:
            size = f"{r['input_bytes']:,} B" if r.get("input_bytes") else ""
            lines.append(
                f"| {r['label']} | {size} | {r['median_s'] * 1000:.0f} | {r['min_s'] * 1000:.0f} | "
                f"{r['maxrss_mib']:.1f} | {r['load_min']:.2f}–{r['load_max']:.2f} |"
            )
        lines.append("")
    batch_rows = [r for r in bench.results if r["section"] == "batch"]
    if batch_rows:
        lines += [
            "### Batch throughput",
            "",
            f"Median of {a.repeats} runs; {a.per_file} form(s) per file; all cores = {jobs_all}. Others' load: "
            "runnable tasks of other processes, the most before a run (mean over 1 s) / the highest mean "
            "during a run (sampled every 50 ms).",
            "",
            "| N forms | command | median s | min s | forms/s | CPU s | peak RSS MiB (largest process) "
            "| peak RSS MiB (all processes) | output | others' load before / during |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in batch_rows:
            tree = f"{r['tree_mib']:.0f}" if r["tree_mib"] else ""
            lines.append(
                f"| {r['forms']:,} | {r['label']} | {r['median_s']:.2f} | {r['min_s']:.2f} | "
                f"{r['forms'] / r['median_s']:,.0f} | {r['cpu_s']:.1f} | {r['maxrss_mib']:.1f} | {tree} | "
                f"{r['output_bytes'] / 1e6:.1f} MB | {r['load_max']:.2f} / {r['during']:.2f} |"
            )
        lines.append("")
        for r in batch_rows:
            if "identical_to_jobs1" in r:
                verdict = "byte-identical" if r["identical_to_jobs1"] else "DIFFERENT"
                lines.append(f"- N = {r['forms']:,}: output of `--jobs 1` and `--jobs {r['jobs']}` is {verdict}.")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="a small smoke run: N = 100, 300; 2 repeats")
    p.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    p.add_argument("--per-file", type=int, default=1, help="forms per file in the corpora")
    p.add_argument("--repeats", type=int, default=3, help="timed runs per batch figure")
    p.add_argument("--cold-repeats", type=int, default=10, help="timed runs per cold-start figure")
    p.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="'all cores' (default nproc)")
    p.add_argument("--only", choices=["cold", "batch"], help="run one section")
    p.add_argument("--jxlint", default="/work/venv/bin/jxlint", help="jxlint to time (its dir goes first on PATH)")
    p.add_argument("--yamllint", default=None, help="default: next to jxlint")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument(
        "--no-yamllint", dest="yamllint_runs", action="store_false", help="skip the batch yamllint rows (slow)"
    )
    p.add_argument(
        "--max-load", type=float, default=0.5, help="wait until other processes' mean runnable tasks fall below this"
    )
    p.add_argument("--wait", type=float, default=120, help="longest wait for the load, seconds per run")
    p.add_argument(
        "--no-pyc",
        dest="pyc",
        action="store_false",
        help="run with the environment's bytecode setting as is (default: with .pyc caches)",
    )
    p.add_argument("--json", type=Path, help="also write the raw results here")
    p.add_argument("--keep", action="store_true", help="keep the temporary corpora")
    args = p.parse_args(argv)
    args.argv = argv
    if args.quick:
        args.sizes, args.repeats, args.cold_repeats, args.wait = "100,300", 2, 3, 0
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s]
    found = shutil.which(args.jxlint)
    if found is None:
        p.error(f"jxlint not found: {args.jxlint}")
    jxlint = str(Path(found).absolute())
    bindir = Path(jxlint).parent
    wanted = args.yamllint or str(bindir / "yamllint")
    yamllint = shutil.which(wanted)
    if yamllint is None:
        print(f"yamllint not found ({wanted}): its rows are skipped (pip install yamllint)", file=sys.stderr)
    python = str(bindir / "python") if (bindir / "python").exists() else sys.executable
    args.commit, args.started = commit(), datetime.datetime.now(datetime.timezone.utc)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up the corpora when stopped
    work = Path(tempfile.mkdtemp(prefix="jxlint-bench-"))
    bench = Bench(args, work)
    try:
        if args.only in (None, "cold"):
            cold(bench, python, jxlint, yamllint)
        if args.only in (None, "batch"):
            batch(bench, jxlint, yamllint, args.jobs)
        print(report(bench, python, jxlint, yamllint, args.jobs))
        if args.json:
            args.json.write_text(json.dumps(bench.results, indent=2) + "\n", encoding="utf-8")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
