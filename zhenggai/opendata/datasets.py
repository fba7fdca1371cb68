"""The rows of the open data: one per finding, one per document, and their CSV and JSON files.

The columns, their types and their Chinese words are the data file `fields.yml`; the rows are
made here from the models and the build's `Tracking` (`Document.findings`, `number_document` for
the anchors, each finding's deadline state, the disclosure clock), and the counts of a document by
`site.figures.count`, so the files count what the pages count.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any

from ..csvfile import csv_bytes
from ..model import Document, Status, Tally, walk_categories
from ..numbering import NumberedSection, number_document
from ..overdue import Verdict
from ..site import Tracking, count, document_path
from ..yamlfile import package_table

OTHER_THEME = "其他"
CSV_TRUE, CSV_FALSE = "是", "否"


@dataclass(frozen=True)
class Column:
    """One column of a table, as `fields.yml` describes it."""

    name: str
    type: str
    title: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One open-data table: `findings` or `documents`."""

    key: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_key: Mapping[str, str] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@cache
def tables() -> dict[str, Table]:
    """The tables of `fields.yml`, by key, in file order."""
    raw = package_table(__package__, "fields.yml")
    return {
        key: Table(
            key=key,
            title=spec["title"],
            description=spec["description"],
            columns=tuple(
                Column(c["name"], c["type"], c["title"], c["description"], c.get("required", False),
                       tuple(c.get("enum", ())))
                for c in spec["fields"]
            ),
            primary_key=tuple(spec["primary_key"]),
            foreign_key=spec.get("foreign_key"),
        )
        for key, spec in raw.items()
    }


@cache
def _theme_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    raw = package_table(__package__, "themes.yml")
    return tuple((entry["name"], tuple(entry["keywords"])) for entry in raw)


def themes() -> tuple[str, ...]:
    """Every theme in display order, 其他 last."""
    return (*(name for name, _ in _theme_table()), OTHER_THEME)


@cache
def theme_of(category_title: str) -> str:
    """The theme of a category (方面) title, by the keyword table of `themes.yml`."""
    for name, keywords in _theme_table():
        if any(word in category_title for word in keywords):
            return name
    return OTHER_THEME


@dataclass(frozen=True)
class Rows:
    """Every row of the open data, the problem counts by (year, theme) the statistics need, and
    each document's `tally()` (counted once, read by the feeds and the quality table)."""

    findings: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    problems_by_year_theme: Counter = field(default_factory=Counter)
    tallies: Mapping[str, Tally] = field(default_factory=dict)


def gather_rows(
    documents: Iterable[Document], tracking: Tracking, base: str = "", pdfs: Mapping[str, Any] | None = None
) -> Rows:
    """The rows of both tables, documents in the site's order; `base` prefixes every URL
    (the site's address, or "" for addresses relative to the site's root)."""
    pdfs = pdfs or {}
    findings: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    by_theme: Counter = Counter()
    tallies: dict[str, Tally] = {}
    for doc in documents:
        numbered = number_document(doc)
        findings += finding_rows(doc, numbered, tracking, base)
        tallies[doc.id] = tally = doc.tally()
        docs.append(document_row(doc, tally, tracking, base, pdfs.get(doc.id)))
        for _, category in walk_categories(numbered):
            if category.category.title is not None:
                by_theme[doc.year, theme_of(category.category.title)] += len(category.problems)
            else:  # problems listed without categories: each by its own words
                for problem in category.problems:
                    by_theme[doc.year, theme_of(problem.problem.title)] += 1
    return Rows(findings, docs, by_theme, tallies)


def finding_rows(doc: Document, numbered: Sequence[NumberedSection], tracking: Tracking,
                 base: str = "") -> list[dict[str, Any]]:
    """One row per finding of `doc` (`Document.findings`), anchored as `number_document` anchors it."""
    # The anchors come from the numbering (the page's ids); which units are findings, and their
    # order, from the model. Matched by identity: the numbering holds the model's own objects.
    where: dict[int, tuple[str, str, str, str | None]] = {}
    for _, category in walk_categories(numbered):
        for problem in category.problems:
            title = category.category.title or ""
            where[id(problem.problem)] = (problem.anchor, title, problem.problem.title, None)
            for item in problem.items:
                where[id(item.item)] = (item.anchor, title, problem.problem.title, item.item.title)
    page = base + document_path(doc.id)
    inspection = doc.inspection
    common = {
        "document_id": doc.id,
        "document_kind": doc.kind.value,
        "publisher": doc.publisher or None,
        "inspecting_body": inspection.body if inspection else None,
        "inspected_unit": inspection.target if inspection else None,
        "year": doc.year,
        "published": doc.metadata.published.isoformat(),
        "current": tracking.is_current(doc),
    }
    rows = []
    for finding in doc.findings():
        anchor, category, problem, item = where[id(finding)]
        deadline = finding.deadline
        state = tracking.own_state(finding)  # what this notice shows: a later one's verdict is in its own row
        verdict = state.verdict if state else None
        rows.append({
            "document_id": doc.id,
            "anchor": anchor,
            "url": f"{page}#{anchor}",
            **common,
            "category": category,
            "theme": theme_of(category),
            "problem": problem,
            "item": item,
            "status": Status(finding.status).value if finding.status else None,
            "deadline_text": deadline.text if deadline else None,
            "deadline": deadline.date.isoformat() if deadline and deadline.date else None,
            "withheld": finding.withheld.value if finding.withheld else None,
            "deadline_state": verdict.value if verdict else None,
            "overdue": verdict is Verdict.LATE,
            "days_overdue": state.days if verdict in (Verdict.LATE, Verdict.DONE_LATE) else None,
            "days_since_deadline": state.days if verdict is Verdict.PASSED else None,
            "state_document": state.notice.id if state else None,
            "measures": len(finding.measures),
        })
    return rows


