"""Items withheld under the inspection rules: a placeholder everywhere, none of their text anywhere.

The whole-site check (every file of a real build, PDFs and search index included) is
tests/e2e/test_private.py; here each output is checked on its own, fast.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.data import load_file
from zhenggai.data.dump import published_yaml
from zhenggai.model import WithheldKind, withheld_title
from zhenggai.opendata.datasets import gather_rows
from zhenggai.opendata.feeds import summary
from zhenggai.pdf.printhtml import print_html
from zhenggai.search.text import document_blocks
from zhenggai.site import Renderer, build_tracking

AS_OF = dt.date(2019, 7, 1)
SECRET = "某案涉案人员张某某"

WITHHELD_YAML = VALID_YAML.replace(
    "          - title: 理论学习不够深入\n            status: 已完成\n",
    f"          - title: {SECRET}违规收受礼金\n            withheld: 案件\n            status: 已完成\n"
    f"            responsible: {SECRET}所在科室\n            leader: {SECRET}的分管领导\n",
).replace(
    "              - title: 公务用车管理不规范\n                status: 正在推进中\n                deadline: 计划6月底前完成\n",
    "              - title: 公务用车管理不规范\n                status: 正在推进中\n                deadline: 计划6月底前完成\n"
    f"              - title: 涉及{SECRET}的信访事项\n                withheld: 可能引发群体性上访\n"
    f"                status: 正在推进中\n                deadline: 计划{SECRET}6月底前完成\n"
    f"                measures:\n                  - 约谈{SECRET}。\n",
)


@pytest.fixture
def doc(write):
    found, diagnostics = load_file(write("x.yml", WITHHELD_YAML))
    assert found is not None, [str(d) for d in diagnostics]
    return found


def test_the_model_keeps_only_the_kind_the_status_and_the_placeholder(doc):
    withheld = [f for f in doc.findings() if f.withheld]
    assert [(f.withheld, f.title, f.status.value, f.deadline, f.measures, f.responsible) for f in withheld] == [
        (WithheldKind.CASE, "此项依规不予公开（涉及正在审查或尚未公布的案件）", "已完成", None, (), None),
        (WithheldKind.PETITION, "此项依规不予公开（涉及可能引发群体性上访）", "正在推进中", None, (), None),
    ]
    assert doc.tally().withheld == 2
    assert SECRET not in doc.model_dump_json()
    assert SECRET not in published_yaml(doc).decode("utf-8")  # the data attached to the PDF


def test_every_output_shows_the_placeholder_and_none_of_the_text(doc):
    renderer = Renderer([doc], as_of=AS_OF)
    page = renderer.document_page(doc).body
    tracking = build_tracking((doc,), AS_OF)
    rows = gather_rows([doc], tracking)
    outputs = {
        "page": page,
        "home": renderer.home().body,
        "print": print_html(doc),
        "search": "\n".join(b.text for b in document_blocks(doc)),
        "rows": json.dumps([rows.findings, rows.documents], ensure_ascii=False),
        "feed": summary(doc, doc.tally(), tracking),
    }
    leaks = [name for name, text in outputs.items() if SECRET in text]
    assert not leaks
    for name in ("page", "print", "search", "rows"):
        assert withheld_title(WithheldKind.CASE) in outputs[name], name
    assert "本通报有 2 项依规不予公开" in page and "本通报有 2 项依规不予公开" in outputs["print"]
    assert "2 项依规不予公开" in outputs["feed"]
    assert [r["withheld"] for r in rows.findings] == [WithheldKind.CASE.value, None, WithheldKind.PETITION.value]
    assert rows.documents[0]["withheld"] == 2


def test_a_withheld_item_under_a_numbered_heading_template_is_not_quoted(write):
    text = WITHHELD_YAML.replace("numbering:", "x:") + "numbering:\n  problems:\n    heading: 针对“{title}”的问题\n"
    found, diagnostics = load_file(write("x.yml", text))
    assert found is not None, [str(d) for d in diagnostics]
    page = Renderer([found], as_of=AS_OF).document_page(found).body
    assert "1.此项依规不予公开（涉及正在审查或尚未公布的案件）" in page.replace("</a>", "")
    assert "针对“制度执行不严格”的问题" in page


def test_an_unknown_kind_is_an_error_naming_the_five_kinds(write, monkeypatch):
    monkeypatch.chdir(write("x.yml", WITHHELD_YAML.replace("withheld: 案件", "withheld: 机密")).parent)
    found, diagnostics = load_file(Path("x.yml"))
    assert found is None
    assert [str(d) for d in diagnostics if d.is_error] == [
        "x.yml:21: sections.1.categories.0.problems.0.withheld: “机密” 不是可选的值，可选：国家秘密、"
        "正在审查或尚未公布的案件、可能引起炒作、可能引发群体性上访、其他重大敏感事项（第二章 第一个方面 第一个问题）"
    ]
