"""Facts an import lost or misread without a word, in shapes a review of whole notices found: a
remark beside the status in a ledger's 完成情况 cell, office hours in brackets after a phone, people
handled written in other words than 批评教育, a ledger's category rows losing 方面 on the page, an
amount inside one problem's measures taken for the notice's total, and a field's value running on
into the next numbered problem of a flattened page. The notices below are written for these tests."""

from __future__ import annotations

import pytest

from support.drafts import problems
from zhenggai.importer import import_notice
from zhenggai.importer import ledger as ledger_module
from zhenggai.importer.fold import fold
from zhenggai.importer.totals import Block, read_totals

HEAD = ("中共某区水务局党组关于区委第四巡察组巡察反馈意见整改情况的通报\n"
        "根据区委统一部署，2023年5月8日至6月30日，区委第四巡察组对区水务局党组进行了巡察，"
        "并于2023年8月2日反馈了巡察意见。按照党务公开原则和巡察工作有关要求，现将整改情况予以公布。\n")
TAIL = ("欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0571-86120345；电子邮箱：swj_xc@163.com。\n"
        "中共某区水务局党组\n2023年10月20日\n")

LEDGER = ("一、整改工作情况\n"
          "局党组对照反馈的2个方面3个问题，制定整改措施6条。目前已完成2个，正在推进1个。\n"
          "二、问题整改情况\n"
          "序号｜问题｜整改措施｜责任科室｜完成时限｜完成情况\n"
          "（一）队伍建设方面\n"
          "1｜基层站所人员力量薄弱｜1.招录专业技术人员；2.开展岗位练兵｜人事科｜2023年9月｜已完成\n"
          "（二）工程管理方面\n"
          "2｜小型水库巡查记录不全｜1.统一印制巡查日志；2.每月抽查一次｜工程科｜2023年9月｜已完成\n"
          "3｜农村供水管网老化｜1.编制管网改造计划；2.分片实施改造｜供水科｜2023年12月｜正在推进，已完成管网改造3处\n")


def _import(tmp_path, body: str, head: str = HEAD, tail: str = TAIL):
    source = tmp_path / "n.txt"
    source.write_text(head + body + tail, encoding="utf-8")
    return import_notice(source)


def _codes(draft) -> set[str]:
    return {d.code for d in draft.doubts}


def _read(*sentences: str):
    return read_totals([Block(n, s, fold(s)) for n, s in enumerate(sentences, 1)])


# --- a remark beside the status in a ledger's 完成情况 cell ----------------------------------------

def test_a_remark_beside_the_status_of_a_ledger_row_is_kept_and_marked(tmp_path):
    draft = _import(tmp_path, LEDGER)
    [*_, last] = problems(draft.data)
    assert last["status"] == "正在推进中"
    assert "已完成管网改造3处" in draft.text
    assert len(last["measures"]) == 2  # the remark is no measure of its own
    assert "import.ledger_status_remark" in _codes(draft)


def test_what_a_ledger_cell_loses_is_counted_as_not_placed(tmp_path, monkeypatch):
    """The share placed counts a ledger's cells by their words: a cell whose words the draft lacks
    is not placed in full, and the lost words are named."""
    monkeypatch.setattr(ledger_module, "_status_remark", lambda status_text, status: None)
    draft = _import(tmp_path, LEDGER)
    assert "已完成管网改造3处" not in str(draft.data)
    assert draft.placed_chars < draft.read_chars
    assert any("已完成管网改造3处" in line.text for line in draft.unplaced)
    assert "import.words_left_out" in _codes(draft)


# --- a ledger's category rows --------------------------------------------------------------------

def test_the_category_rows_of_a_ledger_show_as_written(tmp_path):
    draft = _import(tmp_path, LEDGER)
    template = ((draft.data.get("numbering") or {}).get("categories") or {}).get("heading") or "{title}"
    shown = [template.replace("{title}", c["title"]) for s in draft.data["sections"] for c in s.get("categories", ())]
    assert shown == ["队伍建设方面", "工程管理方面"]


# --- office hours in brackets after a phone --------------------------------------------------------

