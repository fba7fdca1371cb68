"""A page saved as one file (网页，单个文件: .mht, .mhtml): its HTML and the charset it declares.

Internet Explorer, 360, Edge, Chrome and Word's 单个文件网页 write the page and its pictures as
one MIME message (multipart/related, RFC 2557): the page is the first text/html part, quoted-
printable or base64, GBK or UTF-8. The page then goes the way of a saved .html (html.py), so
both read the same.

Python's `email` package (stdlib) reads the headers: no library is needed for a format that is
mail, and the ones on PyPI wrap the same package. It is not given the whole message: its parser
makes an object of every part and holds every body, and a file of pictures has hundreds of
parts (a hostile one, hundreds of thousands). So the parts are found by their boundary lines
in a memory map of the file, only the headers of the parts before the page are parsed
(`MAX_PARTS` of them at most), and only the page's body is copied, measured, and decoded.
"""

from __future__ import annotations

import binascii
import mmap
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from pathlib import Path

from ..errors import CausedError

# A page's parts before its HTML (pictures, styles, scripts): a page has tens, a long one hundreds.
MAX_PARTS = 10_000
# A part's headers are a few lines; beyond this they are not headers.
MAX_HEADER = 64 * 1024
_HEAD_END = re.compile(rb"\r?\n\r?\n")
# Header lines, each with its folded continuation lines (a long Subject: is folded into several).
_MIME_START = re.compile(rb"\A(?:\xef\xbb\xbf)?[ \t\r\n]*(?:[A-Za-z0-9-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+")
# How far into a file its MIME-Version: or Content-Type: header is looked for.
HEAD_BYTES = 16384
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|\?xml|head|body|meta|!--)", re.I)
_MALFORMED = "不是有效的“网页，单个文件”（.mht）："


class MhtmlError(CausedError):
    """The file is no page saved as one file: a stable code and the Chinese cause."""


@dataclass(frozen=True)
class SavedPage:
    """The page's bytes as its part's transfer encoding gave them, and the charset its part names."""

    html: bytes
    charset: str | None


def looks_like_html(head: bytes) -> bool:
    """Whether a file's first bytes are a web page's markup (a page Word saved and named .doc)."""
    return bool(_HTML_START.match(head))


def looks_like_mhtml(head: bytes) -> bool:
    """Whether a file's first bytes are a MIME message's headers (a saved page, whatever its suffix)."""
    match = _MIME_START.match(head)
    return bool(match) and re.search(rb"^(?:MIME-Version|Content-Type):", match.group(), re.I | re.M) is not None


def read_mhtml(path: Path, max_html: int) -> SavedPage:
    """The first text/html part of the saved page at `path`, decoded from its transfer encoding;
    raises MhtmlError, or with code source.too_large when the page is over `max_html` bytes."""
    with path.open("rb") as file:
        if not file.seek(0, 2):
            return SavedPage(b"", None)
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _page(data, max_html)


def _page(data: mmap.mmap, max_html: int) -> SavedPage:
    if looks_like_html(data[:1024]):  # saved as HTML whatever the name says (some browsers do)
        return _measured(bytes(data[:max_html + 1]), None, max_html)
    if not looks_like_mhtml(data[:HEAD_BYTES]):
        raise MhtmlError("mhtml.malformed", _MALFORMED + "开头没有邮件格式的头部")
    head, body_start = _headers(data, 0, len(data), 1)
    kind = head.get_content_type()
    if kind == "text/html":  # a page without pictures may be a single part
        return _decoded(head, data, body_start, len(data), max_html)
    if not kind.startswith("multipart/"):
        raise MhtmlError("mhtml.no_page", "文件中没有网页（text/html 部分），只有图片等附属文件")
    boundary = head.get_boundary()
    if not boundary:
        raise MhtmlError("mhtml.malformed", _MALFORMED + "没有写明各部分之间的分隔符（boundary）")
    return _first_page(data, body_start, boundary.encode("ascii", "replace"), max_html)


