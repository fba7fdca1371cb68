"""A page saved from a government CMS: its catalogue table read, its chrome dropped.

lxml (already a dependency of WeasyPrint and python-docx) parses the page; what is chrome
(navigation, breadcrumbs, 【打印】【字体】, share bars, scripts) is removed before the text is
taken, block element by block element, so each paragraph stays one line.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "iframe", "form", "button", "select")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "dd", "dt", "section", "article", "table")
_CHROME_CLASS = re.compile(r"nav|menu|breadcrumb|crumb|share|footer|header|toolbar|print|fontsize|sidebar|position|location", re.I)


def read_html(path: Path, text: str) -> tuple[str, dict[str, str]]:
    """(the page's text, one paragraph a line; its catalogue metadata by field name)."""
    root = lxml_html.fromstring(text)
    for element in root.iter(*_DROP):
        element.drop_tree()
    metadata = _catalogue(root)
    for element in list(root.iter()):
        if element.getparent() is not None and _CHROME_CLASS.search(" ".join(
                [element.get("class", ""), element.get("id", "")])) and not _holds_body(element):
            element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "br":
            continue
        element.text = "\n" + (element.text or "")
    for cell in root.iter("td", "th"):
        cell.tail = " " + (cell.tail or "")
    lines = [line.strip() for line in root.text_content().splitlines()]
    return "\n".join(line for line in lines if line), metadata


def _holds_body(element) -> bool:
    # A wrapper with a chrome-like class may still hold the article: keep anything long.
    return len(element.text_content()) > 400


def _catalogue(root) -> dict[str, str]:
    """The 索引号 … 主题词 table: each label cell followed by its value cell."""
    found: dict[str, str] = {}
    wanted = {"索引号": "index_no", "分类": "category", "发布机构": "publisher", "成文日期": "written",
              "名称": "title", "文号": "doc_no", "发布日期": "published", "主题词": "subject_words",
              "来源": "source"}
    for table in root.iter("table"):
        cells = [re.sub(r"\s+", " ", c.text_content()).strip() for c in table.iter("td", "th")]
        labels = [c.rstrip(":：").strip() for c in cells]
        if "索引号" not in labels and "发布机构" not in labels:
            continue
        for i, label in enumerate(labels[:-1]):
            key = wanted.get(label)
            value = cells[i + 1].strip()
            if key and value and value.rstrip(":：") not in wanted:
                found.setdefault(key, value)
        table.drop_tree()
        break
    return found
