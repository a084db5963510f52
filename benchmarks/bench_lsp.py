"""Time the language server's re-lint of a changed form, as an editor sees it.

    python benchmarks/bench_lsp.py [--changes 200] [--file fixtures/forms/seed.txt] [--jxlint PATH]

Starts `jxlint lsp` and speaks LSP to it over standard input/output with the small JSON-RPC
client below: initialize, open the file, then send --changes didChange notifications one
after the other (full text, as the server asks for full sync), each changing one target value
so that the findings change too, and time each from the moment the notification is written to
the moment the publishDiagnostics for that document version is read. Prints the server's
start-up time, the time to the first diagnostics after didOpen, and the median, p95, min and
max of the re-lints, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent


class Client:
    """A minimal LSP client: Content-Length framing, requests, notifications, and answers to
    the server's own requests (configuration, capability registration, progress)."""

    def __init__(self, cmd: list[str], env: dict[str, str], log: IO[bytes]):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env)
        self.inbox: queue.Queue[tuple[float, dict | None]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put((time.perf_counter(), None))
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            body = stream.read(length)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> float:
        """Write one message; the time the writing started (so that a pause of this thread
        after the write can only lengthen a measured latency, never shorten it)."""
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        started = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()
        return started

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float) -> tuple[float, dict]:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def wait(self, wanted, timeout: float) -> tuple[float, dict]:
        """The first message `wanted` accepts (answering the server's requests meanwhile)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                at, message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"no answer from the server within {timeout} s") from None
            if message is None:
                raise SystemExit(f"the server exited (code {self.proc.wait()})")
            if "method" in message and "id" in message:  # a request from the server
                params = message.get("params") or {}
                configuration = message["method"] == "workspace/configuration"
                result = [None] * len(params.get("items", [])) if configuration else None
                self.send({"id": message["id"], "result": result})
                continue
            if wanted(message):
                return at, message


def variants(text: str) -> list[str]:
    """The texts to send: the original and, in turn, versions with one percentage target set to
    120% (a JX206 error), so that every change differs from the one before and every other
    change adds or removes a finding."""
    targets = list(re.finditer(r"[≥=≤](\d+)\.00\(%\)", text))
    if not targets:
        return [text + "\n", text]
    out = []
    for m in targets:
        out += [text[: m.start(1)] + "120" + text[m.end(1) :], text]
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--changes", type=int, default=200, help="didChange notifications to time")
    p.add_argument("--file", type=Path, default=ROOT / "fixtures" / "forms" / "seed.txt")
    p.add_argument("--jxlint", default="/work/venv/bin/jxlint", help="jxlint to run (its dir goes first on PATH)")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument(
        "--no-pyc",
        dest="pyc",
        action="store_false",
        help="run with the environment's bytecode setting as is (default: with .pyc caches)",
    )
    p.add_argument("--json", type=Path, help="also write the raw latencies here")
    args = p.parse_args(argv)

    jxlint = str(Path(args.jxlint).absolute()) if os.sep in args.jxlint else args.jxlint
    env = {**os.environ, "PATH": str(Path(jxlint).parent) + os.pathsep + os.environ.get("PATH", "")}
    if args.pyc:
        # As installed: with bytecode caches. They go to a temporary PYTHONPYCACHEPREFIX, where
        # Python then looks for every module's cache (site-packages too), so fill it first with
        # a check and an import of the server, its pygls and lsprotocol.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="jxlint-bench-pyc-")
        subprocess.run([jxlint, "check", str(args.file), "--format", "json"], env=env, capture_output=True)
        python = Path(jxlint).with_name("python")
        warm = "from linter.lsp import build_server; build_server()"
        subprocess.run([str(python) if python.exists() else sys.executable, "-c", warm], env=env, capture_output=True)
    path = args.file.resolve()
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    load = os.getloadavg()[0]
    with open(os.devnull, "wb") as log:
        start = time.perf_counter()
        client = Client([jxlint, "lsp"], env, log)
        capabilities = {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}
        init = {"processId": os.getpid(), "rootUri": path.parent.as_uri(), "capabilities": capabilities}
        at, answer = client.request("initialize", init, args.timeout)
        started = at - start
        sync = answer["result"]["capabilities"].get("textDocumentSync")
        client.notify("initialized", {})

        def diagnostics_for(version: int):
            return lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version", version) == version
            )

        sent = client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
        )
        at, first = client.wait(diagnostics_for(1), args.timeout)
        first_ms = (at - sent) * 1000
        texts = variants(text)
        latencies, counts = [], []
        for k in range(args.changes):
            version = k + 2
            sent = client.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": texts[k % len(texts)]}]},
            )
            at, published = client.wait(diagnostics_for(version), args.timeout)
            latencies.append((at - sent) * 1000)
            counts.append(len(published["params"]["diagnostics"]))
        client.request("shutdown", None, args.timeout)
        client.notify("exit", None)
        client.proc.wait(timeout=args.timeout)
    end_load = os.getloadavg()[0]
    if args.pyc:
        shutil.rmtree(env["PYTHONPYCACHEPREFIX"], ignore_errors=True)

    print(
        f"file: {args.file} ({len(text.encode('utf-8')):,} bytes, {len(text.splitlines())} lines); "
        f"text sync: {sync}; load (1 min) {load:.2f}–{end_load:.2f}"
    )
    print()
    print("| measure | ms |")
    print("| --- | ---: |")
    print(f"| start-up: spawn → initialize answered | {started * 1000:.0f} |")
    opened = len(first["params"]["diagnostics"])
    print(f"| didOpen → first publishDiagnostics ({opened} diagnostics) | {first_ms:.0f} |")
    print(f"| didChange → publishDiagnostics, median of {len(latencies)} | {statistics.median(latencies):.1f} |")
    print(f"| didChange → publishDiagnostics, p95 | {percentile(latencies, 0.95):.1f} |")
    print(f"| didChange → publishDiagnostics, min / max | {min(latencies):.1f} / {max(latencies):.1f} |")
    print()
    print(f"diagnostics per publish: {min(counts)}–{max(counts)}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"startup_ms": started * 1000, "first_ms": first_ms, "latencies_ms": latencies, "diagnostics": counts}
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
