"""Consoles that are not UTF-8: every command prints (what the console cannot show is
replaced) and never raises. Each command runs in a subprocess with PYTHONIOENCODING=gbk,
and with LC_ALL=C and PYTHONUTF8=0 (Python then writes ASCII)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONSOLES = {
    "gbk": {"PYTHONIOENCODING": "gbk"},
    "c-locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
}


GBK_COMMANDS = ("check", "parse", "explain", "audit", "annotate", "layouts")


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forms")
    shutil.copyfile(ROOT / "fixtures" / "forms" / "seed.txt", folder / "seed.txt")
    shutil.copyfile(ROOT / "fixtures" / "office" / "seed.xlsx", folder / "seed.xlsx")
    # a project name GBK cannot hold (an emoji, an extension-B ideograph)
    text = (ROOT / "fixtures" / "forms" / "split-columns.yaml").read_text("utf-8")
    (folder / "emoji.yaml").write_text(text.replace("社区居民健康讲座", "社区😀𠀀健康讲座"), "utf-8")
    return folder


def _commands(forms: Path, out: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    seed, yml = str(forms / "seed.txt"), str(forms / "emoji.yaml")
    return [
        (["--version"], (0,)),
        (["--help"], (0,)),
        (["check", seed, yml], (1,)),
        (["check", seed, "--format", "concise"], (1,)),
        (["check", yml, "--format", "json"], (0,)),  # notes only
        (["check", seed, "--diff", "--unsafe-fixes"], (1,)),
        (["check", str(forms / "missing.txt")], (2,)),
        (["parse", yml, "--format", "text"], (0,)),
        (["rules"], (0,)),
        (["layouts"], (0,)),
        (["check", seed, "-v"], (1,)),
        (["explain", "JX202"], (0,)),
        (["audit", str(forms), "-o", str(out / "r.html"), "--no-progress"], (0,)),
        (["annotate", yml, str(forms / "seed.xlsx"), "-o", str(out / "annotated"), "--force"], (0,)),
        (["annotate", seed, "-o", str(out / "annotated")], (2,)),
        (["lsp", "--help"], (0,)),
    ]


@pytest.mark.parametrize("console", sorted(CONSOLES))
def test_every_command_prints_on_a_console_that_is_not_utf8(console, forms, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING", "LC_ALL", "LANG")}
    env.update({k: v for k, v in CONSOLES[console].items() if v})
    commands = _commands(forms, tmp_path)
    if console == "gbk":  # GBK shows Chinese: the commands that print form text and messages
        commands = [(args, codes) for args, codes in commands if args[0] in GBK_COMMANDS]

    def run(args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "linter", *args], capture_output=True, env=env, cwd=tmp_path, timeout=120
        )

    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(run, [args for args, _ in commands]))
    for (args, codes), run in zip(commands, runs, strict=True):
        where = f"{console}: jxlint {' '.join(args)}"
        stderr = run.stderr.decode("latin-1")
        assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, f"{where}\n{stderr}"
        assert run.returncode in codes, f"{where}: exit {run.returncode}\n{stderr}"
        assert run.stdout or run.stderr, where  # it printed something
        if console == "c-locale":
            assert run.stdout.isascii() and run.stderr.isascii(), where
        else:
            run.stdout.decode("gbk"), run.stderr.decode("gbk")  # what the console shows is valid GBK
