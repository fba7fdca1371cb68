"""Archival PDF of one document: WeasyPrint, PDF/A-3u, tagged, the document's data attached inside.

`render_pdf()` renders one document; the PDF stage of a build (cache, parallel rendering,
manifests) is `zhenggai.pdf.write_pdfs()`. This is the only module that imports WeasyPrint.

The file says what it is: its creator and producer are the site and this tool with its
version (and WeasyPrint's), its dates (xmp:CreateDate, ModifyDate, MetadataDate) the day it
was rendered — the version's date, `Rendering` — and its closing line the same in words; the
document's own date (发布日期) is its dc:date and the date of the attached data. Nothing
depends on the clock: the same inputs give the same bytes.

Tagged for screen readers (`pdf_tags`: headings, lists, table headers, reading order,
language, the title displayed) while PDF/A-3u; WeasyPrint writes one PDF variant, so the
PDF/UA-1 identification is added to the XMP here (`ArchiveMetadata`).

Justified lines holding Chinese end at the right margin, their slack spread between the
characters (`_justify_line`): WeasyPrint alone widens only spaces, and Chinese has none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import logging
import mimetypes
import time
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from xml.etree.ElementTree import SubElement, fromstring, tostring

from ..clock import CHINA
from ..model import Document
from .fonts import GlyphMissingError, TextOverflowError, compact_cid_cff
from .printhtml import Rendering, print_html, stylesheet_text

import pydyf

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # see fonts.py: reported by check_subsetting()
    import weasyprint
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.pdf.metadata import NS, DocumentMetadata
    from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.text.line_break import Layout


PDF_VARIANT = "pdf/a-3u"
LANGUAGE = "zh-CN"
# Documents carry dates, not times: they are taken as midnight, China Standard Time.
CHINA_TIME = CHINA

# RFC 9512; without it the attachment would be typed application/octet-stream.
mimetypes.add_type("application/yaml", ".yml")


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    layout_seconds: float = 0.0
    write_seconds: float = 0.0


class ArchiveMetadata(DocumentMetadata):
    """WeasyPrint's document metadata, and in the XMP besides: the language, the producer (ours,
    as in the document information), the metadata date, the document's own date (dc:date) and
    the PDF/UA-1 identification."""

    def __init__(self, *args, producer: str = "", published: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.producer = producer
        self.published = published

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        producer = f'{{{NS["pdf"]}}}Producer'
        for element in rdf.iter(f'{{{NS["rdf"]}}}Description'):
            if producer in element.attrib and self.producer:
                element.attrib[producer] = self.producer
        element = SubElement(rdf, f'{{{NS["rdf"]}}}Description')
        element.attrib[f'{{{NS["rdf"]}}}about'] = ""
        element.attrib[f'{{{NS["pdfuaid"]}}}part'] = "1"
        if self.lang:
            bag = SubElement(SubElement(element, f'{{{NS["dc"]}}}language'), f'{{{NS["rdf"]}}}Bag')
            SubElement(bag, f'{{{NS["rdf"]}}}li').text = self.lang
        if self.published:
            seq = SubElement(SubElement(element, f'{{{NS["dc"]}}}date'), f'{{{NS["rdf"]}}}Seq')
            SubElement(seq, f'{{{NS["rdf"]}}}li').text = self.published
        if self.modified:
            SubElement(element, f'{{{NS["xmp"]}}}MetadataDate').text = self.modified
        return tostring(rdf, encoding="utf-8")


def tool() -> str:
    """This tool and its version, as the PDFs name it."""
    return f"整改公开 zhenggai {version('zhenggai')}"


def pdf_metadata(doc: Document, rendering: Rendering) -> ArchiveMetadata:
    """Document info and XMP: title, publisher as author, subject, 主题词; the site and this tool
    as creator and producer, the rendering's day as the file's dates, 发布日期 as dc:date."""
    published = dt.datetime.combine(doc.metadata.published, dt.time(), CHINA_TIME).isoformat()
    rendered = dt.datetime.combine(rendering.date, dt.time(), CHINA_TIME).isoformat()
    subject = doc.kind.value
    if doc.inspection:
        subject += f"：{doc.inspection.body}对{doc.inspection.target}的巡察"
    # Without 主题词 the kind and the publisher are the most useful search terms an archive can get.
    keywords = list(doc.metadata.subject_words) or [doc.kind.value, doc.publisher]
    return ArchiveMetadata(
        title=doc.title,
        authors=[doc.publisher] if doc.publisher else [],
        description=subject,
        keywords=[k for k in keywords if k],
        generator=creator(rendering.site),
        created=rendered,
        modified=rendered,
        lang=LANGUAGE,
        producer=producer(),
        published=published,
    )


def creator(site: str) -> str:
    """The creator the document information and the XMP both name: the site and this tool, or the
    tool alone when the site has no name of its own (it would say 整改公开 twice)."""
    return tool() if not site or tool().startswith(site) else f"{site}（{tool()}）"


def producer() -> str:
    """The producer the document information and the XMP both name: this tool, and WeasyPrint."""
    return f"{tool()}; WeasyPrint {weasyprint.__version__}"


class _SerialisedStream(pydyf.Object):
    """A stream object serialised (and compressed) once, ahead of writing.

    pydyf serialises every object a second time to digest the file identifier that PDF/A
    requires, compressing each stream at zlib level 9 again (45 ms a document with the fonts
    as WeasyPrint embeds them, a tenth of its time). The bytes written are the same.
    """

    def __init__(self, stream: pydyf.Stream) -> None:
        super().__init__()
        self.number, self.generation, self.free = stream.number, stream.generation, stream.free
        self._data = stream.data

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return False  # as for any stream: never inside an object stream


def _finish(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher, run on the PDF objects before they are written."""
    pdf.info["Producer"] = pydyf.String(producer())  # as the XMP says (ArchiveMetadata)
    _compact_fonts(pdf)
    for number, obj in enumerate(pdf.objects):
        if isinstance(obj, pydyf.Stream) and obj.free == "n":
            pdf.objects[number] = _SerialisedStream(obj)


