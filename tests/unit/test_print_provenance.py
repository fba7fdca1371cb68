"""The archive copy's closing line says what it was made from in good Chinese, for every kind."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from zhenggai.model import Document, DocumentKind
from zhenggai.pdf.printhtml import Rendering, print_html

# Audit 2026-12-08 #4: 根据已发布的政府信息公开生成 (a disclosure page is published information,
# not "a published 政府信息公开").
MADE_FROM = {
    DocumentKind.NOTICE: "已发布的巡察整改情况通报",
    DocumentKind.PROGRESS: "已发布的阶段性进展情况通报",
    DocumentKind.PROGRESS_REPORT: "已发布的巡察整改进展情况通报",
    DocumentKind.TOUR_NOTICE: "已发布的巡视整改情况通报",
    DocumentKind.TOUR_PROGRESS: "已发布的巡视整改进展情况通报",
    DocumentKind.DISCLOSURE: "已公开的政府信息",
}


def _doc(kind: DocumentKind) -> Document:
    return Document.model_validate({
        "id": "x", "kind": kind.value, "title": "某某文件", "metadata": {"published": "2021-06-10"},
        "inspection": {"body": "区委第一巡察组", "target": "某局党组", "feedback": "2021-03-30"},
        "sections": [{"heading": "整改落实情况", "paragraphs": ["正文。"]}],
    })


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.name)
def test_the_closing_line_names_what_the_copy_was_made_from(kind):
    page = print_html(_doc(kind), Rendering("巡察整改公开", dt.date(2026, 12, 2)))
    closing = html.unescape(re.search(r'<p class="provenance">(.*?)</p>', page).group(1))
    assert closing == (f"本件为巡察整改公开网站根据{MADE_FROM[kind]}生成的归档版本，"
                       "生成日期2026年12月2日，结构化数据见附件 x.yml。")
