"""What the scripts that compare source trees share (`ab.py`, `worker_cpu.py`): their command
line (a folder of forms, then the trees) and a child process run on one tree's code."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time


def tree_parser(description: str) -> argparse.ArgumentParser:
    """A parser for `DIR TREE [TREE ...]`; each script adds its own options."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("folder")
    ap.add_argument("trees", nargs="+")
    return ap


def run_on_tree(tree: str, args: list[str]) -> tuple[float, float]:
    """(wall s, CPU s of it and its children) of `python ARGS` with `tree` first on the path,
    bytecode caches on (this sandbox's shell turns them off, which makes every run compile
    every module); exits when the run fails."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.path.abspath(tree)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args], env=env, cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: findings
        sys.exit(f"{tree}: the run exited with {code}")
    return wall, usage.ru_utime + usage.ru_stime
