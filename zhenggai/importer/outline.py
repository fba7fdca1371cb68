"""The outline of a notice from the labels at the start of its lines.

Notices number their levels with a handful of label styles (一、 （一） 1. （1） 一是 …), in
an order that differs from unit to unit. The first style met is the top level; a style not
seen before opens a level below the current one; a style seen before closes the levels
below it. So the tree follows the document's own scheme, whatever it is, and each label's
style and number are kept: they are the numbering scheme the draft records.
"""

from __future__ import annotations

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


def build_outline(lines: list[Line]) -> Node:
    """The tree of `lines`; unlabelled lines are the paragraphs of the node they follow."""
    root = Node(None, None, 0, "")
    stack = [root]
    for line in lines:
        label = match_label(line.text)
        if label is None:
            stack[-1].paragraphs.append(line)
            continue
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth].style == label.style:
                del stack[depth:]
                break
        node = Node(line, label.style, label.number, line.text[len(label.text):].strip(), label.kind, label.text)
        stack[-1].children.append(node)
        stack.append(node)
    return root
