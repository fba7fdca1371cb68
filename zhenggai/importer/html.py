"""A page saved from a government CMS: its catalogue table read, its chrome dropped.

lxml (already a dependency of WeasyPrint and python-docx) parses the page; what is chrome
(navigation, breadcrumbs, 【打印】【字体】, share bars, scripts) is removed before the text is
taken, block element by block element, so each paragraph stays one line.

libxml2 gives up below 256 levels of nesting (2,048 with `huge_tree`) and keeps the page
above that point without a word: such a page is refused, never read as its chrome alone.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from ..errors import CausedError
from .columns import Continued, header_row

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "iframe", "form", "button", "select", "title")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "dd", "dt", "section", "article", "table")
_CHROME_CLASS = re.compile(r"nav|menu|breadcrumb|crumb|share|footer|header|toolbar|print|fontsize|sidebar|position|location", re.I)


# An XML prolog declaring an encoding: lxml refuses it on text already decoded.
_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_DEPTH = 2048  # libxml2's limit with huge_tree
# Pictures saved inside the page ("data:" URIs) are no text, and can make up most of a page:
# dropped before parsing. What is left is markup and text; a CMS page has a few hundred KB.
# Parsed, the tersest markup (`<p>字` over and over) takes about a hundred bytes of memory per
# character: this bound keeps a hostile page under 500 MB.
_INLINE_DATA = re.compile(r"""(\ssrc\s*=\s*["']?)data:[^"'\s>]{256,}""", re.I)
# What XML cannot hold (C0 controls but tab and line breaks; U+FFFE, U+FFFF). A page may carry
# them raw or as references (&#7;); lxml keeps them in its tree but refuses any text holding them
# set on it (a ValueError): dropped before parsing and, when the page has references, after.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_MARKUP = 2_000_000
# A table's width and how far a merged cell reaches are bounded as a Word table's are (docx.py):
# `colspan="2000000000"` is a hostile page's, not a ledger's.
MAX_COLUMNS = 256
# A page's own <title> often ends with the site's name after a separator: 关于…的通报_某某局.
_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s).*$")


@dataclass
class Page:
    """What a saved page gives: its text (one paragraph a line, each ledger table as a line of
    its own holding `marker` and the table's number), its catalogue metadata, its ledger tables."""

    text: str
    metadata: dict[str, str]
    tables: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)
    marker: str = ""
    dropped: Counter[str] = field(default_factory=Counter)  # the characters XML cannot hold, left out

    def table_at(self, line: str) -> int | None:
        """The index in `tables` of the ledger that stood where `line` is, else None."""
        if self.marker and line.startswith(self.marker) and line[len(self.marker):].isdigit():
            index = int(line[len(self.marker):])
            return index if index < len(self.tables) else None
        return None


class HtmlError(CausedError):
    """The page cannot be read: a stable code and the Chinese cause."""


def read_html(text: str, max_lines: int) -> Page:
    """The page's text, catalogue and ledger tables (`Page`); raises HtmlError, also when the
    page has more than `max_lines` paragraphs."""
    text = _INLINE_DATA.sub(r"\1", _PROLOG.sub("", text, count=1))
    if len(text) > MAX_MARKUP:
        raise HtmlError("source.too_large", f"网页去掉内嵌图片后仍有 {len(text)} 个字符，超过 {MAX_MARKUP} 的上限"
                        "（政府网站的一页通常不到 50 万个字符），请确认选对了文件")
    dropped = Counter(_NOT_XML.findall(text))
    if dropped:
        text = _NOT_XML.sub("", text)
    body, metadata, tables, marker = _page_text(text, dropped)  # the tree, the bulk of the memory, is gone on return
    lines = []
    for match in re.finditer(r"[^\n]+", body):
        line = match.group().strip()
        if line:
            lines.append(line)
            if len(lines) > max_lines:
                raise HtmlError("source.too_long", f"网页正文超过 {max_lines} 段的上限：这不像是一份通报，请确认选对了文件")
    return Page("\n".join(lines), metadata, tables, marker, dropped)


