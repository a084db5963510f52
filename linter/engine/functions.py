"""What a compiled condition calls while it runs: the functions rule authors may call
(`FUNCTIONS`), attribute reads on the model (`get_attr`: only public fields and the exposed
properties), the comparison and arithmetic operators, and the error they raise (`EvalError`).
The compiler (linter/engine/expr.py) binds them into its closures."""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from linter.engine.saferegex import MAX_SUBJECT, UnsafePattern, check_pattern

# Properties (not dataclass fields) that rules may read.
EXPOSED_PROPERTIES = frozenset({"normalized_value", "is_quantitative", "project_name", "department", "unit"})


class EvalError(Exception):
    """A condition that failed while running (a type mismatch, a bad regex …)."""


def as_text(x: Any) -> str:
    return "" if x is None else str(x)


def as_tuple(x: Any) -> tuple:
    if x is None:
        return ()
    if isinstance(x, str):
        return (x,)
    return tuple(x)


@cache
def _regex(pattern: str) -> re.Pattern:
    try:
        check_pattern(pattern)
        return re.compile(pattern)
    except (re.error, UnsafePattern) as exc:
        raise EvalError(f"bad regular expression {pattern!r}: {exc}") from None


def matches_any(text: Any, patterns: Any) -> bool:
    s = as_text(text)[:MAX_SUBJECT]
    return any(_regex(p).search(s) for p in as_tuple(patterns))


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "len": lambda x: 0 if x is None else len(x),
    "lower": lambda x: as_text(x).lower(),
    "abs": lambda x: None if x is None else abs(x),
    "min": lambda *xs: min((x for x in xs if x is not None), default=None),
    "max": lambda *xs: max((x for x in xs if x is not None), default=None),
    "contains": lambda t, s: s is not None and as_text(s) in as_text(t),
    "starts_with": lambda t, s: s is not None and as_text(t).startswith(as_text(s)),
    "ends_with": lambda t, s: s is not None and as_text(t).endswith(as_text(s)),
    "contains_any": lambda t, xs: any(x in as_text(t) for x in as_tuple(xs)),
    "starts_with_any": lambda t, xs: any(as_text(t).startswith(x) for x in as_tuple(xs)),
    "ends_with_any": lambda t, xs: any(as_text(t).endswith(x) for x in as_tuple(xs)),
    "matches_any": matches_any,
    "decimal": lambda x: None if x is None else Decimal(str(x)),
}

COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def get_attr(value: Any, name: str) -> Any:
    """Read `name` from a model object or a mapping; null stays null."""
    if value is None:
        return None
    visible = _VISIBLE.get(type(value))
    if visible is None:
        if isinstance(value, Mapping):
            return value.get(name)
        visible = _VISIBLE[type(value)] = _visible(type(value))
    if name in visible:
        return getattr(value, name)
    raise EvalError(f"{type(value).__name__} has no field {name!r}")


_VISIBLE: dict[type, frozenset[str]] = {}  # get_attr's memo of _visible, by type (not mappings)


def path_error(cls: type, names: list[str]) -> tuple[int, str] | None:
    """Whether reading `names` one after the other from an instance of `cls` can work: None
    when it can (or when a type on the way is not a model class, so nothing is known), else
    (the position in `names` of the first unknown name, a message naming the nearest valid
    name). Used at rule load, so that a misspelt `target.valu` is reported with its line."""
    import difflib
    import typing

    for k, name in enumerate(names):
        visible = _visible(cls)
        if not visible:
            return None if cls not in (str, int, Decimal) else (k, f"{cls.__name__} has no field {name!r}")
        if name not in visible:
            near = difflib.get_close_matches(name, sorted(visible), n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else f" (known: {', '.join(sorted(visible))})"
            return k, f"{cls.__name__} has no field {name!r}{hint}"
        hints = _hints(cls)
        if name not in hints:
            return None  # an exposed property: its type is not followed
        cls = _model_type(hints[name], typing)
        if cls is None:
            return None
    return None


def readable(cls: type, name: str) -> bool:
    """Whether rules may read `name` on instances of `cls` (what get_attr allows)."""
    return name in _visible(cls)


@cache
def _hints(cls: type) -> dict[str, Any]:
    import typing

    import linter.model as model

    return typing.get_type_hints(cls, vars(model))


def _model_type(hint: Any, typing: Any) -> type | None:
    """The class a field's type names (`Money | None` → Money); None for a union of several
    classes, a container or anything else not followed."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is None:
        return hint if isinstance(hint, type) else None
    if len(args) == 1 and isinstance(args[0], type) and typing.get_origin(args[0]) is None:
        return args[0]
    return None


def _visible(cls: type) -> frozenset[str]:
    """The names a rule may read on instances of `cls`: dataclass fields and exposed properties."""
    if dataclasses.is_dataclass(cls):
        fields = frozenset(cls.__dataclass_fields__)
    elif issubclass(cls, tuple) and hasattr(cls, "_fields"):  # a named tuple of the model (Span, HeaderField …)
        fields = frozenset(cls._fields)
    else:
        return frozenset()
    props = {n for n in EXPOSED_PROPERTIES if isinstance(getattr(cls, n, None), property)}
    return fields | props
