"""The units vocabulary (rules/vocab/units.yaml): what a unit written in a 指标值 means.

A unit is looked up as written; when it is not listed, a scale prefix (万人次 = 万 + 人次)
and then a per-unit (万元/人 = 万元 + /人) are tried. Unknown units keep their text as the
normalized unit, scale 1 and no kind.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from linter.resources import rules_dir

UNIT_KINDS = ("percent", "currency", "count", "duration", "measure", "rate")

_ONE = Decimal(1)
_MEMO_MAX = 4096  # distinct written units a vocabulary remembers before it starts afresh


class VocabError(ValueError):
    """A vocabulary file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What a written unit means: `value * scale` is the amount in `norm`."""

    unit: str
    norm: str
    scale: Decimal
    kind: str | None


@dataclass(frozen=True, slots=True)
class UnitsVocabulary:
    """The loaded vocabulary: units by their written form (case-folded), scale prefixes."""

    path: str
    units: dict[str, UnitInfo]
    prefixes: tuple[tuple[str, Decimal], ...]  # longest first
    # written unit → its reading: a form holds a few units, the same in every form
    memo: dict[str, UnitInfo | None] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, unit: str) -> UnitInfo:
        """The meaning of `unit`; unknown units map to themselves with scale 1, no kind."""
        found = self._known(unit)
        return found if found is not None else UnitInfo(unit, unit, _ONE, None)

    def _known(self, unit: str) -> UnitInfo | None:
        """The meaning of `unit` when the vocabulary knows it (remembered; bounded)."""
        try:
            return self.memo[unit]
        except KeyError:
            pass
        if len(self.memo) >= _MEMO_MAX:
            self.memo.clear()
        found = self.memo[unit] = self._read(unit)
        return found

    def _read(self, unit: str) -> UnitInfo | None:
        info = self.units.get(unit.casefold())
        if info is not None:
            return UnitInfo(unit, info.norm, info.scale, info.kind)
        for prefix, factor in self.prefixes:
            rest = unit[len(prefix) :]
            if unit.startswith(prefix) and rest:
                base = self.units.get(rest.casefold())
                if base is not None:
                    return UnitInfo(unit, base.norm, base.scale * factor, base.kind)
        head, sep, tail = unit.partition("/")
        if sep and head and tail:
            base = self._read(head)
            if base is not None:
                return UnitInfo(unit, f"{base.norm}/{tail}", base.scale, base.kind)
        return None


def _decimal(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise VocabError(f"{where}: scale 应为正数 (scale must be a positive number)")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise VocabError(f"{where}: scale 应为正数 (scale must be a positive number)") from None
    if not number.is_finite() or number <= 0:
        raise VocabError(f"{where}: scale 应为正数 (scale must be a positive number)")
    return number


def _parse_units(data: object, path: str) -> UnitsVocabulary:
    if not isinstance(data, dict) or not isinstance(data.get("units"), dict):
        raise VocabError(f"{path}: 缺少 units 映射 (a mapping `units:` is required)")
    units: dict[str, UnitInfo] = {}
    for name, entry in data["units"].items():
        where = f"{path}: units.{name}"
        if not isinstance(name, str) or not name.strip():
            raise VocabError(f"{where}: 单位名应为文字 (the unit must be text)")
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            raise VocabError(f"{where}: 应为映射 {{kind, norm, scale}} (expected a mapping)")
        unknown = set(entry) - {"kind", "norm", "scale"}
        if unknown:
            raise VocabError(f"{where}: 未知的键 {sorted(map(str, unknown))} (unknown keys)")
        kind = entry.get("kind")
        if kind not in UNIT_KINDS:
            raise VocabError(f"{where}: kind 应为 {'/'.join(UNIT_KINDS)} 之一 (bad kind {kind!r})")
        norm = entry.get("norm", name)
        if not isinstance(norm, str) or not norm:
            raise VocabError(f"{where}: norm 应为文字 (norm must be text)")
        scale = _decimal(entry.get("scale", 1), where)
        key = name.strip().casefold()
        if key in units:
            raise VocabError(f"{where}: 单位重复 (listed twice)")
        units[key] = UnitInfo(name.strip(), norm, scale, kind)
    prefixes: list[tuple[str, Decimal]] = []
    raw_prefixes = data.get("prefixes") or {}
    if not isinstance(raw_prefixes, dict):
        raise VocabError(f"{path}: prefixes 应为映射 (prefixes must be a mapping)")
    for prefix, factor in raw_prefixes.items():
        if not isinstance(prefix, str) or not prefix:
            raise VocabError(f"{path}: prefixes.{prefix}: 前缀应为文字 (a prefix must be text)")
        prefixes.append((prefix, _decimal(factor, f"{path}: prefixes.{prefix}")))
    prefixes.sort(key=lambda item: (-len(item[0]), item[0]))
    return UnitsVocabulary(path, units, tuple(prefixes))


def load_units(path: str | Path | None = None) -> UnitsVocabulary:
    """Read and check a units vocabulary (default: the shipped rules/vocab/units.yaml).

    Raises VocabError with the file and entry named when the file cannot be used.
    """
    import yaml  # here: reading a target imports no YAML library until a unit is looked up

    from linter.yamlfile import safe_load

    file = Path(path) if path is not None else rules_dir() / "vocab" / "units.yaml"
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabError(f"{file}: 无法读取 (cannot read: {exc})") from None
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" 第{mark.line + 1}行第{mark.column + 1}列" if mark is not None else ""
        raise VocabError(f"{file}:{place} YAML 格式错误 (invalid YAML)") from None
    return _parse_units(data, str(file))


_lock = threading.Lock()
_active: UnitsVocabulary | None = None
_active_path: str | Path | None = None


def units_vocabulary() -> UnitsVocabulary:
    """The vocabulary in use, loaded once on first call."""
    global _active
    vocab = _active
    if vocab is None:
        with _lock:
            if _active is None:
                _active = load_units(_active_path)
            vocab = _active
    return vocab


def set_units_path(path: str | Path | None) -> None:
    """Use another units file (None: the shipped one). Callers must also clear parse caches;
    `linter.targets.use_units_file` does both."""
    global _active, _active_path
    vocab = load_units(path)  # check before switching
    with _lock:
        _active, _active_path = vocab, path


def unit_info(unit: str) -> UnitInfo:
    """The meaning of a unit as written (万元 → 元 × 10000, currency)."""
    return units_vocabulary().lookup(unit)
