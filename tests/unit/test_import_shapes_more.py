"""`zhenggai import` on more problem-block shapes met in held-out notices (each written for these
tests in our own words): details listed before numbered measures, wrappers without quotation
marks, the group's words leading a finding, categories numbered with a bare digit, a category's
own count before its problems."""

from __future__ import annotations

import pytest

from support.drafts import measure_texts, outline, problems
from zhenggai.importer import import_notice

HEAD = ("某局党组关于巡察整改情况的通报\n根据市委统一部署，2024年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。"
        "2024年6月1日，市委第一巡察组向某局党组反馈了巡察意见。\n一、巡察反馈问题整改情况\n")


def _draft(tmp_path, body: str):
    source = tmp_path / "n.txt"
    source.write_text(HEAD + body, encoding="utf-8")
    return import_notice(source)


def _outline(draft) -> list:
    return outline(draft.data)


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
    for c, (category, titles) in enumerate((("党的建设方面", ["支部换届不及时", "党费收缴不及时"]),
                                               ("经营管理方面", ["合同审查流于形式"])), 1):
        body += f"{c} {category}\n"
        for n, problem in enumerate(titles, 1):
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


@pytest.mark.parametrize("line", [
    "对“{x}”问题的整改",
    "关于巡视反馈指出的“{x}”问题",
    "关于巡察组反馈的“{x}”问题",
    "关于巡察指出“{x}”的问题",
    "关于“{x}”问题整改落实情况",
    "关于“{x}”问题整改进展",
    "“{x}”问题整改情况",
])
def test_more_wrappers_around_a_quoted_finding(tmp_path, line):
    """Before: each kept its wrapper (or its quotation marks) in the title, most without a mark."""
    rows = ["值班记录填写不全", "公务接待审批不严"]
    body = "（一）作风建设方面\n" + "".join(
        f"{n}.{line.format(x=x)}\n整改措施：修订制度，每周抽查执行情况。\n整改情况：已完成。\n" for n, x in enumerate(rows, 1))
    draft = _draft(tmp_path, body)
    assert _outline(draft) == [("作风建设", [(x, "已完成", 1, []) for x in rows])]


@pytest.mark.parametrize("label", ["整改任务{cn}：", "整改任务{n}：", "第{n}条：", "第{cn}条："])
def test_problems_labelled_as_tasks_or_articles(tmp_path, label):
    """Before: the label stayed in the title and the comment said the line had none."""
    rows = ["投资论证不充分", "子公司管控不到位"]
    body = "".join(f"{label.format(n=n, cn='一二'[n - 1])}{x}。\n整改措施：修订管理办法。\n完成情况：已完成。\n"
                   for n, x in enumerate(rows, 1))
    draft = _draft(tmp_path, body)
    assert [(p, s, m) for _, ps in _outline(draft) for p, s, m, _ in ps] == [(x, "已完成", 1) for x in rows]
    assert draft.structural == []


@pytest.mark.parametrize("body", [
    # a page's source copied: entities for quotation marks and indentation
    "&nbsp;&nbsp;（一）作风建设方面\n&nbsp;&nbsp;1.关于&ldquo;{a}&rdquo;问题的整改情况\n&nbsp;&nbsp;一是修订制度；二是每周抽查。目前已完成整改。\n"
    "&nbsp;&nbsp;2.关于&ldquo;{b}&rdquo;问题的整改情况\n&nbsp;&nbsp;一是修订制度；二是每周抽查。目前已完成整改。\n",
    # a converted page's Markdown: headings, bold problems, dash bullets
    "#### （一）作风建设方面\n\n**1.{a}。**\n\n- 修订制度；\n- 每周抽查。\n\n整改情况：已完成。\n\n"
    "**2.{b}。**\n\n- 修订制度；\n- 每周抽查。\n\n整改情况：已完成。\n",
    # measures with long-dash bullets
    "（一）作风建设方面\n1.{a}。\n——修订制度；\n——每周抽查。\n整改情况：已完成。\n2.{b}。\n——修订制度；\n——每周抽查。\n整改情况：已完成。\n",
    # measures lettered A. B.
    "（一）作风建设方面\n1.{a}。\n整改措施：\nA.修订制度；\nB.每周抽查。\n整改情况：已完成。\n"
    "2.{b}。\n整改措施：\nA.修订制度；\nB.每周抽查。\n整改情况：已完成。\n",
])
def test_a_pages_markup_left_in_the_text_is_read_as_the_text_it_stands_for(tmp_path, body):
    """Before: &ldquo; split a title at its ;, Markdown headings and bold lines hid the problems, and
    the bullets —— and A. stayed in the measures' text."""
    draft = _draft(tmp_path, body.format(a="值班记录填写不全", b="公务接待审批不严"))
    assert _outline(draft) == [("作风建设", [("值班记录填写不全", "已完成", 2, []), ("公务接待审批不严", "已完成", 2, [])])]
    measures = [m["text"] for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]
                for m in p["measures"]]
    assert measures == ["修订制度；", "每周抽查。"] * 2
    assert draft.report("x.yml").count("源码") == 1  # said once, in words


