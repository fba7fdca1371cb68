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
Output is deterministic: same collection, same bytes.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .model import Document, Status
from .search_text import Block, block_keys, chunk_blocks, document_blocks, fold

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


def ordered(collection: Iterable[Document]) -> list[Document]:
    """Documents in index order: newest first, then by id (the order results are shown in)."""
    return sorted(collection, key=lambda d: (-d.metadata.published.toordinal(), d.id))


def build_search_index(collection: Iterable[Document], out_dir: Path, base_url: str = "") -> SearchStats:
    """Write the search index of `collection` and the search client under `out_dir`."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    index_dir = out_dir / INDEX_DIR
    if index_dir.exists():
        shutil.rmtree(index_dir)
    writer = _Writer(index_dir)
    docs = ordered(collection)
    postings: dict[str, list] = {}  # key → [last document number, encoded postings]
    chunks = 0
    for doc_no, doc in enumerate(docs):
        chunks += _index_document(doc_no, doc, postings, writer)
    hex_digits = _shard_digits(sum(len(p[1]) for p in postings.values()))
    shards = _write_shards(postings, hex_digits, writer)
    _write_facets(docs, writer)
    meta = {"v": FORMAT_VERSION, "n": len(docs), "h": hex_digits, "base": base_url}
    writer.write("meta", meta)
    _copy_client(out_dir, writer)
    return SearchStats(len(docs), chunks, len(postings), shards, writer.files, writer.bytes,
                       round(time.perf_counter() - started, 3))


def _index_document(doc_no: int, doc: Document, postings: dict, writer: _Writer) -> int:
    head = {"i": doc.id, "t": doc.title, "p": doc.metadata.published.isoformat(), "o": doc.publisher,
            "k": doc.kind.value}
    masks: dict[str, int] = {}
    chunks = chunk_blocks(document_blocks(doc))
    for k, blocks in enumerate(chunks):
        bit = 1 << k
        keys = set().union(*(block_keys(fold(b.text)) for b in blocks))
        new = keys - masks.keys()
        for key in keys - new:  # set operations keep the Python loop to keys seen before
            masks[key] |= bit
        masks.update(dict.fromkeys(new, bit))
        writer.write(chunk_name(doc_no, k), {**head, "b": _block_rows(blocks)})
    encode = encode_uint
    for key, mask in masks.items():
        entry = postings.get(key)
        if entry is None:
            postings[key] = [doc_no, bytearray((encode(doc_no + 1) + encode(mask)).encode("ascii"))]
        else:
            entry[1] += (encode(doc_no - entry[0]) + encode(mask)).encode("ascii")
            entry[0] = doc_no
    return len(chunks)


def _block_rows(blocks: list[Block]) -> list[list[str]]:
    return [[b.anchor, b.text] if b.anchor else [b.text] for b in blocks]


def _shard_digits(posting_bytes: int) -> int:
    for digits in (2, 3, 4):
        if posting_bytes <= SHARD_TARGET_BYTES * 16**digits:
            return digits
    return 4


def _write_shards(postings: dict[str, list], hex_digits: int, writer: _Writer) -> int:
    shards: dict[str, list[str]] = {}
    for key in postings:
        shards.setdefault(shard_name(key, hex_digits), []).append(key)
    for name in sorted(shards):
        keys = sorted(shards[name])
        writer.write(name, {k: postings[k][1].decode("ascii") for k in keys})
    # Every shard exists, so a missing file means a broken site, never "no such key".
    for n in range(16**hex_digits):
        name = shard_name_from_number(n, hex_digits)
        if name not in shards:
            writer.write(name, {})
    return 16**hex_digits


FACET_NAMES = ("year", "org", "body", "kind", "status")
STATUS_ORDER = (Status.COMPLETED, Status.BASICALLY_COMPLETED, Status.IN_PROGRESS, Status.LONG_TERM)


def _facet_values(doc: Document) -> dict[str, str | None]:
    return {
        "year": str(doc.year),
        "org": doc.publisher or None,
        "body": doc.inspection.body if doc.inspection else None,
        "kind": doc.kind.value,
    }


def _write_facets(docs: list[Document], writer: _Writer) -> None:
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
    writer.write("filters", {"names": names, "counts": counts})
    writer.write("facets", {f: "".join(encode_uint(v) for v in col) for f, col in columns.items()})


def _status_bits(doc: Document) -> int:
    statuses = {f.status for f in doc.findings() if f.status}
    return sum(1 << i for i, s in enumerate(STATUS_ORDER) if s in statuses)


def _copy_client(out_dir: Path, writer: _Writer) -> None:
    folder = resources.files("zhenggai") / "assets" / "search"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("."):
            data = entry.read_bytes()
            (out_dir / entry.name).write_bytes(data)
            writer.count(len(data))


class _Writer:
    """Writes the index's script files and counts them."""

    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0
        self._dirs: set[Path] = set()

    def write(self, name: str, data) -> None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        text = f'__zgs("{name}",{body});\n'.encode("utf-8")
        path = self.root / f"{name}.js"
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(text)
        self.count(len(text))

    def count(self, size: int) -> None:
        self.files += 1
        self.bytes += size
