"""YAML read through yaml's composer (safe), keeping where every value stood.

Floats become Decimal from the text as written (never float); timestamps stay strings as
written; every other scalar is built by yaml's safe constructor. The result has the same
shape as `linter.read.jsonpos.Located`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from linter.limits import in_range
from linter.model import Span
from linter.read.jsonpos import Located, escape, without_surrogates
from linter.yamlfile import SAFE_LOADER

_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_DECIMAL = re.compile(r"^[-+]?(?:\d[\d_]*)?(?:\.\d[\d_]*)?(?:[eE][-+]?\d+)?$")
_MAX_NODES = 100_000


class YamlShapeError(ValueError):
    """YAML that is well formed but cannot be a form (a float like .inf, a key that is not
    text, a repeated key, too many aliases)."""

    def __init__(self, message_zh: str, message_en: str, line: int | None) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        self.line = line


def _span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    if (
        isinstance(node, yaml.ScalarNode)
        and node.style in ("'", '"')
        and start.line == end.line
        and end.column - start.column >= 2
    ):
        return Span(start.line + 1, start.column + 2, end.line + 1, end.column)
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    def __init__(self) -> None:
        self.out = Located(None)
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, ptr: str) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise YamlShapeError(
                "YAML 内容过大（别名展开过多）",
                "YAML too large (too many aliases)",
                node.start_mark.line + 1,
            )
        self.out.spans[ptr] = _span(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _FLOAT_TAG:
                    raise YamlShapeError("字段名必须是文字", "a key must be text", key_node.start_mark.line + 1)
                key = str(key_node.value)
                if key in result:
                    raise YamlShapeError(
                        f"重复的字段「{key}」",
                        f"duplicate key {key!r}",
                        key_node.start_mark.line + 1,
                    )
                child = f"{ptr}/{escape(key)}"
                self.out.key_spans[child] = _span(key_node)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{ptr}/{i}") for i, item in enumerate(node.value)]
        return self.scalar(node, ptr)

    def scalar(self, node: yaml.ScalarNode, ptr: str = "") -> Any:
        if node.tag == _STR_TAG or node.tag == _TIMESTAMP_TAG:
            return without_surrogates(str(node.value))
        if node.tag == _FLOAT_TAG or (node.tag == _INT_TAG and len(node.value) > 16):
            text = node.value.replace("_", "")
            if _DECIMAL.match(text):
                try:
                    value = Decimal(text)
                except InvalidOperation:
                    pass
                else:
                    if not in_range(value):
                        self.out.out_of_range[ptr] = node.value
                    return value
            raise YamlShapeError(
                f"数字「{node.value}」无效",
                f"invalid number {node.value!r}",
                node.start_mark.line + 1,
            )
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return str(node.value)


# libyaml's composer when present (fifteen times faster); its marks count characters too.
_COMPOSER = SAFE_LOADER


def parse_yaml(text: str) -> Located | None:
    """Parse `text`; None for an empty document. Raises yaml.YAMLError or YamlShapeError."""
    node = yaml.compose(text, Loader=_COMPOSER)
    if node is None:
        return None
    b = _Builder()
    b.out.value = b.build(node, "")
    return b.out
