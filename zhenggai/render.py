"""HTML of every generated page, from the validated collection. Independent of MkDocs.

`site_pages()` returns `SitePage`s: a path, a title and the HTML body. Whatever engine
hosts them (MkDocs today) wraps the body in its theme; links inside bodies are relative,
so the site works under any base URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .model import Contact, Document, DocumentKind, Phone, Status
from .numbering import number_document, point_label

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
    """What a page needs to know about a document's PDF."""

    filename: str
    bytes: int
    pages: int = 0


@dataclass(frozen=True)
class Group:
    """A listing group: documents sharing a year, a publisher or an inspecting body."""

    key: str
    name: str
    documents: tuple[Document, ...] = field(default=())


def cn_date(value: dt.date | None) -> str:
    """2019-03-15 → 2019年3月15日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def format_size(size: int) -> str:
    """Bytes in the units a reader expects: 356 KB, 1.2 MB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def slug(text: str) -> str:
    """A short stable ASCII slug for a Chinese name, used in listing URLs."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def tel_href(phone: Phone, contact: Contact) -> str:
    digits = phone.number
    if contact.area_code and "-" not in digits and len(digits) in (7, 8):
        digits = f"{contact.area_code}-{digits}"
    return f"tel:{digits}"


def counts(doc: Document) -> dict[str, int]:
    """What the structure of a document really lists."""
    findings = doc.findings()
    by_status = defaultdict(int)
    for finding in findings:
        if finding.status:
            by_status[finding.status] += 1
    return {
        "categories": len(doc.categories()),
        "problems": len(doc.problems()),
        "items": sum(len(p.items) for p in doc.problems()),
        "with_status": sum(by_status.values()),
        "completed": by_status[Status.COMPLETED],
        "basically_completed": by_status[Status.BASICALLY_COMPLETED],
        "in_progress": by_status[Status.IN_PROGRESS],
        "long_term": by_status[Status.LONG_TERM],
    }


def completion(doc: Document) -> tuple[int, int, str] | None:
    """(done, total, basis) for the progress bar: counted statuses, else the declared totals."""
    c = counts(doc)
    if c["with_status"]:
        return c["completed"], c["with_status"], "按所列问题统计"
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
    ):
        self.documents = tuple(documents)
        self.pdfs = dict(pdfs or {})
        self.archive = tuple(archive)  # the PDF records, newest document first
        self.env = Environment(
            loader=PackageLoader("zhenggai", "templates/site"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(cn_date=cn_date, size=format_size)
        self.env.globals.update(
            point_label=point_label,
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
            counts=counts(doc),
            completion=completion(doc),
            pdf=self.pdfs.get(doc.id),
        )

    def home(self) -> SitePage:
        problems = sum(len(d.findings()) for d in self.documents if d.kind.is_rectification)
        statuses = [f.status for d in self.documents for f in d.findings() if f.status]
        done = sum(1 for s in statuses if s is Status.COMPLETED)
        stats = {
            "documents": len(self.documents),
            "problems": problems,
            "with_status": len(statuses),
            "completed": done,
            "share": round(100 * done / len(statuses)) if statuses else None,
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


@dataclass(frozen=True)
class Listing:
    """A way of grouping documents into listing pages."""

    key: str
    title: str
    noun: str
    grouper: Callable[[Document], str | None]
    newest_first: bool = False

    def groups(self, documents: Iterable[Document]) -> tuple[Group, ...]:
        grouped: dict[str, list[Document]] = defaultdict(list)
        for doc in documents:
            name = self.grouper(doc)
            if name:
                grouped[name].append(doc)
        names = sorted(grouped, reverse=self.newest_first)
        return tuple(
            Group(key=name if name.isascii() else slug(name), name=name, documents=tuple(grouped[name]))
            for name in names
        )


LISTINGS = (
    Listing("years", "按年份浏览", "年份", lambda d: str(d.year), newest_first=True),
    Listing("publishers", "按发布机构浏览", "发布机构", lambda d: d.publisher),
    Listing("inspectors", "按巡察组浏览", "巡察组", lambda d: d.inspection.body if d.inspection else None),
)


def relative_url(from_path: str, target: str) -> str:
    """A link from the page at `from_path` (a directory URL) to `target`, both site-relative."""
    base = "/" + from_path
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    rel = posixpath.relpath("/" + target, base) if target else "."
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return (rel if rel != "./" else "./") + fragment


def _compact(html: str) -> str:
    """Drop blank lines and indentation: smaller pages, and no Markdown-sensitive blank lines."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