LEDGER = [("序号", "反馈问题", "整改措施", "完成时限", "责任单位", "整改进展"),
          ("1", "议事规则多年未修订", "对照上级要求修订议事规则", "2024年8月底", "办公室", "已完成"),
          ("2", "专项资金拨付滞后", "建立拨付月调度机制，逐笔核对进度", "2024年12月底", "计划财务科", "正在推进")]


@pytest.mark.parametrize("typed", ["spaces", "vertical", "vertical_unnumbered"])
def test_a_ledger_typed_with_spaces_or_one_cell_a_line_is_read_as_a_table(tmp_path, typed):
    """Before: the header cell 反馈问题 became the only problem and every cell after it a measure."""
    rows = LEDGER if typed != "vertical_unnumbered" else [r[1:] for r in LEDGER]
    if typed == "spaces":
        table = "".join("    ".join(r) + "\n" for r in rows)
    else:
        table = "".join(c + "\n" for r in rows for c in r)
    draft = _draft(tmp_path, table + "二、下一步工作打算\n持续巩固整改成果。\n")
    found = problems(draft.data)
    assert [(p["title"], p.get("status"), p.get("deadline"), p.get("responsible"), len(p["measures"]))
            for p in found] == [("议事规则多年未修订", "已完成", "2024年8月底", "办公室", 1),
                                ("专项资金拨付滞后", "正在推进中", "2024年12月底", "计划财务科", 1)]
    assert [s.get("heading") for s in draft.data["sections"]][-1] == "下一步工作打算"


@pytest.mark.parametrize("heading", ["三、尚未完成整改的问题及下一步措施", "三、正在整改的问题及下一步工作打算"])
def test_problems_still_open_in_a_part_that_also_names_the_next_steps(tmp_path, heading):
    """Before: the part was read as the next steps and its problems as its sub-headings."""
    body = ("（一）已完成整改的问题\n1.党务公开不及时。\n整改措施：制定公开目录，按季度公开。\n"
            f"{heading}\n1.老旧设施改造滞后。\n下一步措施：倒排工期，计划2025年6月底前完成。\n"
            "2.停车设施规划不足。\n下一步措施：编制停车设施专项规划。\n")
    draft = _draft(tmp_path, body)
    assert [(p["title"], p.get("status")) for p in problems(draft.data)] == [("党务公开不及时", "已完成"), ("老旧设施改造滞后", "正在推进中"), ("停车设施规划不足", "正在推进中")]


def test_a_title_a_page_broke_after_a_whole_phrase_is_joined_and_marked(tmp_path):
    """Before: 1.干部选拔任用 was the title and 纪实制度执行不到位。 its first measure, unmarked."""
    draft = _draft(tmp_path, "（一）选人用人方面\n1.干部选拔任用\n纪实制度执行不到位。\n整改措施：补齐纪实材料。\n整改情况：已完成。\n"
                             "2.干部交流轮岗\n推进较慢。\n整改措施：制定交流计划。\n整改情况：正在推进中。\n")
    assert _outline(draft) == [("选人用人", [("干部选拔任用纪实制度执行不到位", "已完成", 1, []),
                                            ("干部交流轮岗推进较慢", "正在推进中", 1, [])])]
    assert "断成两行" in draft.report("x.yml")


def test_problems_listed_after_a_lead_line_with_shared_measures_each_take_the_shared_status(tmp_path):
    """Before: the lead line was read as a problem of its own and only the last problem had a status."""
    draft = _draft(tmp_path, "（一）信访工作方面\n巡察指出存在以下问题：\n1.来信办理超期；\n2.重复来访化解率低；\n3.信访档案不全。\n"
                             "整改措施：\n1.建立办理时限预警；\n2.开展重复来访专项治理；\n3.补齐档案。\n整改情况：已完成。\n")
    assert [(p, s) for _, ps in _outline(draft) for p, s, _, _ in ps] == [
        ("来信办理超期", "已完成"), ("重复来访化解率低", "已完成"), ("信访档案不全", "已完成")]
    assert {d.code for d in draft.doubts} >= {"import.findings_lead", "import.shared_measures"}


