"""The lines a published notice shows, in order: the one source of the text, the Word file and
the web page, so the three forms say the same thing.

Every label and heading comes from `zhenggai.numbering.number_document`, so a line reads as
the site shows it; what the data model does not record (the status wording, run-together
measures, the contact block's words) comes from the document's `Layout`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from ...model import Contact, Document, Item, Problem
from ...numbering import (
    DEPTH_LABELS, MEASURE_LABEL, POINT_LABEL, SUBPOINT_LABEL, NumberedCategory, NumberedPoint, NumberedSection,
    number_document,
)
from ...text import cn_date
from ..reshape import table
from ..variety import Layout


@dataclass(frozen=True)
class Line:
    """One paragraph as published: its label (一、（一）1. …, "" if none) and the rest of it."""

    role: str  # title, heading1, heading2, paragraph, step, category, problem, item, status, measure,
    #            point, subpoint, follow, measures (run together), contact, signature, date, cell
    text: str
    label: str = ""
    level: str | None = None  # the numbered level the label belongs to (variety.WORD_LEVELS)
    template: str | None = None  # the label's style ({cn}、, （{n}）…), for Word's list numbering
    lead: str = ""  # the bold lead of the text: a run-in heading, a measure's title
    carried: bool = False  # the label is two (3.（1）: a measure made only of points): always typed

    @property
    def shown(self) -> str:
        return self.label + self.text


@dataclass(frozen=True)
class TableBlock:
    """The problems as a rectification table: cells of paragraphs; a merged row is one cell."""

    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Line, ...], ...], ...]


Block = Line | TableBlock


def status_text(finding: Problem | Item) -> str:
    """已完成。 / 正在推进中,计划3月底前整改完成。 / "" when the finding states neither."""
    parts = [finding.status.value] if finding.status else []
    if finding.deadline:
        parts.append(finding.deadline.text.rstrip("。"))
    return ",".join(parts) + "。" if parts else ""


def document_lines(doc: Document, layout: Layout) -> list[Block]:
    """Title, opening, sections, problems, contact and signature of `doc`, as `layout` prints them."""
    return list(_Lines(doc, layout).document())


class _Lines:
    def __init__(self, doc: Document, layout: Layout) -> None:
        self.doc, self.layout, self.scheme = doc, layout, doc.numbering
        self.colon = layout.colon
        self.units = random.Random(f"zhenggai-table:{doc.id}")

    def document(self) -> Iterator[Block]:
        doc = self.doc
        if self.layout.title_line:
            yield Line("title", doc.title)
        for paragraph in doc.opening:
            yield Line("paragraph", paragraph)
        for ns in number_document(doc):
            yield from self.section(ns)
        if doc.contact:
            yield from self.contact(doc.contact)
        if doc.signature:
            yield Line("signature", doc.signature.organisation)
            yield Line("date", cn_date(doc.signature.date))

    def section(self, ns: NumberedSection) -> Iterator[Block]:
        s, depth = ns.section, ns.depth
        level, template = f"section{depth}", DEPTH_LABELS[min(depth, 4)]
        paragraphs = s.paragraphs
        if depth > 1 and paragraphs and self.layout.runin_subsections:
            yield Line("heading2", s.heading + paragraphs[0], ns.label, level, template, lead=s.heading)
            paragraphs = paragraphs[1:]
        else:
            yield Line(f"heading{min(depth, 2)}", s.heading, ns.label, level, template)
        for paragraph in paragraphs:
            yield Line("paragraph", paragraph)
        yield from self.points(ns.points, 1, "step", "steps", MEASURE_LABEL)
        for sub in ns.sections:
            yield from self.section(sub)
        if ns.categories and self.layout.table:
            yield self.table(ns)
        else:
            for nc in ns.categories:
                yield from self.category(nc, depth + 1)

    def templates(self, depth: int) -> dict[str, str]:
        """The label style of each level of the problems part (the document's, else the usual)."""
        scheme = self.scheme
        return {
            "categories": scheme.categories.label if scheme.categories.label is not None else DEPTH_LABELS[min(depth, 4)],
            "problems": scheme.problems.label if scheme.problems.label is not None else DEPTH_LABELS[min(depth + 1, 4)],
            "items": scheme.items.label if scheme.items.label is not None else DEPTH_LABELS[min(depth + 2, 4)],
        }

    def category(self, nc: NumberedCategory, depth: int) -> Iterator[Line]:
        templates = self.templates(depth)
        yield Line("category", nc.heading, nc.label, "categories", templates["categories"])
        for np in nc.problems:
            yield from self.finding("problem", np.label, np.heading, np.problem, np.measures, templates["problems"])
            for ni in np.items:
                yield from self.finding("item", ni.label, ni.heading, ni.item, ni.measures, templates["items"])

    def finding(self, role: str, label: str, heading: str, finding: Problem | Item,
                measures: tuple[NumberedPoint, ...], template: str) -> Iterator[Line]:
        status = status_text(finding)
        # Seed 000: （1）对“……”问题的整改情况:已完成。 — the status closes the heading's own line.
        inline = bool(status) and heading.endswith("整改情况")
        level = "problems" if role == "problem" else "items"
        yield Line(role, heading + (self.colon + status if inline else ""), label, level, template)
        if status and not inline:
            yield Line("status", f"{self.layout.status_word}{self.colon}{status}")
        if self.layout.measures_runon and measures:
            prefix = "" if status else f"{self.layout.runon_prefix}{self.colon}"
            body = "".join(np.label + (np.point.title or "") + np.point.text for np in measures)
            yield Line("measures", prefix + body)
        else:
            template = self.scheme.measures.label if self.scheme.measures.label is not None else MEASURE_LABEL
            yield from self.points(measures, 1, "measure", "measures", template)

    def points(self, nps: tuple[NumberedPoint, ...], depth: int, role: str, level: str, template: str,
               carry: str = "") -> Iterator[Line]:
        for i, np in enumerate(nps):
            point, lead = np.point, carry if i == 0 else ""
            if point.title or point.text:
                yield Line(role, (point.title or "") + point.text, lead + np.label, level, template,
                           lead=point.title or "", carried=bool(lead))
                yield from self.subpoints(np.points, depth + 1, "")
            else:
                # A point made only of sub-points hands its label to the first of them, as on the site.
                yield from self.subpoints(np.points, depth + 1, lead + np.label)
            for paragraph in point.paragraphs:
                yield Line("follow", paragraph)

    def subpoints(self, nps: tuple[NumberedPoint, ...], depth: int, carry: str) -> Iterator[Line]:
        if depth == 2:
            label = self.scheme.points.label
            yield from self.points(nps, depth, "point", "points", POINT_LABEL if label is None else label, carry)
        else:
            label = self.scheme.subpoints.label
            yield from self.points(nps, depth, "subpoint", "subpoints", SUBPOINT_LABEL if label is None else label,
                                   carry)

    def table(self, ns: NumberedSection) -> TableBlock:
        templates = self.templates(ns.depth + 1)
        units = table("table")["units"]
        rows = []
        for nc in ns.categories:
            rows.append(((Line("category", nc.heading, nc.label, "categories", templates["categories"]),),))
            for np in nc.problems:
                problem = np.problem
                measure_template = self.scheme.measures.label if self.scheme.measures.label is not None else MEASURE_LABEL
                measures = tuple(self.points(np.measures, 1, "measure", "measures", measure_template))
                unit = "、".join(self.units.sample(units, self.units.choice((1, 1, 2))))
                rows.append((
                    (Line("cell", "", np.label, "problems", templates["problems"]),),
                    (Line("cell", np.heading),),
                    measures,
                    (Line("cell", unit),),
                    (Line("cell", problem.deadline.text if problem.deadline else ""),),
                    (Line("cell", problem.status.value if problem.status else ""),),
                ))
        return TableBlock(tuple(table("table")["header"]), tuple(rows))

    def contact(self, contact: Contact) -> Iterator[Line]:
        layout, colon = self.layout, self.colon
        sentence = layout.contact_style == "sentence"
        parts: list[str] = []
        for key in layout.contact_order:
            if key == "phones":
                plain = [p.number for p in contact.phones if not p.label]
                if plain:
                    word = layout.phone_word
                    joined = "、".join(plain)
                    parts.append(f"{word}{joined}" if sentence and word else f"{word or '联系电话'}{colon}{joined}")
                parts.extend(f"{p.label}{colon}{p.number}" for p in contact.phones if p.label)
            elif key == "address" and contact.address:
                parts.append(f"{contact.address_label}{colon}{contact.address}")
            elif key == "postcode" and contact.postcode:
                parts.append(f"{layout.postcode_word}{colon}{contact.postcode}")
            elif key == "email" and contact.email:
                parts.append(f"{layout.email_word}{colon}{contact.email}")
            elif key == "hours" and contact.hours:
                parts.append(f"受理时间{colon}{contact.hours}")
        parts.extend(f"{c.name}{colon}{c.url}" if c.url else c.name for c in contact.online)
        if sentence:
            yield Line("contact", f"{contact.intro or ''}联系方式{colon}{';'.join(parts)}。")
            return
        if contact.intro:
            yield Line("contact", contact.intro)
        for part in parts:
            yield Line("contact", part)
