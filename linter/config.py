"""Configuration: found next to the forms (.jxlint.yaml or [tool.jxlint] in pyproject.toml),
checked against linter/schemas/config.schema.json, merged with the command line."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from linter.engine.rulekeys import RuleKeys, selects, selects_any
from linter.findings import Finding
from linter.resources import schema_path
from linter.yamlfile import ConfigError, Located, load_yaml, validate

CONFIG_NAMES = (".jxlint.yaml", ".jxlint.yml")


@dataclass
class Config:
    """Settings of one run. `root` is the folder relative paths in the file are taken from."""

    source: str | None = None
    root: Path = field(default_factory=Path.cwd)
    profile: str | None = None
    lang: str = "zh"
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    rule_dirs: tuple[Path, ...] = ()
    layout_dirs: tuple[Path, ...] = ()
    vocab: dict[str, list[str]] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    suppressions: tuple[dict, ...] = ()
    limits: dict[str, int] = field(default_factory=dict)  # linter.limits.Limits fields to change
    report: dict[str, str] = field(default_factory=dict)  # audit report title, office, date, money_unit
    _relative_paths: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_data(cls, data: dict, source: str | None, root: Path) -> Config:
        return cls(
            source=source,
            root=root,
            profile=data.get("profile"),
            lang=data.get("lang", "zh"),
            select=tuple(data.get("select", ())),
            extend_select=tuple(data.get("extend_select", ())),
            ignore=tuple(data.get("ignore", ())),
            severity=dict(data.get("severity", {})),
            fail_on=data.get("fail_on", "warning"),
            rule_dirs=tuple((root / d).resolve() for d in data.get("rule_dirs", ())),
            layout_dirs=tuple((root / d).resolve() for d in data.get("layout_dirs", ())),
            vocab={k: list(v) for k, v in data.get("vocab", {}).items()},
            thresholds=dict(data.get("thresholds", {})),
            per_path_ignores={k: tuple(v) for k, v in data.get("per_path_ignores", {}).items()},
            exclude=tuple(data.get("exclude", ())),
            suppressions=tuple(data.get("suppressions", ())),
            limits=dict(data.get("limits", {})),
            report=dict(data.get("report", {})),
        )

    # -- per finding ----------------------------------------------------------------------
    def _relative(self, path: str) -> str:
        """`path` relative to the config's folder (resolved once per path)."""
        known = self._relative_paths.get(path)
        if known is None:
            try:
                known = PurePosixPath(Path(path).resolve().relative_to(self.root.resolve())).as_posix()
            except ValueError:
                known = PurePosixPath(Path(path)).as_posix()
            self._relative_paths[path] = known
        return known

    def keeps(self, f: Finding, aliases: tuple[str, ...] = ()) -> bool:
        """False when per_path_ignores or a suppression removes the finding (`aliases`: its
        rule's aliases, which name it too)."""
        if not self.per_path_ignores and not self.suppressions:
            return True
        rel = self._relative(f.path)
        rule = RuleKeys(f.rule, f.name, aliases)
        for pattern, keys in self.per_path_ignores.items():
            if fnmatch.fnmatch(rel, pattern) and selects_any(keys, rule):
                return False
        for s in self.suppressions:
            if not selects(s["rule"], rule):
                continue
            if "path" in s and not fnmatch.fnmatch(rel, s["path"]):
                continue
            if "form" in s and s["form"] not in (f.form_name, f.form_index):
                continue
            if "indicator" in s and s["indicator"] != f.indicator:
                continue
            return False
        return True


def _off(data: Any) -> None:
    """YAML reads a bare `off` as false: in `severity`, false means off."""
    if isinstance(data, dict) and isinstance(data.get("severity"), dict):
        data["severity"] = {k: "off" if v is False else v for k, v in data["severity"].items()}


def _string_keys(doc: Located, data: Any, where: list) -> None:
    """Every key of the config is text: `per_path_ignores: {1: [...]}` names no path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                field = "/".join(str(p) for p in [*where, key])
                raise ConfigError(doc.path, doc.line(where), f"{field}: the key {key!r} must be text (quote it)")
            _string_keys(doc, value, [*where, key])
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _string_keys(doc, value, [*where, i])


def _toml_line(text: str, key: str | None) -> int | None:
    """The line of [tool.jxlint] or of `key` below it, for error messages."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"\s*\[tool\.jxlint", line)), None)
    if start is None:
        return None
    if key:
        for i in range(start, len(lines)):
            if re.match(rf"\s*{re.escape(key)}\s*=|\s*\[tool\.jxlint\.{re.escape(key)}\]", lines[i]):
                return i + 1
    return start + 1


def load_config_file(path: Path) -> Config:
    """Read and check one config file (YAML, or pyproject.toml's [tool.jxlint])."""
    if path.name == "pyproject.toml":
        import tomllib

        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), None, f"cannot read file: {exc}") from None
        try:
            data = tomllib.loads(text).get("tool", {}).get("jxlint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(path), None, f"TOML syntax: {exc}") from None
        _off(data)
        doc = Located(str(path), data, "")
        try:
            validate(doc, schema_path("config.schema.json"))
        except ConfigError as exc:
            key = exc.message.split("/")[0].split(":")[0]
            raise ConfigError(str(path), _toml_line(text, key), f"[tool.jxlint] {exc.message}") from None
    else:
        doc = load_yaml(path)
        if doc.data is None:
            doc.data = {}
        _off(doc.data)
        _string_keys(doc, doc.data, [])
        validate(doc, schema_path("config.schema.json"))
        data = doc.data
    config = Config.from_data(data, str(path), path.parent)
    _check_thresholds(config, doc, text if path.name == "pyproject.toml" else None)
    for key, dirs in (("rule_dirs", config.rule_dirs), ("layout_dirs", config.layout_dirs)):
        for d in dirs:
            if not d.is_dir():
                line = doc.line([key]) if path.name != "pyproject.toml" else _toml_line(text, key)
                raise ConfigError(str(path), line, f"{key}: {d} is not a directory")
    return config


def _check_thresholds(config: Config, doc: Located, toml_text: str | None) -> None:
    """Thresholds must name the profile's thresholds and have their types."""
    from linter.engine.loader import load_profile, threshold_value

    _, base = load_profile(config.profile)
    for key, value in list(config.thresholds.items()):
        try:
            config.thresholds[key] = threshold_value(key, value, base)
        except ValueError as exc:
            line = _toml_line(toml_text, key) if toml_text is not None else doc.line(["thresholds", key])
            raise ConfigError(doc.path, line, f"thresholds/{key}: {exc}") from None


def discover(start: Path) -> Path | None:
    """The nearest config file at or above `start`: .jxlint.yaml/.yml, or a pyproject.toml
    with a [tool.jxlint] table."""
    try:
        here = start.resolve()
        if here.is_file() or not here.is_dir():
            here = here.parent
    except (OSError, RuntimeError):  # a symbolic link loop: look from the folder it sits in
        here = Path(os.path.abspath(start)).parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"^\s*\[tool\.jxlint", pyproject.read_text("utf-8", "replace"), re.M):
            return pyproject
    return None