def test_labels_and_field_words_alone_on_their_lines_with_the_value_on_the_next(tmp_path):
    """Before: 问题一 and 整改状态 alone were paragraphs, the second problem a measure's sub-point."""
    draft = _draft(tmp_path, "问题一\n停车设施规划滞后。\n整改措施\n1.编制停车专项规划；\n2.新建公共停车场。\n整改状态\n正在推进中\n"
                             "问题二\n占道经营反复。\n整改措施\n1.设置疏导点；\n2.网格化巡查。\n整改状态\n已完成\n")
    assert _outline(draft) == [(None, [("停车设施规划滞后", "正在推进中", 2, []), ("占道经营反复", "已完成", 2, [])])]
    assert "断成两行" in draft.report("x.yml")


@pytest.mark.parametrize("line", ["关于整改“{x}”问题的情况", "关于“{x}”问题（反馈意见第{n}条）的整改情况", "No.{n} {x}。"])
def test_wrappers_with_the_word_before_the_quotation_or_a_reference_and_latin_ordinals(tmp_path, line):
    rows = ["值班记录填写不全", "公务接待审批不严"]
    body = "（一）作风建设方面\n" + "".join(
        f"{line.format(x=x, n=n)}\n整改措施：修订制度，每周抽查执行情况。\n整改情况：已完成。\n" for n, x in enumerate(rows, 1))
    draft = _draft(tmp_path, body)
    assert _outline(draft) == [("作风建设", [(x, "已完成", 1, []) for x in rows])]


def test_a_category_run_on_with_its_first_problem_is_split_at_the_problems_number(tmp_path):
    """Before: the category was read as a problem and its first problem as a measure."""
    draft = _draft(tmp_path, "（一）组织建设方面。1.支部换届不及时。\n整改措施：完成2个支部换届。\n整改情况：已完成。\n"
                             "2.党员档案缺页。\n整改措施：补齐档案。\n整改情况：已完成。\n"
                             "（二）纪律建设方面。3.违规使用加油卡。\n整改措施：清退费用。\n整改情况：已完成。\n")
    assert _outline(draft) == [("组织建设", [("支部换届不及时", "已完成", 1, []), ("党员档案缺页", "已完成", 1, [])]),
                               ("纪律建设", [("违规使用加油卡", "已完成", 1, [])])]


def test_measures_counted_as_steps_and_a_status_after_an_emoji(tmp_path):
    draft = _draft(tmp_path, "（一）民生保障方面\n1.低保动态管理不及时。\n举措1：全面核查低保对象。\n举措2：建立动态调整月报。\n✅已完成\n"
                             "2.养老设施利用率不高。\n举措1：引入社会力量运营。\n⏳推进中\n")
    assert _outline(draft) == [("民生保障", [("低保动态管理不及时", "已完成", 2, []), ("养老设施利用率不高", "正在推进中", 1, [])])]


@pytest.mark.parametrize("part", ["（三）巡察移交信访件办理情况\n巡察期间移交信访件4件，已全部办结。\n",
                                  "（三）关于巡察组提出的意见建议落实情况\n1.建议加强年轻干部培养。已制定培养计划。\n"
                                  "2.建议完善内控制度。已修订内控制度4项。\n"])
def test_a_part_on_petitions_handed_over_or_on_the_groups_suggestions_holds_no_findings(tmp_path, part):
    draft = _draft(tmp_path, "（一）落实主体责任方面\n1.责任清单不具体。\n整改措施：逐人制定责任清单。\n整改情况：已完成。\n"
                             "（二）作风建设方面\n2.调研走访不深入。\n整改措施：建立联系基层制度。\n整改情况：正在推进中。\n" + part)
    assert [(c, [p for p, _, _, _ in ps]) for c, ps in _outline(draft)] == [("落实主体责任", ["责任清单不具体"]),
                                                                           ("作风建设", ["调研走访不深入"])]


def test_a_category_tag_before_each_problem_groups_the_problems(tmp_path):
    """Before: the tag stayed in each title and the problems had no category."""
    draft = _draft(tmp_path, "【政治建设】1.中心组研讨不深入。\n整改措施：每季度专题研讨。\n整改情况：已完成。\n"
                             "【政治建设】2.意识形态责任不到位。\n整改措施：制定责任清单。\n整改情况：已完成。\n"
                             "【作风建设】3.文件精简不到位。\n整改措施：压减发文。\n整改情况：正在推进中。\n")
    assert _outline(draft) == [("政治建设", [("中心组研讨不深入", "已完成", 1, []), ("意识形态责任不到位", "已完成", 1, [])]),
                               ("作风建设", [("文件精简不到位", "正在推进中", 1, [])])]


