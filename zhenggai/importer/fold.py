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


_CJK_PUNCT = set("，。、；：？！“”‘’《》（）〔〕【】…—·")


def is_cjk(char: str) -> bool:
    """A Chinese character or Chinese punctuation mark."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char in _CJK_PUNCT


_HALF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


def widen_punctuation(text: str) -> tuple[str, int]:
    """ASCII ,:;!?() beside Chinese text made full-width (GB/T 15834), and how many were changed.

    A mark changes when a Chinese character or mark stands next to it; parentheses change as a
    pair when either of them does. Marks between Latin letters or digits (12:30, 1,000, a URL)
    stay as they are.
    """
    chars = list(text)
    changed = 0
    for i, c in enumerate(chars):
        if c in _HALF and _beside_cjk(text, i) and not (c == ":" and text[i + 1:i + 3] == "//"):
            chars[i] = _HALF[c]
            changed += 1
    for open_at, close_at in _paren_pairs(text):
        if any(_beside_cjk(text, i) for i in (open_at, close_at)):
            chars[open_at], chars[close_at] = "（", "）"
            changed += 2
    return "".join(chars), changed


def _beside_cjk(text: str, i: int) -> bool:
    return (i > 0 and is_cjk(text[i - 1])) or (i + 1 < len(text) and is_cjk(text[i + 1]))


def _paren_pairs(text: str) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            pairs.append((stack.pop(), i))
    return pairs
