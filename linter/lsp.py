"""`jxlint lsp`: a language server (pygls) for editors and web forms.

It lints a document when it is opened, changed (after a pause of DEBOUNCE_SECONDS: quick
edits are linted once) or saved, in a worker thread so that requests are answered
meanwhile; a result for a version already replaced is dropped; a document past
`max_lsp_chars` gets one diagnostic saying so. It publishes the findings as diagnostics;
offers fixes as code actions; explains the rule under the cursor on hover; and re-reads the
config (.jxlint.yaml, [tool.jxlint]) when it changes. A document that cannot be
read gives one diagnostic with the reader's message; the server keeps serving.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types

from linter import __version__, limits
from linter.findings import Finding, Fix, RuleInfo
from linter.messages import pick, say
from linter.model import Span
from linter.positions import split_lines, utf16_column

log = logging.getLogger("jxlint.lsp")
DEBOUNCE_SECONDS = 0.3  # a change is linted when no other came for this long

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass
class _Linted:
    """The last lint of one document: its lines and its findings, for code actions and hover."""

    lines: list[str]
    findings: list[Finding]
    rules: dict[str, RuleInfo]
    lang: str = "zh"


class _Linters:
    """One Linter per config file, rebuilt when that file changes (checked by its mtime)."""

    def __init__(self) -> None:
        self._cache: dict[str | None, tuple[float | None, object]] = {}

    def for_path(self, path: str, lang: str | None):
        from linter.api import Linter
        from linter.config import Config, discover, load_config_file

        found = discover(Path(path).parent if path else Path.cwd())
        key = str(found) if found else None
        mtime = os.stat(found).st_mtime_ns if found else None
        cached = self._cache.get(key)
        if cached is None or cached[0] != mtime:
            config = load_config_file(found) if found else Config()
            if lang:
                config.lang = lang
            self._cache[key] = (mtime, Linter.create(config))
        return self._cache[key][1]

    def clear(self) -> None:
        self._cache.clear()


def _position(lines: list[str], line: int, column: int) -> types.Position:
    """1-based line/column in code points → LSP 0-based line/UTF-16 character."""
    if line - 1 >= len(lines):
        return types.Position(line=max(len(lines) - 1, 0) if line - 1 > len(lines) else line - 1, character=0)
    return types.Position(line=line - 1, character=utf16_column(lines[line - 1], column) - 1)


def to_range(lines: list[str], span: Span) -> types.Range:
    return types.Range(
        start=_position(lines, span.line, span.column), end=_position(lines, span.end_line, span.end_column)
    )


def to_diagnostic(uri: str, lines: list[str], f: Finding) -> types.Diagnostic:
    """The diagnostic of a finding. A finding on a cell of a PDF, HTML, CSV or office
    file has no place in the editor's text: it stands at the start, naming its cell."""
    if f.span.cell is not None:
        start = types.Position(line=0, character=0)
        return types.Diagnostic(
            range=types.Range(start=start, end=start),
            message=f"{f.span.cell}: {f.message}",
            severity=_SEVERITY[f.severity],
            code=f.rule,
            source="jxlint",
            data={"rule": f.rule, "name": f.name},
        )
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=to_range(lines, r.span)), message=r.message
        )
        for r in f.related
        if r.span.cell is None
    ]
    return types.Diagnostic(
        range=to_range(lines, f.span),
        message=f.message,
        severity=_SEVERITY[f.severity],
        code=f.rule,
        source="jxlint",
        related_information=related or None,
        data={"rule": f.rule, "name": f.name},
    )


def text_fix(f: Finding) -> bool:
    """True when the finding has a fix an editor can apply: edits of the text, not
    descriptions of a cell's change."""
    return f.fix is not None and all(e.span.cell is None for e in f.fix.edits)


def fix_action(
    uri: str, version: int | None, lines: list[str], f: Finding, fix: Fix, diag: types.Diagnostic
) -> types.CodeAction:
    edits = [types.TextEdit(range=to_range(lines, e.span), new_text=e.new_text) for e in fix.edits]
    doc = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    suffix = "" if fix.applicability == "safe" else " (unsafe)"
    return types.CodeAction(
        title=f"{f.rule}: {fix.description}{suffix}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=fix.applicability == "safe",
        edit=types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=doc, edits=edits)]),
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def hover_text(info: RuleInfo, message: str, lang: str) -> str:
    title = pick(lang, info.title_zh, info.title_en)
    desc = pick(lang, info.description_zh, info.description_en)
    basis = say("basis", lang)
    head = f"**{info.id} {info.name}** · {info.severity} · {info.category}"
    return f"{head}\n\n{message}\n\n{title}: {desc}\n\n{basis}: {info.basis}"


