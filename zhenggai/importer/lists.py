"""Word's automatic list numbering: which paragraphs are numbered and the label Word shows.

python-docx has no numbering API, so numbering.xml is resolved here, by these rules
(ECMA-376 §17.9; where Word's behaviour is known to differ from the text, Word's, as
Microsoft's OpenXmlPowerTools ListItemRetriever reproduces it):

- A paragraph's numId and ilvl come from its own w:numPr or, each separately, from its
  paragraph style and the styles that style is w:basedOn. numId 0 switches numbering off,
  also against a style; a numId without a w:num is not numbered.
- For numbering that comes from a style, the level is the abstractNum's w:lvl whose
  w:pStyle names that style (outline-numbered headings, §17.9.23), else the style's
  ilvl; a paragraph's own ilvl always wins; no ilvl anywhere means level 0.
- A level is defined by w:num/w:lvlOverride/w:lvl if present, else by the abstractNum;
  an abstractNum with w:numStyleLink takes its levels from the numbering style's list.
- Counters belong to the abstract list (after w:numStyleLink), not to the w:num: two w:num at one
  abstractNum continue one another, as in Word, and a list carries on across any number
  of other paragraphs. The first paragraph of a w:num with w:startOverride restarts the
  overridden levels at the override value.
- When a level is used, every deeper level restarts at its w:start, unless that deeper
  level's w:lvlRestart says it restarts only after a shallower level (0: never).
- A level used before any shallower one counts the shallower levels as used at their
  start value: a list that opens on its second level shows 1.1 ("%1.%2"), and its first
  first-level item is then 2.
- w:lvlText: %N is level N's counter in level N's own w:numFmt; w:isLgl on the shown level
  writes every number in decimal. Bullets show their w:lvlText; symbol-font bullets
  (private-use code points) show as •.

Not implemented: w:legacy levels, picture bullets beyond their text, forcing level 0 for
w:multiLevelType="singleLevel", numbering in headers, footers, notes and text boxes.
LibreOffice 7.4 renders all of the above the same way except w:lvlRestart, w:isLgl and
the w:pStyle level link, which it ignores (tests/test_import_docx_libreoffice.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from .numerals import format_number
from .styles import W_VAL, StyleSheet, attr_int, is_on

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LINKS = 4  # numStyleLink chains are one step in practice; guard against loops


@dataclass(frozen=True)
class Level:
    """One w:lvl: how one depth of a list counts and is labelled."""

    start: int = 1
    num_fmt: str = "decimal"
    custom: str = ""
    text: str = ""
    legal: bool = False
    restart: int | None = None
    style_id: str | None = None


@dataclass(frozen=True)
class ListDefinition:
    """A w:num resolved against its abstractNum: counter key, levels, start overrides."""

    key: int
    levels: dict[int, Level]
    start_overrides: dict[int, int]


def _num_fmt(lvl: etree._Element) -> tuple[str, str]:
    element = lvl.find(qn("w:numFmt"))
    if element is None:
        # Word 2010+ writes custom formats inside mc:AlternateContent; the Choice carries them.
        element = lvl.find(f"{_MC}AlternateContent/{_MC}Choice/{qn('w:numFmt')}")
    if element is None:
        return "decimal", ""
    return element.get(W_VAL, "decimal"), element.get(qn("w:format"), "")


def read_level(lvl: etree._Element) -> Level:
    """A w:lvl element as a Level."""
    num_fmt, custom = _num_fmt(lvl)
    text = lvl.find(qn("w:lvlText"))
    style = lvl.find(qn("w:pStyle"))
    start = attr_int(lvl.find(qn("w:start")))
    return Level(
        start=1 if start is None else start,
        num_fmt=num_fmt,
        custom=custom,
        text=text.get(W_VAL, "") if text is not None else "",
        legal=bool(is_on(lvl.find(qn("w:isLgl")))),
        restart=attr_int(lvl.find(qn("w:lvlRestart"))),
        style_id=style.get(W_VAL) if style is not None else None,
    )


class Numbering:
    """numbering.xml: w:num and w:abstractNum definitions, resolved on demand."""

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self._styles = styles
        self._nums: dict[int, etree._Element] = {}
        self._abstracts: dict[int, etree._Element] = {}
        self._cache: dict[int, ListDefinition | None] = {}
        if root is None:
            return
        for num in root.iterchildren(qn("w:num")):
            num_id = attr_int(num, qn("w:numId"))
            if num_id is not None:
                self._nums.setdefault(num_id, num)
        for abstract in root.iterchildren(qn("w:abstractNum")):
            abstract_id = attr_int(abstract, qn("w:abstractNumId"))
            if abstract_id is not None:
                self._abstracts.setdefault(abstract_id, abstract)

    def definition(self, num_id: int) -> ListDefinition | None:
        """The list a numId stands for; None when it names nothing (not numbered)."""
        if num_id not in self._cache:
            self._cache[num_id] = self._resolve(num_id)
        return self._cache[num_id]

    def _abstract_of(self, num_id: int) -> tuple[int, etree._Element] | None:
        """The abstractNum a numId uses, following w:numStyleLink to the list style's own."""
        for _ in range(_MAX_LINKS):
            num = self._nums.get(num_id)
            abstract_id = attr_int(num.find(qn("w:abstractNumId"))) if num is not None else None
            abstract = self._abstracts.get(abstract_id) if abstract_id is not None else None
            if abstract is None:
                return None
            link = abstract.find(qn("w:numStyleLink"))
            linked_num, _ = self._styles.numbering(link.get(W_VAL) if link is not None else None)
            if link is None or linked_num is None:
                return abstract_id, abstract
            num_id = linked_num
        return None

    def _resolve(self, num_id: int) -> ListDefinition | None:
        found = self._abstract_of(num_id)
        if found is None:
            return None
        abstract_id, abstract = found
        levels = {}
        for lvl in abstract.iterchildren(qn("w:lvl")):
            ilvl = attr_int(lvl, qn("w:ilvl"))
            if ilvl is not None:
                levels[ilvl] = read_level(lvl)
        overrides = {}
        for override in self._nums[num_id].iterchildren(qn("w:lvlOverride")):
            ilvl = attr_int(override, qn("w:ilvl"))
            if ilvl is None:
                continue
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                levels[ilvl] = read_level(lvl)
            start = attr_int(override.find(qn("w:startOverride")))
            if start is not None:
                overrides[ilvl] = start
        return ListDefinition(key=abstract_id, levels=levels, start_overrides=overrides)

    def paragraph_numbering(
        self, p_pr: etree._Element | None, style_id: str | None
    ) -> tuple[int, int] | None:
        """(numId, ilvl) of a paragraph, from its own w:numPr or its style; None if not numbered."""
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        own_num = attr_int(num_pr.find(qn("w:numId"))) if num_pr is not None else None
        own_ilvl = attr_int(num_pr.find(qn("w:ilvl"))) if num_pr is not None else None
        style_num, style_ilvl = self._styles.numbering(style_id)
        num_id = own_num if own_num is not None else style_num
        if not num_id:  # None, or 0: "no numbering", which also cancels a style's
            return None
        definition = self.definition(num_id)
        if definition is None:
            return None
        ilvl = own_ilvl
        if ilvl is None and own_num is None:
            # Numbering from a style: the level linked to the style by w:lvl/w:pStyle
            # overrides the style's own ilvl (§17.9.23).
            linked = (
                i for i, lvl in sorted(definition.levels.items()) if style_id and lvl.style_id == style_id
            )
            ilvl = next(linked, style_ilvl)
        return num_id, min(max(ilvl or 0, 0), 8)