def _compact_fonts(pdf: pydyf.PDF) -> None:
    """Embed each CID-keyed CFF font as a bare CFF of its used glyphs (see `compact_cid_cff`).

    About 60 % of a PDF's bytes, the same glyphs drawn, the text extracted the same way.
    A font whose program cannot be compacted is left as WeasyPrint wrote it.
    """
    cids: dict[int, set[int] | None] = {}  # font program stream → CIDs drawn by every font using it
    users: dict[int, list[pydyf.Dictionary]] = {}
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/CIDFontType0":
            descriptor = pdf.objects[_object_number(obj["FontDescriptor"])]
            program = _object_number(descriptor["FontFile3"])
            drawn, known = _width_cids(obj["W"]), cids.get(program, set())
            cids[program] = None if drawn is None or known is None else known | drawn
            users.setdefault(program, []).append(obj)
    for program, drawn in cids.items():
        stream = pdf.objects[program]
        if drawn is None or stream.extra.get("Subtype") != "/OpenType":
            continue
        cff = compact_cid_cff(b"".join(stream.stream), drawn)
        if cff is None:
            continue
        stream.stream = [cff]
        stream.extra["Subtype"] = "/CIDFontType0C"
        for font in users[program]:
            font.pop("CIDToGIDMap", None)  # a key of TrueType CIDFonts only


def _object_number(reference: bytes | str) -> int:
    return int((reference.decode() if isinstance(reference, bytes) else reference).split()[0])


def _width_cids(widths: pydyf.Array) -> set[int] | None:
    """The CIDs a W array gives widths for (WeasyPrint lists every glyph it draws); None if unexpected."""
    if len(widths) % 2:
        return None
    cids: set[int] = set()
    for first, run in zip(widths[::2], widths[1::2]):
        if not isinstance(first, int) or not isinstance(run, list):
            return None  # only WeasyPrint's `first [w1 w2 …]` form is read
        cids.update(range(first, first + len(run)))
    return cids


# How far (CSS px) a glyph may stand past the text block's edge: the grid's letter-spacing and
# justification leave fractions of a point; a cut-off run is hundreds of points out.
_EDGE_TOLERANCE = 1.5


