"""同义词 — words a reader may type for the words the notices use (`synonyms.yml`).

The table is data: the index ships it folded in its meta file (`synonym_table`), the browser
client expands each query term with it and says so to the reader, and the Python reader
(reader.py) does the same from the shipped copy.
"""

from __future__ import annotations

from functools import cache

from .text import fold
from ..yamlfile import package_table


@cache
def synonym_entries() -> dict:
    """The table as written (both / one_way, with their examples)."""
    return package_table(__package__, "synonyms.yml")


@cache
def synonym_table() -> dict[str, list[str]]:
    """Folded word → the other folded words searched with it, in the table's order."""
    table: dict[str, list[str]] = {}

    def add(word: str, others: list[str]) -> None:
        key = fold(word)
        words = table.setdefault(key, [])
        for other in map(fold, others):
            if other != key and other not in words:
                words.append(other)

    entries = synonym_entries()
    for entry in entries.get("both", ()):
        for word in entry["words"]:
            add(word, entry["words"])
    for entry in entries.get("one_way", ()):
        add(entry["term"], entry["also"])
    return dict(sorted(table.items()))
