"""HTML of every generated page, from the validated collection. Independent of MkDocs.

`site_pages()` returns `SitePage`s: a path, a title and the HTML body. Whatever engine
hosts them (MkDocs today) wraps the body in its theme; links inside bodies are relative,
so the site works under any base URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..data import DECLARED_LABELS, declared_comparisons
from ..disclosure import Rules, TargetState, due_date, stated_completion
from ..model import Contact, Document, DocumentKind, Phone, Status, walk_categories
from ..numbering import number_document
from ..overdue import Verdict, reference_date
from ..rounds import Round
from ..templating import environment
from ..text import VERSION_CAUSES, YEAR_ASSUMED, declared_completion, inspection_summary, outcomes
from .figures import count, headline
from .listings import LISTINGS, SITE_FEED, FeedLink, Listing, round_feed
from .tracking import Tracking, build_tracking
from .urls import document_path, relative_url, round_path

HOME_LATEST = 10

STATUS_CLASS = {
    Status.COMPLETED: "done",
    Status.BASICALLY_COMPLETED: "mostly",
    Status.IN_PROGRESS: "ongoing",
    Status.LONG_TERM: "longterm",
}


@dataclass(frozen=True)
class SitePage:
    """One generated page: `path` is its URL path relative to the site root (`documents/x/`)."""

    path: str
    title: str
    body: str
    kind: str
    description: str = ""
    feeds: tuple[FeedLink, ...] = ()  # Atom feeds of what the page lists, beside the site's own
    # False: a listing with nothing to list yet (巡察轮次 before any round is recorded); the page
    # is there and says so, but the site's navigation leaves it out (no empty column).
    listed: bool = True

    @property
    def src_uri(self) -> str:
        """The source name a documentation engine needs (`documents/x/index.md`, `index.md`)."""
        return f"{self.path}index.md"


@dataclass(frozen=True)
class PdfLink:
    """What a page needs to know about a document's PDF: its latest version, and the earlier ones."""

    filename: str
    bytes: int
    pages: int = 0
    version: int = 1
    date: dt.date | None = None  # when this version was published
    earlier: tuple[PdfLink, ...] = ()  # oldest first


@dataclass(frozen=True)
class Comparison:
    """A total the notice declares beside what its text lists (the page's 本站核对)."""

    label: str
    declared: int
    listed: int

    @property
    def same(self) -> bool:
        return self.declared == self.listed


def comparisons(doc: Document, tally) -> list[Comparison]:
    return [Comparison(DECLARED_LABELS[key], declared, listed) for key, declared, listed in declared_comparisons(doc, tally)]


def tel_href(phone: Phone, contact: Contact) -> str:
    digits = phone.number
    if contact.area_code and "-" not in digits and len(digits) in (7, 8):
        digits = f"{contact.area_code}-{digits}"
    return f"tel:{digits}"