def _check_text_block(doc: Document, document) -> None:
    """TextOverflowError when any text is laid out beyond the left or right edge of the text
    block (版心): a run with no break opportunity wider than the line would run off the page, and
    what stands outside it is lost from the archival copy. The stylesheet breaks such runs
    (overflow-wrap: anywhere); this is the check that nothing is archived cut off regardless."""
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in _text_boxes(page_box):
            if box.position_x < left - _EDGE_TOLERANCE or box.position_x + box.width > right + _EDGE_TOLERANCE:
                raise TextOverflowError(_overflow_message(doc, box.text, number))


def _text_boxes(box):
    """Every text box of a page's content (not its margin boxes: the page number)."""
    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", None) or ():
        yield from _text_boxes(child)


def _overflow_message(doc: Document, text: str, page: int) -> str:
    fragment = text.strip()
    field = next((path for path, value in _text_fields(doc.model_dump(mode="json")) if fragment[:24] in value), None)
    shown = fragment[:40] + ("…" if len(fragment) > 40 else "")
    where = f"{field} 中的" if field else ""
    return (f"{doc.id}：{where}“{shown}”在 PDF 第 {page} 页超出了版心（无法换行的一长串字符，如网址、电子邮箱、长数字），"
            "超出的部分会从归档的 PDF 中丢失，所以这份 PDF 没有生成。请在这串字符中适当断开或改短后重新构建；"
            "仍出现时，把这份文件的编号告诉维护人员")


def _text_fields(value, path: str = ""):
    """(field path as staff write it, text) of every string in a document's data."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_fields(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_fields(item, f"{path}.{index}")


# Inter-character justification of Chinese lines, installed while a document is laid out.
#
# GB/T 9704 sets the body text flush on both sides, and the print stylesheet asks for
# `text-align: justify`. WeasyPrint (70) justifies only by widening spaces (`justify_line` in
# weasyprint/layout/inline.py; it has no `text-justify` and no inter-character justification,
# as its maintainers say in Kozea/WeasyPrint#2269), and Chinese has no spaces: a line that
# holds digits, Latin letters or half-width marks is not a whole number of characters wide and
# ended up to a character short of the right margin, and a line with one space had all its
# slack put into that one space.
#
# `_inter_character_justification()` replaces `justify_line` for as long as it is entered. A
# line with no CJK character is left to WeasyPrint. Otherwise the slack is spread as letter
# spacing over the line's justification opportunities (CSS Text 3 `text-justify:
# inter-character`, as typesetters of Chinese do it): each CJK character and each space takes
# an equal share δ, half on either side of it, so that two CJK characters move δ apart, a Latin
# word or a number next to one by δ/2, and the letters and digits inside a word or number not
# at all. The line's first and last characters give away their outer halves: its first
# character stays at the start of the line (the indent), its last ends at the right margin.
#
# How: Pango lays out letter spacing per character range; WeasyPrint draws each text box from
# its own Pango layout, built from the box's style whenever the box is drawn. A text box of a
# justified line gets a layout (`_SpacedLayout`) that adds the share to the letter spacing of
# its opportunity characters every time its text is set. Pango drops the outer halves of the
# letter spacing at both ends of a layout (its first and last character are at a "line" edge);
# the boxes are placed here so that those halves stand between them, as between any two
# characters. Only geometry changes: text, boxes and tags stay as WeasyPrint made them.
# Written against WeasyPrint 70 (requirements.lock): it relies on `inline.justify_line` (called
# by `text_align` for every justified line but the last), `Layout.set_text` (called again when
# a box is drawn) and `TextBox.pango_layout`; after an upgrade, test_pdf.py's
# `test_justified_lines_end_at_the_right_margin…` says whether it still holds.

_SPACES = frozenset(" \u00a0")


def _is_opportunity(char: str) -> bool:
    """A character that takes a share of a justified line's slack: a CJK character (wide or
    full-width: Han, kana, hangul, the full-width marks ，。、；：（）《》) or a space."""
    return char in _SPACES or unicodedata.east_asian_width(char) in ("W", "F")


def _is_mark(char: str) -> bool:
    """A character that goes with the one before it (combining mark, variation selector)."""
    return (unicodedata.category(char) in ("Mn", "Me") or "\ufe00" <= char <= "\ufe0f"
            or "\U000e0100" <= char <= "\U000e01ef")


@dataclass(frozen=True)
class _Opportunities:
    """The justification opportunities of a text box's text: how many; the UTF-8 byte ranges
    they take (runs of CJK characters or of spaces, marks included), each with whether it is
    spaces; whether the text starts and ends with one."""

    count: int
    ranges: tuple[tuple[int, int, bool], ...]
    first: bool
    last: bool

    @property
    def spaces(self) -> bool:
        """Whether every opportunity is a space (the text has no CJK character)."""
        return all(space for *_, space in self.ranges)


@functools.lru_cache(maxsize=4096)  # a box's text is read when it is laid out and when it is drawn
def _opportunities(text: str) -> _Opportunities:
    ranges: list[tuple[int, int, bool]] = []
    offset, count, opportunity, space, first = 0, 0, False, False, False
    for index, char in enumerate(text):
        size = len(char.encode())
        if not (index and _is_mark(char)):  # a mark goes with its character
            opportunity, space = _is_opportunity(char), char in _SPACES
            first = first or (index == 0 and opportunity)
            count += opportunity
        if opportunity:
            if ranges and ranges[-1][1] == offset and ranges[-1][2] == space:
                ranges[-1] = (ranges[-1][0], offset + size, space)
            else:
                ranges.append((offset, offset + size, space))
        offset += size
    return _Opportunities(count, tuple(ranges), first, opportunity)


def _letter_spacing(style) -> float:
    spacing = style["letter_spacing"]
    return 0.0 if spacing == "normal" else float(spacing)


class _SpacedLayout(Layout):
    """A text box's Pango layout whose opportunity characters are `share` further apart."""

    def __init__(self, style, share: float) -> None:
        self.share = share
        super().__init__(style, justification_spacing=0, max_width=None)

    def set_text(self, text, justify=False):
        super().set_text(text, justify)
        if not self.share or not self.text:
            return
        spacing = _letter_spacing(self.style) + self.share
        word_spacing = float(self.style["word_spacing"])
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end, space in _opportunities(self.text).ranges:
            attribute = pango.pango_attr_letter_spacing_new(int((spacing + space * word_spacing) * TO_UNITS))
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)


