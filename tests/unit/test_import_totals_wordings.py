"""Totals in wordings beyond one count per state: a total given as the base of a share, the rest
counted after it, rules made, revised and repealed, counts in Chinese numerals done in full, the
rest named as things to be kept up, a group's subset with the rest's breakdown, what is not done
said to be pressing on, amounts in 亿元."""

from __future__ import annotations

from zhenggai.importer.fold import fold
from zhenggai.importer.totals import Block, read_totals


def _read(*sentences: str):
    return read_totals([Block(n, s, fold(s)) for n, s in enumerate(sentences, 1)])


def test_the_rest_counted_after_a_total_never_overrides_it():
    figures = _read("截至目前已整改到位12个，占巡察反馈问题总数13个的92.3%，剩余1个问题已列出时间表。")
    assert figures.declared["problems"] == 13
    assert figures.declared["completed"] == 12


def test_the_rest_counted_after_a_total_said_first_never_overrides_it():
    figures = _read("反馈问题13个，截至目前已整改到位12个，剩余1个问题已列出时间表。")
    assert figures.declared["problems"] == 13


def test_states_beyond_a_total_read_from_another_sentence_are_doubted():
    figures = _read("巡察反馈问题共9个。", "目前已完成整改8个，正在推进3个。")
    assert "import.totals_inconsistent" in [d.code for d in figures.doubts]


def test_a_completed_count_beyond_the_total_alone_is_doubted():
    figures = _read("巡察反馈问题共9个。", "目前已完成整改11个。")
    assert "import.totals_inconsistent" in [d.code for d in figures.doubts]


def test_rules_made_and_revised_are_summed_and_those_repealed_left_out_marked():
    figures = _read("梳理现有制度，新建制度4项、修订6项、废止3项。")
    assert figures.declared["rules_made"] == 10
    assert [d.code for d in figures.doubts] == ["import.totals_rules"]


def test_rules_made_and_revised_written_out_are_summed():
    figures = _read("新建管理制度3项、修订制度5项。")
    assert figures.declared["rules_made"] == 8
    assert [d.code for d in figures.doubts] == ["import.totals_rules"]


def test_rules_made_and_revised_counted_together_are_not_marked():
    figures = _read("新建和修订制度9项。")
    assert figures.declared == {"rules_made": 9}
    assert figures.doubts == ()


def test_problems_in_chinese_numerals_all_done_are_the_problems():
    figures = _read("巡察组指出的四个方面十八个问题已全部整改完成。")
    assert figures.declared == {"categories": 4, "problems": 18, "completed": 18, "basis": "problems"}


def test_the_rest_named_as_things_to_keep_up_is_the_long_term_count():
    figures = _read("反馈问题20个，已完成18个，剩余2个为需长期坚持的事项。")
    assert figures.declared == {"problems": 20, "completed": 18, "long_term": 2, "basis": "problems"}


def test_a_group_done_in_full_and_the_rests_completed_count_are_summed():
    figures = _read("在32条整改措施中，立行立改的10条已全部完成；其余22条中，已完成15条、持续推进7条。")
    assert figures.declared == {"measures": 32, "completed": 25, "in_progress": 7, "basis": "measures"}
    assert figures.doubts == ()


def test_a_group_done_in_full_and_the_rests_breakdown_with_no_completed_count_is_marked():
    figures = _read("在32条整改措施中，立行立改的10条已全部完成；其余22条中，基本完成12条、持续推进10条。")
    assert "completed" not in figures.declared
    assert [d.code for d in figures.doubts] == ["import.totals_groups"]


def test_a_group_done_in_full_and_the_rest_in_progress_is_no_subset():
    figures = _read("在32条整改措施中，立行立改的10条已全部完成；其余22条正在推进。")
    assert figures.declared == {"measures": 32, "completed": 10, "in_progress": 22, "basis": "measures"}
    assert figures.doubts == ()


def test_what_is_not_done_said_to_be_pressing_on_is_in_progress():
    figures = _read("反馈的12个问题中，10个已完成整改，尚未完成的2个问题均已明确时限，正在加紧推进。")
    assert figures.declared == {"problems": 12, "completed": 10, "in_progress": 2, "basis": "problems"}


def test_what_is_not_done_with_no_word_of_progress_stays_marked():
    figures = _read("反馈的12个问题中，10个已完成整改，尚未完成的2个问题均已明确时限。")
    assert "in_progress" not in figures.declared
    assert [d.code for d in figures.doubts] == ["import.totals_not_done"]


def test_amounts_in_yi_yuan_are_read_and_summed():
    assert _read("追缴违规资金2.3亿元，清退多发补贴45万元。").declared == {"money_returned": 230450000}
    assert _read("收回国有资产收益1亿元。").declared == {"money_returned": 100000000}


def test_long_term_counts_worded_as_a_stage_reached_are_the_long_term_count():
    for wording in ("2个取得阶段性成效并长期坚持", "2个阶段性完成并长期坚持", "2个取得阶段性成效、需长期坚持", "2个取得阶段性成效"):
        figures = _read(f"巡察反馈问题23个，已完成21个，{wording}。")
        assert (figures.declared.get("completed"), figures.declared.get("long_term")) == (21, 2), wording


def test_an_approximate_figure_is_read_as_written_and_marked():
    figures = _read("巡察反馈问题80余个，已完成整改70个，制定整改措施200多条。")
    assert (figures.declared.get("problems"), figures.declared.get("completed"), figures.declared.get("measures")) \
        == (80, 70, 200)
    said = [d for d in figures.doubts if d.code == "import.totals_approximate"]
    assert len(said) == 2 and "80余个" in said[0].message
