"""Writing a file in place, safely: a temporary file beside it, fsync, os.replace.

The temporary file is `.NAME.jxlint-PID-XXXX.jxlint-tmp`: users recognise it, and one left
by a killed run (its process is gone) is removed the next time that file is written. A
write planned on bytes that are no longer there (an editor saved meanwhile) is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile


class FileChanged(Exception):
    """The file's bytes changed between planning a write and making it; nothing written."""


TMP_SUFFIX = ".jxlint-tmp"


def _tmp_prefix(name: str, pid: int | str) -> str:
    """`.form.txt.jxlint-1234-`: the temporary file of a fix names the file and the process."""
    return f".{name}.jxlint-{pid}-"


def clean_stale_tmp(target: str) -> list[str]:
    """Remove temporary files a killed jxlint left beside `target` (their process is gone);
    return their paths."""
    directory = os.path.dirname(target) or "."
    name = os.path.basename(target)
    removed: list[str] = []
    head = f".{name}.jxlint-"
    try:
        entries = os.listdir(directory)
    except OSError:
        return removed
    for entry in entries:
        if not (entry.startswith(head) and entry.endswith(TMP_SUFFIX)):
            continue
        pid = entry[len(head) :].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(directory, entry))
            removed.append(os.path.join(directory, entry))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by another user
    return True


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same directory and
    os.replace; on any failure the temporary file is removed and `path` is untouched.
    With `expected` (the bytes the change was planned on), a file that no longer holds
    them at the moment of writing (an editor saved it meanwhile) is left alone: FileChanged."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    clean_stale_tmp(target)
    fd, tmp = tempfile.mkstemp(
        prefix=_tmp_prefix(os.path.basename(target), os.getpid()), suffix=TMP_SUFFIX, dir=directory
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            shutil.copymode(target, tmp)
        if expected is not None and _current_bytes(target) != expected:
            raise FileChanged(path)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX)
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _current_bytes(target: str) -> bytes | None:
    try:
        with open(target, "rb") as fh:
            return fh.read()
    except OSError:
        return None
