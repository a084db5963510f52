"""Form templates as data: the layout files in rules/layouts/ (and a config's `layout_dirs`).

A layout names a template's words: its titles, header labels (→ canonical fields, funds parts,
goals), indicator-table column labels (→ roles), level-name aliases, what it requires, and the
cues that recognise it. A layout `extends` another and adds its differences. Readers read every
form with the words of all layouts together (`LayoutSet`), then recognise which template a form
is in by its cues (`LayoutSet.recognise`); the template decides the form's kind, profile and
required fields. Files are schema-checked (rules/schema/layout.schema.json); a mistake stops
the run with the file and line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from linter.model import Template
from linter.read.cells import label_key
from linter.resources import cache_dir, rules_dir
from linter.yamlfile import ConfigError, Located, load_yaml, validate

SCHEMA = "layout.schema.json"
FORM_ROLES = frozenset(("project", "unit_name", "budget", "goal"))  # columns that belong to the form
_YEAR = "{year}"


@dataclass(frozen=True)
class Layout:
    """One template, with the words of its `extends` chain resolved."""

    id: str
    name_zh: str
    name_en: str
    kind: str
    profile: str
    path: str
    extends: str | None
    titles: tuple[str, ...]  # title tails that start a form (…绩效目标表)
    cue_titles: tuple[str, ...]  # words in the title that mark this template
    cue_labels: frozenset[str]  # header labels that mark it (label keys)
    cue_columns: frozenset[str]  # column labels that mark it (label keys)
    absent: frozenset[str]  # column roles whose presence rules it out
    fields: Mapping[str, str]  # header label key → canonical field (项目名称 …)
    funds: Mapping[str, str | None]  # funds label key → Funds field (None: read, not kept)
    goals: Mapping[str, str]  # goal label key → annual | longterm
    row_labels: frozenset[str]
    blocks: frozenset[str]
    columns: Mapping[str, str]  # column label key → role
    column_patterns: tuple[tuple[re.Pattern[str], str], ...]  # labels with {year}
    level_aliases: Mapping[str, str]
    required: tuple[str, ...]
    expected: tuple[str, ...]
    # the column_patterns as one pattern: group k+1 matched ↔ the k-th pattern's role
    _patterns_joined: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        joined = "|".join(f"({p.pattern})" for p, _ in self.column_patterns)
        object.__setattr__(self, "_patterns_joined", re.compile(joined) if joined else None)

    @cached_property
    def template(self) -> Template:
        """What a form read in this layout records of it (one for all its forms)."""
        return Template(self.id, self.name_zh, self.name_en, self.kind, self.profile, self.required, self.expected)

    def column_role(self, text: str) -> str | None:
        """The role of a column whose header cell reads `text`, or None."""
        key = label_key(text)
        role = self.columns.get(key)
        if role is None and key.endswith(")"):
            role = self.columns.get(_strip_tail(key))
        if role is None and self._patterns_joined is not None:
            m = self._patterns_joined.fullmatch(key)
            role = self.column_patterns[m.lastindex - 1][1] if m is not None and m.lastindex else None
        return role

    @property
    def cues(self) -> int:
        return len(self.cue_titles) + len(self.cue_labels) + len(self.cue_columns)


_TAIL = re.compile(r"\([^()]*\)$")


def _strip_tail(key: str) -> str:
    return _TAIL.sub("", key)


def _keys(words: Iterable[str]) -> list[str]:
    return [label_key(str(w)) for w in words]


@dataclass
class _Raw:
    path: str
    data: dict
    doc: Located | None = None


def _merge(chain: Sequence[dict]) -> dict:
    """The words of a layout and its ancestors, the layout's own last (it wins)."""
    out: dict[str, Any] = {"fields": {}, "funds": {}, "goals": {}, "columns": {}, "patterns": [], "aliases": {}}
    out["row_labels"], out["blocks"], out["titles"] = set(), set(), []
    for data in chain:
        header = data.get("header") or {}
        for canon, labels in (header.get("fields") or {}).items():
            for k in _keys(labels):
                out["fields"][k] = canon
        for part, labels in (header.get("funds") or {}).items():
            for k in _keys(labels):
                out["funds"][k] = None if part == "ignored" else part
        for kind, labels in (header.get("goal") or {}).items():
            for k in _keys(labels):
                out["goals"][k] = kind
        out["row_labels"].update(_keys(header.get("row_labels") or ()))
        out["blocks"].update(_keys(header.get("blocks") or ()))
        for key in ("required", "expected"):
            if key in header:
                out[key] = tuple(header[key])
        for role, labels in (data.get("columns") or {}).items():
            for label in labels:
                k = label_key(label)
                if _YEAR in label:
                    pattern = re.escape(k).replace(re.escape(_YEAR), r"\d{4}").replace(r"\{year\}", r"\d{4}")
                    out["patterns"].append((re.compile(pattern), role))
                else:
                    out["columns"][k] = role
        out["aliases"].update({label_key(k): v for k, v in (data.get("level_aliases") or {}).items()})
        out["titles"] += [t for t in data.get("titles") or () if t not in out["titles"]]
        for key in ("kind", "profile"):
            if key in data:
                out[key] = data[key]
    return out