@pytest.mark.parametrize("outer, inner", [("●", "○"), ("◆", "◇")])
def test_two_bullets_used_as_two_levels_are_problems_and_their_measures(tmp_path, outer, inner):
    """Before: the category was the one problem and every bulleted line its measure."""
    draft = _draft(tmp_path, f"（一）履行监管职责方面\n{outer}培训机构日常监管缺位\n{inner}建立双随机抽查机制\n{inner}开展专项检查\n"
                             f"整改进展：已完成\n{outer}收费监管存在盲区\n{inner}预收费纳入资金监管\n{inner}公布投诉电话\n整改进展：正在推进\n")
    assert _outline(draft) == [("履行监管职责", [("培训机构日常监管缺位", "已完成", 2, []),
                                                ("收费监管存在盲区", "正在推进中", 2, [])])]


def test_one_status_line_closing_a_category_is_each_of_its_problems(tmp_path):
    """Before: no problem had a status and the line was the last measure's text."""
    draft = _draft(tmp_path, "（一）执行规定方面\n1.公务接待超标准。\n（1）清退超标准接待费用。\n（2）修订接待办法。\n"
                             "2.会议费凭证不全。\n（1）补齐凭证。\n（2）建立审核清单。\n以上2个问题均已整改完成。\n"
                             "（二）干部队伍方面\n3.轮岗交流不够。\n（1）制定轮岗方案。\n该问题正在整改中。\n")
    assert _outline(draft) == [("执行规定", [("公务接待超标准", "已完成", 2, []), ("会议费凭证不全", "已完成", 2, [])]),
                               ("干部队伍", [("轮岗交流不够", "正在推进中", 1, [])])]
    assert any(d.code == "import.status_shared_line" for d in draft.doubts)


@pytest.mark.parametrize("status_line, status", [
    ("整改情况：已全面整改到位。", "已完成"), ("整改情况：基本整改到位。", "基本完成"), ("整改情况：正在抓紧整改。", "正在推进中"),
    ("整改情况：已立行立改。", "已完成"), ("整改情况：已于巡察期间整改完成。", "已完成"),
    ("目前正在推进中，力争2025年5月底前完工。", "正在推进中"),
])
def test_more_status_wordings_are_read_and_leave_the_measures(tmp_path, status_line, status):
    draft = _draft(tmp_path, f"（一）河道管理方面\n1.河道保洁不到位。\n整改措施：落实保洁员12名。\n{status_line}\n"
                             "2.采砂监管有漏洞。\n整改措施：开展联合巡查。\n整改情况：已完成。\n")
    assert _outline(draft) == [("河道管理", [("河道保洁不到位", status, 1, []), ("采砂监管有漏洞", "已完成", 1, [])])]


def test_a_problem_with_one_numbered_measure_has_it_as_its_measure(tmp_path):
    """Before: the single （1） was read as a sub-finding holding the problem's status."""
    draft = _draft(tmp_path, "（一）组织建设方面\n1.党员发展计划执行不到位。\n（1）重新制定三年党员发展规划。\n整改情况：已完成。\n"
                             "2.支部换届不及时。\n（1）督促支部完成换届。\n（2）建立换届提醒台账。\n整改情况：已完成。\n")
    assert _outline(draft) == [("组织建设", [("党员发展计划执行不到位", "已完成", 1, []), ("支部换届不及时", "已完成", 2, [])])]


def test_field_tags_on_the_title_line_are_the_problems_fields(tmp_path):
    draft = _draft(tmp_path, "（一）后勤管理方面\n1.食堂采购未执行询价制度 【整改时限】2024年9月底 【责任单位】后勤服务中心 【整改进展】已完成\n"
                             "整改措施：建立询价比价制度。\n2.公车加油卡管理松散 【整改时限】2024年10月底 【责任单位】办公室 【整改进展】正在推进\n"
                             "整改措施：实行一车一卡。\n")
    found = problems(draft.data)
    assert [(p["title"], p.get("status"), p.get("deadline"), p.get("responsible"), len(p["measures"])) for p in found] == [
        ("食堂采购未执行询价制度", "已完成", "2024年9月底", "后勤服务中心", 1),
        ("公车加油卡管理松散", "正在推进中", "2024年10月底", "办公室", 1)]


@pytest.mark.parametrize("sentence, responsible, leader", [
    ("由局办公室牵头，分管副局长周某督促落实。", "局办公室", "分管副局长周某"),
    ("由局办公室牵头，机关党委配合，分管副局长周某督促落实。", "牵头单位：局办公室；配合单位：机关党委", "分管副局长周某"),
    ("由局办公室牵头，财务科具体负责。", "牵头单位：局办公室；责任单位：财务科", None),
])
def test_responsibility_said_in_a_sentence_of_who_leads_helps_and_oversees(tmp_path, sentence, responsible, leader):
    """Before: the overseeing leader was filed as the unit, cut short (分管副局长周某督促)."""
    draft = _draft(tmp_path, f"（一）财务管理方面\n1.固定资产账实不符。\n{sentence}\n整改措施：开展资产清查。\n整改情况：已完成。\n")
    (problem,) = problems(draft.data)
    assert (problem.get("responsible"), problem.get("leader"), len(problem["measures"])) == (responsible, leader, 1)


