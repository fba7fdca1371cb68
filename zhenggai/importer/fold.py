"""One view of a line for matching: simplified characters, full-width punctuation, ASCII digits.

Notices reach us in both scripts (mirror sites convert to traditional characters) and with
either width of punctuation (stored copies are often NFKC-normalised). Rules are written once,
against this view; the view has exactly the length of the text, so a match at (start, end) in
the view is the text's own characters at (start, end), which is what the draft keeps.
"""

from __future__ import annotations

from functools import cache

_WIDE = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？",
                       "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6",
                       "７": "7", "８": "8", "９": "9", "〔": "〔", "．": "．"})


@cache
def _t2s():
    import opencc  # pinned; converting is fast, loading it is not free: only when a line needs it

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """The matching view of `text`: same length, simplified, full-width ，：；（）, ASCII digits."""
    view = text.translate(_WIDE)
    if any(ord(c) >= 0x3400 for c in view):
        simplified = _t2s().convert(view)
        # OpenCC converts by phrase; a phrase that changes length would shift every match after
        # it, so such a line keeps its own characters (rules then see the traditional ones).
        if len(simplified) == len(view):
            view = simplified
    return view
