"""Horizontal bar charts as inline SVG, built with ElementTree (which escapes every label).

The HTML report embeds the returned markup as it is; no label is ever pasted into markup
as a string.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

SEVERITY_COLORS = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
DEFAULT_COLOR = "#3b6ea5"
FONT_SIZE = 12
ROW_HEIGHT = 22
BAR_HEIGHT = 14
MAX_LABEL_PX = 240
VALUE_PX = 48


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, its value, and its colour (None: the default)."""

    label: str
    value: int
    color: str | None = None
    tooltip: str | None = None  # the full text shown on hover (default: the label)


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """An estimate of `text`'s width in px: wide (CJK) characters 1 em, others 0.6 em."""
    return sum(size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.6 for ch in text)


def fit(text: str, max_px: float, size: int = FONT_SIZE) -> str:
    """`text`, cut and ended with … when it is wider than `max_px`."""
    if text_width(text, size) <= max_px:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > max_px:
            break
        out += ch
    return out + "…"


def _num(value: float) -> str:
    """A coordinate without float noise (12.0 → 12, 12.345 → 12.3)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def bar_chart(bars: list[Bar], title: str, width: int = 640) -> Markup:
    """An SVG bar chart of `bars`, one row each, longest bar = largest value."""
    label_px = min(MAX_LABEL_PX, max((text_width(b.label) for b in bars), default=0) + 8)
    bar_px = max(60, width - label_px - VALUE_PX)
    height = max(1, len(bars)) * ROW_HEIGHT + 8
    top = max((b.value for b in bars), default=0) or 1
    svg = ET.Element(
        "svg",
        {
            "class": "chart",
            "role": "img",
            "aria-label": title,
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "font-size": str(FONT_SIZE),
        },
    )
    ET.SubElement(svg, "title").text = title
    for i, bar in enumerate(bars):
        y = 4 + i * ROW_HEIGHT
        row = ET.SubElement(svg, "g", {"class": "bar"})
        ET.SubElement(row, "title").text = f"{bar.tooltip or bar.label}: {bar.value}"
        label = ET.SubElement(
            row,
            "text",
            {
                "x": _num(label_px - 6),
                "y": _num(y + ROW_HEIGHT / 2 + FONT_SIZE / 2 - 2),
                "text-anchor": "end",
            },
        )
        label.text = fit(bar.label, label_px - 8)
        length = bar_px * bar.value / top
        ET.SubElement(
            row,
            "rect",
            {
                "x": _num(label_px),
                "y": _num(y + (ROW_HEIGHT - BAR_HEIGHT) / 2),
                "width": _num(max(length, 1 if bar.value else 0)),
                "height": str(BAR_HEIGHT),
                "fill": bar.color or DEFAULT_COLOR,
            },
        )
        value = ET.SubElement(
            row,
            "text",
            {
                "x": _num(label_px + length + 4),
                "y": _num(y + ROW_HEIGHT / 2 + FONT_SIZE / 2 - 2),
                "class": "value",
            },
        )
        value.text = str(bar.value)
    # ElementTree escapes &, <, > in text and also " in attribute values.
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))
