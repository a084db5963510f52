"""Old Word and WPS files (.doc, .wps, .et, and a .doc that is not a Word file) converted
with LibreOffice when it is installed: `soffice --headless --convert-to docx|xlsx` into a
temporary directory, with its own profile and a time limit, then read as .docx/.xlsx.

Without LibreOffice, or when the conversion fails or takes too long, a `ReadError` says
how to convert the file by hand. The original file is never changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from linter.model import Document
from linter.read.media import empty, error

TIMEOUT = 120.0  # seconds; a first start of LibreOffice builds its profile
_TARGET = {".et": "xlsx", ".ett": "xlsx", ".xls": "xlsx", ".xlt": "xlsx"}  # else docx
_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice command on PATH (soffice or libreoffice), or None."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read_legacy(data: bytes, path: str, suffix: str) -> Document:
    """Convert an old Word/WPS/Excel file and read the result."""
    if not data.strip():
        raise empty(path)
    target = _TARGET.get(suffix, "docx")
    soffice = find_soffice()
    if soffice is None:
        word = "WPS/Excel" if target == "xlsx" else "WPS/Word"
        raise error(
            path,
            f"旧版或 WPS 格式（{suffix or '二进制'}）需要 LibreOffice 转换，但未安装 soffice：请安装 LibreOffice，"
            f"或在 {word} 中“另存为” .{target} 后再检查（也可运行 soffice --headless --convert-to {target} 文件名）",
            f"an old or WPS format ({suffix or 'binary'}) is converted with LibreOffice, which is not installed: "
            f"install LibreOffice, or save the file as .{target} in {word} and check that "
            f"(or run soffice --headless --convert-to {target} FILE)",
        )
    converted = convert(data, suffix or ".doc", target, soffice, path)
    from linter.read.office import read_office_bytes

    return read_office_bytes(converted, path, "." + target)


def convert(data: bytes, suffix: str, target: str, soffice: str, path: str) -> bytes:
    """The bytes of `data` converted to `target` by LibreOffice (in a temporary directory)."""
    with tempfile.TemporaryDirectory(prefix="jxlint-convert-") as tmp:
        source = Path(tmp, "form" + suffix)
        source.write_bytes(data)
        out_dir = Path(tmp, "out")
        out_dir.mkdir()
        profile = Path(tmp, "profile").as_uri()
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            done = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT,
                env={**os.environ, "HOME": tmp},
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise error(
                path,
                f"LibreOffice 转换超时（{TIMEOUT:g} 秒）：请在 Word/WPS 中另存为 .{target} 后再检查",
                f"the LibreOffice conversion timed out ({TIMEOUT:g} s): save the file as .{target} and check that",
            ) from None
        except OSError as exc:
            raise error(path, f"无法运行 LibreOffice（{exc}）", f"cannot run LibreOffice ({exc})") from None
        result = out_dir / f"form.{target}"
        if done.returncode != 0 or not result.is_file():
            detail = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip().splitlines()
            why = detail[-1][:200] if detail else f"exit {done.returncode}"
            raise error(
                path,
                f"LibreOffice 无法转换此文件（{why}）：文件可能已损坏或受密码保护",
                f"LibreOffice could not convert the file ({why}): it may be damaged or password-protected",
            )
        return result.read_bytes()
