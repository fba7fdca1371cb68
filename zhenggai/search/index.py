"""Writing a whole search index: each document's record, the postings, buckets and common files.

The format of every file is defined in `format.py`; the text indexed is `text.py`'s blocks.
Output is deterministic: same collection, same bytes, whether written here from scratch or,
on a rebuild, reused or patched from the cached previous index (`patch.py`), and whatever
the number of worker processes (`gather.py`).
"""

from __future__ import annotations

import shutil
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..model import Document, Status
from .format import (
    FORMAT_VERSION, FULL, INDEX_DIR, bucket_name, bucket_of, dumps, encode_fold, encode_postings,
    encode_text, encode_uint, index_path, script, text_name,
)
from .synonyms import synonym_table
from .text import Block, chunk_blocks, chunk_keys, document_blocks
from .variants import t2s_table

# Postings bytes per bucket file the bucket count aims at: a query loads one bucket per key
# (at most MAX_TERM_KEYS); at 10,000 generated documents this makes 8,192 bucket files.
BUCKET_BYTES = 8192
MIN_BUCKET_BITS, MAX_BUCKET_BITS = 6, 16

Lists = dict[str, tuple[array, array]]  # key → (ascending document numbers, their chunk sets)


@dataclass(frozen=True)
class SearchStats:
    """What `build_search_index` wrote."""

    documents: int
    chunks: int
    keys: int
    buckets: int
    files: int
    bytes: int
    seconds: float


@dataclass(frozen=True)
class DocRecord:
    """What indexing one document yields, wherever it stands among the others: per key, the
    set of its chunks holding the key (FULL: all of them); its text file's body; its chunk count."""

    masks: dict[str, int]
    text: str
    chunks: int


def extract_record(doc: Document) -> DocRecord:
    """Tokenise `doc`: the keys of each chunk of its blocks, and its text file's body."""
    title = f"{doc.title}（已撤回）" if doc.withdrawn else doc.title  # stays findable, marked
    head = {"i": doc.id, "t": title, "p": doc.metadata.published.isoformat(), "o": doc.publisher,
            "k": doc.kind.value}
    masks: dict[str, int] = {}
    rows = []
    chunks = chunk_blocks(document_blocks(doc))
    for k, blocks in enumerate(chunks):
        bit = 1 << k
        keys = chunk_keys(b.text for b in blocks)
        seen = keys & masks.keys()  # set operations keep the Python work to keys seen before
        masks.update(dict.fromkeys(keys - seen, bit))
        masks.update({key: masks[key] | bit for key in seen})
        rows.append(_block_rows(blocks))
    return DocRecord(_coarsen(masks, len(chunks)), encode_text(head, rows), len(chunks))


def _coarsen(masks: dict[str, int], count: int) -> dict[str, int]:
    """Chunk sets holding the first chunk and two thirds of all, as FULL (every chunk).

    FULL costs one bit in the postings, a set of several chunks ten or more, and a key in two
    thirds of a document's chunks narrows nothing down: 14% fewer postings bytes for 3% more
    candidate chunks to read (measured at 1,000 documents). A superset never loses a match;
    holding chunk 0, where reading a text starts, the client still finds a 1-2 character term
    in the first chunk it reads.
    """
    full = [m for m in set(masks.values()) if m & 1 and 3 * m.bit_count() >= 2 * count]
    if not full:
        return masks
    full_set = set(full)
    return {key: FULL if mask in full_set else mask for key, mask in masks.items()}


def _block_rows(blocks: list[Block]) -> list[list[str]]:
    return [[b.anchor, b.text] if b.anchor else [b.text] for b in blocks]


def clear_index(out_dir: Path) -> None:
    """Remove an earlier index from `out_dir`: never write into its files, a site may share them."""
    shutil.rmtree(out_dir / INDEX_DIR, ignore_errors=True)
    for name in client_files():
        (out_dir / name).unlink(missing_ok=True)


def bucket_bits(posting_bytes: int) -> int:
    """How many bits of a key's hash choose its bucket, for postings of this size."""
    bits = MIN_BUCKET_BITS
    while bits < MAX_BUCKET_BITS and posting_bytes > BUCKET_BYTES << bits:
        bits += 1
    return bits


def encode_lists(lists: Lists) -> dict[str, str]:
    return {key: encode_postings(docs, masks) for key, (docs, masks) in lists.items()}


def group_buckets(keys, bits: int) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for key in keys:
        out.setdefault(bucket_of(key, bits), []).append(key)
    return out


