"""The language server under quick edits and a large document (issue 18): edits are
debounced and outdated versions dropped; a document past max_lsp_chars gets one diagnostic."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SEED = Path(__file__).parent.parent / "fixtures" / "forms" / "seed.txt"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "linter", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    lsp_client.diagnostics = _Recorder()

    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


class _Recorder(dict):
    """client.diagnostics that also keeps every publication, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.published: list[tuple[str, list[types.Diagnostic]]] = []

    def __setitem__(self, uri: str, diagnostics: list[types.Diagnostic]) -> None:
        self.published.append((uri, diagnostics))
        super().__setitem__(uri, diagnostics)


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@pytest.mark.asyncio
async def test_quick_edits_are_linted_once_for_the_last_version(client: LanguageClient, tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    uri = (tmp_path / "seed.txt").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.diagnostics.published.clear()
    duplicate = "\t\t群众满意度\t≥90.00(%)\t\t"
    assert duplicate in text
    for version in range(2, 7):  # five edits in quick succession; the last renames the duplicate row
        edited = text if version < 6 else text.replace(duplicate, "\t\t居民满意度\t≥90.00(%)\t\t")
        _change(client, uri, edited, version)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.sleep(0.8)  # anything else would have come by now
    ((_, diagnostics),) = client.diagnostics.published  # one publication for five edits
    assert "JX301" not in [d.code for d in diagnostics]  # the last version's lint


@pytest.mark.asyncio
async def test_a_document_past_the_size_limit_gets_one_diagnostic(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / ".jxlint.yaml").write_text("limits: {max_lsp_chars: 2000}\n", "utf-8")
    uri = (tmp_path / "seed.txt").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="plaintext", version=1, text=SEED.read_text("utf-8")
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    (diag,) = client.diagnostics[uri]
    assert diag.code == "read-error" and "max_lsp_chars = 2000" in diag.message
