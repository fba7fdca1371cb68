"""The half-width marks of a data file's Chinese sentences made full-width, in the file's own text.

`check_punctuation` warns of them (`punct.halfwidth`); data files written before the importer
converted them hold hundreds, too many to change by hand. Each text value's source span is found
with YAML's composer (its marks give where the value stands) and only the marks inside it that
GB/T 15834 wants full-width change, one character for one (and the spaces beside such a mark
on its line go: the full-width mark has its own blank): comments, keys, quoting, folding and
layout stay as staff wrote them. The result is read back and must be the same data but for those
marks, or nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from ..errors import ZhenggaiError
from ..text import HALFWIDTH_MARKS, RADICALS, halfwidth_marks, radical_stands_for

_STR = "tag:yaml.org,2002:str"
_NARROW = str.maketrans({wide: narrow for narrow, wide in HALFWIDTH_MARKS.items()})


class PunctuationError(ZhenggaiError):
    """The file could not be read as YAML, or the rewrite would change more than its marks."""

    code = "punct.unfixable"


def widen_data_text(text: str) -> tuple[str, int]:
    """`text` with the half-width marks of its Chinese text values made full-width, and how many."""
    fixed, marks, _ = fix_data_text(text, radicals=False)
    return fixed, marks


def fix_data_text(text: str, radicals: bool = True) -> tuple[str, int, int]:
    """`text` with the half-width marks of its Chinese text values made full-width and (`radicals`)
    each radical that stands for a character (⼯ for 工) written as that character, and how many
    of each: one character for one, comments and keys untouched."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "文件中"
        raise PunctuationError(f"{where}不是有效的 YAML，请先按 make validate 的提示改好") from exc
    chars = list(text)
    count = folded = 0
    for start, end in _text_spans(root):
        for at in halfwidth_marks(text[start:end]):
            chars[start + at] = HALFWIDTH_MARKS[chars[start + at]]
            count += 1
            _drop_spaces_beside(text, chars, start + at, start, end)
        if radicals:
            for m in RADICALS.finditer(text, start, end):
                stands_for = radical_stands_for(m.group())
                if stands_for:
                    chars[m.start()] = stands_for
                    folded += 1
    if not count and not folded:
        return text, 0, 0
    widened = "".join(chars)
    if _narrowed(yaml.safe_load(widened), spaces=True) != _narrowed(yaml.safe_load(text), spaces=True):
        raise PunctuationError("改动会影响标点和部首符号以外的内容，未修改；请手工改正")
    return widened, count, folded


def _text_spans(node: yaml.Node | None) -> Iterator[tuple[int, int]]:
    """(start, end) in the source of every text value (not keys, not dates or numbers)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            yield node.start_mark.index, node.end_mark.index
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _text_spans(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _text_spans(value)


# A full-width comma, colon, semicolon or closing bracket carries its own blank: the spaces a
# source kept beside its half-width mark (部署, 2018年) go with it, or the justified printed line
# stretches them into a gap. Only spaces on the mark's own line: a line break stays as written.
_BESIDE = {"，": (True, True), "；": (True, True), "：": (True, True), "）": (True, False)}


def _drop_spaces_beside(text: str, chars: list[str], at: int, start: int, end: int) -> None:
    """Blank out (to "") the spaces right before and after the mark at `at` made full-width."""
    before, after = _BESIDE.get(chars[at], (False, False))
    if after:
        i = at + 1
        while i < end and text[i] == " ":
            chars[i] = ""
            i += 1
    if before:
        i = at - 1
        while i >= start and text[i] == " " and chars[i] == " ":
            chars[i] = ""
            i -= 1


_SPACES_BESIDE = re.compile(r" +(?=[,;:)])|(?<=[,;:]) +")


def _narrowed(data: Any, spaces: bool = False) -> Any:
    """`data` with every full-width mark of HALFWIDTH_MARKS written half-width and every radical
    as the character it stands for (and, with `spaces`, without the spaces beside a half-width
    mark), to compare."""
    if isinstance(data, str):
        data = RADICALS.sub(lambda m: radical_stands_for(m.group()) or m.group(), data.translate(_NARROW))
        return _SPACES_BESIDE.sub("", data) if spaces else data
    if isinstance(data, list):
        return [_narrowed(item, spaces) for item in data]
    if isinstance(data, dict):
        return {key: _narrowed(value, spaces) for key, value in data.items()}
    return data