def document_row(doc: Document, tally: Tally, tracking: Tracking, base: str = "", pdf: Any = None) -> dict[str, Any]:
    """The row of `doc`: catalogue metadata, inspection, the disclosure clock, its round, counts
    (`site.figures.count` of the document alone), declared totals, PDF."""
    meta, inspection, signature, declared = doc.metadata, doc.inspection, doc.signature, doc.declared
    own = count([doc], tracking, latest_only=False)
    clock = tracking.clocks.get(doc.id)
    found = tracking.round_of.get(doc.id)
    row = {
        "id": doc.id,
        "url": base + document_path(doc.id),
        "title": doc.title,
        "kind": doc.kind.value,
        "index_no": meta.index_no,
        "catalogue_category": meta.category,
        "publisher": doc.publisher or None,
        "written": _iso(meta.written),
        "doc_no": meta.doc_no,
        "published": meta.published.isoformat(),
        "subject_words": "、".join(meta.subject_words) or None,
        "source": meta.source,
        "inspecting_body": inspection.body if inspection else None,
        "inspected_unit": inspection.target if inspection else None,
        "round": inspection.round if inspection else None,
        "inspection_start": _iso(inspection.start) if inspection else None,
        "inspection_end": _iso(inspection.end) if inspection else None,
        "feedback": _iso(inspection.feedback) if inspection else None,
        "days_after_feedback": clock.days if clock else None,
        "first_notice": clock.first if clock else None,
        "beyond_period": clock.beyond_period if clock else None,
        "round_id": found.id if found else None,
        "current": tracking.is_current(doc),
        "signed_by": signature.organisation if signature else None,
        "signed_on": _iso(signature.date) if signature else None,
        "categories": tally.categories,
        "problems": tally.problems,
        "items": tally.items,
        "findings": own.findings,
        "with_status": own.with_status,
        "completed": own.completed,
        "basically_completed": own.basically_completed,
        "in_progress": own.in_progress,
        "long_term": own.long_term,
        "overdue": own.late,
        "done_late": own.done_late,
        "deadline_passed": own.passed,
        "withheld": own.withheld,
    }
    for key in ("categories", "problems", "tasks", "measures", "completed", "basically_completed",
                "rules_made", "money_returned", "people_disciplined"):
        row[f"declared_{key}"] = getattr(declared, key) if declared else None
    row.update({
        "pdf_url": f"{base}pdf/{pdf.filename}" if pdf else None,
        "pdf_sha256": pdf.sha256 if pdf else None,
        "pdf_bytes": pdf.bytes if pdf else None,
        "pdf_pages": pdf.pages if pdf else None,
    })
    return row


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def to_csv(table: Table, rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The table as CSV for spreadsheets and programs alike (`csvfile.csv_bytes`): a header row
    of the column names, booleans as 是/否, missing values empty, no cell a formula."""
    values = itemgetter(*table.names)
    flags = [i for i, c in enumerate(table.columns) if c.type == "boolean"]
    texts = [i for i, c in enumerate(table.columns) if c.type == "string"]

    # One call per finding: positions worked out once.
    def cells(row: Mapping[str, Any]) -> list:
        out = list(values(row))
        for i in flags:
            if out[i] is not None:
                out[i] = CSV_TRUE if out[i] else CSV_FALSE
        return out

    return csv_bytes(table.names, map(cells, rows), texts)


def to_json(table: Table, rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The table as a JSON array of objects (keys the column names, in file order), one row a line."""
    names = table.names
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = [encode(dict(zip(names, values))) for values in map(itemgetter(*names), rows)]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")
