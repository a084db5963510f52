"""Reading an input file's bytes: only regular files, bounded by `max_file_bytes`, with a
clear error for anything else (a directory, a FIFO, a device, a missing file or a loop of links).

Below every reader and the YAML loader (linter.yamlfile), which all read files this way.
"""

from __future__ import annotations

import errno
import os
import stat

from linter import limits
from linter.read.errors import ReadError


def read_regular_file(name: str, shown: str | None = None, cap: int | None = None) -> bytes:
    """The bytes of the regular file `name` (at most `cap`, default `max_file_bytes`);
    `ReadError` naming `shown` for anything else. Opened without blocking (a FIFO swapped
    in after the check must not hang) and checked again once open."""
    shown = name if shown is None else shown
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _missing(name, shown, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(shown, st.st_mode)
        cap = limits.current().max_file_bytes if cap is None else cap
        if st.st_size > cap:
            raise limits.exceeded(shown, "max_file_bytes", f"{st.st_size} bytes")
        # os.read: half the cost of open().read(), which builds a buffered file object
        # first (a batch reads thousands of small files).
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 18):
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:  # the file grew while it was read
                raise limits.exceeded(shown, "max_file_bytes", f"more than {size} bytes")
        return b"".join(chunks)
    except OSError as exc:
        raise _missing(name, shown, exc) from None
    finally:
        os.close(fd)


def _not_regular(shown: str, mode: int) -> ReadError:
    kind = (
        ("目录", "a directory")
        if stat.S_ISDIR(mode)
        else ("命名管道 (FIFO)", "a named pipe (FIFO)")
        if stat.S_ISFIFO(mode)
        else ("设备文件", "a device")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else ("套接字", "a socket")
        if stat.S_ISSOCK(mode)
        else ("特殊文件", "a special file")
    )
    if kind[0] == "目录":
        return ReadError(shown, "这是一个目录，不是文件", "this is a directory, not a file")
    return ReadError(
        shown,
        f"不是普通文件（{kind[0]}），已跳过：只读取普通文件",
        f"not a regular file ({kind[1]}), skipped: only regular files are read",
    )


def _missing(name: str, shown: str, exc: OSError) -> ReadError:
    if exc.errno == errno.ELOOP:
        return ReadError(shown, "符号链接循环，无法打开", "a loop of symbolic links, cannot be opened")
    if exc.errno == errno.EISDIR or os.path.isdir(name):
        return ReadError(shown, "这是一个目录，不是文件", "this is a directory, not a file")
    if exc.errno == errno.ENOENT:
        if os.path.islink(name):
            return ReadError(shown, "符号链接指向的文件不存在", "a symbolic link to a file that does not exist")
        return ReadError(shown, "文件不存在", "no such file")
    return ReadError(
        shown,
        "无法读取文件（权限不足或读取出错）",
        "cannot read the file (permission denied or I/O error)",
    )
