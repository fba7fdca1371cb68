"""`zhenggai import` on notices written in the shapes real units use (tests/fixtures/import-shapes/,
written for these tests): the problems found, their categories, statuses, measures and items,
the inspection facts, the totals — and a structure the importer itself trusts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from support.drafts import outline, problems
from zhenggai.importer import import_notice

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "import-shapes"

HEAD = ("某局党组关于巡察整改情况的通报\n根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。"
        "2023年6月1日，市委第一巡察组向某局党组反馈了巡察意见。\n")


def _import_body(tmp_path, body: str):
    """The draft of a notice of our own: HEAD's title and opening, then `body`."""
    source = tmp_path / "n.txt"
    source.write_text(HEAD + body, encoding="utf-8")
    return import_notice(source)


# Per notice: inspection facts (body, target, start, end, feedback) and, per category (None:
# problems listed without categories), each problem as (title, status, measures, item titles).
EXPECTED = {
    "measures_numbered": (("市委第三巡察组", "某局党组", "2023-09-04", "2023-10-27", "2023-12-08"), [
        ("落实意识形态工作责任制", [("意识形态阵地管理有漏洞", None, 2, []), ("舆情应对能力不强", None, 2, [])]),
        ("选人用人", [("干部档案审核不细致", None, 1, [])])]),
    "zai_fangmian": (("县委第二巡察组", "县自然资源局党组", "2023-10-09", "2023-12-08", "2024-01-19"), [
        ("贯彻落实党的路线方针政策和上级决策部署", [("耕地保护责任落实不到位", "已完成", 2, []),
                                                  ("矿产资源监管存在薄弱环节", "正在推进中", 2, [])]),
        ("落实全面从严治党“两个责任”", [("党风廉政建设主体责任压得不实", "已完成", 1, []), ("廉政风险防控存在盲区", "已完成", 2, [])]),
        ("落实组织路线和基层党建", [("干部队伍结构不优", "正在推进中", 1, [])])]),
    "yishi_problems": (("区委第二巡察组", "区司法局党组", "2023-05-08", "2023-06-30", "2023-08-10"), [
        (None, [("社区矫正监管不够严格", "已完成", 1, []), ("法律援助案件质量不高", "正在推进中", 1, []),
                ("普法宣传形式单一", "已完成", 1, [])])]),
    "runin_shared": (("县委第四巡察组", "县林业局党组", "2023-04-10", "2023-05-26", "2023-06-20"), [
        ("护林防火责任落实", [("护林员巡护记录填写不规范", None, 0, []), ("防火物资储备台账不清", None, 2, [])]),
        ("项目资金管理", [("造林补助资金拨付滞后", None, 1, [])])]),
    "runin_described": (("市委第三巡察组", "某局党组", "2023-09-04", "2023-10-27", "2023-12-08"), [
        (None, [("基层党组织建设薄弱", None, 3, []), ("招投标管理不规范", "已完成", 2, []),
                ("干部担当作为不够", "正在推进中", 2, [])])]),
    "runin_guanyu": (("市委第三巡察组", "某局党组", "2023-09-04", "2023-10-27", "2023-12-08"), [
        (None, [("学习贯彻习近平新时代中国特色社会主义思想不够深入", None, 2, []), ("落实中央八项规定精神不严格", None, 2, []),
                ("机关党建与业务融合不够", None, 2, [])])]),
    "status_counts": (("市委第三巡察组", "某局党组", "2023-09-04", "2023-10-27", "2023-12-08"), [
        ("已完成整改的问题（3个）", [("党组议事规则不完善", "已完成", 1, []), ("固定资产账实不符", "已完成", 1, []),
                             ("车辆维修费用审核不严", "已完成", 1, [])]),
        ("正在整改的问题（1个）", [("信息化项目建设滞后", "正在推进中", 1, [])])]),
    "top_fields": (("县委第三巡察组", "县水利局党组", "2024-04-08", "2024-06-07", "2024-07-16"), [
        ("落实党中央和上级党委决策部署", [("贯彻河长制工作要求不够有力", None, 2, []), ("推进农村供水工程建设缓慢", None, 2, [])]),
        ("加强党的领导和班子建设", [("落实民主集中制有差距", None, 1, []), ("执行干部考核制度不严格", None, 2, [])])]),
    "broken_title": (("区委第二巡察组", "区民政局党组", "2023-10-09", "2023-12-01", "2024-01-12"), [
        (None, [("养老服务机构安全检查不够全面", "已完成", 2, []), ("社会救助资金发放审核把关不严", "已完成", 2, [])])]),
    "dash_status": (("县委第一巡察组", "县市场监督管理局党组", "2023-05-08", "2023-06-30", "2023-08-04"), [
        ("食品安全监管", [("校园食堂抽检覆盖面不够", "已完成", 1, []), ("农贸市场快检室运行不规范", "已完成", 1, [])]),
        ("干部队伍建设", [("执法人员培训不够系统", "正在推进中", 1, [])])]),
    "closing_states": (("县委第二巡察组", "县文化广电旅游体育局党组", "2024-03-04", "2024-04-26", "2024-06-07"), [
        (None, [("文物安全巡查不到位", "已完成", 2, []), ("公共文化场馆开放时间不足", "已完成", 3, []),
                ("体育场地设施维护不及时", "已完成", 2, [])])]),
    "organisation_only": (("市委第三巡察组", "某局党组", "2023-09-04", "2023-10-27", "2023-12-08"), []),
    "bracket": (("县委第二巡察组", "县卫生健康局党组", "2022-04-11", "2022-06-02", "2022-07-05"), [
        ("党的领导作用发挥不够充分", [("对基层医疗机构疫苗管理研究部署不够", "已完成", 1, []),
                            ("落实意识形态工作责任制有差距", "已完成", 1, [])]),
        ("全面从严治党不够到位", [("对医疗机构收费监管不严", "正在推进中", 1, [])])]),
    "bare": (("市委第一巡察组", "某局党组", "2024-03-01", "2024-04-30", "2024-06-01"), [
        (None, [("意识形态工作责任制落实不到位", None, 2, []), ("干部教育培训针对性不强", None, 2, []),
                ("财务报销审核不严", "已完成", 1, [])])]),
    "ccdi": (("中央第十二巡视组", "某某部党组", "2022-10-09", "2022-12-16", "2023-02-14"), [
        (None, [("对标对表党中央关于行业发展的决策部署，推动重点任务落地见效", None, 2, []),
                ("从严从实加强干部队伍建设", None, 2, []), ("持之以恒纠治“四风”", None, 2, [])])]),
    "continuous": (("区委第四巡察组", "区教育局党组", "2022-11-01", "2022-12-20", "2023-02-17"), [
        ("党的领导", [("贯彻落实教育优先发展战略有偏差", "已完成", 2, []), ("意识形态工作责任落实不到位", "正在推进中", 1, [])]),
        ("党的建设", [("基层党组织标准化建设不规范", "已完成", 1, []), ("发展党员工作程序不严", "已完成", 2, [])]),
        ("全面从严治党", [("校园食堂管理存在漏洞", "阶段性完成并需长期坚持", 2, [])])]),
    "fangmian": (("市委第三巡察组", "市医疗保障局党组", "2023-10-16", "2023-12-08", "2024-01-12"), [
        ("贯彻落实党中央决策部署", [("医保基金监管存在薄弱环节", None, 2, []), ("医保经办服务便民措施不多", None, 1, [])]),
        ("落实全面从严治党责任", [("党风廉政教育形式单一", None, 2, [])])]),
    "fankui": (("县委机动巡察组", "县农业农村局", "2023-03-01", "2023-04-15", "2023-04-28"), [
        (None, [("惠农资金发放审核不严", "已完成", 3, []), ("项目验收流于形式", "正在推进中", 2, [])])]),
    "fields": (("市委第六巡察组", "市统计局党组", "2023-05-08", "2023-06-30", "2023-08-11"), [
        (None, [("统计数据质量管控不严", "已完成", 2, []), ("统计执法检查力度不够", "正在推进中", 2, []),
                ("干部队伍建设不够有力", "已完成", 1, [])])]),
    "flat": (("市委第七巡察组", "市民政局党委", "2022-08-22", "2022-10-14", "2022-11-25"), [
        (None, [("养老服务体系建设不够完善", None, 2, []), ("社会救助审核把关不严", None, 2, []),
                ("项目资金监管不力", None, 2, [])])]),
    "items": (("市委第八巡察组", "某市交通运输局", "2023-05-15", "2023-07-07", "2023-08-30"), [
        ("贯彻落实交通强市战略有差距，重点项目推进缓慢", [
            ("重点交通项目前期工作滞后", None, 0, ["项目用地报批进度慢", "项目资金拨付不及时"]),
            ("行业安全监管存在盲区", None, 0, ["对网约车平台监管不到位"])]),
        ("全面从严治党主体责任落实不够有力", [("党风廉政教育针对性不强", None, 2, [])])]),
    "noquote": (("县委巡察三组", "县财政局党组", "2021-03-04", "2021-04-23", "2021-06-08"), [
        (None, [("落实全面从严治党主体责任不到位", None, 2, []), ("预算管理不够规范", None, 1, []),
                ("“三公”经费管控不严", None, 2, []), ("政府采购制度执行不严格", None, 2, [])])]),
    "statusgroups": (("市委第六巡察组", "市总工会党组", "2023-05-08", "2023-06-30", "2023-08-15"), [
        ("已整改完成的问题", [("职工服务阵地利用率不高", "已完成", 1, []), ("工会经费使用审核不严", "已完成", 1, [])]),
        ("正在整改的问题", [("基层工会组建覆盖面不广", "正在推进中", 1, []), ("困难职工帮扶档案不完整", "正在推进中", 1, [])])]),
    "threesection": (("县委第二巡察组", "县人民医院党委", "2024-03-04", "2024-04-26", "2024-06-03"), [
        ("落实党的路线方针政策不够到位", [("医疗卫生政策宣传不到位", None, 2, []), ("公立医院改革推进较慢", "已完成", 2, [])]),
        ("党风廉政建设存在薄弱环节", [("药品采购监督不严", None, 2, []), ("公务接待管理不规范", None, 2, [])])]),
    "top_categories": (("区委第四巡察组", "区司法局党组", "2023-09-04", "2023-11-03", "2023-12-15"), [
        ("贯彻落实党的路线方针政策", [("普法宣传针对性不强", "已完成", 1, []), ("人民调解工作规范化程度不高", "已完成", 1, [])]),
        ("全面从严治党", [("廉政风险防控不到位", "已完成", 1, []), ("财务管理不规范", "正在推进中", 1, [])]),
        ("基层党组织建设", [("“三会一课”制度落实不严格", "已完成", 1, []), ("党员发展程序不规范", "已完成", 1, [])])]),
    "toplevel": (("市委第五巡察组", "市档案馆党组", "2023-04-10", "2023-05-30", "2023-07-12"), [
        (None, [("理论武装不够扎实", None, 2, []), ("档案数字化进度滞后", None, 2, []), ("财务管理不规范", None, 2, [])])]),
    "trad": (("市委第五巡察組", "市婦女聯合會黨組", "2023-03-13", "2023-04-21", "2023-06-06"), [
        (None, [("維護婦女權益工作力度不夠", None, 2, []), ("基層組織建設薄弱", None, 1, [])])]),
    "wenti": (("市委第九巡察组", "市科技局党组", "2021-06-07", "2021-08-13", "2021-09-28"), [
        ("聚焦科技创新决策部署落实情况", [("理论学习流于形式", None, 0, ["学习重要讲话精神浮于表面", "学用结合不紧密"]),
                                    ("科技项目管理不规范", None, 2, [])])]),
    "woju": (("区委第一巡察组", "某区人民法院党组", "2022-10-11", "2022-12-02", "2023-01-10"), [
        ("党的领导弱化", [("政治理论学习不深入", None, 2, []), ("意识形态工作责任制落实不到位", None, 1, [])]),
        ("审判执行工作", [("案件审理周期偏长", None, 2, [])])]),
    "zhendui": (("区委第三巡察组", "区住房和建设局党组", "2022-09-16", "2022-10-18", "2022-12-05"), [
        ("贯彻落实上级决策部署", [("保障性住房建设推进缓慢", None, 3, []), ("老旧小区改造质量把关不严", None, 2, [])]),
        ("全面从严治党", [("落实主体责任不到位", None, 2, []), ("违规发放津贴补贴", None, 2, [])])]),
    "runin_under_category": (("县委第四巡察组", "县水利局党组", "2023-04-10", "2023-06-02", "2023-07-14"), [
        ("政治建设", [("传达学习上级会议精神不及时", None, 2, []), ("意识形态阵地管理不严", None, 2, [])]),
        ("作风建设", [("会议文件数量偏多", None, 2, [])])]),
    "bare_under_category": (("市委第五巡察组", "市粮食和物资储备局党组", "2023-08-07", "2023-09-29", "2023-11-03"), [
        ("党的领导", [("储备粮轮换计划执行不到位", "已完成", 1, []), ("应急物资储备底数不清", None, 1, [])]),
        ("党的建设", [("基层党支部组织生活不规范", "已完成", 1, [])])]),
    "zhichu": (("区委第二巡察组", "区城市管理局党组", "2023-05-15", "2023-07-07", "2023-08-22"), [
        ("党的领导", [("落实全面从严治党主体责任有差距，对下属单位监督管理偏松", None, 1, [])]),
        ("党的建设", [("基层党组织“三会一课”记录不完整", "已完成", 1, [])]),
        ("作风建设", [("占道经营整治反弹回潮", None, 1, [])])]),
    "statement_then_status": (("县委第一巡察组", "县交通运输局党组", "2024-03-04", "2024-04-26", "2024-05-30"), [
        ("党的领导", [("农村公路养护责任落实不到位，部分路段失养", "已完成", 1, []), ("治超工作协调机制不健全", None, 1, [])]),
        ("全面从严治党", [("工程项目廉政风险防控薄弱", "正在推进中", 1, [])])]),
    "trailing_status": (("市委第八巡察组", "市机关事务管理局党组", "2023-06-05", "2023-07-28", "2023-09-08"), [
        ("落实全面从严治党主体责任", [("主体责任传导层层递减", "已完成", 1, []), ("监督执纪偏宽偏软", "阶段性完成并需长期坚持", 1, []),
                            ("廉政教育形式单一", "正在推进中", 1, [])]),
        ("公务用车管理", [("公务用车定点维修审核把关不严", "已完成", 1, [])])]),
    "totals_words": (("县委第三巡察组", "县乡村振兴局党组", "2023-09-11", "2023-11-03", "2023-12-06"), [
        ("政策落实", [("帮扶项目资产管理不规范", None, 2, []), ("防返贫监测不及时", None, 2, [])]),
        ("作风建设", [("驻村工作考勤不严格", None, 2, [])])]),
    "flat_spaces": (("县委第三巡察组", "县自然资源局党组", "2023-04-10", "2023-06-02", "2023-07-14"), [
        (None, [("耕地保护责任落实不到位", None, 2, []), ("不动产登记办理效率不高", None, 2, [])])]),
    "answering_measures": (("市委第四巡察组", "市退役军人事务局党组", "2023-04-17", "2023-06-09", "2023-07-21"), [
        ("政治建设", [("理论学习不够深入", None, 2, []), ("优抚政策落实有偏差", None, 2, [])])]),
    "stray_spaces": (("县委第二巡察组", "县统计局党组", "2023-03-06", "2023-04-28", "2023-05-26"), [
        (None, [("统计数据审核不严", None, 2, []), ("统计人员业务能力不强", None, 2, [])])]),
    "guanyu_categories": (("区委第一巡察组", "区发展和改革局党组", "2023-03-20", "2023-05-19", "2023-06-28"), [
        ("党的领导作用发挥不充分", [("贯彻落实上级重大决策部署有偏差", None, 1, []), ("意识形态工作责任制落实不到位", None, 1, [])]),
        ("全面从严治党不够有力", [("廉政风险防控不到位", None, 1, [])])]),
    "loose_statements": (("市委第六巡察组", "市公共资源交易中心党组", "2023-08-14", "2023-10-13", "2023-11-24"), [
        (None, [("交易场所见证监管不到位", None, 1, []), ("专家库动态管理滞后", "已完成", 1, [])])]),
    "status_forms": (("县委第三巡察组", "县林业局党组", "2023-05-08", "2023-06-30", "2023-08-15"), [
        ("政治建设", [("理论学习不深入", "已完成", 1, []), ("意识形态阵地管理不严", "正在推进中", 1, []),
                  ("会议文件过多", "已完成", 1, []), ("公务用车管理不规范", "正在推进中", 1, [])]),
        ("作风建设", [("督查检查频次过高", "已完成", 1, []), ("调查研究不够深入", "正在推进中", 1, [])])]),
    "inline_shared": (("县委第二巡察组", "县气象局党组", "2023-05-08", "2023-06-30", "2023-08-04"), [
        ("落实主体责任", [("气象预警信息发布流程不清晰", None, 0, []), ("防灾减灾宣传覆盖面不广", None, 0, []),
                    ("观测设备巡检记录不完整", None, 1, [])]),
        ("作风建设", [("值班值守制度执行不严", None, 2, [])])]),
}
DECLARED = {
    "zai_fangmian": {"categories": 3, "problems": 5, "measures": 8, "completed": 3, "in_progress": 2, "rules_made": 6},
    "runin_shared": {"problems": 3, "completed": 3, "basis": "problems"},
    "bracket": {"categories": 2, "problems": 3},
    "fangmian": {"tasks": 45, "completed": 41, "basically_completed": 3, "in_progress": 1, "basis": "tasks"},
    "statusgroups": {"categories": 2, "problems": 4, "measures": 4, "completed": 2, "in_progress": 2, "rules_made": 9},
    "threesection": {"categories": 2, "problems": 4, "measures": 8, "completed": 3, "in_progress": 1},
    "top_categories": {"categories": 3, "problems": 6},
    "toplevel": {"rules_made": 6, "money_returned": 32500, "people_disciplined": 2},
    "trad": {"rules_made": 5},
    "wenti": {"rules_made": 13},
    "woju": {"categories": 2, "measures": 5, "completed": 4, "basis": "measures"},
    "noquote": {"tasks": 23},
    "totals_words": {"categories": 2, "problems": 3, "tasks": 8, "measures": 6, "completed": 7, "in_progress": 1,
                     "basis": "tasks"},
}
ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def _problems(draft) -> list[dict]:
    return problems(draft.data)


