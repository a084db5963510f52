"""Traditional characters (繁体) made simplified before a form is read.

A mirror may publish a form in traditional characters (指標, 產出, 滿意度). When the text is
mostly traditional, every character is mapped to its simplified form one for one, so
spans (line, column) stay those of the original text. The character table is OpenCC's
`TSCharacters` as shipped by opencc-python-reimplemented (`pip install "jxlint[hant]"`,
pure Python, Apache-2.0); only its table is read (the first candidate of each entry), not
its phrase conversion, which may change a text's length and so its positions.

"Mostly traditional" is decided on a fixed set of characters that forms use all the time
(`PAIRS`): more of their traditional forms than simplified ones. The test for it starts
with two substring searches (指標/績, in every traditional form), so a simplified text
costs next to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from linter.read.errors import ReadError
from linter.read.grid import Cell, Row

# (traditional, simplified) characters that forms use often: the vote.
PAIRS = (
    "標标產产數数質质時时經经濟济項项資资績绩預预費费實实設设員员務务對对達达額额與与單单體体"
    "財财門门計计劃划開开無无準准確确關关報报審审響响護护環环態态應应衛卫區区縣县農农鄉乡鎮镇"
    "議议調调訓训發发據据總总滿满點点檢检測测養养補补貼贴戶户層层級级會会備备維维參参訪访蓋盖"
)
TRADITIONAL = PAIRS[0::2]
SIMPLIFIED = PAIRS[1::2]
_TRAD_RE = re.compile(f"[{TRADITIONAL}]")
_SIMP_RE = re.compile(f"[{SIMPLIFIED}]")
_MIN_VOTES = 3


def mostly_traditional(text: str) -> bool:
    """True when `text` holds more traditional than simplified characters of `PAIRS`
    (and at least a few)."""
    if "標" not in text and "績" not in text:
        return False
    trad = len(_TRAD_RE.findall(text))
    return trad >= _MIN_VOTES and trad > len(_SIMP_RE.findall(text))


@lru_cache(maxsize=1)
def table() -> dict[int, str]:
    """OpenCC's traditional → simplified character table (one character for one)."""
    from importlib import resources

    try:
        source = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text("utf-8")
    except (ImportError, OSError, ModuleNotFoundError):
        source = ""
    out: dict[int, str] = {}
    for line in source.splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and key != first:
            out[ord(key)] = first
    return out


def to_simplified(text: str, path: str = "") -> str:
    """`text` with every traditional character made simplified (same length). Raises
    `ReadError` when the table is missing (opencc-python-reimplemented not installed)."""
    mapping = table()
    if not mapping:
        raise ReadError(
            path,
            '文件为繁体字，读取前需转为简体：请运行 pip install "jxlint[hant]"，或先转为简体再检查',
            "the file is in traditional characters, which are made simplified before reading: "
            'run pip install "jxlint[hant]", or convert it first',
        )
    return text.translate(mapping)


def simplify_text(text: str, path: str = "") -> str:
    """`text` made simplified when it is mostly traditional; else `text` itself."""
    return to_simplified(text, path) if mostly_traditional(text) else text


def simplify_rows(rows: Sequence[Row], path: str = "") -> Sequence[Row]:
    """The rows with their cell texts made simplified when the cells are mostly
    traditional (spans unchanged); else `rows` themselves."""
    joined = "\n".join(r.line_text for r in rows)
    if not mostly_traditional(joined):
        return rows
    mapping = table()
    if not mapping:
        to_simplified("", path)  # raises the error that says how to install it
    out = []
    for r in rows:
        cells = tuple(Cell(c.text.translate(mapping), c.span, c.col) for c in r.cells)
        out.append(Row(r.line, cells))
    return out
