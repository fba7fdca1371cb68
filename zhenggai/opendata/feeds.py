"""Atom feeds (RFC 4287) of the site, each publisher, each inspecting body and each round, by feedgenerator.

An entry is a document: its id a `urn:uuid` made from the document's id alone (stable across
builds, edits and moves of the site), its dates the document's 发布日期 (never the build's
time, so builds stay reproducible), its PDF an enclosure. A feed holds the newest
`FEED_LIMIT` documents; its subtitle and alternate link send a reader to the listing page,
which lists every document, and the open data lists them all too.

All feeds are in one folder (`listings.FEED_DIR`), so an entry's relative links are the same
in every feed it is in: each entry is written once and copied into its feeds. Without a
`site_url`, links are relative to the feed (RFC 4287 allows it; readers resolve them against
the feed's address).
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import feedgenerator
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from markupsafe import escape

from ..model import Document, Status, Tally
from ..overdue import CHINA, Verdict
from ..site import FEED_LIMIT, LISTINGS, SITE_FEED, FeedLink, Figures, Tracking, count, document_path, round_feed, round_path

# uuid5 namespace of zhenggai's entry and feed ids (uuid5(NAMESPACE_DNS, "zhenggai")): fixed for ever.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "zhenggai")
# The time of day an entry is dated: documents carry dates only; midnight in China.
MIDNIGHT = dt.time(0, 0, tzinfo=CHINA)


def entry_id(doc: Document) -> str:
    """The Atom id of `doc`'s entry: the same in every feed and every build."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, 'document:' + doc.id)}"


def feed_id(feed: FeedLink) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + feed.path)}"


def summary(doc: Document, tally: Tally | None = None, tracking: Tracking | None = None) -> str:
    """What an entry says about its document, in one line of plain text (`tally`: `doc.tally()`;
    with `tracking`, the disclosure clock and the deadlines as the page says them)."""
    parts = [doc.kind.value, doc.publisher]
    if doc.inspection:
        parts.append(f"{doc.inspection.body}巡察{doc.inspection.target}")
    clock = tracking.clocks.get(doc.id) if tracking else None
    if clock:
        parts.append(clock.words)
    tally = tally or doc.tally()
    # The figures, as every figure is counted (zhenggai.site.figures.count); without the
    # tracking facts, the document's own tally.
    own = count([doc], tracking, latest_only=False) if tracking is not None else None
    if tally.findings:
        counted = f"列出 {tally.problems} 个问题"
        if tally.items:
            counted += f"、{tally.items} 项问题表现"
        if tally.with_status:
            counted += f"，其中已完成 {own.completed if own else tally.count(Status.COMPLETED)} 项"
        parts.append(counted)
    if own is not None:
        parts += _deadline_words(own)
    if tally.withheld:
        parts.append(f"{tally.withheld} 项依规不予公开")
    return " · ".join(p for p in parts if p)


def _deadline_words(own: Figures) -> list[str]:
    words = []
    if own.late:
        words.append(f"逾期 {own.late} 项（通报显示）")
    if own.done_late:
        words.append(f"逾期完成 {own.done_late} 项")
    if own.passed:
        words.append(f"{Verdict.PASSED.value} {own.passed} 项")
    return words


@dataclass(frozen=True)
class Feed:
    """One feed to write: where, what it is called, the page listing all its documents."""

    link: FeedLink
    page: str  # site path of the page listing every document of the feed
    documents: tuple[Document, ...]
    author: str | None = None


