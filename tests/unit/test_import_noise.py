"""What copying does to a notice, undone: a PDF's page headers and wrapped lines, a WeChat
article's decorations and tail, OCR's look-alike characters (texts of our own, in the shapes seen)."""

from __future__ import annotations

import pytest

from zhenggai.importer import import_notice

TITLE = "某县档案馆党组关于巡察整改情况的通报"
HEAD = (f"{TITLE}\n根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对某县档案馆党组进行了巡察。"
        "2024年6月1日，县委第一巡察组向某县档案馆党组反馈了巡察意见。\n")
TAIL = "欢迎广大干部群众进行监督。联系电话：0571-86660000。\n某县档案馆党组\n2024年8月1日\n"


# One problem, the usual shape: for notices whose opening is what a test is about.
ONE_PROBLEM = "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n整改措施：一是补登借阅记录。二是上线借阅系统。\n"


def _draft(tmp_path, body: str, tail: str = TAIL, head: str = HEAD):
    source = tmp_path / "n.txt"
    source.write_text(head + body + tail, encoding="utf-8")
    return import_notice(source)


def _opened(tmp_path, opening: str, body: str = ONE_PROBLEM, title: str = TITLE):
    """The draft of a notice with its own `opening` lines, then `body`."""
    return _draft(tmp_path, body, head=f"{title}\n{opening}")


def _problems(draft):
    return [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]


def _texts(problem):
    return [m["text"] if isinstance(m, dict) else m for m in problem["measures"]]


def test_emoji_before_the_labels_are_decoration(tmp_path):
    draft = _draft(tmp_path, "📌二、巡察反馈问题整改情况\n🔹（一）基层党建方面\n1.村党组织书记队伍结构不优。\n"
                             "整改措施：一是选派年轻干部。二是建立后备队伍。\n✅2.党员发展程序不规范。\n"
                             "整改措施：一是逐一检查档案。二是补齐缺失材料。\n")
    assert [p["title"] for p in _problems(draft)] == ["村党组织书记队伍结构不优", "党员发展程序不规范"]
    assert draft.data["sections"][0]["categories"][0]["title"] == "基层党建"


@pytest.mark.parametrize("broken, title", [
    ("1.关于“档案库房温湿度控制不达标\n”的问题", "档案库房温湿度控制不达标"),  # at its quotation mark
    ("1.关于\n“档案库房温湿度控制不达标”的问题", "档案库房温湿度控制不达标"),
    ("1.村党组织书记队伍\n结构不优。", "村党组织书记队伍结构不优"),  # a short title before its last words
])
def test_a_title_broken_over_two_lines_is_one_title(tmp_path, broken, title):
    draft = _draft(tmp_path, f"一、巡察反馈问题整改情况\n{broken}\n整改措施：一是更换空调设备。二是每日记录温湿度。\n"
                             "2.关于“档案借阅登记不全”的问题\n整改措施：一是补登借阅记录。二是上线借阅系统。\n")
    problems = _problems(draft)
    assert [p["title"] for p in problems] == [title, "档案借阅登记不全"]
    assert [len(p["measures"]) for p in problems] == [2, 2]


def test_a_page_s_running_header_and_number_inside_a_measure_are_left_out(tmp_path):
    draft = _draft(tmp_path, "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n整改措施：一是补登借阅记录，"
                             "二是建立档案借阅\n— 3 —\n" + TITLE + "\n登记台账。\n2.关于“库房巡查不到位”的问题\n"
                             "整改措施：一是制定巡查制度。二是每日巡查。\n")
    first, second = _problems(draft)
    assert _texts(first) == ["补登借阅记录，", "建立档案借阅登记台账。"]
    assert second["title"] == "库房巡查不到位"


def test_a_photo_caption_between_problems_is_no_measure(tmp_path):
    draft = _draft(tmp_path, "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n整改措施：一是补登借阅记录。"
                             "二是上线借阅系统。\n▲馆党组召开巡察整改推进会\n2.关于“库房巡查不到位”的问题\n"
                             "整改措施：一是制定巡查制度。二是每日巡查。\n")
    assert [len(p["measures"]) for p in _problems(draft)] == [2, 2]


def test_an_article_s_tail_on_a_social_platform_is_no_measure(tmp_path):
    draft = _draft(tmp_path, "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n整改措施：一是补登借阅记录。"
                             "二是上线借阅系统。\n", tail="来源：某县档案馆\n编辑：某某\n审核：某某\n阅读原文\n分享 收藏 点赞 在看\n")
    (problem,) = _problems(draft)
    assert _texts(problem) == ["补登借阅记录。", "上线借阅系统。"]