@pytest.mark.parametrize("line", ["{n}.（反馈意见第{r}条）{x}。", "{n}.{x}。（反馈意见第{r}条）", "{n}.{x}（问题清单第{r}项）"])
def test_a_reference_to_the_feedback_list_stays_out_of_the_title_and_the_measures(tmp_path, line):
    rows = ["党组会议记录不规范", "请示报告不规范"]
    body = "（一）党的建设方面\n" + "".join(
        f"{line.format(n=n, x=x, r=n + 4)}\n整改措施：修订制度。\n整改情况：已完成。\n" for n, x in enumerate(rows, 1))
    draft = _draft(tmp_path, body)
    assert _outline(draft) == [("党的建设", [(x, "已完成", 1, []) for x in rows])]
    assert "反馈意见" in draft.report("x.yml") or "问题清单" in draft.report("x.yml")


@pytest.mark.parametrize("lead", ["针对第1、2个问题：", "针对上述问题：", "针对以上两个问题，"])
def test_measures_said_for_the_problems_above_are_shared_by_them(tmp_path, lead):
    """Before: the first problem had no status and nothing said the measures were shared."""
    draft = _draft(tmp_path, "（一）资产管理方面\n1.固定资产账实不符。\n2.闲置房产未及时盘活。\n"
                             f"{lead}开展资产清查，核销资产37项。目前已完成整改。\n")
    assert [(p, s) for _, ps in _outline(draft) for p, s, _, _ in ps] == [("固定资产账实不符", "已完成"), ("闲置房产未及时盘活", "已完成")]
    assert [d.code for d in draft.doubts].count("import.shared_measures") == 2


@pytest.mark.parametrize("closing, status, deadline", [
    ("目前正在推进中，力争2025年5月底前完工。", "正在推进中", "力争2025年5月底前完工"),
    ("目前该问题已基本完成整改，剩余2户复核工作将于2025年3月底前完成。", "基本完成", "将于2025年3月底前完成"),
])
def test_a_status_closing_the_measures_with_a_plan_for_the_rest(tmp_path, closing, status, deadline):
    """Before: the plan was lost (完工), or the status and the plan stayed in the measure's text."""
    draft = _draft(tmp_path, f"（一）征迁方面\n1.项目征迁进度滞后。\n整改措施：成立专班，协调解决征迁问题5处。{closing}\n"
                             "2.安置房分配不透明。\n整改措施：公开分配方案。\n整改情况：已完成。\n")
    assert len(outline(draft.data)) == 1  # one category, its two problems
    first, _ = problems(draft.data)
    assert (first.get("status"), first.get("deadline"), [m if isinstance(m, str) else m["text"] for m in first["measures"]]) == (
        status, deadline, ["成立专班，协调解决征迁问题5处。"])


@pytest.mark.parametrize("lead", ["主要问题：", "主要表现在：", ""])
@pytest.mark.parametrize("answer", ["针对上述问题，局党组督促支部完成换届，修订积分办法。\n整改情况：已完成。\n",
                                    "整改情况：局党组督促支部完成换届，修订积分办法。目前已完成整改。\n"])
def test_problems_run_together_after_a_lead_with_one_answer_for_them_all(tmp_path, lead, answer):
    """Before: 主要问题：一是… was read as one problem titled with the first point, the others its measures."""
    draft = _draft(tmp_path, f"（一）基层组织建设方面\n{lead}一是两个支部未按期换届；二是组织生活会质量不高；三是党员积分管理流于形式\n{answer}")
    assert [(p, s) for _, ps in _outline(draft) for p, s, _, _ in ps] == [
        ("两个支部未按期换届", "已完成"), ("组织生活会质量不高", "已完成"), ("党员积分管理流于形式", "已完成")]


def test_a_measures_lead_that_counts_them_opens_the_numbered_measures(tmp_path):
    """Before: 整改措施（3条）： was no lead and its 1. 2. 3. were read as problems."""
    draft = _draft(tmp_path, "（一）会议管理方面\n1.会议记录不全。\n整改措施（3条）：\n1.补齐会议记录；\n2.建立记录审核制度；\n"
                             "3.每季度抽查。\n整改情况：已完成。\n2.会议数量偏多。\n整改措施（1条）：\n1.压减例会。\n整改情况：已完成。\n")
    assert _outline(draft) == [("会议管理", [("会议记录不全", "已完成", 3, []), ("会议数量偏多", "已完成", 1, [])])]


