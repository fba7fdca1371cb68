"""Checks on the parsed data before validation: what the model cannot see or would choke on.

Invisible, control and private-use characters survive validation (they are text) and
nesting is the model's own shape, so both are judged here on the plain data (the parsed
strings: YAML's escapes write characters the file's text does not show), for every file,
even one that later fails validation for another reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import diagnostics as diag
from .diagnostics import Diagnostic
from ..text import RADICALS, radical_stands_for
from .source import Loc, dotted, line_of, may_hide_text
from .table import read_table

# GB/T 9704 has four heading levels (一、（一）1.（1）); below the fourth the numbering
# repeats （1）, and real notices use three or four. Eight allows unusual documents; a file
# nesting deeper is a mistake (and at a few hundred levels it would exhaust Python's
# recursion when the document is cached, sent to the PDF workers or rendered).
MAX_SECTION_DEPTH = 8

# Positions listed in one message; the rest are counted.
_SHOWN_POSITIONS = 5


# What `zhenggai import` leaves where a notice did not say (【请填写标题】, 【请填写:问题】): a
# draft holding one is unfinished and must not be published — also as staff leave it: its
# closing bracket deleted, in other brackets, in traditional script, or broken by a line an
# editor folded (【请 填写标题】), and as a YAML escape ("\u3010请填写…").
PLACEHOLDER = re.compile(r"[【〖［\[〔]\s*(?:请|請)\s*(?:填\s*写|填\s*寫|核\s*对|核\s*對)[^】〗］\]〕\n]{0,40}[】〗］\]〕]?")
# A word left to come back to: TODO, FIXME, XXX (as a word of its own, not ×××-style names).
TODO = re.compile(r"(?<![A-Za-z])(?:TODO|FIXME|TBD|XXX)(?![A-Za-z])")
# Most files have none: one search of the file's text decides whether the parsed strings are walked.
_PLACEHOLDER_TEXT = re.compile(r"[请請]\s*[填核]|TODO|FIXME|TBD|XXX")


def check_raw(data: dict, lines: dict[Loc, int], text: str, path: Path) -> list[Diagnostic]:
    """Every finding of this module about one parsed file."""
    found = check_section_depth(data, lines, path)
    # Most files have none: one search of the whole text, and the walk of the parsed strings
    # only when it finds a candidate, a backslash or a tag (YAML's escapes, "\u202E" or "\e",
    # and tags write into the data characters the file's text does not hold).
    if may_hide_text(text) or any(character_kind(m.group()) for m in suspect_pattern().finditer(text)):
        found.extend(check_characters(data, lines, path))
    if may_hide_text(text) or _PLACEHOLDER_TEXT.search(text):
        found.extend(check_placeholders(data, lines, path))
    if may_hide_text(text) or RADICALS.search(text):
        found.extend(check_radicals(data, lines, path))
    return found


def check_radicals(data: Any, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """A warning for each text holding radicals (⼀⼯⽅) that look like characters (一工方) and are
    not, naming each and the character it stands for; `zhenggai punctuation` replaces those."""
    found = []
    for loc, text, is_key in _texts(data, ()):
        hits = [(m.start(), m.group()) for m in RADICALS.finditer(text)]
        if not hits:
            continue
        where = "键名" if is_key else "文字"
        positions = "、".join(str(start + 1) for start, _ in hits[:_SHOWN_POSITIONS])
        chars = "、".join(dict.fromkeys(_radical_named(c) for _, c in hits))
        if len(hits) > _SHOWN_POSITIONS:
            said = f"{where}中有 {len(hits)} 个部首符号{chars}（第 {positions} 个字符等处）"
        else:
            said = f"{where}第 {positions} 个字符是部首符号{chars}"
        fixable = not is_key and any(radical_stands_for(c) for _, c in hits)
        message = (f"{said}：看起来像汉字，却不是：搜索、复制和读屏软件都不把它当作那个字（常见于从 PDF 复制的文字），"
                   "请改为对应的汉字" + ("；运行 zhenggai punctuation 文件 可自动改为对应的汉字" if fixable else ""))
        found.append(diag.warning(path, message, line_of(loc, lines), dotted(loc) or None, code="text.radical"))
    return found


def _radical_named(char: str) -> str:
    stands_for = radical_stands_for(char)
    return f"“{char}”（U+{ord(char):04X}{f'，像“{stands_for}”' if stands_for else ''}）"


def check_placeholders(data: Any, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """An error for each text still holding an import placeholder (【请填写…】), a warning for a
    to-do word (TODO): checked on the parsed strings, whatever the file's text looks like."""
    found = []
    for loc, text, _ in _texts(data, ()):
        if match := PLACEHOLDER.search(text):
            message = f"还留着导入时的占位文字“{match.group()}”：请填写真实内容（草稿未完成，不能发布）"
            found.append(diag.error(path, message, line_of(loc, lines), dotted(loc) or None, code="draft.placeholder"))
        elif match := TODO.search(text):
            message = f"还留着“{match.group()}”：像是待补的记号，请填写真实内容后删去"
            found.append(diag.warning(path, message, line_of(loc, lines), dotted(loc) or None, code="draft.todo"))
    return found


