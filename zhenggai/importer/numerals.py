"""Word's number formats (`w:numFmt`, ECMA-376 §17.18.59): a counter value → the text Word shows.

Only the formats a Chinese notice can plausibly use are spelled out; any other format is
shown as a decimal number, which is also what Word falls back to past the end of the
bounded sets (①…⑳, 甲…癸, 子…亥).

Where the standard leaves the rendering open we follow the written Chinese norm
(GB/T 15835: 十一, 二十一, 一百零一, 一百一十) and, for the legal (大写) style, financial
practice (壹拾, 壹佰零壹); LibreOffice 7.4 renders these the same. Not checked against a
running Word here: Microsoft's OpenXmlPowerTools writes 〇 instead of 零 inside
chineseCountingThousand (一百〇一); numbers past 100 are rare enough in notices that the
difference is left documented.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_UNITS = ("", "十", "百", "千")
_LEGAL_SIMPLIFIED = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"), "万")
_LEGAL_TRADITIONAL = ("零壹貳參肆伍陸柒捌玖", ("", "拾", "佰", "仟"), "萬")
_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_FULLWIDTH_DIGITS = "０１２３４５６７８９"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _group(n: int, digits: str, units: tuple[str, ...]) -> str:
    """0 < n < 10000 read in Chinese: 1010 → 一千零一十 (one 零 for each run of zeros)."""
    out = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(digits[0])
            pending_zero = False
        out.append(digits[digit] + units[power])
    return "".join(out)


def _counting(n: int, digits: str, units: tuple[str, ...], myriad: str, elide_ten: bool) -> str:
    """Chinese reading of n with 万 grouping; `elide_ten` writes 十一 rather than 一十一."""
    if n >= 100_000_000:
        return str(n)
    high, low = divmod(n, 10_000)
    text = _group(high, digits, units) + myriad if high else ""
    if low:
        if high and low < 1000:
            text += digits[0]
        text += _group(low, digits, units)
    if elide_ten and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一; only at the very start (一百一十 keeps its 一)
    return text


def chinese_counting_thousand(n: int) -> str:
    """chineseCountingThousand: 1 → 一, 11 → 十一, 21 → 二十一, 101 → 一百零一, 110 → 一百一十."""
    return _counting(n, _ZH_DIGITS, _ZH_UNITS, "万", elide_ten=True)


def chinese_counting(n: int) -> str:
    """chineseCounting: 十 words up to 99, then digit by digit (100 → 一〇〇), as Word does."""
    if n >= 100:
        return _positional(n, _IDEOGRAPH_DIGITS)
    return chinese_counting_thousand(n)


def _japanese_counting(n: int) -> str:
    # Japanese counting drops every 一 before 十/百/千 and writes no 零: 111 → 百十一.
    text = _counting(n, _ZH_DIGITS, _ZH_UNITS, "万", elide_ten=False)
    return re.sub(r"一(?=[十百千])", "", text).replace("零", "")


def _legal(table: tuple[str, tuple[str, ...], str]) -> Callable[[int], str]:
    digits, units, myriad = table
    return lambda n: _counting(n, digits, units, myriad, elide_ten=False)


def _positional(n: int, digits: str) -> str:
    return "".join(digits[int(d)] for d in str(n))


def _bounded(first: int, size: int) -> Callable[[int], str]:
    """A run of consecutive code points (①…⑳), decimal past its end."""
    return lambda n: chr(first + n - 1) if 1 <= n <= size else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


def _sexagenary(n: int) -> str:
    """ideographZodiacTraditional: 甲子, 乙丑 … the 60-year cycle."""
    return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if 1 <= n <= 60 else str(n)


def _letters(n: int) -> str:
    # Word repeats the letter rather than counting in base 26 (27 → aa, 28 → bb) and
    # starts over after 30 rounds (OpenXmlPowerTools, tested against Word: 781 → a).
    n = (n - 1) % 780
    return chr(ord("a") + n % 26) * (n // 26 + 1)


def _roman(n: int) -> str:
    if not 1 <= n < 4000:
        return str(n)
    out = []
    for value, glyph in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, n = divmod(n, value)
        out.append(glyph * count)
    return "".join(out)


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: _positional(n, _FULLWIDTH_DIGITS),
    "decimalFullWidth2": lambda n: _positional(n, _FULLWIDTH_DIGITS),
    "decimalEnclosedCircle": _bounded(0x2460, 20),
    "decimalEnclosedCircleChinese": _bounded(0x2460, 20),
    "decimalEnclosedParen": _bounded(0x2474, 20),
    "decimalEnclosedFullstop": _bounded(0x2488, 20),
    "ideographEnclosedCircle": _bounded(0x3220, 10),
    "chineseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting_thousand,
    "taiwaneseCountingThousand": lambda n: _counting(n, _ZH_DIGITS, _ZH_UNITS, "萬", True),
    "japaneseCounting": _japanese_counting,
    "chineseLegalSimplified": _legal(_LEGAL_SIMPLIFIED),
    "ideographLegalTraditional": _legal(_LEGAL_TRADITIONAL),
    "ideographDigital": lambda n: _positional(n, _IDEOGRAPH_DIGITS),
    "taiwaneseDigital": lambda n: _positional(n, _IDEOGRAPH_DIGITS),
    "japaneseDigitalTenThousand": lambda n: _positional(n, _IDEOGRAPH_DIGITS),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "ideographZodiacTraditional": _sexagenary,
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "ordinal": _ordinal,
    "none": lambda n: "",
}

# Word 2010's custom formats (w:numFmt w:val="custom" w:format="001, 002, 003, ...").
_CUSTOM_ZERO_PADDED = re.compile(r"(0*1), 0*2, 0*3, \.\.\.")


def format_number(n: int, num_fmt: str, custom: str = "") -> str:
    """The text Word shows for counter `n` in format `num_fmt` (unknown formats: decimal)."""
    if num_fmt == "custom":
        match = _CUSTOM_ZERO_PADDED.fullmatch(custom)
        return str(n).zfill(len(match.group(1))) if match else str(n)
    if n < 1 and num_fmt != "none":
        return str(n)  # start="0" is allowed; no ideographic system has a zeroth item
    return _FORMATS.get(num_fmt, str)(n)
