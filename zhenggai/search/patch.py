"""A rebuild of the search index costs what changed: the cached index is reused or patched.

`cached_index` looks for the index of exactly these documents in the cache (then it only
hard-links it into the site); else it makes it from the most recently built one:

- Each document is known by the digest of its content (records.py); the old and new lists
  of digests tell which documents left and which came. Documents are numbered oldest first,
  so publishing newer documents, editing some in place or withdrawing the newest keeps every
  other document's number: then the previous index is patched. Only the keys whose postings
  change are decoded (from the decoded postings the cache keeps per bucket) and encoded
  again, only the buckets holding them and the changed documents' texts are written, the
  other files stay the same objects.
- Otherwise (a document moved past others or was added or removed among older ones, many
  changed, the bucket count changes) the whole index is written again from the documents'
  records (gather.py), tokenising only new documents.

Either way the bytes are those a build from scratch writes (tests/e2e/test_search_cache.py checks).
"""

from __future__ import annotations

import json
import pickle
import zlib
from array import array
from bisect import bisect_left
from pathlib import Path

from ..model import Document
from .format import bucket_name, dumps, encode_postings, index_path, script, script_body, text_name
from .gather import encode_all, gather
from .index import DocRecord, bucket_bits, clear_index, group_buckets, write_common, write_index
from .records import code_digest, doc_digest, index_key, records_for
from .store import IndexStore, ObjectWriter

PATCH_LIMIT = 8  # changed documents beyond which (and beyond 1 in 8) writing it all again is cheaper


def cached_index(docs: list[Document], base_url: str, cache_dir: Path, out_dir: Path,
                 workers: int | None = None) -> dict:
    """Place the index of `docs` (in index order) into `out_dir`, from the cache at `cache_dir`."""
    store = IndexStore(cache_dir)
    digests = [doc_digest(doc) for doc in docs]
    key = index_key(digests, base_url)
    manifest = store.manifest(key)
    if manifest is None:
        previous = store.latest()
        built = None
        if previous and previous.get("code") == code_digest().hex():  # made by this very code
            try:
                built = _patch(previous, docs, digests, base_url, store)
            except (OSError, ValueError, KeyError, EOFError, zlib.error, pickle.UnpicklingError):
                built = None  # a damaged cache: build afresh
        manifest = _save(store, key, digests, built or _write_all(docs, digests, base_url, store, workers))
    clear_index(out_dir)
    if not store.place(manifest, out_dir):  # an object went missing: write the missing ones again
        manifest = _save(store, key, digests, _write_all(docs, digests, base_url, store, workers))
        clear_index(out_dir)
        if not store.place(manifest, out_dir):
            raise RuntimeError(f"search index cache {cache_dir}: objects disappear while in use")
    store.keep(key)
    return manifest


def _write_all(docs: list[Document], digests: list[str], base_url: str, store: IndexStore,
               workers: int | None) -> dict:
    gathered = gather(docs, digests, store.records, workers)
    encoded = encode_all(gathered.lists, workers)
    return write_index(docs, gathered.lists, encoded, gathered.texts, gathered.counts, base_url,
                       ObjectWriter(store))


def _save(store: IndexStore, key: str, digests: list[str], built: dict) -> dict:
    manifest = {"key": key, "code": code_digest().hex(),
                "docs": [[d, n] for d, n in zip(digests, built["counts"])],
                **{name: built[name] for name in ("b", "posting_bytes", "keys", "chunks", "files", "lists")}}
    store.save(manifest)
    return manifest