@dataclass
class _ListState:
    counts: dict[int, int] = field(default_factory=dict)  # levels used since their restart
    pending: dict[int, int] = field(default_factory=dict)  # startOverride not yet used


def _restarts(level: Level | None, depth: int, used: int) -> bool:
    """Whether level `depth` restarts because level `used` (shallower) just appeared."""
    restart = level.restart if level else None
    if restart is None or restart > depth:  # absent, or naming itself or deeper: ignored
        return True
    return used < restart  # one-based: lvlRestart=1 restarts after level 0 only; 0 never


def _bullet(text: str) -> str:
    # Symbol/Wingdings bullets are private-use code points that mean nothing without the font.
    return "".join("•" if 0xE000 <= ord(c) <= 0xF8FF else c for c in text)


class ListCounter:
    """Counts numbered paragraphs in document order, as Word does, and labels each."""

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._states: dict[int, _ListState] = {}
        self._seen: set[int] = set()

    def number(self, num_id: int, ilvl: int) -> str:
        """Count one paragraph of list `num_id` at level `ilvl`; return its label."""
        definition = self._numbering.definition(num_id)
        if definition is None:
            return ""
        state = self._states.setdefault(definition.key, _ListState())
        if num_id not in self._seen:
            self._seen.add(num_id)
            for depth, value in definition.start_overrides.items():
                state.counts.pop(depth, None)
                state.pending[depth] = value
        for depth in [d for d in state.counts if d > ilvl]:
            if _restarts(definition.levels.get(depth), depth, ilvl):
                del state.counts[depth]
        for depth in range(ilvl):
            if depth not in state.counts:
                state.counts[depth] = self._start(state, definition, depth)
        if ilvl in state.counts:
            state.counts[ilvl] += 1
        else:
            state.counts[ilvl] = self._start(state, definition, ilvl)
        return self._label(state, definition, ilvl)

    @staticmethod
    def _start(state: _ListState, definition: ListDefinition, depth: int) -> int:
        if depth in state.pending:
            return state.pending.pop(depth)
        level = definition.levels.get(depth)
        return level.start if level else 1

    @staticmethod
    def _label(state: _ListState, definition: ListDefinition, ilvl: int) -> str:
        shown = definition.levels.get(ilvl)
        if shown is None:
            return ""
        if shown.num_fmt == "bullet":
            return _bullet(shown.text)

        def value(match: re.Match[str]) -> str:
            depth = int(match.group(1)) - 1
            level = definition.levels.get(depth, Level())
            count = state.counts.get(depth, state.pending.get(depth, level.start))
            num_fmt = level.num_fmt
            if shown.legal and num_fmt not in ("none", "decimalZero"):
                num_fmt = "decimal"
            return format_number(count, num_fmt, level.custom)

        return _PLACEHOLDER.sub(value, shown.text)
