"""The figures of 统计, by the same function as the home page's (`site.figures.count`).

The whole site, each publisher and each year are counted by `count` over their documents, so
the headline here and on the home page are one and the same; the late findings are bucketed
by their days late (`overdue.judge`); themes count problems per category (`themes.yml`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..data import DECLARED_LABELS, declared_mismatches
from ..disclosure import TargetState
from ..model import Document, DocumentKind
from ..overdue import Verdict
from ..site import Figures, Tracking, count, headline
from ..site.figures import Figure, round_counts
from .datasets import Rows, themes

UNSTATED = "未逐项标明"
# How long findings were late when their notice was published: (upper bound in days, exclusive, or None; label).
OVERDUE_BUCKETS = (
    (30, "不足1个月"),
    (91, "1至3个月"),
    (183, "3至6个月"),
    (365, "6个月至1年"),
    (730, "1至2年"),
    (1826, "2至5年"),
    (None, "5年以上"),
)
TOP = 20  # publishers in the chart and table of 统计; all of them on stats/publishers/
LONGEST = 10  # the findings late longest, listed by name
QUALITY_ROWS = 50  # declared-versus-listed mismatches listed on the page; all are in documents.csv


@dataclass(frozen=True)
class Mismatch:
    """A declared total that differs from what the notice lists."""

    document_id: str
    title: str
    publisher: str
    what: str
    declared: int
    listed: int


@dataclass(frozen=True)
class LateFinding:
    """One of the findings late longest (as their notice showed)."""

    document_id: str
    anchor: str
    publisher: str
    problem: str
    deadline: str
    days: int


@dataclass(frozen=True)
class Statistics:
    as_of: dt.date | None
    total: Figures
    headline: tuple[Figure, ...]  # the home page's figures, in its words
    by_publisher: tuple[Figures, ...]  # most findings first
    by_year: tuple[Figures, ...]  # oldest year first
    overdue_buckets: tuple[tuple[str, int], ...]
    longest_overdue: tuple[LateFinding, ...]
    themes: tuple[str, ...]
    theme_years: tuple[int, ...]
    theme_counts: Mapping[tuple[int, str], int]  # (year, theme) → problems
    mismatches: tuple[Mismatch, ...]  # newest document first
    declared_only: int  # rectification notices that give statuses only as declared totals
    rounds: Mapping[TargetState, int]  # units of every round by what they have disclosed
    period_words: str = "2个月"  # the disclosure period, in words
    wait_days: int = 0  # days after a deadline before 时限已过,尚无后续通报 is said

    @property
    def top_publishers(self) -> tuple[Figures, ...]:
        return self.by_publisher[:TOP]

    def status_counts(self) -> tuple[tuple[str, int], ...]:
        """Every counted finding by status, those without a stated status last."""
        return (*self.total.by_status().items(), (UNSTATED, self.total.unstated))


def statistics(documents: Iterable[Document], tracking: Tracking, rows: Rows,
               publisher_key: Callable[[str], str] | None = None) -> Statistics:
    """Every figure of 统计; `publisher_key` gives a publisher's listing page key (for links)."""
    documents = tuple(documents)
    by_publisher: dict[str, list[Document]] = defaultdict(list)
    by_year: dict[int, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.publisher:
            by_publisher[doc.publisher].append(doc)
        by_year[doc.year].append(doc)
    publishers = sorted(
        (count(group, tracking, name, publisher_key(name) if publisher_key else "") for name, group in by_publisher.items()),
        key=lambda c: (-c.findings, c.name),
    )
    total = count(documents, tracking)
    return Statistics(
        as_of=tracking.as_of,
        total=total,
        headline=headline(total, tracking),
        by_publisher=tuple(publishers),
        by_year=tuple(count(by_year[year], tracking, str(year), str(year)) for year in sorted(by_year)),
        overdue_buckets=_buckets(total.late_days),
        longest_overdue=_longest(tracking, documents),
        themes=themes(),
        theme_years=tuple(sorted({year for year, _ in rows.problems_by_year_theme})),
        theme_counts=dict(rows.problems_by_year_theme),
        mismatches=tuple(
            Mismatch(doc.id, doc.title, doc.publisher, DECLARED_LABELS[key], declared, listed)
            for doc in documents for key, declared, listed in declared_mismatches(doc, rows.tallies.get(doc.id))
        ),
        declared_only=sum(
            1 for row in rows.documents
            if row["kind"] != DocumentKind.DISCLOSURE.value and row["declared_completed"] is not None
            and not row["with_status"]
        ),
        rounds=round_counts(tracking) if tracking.rounds else {},
        period_words=tracking.rules.period_words,
        wait_days=tracking.rules.follow_up_wait_days,
    )


def _buckets(days: Iterable[int]) -> tuple[tuple[str, int], ...]:
    counts: Counter = Counter()
    for d in days:
        for bound, label in OVERDUE_BUCKETS:
            if bound is None or d < bound:
                counts[label] += 1
                break
    return tuple((label, counts[label]) for _, label in OVERDUE_BUCKETS)


def _longest(tracking: Tracking, documents: tuple[Document, ...]) -> tuple[LateFinding, ...]:
    late = tracking.rows(documents, Verdict.LATE)
    late.sort(key=lambda r: (-r.state.days, r.doc.id, r.anchor))
    return tuple(
        LateFinding(r.doc.id, r.anchor, r.doc.publisher, r.finding.title, r.state.deadline.isoformat(), r.state.days)
        for r in late[:LONGEST]
    )
