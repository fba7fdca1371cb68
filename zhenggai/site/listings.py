"""The ways documents are grouped into listing pages: by year, publisher, inspecting body."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Document
from .urls import slug


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
