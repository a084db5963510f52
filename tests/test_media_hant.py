"""Forms in traditional characters (a mirror's 繁体 copy) read as their simplified
originals; a simplified form with a traditional character or two is left as written."""

from __future__ import annotations

import pytest
from cli_helpers import cli
from media_helpers import MEDIA, ROOT, essence, parse_json

from linter.read import ReadError, hant, read_path

SEED = ROOT / "fixtures" / "forms" / "seed.txt"


def _traditional(text: str) -> str:
    """`text` in traditional characters, by OpenCC's own simplified → traditional
    conversion (the reader goes the other way with its character table only)."""
    from opencc import OpenCC

    out = OpenCC("s2t").convert(text)
    assert len(out) == len(text)
    return out


@pytest.mark.parametrize("name", ["seed.txt", "seed.html", "seed.csv"])
def test_a_traditional_copy_reads_as_the_original(name, tmp_path, capsys):
    source = SEED if name == "seed.txt" else MEDIA / name
    encoding = "gbk" if name == "seed.csv" else "utf-8"
    text = source.read_bytes().decode(encoding)
    copy = tmp_path / name
    copy.write_bytes(_traditional(text).encode("utf-8-sig" if name == "seed.csv" else "utf-8"))
    assert "績效目標" in copy.read_text("utf-8-sig")
    assert essence(parse_json(cli, capsys, str(copy))) == essence(parse_json(cli, capsys, str(source)))


def test_the_text_keeps_its_characters_and_spans(tmp_path):
    copy = tmp_path / "seed.txt"
    copy.write_text(_traditional(SEED.read_text("utf-8")), "utf-8")
    doc = read_path(copy)
    assert "財政項目支出績效目標申報表" in doc.text  # the file as written, for source lines and --fix
    form = doc.forms[0]
    assert form.title.text == "财政项目支出绩效目标申报表"
    line = doc.text.splitlines()[form.title.span.line - 1]
    assert line[form.title.span.column - 1 : form.title.span.end_column - 1] == "財政項目支出績效目標申報表"


def test_only_a_mostly_traditional_text_is_converted():
    simplified = SEED.read_text("utf-8")
    assert not hant.mostly_traditional(simplified)
    assert hant.simplify_text(simplified) is simplified
    mixed = simplified.replace("指标", "指標", 2)  # two stray characters
    assert not hant.mostly_traditional(mixed)
    assert hant.mostly_traditional(_traditional(simplified))


def test_the_table_maps_one_character_to_one():
    table = hant.table()
    assert len(table) > 2000
    assert all(len(v) == 1 for v in table.values())
    assert "財政項目績效指標產出滿意度".translate(table) == "财政项目绩效指标产出满意度"
    for trad, simp in zip(hant.TRADITIONAL, hant.SIMPLIFIED, strict=True):
        assert table.get(ord(trad), trad) == simp


def test_without_the_table_the_error_says_what_to_install(tmp_path, monkeypatch):
    copy = tmp_path / "seed.txt"
    copy.write_text(_traditional(SEED.read_text("utf-8")), "utf-8")
    monkeypatch.setattr(hant, "table", lambda: {})
    with pytest.raises(ReadError) as info:
        read_path(copy)
    assert 'pip install "jxlint[hant]"' in info.value.message_zh
    assert "traditional characters" in info.value.message_en
