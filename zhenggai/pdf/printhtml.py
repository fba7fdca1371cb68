"""The print HTML and stylesheet of a document's archival PDF, without WeasyPrint.

The same models and numbering as the web page, through the print templates (templates/):
what `render.py` hands to WeasyPrint, and what tests and tools read without loading it.
"""

from __future__ import annotations

from ..model import Document
from ..numbering import number_document
from ..templating import environment
from ..text import status_words

TEMPLATE = "document.html"
STYLESHEET = "document.css"


def _environment():
    env = environment("zhenggai.pdf")
    env.globals.update(status_words=status_words)
    return env


_ENV = _environment()


def print_html(doc: Document) -> str:
    """The print HTML of `doc`, numbered as on the web page."""
    return _ENV.get_template(TEMPLATE).render(doc=doc, sections=number_document(doc), tally=doc.tally())


def stylesheet_text() -> str:
    """The print stylesheet's text."""
    return _ENV.loader.get_source(_ENV, STYLESHEET)[0]
