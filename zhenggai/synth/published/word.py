"""A shaped notice as the unit's own Word file: python-docx with real Word list numbering.

Levels named in `Layout.word_numbered` get their labels from Word's numbering engine
(numbering.xml: one w:abstractNum per level, chineseCounting / decimal / decimalEnclosedCircle,
lvlText such as （%1）, no tab after the number); the others have their labels typed into the
text, as most notices do. Word restarts a list where number_document restarts a level by a new
w:num with a w:startOverride, which is what Word itself writes for "restart at 1". Some notices
give their problems as a rectification table instead (`Layout.table`).

The file is byte-for-byte the same for the same document: fixed package dates and zip times.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from ...model import Document
from ...numbering import chinese_numeral
from ..variety import Layout
from .lines import Line, TableBlock, document_lines

_W = nsdecls("w")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE = {chinese_numeral(n): n for n in range(1, 1000)}
_HEADING_STYLES = {"heading1": "Heading 1", "category": "Heading 2", "problem": "Heading 3"}
_BOLD = frozenset({"title", "heading1", "category"})
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# 序号 / 问题 / 整改措施 / 责任单位 / 完成时限 / 整改情况 on a landscape A4 page.
_COLUMN_WIDTHS = (Cm(1.3), Cm(5.4), Cm(10.4), Cm(2.6), Cm(2.6), Cm(2.2))


def write_docx(doc: Document, layout: Layout, path: Path) -> Path:
    """Write `doc` as a .docx file at `path`, laid out by `layout`."""
    document = docx.Document()
    _base_style(document)
    lists = _WordLists(document, random.Random(f"zhenggai-docx:{doc.id}"))
    blocks = document_lines(doc, layout)
    if any(isinstance(block, TableBlock) for block in blocks):
        section = document.sections[0]  # notices with a rectification table print it landscape
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for block in blocks:
        if isinstance(block, TableBlock):
            _table(document, block, lists, layout)
        else:
            _paragraph(document.add_paragraph(), block, lists, layout)
    props = document.core_properties
    # Never the title: a notice without a title line must not carry it in its properties.
    props.title, props.comments, props.author, props.last_modified_by = "", "", "Administrator", "Administrator"
    day = doc.signature.date if doc.signature else doc.metadata.published
    props.created = props.modified = dt.datetime(day.year, day.month, day.day, 9, 0)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(_fixed_zip(buffer.getvalue()))
    return Path(path)


def _base_style(document) -> None:
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.paragraph_format.first_line_indent = Pt(32)  # two characters, as notices indent
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")


def _paragraph(paragraph, line: Line, lists: _WordLists, layout: Layout) -> None:
    auto = bool(line.label and line.template and line.level in layout.word_numbered and not line.carried)
    if layout.heading_styles and line.role in _HEADING_STYLES:
        paragraph.style = paragraph.part.document.styles[_HEADING_STYLES[line.role]]
    text = line.text if auto else line.shown
    lead = ("" if auto else line.label) + line.lead if line.lead else ""
    if lead and text.startswith(lead) and len(text) > len(lead):
        paragraph.add_run(lead).bold = True
        paragraph.add_run(text[len(lead):])
    elif text:
        run = paragraph.add_run(text)
        run.bold = line.role in _BOLD or None
        if line.role == "title":
            run.font.size = Pt(22)
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    if line.role == "title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif line.role in ("signature", "date"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if auto:
        lists.number(paragraph, line)


def _table(document, block: TableBlock, lists: _WordLists, layout: Layout) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for cell, heading in zip(table.rows[0].cells, block.header):
        cell.paragraphs[0].add_run(heading).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        if len(row) == 1:
            cells = [cells[0].merge(cells[-1])]
        for cell, lines in zip(cells, row):
            for i, line in enumerate(lines):
                _paragraph(cell.paragraphs[0] if i == 0 else cell.add_paragraph(), line, lists, layout)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, _COLUMN_WIDTHS):
        column.w = width  # LibreOffice lays the table out by its grid, Word by the cells
    for row in table.rows:
        for cell, width in zip(row.cells, _COLUMN_WIDTHS):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.first_line_indent = Pt(0)  # over the list's own indent
                for run in paragraph.runs:
                    run.font.size = Pt(12)


class _WordLists:
    """One Word list per numbered level, restarted (a new w:num) wherever its count does not go on."""

    def __init__(self, document, rng: random.Random) -> None:
        self.root = document.part.numbering_part.element
        self.rng = rng
        self.abstracts: dict[str, int] = {}
        self.current: dict[str, tuple[int, int]] = {}  # level → (numId, last number shown)

    def number(self, paragraph, line: Line) -> None:
        n = counter_value(line.template or "", line.label)
        if line.level not in self.abstracts:
            self.abstracts[line.level] = self._abstract(line.template or "")
        num_id, last = self.current.get(line.level, (0, 0))
        if not num_id or n != last + 1:
            num_id = self._num(self.abstracts[line.level], n if num_id or n != 1 else None)
        self.current[line.level] = (num_id, n)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id

    def _next_id(self, tag: str, attribute: str) -> int:
        return max((int(e.get(qn(attribute))) for e in self.root.iterchildren(qn(tag))), default=0) + 1

    def _abstract(self, template: str) -> int:
        num_fmt, text = word_format(template, self.rng)
        abstract_id = self._next_id("w:abstractNum", "w:abstractNumId")
        element = parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{self.rng.getrandbits(32):08X}"/><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/><w:suff w:val="nothing"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>')
        first_num = self.root.find(qn("w:num"))
        # Schema order: every w:abstractNum before the first w:num (Word and LibreOffice insist).
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.root.append(element)
        return abstract_id

    def _num(self, abstract_id: int, start: int | None) -> int:
        num_id = self._next_id("w:num", "w:numId")
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start is not None else "")
        self.root.append(parse_xml(
            f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))
        return num_id


def word_format(template: str, rng: random.Random) -> tuple[str, str]:
    """A label style as Word's (numFmt, lvlText): （{cn}） → (chineseCounting, （%1）)."""
    if "{cn}" in template:
        # Word offers both for 一、二、三; they differ only from 100 on.
        return rng.choice(("chineseCounting", "chineseCountingThousand")), template.replace("{cn}", "%1")
    if "{circled}" in template:
        return rng.choice(("decimalEnclosedCircle", "decimalEnclosedCircleChinese")), template.replace("{circled}", "%1")
    return "decimal", template.replace("{n}", "%1")


def counter_value(template: str, label: str) -> int:
    """The count a label shows in its style: ("（{cn}）", "（十二）") → 12."""
    pattern = re.escape(template)
    for slot, group in (("{n}", r"(\d+)"), ("{cn}", "([零一二三四五六七八九十百]+)"), ("{circled}", f"([{_CIRCLED}])")):
        pattern = pattern.replace(re.escape(slot), group)
    match = re.fullmatch(pattern, label)
    if not match:
        raise ValueError(f"label {label!r} is not in the style {template!r}")
    value = match.group(1)
    if value.isascii():  # not str.isdigit(): ① is a digit to Python
        return int(value)
    return _CIRCLED.index(value) + 1 if value in _CIRCLED else _CHINESE[value]


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every member dated 1980-01-01, so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