def build_server(lang: str | None = None):
    """The configured pygls server (not started)."""
    from pygls.lsp.server import LanguageServer
    from pygls.uris import to_fs_path

    server = LanguageServer("jxlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    linters = _Linters()
    state: dict[str, _Linted] = {}
    open_docs: set[str] = set()
    pending: dict[str, Any] = {}  # uri → the asyncio task of its scheduled lint
    # One worker thread lints: requests (hover, code actions) are answered meanwhile, and
    # lints never run side by side on the shared linters.
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jxlint-lint")

    def compute(uri: str, source: str) -> tuple[_Linted, list[types.Diagnostic]]:
        """Lint `source` (runs in the worker thread)."""
        from linter.read import ReadError, read_bytes
        from linter.textsafe import encode

        path = to_fs_path(uri) or uri
        lines = split_lines(source)
        linter = None
        try:
            linter = linters.for_path(path, lang)
            cap = limits.current().max_lsp_chars
            if len(source) > cap:
                raise limits.exceeded(path, "max_lsp_chars", f"{len(source)} characters")
            document = read_bytes(encode(source), path)
            findings = linter.lint_document(document)
            rules = {r.id: r.info(linter.engine.lang) for r in linter.ruleset.rules}
            diagnostics = [to_diagnostic(uri, lines, f) for f in findings]
        except ReadError as exc:
            findings, rules = [], {}
            line = max((exc.line or 1) - 1, 0)
            diagnostics = [
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=line, character=0), end=types.Position(line=line + 1, character=0)
                    ),
                    message=exc.message(lang),
                    severity=types.DiagnosticSeverity.Error,
                    code="read-error",
                    source="jxlint",
                )
            ]
        except Exception as exc:  # a config or rule error, or a bug: say so, keep serving
            log.exception("jxlint could not lint %s", uri)
            findings, rules = [], {}
            diagnostics = [
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
                    ),
                    message=f"jxlint: {exc}",
                    severity=types.DiagnosticSeverity.Error,
                    code="internal-error",
                    source="jxlint",
                )
            ]
        linted_lang = lang or (linter.engine.lang if rules and linter is not None else None) or "zh"
        return _Linted(lines, findings, rules, linted_lang), diagnostics

    async def lint_later(ls: LanguageServer, uri: str, delay: float) -> None:
        """Lint the document after `delay` (a newer edit cancels this one) in the worker;
        a result for a version that is no longer current is dropped."""
        import asyncio

        await asyncio.sleep(delay)
        doc = ls.workspace.get_text_document(uri)
        version, source = doc.version, doc.source
        linted, diagnostics = await asyncio.get_running_loop().run_in_executor(worker, compute, uri, source)
        current = ls.workspace.get_text_document(uri)
        if current.version != version or current.source is not source or uri not in open_docs:
            return  # outdated: the next edit's lint publishes
        state[uri] = linted
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def lint(ls: LanguageServer, uri: str, delay: float = 0.0) -> None:
        """Schedule a lint of `uri`, cancelling the one still waiting for it."""
        import asyncio

        open_docs.add(uri)
        waiting = pending.pop(uri, None)
        if waiting is not None and not waiting.done():
            waiting.cancel()
        task = asyncio.ensure_future(lint_later(ls, uri, delay))
        pending[uri] = task
        task.add_done_callback(lambda t: pending.pop(uri, None) if pending.get(uri) is t else None)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        lint(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        lint(ls, params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        lint(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        open_docs.discard(params.text_document.uri)
        waiting = pending.pop(params.text_document.uri, None)
        if waiting is not None:
            waiting.cancel()
        state.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: LanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        worker.submit(linters.clear)  # in the worker, between two lints
        for uri in list(open_docs):
            lint(ls, uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration(ls: LanguageServer, params: types.DidChangeConfigurationParams) -> None:
        await watched(ls, None)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        linted = state.get(params.text_document.uri)
        if linted is None:
            return []
        version = ls.workspace.get_text_document(params.text_document.uri).version
        actions = []
        for f in linted.findings:
            if not text_fix(f):
                continue
            diag = to_diagnostic(params.text_document.uri, linted.lines, f)
            if _overlaps(diag.range, params.range):
                actions.append(fix_action(params.text_document.uri, version, linted.lines, f, f.fix, diag))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        linted = state.get(params.text_document.uri)
        if linted is None:
            return None
        point = types.Range(start=params.position, end=params.position)
        parts = []
        for f in linted.findings:
            rng = to_range(linted.lines, f.span)
            if _overlaps(rng, point) and f.rule in linted.rules:
                parts.append(hover_text(linted.rules[f.rule], f.message, linted.lang))
        if not parts:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts))
        )

    return server


def run_server(args) -> int:
    server = build_server()
    if getattr(args, "tcp", None):
        server.start_tcp("127.0.0.1", args.tcp)
    else:
        server.start_io()
    return 0
