"""Load YAML (rule files, vocabularies, config) with the line of every value, and check it
against a JSON Schema with errors that name the file, the line and the field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml


class ConfigError(Exception):
    """A rule file, vocabulary or config file that cannot be used. Stops the run (exit 2)."""

    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure
# Python one. Both refuse every tag that would construct Python objects.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: Any) -> Any:
    """yaml.safe_load, on libyaml when available."""
    return yaml.load(stream, Loader=SAFE_LOADER)


@dataclass
class Located:
    """A loaded YAML document. The node tree that tells where each value stood is composed
    only when a line is asked for (an error), so loading stays fast."""

    path: str
    data: Any
    text: str | None = None  # None: read again from `path` when a line is asked for
    checked: bool = False  # already validated (it came from the compiled-rule cache)

    @cached_property
    def root(self) -> yaml.Node | None:
        text = self.text if self.text is not None else Path(self.path).read_text("utf-8-sig")
        return yaml.compose(text, Loader=yaml.SafeLoader)

    def line(self, where: Sequence[str | int]) -> int | None:
        """The 1-based line of the value at `where` (keys and list indexes), or of the
        deepest part of it that exists."""
        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for key in where:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        nxt = v
                        best = k.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                nxt = node.value[key]
            if nxt is None:
                return best
            node = nxt
            best = node.start_mark.line + 1
        return best


def load_yaml(path: str | Path, text: str | None = None) -> Located:
    """Read a YAML file with yaml's safe loader; syntax errors become ConfigError."""
    name = str(path)
    if text is None:
        from linter.read.errors import ReadError
        from linter.read.files import read_regular_file

        try:  # a FIFO or /dev/zero named *.yaml in a rule folder must not hang the run
            text = read_regular_file(name, cap=MAX_YAML_BYTES).decode("utf-8-sig")
        except ReadError as exc:
            raise ConfigError(name, None, f"cannot read file: {exc.message_en}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(name, None, f"cannot read file: {exc}") from None
    try:
        data = _checked_load(text, name)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context, opened = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and opened is not None and (mark is None or opened.line != mark.line):
            problem += f" ({context} opened on line {opened.line + 1})"
        raise ConfigError(name, mark.line + 1 if mark else None, f"YAML syntax: {problem}") from None
    return Located(name, data, text)


MAX_YAML_BYTES = 64 * 1024 * 1024  # a rule, vocabulary or config file
MAX_NODES = 1_000_000  # values a rule, vocabulary or config file may expand to (aliases included)


def _checked_load(text: str, name: str) -> Any:
    """yaml.safe_load, refusing what safe_load lets through: a mapping with a key twice
    (the last one would win silently) and aliases that expand past MAX_NODES values (an
    alias bomb: a few lines that unfold to billions)."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node, name)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node, name: str) -> None:
    """Duplicate keys and the expanded size of the node graph, without recursion."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_NODES:
                raise ConfigError(
                    name,
                    node.start_mark.line + 1,
                    f"YAML aliases expand to more than {MAX_NODES} values (an alias bomb?): refused",
                )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise ConfigError(name, node.start_mark.line + 1, "a YAML alias refers to itself (a recursive structure)")
        open_nodes.add(key)
        if isinstance(node, yaml.MappingNode):
            _duplicate_keys(node, name)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _duplicate_keys(node: yaml.MappingNode, name: str) -> None:
    seen: set[tuple[str, str]] = set()
    for k, _ in node.value:
        if not isinstance(k, yaml.ScalarNode) or k.tag == "tag:yaml.org,2002:merge":
            continue
        ident = (k.tag, k.value)
        if ident in seen:
            raise ConfigError(name, k.start_mark.line + 1, f"the key {k.value!r} appears twice in one mapping")
        seen.add(ident)


@cache
def _validator(schema_file: str):
    from jsonschema import Draft202012Validator

    schema = json.loads(Path(schema_file).read_text("utf-8"))
    return Draft202012Validator(schema)


def validate(doc: Located, schema: Path | dict, data: Any = None, base: Sequence = ()) -> None:
    """Check `data` (default: the whole document) against a schema (a file, or a schema
    object); raise ConfigError at the line of the first (deepest, then earliest) error."""
    from jsonschema import Draft202012Validator

    target = doc.data if data is None else data
    validator = _validator(str(schema)) if isinstance(schema, Path) else Draft202012Validator(schema)
    errors = list(validator.iter_errors(target))
    if not errors:
        return
    err = min(errors, key=lambda e: (-len(e.absolute_path), [str(p) for p in e.absolute_path]))
    # oneOf failures hide the real cause: use the most specific sub-error.
    while err.context:
        err = min(err.context, key=lambda e: (-len(e.absolute_path), e.message))
    where = [*base, *err.absolute_path]
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in known]
        if extra:
            where.append(extra[0])  # point at the unknown key itself
    field = "/".join(str(p) for p in where) or "(top level)"
    raise ConfigError(doc.path, doc.line(where), f"{field}: {_explain(err)}")


def _explain(err) -> str:
    if err.validator == "additionalProperties":
        return f"unknown key — {err.message}"
    if err.validator == "enum":
        allowed = ", ".join(json.dumps(v, ensure_ascii=False) for v in err.validator_value)
        return f"{json.dumps(err.instance, ensure_ascii=False)} is not one of {allowed}"
    return err.message
