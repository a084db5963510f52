"""The HTML report: escaping, self-containment, structure, language."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from audit_factory import (
    AMP_NAME,
    EXPECTED,
    HOSTILE_INDICATOR,
    HOSTILE_MESSAGE,
    HOSTILE_NAME,
    HOSTILE_UNIT,
    build,
)
from markupsafe import escape

from linter.audit import render_report
from linter.audit.charts import Bar, bar_chart, fit, text_width

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "rect", "path", "line", "circle"}


class _Collect(HTMLParser):
    """Collects start tags, text and checks that every non-void element is closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.errors: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def html() -> str:
    return render_report(build(roots=["批次"]), "html").decode("utf-8")


@pytest.fixture(scope="module")
def parsed(html) -> _Collect:
    p = _Collect()
    p.feed(html)
    p.close()
    return p


def test_the_document_is_well_formed(parsed):
    assert parsed.errors == []
    assert parsed.stack == []


def test_hostile_text_is_escaped_everywhere(html, parsed):
    # The only script element is the report's own; no injected element or handler exists.
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    text = "".join(parsed.text)
    for hostile in (HOSTILE_NAME, HOSTILE_UNIT, HOSTILE_INDICATOR, HOSTILE_MESSAGE, AMP_NAME):
        assert hostile in text, hostile  # shown as text
    assert str(escape(HOSTILE_NAME)) in html
    assert "≥95%&lt;!--" in html  # a target that opens an HTML comment stays text


def test_no_external_resources(html, parsed):
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
        if tag == "a":
            assert attrs["href"].startswith("#"), attrs
    assert "@import" not in html and "url(" not in html


def test_csp_allows_exactly_the_inline_script_and_style(html, parsed):
    csp = next(a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    (script,) = parsed.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp
    assert "data-ready" in script


def test_layout_summary_forms_table_and_sections(html, parsed):
    ids = [a["id"] for _, a in parsed.tags if "id" in a]
    order = ["summary", "by-rule", "by-category", "by-department", "by-unit", "forms", "per-form"]
    assert [i for i in ids if i in order] == order
    assert html.count("<svg") == 3  # by rule, by category, by unit
    rows = re.search(r'<table class="sortable" id="forms-table">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert rows.group(1).count("<tr>") == EXPECTED["forms_read"]
    assert rows.group(1).count("verdict-return") == EXPECTED["return"]
    forms_with_findings = 5
    assert len(re.findall(r'<article class="item (?:pass|return)" id="form-\d+">', html)) == (forms_with_findings)
    assert 'id="file-findings"' in html and 'id="file-errors"' in html and 'id="notices"' in html
    assert html.count('data-filter="') == 2
    assert '"PingFang SC", "Hiragino Sans GB"' in html and '"Noto Sans CJK SC"' in html
    assert "@media print" in html


def test_summary_cards_hold_the_figures(parsed):
    text = "".join(parsed.text)
    for label, value in (
        ("表单数", EXPECTED["forms_read"]),
        ("问题数", EXPECTED["findings"]),
        ("退回修改", EXPECTED["return"]),
        ("涉及资金（元）", "2,656,330.06"),
        ("有错误表单的资金（元）", "711,100.50"),
    ):
        assert f"{label}{value}" in text, label


def test_chinese_by_default_english_on_request():
    zh = render_report(build(), "html").decode()
    en = render_report(build("en"), "html", lang="en").decode()
    assert '<html lang="zh-CN">' in zh and "绩效目标审核报告" in zh and "退回修改" in zh
    assert '<html lang="en">' in en and "Performance target audit report" in en
    assert "return for revision" in en and "退回修改" not in en
    assert HOSTILE_MESSAGE not in en and str(escape(HOSTILE_MESSAGE)) in en  # form text as is


def test_chart_labels_are_escaped_and_cut_to_fit():
    svg = str(bar_chart([Bar('<a href="x">&</a>', 3), Bar("很长的实施单位名称" * 5, 1)], "t"))
    assert "<a " not in svg
    assert '>&lt;a href="x"&gt;&amp;&lt;/a&gt;</text>' in svg
    assert "…" in svg
    assert fit("短名称", 100) == "短名称"
    assert text_width(fit("很长的实施单位名称" * 5, 120)) <= 120
