"""The search stage: a static Chinese full-text index and its browser client (`build_search_index`).

Why this design (measured in scripts/search_bench.py): Material's search ships one index the
reader downloads whole; Pagefind segments words and so misses substrings and cannot tell a
phrase from its pieces. Here every character and every two-character gram of the reader's
text is a key; each key's postings list the documents (numbered oldest first) and, per
document, the set of its chunks (about 1,500 characters of whole blocks) holding the key,
as a compact bit stream (Rice-coded gaps).

- A one- or two-character query is answered exactly by its postings.
- A longer one: the chunks holding all its grams are candidates; the client reads only as
  many candidates' texts as it needs to confirm, newest first, the documents it shows, so
  documents containing the whole query always come first and nothing containing it is missed.
- Keys are hashed into buckets, one file each (a few KB); each document's text is one file,
  compressed, whose chunks a reader over HTTP fetches by prefix (Range requests) and one from
  `file://` reads whole. About two files per document, where the site itself has two (page, PDF).

Modules: `text` (what a reader sees, as blocks; folding), `format` (the file format), `index`
(writing a whole index), `gather` (records and postings across processes), `records` (each
document's share, cached), `store` (the cache folder), `patch` (reuse or patch the previous
index), `reader` (a Python reader, for tests and tools); `client/` is the JavaScript the site
serves.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from ..model import Document, newest_first
from . import gather  # the module: its function of the same name would hide it
from .index import FolderWriter, SearchStats, clear_index, write_index
from .patch import cached_index


def build_search_index(collection: Iterable[Document], out_dir: Path, base_url: str = "",
                       cache_dir: Path | None = None, workers: int | None = None) -> SearchStats:
    """Write the search index of `collection` and the search client under `out_dir`.

    With `cache_dir`, built indexes are kept there: an unchanged collection's index is only
    hard-linked into `out_dir`, and a changed one is made from the previous index, tokenising
    and writing only what changed (patch.py). The bytes are the same either way, and whatever
    the number of `workers` (default: a process per core).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    docs = newest_first(collection)[::-1]  # numbered oldest first: a newer document appends
    if cache_dir is None:
        clear_index(out_dir)
        gathered = gather.gather(docs, workers=workers)
        built = write_index(docs, gathered.lists, gather.encode_all(gathered.lists, workers), gathered.texts,
                            gathered.counts, base_url, FolderWriter(out_dir))
    else:
        built = cached_index(docs, base_url, Path(cache_dir), out_dir, workers)
    return SearchStats(len(docs), built["chunks"], built["keys"], 1 << built["b"], len(built["files"]),
                       sum(size for _, size in built["files"].values()),
                       round(time.perf_counter() - started, 3))


__all__ = ["SearchStats", "build_search_index"]
