"""How many fixture forms each text medium reads to the same model as their tab source.

    python benchmarks/text_media_scores.py [--list MEDIUM]

Every tab-separated fixture form (`fixtures/layouts/*/*.txt`, the seed's two files) is written
in the other text media by `fixtures/layouts/make_text_media.py`; this reads each written file
and its source with `linter.read.read_text` and compares the forms' models without their
places (spans, lines, messages that name a line, the medium), as `tests/test_read_media.py`
does. It prints, per medium file kind, `exact/total`; `--list MEDIUM` (e.g. `runon.txt`) also
names the sources that differ. The figures are in docs/text-media.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_PLACES = {"line", "col", "message_zh", "message_en", "medium"}


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_text_media", ROOT / "fixtures/layouts/make_text_media.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_places(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_places(v) for k, v in value.items() if "span" not in k and k not in _PLACES}
    if isinstance(value, list):
        return [_without_places(v) for v in value]
    return value


def model(text: str) -> list[Any]:
    """The forms of `text` without their places."""
    from linter.output.model_json import form_json
    from linter.read import read_text

    return [_without_places(form_json(f, "utf-8")) for f in read_text(text, "form.txt").forms]


def scores() -> dict[str, list[tuple[str, bool]]]:
    """Per medium file kind: (source name, read exactly) for every source."""
    gen = _generator()
    out: dict[str, list[tuple[str, bool]]] = {suffix: [] for suffix in gen.MEDIA}
    for source in gen.sources():
        want = model(source.read_text("utf-8"))
        name = f"{source.parent.name}/{source.stem}"
        for path, suffix in zip(gen.outputs(source), gen.MEDIA, strict=True):
            out[suffix].append((name, model(path.read_text("utf-8")) == want))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", metavar="MEDIUM", help="name the sources read differently in this medium (runon.txt …)")
    args = ap.parse_args(argv)
    found = scores()
    for suffix, results in found.items():
        print(f"{suffix:16} {sum(ok for _, ok in results)}/{len(results)}")
    for name, ok in found.get(args.list or "", []):
        if not ok:
            print(f"  differs: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
