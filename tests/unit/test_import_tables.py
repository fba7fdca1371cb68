"""Ledger tables (整改台账) in a saved page, the page's <title>, and a notice whose declared
problems the draft could not find: said, not passed over."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhenggai.importer import import_notice
from zhenggai.importer.html import read_html

OPENING = ("<p>按照市委统一部署，2022年3月1日至4月15日，市委第四巡察组对市某局党组进行了巡察，"
           "并于2022年6月8日反馈了巡察意见。现将整改进展情况公布如下。</p>")
TOTALS = "<p>一、整改工作总体情况</p><p>巡察反馈的2个方面3个问题，已完成整改2个，正在整改1个。</p>"
HEADER = "<tr><td>序号</td><td>反馈问题</td><td>整改措施</td><td>整改时限</td><td>完成情况</td></tr>"
ROWS = (
    "<tr><td>1</td><td>意识形态工作责任制落实不到位</td><td><p>制定责任清单。</p><p>每半年专题研究一次。</p></td>"
    "<td>2022年9月</td><td>已完成</td></tr>"
    "<tr><td>2</td><td>专项资金征收不及时</td><td>建立催缴台账。</td><td>2022年12月</td><td>已完成</td></tr>"
    "<tr><td>3</td><td>项目招投标管理不规范</td><td>修订管理办法。</td><td>长期坚持</td><td>正在推进中</td></tr>"
)
CLOSING = "<p>欢迎广大干部群众监督。联系电话：0769-22223333。</p><p>中共某市某局党组</p><p>2022年9月20日</p>"


def _page(tmp_path: Path, table: str, title: str = "关于整改情况的通报_某市人民政府网站") -> Path:
    path = tmp_path / "notice.html"
    path.write_text(
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='article'>"
        f"<h1>中共某市某局党组关于巡察整改进展情况的通报</h1>{OPENING}{TOTALS}<p>二、具体问题整改情况</p>"
        f"{table}{CLOSING}</div></body></html>", encoding="utf-8")
    return path


def _ledger(tmp_path: Path, header: str, rows: str):
    """The draft of a page holding the ledger `header` + `rows`, and the problems of its first category."""
    draft = import_notice(_page(tmp_path, f"<table>{header}{rows}</table>"))
    return draft, draft.data["sections"][1]["categories"][0]["problems"]


def test_a_ledger_table_of_a_saved_page_gives_problems_with_measures_deadlines_and_statuses(tmp_path):
    draft = import_notice(_page(tmp_path, f"<table>{HEADER}{ROWS}</table>"))
    section = draft.data["sections"][1]
    problems = [p for c in section["categories"] for p in c["problems"]]
    assert [p["title"] for p in problems] == ["意识形态工作责任制落实不到位", "专项资金征收不及时", "项目招投标管理不规范"]
    assert problems[0]["measures"] == ["制定责任清单。", "每半年专题研究一次。"]
    assert [p.get("status") for p in problems] == ["已完成", "已完成", "正在推进中"]
    assert problems[1]["deadline"] == "2022年12月"
    assert "paragraphs" not in section  # the rows are not left as text as well


def test_the_body_heading_is_the_title_not_the_pages_title_with_the_site_name(tmp_path):
    draft = import_notice(_page(tmp_path, f"<table>{HEADER}{ROWS}</table>"))
    assert draft.data["title"] == "中共某市某局党组关于巡察整改进展情况的通报"
    assert all("通报" not in p for p in draft.data["opening"])


def test_a_title_row_and_merged_cells_keep_the_columns_in_place(tmp_path):
    merged = ("<tr><td colspan='5'>某市某局巡察整改台账</td></tr>" + HEADER
              + "<tr><td>1</td><td rowspan='2'>专项资金征收不及时</td><td>建立催缴台账。</td><td>2022年12月</td>"
                "<td>已完成</td></tr><tr><td>2</td><td>清理历史欠费。</td><td>2023年6月</td><td>正在推进中</td></tr>")
    page = read_html(_page(tmp_path, f"<table>{merged}</table>").read_text(encoding="utf-8"), 10_000)
    assert page.tables[0][0] == ("序号", "反馈问题", "整改措施", "整改时限", "完成情况")
    assert page.tables[0][2] == ("2", "", "清理历史欠费。", "2023年6月", "正在推进中")
    assert "某市某局巡察整改台账" in page.text  # the title row stays text


def test_hostile_spans_are_bounded(tmp_path):
    rows = HEADER + "<tr><td colspan='2000000000' rowspan='999999'>x</td><td>y</td></tr><tr><td>1</td></tr>"
    page = read_html(_page(tmp_path, f"<table>{rows}</table>").read_text(encoding="utf-8"), 10_000)
    assert all(len(row) <= 256 for row in page.tables[0]) and len(page.tables[0]) <= 3


def test_a_layout_table_holding_the_article_stays_text(tmp_path):
    path = _page(tmp_path, "<p>（一）第一方面</p><p>1.某个问题</p><p>整改措施：做了某事。</p>")
    html = path.read_text(encoding="utf-8").replace("<div class='article'>", "<table><tr><td>").replace(
        "</div></body>", "</td></tr></table></body>")
    path.write_text(html, encoding="utf-8")
    assert read_html(html, 10_000).tables == []
    assert [p["title"] for c in import_notice(path).data["sections"][1]["categories"] for p in c["problems"]] == ["某个问题"]


def test_declared_problems_the_draft_did_not_find_are_a_structural_doubt(tmp_path):
    # The same table with headers no ledger has: its rows stay paragraphs, and the report says so.
    odd = HEADER.replace("反馈问题", "存在的不足").replace("整改措施", "做法").replace("完成情况", "结果")
    draft = import_notice(_page(tmp_path, f"<table>{odd}{ROWS}</table>"))
    assert not any(c.get("problems") for s in draft.data["sections"] for c in s.get("categories", ()))
    doubts = [d for d in draft.doubts if d.structural]
    assert any("通报声明 3个问题，草稿中没有读出逐个列出的问题" in d.message for d in doubts)


def test_a_ledger_with_a_category_column_and_merged_problem_cells_loses_nothing(tmp_path):
    header = "<tr><td>问题类别</td><td>反馈问题</td><td>整改措施</td><td>完成情况</td></tr>"
    rows = ("<tr><td rowspan='3'>党的建设</td><td rowspan='2'>意识形态工作责任制落实不到位</td><td>制定责任清单。</td>"
            "<td rowspan='2'>已完成</td></tr><tr><td>每半年专题研究一次。</td></tr>"
            "<tr><td>专项资金征收不及时</td><td>建立催缴台账。</td><td>正在推进中</td></tr>"
            "<tr><td>作风建设</td><td>项目招投标管理不规范</td><td>修订管理办法。</td><td>已完成</td></tr>")
    draft = import_notice(_page(tmp_path, f"<table>{header}{rows}</table>"))
    categories = draft.data["sections"][1]["categories"]
    assert [(c["title"], [(p["title"], p.get("status"), p.get("measures")) for p in c["problems"]]) for c in categories] == [
        ("党的建设", [("意识形态工作责任制落实不到位", "已完成", ["制定责任清单。", "每半年专题研究一次。"]),
                  ("专项资金征收不及时", "正在推进中", ["建立催缴台账。"])]),
        ("作风建设", [("项目招投标管理不规范", "已完成", ["修订管理办法。"])]),
    ]
    assert not any(d.fill for d in draft.doubts if d.path == () and "方面" in d.message)


@pytest.mark.parametrize("name", ["整改任务", "巡察反馈", "重点任务"])
def test_a_merged_column_before_the_problems_groups_them_whatever_its_name(tmp_path, name):
    """Before: a column left of 问题 under a name no field has, its cells merged over the rows of a
    group, became a measure of each group's first problem and the categories a placeholder."""
    header = f"<tr><td>序号</td><td>{name}</td><td>问题表现</td><td>整改措施</td><td>整改进展</td></tr>"
    rows = ("<tr><td>1</td><td rowspan='2'>党的建设</td><td>意识形态工作责任制落实不到位</td><td>制定责任清单。</td>"
            "<td>已完成</td></tr><tr><td>2</td><td>专项资金征收不及时</td><td>建立催缴台账。</td><td>正在推进中</td></tr>"
            "<tr><td>3</td><td rowspan='2'>作风建设</td><td>项目招投标管理不规范</td><td>修订管理办法。</td><td>已完成</td></tr>"
            "<tr><td>4</td><td>公务接待超标准</td><td>清退超标费用。</td><td>已完成</td></tr>")
    draft = import_notice(_page(tmp_path, f"<table>{header}{rows}</table>"))
    categories = draft.data["sections"][1]["categories"]
    assert [(c["title"], [(p["title"], p["measures"]) for p in c["problems"]]) for c in categories] == [
        ("党的建设", [("意识形态工作责任制落实不到位", ["制定责任清单。"]), ("专项资金征收不及时", ["建立催缴台账。"])]),
        ("作风建设", [("项目招投标管理不规范", ["修订管理办法。"]), ("公务接待超标准", ["清退超标费用。"])]),
    ]
    assert not any("没有对应的字段" in d.message or d.fill for d in draft.doubts)
    assert [d.code for d in draft.doubts if d.code == "import.ledger_category_merged"] == ["import.ledger_category_merged"]


