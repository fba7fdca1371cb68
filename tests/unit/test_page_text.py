"""The search index and the page agree on what a reader sees: every search block is on the page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from zhenggai.testing.search_site import sample_corpus
from zhenggai.data import load_all
from zhenggai.search.text import document_blocks
from zhenggai.site import Renderer

ROOT = Path(__file__).resolve().parents[2]


def _page_text(body: str) -> str:
    """The text of a page as a reader sees it: tags dropped, entities decoded, no line breaks."""
    text = re.sub(r"<[^>]+>", "", body.replace("\n", ""))
    return html.unescape(text)


def _documents():
    return list(load_all([ROOT / "data"]).collection) + sample_corpus(12, seed=11)  # 12 shapes; more only slow the fast tier


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: d.id)
def test_every_search_block_appears_on_the_document_page(doc):
    page = _page_text(Renderer([doc]).document_page(doc).body)
    missing = [b.text for b in document_blocks(doc) if b.text not in page]
    assert not missing, missing[:5]