def check_section_depth(data: dict, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """An error for each section at the first level deeper than MAX_SECTION_DEPTH."""
    level: list[tuple[Loc, Any]] = [(("sections",), data.get("sections"))]
    for depth in range(1, MAX_SECTION_DEPTH + 2):
        below: list[tuple[Loc, Any]] = []
        for at, sections in level:
            if isinstance(sections, list):
                below.extend(((*at, i), s) for i, s in enumerate(sections))
        if depth > MAX_SECTION_DEPTH:
            message = (
                f"章节嵌套过深：这是第 {depth} 层章节，最多 {MAX_SECTION_DEPTH} 层"
                "（公文标题只有 一、（一）1.（1）四级），请把下级章节并入上一级"
            )
            return [
                diag.error(path, message, line_of(loc, lines), dotted(loc), code="sections.too_deep")
                for loc, _ in below
            ]
        level = [((*loc, "sections"), s.get("sections")) for loc, s in below if isinstance(s, dict)]
    return []


# What each kind of refused character is called, what it does, and its diagnostic's code.
_KINDS = {
    "invisible": ("看不见的控制字符", "它会让网页和 PDF 中的文字错乱或隐藏，请删除（常见于从 Word、网页或聊天软件复制的文字）",
                  "text.invisible"),
    "control": ("控制字符", "它不是文字，会让网页、订阅源和 PDF 出错，请删除（多见于 \\0、\\e、\\x07 这样的转义写法，"
                "或从其他软件复制的文字）", "text.control"),
    "private": ("私用区字符（造字）", "同一个码位在不同的电脑和字体里是不同的字，网页和 PDF 上会显示成别的字或方框："
                "请改用标准汉字；字库里确实没有的字，请用文字说明（如“王加月”）", "text.private_use"),
    "lost": ("替换符号", "原文的这个字在转换编码时已经丢失，这里只剩一个替换符号（显示为 �）：请对照原文补上这个字"
             "（常见于编码损坏的网页或文本文件）", "text.replacement"),
}


def check_characters(data: Any, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """An error for each key or text holding characters that print as nothing, reorder the
    text, are no text at all (control characters) or are a different glyph in every font
    (private use): one per kind and string."""
    found = []
    for loc, text, is_key in _texts(data, ()):
        for code, message in refused_characters(text, "键名" if is_key else "文字"):
            found.append(diag.error(path, message, line_of(loc, lines), dotted(loc) or None, code=code))
    return found


def refused_characters(text: str, where: str = "文字") -> list[tuple[str, str]]:
    """(code, message) for each kind of refused character in `text` (see `character_kind`), first
    found first: the data's texts and the site's own settings (site name, footer) are held to it."""
    hits: dict[str, list[tuple[int, str]]] = {}
    for m in suspect_pattern().finditer(text):
        kind = character_kind(m.group())
        if kind:
            hits.setdefault(kind, []).append((m.start(), m.group()))
    return [(_KINDS[kind][2], _message(kind, at, where)) for kind, at in sorted(hits.items(), key=lambda i: i[1][0][0])]


def _message(kind: str, hits: list[tuple[int, str]], where: str) -> str:
    words, effect, _ = _KINDS[kind]
    positions = "、".join(str(start + 1) for start, _ in hits[:_SHOWN_POSITIONS])
    chars = "、".join(dict.fromkeys(_named(c, kind) for _, c in hits))
    if len(hits) > _SHOWN_POSITIONS:
        return f"{where}中有 {len(hits)} 个{words} {chars}（第 {positions} 个字符等处）：{effect}"
    return f"{where}第 {positions} 个字符是{words} {chars}：{effect}"


def _named(char: str, kind: str) -> str:
    code = f"U+{ord(char):04X}"
    return code if kind in ("private", "lost") else f"{code}（{character_name(char)}）"


def _texts(data: Any, at: Loc) -> Iterator[tuple[Loc, str, bool]]:
    """Every string in `data` with its path; keys flagged. Nesting is bounded (source.MAX_DEPTH)."""
    if isinstance(data, str):
        yield at, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*at, key), key, True
            yield from _texts(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*at, i))


