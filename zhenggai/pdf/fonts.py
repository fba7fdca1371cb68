"""Fonts of the archival PDF: which installed font stands in for which official typeface.

GB/T 9704-2012 names typefaces (方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312) that a Linux
machine does not have and may not redistribute. The PDF uses these Debian fonts instead:

| GB/T 9704 typeface  | used for                            | stand-in (where it comes from)                     |
|---------------------|-------------------------------------|----------------------------------------------------|
| 小标宋 (2号, 22 pt) | title                               | Noto Serif CJK SC Bold (fonts-noto-cjk)            |
| 仿宋_GB2312 (3号)   | body, headings 1. and (1)           | FandolFang Regular (texlive-lang-chinese, the font |
|                     |                                     | file only: scripts/fandol.sh)                      |
| 黑体                | first-level headings 一、           | Noto Sans CJK SC Regular (fonts-noto-cjk)          |
| 楷体_GB2312         | second-level headings (一)          | FandolKai Regular (texlive-lang-chinese, as above) |
| 宋体 (4号, 14 pt)   | page numbers — N —                  | Noto Serif CJK SC Regular (fonts-noto-cjk)         |
| (none)              | body characters outside GB 2312     | Noto Serif CJK SC Regular, next in the body's list |
| (none)              | 楷体 characters outside GB 2312     | AR PL UKai CN (fonts-arphic-ukai)                  |

FandolFang and FandolKai cover GB 2312 (6,763 characters), as 仿宋_GB2312 and 楷体_GB2312
themselves do: a name or place written with a rarer character (锴 is in it; 堃 or 𠀀 are not)
falls back, character by character, to Noto Serif CJK (a Song face, the closest free relative
of 仿宋 that covers them all) or AR PL UKai (楷体). AR PL UKai alone drew the (一) headings
before: its glyphs sit small in their square and the headings looked letter-spaced. Fonts are used by family name through fontconfig
(as WeasyPrint does), never copied: a CJK collection is 20–30 MB. Each PDF embeds only the
glyphs it draws (`compact_cid_cff`).

The checks here (`check_fonts`, `check_subsetting`) call fontconfig (zhenggai/fontconfig.py)
and HarfBuzz through ctypes, without WeasyPrint, so that a build whose PDFs all come from the cache need not
import it.
"""

from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZhenggaiError
from ..fontconfig import dlopen, installed_faces
from ..log import logger as stage_logger

logger = stage_logger("pdf")


