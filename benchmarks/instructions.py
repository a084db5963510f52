"""Instructions per form: a figure that does not move with the machine's load.

On a shared machine wall-clock and CPU times of the same run vary by 10-20% from one run to
the next, which hides the effect of most single changes. Valgrind's cachegrind counts the
machine instructions a process executes, which is the same from run to run (the child runs
with PYTHONHASHSEED=0 unless the environment sets it: with random string hashes, set and dict
order and so the count move by about half a percent). This script reads and lints forms in one
process under cachegrind, twice: once only the warm-up forms, once the warm-up forms and N
more; the difference divided by N is the instructions one form costs once start-up and the
first forms (Lark's lexer, the memos) are paid for, as in the middle of a batch. A first,
uncounted run fills the compiled-rule and parser caches (a new `--tree` has none).

    python benchmarks/instructions.py DIR [--forms N] [--warm-up W] [--tree PATH] [--stage S]

`--stage` says how much of a worker's path is counted: `read` (decoded text → forms),
`lint` (read and lint: the default, the figure of the tables in docs/benchmarks.md) or
`file` (all a batch worker does for one file: read its bytes, decode, read, lint and render
the JSON chunk). The differences between the three are what each stage costs.

DIR holds form files (e.g. `benchmarks/generate.py OUT --forms 1000`, then OUT/txt). `--tree`
times the jxlint source tree at PATH (a `git worktree` of another commit) instead of the
installed one, to compare two commits. Needs `valgrind` (Debian: apt install valgrind);
each count takes about half a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# What runs under valgrind: read and lint the first `upto` forms of DIR in one process.
_CHILD = """
import os, sys
from linter.api import Linter
from linter.batch import LintSettings, _batch_gc, lint_document, lint_file
from linter.config import Config
from linter.output.stream import ChunkRenderer
from linter.read import read_text
from linter.read.decode import decode_bytes

folder, upto, total, stage = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
paths = sorted(os.path.join(folder, f) for f in os.listdir(folder))[:total]
texts = [decode_bytes(open(p, "rb").read(), p) for p in paths]
linter = Linter.create(Config())
settings = LintSettings(Config())
if stage == "file":
    rules = {r.id: r.info("zh") for r in linter.ruleset.rules}
    settings = LintSettings(Config(), condense=ChunkRenderer("json", rules, "zh"))
_batch_gc()
for (text, encoding), path in zip(texts[:upto], paths[:upto]):
    if stage == "read":
        read_text(text, path, encoding)
    elif stage == "lint":
        lint_document(linter, settings, read_text(text, path, encoding))
    else:
        lint_file(path, linter, settings)
"""


def _child_env(tree: str | None) -> dict[str, str]:
    env = dict(os.environ)
    # a fixed string hash: set and dict order, and so the work done, are the same every run
    env.setdefault("PYTHONHASHSEED", "0")
    if tree:
        env["PYTHONPATH"] = os.path.abspath(tree)
    return env


def _run_child(prefix: list[str], folder: str, upto: int, total: int, tree: str | None, stage: str):
    # `python -c` puts the working directory first on sys.path: run where it holds no
    # `linter` package, or a checkout would shadow the tree (or the install) being counted.
    cmd = [*prefix, sys.executable, "-c", _CHILD, folder, str(upto), str(total), stage]
    return subprocess.run(
        cmd, env=_child_env(tree), cwd=tempfile.gettempdir(), capture_output=True, text=True, check=False
    )


def fill_caches(folder: str, tree: str | None, stage: str) -> None:
    """Run the child once, uncounted: the first run of a tree writes the compiled-rule and
    parser caches, which would otherwise be counted in one of the two runs and not the other."""
    done = _run_child([], folder, 1, 1, tree, stage)
    if done.returncode != 0:
        sys.exit(f"the child failed:\n{done.stderr[-2000:]}")


VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]


def instructions_in(done: subprocess.CompletedProcess) -> int:
    """The instruction count of a finished `VALGRIND` run (exits with its error if it failed)."""
    m = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or m is None:
        sys.exit(f"valgrind failed:\n{done.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def count(folder: str, upto: int, total: int, tree: str | None, stage: str) -> int:
    """Instructions valgrind counts for the `stage` of the first `upto` forms."""
    return instructions_in(_run_child(VALGRIND, folder, upto, total, tree, stage))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="a folder of form files")
    ap.add_argument("--forms", type=int, default=300, help="forms counted (after the warm-up)")
    ap.add_argument("--warm-up", type=int, default=600, help="forms read first and not counted")
    ap.add_argument("--tree", help="a jxlint source tree to count instead of the installed one")
    ap.add_argument("--stage", choices=("read", "lint", "file"), default="lint", help="what is counted (default: lint)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    total = args.warm_up + args.forms
    files = len(os.listdir(args.dir))
    if files < total:
        sys.exit(f"{args.dir} has {files} files; --warm-up + --forms need {total}")
    folder = os.path.abspath(args.dir)
    fill_caches(folder, args.tree, args.stage)
    base = count(folder, args.warm_up, total, args.tree, args.stage)
    full = count(folder, total, total, args.tree, args.stage)
    per_form = (full - base) / args.forms
    where = args.tree or "installed"
    print(f"{per_form:,.0f} instructions per form, {args.stage} ({args.forms} forms after {args.warm_up}; {where})")


if __name__ == "__main__":
    main()
