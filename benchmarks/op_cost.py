"""Machine instructions of single interpreter operations: reading a field, making a value.

    python benchmarks/op_cost.py [--loops N]

Each operation runs N times in a loop of a function under valgrind's cachegrind; the same
loop that only copies a local variable is subtracted and the difference divided by N. The figures say what a model class
costs on this interpreter (docs/benchmarks.md, ninth session): a named tuple's field is read
through a descriptor the interpreter does not specialise, a frozen dataclass is made through
`object.__setattr__` once per field. Needs valgrind, like instructions.py.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from instructions import VALGRIND, instructions_in

_SETUP = """
from collections import namedtuple
from dataclasses import dataclass
NT = namedtuple("NT", [f"f{i}" for i in range(14)])
Span5 = namedtuple("Span5", "a b c d e")
FIELDS = "".join(f"    f{i}: int = 0\\n" for i in range(14))
ns = {"dataclass": dataclass}
exec("@dataclass(frozen=True, slots=True)\\nclass Frozen:\\n" + FIELDS, ns)
exec("@dataclass(slots=True)\\nclass Plain:\\n" + FIELDS, ns)
Frozen, Plain = ns["Frozen"], ns["Plain"]
class Slot5:
    __slots__ = ("a", "b", "c", "d", "e")
    def __init__(self, a, b, c, d, e):
        self.a = a; self.b = b; self.c = c; self.d = d; self.e = e
_new = tuple.__new__

def run(loops):
    nt, plain, tu, x = NT(*range(14)), Plain(*range(14)), tuple(range(14)), 7
    args, new, span5, slot5, frozen_, plain_, nt_ = tuple(range(14)), _new, Span5, Slot5, Frozen, Plain, NT
    for _ in range(loops):
        BODY
"""

OPERATIONS = {
    "read a named tuple's field": "y = nt.f3",
    "read a slotted dataclass's field": "y = plain.f3",
    "read a plain tuple's item": "y = tu[3]",
    "make a 14-field frozen slotted dataclass": "y = frozen_(*args)",
    "make a 14-field named tuple through its class": "y = nt_(*args)",
    "make a 14-field plain slotted dataclass": "y = plain_(*args)",
    "make a 5-field named tuple with tuple.__new__": "y = new(span5, (x, 1, x, 5, None))",
    "make a 5-field named tuple through its class": "y = span5(x, 1, x, 5, None)",
    "make a 5-field slotted class": "y = slot5(x, 1, x, 5, None)",
    "make a 5-item plain tuple": "y = (x, 1, x, 5, None)",
}


def count(body: str, loops: int) -> int:
    """Instructions of the setup and a loop of `loops` runs of `body`."""
    code = _SETUP.replace("BODY", body) + f"\nrun({loops})\n"
    cmd = [*VALGRIND, sys.executable, "-c", code]
    env = {"PYTHONHASHSEED": "0"}
    return instructions_in(subprocess.run(cmd, capture_output=True, text=True, check=False, env=env))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--loops", type=int, default=20000)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    empty = count("y = x", args.loops)
    for name, body in OPERATIONS.items():
        print(f"{(count(body, args.loops) - empty) / args.loops:10,.0f}  {name}")


if __name__ == "__main__":
    main()
