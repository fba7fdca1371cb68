"""The costly part of writing an index, across the machine's cores: every document's record
(from the record cache or tokenised) merged into each key's postings, then every key's
postings encoded.

Documents go to the workers in contiguous slices of their numbering; each worker returns its
slice's share of every key's postings (arrays) and its documents' text bodies, which are
joined in slice order, so the result does not depend on how many workers there were.
A process started by fork sees the documents without their being pickled; fork is used only
when this process runs a single thread (forking a threaded one, e.g. `mkdocs serve`, can
deadlock), forkserver otherwise, as the PDF stage does.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from array import array
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..model import Document
from .index import DocRecord, Lists, encode_lists, extract_record
from .records import RecordCache

SLICE = 64  # documents per task at least: small enough to spread the work, large enough to cost little
PARALLEL_FROM = 2 * SLICE  # fewer documents are gathered in this process

_SHARED: dict = {}  # what a forked worker inherits instead of being sent


@dataclass
class Gathered:
    """Every key's postings over the documents, and per document its text body and chunk count."""

    lists: Lists
    texts: list[str]
    counts: list[int]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1


def gather(docs: Sequence[Document], digests: Sequence[str] | None = None, records: RecordCache | None = None,
           workers: int | None = None) -> Gathered:
    """The records of `docs` (numbered in this order; cached in `records` under `digests`), merged."""
    n = len(docs)
    folder = str(records.folder) if records else None
    workers = workers or cores()
    # Eight slices a worker at most: the slices' postings are joined here, one pass per slice.
    size = max(SLICE, -(-n // (8 * workers)))
    slices = [(start, min(n, start + size)) for start in range(0, n, size)]
    workers = min(workers, len(slices))
    out = Gathered({}, [], [])
    if workers <= 1 or n < PARALLEL_FROM:
        parts = (_gather_slice(start, docs[start:stop], digests and digests[start:stop], folder)
                 for start, stop in slices)
        for part in parts:
            _merge(out, part)
        return out
    context = _context()
    forked = context.get_start_method() == "fork"
    _SHARED.update(docs=docs, digests=digests)
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            if forked:
                parts = pool.map(_gather_shared, slices, [folder] * len(slices))
            else:
                parts = pool.map(_gather_slice, [s for s, _ in slices], [docs[s:e] for s, e in slices],
                                 [digests and digests[s:e] for s, e in slices], [folder] * len(slices))
            for part in parts:
                _merge(out, part)
    finally:
        _SHARED.clear()
    return out


def encode_all(lists: Lists, workers: int | None = None) -> dict[str, str]:
    """Every key's postings encoded (format.encode_postings), across processes when they are many."""
    keys = sorted(lists)
    entries = sum(len(docs) for docs, _ in lists.values())
    workers = min(workers or cores(), max(1, entries // 200_000))
    if workers <= 1:
        return encode_lists(lists)
    # Parts of about equal numbers of entries, so the workers finish together.
    parts, part, size = [], [], 0
    for key in keys:
        part.append(key)
        size += len(lists[key][0])
        if size >= entries // (4 * workers):
            parts.append(part)
            part, size = [], 0
    parts.append(part)
    context = _context()
    out: dict[str, str] = {}
    _SHARED.update(lists=lists)
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            if context.get_start_method() == "fork":
                done = pool.map(_encode_shared, parts)
            else:
                done = pool.map(encode_lists, [{k: lists[k] for k in p} for p in parts])
            for encoded in done:
                out.update(encoded)
    finally:
        _SHARED.clear()
    return {key: out[key] for key in keys}


def _context():
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["zhenggai.search.gather"])
    return context


def _gather_shared(bounds: tuple[int, int], folder: str | None):
    start, stop = bounds
    digests = _SHARED["digests"]
    return _gather_slice(start, _SHARED["docs"][start:stop], digests and digests[start:stop], folder)


def _encode_shared(keys: list[str]) -> dict[str, str]:
    lists = _SHARED["lists"]
    return encode_lists({k: lists[k] for k in keys})


def _gather_slice(start: int, docs: Sequence[Document], digests: Sequence[str] | None, folder: str | None):
    """One slice's share of the postings (numbers from `start`), its text bodies and chunk counts."""
    cache = RecordCache(Path(folder)) if folder else None
    entries: defaultdict[str, list[int]] = defaultdict(list)  # key → [number, mask, number, ...]
    texts, counts = [], []
    for i, doc in enumerate(docs):
        record = _record(doc, digests[i] if digests else None, cache)
        number = start + i
        for key, mask in record.masks.items():
            entries[key] += (number, mask)  # the cheapest per entry of the ways measured
        texts.append(record.text)
        counts.append(record.chunks)
    return _flat(entries), texts, counts


def _flat(entries: dict[str, list[int]]) -> tuple[list[str], array, array, array]:
    """The slice's postings as its keys, their lengths and two long arrays: sent between
    processes ten times faster than tens of thousands of small arrays."""
    keys = list(entries)
    lengths = array("I", [len(entries[k]) // 2 for k in keys])
    docs, masks = array("I"), array("I")
    for key in keys:
        pairs = entries[key]
        docs.extend(pairs[0::2])
        masks.extend(pairs[1::2])
    return keys, lengths, docs, masks


def _record(doc: Document, digest: str | None, cache: RecordCache | None) -> DocRecord:
    record = cache.get(digest) if cache and digest else None
    if record is None:
        record = extract_record(doc)
        if cache and digest:
            cache.put(digest, record)
    return record


def _merge(out: Gathered, part) -> None:
    (keys, lengths, docs, masks), texts, counts = part
    target = out.lists
    at = 0
    for key, length in zip(keys, lengths):
        end = at + length
        entry = target.get(key)
        if entry is None:
            target[key] = (docs[at:end], masks[at:end])
        else:
            entry[0].extend(docs[at:end])
            entry[1].extend(masks[at:end])
        at = end
    out.texts += texts
    out.counts += counts