def test_a_ledger_column_no_field_holds_is_kept_named_and_said(tmp_path):
    header = "<tr><td>反馈问题</td><td>整改目标</td><td>整改措施</td><td>完成情况</td></tr>"
    rows = "<tr><td>专项资金征收不及时</td><td>应收尽收</td><td>建立催缴台账。</td><td>已完成</td></tr>"
    draft, (problem, *_) = _ledger(tmp_path, header, rows)
    assert problem["measures"] == ["建立催缴台账。", "整改目标：应收尽收"]
    assert any("“整改目标”一列没有对应的字段" in d.message for d in draft.doubts)


def test_a_word_ledger_under_a_title_row_is_read_and_the_title_said(tmp_path):
    import docx

    document = docx.Document()
    for text in ("中共某市某局党组关于巡察整改进展情况的通报",
                 "按照市委统一部署，2022年3月1日至4月15日，市委第四巡察组对市某局党组进行了巡察，并于2022年6月8日反馈了巡察意见。",
                 "一、整改落实情况"):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=3)
    title = table.cell(0, 0).merge(table.cell(0, 2))
    title.text = "某局巡察整改台账"
    for c, text in enumerate(("反馈问题", "整改措施", "完成情况")):
        table.cell(1, c).text = text
    for c, text in enumerate(("专项资金征收不及时", "建立催缴台账。", "已完成")):
        table.cell(2, c).text = text
    document.add_paragraph("中共某市某局党组")
    path = tmp_path / "ledger.docx"
    document.save(path)
    draft = import_notice(path)
    problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert [(p["title"], p.get("status"), p.get("measures")) for p in problems] == [
        ("专项资金征收不及时", "已完成", ["建立催缴台账。"])]
    assert any("“某局巡察整改台账”是表格的标题" in d.message for d in draft.doubts)


