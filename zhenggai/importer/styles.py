"""The few facts about a .docx's styles the reader needs: names, inherited numbering, bold."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.styles import BabelFish
from lxml import etree

W_VAL = qn("w:val")
_FALSE = {"0", "false", "off", "none"}


def attr_int(element: etree._Element | None, name: str = W_VAL) -> int | None:
    """An integer attribute, None when the element or the attribute is missing or not a number."""
    if element is None:
        return None
    try:
        return int(element.get(name, ""))
    except ValueError:
        return None


def is_on(element: etree._Element | None) -> bool | None:
    """A WordprocessingML on/off property: <w:b/> and <w:b w:val="1"/> are on, w:val="0" off."""
    if element is None:
        return None
    return element.get(W_VAL, "1").lower() not in _FALSE


@dataclass(frozen=True)
class _Style:
    name: str
    kind: str
    based_on: str | None
    num_id: int | None
    ilvl: int | None
    bold: bool | None


def _read_style(element: etree._Element, style_id: str) -> _Style:
    name = element.find(qn("w:name"))
    based_on = element.find(qn("w:basedOn"))
    num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    num_id = ilvl = None
    if num_pr is not None:
        num_id = attr_int(num_pr.find(qn("w:numId")))
        ilvl = attr_int(num_pr.find(qn("w:ilvl")))
    # Built-in styles are stored under their English names ("heading 1") even by a
    # Chinese Word; python-docx's table gives the UI spelling ("Heading 1").
    raw_name = name.get(W_VAL, style_id) if name is not None else style_id
    return _Style(
        name=BabelFish.internal2ui(raw_name),
        kind=element.get(qn("w:type"), "paragraph"),
        based_on=based_on.get(W_VAL) if based_on is not None else None,
        num_id=num_id,
        ilvl=ilvl,
        bold=is_on(element.find(f"{qn('w:rPr')}/{qn('w:b')}")),
    )


class StyleSheet:
    """styles.xml as the reader sees it: lookups by styleId, following w:basedOn."""

    def __init__(self, styles_root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        if styles_root is not None:
            self._load(styles_root)

    def _load(self, root: etree._Element) -> None:
        defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if defaults is not None:
            self.default_bold = bool(is_on(defaults.find(qn("w:b"))))
        for element in root.iterchildren(qn("w:style")):
            style_id = element.get(qn("w:styleId"))
            if style_id is None:
                continue
            self._styles[style_id] = _read_style(element, style_id)
            is_default = element.get(qn("w:default"), "0").lower() in ("1", "true", "on")
            if is_default and self._styles[style_id].kind == "paragraph":
                # Several defaults is invalid; keep the first rather than guess.
                self.default_paragraph = self.default_paragraph or style_id

    def paragraph_style(self, style_id: str | None) -> str | None:
        """The styleId Word applies: the one named if it exists, else the default paragraph style."""
        if style_id is not None and style_id in self._styles:
            return style_id
        return self.default_paragraph

    def name(self, style_id: str | None) -> str:
        """The style's name as Word's UI shows it in English ("Heading 1"), or as written ("标题 1")."""
        style = self._styles.get(style_id or "")
        return style.name if style else ""

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def numbering(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(numId, ilvl) a paragraph inherits from its style; each found separately up the chain."""
        num_id = next((s.num_id for s in self._chain(style_id) if s.num_id is not None), None)
        ilvl = next((s.ilvl for s in self._chain(style_id) if s.ilvl is not None), None)
        return num_id, ilvl

    def bold(self, style_id: str | None) -> bool | None:
        """Bold set by the style or the styles it is based on; None when none of them says."""
        return next((s.bold for s in self._chain(style_id) if s.bold is not None), None)
