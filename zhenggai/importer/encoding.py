"""The text of a .txt or saved page from its bytes: which encoding, said or guessed.

Notices come as UTF-8, as GBK/GB18030 (Windows in mainland China), as Big5 (Hong Kong,
Macao, Taiwan) and, from Notepad's "Unicode", as UTF-16. A byte-order mark decides; then an
encoding the page declares (`<meta charset>`, an XML prolog), when the bytes decode with it;
then UTF-8, which almost never decodes text written otherwise; then GB18030 or Big5. Both
of these decode most byte strings without an error (Big5 read as GB18030 is mojibake such as
い琘琘Ы), so when both do, chardet, trained on real text, tells which it is.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import ZhenggaiError

# What a page's declaration means in practice (the WHATWG encoding standard's labels): GB2312
# and GBK pages are written by GBK encoders, Big5 pages often with Hong Kong characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs",
              "iso8859-1": "cp1252", "ascii": "utf-8"}
_BIG5 = ("big5hkscs", "cp950")
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']?([A-Za-z0-9._-]+)|<meta[^>]+?charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)
_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "gb18030": "GBK（GB18030）", "big5hkscs": "Big5", "cp950": "Big5"}


class EncodingError(ZhenggaiError):
    """The bytes decode with no encoding this reader knows."""

    code = "source.encoding"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec that decoded it
    note: str = ""  # said to staff when the choice was not the obvious one


def declared_encoding(raw: bytes) -> str | None:
    """The encoding a page declares in its first few KB (`<meta charset>`, http-equiv, XML prolog)."""
    match = _DECLARED.search(raw[:8192])
    if not match:
        return None
    return named_encoding((match.group(1) or match.group(2)).decode("ascii"))


def named_encoding(label: str) -> str | None:
    """The codec a declared label (gb2312, GBK, utf-8) means in practice, else None."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def decode(raw: bytes, declared: str | None = None) -> Decoded:
    """The text of `raw` (see the module's docstring); raises EncodingError."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return _strict(raw, codec) or _fail()
    wide = _utf16_without_bom(raw)
    if wide is not None:
        return Decoded(wide, "utf-16", f"文件是没有字节顺序标记的 {_NAMES['utf-16']} 文本，已按 UTF-16 读取")
    note = ""
    if declared:
        decoded = _strict(raw, declared)
        if decoded:
            return decoded
        note = f"网页声明的编码 {declared} 与内容不符，"
    decoded = _strict(raw, "utf-8")
    if decoded:
        return Decoded(decoded.text, decoded.encoding, note + "已按 UTF-8 读取" if note else "")
    gb = _strict(raw, "gb18030")
    big5 = next(filter(None, (_strict(raw, codec) for codec in _BIG5)), None)
    if gb and big5:
        chosen = big5 if _looks_big5(raw) else gb
    else:
        chosen = gb or big5
    if chosen is None:
        return _fail()
    said = f"已按 {_NAMES[chosen.encoding]} 读取"
    return Decoded(chosen.text, chosen.encoding, note + said if note or chosen is big5 else "")


def _strict(raw: bytes, codec: str) -> Decoded | None:
    try:
        return Decoded(raw.decode(codec), codecs.lookup(codec).name)
    except (UnicodeDecodeError, LookupError):
        return None


def _fail() -> Decoded:
    raise EncodingError


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a byte-order mark (its line breaks and ASCII have NUL bytes, which
    UTF-8 and GBK text never has): the byte order whose text reads as Chinese text does."""
    if b"\x00" not in raw[:65536] or len(raw) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        decoded = _strict(raw, codec)
        if decoded and _reads_as_text(decoded.text[:4096]):
            return decoded.text
    return None


def _reads_as_text(text: str) -> bool:
    """Mostly Chinese characters, their punctuation and ASCII: what text decoded right looks like
    (bytes read in the wrong order scatter over Hangul, Yi, private use and the rest)."""
    usual = sum(c.isascii() or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
                for c in text)
    return usual >= 0.9 * len(text)


def _looks_big5(raw: bytes) -> bool:
    import chardet  # only when GB18030 and Big5 both decode

    guess = (chardet.detect(raw[:65536]).get("encoding") or "").lower()
    return "big5" in guess or guess == "cp950"