@pytest.mark.parametrize("lead", ["整改成效", "取得成效"])
def test_an_outcome_line_after_numbered_measures_keeps_its_word_and_is_marked(tmp_path, lead):
    """Before: 整改成效：… after 整改措施：1. 2. became one more measure with its word dropped, unmarked."""
    draft = _draft(tmp_path, "（一）作风建设方面\n问题一：车辆管理不规范。\n整改措施：\n1.清理全部车辆档案。\n"
                             f"2.安装定位设备。\n{lead}：车辆费用同比下降一成。\n整改时限：已完成。\n责任部门：办公室\n"
                             "问题二：会议偏多。\n整改措施：\n1.压减例会。\n整改时限：已完成。\n")
    first = problems(draft.data)[0]
    assert first["status"] == "已完成" and first["responsible"] == "办公室"
    texts = measure_texts(first)
    assert texts[:2] == ["清理全部车辆档案。", "安装定位设备。"]
    assert f"{lead}：车辆费用同比下降一成。" in texts[2:] or any(f"{lead}：车辆费用" in t for t in texts)
    assert any(d.code == "import.goal_as_measure" for d in draft.doubts)


def test_a_status_sentence_after_the_deadline_on_its_line_is_the_status(tmp_path):
    """Before: 整改时限：X。目前该问题正在推进中，… gave no status and kept the sentence as a measure, unmarked."""
    draft = _draft(tmp_path, "（一）作风建设方面\n1.集体经济发展慢。\n整改措施：一是制定发展规划。二是盘活闲置房屋。\n"
                             "整改时限：2024年12月底前。目前该问题正在推进中，村均收入增长一成。\n"
                             "2.干部作风不实。\n整改措施：一是开展作风整顿。\n整改时限：已完成。\n")
    first = problems(draft.data)[0]
    assert first["status"] == "正在推进中" and first["deadline"] == "2024年12月底前"
    texts = measure_texts(first)
    assert texts[:2] == ["制定发展规划。", "盘活闲置房屋。"]
    assert all("正在推进" not in t for t in texts)
    assert texts[2:] == [] or any(d.code == "import.status_remark_kept" for d in draft.doubts)


def test_a_copy_cut_after_a_bare_label_keeps_the_structure_above_it(tmp_path):
    """Before: one empty 1. at the very end turned both 在“…”方面 categories into problems."""
    body = ("（一）在“教书育人”方面\n1.课程建设有短板。\n（1）教师配备不足。\n（2）示范课程偏少。\n"
            "整改落实情况：补充招聘教师4名，开展示范课评选。\n2.心理健康教育不到位。\n"
            "整改落实情况：设立心理健康中心，建立排查台账。\n（二）在“党的建设”方面\n")
    whole, cut = _draft(tmp_path, body), _draft(tmp_path, body + "1.\n")
    titles = [c for c, _ in _outline(whole)]
    assert titles[0] == "教书育人"
    assert [c for c, _ in _outline(cut)][0] == "教书育人"
    assert [t for _, ps in _outline(cut) for t, *_ in ps] == [t for _, ps in _outline(whole) for t, *_ in ps]
    assert any(line.text.strip() == "1." for line in cut.unplaced)
    assert any(d.code == "import.text_cut" for d in cut.doubts)


@pytest.mark.parametrize(("closing", "status"), [("整改持续推进中。", "正在推进中"), ("整改工作正在推进中。", "正在推进中"),
                                                ("整改工作已完成。", "已完成")])
def test_a_status_sentence_with_its_subject_closing_the_measures_is_the_status(tmp_path, closing, status):
    """Before: 整改持续推进中。 after 二是… stayed in the last measure and no status was read."""
    draft = _draft(tmp_path, "（一）作风建设方面\n1.药品议价执行不到位。\n"
                             f"整改进展：一是成立议价小组，每季度开展议价。二是将议价结果公示。{closing}\n")
    first = problems(draft.data)[0]
    texts = measure_texts(first)
    assert first.get("status") == status and texts == ["成立议价小组，每季度开展议价。", "将议价结果公示。"]


def test_findings_run_in_after_the_title_before_the_measures_lead_are_the_problems_details(tmp_path):
    """Before: 1.X不到位。一是A；二是B。 then 整改情况：… put A and B first among the measures (marked)."""
    draft = _draft(tmp_path, "（一）党的建设方面\n1.主体责任落实不到位。一是班子专题研究次数少；二是压力传导层层递减。\n"
                             "整改情况：每季度专题研究党风廉政建设，签订责任书。已完成。\n"
                             "2.上轮整改不彻底。一是个别问题反弹；二是台账管理不规范。\n"
                             "整改情况：逐项复查上轮问题，建立销号台账。已完成。\n")
    assert _outline(draft) == [("党的建设", [
        ("主体责任落实不到位", "已完成", 1, ["班子专题研究次数少", "压力传导层层递减"]),
        ("上轮整改不彻底", "已完成", 1, ["个别问题反弹", "台账管理不规范"])])]


