"""Characters no installed font draws: refused with their file, line and field.

WeasyPrint falls back, character by character, to any font fontconfig knows; a character none
of them has is drawn as an empty box, and the PDF stage refuses the document then
(`pdf.render`, GlyphMissingError: the backstop, naming only the document). Here the same fonts'
coverage (zhenggai/fontconfig.py, read once per process) is held against every text of a
notice at validation, so `zhenggai validate`, a preview and a build all name the place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..fontconfig import coverage
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .raw_checks import character_kind
from .source import Loc, dotted, line_of, may_hide_text, text_values

_SHOWN = 5  # positions listed in one message; the rest are counted
_CHINESE = "中"  # without any font drawing it there is no Chinese font at all: the build says which to install


def check_glyphs(data: dict, lines: dict[Loc, int], path: Path, text: str | None = None) -> list[Diagnostic]:
    """An error for each text holding characters that no installed font draws. With the file's
    `text`, a file whose every character is drawn and that holds no escape (\\u…) is passed at once:
    one set test instead of a walk of every value (most files)."""
    covered = coverage()
    if not covered or _CHINESE not in covered:
        return []
    if text is not None and not may_hide_text(text) and not undrawn().search(text):
        return []
    found = []
    for loc, text in text_values(data):
        if covered.issuperset(text):
            continue
        hits = [(i, c) for i, c in enumerate(text, 1) if c not in covered and c not in "\t\n" and not character_kind(c)]
        if hits:  # the refused kinds (invisible, control, private use) are reported as such (raw_checks)
            found.append(diag.error(path, _message(hits), line_of(loc, lines), dotted(loc) or None,
                                    code="font.glyph_missing"))
    return found


def undrawn() -> re.Pattern[str]:
    """A character no installed font draws (nor a line break or indent of the file): one class of
    the coverage's ranges, so that a file is searched in C — a tenth of the time a set of its
    characters takes (measured: 0.05 s against 0.54 s for 1,000 generated notices)."""
    return _pattern(coverage() or frozenset())


@lru_cache(maxsize=2)  # per coverage (a frozenset keeps its hash)
def _pattern(covered: frozenset[str]) -> re.Pattern[str]:
    points = sorted(ord(c) for c in covered)
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    spans = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[^{spans}\\n\\r\\t ]")


def _message(hits: list[tuple[int, str]]) -> str:
    positions = "、".join(str(i) for i, _ in hits[:_SHOWN])
    chars = "、".join(dict.fromkeys(f"“{c}”（U+{ord(c):04X}）" for _, c in hits))
    if len(hits) > _SHOWN:  # as raw_checks counts them: the number, then the first positions
        where = f"文字中有 {len(hits)} 个字符{chars}在已安装的字体中都没有字形（第 {positions} 个字符等处）"
    else:
        where = f"第 {positions} 个字符{chars}在已安装的字体中都没有字形"
    return (f"{where}：PDF 上会显示成方框，生成 PDF 时会出错："
            "请改用常用字；字库里确实没有的字，请用文字说明（如“王加月”），或在生成 PDF 的机器上安装含这个字的字体")

