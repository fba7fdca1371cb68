"""The document page's markup: ids unique on the page, every ARIA reference resolved."""

from __future__ import annotations

import re
from collections import Counter

import yaml
from conftest import VALID_YAML

from zhenggai.model import Document
from zhenggai.site.render import Renderer


def _two_problem_sections() -> Document:
    data = yaml.safe_load(VALID_YAML)
    second = {"heading": "巡视反馈问题整改落实情况", "categories": [
        {"title": "作风建设有差距", "problems": [{"title": "文山会海", "status": "已完成"}]}]}
    data["sections"].append(second)
    data["declared"] = {"categories": 2, "problems": 3}
    return Document.model_validate({**data, "id": "two"})


def test_ids_are_unique_and_references_resolve_with_two_sections_of_problems():
    body = Renderer([_two_problem_sections()]).document_page(_two_problem_sections()).body
    ids = Counter(re.findall(r'\sid="([^"]+)"', body))
    assert [i for i, n in ids.items() if n > 1] == []
    for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
        for target in re.findall(rf'{attribute}="([^"]+)"', body):
            assert all(part in ids for part in target.split()), (attribute, target)
    # The declared totals are the notice's, not a section's: one table, the site's own check after
    # the notice's text (本站核对), so after the last list of problems.
    assert body.count("本站核对（非通报原文）") == 1
    assert body.index("本站核对（非通报原文）") > body.index("文山会海")


def test_the_leader_and_the_unit_responsible_are_each_named_on_the_page_and_in_the_printed_state():
    from zhenggai.text import status_words

    data = yaml.safe_load(VALID_YAML)
    problem = data["sections"][-1]["categories"][0]["problems"][0]
    problem.update({"leader": "分管副局长", "responsible": "计划财务科"})
    doc = Document.model_validate({**data, "id": "lead"})
    body = Renderer([doc]).document_page(doc).body
    assert "责任领导：分管副局长" in body and "责任单位：计划财务科" in body
    finding = next(iter(doc.findings()))
    assert "责任领导：分管副局长，责任单位：计划财务科" in status_words(finding)
