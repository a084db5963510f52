"""The media from the command line: a folder mixing every medium for `check` and
`audit`, `--fix` on files it cannot write, old Word/WPS files through LibreOffice (a
stand-in `soffice` here; the real one when installed), and import cost."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys

import pytest
from cli_helpers import cli
from media_helpers import MEDIA, ROOT

from linter.read import ReadError, read_path
from linter.read.media import legacy

OFFICE = ROOT / "fixtures" / "office"
FORMS = ROOT / "fixtures" / "forms"


@pytest.fixture
def mixed(tmp_path):
    """seed.txt in every medium, and the split-columns form as YAML, in one folder."""
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(FORMS / "seed.txt", folder / "seed.txt")
    shutil.copy(FORMS / "split-columns.yaml", folder / "split-columns.yaml")
    for suffix in ("html", "csv", "xls", "pdf"):
        shutil.copy(MEDIA / f"seed.{suffix}", folder / f"seed.{suffix}")
    shutil.copy(OFFICE / "seed.docx", folder / "seed.docx")
    return folder


def test_check_takes_a_folder_of_every_medium(mixed, capsys):
    rc, out, err = cli(capsys, "check", str(mixed), "--format", "json", "--no-progress")
    assert rc == 1, err
    findings = json.loads(out)["findings"]
    by_file: dict[str, int] = {}
    for f in findings:
        by_file[os.path.basename(f["path"])] = by_file.get(os.path.basename(f["path"]), 0) + 1
    seed = by_file.pop("seed.txt")
    assert seed > 0
    # every medium gives the text's findings, bar what only text can have (JX2xx format
    # findings on split targets are the same; fixes differ, counts do not)
    assert {k: v for k, v in by_file.items() if k.startswith("seed.")} == {
        f"seed.{s}": seed for s in ("html", "csv", "xls", "pdf", "docx")
    }


def test_audit_takes_a_folder_of_every_medium(mixed, tmp_path, capsys):
    report = tmp_path / "report.json"
    rc, _, err = cli(capsys, "audit", str(mixed), "-o", str(report), "--no-progress", "--jobs", "1")
    assert rc in (0, 1), err
    data = json.loads(report.read_text("utf-8"))
    assert data["totals"]["files_read"] == 7 and data["totals"]["files_failed"] == 0
    per_file: dict[str, int] = {}
    for form in data["forms"]:
        name = os.path.basename(form["path"])
        per_file[name] = per_file.get(name, 0) + 1
    assert per_file == {
        **{f"seed.{s}": 5 for s in ("txt", "html", "csv", "xls", "pdf", "docx")},
        "split-columns.yaml": 1,
    }


@pytest.mark.parametrize("suffix", ["pdf", "html", "csv", "xls"])
def test_fix_says_it_cannot_write_the_file_back(suffix, tmp_path, capsys):
    path = tmp_path / f"seed.{suffix}"
    shutil.copy(MEDIA / f"seed.{suffix}", path)
    before = path.read_bytes()
    rc, out, err = cli(capsys, "check", "--fix", str(path), "--format", "json")
    assert rc == 1
    assert path.read_bytes() == before
    assert f"{path}: 无法把修复写回此文件" in err
    fixes = [f["fix"] for f in json.loads(out)["findings"] if f["fix"]]
    assert fixes and all(e["span"]["cell"] for fx in fixes for e in fx["edits"])
    assert all(fx["description"] for fx in fixes)
    rc, out, err = cli(capsys, "check", "--diff", "--lang", "en", str(path))
    assert "fixes cannot be written back into this file" in err
    assert out == ""


# ---- .doc / .wps / .et through LibreOffice ---------------------------------------------

FAKE = """#!{python}
import shutil, sys
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
target = args[args.index("--convert-to") + 1]
mode = {mode!r}
if mode == "fail":
    sys.stderr.write("Error: source file could not be loaded\\n")
    sys.exit(1)
if mode == "slow":
    import time
    time.sleep(30)
