"""Layouts as data: a finance office adds its own template in YAML (layout_dirs), without Python;
mistakes in a layout file stop the run with the file and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from linter.read.layouts import load_layouts
from linter.yamlfile import ConfigError

ROOT = Path(__file__).resolve().parent.parent

COUNTY_LAYOUT = """\
# 某县的模板：表头“项目名”，指标表“本年目标值”，标题“某县项目绩效目标卡”
id: county-card
extends: generic
name: {zh: 某县项目绩效目标卡, en: a county's target card}
titles: [项目绩效目标卡]
recognise:
  titles: [绩效目标卡]
  columns: [本年目标值]
header:
  fields:
    项目名称: [项目名]
    主管部门: [归口部门]
  required: [项目名称, 主管部门]
columns:
  target: [本年目标值]
  note: [填报说明]
level_aliases:
  产出类: 产出指标
"""

COUNTY_FORM = (
    "某县项目绩效目标卡（2026年度）\n"
    "项目名\t乡村道路养护\t归口部门\t某县交通运输局\n"
    "年度资金总额（万元）\t50.00\n"
    "年度目标\t养护乡村道路120公里。\n"
    "一级指标\t二级指标\t三级指标\t本年目标值\t填报说明\n"
    "产出类\t数量指标\t养护道路里程\t≥120公里\t按养护台账\n"
    "效益指标\t社会效益指标\t道路优良率\t≥85%\t按年度检查\n"
)


def _jxlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
    )


@pytest.fixture
def county(tmp_path: Path) -> Path:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "county.yaml").write_text(COUNTY_LAYOUT, "utf-8")
    (tmp_path / ".jxlint.yaml").write_text("layout_dirs: [layouts]\n", "utf-8")
    (tmp_path / "form.txt").write_text(COUNTY_FORM, "utf-8")
    return tmp_path


def test_a_new_layout_in_layout_dirs_reads_its_forms(county: Path) -> None:
    out = _jxlint("parse", "form.txt", cwd=county)
    assert out.returncode == 0, out.stderr
    (form,) = json.loads(out.stdout)["forms"]
    assert form["template"] == "county-card" and form["title"] == "某县项目绩效目标卡"
    assert form["project_name"] == "乡村道路养护" and form["department"] == "某县交通运输局"
    assert form["funds"]["unit"] == "万元" and form["funds"]["total"] == "500000.00"
    rows = [(i["level1"], i["name"], i["target"]["raw"]) for i in form["indicators"]]
    assert rows == [("产出指标", "养护道路里程", "≥120公里"), ("效益指标", "道路优良率", "≥85%")]
    assert [e["text"] for e in form["indicators"][0]["extras"]] == ["按养护台账"]
    assert [c["role"] for c in form["columns"]] == ["level1", "level2", "name", "target", "note"]


def test_without_the_layout_the_same_form_is_not_read_so(county: Path) -> None:
    out = _jxlint("parse", "form.txt", "--no-config", cwd=county)
    forms = json.loads(out.stdout)["forms"]
    assert not forms or forms[0]["template"] != "county-card"


def test_layouts_command_lists_shipped_and_added_layouts(county: Path) -> None:
    out = _jxlint("layouts", "--format", "json", cwd=county)
    assert out.returncode == 0, out.stderr
    ids = [x["id"] for x in json.loads(out.stdout)["layouts"]]
    assert {"generic", "shanghai", "central", "department", "self-evaluation", "county-card"} <= set(ids)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (COUNTY_LAYOUT.replace("  target: [本年目标值]", "  targets: [本年目标值]"), 15, "unknown key"),
        (COUNTY_LAYOUT.replace("extends: generic", "extends: genric"), 3, "unknown layout 'genric'"),
        (COUNTY_LAYOUT.replace("kind: project\n", "").replace("id: county-card", "id: County Card"), 2, "id"),
        (COUNTY_LAYOUT.replace("[项目名]", "[项目名"), 12, "YAML syntax"),
    ],
)
def test_a_broken_layout_names_its_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "county.yaml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as err:
        load_layouts([tmp_path])
    assert err.value.path.endswith("county.yaml") and err.value.line == line and words in err.value.message


def test_a_broken_layout_stops_the_run_with_exit_2(county: Path) -> None:
    (county / "layouts" / "county.yaml").write_text(COUNTY_LAYOUT.replace("extends: generic", "extends: x"), "utf-8")
    out = _jxlint("check", "form.txt", cwd=county)
    assert out.returncode == 2 and "county.yaml:3" in out.stderr and "Traceback" not in out.stderr


def test_every_shipped_family_is_recognised_from_its_own_fixtures() -> None:
    from linter.read import read_path

    for folder in sorted((ROOT / "fixtures" / "layouts").iterdir()):
        if folder.is_dir() and folder.name != "evaluation-index":
            for path in folder.glob("*.txt"):
                assert {f.template.id for f in read_path(path).forms} == {folder.name}, path


def test_check_verbose_says_the_template_and_profile_of_each_form() -> None:
    out = _jxlint(
        "check", "-v", "--no-progress", "fixtures/forms/seed.txt", "fixtures/layouts/central/two-period.txt", cwd=ROOT
    )
    lines = [ln for ln in out.stderr.splitlines() if "模板" in ln]
    assert "fixtures/forms/seed.txt: 第 1 张表：模板 shanghai，介质 tsv，口径 shanghai" in lines
    assert "fixtures/layouts/central/two-period.txt: 第 1 张表：模板 central，介质 tsv，口径 central" in lines


def test_a_cue_label_the_layout_cannot_read_is_refused(tmp_path: Path) -> None:
    # a cue that no header word of the layout names would never be seen: a mistake, said at load
    (tmp_path / "county.yaml").write_text(
        COUNTY_LAYOUT.replace("  columns: [本年目标值]", "  labels: [项目联系人]\n  columns: [本年目标值]"), "utf-8"
    )
    with pytest.raises(ConfigError) as err:
        load_layouts([tmp_path])
    assert err.value.line == 8 and "项目联系人" in err.value.message


def test_every_level_or_name_column_label_holds_a_header_mark() -> None:
    """Rows are looked at as table headers only when they hold a mark: a label without one
    would never be found."""
    from linter.read.columns import _LEVEL_ROLES, header_marks
    from linter.read.layouts import active

    layouts = active()
    for layout in [layouts.union, *layouts.layouts.values()]:
        marks = header_marks(layout)
        assert marks
        for key, role in layout.columns.items():
            if role in _LEVEL_ROLES:
                assert any(m in key for m in marks), (layout.id, key, marks)


@pytest.mark.parametrize(
    "header",
    [
        "一级指标\t二级指标\t三级指标\t指标值",
        "一 级 指 标\t二级　指标\t三级指标\t指标值",
        "一级指标\t二级指标\t指标名称\t指标性质\t指标值\t度量单位",
    ],
)
def test_table_headers_find_the_header_row_among_data_rows(header: str) -> None:
    from linter.read.columns import table_headers
    from linter.read.layouts import active
    from linter.read.text import text_rows

    rows = text_rows(
        f"项目名称\t示例\n{header}\n产出指标\t数量指标\t培训场次\t≥3(场)\n绩效 指标\t成本指标\t人均成本\t≤5(元)\n"
    )
    found = table_headers(rows, active().union)
    assert [rows.index(r) for r in rows if id(r) in found] == [1]
