"""The condition language: parse with grammar/expr.lark, compile to Python closures.

A compiled expression is a function `ctx -> value` where `ctx` maps root names (indicator,
target, form, name, level1, level2, vocab, threshold …) to values. Nothing is ever passed to
`eval`: the tree is walked once at compile time and turned into nested closures, which call
the run-time helpers of linter/engine/functions.py (the functions, attribute reads, operators).

Semantics, chosen so that rule authors need no null checks:
- a comparison (< <= > >=) with null on either side is false; == and != compare normally;
- arithmetic with null gives null; `x in null` is false; `null in [..]` is true exactly when
  the list holds null (`target.op in ["=", null]` matches a target with no operator), and
  `null in "text"` and `null matches "…"` are false;
- attribute access on null gives null; only public fields of the model are visible.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from linter.engine.functions import (
    ARITH,
    COMPARE,
    FUNCTIONS,
    EvalError,
    as_text,
    as_tuple,
    get_attr,
    matches_any,
    path_error,
    readable,
)
from linter.engine.saferegex import UnsafePattern, check_pattern
from linter.engine.textcalls import FIXED_LIST, FIXED_TEXT
from linter.resources import grammar_path

Compiled = Callable[[Mapping[str, Any]], Any]


class ExprError(Exception):
    """A condition that cannot be compiled; `column` is 1-based within the expression."""

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.column = column


@cache
def _parser():
    from lark import Lark

    return Lark(grammar_path("expr.lark").read_text("utf-8"), parser="lalr", maybe_placeholders=False)


def parse_tree(source: str) -> list:
    """Parse expression text into a plain tree (see Compiler._node)."""
    from lark import Token, Tree
    from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

    try:
        tree = _parser().parse(source)
    except UnexpectedToken as exc:
        if exc.token.type == "$END":
            raise ExprError("unexpected end of expression", len(source) + 1) from None
        raise ExprError(f"unexpected {str(exc.token)!r}", getattr(exc, "column", None)) from None
    except UnexpectedCharacters as exc:
        raise ExprError(f"unexpected character {source[exc.pos_in_stream]!r}", exc.column) from None
    except UnexpectedInput as exc:
        raise ExprError("cannot read the expression", getattr(exc, "column", None)) from None
    _check_depth(tree, Tree)

    def plain(node):
        if isinstance(node, Token):
            return ["$", node.type, str(node), node.column]
        if isinstance(node, Tree):
            return [node.data, *(plain(c) for c in node.children)]
        raise ExprError("unexpected parse result")

    return plain(tree)


MAX_DEPTH = 100  # levels of nesting in a condition (the compiler recurses over them)


def _check_depth(tree: Any, tree_type: type) -> None:
    """Refuse a condition nested deeper than MAX_DEPTH (5,000 nested `not`), walking
    without recursion."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExprError(f"the condition is nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(node, tree_type):
            stack.extend((child, depth + 1) for child in node.children)


def _constant(value: Any) -> Compiled:
    """A closure that returns `value`, marked so that callers can fold it at compile time."""

    def const(ctx: Mapping[str, Any]) -> Any:
        return value

    const.value = value  # type: ignore[attr-defined]
    return const


@cache
def _arity(fn: Callable[..., Any]) -> tuple[int, int | None]:
    """(least, most) arguments `fn` takes; most is None for *args."""
    import inspect

    params = inspect.signature(fn).parameters.values()
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return sum(p.kind is p.POSITIONAL_OR_KEYWORD for p in params), None
    return len(params), len(params)