def _in_flow(box) -> Iterator:
    """The in-flow descendants of a line or inline box, depth first, in logical order."""
    for child in box.children:
        if child.is_in_normal_flow():
            yield child
            if isinstance(child, boxes.InlineBox):
                yield from _in_flow(child)


def _justify_line(context, line, extra_width: float) -> None:
    """Stretch `line` by `extra_width` between its characters (see above); WeasyPrint's own
    justification for a line without CJK text, right-to-left, or holding an inline block or
    image."""
    descendants = list(_in_flow(line))
    # An emptied box (a trailing space taken out) stays as it is.
    texts = [box for box in descendants if isinstance(box, boxes.TextBox) and box.text]
    found = [_opportunities(box.text) for box in texts]
    if (not texts or line.style["direction"] != "ltr" or all(opportunities.spaces for opportunities in found)
            or not all(isinstance(box, (boxes.TextBox, boxes.InlineBox)) for box in descendants)):
        return _weasyprint_justify_line(context, line, extra_width)  # no CJK character, or not handled
    # Each opportunity takes δ, less the outer halves of the line's first and last characters.
    shares = sum(opportunities.count for opportunities in found) - (found[0].first + found[-1].last) / 2
    if shares <= 0:  # one character alone
        return _weasyprint_justify_line(context, line, extra_width)
    # What the line is short of: the slack, and the letter spacing WeasyPrint counts after the
    # last character (the box's width holds it; nothing is drawn there).
    share = (extra_width + _letter_spacing(texts[-1].style)) / shares
    _place(line, _box_widths(texts, found, share), 0.0)


