"""The review corpus (fixtures/review/): lint its forms as a reviewer would run them (each
folder's .jxlint.yaml applies), and build the per-rule table of docs/rule-review.md from the
hand judgements in fixtures/review/expectations.yaml.

    python tests/review_helpers.py    # print the table to paste into docs/rule-review.md
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "review"
EXPECTATIONS = CORPUS / "expectations.yaml"
JUDGED = ("warning", "error")


def corpus_files() -> list[str]:
    """The form files of the corpus, as paths under fixtures/review/."""
    return sorted(
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*.yaml")
        if not p.name.startswith(".") and p != EXPECTATIONS
    )


def expectations() -> dict[str, list[dict]]:
    return yaml.safe_load(EXPECTATIONS.read_text("utf-8"))


def key(form: int, rule: str, severity: str, indicator: str | None) -> tuple:
    return (form, rule, severity, indicator or "")


def judged_findings(name: str) -> Counter:
    """The warnings and errors jxlint gives on one corpus file, as keys."""
    from linter.api import lint_paths
    from linter.config import Config, discover, load_config_file

    path = CORPUS / name
    found = discover(path.parent)
    config = load_config_file(found) if found else Config()
    result = lint_paths([path], config)
    assert not result.errors, result.errors
    return Counter(
        key(f.form_index or 1, f.rule, f.severity, f.indicator) for f in result.findings if f.severity in JUDGED
    )


def expected_findings(entries: list[dict]) -> Counter:
    return Counter(key(e.get("form", 1), e["rule"], e["severity"], e.get("indicator")) for e in entries)


def table(expect: dict[str, list[dict]] | None = None) -> str:
    """The per-rule table: the warnings and errors each rule gives on the corpus, how many a
    reviewer accepts, and the same for the held-out forms alone."""
    from linter.engine.loader import load_ruleset

    expect = expect if expect is not None else expectations()
    rules = {r.id: r for r in load_ruleset().rules}
    counts: dict[str, Counter] = {rid: Counter() for rid in rules}
    for name, entries in expect.items():
        for e in entries or []:
            c = counts[e["rule"]]
            c["all"] += 1
            c[e["verdict"]] += 1
            c["pending"] += e.get("pending") == "lead"
            if name.startswith("holdout/"):
                c["held"] += 1
                c["held_accept"] += e["verdict"] == "accept"
    rows = [
        "| rule | name | severity | basis | warnings + errors | accepted "
        "| rejected (of which the lead's, pending) | accepted share | held-out accepted |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    total = Counter()
    for rid, rule in rules.items():
        c = counts[rid]
        share = f"{100 * c['accept'] / c['all']:.0f}%" if c["all"] else "—"
        held = f"{c['held_accept']}/{c['held']}" if c["held"] else "—"
        kind = rule.raw.get("basis_kind", "?")
        rows.append(
            f"| {rid} | `{rule.name}` | {rule.severity} | {kind} | {c['all']} | {c['accept']} "
            f"| {c['reject']} ({c['pending']}) | {share} | {held} |"
        )
        total.update(c)
    share = 100 * total["accept"] / total["all"]
    mine = total["all"] - total["pending"]
    rows.append(
        f"| **all** | | | | {total['all']} | {total['accept']} | {total['reject']} ({total['pending']}) "
        f"| {share:.1f}% | {total['held_accept']}/{total['held']} |"
    )
    rows.append(
        f"| **all but the lead's pending** | | | | {mine} | {total['accept']} "
        f"| {total['reject'] - total['pending']} (0) "
        f"| {100 * total['accept'] / mine:.1f}% | |"
    )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(table(), end="")
