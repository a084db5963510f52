"""Lint many files, in worker processes when there are many: results come back in input order
whatever the number of workers, one file at a time, so memory stays flat."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from linter.api import Linter
from linter.config import Config
from linter.findings import Finding
from linter.model import Document
from linter.read import ReadError, read_path

# Below this many files the pool's start-up costs more than it saves.
_POOL_MIN_FILES = 24


@dataclass(frozen=True)
class FileError:
    """A file that could not be read (a picklable copy of linter.read.ReadError)."""

    path: str
    line: int | None
    message_zh: str
    message_en: str
    not_form: bool = False  # a JSON/YAML file with no form's key at all (a manifest, a config)

    @classmethod
    def of(cls, exc: Any) -> FileError:
        """The picklable copy of a ReadError."""
        from linter.read.errors import NotAForm

        return cls(exc.path, exc.line, exc.message_zh, exc.message_en, isinstance(exc, NotAForm))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message_zh}"


@dataclass
class FileResult:
    """What linting one file gave. `text` is the decoded text (for source lines and UTF-16
    columns); `summaries` whatever the caller's `summarize` made of each form."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    text: str | None = None
    encoding: str | None = None
    forms: list[tuple[str, int, str]] = field(default_factory=list)
    templates: list[tuple[int, str, str, str]] = field(default_factory=list)  # form index, template, medium, profile
    summaries: list[Any] = field(default_factory=list)
    from_stdin: bool = False  # read from standard input: never written back by --fix
    chunk: Any = None  # what `LintSettings.condense` made of the result, when set


@dataclass(frozen=True)
class LintSettings:
    """Everything a worker needs to build its own Linter (all picklable)."""

    config: Config
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    min_severity: str = "info"
    summarize: Callable[[Document, list[Finding]], list] | None = None  # (document, findings) → summaries
    # Applied to each result where the file was linted (in the worker), before it is sent
    # back: streamed output renders there and sends text instead of findings.
    condense: Callable[[FileResult], FileResult] | None = None


_worker: tuple[Linter, LintSettings] | None = None


def _init(settings: LintSettings) -> None:
    """Set up a worker: a forked one already holds the parent's linter (see `_pooled`)."""
    global _worker
    if _worker is None or _worker[1] is not settings:
        _worker = (make_linter(settings), settings)
    _batch_gc()


def _batch_gc() -> None:
    """Tune the garbage collector for a long run: the rule set and caches built so far are
    kept out of every collection (gc.freeze), and collections come less often. Forms make
    many small objects and no cycles to speak of; this gains about a quarter of the time."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def make_linter(settings: LintSettings) -> Linter:
    return Linter.create(
        settings.config,
        select=settings.select,
        ignore=settings.ignore,
        lang=settings.lang,
        min_severity=settings.min_severity,
    )


def lint_document(linter: Linter, settings: LintSettings, doc: Document) -> FileResult:
    findings = linter.lint_document(doc)
    result = FileResult(doc.path, findings, text=doc.text or None, encoding=doc.encoding)
    result.forms = [(doc.path, f.index, f.project_name) for f in doc.forms]
    result.templates = [(f.index, f.template.id, f.medium, linter.profile_of(f)) for f in doc.forms]
    if settings.summarize is not None:
        result.summaries = settings.summarize(doc, findings)
    if settings.condense is not None:
        result = settings.condense(result)
    return result


def lint_file(path: str, linter: Linter, settings: LintSettings) -> FileResult:
    """Read and lint one file; an unreadable file gives a result with `error` set."""
    try:
        doc = read_path(path)
    except ReadError as exc:
        return FileResult(path, error=FileError.of(exc))
    except Exception as exc:  # a reader bug must not stop a batch of thousands of files
        detail = f"{type(exc).__name__}: {exc}"
        return FileResult(
            path,
            error=FileError(
                path,
                None,
                f"读取时出现内部错误（{detail}），请报告此问题",
                f"internal error while reading ({detail}); please report it",
            ),
        )
    return lint_document(linter, settings, doc)


def _work(path: str) -> FileResult:
    assert _worker is not None
    linter, settings = _worker
    return lint_file(path, linter, settings)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run(
    paths: list[str], settings: LintSettings, jobs: int = 0, progress: bool = False, linter: Linter | None = None
) -> Iterator[FileResult]:
    """Lint `paths`, yielding one result per path in the order given. `linter`, when given,
    must be the one `settings` make; it is used in this process and by forked workers
    (spawned workers build their own)."""
    jobs = jobs or default_jobs()
    bar = _Progress(len(paths)) if progress else None
    if jobs <= 1 or len(paths) < _POOL_MIN_FILES:
        linter = linter or make_linter(settings)
        if len(paths) >= _POOL_MIN_FILES:
            _batch_gc()
        results: Iterable[FileResult] = (lint_file(p, linter, settings) for p in paths)
    else:
        results = _pooled(paths, settings, jobs, linter)
    for r in results:
        if bar:
            bar.step()
        yield r
    if bar:
        bar.done()


def _pooled(paths: list[str], settings: LintSettings, jobs: int, linter: Linter | None) -> Iterator[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "fork":
        # Forked workers inherit what is built here: the linter and the target parser are
        # made once, not once per worker.
        from linter.targets import warm_up

        with contextlib.suppress(Exception):  # a broken units vocabulary is reported where used
            warm_up()
        _worker = (linter or make_linter(settings), settings)
    chunk = max(1, min(64, len(paths) // (jobs * 8) or 1))
    try:
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init, initargs=(settings,)) as pool:
            yield from pool.map(_work, paths, chunksize=chunk)
    finally:
        _worker = None


class _Progress:
    """A one-line progress counter on standard error with an estimate of the time left
    (only used on a terminal)."""

    def __init__(self, total: int, clock: Callable[[], float] | None = None):
        import time

        self.total = total
        self.count = 0
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.shown = total >= 50 and sys.stderr.isatty() and not os.environ.get("CI")

    def step(self) -> None:
        self.count += 1
        if self.shown and (self.count % 25 == 0 or self.count == self.total):
            sys.stderr.write("\r" + self.line())
            sys.stderr.flush()

    def line(self) -> str:
        """`[#####.....] 250/1000 剩余约 0:12`: the bar, the count and the time left."""
        width = 30
        filled = width * self.count // max(self.total, 1)
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}"
        left = self.time_left()
        return bar if left is None else f"{bar} ~{left} left"

    def time_left(self) -> str | None:
        """The time the remaining files will take at the rate so far (m:ss or h:mm:ss)."""
        elapsed = self.clock() - self.start
        if self.count == 0 or elapsed <= 0 or self.count >= self.total:
            return None
        seconds = round(elapsed / self.count * (self.total - self.count))
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()
