"""`jxlint layouts`: the templates jxlint reads (rules/layouts/ and a config's layout_dirs)."""

from __future__ import annotations

import argparse
import json

from linter.commands.common import EXIT_CLEAN, Subparsers, load_config, rule_options, write_output
from linter.messages import pick


def add_parser(sub: Subparsers) -> None:
    """The `layouts` sub-parser."""
    p = sub.add_parser("layouts", help="list the form templates jxlint recognises (rules/layouts/, layout_dirs)")
    p.add_argument("--format", default="table", choices=("table", "json"))
    rule_options(p)
    p.set_defaults(run=run_layouts)


def run_layouts(args: argparse.Namespace) -> int:
    """List the templates, as a table or JSON."""
    from linter.read.layouts import use_layout_dirs

    config = load_config(args)
    layouts = use_layout_dirs(config.layout_dirs)
    lang = "en" if getattr(args, "lang", None) == "en" or config.lang == "en" else "zh"
    rows = []
    for lay in layouts.layouts.values():
        rows.append(
            {
                "id": lay.id,
                "name": pick(lang, lay.name_zh, lay.name_en),
                "kind": lay.kind,
                "profile": lay.profile,
                "extends": lay.extends,
                "required": list(lay.required),
                "expected": list(lay.expected),
                "cues": {
                    "titles": list(lay.cue_titles),
                    "labels": sorted(lay.cue_labels),
                    "columns": sorted(lay.cue_columns),
                },
                "file": lay.path,
            }
        )
    if args.format == "json":
        write_output(json.dumps({"layouts": rows}, ensure_ascii=False, indent=2) + "\n", None)
        return EXIT_CLEAN
    width = max(len(r["id"]) for r in rows)
    lines = []
    for r in rows:
        base = f" ← {r['extends']}" if r["extends"] else ""
        lines.append(f"{r['id']:<{width}}  {r['kind']:<16} {r['profile']:<9} {r['name']}{base}")
    write_output("\n".join(lines) + "\n", None)
    return EXIT_CLEAN
