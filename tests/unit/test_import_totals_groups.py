"""Totals in the shapes a notice uses beyond one count per state: counts per plan group
(立行立改/限期整改/长期坚持) that are no states, a state phrase interrupted by a clause or an
adverb, rules counted with another verb or noun, several amounts of money in one sentence."""

from __future__ import annotations

import pytest

from zhenggai.importer.fold import fold
from zhenggai.importer.totals import Block, read_totals


def _read(*sentences: str):
    return read_totals([Block(n, s, fold(s)) for n, s in enumerate(sentences, 1)])


def test_the_size_of_a_plan_group_is_no_count_of_a_state():
    figures = _read("上级反馈的21个问题中，即知即改问题9个，限期整改问题8个，长期坚持问题4个，目前已整改到位17个，其余4个正在推进。")
    assert figures.declared == {"problems": 21, "completed": 17, "in_progress": 4, "basis": "problems"}


def test_groups_each_saying_what_is_done_give_their_sum():
    figures = _read("梳理的40条整改措施中，立行立改类12条已全部完成，限期整改类20条已完成15条，长期坚持类8条已完成2条。")
    assert figures.declared == {"measures": 40, "completed": 29, "basis": "measures"}
    assert figures.doubts == ()


def test_a_group_that_says_nothing_done_leaves_the_completed_count_empty_and_marked():
    figures = _read("梳理的40条整改措施中，立行立改类12条已全部完成，限期整改类20条已完成15条，长期坚持类8条持续推进。")
    assert "completed" not in figures.declared
    assert figures.declared.get("long_term") is None and figures.declared.get("in_progress") is None
    assert [d.code for d in figures.doubts] == ["import.totals_groups"]


@pytest.mark.parametrize(("sentence", "declared"), [
    ("反馈的11个问题已完成整改8个，另有3个问题初见成效，转入长期坚持。",
     {"problems": 11, "completed": 8, "long_term": 3, "basis": "problems"}),
    ("反馈的11个问题已完成整改8个，剩余3项已取得阶段性进展，纳入常态化管理。",
     {"problems": 11, "completed": 8, "long_term": 3, "basis": "problems"}),
    ("反馈的11个问题，已完成整改8个，3个正在按期推进。", {"problems": 11, "completed": 8, "in_progress": 3, "basis": "problems"}),
    ("反馈的11个问题，已完成整改8个，3个正稳步推进。", {"problems": 11, "completed": 8, "in_progress": 3, "basis": "problems"}),
])
def test_a_state_phrase_interrupted_by_a_clause_or_an_adverb(sentence, declared):
    assert _read(sentence).declared == declared


@pytest.mark.parametrize("sentence", ["巡察反馈的6个问题已全部整改完毕，形成制度成果5项。", "巡察反馈的6个问题已全部整改完毕，形成制度5项。",
                                      "巡察反馈的6个问题已全部整改完毕，建立制度成果5项。"])
def test_rules_counted_with_another_verb_or_noun(sentence):
    assert _read(sentence).declared["rules_made"] == 5


def test_amounts_returned_with_different_verbs_are_summed():
    figures = _read("共追回违规发放的补助3.5万元，清退多收费用1200元。")
    assert figures.declared == {"money_returned": 36200}


def test_an_amount_listed_after_another_under_one_verb_is_summed():
    assert _read("收回违规报销的差旅费1.2万元、超标准接待费450元。").declared == {"money_returned": 12450}


def test_a_loss_retrieved_is_not_money_returned_and_is_marked():
    figures = _read("追缴违规资金4.2万元，清退多发补贴700元，挽回经济损失58万元。")
    assert figures.declared == {"money_returned": 42700}
    assert [d.code for d in figures.doubts] == ["import.totals_money"]


def test_a_loss_retrieved_alone_is_kept_and_marked():
    figures = _read("通过整改挽回经济损失58万元。")
    assert figures.declared == {"money_returned": 580000}
    assert [d.code for d in figures.doubts] == ["import.totals_money"]


def test_an_amount_broken_over_two_lines_is_read_whole():
    figures = _read("追缴违规资金3.5万", "元，清退多发补贴700元。")
    assert figures.declared == {"money_returned": 35700}


def test_a_long_term_group_with_no_state_said_otherwise_is_read_as_long_term_and_marked():
    figures = _read("反馈的问题中，立行立改问题5个，限期整改问题4个，长期坚持问题2个，共11个问题。")
    assert figures.declared == {"problems": 11, "long_term": 2}
    assert [d.code for d in figures.doubts] == ["import.totals_groups"]


@pytest.mark.parametrize("sentence", ["追回违规资金12万元，其中退还群众8万元。", "清退资金12万元（其中退还个人8万元）。"])
def test_a_part_of_the_money_returned_is_not_added_to_it(sentence):
    assert _read(sentence).declared == {"money_returned": 120000}


def test_states_that_add_up_to_the_measures_count_the_measures_though_the_problems_are_said_first():
    figures = _read("巡察反馈的3个方面7个问题，制定整改措施16条。截至目前，已完成13条，完成率81.3%，其余3条正在按计划推进。")
    assert figures.declared["basis"] == "measures"
    assert not any("多于问题总数" in d.message for d in figures.doubts)


@pytest.mark.parametrize("sentence, key", [
    ("巡察反馈的21个问题，已完成整改20个、正在推进一个。", "in_progress"),
    ("巡察反馈的21个问题，已完成整改20个，长期坚持一个。", "long_term"),
    ("巡察反馈的1个问题，已完成整改一个。", "completed"),
    ("巡察反馈的21个问题，已完成整改20个，剩余一项正在推进。", "in_progress"),
])
def test_a_count_of_one_written_in_words_is_read(sentence, key):
    assert _read(sentence).declared[key] == 1


def test_a_motto_with_one_in_it_is_no_count():
    assert "completed" not in _read("坚持整改一项、销号一项，确保件件有着落。").declared


@pytest.mark.parametrize("sentence", ["共反馈问题三十项。", "共反馈问题30项，制定整改措施60条。"])
def test_problems_counted_in_items_are_read(sentence):
    assert _read(sentence).declared["problems"] == 30


def test_counts_of_one_in_words_each_go_to_their_own_state():
    figures = _read("巡察反馈三个方面共计二十一个问题，共制定整改措施六十五项，已完成整改十九个、基本完成一个、长期坚持一个。")
    declared = figures.declared
    assert (declared["completed"], declared["basically_completed"], declared["long_term"]) == (19, 1, 1)
    assert declared["basis"] == "problems"  # 19 + 1 + 1 problems, not of the 65 measures said between
