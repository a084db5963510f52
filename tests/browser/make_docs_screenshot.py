"""Make docs/img/audit-report.png: a screenshot of a real audit of a season-shaped batch.

The batch comes from benchmarks/generate.py (40 synthetic forms in the seed's layout, four per
file, with the defects real forms carry); `jxlint audit` reads and lints them and writes the
HTML report; headless Chromium takes the picture. Everything is seeded, so the picture
changes only when the forms, the rules or the report's look change.

    .venv/bin/python tests/browser/make_docs_screenshot.py [OUT.png] [--html OUT.html] [--print-page N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))  # tests/, for the browser helpers

from browser.chromium import console_lines, find_chromium, png_size, screenshot  # noqa: E402

BATCH = "2026预算"
META = ("--office", "某区财政局绩效管理科", "--date", "2026-03-01")  # fixed, so the picture is stable


def print_page(exe: str, page: Path, workdir: Path, out: Path, number: int) -> None:
    """Print the report to PDF as a reader would and keep page `number` as a PNG
    (pdftoppm from poppler-utils)."""
    from browser.chromium import run_chromium

    pdf = workdir / "report.pdf"
    run_chromium(exe, workdir / "print-profile", page.resolve().as_uri(), f"--print-to-pdf={pdf}",
                 "--no-pdf-header-footer")  # fmt: skip
    stem = workdir / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile", pdf, stem],
                   check=True)  # fmt: skip
    shutil.copyfile(stem.with_suffix(".png"), out)


def make_report(workdir: Path, forms: int, seed: int) -> Path:
    """Generate the batch under `workdir`/2026预算 and audit it into `workdir`/report.html."""
    generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "gen"]
    subprocess.run(
        [*generate, "--forms", str(forms), "--per-file", "4", "--seed", str(seed)],
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    shutil.move(workdir / "gen" / "txt", workdir / BATCH)
    audit = [sys.executable, "-m", "linter", "audit", BATCH, "-o", "report.html", "-j", "1", "--no-progress", *META]
    subprocess.run(audit, cwd=workdir, check=True, capture_output=True)
    return workdir / "report.html"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "docs" / "img" / "audit-report.png"))
    ap.add_argument("--html", help="also keep the report here")
    ap.add_argument("--size", default="1200,1600", help="window size, W,H")
    ap.add_argument("--forms", type=int, default=40)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--print-page", type=int, default=0, help="also save this page of the printed PDF (pdftoppm)")
    ap.add_argument("--print-out", default=str(ROOT / "docs" / "img" / "audit-print.png"))
    args = ap.parse_args(argv)
    exe = find_chromium()
    if exe is None:
        print("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
        return 2
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = make_report(Path(tmp), args.forms, args.seed)
        if args.html:
            shutil.copyfile(page, args.html)
        run = screenshot(exe, Path(tmp) / "profile", page, out, args.size)
        if args.print_page:
            print_page(exe, page, Path(tmp), Path(args.print_out), args.print_page)
    problems = console_lines(run.stderr)
    if problems or not out.exists():
        print("\n".join(problems) or run.stderr[-2000:])
        return 1
    width, height = png_size(out)
    print(f"{out}: {width}x{height}, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
