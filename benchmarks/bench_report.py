"""The HTML audit report of a large batch: its size and how long Chromium takes to open it.

    python benchmarks/generate.py /tmp/corpus --forms 10000 --seed 1
    python benchmarks/bench_report.py /tmp/corpus --runs 3

Lints the corpus and renders the HTML report as `jxlint audit` does, then opens it in
headless Chromium over the DevTools pipe (tests/browser/cdp.py), as written and without its
content-visibility rules (the A/B of that choice). Prints the size and, per variant, the
median of `--runs` loads: DOMContentLoaded and the load event (ms from the navigation
start), the wall time until the report's script is done (<body data-ready="1">), and the
JS heap after load.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

TIMING = """(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          heap: performance.memory ? performance.memory.usedJSHeapSize : null};
})()"""


def summary_of(corpus: Path):
    from linter import batch
    from linter.api import iter_files
    from linter.audit.summary import AuditSummary, Policy, records_for_file
    from linter.config import Config

    policy = Policy()
    settings = batch.LintSettings(
        Config(), lang="zh", summarize=lambda doc, fs: records_for_file(doc.path, doc.forms, fs, policy)
    )
    files = [f for f in iter_files([str(corpus)]) if not f.endswith(".json")]
    records = []
    for result in batch.run(files, settings, 0):
        records += result.summaries
    return AuditSummary.build(records, policy=policy, date="2026-12-03")


def load(page_url: str, exe: str, runs: int) -> dict[str, float]:
    from browser.cdp import Browser

    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile, Browser(exe, Path(profile), timeout=300) as browser:
            start = time.monotonic()
            page = browser.open(page_url)
            page.wait_for("document.body && document.body.dataset.ready === '1'", timeout=300)
            wall = (time.monotonic() - start) * 1000
            page.wait_for("performance.getEntriesByType('navigation')[0].loadEventEnd > 0", timeout=300)
            t = page.eval(TIMING)
            t["wall"] = wall
            samples.append(t)
    return {k: statistics.median(s[k] for s in samples) for k in ("dcl", "load", "wall")} | {
        "heap": samples[-1]["heap"]
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reverse", action="store_true", help="open the variant without content-visibility first")
    args = ap.parse_args()
    from browser.chromium import find_chromium

    from linter.audit import render_report

    exe = find_chromium()
    if exe is None:
        sys.exit("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    t0 = time.perf_counter()
    summary = summary_of(args.corpus)
    print(f"linted {summary.forms_read} forms, {summary.findings_total} findings in {time.perf_counter() - t0:.1f} s")
    out = Path(tempfile.mkdtemp())
    data = render_report(summary, "html")
    print(f"rendered {len(data) / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s (lint included)")
    html = data.decode("utf-8")
    # B: the same page without content-visibility (and without the CSP, whose style hash the
    # edited style would no longer match)
    plain = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    plain = re.sub(r"[^\n]*content-visibility: auto[^\n]*\n", "", plain)
    variants = [("as written", html), ("without content-visibility", plain)]
    for name, text in variants[:: -1 if args.reverse else 1]:
        path = out / f"{len(name)}.html"
        path.write_text(text, "utf-8")
        t = load(path.as_uri(), exe, args.runs)
        print(
            f"{name}: DOMContentLoaded {t['dcl']:.0f} ms, load {t['load']:.0f} ms, "
            f"script done (wall) {t['wall']:.0f} ms, JS heap {t['heap'] / 1e6 if t['heap'] else float('nan'):.0f} MB"
        )


if __name__ == "__main__":
    main()
