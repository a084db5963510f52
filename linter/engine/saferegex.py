r"""Regular expressions from rules and vocabularies, refused when they can backtrack
catastrophically: Python's `re` has no time limit, so `^(a+)+$` on forty a's and a b never
ends. Refused at load (with the pattern named): a quantified part that holds another
unbounded quantifier (`(a+)+`, `(a*b?)*`), a quantified alternation whose branches can start
alike (`(a|ab)*`), and back-references. Possessive quantifiers and atomic groups (`(\d++\.)+`,
Python 3.11+) never backtrack and are accepted. What remains matches in polynomial time, and
is run on a text of at most `MAX_SUBJECT` characters.
"""

from __future__ import annotations

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MAX_SUBJECT = 100_000  # characters of text a user pattern is run on
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)  # Python 3.11+
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)
_BIG = 10  # a quantifier allowing more than this many repetitions counts as unbounded


class UnsafePattern(ValueError):
    """A pattern that may backtrack catastrophically; the message says why."""


def check_pattern(pattern: str) -> None:
    """Raise UnsafePattern (or re.error for a pattern that does not compile)."""
    _walk(_p.parse(pattern), False, pattern)


def _walk(items, inside: bool, pattern: str) -> bool:
    """Walk a parsed sequence; `inside`: within an unbounded repeat. Returns whether the
    sequence holds an unbounded repeat."""
    found = False
    for op, av in items:
        if op is not None and op is _POSSESSIVE:  # a++ never backtracks: safe at any depth
            _walk(av[2], False, pattern)
            found = True
        elif op in _REPEATS and op is not None:
            lo, hi, body = av
            unbounded = hi is _c.MAXREPEAT or hi > _BIG
            if inside and (unbounded or lo != hi):
                raise UnsafePattern(
                    f"nested quantifiers in {pattern!r} can backtrack without end (such as (a+)+ or (aa?)*)"
                )
            _walk(body, inside or unbounded, pattern)
            found = found or unbounded
        elif op is _c.SUBPATTERN:
            found = _walk(av[-1], inside, pattern) or found
        elif op is _c.BRANCH:
            if inside:
                _alternation_clash(av[1], pattern)
            for alt in av[1]:
                found = _walk(alt, inside, pattern) or found
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _walk(av[1], inside, pattern) or found
        elif op is _c.GROUPREF or op is getattr(_c, "GROUPREF_EXISTS", None):
            raise UnsafePattern(f"back-references in {pattern!r} are not allowed")
        elif op is not None and op is getattr(_c, "ATOMIC_GROUP", None):  # (?>…) never backtracks into itself
            found = _walk(av, False, pattern) or found
    return found


def _alternation_clash(alternatives, pattern: str) -> None:
    """Refuse `(a|ab)*`: a repeated alternation with two branches that can start alike."""
    firsts = [_first(alt) for alt in alternatives]
    for i, a in enumerate(firsts):
        for b in firsts[i + 1 :]:
            if a is None or b is None or a & b:
                raise UnsafePattern(
                    f"a repeated alternation in {pattern!r} has branches that can start alike and backtrack "
                    "without end (such as (a|ab)*)"
                )


def _first(seq) -> frozenset | None:
    """The characters a sequence can start with; None when it cannot be told (any)."""
    for op, av in seq:
        if op is _c.LITERAL:
            return frozenset((av,))
        if op is _c.IN:
            chars = [v for o, v in av if o is _c.LITERAL]
            return frozenset(chars) if len(chars) == len(av) else None
        if op is _c.SUBPATTERN:
            return _first(av[-1])
        if op in (_c.AT,):
            continue
        return None
    return None
