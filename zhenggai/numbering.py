"""Presentation numbering (一、（一）1.（1）一是) and anchors, derived from position.

The web page, the PDF and the search index all number through `number_document`, so a
document reads the same in each: every label and every heading text is made here once. The
scheme is the document's own (`Document.numbering`: a label style and continuous or
restarting counters per level); a level left unset is numbered the usual way (GB/T 9704:
一、（一）1.（1）, measures 一是、二是). Data never carries the numbers themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Category, Document, Item, Level, Point, Problem, Section, derived

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# The usual label of a heading at nesting depth 1–4 (GB/T 9704 order).
DEPTH_LABELS = {1: "{cn}、", 2: "（{cn}）", 3: "{n}.", 4: "（{n}）"}
MEASURE_LABEL = "{cn}是"
POINT_LABEL = "（{n}）"
SUBPOINT_LABEL = "{cn}是"
CATEGORY_HEADING = "“{title}”方面"
FINDING_HEADING = "{title}"


@lru_cache(maxsize=4096)  # asked for every label and heading of every document
def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十, 100000 → 十万: any count."""
    if n < 0:
        raise ValueError(n)
    text = _counted(n) if n else _DIGITS[0]
    # A number read aloud drops the 一 of a leading 一十 (十二, 十万), never inside (一百一十).
    return text[1:] if text.startswith("一十") else text


def _counted(n: int) -> str:
    """`n` > 0 in groups of 亿 and 万; one 零 stands for a gap of zeros inside the number."""
    for unit, word in ((10**8, "亿"), (10**4, "万")):
        if n >= unit:
            high, low = divmod(n, unit)
            gap = "零" if 0 < low < unit // 10 else ""
            return _counted(high) + word + gap + (_counted(low) if low else "")
    out, gap = [], False
    for value, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out.append(("零" if gap else "") + _DIGITS[digit] + word)
            gap = False
        elif out:
            gap = True
    return "".join(out)


@lru_cache(maxsize=4096)  # a few templates and small numbers, asked for every label of every document
def format_label(template: str, n: int, parent: int = 0) -> str:
    """A label from a style template: ("（{cn}）", 3) → （三）, ("{n}.", 12) → 12., ("{circled}", 2) → ②,
    ("{p}.{n}", 2, 3) → 3.2; a parent-numbered label with no numbered parent keeps its own number (2.)."""
    circled = _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"
    if "{p}" in template and not parent:  # {p}.{n} → {n}. ; {p}.{n}、 → {n}、
        sep = template[template.index("{p}") + 3]
        template = template.replace("{p}" + sep, "")
        template += sep if template.endswith("}") else ""
    return template.format(n=n, cn=chinese_numeral(n), circled=circled, p=parent)


def level_label(depth: int, n: int) -> str:
    """Heading label for nesting depth 1–4 (GB/T 9704 order), e.g. (2, 3) → （三）."""
    return format_label(DEPTH_LABELS[min(max(depth, 1), 4)], n)


def point_label(n: int) -> str:
    """一是, 二是 … for points and measures listed one per paragraph."""
    return format_label(MEASURE_LABEL, n)


def quoted(template: str, title: str, n: int = 0) -> str:
    """`template` with the title filled in; a title put inside “…” has its own “” turned into ‘’."""
    if "“{title}”" in template:
        title = title.replace("“", "‘").replace("”", "’")
    return template.format(title=title, n=n, cn=chinese_numeral(n) if n else "")


@dataclass(frozen=True)
class NumberedPoint:
    point: Point
    label: str
    points: tuple[NumberedPoint, ...]


@dataclass(frozen=True)
class NumberedItem:
    item: Item
    label: str
    anchor: str
    heading: str
    measures: tuple[NumberedPoint, ...]


@dataclass(frozen=True)
class NumberedProblem:
    problem: Problem
    label: str
    anchor: str
    heading: str
    measures: tuple[NumberedPoint, ...]
    items: tuple[NumberedItem, ...]


@dataclass(frozen=True)
class NumberedCategory:
    category: Category
    label: str
    anchor: str
    heading: str
    problems: tuple[NumberedProblem, ...]


@dataclass(frozen=True)
class NumberedSection:
    section: Section
    depth: int
    label: str
    anchor: str
    points: tuple[NumberedPoint, ...]
    sections: tuple[NumberedSection, ...]
    categories: tuple[NumberedCategory, ...]


_USUAL = Level()  # a level numbered the usual way, restarting (immutable: one serves all)


class _Counter:
    """One level's counter: restarted under each parent unless the level runs continuously."""

    def __init__(self, level: Level) -> None:
        self.level, self.value = level, 0

    def restart(self) -> None:
        if not self.level.continuous:
            self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


