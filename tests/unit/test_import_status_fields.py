"""`zhenggai import` reading a finding's status, deadline and responsibility where real notices
put them: in brackets of their own after the measures or the title, in closing sentences, behind
【】 labels on one line, and with the leader named beside the unit (fixtures in our own wording)."""

from __future__ import annotations

import pytest

from zhenggai.importer import import_notice

HEAD = ("某局党组关于巡察整改情况的通报\n根据区委统一部署，2024年9月2日至10月31日，区委第一巡察组对某局党组开展了常规巡察。"
        "12月5日，巡察组反馈了巡察意见。现将巡察整改情况予以公布。\n一、巡察反馈问题整改情况\n（一）全面从严治党方面\n")


def _problems(tmp_path, body: str) -> list[dict]:
    source = tmp_path / "n.txt"
    source.write_text(HEAD + body, encoding="utf-8")
    draft = import_notice(source)
    return [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]], draft


@pytest.mark.parametrize("line, status, deadline", [
    ("（整改进展：已完成）", "已完成", None),
    ("（整改进展：持续推进，完成时限：2025年6月底前）", "正在推进中", "2025年6月底前"),
    ("（整改状态：已完成；责任单位：办公室）", "已完成", None),
])
def test_a_status_line_in_brackets_after_numbered_measures_is_the_problem_s(tmp_path, line, status, deadline):
    problems, _ = _problems(tmp_path, "1.关于“档案借阅登记不全”的问题。\n整改落实情况：\n（1）补登借阅记录。\n（2）上线借阅系统。\n"
                                      f"{line}\n2.关于“库房巡查不到位”的问题\n整改情况：一是制定巡查制度；二是每日巡查。目前，该问题已整改完成。\n")
    first = problems[0]
    assert (first.get("status"), first.get("deadline")) == (status, deadline)
    assert [m["text"] for m in first["measures"]] == ["补登借阅记录。", "上线借阅系统。"]
    assert all("paragraphs" not in m for m in first["measures"])


@pytest.mark.parametrize("bracket, status, deadline", [
    ("（持续推进，计划于2025年6月30日前完成）", "正在推进中", "计划于2025年6月30日前完成"),
    ("（已基本完成，剩余工作计划于2025年3月底前完成）", "基本完成", "计划于2025年3月底前完成"),
])
def test_a_status_and_plan_in_brackets_after_the_title_leave_the_title(tmp_path, bracket, status, deadline):
    problems, _ = _problems(tmp_path, f"1.文物保护经费使用不规范的问题{bracket}\n整改情况：一是清理专项资金；二是建立使用台账。\n"
                                      "2.公务接待管理不严的问题（已完成）\n整改情况：一是修订接待办法；二是清退违规费用。\n")
    assert problems[0]["title"] == "文物保护经费使用不规范"
    assert (problems[0].get("status"), problems[0].get("deadline")) == (status, deadline)


@pytest.mark.parametrize("closing, status, deadline", [
    ("该问题正在推进整改，计划于2025年6月底前完成。", "正在推进中", "计划于2025年6月底前完成"),
    ("目前，该问题已基本完成整改，剩余工作计划于2025年6月底前完成。", "基本完成", "计划于2025年6月底前完成"),
])
def test_a_closing_status_sentence_with_its_plan_is_the_problem_s(tmp_path, closing, status, deadline):
    problems, _ = _problems(tmp_path, f"1.关于“文物保护经费使用不规范”的问题\n整改情况：一是清理专项资金；二是建立使用台账。{closing}\n")
    (problem,) = problems
    assert (problem.get("status"), problem.get("deadline")) == (status, deadline)
    assert [m["text"] for m in problem["measures"]] == ["清理专项资金；", "建立使用台账。"]


def test_fields_behind_square_bracket_labels_on_one_line_are_read_each(tmp_path):
    problems, _ = _problems(tmp_path, "1.关于“公务用车管理不严”的问题\n【整改措施】一是修订用车制度；二是安装定位设备。\n"
                                      "【整改进展】已完成　【整改时限】2024年11月30日\n")
    (problem,) = problems
    assert (problem.get("status"), problem.get("deadline")) == ("已完成", "2024年11月30日")
    assert len(problem["measures"]) == 2


