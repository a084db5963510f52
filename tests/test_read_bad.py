"""Bad input (fixtures/bad/): a clear message naming the file and the line, never a
traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.read import ReadError, read_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad"


@pytest.mark.parametrize(
    ("name", "line", "zh", "en"),
    [
        ("empty.txt", None, "文件为空", "empty"),
        ("binary.txt", 3, "二进制", "binary"),
        ("unknown-encoding.txt", 3, "无法识别文件编码", "unknown text encoding"),
        ("no-form.txt", None, "未找到绩效目标申报表", "no form found"),
    ],
)
def test_unreadable_files(name: str, line: int | None, zh: str, en: str) -> None:
    shown = f"fixtures/bad/{name}"
    with pytest.raises(ReadError) as info:
        read_path(BAD / name, display_path=shown)
    err = info.value
    assert (err.path, err.line) == (shown, line)
    assert zh in err.message_zh and en in err.message_en
    assert str(err) == (f"{shown}:{line}: " if line else f"{shown}: ") + err.message_zh


def _problems(name: str) -> list[tuple[str, int, str]]:
    doc = read_path(BAD / name, display_path=name)
    return [(p.code, p.span.line, f"{doc.path}:{p.span.line}: {p.message_zh}") for f in doc.forms for p in f.problems]


def test_form_cut_off_before_its_indicator_table() -> None:
    [(code, line, msg)] = _problems("truncated-header.txt")
    assert code == "no-indicator-table" and line == 3
    assert msg.startswith("truncated-header.txt:3: 第 1 张表（至第 11 行）没有指标表")


def test_form_cut_off_inside_an_indicator_row() -> None:
    doc = read_path(BAD / "truncated-table.txt")
    form = doc.forms[0]
    assert [i.name for i in form.indicators][-1] == "资金使用"
    assert form.indicators[-1].target.kind == "empty"
    [p] = form.problems
    assert (p.code, p.span.line) == ("truncated-form", 20)
    assert "第 20 行中断" in p.message_zh and "line 20" in p.message_en


def test_the_same_row_with_a_final_line_end_is_a_name_without_target() -> None:
    data = (BAD / "truncated-table.txt").read_bytes() + b"\n"
    form = read_bytes(data, "t.txt").forms[0]
    assert form.indicators[-1].name == "资金使用" and not form.problems


def test_rows_with_a_target_but_no_name() -> None:
    doc = read_path(BAD / "target-without-name.txt")
    form = doc.forms[0]
    assert [(c, ln) for c, ln, _ in _problems("target-without-name.txt")] == [
        ("target-without-name", 18),
        ("target-without-name", 19),
    ]
    by_line = {i.line: i for i in form.indicators}
    assert by_line[18].name == "" and by_line[18].target.raw == "≤15.00(人)"
    assert by_line[18].name_span is None and by_line[18].target_span.line == 18
    assert by_line[19].name == "" and by_line[19].target.word == "规范"
    assert by_line[19].level2 == "质量指标"
    assert "第 18 行有指标值「≤15.00(人)」但没有指标名称" in form.problems[0].message_zh
    assert len(form.indicators) == 8


def test_missing_file_and_directory() -> None:
    with pytest.raises(ReadError, match="文件不存在"):
        read_path(BAD / "no-such-file.txt")
    with pytest.raises(ReadError, match="目录"):
        read_path(BAD)


def test_a_long_file_is_read_whole(tmp_path: Path) -> None:
    # read in pieces of 256 KiB: a file of several pieces comes back byte for byte
    seed = (Path(__file__).parent.parent / "fixtures" / "forms" / "seed.txt").read_bytes()
    path = tmp_path / "long.txt"
    path.write_bytes(seed * (700_000 // len(seed) + 1))
    doc = read_path(path)
    assert doc.text.encode("utf-8") == path.read_bytes()
    assert len(doc.forms) == 5 * (700_000 // len(seed) + 1)


def test_office_file_without_the_office_reader(tmp_path: Path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "linter.read.office", None)  # as if not installed
    path = tmp_path / "form.docx"
    path.write_bytes(b"PK\x03\x04")
    for call in (lambda: read_path(path), lambda: read_bytes(b"PK\x03\x04", "x.xlsx")):
        with pytest.raises(ReadError, match=r"pip install jxlint\[office\]"):
            call()