def test_categories_written_with_and_without_fangmian_keep_each_its_own_wording(tmp_path):
    """Before: most categories said X方面, so '{title}方面' was made the heading of all of them, and
    the site showed 联动巡察发现的问题方面, wording the notice never had."""
    draft = _draft(tmp_path, "（一）政治建设方面\n1.学习不深入。\n整改情况：制定学习计划。已完成。\n"
                             "（二）作风建设方面\n1.会议偏多。\n整改情况：压减例会。已完成。\n"
                             "（三）联动巡察发现的问题\n1.社区台账不全。\n整改情况：补齐台账。已完成。\n")
    heading = draft.data.get("numbering", {}).get("categories", {}).get("heading")
    shown = [heading.replace("{title}", c) if heading else c for c, _ in _outline(draft)]
    assert shown == ["政治建设方面", "作风建设方面", "联动巡察发现的问题"]


def test_a_plain_category_beside_quoted_ones_is_not_given_the_usual_wrapper(tmp_path):
    draft = _draft(tmp_path, "（一）“政治建设”方面\n1.学习不深入。\n整改情况：制定学习计划。已完成。\n"
                             "（二）联动巡察发现的问题\n1.社区台账不全。\n整改情况：补齐台账。已完成。\n")
    heading = draft.data.get("numbering", {}).get("categories", {}).get("heading", "“{title}”方面")
    assert [heading.replace("{title}", c) for c, _ in _outline(draft)] == ["“政治建设”方面", "联动巡察发现的问题"]


def test_findings_counted_yi_shi_keep_their_measures_listed_on_lines_of_their_own(tmp_path):
    """Before: one 二是 whose （1）（2） measures stood on lines of their own made the whole category a
    problem and its findings measures."""
    draft = _draft(tmp_path, "（一）关于立德树人方面\n一是思政体系不健全。\n整改措施：（1）制定方案。（2）建立联系制度。\n"
                             "整改进展：已完成。\n二是师德机制不完善。\n整改措施：\n（1）修订处理办法。\n（2）逐件复查线索。\n"
                             "整改进展：正在推进中。\n三是课程思政推进慢。\n整改措施：（1）遴选示范课程。（2）组织教学比赛。\n"
                             "整改进展：已完成。\n")
    assert [(t, s, n) for _, ps in _outline(draft) for t, s, n, _ in ps] == [
        ("思政体系不健全", "已完成", 2), ("师德机制不完善", "正在推进中", 2), ("课程思政推进慢", "已完成", 2)]


@pytest.mark.parametrize("lead", ["【整改进展】", "整改进展：", "完成情况："])
def test_a_progress_remark_after_the_status_is_kept_whole_and_marked(tmp_path, lead):
    """Before: 正在推进，已完成全部排查，资金已拨付60万元。 took 已完成全部排查 into the status (only in a comment)
    and the rest became a measure, unmarked."""
    draft = _draft(tmp_path, "（一）作风建设方面\n1.农田管护不到位。\n整改措施：\n1.开展管护排查；\n2.落实管护资金。\n"
                             f"{lead}正在推进，已完成全部排查，资金已拨付60万元。\n")
    first = problems(draft.data)[0]
    assert first["status"] == "正在推进中"
    assert "已完成全部排查，资金已拨付60万元。" in measure_texts(first)
    assert any(d.code == "import.status_remark_kept" for d in draft.doubts)


def test_a_status_on_its_own_line_outranks_a_phrase_closing_the_measures(tmp_path):
    """Before: 整改情况：…，此项工作需长期坚持。 then 整改状态：基本完成。 gave 阶段性完成并需长期坚持, unmarked."""
    draft = _draft(tmp_path, "（一）关于“青年干部培养不够”的问题\n整改情况：制定培养计划，选派5名干部到一线锻炼，此项工作需长期坚持。\n"
                             "整改状态：基本完成。\n（二）关于“支部建设不到位”的问题\n整改情况：完善支部活动阵地。\n整改状态：已完成。\n")
    first = problems(draft.data)[0]
    assert first["status"] == "基本完成"
    assert any("需长期坚持" in t for t in measure_texts(first))


def test_a_cunzai_wenti_line_under_a_numbered_problem_is_its_description(tmp_path):
    """Before: （一）X then 存在问题：Y made （一） a category and Y the problem."""
    draft = _draft(tmp_path, "（一）食品抽检覆盖面不足\n存在问题：农村集贸市场抽检频次低。\n整改措施：一是纳入抽检计划；二是追加检测经费。\n"
                             "（二）特种设备监管不到位\n存在问题：部分电梯超期未检。\n整改措施：开展电梯专项检查。\n")
    assert [t for _, ps in _outline(draft) for t, *_ in ps] == ["食品抽检覆盖面不足", "特种设备监管不到位"]


