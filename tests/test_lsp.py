"""The language server end to end, with pytest-lsp as the client: `jxlint lsp` in a subprocess."""

from __future__ import annotations

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
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, uri: str, text: str, version: int = 1) -> list[types.Diagnostic]:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def _change(client: LanguageClient, uri: str, text: str, version: int) -> list[types.Diagnostic]:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (0-based lines; the seed is BMP-only so UTF-16 = code points)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a = offsets[e.range.start.line] + e.range.start.character
        b = offsets[e.range.end.line] + e.range.end.character
        text = text[:a] + e.new_text + text[b:]
    return text


@pytest.mark.asyncio
async def test_duplicate_diagnostic_code_action_and_hover(client: LanguageClient, tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    path = tmp_path / "seed.txt"
    path.write_text(text, "utf-8")
    uri = path.as_uri()
    diags = await _open(client, uri, text)
    dup = [d for d in diags if d.code == "JX301"]
    assert len(dup) == 1
    assert dup[0].range.start.line == 58  # line 59, 0-based
    assert dup[0].severity == types.DiagnosticSeverity.Error
    assert dup[0].related_information[0].location.range.start.line == 57

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=dup[0].range,
            context=types.CodeActionContext(diagnostics=[dup[0]]),
        )
    )
    fixes = [a for a in actions if a.title.startswith("JX301")]
    assert len(fixes) == 1
    edits = fixes[0].edit.document_changes[0].edits
    fixed = _apply(text, edits)
    assert fixed.count("群众满意度") == 1

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=dup[0].range.start)
    )
    assert "JX301" in hover.contents.value and "duplicate-indicator" in hover.contents.value

    after = await _change(client, uri, fixed, 2)
    assert not [d for d in after if d.code == "JX301"]
    assert len(after) == len(diags) - 1


@pytest.mark.asyncio
async def test_malformed_document_keeps_the_server_alive(client: LanguageClient, tmp_path: Path) -> None:
    uri = (tmp_path / "broken.txt").as_uri()
    diags = await _open(client, uri, "这不是申报表\x00\x01\x02")
    assert len(diags) == 1 and diags[0].code == "read-error"
    good = (tmp_path / "seed.txt").as_uri()
    diags = await _open(client, good, SEED.read_text("utf-8"))
    assert any(d.code == "JX301" for d in diags)


@pytest.mark.asyncio
async def test_config_change_is_picked_up(client: LanguageClient, tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    uri = (tmp_path / "seed.txt").as_uri()
    before = await _open(client, uri, text)
    assert any(d.code == "JX209" for d in before)
    (tmp_path / ".jxlint.yaml").write_text("ignore: [JX209]\n", "utf-8")
    after = await _change(client, uri, text, 2)
    assert not any(d.code == "JX209" for d in after)
    assert len(after) == len(before) - sum(d.code == "JX209" for d in before)


@pytest.mark.asyncio
async def test_quick_fix_on_a_json_form_keeps_it_json(client: LanguageClient, tmp_path: Path) -> None:
    """Issue 14: the quick fix on structured input edits the value, quoted, so the form still
    reads (it used to write `"target": =24(场),`)."""
    import json

    from linter.engine.examples import example_text

    row = {"level1": "产出指标", "level2": "数量指标", "name": "上门服务次数", "target": 24}
    text = example_text({"indicators": [row, {**row, "name": "宣传活动场次", "target": "≤3.00(场)"}]}, "json")
    path = tmp_path / "form.json"
    path.write_text(text, "utf-8")
    uri = path.as_uri()
    diags = await _open(client, uri, text)
    capped = [d for d in diags if d.code == "JX204"]
    assert len(capped) == 1
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=capped[0].range,
            context=types.CodeActionContext(diagnostics=[capped[0]]),
        )
    )
    fixes = [a for a in actions if a.title.startswith("JX204")]
    assert len(fixes) == 1
    fixed = _apply(text, fixes[0].edit.document_changes[0].edits)
    assert json.loads(fixed)["indicators"][1]["target"] == "≥3.00(场)"
    after = await _change(client, uri, fixed, 2)
    assert not [d for d in after if d.code == "JX204"]
