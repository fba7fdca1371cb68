"""The print HTML and stylesheet of a document's archival PDF, without WeasyPrint.

The same models and numbering as the web page, through the print templates (templates/):
what `render.py` hands to WeasyPrint, and what tests and tools read without loading it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Document, DocumentKind
from ..numbering import number_document
from ..templating import environment
from ..text import status_words

TEMPLATE = "document.html"
DEFAULT_SITE = "整改公开"


@dataclass(frozen=True)
class Rendering:
    """生成说明 — what an archive copy says about itself: the site that rendered it, and the day
    (the version's date: the build's day, as archive/versions.json records it)."""

    site: str
    date: dt.date
STYLESHEET = "document.css"


def made_from(kind: DocumentKind) -> str:
    """What an archive copy was made from, as its closing line says it: 已发布的巡察整改情况通报;
    a disclosure page is information made public (已公开的政府信息), not 已发布的政府信息公开."""
    return "已公开的政府信息" if kind is DocumentKind.DISCLOSURE else f"已发布的{kind.value}"


def _environment():
    env = environment("zhenggai.pdf")
    env.globals.update(status_words=status_words, made_from=made_from)
    return env


_ENV = _environment()


def print_html(doc: Document, rendering: Rendering | None = None) -> str:
    """The print HTML of `doc`, numbered as on the web page; with `rendering`, its closing line
    says which site made this copy and when."""
    return _ENV.get_template(TEMPLATE).render(doc=doc, sections=number_document(doc), tally=doc.tally(),
                                              rendering=rendering)


def stylesheet_text() -> str:
    """The print stylesheet's text."""
    return _ENV.loader.get_source(_ENV, STYLESHEET)[0]
