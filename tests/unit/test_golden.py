"""The three example documents render exactly as recorded: web page, print HTML, search blocks.

A change to how any valid data file renders shows up here. When it is intended, rewrite the
records with `ZHENGGAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_golden.py`
and say in the commit what changed and why.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from zhenggai.data import load_all
from zhenggai.pdf.printhtml import Rendering, print_html
from zhenggai.search.text import document_blocks
from zhenggai.site import Renderer

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
COLLECTION = load_all([ROOT / "data"]).collection
# Overdue depends on the day the site is built; the records are made as of the day the
# oldest notice was published, when nothing of them was late (tests/unit/test_overdue.py).
AS_OF = dt.date(2018, 3, 6)
# What the print says of itself at its end: the site and the day of the rendering.
RENDERING = Rendering("巡察整改公开", dt.date(2026, 12, 2))


def _outputs(doc) -> dict[str, str]:
    return {
        "web.html": Renderer(COLLECTION, as_of=AS_OF).document_page(doc).body + "\n",
        "print.html": print_html(doc, RENDERING),
        "blocks.txt": "".join(f"{b.anchor}\t{b.text}\n" for b in document_blocks(doc)),
    }


@pytest.mark.parametrize("doc", COLLECTION.documents, ids=lambda d: d.id)
@pytest.mark.parametrize("kind", ["web.html", "print.html", "blocks.txt"])
def test_example_renders_as_recorded(doc, kind):
    path = GOLDEN / f"{doc.id}.{kind}"
    rendered = _outputs(doc)[kind]
    if os.environ.get("ZHENGGAI_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered, f"{path.name} changed; see this module's docstring"
