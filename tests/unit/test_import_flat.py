"""A whole notice flattened onto one line with nothing between its paragraphs (a page that lost its
paragraph marks): headings run on into the next label, fields into the next problem's number. The
notice below is written for these tests."""

from __future__ import annotations

import pytest

from support.drafts import outline, problems
from zhenggai.importer import import_notice

TITLE = "中共某县市场监管局党组关于巡察整改情况的通报\n"
PARAS = [
    "根据县委统一部署，2024年3月4日至5月10日，县委第二巡察组对县市场监管局党组进行了常规巡察，并于2024年6月12日反馈了巡察意见。"
    "按照有关要求，现将巡察整改情况予以公布。",
    "一、整改工作开展情况",
    "（一）加强组织领导。局党组召开专题会议研究部署整改工作，成立整改领导小组，书记任组长。",
    "（二）建立整改台账。对照反馈的2个方面4个问题，制定整改措施11条，截至目前已完成整改3个，正在推进1个。",
    "二、反馈问题整改落实情况",
    "（一）落实全面从严治党责任方面",
    "1.对下属单位监督管理偏弱。",
    "整改情况：一是制定下属单位监督清单。二是每半年开展一次专项检查。",
    "整改状态：已完成。",
    "2.食品抽检计划执行不到位。",
    "整改情况：一是调整年度抽检计划。二是补齐抽检批次。",
    "整改状态：正在推进中。整改时限：2024年12月底前。责任股室：食品安全股",
    "（二）作风建设方面",
    "1.会议文件精简不够。",
    "整改情况：一是压减例会。二是推行视频会议。三是严控发文数量。",
    "整改状态：已完成。",
    "2.窗口服务效率不高。",
    "整改情况：一是推行一次办结。二是建立服务评价回访制度。",
    "整改状态：已完成。",
    "三、下一步工作打算",
    "一是持续巩固整改成果。二是对未完成事项紧盯时限推进。",
    "欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0123-4567890。",
    "中共某县市场监管局党组",
    "2024年9月2日",
]


def _draft(tmp_path, text: str):
    source = tmp_path / "n.txt"
    source.write_text(text, encoding="utf-8")
    return import_notice(source)


def test_a_notice_flattened_with_nothing_between_its_paragraphs_reads_as_written(tmp_path):
    written = outline(_draft(tmp_path, TITLE + "\n".join(PARAS) + "\n").data)
    flat = _draft(tmp_path, TITLE + "".join(PARAS) + "\n")
    assert outline(flat.data) == written
    assert [c for c, _ in written] == ["落实全面从严治党责任", "作风建设"]
    second = problems(flat.data)[1]
    assert (second["status"], second["deadline"], second["responsible"]) == ("正在推进中", "2024年12月底前", "食品安全股")
    assert flat.data["signature"]["organisation"] == "中共某县市场监管局党组"
    assert "0123-4567890" in str(flat.data["contact"])


def test_a_long_paragraph_with_one_bracketed_number_in_a_sentence_is_not_split(tmp_path):
    para = ("（一）加强组织领导。局党组按照《条例》第十五条（一）项的规定，" + "召开专题会议研究部署整改工作，" * 12
            + "成立整改领导小组。")
    draft = _draft(tmp_path, TITLE + PARAS[0] + "\n一、整改工作开展情况\n" + para + "\n" + "\n".join(PARAS[4:]) + "\n")
    assert not any(p.startswith("（一）项") for s in draft.data["sections"] for p in s.get("paragraphs", ()))


def test_a_flattened_notice_is_marked_where_its_paragraphs_were_guessed_and_a_written_one_is_not(tmp_path):
    assert any(d.code == "import.flattened" for d in _draft(tmp_path, TITLE + "".join(PARAS) + "\n").doubts)
    assert not any(d.code == "import.flattened" for d in _draft(tmp_path, TITLE + "\n".join(PARAS) + "\n").doubts)


def test_a_problems_wrapper_run_on_into_its_first_measure_is_split_there(tmp_path):
    """Before: 2.关于X的问题一是Y。二是Z。 kept 一是Y in the title, unmarked."""
    body = ("二、反馈问题整改情况\n（一）选人用人方面\n1.关于干部规划缺乏系统性的问题一是制定干部队伍规划。二是建立储备库。\n"
            "完成情况：已完成。\n2.关于档案审核不严的问题一是开展专项审核。二是严肃处理造假问题。\n完成情况：已完成。\n")
    draft = _draft(tmp_path, TITLE + PARAS[0] + "\n" + body)
    assert [(t, s, n) for _, ps in outline(draft.data) for t, s, n, _ in ps] == [
        ("干部规划缺乏系统性", "已完成", 2), ("档案审核不严", "已完成", 2)]


@pytest.mark.parametrize("tail", ["【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "责任编辑：张某"])
def test_a_flattened_notices_signature_before_the_pages_own_words_is_read(tmp_path, tail):
    """Before: 【打印本页】【关闭窗口】 after the date left the signature inside the contact's intro, unmarked."""
    flat = _draft(tmp_path, TITLE + "".join(PARAS) + tail + "\n")
    assert flat.data["signature"]["organisation"] == "中共某县市场监管局党组"
    assert str(flat.data["signature"]["date"]) == "2024-09-02"


def test_a_qr_caption_before_a_flattened_notices_signature_is_no_part_of_it(tmp_path):
    text = TITLE + "".join(PARAS[:-2]) + "扫一扫在手机打开当前页" + "".join(PARAS[-2:]) + "\n"
    assert _draft(tmp_path, text).data["signature"]["organisation"] == "中共某县市场监管局党组"


def test_a_flattened_notice_with_category_labels_and_wrappers_run_on_into_their_fields(tmp_path):
    """Before: …整改情况第一方面：X and 关于“Y”的问题整改情况：Z stayed glued: one category, titles swallowing measures."""
    body = ("二、巡察反馈问题整改情况第一方面：党的领导作用发挥不充分（一）关于“全民健身推进不力”的问题整改情况：制定全民健身计划，"
            "新建运动场12个。整改状态：已完成。（二）关于“后备人才培养不健全”的问题整改情况：出台体教融合意见。整改状态：已完成。"
            "第二方面：全面从严治党不够深入（三）关于“场馆收费不规范”的问题整改情况：公示收费标准，退还多收费用。整改状态：已完成。"
            "（四）关于“违规发放补贴”的问题整改情况：清退违规补贴，修订补贴办法。整改状态：正在推进。")
    draft = _draft(tmp_path, TITLE + PARAS[0] + body + "".join(PARAS[-4:]) + "\n")
    assert [(c, [t for t, *_ in ps]) for c, ps in outline(draft.data)] == [
        ("党的领导作用发挥不充分", ["全民健身推进不力", "后备人才培养不健全"]),
        ("全面从严治党不够深入", ["场馆收费不规范", "违规发放补贴"])]