@pytest.mark.parametrize("lines, leader, responsible", [
    ("牵头领导：党组成员、副局长；责任单位：计划财务科。", "党组成员、副局长", "计划财务科"),
    ("责任领导：分管副局长\n责任处室：计划财务科、办公室", "分管副局长", "计划财务科、办公室"),
    ("整改责任人：局长\n牵头单位：办公室\n责任单位：财务科", "局长", "牵头单位：办公室；责任单位：财务科"),
    ("责任单位：计划财务科", None, "计划财务科"),
])
def test_the_leader_named_beside_the_unit_is_the_leader_not_the_unit(tmp_path, lines, leader, responsible):
    problems, _ = _problems(tmp_path, f"1.关于“专项资金拨付滞后”的问题\n整改措施：一是建立拨付台账；二是每月通报进度。\n{lines}\n")
    (problem,) = problems
    assert (problem.get("leader"), problem.get("responsible")) == (leader, responsible)


@pytest.mark.parametrize("said, status", [
    ("已完成并长期坚持。", "已完成"), ("完成并长效推进。", "已完成"), ("已完成整改并销号。", "已完成"),
    ("长效推进。", "阶段性完成并需长期坚持"), ("部分完成。", "正在推进中"),
])
def test_status_words_joined_by_bing_are_the_status_not_a_measure(tmp_path, said, status):
    problems, _ = _problems(tmp_path, "1.“放管服”改革落实不到位。\n整改措施：一是梳理公布政务服务事项清单；二是推行“一窗受理”。\n"
                                      f"整改情况：{said}\n2.窗口服务态度不佳。\n整改措施：一是开展服务礼仪培训；二是设置意见箱。\n整改情况：已完成。\n")
    assert problems[0].get("status") == status
    assert len(problems[0]["measures"]) == 2


@pytest.mark.parametrize("measures, texts", [
    ("整改举措：1）建立拨付审核清单；2）引入第三方审计。", ["建立拨付审核清单；", "引入第三方审计。"]),
    ("整改举措：1)建立拨付审核清单；2)引入第三方审计。", ["建立拨付审核清单；", "引入第三方审计。"]),
    ("整改措施：1.推行公务卡强制结算目录。", ["推行公务卡强制结算目录。"]),
])
def test_numbered_measures_run_in_after_their_lead_lose_their_numbers(tmp_path, measures, texts):
    problems, _ = _problems(tmp_path, f"1.项目资金监管不到位。\n{measures}\n整改状态：已完成\n"
                                      "2.政府采购程序不规范。\n整改措施：1.修订采购办法；2.开展业务培训。\n整改状态：已完成\n")
    assert [m["text"] for m in problems[0]["measures"]] == texts


def test_problems_labelled_wenti_with_a_bracketed_number_lose_the_label(tmp_path):
    problems, draft = _problems(tmp_path, "问题（一）：项目资金监管不到位\n整改举措：一是建立拨付审核清单；二是引入第三方审计。\n整改状态：已完成\n"
                                          "问题（二）：政府采购程序不规范\n整改举措：一是修订采购办法；二是开展业务培训。\n整改状态：已完成\n")
    assert [p["title"] for p in problems] == ["项目资金监管不到位", "政府采购程序不规范"]
    assert not any(d.code == "import.unnumbered_problem" for d in draft.doubts)


def test_numbered_lines_closed_by_one_status_line_are_the_problem_s_measures(tmp_path):
    """Before: a deed naming what it put right (违规代收的资料费) made the lines items, and the
    status line after the last was taken as that item's."""
    problems, _ = _problems(tmp_path, "1.违规收取学生费用。\n（1）在全县中小学开展收费专项检查，对违规代收的资料费全额清退。\n"
                                      "（2）公布收费项目和标准，设立收费举报电话。\n整改进展：已完成。\n"
                                      "2.食堂管理存在漏洞。\n（1）推行食材统一采购。\n（2）建立食堂账目公示制度。\n整改进展：基本完成。\n")
    assert [(p["title"], p.get("status"), len(p.get("measures", ())), "items" in p) for p in problems] == [
        ("违规收取学生费用", "已完成", 2, False), ("食堂管理存在漏洞", "基本完成", 2, False)]