def _box_widths(texts, found: list[_Opportunities], share: float) -> dict[int, float]:
    """New width of each text box (by id): its layout with the share of each opportunity, and
    the letter spacing Pango dropped at its end and at the start of the box that follows it;
    the line's last box ends with its last character. Sets each box's new layout."""
    widths: dict[int, float] = {}
    for index, box in enumerate(texts):
        layout = _SpacedLayout(box.style, share)
        layout.set_text(box.text)
        first_line, _ = layout.get_first_line()
        logical = ffi.new("PangoRectangle *")
        pango.pango_layout_line_get_extents(first_line, ffi.NULL, logical)
        width = logical.width * FROM_UNITS
        ffi.release(logical)
        layout.deactivate()
        box.pango_layout = layout
        if index + 1 < len(texts):
            after = texts[index + 1]
            width += (_letter_spacing(box.style) + share * found[index].last) / 2
            width += (_letter_spacing(after.style) + share * found[index + 1].first) / 2
        widths[id(box)] = width
    return widths


def _place(box, widths: dict[int, float], x_advance: float) -> float:
    """Move and resize `box` and its descendants for the new text box widths, as WeasyPrint's
    `add_word_spacing` does for its wider spaces; the shift for what follows is returned."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        if id(box) not in widths:
            return x_advance
        x_advance += widths[id(box)] - box.width
        box.width = widths[id(box)]
        return x_advance
    box.position_x += x_advance
    before = x_advance
    for child in box.children:
        if child.is_in_normal_flow():
            x_advance = _place(child, widths, x_advance)
    box.width += x_advance - before
    return x_advance


_weasyprint_justify_line = inline.justify_line


@contextlib.contextmanager
def _inter_character_justification() -> Iterator[None]:
    """WeasyPrint lays out justified lines with `_justify_line` while this is entered."""
    saved = inline.justify_line
    inline.justify_line = _justify_line
    try:
        yield
    finally:
        inline.justify_line = saved


@functools.cache
def _fonts() -> FontConfiguration:
    # One per process: Pango keeps its font cache in it, which makes later documents faster.
    return FontConfiguration()


@functools.cache
def _stylesheet() -> weasyprint.CSS:
    # Parsed once per process, not once per document.
    return weasyprint.CSS(string=stylesheet_text(), font_config=_fonts())


class _GlyphWatch(logging.Handler):
    """Collects the characters WeasyPrint had to draw as .notdef boxes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(".notdef glyph") and record.args:
            self.missing.add(str(record.args[0]))


def render_pdf(doc: Document, source: bytes, rendering: Rendering) -> RenderedPdf:
    """Render `doc` to tagged PDF/A-3u bytes with `source` (its data as published, data.dump)
    attached; `rendering` says which site made this copy and on which day."""
    published = dt.datetime.combine(doc.metadata.published, dt.time(), CHINA_TIME)
    fonts = _fonts()
    watch = _GlyphWatch()
    weasyprint.LOGGER.addHandler(watch)
    try:
        start = time.perf_counter()
        html = weasyprint.HTML(string=print_html(doc, rendering))
        with _inter_character_justification():  # Chinese lines flush right (see there)
            document = html.render(stylesheets=[_stylesheet()], font_config=fonts, pdf_tags=True)
        document.metadata = pdf_metadata(doc, rendering)
        _check_text_block(doc, document)
        laid_out = time.perf_counter()
        attachment = weasyprint.Attachment(
            file_obj=io.BytesIO(source),
            name=f"{doc.id}.yml",
            description=f"{doc.title}（结构化数据，YAML）",
            # WeasyPrint writes these as UTC ('…Z') whatever their zone: give it UTC.
            created=published.astimezone(dt.timezone.utc),
            modified=published.astimezone(dt.timezone.utc),
            relationship="Source",
        )
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile (the PDF/A output intent) and never closes it.
            warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
            data = document.write_pdf(
                pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=[attachment], finisher=_finish
            )
        written = time.perf_counter()
    finally:
        weasyprint.LOGGER.removeHandler(watch)
    if watch.missing:
        chars = "".join(sorted(watch.missing))
        raise GlyphMissingError(
            f"{doc.id}: 已安装的字体中没有这些字符的字形：{chars}（U+"
            + "、U+".join(f"{ord(c):04X}" for c in chars)
            + "）。请改用常用字，或安装含这些字的字体。"
        )
    return RenderedPdf(data, len(document.pages), laid_out - start, written - laid_out)