def _build(raw: Mapping[str, _Raw]) -> dict[str, Layout]:
    layouts: dict[str, Layout] = {}
    for lid, item in raw.items():
        chain: list[dict] = []
        seen: set[str] = set()
        cur: str | None = lid
        while cur is not None:
            if cur in seen:
                raise ConfigError(
                    item.path, _line(item, ["extends"]), f"layout {lid!r}: `extends` goes round in a circle"
                )
            seen.add(cur)
            if cur not in raw:
                known = ", ".join(sorted(raw))
                raise ConfigError(
                    item.path, _line(item, ["extends"]), f"unknown layout {cur!r} to extend (known: {known})"
                )
            chain.append(raw[cur].data)
            cur = raw[cur].data.get("extends")
        words = _merge(list(reversed(chain)))
        data = item.data
        cues = data.get("recognise") or {}
        known = {*words["fields"], *words["funds"], *words["goals"], *words["row_labels"], *words["blocks"]}
        for n, label in enumerate(cues.get("labels") or ()):
            if label_key(str(label)) not in known:
                raise ConfigError(
                    item.path,
                    _line(item, ["recognise", "labels", n]),
                    f"recognise/labels: {label!r} is no header word of this layout "
                    "(name it under header: fields, funds, goal, row_labels or blocks)",
                )
        layouts[lid] = Layout(
            id=lid,
            name_zh=data["name"]["zh"],
            name_en=data["name"]["en"],
            kind=words.get("kind", "project"),
            profile=words.get("profile", "central"),
            path=item.path,
            extends=data.get("extends"),
            titles=tuple(words["titles"]),
            cue_titles=tuple(str(t) for t in cues.get("titles") or ()),
            cue_labels=frozenset(_keys(cues.get("labels") or ())),
            cue_columns=frozenset(_keys(cues.get("columns") or ())),
            absent=frozenset(cues.get("absent") or ()),
            fields=words["fields"],
            funds=words["funds"],
            goals=words["goals"],
            row_labels=frozenset(words["row_labels"]),
            blocks=frozenset(words["blocks"]),
            columns=words["columns"],
            column_patterns=tuple(words["patterns"]),
            level_aliases=words["aliases"],
            required=tuple(words.get("required", ())),
            expected=tuple(words.get("expected", ())),
        )
    return layouts


def _line(item: _Raw, where: list) -> int | None:
    doc = item.doc or load_yaml(item.path)
    return doc.line(where)