def test_a_field_after_the_status_and_a_comma_is_read_as_that_field(tmp_path):
    problems, _ = _problems(tmp_path, "1.基层统计台账不规范。\n整改措施：一是开展台账培训；二是逐一检查乡镇台账。\n"
                                      "整改进展：正在推进中，整改时限：2026年3月底前。\n")
    (problem,) = problems
    assert (problem.get("status"), problem.get("deadline"), len(problem["measures"])) == ("正在推进中", "2026年3月底前", 2)


def test_a_signature_of_two_organisations_on_two_lines_is_one_signature_and_the_contact_is_read(tmp_path):
    _, draft = _problems(tmp_path, "1.理论学习流于形式。\n整改措施：一是制定学习计划；二是开展专题研讨。\n整改进展：已完成。\n"
                                   "二、下一步工作打算\n持续巩固整改成果。\n欢迎广大干部群众监督。联系电话：0736-4512308。\n"
                                   "中共某市统计局党组\n某市统计局\n2025年9月1日\n")
    assert draft.data["signature"]["organisation"] == "中共某市统计局党组 某市统计局"
    assert draft.data["contact"]["phones"] == ["0736-4512308"]


def test_next_steps_run_in_as_yishi_erShi_on_one_line_are_one_point_each(tmp_path):
    _, draft = _problems(tmp_path, "1.理论学习流于形式。\n整改措施：一是制定学习计划；二是开展专题研讨。\n整改进展：已完成。\n"
                                   "二、下一步工作打算\n一是坚持标准不降，开展“回头看”。二是紧盯未完成事项，确保按期完成。三是巩固整改成果。\n")
    (steps,) = [s for s in draft.data["sections"] if s.get("heading") == "下一步工作打算"]
    assert [p if isinstance(p, str) else p["text"] for p in steps["points"]] == [
        "坚持标准不降，开展“回头看”。", "紧盯未完成事项，确保按期完成。", "巩固整改成果。"]


@pytest.mark.parametrize("second", ["为民办实事成效不明显。", "窗口服务效率有待提升", "【基层党组织作用发挥】"])
def test_an_unnumbered_problem_after_the_last_one_s_status_opens_a_problem_of_its_own(tmp_path, second):
    problems, _ = _problems(tmp_path, "政治理论学习不深入。\n整改措施：制定年度学习计划。\n整改进展：已完成。\n"
                                      f"{second}\n整改措施：建立群众诉求办理台账。\n整改进展：正在推进中。\n")
    assert [(p.get("status"), len(p["measures"])) for p in problems] == [("已完成", 1), ("正在推进中", 1)]
    assert problems[1]["title"] == second.strip("。【】")


def test_a_lone_problem_with_its_details_listed_and_measures_after_the_last_is_a_problem_not_a_category(tmp_path):
    source = tmp_path / "m.txt"
    source.write_text(HEAD.replace("（一）全面从严治党方面\n", "") + "1.执行财经纪律不严格。\n（1）部分支出未按预算科目列支；\n"
                      "（2）差旅费报销超标准。\n整改措施：1.开展预算执行专项检查；2.追回超标准报销费用。\n整改情况：已完成。\n",
                      encoding="utf-8")
    draft = import_notice(source)
    (section,) = [s for s in draft.data["sections"] if s.get("categories")]
    (problem,) = [p for c in section["categories"] for p in c["problems"]]
    assert problem["title"] == "执行财经纪律不严格"
    assert [i["title"] for i in problem["items"]] == ["部分支出未按预算科目列支", "差旅费报销超标准"]
    assert (problem.get("status"), len(problem["measures"])) == ("已完成", 2)


