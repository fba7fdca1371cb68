"""A shaped document as published: plain text, the unit's Word file, a saved CMS page.

All three print the same `lines.document_lines` (labels and headings from number_document),
laid out by the document's `Layout`: `published_text` as a unit's CMS shows the notice when
copied out (title line, 发布日期/来源 line or the disclosure catalogue, paragraphs),
`published_docx` with Word list numbering for some levels, `published_html` as the page saved
from a government site (chrome, breadcrumbs, catalogue table, 【打印】【字体】, 浏览次数, share bar).
Each takes the data of a document (a data-file dict, or a Document) and its layout.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...model import Document
from ...templating import environment
from ..reshape import table
from ..variety import Layout, ShapedDocument
from .lines import Line, TableBlock, document_lines

__all__ = ["SUFFIXES", "Line", "TableBlock", "document_lines", "published_docx", "published_html",
           "published_text", "write_published_file"]

SUFFIXES = {"txt": ".txt", "docx": ".docx", "html": ".html"}
_BLANK_INDENT = "  "  # seed 000: body paragraphs indented, blank lines between them


def as_document(data: dict[str, Any] | Document, doc_id: str = "published") -> Document:
    """`data` (a data file's mapping, without its id) as a validated Document."""
    return data if isinstance(data, Document) else Document.model_validate({**data, "id": doc_id})


def published_text(data: dict[str, Any] | Document, layout: Layout = Layout()) -> str:
    """The notice as plain text, as copied from the unit's site: one line a paragraph."""
    doc = as_document(data)
    lines = [b for b in document_lines(doc, layout) if isinstance(b, Line)]
    head = _catalogue_lines(doc, layout) if layout.catalogue else []
    dateline = _date_line(doc, layout)
    body: list[str] = []
    for line in lines:
        body.append(line.shown)
        if line.role == "title" and dateline:
            body.append(dateline)
    if dateline and not (lines and lines[0].role == "title"):
        body.insert(0, dateline)
    if layout.spacing == "blank":
        titled = lines and lines[0].role == "title"
        indented = [text if (i == 0 and titled) else _BLANK_INDENT + text for i, text in enumerate(body)]
        return "\n".join(head) + ("\n\n" if head else "") + "\n\n".join(indented) + "\n"
    return "\n".join([*head, *body]) + "\n"


def _catalogue_lines(doc: Document, layout: Layout) -> list[str]:
    """The catalogue block as the text copied from a disclosure page reads (seed 002)."""
    m, c = doc.metadata, layout.colon
    publisher = m.publisher or ""
    return [
        "政府信息公开",
        f"{publisher}政府信息公开",
        f"索引号{c} {m.index_no or ''} 分类{c} {m.category or ''}",
        f"发布机构{c} {publisher} 成文日期{c} {m.written.isoformat() if m.written else ''}",
        f"名称{c} {doc.title}",
        f"文号{c} {m.doc_no or ''} 发布日期{c} {m.published.isoformat()}",
        f"主题词{c} {' '.join(m.subject_words)}",
        "【打印】 【字体:大 中 小】",
    ]


def _date_line(doc: Document, layout: Layout) -> str:
    if layout.date_line == "none":
        return ""
    c = layout.colon
    line = f"发布日期{c}{doc.metadata.published.isoformat()}"
    if layout.date_line == "date_source" and doc.metadata.source:
        line += f"   来源{c}{doc.metadata.source}"
    if layout.catalogue:
        line += f"  浏览次数{c}-"
    return line


def published_docx(data: dict[str, Any] | Document, path: Path, layout: Layout = Layout()) -> Path:
    """The notice as the unit's .docx file at `path` (Word numbering for `layout.word_numbered`)."""
    from .word import write_docx  # python-docx: loaded only when Word files are written

    return write_docx(as_document(data), layout, path)


def published_html(data: dict[str, Any] | Document, layout: Layout = Layout()) -> str:
    """The notice as a page saved from a government website."""
    doc = as_document(data)
    site = table("sites")[layout.site % len(table("sites"))]
    publisher = doc.publisher
    city = (re.match(r"^(?:中共)?(.+?市)", publisher) or re.match("(.*)", publisher)).group(1)
    digest = hashlib.sha256(publisher.encode()).hexdigest()
    lines = [b for b in document_lines(doc, layout) if isinstance(b, Line) and b.role != "title"]
    return _page_template().render(
        doc=doc, meta=doc.metadata, layout=layout, lines=lines,
        site_name=site["name"].format(city=city, city_short=city.removesuffix("市"), publisher=publisher),
        column=site["column"], catalogue_style=site.get("catalogue", "table"),
        channel=doc.metadata.category or doc.kind.value,
        site_code=str(int(digest[:12], 16))[:10].rjust(10, "0"), icp=str(int(digest[12:20], 16))[:8],
    )


@lru_cache(maxsize=1)
def _page_template():
    return environment("zhenggai.synth.published").get_template("page.html")


def write_published_file(shaped: ShapedDocument, path: Path) -> Path:
    """Write `shaped` in its form at `path`: text in the layout's encoding and line ends."""
    doc = as_document(shaped.data, shaped.id)
    if shaped.form == "docx":
        return published_docx(doc, path, shaped.layout)
    if shaped.form == "html":
        Path(path).write_bytes(published_html(doc, shaped.layout).encode("utf-8"))
        return Path(path)
    text = published_text(doc, shaped.layout).replace("\n", shaped.layout.newline)
    Path(path).write_bytes(text.encode(shaped.layout.encoding))
    return Path(path)