def _page_text(text: str, dropped: Counter[str]) -> tuple[str, dict[str, str], list, str]:
    """The page's text with a line break around each block, chrome dropped; its catalogue; its
    ledger tables, each replaced in the text by a line with a marker no page can foresee.
    Characters XML cannot hold that references put in the tree are left out, counted in `dropped`."""
    root = _parse(text)
    if "&#" in text:
        for element in root.iter():
            for name in ("text", "tail"):
                value = getattr(element, name)
                if value and _NOT_XML.search(value):
                    dropped.update(_NOT_XML.findall(value))
                    setattr(element, name, _NOT_XML.sub("", value))
    page_title = _page_title(root)
    # Collected first: dropping an element while iterating the tree ends the iteration there.
    for element in list(root.iter(*_DROP, etree.Comment, etree.ProcessingInstruction)):
        if element.getparent() is None:
            continue
        if element.tag == "form" and _holds_body(element, 100):  # a search box holds a few words
            element.drop_tag()  # an ASP.NET page wraps the whole page in one <form>: keep what it holds
        else:
            element.drop_tree()
    metadata = _catalogue(root)
    if (day := _meta_date(root)) and "published" not in metadata:
        metadata["published"] = day  # <meta name="PubDate">: the CMS's own record of the day
    if page_title:
        metadata.setdefault("title", page_title)  # the body's own title line, when there is one, wins
    # Only the matches are kept while walking: a list of every element would hold a Python
    # object for each of them at once.
    chrome = [element for element in root.iter() if _CHROME_CLASS.search(
        " ".join([element.get("class", ""), element.get("id", "")]))]
    for element in chrome:
        if element.getparent() is not None and not _holds_body(element):
            element.drop_tree()
    marker = f"〔表格{secrets.token_hex(8)}〕"
    tables = _ledger_tables(root, marker)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "br":
            continue
        element.text = "\n" + (element.text or "")
    for cell in root.iter("td", "th"):
        cell.tail = " " + (cell.tail or "")
    return root.text_content(), metadata, tables, marker


def _page_title(root) -> str | None:
    """The text of the page's <title>, without the site's name after it; kept as the title's
    fallback, never as a line of the body (the body's heading says it, without the site's name)."""
    element = root.find(".//title")
    if element is None:
        return None
    text = re.sub(r"\s+", " ", element.text_content()).strip()
    return _TITLE_SUFFIX.sub("", text) or None


def _ledger_tables(root, marker: str) -> list[tuple[tuple[str, ...], ...]]:
    """Each innermost table whose header names a problem column and a measure or status column
    (`ledger.ledger_columns`), as rows of cells; it is replaced by a marker line (the rows above
    its header, such as a title row, stay as text)."""
    tables = []
    for element in list(root.iter("table")):
        if element.find(".//table") is not None or element.getparent() is None:
            continue  # a layout table holding others: its text stays text
        rows = _grid(element)
        header = header_row(rows)
        if header is None or len(rows) - header < 2:
            continue
        holder = lxml_html.Element("p")
        holder.text = "\n".join([*(" ".join(c for c in row if c) for row in rows[:header]),
                                  f"{marker}{len(tables)}"])
        holder.tail = element.tail
        element.getparent().replace(element, holder)
        tables.append(tuple(rows[header:]))
    return tables


