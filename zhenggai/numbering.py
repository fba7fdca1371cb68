"""Presentation numbering (一、（一）1.（1）一是) and anchors, derived from position.

The web page and the PDF both number through this module, so a document reads the same
in both. Data never carries numbering.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Category, Document, Item, Numbering, Problem, Section

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (enough for any document)."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else chinese_numeral(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _DIGITS[n // 100] + "百" + tail


def level_label(depth: int, n: int) -> str:
    """Heading label for nesting depth 1–4 (GB/T 9704 order), e.g. (2, 3) → （三）."""
    if depth == 1:
        return f"{chinese_numeral(n)}、"
    if depth == 2:
        return f"（{chinese_numeral(n)}）"
    if depth == 3:
        return f"{n}."
    return f"（{n}）"


def point_label(n: int) -> str:
    """一是, 二是 … for points and measures listed one per paragraph."""
    return f"{chinese_numeral(n)}是"


@dataclass(frozen=True)
class NumberedItem:
    item: Item
    label: str
    anchor: str


@dataclass(frozen=True)
class NumberedProblem:
    problem: Problem
    label: str
    anchor: str
    items: tuple[NumberedItem, ...]


@dataclass(frozen=True)
class NumberedCategory:
    category: Category
    label: str
    anchor: str
    problems: tuple[NumberedProblem, ...]


@dataclass(frozen=True)
class NumberedSection:
    section: Section
    depth: int
    label: str
    anchor: str
    sections: tuple[NumberedSection, ...]
    categories: tuple[NumberedCategory, ...]


class _Counters:
    """Problem and item counters; continuous numbering never resets them."""

    def __init__(self, continuous: bool):
        self.continuous = continuous
        self.category = 0
        self.problem = 0
        self.item = 0


def number_document(doc: Document) -> tuple[NumberedSection, ...]:
    """Number every section, category, problem and item of `doc` and give each an anchor."""
    counters = _Counters(doc.numbering is Numbering.CONTINUOUS)
    return tuple(
        _number_section(s, 1, i, f"s{i}", counters) for i, s in enumerate(doc.sections, 1)
    )


def _number_section(section: Section, depth: int, n: int, anchor: str, counters: _Counters) -> NumberedSection:
    subsections = tuple(
        _number_section(s, depth + 1, i, f"{anchor}-{i}", counters)
        for i, s in enumerate(section.sections, 1)
    )
    categories = []
    for i, category in enumerate(section.categories, 1):
        counters.category += 1
        categories.append(_number_category(category, depth + 1, i, counters))
    return NumberedSection(section, depth, level_label(depth, n), anchor, subsections, tuple(categories))


def _number_category(category: Category, depth: int, n: int, counters: _Counters) -> NumberedCategory:
    c_anchor = f"c{counters.category}"
    if not counters.continuous:
        counters.problem = counters.item = 0
    problems = []
    for p_pos, problem in enumerate(category.problems, 1):
        counters.problem += 1
        p_anchor = f"{c_anchor}-p{p_pos}"
        if not counters.continuous:
            counters.item = 0
        items = []
        for i_pos, item in enumerate(problem.items, 1):
            counters.item += 1
            items.append(NumberedItem(item, level_label(depth + 2, counters.item), f"{p_anchor}-i{i_pos}"))
        problems.append(
            NumberedProblem(problem, level_label(depth + 1, counters.problem), p_anchor, tuple(items))
        )
    return NumberedCategory(category, level_label(depth, n), c_anchor, tuple(problems))
