"""The label at the start of a line (一、 （一） 1. （1） 一是 问题1.), read from its folded view."""

from __future__ import annotations

from dataclasses import dataclass

from ..numbering import chinese_numeral
from .rules import table

_CN_VALUES = {chinese_numeral(n): n for n in range(1, 200)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Label:
    """编号 — a label as typed: its style ({cn}、), number and length in the line."""

    style: str
    number: int
    length: int
    kind: str | None  # "measure" (一是), "problem" (问题1.), "category_heading" (第一方面问题)


def label_alone(view: str) -> Label | None:
    """The label a line holds and nothing else (1. / 问题一： on its own line): a label is read only
    before some text, so it is matched as if text followed."""
    bare = view.strip()
    label = match_label(bare + "某")
    return label if label and label.length == len(bare) else None


def match_label(view: str) -> Label | None:
    """The label at the start of a folded line, if it is one of the styles notices use."""
    for pattern, info in table("labels"):
        match = pattern.match(view)
        if not match or match.end() >= len(view):
            continue
        number = cn_number(match.groupdict())
        if number is None:
            continue
        return Label(info["style"], number, match.end(), info.get("kind"))
    return None


def cn_number(groups: dict[str, str | None]) -> int | None:
    """The counter of a label's groups: n (Arabic), cn (Chinese), circled, paren (⑴) or stop (⒈)."""
    if groups.get("n"):
        return int(groups["n"])
    if groups.get("cn"):
        return chinese_value(groups["cn"])
    if groups.get("circled"):
        return _CIRCLED.index(groups["circled"]) + 1
    if groups.get("paren"):  # ⑴ … ⒇
        return ord(groups["paren"]) - 0x2473
    if groups.get("stop"):  # ⒈ … ⒛
        return ord(groups["stop"]) - 0x2487
    return None


def chinese_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 两 → 2, or an Arabic number; None when it is neither."""
    if text.isdigit():
        return int(text)
    return _CN_VALUES.get(text.replace("两", "二").replace("〇", "零"))