@dataclass
class LayoutSet:
    """Every layout in use, and the words of all of them together for reading."""

    layouts: dict[str, Layout]
    fallback: Layout
    union: Layout = field(init=False)
    cued: list[Layout] = field(init=False)
    _by_label: dict[str, list[int]] = field(init=False, repr=False)
    _by_column: dict[str, list[int]] = field(init=False, repr=False)
    _by_title: list[tuple[str, list[int]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.cued = [lay for lay in self.layouts.values() if lay.cues]  # those that can be recognised
        # each cue → the places in `cued` of the layouts it marks
        self._by_label, self._by_column = {}, {}
        by_title: dict[str, list[int]] = {}
        for n, lay in enumerate(self.cued):
            for keys, index in ((lay.cue_labels, self._by_label), (lay.cue_columns, self._by_column)):
                for key in keys:
                    index.setdefault(key, []).append(n)
            for t in lay.cue_titles:
                by_title.setdefault(t, []).append(n)
        self._by_title = list(by_title.items())
        merged: dict[str, Any] = {"fields": {}, "funds": {}, "goals": {}, "columns": {}, "aliases": {}}
        rows: set[str] = set()
        patterns: list = []
        titles: list[str] = []
        # the fallback's words first, then every other layout's (a layout's own words win over
        # the generic ones; between two specific layouts, the one loaded later)
        for lay in [self.fallback, *(x for x in self.layouts.values() if x is not self.fallback)]:
            for key in ("fields", "funds", "goals", "aliases"):
                merged[key].update(getattr(lay, key if key != "aliases" else "level_aliases"))
            for k, role in lay.columns.items():
                merged["columns"].setdefault(k, role) if role in FORM_ROLES else merged["columns"].update({k: role})
            rows |= lay.row_labels
            patterns += [p for p in lay.column_patterns if p not in patterns]
            titles += [t for t in lay.titles if t not in titles]
        self.union = Layout(
            "*", "", "", "project", "central", "", None, tuple(titles), (), frozenset(), frozenset(), frozenset(),
            merged["fields"], merged["funds"], merged["goals"], frozenset(rows),
            frozenset().union(*(x.blocks for x in self.layouts.values())), merged["columns"], tuple(patterns),
            merged["aliases"], (), (),
        )  # fmt: skip

    def recognise(self, title: str, labels: set[str], columns: set[str], roles: set[str] = frozenset()) -> Layout:
        """The layout whose cues a form shows most: `title` as written, the label keys of its
        header cells, the label keys and `roles` of its indicator table's header. A tie goes to
        the layout that extends the other, else to the one with fewer cues (the more specific)."""
        scores: dict[int, int] = {}  # by the layout's place in `cued`
        for keys, index in ((labels, self._by_label), (columns, self._by_column)):
            for key in keys:
                for n in index.get(key, ()):
                    scores[n] = scores.get(n, 0) + 1
        for t, places in self._by_title:
            if t in title:
                for n in places:
                    scores[n] = scores.get(n, 0) + 3
        best, best_score = self.fallback, 0
        for n in sorted(scores):  # in `cued` order: a tie of equals goes to the first
            lay, score = self.cued[n], scores[n]
            if lay.absent and lay.absent & roles:
                continue
            if score > best_score or (score == best_score and _more_specific(lay, best, self.layouts)):
                best, best_score = lay, score
        return best

    def title_pattern(self) -> re.Pattern[str]:
        return _title_pattern(tuple(self.union.titles))

    def title_ends(self) -> str:
        """The last characters of the titles (表, 系 …), one of which a title row holds."""
        return _title_ends(tuple(self.union.titles))


def _more_specific(a: Layout, b: Layout, layouts: Mapping[str, Layout]) -> bool:
    """`a` extends `b` (directly or not); else, where neither extends the other, `a` has fewer cues."""
    if _descends(a, b.id, layouts):
        return True
    if _descends(b, a.id, layouts):
        return False
    return a.cues < b.cues


def _descends(a: Layout, ancestor: str, layouts: Mapping[str, Layout]) -> bool:
    """`a` extends `ancestor`, directly or through others."""
    cur = a.extends
    while cur is not None:
        if cur == ancestor:
            return True
        cur = layouts[cur].extends if cur in layouts else None
    return False


@cache
def _title_ends(titles: tuple[str, ...]) -> str:
    return "".join(sorted({t[-1] for t in titles}))


@cache
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A title row's cell: an optional leading year, up to 30 characters, one of the title
    tails (spaces allowed between their characters), an optional bracketed year."""
    tails = "|".join(r"\s*".join(re.escape(ch) for ch in t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(
        r"^(?:(?P<y1>\d{4})\s*年度?\s*)?"
        rf"(?P<title>[^\d（()）]{{0,30}}?(?:{tails}))"
        r"\s*(?P<yp>[（(]?\s*(?P<y2>\d{4})\s*(?:年度?)?\s*[)）]?)?$"
    )


# -- loading ------------------------------------------------------------------------------


def layout_files(dirs: Sequence[str | os.PathLike]) -> list[Path]:
    """The layout files: the shipped ones, then each extra folder's, in name order."""
    files = sorted((rules_dir() / "layouts").glob("*.yaml"))
    for d in dirs:
        p = Path(d)
        if not p.is_dir():
            raise ConfigError(str(p), None, "layout_dirs: no such folder")
        files += sorted(p.glob("*.yaml"))
    return files


def _cache_key(files: Sequence[Path]) -> str:
    from linter import __version__

    h = hashlib.sha256(__version__.encode())
    for p in [rules_dir() / "schema" / SCHEMA, *files]:
        h.update(str(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def _read_cached(key: str) -> dict | None:
    try:
        with open(cache_dir() / f"layouts-{key}.json", encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) and data.get("key") == key else None
    except (OSError, ValueError):
        return None


def _write_cached(key: str, files: dict) -> None:
    target = cache_dir() / f"layouts-{key}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "files": files}, ensure_ascii=False), "utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # a cache that cannot be written only costs speed


def load_layouts(dirs: Sequence[str | os.PathLike] = ()) -> LayoutSet:
    """The layouts of rules/layouts/ and of `dirs`, validated (from the on-disk cache when
    the files are unchanged). A layout in a later folder with the id of an earlier one
    replaces it. Raises ConfigError naming the file and line."""
    files = layout_files(dirs)
    key = _cache_key(files)
    cached = (_read_cached(key) or {}).get("files", {})
    raw: dict[str, _Raw] = {}
    fresh: dict[str, Any] = {}
    schema = rules_dir() / "schema" / SCHEMA
    for path in files:
        name = str(path)
        if name in cached:
            item = _Raw(name, cached[name])
        else:
            doc = load_yaml(path)
            if not isinstance(doc.data, dict):
                raise ConfigError(name, 1, "a layout file holds one mapping (id, name, header, columns …)")
            validate(doc, schema)
            item = _Raw(name, doc.data, doc)
            fresh[name] = doc.data
        lid = item.data["id"]
        if lid in raw and Path(raw[lid].path).parent == path.parent:
            raise ConfigError(name, _line(item, ["id"]), f"layout {lid!r} is already defined in {raw[lid].path}")
        raw[lid] = item
    if fresh:
        _write_cached(key, {**cached, **fresh})
    layouts = _build(raw)
    if "generic" not in layouts:
        raise ConfigError(str(rules_dir() / "layouts"), None, "the generic layout is missing")
    return LayoutSet(layouts, layouts["generic"])


_ACTIVE: dict[tuple[str, ...], LayoutSet] = {}
_DIRS: list[tuple[str, ...]] = [()]


def use_layout_dirs(dirs: Sequence[str | os.PathLike]) -> LayoutSet:
    """Read forms with the shipped layouts plus those in `dirs` from now on (a config's
    `layout_dirs`); returns the set, loaded once per distinct list of folders."""
    key = tuple(str(Path(d).resolve()) for d in dirs)
    if key not in _ACTIVE:
        _ACTIVE[key] = load_layouts(key)
    _DIRS[0] = key
    return _ACTIVE[key]


def active() -> LayoutSet:
    """The layouts readers use now (the shipped ones unless `use_layout_dirs` said more)."""
    key = _DIRS[0]
    found = _ACTIVE.get(key)
    if found is None:
        found = _ACTIVE[key] = load_layouts(key)
    return found