def _patch(previous: dict, docs: list[Document], digests: list[str], base_url: str,
           store: IndexStore) -> dict | None:
    """The new index as a change to `previous`, or None when that is not the cheaper way."""
    old = previous["docs"]
    old_at = {digest: i for i, (digest, _) in enumerate(old)}
    if any(old_at.get(digest, j) != j for j, digest in enumerate(digests)):
        return None  # a document kept changed its number
    current = set(digests)
    removed = [i for i, (digest, _) in enumerate(old) if digest not in current]
    added = [j for j, digest in enumerate(digests) if digest not in old_at]
    if len(removed) + len(added) > max(PATCH_LIMIT, len(docs) // 8):
        return None
    old_records = {i: store.records.get(old[i][0]) for i in removed}
    if None in old_records.values():
        return None
    new_records = dict(zip(added, records_for([docs[j] for j in added], [digests[j] for j in added],
                                              store.records)))
    bits = previous["b"]
    buckets = _patch_buckets(previous, store, _edits(old_records, new_records), bits)
    if bucket_bits(buckets["posting_bytes"]) != bits:
        return None
    writer = ObjectWriter(store, previous["files"], previous["lists"])
    for name, (encoded, lists) in buckets["bodies"].items():
        writer.put(index_path(name), script(name, dumps(encoded)))
        writer.keep_lists(index_path(name), lists)
    for i in removed:
        if i >= len(docs):
            del writer.files[index_path(text_name(i))]
    for j, record in new_records.items():
        writer.put(index_path(text_name(j)), script(text_name(j), record.text))
    counts = [new_records[j].chunks if j in new_records else old[j][1] for j in range(len(docs))]
    write_common(docs, bits, base_url, writer)
    return {"counts": counts, "b": bits, "posting_bytes": buckets["posting_bytes"], "keys": buckets["keys"],
            "chunks": sum(counts), "files": writer.files, "lists": writer.lists}


def _edits(old: dict[int, DocRecord], new: dict[int, DocRecord]) -> dict[str, tuple]:
    """Per key whose postings change: (document numbers to drop, [(number, chunk set)] to add).

    A document replaced in place (same number) changes only the keys whose chunk sets differ
    between its two versions.
    """
    edits: dict[str, tuple[set, list]] = {}
    for i, record in old.items():
        other = new[i].masks if i in new else {}
        for key, mask in record.masks.items():
            if other.get(key) != mask:
                edits.setdefault(key, (set(), []))[0].add(i)
    for j, record in new.items():
        other = old[j].masks if j in old else {}
        for key, mask in record.masks.items():
            if other.get(key) != mask:
                edits.setdefault(key, (set(), []))[1].append((j, mask))
    return edits


def _patch_buckets(previous: dict, store: IndexStore, edits: dict, bits: int) -> dict:
    """The buckets holding a changed key, patched: name → (encoded postings, decoded postings)."""
    posting_bytes, keys, bodies = previous["posting_bytes"], previous["keys"], {}
    for number, changed in sorted(group_buckets(edits, bits).items()):
        name = bucket_name(number, bits)
        rel = index_path(name)
        encoded = json.loads(script_body(store.read_object(previous["files"][rel][0]), name))
        lists = store.read_lists(previous["lists"][rel])
        for key in changed:
            value = encoded.pop(key, None)
            if value is not None:
                posting_bytes -= len(value)
                keys -= 1
            docs, masks = _apply(*lists.pop(key, (array("I"), array("I"))), *edits[key])
            if docs:
                lists[key] = (docs, masks)
                encoded[key] = encode_postings(docs, masks)
                posting_bytes += len(encoded[key])
                keys += 1
        bodies[name] = (encoded, lists)
    return {"bodies": bodies, "posting_bytes": posting_bytes, "keys": keys}


def _apply(docs: array, masks: array, drop: set[int], add: list[tuple[int, int]]) -> tuple[array, array]:
    """One key's postings without the entries of `drop` and with those of `add`, still ascending."""
    for number in drop:
        at = bisect_left(docs, number)
        if at < len(docs) and docs[at] == number:
            del docs[at]
            del masks[at]
    for number, mask in add:
        at = bisect_left(docs, number)
        docs.insert(at, number)
        masks.insert(at, mask)
    return docs, masks
