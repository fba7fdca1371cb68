"""A rebuild of the search index costs what changed: the cached index is reused or patched.

`cached_index` looks for the index of exactly these documents in the cache (then it only
hard-links it into the site); else it makes it from the most recently built one:

- Each document is known by the digest of its content (records.py); the old and new
  lists of digests tell which documents left, which came, and how far the others' numbers
  moved. The others keep their order (documents are sorted by date and id, both part of
  their content). When all of them moved by the same amount (edits in place, documents
  added or removed at either end) the previous index is patched: only the keys whose
  postings change are decoded and encoded again (with a move, every key's first number
  too), only files whose bytes change are written, the others stay the same objects.
- Otherwise (a document moved past others, many changed, the shard count changes) the whole
  index is written again from the documents' records, tokenising only new documents.

Either way the bytes are those a build from scratch writes (tests/e2e/test_search_index.py checks).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from itertools import accumulate
from pathlib import Path

from ..model import Document
from .format import (
    TOKEN, chunk_name, dumps, encode_uint, index_path, script, script_body, shard_name,
    shard_name_from_number,
)
from .index import DocRecord, clear_index, shard_digits, write_common, write_index
from .records import code_digest, doc_digest, index_key, records_for
from .store import IndexStore, ObjectWriter

PATCH_LIMIT = 8  # changed documents beyond which (and beyond 1 in 8) writing it all again is cheaper


def cached_index(docs: list[Document], base_url: str, cache_dir: Path, out_dir: Path) -> dict:
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
            except (OSError, ValueError, KeyError):  # a damaged cache: build afresh
                built = None
        manifest = _save(store, key, digests, built or _write_all(docs, digests, base_url, store))
    clear_index(out_dir)
    if not store.place(manifest, out_dir):  # an object went missing: write the missing ones again
        manifest = _save(store, key, digests, _write_all(docs, digests, base_url, store))
        clear_index(out_dir)
        if not store.place(manifest, out_dir):
            raise RuntimeError(f"search index cache {cache_dir}: objects disappear while in use")
    store.keep(key)
    return manifest


def _write_all(docs: list[Document], digests: list[str], base_url: str, store: IndexStore) -> dict:
    return write_index(docs, records_for(docs, digests, store.records), base_url, ObjectWriter(store))


def _save(store: IndexStore, key: str, digests: list[str], built: dict) -> dict:
    manifest = {"key": key, "code": code_digest().hex(),
                "docs": [[d, n] for d, n in zip(digests, built["counts"])],
                **{name: built[name] for name in ("h", "posting_bytes", "keys", "chunks", "files")}}
    store.save(manifest)
    return manifest


def _patch(previous: dict, docs: list[Document], digests: list[str], base_url: str,
           store: IndexStore) -> dict | None:
    """The new index as a change to `previous`, or None when that is not the cheaper way."""
    old = previous["docs"]
    old_at = {digest: i for i, (digest, _) in enumerate(old)}
    moves = {j - old_at[d] for j, d in enumerate(digests) if d in old_at}
    if len(moves) != 1:
        return None
    shift = moves.pop()
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
    edits = _edits(old_records, new_records, shift)
    shards = _patch_shards(previous, store, edits, shift)
    if shards is None:
        return None
    writer = ObjectWriter(store, previous["files"])
    counts = _patch_chunks(previous, store, writer, digests, new_records, shift)
    for name, postings in shards["bodies"].items():
        writer.put(index_path(name), script(name, dumps(postings)))
    write_common(docs, previous["h"], base_url, writer)
    return {"counts": counts, "h": previous["h"], "posting_bytes": shards["posting_bytes"],
            "keys": shards["keys"], "chunks": sum(counts), "files": writer.files}


def _edits(old: dict[int, DocRecord], new: dict[int, DocRecord], shift: int) -> dict[str, tuple]:
    """Per key whose postings change: (old document numbers to drop, [(new number, mask)] to add).

    A document replaced in place (same number after the move) changes only the keys whose
    chunk masks differ between its two versions.
    """
    edits: dict[str, tuple[set, list]] = {}
    for i, record in old.items():
        other = new[i + shift].masks if i + shift in new else {}
        for key, mask in record.masks.items():
            if other.get(key) != mask:
                edits.setdefault(key, (set(), []))[0].add(i)
    for j, record in new.items():
        other = old[j - shift].masks if j - shift in old else {}
        for key, mask in record.masks.items():
            if other.get(key) != mask:
                edits.setdefault(key, (set(), []))[1].append((j, mask))
    return edits


def _patch_shards(previous: dict, store: IndexStore, edits: dict, shift: int) -> dict | None:
    """The shards whose bytes change, patched; None if the shard count would change."""
    hex_digits = previous["h"]
    by_shard: dict[str, list[str]] = {}
    for key in edits:
        by_shard.setdefault(shard_name(key, hex_digits), []).append(key)
    names = [shard_name_from_number(n, hex_digits) for n in range(16**hex_digits)] if shift else by_shard
    posting_bytes, keys, bodies = previous["posting_bytes"], previous["keys"], {}
    values = {encode_uint(v): v for v in range(len(previous["docs"]) + 2)}  # every delta token
    for name in names:
        postings = json.loads(script_body(store.read_object(previous["files"][index_path(name)][0]), name))
        posting_bytes -= sum(map(len, postings.values()))
        keys -= len(postings)
        changed = {key: _apply(postings.get(key, ""), shift, *edits[key], values)
                   for key in by_shard.get(name, ())}
        if shift:
            postings = {key: _shift_first(value, shift, values) for key, value in postings.items()}
        postings.update(changed)
        postings = {key: value for key, value in postings.items() if value}
        posting_bytes += sum(map(len, postings.values()))
        keys += len(postings)
        bodies[name] = postings
    if shard_digits(posting_bytes) != hex_digits:
        return None
    return {"bodies": bodies, "posting_bytes": posting_bytes, "keys": keys}


def _patch_chunks(previous: dict, store: IndexStore, writer: ObjectWriter, digests: list[str],
                  new_records: dict[int, DocRecord], shift: int) -> list[int]:
    """Chunk files: the new documents' written, the moved ones' renamed; their counts in order."""
    old = previous["docs"]
    current = set(digests)
    gone = range(len(old)) if shift else [i for i, (digest, _) in enumerate(old) if digest not in current]
    for i in gone:
        for k in range(old[i][1]):
            del writer.files[index_path(chunk_name(i, k))]
    old_at = {digest: i for i, (digest, _) in enumerate(old)}
    counts = []
    for j, digest in enumerate(digests):
        if j in new_records:
            for k, body in enumerate(new_records[j].chunks):
                writer.put(index_path(chunk_name(j, k)), script(chunk_name(j, k), body))
            counts.append(len(new_records[j].chunks))
            continue
        i = old_at[digest]
        if shift:  # the same body under its new name
            for k in range(old[i][1]):
                data = store.read_object(previous["files"][index_path(chunk_name(i, k))][0])
                body = script_body(data, chunk_name(i, k))
                writer.put(index_path(chunk_name(j, k)), script(chunk_name(j, k), body))
        counts.append(old[i][1])
    return counts


def _apply(postings: str, shift: int, drop: set[int], add: list[tuple[int, str]], values: dict) -> str:
    """`postings` with every number moved by `shift`, the entries of `drop` left out and `add` in.

    Between two edits the deltas stay as they are: those runs of tokens are copied whole, so
    the Python-level work is per edit, not per entry (common keys list most documents).
    """
    tokens = TOKEN.findall(postings)
    numbers = list(accumulate(map(values.__getitem__, tokens[0::2])))  # old document number + 1
    edits = sorted([(numbers[bisect_left(numbers, i + 1)] - 1 + shift, 0, bisect_left(numbers, i + 1))
                    for i in drop] + [(j, 1, mask) for j, mask in add])
    out: list[str] = []
    last, done = -1, 0  # the last number written (new numbering), the old entries copied so far

    def copy(upto: int) -> None:
        nonlocal last, done
        if done < upto:
            out.extend((encode_uint(numbers[done] - 1 + shift - last), tokens[2 * done + 1]))
            out.extend(tokens[2 * done + 2:2 * upto])
            last, done = numbers[upto - 1] - 1 + shift, upto

    for number, kind, what in edits:
        if kind == 0:  # drop the old entry at index `what`
            copy(what)
            done = what + 1
        else:  # add (number, mask `what`) after the old entries numbered below it
            copy(bisect_left(numbers, number - shift + 1))
            out.extend((encode_uint(number - last), what))
            last = number
    copy(len(numbers))
    return "".join(out)


def _shift_first(postings: str, shift: int, values: dict) -> str:
    """`postings` with every number moved by `shift`: only the first one is absolute."""
    first = TOKEN.match(postings)
    return encode_uint(values[first.group()] + shift) + postings[first.end():]