shutil.copy({office!r} + "/seed." + target, out + "/form." + target)
"""


def _fake_soffice(tmp_path, monkeypatch, mode: str = "ok"):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE.format(python=sys.executable, mode=mode, office=str(OFFICE)))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))


OLE = (OFFICE / "bad" / "old.doc").read_bytes()


@pytest.mark.parametrize(("suffix", "forms"), [(".doc", 5), (".wps", 5), (".et", 6)])
def test_old_and_wps_files_are_converted(suffix, forms, tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch)
    path = tmp_path / f"form{suffix}"
    path.write_bytes(OLE)
    doc = read_path(path)
    assert len(doc.forms) == forms  # seed.docx: 5 forms; seed.xlsx: 6
    assert doc.path == str(path)
    assert path.read_bytes() == OLE  # the original is never touched


def test_a_failed_conversion_is_a_clear_error(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, "fail")
    path = tmp_path / "form.doc"
    path.write_bytes(OLE)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert "LibreOffice 无法转换此文件（Error: source file could not be loaded）" in info.value.message_zh


def test_a_slow_conversion_is_stopped(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, "slow")
    monkeypatch.setattr(legacy, "TIMEOUT", 1.0)
    path = tmp_path / "form.wps"
    path.write_bytes(OLE)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert "转换超时（1 秒）" in info.value.message_zh


def test_without_libreoffice_the_error_says_how_to_convert(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "form.et"
    path.write_bytes(OLE)
    rc, out, err = cli(capsys, "check", str(path), "--lang", "en")
    assert rc == 2
    assert "converted with LibreOffice, which is not installed" in out + err
    assert "--convert-to xlsx" in out + err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_real_libreoffice_converts_a_doc(tmp_path):
    """With LibreOffice: seed.docx saved as .doc and seed.xlsx as .xls by LibreOffice itself,
    read back (the .doc converted to .docx again, also under a .wps name; the .xls by xlrd)."""
    for source, target in (("seed.docx", "doc"), ("seed.xlsx", "xls")):
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--convert-to",
             target, "--outdir", str(tmp_path), str(OFFICE / source)],
            check=True,
            capture_output=True,
            timeout=180,
        )  # fmt: skip

    def said(doc):
        return [[(i.level1, i.level2, i.name, i.target) for i in f.indicators] for f in doc.forms[:5]]

    text = said(read_path(FORMS / "seed.txt"))
    for name in ("seed.doc", "seed.wps", "seed.xls"):
        if name == "seed.wps":
            shutil.copy(tmp_path / "seed.doc", tmp_path / name)
        assert said(read_path(tmp_path / name)) == text, name


# ---- import cost -----------------------------------------------------------------------


def test_media_libraries_are_imported_only_for_their_files():
    code = (
        "import sys; from linter.read import read_path; read_path(sys.argv[1]); "
        "print(sorted(m for m in ('lxml', 'pdfplumber', 'pdfminer', 'xlrd', 'opencc') if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(FORMS / "seed.txt")], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout.strip() == "[]"
    run = subprocess.run(
        [sys.executable, "-c", code, str(MEDIA / "seed.html")], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout.strip() == "['lxml']"


# ---- the language server -----------------------------------------------------------------


def test_the_language_server_names_cells_and_offers_no_edit_of_them():
    from linter.api import lint_paths
    from linter.config import Config
    from linter.lsp import text_fix, to_diagnostic

    findings = lint_paths([MEDIA / "seed.csv"], Config()).findings
    dup = next(f for f in findings if f.rule == "JX301")
    diag = to_diagnostic("file:///seed.csv", [], dup)
    assert diag.message.startswith("C59: ")
    assert (diag.range.start.line, diag.range.start.character) == (0, 0)
    with_fix = [f for f in findings if f.fix is not None]
    assert with_fix and not any(text_fix(f) for f in with_fix)
    text = lint_paths([FORMS / "seed.txt"], Config()).findings
    assert any(text_fix(f) for f in text)


def test_a_wps_spreadsheet_in_excel_97_format_needs_no_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "form.et"
    path.write_bytes((MEDIA / "seed.xls").read_bytes())
    assert len(read_path(path).forms) == 5


# ---- outputs --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["pdf", "html", "csv", "xls"])
def test_json_and_sarif_outputs_name_the_cells(suffix, capsys):
    import jsonschema

    path = str(MEDIA / f"seed.{suffix}")
    rc, out, err = cli(capsys, "check", path, "--format", "json")
    assert rc == 1, err
    schema = json.loads((ROOT / "docs" / "check-output.schema.json").read_text("utf-8"))
    doc = json.loads(out)
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert all(f["span"]["cell"] for f in doc["findings"])
    rc, out, err = cli(capsys, "check", path, "--format", "sarif")
    sarif = json.loads(out)
    sarif_schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(sarif_schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(doc["findings"])
    names = [r["locations"][0]["logicalLocations"][0]["name"] for r in results]
    assert all(names) and not any("fixes" in r for r in results)
    if suffix == "pdf":
        assert all(re.search(r" @[\d.]+,[\d.]+,[\d.]+,[\d.]+$", n) for n in names)