def test_a_category_naming_the_leads_among_its_themes_holds_its_problems(tmp_path):
    """Before: （二）巡察整改和问题线索处置方面 was read as the report on transferred leads; its problems uncounted."""
    draft = _draft(tmp_path, "（一）作风建设方面\n问题1：会议偏多。\n整改情况：压减例会。\n"
                             "（二）巡察整改和问题线索处置方面\n问题2：信访办理不及时。\n整改情况：建立限时办结制度。\n"
                             "问题3：审计问题整改不到位。\n整改情况：逐一整改销号。\n")
    assert [(c, len(ps)) for c, ps in _outline(draft)] == [("作风建设", 1), ("巡察整改和问题线索处置", 2)]


def test_problems_as_plain_sentences_with_unnumbered_measures_closed_by_their_status(tmp_path):
    """Before: each 在…方面 category was read as one problem and its real problems became measures (marked)."""
    draft = _draft(tmp_path, "（一）在落实上级决策部署方面\n为农服务意识不强，服务网点覆盖面不足。\n"
                             "专题研究为农服务工作，制定三年行动方案。\n新建乡镇服务中心3个、村级服务社17个。\n目前，该问题已整改完成。\n"
                             "综合改革动力不足，基层社空壳化问题未有效解决。\n对9个基层社逐一摸底，制定一社一策改造方案。\n"
                             "目前已完成6个基层社改造，其余3个正在推进中。\n"
                             "（二）在全面从严治党方面\n资产监管不严，部分门面低价出租。\n对出租门面逐一评估，按市场价调整租金。\n"
                             "目前，该问题已整改完成。\n")
    assert [(c, [(t[:6], n) for t, _, n, _ in ps]) for c, ps in _outline(draft)] == [
        ("落实上级决策部署", [("为农服务意识", 2), ("综合改革动力", 2)]), ("全面从严治党", [("资产监管不严", 1)])]
    assert [p.get("status") for p in problems(draft.data)][::2] == ["已完成", "已完成"]


def test_a_plain_sentence_problem_with_its_first_measure_run_on_after_it(tmp_path):
    """Before: X不严，…不及时。对…全面清查…。 (a copy joined the two) kept the category as one problem."""
    draft = _draft(tmp_path, "（一）在全面从严治党方面\n资产监管不严，部分门面低价出租，租金收缴不及时。对门面全面清查登记，建立资产台账。\n"
                             "对低价出租的门面重新公开招租。\n目前，该问题已整改完成。\n"
                             "财务制度执行不严，存在白条入账问题。修订财务管理办法，严格公务卡结算。\n目前，该问题已整改完成。\n")
    assert [(t[:6], s, n) for _, ps in _outline(draft) for t, s, n, _ in ps] == [
        ("资产监管不严", "已完成", 2), ("财务制度执行", "已完成", 1)]


def test_categories_and_problems_both_worded_guanyu_with_measures_run_in(tmp_path):
    """Before: （一）关于X的问题 over 1.关于Y的问题。一是…二是… made the categories problems and the problems items."""
    draft = _draft(tmp_path, "（一）关于服务国家战略不够有力的问题\n1.关于服务乡村振兴力度不够的问题。一是制定三年行动方案；二是新设服务中心23个。\n"
                             "2.关于科技金融质效不高的问题。一是设立科技支行；二是推出专属产品。\n"
                             "（二）关于管党治党宽松软的问题\n3.关于监督不到位的问题。一是制定监督办法；二是建立约谈制度。\n")
    assert [(c, [(t, n) for t, _, n, _ in ps]) for c, ps in _outline(draft)] == [
        ("服务国家战略不够有力", [("服务乡村振兴力度不够", 2), ("科技金融质效不高", 2)]),
        ("管党治党宽松软", [("监督不到位", 2)])]


def test_problems_labelled_wenti_yi_with_a_space_after_the_label(tmp_path):
    """Before: 问题一 X (a space, no colon) was no label: three problems were read as one."""
    draft = _draft(tmp_path, "问题一 学习流于形式\n整改情况：一是修订学习制度；二是建立学习档案。\n"
                             "问题二 决策执行不严格\n整改情况：一是修订议事规则；二是逐项复查。\n"
                             "问题三 选任程序不规范\n整改情况：重新梳理选任流程。\n")
    assert [t for t in (p["title"] for p in problems(draft.data))] == ["学习流于形式", "决策执行不严格", "选任程序不规范"]
