"""Which files a folder walk takes (`jxlint check DIR`): the suffixes the readers take, from one
list (`linter.read.media.FORM_SUFFIXES`), markdown pipe tables included."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from cli_helpers import cli

from linter.api import iter_files
from linter.read.media import FORM_SUFFIXES, TEMPLATE_SUFFIXES, medium_of

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

# Each walked suffix and the reader its name picks for bytes that say nothing (no PDF, zip,
# OLE2 or HTML head): a .xls that is no workbook is tab text, as some systems export it.
READER_OF = {
    **dict.fromkeys((".txt", ".tsv", ".md", ".markdown", ".xls"), "text"),
    **dict.fromkeys((".json", ".yaml", ".yml"), "structured"),
    **dict.fromkeys((".docx", ".xlsx", ".docm", ".xlsm"), "office"),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
    ".pdf": "pdf",
    ".csv": "csv",
    **dict.fromkeys((".doc", ".wps", ".et"), "legacy"),
}


def test_every_walked_suffix_has_its_reader():
    assert {s: medium_of(b"project\n", s) for s in FORM_SUFFIXES} == READER_OF


def test_templates_are_read_when_named_but_not_walked():
    assert not TEMPLATE_SUFFIXES & FORM_SUFFIXES
    assert {medium_of(b"project\n", s) for s in TEMPLATE_SUFFIXES} == {"legacy"}


def test_the_docs_list_the_walked_suffixes():
    text = (ROOT / "docs" / "layouts.md").read_text("utf-8")
    listed = re.search(r"take every medium below from a folder \(by suffix:\s*`([^`]+)`", text)
    assert listed is not None
    assert set(listed.group(1).split()) == FORM_SUFFIXES


def test_a_folder_walk_takes_each_medium_and_skips_the_rest(tmp_path: Path):
    sources = {
        "a.txt": FIXTURES / "forms" / "seed.txt",
        "b.md": FIXTURES / "media" / "seed" / "seed.pipe.md",
        "c.csv": FIXTURES / "media" / "seed.csv",
        "d.html": FIXTURES / "media" / "seed.html",
        "e.xls": FIXTURES / "media" / "seed.xls",
        "f.pdf": FIXTURES / "media" / "seed.pdf",
        "g.xlsx": FIXTURES / "office" / "seed.xlsx",
        "h.docx": FIXTURES / "office" / "seed.docx",
        "i.json": FIXTURES / "forms" / "split-columns.json",
        "sub/j.YAML": FIXTURES / "forms" / "split-columns.yaml",
        "k.xlt": FIXTURES / "media" / "seed.xls",  # a template: read only when named
        "notes.bak": FIXTURES / "forms" / "seed.txt",
    }
    for name, src in sources.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copyfile(src, tmp_path / name)
    skipped: list[str] = []
    found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_files([tmp_path], skipped=skipped)]
    assert found == [n for n in sorted(sources) if n not in ("k.xlt", "notes.bak")]
    assert sorted(Path(p).name for p in skipped) == ["k.xlt", "notes.bak"]


def test_check_reads_a_markdown_form_from_a_folder(tmp_path: Path, capsys):
    shutil.copyfile(FIXTURES / "media" / "seed" / "seed.pipe.md", tmp_path / "表.md")
    rc, out, err = cli(capsys, "check", str(tmp_path), "--format", "json")
    assert rc == 1, err
    report = json.loads(out)
    assert report["summary"]["files"] == 1 and report["errors"] == []
    assert {f["path"] for f in report["findings"]} == {str(tmp_path / "表.md")}
    assert "已跳过" not in err


def test_a_markdown_note_in_a_folder_is_skipped_with_a_notice(tmp_path: Path, capsys):
    """A README beside the forms holds no part of a form: a notice, not a failed read (exit 0)."""
    (tmp_path / "README.md").write_text("# 说明\n\n本文件夹存放2026年项目的申报表。\n", "utf-8")
    rc, out, err = cli(capsys, "check", str(tmp_path), "--format", "json")
    assert rc == 0, err
    assert json.loads(out)["errors"] == []
    assert "README.md" in err and "已跳过" in err


def test_a_markdown_file_with_part_of_a_form_is_still_an_error(tmp_path: Path, capsys):
    """Level names without a table header: a form gone wrong, reported as a read error (exit 2)."""
    rows = "| 产出指标 | 数量指标 | 培训场次 | ≥3(场) |\n| 效益指标 | 社会效益指标 | 群众知晓率 | ≥90(%) |\n"
    (tmp_path / "表.md").write_text(rows, "utf-8")
    rc, out, err = cli(capsys, "check", str(tmp_path), "--format", "json")
    assert rc == 2
    assert "已跳过" not in err
    assert [e["path"] for e in json.loads(out)["errors"]] == [str(tmp_path / "表.md")]