class Renderer:
    """Renders the pages of one collection; one Jinja environment for all of them."""

    def __init__(
        self,
        documents: Iterable[Document],
        pdfs: Mapping[str, PdfLink] | None = None,
        archive: Sequence[Any] = (),
        as_of: dt.date | None = None,
        rules: Rules | None = None,
        rounds: Sequence[Round] | None = None,
        tracking: Tracking | None = None,
    ):
        # A Collection carries its rounds; a plain list of documents has none.
        rounds = tuple(rounds if rounds is not None else getattr(documents, "rounds", ()))
        self.documents = tuple(documents)
        self.pdfs = dict(pdfs or {})
        self.archive = tuple(archive)  # the PDF records, newest document first
        self.as_of = tracking.as_of if tracking else reference_date(as_of, self.documents)
        self.tracking = tracking or build_tracking(self.documents, self.as_of, rules, rounds)
        self.env = environment("zhenggai.site")
        self.env.globals.update(
            tracking=self.tracking,
            rules=self.tracking.rules,
            Verdict=Verdict,
            TargetState=TargetState,
            round_path=round_path,
            stated_completion=stated_completion,
            due_date=due_date,
            finding_id=id,
            as_of=self.as_of,
            inspection_summary=inspection_summary,
            outcomes=outcomes,
            tel_href=tel_href,
            version_causes=VERSION_CAUSES,
            year_assumed=YEAR_ASSUMED,
            status_class=STATUS_CLASS,
            Status=Status,
            Kind=DocumentKind,
        )

    def site_pages(self) -> list[SitePage]:
        """Every generated page of the site."""
        pages = [self.home()]
        pages += [self.document_page(doc) for doc in self.documents]
        for listing in LISTINGS:
            pages += self.listing_pages(listing)
        pages.append(self.contacts_page())
        pages.append(self.overdue_page())
        pages += self.round_pages()
        pages.append(self._page("archive.html", "archive/", "PDF 归档", "archive", documents=archive_groups(self.archive)))
        pages.append(self._page("search_page.html", "search/", "搜索", "search", listings=LISTINGS))
        return pages

    def _render(self, template: str, path: str, **context) -> str:
        def url(target: str) -> str:
            return relative_url(path, target)

        return self.env.get_template(template).render(url=url, page_path=path, **context)

    def _page(self, template: str, path: str, title: str, kind: str,
              feeds: tuple[FeedLink, ...] = (), listed: bool = True, **context) -> SitePage:
        body = self._render(template, path, title=title, feeds=feeds, **context)
        return SitePage(path=path, title=title, body=compact_html(body), kind=kind, feeds=feeds, listed=listed)

    def document_page(self, doc: Document) -> SitePage:
        sections = number_document(doc)
        counts = doc.tally()
        own = count([doc], self.tracking, latest_only=False)  # the box's figures, as every figure is counted
        return self._page(
            "document.html",
            document_path(doc.id),
            doc.title,
            "document",
            doc=doc,
            sections=sections,
            cats=_categories(sections),
            counts=counts,
            comparisons=comparisons(doc, counts),
            crumbs=self.crumbs_of(doc),
            own=own,
            completion=(own.completed, own.with_status, "按所列问题统计") if own.with_status else declared_completion(doc),
            pdf=self.pdfs.get(doc.id),
            series=self.tracking.series_of.get(doc.id),
            comparison=self.tracking.comparisons.get(doc.id),
            feeds=tuple(f for f in (listing.feed_of(doc) for listing in LISTINGS) if f)
            + _round_feed(self.tracking.round_of.get(doc.id)),
        )

    def crumbs_of(self, doc: Document) -> list[tuple[str, str]]:
        """首页 › 按发布机构浏览 › the publisher: where a document page sits."""
        listing = next(listing for listing in LISTINGS if listing.key == "publishers")
        trail = [("首页", ""), (listing.title, f"{listing.key}/")]
        if doc.publisher:
            trail.append((doc.publisher, f"{listing.key}/{listing.group_key(doc.publisher)}/"))
        return trail

    def home(self) -> SitePage:
        figures = count(self.documents, self.tracking)
        return self._page(
            "home.html", "", "首页", "home", latest=self.documents[:HOME_LATEST],
            figures=headline(figures, self.tracking), listings=LISTINGS, site_feed=SITE_FEED,
        )

    def overdue_page(self) -> SitePage:
        every = self.tracking.rows_by_verdict(self.documents)
        rows = {verdict: every[verdict] for verdict in Verdict}
        return self._page("overdue.html", "overdue/", OVERDUE_TITLE, "overdue",
                          lists={v: _by_publisher(r) for v, r in rows.items()},
                          counts={v: len(r) for v, r in rows.items()},
                          undated=every[None])

    def round_pages(self) -> list[SitePage]:
        """巡察轮次: every round, then one page per round listing every unit it inspected."""
        rounds = self.tracking.rounds
        pages = [self._page("rounds.html", "rounds/", ROUNDS_TITLE, "rounds", listed=bool(rounds), rounds=rounds)]
        for found in rounds:
            pages.append(self._page("round.html", round_path(found.id), found.name, "round",
                                    feeds=_round_feed(found), round=found, rows=self.tracking.targets[found.id]))
        return pages

    def listing_pages(self, listing: Listing) -> list[SitePage]:
        groups = listing.groups(self.documents)
        pages = [
            self._page("listing_index.html", f"{listing.key}/", listing.title, "listing",
                       listing=listing, groups=groups)
        ]
        for group in groups:
            pages.append(
                self._page("listing.html", f"{listing.key}/{group.key}/",
                           f"{listing.title}：{group.name}", "listing",
                           feeds=tuple(f for f in (listing.feed(group),) if f),
                           listing=listing, group=group)
            )
        return pages

    def contacts_page(self) -> SitePage:
        latest: dict[str, Document] = {}
        for doc in self.documents:  # newest first: the first seen is the current channel
            if doc.contact and doc.publisher not in latest:
                latest[doc.publisher] = doc
        entries = sorted(latest.values(), key=lambda d: d.publisher)
        return self._page("contacts.html", "contacts/", "监督联系方式", "contacts", entries=entries)


OVERDUE_TITLE = "逾期与时限已过"
ROUNDS_TITLE = "巡察轮次"


def _by_publisher(rows) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.doc.publisher, []).append(row)
    return list(groups.items())


def _round_feed(found: Round | None) -> tuple[FeedLink, ...]:
    return (round_feed(found),) if found else ()


def archive_groups(records: Sequence[Any]) -> list[list[Any]]:
    """The archive's records, one list per document (its versions, oldest first), in the records' order."""
    groups: dict[str, list[Any]] = {}
    for record in records:
        groups.setdefault(record.id, []).append(record)
    return list(groups.values())


def _categories(sections) -> list:
    """Every numbered category of a document, in page order (for the jump list)."""
    return [c for _, c in walk_categories(sections) if c.heading]  # problems listed without categories: no entry


def compact_html(html: str) -> str:
    """Drop blank lines and indentation: smaller pages, and no Markdown-sensitive blank lines."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