class _Numberer:
    def __init__(self, doc: Document) -> None:
        scheme = doc.numbering
        self.scheme = scheme
        self.categories, self.problems, self.items = (
            _Counter(scheme.categories), _Counter(scheme.problems), _Counter(scheme.items))
        self.measures = _Counter(scheme.measures)
        self.category_anchor = 0

    def section(self, section: Section, depth: int, n: int, anchor: str) -> NumberedSection:
        subsections = tuple(self.section(s, depth + 1, i, f"{anchor}-{i}") for i, s in enumerate(section.sections, 1))
        self.categories.restart()
        # A part without a heading puts its problems at its own level (一、关于……的整改情况).
        inner = depth + 1 if section.heading is not None else depth
        first = 0 if section.heading is not None else n - 1  # …and its numbers: 二、关于…, 三、关于…
        categories = tuple(self.category(c, inner, first) for c in section.categories)
        points = _points(section.points, _USUAL, MEASURE_LABEL, _Counter(_USUAL), self.scheme)
        label = level_label(depth, n) if section.heading is not None else ""
        return NumberedSection(section, depth, label, anchor, points, subsections, categories)

    def category(self, category: Category, depth: int, first: int = 0) -> NumberedCategory:
        self.category_anchor += 1
        anchor = f"c{self.category_anchor}"
        level = self.scheme.categories
        if category.title is None:  # problems listed without categories take the category's level
            self.problems.restart()
            self.problems.value += first
            problems = tuple(self.problem(p, depth, f"{anchor}-p{i}") for i, p in enumerate(category.problems, 1))
            return NumberedCategory(category, "", anchor, "", problems)
        n = self.categories.next()
        label = _label(level, DEPTH_LABELS[min(depth, 4)], n)
        heading = quoted(level.heading or CATEGORY_HEADING, category.title, n)
        self.problems.restart()
        problems = tuple(self.problem(p, depth + 1, f"{anchor}-p{i}", n) for i, p in enumerate(category.problems, 1))
        return NumberedCategory(category, label, anchor, heading, problems)

    def problem(self, problem: Problem, depth: int, anchor: str, parent: int = 0) -> NumberedProblem:
        """`parent`: the number of the category it is listed in (for a 1.1 style), 0 for none."""
        level = self.scheme.problems
        n = self.problems.next()
        label = _label(level, DEPTH_LABELS[min(depth, 4)], n, parent)
        measures = self.finding_measures(problem.measures, n)
        self.items.restart()
        items = []
        for i, item in enumerate(problem.items, 1):
            m = self.items.next()
            item_label = _label(self.scheme.items, DEPTH_LABELS[min(depth + 1, 4)], m, n)
            items.append(NumberedItem(item, item_label, f"{anchor}-i{i}", _finding_heading(self.scheme.items, item, m),
                                      self.finding_measures(item.measures, m)))
        return NumberedProblem(problem, label, anchor, _finding_heading(level, problem, n), measures, tuple(items))

    def finding_measures(self, measures: tuple[Point, ...], parent: int = 0) -> tuple[NumberedPoint, ...]:
        self.measures.restart()
        return _points(measures, self.scheme.measures, MEASURE_LABEL, self.measures, self.scheme, parent=parent)


def _label(level: Level, usual: str, n: int, parent: int = 0) -> str:
    return format_label(level.label, n, parent) if level.label is not None else format_label(usual, n)


def _finding_heading(level: Level, finding: Problem | Item, n: int) -> str:
    """The heading of a problem or item; “……”等问题 stays outside the quotes of a template."""
    if finding.withheld:  # the placeholder stands as it is, never inside a heading's quotes
        return finding.title
    template = level.heading or FINDING_HEADING
    if not finding.similar:
        return quoted(template, finding.title, n)
    for quoted_end in ("”问题", "”的问题"):
        if quoted_end in template:
            return quoted(template.replace(quoted_end, "”等问题", 1), finding.title, n)
    return quoted(template, finding.title + "等问题", n)


def _points(points: tuple[Point, ...], level: Level, usual: str, counter: _Counter, scheme,
            depth: int = 1, parent: int = 0) -> tuple[NumberedPoint, ...]:
    """Number a list of points: the usual measure label only when there are several."""
    out = []
    for point in points:
        n = counter.next()
        if level.label is not None:
            label = format_label(level.label, n, parent)
        else:
            label = format_label(usual, n) if (len(points) > 1 or depth > 1) else ""
        out.append(NumberedPoint(point, label, _subpoints(point.points, scheme, depth + 1, n)))
    return tuple(out)


def _subpoints(points: tuple[Point, ...], scheme, depth: int, parent: int) -> tuple[NumberedPoint, ...]:
    if not points:  # most points have none
        return ()
    level, usual = (scheme.points, POINT_LABEL) if depth == 2 else (scheme.subpoints, SUBPOINT_LABEL)
    return _points(points, level, usual, _Counter(_USUAL), scheme, depth, parent)


def number_document(doc: Document) -> tuple[NumberedSection, ...]:
    """Number every section, category, problem, item and measure of `doc` and give each an anchor.

    Once per document (`model.derived`): the load checks, the deadlines, the page, the open data
    and the search all ask."""
    return derived(doc, "numbering", lambda: _number_document(doc))


def _number_document(doc: Document) -> tuple[NumberedSection, ...]:
    numberer = _Numberer(doc)
    out, n = [], 0
    for i, section in enumerate(doc.sections, 1):
        n += 1
        out.append(numberer.section(section, 1, n, f"s{i}"))
        if section.heading is None:  # its problems took the part numbers (一、二、…): the next part goes on
            n += sum(len(c.problems) for c in section.categories) - 1
    return tuple(out)
