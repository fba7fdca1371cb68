"""GB/T 15834: no half-width , : ; ( ) between Chinese characters in any template, message or
print string of the package (tests/support/punctuation.py says where they are), nor in the
pages and prints they make from text that itself is full-width.

`ZHENGGAI_FIX_PUNCTUATION=1 .venv/bin/python -m pytest tests/unit/test_punctuation.py` makes
what this test finds full-width in place (as ZHENGGAI_UPDATE_GOLDEN does for the golden files),
e.g. after merging a branch that added messages.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

import pytest
from support.punctuation import ROOT, _yaml, files, fix, problems

from zhenggai.data import load_all
from zhenggai.pdf.printhtml import Rendering, print_html
from zhenggai.site import Renderer
from zhenggai.text import fullwidth_punctuation, halfwidth_marks

FIX = os.environ.get("ZHENGGAI_FIX_PUNCTUATION") == "1"


@pytest.mark.parametrize("path", files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_and_messages_use_full_width_marks_in_chinese(path):
    if FIX:
        fix(path)
    assert problems(path) == []


@pytest.mark.parametrize("text, marks", [
    ("已完成:17 项", [3]),
    ("2 项(截至2026年12月7日)", [3, 16]),
    ("下载 PDF(258 KB)", []),  # between Latin letters and digits
    ("data/x.yml:9: metadata.published: “2019-02-30” 不是有效的日期", []),  # a place, not a sentence
    ("“published:”后面缺少空格", []),  # a quoted literal
    ("网址:http://example.gov.cn", [2]),
])
def test_which_marks_stand_in_a_chinese_sentence(text, marks):
    assert halfwidth_marks(text) == marks


def _full_width_data(tmp_path: Path) -> Path:
    """The example data with its own text made full-width (as the importer now writes it)."""
    out = tmp_path / "data"
    out.mkdir()
    for source in sorted((ROOT / "data").glob("*.yml")):
        text = source.read_text(encoding="utf-8")
        for start, end in sorted(_yaml(text), reverse=True):
            text = text[:start] + fullwidth_punctuation(text[start:end])[0] + text[end:]
        (out / source.name).write_text(text, encoding="utf-8")
    return out


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_pages_and_prints_made_from_full_width_text_have_no_half_width_marks(tmp_path):
    collection = load_all([_full_width_data(tmp_path)]).collection
    assert len(collection) == 3
    pages = Renderer(collection, as_of=dt.date(2026, 12, 7)).site_pages()
    found = [f"{page.path}: …{text[max(0, at - 12):at + 12]}…" for page in pages
             for text in [_visible(page.body)] for at in halfwidth_marks(text)]
    rendering = Rendering("巡察整改公开", dt.date(2026, 12, 7))
    found += [f"{doc.id}.pdf: …{text[max(0, at - 12):at + 12]}…" for doc in collection
              for text in [_visible(print_html(doc, rendering))] for at in halfwidth_marks(text)]
    assert found == []
