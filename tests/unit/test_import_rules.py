"""Every rule of the importer's table (zhenggai/importer/rules.yml) against its own examples:
the lines it must find and the lines it must not, in both widths of punctuation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhenggai.importer.fold import fold
from zhenggai.importer import rules as rules_module
from zhenggai.importer.rules import every_rule, rules

RULES = list(every_rule())
_ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def _finds(rule: dict, line: str) -> bool:
    pattern = re.compile(rule["re"])
    view = fold(line)
    return bool(pattern.match(view) if rule.get("mode") == "match" else pattern.search(view))


@pytest.mark.parametrize(("where", "rule"), RULES, ids=[w for w, _ in RULES])
def test_each_rule_finds_its_examples_and_only_them(where, rule):
    assert rule.get("match") and rule.get("no_match"), f"{where}: a rule needs lines it must and must not match"
    for line in rule["match"]:
        for form in (line, line.translate(_ASCII)):
            assert _finds(rule, form), f"{where} misses {form!r}"
    for line in rule["no_match"]:
        for form in (line, line.translate(_ASCII)):
            assert not _finds(rule, form), f"{where} wrongly finds {form!r}"


def test_the_table_has_rules():
    assert len(RULES) > 80


# The shapes seen across real notices (../shared/corpus/README.md, 80 fragments of 40 units),
# each with a line of our own in that shape and the part of rules.yml that must read it.
SHAPES = [
    ("opening: 根据X委统一部署", "opening.start", "根据县委统一部署，2022年4月6日至5月20日"),
    ("opening: 根据X委巡察工作的统一部署", "opening.start", "根据区委巡察工作的统一部署，"),
    ("opening: 按照市委统一部署", "opening.start", "按照市委统一部署，市委第二巡察组"),
    ("group: 第N巡察组", "opening.body", "市委第六巡察组对某局党组进行了巡察"),
    ("group: 省委第N巡视组", "opening.body", "省委第三巡视组对某市开展了巡视"),
    ("group: 中央第N巡视组", "opening.body", "中央第十巡视组对某部党组开展了巡视"),
    ("group: 巡察N组 without 第", "opening.body", "市委巡察三组对某局开展了巡察"),
    ("group: 机动巡察组", "opening.body", "市委机动巡察组对某中心开展了巡察"),
    ("group: 第N专项巡察组", "opening.body", "县委第二专项巡察组对某局开展了专项巡察"),
    ("group: name with the round in it", "opening.body", "八届区委第五轮巡察二组对某街道进行了巡察"),
    ("group: a count of groups", "opening.body", "县委组建3个巡察组对某镇等单位开展了巡察"),
    ("dates: year once", "opening.period", "2022年9月16日至10月18日"),
    ("dates: both years", "opening.period", "2021年4月12日至2021年6月30日"),
    ("dates: - or — for 至", "opening.period", "2024年6月3日—6月28日"),
    ("dates: 下旬/底", "opening.month_period", "2021年9月下旬至11月底"),
    ("verb: 进行了巡察", "opening.target", "对某局党组进行了巡察"),
    ("verb: 开展了巡察", "opening.target", "对某局党组开展了巡察"),
    ("verb: 开展常规巡察", "opening.target", "对某局开展常规巡察"),
    ("verb: 开展了巡视", "opening.target", "对某市开展了巡视"),
    ("target: a policy field (专项巡察)", "opening.target", "对全市农村供水工程建设管理开展了专项巡察"),
    ("target: a list of units", "opening.target", "对某局、某中心等3家单位开展常规巡察"),
    ("target: (以下简称…)", "opening.alias", "某局党组（以下简称局党组）"),
    ("target: (含A、B、C)", "opening.included", "对某局党组（含某中心、某站）进行了巡察"),
    ("target: 我单位/我院党组", "opening.self_reference", "我院党组"),
    ("feedback: 并于…反馈了巡察意见", "opening.feedback_verb", "并于6月5日反馈了巡察意见"),
    ("feedback: recipient omitted", "opening.feedback_verb", "11月25日，巡察组反馈了巡察意见"),
    ("sections: 一、 organisation", "sections.organisation", "一、整改工作组织情况"),
    ("sections: 主体责任 / 第一责任人", "sections.organisation", "二、党委书记履行第一责任人职责情况"),
    ("sections: 二、 problems", "sections.rectification", "二、巡察反馈问题整改落实情况"),
    ("categories: 在“…”方面", "headings.category", "在“全面从严治党”方面"),
    ("categories: 反馈问题：…。", "headings.category", "反馈问题：主体责任落实不到位。"),
    ("categories: 聚焦…情况", "headings.category", "聚焦政治建设情况方面"),
    ("categories: 关于…方面的问题", "headings.category", "关于作风建设方面的问题"),
    ("categories: a status group", "status_group", "已整改完成的问题"),
    ("problems: 问题1.", "labels", "问题1.针对会议过多的问题。"),
    ("problems: 反馈问题一：", "labels", "反馈问题一：会议过多"),
    ("problems: 关于“X”问题的整改(情况)", "headings.problem", "关于“会议过多”问题的整改情况"),
    ("problems: 关于“X”的问题", "headings.problem", "关于“会议过多”的问题"),
    ("problems: 关于 “X” 的问题 (spaces)", "headings.problem", "关于 “会议过多” 的问题。"),
    ("problems: 关于X的问题 (no quotes)", "headings.problem", "关于会议过多的问题"),
    ("problems: 针对“X”的问题。", "headings.problem", "针对“会议过多”的问题。"),
    ("problems: sub-findings （1）", "labels", "（1）对于学习流于形式的问题"),
    ("measures: 整改情况：/整改落实情况：", "status_lead", "整改落实情况：一是压减会议。"),
    ("measures: run-in 一是/二是", "inline_points", "一是压减会议。二是推行视频会议。"),
    ("measures: （1）（2） items", "inline_numbered", "（1）压减会议。（2）推行视频会议。"),
    ("measures: 1.…2.… run together", "inline_arabic", "1.压减会议。2.推行视频会议。"),
    ("problems: 问题：/【问题】 without a number", "problem_line", "【问题】会议过多。"),
    ("measures: 【整改措施】/【整改结果】", "status_lead", "【整改结果】已完成。"),
    ("fields: （二）整改措施： under a problem", "status_lead", "整改措施：1.压减会议。"),
    ("totals: N个方面M个问题", "totals.categories", "共指出4个方面24个问题"),
    ("totals: 三个方面", "totals.categories", "反馈的三个方面问题"),
    ("totals: N类问题", "totals.problems", "4个方面12类问题"),
    ("totals: N个具体问题", "totals.problems", "巡察反馈的27个具体问题"),
    ("totals: K项/条(整改)措施", "totals.measures", "制定整改措施45条"),
    ("totals: N项整改任务", "totals.tasks", "细化为85项整改任务"),
    ("totals: 已完成", "totals.completed", "已完成整改25个"),
    ("totals: 基本完成", "totals.basically_completed", "基本完成3项"),
    ("totals: 正在整改", "totals.in_progress", "正在整改的2个"),
    ("totals: 长期整改", "totals.long_term", "3个长期整改"),
    ("totals: 制度 N项", "totals.rules_made", "建立完善制度6项"),
    ("totals: 万元 with decimals", "totals.money_returned", "清退违规资金12.84万元"),
    ("noise: page chrome", "chrome", "【打印】 【关闭】"),
    ("noise: traditional characters", "opening.body", "市委第二巡察組對某局黨組進行了巡察"),
    ("noise: a heading given as page markup", "markup_heading", "【类型：标题 | 标号：no | 标题：整改落实情况】"),
]


@pytest.mark.parametrize(("shape", "where", "line"), SHAPES, ids=[s for s, _, _ in SHAPES])
def test_every_shape_of_real_notices_has_a_rule(shape, where, line):
    candidates = [rule for place, rule in RULES if place == where or place.startswith(where + "[")
                  or place.startswith(where + ".")]
    assert candidates, f"no rule at {where}"
    assert any(_finds(rule, line) for rule in candidates), f"{shape}: no rule at {where} reads {line!r}"


def test_every_shared_part_is_used_and_none_is_left_unexpanded():
    raw = (Path(rules_module.__file__).parent / "rules.yml").read_text(encoding="utf-8")
    for name in rules()["parts"]:
        assert f"<<{name}>>" in raw, name
    assert not [where for where, rule in every_rule() if "<<" in rule["re"]]