def _grid(table) -> list[tuple[str, ...]]:
    """The table's rows as cells, a merged cell's text in its first row and column only (as
    docx.py gives a Word table's; the rows below a rowspan hold a `Continued` carrying it),
    spans bounded by the table's own rows and MAX_COLUMNS."""
    trs = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
    carried: dict[int, int] = {}  # column → rows still covered by a cell from above
    texts: dict[int, str] = {}  # column → the text of that cell
    rows = []
    for r, tr in enumerate(trs):
        row: list[str] = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while carried.get(len(row), 0) > 0 and len(row) < MAX_COLUMNS:
                carried[len(row)] -= 1
                row.append(Continued(texts[len(row)]) if texts.get(len(row)) else "")
            text = "\n".join(t for t in (re.sub(r"[ \t\r\f\v\u3000]+", " ", s).strip()
                                         for s in _cell_lines(cell)) if t)
            span = min(_span(cell, "colspan"), MAX_COLUMNS - len(row))
            down = min(_span(cell, "rowspan"), len(trs) - r)
            for k in range(max(span, 1)):
                if len(row) >= MAX_COLUMNS:
                    break
                if down > 1:
                    carried[len(row)] = down - 1
                    texts[len(row)] = text if k == 0 else ""
                row.append(text if k == 0 else "")
        while carried.get(len(row), 0) > 0 and len(row) < MAX_COLUMNS:
            carried[len(row)] -= 1
            row.append(Continued(texts[len(row)]) if texts.get(len(row)) else "")
        if any(row):
            rows.append(tuple(row))
    width = max((len(row) for row in rows), default=0)
    return [row + ("",) * (width - len(row)) for row in rows]


def _owner_table(tr):
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_lines(cell) -> list[str]:
    """A cell's text, one string per paragraph or line break inside it."""
    for element in cell.iter("p", "div", "br", "li"):
        element.tail = "\n" + (element.tail or "")
    return cell.text_content().split("\n")


def _span(cell, name: str) -> int:
    try:
        return max(1, int(cell.get(name, "1").strip()[:6]))
    except ValueError:
        return 1


def _parse(text: str):
    """The page's tree; HtmlError when it is empty or nested deeper than libxml2 reads."""
    parser = lxml_html.HTMLParser(huge_tree=True)
    try:
        root = lxml_html.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise HtmlError("html.too_deep", f"网页的标签嵌套超过 {MAX_DEPTH} 层，无法完整读取（正常网页不过几十层），"
                        "请在浏览器中打开，复制正文存为 .txt 后导入")
    if root is None or not root.text_content().strip():
        raise HtmlError("source.empty", "网页中没有可读取的文字")
    return root


def _holds_body(element, enough: int = 400) -> bool:
    # A wrapper with a chrome-like class may still hold the article: keep anything long.
    # Counted until it is long enough, not copied whole: wrappers nest, each would copy the page.
    length = 0
    for piece in element.itertext():
        length += len(piece.strip())
        if length > enough:
            return True
    return False


_META_DATES = {"pubdate", "publishdate", "firstpublishedtime", "article:published_time"}


def _meta_date(root) -> str | None:
    """The publication day a government CMS writes into the page's head (PubDate, 2023-08-21 10:02)."""
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in _META_DATES and (m := re.match(r"\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})", meta.get("content") or "")):
            return m.group(1)
    return None


_NONE = {"无", "暂无", "没有", "-", "—", "－", "/", "／", "无文号"}  # 文号：无 — the document has none


def _catalogue(root) -> dict[str, str]:
    """The 索引号 … 主题词 table: each label cell followed by its value cell."""
    found: dict[str, str] = {}
    wanted = {"索引号": "index_no", "信息索引号": "index_no", "分类": "category", "主题分类": "category",
              "发布机构": "publisher", "成文日期": "written", "成文时间": "written", "名称": "title", "文件名称": "title",
              "标题": "title", "文号": "doc_no", "发文字号": "doc_no", "发布日期": "published", "发布时间": "published",
              "发文日期": "issued", "发文时间": "issued", "主题词": "subject_words", "来源": "source"}
    for table in root.iter("table"):
        cells = [re.sub(r"\s+", " ", c.text_content()).strip() for c in table.iter("td", "th")]
        labels = [re.sub(r"[\s\u3000]+", "", c.rstrip(r":：")) for c in cells]  # 索　引　号： spaced to a width
        if "索引号" not in labels and "发布机构" not in labels:
            continue
        for i, label in enumerate(labels[:-1]):
            key = wanted.get(label)
            value = cells[i + 1].strip()
            if key and value and value.rstrip(r":：") not in wanted and value not in _NONE:
                found.setdefault(key, value)
        table.drop_tree()
        break
    return found