class _AtomFeed(feedgenerator.Atom1Feed):
    """Atom1Feed writing entries rendered once (`entries`), dated by its newest entry."""

    def __init__(self, *args, entries: Sequence[str], updated: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._entries, self._updated = entries, updated

    def latest_post_date(self):
        return self._updated  # feedgenerator would take the build's clock for an empty feed

    def write_items(self, handler):
        for xml in self._entries:
            handler.ignorableWhitespace(xml)  # already-serialised XML, written as it is


def site_feeds(documents: Sequence[Document], tracking: Tracking | None = None) -> list[Feed]:
    """The site's feed, then one per publisher and per inspecting body (the listings' groups),
    then one per round of `tracking` (its notices, newest first)."""
    feeds = [Feed(SITE_FEED, "", tuple(documents))]
    for listing in LISTINGS:
        for group in listing.groups(documents):
            link = listing.feed(group)
            if link is not None:
                author = group.name if listing.key == "publishers" else None
                feeds.append(Feed(link, f"{listing.key}/{group.key}/", group.documents, author))
    for found in tracking.rounds if tracking else ():
        notices = tuple(d for d in documents if tracking.round_of.get(d.id) is found)
        feeds.append(Feed(round_feed(found), round_path(found.id), notices, found.body))
    return feeds


def write_feeds(
    feeds: Iterable[Feed], site_name: str, base: str = "", pdfs: Mapping[str, Any] | None = None,
    empty_date: dt.date | None = None, tallies: Mapping[str, Tally] | None = None,
    tracking: Tracking | None = None,
) -> dict[str, bytes]:
    """The XML of every feed, by site path; `base` is the site's address ("" for relative links)."""
    tallies = tallies or {}
    root = base or "../"  # from feeds/ to the site's root
    pdfs = pdfs or {}
    entries: dict[str, str] = {}
    out: dict[str, bytes] = {}
    fallback = dt.datetime.combine(empty_date or dt.date(1970, 1, 1), MIDNIGHT)
    for feed in feeds:
        latest = feed.documents[:FEED_LIMIT]
        for doc in latest:
            if doc.id not in entries:
                entries[doc.id] = _entry_xml(doc, root, pdfs.get(doc.id), tallies.get(doc.id), tracking)
        newest = max((d.metadata.published for d in latest), default=None)
        self_href = base + feed.link.path if base else feed.link.path.rsplit("/", 1)[-1]
        atom = _AtomFeed(
            title=f"{site_name}：{feed.link.title}",
            link=root + feed.page if feed.page else root,
            description=_subtitle(feed),
            language="zh-CN",
            feed_url=self_href,
            feed_guid=feed_id(feed.link),
            author_name=feed.author or site_name,
            entries=[entries[d.id] for d in latest],
            updated=dt.datetime.combine(newest, MIDNIGHT) if newest else fallback,
        )
        out[feed.link.path] = atom.writeString("utf-8").encode("utf-8")
    return out


def _subtitle(feed: Feed) -> str:
    total = len(feed.documents)
    if total <= FEED_LIMIT:
        return f"共 {total} 份文件。更早的文件和全部数据见本站的列表页和开放数据（documents.csv）。"
    return (f"最新 {FEED_LIMIT} 份，共 {total} 份文件；更早的文件见本订阅源的网页链接（列表页）"
            "和本站开放数据中的 documents.csv。")


def _entry_xml(doc: Document, root: str, pdf: Any, tally: Tally | None, tracking: Tracking | None = None) -> str:
    item = feedgenerator.Atom1Feed("", "", "")
    published = dt.datetime.combine(doc.metadata.published, MIDNIGHT)
    categories = [doc.kind.value, doc.publisher, str(doc.year)]
    if doc.inspection:
        categories.append(doc.inspection.body)
    enclosures = [feedgenerator.Enclosure(f"{root}pdf/{pdf.filename}", str(pdf.bytes), "application/pdf")] if pdf else None
    item.add_item(
        title=doc.title,
        link=root + document_path(doc.id),
        # type="html": the text is escaped once more, so that readers show it as text.
        description=str(escape(summary(doc, tally, tracking))),
        author_name=doc.publisher or None,
        pubdate=published,
        updateddate=published,
        unique_id=entry_id(doc),
        categories=[c for c in categories if c],
        enclosures=enclosures,
    )
    buffer = io.StringIO()
    handler = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
    handler.startElement("entry", {})
    item.add_item_elements(handler, item.items[0])
    handler.endElement("entry")
    return buffer.getvalue()