def _first_page(data: mmap.mmap, start: int, boundary: bytes, max_html: int) -> SavedPage:
    """The first text/html part after `start`, found by the boundary lines; headers alone parsed."""
    delimiter = re.compile(rb"^--" + re.escape(boundary) + rb"(--)?[ \t]*\r?$", re.M)
    found = delimiter.search(data, start)
    if found is None or found.group(1):
        raise MhtmlError("mhtml.malformed", _MALFORMED + "找不到分隔符之后的任何部分")
    number = 0
    while found is not None and not found.group(1):
        number += 1
        if number > MAX_PARTS:
            raise MhtmlError("mhtml.malformed", _MALFORMED + f"网页之前有超过 {MAX_PARTS} 个部分（正常网页不过几百个）")
        part_start = found.end() + 1  # after the delimiter line's newline
        following = delimiter.search(data, part_start)
        part_end = len(data)
        if following is not None:  # the newline before a delimiter line is the delimiter's
            part_end = following.start() - (2 if data[following.start() - 2:following.start()] == b"\r\n" else 1)
        part_end = max(part_end, part_start)
        head, body_start = _headers(data, part_start, part_end, number)
        if head.get_content_type() == "text/html":
            return _decoded(head, data, body_start, part_end, max_html)
        found = following
    raise MhtmlError("mhtml.no_page", "文件中没有网页（text/html 部分），只有图片等附属文件")


def _headers(data: mmap.mmap, start: int, end: int, number: int) -> tuple[Message, int]:
    """The headers of the part from `start` to `end`, up to its first empty line, parsed by
    `email`; and where its body starts. A part without an empty line is all headers."""
    if data[start:start + 2] == b"\r\n" or data[start:start + 1] == b"\n":  # no headers at all
        return BytesHeaderParser().parsebytes(b"\r\n"), start + (2 if data[start:start + 1] == b"\r" else 1)
    blank = _HEAD_END.search(data, start, min(end, start + MAX_HEADER + 4))
    if blank is None and end - start > MAX_HEADER:
        raise MhtmlError("mhtml.malformed", _MALFORMED + f"第 {number} 部分的头部超过 {MAX_HEADER // 1024} KB")
    head_end, body_start = (blank.start(), blank.end()) if blank else (end, end)
    return BytesHeaderParser().parsebytes(bytes(data[start:head_end]) + b"\r\n\r\n"), body_start


# The transfer encodings a saved page's part may be in, and how many bytes of the part one byte
# of the page may take: base64 writes 3 as 4 and breaks its lines at 76; quoted-printable writes
# a GBK page's every byte as =XX; the others are the bytes themselves.
_ENCODINGS = {"quoted-printable": 3.0, "base64": 4 / 3 * 78 / 76, "7bit": 1.0, "8bit": 1.0, "binary": 1.0, "": 1.0}


def _decoded(head: Message, data: mmap.mmap, start: int, end: int, max_html: int) -> SavedPage:
    """The page's body decoded from its transfer encoding, measured before and after."""
    encoding = str(head.get("content-transfer-encoding", "")).strip().lower()
    if encoding not in _ENCODINGS:
        raise MhtmlError("mhtml.malformed", _MALFORMED + f"网页部分的编码方式“{encoding}”无法识别")
    if end - start > max_html * _ENCODINGS[encoding] + 4096:  # refused before it is copied or decoded
        raise _too_large(max_html)
    body = data[start:end]
    # What email's own get_payload(decode=True) calls, without its copies of the text as str.
    # a2b_base64 skips what is not base64 (line breaks), as mail readers do.
    if encoding == "quoted-printable":
        body = binascii.a2b_qp(body)
    elif encoding == "base64":
        try:
            body = binascii.a2b_base64(body)
        except binascii.Error:
            raise MhtmlError("mhtml.malformed", _MALFORMED + "网页部分的 base64 编码已损坏") from None
    return _measured(body, head.get_content_charset(), max_html)


def _measured(html: bytes, charset: str | None, max_html: int) -> SavedPage:
    if len(html) > max_html:
        raise _too_large(max_html)
    return SavedPage(html, charset)


def _too_large(max_html: int) -> MhtmlError:
    return MhtmlError("source.too_large", f"网页部分解码后超过 {max_html // 1024 // 1024} MB 的上限"
                                          "（与 .html 文件相同），请确认选对了文件")
