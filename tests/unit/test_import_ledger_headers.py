"""Ledger tables (整改台账) whose header is more than one row, a title row above it, a table
continued on the next page (续表) and categories from merged cells: every column read, or said.

The Word tables are written as raw WordprocessingML (w:gridSpan, w:vMerge) into a python-docx
document, the pages by hand (colspan, rowspan), as a unit's own files have them."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhenggai.importer import import_notice
from zhenggai.importer.ledger import ledger_problems

HEAD = ("中共某县某局党组关于巡察整改情况的通报",
        "按照县委统一部署，2023年3月1日至4月20日，县委第二巡察组对县某局党组开展了常规巡察，"
        "并于2023年6月9日反馈了巡察意见。现将整改情况公布如下。",
        "一、具体问题整改情况")
TAIL = ("欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0713-5551234。", "中共某县某局党组", "2023年12月5日")

UP = object()  # a cell continuing the vertical merge above it (w:vMerge, rowspan)

# 2 problems: their measures hold quotation marks and a decimal point, where the report once cut them
# (a point keeps its semicolon and 正在推进 reads as 正在推进中, as the notice's text gives them)
FIRST = ("1", "食品安全属地监管责任落实不够有力", "1.制定食品安全“两个责任”清单；2.开展校园周边食品安全专项检查",
         "食品安全监管股", "2023年10月", "已完成")
SECOND = ("2", "企业开办流程繁琐", "1.推行企业开办“一网通办”；2.压缩企业开办时间至0.5个工作日",
          "登记注册股", "2024年6月", "正在推进")


def _problems(draft) -> list[dict]:
    def walk(sections):
        for section in sections:
            for category in section.get("categories", ()):
                yield from category["problems"]
            yield from walk(section.get("sections", ()))
    return list(walk(draft.data["sections"]))


def _categories(draft) -> list[tuple[str, list[str]]]:
    def walk(sections):
        for section in sections:
            for category in section.get("categories", ()):
                yield category.get("title"), [p["title"] for p in category["problems"]]
            yield from walk(section.get("sections", ()))
    return list(walk(draft.data["sections"]))


def _facts(problem: dict) -> tuple:
    return (problem["title"], problem.get("measures"), problem.get("responsible"), problem.get("deadline"),
            problem.get("status"))


EXPECTED = [
    ("食品安全属地监管责任落实不够有力", ["制定食品安全“两个责任”清单；", "开展校园周边食品安全专项检查"], "食品安全监管股",
     "2023年10月", "已完成"),
    ("企业开办流程繁琐", ["推行企业开办“一网通办”；", "压缩企业开办时间至0.5个工作日"], "登记注册股", "2024年6月", "正在推进中"),
]


def _cell_xml(text: str, span: int, merge: str | None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge or "", ""))
    paragraphs = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{line}</w:t></w:r></w:p>"
                         for line in (text.split("\n") if text else [""]))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def _word_table(grid: list[list]) -> str:
    """A w:tbl of `grid`: each cell its text, (text, columns) spanning columns, or UP."""
    width = sum(cell[1] if isinstance(cell, tuple) else 1 for cell in grid[0])
    starts = []  # per row: {grid column: cell} as laid out
    for row in grid:
        at, placed = 0, {}
        for cell in row:
            placed[at] = cell
            at += cell[1] if isinstance(cell, tuple) else 1
        starts.append(placed)
    rows = []
    for r, placed in enumerate(starts):
        cells = []
        for at, cell in placed.items():
            text, span = (cell if isinstance(cell, tuple) else ("" if cell is UP else cell, 1))
            below = starts[r + 1].get(at) if r + 1 < len(starts) else None
            merge = "continue" if cell is UP else ("restart" if below is UP else None)
            cells.append(_cell_xml(text, span, merge))
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    columns = "".join('<w:gridCol w:w="1200"/>' for _ in range(width))
    return ('<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"<w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>")


def _word(tmp_path: Path, grid: list[list]) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    for text in HEAD:
        document.add_paragraph(text)
    anchor = document.paragraphs[-1]._p
    anchor.addnext(parse_xml(_word_table(grid)))
    for text in TAIL:
        document.add_paragraph(text)
    path = tmp_path / "ledger.docx"
    document.save(path)
    return path


def _page(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "ledger.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in HEAD[1:])
    closing = "".join(f"<p>{line}</p>" for line in TAIL)
    path.write_text(f"<html><head><meta charset='utf-8'><title>{HEAD[0]}</title></head><body>"
                    f"<div class='article'><h1>{HEAD[0]}</h1>{paragraphs}<table border='1'>{table}</table>"
                    f"{closing}</div></body></html>", encoding="utf-8")
    return path


def _html_row(cells) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _structural(draft) -> list:
    return [d for d in draft.doubts if d.structural]


def test_a_word_ledger_under_a_title_row_with_a_two_row_header_keeps_every_column(tmp_path):
    """序号 and 问题 span both header rows, 整改情况 spans the four columns named on the second
    row. Before, every problem kept only its title, unmarked, and the report said 结构可信."""
    grid = [
        [("某县某局巡察反馈问题整改台账", 6)],
        ["序号", "问题", ("整改情况", 4)],
        [UP, UP, "整改措施", "责任单位", "完成时限", "完成情况"],
        list(FIRST), list(SECOND),
    ]
    draft = import_notice(_word(tmp_path, grid))
    assert [_facts(p) for p in _problems(draft)] == EXPECTED
    assert not _structural(draft)
    assert any(d.code == "import.ledger_title_row" and "整改台账" in d.message for d in draft.doubts)
    assert not draft.unplaced


def test_a_page_ledger_with_a_two_row_header_and_a_merged_category_column(tmp_path):
    """The same header as a CMS pastes it (rowspan, colspan), with a 类别 column merged down:
    the categories are titled as the text of the notice titles them (without 方面, the wrapper in
    the numbering's heading template)."""
    table = ("<tr><td rowspan='2'>序号</td><td rowspan='2'>类别</td><td rowspan='2'>反馈问题</td>"
             "<td colspan='4'>整改情况</td></tr>"
             + _html_row(("整改措施", "责任单位", "整改时限", "整改进展"))
             + f"<tr><td>{FIRST[0]}</td><td rowspan='2'>党的政治建设方面</td>"
             + "".join(f"<td>{c}</td>" for c in FIRST[1:]) + "</tr>"
             + f"<tr><td>{SECOND[0]}</td>" + "".join(f"<td>{c}</td>" for c in SECOND[1:]) + "</tr>"
             + _html_row(("3", "全面从严治党方面", "公务用车管理不规范", "1.修订公务用车管理办法", "办公室", "2023年9月", "已完成")))
    draft = import_notice(_page(tmp_path, table))
    assert [_facts(p) for p in _problems(draft)][:2] == EXPECTED
    assert _categories(draft) == [("党的政治建设", [EXPECTED[0][0], EXPECTED[1][0]]),
                                  ("全面从严治党", ["公务用车管理不规范"])]
    assert draft.data["numbering"]["categories"]["heading"] == "{title}方面"
    assert not _structural(draft) and not draft.unplaced


def test_a_header_cell_over_two_columns_names_each_with_the_word_below_it(tmp_path):
    """责任 over 领导 | 科室: a column's name is its header cells joined where the lowest alone
    names nothing."""
    table = ("<tr><td rowspan='2'>问题</td><td rowspan='2'>整改措施</td><td colspan='2'>责任</td>"
             "<td rowspan='2'>完成情况</td></tr>" + _html_row(("领导", "科室"))
             + _html_row(("公务用车管理不规范", "修订公务用车管理办法", "张某某", "办公室", "已完成")))
    draft = import_notice(_page(tmp_path, table))
    (problem,) = _problems(draft)
    assert (problem.get("leader"), problem.get("responsible"), problem.get("status"), problem.get("measures")) == (
        "张某某", "办公室", "已完成", ["修订公务用车管理办法"])
    assert not _structural(draft)


def test_a_header_of_three_rows_is_read_to_its_lowest_cells():
    """The header is every row above the first data row whose cells are all header words."""
    rows = (
        ("序号", "问题", "整改落实", "", ""),
        ("", "", "整改情况", "", "完成情况"),
        ("", "", "整改措施", "责任单位", ""),
        ("1", "公务用车管理不规范", "修订公务用车管理办法", "办公室", "已完成"),
    )
    assert ledger_problems(rows) == [{"title": "公务用车管理不规范", "measures": ["修订公务用车管理办法"],
                                      "responsible": "办公室", "status": "已完成"}]


def test_a_ledger_column_whose_name_was_not_read_is_structural_and_its_cells_listed_whole(tmp_path):
    """A column with no header text: its cells went nowhere and the report listed only pieces
    of them, cut at quotation marks and decimal points; now the draft says the columns were not
    all read (exit 1) and lists each such cell whole."""
    table = (_html_row(("序号", "问题", "整改措施", "", "完成情况"))
             + _html_row(("1", "企业开办流程繁琐", "推行企业开办“一网通办”", "压缩企业开办时间至0.5个工作日", "已完成")))
    draft = import_notice(_page(tmp_path, table))
    doubts = [d for d in draft.doubts if d.code == "import.ledger_columns_unread"]
    assert doubts and all(d.structural for d in doubts)
    assert "压缩企业开办时间至0.5个工作日" in [line.text for line in draft.unplaced]


@pytest.mark.parametrize("repeat", ["one-row header, repeated", "two-row header, repeated",
                                    "two-row header, repeated as one row"])
def test_a_table_continued_on_the_next_page_is_no_category_and_its_header_no_problem(tmp_path, repeat):
    """续表 and the header again where the table broke over a page, in a ledger whose categories
    are rows spanning it: before, 续表 became a category and the header a problem titled 问题."""
    one = ["序号", "问题", "整改措施", "责任单位", "完成时限", "完成情况"]
    two = [["序号", "问题", ("整改情况", 4)], [UP, UP, "整改措施", "责任单位", "完成时限", "完成情况"]]
    header = [one] if repeat.startswith("one") else two
    again = [one] if repeat.endswith("one row") else header
    grid = [*header, [("（一）党的政治建设方面", 6)], list(FIRST),
            [("续表", 6)], *again, list(SECOND),
            [("（二）全面从严治党方面", 6)], ["3", "公务用车管理不规范", "修订公务用车管理办法", "办公室", "2023年9月", "已完成"]]
    draft = import_notice(_word(tmp_path, grid))
    assert _categories(draft) == [("党的政治建设", [EXPECTED[0][0], EXPECTED[1][0]]), ("全面从严治党", ["公务用车管理不规范"])]
    assert [_facts(p) for p in _problems(draft)][:2] == EXPECTED
    assert draft.data["numbering"]["categories"]["heading"] == "{title}方面"
    assert not _structural(draft)


def test_a_word_category_column_merged_down_is_titled_as_the_text_titles_it(tmp_path):
    """A 类别 cell merged over two problems (w:vMerge) reading 党的政治建设方面: the title without
    方面, which goes into the categories' heading template, as a notice's text gives it."""
    grid = [
        ["序号", "类别", "问题", "整改措施", "责任单位", "完成时限", "完成情况"],
        [FIRST[0], "党的政治建设方面", *FIRST[1:]],
        [SECOND[0], UP, *SECOND[1:]],
    ]
    draft = import_notice(_word(tmp_path, grid))
    assert _categories(draft) == [("党的政治建设", [EXPECTED[0][0], EXPECTED[1][0]])]
    assert draft.data["numbering"]["categories"]["heading"] == "{title}方面"
    assert [_facts(p) for p in _problems(draft)] == EXPECTED


def test_a_status_cell_that_names_no_status_is_kept_and_said(tmp_path):
    """序时推进 names none of the statuses: the cell was dropped with nothing said (too short for
    the report's check of words left out); it is kept after the measures and said."""
    table = (_html_row(("序号", "问题", "整改措施", "完成情况"))
             + _html_row(("1", "公务用车管理不规范", "修订公务用车管理办法", "序时推进")))
    draft = import_notice(_page(tmp_path, table))
    (problem,) = _problems(draft)
    assert "status" not in problem
    assert problem["measures"][-1]["paragraphs"] == ["完成情况：序时推进"]
    assert any(d.code == "import.ledger_status_unread" and "序时推进" in d.message for d in draft.doubts)
