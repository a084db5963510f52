"""Find and run a headless Chromium (Debian's `chromium` package) without network access."""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
)
TIMEOUT = 120


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def find_chromium() -> str | None:
    """The Chromium executable: $JXLINT_CHROMIUM, else the first of NAMES on PATH."""
    chosen = os.environ.get("JXLINT_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() or shutil.which(chosen) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(exe: str, profile: Path, url: str, *args: str) -> Run:
    """Run Chromium headless on `url` with a fresh profile; kill its process group on timeout."""
    cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *args, url]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise AssertionError(f"chromium did not finish within {TIMEOUT}s: {cmd}") from None
    return Run(proc.returncode, out, err)


def screenshot(exe: str, profile: Path, html: Path, png: Path, size: str = "1280,2000") -> Run:
    """Take a screenshot of `html`, with console messages logged to stderr."""
    return run_chromium(
        exe,
        profile,
        html.resolve().as_uri(),
        f"--screenshot={png}",
        f"--window-size={size}",
        "--enable-logging=stderr",
        "--v=0",
    )


def dump_dom(exe: str, profile: Path, html: Path) -> Run:
    """The DOM of `html` after its scripts ran, serialized on stdout."""
    return run_chromium(exe, profile, html.resolve().as_uri(), "--dump-dom", "--virtual-time-budget=2000")


def console_lines(stderr: str) -> list[str]:
    """The lines of a Chromium log that report a console message or an uncaught error."""
    return [
        line
        for line in stderr.splitlines()
        if ":CONSOLE" in line or "Uncaught" in line or "Content Security Policy" in line
    ]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (ValueError when it is not a PNG)."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def cjk_fonts() -> list[str] | None:
    """Font files fontconfig has for Chinese; None when fc-list is not there."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=60)
    return [line for line in out.stdout.splitlines() if line.strip()]
