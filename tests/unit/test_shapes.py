"""Shapes real notices take beyond the examples, held by the model and rendered as published
on the web page, in the print HTML and in the search blocks."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from zhenggai.model import Document
from zhenggai.numbering import format_label, number_document, quoted
from zhenggai.pdf.printhtml import print_html
from zhenggai.search.text import document_blocks
from zhenggai.site import Renderer
from zhenggai.text import declared_completion, outcomes

SHAPED = """\
kind: 巡视整改进展情况通报
title: 中共深圳市罗湖区委关于省委巡视整改进展情况的通报
metadata:
  published: 2021-10-08
inspection:
  body: 省委第十巡视组
  target: 深圳市罗湖区
  feedback: 2021-07-05
numbering:
  categories: {label: "", heading: "第{cn}方面问题,{title}"}
  problems: {label: "（{cn}）", continuous: true, heading: "针对“{title}”的问题"}
  measures: {label: "{n}.", continuous: true}
sections:
  - heading: 整改落实情况
    categories:
      - title: 全面从严治党“两个责任”落实不到位
        problems:
          - title: 主体责任压得不实
            measures:
              - 制定责任清单。
              - text: 完善考核办法。
                paragraphs: [考核结果与评优挂钩。, 每半年通报一次。]
          - title: 监督责任履行不力
            measures:
              - points:
                  - 开展专项检查。
                  - text: 建立问题台账。
                    points: [按月更新, 按季通报]
      - title: 落实中央八项规定精神不够严格
        problems:
          - title: 公务接待不规范
            measures: [修订接待办法。]
declared:
  problems: 25
  completed: 24
  basis: problems
  measures: 53
  rules_made: 20
"""


@pytest.fixture(scope="module")
def doc() -> Document:
    return Document.model_validate({**yaml.safe_load(SHAPED), "id": "lh-2021"})


def _text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body.replace("\n", "")))


def test_labels_and_headings_follow_the_documents_scheme(doc):
    [section] = number_document(doc)
    first, second = section.categories
    assert (first.label, first.heading) == ("", "第一方面问题,全面从严治党“两个责任”落实不到位")
    assert (second.label, second.heading) == ("", "第二方面问题,落实中央八项规定精神不够严格")
    problems = [p for c in section.categories for p in c.problems]
    assert [p.label for p in problems] == ["（一）", "（二）", "（三）"]  # continuous through the notice
    assert problems[0].heading == "针对“主体责任压得不实”的问题"
    measures = [m.label for p in problems for m in p.measures]
    assert measures == ["1.", "2.", "3.", "4."]  # measures numbered through the notice too
    [only_points] = problems[1].measures
    assert [p.label for p in only_points.points] == ["（1）", "（2）"]
    assert [p.label for p in only_points.points[1].points] == ["一是", "二是"]


def test_the_web_page_shows_them_as_published(doc):
    text = _text(Renderer([doc]).document_page(doc).body)
    for shown in ("第一方面问题,全面从严治党“两个责任”落实不到位", "（一）针对“主体责任压得不实”的问题",
                  "1.制定责任清单。", "2.完善考核办法。考核结果与评优挂钩。每半年通报一次。",
                  "3.（1）开展专项检查。（2）建立问题台账。一是按月更新二是按季通报",
                  "（三）针对“公务接待不规范”的问题", "4.修订接待办法。",
                  "省委第十巡视组对深圳市罗湖区进行巡视，2021年7月5日反馈巡视意见。",
                  "建立和完善制度 20 项。", "已完成 24/25（96%），按通报声明的问题统计。"):
        assert shown in text, shown
    assert "3.\n" not in text and "建立和完善制度 20 项；" not in text


def test_the_print_html_shows_them_the_same_way(doc):
    page = print_html(doc)
    text = _text(page)
    for shown in ("第一方面问题,全面从严治党“两个责任”落实不到位", "（一）针对“主体责任压得不实”的问题",
                  "1.制定责任清单。", "3.（1）开展专项检查。", "（2）建立问题台账。", "一是按月更新"):
        assert shown in text, shown
    assert page.count("本通报未逐项说明整改状态") == 1  # said once, not under every problem
    assert not re.search(r'<p class="measure">\d+\.</p>', page)  # no label alone on a line


def test_every_search_block_is_on_the_page(doc):
    text = _text(Renderer([doc]).document_page(doc).body)
    assert [b.text for b in document_blocks(doc) if b.text not in text] == []


def test_completion_never_divides_unlike_things(doc):
    assert declared_completion(doc) == (24, 25, "按通报声明的问题统计")
    measures_only = doc.model_copy(update={"declared": doc.declared.model_copy(update={"basis": None, "problems": None})})
    assert declared_completion(measures_only) == (24, 53, "按通报声明的整改措施统计")  # files written before `basis`
    unknown = doc.model_copy(update={"declared": doc.declared.model_copy(update={"basis": None, "measures": None})})
    assert declared_completion(unknown) is None
    assert outcomes(doc.declared) == "建立和完善制度 20 项。"


@pytest.mark.parametrize(("template", "n", "label"), [
    ("（{cn}）", 25, "（二十五）"), ("{n}.", 45, "45."), ("{cn}、", 3, "三、"), ("{cn}是", 2, "二是"),
    ("{circled}", 3, "③"), ("第{cn}", 11, "第十一"),
])
def test_label_styles(template, n, label):
    assert format_label(template, n) == label


def test_a_quoted_title_inside_quotes_turns_its_quotes_single():
    assert quoted("“{title}”方面", "全面从严治党“两个责任”落实不到位") == "“全面从严治党‘两个责任’落实不到位”方面"
    assert quoted("{title}", "全面从严治党“两个责任”") == "全面从严治党“两个责任”"


@pytest.mark.parametrize("legacy", ["restart", "continuous"])
def test_the_old_numbering_words_still_load(legacy):
    data = {**yaml.safe_load(SHAPED), "id": "x", "numbering": legacy}
    scheme = Document.model_validate(data).numbering
    assert scheme.problems.continuous is (legacy == "continuous") and scheme.items.continuous is (legacy == "continuous")
    assert scheme.measures.label is None
