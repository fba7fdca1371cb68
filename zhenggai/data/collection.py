"""The validated catalogue every output reads: `Collection`, and `LoadResult` around it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document, order_key
from ..rounds import Round
from .diagnostics import Diagnostic


class Collection:
    """All valid documents in the site's order (`model.order_key`: newest first). Immutable."""

    __slots__ = ("_documents", "_index", "_sources", "_rounds")

    def __init__(self, entries: Iterable[tuple[Document, Path]] = (),
                 rounds: Iterable[tuple[Round, Path]] = ()) -> None:
        ordered = sorted(entries, key=lambda e: order_key(e[0]))
        index = {doc.id: (doc, source) for doc, source in ordered}
        if len(index) != len(ordered):
            raise ValueError("duplicate document ids")
        object.__setattr__(self, "_documents", tuple(doc for doc, _ in ordered))
        object.__setattr__(self, "_index", index)
        # Newest announcement first, as documents are; a round without a date after the dated ones.
        by_id = sorted(rounds, key=lambda e: e[0].id)
        ordered_rounds = sorted(by_id, key=lambda e: -(e[0].announced or dt.date.min).toordinal())
        object.__setattr__(self, "_rounds", tuple(r for r, _ in ordered_rounds))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Collection is immutable")

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    @property
    def documents(self) -> tuple[Document, ...]:
        return self._documents

    @property
    def rounds(self) -> tuple[Round, ...]:
        """The rounds of inspections recorded in `data/rounds/` (巡察轮次), newest first."""
        return self._rounds

    def by_id(self, doc_id: str) -> Document:
        """The document with this id; KeyError if there is none."""
        return self._index[doc_id][0]

    def source(self, doc_id: str) -> Path:
        """The data file the document was read from."""
        return self._index[doc_id][1]


@dataclass(frozen=True)
class LoadResult:
    """The validated collection and everything found on the way."""

    collection: Collection
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()  # the documents' data files, valid or not
    round_files: tuple[Path, ...] = ()  # the round files (data/rounds/), valid or not
    # Each valid document's body texts as digests (duplicates.text_digests), by id.
    texts: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