# U+FFFD REPLACEMENT CHARACTER: a decoder's mark for a character it lost (libxml2 writes it for a
# NUL in a saved page, Python for bytes of another encoding).
REPLACEMENT = 0xFFFD


@cache
def suspect_pattern() -> re.Pattern[str]:
    """Candidates for `character_kind`: the format, control, private-use and separator
    characters of the Basic Multilingual Plane, the table's other invisible ones, and any
    character beyond it (rare in Chinese text, and a character class of the few astral ones
    would make every search slow)."""
    table = read_table("invisible")
    codes = [c for c in range(0x10000) if _category(c) in ("Cf", "Cc", "Cs", "Co", "Zl", "Zp")]
    codes.extend(table["also"])
    codes.extend(c for c in range(0x10000) if _noncharacter(c))
    codes.append(REPLACEMENT)
    runs: list[list[int]] = []
    for code in sorted(set(codes) - {ord("\t"), ord("\n")}):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(_escaped(a) + (f"-{_escaped(b)}" if b > a else "") for a, b in runs)
    return re.compile(f"[{ranges}\U00010000-\U0010FFFF]")


def _escaped(code: int) -> str:
    # Surrogates cannot stand in a pattern as themselves.
    return f"\\u{code:04x}" if 0xD800 <= code <= 0xDFFF else re.escape(chr(code))


def _category(code: int) -> str:
    return unicodedata.category(chr(code))


def _noncharacter(code: int) -> bool:
    """U+FDD0–FDEF and the last two code points of every plane: never characters (XML refuses them)."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def character_kind(char: str) -> str | None:
    """Why `char` is refused in the data: "invisible" (a format character, category Cf as this
    Python's Unicode version has it, or one of the table's other invisible ones), "control"
    (a control character but tab and line feed, a line or paragraph separator, a surrogate or
    a noncharacter: no text, and XML, feeds and PDF metadata break on them), "private" (a
    private-use code point, 造字), "lost" (U+FFFD, what a decoder leaves where it could not read
    a character); None for any other character."""
    code = ord(char)
    if code == REPLACEMENT:
        return "lost"
    category = unicodedata.category(char)
    if category == "Cf" or code in read_table("invisible")["also"]:
        return "invisible"
    if category == "Co":
        return "private"
    if category in ("Cc", "Cs", "Zl", "Zp") and char not in "\t\n" or _noncharacter(code):
        return "control"
    return None


def is_invisible(char: str) -> bool:
    """A character that prints as nothing or reorders the text around it."""
    return character_kind(char) == "invisible"


def character_name(char: str) -> str:
    """The Chinese name of a refused character, as the diagnostics give it."""
    table = read_table("invisible")
    if character_kind(char) == "control":
        return table["control"].get(ord(char), table["other_control"])
    return table["names"].get(ord(char), table["other"])


# The id names the page's folder and the PDF files (`<id>-v12.pdf`, and in the cache
# `<id>.<32 hex>.pdf`): well under the 255 bytes a file name may have.
MAX_ID_LENGTH = 100
# Names Windows keeps for devices: a clone of the project there could not hold such a file.
RESERVED_IDS = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
DRAFT_ID = re.compile(r"import-[0-9a-f]{8}")  # the name `zhenggai import` gives a source it cannot name


def id_problems(stem: str, path: Path) -> list[Diagnostic]:
    """Errors for an id that is a valid pattern but not a name to publish under."""
    if len(stem) > MAX_ID_LENGTH:
        return [diag.error(path, f"文件名太长（{len(stem)} 个字符）：编号最多 {MAX_ID_LENGTH} 个字符，请改短",
                           code="id.too_long")]
    if stem in RESERVED_IDS:
        return [diag.error(path, f"文件名“{stem}”是 Windows 保留的设备名，不能用作编号：请改名", code="id.reserved")]
    if DRAFT_ID.fullmatch(stem):
        return [diag.error(path, f"文件名“{stem}”是导入时临时起的编号：请把文件改名为有意义的编号"
                                 "（如 sz-bgt-2019-zhenggai.yml；编号会出现在网址和 PDF 文件名中），草稿未完成，不能发布",
                           code="draft.id")]
    return []