@pytest.mark.parametrize("dash", ["—", "-", "－"])
def test_a_dash_read_for_one_by_ocr_opens_the_points(tmp_path, dash):
    draft = _draft(tmp_path, "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n"
                             f"整改措施：{dash}是补登借阅记录。二是上线借阅系统。三是每季度抽查。\n")
    (problem,) = _problems(draft)
    assert _texts(problem) == [
        "补登借阅记录。", "上线借阅系统。", "每季度抽查。"]


@pytest.mark.parametrize("one", ["l.", "I."])
def test_a_letter_read_for_one_by_ocr_is_the_first_label(tmp_path, one):
    draft = _draft(tmp_path, f"一、巡察反馈问题整改情况\n{one}档案借阅登记不全。\n整改措施：一是补登借阅记录。二是上线借阅系统。\n"
                             "整改进展：已完成。\n2.库房巡查不到位。\n整改措施：一是制定巡查制度。二是每日巡查。\n整改进展：已完成。\n")
    assert [(p["title"], p.get("status")) for p in _problems(draft)] == [
        ("档案借阅登记不全", "已完成"), ("库房巡查不到位", "已完成")]


def test_an_opening_copied_from_a_pdf_at_28_characters_a_line_is_one_paragraph(tmp_path):
    """An official document sets 28 characters a line (GB/T 9704): its PDF copied gives lines of
    about that length, broken anywhere — inside a group's name, a date, before a full stop."""
    inspection = _opened(tmp_path, "根据县委统一部署，2024年3月18日至5月10日，县委\n第二巡察组对某县档案馆党组开展了常规巡察。2024年6\n"
                                   "月26日，县委第二巡察组向某县档案馆党组反馈了巡察意见\n。按照党务公开原则和巡察工作有关要求，"
                                   "现将巡察整改进展情\n况予以公布。\n").data["inspection"]
    assert (inspection["body"], inspection["target"]) == ("县委第二巡察组", "某县档案馆党组")
    assert [str(inspection[k]) for k in ("start", "end", "feedback")] == ["2024-03-18", "2024-05-10", "2024-06-26"]


@pytest.mark.parametrize("first, second", [("1.", "2."), ("（一）", "（二）")])
def test_a_label_alone_on_its_line_labels_the_next(tmp_path, first, second):
    draft = _draft(tmp_path, f"一、巡察反馈问题整改情况\n{first}\n村级组织负担仍然较重。\n整改措施：一是清理考核事项。二是精简报表。\n"
                             f"{second}\n“第一议题”学习后落实不具体。\n整改措施：一是建立落实清单。二是每季度督办。\n")
    assert [p["title"] for p in _problems(draft)] == ["村级组织负担仍然较重", "“第一议题”学习后落实不具体"]


def test_a_count_broken_inside_its_number_is_read_whole(tmp_path):
    draft = _draft(tmp_path, "一、整改工作开展情况\n截至2024年8月31日，县委巡察反馈的3个方面1\n0个问题，已完成整改8个，正在整改1个，需长期坚持\n"
                             "1个；制定整改措施32条，完善制度6项。\n二、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n"
                             "整改措施：一是补登借阅记录。二是上线借阅系统。\n")
    declared = draft.data["declared"]
    assert (declared["categories"], declared["problems"], declared["completed"], declared["long_term"]) == (3, 10, 8, 1)


@pytest.mark.parametrize("marks", [(".", "．", "."), (".", "、", "."), ("．", ".", "．")])
def test_numbers_typed_with_look_alike_marks_are_one_list(tmp_path, marks):
    one, two, three = marks
    draft = _draft(tmp_path, f"一、巡察反馈问题整改情况\n1{one}档案借阅登记不全。\n整改措施：一是补登借阅记录。二是上线借阅系统。\n"
                             f"2{two}库房巡查不到位。\n整改措施：一是制定巡查制度。二是每日巡查。\n"
                             f"3{three}会议费报销审核不严。\n整改措施：一是修订报销办法。二是追回超支费用。\n")
    problems = _problems(draft)
    assert [p["title"] for p in problems] == ["档案借阅登记不全", "库房巡查不到位", "会议费报销审核不严"]
    assert all("items" not in p and len(p["measures"]) == 2 for p in problems)


