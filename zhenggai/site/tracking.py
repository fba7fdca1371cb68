"""What the pages say about "was it really fixed, and on time?": overdue findings, the
notices of one inspection, each finding's timeline across them, and withdrawals.

Everything is computed once per build from the collection and the reference date, then
handed to the templates; the rules themselves live in `zhenggai.overdue` and
`zhenggai.data.series`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..data.series import Series, build_series
from ..model import Document, Status
from ..numbering import number_document
from ..overdue import SHORT_OF_DONE, overdue_days


@dataclass(frozen=True)
class Moment:
    """One notice's word on a finding: when, in which kind of notice, what status and deadline."""

    doc: Document
    anchor: str
    status: Status | None
    deadline: str | None
    current: bool


@dataclass(frozen=True)
class Comparison:
    """与上次通报相比 — how the findings moved since the previous notice of the inspection."""

    previous: Document
    completed: int  # findings that became 已完成
    still_open: int  # findings still short of 已完成
    moved: int  # deadlines that changed
    new: int  # findings the previous notice did not have


@dataclass(frozen=True)
class OverdueRow:
    doc: Document
    anchor: str
    finding: object
    days: int


@dataclass
class Tracking:
    """The accountability facts of one collection as of one reference date."""

    as_of: dt.date
    series_of: dict[str, Series] = field(default_factory=dict)  # document id → its series
    timelines: dict[int, tuple[Moment, ...]] = field(default_factory=dict)  # id(finding) → moments
    comparisons: dict[str, Comparison] = field(default_factory=dict)  # document id → vs previous
    superseded: set[str] = field(default_factory=set)  # ids of notices a later one of the same inspection replaces
    anchors: dict[int, str] = field(default_factory=dict)  # id(finding) → its anchor on its page

    def overdue(self, finding) -> int | None:
        return overdue_days(finding, self.as_of)

    def overdue_count(self, doc: Document) -> int:
        """Overdue findings of `doc` (a withdrawn notice counts none)."""
        return 0 if doc.withdrawn else sum(1 for f in doc.findings() if self.overdue(f))

    def overdue_rows(self, documents) -> list[OverdueRow]:
        """Overdue findings of the latest notice of each inspection, oldest deadline first."""
        rows = []
        for doc in documents:
            if doc.withdrawn or doc.id in self.superseded:
                continue
            for finding in doc.findings():
                days = self.overdue(finding)
                if days is not None:
                    rows.append(OverdueRow(doc, self.anchors[id(finding)], finding, days))
        return sorted(rows, key=lambda r: (r.doc.publisher, -r.days, r.doc.id))

    def undated_rows(self, documents) -> list[OverdueRow]:
        """Findings short of done whose notice gives no readable deadline (cannot be judged)."""
        rows = []
        for doc in documents:
            if doc.withdrawn or doc.id in self.superseded:
                continue
            for finding in doc.findings():
                if finding.status in SHORT_OF_DONE and (finding.deadline is None or finding.deadline.date is None):
                    rows.append(OverdueRow(doc, self.anchors[id(finding)], finding, 0))
        return rows


def build_tracking(documents: tuple[Document, ...], as_of: dt.date) -> Tracking:
    """Tracking facts for `documents` (newest first) as of `as_of`."""
    tracking = Tracking(as_of)
    for doc in documents:
        for anchor, finding in _anchored(doc):
            tracking.anchors[id(finding)] = anchor
    for series in build_series(documents):
        for doc in series.documents:
            tracking.series_of[doc.id] = series
        tracking.superseded.update(d.id for d in series.documents[:-1])
        _timelines(series, tracking)
        for step in series.steps:
            tracking.comparisons[step.later.id] = _compare(step)
    return tracking


def _anchored(doc: Document):
    for section in number_document(doc):
        yield from _section_findings(section)


def _section_findings(section):
    for sub in section.sections:
        yield from _section_findings(sub)
    for category in section.categories:
        for problem in category.problems:
            if problem.items:
                for item in problem.items:
                    yield item.anchor, item.item
            else:
                yield problem.anchor, problem.problem


def _timelines(series: Series, tracking: Tracking) -> None:
    """Follow each finding through the series; every finding on the way gets the whole chain."""
    chains: list[list[tuple[Document, object]]] = []
    open_chains: dict[int, list] = {}
    for doc in series.documents[:1]:
        for finding in doc.findings():
            chain = [(doc, finding)]
            chains.append(chain)
            open_chains[id(finding)] = chain
    for step in series.steps:
        following: dict[int, list] = {}
        for match in step.matches:
            chain = open_chains.get(id(match.earlier))
            if chain is not None:
                chain.append((step.later, match.later))
                following[id(match.later)] = chain
        for finding in step.later.findings():
            if id(finding) not in following:
                chain = [(step.later, finding)]
                chains.append(chain)
                following[id(finding)] = chain
        open_chains = following
    for chain in chains:
        if len(chain) < 2:
            continue
        for doc, finding in chain:
            tracking.timelines[id(finding)] = tuple(
                Moment(d, tracking.anchors[id(f)], f.status, f.deadline.text if f.deadline else None, f is finding)
                for d, f in chain
            )


def _compare(step) -> Comparison:
    completed = sum(1 for m in step.matches if m.later.status is Status.COMPLETED and m.earlier.status is not Status.COMPLETED)
    still_open = sum(1 for f in step.later.findings() if f.status is not Status.COMPLETED)
    moved = sum(1 for m in step.matches if _deadline(m.earlier) != _deadline(m.later) and _deadline(m.later))
    new = len(step.later.findings()) - len(step.matches)
    return Comparison(step.earlier, completed, still_open, moved, new)


def _deadline(finding) -> dt.date | None:
    return finding.deadline.date if finding.deadline else None


def counted(documents) -> tuple[Document, ...]:
    """The documents that count in totals and statistics: withdrawn ones do not."""
    return tuple(d for d in documents if d.withdrawn is None)
