"""Python reader of a written search index: the client's query logic, for tests and tools.

`IndexReader(path).search(query)` gives the same ordered results as the browser client
(client/search.js) once it has confirmed every candidate, synonyms (the meta file's "s")
applied alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .format import (
    INDEX_DIR, bucket_name, bucket_of, decode_postings, decode_text, decode_uints, read_script, text_name,
)
from .index import FACET_NAMES
from .text import fold, needs_verification, split_query, term_keys


@dataclass(frozen=True)
class Hit:
    """One result: `tier` 1 holds every word of the query; 2 only some of them (`missing`: the
    words it lacks), or only the pieces of each; `anchor` of the match."""

    id: str
    doc: int
    tier: int
    anchor: str = ""
    missing: tuple[str, ...] = ()


class IndexReader:
    def __init__(self, out_dir: Path):
        self.root = Path(out_dir) / INDEX_DIR
        self.meta = self.read("meta")
        self._cache: dict[object, object] = {}

    def read(self, name: str):
        return read_script((self.root / f"{name}.js").read_bytes(), name)

    def cached(self, name: str):
        if name not in self._cache:
            self._cache[name] = self.read(name)
        return self._cache[name]

    def postings(self, key: str) -> dict[int, int]:
        """Document number → chunk bit set (format.FULL: every chunk), for one key."""
        bits = self.meta["b"]
        text = self.cached(bucket_name(bucket_of(key, bits), bits)).get(key, "")
        return dict(zip(*decode_postings(text))) if text else {}

    def text(self, doc: int) -> tuple[dict, list[list]]:
        """A document's head fields and the blocks of each of its chunks."""
        name = text_name(doc)
        if ("text", name) not in self._cache:
            self._cache[("text", name)] = decode_text(self.read(name))
        return self._cache[("text", name)]

    def alternatives(self, term: str) -> list[str]:
        """A folded query word and the words searched with it (the index's synonym table)."""
        return [term, *(w for w in self.meta.get("s", {}).get(term, ()) if term_keys(w))]

    def search(self, query: str, **filters: str) -> list[Hit]:
        """Every result of `query` in the client's order: documents holding every word, newest
        first; then those holding some (most words first, then newest), then those holding
        only the pieces of every word."""
        terms = [t for t in split_query(query) if term_keys(t)]
        keep = self._filter(filters)
        newest_first = range(self.meta["n"] - 1, -1, -1)
        if not terms:  # a blank query lists what the filters select; one of quotes only, nothing
            return [] if query.strip() else [self._hit(d, 1, None) for d in newest_first if keep(d)]
        per_term = [{alt: self._term_postings(alt) for alt in self.alternatives(t)} for t in terms]
        everywhere = set.intersection(*(set().union(*map(set, p.values())) for p in per_term))
        anywhere = set().union(*(set(postings) for p in per_term for postings in p.values()))
        exact, partial = [], []
        for doc in sorted(filter(keep, anywhere), reverse=True):
            held = [self._holds(doc, alts) for alts in per_term]
            count = sum(h is not None for h in held)
            anchor = next((h for h in held if h is not None), None)
            if count == len(terms):
                exact.append(self._hit(doc, 1, anchor))
            elif count or doc in everywhere:
                missing = tuple(t for t, h in zip(terms, held) if h is None)
                partial.append((-count, -doc, self._hit(doc, 2, anchor, missing)))
        return exact + [hit for *_, hit in sorted(partial, key=lambda x: x[:2])]

    def _holds(self, doc: int, alternatives: dict[str, dict[int, int]]) -> str | None:
        """The anchor of the first chunk holding one of a word's `alternatives`, else None."""
        for alt, postings in alternatives.items():
            mask = postings.get(doc, 0)
            if mask:
                found = self._find(doc, alt, mask)
                if found is not None:
                    return found
        return None

    def _term_postings(self, term: str) -> dict[int, int]:
        lists = [self.postings(k) for k in term_keys(term)]
        common = set.intersection(*(set(p) for p in lists))
        out = {}
        for doc in common:
            mask = -1
            for p in lists:
                mask &= p[doc]
            out[doc] = mask
        return out

    def _find(self, doc: int, term: str, mask: int) -> str | None:
        for k, rows in enumerate(self.text(doc)[1]):
            if mask >> k & 1:
                for row in rows:
                    if term in fold(row[-1]):
                        return row[0] if len(row) > 1 else ""
        if not needs_verification(term):
            raise AssertionError(f"postings of {term!r} list doc {doc} but no chunk holds it")
        return None

    def _hit(self, doc: int, tier: int, anchor: str | None, missing: tuple[str, ...] = ()) -> Hit:
        return Hit(self.text(doc)[0]["i"], doc, tier, anchor or "", missing)

    def _filter(self, filters: dict[str, str]):
        active = {f: v for f, v in filters.items() if v}
        if not active:
            return lambda doc: True
        names = self.cached("filters")["names"]
        facets = self.cached("facets")
        tests = []
        for facet, value in active.items():
            if facet not in FACET_NAMES:
                raise ValueError(f"unknown filter {facet}")
            column = decode_uints(facets[facet])
            number = names[facet].index(value) + 1 if value in names[facet] else -1
            if facet == "status":
                tests.append(lambda d, c=column, n=number: n > 0 and bool(c[d] >> (n - 1) & 1))
            else:
                tests.append(lambda d, c=column, n=number: c[d] == n)
        return lambda doc: all(t(doc) for t in tests)
