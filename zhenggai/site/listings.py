"""The ways documents are grouped into listing pages: by year, publisher, inspecting body.

The same groups have Atom feeds (publishers, inspecting bodies): `Listing.feed` is the one
place their paths are made, read by the pages that link them and by the stage writing them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Document
from .urls import slug


# Every feed sits in one folder, so that an entry's relative links read the same in all of them.
FEED_DIR = "feeds"
FEED_LIMIT = 50  # entries per feed: the newest; older documents are on the listing pages


@dataclass(frozen=True)
class FeedLink:
    """An Atom feed as a page links it: its site path and its title."""

    path: str
    title: str


SITE_FEED = FeedLink(f"{FEED_DIR}/all.xml", "全部公开文件")


def round_feed(found) -> FeedLink:
    """The Atom feed of a round's notices (`found`: a `rounds.Round`; its id is a file name's, safe in a path)."""
    return FeedLink(f"{FEED_DIR}/rounds-{found.id}.xml", f"{found.name}的整改通报")


@dataclass(frozen=True)
class Group:
    """A listing group: documents sharing a year, a publisher or an inspecting body."""

    key: str
    name: str
    documents: tuple[Document, ...] = field(default=())


@dataclass(frozen=True)
class Listing:
    """A way of grouping documents into listing pages."""

    key: str
    title: str
    noun: str
    grouper: Callable[[Document], str | None]
    newest_first: bool = False
    feed_title: str | None = None  # e.g. "{name}发布的文件": the groups have feeds

    def group_key(self, name: str) -> str:
        """The URL part of a group and its feed's file name: always `urls.slug` (no name is a path)."""
        return slug(name)

    def feed(self, group: Group) -> FeedLink | None:
        """The Atom feed of `group`, when this listing has feeds."""
        if self.feed_title is None:
            return None
        return FeedLink(f"{FEED_DIR}/{self.key}-{group.key}.xml", self.feed_title.format(name=group.name))

    def feed_of(self, doc: Document) -> FeedLink | None:
        """The feed of the group `doc` belongs to, when this listing has feeds."""
        name = self.grouper(doc)
        return self.feed(Group(self.group_key(name), name)) if name and self.feed_title else None

    def groups(self, documents: Iterable[Document]) -> tuple[Group, ...]:
        grouped: dict[str, list[Document]] = defaultdict(list)
        for doc in documents:
            name = self.grouper(doc)
            if name:
                grouped[name].append(doc)
        names = sorted(grouped, reverse=self.newest_first)
        return tuple(
            Group(key=self.group_key(name), name=name, documents=tuple(grouped[name]))
            for name in names
        )


LISTINGS = (
    Listing("years", "按年份浏览", "年份", lambda d: str(d.year), newest_first=True),
    Listing("publishers", "按发布机构浏览", "发布机构", lambda d: d.publisher, feed_title="{name}发布的文件"),
    Listing("inspectors", "按巡察组浏览", "巡察组", lambda d: d.inspection.body if d.inspection else None,
            feed_title="{name}巡察的整改通报"),
)
