"""The installed fonts as fontconfig lists them, through ctypes: which faces there are, and
which characters any of them draws.

The PDF stage picks its stand-in faces from `installed_faces` (pdf/fonts.py), and WeasyPrint,
through Pango and fontconfig, falls back character by character to any installed font: a
character none of them has is drawn as an empty box. `coverage` is that set of characters,
so validation refuses such a character with its file, line and field (data/glyphs.py) before
a build gets to render it. Neither loads WeasyPrint.
"""

from __future__ import annotations

import ctypes
import hashlib
from functools import cache
from pathlib import Path


def dlopen(*names: str, allow_fail: bool = False) -> ctypes.CDLL | None:
    """The first of `names` that loads (the names WeasyPrint tries, weasyprint/text/ffi.py, so
    both load the same library); None with `allow_fail`, else OSError naming the library."""
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    if allow_fail:
        return None
    return ctypes.CDLL(names[-1])  # raises OSError naming the library


library = dlopen("libfontconfig.so.1", "libfontconfig-1", "fontconfig-1", "fontconfig",
                 "libfontconfig.1.dylib", "libfontconfig-1.dll", allow_fail=True)


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


_FC_SET_SYSTEM = 0
_FC_RESULT_MATCH = 0
_FC_INVALID_PAGE = 0xFFFFFFFF
_Page = ctypes.c_uint32 * 8  # one page of a charset: 256 characters as bits
if library is not None:
    _void_p = ctypes.c_void_p
    for _name, _restype, _argtypes in (
        ("FcInitLoadConfigAndFonts", _void_p, []),
        ("FcConfigDestroy", None, [_void_p]),
        ("FcConfigGetFonts", ctypes.POINTER(_FcFontSet), [_void_p, ctypes.c_int]),
        ("FcPatternGetString", ctypes.c_int, [_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]),
        ("FcPatternGetCharSet", ctypes.c_int, [_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_void_p)]),
        ("FcCharSetCreate", _void_p, []),
        ("FcCharSetDestroy", None, [_void_p]),
        ("FcCharSetMerge", ctypes.c_int, [_void_p, _void_p, _void_p]),
        ("FcCharSetFirstPage", ctypes.c_uint32, [_void_p, ctypes.POINTER(_Page), ctypes.POINTER(ctypes.c_uint32)]),
        ("FcCharSetNextPage", ctypes.c_uint32, [_void_p, ctypes.POINTER(_Page), ctypes.POINTER(ctypes.c_uint32)]),
    ):
        _function = getattr(library, _name)
        _function.restype, _function.argtypes = _restype, _argtypes


def _font_patterns(config) -> list[int]:
    fonts = library.FcConfigGetFonts(config, _FC_SET_SYSTEM)
    return [fonts.contents.fonts[i] for i in range(fonts.contents.nfont if fonts else 0)]


def installed_faces() -> dict[str, list[tuple[str, Path]]]:
    """Family → [(style, file)] for every font fontconfig knows (it honours FONTCONFIG_FILE); {}
    without fontconfig."""
    if library is None:
        return {}
    config = library.FcInitLoadConfigAndFonts()
    faces: dict[str, list[tuple[str, Path]]] = {}
    try:
        value = ctypes.c_char_p()
        for pattern in _font_patterns(config):
            strings = {}
            for key in (b"file", b"style"):
                found = library.FcPatternGetString(pattern, key, 0, ctypes.byref(value)) == _FC_RESULT_MATCH
                strings[key] = value.value.decode() if found else ""
            n = 0
            while library.FcPatternGetString(pattern, b"family", n, ctypes.byref(value)) == _FC_RESULT_MATCH:
                faces.setdefault(value.value.decode(), []).append((strings[b"style"], Path(strings[b"file"])))
                n += 1
    finally:
        if config:
            library.FcConfigDestroy(config)
    return faces


@cache
def coverage() -> frozenset[str] | None:
    """Every character some installed font draws (the union of their character maps), or None
    without fontconfig. Read once per process: about 20 ms for 60 fonts."""
    if library is None:
        return None
    config = library.FcInitLoadConfigAndFonts()
    union = library.FcCharSetCreate()
    try:
        charset = ctypes.c_void_p()
        for pattern in _font_patterns(config):
            if library.FcPatternGetCharSet(pattern, b"charset", 0, ctypes.byref(charset)) == _FC_RESULT_MATCH:
                library.FcCharSetMerge(union, charset, None)
        return frozenset(map(chr, _characters(union)))
    finally:
        library.FcCharSetDestroy(union)
        if config:
            library.FcConfigDestroy(config)


def _characters(charset) -> list[int]:
    """The code points of a fontconfig charset, page by page (256 characters a page)."""
    page, following = _Page(), ctypes.c_uint32()
    codes: list[int] = []
    base = library.FcCharSetFirstPage(charset, ctypes.byref(page), ctypes.byref(following))
    while base != _FC_INVALID_PAGE:
        for word_no, word in enumerate(page):
            while word:
                low = word & -word
                codes.append(base + 32 * word_no + low.bit_length() - 1)
                word ^= low
        base = library.FcCharSetNextPage(charset, ctypes.byref(page), ctypes.byref(following))
    return codes


@cache
def coverage_digest() -> bytes:
    """A digest of `coverage` (for cache keys: installing or removing a font changes it)."""
    covered = coverage()
    if covered is None:
        return b"no fontconfig"
    return hashlib.sha256("".join(sorted(covered)).encode("utf-8", "surrogatepass")).digest()
