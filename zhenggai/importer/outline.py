"""The outline of a notice from the labels at the start of its lines.

Notices number their levels with a handful of label styles (一、 （一） 1. （1） 一是 …), in
an order that differs from unit to unit. The first style met is the top level; a style not
seen before opens a level below the current one; a style seen before closes the levels
below it. So the tree follows the document's own scheme, whatever it is, and each label's
style and number are kept: they are the numbering scheme the draft records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbering import chinese_numeral
from .patterns import table
from .sources import Line

_CN_VALUES = {chinese_numeral(n): n for n in range(1, 200)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass
class Node:
    """大纲节点 — a labelled line and what follows it until the next labelled line."""

    line: Line | None
    style: str | None
    number: int
    text: str  # the line without its label
    kind: str | None = None  # "measure" for 一是 lines, "category_heading" for 第一方面问题
    label_text: str = ""  # the label as typed
    children: list[Node] = field(default_factory=list)
    paragraphs: list[Line] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Label:
    style: str
    number: int
    text: str  # as typed
    kind: str | None


def match_label(text: str) -> Label | None:
    """The label at the start of `text`, if it is one of the styles notices use."""
    for pattern, info in table("labels"):
        match = pattern.match(text)
        if not match or match.end() >= len(text):
            continue
        number = _number(match.groupdict())
        if number is None:
            continue
        return Label(info["style"], number, match.group(0), info.get("kind"))
    return None


def _number(groups: dict[str, str | None]) -> int | None:
    if groups.get("n"):
        return int(groups["n"])
    if groups.get("cn"):
        return _CN_VALUES.get(groups["cn"])
    if groups.get("circled"):
        return _CIRCLED.index(groups["circled"]) + 1
    return None


_CATEGORY_LIKE = re.compile(r"方面|^关于“|^“")


def _level_of(stack: list[Node], label: Label, text: str) -> int | None:
    """The open level a label continues, or None when it opens a level below the current one.

    Usually a style seen before closes the levels below it. But units also number the
    categories inside a part with the part's own style (二、整改落实情况 then 一、“……”方面):
    a style seen before that starts again at 1 opens a level below; then among the levels
    using the style, the one whose numbers the label continues wins, a category-like
    heading going to the deeper one and anything else (三、下一步整改计划) to the outer.
    """
    levels = [d for d in range(1, len(stack)) if stack[d].style == label.style]
    if not levels:
        return None
    if label.number == 1 and stack[levels[-1]].number > 1:
        return None
    fits = [d for d in levels if stack[d].number + 1 == label.number]
    if len(fits) > 1:
        return fits[-1] if _CATEGORY_LIKE.search(text[len(label.text):]) else fits[0]
    return fits[0] if fits else levels[-1]


def build_outline(lines: list[Line]) -> Node:
    """The tree of `lines`; unlabelled lines are the paragraphs of the node they follow."""
    root = Node(None, None, 0, "")
    stack = [root]
    for line in lines:
        label = match_label(line.text)
        if label is None:
            stack[-1].paragraphs.append(line)
            continue
        depth = _level_of(stack, label, line.text)
        if depth is not None:
            del stack[depth:]
        node = Node(line, label.style, label.number, line.text[len(label.text):].strip(), label.kind, label.text)
        stack[-1].children.append(node)
        stack.append(node)
    return root
