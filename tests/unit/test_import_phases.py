"""Each phase of the importer alone: lines, frame, outline, roles, opening, totals, checks."""

from __future__ import annotations

import datetime as dt

import pytest

from zhenggai.importer.checks import title_doubt
from zhenggai.importer.fold import fold
from zhenggai.importer.frame import read_frame
from zhenggai.importer.lines import make_para, prepare
from zhenggai.importer.opening import read_inspection
from zhenggai.importer.outline import build_outline
from zhenggai.importer.roles import assign_roles
from zhenggai.importer.sources import Line
from zhenggai.importer.totals import Block, read_totals


def _paras(text: str):
    return prepare([Line(i, t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]).paras


def test_lines_widen_punctuation_drop_glosses_read_markup_and_split_flattened_lines():
    prepared = prepare([
        Line(1, "根据市委统一部署,2024年3月1日至4月2日(共33天),巡察组对某局开展巡察。"),
        Line(2, "局党组统(tǒng)一部署整改。"),
        Line(3, "【类型：标题 | 标号：no | 标题：反馈问题整改落实情况】"),
        Line(4, "一、整改工作开展情况 1.成立领导小组。明确分工。 2.制定方案。细化任务。 二、整改落实情况"),
    ])
    texts = [p.text for p in prepared.paras]
    assert texts[0] == "根据市委统一部署，2024年3月1日至4月2日（共33天），巡察组对某局开展巡察。"
    assert texts[1] == "局党组统一部署整改。" and prepared.glosses == 1
    assert prepared.paras[2].heading and texts[2] == "反馈问题整改落实情况"
    assert texts[3:] == ["一、整改工作开展情况", "1.成立领导小组。明确分工。", "2.制定方案。细化任务。", "二、整改落实情况"]
    assert prepared.widened == 6 and prepared.split_lines == (4,)


def test_a_space_inside_a_sentence_never_splits_it():
    para = make_para(1, "2023年以来共召开会议 3次，研究整改 1.5亿元资金使用问题。")
    assert [p.text for p in prepare([Line(1, para.text)]).paras] == [para.text]


def test_a_space_between_chinese_characters_in_a_sentence_is_noise_but_not_in_a_title_or_quotation():
    paras = prepare([Line(1, "市委 第二巡察组对 某局党组 进行了巡察，党组书记讲授党课《知敬畏 存戒惧》“守底线 不越线”。"),
                     Line(2, "字号：大 中 小")]).paras
    assert [p.text for p in paras] == ["市委第二巡察组对某局党组进行了巡察，党组书记讲授党课《知敬畏 存戒惧》“守底线 不越线”。",
                                       "字号：大 中 小"]


def test_a_space_beside_a_mark_made_full_width_is_taken_out():
    """A full-width mark carries its own blank: a space the source kept after its half-width comma
    would be the one place a justified printed line stretches (根据市委统一部署,   2018年)."""
    prepared = prepare([Line(1, "根据市委统一部署, 2018年9月12日至11月9日 ,市委第六巡察组(组长: 张三 )对某局进行了巡察 。")])
    assert [p.text for p in prepared.paras] == ["根据市委统一部署，2018年9月12日至11月9日，市委第六巡察组（组长：张三）对某局进行了巡察。"]


def test_the_frame_reads_a_portal_head_and_a_title_over_two_lines():
    paras = _paras("114400001234567890/2024-00021\n中共某市某局党组关于市委第三轮\n巡察整改进展情况的通报\n某市某局\n"
                   "2024-01-18\n根据市委统一部署，2023年7月3日至8月30日，市委第三巡察组对某局党组进行了巡察。\n")
    frame = read_frame(paras, {})
    assert frame.title == "中共某市某局党组关于市委第三轮巡察整改进展情况的通报"
    assert frame.metadata == {"index_no": "114400001234567890/2024-00021", "publisher": "某市某局",
                              "published": dt.date(2024, 1, 18)}
    assert [p.text[:4] for p in frame.body] == ["根据市委"]
    assert any("分成两行" in d.message for d in frame.doubts)


@pytest.mark.parametrize(("sentence", "facts"), [
    ("根据市委统一部署，2024年3月1日至4月2日，市委巡察三组对某局党组开展了巡察，并于6月5日反馈了巡察意见。",
     {"body": "市委巡察三组", "target": "某局党组", "start": dt.date(2024, 3, 1), "end": dt.date(2024, 4, 2),
      "feedback": dt.date(2024, 6, 5)}),
    ("按照省委统一部署，省委巡视五组于2023年9月4日—10月27日对某市开展了常规巡视。12月8日，省委巡视五组向某市委反馈了巡视意见。",
     {"body": "省委巡视五组", "target": "某市", "start": dt.date(2023, 9, 4), "end": dt.date(2023, 10, 27),
      "feedback": dt.date(2023, 12, 8)}),
    ("根据县委统一部署，县委组建3个巡察组，于2022年4月6日至5月20日对某镇、某乡等3个单位开展了常规巡察。",
     {"body": "县委3个巡察组", "target": "某镇、某乡等3个单位", "start": dt.date(2022, 4, 6), "end": dt.date(2022, 5, 20)}),
    ("根据区委统一部署，八届区委第五轮巡察二组对某街道党工委（以下简称街道党工委）进行了巡察。",
     {"body": "八届区委第五轮巡察二组", "target": "某街道党工委", "round": "第五轮"}),
    ("按照区委统一部署，2022年3月22日至5月20日区委第四巡察组对某局党组进行了巡察。",  # no comma after the date
     {"body": "区委第四巡察组", "target": "某局党组", "start": dt.date(2022, 3, 22), "end": dt.date(2022, 5, 20)}),
])
def test_the_opening_reads_group_target_and_dates_in_their_forms(sentence, facts):
    opening = read_inspection(_paras(sentence), 2024)
    assert {k: opening.inspection.get(k) for k in facts} == facts


def test_a_target_written_as_our_unit_is_read_from_the_title():
    opening = read_inspection(_paras("区委第一巡察组于2022年3月1日至4月1日对我院党组进行了巡察。"), 2022,
                              title="中共某区人民医院党组关于巡察整改情况的通报")
    assert opening.inspection["target"] == "某区人民医院党组"
    assert any("我院党组" in d.message for d in opening.doubts)


ROLES = """一、整改工作开展情况
（一）统一思想认识。局党组召开会议，研究整改。一是成立领导小组。二是制定方案。
（二）压实整改责任。逐项明确责任人。
二、巡察反馈问题整改落实情况
（一）“党的建设”方面
1.理论学习不深入。
整改情况：一是制定学习计划。二是开展研讨。
2.组织生活不规范。
（1）制定组织生活清单。
（2）每季度检查一次。
三、下一步工作打算
持续巩固整改成果。
"""


def test_a_second_part_after_a_text_cut_inside_the_first_is_a_part_of_its_own():
    # The page (or the copy) lost 一、 and its heading: （一）（二） come first, then 二、.
    root = build_outline(_paras("（一）压实整改责任。局党组成立领导小组。\n（二）细化整改措施。建立问题台账。\n"
                                "二、巡察反馈问题整改情况\n（一）党的建设方面\n1.组织生活不规范。\n整改情况：制定组织生活清单。\n"
                                "三、下一步工作打算\n持续巩固整改成果。\n"))
    roles = assign_roles(root)
    assert [n.label_text for n in root.children] == ["（一）", "（二）", "二、", "三、"]
    two = root.children[2]
    assert [roles(n) for n in (two, two.children[0], two.children[0].children[0])] == ["rectification", "category", "problem"]


def test_the_same_label_is_a_point_of_the_organisation_in_one_part_and_a_category_in_the_next():
    root = build_outline(_paras(ROLES))
    roles = assign_roles(root)
    one, two, three = root.children
    assert [roles(n) for n in (one, *one.children)] == ["section", "subsection", "subsection"]
    category = two.children[0]
    assert [roles(n) for n in (two, category, *category.children)] == ["rectification", "category", "problem", "problem"]
    assert [roles(n) for n in category.children[1].children] == ["measure", "measure"]
    assert roles(three) == "next_steps"


def test_a_notice_that_reports_no_inspection_has_no_findings():
    root = build_outline(_paras("一、工作亮点\n（一）狠抓落实。\n二、存在的问题\n（一）调研不够深入。\n"))
    roles = assign_roles(root, inspected=False)
    assert {roles(n) for n in root.walk() if n is not root} == {"section", "subsection"}


def test_totals_are_read_wherever_they_stand_and_the_first_statement_wins():
    figures = read_totals([
        Block(3, "", "针对反馈的三个方面12个问题，制定整改措施48条。"),
        Block(9, "", "（二）建章立制。修订完善制度7项，退回资金2.5万元，批评教育3人次。"),
        Block(20, "", "截至目前，12个问题已完成整改10个，正在整改2个。"),
        Block(31, "", "共梳理出问题14个。"),
        Block(40, "", "一是建立制度3项。", inside_findings=True),
    ])
    assert figures.declared == {"categories": 3, "problems": 12, "measures": 48, "rules_made": 7,
                                "money_returned": 25000, "people_disciplined": 3, "completed": 10,
                                "basis": "problems", "in_progress": 2}
    assert [(d.path, d.line) for d in figures.doubts] == [(("declared", "problems"), 3)]


def test_a_count_said_in_passing_gives_way_to_the_feedbacks_count():
    figures = read_totals([
        Block(5, "", "整改以来共召开例会12次，研究解决问题49个。"),
        Block(8, "", "目前，巡察反馈的3个方面15个问题已完成整改13个。"),
    ])
    assert (figures.declared["problems"], figures.declared["categories"]) == (15, 3)
    assert [(d.path, d.line) for d in figures.doubts] == [(("declared", "problems"), 8)]


@pytest.mark.parametrize(("title", "doubt"), [
    ("理论学习不深入", None),
    ("会议过多，一是压减会议，二是推行视频会议", "一是"),
    ("公车管理不规范。建立派车登记制度并每月公示", "句号"),
    ("公车管理不规范，整改情况", "整改情况"),
    ("针对台账记录不全的问题，局党组召开专题会议研究", "整改措施"),
    ("党的领导方面", "方面"),
    ("针对“会议过多”的问题", None),
    ("在推进全面从严治党向纵深发展的过程中对基层党组织建设和党员教育管理监督工作重视不够抓得不紧不实作用发挥不明显有的支部长期不开展活动也没有及时调整班子成员", "字"),
])
def test_a_title_that_looks_like_more_than_a_title_is_doubted(title, doubt):
    reason = title_doubt(title)
    assert (reason is None) if doubt is None else (doubt in reason)


@pytest.mark.parametrize(("sentence", "declared"), [
    ("巡察反馈的3方面问题共18个，已整改到位15个，需长期坚持的3项。",
     {"categories": 3, "problems": 18, "completed": 15, "long_term": 3, "basis": "problems"}),
    ("针对反馈的18个问题制定了52项整改措施，目前已完成整改16个，长期整改2个。",
     {"problems": 18, "measures": 52, "completed": 16, "long_term": 2, "basis": "problems"}),
    ("截至目前，92项整改任务已完成87项，正在整改中5项，完成率94.6%。",
     {"tasks": 92, "completed": 87, "in_progress": 5, "basis": "tasks"}),
    ("建章立制11项，问责追责0人，挽回经济损失3.2万元。", {"rules_made": 11, "money_returned": 32000}),
    ("已全部完成整改，阶段性完成并需长期坚持的问题4个。", {"long_term": 4}),
    ("市委第一巡察组共反馈四个方面15个问题。", {"categories": 4, "problems": 15}),
    ("对照检查，自查自纠问题9个，已整改8个。", {}),
    ("已完成整改的问题14个，正在推进的问题2个。", {"completed": 14, "in_progress": 2, "basis": "problems"}),
    ("截至目前，18个问题已完成整改15个，其余3个问题正在按计划推进。",
     {"problems": 18, "completed": 15, "in_progress": 3, "basis": "problems"}),
    ("截至目前，13个问题已完成整改11个，剩余2个问题正在持续推进。",
     {"problems": 13, "completed": 11, "in_progress": 2, "basis": "problems"}),
    ("巡察反馈的五个方面问题共计二十六个。", {"categories": 5, "problems": 26}),
    ("巡察反馈的4个方面问题，细化为整改任务清单56项。", {"categories": 4, "tasks": 56}),
    ("截至目前，巡察反馈的2个方面7个问题已全部完成整改。", {"categories": 2, "problems": 7, "completed": 7, "basis": "problems"}),
    ("巡察反馈问题6个，均已整改到位。", {"problems": 6, "completed": 6, "basis": "problems"}),
    ("反馈问题8个均已整改完成。", {"problems": 8, "completed": 8, "basis": "problems"}),
    ("巡察组共反馈问题 24 个，制定整改措施（71）条。", {"problems": 24, "measures": 71}),
    ("反馈的14个问题中，已完成整改的有11个，正在整改的有2个，需要长期坚持的有1个。",
     {"problems": 14, "completed": 11, "in_progress": 2, "long_term": 1, "basis": "problems"}),
    ("巡察组反馈意见共3个方面10条，截至目前10条反馈意见均已整改完毕。",
     {"categories": 3, "problems": 10, "completed": 10, "basis": "problems"}),
    ("巡察反馈意见共涉及3大项11个具体问题，目前已全部整改完成。", {"categories": 3, "problems": 11, "completed": 11, "basis": "problems"}),
    ("对审计指出的5个问题全部完成整改，整改情况已报巡察办。", {"completed": 5, "basis": "problems"}),
    ("共梳理出4个方面11个具体问题，其余4个正在加快推进。", {"categories": 4, "problems": 11, "in_progress": 4}),
    ("对每一项问题都明确一名班子成员牵头。", {}),
    ("反馈问题：21个；整改措施：63条；已完成：19个；正在整改：2个；建立制度：8项。",
     {"problems": 21, "measures": 63, "completed": 19, "in_progress": 2, "rules_made": 8}),
    ("问题清单共列问题21条，任务清单细化任务64项，制定整改措施一百零六条。", {"problems": 21, "tasks": 64, "measures": 106}),
    ("巡察反馈的问题已整改完成，清退资金逾10万元。", {}),
    ("巡察组反馈6类22项问题，制定整改措施70条。", {"categories": 6, "problems": 22, "measures": 70}),
    ("聚焦问题清单，推动12个反馈问题全部清零。", {"problems": 12, "completed": 12, "basis": "problems"}),
    ("以上共计9个问题，已全部完成整改。", {"problems": 9, "completed": 9, "basis": "problems"}),
    ("巡察反馈的问题中已完成整改的占87.5%（14个）。", {"completed": 14, "basis": "problems"}),
    ("细化整改任务40项，已完成37项，剩余3项纳入常态化管理。", {"tasks": 40, "completed": 37, "long_term": 3, "basis": "tasks"}),
    ("细化形成60项整改任务，已完成55项，其余5项正按计划推进。", {"tasks": 60, "completed": 55, "in_progress": 5, "basis": "tasks"}),
    ("巡察组共反馈2个方面8个问题27个具体表现。", {"categories": 2, "problems": 8, "tasks": 27}),
    ("督促清退违规发放的津补贴共计48,260元。", {"money_returned": 48260}),
    ("对照巡察反馈意见，形成问题清单12条、任务清单35项、责任清单12份。", {"problems": 12, "tasks": 35}),
    ("针对巡察指出的6个问题制定24条整改措施，已落实完成22条，其余2条正在落实。",
     {"problems": 6, "measures": 24, "completed": 22, "in_progress": 2, "basis": "measures"}),
    ("反馈问题数/已完成/正在推进：15/13/2", {"problems": 15, "completed": 13, "in_progress": 2, "basis": "problems"}),
    ("截至目前，已完成整改6个，阶段性完成1个，正在推进1个；批评教育3人。",
     {"completed": 6, "long_term": 1, "in_progress": 1, "people_disciplined": 3}),
    ("共整改问题8个，制定整改措施17条，其中已完成整改5个、基本完成1个、阶段性完成1个、正在推进1个。",
     {"problems": 8, "measures": 17, "completed": 5, "basically_completed": 1, "long_term": 1, "in_progress": 1,
      "basis": "problems"}),
    ("截至2025年2月底，已完成整改的问题5个，正在推进整改的问题2个。", {"completed": 5, "in_progress": 2, "basis": "problems"}),
    ("局党组书记带头领办整改任务4项，带头认领重点整改任务3项。", {}),
    ("新建和修订公务接待、资产出租等方面的制度9项。", {"rules_made": 9}),
    ("截至目前，18条措施中已完成15条；8个问题中已完成4个，基本完成2个，正在推进2个。",
     {"problems": 8, "measures": 18, "completed": 4, "basically_completed": 2, "in_progress": 2, "basis": "problems"}),
    ("局党组将巡察反馈问题细化为整改任务26项，目前整改任务完成率100%。", {"tasks": 26, "completed": 26, "basis": "tasks"}),
    ("巡察反馈问题21个，已整改到位19个，剩余2个已列入年度重点工作持续推进。",
     {"problems": 21, "completed": 19, "in_progress": 2, "basis": "problems"}),
    ("村党支部对巡察组反馈的问题照单全收，共反馈问题7个，已整改7个。", {"problems": 7, "completed": 7, "basis": "problems"}),
    ("党组书记带头领办重点问题4个，班子成员分别认领9个。全局共承担巡察反馈问题15个，已完成13个。",
     {"problems": 15, "completed": 13, "basis": "problems"}),
    ("对照巡察指出的问题，梳理廉政风险点28个，制定防控措施35条。", {}),
    ("截至目前，巡察反馈的问题已整改到位，对3人进行了批评教育。", {"people_disciplined": 3}),
    ("巡察反馈的17个问题已整改完成15个；剩余2个问题已明确整改时限，正在推进中。",
     {"problems": 17, "completed": 15, "in_progress": 2, "basis": "problems"}),
    ("巡察组反馈了2类问题共9个具体问题。", {"categories": 2, "problems": 9}),
    ("9个问题中已完成整改7个，2个问题取得阶段性成效并需长期坚持。",
     {"problems": 9, "completed": 7, "long_term": 2, "basis": "problems"}),
])
def test_totals_in_the_wordings_notices_use(sentence, declared):
    assert read_totals([Block(1, sentence, fold(sentence))]).declared == declared


def test_a_units_own_check_all_done_is_no_completed_count_of_the_inspections():
    sentence = "对各支部开展交叉检查，发现问题9个，已全部整改到位。"
    assert "completed" not in read_totals([Block(1, sentence, fold(sentence))]).declared


@pytest.mark.parametrize(("sentence", "title", "round_"), [
    ("根据县委统一部署，2023年4月3日至5月26日，县委第一巡察组对某站党支部进行了巡察。", "某站党支部关于十三届县委第四轮巡察整改进展情况的通报",
     "十三届县委第四轮"),
    ("根据市委第二轮巡察工作安排，2023年4月3日至5月26日，市委第一巡察组对某站党支部进行了巡察。", None, "市委第二轮"),
    ("根据县委统一部署，2023年4月3日至5月26日，县委第一巡察组对某站党支部进行了巡察。", "某站党支部关于巡察整改情况的通报", None),
    ("根据县委统一部署，县委第一巡察组对某站党支部进行了巡察，这是新一轮巡察中的第二轮整改。", None, None),
])
def test_a_round_named_in_the_title_or_the_opening_is_read(sentence, title, round_):
    opening = read_inspection(_paras(sentence), 2023, title=title)
    assert opening.inspection.get("round") == round_
    if round_:
        assert any(d.path == ("inspection", "round") for d in opening.doubts)


@pytest.mark.parametrize(("title", "feedback", "body", "target"), [
    ("中共某市水务局党组关于巡察整改进展情况的通报", "", "市委第一巡察组", "市水务局党组"),
    ("中共某市林业局党组关于巡察整改进展情况的通报", "", "市委第二巡察组", "市林业局党组"),
    (None, "2024年7月2日，市委第二巡察组向市林业局党组反馈了巡察意见。", "市委第二巡察组", "市林业局党组"),
    (None, "", "市委第一巡察组", "市水务局党组、市林业局党组"),
])
def test_groups_that_inspected_several_units_give_the_unit_of_this_notice(title, feedback, body, target):
    sentence = "根据市委统一部署，2024年3月11日至5月10日，市委第一巡察组、第二巡察组分别对市水务局党组、市林业局党组进行了巡察。"
    opening = read_inspection(_paras(sentence + feedback), 2024, title=title)
    assert (opening.inspection["body"], opening.inspection["target"]) == (body, target)
    assert any(d.code == "import.targets_several" for d in opening.doubts)


def test_states_that_add_up_to_more_than_the_total_are_doubted():
    sentence = "巡察反馈的12个问题中，已完成整改10个，正在整改3个。"
    figures = read_totals([Block(1, sentence, fold(sentence))])
    assert [d.code for d in figures.doubts] == ["import.totals_inconsistent"]
    sentence = "巡察反馈的12个问题中，已完成整改10个，正在整改2个。"
    assert read_totals([Block(1, sentence, fold(sentence))]).doubts == ()


def test_an_opening_that_tells_an_earlier_inspection_first_is_read_for_its_look_back():
    text = ("2021年4月6日至5月28日，县委第一巡察组对县水务局党组开展了常规巡察。根据县委统一部署，2023年3月6日至4月14日，"
            "县委第五巡察组对县水务局党组开展了巡察“回头看”，5月19日向县水务局党组反馈了“回头看”意见。")
    opening = read_inspection(_paras(text), None)
    assert {k: str(v) for k, v in opening.inspection.items()} == {
        "body": "县委第五巡察组", "target": "县水务局党组", "start": "2023-03-06", "end": "2023-04-14", "feedback": "2023-05-19"}
    assert any("回头看" in d.message for d in opening.doubts)


@pytest.mark.parametrize(("text", "target", "extended"), [
    ("2024年3月4日至4月26日，县委第一巡察组对某镇党委及其所辖6个村党组织开展了巡察。", "某镇党委", ["6个村党组织"]),
    ("2024年3月4日至4月26日，市委第二巡察组对某局党组开展了巡察，同步对其所属甲中心、乙站开展了延伸巡察。", "某局党组", ["甲中心", "乙站"]),
])
def test_units_below_the_target_are_extended_targets(text, target, extended):
    opening = read_inspection(_paras(text), 2024)
    assert (opening.inspection["target"], opening.inspection["extended_targets"]) == (target, extended)


def test_a_feedback_date_without_its_year_takes_the_year_the_opening_said_and_says_so():
    opening = read_inspection(_paras("2023年6月，市委第一巡察组对某学院党委开展了为期两个月的巡察。9月5日，巡察组向学院党委反馈了巡察意见。"), None)
    assert str(opening.inspection["feedback"]) == "2023-09-05"
    assert any(d.code == "import.year_assumed" and d.path == ("inspection", "feedback") for d in opening.doubts)
    opening = read_inspection(_paras("市委第一巡察组对某学院党委开展了巡察。9月5日，巡察组向学院党委反馈了巡察意见。"), None)
    assert "feedback" not in opening.inspection and any(d.code == "import.feedback_missing" for d in opening.doubts)


def test_a_table_typed_as_text_gives_one_figure_per_column():
    header, values = "反馈问题 | 整改措施 | 已完成 | 持续推进", "14个 | 41条 | 12个 | 2个"
    blocks = [Block(1, header, fold(header)), Block(2, values, fold(values))]
    assert read_totals(blocks).declared == {"problems": 14, "measures": 41, "completed": 12, "in_progress": 2,
                                            "basis": "problems"}


def test_a_count_inside_one_problems_measures_is_no_total_of_the_notice():
    sentence = "建立河湖问题清单，交办问题27个，已办结25个。"
    assert read_totals([Block(1, sentence, fold(sentence), inside_findings=True)]).declared == {}


@pytest.mark.parametrize(("text", "target", "start", "end"), [
    ("2024年4月15日至5月17日，县委第二巡察组对县水务局党组2022年巡察反馈问题整改情况开展了“回头看”。",
     "县水务局党组", "2024-04-15", "2024-05-17"),
    ("2023年9月4日至10月27日，县委第五巡察组对县水务局党组及党组书记开展了常规巡察。", "县水务局党组", "2023-09-04", "2023-10-27"),
    ("市委第三巡察组于2019年11月4日进驻县水务局党组开展常规巡察，12月27日结束巡察。", "县水务局党组", "2019-11-04", "2019-12-27"),
])
def test_what_a_target_is_said_with_stays_out_of_it_and_a_stay_ending_after_a_comma(text, target, start, end):
    opening = read_inspection(_paras(text), None)
    assert (opening.inspection["target"], str(opening.inspection["start"]), str(opening.inspection["end"])) == (
        target, start, end)


def test_a_statistics_table_typed_with_tabs_and_its_total_row():
    rows = ["方面\t问题数\t整改措施\t已完成", "政治建设\t4\t12\t4", "组织建设\t5\t16\t4", "合计\t9\t28\t8"]
    blocks = [Block(n, row.replace("\t", " "), fold(row.replace("\t", " "))) for n, row in enumerate(rows, 1)]
    declared = read_totals(blocks).declared
    assert {k: declared.get(k) for k in ("problems", "measures", "completed")} == {"problems": 9, "measures": 28, "completed": 8}


@pytest.mark.parametrize(("sentence", "declared"), [
    # three and four levels: the middle count is the problems the notice lists, the finest its tasks
    ("巡察组指出的3个方面存在的9项20个具体问题，已全部完成整改。",
     {"categories": 3, "problems": 9, "tasks": 20, "completed": 9, "basis": "problems"}),
    ("学院对照反馈意见分解出3大类、9个大项、20个具体问题、31项整改措施已完成。",
     {"categories": 3, "problems": 9, "tasks": 20, "measures": 31, "completed": 31, "basis": "measures"}),
    ("区委巡察组共反馈问题3个大方面18个大项的问题，下属各村存在的问题共计60个大项的问题，"
     "镇党委将其梳理分解为整改任务80个，已完成整改75个。",
     {"categories": 3, "problems": 18, "tasks": 80, "completed": 75, "basis": "tasks"}),
    # a completed count as a part of the total said before it
    ("本轮巡察共指出具体问题30个，其中27个已整改。", {"problems": 30, "completed": 27, "basis": "problems"}),
    # categories with another count between them and the problems
    ("报告反映涉及3个方面、12个单位（部门）共计40项具体问题，已整改35项。",
     {"categories": 3, "problems": 40, "completed": 35, "basis": "problems"}),
    ("巡察反馈指出了在理论学习、作风建设、财务管理和干部队伍建设等五个方面存在的40个具体问题。",
     {"categories": 5, "problems": 40}),
    # a check that found problems badly rectified counts no findings of the inspection
    ("督导组通过检查台账发现被巡察单位存在5个方面20个问题整改不够到位。", {}),
])
def test_totals_in_levels_subsets_and_look_alikes(sentence, declared):
    assert read_totals([Block(1, sentence, fold(sentence))]).declared == declared


@pytest.mark.parametrize("sentence", [
    "巡察组指出的3个方面存在的9项20个具体问题，已全部完成整改。",
    "学院对照反馈意见分解出3大类、9个大项、20个具体问题、31项整改措施已完成。",
])
def test_a_problem_count_chosen_among_levels_is_marked(sentence):
    doubts = read_totals([Block(1, sentence, fold(sentence))]).doubts
    assert [(d.code, d.path) for d in doubts] == [("import.totals_levels", ("declared", "problems"))]


def test_problems_and_their_outward_signs_are_two_levels_no_choice():
    sentence = "巡察组共反馈2个方面8个问题27个具体表现。"
    assert read_totals([Block(1, sentence, fold(sentence))]).doubts == ()


def test_a_count_not_done_has_no_field_and_is_marked_not_filed_as_in_progress():
    sentence = "巡察反馈的500个问题，完成整改490个，基本完成问题4个，未完成6个。"
    figures = read_totals([Block(1, sentence, fold(sentence))])
    assert figures.declared == {"problems": 500, "completed": 490, "basically_completed": 4, "basis": "problems"}
    assert [d.code for d in figures.doubts] == ["import.totals_not_done"]
    sentence = "巡察反馈的12个问题已完成10个，未整改资金3.5万元。"
    assert read_totals([Block(1, sentence, fold(sentence))]).doubts == ()


@pytest.mark.parametrize("sentence", ["巡察反馈的12个问题，整改均已完成80%以上。", "巡察反馈的12个问题均已完成80%以上。"])
def test_done_to_a_share_is_not_all_done(sentence):
    assert read_totals([Block(1, sentence, fold(sentence))]).declared == {"problems": 12}


def test_a_doubt_quoting_text_with_line_breaks_stays_one_comment_and_the_draft_parses():
    """Before: a note quoting a Word paragraph broken with Shift+Enter wrote a raw line break into
    the draft, which then did not parse."""
    import yaml

    from zhenggai.importer.doubts import Doubt
    from zhenggai.importer.draft import to_yaml

    data = {"title": "某局党组关于巡察整改情况的通报"}
    text = to_yaml(data, [Doubt("原文写作“第一行\n第二行\r第三行\u2028第四行”", 3, path=("title",), code="import.status_several")])
    assert yaml.safe_load(text) == data
    assert [line for line in text.splitlines() if "请核对" in line and "第一行" in line][0].count("第四行") == 1
