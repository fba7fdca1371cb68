"""Archival PDF of one document: WeasyPrint, PDF/A-3u, the document's data attached inside.

`render_pdf()` renders one document; the PDF stage of a build (cache, parallel rendering,
manifests) is `zhenggai.pdf.write_pdfs()`. This is the only module that imports WeasyPrint.
Nothing here depends on the build time: the dates in the PDF are the document's 发布日期 and
the file identifier is a digest of the content, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import mimetypes
import time
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from xml.etree.ElementTree import SubElement, fromstring, tostring

from ..clock import CHINA
from ..model import Document
from .fonts import GlyphMissingError, compact_cid_cff
from .printhtml import print_html, stylesheet_text

import pydyf

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # see fonts.py: reported by check_subsetting()
    import weasyprint
    from weasyprint.pdf.metadata import NS, DocumentMetadata
    from weasyprint.text.fonts import FontConfiguration


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
    """WeasyPrint's document metadata, with the language in the XMP as well as in the catalogue."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        if self.lang:
            element = SubElement(rdf, f'{{{NS["rdf"]}}}Description')
            element.attrib[f'{{{NS["rdf"]}}}about'] = ""
            bag = SubElement(SubElement(element, f'{{{NS["dc"]}}}language'), f'{{{NS["rdf"]}}}Bag')
            SubElement(bag, f'{{{NS["rdf"]}}}li').text = self.lang
        return tostring(rdf, encoding="utf-8")


def pdf_metadata(doc: Document) -> ArchiveMetadata:
    """Document info and XMP: title, publisher as author, subject, 主题词, dates = 发布日期."""
    published = dt.datetime.combine(doc.metadata.published, dt.time(), CHINA_TIME).isoformat()
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
        generator=f"整改公开 zhenggai {version('zhenggai')}",
        created=published,
        modified=published,
        lang=LANGUAGE,
    )


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


def render_pdf(doc: Document, source: bytes) -> RenderedPdf:
    """Render `doc` to PDF/A-3u bytes with `source` (its data as published, data.dump) attached."""
    published = dt.datetime.combine(doc.metadata.published, dt.time(), CHINA_TIME)
    fonts = _fonts()
    watch = _GlyphWatch()
    weasyprint.LOGGER.addHandler(watch)
    try:
        start = time.perf_counter()
        html = weasyprint.HTML(string=print_html(doc))
        document = html.render(stylesheets=[_stylesheet()], font_config=fonts)
        document.metadata = pdf_metadata(doc)
        laid_out = time.perf_counter()
        attachment = weasyprint.Attachment(
            file_obj=io.BytesIO(source),
            name=f"{doc.id}.yml",
            description=f"{doc.title}(结构化数据,YAML)",
            # WeasyPrint writes these as UTC ('…Z') whatever their zone: give it UTC.
            created=published.astimezone(dt.timezone.utc),
            modified=published.astimezone(dt.timezone.utc),
            relationship="Source",
        )
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile (the PDF/A output intent) and never closes it.
            warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
            data = document.write_pdf(
                pdf_variant=PDF_VARIANT, attachments=[attachment], finisher=_finish
            )
        written = time.perf_counter()
    finally:
        weasyprint.LOGGER.removeHandler(watch)
    if watch.missing:
        chars = "".join(sorted(watch.missing))
        raise GlyphMissingError(
            f"{doc.id}: 已安装的字体中没有这些字符的字形:{chars}(U+"
            + "、U+".join(f"{ord(c):04X}" for c in chars)
            + ")。请改用常用字,或安装含这些字的字体。"
        )
    return RenderedPdf(data, len(document.pages), laid_out - start, written - laid_out)
