"""Static Chinese full-text search: a sharded character-gram index and its browser client.

Why this design (measured in scripts/search_bench.py): Material's search ships one index the
reader downloads whole; Pagefind segments words and so misses substrings and cannot tell a
phrase from its pieces. Here every character and every two-character gram of the reader's
text is a key; each key's postings list the documents (numbered newest first) and, per
document, a bit set of the chunks (about 900 characters of whole blocks) holding the key.

- A one- or two-character query is answered exactly by its postings.
- A longer one: the chunks holding all its grams are candidates; the client fetches only as
  many candidate chunks as it needs to confirm, in date order, the documents it shows, so
  documents containing the whole query always come first and nothing containing it is missed.
- Keys are hashed into many small shard files; chunk files carry the text for excerpts.

Every file is a script calling `__zgs(path, data)`, so the index also works from `file://`.
Output is deterministic: same collection, same bytes, whether written from scratch or, on a
rebuild, reused or patched from the cached previous index (search_patch.py).
"""

from __future__ import annotations

import json
import operator
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .model import Document, Status
from .search_text import Block, chunk_blocks, chunk_keys, document_blocks

FORMAT_VERSION = 1
INDEX_DIR = "idx"
SHARD_TARGET_BYTES = 4096
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_SMALL = [None] * 4096


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


def encode_uint(value: int) -> str:
    """Varint in 5-bit groups, low first: a character from the upper half means "more follows"."""
    if value < 4096 and _SMALL[value] is not None:
        return _SMALL[value]
    out = []
    v = value
    while v >= 32:
        out.append(_ALPHABET[32 + (v & 31)])
        v >>= 5
    out.append(_ALPHABET[v])
    text = "".join(out)
    if value < 4096:
        _SMALL[value] = text
    return text


def decode_uints(text: str) -> list[int]:
    """Inverse of a run of `encode_uint`."""
    values, value, shift = [], 0, 0
    for char in text:
        digit = _ALPHABET.index(char)
        if digit >= 32:
            value |= (digit - 32) << shift
            shift += 5
        else:
            values.append(value | (digit << shift))
            value, shift = 0, 0
    return values


def key_hash(key: str) -> int:
    """FNV-1a over code points, 32 bits: the client computes the same."""
    h = 0x811C9DC5
    for char in key:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_name(key: str, hex_digits: int) -> str:
    """The shard file holding `key`'s postings: g/<2 hex>/<rest of the hex digits>."""
    return shard_name_from_number(key_hash(key) & ((1 << (4 * hex_digits)) - 1), hex_digits)


def shard_name_from_number(n: int, hex_digits: int) -> str:
    name = f"{n:0{hex_digits}x}"
    return f"g/{name[:2]}/{name[2:] or '_'}"


def chunk_name(doc_no: int, chunk: int) -> str:
    return f"t/{doc_no // 100}/{doc_no}-{chunk}"


@dataclass(frozen=True)
class DocRecord:
    """What indexing one document yields, wherever it stands among the others: per key, the
    encoded bit set of its chunks holding the key; and its chunk files' bodies (JSON)."""

    masks: dict[str, str]
    chunks: tuple[str, ...]


def extract_record(doc: Document) -> DocRecord:
    """Tokenise `doc`: the keys of each chunk of its blocks, and each chunk's file body."""
    head = {"i": doc.id, "t": doc.title, "p": doc.metadata.published.isoformat(), "o": doc.publisher,
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


def ordered(collection: Iterable[Document]) -> list[Document]:
    """Documents in index order: newest first, then by id (the order results are shown in)."""
    return sorted(collection, key=lambda d: (-d.metadata.published.toordinal(), d.id))


def build_search_index(collection: Iterable[Document], out_dir: Path, base_url: str = "",
                       cache_dir: Path | None = None) -> SearchStats:
    """Write the search index of `collection` and the search client under `out_dir`.

    With `cache_dir`, built indexes are kept there: an unchanged collection's index is only
    hard-linked into `out_dir`, and a changed one is made from the previous index, tokenising
    and writing only what changed (search_patch.py). The bytes are the same either way.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    docs = ordered(collection)
    if cache_dir is None:
        clear_index(out_dir)
        built = write_index(docs, map(extract_record, docs), base_url, FolderWriter(out_dir))
    else:
        from .search_patch import cached_index  # it builds on this module

        built = cached_index(docs, base_url, Path(cache_dir), out_dir)
    return SearchStats(len(docs), built["chunks"], built["keys"], 16 ** built["h"], len(built["files"]),
                       sum(size for _, size in built["files"].values()),
                       round(time.perf_counter() - started, 3))


def clear_index(out_dir: Path) -> None:
    """Remove an earlier index from `out_dir`: never write into its files, a site may share them."""
    shutil.rmtree(out_dir / INDEX_DIR, ignore_errors=True)
    for name in client_files():
        (out_dir / name).unlink(missing_ok=True)


def script(name: str, body: str) -> bytes:
    """An index file: a script handing `body` (JSON) to the client under `name`."""
    return f'__zgs("{name}",{body});\n'.encode("utf-8")


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def index_path(name: str) -> str:
    """Where the index file `name` is, relative to the search folder."""
    return f"{INDEX_DIR}/{name}.js"


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
    """The search client's files (assets/search/), by name."""
    folder = resources.files("zhenggai") / "assets" / "search"
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
