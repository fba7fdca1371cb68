"""The synonym table (zhenggai/search/synonyms.yml): every entry's examples hold, and the table
the index ships is what the client and the Python reader expand a query word with."""

from __future__ import annotations

import pytest

from zhenggai.search.synonyms import synonym_entries, synonym_table
from zhenggai.search.text import fold, split_query, term_keys

ENTRIES = [(e["words"][0], e["words"][1:], e) for e in synonym_entries()["both"]] + [
    (e["term"], e["also"], e) for e in synonym_entries()["one_way"]
]


@pytest.mark.parametrize("word, others, entry", ENTRIES, ids=[w for w, _, _ in ENTRIES])
def test_each_entry_finds_its_example_and_misses_the_other(word, others, entry):
    table = synonym_table()
    searched = [fold(word), *table[fold(word)]]
    assert set(map(fold, others)) <= set(searched)
    finds, misses = fold(entry["finds"]), fold(entry["misses"])
    assert fold(word) not in finds, "the example must be found through the table, not by the word itself"
    assert any(w in finds for w in searched)
    assert not any(w in misses for w in searched)


def test_words_are_single_search_terms():
    # A query word is matched against the table whole: an entry with a space could never be typed.
    for key, words in synonym_table().items():
        for w in (key, *words):
            assert split_query(w) == [w] and term_keys(w), w


def test_both_ways_and_one_way():
    table = synonym_table()
    assert "公务用车" in table["公车"] and "公车" in table["公务用车"]
    assert "公务接待" in table["三公"]
    assert "三公" not in table.get("公务接待", [])
