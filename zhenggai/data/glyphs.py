"""Characters no installed font draws: refused with their file, line and field.

WeasyPrint falls back, character by character, to any font fontconfig knows; a character none
of them has is drawn as an empty box, and the PDF stage refuses the document then
(`pdf.render`, GlyphMissingError: the backstop, naming only the document). Here the same fonts'
coverage (zhenggai/fontconfig.py, read once per process) is held against every text of a
notice at validation, so `zhenggai validate`, a preview and a build all name the place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..fontconfig import coverage
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .raw_checks import character_kind
from .source import Loc, dotted, line_of

_SHOWN = 5  # positions listed in one message; the rest are counted
_CHINESE = "中"  # without any font drawing it there is no Chinese font at all: the build says which to install


def check_glyphs(data: dict, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """An error for each text holding characters that no installed font draws."""
    covered = coverage()
    if not covered or _CHINESE not in covered:
        return []
    found = []
    for loc, text in _values(data, ()):
        if covered.issuperset(text):
            continue
        hits = [(i, c) for i, c in enumerate(text, 1) if c not in covered and c not in "\t\n" and not character_kind(c)]
        if hits:  # the refused kinds (invisible, control, private use) are reported as such (raw_checks)
            found.append(diag.error(path, _message(hits), line_of(loc, lines), dotted(loc) or None,
                                    code="font.glyph_missing"))
    return found


def _message(hits: list[tuple[int, str]]) -> str:
    positions = "、".join(str(i) for i, _ in hits[:_SHOWN]) + ("等处" if len(hits) > _SHOWN else "")
    chars = "、".join(dict.fromkeys(f"“{c}”（U+{ord(c):04X}）" for _, c in hits))
    return (f"第 {positions} 个字符{chars}在已安装的字体中都没有字形：PDF 上会显示成方框，生成 PDF 时会出错："
            "请改用常用字；字库里确实没有的字，请用文字说明（如“王加月”），或在生成 PDF 的机器上安装含这个字的字体")


def _values(data: Any, at: Loc) -> Iterator[tuple[Loc, str]]:
    """Every text value in `data` with its path (keys are not printed). Nesting is bounded (source.MAX_DEPTH)."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _values(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _values(value, (*at, i))