def test_a_page_line_that_dates_the_notice_beside_its_view_count_gives_the_date(tmp_path):
    # 浏览次数 marks page chrome; the same line's 发布时间 is the notice's publication date.
    path = tmp_path / "dated.html"
    path.write_text("<html><body><p>中共某市某局党组关于巡察整改进展情况的通报</p>"
                    "<p>发布时间：2023-09-12 来源：某市某局 浏览次数：128</p>" + OPENING + CLOSING
                    + "</body></html>", encoding="utf-8")
    assert str(import_notice(path).data["metadata"]["published"]) == "2023-09-12"


def test_a_row_spanning_the_ledger_names_the_category_of_the_rows_below_it(tmp_path):
    rows = ("<tr><td colspan='5'>一、政治建设方面</td></tr>"
            "<tr><td>1</td><td>意识形态工作责任制落实不到位</td><td><p>1．制定责任清单。</p><p>2．每半年专题研究一次。</p></td>"
            "<td>2022年9月</td><td>已完成</td></tr>"
            "<tr><td colspan='5'>二、作风建设方面</td></tr>"
            "<tr><td>2</td><td>公务接待管理不规范</td><td>严格执行接待清单。</td><td>2022年12月</td><td>已完成</td></tr>")
    draft = import_notice(_page(tmp_path, f"<table>{HEADER}{rows}</table>"))
    categories = draft.data["sections"][1]["categories"]
    assert [(c["title"], [p["title"] for p in c["problems"]]) for c in categories] == [
        ("政治建设", ["意识形态工作责任制落实不到位"]), ("作风建设", ["公务接待管理不规范"])]
    # the numbers typed in the cell are not kept: the site numbers the measures itself
    assert categories[0]["problems"][0]["measures"] == ["制定责任清单。", "每半年专题研究一次。"]
    assert not any(d.code == "import.category_missing" for d in draft.doubts) and not draft.unplaced


