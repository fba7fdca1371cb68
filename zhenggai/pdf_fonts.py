"""Fonts of the archival PDF: which installed font stands in for which official typeface.

GB/T 9704-2012 names typefaces (方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312) that a Linux
machine does not have and may not redistribute. The PDF uses these Debian fonts instead:

| GB/T 9704 typeface         | used for                          | stand-in (Debian package)            |
|----------------------------|-----------------------------------|--------------------------------------|
| 小标宋 (2号, 22 pt)        | title                             | Noto Serif CJK SC Bold (fonts-noto-cjk)   |
| 仿宋 (3号, 16 pt)          | body, headings 1. and (1)         | Noto Serif CJK SC Regular (fonts-noto-cjk) |
| 黑体                       | first-level headings 一、         | Noto Sans CJK SC Regular (fonts-noto-cjk)  |
| 楷体                       | second-level headings (一)        | AR PL UKai CN (fonts-arphic-ukai)    |
| 宋体 (4号, 14 pt)          | page numbers — N —                | Noto Serif CJK SC Regular (fonts-noto-cjk) |

Noto Serif CJK is a Song (Ming) face, the closest free relative of both 宋体 and 仿宋;
there is no free FangSong in Debian. Fonts are used by family name through fontconfig
(as WeasyPrint does), never copied: a CJK collection is 20–30 MB.
"""

from __future__ import annotations

import ctypes
import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("zhenggai.pdf")


def _dlopen(*names: str, allow_fail: bool = False) -> ctypes.CDLL | None:
    # The names WeasyPrint tries (weasyprint/text/ffi.py), so both load the same library.
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    if allow_fail:
        return None
    return ctypes.CDLL(names[-1])  # raises OSError naming the library


# The few fontconfig and HarfBuzz calls the checks need, through ctypes on the shared libraries
# WeasyPrint loads, not through WeasyPrint: importing it costs half a second, the checks a few
# milliseconds, and a build whose PDFs all come from the cache needs only the checks.
fontconfig = _dlopen("libfontconfig.so.1", "libfontconfig-1", "fontconfig-1", "fontconfig",
                     "libfontconfig.1.dylib", "libfontconfig-1.dll")
harfbuzz = _dlopen("libharfbuzz.so.0", "libharfbuzz-0", "harfbuzz", "harfbuzz-0.0",
                   "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
harfbuzz_subset = _dlopen("libharfbuzz-subset.so.0", "libharfbuzz-subset-0", "harfbuzz-subset",
                          "harfbuzz-subset-0.0", "libharfbuzz-subset.0.dylib",
                          "libharfbuzz-subset-0.dll", allow_fail=True)


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


_FC_SET_SYSTEM = 0
_FC_RESULT_MATCH = 0
fontconfig.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
fontconfig.FcConfigDestroy.argtypes = [ctypes.c_void_p]
fontconfig.FcConfigGetFonts.restype = ctypes.POINTER(_FcFontSet)
fontconfig.FcConfigGetFonts.argtypes = [ctypes.c_void_p, ctypes.c_int]
fontconfig.FcPatternGetString.argtypes = [
    ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]


@dataclass(frozen=True)
class StandIn:
    """字体替代 — an installed font standing in for a typeface named by GB/T 9704."""

    typeface: str
    family: str
    style: str
    package: str


STAND_INS = (
    StandIn("小标宋", "Noto Serif CJK SC", "Bold", "fonts-noto-cjk"),
    StandIn("仿宋", "Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
    StandIn("黑体", "Noto Sans CJK SC", "Regular", "fonts-noto-cjk"),
    StandIn("楷体", "AR PL UKai CN", "Book", "fonts-arphic-ukai"),
)


class FontMissingError(RuntimeError):
    """A CJK font the PDF needs is not installed: the PDF would show boxes, so none is written."""


class GlyphMissingError(RuntimeError):
    """A character of a document has no glyph in any installed font."""


def _installed_faces() -> dict[str, list[tuple[str, Path]]]:
    """Family → [(style, file)] for every font fontconfig knows (it honours FONTCONFIG_FILE)."""
    config = fontconfig.FcInitLoadConfigAndFonts()
    faces: dict[str, list[tuple[str, Path]]] = {}
    try:
        fonts = fontconfig.FcConfigGetFonts(config, _FC_SET_SYSTEM)
        value = ctypes.c_char_p()
        for i in range(fonts.contents.nfont if fonts else 0):
            pattern = fonts.contents.fonts[i]
            strings = {}
            for key in (b"file", b"style"):
                found = fontconfig.FcPatternGetString(pattern, key, 0, ctypes.byref(value)) == _FC_RESULT_MATCH
                strings[key] = value.value.decode() if found else ""
            n = 0
            while fontconfig.FcPatternGetString(pattern, b"family", n, ctypes.byref(value)) == _FC_RESULT_MATCH:
                faces.setdefault(value.value.decode(), []).append((strings[b"style"], Path(strings[b"file"])))
                n += 1
    finally:
        if config:
            fontconfig.FcConfigDestroy(config)
    return faces


def check_fonts() -> tuple[Path, ...]:
    """The font files the PDF uses; FontMissingError naming the Debian packages when one is missing."""
    faces = _installed_faces()
    found = {s: [path for style, path in faces.get(s.family, ()) if s.style == style] for s in STAND_INS}
    missing = [s for s in STAND_INS if not found[s]]
    if missing:
        names = "、".join(f"{s.family} {s.style}(代替{s.typeface})" for s in missing)
        packages = " ".join(sorted({s.package for s in missing}))
        raise FontMissingError(
            f"未找到 PDF 所需的中文字体:{names}。缺少中文字体时 PDF 中的汉字会显示为方框,"
            f"因此不生成 PDF。请安装 Debian 软件包:apt-get install {packages}"
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
        "!!! 未安装 libharfbuzz-subset0:WeasyPrint 将改用 fontTools 裁剪字体,写出每个 PDF 慢约 40 倍"
        "(种子 000:约 10 秒而非 0.3 秒)。请安装:apt-get install libharfbuzz-subset0 !!!"
    )
    return False
