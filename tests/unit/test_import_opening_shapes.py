"""The opening read in the shapes real notices use beyond one group and one unit: a committee
with no named group, several clauses in one round, two inspections, feedback over several days,
extended targets in their wordings, a unit named only later in the body."""

from __future__ import annotations

import pytest

from zhenggai.importer.lines import prepare
from zhenggai.importer.opening import read_inspection
from zhenggai.importer.sources import Line


def _paras(text: str):
    return prepare([Line(i, t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]).paras


def _facts(opening) -> dict:
    return {k: (str(v) if not isinstance(v, list) else v) for k, v in opening.inspection.items()}


UNITS = "、".join(f"市{name}局" for name in "甲乙丙丁戊己庚辛壬癸") + "、市第一中心、市第二中心、市第三中心、市第四中心、市第五中心"


@pytest.mark.parametrize("units", ["市甲局、市乙局、市丙中心", UNITS])
def test_a_committee_that_inspected_with_no_named_group_is_the_body_and_marked(units):
    text = (f"按照市委的统一安排，九届某市委于2021年4月8日至6月20日开展了第三轮常规巡察，分五组对{units}等15个单位开展了集中巡察。"
            "巡察情况经研究后，于2021年8月2日至4日，集中对各单位领导班子进行了反馈。")
    opening = read_inspection(_paras(text), None)
    facts = _facts(opening)
    assert (facts["body"], facts["target"]) == ("九届某市委", f"{units}等15个单位")
    assert (facts["start"], facts["end"], facts["feedback"]) == ("2021-04-08", "2021-06-20", "2021-08-02")
    assert any(d.path == ("inspection", "body") and "分五组" in d.message for d in opening.doubts)


@pytest.mark.parametrize(("sentence", "body"), [
    ("市委第二、三巡察组于2023年5月8日至7月7日对某开发区党工委开展了联动巡察。", "市委第二、三巡察组"),
    ("县委上下联动巡察组于2023年5月8日至7月7日对某镇所辖村党组织开展了巡察。", "县委上下联动巡察组"),
    ("市委机动巡察二组于2023年5月8日至7月7日对某镇党委进行了巡察。", "市委机动巡察二组"),
    ("国家税务总局某省税务局党委第二巡视组于2023年5月8日至7月7日对某市税务局党委开展了巡视。",
     "国家税务总局某省税务局党委第二巡视组"),
])
def test_a_group_named_with_several_numbers_or_a_modifier_is_read_whole(sentence, body):
    assert read_inspection(_paras(sentence), 2023).inspection["body"] == body


ROUND = ("根据市委巡察工作安排，市委第五轮巡察分4个组开展，其中市委第一、二巡察组于2023年4月3日至5月30日对甲区党工委、"
         "乙区党工委，丙局机关开展了联动巡察，市委第三巡察组同步对丁园区党工委开展了巡察；市委第四巡察组于2023年6月1日至"
         "7月10日对戊局、己局2个单位的党组织开展了常规巡察。\n7月20日至8月5日，市委各巡察组分别向被巡察党组织反馈了巡察情况。")


def test_a_round_of_several_clauses_is_read_for_its_first_and_the_choice_marked():
    opening = read_inspection(_paras(ROUND), None)
    facts = _facts(opening)
    assert (facts["body"], facts["target"]) == ("市委第一、二巡察组", "甲区党工委、乙区党工委，丙局机关")
    assert (facts["start"], facts["end"], facts["feedback"]) == ("2023-04-03", "2023-05-30", "2023-07-20")
    assert any(d.code == "import.targets_several" for d in opening.doubts)
    assert any(d.path == ("inspection", "feedback") and "7月20日至8月5日" in d.message for d in opening.doubts)
    assert not any("没有写日期" in d.message for d in opening.doubts)


def test_a_round_of_several_clauses_is_read_for_the_unit_the_title_names():
    opening = read_inspection(_paras(ROUND), None, title="中共丁园区党工委关于巡察整改情况的通报")
    assert (opening.inspection["body"], opening.inspection["target"]) == ("市委第三巡察组", "丁园区党工委")
    assert any(d.code == "import.targets_several" and "标题" in d.message for d in opening.doubts)


def test_a_feedback_over_several_days_is_read_for_its_first_and_never_as_the_inspections_period():
    text = ("市委第一巡察组于2023年3月中旬至4月下旬对某局党组开展了巡察。2023年6月5日至9日，巡察组向某局党组反馈了巡察情况。")
    opening = read_inspection(_paras(text), None)
    assert "start" not in opening.inspection and "end" not in opening.inspection
    assert str(opening.inspection["feedback"]) == "2023-06-05"


TWO = ("按照市委部署，2022年3月1日——2022年4月30日，市委机动巡察二组对某镇党委进行了巡察，并对该镇甲村、乙村党组织进行了"
       "延伸巡察工作。同时，2022年6月6日至7月8日，市委第三巡察组对某镇3个村开展了巡察“回头看”工作。")


def test_a_look_back_told_beside_the_inspection_is_not_the_notices_unless_its_title_says_so():
    opening = read_inspection(_paras(TWO), None)
    facts = _facts(opening)
    assert (facts["body"], facts["target"], facts["start"], facts["end"]) == (
        "市委机动巡察二组", "某镇党委", "2022-03-01", "2022-04-30")
    assert "工作" not in facts["extended_targets"] and "乙村党组织" in facts["extended_targets"]
    assert any(d.path == ("inspection", "body") and "回头看" in d.message for d in opening.doubts)
    opening = read_inspection(_paras(TWO), None, title="中共某镇委员会关于巡察“回头看”整改情况的通报")
    assert (opening.inspection["body"], str(opening.inspection["start"])) == ("市委第三巡察组", "2022-06-06")


def test_the_feedback_date_is_the_groups_not_a_meetings_that_mentions_feedback():
    text = ("2023年3月1日至4月28日，市委第一巡察组对某镇开展了常规巡察。5月9日，市委书记专题会听取巡察情况汇报，"
            "对巡察反馈和整改工作提出要求。5月12日—14日，市委巡察组向某镇党委反馈巡察情况。")
    assert str(read_inspection(_paras(text), None).inspection["feedback"]) == "2023-05-12"


def test_a_list_of_targets_with_a_comma_after_the_clause_naming_the_groups():
    text = ("根据县委统一安排，2022年3月7日至4月29日，十四届县委组织开展了第二轮巡察，县委派出2个巡察组，"
            "对县甲局等2个部门党组，某乡党委及所辖5个党支部开展常规巡察。")
    facts = _facts(read_inspection(_paras(text), None))
    assert (facts["body"], facts["target"]) == ("县委2个巡察组", "县甲局等2个部门党组，某乡党委及所辖5个党支部")


@pytest.mark.parametrize(("text", "target", "extended"), [
    ("2020年5月6日至7月8日，县委第九轮巡察两个巡察组对某镇、县甲局开展了常规巡察，巡乡带村对某镇东村、西村开展对村巡察。",
     "某镇、县甲局", ["某镇东村", "西村"]),
    ("县委派出2个巡察组于2024年8月1日至9月30日对甲镇、乙镇等4个单位党组织开展巡察。同时对甲镇、乙镇所辖的20个村级党组织"
     "开展巡察（其中甲镇东村等6个村级党组织为直接巡察），对县城部分中学（一中、二中）开展直接巡察。",
     "甲镇、乙镇等4个单位党组织", ["甲镇、乙镇所辖的20个村级党组织", "县城部分中学"]),
])
def test_extended_targets_in_their_other_wordings(text, target, extended):
    facts = _facts(read_inspection(_paras(text), None))
    assert (facts["target"], facts["extended_targets"]) == (target, extended)


def test_a_unit_written_as_ours_is_proposed_from_the_body_where_it_is_named():
    opening_text = "根据省委统一部署，2019年3月4日至4月30日，省委第二巡视组对我县进行了巡视。2019年6月3日，省委巡视组向我县反馈了巡视意见。"
    later = _paras("（一）提高站位。省委第二巡视组向青河县反馈巡视意见后，县委当即召开常委会议。")
    opening = read_inspection(_paras(opening_text), None, later=later)
    assert opening.inspection["target"] == "青河县"
    assert any(d.path == ("inspection", "target") and "青河县" in d.message and "我县" in d.message
               for d in opening.doubts)
    opening = read_inspection(_paras(opening_text), None, later=_paras("（一）提高站位。县委当即召开常委会议。"))
    assert "target" not in opening.inspection


def test_of_several_rounds_named_the_one_of_the_committee_that_sent_the_group_is_read():
    text = ("根据省委第三轮巡视巡察联动部署，市委第六轮巡察分3个组开展，市委第一巡察组于2023年4月3日至5月30日"
            "对某区党工委开展了巡察。")
    assert read_inspection(_paras(text), None).inspection["round"] == "市委第六轮"


def test_a_feedback_sentence_with_a_date_that_cannot_be_read_never_says_it_has_none():
    text = "市委第一巡察组于2023年3月1日至4月28日对某局党组开展了巡察。当月30日，巡察组向某局党组反馈了巡察意见。"
    opening = read_inspection(_paras(text), None)
    assert "feedback" not in opening.inspection
    assert not any("没有写日期" in d.message for d in opening.doubts)
    assert any(d.code == "import.feedback_missing" and "30日" in d.message for d in opening.doubts)


@pytest.mark.parametrize("tail", ["并进行了延伸巡察工作", "同步开展了延伸巡察"])
def test_an_extended_inspection_named_with_no_unit_gives_no_extended_target(tail):
    text = f"2023年3月1日至4月28日，市委第一巡察组对某镇党委进行了巡察，{tail}。"
    assert "extended_targets" not in read_inspection(_paras(text), None).inspection


def test_a_meeting_on_the_feedback_after_it_does_not_date_it():
    text = ("2023年3月1日至4月28日，市委第一巡察组对某局党组开展了巡察。6月5日，市委第一巡察组向局党组反馈。"
            "6月10日，局党组召开会议研究巡察反馈意见整改工作。")
    assert str(read_inspection(_paras(text), None).inspection["feedback"]) == "2023-06-05"


def test_a_unit_that_received_the_inspection_is_never_its_body():
    text = "某局党委于2023年3月1日至4月28日接受了市委的常规巡察。"
    opening = read_inspection(_paras(text), None)
    assert "body" not in opening.inspection and opening.inspection["target"] == "某局党委"


@pytest.mark.parametrize(("sentence", "body"), [
    ("2023年4月至5月，市委医疗保障基金专项巡察组对市医保中心党支部开展了专项巡察。", "市委医疗保障基金专项巡察组"),
    ("2023年4月至5月，县委乡村振兴领域专项巡察组对某镇党委开展了专项巡察。", "县委乡村振兴领域专项巡察组"),
    ("2023年4月至5月，县委专项巡察组对某镇党委开展了专项巡察。", "县委专项巡察组"),
])
def test_a_group_named_by_the_theme_it_inspects_keeps_the_theme(sentence, body):
    assert read_inspection(_paras(sentence), 2023).inspection["body"] == body


@pytest.mark.parametrize("owner", ["公司所属", "集团下属", "其所属", "该局所属的"])
def test_units_named_after_an_owner_and_belonging_are_each_an_extended_target(owner):
    text = f"2024年3月4日至4月26日，集团党委第一巡察组对某物流公司党委开展了常规巡察，并延伸巡察了{owner}东区仓储站、西区配送部。"
    assert read_inspection(_paras(text), 2024).inspection["extended_targets"] == ["东区仓储站", "西区配送部"]


@pytest.mark.parametrize("text", [
    "根据区委统一部署，2024年5月13日，区委第四巡察组巡察区水务局党组工作动员会召开，巡察组进驻至7月2日。",
    "根据区委统一部署，2024年5月13日召开区委第四巡察组进驻区水务局党组巡察动员会，巡察至7月2日结束。",
])
def test_a_start_given_as_the_day_of_the_mobilisation_meeting_is_read_and_marked(text):
    opening = read_inspection(_paras(text), None)
    facts = _facts(opening)
    assert (facts["start"], facts["end"]) == ("2024-05-13", "2024-07-02")
    assert any(d.code == "import.period_read" and "动员会" in d.message for d in opening.doubts)
    assert not any(d.code == "import.period_missing" for d in opening.doubts)


@pytest.mark.parametrize("text", [
    "根据县委统一部署，2024年9月2日起，县委第一巡察组对县档案馆党支部开展了为期一个月的常规巡察。",
    "根据县委统一部署，县委第一巡察组自2024年9月2日开始对县档案馆党支部开展为期一个月的常规巡察。",
])
def test_a_start_written_with_no_end_is_read_alone_and_marked(text):
    opening = read_inspection(_paras(text), None)
    facts = _facts(opening)
    assert facts["start"] == "2024-09-02" and "end" not in facts
    assert any(d.code == "import.period_read" and "结束" in d.message for d in opening.doubts)


@pytest.mark.parametrize("text", [
    "根据县委统一部署，县委第一巡察组对县档案馆党支部开展了常规巡察。2024年11月4日起，县委第一巡察组向县档案馆党支部反馈了巡察意见。",
    "根据2024年3月1日起施行的县委巡察工作规定，县委第一巡察组对县档案馆党支部开展了常规巡察。",
])
def test_a_day_said_with_qi_that_is_no_start_of_the_inspection_is_not_read(text):
    opening = read_inspection(_paras(text), None)
    assert "start" not in opening.inspection


@pytest.mark.parametrize(("sentence", "body"), [
    ("2024年3月1日至4月30日，县委交叉巡察第二组对某镇党委开展了常规巡察。", "县委交叉巡察第二组"),
    ("2024年3月1日至4月30日，市委联动巡察第一组对某局党组开展了巡察。", "市委联动巡察第一组"),
    ("2024年3月1日至4月30日，县委常规巡察第四组对某局党组进行了巡察。", "县委常规巡察第四组"),
    ("2024年3月1日至4月30日，县委村（社区）巡察第三组对某村党支部进行了巡察。", "县委村（社区）巡察第三组"),
    ("2024年3月1日至4月30日，县委巡察工作领导小组第三巡察组对某局党组进行了巡察。", "县委巡察工作领导小组第三巡察组"),
    ("2024年3月1日至4月30日，中共某市委员会第三巡察组对某局党组进行了巡察。", "中共某市委员会第三巡察组"),
    ("2024年3月1日至4月30日，县委巡察组第二组对某局党组进行了巡察。", "县委巡察组第二组"),
])
def test_a_group_with_its_kind_or_its_committee_written_in_full_keeps_the_committee(sentence, body):
    """Before: the committee was cut off (巡察第二组, 第三巡察组, 县委巡察组)."""
    assert read_inspection(_paras(sentence), 2024).inspection["body"] == body


@pytest.mark.parametrize(("sentence", "body"), [
    ("2024年3月1日至4月30日，省委巡视办组织省委第二巡视组对某大学党委开展了巡视“回头看”。", "省委第二巡视组"),
    ("2024年3月1日至4月30日，县纪委监委派出的县委第二巡察组对某局党组开展了巡察。", "县委第二巡察组"),
])
def test_who_organised_or_sent_the_group_is_not_part_of_its_name(sentence, body):
    assert read_inspection(_paras(sentence), 2024).inspection["body"] == body


@pytest.mark.parametrize(("sentence", "target", "extended"), [
    ("2024年3月1日至4月30日，县委第一巡察组对县水利局党组（延伸巡察县水务集团）开展了常规巡察。",
     "县水利局党组", ["县水务集团"]),
    ("2024年3月1日至4月30日，县委第一巡察组对县水利局党组（局属二级单位一并巡察）开展了常规巡察。",
     "县水利局党组", ["局属二级单位"]),
])
def test_an_extension_in_brackets_after_the_target_is_an_extended_target(sentence, target, extended):
    facts = _facts(read_inspection(_paras(sentence), 2024))
    assert (facts["target"], facts.get("extended_targets")) == (target, extended)


@pytest.mark.parametrize(("tail", "extended"), [
    ("，同步对东社区、西社区、南社区党委开展了联动巡察。", ["东社区党委", "西社区党委", "南社区党委"]),
    ("，同时对其所属东社区、西社区开展联动巡察。", ["东社区", "西社区"]),
])
def test_units_inspected_alongside_in_a_linked_inspection_are_extended_targets(tail, extended):
    """Before: 同步对A、B、C党委开展了联动巡察 gave no extended targets."""
    text = "2024年3月1日至4月30日，区委第二巡察组对某街道党工委开展了常规巡察" + tail
    assert _facts(read_inspection(_paras(text), 2024))["extended_targets"] == extended


@pytest.mark.parametrize("lead", ["下辖的", "所辖的", "其下属的", "所属的"])
def test_words_saying_the_target_belongs_to_the_committee_are_not_its_name(lead):
    """Before: 对下辖的东川区汤丹镇党委实施了提级巡察 gave the target 下辖的东川区汤丹镇党委."""
    text = f"2024年3月1日至4月30日，市委第二巡察组对{lead}某区某镇党委实施了提级巡察。"
    assert _facts(read_inspection(_paras(text), 2024))["target"] == "某区某镇党委"


def test_several_units_in_one_sentence_give_the_one_the_title_names():
    """Before: 对县第一中学、县实验小学、县职业技术学校开展了常规巡察 gave all three as the target of one school's notice."""
    text = "2024年3月1日至4月30日，县委第二巡察组对县第一中学、县实验小学、县职业技术学校开展了常规巡察。"
    opening = read_inspection(_paras(text), 2024, title="中共县实验小学支部委员会关于巡察整改情况的通报")
    assert opening.inspection["target"] == "县实验小学"
    assert any(d.code == "import.targets_several" for d in opening.doubts)


@pytest.mark.parametrize("period", ["2023.4.10—6.12", "2023.4.10至6.12", "2023.4.10-2023.6.12", "2023.04.10至2023.06.12"])
def test_a_period_written_with_dots_is_read(period):
    """Before: 2023.4.10—6.12 left start and end empty."""
    text = f"根据县委统一部署，{period}，县委第二巡察组对某局党组开展了常规巡察。"
    facts = _facts(read_inspection(_paras(text), None))
    assert (facts["start"], facts["end"]) == ("2023-04-10", "2023-06-12")


def test_dates_without_a_year_take_the_year_of_the_round_named_before_them():
    """Before: 在2023年市委第一轮巡察中，…于4月10日至6月12日… left start and end empty."""
    text = "在2023年市委第一轮巡察中，市委第七巡察组于4月10日至6月12日对市律师协会党委进行了巡察，6月30日反馈了巡察意见。"
    facts = _facts(read_inspection(_paras(text), None))
    assert (facts["start"], facts["end"], facts["feedback"]) == ("2023-04-10", "2023-06-12", "2023-06-30")