def test_a_contact_block_set_as_a_word_table_of_names_and_values_is_the_contact(tmp_path):
    import docx

    document = docx.Document()
    for text in ("中共某市某局党组关于巡察整改进展情况的通报",
                 "按照市委统一部署，2022年3月1日至4月15日，市委第四巡察组对市某局党组进行了巡察，并于2022年6月8日反馈了巡察意见。",
                 "一、整改落实情况", "1.关于“会议过多”的问题", "整改情况：压减会议数量。已完成。",
                 "欢迎广大干部群众对巡察整改情况进行监督，联系方式如下："):
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=2)
    for r, row in enumerate((("联系电话", "027-84561234"), ("电子邮箱", "jiandu@example.gov.cn"),
                             ("通讯地址", "某市某区民主路1号"), ("邮政编码", "430050"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("中共某市某局党组")
    document.add_paragraph("2022年8月1日")
    path = tmp_path / "contact.docx"
    document.save(path)
    draft = import_notice(path)
    contact = draft.data["contact"]
    assert (contact["phones"], contact["email"], contact["address"], contact["postcode"]) == (
        ["027-84561234"], "jiandu@example.gov.cn", "某市某区民主路1号", "430050")
    assert not draft.unplaced


@pytest.mark.parametrize(("line", "day"), [("发布日期：2025年02月17日　　阅读：566", "2025-02-17"), ("更新时间：2025-4-11", "2025-04-11")])
def test_a_page_line_after_the_signature_that_dates_the_notice(line, day, tmp_path):
    path = tmp_path / "late.html"
    path.write_text("<html><body><p>中共某市某局党组关于巡察整改进展情况的通报</p>" + OPENING + CLOSING
                    + f"<p>{line}</p></body></html>", encoding="utf-8")
    draft = import_notice(path)
    assert str(draft.data["metadata"]["published"]) == day and not draft.unplaced


def test_measures_a_word_paragraph_breaks_with_shift_enter_are_one_each(tmp_path):
    import docx

    document = docx.Document()
    for text in ("中共某市某局党组关于巡察整改进展情况的通报",
                 "按照市委统一部署，2022年3月1日至4月15日，市委第四巡察组对市某局党组进行了巡察，并于2022年6月8日反馈了巡察意见。",
                 "一、整改落实情况", "1.票据管理不规范。"):
        document.add_paragraph(text)
    paragraph = document.add_paragraph("整改措施：1.建立票据领用登记制度。")
    paragraph.add_run().add_break()
    paragraph.add_run("2.开展票据专项清查。")
    document.add_paragraph("整改进展：已完成。")
    path = tmp_path / "breaks.docx"
    document.save(path)
    problem = import_notice(path).data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], [(m if isinstance(m, str) else m["text"]).strip() for m in problem["measures"]]) == (
        "已完成", ["建立票据领用登记制度。", "开展票据专项清查。"])


def test_an_aspnet_page_wrapping_everything_in_one_form_and_its_meta_pubdate(tmp_path):
    path = tmp_path / "old.aspx.html"
    path.write_text('<html><head><meta name="PubDate" content="2023-08-21 10:02"></head><body>'
                    '<form id="form1" method="post"><input type="hidden" name="__VIEWSTATE" value="x">'
                    "<p>中共某市某局党组关于巡察整改进展情况的通报</p>" + OPENING + CLOSING + "</form></body></html>",
                    encoding="utf-8")
    draft = import_notice(path)
    assert draft.data["title"] == "中共某市某局党组关于巡察整改进展情况的通报"
    assert str(draft.data["metadata"]["published"]) == "2023-08-21" and draft.data["inspection"]["body"]


def test_a_ledger_with_a_leader_column_and_a_section_column_gives_the_leader_and_the_unit(tmp_path):
    header = "<tr><td>反馈问题</td><td>整改措施</td><td>责任领导</td><td>责任科室</td><td>完成情况</td></tr>"
    rows = "<tr><td>专项资金征收不及时</td><td>建立催缴台账。</td><td>分管副局长</td><td>财务科</td><td>已完成</td></tr>"
    draft, (problem, *_) = _ledger(tmp_path, header, rows)
    assert (problem["leader"], problem["responsible"], problem["measures"]) == ("分管副局长", "财务科", ["建立催缴台账。"])
    assert not any(d.code == "import.ledger_column_kept" for d in draft.doubts)


def test_a_responsible_unit_merged_down_over_two_problems_is_each_ones(tmp_path):
    """As a Word table's w:vMerge (docx.py): before, the second problem had no 责任单位, silently."""
    header = "<tr><td>反馈问题</td><td>整改措施</td><td>责任单位</td><td>完成情况</td></tr>"
    rows = ("<tr><td>专项资金征收不及时</td><td>建立催缴台账。</td><td rowspan='2'>财务科</td><td>已完成</td></tr>"
            "<tr><td>项目招投标管理不规范</td><td>修订管理办法。</td><td>已完成</td></tr>")
    _, problems = _ledger(tmp_path, header, rows)
    assert [(p["title"], p.get("responsible")) for p in problems] == [
        ("专项资金征收不及时", "财务科"), ("项目招投标管理不规范", "财务科")]


def test_a_ledger_header_repeated_where_the_table_broke_over_a_page_is_no_problem(tmp_path):
    header = "<tr><td>序号</td><td>问题描述</td><td>整改措施</td><td>整改时限</td><td>完成情况</td></tr>"
    rows = ("<tr><td>1</td><td>专项资金征收不及时</td><td>建立催缴台账。</td><td>2022年12月</td><td>已完成</td></tr>"
            + header +
            "<tr><td>2</td><td>项目招投标管理不规范</td><td>修订管理办法。</td><td>2023年3月</td><td>正在推进中</td></tr>")
    draft = import_notice(_page(tmp_path, f"<table>{header}{rows}</table>"))
    problems = [p for c in draft.data["sections"][1]["categories"] for p in c["problems"]]
    assert [p["title"] for p in problems] == ["专项资金征收不及时", "项目招投标管理不规范"]


def test_a_ledger_without_categories_in_a_part_of_its_own_is_one_untitled_category(tmp_path):
    """As the problems of a notice without categories are: nothing for staff to fill in."""
    draft = import_notice(_page(tmp_path, f"<table>{HEADER}{ROWS}</table>"))
    (category,) = draft.data["sections"][1]["categories"]
    assert "title" not in category and len(category["problems"]) == 3
    assert not any(d.code == "import.category_missing" for d in draft.doubts)


@pytest.mark.parametrize("lead", ["<p>附件：巡察反馈问题整改情况一览表</p>", "<p>附件</p><p>巡察反馈问题整改情况一览表</p>"])
def test_a_ledger_appended_after_the_signature_is_a_part_of_its_own(tmp_path, lead):
    """Before: its problems went under the last part before it (下一步工作打算), and its title was left out."""
    path = tmp_path / "notice.html"
    path.write_text("<html><head><meta charset='utf-8'></head><body><h1>中共某市某局党组关于巡察整改进展情况的通报</h1>"
                    f"{OPENING}{TOTALS}<p>二、下一步工作打算</p><p>持续巩固整改成果。</p>{CLOSING}{lead}"
                    f"<table>{HEADER}{ROWS}</table></body></html>", encoding="utf-8")
    draft = import_notice(path)
    last = draft.data["sections"][-1]
    assert last["heading"] == "巡察反馈问题整改情况一览表" and len(last["categories"][0]["problems"]) == 3
    assert "categories" not in draft.data["sections"][-2] and not draft.unplaced


def test_a_ledger_column_headed_jinzhan_is_the_status(tmp_path):
    header = "<tr><td>序号</td><td>问题</td><td>整改措施</td><td>进展</td></tr>"
    rows = "<tr><td>1</td><td>专项资金征收不及时</td><td>建立催缴台账。</td><td>已完成</td></tr>"
    _, (problem, *_) = _ledger(tmp_path, header, rows)
    assert (problem.get("status"), problem["measures"]) == ("已完成", ["建立催缴台账。"])


def test_a_ledger_s_problem_cell_gives_the_bare_title_as_paragraphs_do(tmp_path):
    header = "<tr><td>序号</td><td>问题</td><td>整改措施</td><td>整改进展</td></tr>"
    rows = ("<tr><td>1</td><td>关于“专项资金征收不及时”的问题</td><td>建立催缴台账。</td><td>已完成</td></tr>"
            "<tr><td>2</td><td>票据管理不规范。</td><td>开展票据清查。</td><td>已完成</td></tr>")
    _, problems = _ledger(tmp_path, header, rows)
    assert [p["title"] for p in problems] == ["专项资金征收不及时", "票据管理不规范"]
