"""Run one command and report what it cost, as one JSON line (used by bench.py).

    python benchmarks/measure_child.py OUT ERR INTERVAL COMMAND...

Run in a fresh process for every measured command, so that getrusage(RUSAGE_CHILDREN) at the
end covers that command only: ru_maxrss is the peak RSS of its largest single process (the
command or one of its workers), the CPU time includes its workers. The command's standard
output goes to OUT, its standard error to ERR. With INTERVAL > 0 (seconds) a thread also
samples, from /proc, the summed RSS of the command's whole process tree and the number of
runnable tasks of other processes (how busy the machine was with something else).

Prints {"elapsed", "rc", "maxrss_kib", "tree_kib", "cpu", "others"}; Linux only.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return pids


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(x.split()[1]) for x in fh if x.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def running_elsewhere(ours: set[int]) -> int:
    """Runnable (state R) processes that are not in `ours`."""
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in ours:
            try:
                with open(f"/proc/{name}/stat") as fh:
                    count += fh.read().rsplit(")", 1)[1].split()[0] == "R"
            except (OSError, IndexError):
                pass
    return count


def main(argv: list[str]) -> int:
    out, err, interval, cmd = argv[0], argv[1], float(argv[2]), argv[3:]
    peak, others = [0], []
    with open(out, "wb") as o, open(err, "wb") as e:
        done = threading.Event()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=o, stderr=e)

        def sample() -> None:
            while not done.wait(interval):
                pids = tree(proc.pid)
                peak[0] = max(peak[0], sum(rss_kib(p) for p in pids))
                others.append(running_elsewhere({*pids, os.getpid()}))

        if interval > 0:
            threading.Thread(target=sample, daemon=True).start()
        rc = proc.wait()
        elapsed = time.perf_counter() - start
        done.set()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "elapsed": elapsed,
        "rc": rc,
        "maxrss_kib": usage.ru_maxrss,
        "tree_kib": peak[0],
        "cpu": usage.ru_utime + usage.ru_stime,
        "others": sum(others) / len(others) if others else None,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