_summary = outline


def _facts(data: dict) -> tuple:
    inspection = data["inspection"]
    return tuple(str(inspection.get(k)) for k in ("body", "target", "start", "end", "feedback"))


@pytest.mark.parametrize("width", ["wide", "ascii"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shape_is_read_as_written(name, width, tmp_path):
    text = (SHAPES / f"{name}.txt").read_text(encoding="utf-8")
    source = tmp_path / f"{name}.txt"
    source.write_text(text if width == "wide" else text.translate(ASCII), encoding="utf-8")
    draft = import_notice(source)
    facts, problems = EXPECTED[name]
    assert _facts(draft.data) == facts
    assert _summary(draft.data) == problems  # full-width punctuation whatever the source used
    declared = draft.data.get("declared", {})
    assert {k: declared.get(k) for k in DECLARED.get(name, {})} == DECLARED.get(name, {})
    assert draft.structural == [], [d.at() for d in draft.structural]
    assert not [d.at() for d in draft.doubts if d.code == "import.words_left_out"]
    assert draft.report("x.yml").startswith("结构可信")
    assert not draft.unplaced
    # Valid as it stands, but for what the text does not say (some give no publication date).
    assert {d.field for d in draft.diagnostics if d.is_error} <= {"metadata.published"}


def test_a_year_left_out_of_the_feedback_date_is_the_next_when_the_month_comes_earlier(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n根据市委统一部署，2023年11月6日至12月29日，市委第一巡察组对某局党组"
                      "进行了巡察。2月20日，市委第一巡察组向某局党组反馈了巡察意见。\n", encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["inspection"]["feedback"] == dt.date(2024, 2, 20)
    assert any("按 2024 年读出" in d.message for d in draft.doubts)


BROKEN = """某局党组关于巡察整改情况的通报
根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。2023年6月1日，市委第一巡察组向某局党组反馈了巡察意见。
一、整改落实情况
（一）“作风建设”方面
1.会议过多，文件过多，一是压减会议数量，二是推行视频会议，三是精简文件。
2.公务用车管理不规范，二是建立派车登记制度，三是每月公示用车情况，对违规用车进行通报批评。
3.督查检查频次过高。
整改情况：一是统筹督查计划。二是合并检查事项。
4.调查研究不深入。
整改情况：一是制定调研计划。二是建立调研成果转化机制。
"""


def test_titles_that_swallowed_their_measures_are_marked_where_they_stand_and_fail_the_import(tmp_path, capsys):
    from zhenggai.cli import main

    source = tmp_path / "broken.txt"
    source.write_text(BROKEN, encoding="utf-8")
    draft = import_notice(source)
    marked = {d.about["title"] for d in draft.structural if isinstance(d.about, dict) and d.key == "title"}
    problems = [p["title"] for p in draft.data["sections"][0]["categories"][0]["problems"]]
    assert marked == {problems[0], problems[1]}
    lines = draft.text.splitlines()
    for title in problems[:2]:
        at = next(i for i, line in enumerate(lines) if line.strip() == f"- title: {title}")
        above = []
        while lines[at - 1 - len(above)].strip().startswith("#"):
            above.append(lines[at - 1 - len(above)].strip())
        assert any(c.startswith("# 请核对: 问题标题中含有“一是”或“整改情况”") for c in above), above
    report = draft.report("broken.yml")
    assert report.startswith("有 2 处结构需要核对")
    assert main(["import", str(source), "--out", str(tmp_path / "broken.yml")]) == 1
    assert "有 2 处结构需要核对" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["runin_under_category", "bare_under_category", "statement_then_status"])
def test_problems_without_a_number_under_a_category_are_read_as_problems_and_marked(name):
    draft = import_notice(SHAPES / f"{name}.txt")
    problems = _problems(draft)
    marked = [d.about for d in draft.doubts if d.code == "import.unnumbered_problem"]
    assert len(marked) == len(problems) and all(any(m is p for m in marked) for p in problems)


def test_a_problem_titled_as_a_category_is_marked(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n"
                                   "（一）党的领导方面\n上级精神传达有时延后。\n整改情况：建立传达学习台账。\n"
                                   "（二）党的建设方面\n支部活动有时临时改期。\n整改情况：开展支部规范化建设。\n")
    titles = [p["title"] for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    marked = {d.about["title"] for d in draft.structural if isinstance(d.about, dict) and "title" in d.about}
    assert all(t in marked for t in titles if t.endswith("方面")), (titles, marked)


def test_a_status_with_its_deadline_after_the_measures_is_the_problems(tmp_path):
    draft = import_notice(SHAPES / "trailing_status.txt")
    problem = draft.data["sections"][0]["categories"][0]["problems"][2]
    assert problem["deadline"] == "计划2024年6月底前完成"
    assert problem["measures"] == [{"text": "制定年度廉政教育计划，组织参观警示教育基地。"}] or \
        problem["measures"] == ["制定年度廉政教育计划，组织参观警示教育基地。"]


def test_groups_by_status_are_not_counted_against_the_declared_categories(tmp_path):
    text = (SHAPES / "statusgroups.txt").read_text(encoding="utf-8").replace("2个方面", "3个方面")
    source = tmp_path / "n.txt"
    source.write_text(text, encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["declared"]["categories"] == 3
    assert [d.at() for d in draft.structural] == []


def test_a_notice_flattened_onto_one_line_is_split_at_its_paragraphs_fields_and_signature():
    data = import_notice(SHAPES / "flat_spaces.txt").data
    assert [s["heading"] for s in data["sections"]] == ["整改工作开展情况", "问题整改落实情况", "下一步工作打算"]
    assert data["sections"][0]["paragraphs"] == ["局党组开会逐项商定了牵头领导和完成时间。"]
    assert data["sections"][2]["paragraphs"] == ["局党组将持续巩固整改成果。"]
    assert data["contact"]["phones"] == ["0771-1234567"]
    assert data["signature"] == {"organisation": "中共某县自然资源局党组", "date": dt.date(2023, 10, 20)}


def test_a_body_read_as_opening_is_a_structural_doubt(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组"
                      "进行了巡察。2023年6月1日反馈了巡察意见。\n■整改工作开展情况\n局党组召开会议研究整改。\n"
                      "■整改落实情况\n关于“会议过多”的问题，已压减会议。\n关于“公车管理不规范”的问题，已建立派车制度。\n",
                      encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["sections"] == []
    assert [d.code for d in draft.structural] == ["import.body_missing"]


def test_the_publication_formula_closing_a_notice_is_not_a_measures_text():
    data = import_notice(SHAPES / "stray_spaces.txt").data
    last = data["sections"][1]["categories"][0]["problems"][-1]["measures"][-1]
    assert last in ("开展岗位练兵活动。", {"text": "开展岗位练兵活动。"})
    assert "现将以上整改进展予以公开，请干部群众予以监督。" in data["sections"][1]["paragraphs"]


@pytest.mark.parametrize(("opening", "code"), [
    ("根据县委统一部署，县委第一巡察组于2023年3月13日至5月12日对县财政局党组开展了巡察，并于2023年6月反馈了巡察意见。",
     "import.feedback_month_only"),
    ("根据县委统一部署，县委第一巡察组于2023年3月13日至5月12日对县财政局党组开展了巡察，6月中旬召开了巡察反馈会。",
     "import.feedback_month_only"),
    ("根据县委统一部署，县委第一巡察组于2023年3月13日至5月12日对县财政局党组开展了巡察，随后反馈了巡察意见。",
     "import.feedback_missing"),
    ("根据区委统一部署，2021年10月至12月，区委第二巡察组对区财政局党组开展了巡察。", "import.period_month_only"),
], ids=["feedback-month", "feedback-mid-month", "feedback-undated", "period-months"])
def test_a_date_the_opening_gives_only_to_the_month_or_not_at_all_is_said(opening, code, tmp_path):
    source = tmp_path / "n.txt"
    source.write_text(f"某局党组关于巡察整改情况的通报\n{opening}现将整改情况予以公布。\n", encoding="utf-8")
    draft = import_notice(source)
    assert code in [d.code for d in draft.doubts]
    assert "feedback" not in draft.data["inspection"] or code == "import.period_month_only"


def test_the_target_written_as_we_is_named_from_the_signature_without_its_party_prefix(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("根据市委统一部署，市委第三巡察组于2023年10月9日至12月8日对我单位开展了常规巡察。\n"
                      "一、整改落实情况\n（一）关于会议过多的问题\n整改情况：压减会议。\n中共某市档案馆党组\n2024年5月10日\n",
                      encoding="utf-8")
    assert import_notice(source).data["inspection"]["target"] == "某市档案馆党组"


def test_a_category_worded_as_a_problem_is_marked():
    draft = import_notice(SHAPES / "guanyu_categories.txt")
    categories = draft.data["sections"][1]["categories"]
    marked = [d.about for d in draft.doubts if d.code == "import.problem_wording_as_category"]
    assert len(marked) == 2 and all(any(m is c for m in marked) for c in categories)
    other = import_notice(SHAPES / "status_forms.txt")
    assert "import.problem_wording_as_category" not in [d.code for d in other.doubts]


MIXED = """某局党组关于巡察整改情况的通报
根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。2023年6月1日，市委第一巡察组向某局党组反馈了巡察意见。
一、整改落实情况
（一）“政治建设”方面
1.理论学习不够深入。
（1）学习计划执行不严格。
整改情况：修订学习制度。
（2）学用结合不够紧密。
整改情况：开展专题调研。
（3）建立学习情况季度通报制度。
2.意识形态阵地管理不严。
（1）清理停更的新媒体账号。
（2）审核把关不严，信息发布存在漏洞。
（3）建立信息发布三级审核制度。
"""


def test_a_line_whose_role_went_with_its_siblings_against_its_wording_is_marked(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text(MIXED, encoding="utf-8")
    draft = import_notice(source)
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [i["title"] for i in problems[0]["items"]][-1] == "建立学习情况季度通报制度"
    marked = {d.line for d in draft.doubts if d.code == "import.role_by_siblings"}
    assert marked == {10, 13}, [d.at() for d in draft.doubts]


def test_unnumbered_problems_of_a_part_keep_their_intro_and_summary_apart():
    section = import_notice(SHAPES / "loose_statements.txt").data["sections"][1]
    assert section["paragraphs"] == ["中心党组对反馈意见照单全收，逐项推进整改。", "截至目前，各项整改任务已按期推进。"]


def test_a_rectification_part_with_status_lines_but_no_problem_read_is_a_structural_doubt(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组"
                      "进行了巡察。2023年6月1日反馈了巡察意见。\n一、整改落实情况\n局党组逐项推进整改。\n"
                      "加强制度建设，规范会议管理。\n整改情况：已压减会议三成。\n", encoding="utf-8")
    draft = import_notice(source)
    assert "import.findings_unread" in [d.code for d in draft.structural]


def test_two_lines_naming_who_is_responsible_are_the_leader_and_the_unit(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组"
                      "进行了巡察。2023年6月1日反馈了巡察意见。\n一、整改落实情况\n1.理论学习不深入。\n责任领导：局党组书记\n"
                      "责任科室：办公室\n整改措施：制定学习计划。\n", encoding="utf-8")
    problem = import_notice(source).data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["leader"], problem["responsible"]) == ("局党组书记", "办公室")


def test_a_lone_first_point_after_its_lead_loses_its_counter(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n根据市委统一部署，2023年3月1日至4月30日，市委第一巡察组对某局党组"
                      "进行了巡察。2023年6月1日反馈了巡察意见。\n一、整改落实情况\n1.理论学习不深入。\n"
                      "整改措施：一是制定学习计划，每月集中学习。\n二是开展专题研讨。\n", encoding="utf-8")
    data = import_notice(source).data
    measures = data["sections"][0]["categories"][0]["problems"][0]["measures"]
    assert [m["text"] if isinstance(m, dict) else m for m in measures] == ["制定学习计划，每月集中学习。", "开展专题研讨。"]


def test_a_status_in_brackets_closing_the_measures_is_not_their_text():
    problems = import_notice(SHAPES / "status_forms.txt").data["sections"][0]["categories"][1]["problems"]
    assert [m if isinstance(m, str) else m.get("text") for m in problems[0]["measures"]] == ["统筹制定年度督查计划，合并检查事项。"]


def test_a_period_given_as_the_day_the_group_came_and_the_day_it_left_is_read(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n根据县委统一部署，县委第二巡察组于2023年10月16日进驻县司法局党组开展巡察，"
                      "巡察至12月8日结束。2024年1月19日，县委第二巡察组向县司法局党组反馈了巡察意见。\n", encoding="utf-8")
    inspection = import_notice(source).data["inspection"]
    assert (str(inspection.get("start")), str(inspection.get("end")), str(inspection["feedback"])) == \
        ("2023-10-16", "2023-12-08", "2024-01-19")


def test_problems_run_together_under_a_category_with_one_shared_paragraph_of_measures_are_marked():
    """（一）…方面 / 一是X。二是Y。三是Z。 / 整改情况：… — each 一是 sentence a problem; the shared
    measures have no place of their own, so they go under the last, and every one of them says so."""
    draft = import_notice(SHAPES / "inline_shared.txt")
    problems = draft.data["sections"][1]["categories"][0]["problems"]
    shared = [d for d in draft.doubts if d.code == "import.shared_measures"]
    assert len(shared) == len(problems) == 3
    assert all(any(d.about is p for d in shared) for p in problems)
    assert draft.text.count("# 请核对: 原文这几个问题共用一段整改情况") == 3
    report = draft.report("x.yml")  # one line for the three places, with how many
    assert report.count("原文这几个问题共用一段整改情况") == 1 and "（共 3 处）" in report


def test_what_was_read_from_the_opening_names_the_line_it_was_read_from():
    draft = import_notice(SHAPES / "runin_shared.txt")
    read = [d for d in draft.doubts if d.code == "import.inspection_read"]
    assert len(read) == 2 and {d.line for d in read} == {2}
    assert "巡察组由开头段落读出（原文第 2 行）" in draft.text


def test_a_status_said_two_ways_keeps_the_first_and_says_what_the_notice_wrote():
    draft = import_notice(SHAPES / "zai_fangmian.txt")
    several = [d for d in draft.doubts if d.code == "import.status_several"]
    assert [d.message for d in several] == ["原文写作“正在推进中，长期坚持”，状态按先写的“正在推进中”填写"]


def test_a_deadline_that_says_when_it_will_be_done_is_no_second_status(tmp_path):
    draft = _import_body(tmp_path, "二、反馈问题整改情况\n（一）“作风建设”方面\n"
                                   "1.会议过多。\n整改情况：压减会议数量。正在推进中，计划8月底前整改完成。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], problem["deadline"]) == ("正在推进中", "计划8月底前整改完成")
    assert not [d for d in draft.doubts if d.code == "import.status_several"]


def test_a_provincial_inspection_is_called_what_it_is_in_the_marks(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某厅党组关于巡视整改进展情况的通报\n根据省委统一部署，2023年3月1日至4月30日，省委第二巡视组对某厅党组进行了巡视。"
                      "2023年6月1日，省委第二巡视组向某厅党组反馈了巡视意见。\n", encoding="utf-8")
    text = import_notice(source).text
    assert "巡视组由开头段落读出" in text and "被巡视党组织由开头段落读出" in text and "巡察组由" not in text


def test_a_saved_pages_editor_line_and_neighbour_links_are_chrome(tmp_path):
    draft = _import_body(tmp_path, "二、反馈问题整改情况\n（一）“作风建设”方面\n"
                                   "1.会议过多。\n整改情况：压减会议数量。已完成。\n中共某局党组\n2023年9月1日\n责任编辑：张三\n"
                                   "上一篇：关于开展安全生产检查的通知\n下一篇：某局2023年工作总结\n")
    assert not draft.unplaced
    assert "张三" not in draft.text and "上一篇" not in draft.text


def test_points_that_hold_an_answer_while_no_problem_was_read_are_a_structural_doubt(tmp_path):
    draft = _import_body(tmp_path, "一、整改工作开展情况\n局党组研究部署整改。\n"
                                   "二、巡察反馈问题整改情况\n一是加强理论武装。整改情况：制定学习计划。已完成。\n"
                                   "二是加强队伍建设。整改情况：选拔年轻干部2名。已完成。\n")
    assert [d.code for d in draft.structural] == ["import.findings_unread"]


def test_an_own_unit_named_as_we_with_no_title_or_signature_is_a_placeholder_to_fill(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("根据区委统一部署，区委第一巡察组于2021年9月13日至11月12日对我局党组进行了巡察，"
                      "并于2022年1月18日反馈了巡察意见。\n", encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["inspection"]["target"] == "【请填写被巡察党组织】"
    missing = [d for d in draft.doubts if d.path == ("inspection", "target")]
    assert [(d.fill, d.line) for d in missing] == [(True, 1)] and "我局党组" in missing[0].message


def test_a_group_named_with_its_round_keeps_the_round(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n2024年4月7日至5月31日，十四届区委第五轮巡察第三巡察组对区卫生健康局党组"
                      "开展了常规巡察，并于2024年8月15日进行了反馈。\n", encoding="utf-8")
    inspection = import_notice(source).data["inspection"]
    assert (inspection["body"], inspection["round"]) == ("十四届区委第五轮巡察第三巡察组", "第五轮")


def test_findings_then_one_measures_line_numbered_again_are_the_problems_measures(tmp_path):
    """1.X。(1)A；(2)B。整改情况： (1)…(2)… — the second (1)(2) are the problem's measures, not item B's."""
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n（一）关于全面从严治党方面\n1.履行监督责任不到位。\n"
                                   "（1）对重点领域监督检查不够；\n（2）廉政谈话流于形式。\n整改情况：\n"
                                   "（1）制定监督检查计划，开展检查6次；\n（2）规范廉政谈话程序。\n"
                                   "2.公车管理不规范。\n整改情况：开展公车使用专项检查。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert [i["title"] for i in problem["items"]] == ["对重点领域监督检查不够", "廉政谈话流于形式"]
    assert not any(i.get("measures") for i in problem["items"])
    assert [m["text"] if isinstance(m, dict) else m for m in problem["measures"]] == \
        ["制定监督检查计划，开展检查6次；", "规范廉政谈话程序。"]


def test_problems_then_one_measures_line_numbered_again_are_marked_as_sharing_them(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n（一）党的建设方面\n1.基层党组织作用发挥不够。\n"
                                   "2.党员教育管理不严格。\n整改情况：\n1.开展支部标准化建设。\n2.组织党员集中培训3期。\n"
                                   "（二）作风建设方面\n1.会议过多。\n整改情况：精简会议。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    shared = [d for d in draft.doubts if d.code == "import.shared_measures"]
    assert [p["title"] for p in problems] == ["基层党组织作用发挥不够", "党员教育管理不严格"]
    assert len(problems[1]["measures"]) == 2
    assert len(shared) == 2 and all(any(d.about is p for d in shared) for p in problems) and {d.line for d in shared} == {7}


def test_text_run_in_after_a_title_before_its_measures_line_is_marked_as_the_problems_details(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n（一）政治建设方面\n"
                                   "1.政治理论学习不够深入。中心组学习以读文件为主，研讨交流不够。\n"
                                   "整改情况：制定学习计划，每季度专题研讨1次，已完成。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    details = [d for d in draft.doubts if d.code == "import.details_as_measure"]
    assert problem["status"] == "已完成" and [d.about for d in details] == [problem]


def test_a_status_closing_the_last_clause_of_the_measures_is_read_and_the_text_kept(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n1.会议过多。\n整改情况：压减会议数量，正在推进中，长期坚持。\n"
                                   "2.公车管理不规范。\n整改情况：截至2023年12月16日，该问题已整改完成。\n")
    first, second = draft.data["sections"][0]["categories"][0]["problems"]
    assert first["status"] == "正在推进中" and second["status"] == "已完成"
    assert [m["text"] if isinstance(m, dict) else m for m in second["measures"]] == ["截至2023年12月16日，该问题已整改完成。"]


def test_dates_written_in_chinese_numerals_are_read_in_the_opening_and_the_signature(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局党组关于巡察整改情况的通报\n二〇二三年三月十三日至五月十二日，县委第二巡察组对县水利局党组进行了巡察，"
                      "二〇二三年七月三日反馈了巡察意见。\n一、整改工作开展情况\n局党组研究部署整改。\n"
                      "中共县水利局党组\n二○二三年十一月二十日\n", encoding="utf-8")
    data = import_notice(source).data
    inspection = data["inspection"]
    assert (str(inspection["start"]), str(inspection["end"]), str(inspection["feedback"])) == \
        ("2023-03-13", "2023-05-12", "2023-07-03")
    assert str(data["signature"]["date"]) == "2023-11-20"
    assert data["opening"][0].startswith("二〇二三年三月十三日")  # the text itself is kept as written


def test_a_month_in_chinese_numerals_alone_is_no_date():
    from zhenggai.importer.frame import arabic_dates

    assert arabic_dates("用三个月时间，于三月份完成，一月内办结") == "用三个月时间，于三月份完成，一月内办结"
    assert arabic_dates("十二月三十一日，二〇二四年一月") == "12月31日，2024年1月"


@pytest.mark.parametrize(("body", "last", "measure", "marked"), [
    ("整改工作开展情况\n局党组召开专题会议研究整改。\n巡察反馈问题整改落实情况\n（一）党的建设方面\n"
     "1.党员教育管理不严格。\n整改情况：组织党员集中培训3期。已完成。\n下一步工作打算\n局党组将持续巩固整改成果。\n",
     "下一步工作打算", "组织党员集中培训3期。", [3, 5, 9]),
    # the next-steps heading just before the contact block, which takes the notice's last line
    ("整改工作开展情况\n局党组召开专题会议研究整改。\n巡察反馈问题整改落实情况\n1.会议过多。\n整改情况：精简会议。已完成。\n"
     "下步打算\n局党组将持续巩固整改成果。欢迎广大干部群众监督。联系电话：0000-1234567。\n",
     "下步打算", "精简会议。", [3, 5, 8]),
])
def test_part_headings_a_plain_copy_left_without_numbers_are_read_as_headings_and_marked(tmp_path, body, last, measure,
                                                                                        marked):
    draft = _import_body(tmp_path, body)
    sections = draft.data["sections"]
    assert [s["heading"] for s in sections] == ["整改工作开展情况", "巡察反馈问题整改落实情况", last]
    problem = next(p for c in sections[1]["categories"] for p in c["problems"])
    assert problem["measures"] == [{"text": measure}]
    assert draft.data["opening"][-1].startswith("根据市委统一部署")  # the headings are not the opening's
    found = [d for d in draft.doubts if d.code == "import.heading_unnumbered"]
    assert [d.line for d in found] == marked and not draft.structural


def test_a_rectification_part_of_prose_with_no_problem_anywhere_is_a_structural_doubt(tmp_path):
    draft = _import_body(tmp_path, "一、整改工作开展情况\n局党组召开会议研究整改。\n二、整改落实情况\n"
                                   "对会议偏多的情况，局党组已压减会议。\n对公车使用中的情况，已建立派车制度。\n")
    assert [d.code for d in draft.structural] == ["import.findings_unread"]


def test_run_in_problems_closed_by_a_comma_are_problems_not_prose(tmp_path):
    draft = _import_body(tmp_path, "一、整改工作开展情况\n局党组召开会议研究整改。\n二、整改落实情况\n"
                                   "关于“会议过多”的问题，已压减会议。\n关于“公车管理不规范”的问题，已建立派车制度。\n")
    assert [p["title"] for p in _problems(draft)] == ["会议过多", "公车管理不规范"]


def test_a_mirror_sites_traditional_characters_keep_the_contact_blocks_inviting_sentence(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("某局黨組關於巡察整改情況的通報\n根據市委統一部署，2023年3月1日至4月30日，市委第一巡察組對某局黨組進行了巡察。"
                      "2023年6月1日反饋了巡察意見。\n一、整改落實情況\n1.會議過多。\n整改情況：壓減會議數量。已完成。\n"
                      "歡迎廣大幹部群眾對巡察整改落實情況進行監督。聯繫電話：0000-1234567。\n", encoding="utf-8")
    contact = import_notice(source).data["contact"]
    assert contact["intro"] == "歡迎廣大幹部群眾對巡察整改落實情況進行監督。" and contact["phones"] == ["0000-1234567"]


def test_a_paragraph_that_ends_the_notice_and_opens_the_contact_block_is_cut_between_them(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.会议过多。\n整改情况：精简会议。已完成。\n二、下一步工作打算\n"
                                   "局党组将持续巩固整改成果。欢迎广大干部群众监督。联系电话：0000-1234567。\n")
    assert draft.data["sections"][1]["paragraphs"] == ["局党组将持续巩固整改成果。"]
    assert draft.data["contact"]["intro"] == "欢迎广大干部群众监督。" and not draft.unplaced


@pytest.mark.parametrize(("body", "statuses"), [
    # run in after the problem, the status the last clause
    ("（一）关于会议过多的问题。精简会议数量，目前已完成整改。\n（二）关于公车管理不规范的问题。建立派车制度，目前正在推进中。\n",
     ["已完成", "正在推进中"]),
    # measures without a lead, the status a sentence of its own at their end
    ("（一）作风建设方面\n1.会议过多。\n针对该问题，精简会议数量。该问题已完成整改。\n"
     "2.调研流于形式。\n针对该问题，制定调研制度。该问题需长期坚持。\n", ["已完成", "阶段性完成并需长期坚持"]),
    # 整改落实： as the measures' lead
    ("（一）作风建设方面\n1.会议过多。\n整改落实：精简会议数量，已完成。\n", ["已完成"]),
    # numbered measures, then the status on a line of its own
    ("（一）针对“会议过多”问题：\n（1）精简会议数量；\n（2）压缩会议时间。\n目前，该问题已整改完成。\n"
     "（二）针对“公车管理不规范”问题：\n（1）建立派车制度；\n（2）开展专项检查。\n目前，该问题正在持续整改。\n",
     ["已完成", "正在推进中"]),
])
def test_a_status_written_as_prose_closing_the_measures_is_the_problems(tmp_path, body, statuses):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n" + body)
    problems = [p for c in draft.data["sections"][0]["categories"] for p in c["problems"]]
    assert [p.get("status") for p in problems] == statuses
    texts = [m["text"] if isinstance(m, dict) else m for p in problems for m in p.get("measures", ())]
    assert not any(t.startswith(("目前，该问题", "该问题", "整改落实")) for t in texts)


def test_measures_numbered_like_the_problems_under_a_bare_lead_are_measures(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n（一）党的建设方面\n1.理论学习制度执行不严格。\n整改措施：\n"
                                   "1.制定年度学习计划；\n2.建立学习考勤制度。\n整改情况：已完成。\n"
                                   "2.基层党组织软弱涣散。\n整改措施：\n1.派驻指导员；\n2.开展支部书记轮训。\n整改情况：正在推进中。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == \
        [("理论学习制度执行不严格", "已完成", 2), ("基层党组织软弱涣散", "正在推进中", 2)]
    assert not [d for d in draft.doubts if d.code == "import.shared_measures"]


def test_sub_findings_closed_by_one_measures_paragraph_are_the_problems_items(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n（一）政治建设方面\n1.民主集中制执行不到位。\n"
                                   "（1）党组会议议题临时动议多；\n（2）个别班子成员发表意见不充分。\n"
                                   "整改情况：修订党组工作规则，规范议题提交。已完成。\n"
                                   "2.公车管理不规范。\n（1）修订公车管理办法；\n（2）开展专项检查。\n整改情况：已完成。\n"
                                   "3.党内政治生活不够严肃。\n（1）组织生活会批评辣味不足；\n（2）主题党日形式单一。\n"
                                   "整改情况：一是召开专题组织生活会；二是制定主题党日计划。该问题已完成整改。\n")
    first, second, third = draft.data["sections"][0]["categories"][0]["problems"]
    assert [i["title"] for i in first["items"]] == ["党组会议议题临时动议多", "个别班子成员发表意见不充分"]
    assert (first["status"], first["measures"]) == ("已完成", [{"text": "修订党组工作规则，规范议题提交。"}])
    # measures closed by a status alone stay measures
    assert "items" not in second and second["status"] == "已完成" and len(second["measures"]) == 2
    # a sub-finding opening with 组织 (a word that usually starts a deed) that says what was wrong
    assert [i["title"] for i in third["items"]] == ["组织生活会批评辣味不足", "主题党日形式单一"]
    assert (third["status"], len(third["measures"])) == ("已完成", 2)
    assert not draft.unplaced


@pytest.mark.parametrize(("opening", "expected"), [
    ("根据县委统一部署，县委第三巡察组于2023.3.1-2023.4.28对县财政局党组进行了常规巡察，2023.6.15向县财政局党组反馈了巡察意见。",
     ("县委第三巡察组", "县财政局党组", "2023-03-01", "2023-04-28", "2023-06-15")),
    ("按照市委巡察工作统一部署，2023/9/4至2023/10/31，市委第五巡察组对市某中心党支部开展了巡察。"
     "2023/12/20，市委第五巡察组向市某中心党支部反馈了巡察意见。",
     ("市委第五巡察组", "市某中心党支部", "2023-09-04", "2023-10-31", "2023-12-20")),
    ("2023年5月8日至6月30日，县某局党组接受了县委第四巡察组的常规巡察。2023年8月18日，县委第四巡察组向县某局党组反馈了巡察意见。",
     ("县委第四巡察组", "县某局党组", "2023-05-08", "2023-06-30", "2023-08-18")),
])
def test_openings_with_numeric_dates_or_the_target_as_subject(tmp_path, opening, expected):
    source = tmp_path / "n.txt"
    source.write_text(opening + "\n", encoding="utf-8")
    inspection = import_notice(source).data["inspection"]
    assert tuple(str(inspection.get(k)) for k in ("body", "target", "start", "end", "feedback")) == expected


def test_this_unit_named_as_ben_danwei_is_resolved_from_the_title(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("中共县某局党组关于巡察整改情况的通报\n根据县委统一安排，县委第二巡察组于2022年4月11日进驻本单位开展巡察，"
                      "至2022年5月27日结束。2022年7月8日，县委第二巡察组向本单位党组反馈了巡察意见。\n", encoding="utf-8")
    assert import_notice(source).data["inspection"]["target"] == "县某局党组"


def test_a_ledgers_written_off_status_is_done(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n1.干部档案审核不细致。\n整改措施：复审干部人事档案。\n"
                                   "整改时限：立行立改\n整改状态：已销号\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], problem["deadline"], problem["measures"]) == ("已完成", "立行立改", [{"text": "复审干部人事档案。"}])


@pytest.mark.parametrize("body", [
    "（一）关于作风建设方面\n第一，会议过多。\n整改情况：精简会议，已完成。\n第二，公车管理不规范。\n整改情况：建立派车制度，已完成。\n",
    "（一）在作风建设方面\n其一，会议过多。\n整改措施：精简会议。已完成。\n其二，公车管理不规范。\n整改措施：建立派车制度。已完成。\n",
    "（一）作风建设方面存在的问题\n1）会议过多。\n整改措施：精简会议。已完成。\n2）公车管理不规范。\n整改措施：建立派车制度。已完成。\n",
    "（一）作风建设方面\n存在问题一：会议过多。\n整改措施：精简会议。整改状态：已完成。\n"
    "存在问题二：公车管理不规范。\n整改措施：建立派车制度。整改状态：已完成。\n",
    "第一方面：作风建设方面\n问题描述：会议过多。\n整改举措：精简会议。\n完成情况：已完成。\n"
    "问题描述：公车管理不规范。\n整改举措：建立派车制度。\n完成情况：已完成。\n",
    "（一）关于作风建设方面\n一是会议过多。\n整改情况：精简会议，已完成。\n二是公车管理松散。\n整改情况：建立派车制度，已完成。\n",
])
def test_problems_labelled_the_less_usual_ways_are_read(tmp_path, body):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n" + body)
    categories = draft.data["sections"][0]["categories"]
    assert [c.get("title") for c in categories] == ["作风建设"]
    problems = categories[0]["problems"]
    assert [p["title"] for p in problems] in (["会议过多", "公车管理不规范"], ["会议过多", "公车管理松散"])
    assert [p.get("status") for p in problems] == ["已完成", "已完成"]
    assert all(len(p["measures"]) == 1 for p in problems)


def test_counts_in_the_headings_of_several_groups_are_not_the_notices_totals(tmp_path):
    draft = _import_body(tmp_path, "一、党的政治建设方面（共2个问题）\n1.学习不深入。\n整改情况：制定学习计划。已完成。\n"
                                   "2.决策部署落实不力。\n整改情况：建立落实台账。已完成。\n"
                                   "二、选人用人方面（共1个问题）\n1.干部梯队建设不合理。\n整改情况：选拔年轻干部3名。正在推进中。\n")
    assert "problems" not in draft.data.get("declared", {})


def test_a_ledger_row_written_on_one_line_gives_measures_deadline_and_status(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n（一）党的建设方面\n"
                                   "1.问题：支部组织生活不规范。措施：制定支部组织生活计划。时限：2024年9月底。状态：已完成。\n"
                                   "2.问题：党员发展工作滞后。措施：建立培养台账。时限：长期坚持。状态：正在推进中。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], p["deadline"], p["measures"]) for p in problems] == [
        ("支部组织生活不规范", "已完成", "2024年9月底", [{"text": "制定支部组织生活计划。"}]),
        ("党员发展工作滞后", "正在推进中", "长期坚持", [{"text": "建立培养台账。"}])]


def test_a_flattened_line_splits_where_a_point_runs_on_after_a_full_stop(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况 （一）党的建设方面 1.支部党员大会召开不规范。整改情况：规范会议流程，已完成。"
                                   "2.党员积分管理未落实。整改情况：制定积分办法，已完成。（二）财务管理方面 1.差旅费报销不规范。"
                                   "整改情况：清退不合规报销款，已完成。\n")
    categories = draft.data["sections"][0]["categories"]
    assert [[p["title"] for p in c["problems"]] for c in categories] == \
        [["支部党员大会召开不规范", "党员积分管理未落实"], ["差旅费报销不规范"]]


def test_a_next_steps_paragraph_after_the_last_problem_is_not_its_measure(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n1.会议过多。\n整改措施：精简会议。\n整改进展：已完成。\n"
                                   "下一步，局党组将持续巩固整改成果。\n")
    section = draft.data["sections"][0]
    assert section["categories"][0]["problems"][0]["measures"] == [{"text": "精简会议。"}]
    assert section["paragraphs"] == ["下一步，局党组将持续巩固整改成果。"]


def test_a_summary_after_problems_set_as_parts_is_a_part_of_its_own(tmp_path):
    draft = _import_body(tmp_path, "一、关于“会议过多”问题的整改情况\n（一）精简会议数量。\n（二）压缩会议时间。\n该问题已完成整改。\n"
                                   "下一步，局党组将持续巩固整改成果。\n")
    sections = draft.data["sections"]
    problem = sections[0]["categories"][0]["problems"][0]
    assert (problem["status"], len(problem["measures"])) == ("已完成", 2)
    assert sections[-1] == {"heading": None, "paragraphs": ["下一步，局党组将持续巩固整改成果。"]}
    assert any(d.code == "import.closing_moved" for d in draft.doubts)


@pytest.mark.parametrize(("lines", "status", "measures"), [
    ("整改情况：阶段性完成，需长期坚持。", "阶段性完成并需长期坚持", []),
    # a deed with 已完成 in it is text, not a status to cut away
    ("整改进展：已完成5所卫生院改造，其余基本完成，将持续推进。", None, ["已完成5所卫生院改造，其余基本完成，将持续推进。"]),
    ("整改措施：一是建立台账。二是建立月调度机制。该问题正在推进中，将长期坚持。", "正在推进中", ["建立台账。", "建立月调度机制。"]),
])
def test_statuses_said_with_a_comma_and_deeds_that_mention_one(tmp_path, lines, status, measures):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n1.会议过多。\n" + lines + "\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert problem.get("status") == status
    assert [m["text"] if isinstance(m, dict) else m for m in problem.get("measures", ())] == measures


def test_a_postcode_in_brackets_after_the_address_is_the_postcode_not_part_of_the_address(tmp_path):
    draft = _import_body(tmp_path, "二、整改落实情况\n1.会议过多。\n整改情况：精简会议。已完成。\n"
                                   "欢迎广大干部群众监督。联系电话：0000-1234567；通信地址：某县人民路1号（邮编000000）。\n")
    contact = draft.data["contact"]
    assert (contact["address"], contact["postcode"]) == ("某县人民路1号", "000000")


def test_a_deadline_sentence_after_the_status_is_the_deadline_not_a_measure(tmp_path):
    draft = _import_body(tmp_path, "二、巡察反馈问题整改情况\n1.会议过多。\n整改措施：精简会议。\n"
                                   "整改进展：正在推进中。计划2024年12月底前完成。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], problem["deadline"], problem["measures"]) == \
        ("正在推进中", "计划2024年12月底前完成", [{"text": "精简会议。"}])


@pytest.mark.parametrize(("opening", "expected"), [
    # the start to the month only: the end is still read, and the feedback in the next year
    ("根据县委统一部署，2023年11月中旬至12月28日，县委第一巡察组对县某局党组进行了巡察，3月5日反馈了巡察意见。",
     ("县某局党组", "None", "2023-12-28", "2024-03-05")),
    # the year said once, before the dates
    ("2022年，根据县委统一部署，县委第一巡察组于4月11日至5月27日对县某局党组进行了巡察，7月8日反馈了巡察意见。",
     ("县某局党组", "2022-04-11", "2022-05-27", "2022-07-08")),
    # 元月 for January
    ("根据县委统一部署，2023年10月9日至12月8日，县委第一巡察组对县某局党组进行了巡察，次年元月9日反馈了巡察意见。",
     ("县某局党组", "2023-10-09", "2023-12-08", "2024-01-09")),
    # the target on a labelled line
    ("根据县委统一部署，县委第一巡察组开展了巡察。巡察对象：县某局党组。巡察时间：2023年3月1日至4月28日。"
     "2023年6月2日反馈了巡察意见。", ("县某局党组", "2023-03-01", "2023-04-28", "2023-06-02")),
])
def test_openings_with_vague_starts_a_year_said_once_january_as_yuanyue_or_a_labelled_target(tmp_path, opening, expected):
    source = tmp_path / "n.txt"
    source.write_text(opening + "\n", encoding="utf-8")
    inspection = import_notice(source).data["inspection"]
    assert tuple(str(inspection.get(k)) for k in ("target", "start", "end", "feedback")) == expected


def test_a_title_broken_inside_its_quotes_is_joined_and_marked_at_its_line():
    draft = import_notice(SHAPES / "broken_title.txt")
    assert [(d.code, d.line) for d in draft.doubts if d.code == "import.line_joined"] == [
        ("import.line_joined", 4), ("import.line_joined", 7)]
    assert "第 4 行和第 5 行" in draft.text


def test_a_status_with_its_completion_date_says_the_date_has_no_place():
    draft = import_notice(SHAPES / "closing_states.txt")
    dated = [d for d in draft.doubts if d.code == "import.status_dated"]
    assert [d.line for d in dated] == [8] and "2024年9月" in dated[0].message


def test_a_problem_and_its_measures_on_one_line_after_a_comma_are_read_apart(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.公务用车管理不规范，整改情况：已完成，建立派车登记制度，每月公示用车情况。\n"
                                   "2.巡察反馈的“会议过多”问题，整改情况如下：一是压减会议数量；二是推行视频会议。已完成整改。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == [
        ("公务用车管理不规范", "已完成", 1), ("会议过多", "已完成", 2)]
    assert draft.structural == []


@pytest.mark.parametrize("body", [
    "一、整改落实情况\n【问题1】财政票据管理不规范\n整改措施：建立票据领用登记制度。\n整改进展：已完成。\n"
    "【问题2】政府采购程序执行不严\n整改措施：修订采购内控办法。\n整改进展：已完成。\n",
    "一、具体问题整改情况\n第一个问题：财政票据管理不规范。\n整改情况：建立票据领用登记制度。已完成。\n"
    "第二个问题：政府采购程序执行不严。\n整改情况：修订采购内控办法。已完成。\n",
    "一、反馈问题整改情况\n（一）巡察反馈问题：财政票据管理不规范。\n整改措施：建立票据领用登记制度。\n整改结果：已完成。\n"
    "（二）巡察反馈问题：政府采购程序执行不严。\n整改措施：修订采购内控办法。\n整改结果：已完成。\n",
    "一、整改落实情况\n（一）关于巡察指出财政票据管理不规范的问题\n整改情况：建立票据领用登记制度。已完成。\n"
    "（二）关于巡察指出政府采购程序执行不严的问题\n整改情况：修订采购内控办法。已完成。\n",
])
def test_problem_labels_and_wrappers_stay_out_of_the_titles(body, tmp_path):
    draft = _import_body(tmp_path, body)
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == [
        ("财政票据管理不规范", "已完成", 1), ("政府采购程序执行不严", "已完成", 1)]
    assert "problems" not in draft.data.get("declared", {})  # 第二个问题 is a label, not a total


def test_a_goal_line_kept_as_a_measure_is_marked(tmp_path):
    draft = _import_body(tmp_path, "一、反馈问题整改情况\n（一）巡察反馈问题：应急物资储备不足。\n整改目标：储备达到规定标准。\n"
                                   "整改措施：采购补充应急物资。\n整改结果：已完成。\n")
    assert [d.code for d in draft.doubts if d.code == "import.goal_as_measure"] == ["import.goal_as_measure"]


@pytest.mark.parametrize("body", [
    "一．关于“财政票据管理不规范”问题的整改情况\n（一）建立票据领用登记制度。（二）开展票据专项清查。整改状态：已完成。\n"
    "二．关于“政府采购程序执行不严”问题的整改情况\n（一）修订采购内控办法。（二）组织采购业务培训。整改状态：已完成。\n",
    "一、整改落实情况\n★ 关于“财政票据管理不规范”的问题\n一是建立票据领用登记制度；二是开展票据专项清查。整改状态：已完成。\n"
    "★ 关于“政府采购程序执行不严”的问题\n一是修订采购内控办法；二是组织采购业务培训。整改状态：已完成。\n",
    "一、整改落实情况 ★关于“财政票据管理不规范”的问题 一是建立票据领用登记制度；二是开展票据专项清查。已完成。"
    " ★关于“政府采购程序执行不严”的问题 一是修订采购内控办法；二是组织采购业务培训。已完成。\n",
])
def test_bullets_dotted_part_numbers_and_points_run_on_after_full_stops(body, tmp_path):
    draft = _import_body(tmp_path, body)
    problems = _problems(draft)
    assert [(p["title"], p["status"], [(m if isinstance(m, str) else m.get("text")).rstrip("；。") + "。"
                                       for m in p["measures"]]) for p in problems] == [
        ("财政票据管理不规范", "已完成", ["建立票据领用登记制度。", "开展票据专项清查。"]),
        ("政府采购程序执行不严", "已完成", ["修订采购内控办法。", "组织采购业务培训。"])]


@pytest.mark.parametrize("body", [
    "一、问题整改情况\n财政票据管理不规范\n局党组建立票据领用登记制度，开展票据专项清查。已完成整改。\n"
    "政府采购程序执行不严\n局党组修订采购内控办法，组织采购业务培训。已完成整改。\n",
    "一、问题整改情况\n针对巡察指出的财政票据管理不规范问题，局党组建立票据领用登记制度，开展票据专项清查。已完成整改。\n"
    "针对巡察指出的政府采购程序执行不严问题，局党组修订采购内控办法，组织采购业务培训。已完成整改。\n",
])
def test_unlabelled_problems_answered_in_a_paragraph_that_closes_with_a_status(body, tmp_path):
    draft = _import_body(tmp_path, body)
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == [
        ("财政票据管理不规范", "已完成", 1), ("政府采购程序执行不严", "已完成", 1)]
    assert [d.code for d in draft.doubts if d.code == "import.unnumbered_problem"] == ["import.unnumbered_problem"] * 2


def test_a_finding_written_as_x_de_wenti_without_quotes_keeps_the_wrapper_in_the_scheme(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.财政票据管理不规范的问题。\n整改情况：建立票据领用登记制度。已完成。\n"
                                   "2.政府采购程序执行不严的问题。\n整改情况：修订采购内控办法。已完成。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [p["title"] for p in problems] == ["财政票据管理不规范", "政府采购程序执行不严"]
    assert draft.data["numbering"]["problems"]["heading"] == "{title}的问题"


def test_points_that_recover_money_or_act_on_an_object_are_measures(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“审计指出问题整改不彻底”的问题\n整改进展：基本完成。\n"
                                   "（1）对审计报告指出的问题逐项制定整改方案。\n（2）追回违规发放的补贴2.4万元，对责任人进行提醒谈话。\n"
                                   "（3）健全审计整改跟踪督办机制。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], len(problem["measures"]), problem.get("items")) == ("基本完成", 3, None)


@pytest.mark.parametrize(("body", "expected"), [
    ("一、关于巡察反馈问题的整改情况\n（一）关于票据管理不规范的问题\n1.建立票据领用登记制度。\n目前，该问题已完成整改。\n"
     "（二）关于采购程序执行不严的问题\n2.修订采购内控办法。\n目前，该问题已完成整改。\n",
     [("票据管理不规范", "已完成", 1), ("采购程序执行不严", "已完成", 1)]),
    ("一、关于“票据管理不规范”问题的整改情况\n（一）建立登记制度。对票据领用逐笔登记。\n（二）开展专项清查。\n整改进展：已完成。\n"
     "二、关于“采购程序执行不严”问题的整改情况\n（一）修订内控办法。对采购流程重新梳理。\n整改进展：已完成。\n",
     [("票据管理不规范", "已完成", 2), ("采购程序执行不严", "已完成", 1)]),
    ("一、巡察反馈问题整改情况\n1.【已完成】关于“票据管理不规范”的问题\n整改措施：一是建立登记制度。二是开展专项清查。\n"
     "【正在推进】2.关于“采购程序执行不严”的问题\n整改措施：一是修订内控办法。二是组织业务培训。\n",
     [("票据管理不规范", "已完成", 2), ("采购程序执行不严", "正在推进中", 2)]),
    ("一、巡察反馈问题整改情况\n（一）关于“票据管理不规范”的问题\n整改情况：一是建立登记制度。二是开展专项清查。\n该问题已整改完毕。\n"
     "（二）关于“采购程序执行不严”的问题\n整改情况：一是修订内控办法。二是组织业务培训。\n目前仍在持续推进中，计划2025年底前完成。\n",
     [("票据管理不规范", "已完成", 2), ("采购程序执行不严", "正在推进中", 2)]),
])
def test_parts_tags_and_status_words_more_notices_use(body, expected, tmp_path):
    draft = _import_body(tmp_path, body)
    problems = _problems(draft)
    assert [(p["title"], p.get("status"), len(p.get("measures", ()))) for p in problems] == expected
    assert not any("items" in p for p in problems)


def test_fields_a_ledger_row_adds_are_read_or_marked(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n（一）关于“票据管理不规范”的问题\n整改责任人：财务科科长\n"
                                   "原因分析：日常监管不到位。\n整改措施：一是建立登记制度。二是开展专项清查。\n整改进度：已完成。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["leader"], problem["status"]) == ("财务科科长", "已完成")
    assert [d.message[:6] for d in draft.doubts if d.code == "import.goal_as_measure"] == ["“原因分析”"]


def test_a_deadline_line_that_also_gives_the_status_after_labelled_measures(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n（一）关于“票据管理不规范”的问题\n①建立登记制度。\n②开展专项清查。\n"
                                   "整改时限：立行立改，已完成。\n（二）关于“采购程序执行不严”的问题\n①修订内控办法。\n"
                                   "整改时限：2025年6月底前，正在推进中。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["status"], p["deadline"], len(p["measures"])) for p in problems] == [
        ("已完成", "立行立改", 2), ("正在推进中", "2025年6月底前", 1)]


def test_half_width_quotes_and_stops_and_titles_that_start_with_a_count(tmp_path):
    draft = _import_body(tmp_path, '一、巡察反馈问题整改情况\n(一)關於"票據管理不規範"的問題\n整改情況:一是建立登記制度.二是開展專項清查.已完成.\n'
                                   "(二)关于“12个项目未按期验收”的问题\n整改情况：一是逐个制定验收计划。二是每月调度。已完成。\n"
                                   "二、其他问题整改情况\n1.12个项目资料归档不全。\n整改情况：补齐归档资料。已完成。\n")
    titles = [(p["title"], p["status"], len(p["measures"]))
              for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert titles == [("票據管理不規範", "已完成", 2), ("12个项目未按期验收", "已完成", 2), ("12个项目资料归档不全", "已完成", 1)]


def test_a_pages_top_bar_and_its_related_articles_stay_out_of_the_title_contact_and_signature(tmp_path):
    source = tmp_path / "page.txt"
    source.write_text("欢迎访问某县人民医院网站无障碍浏览 长者模式 设为首页\n" + HEAD.replace("某局党组关于巡察整改情况的通报\n", "中共某局党组关于巡察整改情况的通报\n")
                      + "一、巡察反馈问题整改情况\n1.关于“票据管理不规范”的问题\n主要措施：一是建立登记制度；二是开展专项清查。\n"
                      "整改进展：正在推进中，计划2025年10月底前全面完成。\n"
                      "欢迎社会各界进行监督。\n电话：0731-8223165\n邮箱：jiandu@example.gov.cn\n中共某局党组\n2024年12月3日\n"
                      "【打印本页】【关闭窗口】 分享到：微信 微博\n相关文章\n我局召开巡察整改推进会2024-09-12\n"
                      "我局开展专项整治2024-08-30\n市委巡察组进驻我局2024-04-09\n", encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["title"] == "中共某局党组关于巡察整改情况的通报"
    assert draft.data["contact"]["phones"] == ["0731-8223165"] and draft.data["signature"]["organisation"] == "中共某局党组"
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], problem["deadline"], len(problem["measures"])) == (
        "正在推进中", "计划2025年10月底前全面完成", 2)


def test_a_ledger_with_a_responsible_division_column(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于“票据管理不规范”的问题\n整改措施：一是建立登记制度。二是开展专项清查。\n"
                                   "责任处室：财务处\n目前，该问题已基本完成整改。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["responsible"], problem["status"], len(problem["measures"])) == ("财务处", "基本完成", 2)


def test_one_detail_announced_after_the_title_and_a_status_with_a_remark(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.党建与业务融合不够。主要表现：\n（1）支部设置与业务科室不匹配。\n"
                                   "整改措施：一是调整支部设置；二是将党建成效纳入科室考核。\n整改结果：基本完成，剩余少量扫尾工作。\n"
                                   "2.票据管理不规范。\n整改措施：\n1.建立登记制度。\n2.开展票据隐患排查。\n整改进展：正在推进中，按计划有序落实。\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], len(p["measures"]), [i["title"] for i in p.get("items", ())]) for p in problems] == [
        ("党建与业务融合不够", "基本完成", 2, ["支部设置与业务科室不匹配"]), ("票据管理不规范", "正在推进中", 2, [])]


def test_an_address_run_into_the_contact_sentence_and_a_phone_typed_with_spaces(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于“会议过多”的问题\n整改情况：压减会议数量。已完成。\n"
                                   "欢迎广大干部群众进行监督。联系电话：0795 - 7261 338；电子邮箱：jd@example.gov.cn；"
                                   "来信请寄：某县人民路128号县财政局办公室\n中共某局党组\n2024年3月1日\n")
    contact = draft.data["contact"]
    assert (contact["phones"], contact["address"], contact["address_label"]) == (
        ["0795-7261338"], "某县人民路128号县财政局办公室", "来信地址")


def test_phones_written_with_other_dashes_brackets_or_spaces_keep_their_area_code(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改情况：压减会议。已完成。\n"
                                   "欢迎监督。联系电话：0731－8845 6621；举报电话：（0818）5612012、0557 6012345、13905571234；"
                                   "电子邮箱：jd@example.gov.cn\n中共某局党组\n2024年8月1日\n")
    contact = draft.data["contact"]
    assert contact["intro"] == "欢迎监督。"
    assert contact["phones"] == ["0731-88456621", {"number": "0818-5612012", "label": "举报电话"}, "0557-6012345",
                                 "13905571234"]


def test_two_fields_on_one_line_and_a_status_after_a_deadline_are_all_read(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改措施：压减会议数量。\n"
                                   "责任单位：县委办　　完成时限：2025年12月31日前\n"
                                   "2.关于“文件过多”的问题\n整改落实情况：一是精简文件。二是推行电子公文。完成时限：年内。目前正在推进中。\n")
    first, second = draft.data["sections"][0]["categories"][0]["problems"]
    assert (first["responsible"], first["deadline"]) == ("县委办", "2025年12月31日前")
    assert (second["deadline"], second["status"], len(second["measures"])) == ("年内", "正在推进中", 2)


@pytest.mark.parametrize("label", ["【{cn}】", "{cn}）", "【问题{cn}】", "问题清单第{n}项："])
def test_more_problem_labels_stay_out_of_the_titles(label, tmp_path):
    def lab(n):
        return label.format(cn="一二"[n - 1], n=n)
    draft = _import_body(tmp_path, f"一、巡察反馈问题整改情况\n{lab(1)}票据管理不规范。\n整改措施：一是建立登记制度。二是开展专项清查。\n"
                                   f"整改进展：已完成。\n{lab(2)}采购程序执行不严。\n整改措施：一是修订内控办法。二是组织业务培训。\n"
                                   "整改进展：正在推进中。\n")
    problems = _problems(draft)
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == [
        ("票据管理不规范", "已完成", 2), ("采购程序执行不严", "正在推进中", 2)]


def test_three_levels_of_fields_areas_and_findings(tmp_path):
    draft = _import_body(tmp_path, "一、党的建设方面\n（一）基层组织建设\n1.支部活动不规范。一是制定活动清单。二是每季度检查。已完成。\n"
                                   "（二）党员教育管理\n1.党员培训覆盖不全。一是分批轮训。二是建立培训台账。正在推进中。\n"
                                   "二、全面从严治党方面\n（一）落实中央八项规定精神\n1.违规发放津补贴。一是清退违规资金。二是对责任人批评教育。已完成。\n")
    parts = [(s["heading"], [(c["title"], [(p["title"], p["status"]) for p in c["problems"]]) for c in s["categories"]])
             for s in draft.data["sections"]]
    assert parts == [
        ("党的建设方面", [("基层组织建设", [("支部活动不规范", "已完成")]), ("党员教育管理", [("党员培训覆盖不全", "正在推进中")])]),
        ("全面从严治党方面", [("落实中央八项规定精神", [("违规发放津补贴", "已完成")])])]


def test_two_levels_of_fields_and_findings_with_status_lines_are_not_taken_for_three(tmp_path):
    draft = _import_body(tmp_path, "一、党的政治建设方面\n（一）重要指示批示精神传达不够及时。\n1.建立传达学习台账。\n"
                                   "2.每月汇总学习内容报党组书记审定。\n整改进展：已完成。\n（二）政治监督作用发挥不充分。\n"
                                   "1.派驻纪检组列席党组会议。\n2.每季度形成政治生态分析报告。\n整改进展：已完成。\n")
    categories = [c for s in draft.data["sections"] for c in s.get("categories", ())]
    assert [(c.get("title"), [(p["title"], p["status"], len(p["measures"])) for p in c["problems"]]) for c in categories] == [
        ("党的政治建设", [("重要指示批示精神传达不够及时", "已完成", 2), ("政治监督作用发挥不充分", "已完成", 2)])]


def test_a_pages_chrome_title_and_opening_flattened_onto_one_line(tmp_path):
    source = tmp_path / "flat.txt"
    source.write_text("首页 > 党务公开 > 巡察整改 发布时间：2022-11-08 来源：县妇联 字号：[大 中 小] "
                      "县妇女联合会党组关于巡察整改情况的通报 根据县委统一部署，2022年5月16日至7月1日，县委第一巡察组对县妇女联合会党组"
                      "进行了巡察，8月26日反馈了巡察意见。\n", encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["title"] == "县妇女联合会党组关于巡察整改情况的通报"
    assert {k: str(v) for k, v in draft.data["inspection"].items()} == {
        "body": "县委第一巡察组", "target": "县妇女联合会党组", "start": "2022-05-16", "end": "2022-07-01", "feedback": "2022-08-26"}


@pytest.mark.parametrize("body", [
    "一、巡察反馈问题整改情况\n（一）关于“票据管理不规范”的问题\n整改措施：一是对2021年以来领用的票据开展核查，涉及单位26个、票据\n"
    "4,230份。二是建立登记制度。\n整改进展：已完成。\n— 3 —\n（二）关于“采购程序执行不严”的问题\n"
    "整改措施：一是修订内控办法。二是组织业务培训。\n整改进展：已完成整改并建立长效机制。\n",
    "一、反馈问题整改落实情况\n第一类：财务管理方面\n1.票据管理不规范。具体措施：(1)核查领用票据。(2)建立登记制度。整改进展：已完成。\n"
    "第二类：采购管理方面\n1.采购程序执行不严。具体措施：(1)修订内控办法。(2)组织业务培训。整改进展：已完成。\n",
    "一、巡察反馈问题整改情况\n问题1 票据管理不规范\n整改措施\n一是核查领用票据。二是建立登记制度。\n整改时限：2024年Q2\n"
    "整改状态：已完成\n问题2 采购程序执行不严\n整改措施\n一是修订内控办法。二是组织业务培训。\n整改时限：2024年Q4\n整改状态：已完成\n",
])
def test_copy_noise_categories_by_class_and_field_headings_without_colons(body, tmp_path):
    draft = _import_body(tmp_path, body)
    problems = _problems(draft)
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == [
        ("票据管理不规范", "已完成", 2), ("采购程序执行不严", "已完成", 2)]
    assert not draft.unplaced and "— 3 —" not in draft.text


def test_a_sum_up_after_the_last_problem_and_a_law_cited_in_the_opening(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("中共某院党组关于巡察整改进展情况的通报\n根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对某院党组进行了巡察，"
                      "6月1日反馈了巡察意见。根据《中国共产党巡视工作条例》有关规定，现将整改进展情况予以公布。\n一、巡察反馈问题整改情况\n"
                      "1.针对“经费管理不规范”的问题。一是修订报销审批流程；二是清理不规范凭证。该问题已阶段性完成，需长期坚持。\n"
                      "经过集中整改，巡察反馈的8个问题中，已完成整改6个，基本完成1个，阶段性完成并需长期坚持1个，共制定整改措施19条。\n",
                      encoding="utf-8")
    draft = import_notice(source)
    assert draft.data["kind"] == "巡察整改进展情况通报"
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], len(problem["measures"])) == ("阶段性完成并需长期坚持", 2)
    assert draft.data["declared"]["measures"] == 19


def test_a_catalogue_whose_labels_are_spaced_to_a_width(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><table><tr><td>索　引　号：</td><td>11370200MB0C12345X/2024-00218</td>"
                    "<td>发 布 机 构：</td><td>某市某局</td></tr></table><p>中共某市某局党组关于巡察整改情况的通报</p>"
                    "<p>根据市委统一部署，2024年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。</p></body></html>",
                    encoding="utf-8")
    metadata = import_notice(path).data["metadata"]
    assert (metadata["index_no"], metadata["publisher"]) == ("11370200MB0C12345X/2024-00218", "某市某局")


def test_a_part_on_the_leads_handed_over_is_no_finding_and_says_so(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n（一）关于作风建设方面的问题\n1.会议过多。整改情况：压减会议。已完成。\n"
                                   "（二）关于巡察移交问题线索的办理情况\n巡察组移交问题线索2件，已全部转交纪检监察组办理。\n"
                                   "（三）关于财务管理方面的问题\n1.票据管理不规范。整改情况：建立登记制度。已完成。\n")
    section = draft.data["sections"][0]
    assert [p["title"] for c in section["categories"] for p in c["problems"]] == ["会议过多", "票据管理不规范"]
    assert section["points"][0]["text"] == "关于巡察移交问题线索的办理情况"
    assert any("问题线索" in d.message for d in draft.doubts if d.code == "import.clue_part")


def test_ledger_rows_typed_as_text_with_bars(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改台账\n"
                                   "序号1 | 问题描述：票据管理不规范 | 整改措施：建立登记制度 | 完成时限：2024年3月 | 完成情况：已完成\n"
                                   "序号2 | 问题描述：采购程序执行不严 | 整改措施：修订内控办法 | 完成时限：2024年9月 | 完成情况：正在推进中\n")
    problems = draft.data["sections"][0]["categories"][0]["problems"]
    assert [(p["title"], p["status"], p["deadline"], len(p["measures"])) for p in problems] == [
        ("票据管理不规范", "已完成", "2024年3月", 1), ("采购程序执行不严", "正在推进中", "2024年9月", 1)]
    assert not draft.unplaced


@pytest.mark.parametrize(("lead", "status_line", "status"), [
    ("整改措施：", "整改完成情况：已完成。", "已完成"),
    ("整改措施：", "进展：正在推进中。", "正在推进中"),
    ("整改措施：", "目前状态：已完成。", "已完成"),
    ("具体整改措施如下：", "整改进展：已于2024年3月完成。", "已完成"),
    ("整改措施：", "责任科室：财务科；完成时限：2024年6月底；目前进展：已完成。", "已完成"),
])
def test_status_lines_other_units_write(lead, status_line, status, tmp_path):
    draft = _import_body(tmp_path, f"一、巡察反馈问题整改情况\n1.关于“票据管理不规范”的问题\n{lead}\n（1）建立登记制度。\n"
                                   f"（2）开展专项清查。\n{status_line}\n2.12345热线工单办理不及时【已完成】\n整改措施：建立工单回访制度。\n")
    first, second = draft.data["sections"][0]["categories"][0]["problems"]
    assert (first["title"], first.get("status"), len(first["measures"])) == ("票据管理不规范", status, 2)
    assert (second["title"], second.get("status")) == ("12345热线工单办理不及时", "已完成")


def test_unlabelled_wrapped_problems_under_field_parts_and_the_closing_after_them(tmp_path):
    draft = _import_body(tmp_path, "一、政治建设方面\n针对“票据管理不规范”的问题。一是建立登记制度；二是开展专项清查。\n"
                                   "二、执法办案方面\n针对“采购程序执行不严”的问题。一是修订内控办法；二是组织业务培训。\n"
                                   "经过集中整改，巡察反馈的2个问题已全部整改完成。\n下一步，局党组将持续巩固整改成果。\n"
                                   "局党组将进一步压实主体责任。\n")
    problems = _problems(draft)
    assert [(p["title"], len(p["measures"])) for p in problems] == [("票据管理不规范", 2), ("采购程序执行不严", 2)]


def test_an_opening_under_a_first_part_on_the_inspection_and_findings_restated_by_the_group(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text("中共某局党组关于巡察整改情况的通报\n一、巡察基本情况\n根据区委统一部署，2024年4月8日至5月31日，区委第二巡察组"
                      "对区某局党组开展了常规巡察。2024年7月3日，区委第二巡察组向区某局党组反馈了巡察意见。\n二、整改落实情况\n"
                      "（一）关于贯彻落实党的路线方针政策方面\n巡察组指出，落实耕地保护责任不够有力。对此，一是开展专项排查；二是落实田长制。"
                      "该问题已完成整改。\n巡察组指出，衔接资金项目推进缓慢。对此，一是建立周调度机制；二是约谈实施单位。该问题正在整改中。\n",
                      encoding="utf-8")
    draft = import_notice(source)
    assert (draft.data["kind"], draft.data["inspection"]["body"], draft.data["inspection"]["target"]) == (
        "巡察整改情况通报", "区委第二巡察组", "区某局党组")
    problems = _problems(draft)
    assert [(p["title"], p["status"], len(p["measures"])) for p in problems] == [
        ("落实耕地保护责任不够有力", "已完成", 2), ("衔接资金项目推进缓慢", "正在推进中", 2)]


def test_a_plan_class_closing_a_title_is_its_deadline(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.公车管理不规范（立行立改）\n整改措施：建立派车登记制度。\n整改进展：已完成。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["title"], problem["deadline"], problem["status"]) == ("公车管理不规范", "立行立改", "已完成")


def test_words_a_rule_left_out_of_the_draft_are_said_with_their_line():
    from zhenggai.importer import _words_left_out
    from zhenggai.importer.lines import prepare
    from zhenggai.importer.sources import Line

    prepared = prepare([Line(1, "1.关于“会议过多”的问题"), Line(2, "整改措施：一是压减会议数量；二是推行视频会议。目前正在推进中。")])
    draft = "problems:\n  - title: 会议过多\n    status: 正在推进中\n    measures:\n      - 压减会议数量；\n"
    doubts = _words_left_out(prepared, {1, 2}, draft)
    assert [(d.line, d.code) for d in doubts] == [(2, "import.words_left_out")] and "推行视频会议" in doubts[0].message


def test_a_status_of_progress_made_and_a_responsible_office_after_the_measures(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于“票据管理不规范”的问题\n整改措施：\n（1）建立登记制度。\n"
                                   "（2）开展专项清查。\n责任股室：财务股\n目前，该问题已取得阶段性成效，需长期坚持。\n")
    problem = draft.data["sections"][0]["categories"][0]["problems"][0]
    assert (problem["status"], problem["responsible"], len(problem["measures"])) == ("阶段性完成并需长期坚持", "财务股", 2)


@pytest.mark.parametrize("body", [
    "第一方面问题：财务管理\n（一）票据管理不规范\n一是建立登记制度。二是开展专项清查。\n整改进度：已完成。\n"
    "第二方面问题：采购管理\n（二）采购程序执行不严\n一是修订内控办法。二是组织业务培训。\n整改进度：已完成。\n",
    "（一）已整改完成的问题\n1.票据管理不规范。整改情况：建立登记制度，开展专项清查。\n"
    "2.采购程序执行不严。整改情况：修订内控办法，组织业务培训。\n",
    "一、巡察反馈问题整改情况 （一）关于“票据管理不规范”的问题。整改措施：一是建立登记制度。二是开展专项清查。整改进展：已完成。"
    "（二）关于“采购程序执行不严”的问题。整改措施：一是修订内控办法。二是组织业务培训。整改进展：已完成。\n",
])
def test_field_headings_status_groups_and_run_on_problems_at_the_top(body, tmp_path):
    draft = _import_body(tmp_path, body)
    problems = _problems(draft)
    assert [(p["title"], p.get("status")) for p in problems] == [("票据管理不规范", "已完成"), ("采购程序执行不严", "已完成")]


def test_problems_numbered_1_1_under_their_category_1(tmp_path):
    draft = _import_body(tmp_path, "一、整改工作开展情况\n局党组召开专题会议部署整改。\n二、反馈问题整改落实情况\n"
                                   "1.理论学习不够深入\n1.1学习制度执行不严格。\n整改情况：制定学习计划。已完成整改。\n"
                                   "1.2读书班流于形式。\n整改情况：一是改进研讨方式。二是开展学习测试。正在推进中。\n"
                                   "2.财务管理不规范\n2.1 公务用车管理不严。\n整改情况：修订车辆管理办法。已完成整改。\n")
    categories = draft.data["sections"][1]["categories"]
    assert [c["title"] for c in categories] == ["理论学习不够深入", "财务管理不规范"]
    assert [[(p["title"], p.get("status"), len(p.get("measures", []))) for p in c["problems"]] for c in categories] == [
        [("学习制度执行不严格", "已完成", 1), ("读书班流于形式", "正在推进中", 2)], [("公务用车管理不严", "已完成", 1)]]
    assert draft.data["numbering"]["problems"]["label"] == "{p}.{n}"


def test_three_part_numbers_1_1_1_are_a_level_below_1_1(tmp_path):
    draft = _import_body(tmp_path, "一、反馈问题整改落实情况\n1.理论学习不够深入\n1.1学习制度执行不严格。\n"
                                   "1.1.1 制定学习计划。\n1.1.2 严格学习考勤。\n整改进展：已完成。\n"
                                   "1.2读书班流于形式。\n1.2.1 改进研讨方式。\n整改进展：正在推进中。\n")
    [category] = draft.data["sections"][0]["categories"]
    assert [(p["title"], p.get("status"), [m["text"] for m in p["measures"]]) for p in category["problems"]] == [
        ("学习制度执行不严格", "已完成", ["制定学习计划。", "严格学习考勤。"]),
        ("读书班流于形式", "正在推进中", ["改进研讨方式。"])]
    assert "label" not in draft.data["numbering"].get("measures", {})  # no template for 1.1.1: the usual labels


def test_totals_counted_in_levels_and_a_count_not_done_are_marked_in_the_draft(tmp_path):
    draft = _import_body(tmp_path, "一、整改工作开展情况\n巡察组指出的2个方面存在的5项11个具体问题，已完成整改9个，未完成2个。\n"
                                   "二、下一步工作打算\n局党组将持续巩固整改成果。\n")
    # 9 done of 11: the finest level's count, not the 5 problems
    assert {k: draft.data["declared"].get(k) for k in ("categories", "problems", "tasks", "completed", "basis",
                                                       "in_progress")} == {
        "categories": 2, "problems": 5, "tasks": 11, "completed": 9, "basis": "tasks", "in_progress": None}
    assert {"import.totals_levels", "import.totals_not_done"} <= {d.code for d in draft.doubts}
    assert "分几级计数" in draft.text and "未完成 2 个" in draft.text


# A status line after measures on lines of their own, followed on the same line by the finding's
# fields: spaced apart, in closing brackets, or as a sentence of their own (never a measure).
@pytest.mark.parametrize("status_line, status", [
    ("整改状态：已完成　　责任单位：审计科　　完成时限：2024年12月底前", "已完成"),
    ("整改进展：正在推进中  责任单位：审计科  完成时限：2024年12月底前", "正在推进中"),
    ("目前，该问题已完成整改。（责任单位：审计科；完成时限：2024年12月底前）", "已完成"),
    ("目前，该问题已完成整改（责任单位：审计科；完成时限：2024年12月底前）。", "已完成"),
    ("目前，该问题正在推进中。责任单位：审计科。完成时限：2024年12月底前。", "正在推进中"),
])
@pytest.mark.parametrize("header", ["整改情况：\n", "整改措施：\n", ""])
def test_a_status_line_with_the_fields_after_it_is_read_after_measures_on_their_own_lines(tmp_path, status_line,
                                                                                          status, header):
    draft = _import_body(tmp_path, f"一、巡察反馈问题整改情况\n1.关于票据登记不全的问题\n{header}一是补登历年票据。\n"
                                   f"二是每季度核对一次。\n{status_line}\n2.关于采购审批不严的问题\n{header}"
                                   "一是修订采购办法。\n二是开展专项检查。\n整改状态：已完成；责任单位：财务科\n")
    first, second = _problems(draft)
    assert (first["status"], first["responsible"], first["deadline"]) == (status, "审计科", "2024年12月底前")
    assert [m["text"] for m in first["measures"]] == ["补登历年票据。", "每季度核对一次。"]
    assert (second["status"], second["responsible"], len(second["measures"])) == ("已完成", "财务科", 2)


@pytest.mark.parametrize("progress", ["已完成，完成进度100%。", "正在推进，完成进度60%，计划2025年6月底前完成。",
                                      "已完成阶段性目标，完成率80%。", "正在推进中，整改进度达到70％。",
                                      "阶段性目标已实现，完成进度80%。"])
def test_a_progress_figure_after_the_status_is_the_status_s_not_a_measure(tmp_path, progress):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于票据登记不全的问题\n整改措施：一是补登历年票据；"
                                   f"二是每季度核对一次。\n整改进展：{progress}\n")
    (problem,) = _problems(draft)
    assert [m["text"] for m in problem["measures"]] == ["补登历年票据；", "每季度核对一次。"]
    assert problem["status"] == ("已完成" if progress.startswith("已完成，") else
                                 "阶段性完成并需长期坚持" if "阶段性" in progress else "正在推进中")


# Lines labelled （1）（2） after a line that is only 整改情况： are measures, whatever verb they start
# with, and a status line after them that goes on with the fields does not make them findings.
@pytest.mark.parametrize("lead", ["整改情况：", "整改措施：", "整改落实情况："])
@pytest.mark.parametrize("status_line", ["整改状态：已完成。责任单位：法规科。", "整改状态：已完成", "目前，该问题已完成整改。"])
def test_labelled_lines_after_a_bare_measures_lead_are_measures(tmp_path, lead, status_line):
    draft = _import_body(tmp_path, f"一、巡察反馈问题整改情况\n1.关于执法案卷归档不及时的问题\n{lead}\n（1）重新梳理全部案卷。\n"
                                   f"（2）每月抽查归档记录。\n{status_line}\n2.关于会议费报销审核不严的问题\n{lead}\n"
                                   f"（1）委托第三方复核近三年账目。\n（2）上线报销审核系统。\n{status_line}\n")
    for problem in _problems(draft):
        assert "items" not in problem and len(problem["measures"]) == 2 and problem["status"] == "已完成"


def test_labelled_lines_after_a_details_lead_stay_the_problem_s_details(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于执法案卷管理不规范的问题\n具体表现：\n（1）部分案卷归档不及时。\n"
                                   "（2）个别案卷材料缺失。\n整改情况：一是重新梳理全部案卷。二是每月抽查归档记录。\n"
                                   "2.会议费报销审核不严。\n整改情况：一是修订办法。二是追回超支费用。\n")
    problem = _problems(draft)[0]
    assert [i["title"] for i in problem["items"]] == ["部分案卷归档不及时", "个别案卷材料缺失"]
    assert [m["text"] for m in problem["measures"]] == ["重新梳理全部案卷。", "每月抽查归档记录。"]  # no 具体表现：


# Channels written inside a sentence: what the fields cannot hold (a reception room to visit) is
# never dropped — the sentence is kept whole as the intro, and the draft asks staff to trim it.
@pytest.mark.parametrize("block", [
    "欢迎广大干部群众进行监督，如有意见建议，可拨打电话0571-86660000、发送邮件至jd@example.gov.cn、"
    "来信寄某县府前路8号县档案馆办公室（邮编311000），或到馆机关一楼接待室当面反映。",
    "欢迎广大干部群众进行监督。\n可拨打电话0571-86660000、发送邮件至jd@example.gov.cn、"
    "来信寄某县府前路8号县档案馆办公室（邮编311000），或到馆机关一楼接待室当面反映。",
    "欢迎广大干部群众进行监督，如有意见建议，可拨打电话0571-86660000、发送邮件至jd@example.gov.cn，"
    "或将信件寄至某县府前路8号县档案馆办公室（邮编311000），也可到馆机关一楼接待室当面反映。",
])
def test_channels_written_in_a_sentence_lose_no_words(tmp_path, block):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改措施：压减会议数量。已完成。\n"
                                   f"{block}\n中共某县档案馆党组\n2024年8月1日\n")
    contact = draft.data["contact"]
    assert (contact["phones"], contact["email"], contact["postcode"]) == (["0571-86660000"], "jd@example.gov.cn", "311000")
    assert contact["address"] == "某县府前路8号县档案馆办公室"
    assert "一楼接待室当面反映" in contact["intro"] and contact["intro"].startswith("欢迎广大干部群众进行监督")
    assert any(d.code == "import.contact_sentence" for d in draft.doubts)


def test_channels_one_to_a_line_keep_the_intro_short_and_ask_nothing(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改措施：压减会议数量。已完成。\n"
                                   "欢迎广大干部群众进行监督。\n联系电话：0571-86660000\n电子邮箱：jd@example.gov.cn\n"
                                   "来信地址：某县府前路8号县档案馆办公室\n邮政编码：311000\n接待时间：工作日上午9:00-12:00\n"
                                   "中共某县档案馆党组\n2024年8月1日\n")
    assert draft.data["contact"]["intro"] == "欢迎广大干部群众进行监督。"
    assert not any(d.code == "import.contact_sentence" for d in draft.doubts)


@pytest.mark.parametrize("status_line", ["目前，该问题已完成整改。（责任单位：党建办）", "目前，该问题已完成整改（责任单位：党建办）。",
                                         "目前，该问题已完成整改。责任单位：党建办。"])
def test_the_last_problem_s_status_with_its_fields_is_no_closing_summary(tmp_path, status_line):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于“后备干部不足”的问题\n整改情况：\n一是选派年轻干部到村任职。\n"
                                   "二是建立后备干部队伍。\n目前，该问题正在推进中。（责任单位：组织办）\n2.关于“党员档案不全”的问题\n"
                                   f"整改情况：\n一是逐一检查档案。\n二是补齐缺失材料。\n{status_line}\n二、下一步工作打算\n持续巩固整改成果。\n")
    last = _problems(draft)[-1]
    assert (last["status"], last["responsible"], len(last["measures"])) == ("已完成", "党建办", 2)
    assert "paragraphs" not in draft.data["sections"][0]


@pytest.mark.parametrize("label", ["来信", "信件", "信函"])
def test_a_letter_row_of_a_contact_block_is_the_address(tmp_path, label):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改措施：压减会议数量。已完成。\n"
                                   f"欢迎广大干部群众进行监督。\n联系电话：0571-86660000\n电子邮箱：jd@example.gov.cn\n"
                                   f"{label}：某县府前路8号县档案馆纪检组，邮编311000\n中共某县档案馆党组\n2024年8月1日\n")
    contact = draft.data["contact"]
    assert (contact["address"], contact["postcode"], contact["phones"]) == ("某县府前路8号县档案馆纪检组", "311000",
                                                                            ["0571-86660000"])
    assert not any(d.code == "import.contact_sentence" for d in draft.doubts)


def test_contact_fields_on_one_line_apart_by_wide_spaces_are_each_read(tmp_path):
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改措施：压减会议数量。已完成。\n欢迎广大干部群众进行监督。\n"
                                   "联系电话：0571-86660000　　通信地址：某县府前路8号县档案馆　　邮政编码：311000　　"
                                   "电子邮箱：jd@example.gov.cn\n中共某县档案馆党组\n2024年8月1日\n")
    contact = draft.data["contact"]
    assert (contact["address"], contact["postcode"], contact["email"]) == ("某县府前路8号县档案馆", "311000", "jd@example.gov.cn")


def test_a_contact_row_no_field_holds_is_kept_in_the_intro_and_said(tmp_path):
    """Before: the row was in no field and the report said every character was placed."""
    draft = _import_body(tmp_path, "一、整改落实情况\n1.关于“会议过多”的问题\n整改措施：压减会议数量。已完成。\n欢迎广大干部群众进行监督。\n"
                                   "联系电话：0571-86660000\n电子邮箱：jd@example.gov.cn\n接访地点：县档案馆二楼纪检组办公室\n"
                                   "中共某县档案馆党组\n2024年8月1日\n")
    assert "县档案馆二楼纪检组办公室" in draft.data["contact"]["intro"]
    assert any(d.code == "import.contact_sentence" for d in draft.doubts)


@pytest.mark.parametrize("closing", ["计划2025年6月底前完成。", "预计2025年6月底前全面完成。", "力争2025年6月底前整改到位。"])
def test_a_plan_sentence_closing_the_measures_is_the_deadline(tmp_path, closing):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n1.关于“档案借阅登记不全”的问题\n整改措施：一是补登借阅记录；"
                                   f"二是上线借阅系统。{closing}\n整改进展：正在推进中。\n")
    (problem,) = _problems(draft)
    assert problem["deadline"] == closing.rstrip("。")
    assert [m["text"] for m in problem["measures"]] == ["补登借阅记录；", "上线借阅系统。"]


@pytest.mark.parametrize("fields, responsible, deadline", [
    ("（责任单位：计划财务科；整改时限：2024年12月底前）", ("计划财务科", None), "2024年12月底前"),
    ("（责任领导：分管副局长；责任单位：计划财务科；完成时限：2024年12月底前）", ("计划财务科", "分管副局长"),
     "2024年12月底前"),
    ("（责任领导：分管副局长）", (None, "分管副局长"), None),
])
@pytest.mark.parametrize("part", ["一、巡察反馈问题整改情况\n", ""])
def test_the_fields_in_brackets_after_a_title_are_the_problem_s(tmp_path, fields, responsible, deadline, part):
    draft = _import_body(tmp_path, f"{part}1.项目资金拨付进度滞后{fields}\n整改措施：一是建立拨付台账。二是每月通报进度。\n"
                                   f"2.专项资金使用不规范{fields}\n整改措施：一是开展专项清查。二是追回违规资金。\n")
    problems = _problems(draft)
    assert [p["title"] for p in problems] == ["项目资金拨付进度滞后", "专项资金使用不规范"]
    assert [((p.get("responsible"), p.get("leader")), p.get("deadline")) for p in problems] == [(responsible, deadline)] * 2
    assert [len(p["measures"]) for p in problems] == [2, 2]


def test_problems_as_the_top_parts_are_said_with_the_notice_s_own_label(tmp_path):
    draft = _import_body(tmp_path, "（一）关于“档案借阅登记不全”问题的整改情况\n1.补登借阅记录。\n2.上线借阅系统。\n"
                                   "（二）关于“库房巡查不到位”问题的整改情况\n1.制定巡查制度。\n2.每日巡查。\n")
    said = [d.message for d in draft.doubts if d.code == "import.problems_as_parts"]
    assert said and "（一）关于……的整改情况" in said[0] and "一、" not in said[0]


def test_a_plan_in_the_measures_of_a_problem_in_progress_by_its_group_is_its_deadline(tmp_path):
    draft = _import_body(tmp_path, "一、巡察反馈问题整改情况\n（一）已完成整改的问题\n1.档案借阅登记不全。整改措施：补登借阅记录。\n"
                                   "（二）正在推进整改的问题\n1.库房设施老化。整改措施：申请改造资金，计划2025年6月底前完成改造。\n")
    problems = _problems(draft)
    assert (problems[1]["status"], problems[1].get("deadline")) == ("正在推进中", "2025年6月底前")
    assert any(d.code == "import.deadline_planned" for d in draft.doubts)
