"""Notices that list problems without categories, or each problem as a part of its own
(一、整改工作开展情况 二、关于“…”问题的整改情况 三、关于…): numbered, shown and searched as published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zhenggai.model import Document
from zhenggai.numbering import number_document
from zhenggai.pdf.printhtml import print_html
from zhenggai.search.text import document_blocks
from zhenggai.site import Renderer
from zhenggai.data.collection import Collection

DOC = {
    "id": "x", "kind": "巡察整改情况通报", "title": "某局党组关于巡察整改情况的通报",
    "metadata": {"published": "2024-05-06"},
    "inspection": {"body": "市委第一巡察组", "target": "某局党组"},
    "sections": [
        {"heading": "整改工作开展情况", "paragraphs": ["局党组成立整改领导小组。"]},
        {"categories": [{"problems": [
            {"title": "理论学习不深入", "measures": ["制定学习计划。", "开展专题研讨。"]},
            {"title": "公车管理不规范", "measures": ["建立派车登记制度。"]},
        ]}]},
        {"heading": "整改落实情况", "categories": [{"problems": [{"title": "会议过多", "measures": ["压减会议。"]}]}]},
        {"heading": "下一步工作打算", "role": "next_steps", "paragraphs": ["持续巩固整改成果。"]},
    ],
    "numbering": {"problems": {"label": "{cn}、", "heading": "关于“{title}”问题的整改情况"}},
}


def test_problems_in_a_part_without_heading_take_the_part_numbers_and_the_next_part_goes_on():
    doc = Document.model_validate(DOC)
    numbered = number_document(doc)
    assert [s.label for s in numbered] == ["一、", "", "四、", "五、"]
    assert [(p.label, p.heading) for p in numbered[1].categories[0].problems] == [
        ("二、", "关于“理论学习不深入”问题的整改情况"), ("三、", "关于“公车管理不规范”问题的整改情况")]
    assert [c.heading for c in numbered[2].categories] == [""]


def test_the_page_the_print_copy_and_search_show_no_missing_heading():
    doc = Document.model_validate(DOC)
    body = Renderer(Collection([(doc, Path("x.yml"))]), as_of=dt.date(2024, 6, 1)).document_page(doc).body
    assert "None" not in body
    assert "<h2>二、关于“理论学习不深入”问题的整改情况</h2>" in body.replace('<a class="zg-anchor" href="#c1-p1">二、</a>', "二、")
    assert '<h3><a class="zg-anchor" href="#c2-p1">四、</a>' not in body  # the part 四、 numbers itself, not its problem
    assert ">一、</a>关于“会议过多”问题的整改情况</h3>" in body  # under a titled part: one level down
    assert doc.tally().categories == 0 and doc.tally().problems == 3
    printed = print_html(doc)
    assert "None" not in printed and "二、关于“理论学习不深入”问题的整改情况" in printed
    blocks = [b.text for b in document_blocks(doc)]
    assert "None" not in "".join(blocks) and "二、关于“理论学习不深入”问题的整改情况" in blocks