def test_a_status_tag_on_its_own_line_after_the_measures_is_the_problem_s(tmp_path):
    problems, _ = _problems(tmp_path, "1.库房温湿度监测不到位。\n整改措施：\n（1）更换监测设备；\n（2）建立每日巡检制度。\n【已完成】\n"
                                      "2.数字化进度滞后。\n整改措施：\n（1）制定三年计划；\n（2）引入第三方服务。\n【正在推进】\n")
    assert [(p.get("status"), len(p["measures"])) for p in problems] == [("已完成", 2), ("正在推进中", 2)]
    assert all("paragraphs" not in m for p in problems for m in p["measures"] if isinstance(m, dict))


@pytest.mark.parametrize("after", [
    "（责任领导：副馆长；责任单位：保管利用科；整改时限：2025年7月底前）目前已完成整改。",
    "该问题责任领导为副馆长，责任单位为保管利用科，计划于2025年7月底前完成，目前已完成整改。",
    "\n（责任领导：副馆长；责任单位：保管利用科；整改时限：2025年7月底前）\n整改状态：已完成。",
])
def test_the_leader_unit_and_deadline_after_the_measures_are_read(tmp_path, after):
    problems, _ = _problems(tmp_path, f"1.库房温湿度监测不到位。\n整改措施：一是更换监测设备；二是建立每日巡检制度。{after}\n")
    (problem,) = problems
    assert (problem.get("leader"), problem.get("responsible"), problem.get("status")) == ("副馆长", "保管利用科", "已完成")
    assert "2025年7月底前" in problem["deadline"]
    assert [m["text"] if isinstance(m, dict) else m for m in problem["measures"]] == ["更换监测设备；", "建立每日巡检制度。"]


def test_a_wrapper_whose_quotation_ends_in_wenti_gives_the_quoted_title(tmp_path):
    problems, _ = _problems(tmp_path, "1.关于“公务用车登记不全、加油卡管理混乱等问题”的整改情况\n整改措施：一是补登记录；二是收回加油卡。\n"
                                      "整改进展：已完成。\n2.关于“办公用房超标问题”的整改情况\n整改措施：一是腾退超标用房；二是建立台账。\n整改进展：已完成。\n")
    assert [(p["title"], p.get("similar", False)) for p in problems] == [
        ("公务用车登记不全、加油卡管理混乱等", False), ("办公用房超标", False)]


@pytest.mark.parametrize("lists", [
    ("整改措施：\n1.委托开展安全鉴定；\n2.实行降等运行。\n", "整改措施：\n3.建立许可公示制度；\n4.开展联合执法。\n",
     "整改措施：\n5.补充储备物资；\n6.建立轮换制度。\n"),
    ("整改措施：1.委托开展安全鉴定；2.实行降等运行。\n", "整改措施：3.建立许可公示制度；4.开展联合执法。\n",
     "整改措施：5.补充储备物资；6.建立轮换制度。\n")])
def test_measures_numbered_through_the_notice_are_each_problem_s_measures(tmp_path, lists):
    first, second, third = lists
    problems, _ = _problems(tmp_path, f"1.小型水库安全鉴定滞后。\n{first}整改情况：已完成。\n2.河道采砂监管存在漏洞。\n{second}"
                                      f"整改情况：正在推进中。\n3.防汛物资储备不足。\n{third}整改情况：已完成。\n")
    assert [(p["title"], p.get("status"), [m if isinstance(m, str) else m["text"] for m in p["measures"]]) for p in problems] == [
        ("小型水库安全鉴定滞后", "已完成", ["委托开展安全鉴定；", "实行降等运行。"]),
        ("河道采砂监管存在漏洞", "正在推进中", ["建立许可公示制度；", "开展联合执法。"]),
        ("防汛物资储备不足", "已完成", ["补充储备物资；", "建立轮换制度。"])]


