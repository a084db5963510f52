"""Fingerprints survive line moves and tell identical findings apart (linter.fingerprint)."""

from __future__ import annotations

import dataclasses
import hashlib
import re

from linter.findings import Finding
from linter.fingerprint import fingerprint, fingerprints
from linter.model import Span


def mk(**kw) -> Finding:
    base = dict(
        path="forms/a.txt",
        rule="JX301",
        name="duplicate-indicator",
        severity="warning",
        category="相关性",
        message="三级指标“及时”与第21行重复",
        span=Span(22, 7, 22, 9),
        form_index=1,
        form_name="编外人员工作经费",
        indicator="及时",
        indicator_index=5,
    )
    base.update(kw)
    return Finding(**base)


def test_shape():
    assert re.fullmatch(r"[0-9a-f]{32}", fingerprint(mk()))


def test_survives_line_and_column_moves():
    f = mk()
    moved = dataclasses.replace(f, span=Span(40, 3, 40, 5), indicator_index=9, form_index=3)
    assert fingerprint(f) == fingerprint(moved)


def test_identity_parts_matter():
    f = mk()
    for change in (
        {"rule": "JX302"},
        {"path": "forms/b.txt"},
        {"form_name": "工伤鉴定"},
        {"indicator": "体检安排的及时性"},
    ):
        assert fingerprint(dataclasses.replace(f, **change)) != fingerprint(f), change


def test_without_indicator_the_message_counts_but_not_its_digits():
    f = mk(indicator=None, message="年度资金总额 1,693,995.00 与明细合计 1,693,000.00 不符")
    digits = dataclasses.replace(f, message="年度资金总额 2,000.00 与明细合计 1,000.00 不符")
    other = dataclasses.replace(f, message="计划完成日期早于开始日期")
    assert fingerprint(f) == fingerprint(digits)
    assert fingerprint(f) != fingerprint(other)


def test_with_indicator_the_message_does_not_count():
    f = mk()
    assert fingerprint(f) == fingerprint(dataclasses.replace(f, message="another wording"))


def test_windows_separators_are_normalized():
    assert fingerprint(mk(path="forms\\a.txt")) == fingerprint(mk(path="forms/a.txt"))


def test_identical_findings_are_numbered():
    a, b = mk(), mk(span=Span(30, 7, 30, 9))
    c = mk(rule="JX210")
    fps = fingerprints([a, c, b])
    assert len(set(fps)) == 3
    assert fps[0] == fingerprint(a, 0)
    assert fps[2] == fingerprint(b, 1)
    assert fps[1] == fingerprint(c, 0)


def test_documented_recipe():
    """The recipe is the baseline's contract: changing it invalidates stored baselines."""
    f = mk()
    parts = ["v1", "JX301", "forms/a.txt", "编外人员工作经费", "indicator:及时", "0"]
    expected = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    assert fingerprint(f) == expected