class Compiler:
    """Turns expression text into a closure, checking names against what the scope offers.

    `roots` are the names a rule of this scope may use; `keys` maps a root that is a mapping
    (vocab, threshold) to its known keys, so that a typo fails at load time.
    `predicates` maps a predicate name to its compiled closure.
    """

    def __init__(
        self,
        roots: frozenset[str],
        keys: Mapping[str, frozenset[str]],
        predicates: Mapping[str, Compiled],
        constants: Mapping[str, Mapping[str, Any]] | None = None,
        types: Mapping[str, type] | None = None,
    ):
        self.roots = roots
        self.keys = keys
        self.predicates = predicates
        # Roots whose entries are fixed for the run (vocab, threshold): read at compile time,
        # so that `contains_any(name, vocab.x)` becomes one precompiled regular expression.
        self.constants = constants or {}
        # The model class of a root (target → Target): an attribute path on it is checked here.
        self.types = types or {}

    def compile(self, source: str | list) -> Compiled:
        """Compile expression text, or a tree already made by `parse_tree`."""
        return self._node(parse_tree(source) if isinstance(source, str) else source)

    # -- tree walking -------------------------------------------------------------------
    # A tree is plain data (so that it can be cached as JSON): [rule, child, …] for a rule,
    # ["$", TYPE, text, column] for a token.
    def _node(self, node: list) -> Compiled:
        if node[0] == "$":  # a bare NAME reduced without a path rule
            return self._path([node])
        handler = getattr(self, f"_{node[0]}", None)
        if handler is None:
            raise ExprError(f"unsupported construct {node[0]}")
        return handler(node[1:])

    def _string(self, ch: list) -> Compiled:
        raw = ch[0][2][1:-1]
        # Only quotes and the backslash itself are escapes; `\d` stays `\d` for regexes.
        value = re.sub(r"\\([\\\"'])", r"\1", raw)
        return _constant(value)

    def _number(self, ch: list) -> Compiled:
        return _constant(Decimal(ch[0][2]))

    def _true(self, ch: list) -> Compiled:
        return lambda ctx: True

    def _false(self, ch: list) -> Compiled:
        return lambda ctx: False

    def _null(self, ch: list) -> Compiled:
        return _constant(None)

    def _list_(self, ch: list) -> Compiled:
        items = [self._node(c) for c in ch]
        if all(hasattr(f, "value") for f in items):
            return _constant(tuple(f.value for f in items))
        return lambda ctx: tuple(f(ctx) for f in items)

    def _path(self, ch: list) -> Compiled:
        names = [t[2] for t in ch]
        col = ch[0][3]
        root, rest = names[0], names[1:]
        if root in self.predicates and not rest:
            return self.predicates[root]
        if root not in self.roots:
            known = ", ".join(sorted(self.roots | set(self.predicates)))
            raise ExprError(f"unknown name {root!r} (known: {known})", col)
        if root in self.keys and rest and rest[0] not in self.keys[root]:
            raise ExprError(f"unknown {root} entry {rest[0]!r}", col)
        if root in self.types and rest:
            wrong = path_error(self.types[root], rest)
            if wrong is not None:
                raise ExprError(f"{'.'.join(names[: wrong[0] + 2])}: {wrong[1]}", ch[wrong[0] + 1][3])
        if root in self.constants and len(rest) == 1:
            return _constant(self.constants[root].get(rest[0]))
        if not rest:
            return lambda ctx: ctx.get(root)
        if len(rest) == 1 and root in self.types and readable(self.types[root], rest[0]):
            field = rest[0]  # checked here once: the value is always of the root's model class

            def read_field(ctx: Mapping[str, Any]) -> Any:
                value = ctx.get(root)
                return None if value is None else getattr(value, field)

            return read_field

        def read(ctx: Mapping[str, Any]) -> Any:
            value = ctx.get(root)
            for name in rest:
                value = get_attr(value, name)
            return value

        return read

    def _call(self, ch: list) -> Compiled:
        name = ch[0][2]
        fn = FUNCTIONS.get(name)
        if fn is None:
            raise ExprError(f"unknown function {name!r} (known: {', '.join(sorted(FUNCTIONS))})", ch[0][3])
        args = [self._node(c) for c in ch[1:]]
        low, high = _arity(fn)
        if len(args) < low or (high is not None and len(args) > high):
            want = f"{low}" if low == high else f"{low} or more" if high is None else f"{low} to {high}"
            raise ExprError(f"{name}() takes {want} argument(s), not {len(args)}", ch[0][3])
        if name in FIXED_LIST and len(args) == 2 and hasattr(args[1], "value"):
            try:
                return FIXED_LIST[name](args[0], as_tuple(args[1].value))
            except (re.error, UnsafePattern) as exc:
                raise ExprError(f"bad regular expression in {as_tuple(args[1].value)!r}: {exc}") from None
        if name in FIXED_TEXT and len(args) == 2 and isinstance(getattr(args[1], "value", None), str):
            return FIXED_TEXT[name](args[0], args[1].value)

        def call(ctx: Mapping[str, Any]) -> Any:
            values = [a(ctx) for a in args]
            try:
                return fn(*values)
            except (TypeError, ValueError, ArithmeticError, AttributeError):
                raise EvalError(f"{name}() cannot take {', '.join(map(repr, values))}") from None

        return call

    def _not_(self, ch: list) -> Compiled:
        inner = self._node(ch[0])
        return lambda ctx: not inner(ctx)

    def _and_(self, ch: list) -> Compiled:
        parts = [self._node(c) for c in ch]

        def and_(ctx: Mapping[str, Any]) -> bool:  # a loop: faster than all() over a generator
            for p in parts:  # noqa: SIM110
                if not p(ctx):
                    return False
            return True

        return and_

    def _or_(self, ch: list) -> Compiled:
        parts = [self._node(c) for c in ch]

        def or_(ctx: Mapping[str, Any]) -> bool:
            for p in parts:  # noqa: SIM110
                if p(ctx):
                    return True
            return False

        return or_

    def _neg(self, ch: list) -> Compiled:
        inner = self._node(ch[0])

        def neg(ctx: Mapping[str, Any]) -> Any:
            v = inner(ctx)
            if v is None:
                return None
            try:
                return -v
            except TypeError:
                raise EvalError(f"cannot negate {v!r}") from None

        return neg

    def _compare(self, ch: list) -> Compiled:
        left, op, right = self._node(ch[0]), COMPARE[ch[1][2]], self._node(ch[2])
        ordering = ch[1][2] not in ("==", "!=")
        if not ordering and hasattr(right, "value"):  # `x == "percent"`: most comparisons
            fixed = right.value
            if op is operator.eq:
                return lambda ctx: left(ctx) == fixed
            return lambda ctx: left(ctx) != fixed

        def compare(ctx: Mapping[str, Any]) -> bool:
            a, b = left(ctx), right(ctx)
            if ordering and (a is None or b is None):
                return False
            try:
                return op(a, b)
            except TypeError:
                raise EvalError(f"cannot compare {a!r} with {b!r}") from None

        return compare

    def _arith(self, ch: list) -> Compiled:
        left, op, right = self._node(ch[0]), ARITH[ch[1][2]], self._node(ch[2])

        def arith(ctx: Mapping[str, Any]) -> Any:
            a, b = left(ctx), right(ctx)
            if a is None or b is None:
                return None
            try:
                return op(a, b)
            except (TypeError, InvalidOperation, ZeroDivisionError):
                return None

        return arith

    def _in_(self, ch: list) -> Compiled:
        left, right = self._node(ch[0]), self._node(ch[1])
        members = getattr(right, "value", None)
        if isinstance(members, (tuple, list)) and all(m is None or isinstance(m, (str, Decimal)) for m in members):
            fixed = frozenset(members)  # a vocabulary or literal list: one hash lookup (null included)

            def member(ctx: Mapping[str, Any]) -> bool:
                v = left(ctx)
                try:
                    return v in fixed
                except TypeError:
                    raise EvalError(f"cannot look for {v!r} in a list") from None

            return member

        def contains(ctx: Mapping[str, Any]) -> bool:
            a, b = left(ctx), right(ctx)
            if b is None:
                return False
            if isinstance(b, str):
                return a is not None and as_text(a) in b
            if a is None:
                return isinstance(b, (tuple, list)) and any(m is None for m in b)
            try:
                return a in b
            except TypeError:
                raise EvalError(f"cannot look for {a!r} in {b!r}") from None

        return contains

    def _not_in(self, ch: list) -> Compiled:
        inner = self._in_(ch)
        return lambda ctx: not inner(ctx)

    def _matches(self, ch: list) -> Compiled:
        left, right = self._node(ch[0]), self._node(ch[1])
        if hasattr(right, "value"):  # a pattern written in the rule: refused at load when unsafe
            for p in as_tuple(right.value):
                try:
                    check_pattern(str(p))
                except re.error:
                    pass  # a pattern that does not compile is an evaluation error, as before
                except UnsafePattern as exc:
                    raise ExprError(f"bad regular expression {p!r}: {exc}") from None

        def matches(ctx: Mapping[str, Any]) -> bool:
            text, patterns = left(ctx), right(ctx)
            try:
                return text is not None and matches_any(text, patterns)
            except TypeError:  # patterns that are not text (a number)
                raise EvalError(f"cannot match {text!r} with {patterns!r}") from None

        return matches
