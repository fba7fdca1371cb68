"""One order of categories: a section's sub-sections come before its own categories, on the page
and in the PDF, the numbering, search, open data, tracking and the validator's messages."""

from __future__ import annotations

import datetime as dt

import yaml
from conftest import VALID_YAML

from zhenggai.data.series import located_findings
from zhenggai.model import Document, walk_categories
from zhenggai.numbering import number_document
from zhenggai.opendata.datasets import gather_rows
from zhenggai.pdf.printhtml import print_html
from zhenggai.search.text import document_blocks
from zhenggai.site.render import Renderer
from zhenggai.site.tracking import build_tracking

# A rectification part with a sub-section of categories and a category of its own; problem titles
# name where each stands.
OWN, SUB = "本部分自有方面的问题", "下级章节中方面的问题"


def _shaped() -> Document:
    data = yaml.safe_load(VALID_YAML)
    data["sections"][1] = {
        "heading": "巡察反馈问题整改落实情况",
        "sections": [{"heading": "第一批问题", "categories": [
            {"title": "下级章节的方面", "problems": [{"title": SUB, "status": "已完成"}]}]}],
        "categories": [{"title": "本部分自有的方面", "problems": [{"title": OWN, "status": "已完成"}]}],
    }
    data.pop("declared", None)
    return Document.model_validate({**data, "id": "shaped"})


def _order(texts) -> list[str]:
    """OWN and SUB in the order they first appear in `texts`."""
    joined = "\n".join(texts)
    return sorted((OWN, SUB), key=joined.index)


def test_the_page_shows_the_sub_section_first():
    doc = _shaped()
    assert _order([Renderer([doc]).document_page(doc).body]) == [SUB, OWN]


def test_the_archived_pdf_prints_the_sub_section_first():
    # The print HTML WeasyPrint lays out (pdf/printhtml.py): the PDF follows the page.
    assert _order([print_html(_shaped())]) == [SUB, OWN]


def test_every_walk_follows_the_page():
    doc = _shaped()
    page = [SUB, OWN]
    assert [p.title for c in doc.categories() for p in c.problems] == page
    assert [p.title for _, c in walk_categories(doc.sections) for p in c.problems] == page
    assert [f.title for f in doc.findings()] == page
    assert _order(b.text for b in document_blocks(doc)) == page
    assert [f.title for _, f in located_findings(doc)] == page
    numbered = [p for _, c in walk_categories(number_document(doc)) for p in c.problems]
    assert [p.problem.title for p in numbered] == page
    tracking = build_tracking((doc,), dt.date(2019, 7, 1))
    rows = gather_rows([doc], tracking).findings
    assert [r["problem"] for r in rows] == page


def test_paths_name_where_each_category_is():
    doc = _shaped()
    paths = [at for at, _ in walk_categories(doc.sections)]
    assert paths == [("sections", 1, "sections", 0, "categories", 0), ("sections", 1, "categories", 0)]


def test_a_document_s_categories_and_findings_are_worked_out_once_and_go_with_it():
    import gc

    from zhenggai import model

    doc = _shaped()
    assert doc.categories() is doc.categories() and doc.findings() is doc.findings()
    assert [p.title for p in doc.problems()] == [p.title for c in doc.categories() for p in c.problems]
    copy = doc.model_copy()
    assert copy.findings() == doc.findings() and copy.findings() is not doc.findings()  # by identity
    key = id(doc)
    del doc
    gc.collect()
    assert key not in model._DERIVED
