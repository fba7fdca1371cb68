"""Reading a Word notice (.docx, also as written by WPS or LibreOffice) as a list of blocks.

`read_docx(path)` gives the body's paragraphs and tables in document order, each paragraph
with the list label Word shows for it (一、（一）1.（1）…, resolved from numbering.xml by
`lists`) kept apart from its text. Labels typed by hand stay in the text: telling typed
numbering from prose is the next stage's job.

What counts as text is what Word shows in its final view of tracked changes: w:ins and
w:moveTo are kept, w:del and w:moveFrom dropped, field instructions (PAGE, HYPERLINK …)
dropped but their results kept, hidden (w:vanish) runs and content-control placeholder
prompts dropped. Headers, footers and drawings are not read.

Some of what Word shows is not where the body's order puts it, or is not content:
- a text box (w:txbxContent, also inside mc:AlternateContent, read once: the Choice's, else
  the Fallback's) is read as paragraphs just before the paragraph it is anchored to;
- footnotes and endnotes follow the body, each as a paragraph （注：…）;
- a table of contents (a TOC field's result, a w:sdt of the "Table of Contents" gallery,
  paragraphs styled TOC 1–9 / 目录 1–9) is navigation, not text: dropped, and said so;
- a layout table (one cell, or cells holding headings or tables) is unwrapped: its cells'
  paragraphs and tables are read as the body's, in order;
- a cell continuing a vertical merge is empty, as in html.py, but `Continued` carries the
  merged cell's text (a ledger's 责任单位 or 完成时限 spanning several problems).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml.ns import qn
from lxml import etree

from ..errors import ZhenggaiError
from .columns import HEADER_ROWS, MAX_HEADER_ROWS, Continued, header_rows
from .lists import ListCounter, Numbering
from .opc import PackageError, WordParts, iter_body, read_word_parts
from .styles import W_VAL, StyleSheet, attr_int, is_on

__all__ = ["Block", "Continued", "DocxError", "Paragraph", "Table", "read_docx"]


@dataclass(frozen=True)
class Paragraph:
    """段落 — a paragraph with text or a number; `label` is Word's automatic number ("" if none)."""

    text: str
    label: str
    level: int | None
    style: str
    bold_prefix: str


@dataclass(frozen=True)
class Table:
    """表格 — one string per grid column; a merged cell's text is in its first column/row only."""

    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


class DocxError(ZhenggaiError):
    """A .docx that cannot be read; `str()` is the Chinese sentence shown to staff."""

    def __init__(self, path: Path | str, code: str, cause: str) -> None:
        self.path = Path(path)
        self.code = code
        self.cause = cause
        super().__init__(f"无法读取 Word 文件 {path}：{cause}")


