"""Reading speed of each template family: the forms of fixtures/layouts/<family>/ read (and
linted) in one process, after a warm-up, as microseconds per form. A script, not a test.

    python benchmarks/bench_layouts.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="reads of each file (default 200)")
    args = ap.parse_args()

    from linter.api import Linter
    from linter.read import read_path

    linter = Linter.create()
    print("| family | forms | read µs/form | read + lint µs/form |")
    print("| --- | ---: | ---: | ---: |")
    for folder in sorted(p for p in (ROOT / "fixtures" / "layouts").iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.txt"))
        docs = [read_path(f) for f in files]  # warm-up: caches, the layouts, the grammar
        forms = sum(max(len(d.forms), 1) for d in docs)
        for d in docs:
            linter.lint_document(d)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for f in files:
                read_path(f)
        t1 = time.perf_counter()
        for _ in range(args.repeat):
            for f in files:
                linter.lint_document(read_path(f))
        t2 = time.perf_counter()
        per = args.repeat * forms
        print(f"| {folder.name} | {forms} | {(t1 - t0) / per * 1e6:,.0f} | {(t2 - t1) / per * 1e6:,.0f} |")


if __name__ == "__main__":
    main()
