"""CPU time a form in one process, as a batch worker spends it, on one or more source trees.

    python benchmarks/worker_cpu.py DIR TREE [TREE ...] [--forms N] [--runs R]

Each run is a fresh process that builds the linter (as a forked worker has it), then reads,
lints and renders the first N files of DIR as `check --format json` does in a worker
(`linter.batch.lint_file` with the streamed JSON renderer). A second set of runs does the same
with no file: its CPU time, the start-up, is subtracted. Both are the minimum of R runs (the
machine's other load only ever adds), alternated tree by tree. It prints the CPU time a form
and its ratio to the first tree's.

Where `instructions.py` counts instructions, this measures time, which also pays for cache
misses and mispredicted branches: the two ratios differ (docs/benchmarks.md, eighth session).
"""

from __future__ import annotations

import os

from trees import run_on_tree, tree_parser

_CHILD = """
import os, sys
from linter.api import Linter
from linter.batch import LintSettings, _batch_gc, lint_file
from linter.config import Config
from linter.output.stream import ChunkRenderer
from linter.targets import warm_up

folder, n = sys.argv[1], int(sys.argv[2])
paths = sorted(os.path.join(folder, f) for f in os.listdir(folder))[:n]
warm_up()
linter = Linter.create(Config())
rules = {r.id: r.info("zh") for r in linter.ruleset.rules}
settings = LintSettings(Config(), condense=ChunkRenderer("json", rules, "zh"))
_batch_gc()
for p in paths:
    lint_file(p, linter, settings)
"""


def cpu_of(tree: str, folder: str, forms: int) -> float:
    """User + system CPU seconds of one child run on `tree`."""
    return run_on_tree(tree, ["-c", _CHILD, folder, str(forms)])[1]


def main() -> None:
    ap = tree_parser(__doc__.split("\n\n")[0])
    ap.add_argument("--forms", type=int, default=1500)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    folder = os.path.abspath(args.folder)
    names = [os.path.basename(os.path.abspath(t)) for t in args.trees]
    for tree in args.trees:  # untimed: bytecode caches and the compiled-rule cache
        cpu_of(tree, folder, 10)
    full = {n: float("inf") for n in names}
    start = {n: float("inf") for n in names}
    for _ in range(args.runs):
        for name, tree in zip(names, args.trees, strict=True):
            full[name] = min(full[name], cpu_of(tree, folder, args.forms))
            start[name] = min(start[name], cpu_of(tree, folder, 0))
    per_form = {n: (full[n] - start[n]) / args.forms * 1e3 for n in names}
    first = names[0]
    print(f"{'tree':12s} {'start-up s':>10s} {'ms a form':>10s} {'vs ' + first:>12s}")
    for name in names:
        print(f"{name:12s} {start[name]:10.2f} {per_form[name]:10.3f} {per_form[name] / per_form[first]:12.2f}")


if __name__ == "__main__":
    main()