@pytest.mark.parametrize("said, hours", [
    ("联系电话：0571-86120345（周一至周五9:00-11:30，13:30-17:00）；", "周一至周五9:00-11:30，13:30-17:00"),
    ("举报电话：0571-86120345(工作日上午8:30-11:30)；", "工作日上午8:30-11:30"),
])
def test_office_hours_in_brackets_after_a_phone_are_the_contacts_hours(tmp_path, said, hours):
    tail = f"欢迎广大干部群众对巡察整改落实情况进行监督。{said}电子邮箱：swj_xc@163.com。\n中共某区水务局党组\n2023年10月20日\n"
    draft = _import(tmp_path, LEDGER, tail=tail)
    contact = draft.data["contact"]
    assert contact["hours"] == hours
    assert [p if isinstance(p, str) else p["number"] for p in contact["phones"]] == ["0571-86120345"]


def test_a_bracket_after_a_phone_without_a_time_is_no_hours(tmp_path):
    tail = "欢迎广大干部群众监督。联系电话：0571-86120345（局办公室）；电子邮箱：swj_xc@163.com。\n中共某区水务局党组\n2023年10月20日\n"
    draft = _import(tmp_path, LEDGER, tail=tail)
    assert "hours" not in draft.data["contact"]


# --- people handled --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, people", [
    ("整改中问责处理干部9人次。", 9),
    ("共立案审查调查2人。", 2),
    ("对相关人员谈话提醒6人。", 6),
    ("在整改工作中，教育提醒4人，建立完善制度5项。", 4),
    ("累计问责8人，其中给予党纪处分3人。", 8),
])
def test_people_handled_in_one_form_are_read(sentence, people):
    assert _read(sentence).declared["people_disciplined"] == people


@pytest.mark.parametrize("sentence, people", [
    ("给予党纪政务处分3人、组织处理4人。", 7),
    ("给予党纪处分2人、诫勉谈话5人。", 7),
    ("立案审查3人，给予党纪处分2人、批评教育1人。", 3),
])
def test_people_handled_in_several_forms_are_summed_and_marked(sentence, people):
    figures = _read(sentence)
    assert figures.declared["people_disciplined"] == people
    assert any(d.code == "import.totals_people" for d in figures.doubts)


def test_people_handled_beside_other_totals_leave_them_alone():
    figures = _read("反馈问题12个，已完成10个，正在推进2个；建立完善制度6项，给予党纪处分1人、组织处理2人。")
    assert (figures.declared["problems"], figures.declared["completed"], figures.declared["in_progress"]) == (12, 10, 2)
    assert figures.declared["rules_made"] == 6
    assert figures.declared["people_disciplined"] == 3


def test_a_count_of_talks_or_trainings_is_no_people_handled():
    figures = _read("开展廉政谈话23人次，培训干部420人次。")
    assert "people_disciplined" not in figures.declared


# --- a flattened page: measures' amounts and fields running on ---------------------------------------

FLAT = ("局党组对照反馈的2个问题制定整改措施5条，目前2个问题均已整改完成。"
        "一、关于“工程款支付审核不严”问题的整改情况（一）修订支付制度。出台《工程款支付审核办法》，明确三级审核。"
        "（二）开展专项清查。对近三年工程款支付情况逐笔清查，追回多付工程款8.6万元。目前，该问题已整改完成。"
        "二、关于“河道保洁考核流于形式”问题的整改情况（一）完善考核细则。制定河道保洁考核评分标准。"
        "（二）加强日常巡查。每周开展一次暗访检查。目前，该问题已整改完成。"
        "三、下一步工作打算局党组将持续巩固整改成果。\n")


def test_an_amount_inside_one_problems_measures_is_no_declared_total_on_a_flattened_page(tmp_path):
    draft = _import(tmp_path, FLAT)
    assert "money_returned" not in (draft.data.get("declared") or {})


FLAT_FIELDS = ("一、整改工作情况\n局党组对照反馈的1个方面2个问题逐项制定整改措施。\n二、问题整改情况\n"
               "（一）工程建设管理方面1.项目前期论证不充分。整改情况：一是建立项目储备库。二是实行专家论证制度。"
               "整改状态：已完成。责任科室：规划科、工程科2.工程变更审批不规范。整改情况：一是修订变更管理办法。"
               "整改状态：已完成。责任科室：工程科。\n")


def test_a_field_value_stops_at_the_next_numbered_problem(tmp_path):
    draft = _import(tmp_path, FLAT_FIELDS)
    responsible = [p.get("responsible") for p in problems(draft.data) if p.get("responsible")]
    assert responsible and "规划科、工程科" in responsible[0] and "工程变更" not in responsible[0]
    assert "工程变更审批不规范" in draft.text
