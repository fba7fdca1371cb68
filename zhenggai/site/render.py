"""HTML of every generated page, from the validated collection. Independent of MkDocs.

`site_pages()` returns `SitePage`s: a path, a title and the HTML body. Whatever engine
hosts them (MkDocs today) wraps the body in its theme; links inside bodies are relative,
so the site works under any base URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Contact, Document, DocumentKind, Phone, Status
from ..numbering import number_document
from ..templating import environment
from .listings import LISTINGS, SITE_FEED, FeedLink, Listing
from .urls import document_path, relative_url

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

    @property
    def src_uri(self) -> str:
        """The source name a documentation engine needs (`documents/x/index.md`, `index.md`)."""
        return f"{self.path}index.md"


@dataclass(frozen=True)
class PdfLink:
    """What a page needs to know about a document's PDF."""

    filename: str
    bytes: int
    pages: int = 0


def tel_href(phone: Phone, contact: Contact) -> str:
    digits = phone.number
    if contact.area_code and "-" not in digits and len(digits) in (7, 8):
        digits = f"{contact.area_code}-{digits}"
    return f"tel:{digits}"


def completion(doc: Document) -> tuple[int, int, str] | None:
    """(done, total, basis) for the progress bar: counted statuses, else the declared totals."""
    tally = doc.tally()
    if tally.with_status:
        return tally.count(Status.COMPLETED), tally.with_status, "按所列问题统计"
    declared = doc.declared
    if declared and declared.measures and declared.completed is not None:
        return declared.completed, declared.measures, "按通报声明的整改措施统计"
    return None


class Renderer:
    """Renders the pages of one collection; one Jinja environment for all of them."""

    def __init__(
        self,
        documents: Iterable[Document],
        pdfs: Mapping[str, PdfLink] | None = None,
        archive: Sequence[Any] = (),
        headline: Any = None,
    ):
        self.documents = tuple(documents)
        self.pdfs = dict(pdfs or {})
        self.archive = tuple(archive)  # the PDF records, newest document first
        # The home page's figures (opendata.stats.Headline), made by the statistics stage so the
        # home page and 统计 count alike; None leaves them out.
        self.headline = headline
        self.env = environment("zhenggai.site")
        self.env.globals.update(
            tel_href=tel_href,
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
        pages.append(self._page("archive.html", "archive/", "PDF 归档", "archive", records=self.archive))
        pages.append(self._page("search_page.html", "search/", "搜索", "search", listings=LISTINGS))
        return pages

    def _render(self, template: str, path: str, **context) -> str:
        def url(target: str) -> str:
            return relative_url(path, target)

        return self.env.get_template(template).render(url=url, page_path=path, **context)

    def _page(self, template: str, path: str, title: str, kind: str,
              feeds: tuple[FeedLink, ...] = (), **context) -> SitePage:
        body = self._render(template, path, title=title, feeds=feeds, **context)
        return SitePage(path=path, title=title, body=compact_html(body), kind=kind, feeds=feeds)

    def document_page(self, doc: Document) -> SitePage:
        return self._page(
            "document.html",
            document_path(doc.id),
            doc.title,
            "document",
            doc=doc,
            sections=number_document(doc),
            counts=doc.tally(),
            completion=completion(doc),
            pdf=self.pdfs.get(doc.id),
            feeds=tuple(f for f in (listing.feed_of(doc) for listing in LISTINGS) if f),
        )

    def home(self) -> SitePage:
        return self._page(
            "home.html", "", "首页", "home",
            latest=self.documents[:HOME_LATEST], listings=LISTINGS,
            headline=self.headline, site_feed=SITE_FEED,
        )

    def listing_pages(self, listing: Listing) -> list[SitePage]:
        groups = listing.groups(self.documents)
        pages = [
            self._page("listing_index.html", f"{listing.key}/", listing.title, "listing",
                       listing=listing, groups=groups)
        ]
        for group in groups:
            pages.append(
                self._page("listing.html", f"{listing.key}/{group.key}/",
                           f"{listing.title}:{group.name}", "listing",
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


def compact_html(html: str) -> str:
    """Drop blank lines and indentation: smaller pages, and no Markdown-sensitive blank lines."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
