"""A text hard-wrapped at one width: a notice copied from its PDF, every line cut where the page's
line ended (about 25–35 characters), never before a closing mark. Told by its profile of line
lengths, not by its words: many lines of nearly one length and hardly any longer. In such a text a
line that is full broke because the next character did not fit; one that is not full ended its
paragraph."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .fold import fold
from .labels import match_label
from .rules import rules, rx, table

SHORTEST, WIDEST = 18, 44  # characters a line of a copied PDF may hold
MIN_FULL = 6  # full lines a hard-wrapped text has at least
FULL_SHARE = 0.2  # of its lines of some length, at least this many are full
LONGER_SHARE = 0.12  # and at most this many are longer than a full line

_CLOSING = "，。、；：）”’》！？…"
_OPENING = "“‘（《【"
_ASCII_RUN = re.compile(r"[A-Za-z0-9_.@%+\-/]+")


def cells(text: str) -> float:
    """The width of `text` where a Chinese character or a full-width mark is one cell and an
    ASCII character half of one (digits and letters set half-width in a PDF)."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


@dataclass(frozen=True)
class Wrap:
    """The width a text was wrapped at, in characters (`by` "chars") or in cells ("cells")."""

    width: int
    by: str

    def size(self, text: str) -> float:
        return len(text) if self.by == "chars" else cells(text)

    def full(self, line: str, after: str) -> bool:
        """Whether `line` was cut because the first unit of `after` (a character with its opening
        mark, or an ASCII word or number, never split) did not fit on it."""
        size = self.size(line.rstrip())
        if size >= self.width:
            return True
        unit = _ASCII_RUN.match(after)
        first = unit.group(0) if unit else after[:2] if after[:1] in _OPENING else after[:1]
        slack = 0 if self.by == "chars" else 1  # a PDF's justified line packs a cell more or less
        return size + self.size(first) > self.width - slack


def wrap_of(texts: Sequence[str]) -> Wrap | None:
    """The width `texts` were hard-wrapped at, or None when they are paragraphs written normally:
    the commonest length of a line is the width when enough lines have it (or one more, a closing
    mark kept on the line), hardly any line is longer, and enough of those full lines run on into
    a line that opens nothing of its own (a heading or a short item written normally does not)."""
    lines = [t.strip() for t in texts]
    for by in ("chars", "cells"):
        size = len if by == "chars" else cells
        sizes = [int(size(t)) for t in lines if len(t) >= 8]
        counts = Counter(s for s in sizes if SHORTEST <= s <= WIDEST)
        if len(sizes) < MIN_FULL or not counts:
            return None
        width = max(counts, key=lambda w: (counts[w], w))
        full = counts[width] + counts[width + 1]
        longer = sum(1 for s in sizes if s > width + 2)
        if full < max(MIN_FULL, FULL_SHARE * len(sizes)) or longer > LONGER_SHARE * len(sizes):
            continue
        wrap = Wrap(width, by)
        going_on = sum(1 for line, nxt in zip(lines, lines[1:])
                       if line and nxt and size(line) >= width and not opens_unit(nxt, bool(_SENTENCE_END.search(line))))
        if going_on >= MIN_FULL:
            return wrap
    return None


_FIELD_LEADS = ("status_lead", "description_lead", "deadline_lead", "responsible_lead")
# A line that ended its sentence, or a problem's wrapper (关于X的问题 / …问题的整改情况): 一是 after it opens
# the points, it does not go on.
_SENTENCE_END = re.compile(r"(?:[。；！？：]|的问题|问题的整改情况|问题整改情况|的整改情况)$")


def opens_unit(text: str, after_sentence: bool) -> bool:
    """Whether the line `text` starts a unit of its own however the line before ended: a label (一是
    only after a sentence ended: inside one it goes on), a field's lead, a date or an organisation
    alone (the signature), a contact field, a part's heading, the answer shared by several findings."""
    view = fold(text.strip())
    label = match_label(view)
    if label and (label.kind != "measure" or after_sentence):
        return True
    if any(rx(name).match(view) for name in _FIELD_LEADS) or rx("shared_answer").match(view) \
            or rx("date_line").match(view) or rx("signature_organisation").match(view) \
            or rx("bare_heading").match(view) or is_title(view):
        return True
    # a page's catalogue line (索引号：… 发布机构：…), its chrome, or the opening's first words
    if any(rx("metadata", key).match(view) for key in rules()["metadata"]) or rx("opening", "start").match(view) \
            or any(pattern.match(view) for pattern, _ in table("chrome")):
        return True
    lead = re.match(r"^([^：]{2,8})：", view)
    return bool(lead and rx("contact_label").match(lead.group(1)))


def is_title(view: str) -> bool:
    """A line worded as the notice's title: no sentence nor quotation in it, naming what it is about
    (关于…) or what it is (…通报); not a heading's wrapper broken off (问题的整改情况)."""
    return bool(rx("title").match(view)) and not re.search(r"[，：；。“”]", view) \
        and ("关于" in view or view.endswith("通报"))


def wrapped_on(wrap: Wrap, line: str, nxt: str) -> bool:
    """In a hard-wrapped text: whether `nxt` goes on with the paragraph `line` broke off."""
    return wrap.full(line, nxt) and not opens_unit(nxt, bool(_SENTENCE_END.search(line.rstrip())))


# A problem heading's wrapper a page broke before its end: the next line holds the rest of it.
_WRAPPER_TAIL = re.compile(r"^(?=[问题的])(?:问?题)?的?(?:问题|整改(?:落实)?(?:情况|进展(?:情况)?)?)?[。：]?")
_QUOTED_LEAD = re.compile(r"(?:关于|针对|对)\s?“[^“”]+”")


def wrapper_goes_on(view: str, nxt: str) -> bool:
    """1.关于“X”问题⏎的整改情况 / 关于“X”的问⏎题。一是… / 一、关于“X”⏎问题的整改情况: the heading
    `view` (after its label) ends inside the wrapper around its quotation and `nxt` finishes it."""
    lead = _QUOTED_LEAD.match(view)
    if not lead or len(view) - lead.end() > 3:
        return False
    if view.endswith("的") and re.fullmatch(r"整改(?:落实)?(?:情况|进展)：?", nxt):
        return True  # 关于“X”问题的⏎整改情况 (a bare 整改情况 was given its colon as a field's word)
    if any(rx(name).match(nxt) for name in _FIELD_LEADS):
        return False
    tail = _WRAPPER_TAIL.match(nxt)
    if not tail or not tail.group(0).rstrip("。："):
        return False
    head = view + tail.group(0)
    return any(pattern.match(head) for pattern, _ in table("headings", "problem"))