# python-docx opens only .docx; the body of .docm and .dotx files is the same markup.
_WORD_TYPES = {
    CT.WML_DOCUMENT_MAIN,
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, also .wps


# The widest a table row may be. Word's tables have at most 63 columns; LibreOffice and WPS
# allow more, a notice's ledger has about ten. A span is checked before the row is made:
# <w:gridSpan w:val="2000000000"/> would otherwise ask for two billion cells.
MAX_COLUMNS = 256
# Word files larger than this are refused before being opened (the parts read are capped
# separately, see opc.py): a notice with photographs is a few MB.
MAX_FILE = 64 * 1024 * 1024


def read_docx(path: Path | str) -> list[Block]:
    """The paragraphs and tables of a .docx body in document order; raises DocxError."""
    return list(iter_docx(path))


def iter_docx(path: Path | str, notes: list[str] | None = None) -> Iterator[Block]:
    """`read_docx` one block at a time, the body read as a stream (a caller may stop early);
    what was left out on purpose (a table of contents) is said in `notes`, in Chinese."""
    parts = _open(path)
    reader = _Reader(iter_body(parts.document, parts.name), parts.styles, parts.numbering,
                     _notes(parts.footnotes, "footnote"), _notes(parts.endnotes, "endnote"))
    try:
        yield from reader.blocks()
        yield from reader.notes()
        if notes is not None and reader.toc_dropped:
            notes.append(f"目录（{reader.toc_dropped} 行）是导航，不是通报的内容，没有读入草稿")
    except _TooWide as wide:
        raise DocxError(path, "docx.table_too_wide",
                        f"表格的一行有 {wide.columns} 列，超过 {MAX_COLUMNS} 列的上限（Word 的表格最多 63 列），"
                        "文件可能已损坏或被改动过") from None
    except PackageError as exc:
        raise DocxError(path, exc.code, exc.cause) from None


class _TooWide(Exception):
    def __init__(self, columns: int) -> None:
        super().__init__(columns)
        self.columns = columns


def _open(path: Path | str) -> WordParts:
    """The parts of the file the reader needs, or a DocxError saying why not."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(path)
        if size > MAX_FILE:
            raise DocxError(path, "docx.too_large", f"文件大小 {size / 1024 / 1024:.0f} MB，超过 {MAX_FILE // 1024 // 1024} MB 的上限")
        with path.open("rb") as file:
            head = file.read(len(_OLE_MAGIC))
    except FileNotFoundError:
        raise DocxError(path, "docx.missing", "文件不存在") from None
    except IsADirectoryError:
        raise DocxError(path, "docx.missing", "这是一个文件夹，不是文件") from None
    except OSError:
        raise DocxError(path, "docx.unreadable", "文件无法打开（没有读取权限或磁盘错误）") from None
    if head == _OLE_MAGIC:
        raise DocxError(path, "docx.legacy", "这是旧版 .doc 格式，请先在 Word 或 WPS 中另存为 .docx")
    try:
        if not zipfile.is_zipfile(path):
            raise DocxError(path, "docx.not_zip", "不是有效的 .docx（zip）文件")
        parts = read_word_parts(path)
    except PackageError as exc:
        raise DocxError(path, exc.code, exc.cause) from None
    except OSError:
        raise DocxError(path, "docx.unreadable", "文件无法打开（没有读取权限或磁盘错误）") from None
    if parts.content_type not in _WORD_TYPES:
        raise DocxError(path, "docx.not_word", "不是 Word 文档（可能是 Excel 或 PowerPoint 文件）")
    return parts


W_P, W_TBL, W_R, W_T = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:t")
W_TR, W_TC = qn("w:tr"), qn("w:tc")
W_SDT, W_SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
W_FLD_CHAR, W_BR, W_INSTR, W_FLD_SIMPLE = qn("w:fldChar"), qn("w:br"), qn("w:instrText"), qn("w:fldSimple")
W_TXBX = qn("w:txbxContent")
W_NOTE_REFS = {qn("w:footnoteReference"): "footnote", qn("w:endnoteReference"): "endnote"}
# Containers whose content Word does not show in the final view, or that are not text.
_SKIPPED = {
    qn(tag)
    for tag in (
        "w:pPr",
        "w:rPr",
        "w:del",
        "w:moveFrom",
        "w:delText",
        "w:instrText",
        "w:delInstrText",
        "w:sdtPr",
        "w:sdtEndPr",
        "w:rt",
        "w:drawing",
        "w:pict",
        "w:object",
        "w:txbxContent",
        "w:fldData",
        "w:trPr",
        "w:tcPr",
        "w:tblPr",
        "w:tblGrid",
    )
}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CHARACTERS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
    qn("w:softHyphen"): "",
}
_DEL, _MOVE_FROM = qn("w:del"), qn("w:moveFrom")
# Block-level wrappers whose children are ordinary body content.
_WRAPPERS = {qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), W_SDT_CONTENT}


def children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and other wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            if not _shows_placeholder(child) and not _is_toc_control(child):
                yield from children(_sdt_content(child), tag)
        elif child.tag in _WRAPPERS:
            yield from children(child, tag)


def _sdt_content(sdt: etree._Element) -> etree._Element:
    content = sdt.find(W_SDT_CONTENT)
    return content if content is not None else etree.Element(W_SDT_CONTENT)


def _shows_placeholder(sdt: etree._Element) -> bool:
    # An unfilled content control shows its prompt ("单击或点击此处输入文字。"), not content.
    return sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None


def _is_toc_control(sdt: etree._Element) -> bool:
    """A content control Word inserts a table of contents in (References › Table of Contents)."""
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and (gallery.get(W_VAL) or "").strip().lower() == "table of contents"


def _is_toc_field(instruction: str | None) -> bool:
    return (instruction or "").strip().upper().split(" ")[:1] == ["TOC"]


# Word's own names for table-of-contents paragraph styles, and WPS's Chinese ones.
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*[1-9]$|^toc\s*heading$|^目录标题$", re.IGNORECASE)
# A table's only cell holding this many characters (or two paragraphs) is a page laid out in it.
_LONG_CELL = 60
# A table of contents entry ends with its page number (after a tab or dot leader).
_PAGE_NUMBER_END = re.compile(r"\d{1,4}$")
# A heading style: a cell holding one is a page laid out in a table, not a row of data.
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*[1-9]$|^title$|^标题$", re.IGNORECASE)


def _notes(root: etree._Element | None, kind: str) -> dict[tuple[str, str], etree._Element]:
    """The footnotes (or endnotes) of a notes part by (kind, id); separators left out."""
    if root is None:
        return {}
    return {(kind, note.get(qn("w:id"), "")): note for note in root.iterchildren(qn(f"w:{kind}"))
            if note.get(qn("w:type"), "normal") == "normal"}


def _text_boxes(p: etree._Element) -> Iterator[etree._Element]:
    """The text boxes anchored in paragraph `p`, each once: a box inside another box is read
    with that box's paragraphs, a VML Fallback only when its Choice holds no text box."""
    for box in p.iter(W_TXBX):
        up = box.getparent()
        while up is not None and up is not p:
            if up.tag in (W_TXBX, _DEL, _MOVE_FROM):
                break
            if up.tag == f"{_MC}Fallback" and any(
                    True for choice in up.itersiblings(f"{_MC}Choice", preceding=True) for _ in choice.iter(W_TXBX)):
                break
            up = up.getparent()
        else:
            yield box


def _outside_boxes(p: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Elements with `tags` in paragraph `p` itself, not in a text box anchored there."""
    for element in p.iter(*tags):
        up = element.getparent()
        while up is not None and up is not p and up.tag != W_TXBX:
            up = up.getparent()
        if up is p:
            yield element


class _Reader:
    """One pass over a body: numbering is counted in document order, tables included."""

    def __init__(
        self, body: Iterable[etree._Element], styles: etree._Element | None, numbering: etree._Element | None,
        footnotes: dict[tuple[str, str], etree._Element] | None = None,
        endnotes: dict[tuple[str, str], etree._Element] | None = None,
    ) -> None:
        self._body = body  # the body's children, read once
        self._styles = StyleSheet(styles)
        self._numbering = Numbering(numbering, self._styles)
        self._counter = ListCounter(self._numbering)
        self._notes = {**(footnotes or {}), **(endnotes or {})}
        self._fields: list[list] = []  # fields open across paragraphs: [instruction, separated]
        self.toc_dropped = 0  # paragraphs of a table of contents left out
        self._referred: list[tuple[str, str]] = []  # notes referred to, in order

    def blocks(self, container: Iterable[etree._Element] | None = None) -> Iterator[Block]:
        """Paragraphs and tables of `container` (the body by default); no text and no label: skipped."""
        container = self._body if container is None else container
        for element in container:
            if element.tag == W_P:
                for box in _text_boxes(element):
                    yield from self.blocks(box)
                paragraph, refs = self._paragraph(element)
                if paragraph is not None:
                    yield paragraph
                self._referred += refs
            elif element.tag == W_TBL:
                if self._is_layout(element):
                    for tc in (tc for tr in children(element, W_TR) if not _row_deleted(tr) for tc in children(tr, W_TC)):
                        yield from self.blocks(tc)
                    continue
                table = self._table(element)
                if table.rows:
                    yield table
            elif element.tag == W_SDT:
                if _is_toc_control(element):
                    self.toc_dropped += max(1, sum(1 for _ in element.iter(W_P)))
                elif not _shows_placeholder(element):
                    yield from self.blocks(_sdt_content(element))
            elif element.tag in _WRAPPERS:
                yield from self.blocks(element)

    def _paragraph(self, p: etree._Element) -> tuple[Paragraph | None, list[tuple[str, str]]]:
        """The paragraph (None when it shows nothing) and the notes it refers to."""
        p_pr = p.find(qn("w:pPr"))
        written = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
        written = written.get(W_VAL) if written is not None else None
        style_id = self._styles.paragraph_style(written)
        carried, begun = self._in_toc_field(p)
        pieces: list[tuple[str, bool]] = []
        runs = _Runs(self._styles, style_id, pieces)
        runs.walk(p, False)
        text = "".join(piece for piece, _ in pieces).strip()
        toc_style = any(_TOC_STYLE.match(name) for name in (written or "", self._styles.name(style_id)))
        if carried and not begun and not toc_style and text and not _PAGE_NUMBER_END.search(text):
            # A TOC field whose end is missing: its entries stop at the first paragraph that is no
            # entry (no TOC style, no page number), rather than taking the notice with them.
            self._fields = [field for field in self._fields if not _is_toc_field(field[0])]
            carried = False
        if carried or begun or runs.toc or toc_style:
            self.toc_dropped += bool(text or runs.toc)
            return None, []
        if not text and _mark_deleted(p_pr):
            return None, []  # a paragraph deleted with tracked changes: gone, and not counted
        label, level = "", None
        numbering = self._numbering.paragraph_numbering(p_pr, style_id)
        if numbering is not None:
            num_id, level = numbering
            # An empty numbered paragraph still shows (and uses up) its number in Word: kept,
            # so that a gap in the numbering has a visible cause (and 序号 cells get theirs).
            label = self._counter.number(num_id, level)
        if not text and not label:
            return None, runs.notes
        return Paragraph(text, label, level, self._styles.name(style_id), _bold_prefix(pieces)), runs.notes

    def _in_toc_field(self, p: etree._Element) -> tuple[bool, bool]:
        """Whether paragraph `p` shows part of a TOC field's result (its entries, which run over
        several paragraphs): one open before it, one whose result starts in it. The fields open
        across paragraphs are followed here."""
        carried = any(separated and _is_toc_field(instruction) for instruction, separated in self._fields)
        begun = False
        for element in _outside_boxes(p, W_FLD_CHAR, W_INSTR):
            if element.tag == W_INSTR:
                if self._fields:
                    self._fields[-1][0] += element.text or ""
                continue
            kind = element.get(qn("w:fldCharType"), "")
            if kind == "begin":
                self._fields.append(["", False])
            elif kind == "separate" and self._fields:
                self._fields[-1][1] = True
                begun = begun or _is_toc_field(self._fields[-1][0])
            elif kind == "end" and self._fields:
                self._fields.pop()
        return carried, begun

    def notes(self) -> Iterator[Paragraph]:
        """The footnotes and endnotes the body referred to, in order, each as a paragraph （注：…）
        after the body: set inside the paragraph they qualify they would change what it says
        (a total, a signature), so they are counted and shown to staff, not placed."""
        for ref in self._referred:
            note = self._notes.pop(ref, None)  # a note is read once, at its first reference
            if note is None:
                continue
            pieces: list[tuple[str, bool]] = []
            for p in note.iter(W_P):
                _Runs(self._styles, None, pieces).walk(p, False)
            text = "".join(piece for piece, _ in pieces).strip()
            if text:
                yield Paragraph(f"（注：{text}）", "", None, "", "")

    def _is_layout(self, tbl: etree._Element) -> bool:
        """A table that lays out a page rather than holding rows of data: one cell, or a cell
        holding a table or a heading (a notice pasted from a web page, a CMS's Word export)."""
        cells = [tc for tr in children(tbl, W_TR) if not _row_deleted(tr) for tc in children(tr, W_TC)]
        if len(cells) == 1:  # a box around a page's text, not a one-cell table (附表)
            texts = ["".join(t.text or "" for t in p.iter(W_T)).strip() for p in cells[0].iter(W_P)]
            if sum(1 for text in texts if text) >= 2 or sum(map(len, texts)) >= _LONG_CELL:
                return True
        rows = [[tc for tc in children(tr, W_TC)] for tr in children(tbl, W_TR) if not _row_deleted(tr)]
        head = [tuple("".join(t.text or "" for t in tc.iter(W_T)).strip() for tc in row) for row in rows[:HEADER_ROWS + MAX_HEADER_ROWS]]
        ledger = header_rows(head) is not None  # a ledger's category rows may carry a heading style (header under a title row)
        for tc in cells:
            if next(tc.iter(W_TBL), None) is not None:
                return True
            for p in tc.iter(W_P) if not ledger else ():
                style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                style_id = self._styles.paragraph_style(style.get(W_VAL) if style is not None else None)
                if style_id and _HEADING_STYLE.match(self._styles.name(style_id)):
                    return True
        return False

    def _table(self, tbl: etree._Element) -> Table:
        above: dict[int, str] = {}  # column → the text of the vertically merged cell over it
        rows = [self._row(tr, above) for tr in children(tbl, W_TR) if not _row_deleted(tr)]
        width = max((len(row) for row in rows), default=0)
        return Table(tuple(tuple(row + [""] * (width - len(row))) for row in rows))

    def _row(self, tr: etree._Element, above: dict[int, str]) -> list[str]:
        tr_pr = tr.find(qn("w:trPr"))
        before = attr_int(tr_pr.find(qn("w:gridBefore"))) if tr_pr is not None else None
        after = attr_int(tr_pr.find(qn("w:gridAfter"))) if tr_pr is not None else None
        _check_width(max(before or 0, 0))
        row = [""] * (before or 0)
        _check_width(len(row))
        for tc in children(tr, W_TC):
            tc_pr = tc.find(qn("w:tcPr"))
            span = attr_int(tc_pr.find(qn("w:gridSpan"))) if tc_pr is not None else None
            _check_width(len(row) + max(span or 1, 1))
            text = self._cell_text(tc)  # read even when merged away: its numbers still count
            if _merged_away(tc_pr):
                vertical = tc_pr.find(qn("w:vMerge")) is not None
                row.append(Continued(above.get(len(row), "")) if vertical and above.get(len(row)) else "")
            else:
                above[len(row)] = text
                row.append(text)
            row.extend([""] * (max(span or 1, 1) - 1))
        _check_width(len(row) + max(after or 0, 0))
        return row + [""] * (after or 0)

    def _cell_text(self, tc: etree._Element) -> str:
        parts = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                parts.append(block.label + block.text)
            else:
                parts.extend("\t".join(row) for row in block.rows)
        return "\n".join(parts)


def _check_width(columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise _TooWide(columns)


def _mark_deleted(p_pr: etree._Element | None) -> bool:
    return p_pr is not None and p_pr.find(f"{qn('w:rPr')}/{qn('w:del')}") is not None


def _row_deleted(tr: etree._Element) -> bool:
    return tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None


def _merged_away(tc_pr: etree._Element | None) -> bool:
    """A cell continuing a vertical (w:vMerge) or old-style horizontal (w:hMerge) merge."""
    if tc_pr is None:
        return False
    for tag in ("w:vMerge", "w:hMerge"):
        merge = tc_pr.find(qn(tag))
        if merge is not None and merge.get(W_VAL, "continue") == "continue":
            return True
    return False


class _Runs:
    """Collects a paragraph's visible text as (text, bold) pieces."""

    def __init__(self, styles: StyleSheet, paragraph_style: str | None, out: list[tuple[str, bool]]) -> None:
        self._styles = styles
        self._paragraph_style = paragraph_style
        self._out = out
        self._fields: list[bool] = []  # one entry per open field: True while in its instruction
        self.notes: list[tuple[str, str]] = []  # (footnote|endnote, id) referred to, in order
        self.toc = False  # a simple TOC field was met: the paragraph is a table of contents

    def walk(self, element: etree._Element, bold: bool) -> None:
        """Append the text under `element`, in order."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue  # comments and processing instructions have no string tag
            if tag == W_R:
                if not is_on(child.find(f"{qn('w:rPr')}/{qn('w:vanish')}")):
                    self.walk(child, self._run_bold(child))
            elif tag == W_T:
                self._emit(child.text or "", bold)
            elif tag in _CHARACTERS:
                self._emit(_CHARACTERS[tag], bold)
            elif tag == W_BR:
                # Line breaks are text; page and column breaks are layout.
                self._emit("\n" if child.get(qn("w:type"), "textWrapping") == "textWrapping" else "", bold)
            elif tag == W_FLD_CHAR:
                self._field(child.get(qn("w:fldCharType"), ""))
            elif tag in W_NOTE_REFS:
                if not any(self._fields):
                    self.notes.append((W_NOTE_REFS[tag], child.get(qn("w:id"), "")))
            elif tag == W_FLD_SIMPLE and _is_toc_field(child.get(qn("w:instr"))):
                self.toc = True
            elif tag == W_SDT:
                if not _shows_placeholder(child):
                    self.walk(_sdt_content(child), bold)
            elif tag == f"{_MC}AlternateContent":
                # Read as a consumer that knows no extension would: the Fallback only
                # (text boxes in it are skipped with w:pict).
                for fallback in child.iterchildren(f"{_MC}Fallback"):
                    self.walk(fallback, bold)
            else:  # hyperlinks, w:ins, w:moveTo, smart tags, simple fields, w:sdtContent …
                self.walk(child, bold)

    def _emit(self, text: str, bold: bool) -> None:
        if text and not any(self._fields):
            self._out.append((text, bold))

    def _field(self, kind: str) -> None:
        if kind == "begin":
            self._fields.append(True)
        elif kind == "separate" and self._fields:
            self._fields[-1] = False
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _run_bold(self, run: etree._Element) -> bool:
        """Direct formatting, then the character style, then the paragraph style, then defaults.

        w:b is a toggle property (a bold character style inside a bold paragraph style is not
        bold); first-found is close enough for spotting a bold lead phrase.
        """
        r_pr = run.find(qn("w:rPr"))
        direct = is_on(r_pr.find(qn("w:b"))) if r_pr is not None else None
        if direct is not None:
            return direct
        r_style = r_pr.find(qn("w:rStyle")) if r_pr is not None else None
        for style_id in (r_style.get(W_VAL) if r_style is not None else None, self._paragraph_style):
            bold = self._styles.bold(style_id)
            if bold is not None:
                return bold
        return self._styles.default_bold


def _bold_prefix(pieces: list[tuple[str, bool]]) -> str:
    """The bold text the paragraph starts with (whitespace joins bold pieces, never starts one)."""
    prefix = []
    for text, bold in pieces:
        if not text.strip() or bold:
            prefix.append(text)
        else:
            break
    return "".join(prefix).strip()