# The shared libraries WeasyPrint loads, through ctypes rather than through WeasyPrint:
# importing WeasyPrint costs half a second, the font checks 5 ms. (cffi would parse its
# declarations with pycparser at import: 0.1 s.) fontconfig is read in zhenggai/fontconfig.py,
# which validation shares (which characters the installed fonts draw).
harfbuzz = dlopen("libharfbuzz.so.0", "libharfbuzz-0", "harfbuzz", "harfbuzz-0.0",
                  "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
harfbuzz_subset = dlopen("libharfbuzz-subset.so.0", "libharfbuzz-subset-0", "harfbuzz-subset",
                         "harfbuzz-subset-0.0", "libharfbuzz-subset.0.dylib",
                         "libharfbuzz-subset-0.dll", allow_fail=True)


@dataclass(frozen=True)
class StandIn:
    """字体替代 — an installed font standing in for a typeface named by GB/T 9704."""

    typeface: str
    family: str
    style: str
    package: str
    install: str = ""  # how to get it when apt-get install of the package is not the way


FANDOL = "sh scripts/fandol.sh（从 texlive-lang-chinese 中只提取字体文件）"
STAND_INS = (
    StandIn("小标宋", "Noto Serif CJK SC", "Bold", "fonts-noto-cjk"),
    StandIn("仿宋", "FandolFang", "Regular", "texlive-lang-chinese", FANDOL),
    StandIn("宋体，及仿宋缺字", "Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
    StandIn("黑体", "Noto Sans CJK SC", "Regular", "fonts-noto-cjk"),
    StandIn("楷体", "FandolKai", "Regular", "texlive-lang-chinese", FANDOL),
    StandIn("楷体缺字", "AR PL UKai CN", "Book", "fonts-arphic-ukai"),
)


class FontMissingError(ZhenggaiError, RuntimeError):
    """A CJK font the PDF needs is not installed: the PDF would show boxes, so none is written."""

    code = "font.missing"


class GlyphMissingError(ZhenggaiError, RuntimeError):
    """A character of a document has no glyph in any installed font."""

    code = "font.glyph_missing"


class TextOverflowError(GlyphMissingError):
    """Text of a document was laid out outside the text block: the archival copy would lose it.
    Handled wherever GlyphMissingError is (a document the PDF cannot show in full)."""

    code = "pdf.text_overflow"


def check_fonts() -> tuple[Path, ...]:
    """The font files the PDF uses; FontMissingError naming the Debian packages when one is missing."""
    faces = installed_faces()
    found = {s: [path for style, path in faces.get(s.family, ()) if s.style == style] for s in STAND_INS}
    missing = [s for s in STAND_INS if not found[s]]
    if missing:
        names = "、".join(f"{s.family} {s.style}（代替{s.typeface}）" for s in missing)
        packages = " ".join(sorted({s.package for s in missing if not s.install}))
        steps = ([f"安装 Debian 软件包：apt-get install {packages}"] if packages else [])
        steps += sorted({f"运行 {s.install}" for s in missing if s.install})
        raise FontMissingError(
            f"未找到 PDF 所需的中文字体：{names}。缺少中文字体时 PDF 中的汉字会显示为方框，"
            f"因此不生成 PDF。请{';'.join(steps)}"
        )
    return tuple(sorted({path for paths in found.values() for path in paths}))


def harfbuzz_subsetting() -> bool:
    """True when WeasyPrint subsets fonts with HarfBuzz (fast), false when it falls back to fontTools."""
    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def check_subsetting() -> bool:
    """Warn loudly when fonts would be subset by fontTools (about 40 times slower); return whether fast."""
    if harfbuzz_subsetting():
        return True
    logger.warning(
        "!!! 未安装 libharfbuzz-subset0:WeasyPrint 将改用 fontTools 裁剪字体，写出每个 PDF 慢约 40 倍"
        "（种子 000：约 10 秒而非 0.3 秒）。请安装：apt-get install libharfbuzz-subset0 !!!"
    )
    return False


_HB_MEMORY_MODE_READONLY = 1
_HB_SUBSET_FLAGS_NO_HINTING = 0x1
_HB_SUBSET_FLAGS_DESUBROUTINIZE = 0x4
_HB_SUBSET_SETS_DROP_TABLE_TAG = 3
# Only the CFF table is embedded. The character map in particular must go: HarfBuzz would
# otherwise add the glyphs it reaches from the drawn characters' variation sequences.
_DROPPED_TABLES = sorted(
    int.from_bytes(tag, "big") for tag in (b"cmap", b"GDEF", b"GPOS", b"GSUB", b"VORG", b"vhea", b"vmtx")
)
if harfbuzz_subset is not None:
    _void_p, _uint = ctypes.c_void_p, ctypes.c_uint
    for _library, _name, _restype, _argtypes in (
        (harfbuzz, "hb_blob_create", _void_p, [ctypes.c_char_p, _uint, ctypes.c_int, _void_p, _void_p]),
        (harfbuzz, "hb_blob_destroy", None, [_void_p]),
        (harfbuzz, "hb_blob_get_data", _void_p, [_void_p, ctypes.POINTER(_uint)]),
        (harfbuzz, "hb_face_create", _void_p, [_void_p, _uint]),
        (harfbuzz, "hb_face_destroy", None, [_void_p]),
        (harfbuzz, "hb_face_reference_blob", _void_p, [_void_p]),
        (harfbuzz, "hb_set_add_sorted_array", None, [_void_p, ctypes.POINTER(ctypes.c_uint32), _uint]),
        (harfbuzz_subset, "hb_subset_input_create_or_fail", _void_p, []),
        (harfbuzz_subset, "hb_subset_input_destroy", None, [_void_p]),
        (harfbuzz_subset, "hb_subset_input_glyph_set", _void_p, [_void_p]),
        (harfbuzz_subset, "hb_subset_input_set", _void_p, [_void_p, ctypes.c_int]),
        (harfbuzz_subset, "hb_subset_input_set_flags", None, [_void_p, _uint]),
        (harfbuzz_subset, "hb_subset_or_fail", _void_p, [_void_p, _void_p]),
    ):
        _function = getattr(_library, _name)
        _function.restype, _function.argtypes = _restype, _argtypes


def compact_cid_cff(program: bytes, cids: set[int]) -> bytes | None:
    """The bare CFF of an OpenType CID-keyed font `program` with only the glyphs of `cids`, or None.

    WeasyPrint keeps every glyph id of a subset font (empty glyphs in between) so that the
    PDF can select glyphs by id; in a CJK font that costs 130–150 KB per face and document.
    A CID-keyed CFF selects glyphs by CID through its charset, which HarfBuzz keeps when it
    renumbers the glyphs: embedded bare (FontFile3 /CIDFontType0C, as Acrobat embeds CJK
    fonts), the same CIDs draw the same glyphs in every reader. Wrapped in OpenType they do
    not: PDFium and poppler take the CIDs for glyph ids there, and a CIDToGIDMap correcting
    them misleads MuPDF and Ghostscript. None when the font is not CID-keyed,
    HarfBuzz is missing or fails, or the result lacks one of `cids`: the caller then embeds
    the program as it is.
    """
    if not harfbuzz_subsetting():
        return None
    wanted = sorted(cids | {0})
    subset = _harfbuzz_subset(program, wanted)
    if subset is None:
        return None
    return _cid_keyed_cff(subset, wanted)


def _harfbuzz_subset(program: bytes, gids: list[int]) -> bytes | None:
    """`program` with only the glyphs `gids` (sorted), renumbered; None if HarfBuzz fails."""
    blob = harfbuzz.hb_blob_create(program, len(program), _HB_MEMORY_MODE_READONLY, None, None)
    face = harfbuzz.hb_face_create(blob, 0)
    request = harfbuzz_subset.hb_subset_input_create_or_fail()
    result = None
    try:
        if not request:
            return None
        array = (ctypes.c_uint32 * len(gids))(*gids)
        harfbuzz.hb_set_add_sorted_array(harfbuzz_subset.hb_subset_input_glyph_set(request), array, len(gids))
        tags = (ctypes.c_uint32 * len(_DROPPED_TABLES))(*_DROPPED_TABLES)
        harfbuzz.hb_set_add_sorted_array(
            harfbuzz_subset.hb_subset_input_set(request, _HB_SUBSET_SETS_DROP_TABLE_TAG), tags, len(tags))
        # WeasyPrint's own choices (no hinting, no subroutines): only the renumbering differs.
        harfbuzz_subset.hb_subset_input_set_flags(
            request, _HB_SUBSET_FLAGS_NO_HINTING | _HB_SUBSET_FLAGS_DESUBROUTINIZE)
        result = harfbuzz_subset.hb_subset_or_fail(face, request)
        if not result:
            return None
        data = harfbuzz.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        pointer = harfbuzz.hb_blob_get_data(data, ctypes.byref(length))
        subset = ctypes.string_at(pointer, length.value) if pointer else None
        harfbuzz.hb_blob_destroy(data)
        return subset
    finally:
        if result:
            harfbuzz.hb_face_destroy(result)
        if request:
            harfbuzz_subset.hb_subset_input_destroy(request)
        harfbuzz.hb_face_destroy(face)
        harfbuzz.hb_blob_destroy(blob)


def _cid_keyed_cff(sfnt: bytes, cids: list[int]) -> bytes | None:
    """The CFF table of `sfnt` if it is CID-keyed and draws each of `cids` (sorted glyph ids of
    the original font, as the PDF names them) by that same CID."""
    from fontTools.cffLib import CFFFontSet  # loaded by WeasyPrint already, where this runs
    from fontTools.ttLib import TTFont

    try:
        cff = TTFont(io.BytesIO(sfnt), lazy=True).reader["CFF "]
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(cff), None)
        top = fonts.topDictIndex[0]
        charset = top.charset if hasattr(top, "ROS") else None
    except Exception:  # noqa: BLE001 — whatever fails to parse is embedded as WeasyPrint wrote it
        return None
    if not charset or charset[0] != ".notdef" or not all(name.startswith("cid") for name in charset[1:]):
        return None
    kept = [int(name[3:]) for name in charset[1:]]
    if tuple(top.ROS) == ("Adobe", "Identity", 0):
        # Glyph order is CID order in these fonts (Noto CJK): HarfBuzz may keep a few glyphs
        # more than asked (its glyph closure); the drawn ones must all be there, in order.
        in_order = all(a < b for a, b in zip(kept, kept[1:]))
        return cff if in_order and set(cids[1:]) <= set(kept) else None
    # An ordered collection (FandolFang and FandolKai are Adobe-GB1): glyph ids and CIDs part
    # ways after glyph 8895, so the PDF's ids draw the right glyphs only where each kept glyph's
    # CID is its original id; otherwise the font is embedded as WeasyPrint wrote it.
    return cff if kept == cids[1:] else None