@pytest.mark.parametrize("lead", ["整改措施：", "整改情况："])
def test_unnumbered_problems_each_with_a_lead_alone_and_numbered_measures_below_are_problems_each(tmp_path, lead):
    problems, _ = _problems(tmp_path, f"网络意识形态阵地管理存在薄弱环节。\n{lead}\n1.开展网站内容排查；\n2.建立三审三校制度。\n完成情况：已完成。\n"
                                      f"理论学习计划性不强。\n{lead}\n1.制定年度学习计划；\n2.建立学习通报制度。\n完成情况：正在推进中。\n")
    assert [(p["title"], p.get("status"), len(p["measures"])) for p in problems] == [
        ("网络意识形态阵地管理存在薄弱环节", "已完成", 2), ("理论学习计划性不强", "正在推进中", 2)]


def test_the_first_unnumbered_problem_right_under_its_part_is_a_problem(tmp_path):
    source = tmp_path / "u.txt"
    source.write_text(HEAD.replace("（一）全面从严治党方面\n", "") + "食品安全抽检覆盖面不广\n整改落实情况：一是提高抽检频次；二是新增快检室。目前已完成整改。\n"
                      "餐饮单位量化分级管理滞后\n整改落实情况：一是重新评定等级；二是张贴公示牌。目前已完成整改。\n", encoding="utf-8")
    draft = import_notice(source)
    problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert [p["title"] for p in problems] == ["食品安全抽检覆盖面不广", "餐饮单位量化分级管理滞后"]


@pytest.mark.parametrize("line, field", [("整改成效：平台采购率达到100%。", "整改成效"), ("长效机制：建立季度比对制度。", "长效机制"),
                                         ("下一步：将核查纳入日常工作。", "下一步")])
def test_an_outcome_a_standing_rule_or_a_next_step_after_the_measures_is_kept_with_its_word_and_marked(tmp_path, line, field):
    problems, draft = _problems(tmp_path, "1.政府采购管理不规范。\n整改措施：一是修订采购办法；二是开展专项检查。\n"
                                          f"整改进展：已完成。\n{line}\n")
    (problem,) = problems
    assert problem.get("status") == "已完成"
    texts = [m if isinstance(m, str) else m["text"] for m in problem["measures"]]
    assert texts[:2] == ["修订采购办法；", "开展专项检查。"] and texts[2].startswith(field)
    assert any(d.code == "import.goal_as_measure" and field in d.message for d in draft.doubts)


@pytest.mark.parametrize("said, leader, responsible", [
    ("责任领导为党组书记、局长，责任单位为办公室。", "党组书记、局长", "办公室"),
    ("该问题由党组书记、局长牵头，办公室具体负责。", "党组书记、局长", "办公室"),
    ("责任单位：办公室　　分管领导：党组书记、局长", "党组书记、局长", "办公室"),
])
def test_who_is_responsible_said_after_numbered_measures_is_read(tmp_path, said, leader, responsible):
    problems, _ = _problems(tmp_path, "1.理论学习中心组学习流于形式\n整改措施：\n（1）修订学习规则。\n（2）建立学习档案抽查制度。\n"
                                      f"{said}\n整改状态：已完成\n")
    (problem,) = problems
    assert (problem.get("leader"), problem.get("responsible"), problem.get("status"), len(problem["measures"])) == (
        leader, responsible, "已完成", 2)


@pytest.mark.parametrize("said", ["目前，该问题已于2024年8月底前整改完成。", "整改状态：已完成，完成时间2024年8月底前。"])
def test_a_status_said_with_when_it_was_done_is_the_status(tmp_path, said):
    problems, draft = _problems(tmp_path, f"1.理论学习中心组学习流于形式\n整改措施：一是修订学习规则；二是建立抽查制度。\n{said}\n")
    (problem,) = problems
    assert (problem.get("status"), len(problem["measures"])) == ("已完成", 2)


@pytest.mark.parametrize("numbers", ["0577-86235019  13905771234", "0577-86235019　13905771234", "0577-86235019 0577-86235020",
                                     "13905771234 0577-86235019"])
