"""Totals and openings in further wordings: counts given in the order of a list of states (分别为),
a completion rate with its fraction in brackets, counts with another unit in brackets after them;
one group inspecting two units in turn, each with its own dates; a year said only in the title."""

from __future__ import annotations

import pytest

from zhenggai.importer.fold import fold
from zhenggai.importer.lines import prepare
from zhenggai.importer.opening import read_inspection
from zhenggai.importer.sources import Line
from zhenggai.importer.totals import Block, read_totals


def _read(*sentences: str):
    return read_totals([Block(n, s, fold(s)) for n, s in enumerate(sentences, 1)])


def _paras(text: str):
    return prepare([Line(i, t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]).paras


def test_counts_given_respectively_follow_the_order_of_the_states():
    figures = _read("对照反馈的12个问题，已整改完成、基本完成、正在推进的分别为7个、3个、2个。")
    assert figures.declared["problems"] == 12
    assert (figures.declared["completed"], figures.declared["basically_completed"],
            figures.declared["in_progress"]) == (7, 3, 2)
    assert figures.declared["basis"] == "problems"


def test_counts_given_respectively_for_two_states():
    figures = _read("反馈的5项整改任务中，已完成和正在推进的任务分别是4项、1项。")
    assert (figures.declared["completed"], figures.declared["in_progress"]) == (4, 1)
    assert "basically_completed" not in figures.declared


def test_counts_given_respectively_with_the_unit_only_once():
    figures = _read("巡察指出问题9个，已完成、长期坚持的分别为6、3个。")
    assert (figures.declared["completed"], figures.declared["long_term"]) == (6, 3)


def test_counts_respectively_in_another_number_than_the_states_are_left_alone():
    figures = _read("已完成、正在推进的问题分别为6个、2个、1个。")
    assert "completed" not in figures.declared and "in_progress" not in figures.declared


def test_a_completion_rate_with_its_fraction_gives_the_completed_count():
    figures = _read("我单位共细化整改任务40项，整改任务完成率为85%（34/40），其余6项正在推进。")
    assert (figures.declared["tasks"], figures.declared["completed"], figures.declared["in_progress"]) == (40, 34, 6)
    assert figures.declared["basis"] == "tasks"


def test_a_fraction_that_is_no_completion_rate_is_no_completed_count():
    figures = _read("反馈问题10个，其中涉及资金的占比为30%（3/10）。")
    assert "completed" not in figures.declared


@pytest.mark.parametrize("unit", ["（条）", "(条)", "（项）"])
def test_a_count_with_another_unit_in_brackets_reads_as_the_count(unit):
    figures = _read(f"梳理问题清单9个{unit}，制定整改措施30条（项），已完成整改6个{unit}，3个{unit}正在整改。")
    assert (figures.declared["problems"], figures.declared["measures"]) == (9, 30)
    assert (figures.declared["completed"], figures.declared["in_progress"]) == (6, 3)


TWO_IN_TURN = ("根据市委统一部署，市委第三巡察组于2023年5月8日至6月9日对市甲局党组、6月12日至7月7日对市乙中心党支部"
               "开展了巡察。2023年8月1日，市委第三巡察组向市甲局党组反馈了巡察意见。")


def test_one_group_inspecting_two_units_in_turn_is_read_for_the_first_and_marked():
    opening = read_inspection(_paras(TWO_IN_TURN), None)
    assert opening.inspection["target"] == "市甲局党组"
    assert (str(opening.inspection["start"]), str(opening.inspection["end"])) == ("2023-05-08", "2023-06-09")
    assert any(d.code == "import.targets_several" and "市乙中心党支部" in d.message for d in opening.doubts)


YEARLESS = "根据区委统一部署，3月6日至4月20日，区委第一巡察组对区丙局党组开展了巡察。5月28日，区委第一巡察组反馈了巡察意见。"


def test_a_year_said_only_in_the_title_is_the_inspections_over_the_signatures():
    opening = read_inspection(_paras(YEARLESS), 2026, title="中共区丙局党组关于2025年区委第一轮巡察整改情况的通报")
    assert (str(opening.inspection["start"]), str(opening.inspection["end"]),
            str(opening.inspection["feedback"])) == ("2025-03-06", "2025-04-20", "2025-05-28")
    assert any(d.code == "import.year_assumed" and "标题" in d.message for d in opening.doubts)


def test_a_title_with_two_years_gives_no_year():
    opening = read_inspection(_paras(YEARLESS), 2026, title="中共区丙局党组关于2024年至2025年巡察整改情况的通报")
    assert str(opening.inspection["start"]) == "2026-03-06"


def test_counts_per_category_give_way_to_the_sum_said_after_them():
    figures = _read("其中，党建方面4个问题已完成3个，业务方面6个问题已完成6个。总计10个问题，已完成9个，正在推进1个。")
    assert (figures.declared["problems"], figures.declared["completed"], figures.declared["in_progress"]) == (10, 9, 1)


def test_a_count_per_category_alone_is_still_read():
    figures = _read("党建方面4个问题已完成3个，其余1个正在推进。")
    assert figures.declared["completed"] == 3


def test_a_cumulative_completed_count_outranks_a_phases_count_and_is_marked():
    figures = _read("反馈的15个问题中，6月30日前应完成的10个问题已全部完成，年底前应完成的5个问题已完成3个。累计完成13个。")
    assert (figures.declared["problems"], figures.declared["completed"]) == (15, 13)
    assert any(d.code == "import.totals_conflict" and d.key == "completed" for d in figures.doubts)


def test_a_feedback_on_a_day_of_the_next_month_is_dated_after_the_end_and_marked():
    opening = read_inspection(_paras("根据县委统一部署，县委第一巡察组于2023年11月6日至12月15日对县丁局党组开展了巡察，"
                                     "并于次月9日向县丁局党组反馈了巡察意见。"), None)
    assert str(opening.inspection["feedback"]) == "2024-01-09"
    assert any(d.path == ("inspection", "feedback") and "次月" in d.message for d in opening.doubts)


def test_a_target_given_on_a_labelled_line_is_read():
    opening = read_inspection(_paras("被巡察单位：中共市戊局党组\n巡察组：市委第六巡察组\n巡察时间：2023年3月1日至4月28日\n"
                                     "反馈时间：2023年6月2日"), None)
    assert opening.inspection["target"] == "中共市戊局党组"


def test_a_self_check_said_first_does_not_hide_the_inspections_figures_after_it():
    """Before: 自查自纠 anywhere in the sentence dropped every figure of it."""
    figures = _read("对共性问题同步开展自查自纠，巡察反馈的5个方面17个问题中，已完成整改15个、取得阶段性成效2个。")
    assert (figures.declared["categories"], figures.declared["problems"], figures.declared["completed"]) == (5, 17, 15)


def test_the_self_checks_own_figures_stay_out():
    assert _read("开展自查自纠，查摆问题12个，已整改10个。").declared == {}
    assert "problems" not in _read("巡察反馈问题整改中同步开展自查自纠，查摆问题12个，已整改10个。").declared


@pytest.mark.parametrize("sentence", ["巡察反馈问题共计4类17个，已全部完成整改。", "反馈问题共4类17个，已全部完成整改。"])
def test_kinds_and_problems_counted_after_the_word_problems(sentence):
    """Before: 问题共计4类17个 gave nothing."""
    figures = _read(sentence)
    assert (figures.declared["categories"], figures.declared["problems"]) == (4, 17)


def test_shared_and_own_problems_counted_apart_are_summed_and_marked():
    """Before: 共性问题6个、个性问题11个 gave problems 6."""
    figures = _read("巡察反馈共性问题6个、个性问题11个，已全部完成整改。")
    assert figures.declared["problems"] == 17
    assert any(d.key == "problems" for d in figures.doubts)


def test_a_counts_table_typed_with_spaces_gives_its_total_row_and_its_categories():
    """Before: 序号 in the header and not in the 合计 row put the labels one cell off: nothing read."""
    figures = _read("问题整改情况统计表", "序号 问题类别 问题数 已完成 正在整改", "1 政治建设 5 5 0",
                    "2 作风建设 4 3 1", "3 队伍建设 2 2 0", "合计 11 10 1")
    assert (figures.declared["categories"], figures.declared["problems"],
            figures.declared["completed"], figures.declared["in_progress"]) == (3, 11, 10, 1)


def test_people_handled_in_a_list_with_its_dui_said_once_are_summed():
    """Before: 对3名干部进行诫勉谈话、5名干部进行批评教育 gave 3."""
    figures = _read("对3名干部进行诫勉谈话、5名干部进行批评教育。")
    assert figures.declared["people_disciplined"] == 8
    assert any(d.key == "people_disciplined" for d in figures.doubts)


def test_all_done_said_of_a_part_after_qizhong_is_not_the_whole_count():
    """Before: 问题24个，其中立行立改问题9个，已全部完成 gave completed 24: all said done, unmarked."""
    figures = _read("巡察反馈问题24个，其中立行立改问题9个，已全部完成。")
    assert figures.declared["problems"] == 24 and figures.declared.get("completed") != 24


def test_problems_counted_after_big_categories():
    """Before: 反馈问题3大方面12个 gave no problem count."""
    figures = _read("反馈问题3大方面12个，已完成10个，正在推进2个。")
    assert (figures.declared["categories"], figures.declared["problems"]) == (3, 12)


@pytest.mark.parametrize(("sentence", "people"), [
    ("给予党内警告处分2人、党内严重警告处分1人，约谈提醒5人。", 8),
    ("处理干部48人次。", 48),
    ("诫勉2人、函询3人、批评教育4人。", 9),
    ("给予警告处分1人、记过处分2人。", 3),
])
def test_people_handled_in_the_named_forms_of_discipline_are_counted(sentence, people):
    assert _read(sentence).declared["people_disciplined"] == people


def test_a_sum_after_figures_per_category_is_the_notices_count():
    """Before: 党的领导方面问题6个…；合计反馈问题19个 gave problems 6 (the first category's)."""
    figures = _read("党的领导方面问题6个，已完成6个；作风建设方面问题8个，已完成7个；队伍建设方面问题5个，已完成4个；"
                    "合计反馈问题19个，已完成17个，正在整改2个。")
    assert (figures.declared["problems"], figures.declared["completed"], figures.declared["in_progress"]) == (19, 17, 2)


def test_a_sum_line_after_lines_per_category_is_the_notices_count():
    figures = _read("党的领导方面：问题4个，已完成4个。", "作风建设方面：问题6个，已完成5个。", "合计：问题10个，已完成9个。")
    assert (figures.declared["problems"], figures.declared["completed"]) == (10, 9)
