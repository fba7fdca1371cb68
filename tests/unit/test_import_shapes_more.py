"""`zhenggai import` on more problem-block shapes met in held-out notices (each written for these
tests in our own words): details listed before numbered measures, wrappers without quotation
marks, the group's words leading a finding, categories numbered with a bare digit, a category's
own count before its problems."""

from __future__ import annotations

import pytest

from zhenggai.importer import import_notice

HEAD = ("某局党组关于巡察整改情况的通报\n根据市委统一部署，2024年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。"
        "2024年6月1日，市委第一巡察组向某局党组反馈了巡察意见。\n一、巡察反馈问题整改情况\n")


def _draft(tmp_path, body: str):
    source = tmp_path / "n.txt"
    source.write_text(HEAD + body, encoding="utf-8")
    return import_notice(source)


def _outline(draft) -> list:
    """(category, [(problem, status, measures, items)]) per category of the draft."""
    return [(c.get("title"), [(p["title"], p.get("status"), len(p.get("measures", ())),
                               [i["title"] for i in p.get("items", ())]) for p in c["problems"]])
            for s in draft.data["sections"] for c in s.get("categories", ())]


def test_details_listed_before_a_bare_measures_lead_keep_the_numbered_measures_under_their_problem(tmp_path):
    """Before: 整改措施： alone after the details (一是/二是), then 1. 2. 3.: the measures from 2. on were
    read as the next problems."""
    draft = _draft(tmp_path, "（一）作风建设方面\n1.公务接待管理有漏洞。\n具体表现为：\n一是接待清单与公函不对应；\n"
                             "二是陪餐人数超标准。\n整改措施：\n1.逐笔核对近两年接待清单；\n2.对超标准陪餐的当事人批评教育；\n"
                             "3.修订公务接待办法。\n整改情况：已完成。\n2.会议数量有反弹。\n整改措施：\n1.压减例会；\n"
                             "2.推行视频会议。\n整改情况：基本完成。\n")
    assert _outline(draft) == [("作风建设", [
        ("公务接待管理有漏洞", "已完成", 3, ["接待清单与公函不对应", "陪餐人数超标准"]),
        ("会议数量有反弹", "基本完成", 2, [])])]


@pytest.mark.parametrize("line, title", [
    ("关于{x}的整改情况", "{x}"),
    ("关于{x}问题的整改落实情况", "{x}"),
    ("巡察反馈的“{q}”{x}问题", "“{q}”{x}"),
    ("巡察指出的{x}问题", "{x}"),
])
def test_problem_wrappers_without_quotation_marks_around_the_whole_finding(tmp_path, line, title):
    rows = [("值班制度执行不严", "值班"), ("公务接待审批不规范", "接待")]
    body = "（一）作风建设方面\n" + "".join(
        f"{n}.{line.format(x=x, q=q)}\n局党组修订制度，每周抽查执行情况。目前已完成整改。\n" for n, (x, q) in enumerate(rows, 1))
    draft = _draft(tmp_path, body)
    assert _outline(draft) == [("作风建设", [(title.format(x=x, q=q), "已完成", 1, []) for x, q in rows])]


def test_findings_led_by_the_groups_words_under_a_category_are_its_problems(tmp_path):
    """Before: the category was read as the one problem and the findings as its measures."""
    draft = _draft(tmp_path, "（一）干部管理方面\n巡察组指出我局干部轮岗交流不及时。对此，局党组制定轮岗计划，年内交流干部6人。目前已完成整改。\n"
                             "巡察组指出我局年轻干部培养力度不够。对此，局党组建立年轻干部库，安排3人到基层锻炼。目前正在推进中。\n")
    assert [(c, [(p, s) for p, s, _, _ in ps]) for c, ps in _outline(draft)] == [("干部管理", [
        ("干部轮岗交流不及时", "已完成"), ("年轻干部培养力度不够", "正在推进中")])]


@pytest.mark.parametrize("problem_label", ["{c}.{n} ", "（{n}）"])
def test_categories_numbered_with_a_bare_digit_and_a_space(tmp_path, problem_label):
    """Before: `1 党的建设方面` was a paragraph and `2 经营管理方面` a measure of the problem before it."""
    body = ""
    number = 0
    for c, (category, problems) in enumerate((("党的建设方面", ["支部换届不及时", "党费收缴不及时"]),
                                               ("经营管理方面", ["合同审查流于形式"])), 1):
        body += f"{c} {category}\n"
        for n, problem in enumerate(problems, 1):
            number += 1
            body += f"{problem_label.format(c=c, n=n if '.' in problem_label else number)}{problem}。\n整改措施：建立台账，按月检查。\n整改情况：已完成。\n"
    draft = _draft(tmp_path, body)
    assert _outline(draft) == [("党的建设", [("支部换届不及时", "已完成", 1, []), ("党费收缴不及时", "已完成", 1, [])]),
                               ("经营管理", [("合同审查流于形式", "已完成", 1, [])])]


def test_a_categorys_own_count_before_its_problems_is_no_problem(tmp_path):
    draft = _draft(tmp_path, "（一）党组织建设方面\n该方面巡察反馈问题2个，已全部整改完成。\n1.支部换届不及时。\n"
                             "整改措施：督促支部完成换届。\n整改情况：已完成。\n2.党员档案缺页。\n整改措施：补齐档案材料。\n整改情况：已完成。\n")
    assert _outline(draft) == [("党组织建设", [("支部换届不及时", "已完成", 1, []), ("党员档案缺页", "已完成", 1, [])])]
    assert draft.structural == []
    assert "problems" not in draft.data.get("declared", {})  # the category's count, not the notice's
    assert any(d.code == "import.category_count" for d in draft.doubts)
