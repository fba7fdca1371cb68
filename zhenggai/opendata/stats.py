"""The figures of 统计 and of the home page, from the open-data rows (so both count alike).

Completion and status counts add up the document rows (`Document.tally`), overdue counts the
finding rows (`overdue.days_overdue`), themes count problems per category (`themes.yml`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..data import DECLARED_LABELS, declared_mismatches
from ..model import Document, DocumentKind, Status
from .datasets import Rows, themes

UNSTATED = "未逐项标明"
# How long findings are overdue: (upper bound in days, exclusive, or None; label).
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
LONGEST = 10  # the findings overdue longest, listed by name
QUALITY_ROWS = 50  # declared-versus-listed mismatches listed on the page; all are in documents.csv


@dataclass(frozen=True)
class Completion:
    """Status counts of a group of documents (a publisher, a year, the whole site)."""

    name: str
    documents: int = 0
    findings: int = 0
    with_status: int = 0
    completed: int = 0
    basically_completed: int = 0
    in_progress: int = 0
    long_term: int = 0
    overdue: int = 0
    key: str = ""  # the publisher's listing key (its page), when it has one

    @property
    def share(self) -> int | None:
        """Percent 已完成 of the findings with a status (as the home page and the notices count)."""
        return round(100 * self.completed / self.with_status) if self.with_status else None

    @property
    def unstated(self) -> int:
        return self.findings - self.with_status

    def by_status(self) -> dict[str, int]:
        return {
            Status.COMPLETED.value: self.completed,
            Status.BASICALLY_COMPLETED.value: self.basically_completed,
            Status.IN_PROGRESS.value: self.in_progress,
            Status.LONG_TERM.value: self.long_term,
        }


_SUMMED = ("findings", "with_status", "completed", "basically_completed", "in_progress", "long_term", "overdue")


def _completion(name: str, rows: Sequence[Mapping[str, Any]], key: str = "") -> Completion:
    sums = {field: sum(row[field] for row in rows) for field in _SUMMED}
    return Completion(name=name, documents=len(rows), key=key, **sums)


@dataclass(frozen=True)
class Headline:
    """The home page's three figures: findings, share completed, overdue (with the date)."""

    documents: int
    findings: int
    with_status: int
    completed: int
    share: int | None
    overdue: int
    as_of: dt.date | None


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
    """One of the findings overdue longest."""

    document_id: str
    anchor: str
    publisher: str
    problem: str
    deadline: str
    days: int


@dataclass(frozen=True)
class Statistics:
    as_of: dt.date | None
    total: Completion
    by_publisher: tuple[Completion, ...]  # most findings first
    by_year: tuple[Completion, ...]  # oldest year first
    overdue_buckets: tuple[tuple[str, int], ...]
    longest_overdue: tuple[LateFinding, ...]
    themes: tuple[str, ...]
    theme_years: tuple[int, ...]
    theme_counts: Mapping[tuple[int, str], int]  # (year, theme) → problems
    mismatches: tuple[Mismatch, ...]  # newest document first
    declared_only: int  # rectification notices that give statuses only as declared totals

    @property
    def headline(self) -> Headline:
        t = self.total
        return Headline(t.documents, t.findings, t.with_status, t.completed, t.share, t.overdue, self.as_of)

    @property
    def top_publishers(self) -> tuple[Completion, ...]:
        return self.by_publisher[:TOP]

    def status_counts(self) -> tuple[tuple[str, int], ...]:
        """Every finding by status, those without a stated status last."""
        return (*self.total.by_status().items(), (UNSTATED, self.total.unstated))


def statistics(documents: Iterable[Document], rows: Rows, as_of: dt.date | None,
               publisher_key: Callable[[str], str] | None = None) -> Statistics:
    """Every figure of 统计; `publisher_key` gives a publisher's listing page key (for links)."""
    documents = tuple(documents)
    by_publisher: dict[str, list] = defaultdict(list)
    by_year: dict[int, list] = defaultdict(list)
    for row in rows.documents:
        by_publisher[row["publisher"] or ""].append(row)
        by_year[int(row["published"][:4])].append(row)
    publishers = sorted(
        (_completion(name, group, publisher_key(name) if publisher_key else "")
         for name, group in by_publisher.items() if name),
        key=lambda c: (-c.findings, c.name),
    )
    years = tuple(_completion(str(year), by_year[year], str(year)) for year in sorted(by_year))
    return Statistics(
        as_of=as_of,
        total=_completion("全部", rows.documents),
        by_publisher=tuple(publishers),
        by_year=years,
        overdue_buckets=_buckets(row["days_overdue"] for row in rows.findings if row["overdue"]),
        longest_overdue=_longest(rows.findings),
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
    )


def _buckets(days: Iterable[int]) -> tuple[tuple[str, int], ...]:
    counts: Counter = Counter()
    for d in days:
        for bound, label in OVERDUE_BUCKETS:
            if bound is None or d < bound:
                counts[label] += 1
                break
    return tuple((label, counts[label]) for _, label in OVERDUE_BUCKETS)


def _longest(findings: Sequence[Mapping[str, Any]]) -> tuple[LateFinding, ...]:
    late = sorted(
        (r for r in findings if r["overdue"]),
        key=lambda r: (-r["days_overdue"], r["document_id"], r["anchor"]),
    )[:LONGEST]
    return tuple(
        LateFinding(r["document_id"], r["anchor"], r["publisher"] or "", r["item"] or r["problem"],
                    r["deadline"], r["days_overdue"])
        for r in late
    )