def write_index(docs: list[Document], lists: Lists, encoded: dict[str, str], texts: list[str],
                counts: list[int], base_url: str, writer) -> dict:
    """Write the whole index of `docs` (oldest first) through `writer`: every document's text,
    every bucket of `encoded` postings, the common files.

    Returns what a later rebuild needs to know of it (see patch.py).
    """
    for doc_no, body in enumerate(texts):
        name = text_name(doc_no)
        writer.put(index_path(name), script(name, body))
    posting_bytes = sum(map(len, encoded.values()))
    bits = bucket_bits(posting_bytes)
    buckets = group_buckets(encoded, bits)
    # Every bucket exists, so a missing file means a broken site, never "no such key".
    for number in range(1 << bits):
        name = bucket_name(number, bits)
        keys = buckets.get(number, ())
        writer.put(index_path(name), script(name, dumps({k: encoded[k] for k in keys})))
        writer.keep_lists(index_path(name), {k: lists[k] for k in keys})
    write_common(docs, bits, base_url, writer)
    return {"counts": counts, "b": bits, "posting_bytes": posting_bytes, "keys": len(encoded),
            "chunks": sum(counts), "files": writer.files, "lists": writer.lists}


def write_common(docs: list[Document], bits: int, base_url: str, writer) -> None:
    """The files besides texts and buckets: filters, facets, the folding table, meta and the client."""
    _write_facets(docs, writer)
    writer.put(index_path("fold"), script("fold", dumps(encode_fold(t2s_table()))))
    # "s": the synonyms (synonyms.yml, folded) the client expands a query's words with.
    meta = {"v": FORMAT_VERSION, "n": len(docs), "b": bits, "base": base_url, "s": synonym_table()}
    writer.put(index_path("meta"), script("meta", dumps(meta)))
    for name, data in client_files().items():
        writer.put(name, data)


FACET_NAMES = ("year", "org", "body", "kind", "status")
STATUS_ORDER = (Status.COMPLETED, Status.BASICALLY_COMPLETED, Status.IN_PROGRESS, Status.LONG_TERM)


def _facet_values(doc: Document) -> dict[str, str | None]:
    return {
        "year": str(doc.year),
        "org": doc.publisher or None,
        "body": doc.inspection.body if doc.inspection else None,
        "kind": doc.kind.value,
    }


def _write_facets(docs: list[Document], writer) -> None:
    """filters.js: the values offered in each filter; facets.js: each document's values."""
    names: dict[str, list[str]] = {}
    columns: dict[str, list[int]] = {}
    for facet in ("year", "org", "body", "kind"):
        values = [_facet_values(d)[facet] for d in docs]
        distinct = sorted({v for v in values if v}, reverse=facet == "year")
        number = {v: i + 1 for i, v in enumerate(distinct)}
        names[facet] = distinct
        columns[facet] = [number.get(v, 0) for v in values]  # 0: the document has no value
    names["status"] = [s.value for s in STATUS_ORDER]
    columns["status"] = [_status_bits(d) for d in docs]
    counts = {f: [col.count(i + 1) for i in range(len(names[f]))] for f, col in columns.items()}
    counts["status"] = [sum(1 for c in columns["status"] if c >> i & 1) for i in range(len(STATUS_ORDER))]
    writer.put(index_path("filters"), script("filters", dumps({"names": names, "counts": counts})))
    facets = {f: "".join(encode_uint(v) for v in col) for f, col in columns.items()}
    writer.put(index_path("facets"), script("facets", dumps(facets)))


def _status_bits(doc: Document) -> int:
    statuses = {f.status for f in doc.findings() if f.status}
    return sum(1 << i for i, s in enumerate(STATUS_ORDER) if s in statuses)


@cache
def client_files() -> dict[str, bytes]:
    """The search client's files (client/), by name."""
    folder = resources.files("zhenggai.search") / "client"
    return {entry.name: entry.read_bytes() for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.is_file() and not entry.name.startswith(".")}


class FolderWriter:
    """Writes an index's files straight into `out_dir` (no cache)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.files: dict[str, list] = {}  # relative path → ["", size]
        self.lists: dict[str, str] = {}
        self._dirs: set[Path] = set()

    def put(self, rel: str, data: bytes) -> None:
        path = self.out_dir / rel
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(data)
        self.files[rel] = ["", len(data)]

    def keep_lists(self, rel: str, lists: Lists) -> None:
        """Only a cache keeps the decoded postings of a bucket (for patching it later)."""
