"""Traditional → simplified characters for search folding, made from OpenCC's t2s conversion.

A reader may type 因私出國 for 因私出国: search folds traditional characters to simplified ones,
in the index's text and in the query alike, so that either form finds both. The table is
OpenCC's own (the `opencc` package, pinned): every character it converts when it stands
alone, with the standard t2s configuration. It is made at build time, used by `text.fold`
and shipped to the browser as the index file `fold` (format.py), where search.js folds the
query with it.

Character by character, never by phrase: folding must commute with cutting text, or a query
cut from a phrase would fold differently from the phrase in the text and exact-substring
search would miss it: OpenCC keeps 乾 in the phrase 乾隆 but turns a lone 乾 into 干, so with
phrases the query 乾 (folded 干) would miss 乾隆 (410 of its 482 t2s phrases convert otherwise
than their characters one by one). So every character folds alone, the same way wherever it
stands, as NFKC and lower case already do; the price is a few folds a phrase would have
avoided (乾隆 is indexed as 干隆, which only a query 干隆 also finds).

Left out: OpenCC's "tofu risk" dictionary (characters it turns into rare ones that fonts lack
and nobody types) and characters NFKC changes (folding applies NFKC first, so the table never
sees them).
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Code points OpenCC is asked about: the CJK ideographs (Extension A and the unified block;
# Extensions B to H), where all its t2s keys are. The compatibility ideographs are left to NFKC.
_ASKED = (range(0x3400, 0xA000), range(0x20000, 0x323B0))
# Every key is at or above this (test_search_fold checks): the client loads the table only for
# a query holding such a character.
FIRST_KEY = 0x3400


@cache
def t2s_table() -> dict[str, str]:
    """Traditional character → its simplified character, as OpenCC's t2s converts it alone.

    Chains (OpenCC turns 薴 into 苧 and 苧 into 苎) are followed to their end, so that folding
    a folded text changes nothing.
    """
    import opencc  # here, not at import: only building and searching an index needs it

    converter = opencc.OpenCC("t2s", include_tofu_risk_dictionaries=False)
    chars = [chr(c) for r in _ASKED for c in r]
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RuntimeError("OpenCC changed the line breaks between single characters")
    table = {c: s for c, s in zip(chars, converted)
             if s != c and len(s) == 1 and unicodedata.normalize("NFKC", c) == c}
    for c, s in table.items():
        seen = {c}
        while s in table and s not in seen:
            seen.add(s)
            s = table[s]
        table[c] = s
    return dict(sorted(table.items()))