def test_two_phone_numbers_apart_by_spaces_are_two_phones(tmp_path, numbers):
    _, draft = _problems(tmp_path, "1.理论学习不深入。\n整改措施：一是制定计划；二是开展研讨。\n整改状态：已完成\n"
                                   f"欢迎广大干部群众监督。\n联系电话：{numbers}\n中共某局党组\n2025年1月5日\n")
    assert [p if isinstance(p, str) else p["number"] for p in draft.data["contact"]["phones"]] == numbers.replace("　", " ").split()


def test_unnumbered_wrapped_problems_with_their_fields_and_measures_numbered_through(tmp_path):
    problems, _ = _problems(tmp_path, "关于“审委会记录不规范”的问题。（牵头领导：副院长；责任部门：审判管理办公室）\n1.修订审委会工作规则。\n"
                                      "2.每季度抽查审委会记录。\n整改进展：该问题已于2024年11月底前整改完成。\n"
                                      "关于“案款发放不及时”的问题。（牵头领导：副院长；责任部门：执行局）\n3.建立案款台账。\n4.实行一案一账。\n"
                                      "整改进展：正在推进中。\n")
    assert [(p["title"], p.get("status"), p.get("leader"), p.get("responsible"), len(p["measures"])) for p in problems] == [
        ("审委会记录不规范", "已完成", "副院长", "审判管理办公室", 2), ("案款发放不及时", "正在推进中", "副院长", "执行局", 2)]


def test_who_leads_and_when_it_was_done_in_one_sentence(tmp_path):
    problems, _ = _problems(tmp_path, "1.项目库建设不扎实。\n整改落实情况：一是重新论证入库项目；二是建立动态调整机制。\n"
                                      "该问题由党组成员、副局长牵头，乡村振兴股具体负责，已于2024年10月底前整改到位。\n")
    (problem,) = problems
    assert (problem.get("leader"), problem.get("responsible"), problem.get("status"), len(problem["measures"])) == (
        "党组成员、副局长", "乡村振兴股", "已完成", 2)


@pytest.mark.parametrize("said, status", [("整改进度：100%。", "已完成"), ("整改情况：完成60%。", "正在推进中")])
def test_a_status_given_as_a_share_done_is_the_status(tmp_path, said, status):
    problems, _ = _problems(tmp_path, f"1） 会议记录不全。\n整改措施：一是补齐记录；二是建立台账。\n{said}\n")
    (problem,) = problems
    assert (problem["title"], problem.get("status"), len(problem["measures"])) == ("会议记录不全", status, 2)


def test_categories_labelled_yishi_on_lines_of_their_own_hold_the_problems_below(tmp_path):
    source = tmp_path / "c.txt"
    source.write_text(HEAD.replace("（一）全面从严治党方面\n", "") + "一是党的建设方面\n1.会议记录不全。\n整改措施：补齐记录。\n整改情况：已完成。\n"
                      "2.学习计划性不强。\n整改措施：制定学习计划。\n整改情况：已完成。\n二是财务管理方面\n3.报销审核不严。\n"
                      "整改措施：修订报销办法。\n整改情况：正在推进中。\n", encoding="utf-8")
    draft = import_notice(source)
    (section,) = [s for s in draft.data["sections"] if s.get("categories")]
    assert [(c["title"], [p["title"] for p in c["problems"]]) for c in section["categories"]] == [
        ("党的建设", ["会议记录不全", "学习计划性不强"]), ("财务管理", ["报销审核不严"])]


def test_a_title_run_in_before_a_colon_and_its_description_is_the_title(tmp_path):
    problems, draft = _problems(tmp_path, "1.党建工作薄弱：部分支部组织生活不经常，党员教育管理松散。\n整改措施：制定支部工作清单，实行每月督导。\n"
                                          "整改情况：已完成。\n2.阵地建设滞后：党群服务中心功能不全，使用率低。\n整改措施：改造党群服务中心。\n整改情况：正在推进中。\n")
    assert [(p["title"], p.get("status")) for p in problems] == [("党建工作薄弱", "已完成"), ("阵地建设滞后", "正在推进中")]
    assert any(d.code == "import.details_as_measure" for d in draft.doubts)
