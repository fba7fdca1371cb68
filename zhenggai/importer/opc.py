"""The parts of a Word file the reader needs, and nothing else, read with bounded sizes.

A .docx is a zip of XML parts (Open Packaging Conventions): `[Content_Types].xml` names each
part's type, `_rels/.rels` points at the main document, and the main document's own
relationships at its styles, numbering, footnotes and endnotes. python-docx's `Package.open` inflates and parses
every part, thumbnails and images included, before the reader sees one; a small file can
inflate to gigabytes. Here the zip's central directory is checked first, then only the few
parts needed are inflated, each as a stream that stops at its limit whatever size the
zip declares, and parsed without DTDs or entities (Word never writes them; an entity left
unresolved would cut the text after it). The main document is parsed as a stream
(`iter_body`): each paragraph or table of the body is read and then let go, so memory does
not grow with the number of elements, whatever their shape.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ..errors import CausedError

# The most a part may inflate to. A 20-page notice's document.xml is 0.2–1 MB (read as a
# stream: its limit bounds time, not memory); styles, numbering and notes are a few hundred KB even
# in heavy templates, and are parsed whole, at up to a hundred bytes of memory per byte of
# the tersest markup: these keep a hostile file's import under 500 MB.
MAX_DOCUMENT = 24 * 1024 * 1024
MAX_PART = 2 * 1024 * 1024
# Paragraphs and tables of the body, empty ones included (a long notice has a few thousand):
# each costs the reader some work even when it gives no text.
MAX_BODY_ELEMENTS = 200_000
# A real .docx has tens of zip entries (a few hundred with many images); the central
# directory is read whole before anything else, so its size is checked from the end record.
MAX_ENTRIES = 10_000
MAX_DIRECTORY = 4 * 1024 * 1024

MAIN_DOCUMENT = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",  # ISO strict
}
STYLES = "styles"
NUMBERING = "numbering"
FOOTNOTES = "footnotes"
ENDNOTES = "endnotes"
_RELATED = {
    f"{base}/{role}": role
    for base in ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                 "http://purl.oclc.org/ooxml/officeDocument/relationships")
    for role in (STYLES, NUMBERING, FOOTNOTES, ENDNOTES)
}
_WHAT = {STYLES: "样式定义", NUMBERING: "自动编号的定义", FOOTNOTES: "脚注", ENDNOTES: "尾注"}
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# As python-docx parses (blank text between elements dropped), but never resolving an entity,
# loading a DTD or reaching the network; depth stays at libxml2's limit of 256 levels, which
# also bounds the reader's recursion.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False, no_network=True)


class PackageError(CausedError):
    """Why the file cannot be read: a stable code and the Chinese cause."""


@dataclass(frozen=True)
class WordParts:
    """The parts the reader needs: the main document (unparsed: see `iter_body`), its styles,
    numbering, footnotes and endnotes (parsed, or None)."""

    content_type: str
    name: str
    document: bytes
    styles: etree._Element | None
    numbering: etree._Element | None
    footnotes: etree._Element | None = None
    endnotes: etree._Element | None = None


def read_word_parts(path: Path) -> WordParts:
    """The main document, styles, numbering and notes of the zip at `path`; raises PackageError."""
    with path.open("rb") as file:
        _check_directory(file)
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, ValueError, EOFError, OSError):
            raise PackageError("docx.not_zip", "不是有效的 .docx（zip）文件") from None
        with archive:
            return _parts(_Zip(archive))


def _check_directory(file) -> None:
    """Refuse a zip whose central directory is huge (zipfile builds an object per entry)."""
    file.seek(0, 2)
    size = file.tell()
    tail_start = max(0, size - 65_557)  # the end record and the longest comment
    file.seek(tail_start)
    tail = file.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return  # zipfile says what is wrong
    entries, directory = struct.unpack("<HI", tail[at + 10:at + 16])  # total entries, directory size
    locator = at - 20
    if locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":  # zip64: the counts are in their own record
        (offset,) = struct.unpack("<Q", tail[locator + 8:locator + 16])
        file.seek(offset)
        record = file.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            entries, directory = struct.unpack("<QQ", record[32:48])
    if entries > MAX_ENTRIES or directory > MAX_DIRECTORY:
        raise PackageError(
            "docx.too_large",
            f"压缩包里有 {entries} 个文件（目录 {directory / 1024 / 1024:.1f} MB），远超一份 Word 文档应有的数量，"
            "文件可能已损坏或被改动过",
        )


class _Zip:
    """Members by OPC part name (case-insensitive, as the conventions say), inflated with a cap."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = {info.filename.lower(): info for info in archive.infolist() if not info.is_dir()}

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str, limit: int) -> bytes:
        info = self.names[name.lower()]
        if info.file_size > limit:
            raise _too_large(name, info.file_size, limit)
        chunks, size = [], 0
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(1024 * 1024):
                    size += len(chunk)
                    if size > limit:  # the zip's own figure may lie: count what comes out
                        raise _too_large(name, None, limit)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError):
            raise PackageError("docx.corrupt", "文件已损坏（压缩包无法解开）") from None
        return b"".join(chunks)

    def xml(self, name: str, limit: int) -> etree._Element:
        return parse_part(self.read(name, limit), name)


