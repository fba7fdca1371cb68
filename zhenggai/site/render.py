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

from ..model import Contact, Document, DocumentKind, Phone, Status
from ..numbering import number_document
from ..templating import environment
from ..text import VERSION_CAUSES, completion, inspection_summary, outcomes
from .listings import LISTINGS, Listing
from .urls import relative_url

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
    ):
        self.documents = tuple(documents)
        self.pdfs = dict(pdfs or {})
        self.archive = tuple(archive)  # the PDF records, newest document first
        self.env = environment("zhenggai.site")
        self.env.globals.update(
            inspection_summary=inspection_summary,
            outcomes=outcomes,
            tel_href=tel_href,
            version_causes=VERSION_CAUSES,
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
        pages.append(self._page("archive.html", "archive/", "PDF 归档", "archive", documents=archive_groups(self.archive)))
        pages.append(self._page("search_page.html", "search/", "搜索", "search", listings=LISTINGS))
        return pages

    def _render(self, template: str, path: str, **context) -> str:
        def url(target: str) -> str:
            return relative_url(path, target)

        return self.env.get_template(template).render(url=url, page_path=path, **context)

    def _page(self, template: str, path: str, title: str, kind: str, **context) -> SitePage:
        body = self._render(template, path, title=title, **context)
        return SitePage(path=path, title=title, body=_compact(body), kind=kind)

    def document_page(self, doc: Document) -> SitePage:
        return self._page(
            "document.html",
            f"documents/{doc.id}/",
            doc.title,
            "document",
            doc=doc,
            sections=number_document(doc),
            counts=doc.tally(),
            completion=completion(doc),
            pdf=self.pdfs.get(doc.id),
        )

    def home(self) -> SitePage:
        tallies = [d.tally() for d in self.documents if d.kind.is_rectification]
        tallies_all = [d.tally() for d in self.documents]
        with_status = sum(t.with_status for t in tallies_all)
        done = sum(t.count(Status.COMPLETED) for t in tallies_all)
        stats = {
            "documents": len(self.documents),
            "problems": sum(t.findings for t in tallies),
            "with_status": with_status,
            "completed": done,
            "share": round(100 * done / with_status) if with_status else None,
        }
        return self._page(
            "home.html", "", "首页", "home",
            latest=self.documents[:HOME_LATEST], stats=stats, listings=LISTINGS,
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


def archive_groups(records: Sequence[Any]) -> list[list[Any]]:
    """The archive's records, one list per document (its versions, oldest first), in the records' order."""
    groups: dict[str, list[Any]] = {}
    for record in records:
        groups.setdefault(record.id, []).append(record)
    return list(groups.values())


def _compact(html: str) -> str:
    """Drop blank lines and indentation: smaller pages, and no Markdown-sensitive blank lines."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
