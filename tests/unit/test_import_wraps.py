"""A notice copied from a PDF: every line cut at one width (about 25–35 characters, never before a
closing mark), page numbers between. The draft must read what the notice as written gives, or mark
where it is unsure; a notice written normally keeps its paragraphs (texts of our own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhenggai.importer import import_notice

TITLE = "中共某市住房和城乡建设局党组关于市委巡察整改情况的通报"
TAIL = "欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0731-88880000。\n中共某市住房和城乡建设局党组\n2024年9月20日\n"

# Categories, 1. problems, 整改情况：一是…二是… run in, run-in organisational points with totals.
CATEGORIES = (
    "根据市委统一部署，2024年3月5日至5月20日，市委第三巡察组对市住房和城乡建设局党组开展了常规巡察，"
    "并于2024年6月28日反馈了巡察意见。按照巡察工作有关要求，现将整改情况予以公布。\n"
    "一、整改工作组织情况\n"
    "（一）扛牢整改责任。局党组召开专题会议研究部署整改工作，成立由党组书记任组长的整改工作领导小组，逐项压实分管领导和科室责任。\n"
    "（二）建立整改台账。对照市委巡察反馈的3个方面7个问题，细化为24个具体问题，制定整改措施41条，明确责任领导和完成时限。"
    "截至目前，已完成整改5个，正在推进2个，建立完善制度11项。\n"
    "二、巡察反馈问题整改落实情况\n"
    "（一）落实党的路线方针政策方面\n"
    "1.保障性住房建设推进迟缓，部分项目交付延期。\n"
    "整改情况：一是对在建保障性住房项目逐个建立推进台账，每月调度工程进度，督促施工单位增加作业人员。"
    "二是对延期交付项目开展专项督查，约谈施工单位负责人3人次。三是建立交付预警机制，提前两个月研判风险。\n"
    "整改状态：正在推进中。\n"
    "2.城镇老旧小区改造群众参与不够，部分改造内容与居民需求脱节。\n"
    "整改情况：一是改造方案公示前逐户征求居民意见，召开居民议事会议26场。二是建立改造项目居民监督员制度，"
    "每个小区选聘监督员不少于2名。\n"
    "整改状态：已完成。\n"
    "（二）全面从严治党方面\n"
    "1.工程招投标监管存在薄弱环节，评标专家抽取管理不严。\n"
    "整改情况：一是修订《评标专家抽取管理办法》，实行评标专家随机抽取和全程录像。二是对近三年招投标项目开展回头看，"
    "发现并整改问题9个。\n"
    "整改状态：已完成。\n"
    "2.公务接待管理不规范，接待清单填写不完整。\n"
    "整改情况：一是对2022年以来公务接待清单逐笔核对，补正清单15份。二是印发公务接待管理实施细则，"
    "明确审批、清单、结算各环节要求。\n"
    "整改状态：已完成。\n"
    "三、下一步工作打算\n"
    "一是巩固已完成事项的整改成果，防止问题反弹。二是对正在推进的事项挂图作战，确保按期完成。\n"
)

# Each problem a top-level heading 关于“X”问题的整改情况, its measures （一） with run-in titles.
WRAPPERS = (
    "根据县委统一部署，2024年4月8日至6月6日，县委第二巡察组对某县青山镇党委开展了常规巡察，"
    "并于2024年7月12日反馈了巡察意见。现将巡察整改情况予以公布。\n"
    "一、关于“落实基层党组织建设责任不够有力，村级党组织作用发挥不充分”问题的整改情况\n"
    "（一）开展村级党组织分类评定。对全镇14个村党组织逐个评定等次，对评为后进的2个村党组织由镇领导班子成员包村整顿。\n"
    "（二）规范村级组织生活。统一印发村党组织工作记录本，每季度对各村组织生活开展情况进行检查通报。\n"
    "目前该问题已完成整改。\n"
    "二、关于“村级集体经济发展思路不宽，集体资产管理不规范”问题的整改情况\n"
    "（一）清查集体资产。对全镇村级集体资产开展全面清查，登记造册资产326项，收回被侵占的集体土地18亩。\n"
    "（二）拓宽增收渠道。指导各村发展特色种植和来料加工项目，建立镇级集体经济发展联席会议制度。\n"
    "目前该问题正在推进中。\n"
    "三、关于“镇村干部担当作为不够，为民办实事效率不高”问题的整改情况\n"
    "（一）改进工作作风。开展干部作风专项整治，对推诿扯皮的3名干部进行提醒谈话。\n"
    "（二）建立办事台账。对群众反映的事项实行台账管理、限时办结，办结率达到95%以上。\n"
    "目前该问题已完成整改。\n"
)

# 反馈问题一：… titles, then 整改措施： with numbered measures, then the fields.
FEEDBACK = (
    "根据市委统一部署，2024年2月26日至4月25日，市委第五巡察组对市城市建设投资集团有限公司党委进行了巡察，"
    "并于2024年5月30日反馈了巡察意见。按照巡察工作有关要求，现将整改情况予以公布。\n"
    "一、党的领导方面存在的问题\n"
    "反馈问题一：党委把方向、管大局作用发挥不够充分，部分重大经营事项未经党委前置研究即提交董事会决策。\n"
    "整改措施：\n"
    "1.修订党委前置研究讨论重大经营管理事项清单，明确前置研究的事项范围和程序。\n"
    "2.对2021年以来董事会决策事项逐项复核，对未经前置研究的6个事项补充履行程序。\n"
    "整改时限：已完成。\n"
    "责任部门：党委办公室\n"
    "反馈问题二：国有资产出租管理不规范，部分门面房租金长期低于市场价格。\n"
    "整改措施：\n"
    "1.委托第三方机构对出租资产开展租金评估，按评估结果调整租金。\n"
    "2.建立出租资产管理信息平台，实行出租全流程线上管理。\n"
    "整改时限：2024年12月31日前。\n"
    "责任部门：资产管理部\n"
)


def _pdf(text: str, width: int, half: bool = False) -> str:
    """`text` as a copy of its PDF gives it: the body (from the opening on) cut every `width`
    characters (`half`: digits and letters set half-width, two to a character's place), never
    before a closing mark nor inside a number, a page's number every 20 lines."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("根据"))
    out = lines[:start]

    def fits(line: str) -> int:
        if not half:
            return width
        room, at = 0.0, 0
        while at < len(line) and room + (0.5 if line[at].isascii() else 1) <= width:
            room += 0.5 if line[at].isascii() else 1
            at += 1
        return at

    for line in lines[start:]:
        while len(line) > fits(line):
            cut = fits(line)
            while cut > 1 and line[cut - 1].isascii() and line[cut].isascii() and line[cut].isalnum():
                cut -= 1
            if line[cut] in "，。、；：）”》！？":
                cut += 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    paged = []
    for i, line in enumerate(out):
        paged.append(line)
        if i % 20 == 19:
            paged.append(f"— {i // 20 + 1} —")
    return "\n".join(paged) + "\n"


def _import(tmp_path, text: str):
    source = tmp_path / "n.txt"
    source.write_text(text, encoding="utf-8")
    return import_notice(source)


def _problems(draft):
    return [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]


def _measure(m) -> str:
    return m if isinstance(m, str) else (m.get("title") or "") + (m.get("text") or "")


def _facts(draft) -> dict:
    """What a reader relies on: who inspected whom and when, the declared figures, and each
    problem's title, the start of each measure, and its status and deadline."""
    inspection = draft.data.get("inspection", {})
    return {
        "inspection": {k: str(inspection.get(k)) for k in ("body", "target", "start", "end", "feedback")},
        "declared": draft.data.get("declared", {}),
        "problems": [(p["title"], [re.sub(r"\s", "", _measure(m))[:8] for m in p.get("measures", ())],
                      "items" in p, p.get("status"), str(p.get("deadline"))) for p in _problems(draft)],
        "signature": draft.data.get("signature"),
    }


@pytest.mark.parametrize("notice", [CATEGORIES, WRAPPERS, FEEDBACK], ids=["categories", "wrappers", "feedback"])
@pytest.mark.parametrize("width, half", [(25, False), (28, False), (31, False), (34, False), (28, True), (32, True)])
def test_a_pdf_copy_reads_as_the_notice_as_written(tmp_path, notice, width, half):
    written = _facts(_import(tmp_path, f"{TITLE}\n{notice}{TAIL}"))
    assert written["problems"] and all(p[1] for p in written["problems"])
    assert _facts(_import(tmp_path, _pdf(f"{TITLE}\n{notice}{TAIL}", width, half))) == written


def test_the_notices_as_written_read_as_meant(tmp_path):
    facts = _facts(_import(tmp_path, f"{TITLE}\n{CATEGORIES}{TAIL}"))
    assert facts["inspection"]["body"] == "市委第三巡察组"
    assert facts["declared"]["tasks"] == 24
    assert [(len(p[1]), p[3]) for p in facts["problems"]] == [(3, "正在推进中"), (2, "已完成"), (2, "已完成"), (2, "已完成")]
    wrappers = _facts(_import(tmp_path, f"{TITLE}\n{WRAPPERS}{TAIL}"))["problems"]
    assert [p[0] for p in wrappers] == ["落实基层党组织建设责任不够有力，村级党组织作用发挥不充分",
                                        "村级集体经济发展思路不宽，集体资产管理不规范", "镇村干部担当作为不够，为民办实事效率不高"]
    feedback = _facts(_import(tmp_path, f"{TITLE}\n{FEEDBACK}{TAIL}"))["problems"]
    assert [(len(p[1]), p[2]) for p in feedback] == [(2, False), (2, False)]


HEAD = (f"{TITLE}\n根据市委统一部署，2024年3月5日至5月20日，市委第三巡察组对市住房和城乡建设局党组开展了常规巡察，"
        "并于2024年6月28日反馈了巡察意见。现将整改情况予以公布。\n二、巡察反馈问题整改落实情况\n（一）落实党的路线方针政策方面\n")


def test_a_signature_run_on_after_the_contact_s_number_is_the_signature(tmp_path):
    flat = "".join(line for line in f"{CATEGORIES}联系电话：0731-88880000\n中共某市住房和城乡建设局党组\n2024年9月20日\n".splitlines())
    draft = _import(tmp_path, f"{TITLE}\n{flat}\n")
    assert not any(d.code == "import.text_cut" for d in draft.doubts)
    assert draft.data["signature"]["organisation"] == "中共某市住房和城乡建设局党组"


@pytest.mark.parametrize("mark", ["，", "、", "："])
def test_a_point_broken_after_a_comma_goes_on_in_one_measure(tmp_path, mark):
    """U1: one break after ， 、 or a colon in mid-sentence, in a notice written normally."""
    first = {"，": "一是对全市在建项目逐个开展安全检查，", "、": "一是对全市在建项目的施工许可、",
             "：": "一是对全市在建项目开展安全检查，重点检查以下内容："}[mark]
    draft = _import(tmp_path, f"{HEAD}1.建筑施工安全监管不到位。\n整改情况：{first}\n督促整改隐患问题。二是建立隐患闭环管理台账。\n"
                              f"整改状态：已完成。\n{TAIL}")
    measures = [_measure(m) for m in _problems(draft)[0]["measures"]]
    assert len(measures) == 2 and measures[0].endswith("督促整改隐患问题。") and measures[1].startswith("建立隐患")


@pytest.mark.parametrize("heading, tail", [
    ("一、关于“落实基层党组织建设责任不够有力”问题", "的整改情况"),
    ("一、关于“落实基层党组织建设责任不够有力”问", "题的整改情况"),
    ("一、关于“落实基层党组织建设责任不够有力”", "问题的整改情况"),
])
def test_a_wrapped_problem_heading_s_tail_is_no_measure(tmp_path, heading, tail):
    """U2: the heading's wrapper broken off at the line's end, in a notice written normally."""
    body = (f"{heading}\n{tail}\n（一）开展村级党组织分类评定。对全镇14个村党组织逐个评定等次。\n"
            "（二）规范村级组织生活。每季度检查通报。\n目前该问题已完成整改。\n"
            "二、关于“村级集体经济发展思路不宽”问题的整改情况\n（一）清查集体资产。登记造册资产326项。\n"
            "（二）拓宽增收渠道。发展特色种植。\n目前该问题正在推进中。\n")
    problems = _problems(_import(tmp_path, f"{TITLE}\n{WRAPPERS.splitlines()[0]}\n{body}{TAIL}"))
    assert [(p["title"], len(p["measures"])) for p in problems] == [
        ("落实基层党组织建设责任不够有力", 2), ("村级集体经济发展思路不宽", 2)]


def test_a_wrapped_stated_problem_s_tail_runs_into_its_points(tmp_path):
    """U2: 1.关于“X”的问⏎题。一是… — the wrapper's tail and the run-in points on the next line."""
    draft = _import(tmp_path, f"{HEAD}1.关于“建筑施工安全监管不到位”的问\n题。一是逐个开展安全检查。二是建立隐患闭环管理台账。\n"
                              f"2.关于“公务接待管理不规范”的问题。一是逐笔核对接待清单。二是印发实施细则。\n{TAIL}")
    assert [(p["title"], len(p["measures"])) for p in _problems(draft)] == [
        ("建筑施工安全监管不到位", 2), ("公务接待管理不规范", 2)]


def test_a_normal_notice_keeps_its_paragraphs(tmp_path):
    """Paragraphs of nearly one length in a notice written normally are not a PDF's lines."""
    opening = ("根据市委统一部署，市委第三巡察组对市住房和城乡建设局党组开展了巡察。\n"
               "局党组高度重视巡察反馈意见，坚持把整改作为重要政治任务。\n"
               "现将有关整改情况予以公布，欢迎广大干部群众监督。\n")
    draft = _import(tmp_path, f"{TITLE}\n{opening}{CATEGORIES.split(chr(10), 1)[1]}{TAIL}")
    assert len(draft.data["opening"]) == 3


def test_a_signature_run_on_in_a_flattened_notice_is_not_said_to_be_missing(tmp_path):
    """M3: a body flattened onto one line ends with the signature: that is no text cut short."""
    flat = "".join(line for line in f"{CATEGORIES}{TAIL}".splitlines())
    draft = _import(tmp_path, f"{TITLE}\n{flat}\n")
    assert not any(d.code == "import.text_cut" for d in draft.doubts)
    assert str(draft.data.get("signature", {}).get("date")) == "2024-09-20"


def test_only_a_hard_wrapped_text_is_read_as_one(tmp_path):
    """The width is told by the lines' lengths; the seeds and the notices as written have none."""
    assert _import(tmp_path, _pdf(f"{TITLE}\n{CATEGORIES}{TAIL}", 28)).prepared.wrap_width == 28
    assert _import(tmp_path, f"{TITLE}\n{CATEGORIES}{TAIL}").prepared.wrap_width == 0
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    assert seeds and all(import_notice(seed).prepared.wrap_width == 0 for seed in seeds)


def test_a_pdf_copy_is_said_to_be_one(tmp_path):
    draft = _import(tmp_path, _pdf(f"{TITLE}\n{CATEGORIES}{TAIL}", 28))
    assert [d for d in draft.doubts if d.code == "import.pdf_wrapped"] and "从 PDF 复制" in draft.text
    assert not any(d.code == "import.pdf_wrapped" for d in _import(tmp_path, f"{TITLE}\n{CATEGORIES}{TAIL}").doubts)


def test_a_pdf_line_ending_with_a_problems_wrapper_is_not_run_on_into_its_first_point():
    """Before: …问题整改不彻底的问题 ⏎ 一是… in a hard-wrapped copy was joined into one title."""
    from zhenggai.importer.wraps import opens_unit, _SENTENCE_END
    assert opens_unit("一是加大优秀年轻干部选拔力度。", bool(_SENTENCE_END.search("10.关于上轮指出问题整改不彻底的问题")))
    assert not opens_unit("一是加大优秀年轻干部选拔力度。", bool(_SENTENCE_END.search("对各支部学习情况进行检查，")))


POINTS = ("（一）党的建设方面\n一是思想政治工作体系不够健全，育人合力尚未形成，各学院之间协同配合不够紧密。\n"
          "整改措施：（1）制定育人综合改革实施方案，明确十大育人体系的责任单位和工作要求。（2）建立校领导联系学院制度，"
          "每学期深入课堂听课不少于4次。（3）将思想政治工作成效纳入学院年度考核，权重提高到百分之十五。\n整改进展：已完成。\n"
          "二是师德师风建设长效机制不完善，个别教师违反师德规范问题处理不及时，警示教育开展不经常。\n整改措施：\n"
          "（1）修订教师师德失范行为处理办法，明确调查处理时限和程序，实行分级分类处理。\n"
          "（2）对近三年师德失范线索逐件复查，对处理偏轻的问题重新作出处理并通报全校。\n整改进展：正在推进中。\n"
          "欢迎广大师生对整改落实情况进行监督。联系电话：0571-86551234\n中共某大学委员会\n2024年3月8日\n")


@pytest.mark.parametrize("width", [23, 35])  # the widths at which the copy breaks right before （3）
def test_a_list_counted_inside_a_line_goes_on_where_the_copy_broke_before_its_next_number(tmp_path, width):
    """Before: （3） at the start of a wrapped line was taken for a labelled line of its own, and the
    whole category became one problem."""
    text = f"{TITLE}\n根据市委统一部署，2024年3月5日至5月20日，市委第三巡察组对某大学党委开展了常规巡察，并于2024年6月28日反馈了巡察意见。\n{POINTS}"
    draft = _import(tmp_path, _pdf(text, width))
    assert [(p["title"][:6], len(p.get("measures", ()))) for s in draft.data["sections"] for c in s.get("categories", ())
            for p in c["problems"]] == [("思想政治工作", 3), ("师德师风建设", 2)]


def test_a_pages_catalogue_lines_above_a_pdf_copys_opening_stay_apart(tmp_path):
    """Before: the 索引号 and 发布机构 lines, about as long as the copy's lines, were run on into each other and
    into the opening: the catalogue was lost and the opening began with it."""
    text = (f"{TITLE}\n索引号：11430000MB1234567X/2024-00032　　分类：巡察整改\n"
            "发布机构：某市住房和城乡建设局　　成文日期：2024-08-20　　发布日期：2024-08-26\n"
            f"根据市委统一部署，2024年3月5日至5月20日，市委第三巡察组对市住房和城乡建设局党组开展了常规巡察。\n{POINTS}")
    draft = _import(tmp_path, _pdf(text, 28))
    assert draft.data["metadata"]["index_no"] == "11430000MB1234567X/2024-00032"
    assert draft.data["metadata"]["publisher"] == "某市住房和城乡建设局"
    assert draft.data["opening"][0].startswith("根据市委统一部署")
