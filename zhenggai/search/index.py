"""Writing a whole search index: each document's record, the postings, shards and common files.

The format of every file is defined in `format.py`; the text indexed is `text.py`'s blocks.
Output is deterministic: same collection, same bytes, whether written here from scratch or,
on a rebuild, reused or patched from the cached previous index (`patch.py`).
"""

from __future__ import annotations

import operator
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..model import Document, Status
from .format import (
    FORMAT_VERSION, INDEX_DIR, chunk_name, dumps, encode_uint, index_path, script, shard_name,
    shard_name_from_number,
)
from .text import Block, chunk_blocks, chunk_keys, document_blocks

SHARD_TARGET_BYTES = 4096


@dataclass(frozen=True)
class SearchStats:
    """What `build_search_index` wrote."""

    documents: int
    chunks: int
    keys: int
    shards: int
    files: int
    bytes: int
    seconds: float


@dataclass(frozen=True)
class DocRecord:
    """What indexing one document yields, wherever it stands among the others: per key, the
    encoded bit set of its chunks holding the key; and its chunk files' bodies (JSON)."""

    masks: dict[str, str]
    chunks: tuple[str, ...]


def extract_record(doc: Document) -> DocRecord:
    """Tokenise `doc`: the keys of each chunk of its blocks, and each chunk's file body."""
    title = f"{doc.title}(已撤回)" if doc.withdrawn else doc.title  # stays findable, marked
    head = {"i": doc.id, "t": title, "p": doc.metadata.published.isoformat(), "o": doc.publisher,
            "k": doc.kind.value}
    masks: dict[str, int] = {}
    bodies = []
    for k, blocks in enumerate(chunk_blocks(document_blocks(doc))):
        bit = 1 << k
        keys = chunk_keys(b.text for b in blocks)
        new = keys - masks.keys()
        for key in keys - new:  # set operations keep the Python loop to keys seen before
            masks[key] |= bit
        masks.update(dict.fromkeys(new, bit))
        bodies.append(dumps({**head, "b": _block_rows(blocks)}))
    tokens = {mask: encode_uint(mask) for mask in set(masks.values())}  # far fewer masks than keys
    return DocRecord({key: tokens[mask] for key, mask in masks.items()}, tuple(bodies))


def _block_rows(blocks: list[Block]) -> list[list[str]]:
    return [[b.anchor, b.text] if b.anchor else [b.text] for b in blocks]


def clear_index(out_dir: Path) -> None:
    """Remove an earlier index from `out_dir`: never write into its files, a site may share them."""
    shutil.rmtree(out_dir / INDEX_DIR, ignore_errors=True)
    for name in client_files():
        (out_dir / name).unlink(missing_ok=True)


def write_index(docs: list[Document], records: Iterable[DocRecord], base_url: str, writer) -> dict:
    """Write the whole index of `docs` (whose records come in the same order) through `writer`.

    Returns what a later rebuild needs to know of it (see search_patch.py).
    """
    postings = _Postings(len(docs))
    counts = []
    for doc_no, record in enumerate(records):
        postings.add(doc_no, record.masks)
        for k, body in enumerate(record.chunks):
            name = chunk_name(doc_no, k)
            writer.put(index_path(name), script(name, body))
        counts.append(len(record.chunks))
    encoded = postings.finish()
    posting_bytes = sum(map(len, encoded.values()))
    hex_digits = shard_digits(posting_bytes)
    shards: dict[str, list[str]] = {}
    for key in encoded:
        shards.setdefault(shard_name(key, hex_digits), []).append(key)
    # Every shard exists, so a missing file means a broken site, never "no such key".
    for n in range(16**hex_digits):
        name = shard_name_from_number(n, hex_digits)
        body = dumps({k: encoded[k] for k in shards.get(name, ())})
        writer.put(index_path(name), script(name, body))
    write_common(docs, hex_digits, base_url, writer)
    return {"counts": counts, "h": hex_digits, "posting_bytes": posting_bytes, "keys": len(encoded),
            "chunks": sum(counts), "files": writer.files}


class _Postings:
    """Each key's postings, gathered document by document: document number deltas (the first
    one + 1) and chunk masks, encoded.

    Entries are gathered as plain lists (the fastest per entry) and encoded every BATCH
    documents (the smallest: a list costs 16 bytes an entry, its encoding about 5).
    """

    BATCH = 256

    def __init__(self, n: int):
        self.table = [encode_uint(i) for i in range(n + 1)]
        self.done: dict[str, bytearray] = {}
        self.last: dict[str, int] = {}  # key → number of the last document encoded
        self.batch: dict[str, list] = {}  # key → [document number, mask token, ...]
        self.size = 0

    def add(self, doc_no: int, masks: dict[str, str]) -> None:
        batch = self.batch
        get = batch.get
        for key, mask in masks.items():
            entry = get(key)
            if entry is None:
                batch[key] = [doc_no, mask]
            else:
                entry.append(doc_no)
                entry.append(mask)
        self.size += 1
        if self.size == self.BATCH:
            self._flush()

    def _flush(self) -> None:
        table, done, last = self.table, self.done, self.last
        for key, entry in self.batch.items():
            docs = entry[0::2]
            entry[0] = table[docs[0] - last.get(key, -1)]
            entry[2::2] = map(table.__getitem__, map(operator.sub, docs[1:], docs[:-1]))
            last[key] = docs[-1]
            encoded = "".join(entry).encode("ascii")
            if key in done:
                done[key] += encoded
            else:
                done[key] = bytearray(encoded)
        self.batch, self.size = {}, 0

    def finish(self) -> dict[str, str]:
        self._flush()
        done = self.done
        return {key: done.pop(key).decode("ascii") for key in list(done)}


def shard_digits(posting_bytes: int) -> int:
    for digits in (2, 3, 4):
        if posting_bytes <= SHARD_TARGET_BYTES * 16**digits:
            return digits
    return 4


def write_common(docs: list[Document], hex_digits: int, base_url: str, writer) -> None:
    """The files besides chunks and shards: filters, facets, meta and the client."""
    _write_facets(docs, writer)
    meta = {"v": FORMAT_VERSION, "n": len(docs), "h": hex_digits, "base": base_url}
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
        self._dirs: set[Path] = set()

    def put(self, rel: str, data: bytes) -> None:
        path = self.out_dir / rel
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(data)
        self.files[rel] = ["", len(data)]