def test_a_pdf_line_that_ends_no_sentence_joins_the_next_full_line(tmp_path):
    draft = _opened(tmp_path, "根据县委统一部署,2024年3月4日至4月26日,县委\n第一巡察组对某县档案馆党组进行了巡察,2024年6月\n"
                              "14日向某县档案馆党组反馈了巡察意见。按照巡察工作有\n关要求,现将巡察整改情况予以公布。\n")
    assert draft.data["inspection"]["body"] == "县委第一巡察组" and len(draft.data["opening"]) == 1


def test_a_look_back_at_finished_work_said_in_passing_is_no_second_inspection(tmp_path):
    """对已经完成的事项开展“回头看” names no group and no date: the inspection stays the one told first."""
    draft = _opened(tmp_path, "根据县委统一部署，2024年3月11日至5月10日，县委第一巡察组对某县档案馆党组开展了常规巡察，"
                              "6月18日向馆党组反馈了巡察意见。现将整改情况予以公布。\n下一步，将对已经完成的事项开展“回头看”，防止问题反弹。\n",
                    "一、关于“档案借阅登记不全”问题的整改情况\n（一）补登借阅记录。\n（二）上线借阅系统。\n"
                    "二、关于“库房巡查不到位”问题的整改情况\n（一）制定巡查制度。\n（二）每日巡查。\n")
    assert (draft.data["inspection"]["body"], draft.data["inspection"]["target"]) == ("县委第一巡察组", "某县档案馆党组")
    assert not any("不止一次巡察" in d.message for d in draft.doubts)


def test_triangles_on_lines_together_are_a_list_not_captions(tmp_path):
    draft = _draft(tmp_path, "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n整改措施：\n▲补登借阅记录\n▲上线借阅系统\n"
                             "2.关于“库房巡查不到位”的问题\n整改措施：一是制定巡查制度。二是每日巡查。\n")
    assert "补登借阅记录" in str(_problems(draft)[0]) and "上线借阅系统" in str(_problems(draft)[0])


@pytest.mark.parametrize("title, said, target", [
    ("中共青山镇委员会关于巡察整改情况的通报", "我镇党委", "青山镇党委"),
    ("中共柳溪乡委员会关于巡察整改情况的通报", "我乡党委", "柳溪乡党委"),
    ("中共东城街道工作委员会关于巡察整改情况的通报", "我街道党工委", "东城街道党工委"),
    ("中共某市第一人民医院委员会关于巡察整改情况的通报", "我院党委", "某市第一人民医院党委"),
])
def test_our_unit_is_named_from_the_title_in_the_words_the_opening_used(tmp_path, title, said, target):
    draft = _opened(tmp_path, f"根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对{said}进行了巡察。"
                              "2024年6月1日反馈了巡察意见。\n", title=title)
    assert draft.data["inspection"]["target"] == target


def test_a_group_named_with_its_leader_is_the_group(tmp_path):
    draft = _opened(tmp_path, "根据县委统一部署，2024年3月1日至4月30日，以王某某为组长的县委第二巡察组对某县档案馆党组进行了巡察。"
                              "2024年6月1日反馈了巡察意见。\n")
    assert draft.data["inspection"]["body"] == "县委第二巡察组"


def test_a_space_before_a_field_s_colon_and_a_bullet_before_a_line_are_noise(tmp_path):
    draft = _draft(tmp_path, "二、巡察反馈问题整改情况\n（一）党建工作方面\n★1.会议记录不全。\n整改措施 ：一是补齐记录；二是建立台账。\n整改情况 :已完成。\n"
                              "● 2.学习计划性不强。\n整改措施：\n◇ 一是制定学习计划；\n◇ 二是按月通报。\n整改情况：正在推进中。\n")
    problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert [(p["title"], p.get("status"), [m if isinstance(m, str) else m["text"] for m in p["measures"]]) for p in problems] == [
        ("会议记录不全", "已完成", ["补齐记录；", "建立台账。"]),
        ("学习计划性不强", "正在推进中", ["制定学习计划；", "按月通报。"])]


def test_a_social_platform_articles_head_line_is_no_part_of_the_opening(tmp_path):
    """Before: 某大学 某大学党委宣传部 2024年03月08日 18:30 浙江 under the title became the opening's first paragraph."""
    draft = _draft(tmp_path, ONE_PROBLEM, head=HEAD.replace("\n", "\n某大学 某大学党委宣传部 2024年03月08日 18:30 浙江\n", 1))
    assert not any("18:30" in p for p in draft.data["opening"])
