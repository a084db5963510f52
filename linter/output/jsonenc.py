"""A fast writer of indented JSON: the exact text of ``json.dumps(obj, ensure_ascii=False,
indent=2)``, made several times faster.

With `indent`, the standard library falls back from its C encoder to a pure-Python one built
of nested generators; on a batch of ten thousand forms that encoder was the largest cost of
the main process. This writer walks the (small, flat) finding dicts with one recursive
function and leaves string escaping to the C `encode_basestring`. A test holds it equal to
`json.dumps` on generated data.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

_INDENT = "  "
_KEYS: dict[str, str] = {}  # encoded keys: findings repeat the same few
_KEYS_MAX = 1024


def dumps_indented(obj: Any, level: int = 0) -> str:
    """`obj` as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, with every line
    after the first indented `level` more steps (for a value nested in a larger document)."""
    return _encode(obj, "\n" + _INDENT * level)


def _encode(obj: Any, newline: str) -> str:
    """`obj` encoded; `newline` is a line end followed by the indentation of `obj`'s line."""
    kind = type(obj)
    if kind is str:
        return encode_basestring(obj)
    if kind is dict:
        if not obj:
            return "{}"
        inner = newline + _INDENT
        items = []
        for key, value in obj.items():
            # strings, null and integers inline: most values of a finding (and every value
            # of a span) are one of them
            vtype = type(value)
            if vtype is str:
                text = encode_basestring(value)
            elif value is None:
                text = "null"
            elif vtype is int:
                text = int.__repr__(value)
            else:
                text = _encode(value, inner)
            items.append((_KEYS.get(key) or _key(key)) + text)
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if kind is list or kind is tuple:
        if not obj:
            return "[]"
        inner = newline + _INDENT
        return "[" + inner + ("," + inner).join([_encode(v, inner) for v in obj]) + newline + "]"
    return _scalar(obj, newline)


def _scalar(obj: Any, newline: str) -> str:
    """The scalars, and subclasses of str, dict, list and tuple, as `json` writes them."""
    if obj is None:
        return "null"
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if isinstance(obj, int):
        return int.__repr__(obj)
    if isinstance(obj, float):
        return _float(obj)
    if isinstance(obj, str):
        return encode_basestring(obj)
    if isinstance(obj, dict):
        return _encode(dict(obj), newline)
    if isinstance(obj, (list, tuple)):
        return _encode(list(obj), newline)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as `json` writes it (str, or a scalar turned into a string), with ": "."""
    if isinstance(key, str):
        text = encode_basestring(key) + ": "
        if len(_KEYS) < _KEYS_MAX:
            _KEYS[key] = text
        return text
    if isinstance(key, (int, float, bool)) or key is None:
        return encode_basestring(_scalar(key, "")) + ": "
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
