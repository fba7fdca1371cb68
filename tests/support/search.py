"""What the search tests share: the corpus, the queries, the exact-substring truth, the bar."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import yaml

from zhenggai.data import load_all
from zhenggai.model import Document
from zhenggai.testing.search_site import sample_corpus
from zhenggai.search.synonyms import synonym_table
from zhenggai.search.text import document_blocks, fold, split_query

ROOT = Path(__file__).resolve().parents[2]
QUERY_FILE = Path(__file__).with_name("search_queries.yml")
GENERATED = 200
RANDOM_QUERIES = 30


@cache
def corpus() -> tuple[Document, ...]:
    """The example documents plus a generated corpus of a few hundred."""
    return tuple(load_all([ROOT / "data"]).collection) + tuple(sample_corpus(GENERATED, seed=7))


@cache
def folded_blocks() -> dict[str, tuple[str, ...]]:
    return {doc.id: tuple(fold(b.text) for b in document_blocks(doc)) for doc in corpus()}


def truth(query: str) -> set[str]:
    """Ids of the documents in which every term of `query`, or a word the synonym table
    (zhenggai/search/synonyms.yml) searches with it, is a substring of one block."""
    terms = split_query(query)
    table = synonym_table()
    return {
        doc_id for doc_id, blocks in folded_blocks().items()
        if terms and all(any(word in block for block in blocks for word in (term, *table.get(term, ()))) for term in terms)
    }


def listed_queries() -> list[dict]:
    data = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
    return [{**entry, "q": str(entry["q"])} for group in data.values() for entry in group]


def random_queries(count: int = RANDOM_QUERIES, seed: int = 11) -> list[str]:
    """Substrings of the corpus (found somewhere) and splices of two pieces (often nowhere)."""
    rng = random.Random(seed)
    blocks = [b for doc in corpus()[:40] for b in folded_blocks()[doc.id] if len(b) > 8]
    out = []
    while len(out) < count:
        block = rng.choice(blocks)
        if len(out) % 3 == 2:
            other = rng.choice(blocks)
            i, j = rng.randrange(len(block) - 2), rng.randrange(len(other) - 2)
            query = block[i:i + 2] + other[j:j + 2]
        else:
            size = rng.choice((1, 2, 3, 4, 6, 9))
            start = rng.randrange(len(block) - size)
            query = block[start:start + size]
        if query.strip() == query and not set(query) & set('"“”') and query not in out:
            out.append(query)
    return out


def quality_failures(query: str, results: list[tuple[str, int]], expected: set[str]) -> list[str]:
    """What breaks the quality bar: recall, whole-query documents first, a clean first page."""
    ids = [doc_id for doc_id, _ in results]
    problems = []
    missing = expected - set(ids)
    if missing:
        problems.append(f"{query!r}: missing {sorted(missing)[:5]}")
    if len(ids) != len(set(ids)):
        problems.append(f"{query!r}: a document listed twice")
    holding = [doc_id in expected for doc_id in ids]
    if holding != sorted(holding, reverse=True):
        problems.append(f"{query!r}: a document without the query ranks above one with it")
    if len(expected) >= 10 and not all(holding[:10]):
        problems.append(f"{query!r}: first ten results hold documents without the query")
    tiers = {doc_id for doc_id, tier in results if tier == 1}
    if tiers != expected:
        problems.append(f"{query!r}: marked as holding the query: {sorted(tiers ^ expected)[:5]} wrong")
    return problems