def _too_large(name: str, size: int | None, limit: int) -> PackageError:
    """`size`: what the zip declares; None when the inflated stream went past the limit."""
    found = f"解压后有 {_shown(size)}" if size is not None else f"解压后超过 {_shown(limit)}"
    return PackageError(
        "docx.too_large",
        f"压缩包中的 {name} {found}，上限为 {_shown(limit)}（一份通报的正文通常不到 1 MB），文件可能已损坏或被改动过",
    )


def _shown(size: int) -> str:
    for unit, name in ((1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")):
        if size >= unit:
            return f"{size / unit:.1f} {name}".replace(".0 ", " ")
    return f"{size} 字节"


def parse_part(data: bytes, name: str) -> etree._Element:
    """One XML part, parsed safely; PackageError when it is not well-formed or declares a DTD."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _unreadable(exc, name) from None
    _refuse_dtd(root.getroottree(), name)
    return root


W_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


def iter_body(data: bytes, name: str) -> Iterator[etree._Element]:
    """The children of the main document's w:body, each complete when given and cleared once
    the caller asks for the next; PackageError as `parse_part` (also when there is no body)."""
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), remove_blank_text=True,
                             resolve_entities=False, load_dtd=False, no_network=True)
    depth, count, body, checked = 0, 0, None, False
    try:
        for event, element in events:
            if not checked:
                _refuse_dtd(element.getroottree(), name)
                checked = True
            if event == "start":
                depth += 1
                if depth == 2 and element.tag == W_BODY and body is None:
                    body = element
                continue
            depth -= 1
            if depth == 2 and body is not None and element.getparent() is body:
                count += 1
                if count > MAX_BODY_ELEMENTS:
                    raise PackageError("docx.too_large", f"正文超过 {MAX_BODY_ELEMENTS} 个段落和表格的上限，文件可能已损坏或被改动过")
                yield element
                element.clear(keep_tail=True)
                while element.getprevious() is not None:  # what was read: let it go
                    del body[0]
    except etree.XMLSyntaxError as exc:
        raise _unreadable(exc, name) from None
    if body is None:
        raise PackageError("docx.corrupt", "文件内容已损坏（没有正文）")


def _unreadable(exc: etree.XMLSyntaxError, name: str) -> PackageError:
    if "depth" in str(exc).lower():
        return PackageError("docx.too_deep", f"{name} 的 XML 嵌套超过 256 层，不是 Word 写出的文件")
    return PackageError("docx.corrupt", "文件内容已损坏（XML 无法解析）")


def _refuse_dtd(tree: etree._ElementTree, name: str) -> None:
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise PackageError(
            "docx.corrupt", f"{name} 含有 DTD 或实体声明（Word 不会写入这些内容），文件可能被改动过，请在 Word 中另存后再导入")


def _parts(zip_: _Zip) -> WordParts:
    not_word = PackageError("docx.not_word", "压缩包里没有 Word 文档正文，不是 .docx 文件")
    if not zip_.has("[Content_Types].xml") or not zip_.has("_rels/.rels"):
        raise not_word
    types = _content_types(zip_.xml("[Content_Types].xml", MAX_PART))
    main = next((target for kind, target in _relationships(zip_, "") if kind in MAIN_DOCUMENT), None)
    if main is None or not zip_.has(main):
        raise not_word
    content_type = types(main)
    document = zip_.read(main, MAX_DOCUMENT)
    related: dict[str, etree._Element | None] = {STYLES: None, NUMBERING: None, FOOTNOTES: None, ENDNOTES: None}
    for kind, target in _relationships(zip_, main):
        role = _RELATED.get(kind)
        if role is None or related[role] is not None:
            continue
        if not zip_.has(target):
            raise PackageError(
                "docx.corrupt",
                f"文件已损坏：正文引用的{_WHAT[role]} {target} 不在压缩包里。请在 Word 或 WPS 中打开后另存为 .docx 再导入",
            )
        related[role] = zip_.xml(target, MAX_PART)
    return WordParts(content_type, main, document, related[STYLES], related[NUMBERING], related[FOOTNOTES],
                     related[ENDNOTES])


def _content_types(root: etree._Element) -> Callable[[str], str]:
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(f"{_CT}Default")}
    overrides = {e.get("PartName", "").lstrip("/").lower(): e.get("ContentType", "") for e in root.iter(f"{_CT}Override")}

    def type_of(name: str) -> str:
        return overrides.get(name.lower()) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")

    return type_of


def _relationships(zip_: _Zip, source: str) -> list[tuple[str, str]]:
    """(type, target part name) of the internal relationships of part `source` ("" for the package)."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if not zip_.has(rels):
        return []
    out = []
    for rel in zip_.xml(rels, MAX_PART).iter(f"{_REL}Relationship"):
        target = unquote(rel.get("Target", ""))
        if rel.get("TargetMode") == "External" or not target:
            continue
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out.append((rel.get("Type", ""), posixpath.normpath(joined).lstrip("/")))
    return out
