"""A/B wall time: the same batch run on two or more source trees, alternated round by round.

    python benchmarks/ab.py DIR TREE [TREE ...] [--rounds R] [--jobs J] [--format F]

Each round runs `python -m linter check DIR --format F --jobs J` once per tree (a `git
worktree` of a commit, put first on `PYTHONPATH`), in turn, so that the machine's slow and
fast minutes fall on every tree alike; bytecode caches are on (this sandbox's shell turns
them off, which makes every run compile every module). It prints each run's wall time and
CPU time (user + system of the run's processes) and, per tree, the median of both and the
forms per second relative to the first tree. The budget of issue 13 is read from the medians
(see docs/benchmarks.md); one run of a tree is never enough on a shared machine.
"""

from __future__ import annotations

import os
import statistics

from trees import run_on_tree, tree_parser


def run_once(tree: str, folder: str, jobs: int, fmt: str) -> tuple[float, float]:
    """(wall s, CPU s) of one `check` run on `tree`."""
    return run_on_tree(tree, ["-m", "linter", "check", folder, "--format", fmt, "--jobs", str(jobs), "--no-progress"])


def main() -> None:
    ap = tree_parser(__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", default="json")
    args = ap.parse_args()
    names = [os.path.basename(os.path.abspath(t)) for t in args.trees]
    for tree in args.trees:  # an untimed run each: bytecode caches and the compiled-rule cache
        run_once(tree, args.folder, args.jobs, args.format)
    walls: dict[str, list[float]] = {n: [] for n in names}
    cpus: dict[str, list[float]] = {n: [] for n in names}
    for r in range(args.rounds):
        for name, tree in zip(names, args.trees, strict=True):
            wall, cpu = run_once(tree, args.folder, args.jobs, args.format)
            walls[name].append(wall)
            cpus[name].append(cpu)
            load = os.getloadavg()[0]
            print(f"round {r + 1} {name:12s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  load {load:.2f}", flush=True)
    first = names[0]
    ref_wall, ref_cpu = statistics.median(walls[first]), statistics.median(cpus[first])
    heads = ("median wall", "median cpu", f"forms/s vs {first}", f"cpu vs {first}")
    print(f"\n{'tree':12s} {heads[0]:>12s} {heads[1]:>11s} {heads[2]:>18s} {heads[3]:>14s}")
    for name in names:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"{name:12s} {wall:12.2f} {cpu:11.2f} {ref_wall / wall:18.0%} {ref_cpu / cpu:14.0%}")


if __name__ == "__main__":
    main()
