"""Excel's quoted multi-line cells in tab text (linter.read.quoted): joined into one cell,
with positions in the original text; near misses left line by line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.model import Span
from linter.read import read_text
from linter.read.quoted import join_quoted
from linter.read.text import slice_span, text_rows


def rows_of(text: str) -> list[tuple[int, list[tuple[str, int]]]]:
    """(line, [(cell text, col) …]) of each row with cells, as the tab reader gives them."""
    return [(r.line, [(c.text, c.col) for c in r.filled]) for r in join_quoted(text, text_rows(text)) if r.filled]


def test_a_cell_over_two_lines_is_one_cell_with_its_break():
    text = '效益指标\t"经济效益\n指标"\t带动增收总额\t≥30万\n满意度指标\t服务对象满意度指标\n'
    rows = join_quoted(text, text_rows(text))
    assert [(r.line, r.texts) for r in rows if r.filled] == [
        (1, ["效益指标", "经济效益\n指标", "带动增收总额", "≥30万"]),
        (3, ["满意度指标", "服务对象满意度指标"]),
    ]
    first = rows[0]
    assert [c.col for c in first.filled] == [0, 1, 2, 3]
    # the cell runs from its first character after the opening quote to its last before the
    # closing one; the cells after it keep their own line and column
    assert first.filled[1].span == Span(1, 7, 2, 3)
    assert first.filled[2].span == Span(2, 5, 2, 11)
    assert [slice_span(text, c.span) for c in first.filled] == first.texts
    assert first.line_text == "效益指标\t经济效益\n指标\t带动增收总额\t≥30万"


def test_doubled_quotes_white_space_and_crlf():
    text = '一级\t"  他说""好""\r\n\r\n了 "\t≥1\r\n'
    rows = join_quoted(text, text_rows(text))
    cell = rows[0].filled[1]
    assert cell.text == '他说"好"\n\n了'
    assert cell.span == Span(1, 7, 3, 2)
    assert slice_span(text, cell.span) == '他说""好""\r\n\r\n了'
    assert [(r.line, r.texts) for r in rows] == [(1, ["一级", '他说"好"\n\n了', "≥1"]), (4, [])]


def test_two_quoted_cells_in_one_row_and_one_at_the_line_start():
    text = '"产出\n指标"\t"数量\n指标"\t人数\n'
    assert rows_of(text) == [(1, [("产出\n指标", 0), ("数量\n指标", 1), ("人数", 2)])]


def test_a_cell_of_white_space_only_joins_its_lines_and_gives_no_cell():
    assert rows_of('a\t" \n "\tb\n') == [(1, [("a", 0), ("b", 2)])]


@pytest.mark.parametrize(
    "text",
    [
        '指标值"≥95%"\t达标\n下一行\n',  # a quote inside a cell
        '合格率\t指标值"≥95%\n下一行"\tx\n',  # the cell does not start with the quote
        '合格率\t"≥95%"达标\n下一行"\tx\n',  # closed on its own line, text after the quote
        '合格率\t"≥95%"\n下一行"\tx\n',  # a quoted cell on one line stays as written
        '合格率\t "≥95%\n下一行"\tx\n',  # space before the quote
        '合格率\t"≥95%\t达标\n下一行"\tx\n',  # not the line's last cell (a tab inside the quotes)
        '合格率\t"≥95%\n下一行\tx\n末行"\n',  # a line in between has a tab
        '合格率\t"≥95%\n下一"行\tx\n',  # the closing quote is not the part's end
        '合格率\t"≥95%\n下一行" \tx\n',  # space after the closing quote
        '合格率\t"≥95%\n下"一"行"\tx\n',  # three quotes in the closing part
        '合格率\t"≥95%\n下一行\n再一行\n',  # never closed
        '合格率\t"≥95%',  # the text ends on the opening line
    ],
)
def test_near_misses_keep_their_lines(text: str):
    rows = text_rows(text)
    assert join_quoted(text, rows) == rows


def test_a_row_after_a_near_miss_is_still_joined():
    text = '指标"值\t"a"b\n"\tx\n"c\nd"\ty\n'
    assert rows_of(text) == [
        (1, [('指标"值', 0), ('"a"b', 1)]),
        (2, [('"', 0), ("x", 1)]),
        (3, [("c\nd", 0), ("y", 1)]),
    ]


_PART = st.text(alphabet=st.sampled_from('a项 "'), max_size=4)
_LINE = st.lists(_PART, min_size=1, max_size=3).map("\t".join)


@given(st.lists(_LINE, max_size=6))
def test_every_cell_slices_back_and_no_text_is_lost(lines: list[str]) -> None:
    text = "\n".join(lines)
    plain = text_rows(text)
    rows = join_quoted(text, plain)
    assert [r.line for r in rows] == sorted({r.line for r in rows})
    for row in rows:
        for cell in row.filled:
            raw = slice_span(text, cell.span)  # as written; a joined cell's quotes undoubled
            assert cell.text in (raw, raw.replace('""', '"')) and cell.text == cell.text.strip()
    if not any(part.startswith('"') for line in lines for part in line.split("\t")):
        assert rows == plain


def test_a_form_with_a_joined_cell_keeps_its_places():
    """read_text joins a level-2 cell written over two lines: the indicator's line is the
    opening quote's, the level-2 span (where a finding on it points) starts where the cell's
    text starts, the name keeps its own line and column."""
    head = "项目支出绩效目标表\n项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n"
    text = head + '产出指标\t"数量\n指标"\t培训人数\t≥100人\n效益指标\t社会效益指标\t群众知晓率\t≥90%\n'
    form = read_text(text, "form.txt").forms[0]
    first = form.indicators[0]
    assert (first.line, first.level2, first.name, first.target.raw) == (4, "数量指标", "培训人数", "≥100人")
    assert first.level2_span == Span(4, 7, 5, 3)
    assert first.name_span == Span(5, 5, 5, 9)
    assert [i.line for i in form.indicators] == [4, 6]
