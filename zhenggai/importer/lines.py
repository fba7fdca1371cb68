"""Phase one: the source's lines as paragraphs the later phases can read.

Each paragraph keeps its source line number and gets its folded view (fold.py). On the way,
what the page did to the text is undone and counted for the report: ASCII punctuation beside
Chinese made full-width, pinyin glosses a mirror site inserted removed, a heading given as
page markup (【…标题:…】) made a heading line, and a notice flattened onto one line (every
heading and point after a single space) split again at its labels.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..text import fullwidth_punctuation
from .fold import fold
from .labels import Label, label_alone, match_label
from .rules import rx, table
from .sources import Line
from .wraps import Wrap, is_title, wrap_of, wrapped_on, wrapper_goes_on

_SPACE = re.compile(r"[ \u3000\u00a0]+")


@dataclass(frozen=True)
class Para:
    """段落 — one paragraph: source line number, text, folded view (same length), Word's bold lead."""

    number: int
    text: str
    view: str
    bold: str = ""
    heading: bool = False  # a heading the page gave as markup, without a label
    inferred: bool = False  # a heading read from its wording alone (bare_headings): a guess
    joined: tuple[int, ...] = ()  # the source lines joined onto this one (a title broken inside its quotes,
    # a PDF's paragraph a line at a time), in order
    bullet: str = ""  # "outer" or "inner": the level its bullet gave a line where two bullets make two levels (● ○)
    seq: int = 0  # its place among the prepared paragraphs: a flattened line's parts share one line number

    def cut(self, start: int, end: int | None = None) -> Para:
        """The paragraph's text from `start` to `end`, as a paragraph of the same line."""
        text = self.text[start:end].strip()
        offset = self.text.index(text, start) if text else start
        return Para(self.number, text, self.view[offset:offset + len(text)], self.bold if start == 0 else "", seq=self.seq)


@dataclass(frozen=True)
class Prepared:
    """The paragraphs, and what was changed on the way (for the report)."""

    paras: tuple[Para, ...]
    widened: int  # ASCII punctuation marks made full-width
    glosses: int  # pinyin glosses removed
    split_lines: tuple[int, ...]  # source lines that held several paragraphs
    spaces: int = 0  # stray spaces taken out of labels and dates
    joined_lines: tuple[int, ...] = ()  # source lines a page broke in two, joined with the next
    page_numbers: tuple[int, ...] = ()  # lines that were only a page's number (— 3 —), left out
    radicals: int = 0  # Kangxi and supplementary radicals written as the characters they look like
    page_lines: tuple[int, ...] = ()  # a PDF's running header (the title again), a photo's caption (▲…): left out
    look_alikes: int = 0  # 一 and 1 an OCR or a keyboard gave as —是, l.: written as the notice meant them
    decorations: int = 0  # emoji before a label (📌二、…): left out
    markup: int = 0  # a page's source or Markdown left in the text (&ldquo; ### ** - —— A.): read as what it stands for
    references: int = 0  # （反馈意见第5条） on a finding's line: left out of its title, said in the report
    wrap_width: int = 0  # the width of a text hard-wrapped at one width (a PDF's copy, wraps.py), else 0
    glued: tuple[int, ...] = ()  # source lines that ran paragraphs on with nothing between them, split by guess


def make_para(number: int, text: str, bold: str = "", heading: bool = False) -> Para:
    """A paragraph of `text` with its view."""
    return Para(number, text, fold(text), bold, heading)


def prepare(lines: Iterable[Line]) -> Prepared:
    """Phase one: source lines → paragraphs."""
    paras: list[Para] = []
    widened = glosses = spaces = radicals = look_alikes = decorations = marks = references = 0
    split: list[int] = []
    glued: list[int] = []
    pages: list[int] = []
    page_lines: list[int] = []
    lines = list(lines)
    ocr = _LookAlikes(lines)
    markup = _Markup(lines)
    bullets = _BulletLevels(lines)
    last_tag = None
    heads = [fold(line.text.strip()) for line in lines[:3]]
    for index, line in enumerate(lines):
        text, changed = markup.undone(line.text)
        marks += changed
        text, changed = as_characters(text)
        radicals += changed
        level = bullets.level(text)
        text, changed = _undecorated(text)
        decorations += changed
        text, changed = ocr.written(text)
        look_alikes += changed
        if index >= 3 and _page_line(fold(text.strip()), heads, lines[max(index - 1, 0):index] + lines[index + 1:index + 2]):
            page_lines.append(line.number)  # 某局党组巡察整改情况的通报 again at a page's top / ▲…推进会
            continue
        text, changed = fullwidth_punctuation(text)  # GB/T 15834, the site's one rule
        widened += changed
        text, changed = _quotes_and_stops(text)
        widened += changed
        text, removed = _drop_glosses(text)
        glosses += removed
        text, tidied = tidy_spaces(text)
        spaces += tidied
        if (tag := rx("status_tag_first").match(fold(text))) and match_label(fold(text[tag.end():])):
            # 【已完成】1.X: the tag read after the label (1.【已完成】X), where a title's status is read
            label = match_label(fold(text[tag.end():]))
            rest = text[tag.end():]
            text = rest[:label.length] + text[:tag.end()].strip() + rest[label.length:]
        if rx("page_number").match(fold(text).strip()):
            pages.append(line.number)  # — 3 — between two paragraphs of a copied Word or PDF file
            continue
        if (cell := _PADDED_FIELD.match(text)) and rx("contact_label").match(re.sub(r"[ \u3000]", "", cell.group(1))):
            # 值班电话　　　0571-…: a contact table copied as text, its columns apart by spaces
            text = re.sub(r"[ \u3000]", "", cell.group(1)) + "：" + cell.group(2)
        if re.fullmatch(r"(?:整改(?:落实)?(?:措施|情况|进展|结果)|(?:主要|具体)措施)", text.strip()) \
                or _BARE_FIELD_WORD.fullmatch(text.strip()) or _BARE_PROBLEM_LABEL.fullmatch(text.strip()):
            text = text.strip() + "："  # 整改措施 / 整改状态 / 问题一 on a line of its own, without its colon
        para = make_para(line.number, text, line.bold)
        heading = rx("markup_heading").match(para.view)
        if heading:
            paras.append(make_para(line.number, para.text[heading.start("title"):heading.end("title")].strip(),
                                   heading=True))
            continue
        if (tag := _CATEGORY_TAG.match(para.view)) and rx("category_tag_line").match(tag.group(0)) \
                and match_label(para.view[tag.end():]):
            # 【政治建设】1.X: the category each problem is tagged with, a line of its own where it changes
            same = last_tag == tag.group(0)
            last_tag = tag.group(0)
            split.append(line.number)
            rest = para.cut(tag.end())
            parts = [rest] if same else [para.cut(0, tag.end()), rest]
            paras.extend(parts)
            continue
        if match_label(para.view) and (refs := list(_REFERENCE.finditer(para.view))):
            # 1.（反馈意见第5条）X。: where the finding stands in the feedback list, said in the report
            references += len(refs)
            kept = "".join(para.text[a:b] for a, b in zip([0, *[m.end() for m in refs]], [*[m.start() for m in refs], None]))
            para = make_para(line.number, kept.strip(), line.bold)
        if (lead := _LEAD_THEN_POINTS.match(para.view)) and rx("findings_lead").match(para.view[:lead.end()]):
            split.append(line.number)  # 主要问题：一是A；二是B — the lead, then the findings run together
            paras.extend([para.cut(0, lead.end()), para.cut(lead.end())])
            continue
        parts, guessed = (cells, False) if (cells := _row_cells(para)) else split_flattened(para)
        if len(parts) > 1:
            split.append(line.number)
        if guessed:
            glued.append(line.number)
        for at, part in enumerate(parts):
            text, tidied = sentence_spaces(part.text)
            spaces += tidied
            part = make_para(part.number, text, _HAN_SPACES.sub("", part.bold), part.heading) if tidied else part
            paras.append(replace(part, bullet=level) if level and at == 0 else part)
    wrap = wrap_of([p.text for p in paras if not p.heading])
    joined = [replace(p, seq=at) for at, p in enumerate(_join_broken(paras, wrap))]
    return Prepared(tuple(joined), widened, glosses, tuple(split), spaces,
                    tuple(n for p in joined for n in (p.number, *p.joined)[:-1]), tuple(pages), radicals,
                    tuple(page_lines), look_alikes, decorations, marks, references, wrap.width if wrap else 0,
                    tuple(glued))


# Emoji and pictographs a social-media article puts before its headings and points (📌 🔹 ✅ ▶️).
_DECORATION = re.compile(r"^[\s\u3000]*(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u25B6\u25C0\u231A\u231B\u23E9-\u23FA]\ufe0f?\u200d?)+[\s\u3000]*")
# A list bullet a page or Word put before a line (★ ● ■ ◆ ◇ ○ □ ▪ •): no label, no text of the notice
_BULLET = re.compile(r"^[\s\u3000]*[★☆●○■□◆◇▪▫•◎]+[\s\u3000]*(?=[\u3400-\u9fff“（(【\d])")


class _BulletLevels:
    """Two bullets used as two levels (●X不到位 then ○ its measures; ◆ then ◇): the first bullet met
    marks the outer level and the second the inner, where each starts two lines or more."""

    def __init__(self, lines: list[Line]) -> None:
        found = [m.group(0).strip()[0] for line in lines if (m := _BULLET.match(line.text))]
        glyphs = list(dict.fromkeys(found))
        self.levels = {glyphs[0]: "outer", glyphs[1]: "inner"} \
            if len(glyphs) == 2 and all(found.count(g) >= 2 for g in glyphs) else {}

    def level(self, text: str) -> str:
        m = _BULLET.match(text) if self.levels else None
        return self.levels.get(m.group(0).strip()[0], "") if m else ""


def _undecorated(text: str) -> tuple[str, int]:
    """`text` without the emoji before its label (📌二、… is 二、…), and whether there were any; an
    emoji before any other text stays (validation then names it)."""
    m = _DECORATION.match(text)
    if m and (match_label(fold(text[m.end():])) or _status_alone(text[m.end():])):
        return text[m.end():], 1  # 📌二、… / ✅已完成: a label's or a status's emoji
    if (m := _BULLET.match(text)) and not rx("bullet_problem").match(view := fold(text)) and not rx("bare_heading").match(view):
        return text[m.end():], 1  # (★关于“X”的问题 and ■整改工作开展情况 are read with their bullet)
    return text, 0


def _status_alone(text: str) -> bool:
    """A line that is only a status (已完成, 推进中)."""
    view = fold(text.strip()).rstrip("。")
    return len(view) <= 12 and any(p.search(view) for p, _ in table("statuses"))


class _Markup:
    """What a copy of a page's source or of its Markdown left in the text: entities (&ldquo; &nbsp;),
    heading marks (###), bold marks (**1.X。**), and list bullets before a line (- item; —— and A. B.
    where the notice uses them for a list: at least two lines start with them)."""

    _ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#[xX][0-9a-fA-F]{2,5});")
    _HASHES = re.compile(r"^[\s\u3000]*#{1,6}[ \t]+(?=\S)")
    _BOLD = re.compile(r"\*\*(.+?)\*\*")
    _DASH = re.compile(r"^[\s\u3000]*[-*+][ \t]+(?=[\u3400-\u9fff“（(【])")
    _LONG_DASH = re.compile(r"^[\s\u3000]*(?:——|──|－－|--)[ \t]*(?=[\u3400-\u9fff“（(])")
    _LETTER = re.compile(r"^[\s\u3000]*[A-H][.．、][ \t]*(?=[\u3400-\u9fff“（(])")

    def __init__(self, lines: list[Line]) -> None:
        self.long_dashes = sum(1 for line in lines if self._LONG_DASH.match(line.text)) >= 2
        letters = {self._LETTER.match(line.text).group(0).strip()[0] for line in lines if self._LETTER.match(line.text)}
        self.letters = {"A", "B"} <= letters

    def undone(self, text: str) -> tuple[str, int]:
        count = 0
        if self._ENTITY.search(text):
            text, count = html.unescape(text).replace("\u00a0", " ").strip(), count + 1  # &nbsp; indenting a line
        for pattern, on in ((self._HASHES, True), (self._DASH, True), (self._LONG_DASH, self.long_dashes),
                            (self._LETTER, self.letters)):
            if on and (m := pattern.match(text)):
                text, count = text[m.end():], count + 1
        text, bold = self._BOLD.subn(r"\1", text)
        return text, count + bold


class _LookAlikes:
    """一 and 1 as a scan's OCR or a hurried typist gave them: —是 for 一是 (in a notice that has its
    二是), l. or I. for 1. (in one that numbers a 2.)."""

    _DASH_ONE = re.compile(r"(?:(?<=^)|(?<=[。；：，\s]))[—－\-―‐]是(?=[\u3400-\u9fff])")
    _LETTER_ONE = re.compile(r"^([\s\u3000]*)[lI](?=[.．、][\u3400-\u9fff“])")

    def __init__(self, lines: list[Line]) -> None:
        self.points = any("二是" in line.text for line in lines)
        self.numbers = any(re.match(r"[\s\u3000]*2[.．、]", line.text) for line in lines)

    def written(self, text: str) -> tuple[str, int]:
        count = 0
        if self.points:
            text, count = self._DASH_ONE.subn("一是", text)
        if self.numbers:
            text, letters = self._LETTER_ONE.subn(r"\g<1>1", text)
            count += letters
        return text, count


def _page_line(view: str, heads: list[str], beside: list[Line]) -> bool:
    """A line a page put in the text: a PDF's running header (the title, as in the first lines) or a
    photo's caption (▲局党组召开整改推进会) standing alone — ▲ on the lines `beside` it makes them a list."""
    if view in heads and rx("title").match(view):
        return True
    return bool(re.fullmatch(r"[▲△]\s*[^。！？\n]{2,50}[。]?", view)) \
        and not any(re.match(r"\s*[▲△]", line.text) for line in beside)


# Kangxi radicals (U+2F00–U+2FD5) and the radicals supplement (U+2E80–U+2EF3): text copied from a
# PDF often carries ⼀⼯⽅ for 一工方. They look the same and are not; NFKC gives the character.
_RADICALS = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def as_characters(text: str) -> tuple[str, int]:
    """`text` with each radical that stands for a character written as that character, and how many."""
    count = 0

    def one(m: re.Match) -> str:
        nonlocal count
        char = unicodedata.normalize("NFKC", m.group(0))
        if char == m.group(0):
            return char  # a radical with no character of its own stays (and validate says so)
        count += 1
        return char

    return _RADICALS.sub(one, text), count


_PADDED_FIELD = re.compile(r"^\s*((?:[\u3400-\u9fff][ \u3000]?){2,10}?)[ \u3000]+(\S.*)$")
_ASCII_QUOTED = re.compile(r'"([^"\n]{1,80}?)"')
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_ASCII_STOP = re.compile(r"(?<=[\u3400-\u9fff”）])\.(?=[\u3400-\u9fff“（]|\s*$)")


def _quotes_and_stops(text: str) -> tuple[str, int]:
    """关于"X"的问题 and ……清单.二是…… from a page typed with half-width marks: a quotation of
    Chinese in “ ” and a full stop after Chinese as 。 (the wrappers and sentences are read with
    them; fullwidth_punctuation leaves quotes and stops to the validator's judgement). A label's
    dot (一.关于……) stays."""
    count = 0

    def quote(m: re.Match) -> str:
        nonlocal count
        if not _HAN_CHAR.search(m.group(1)):
            return m.group(0)
        count += 1
        return f"“{m.group(1)}”"

    text = _ASCII_QUOTED.sub(quote, text) if '"' in text else text
    if "." in text:
        label = re.match(r"[一二三四五六七八九十]{1,3}(?=\.)", text)
        stops = [m.start() for m in _ASCII_STOP.finditer(text) if not (label and m.start() == label.end())]
        for at in stops:
            text = text[:at] + "。" + text[at + 1:]
        count += len(stops)
    return text, count


# A field's word on a line of its own, its short value on the next (整改状态 ⏎ 正在推进中).
_BARE_FIELD_WORD = re.compile(r"(?:整改|目前|当前)?(?:状态|进展|进度)|整改时限|完成时限|整改期限|完成时间|"
                              r"(?:整改)?责任(?:单位|部门|科室|领导|人)|牵头(?:单位|部门|领导)|完成情况")
# A problem's label on a line of its own, its title on the next (问题一 ⏎ X。).
_BARE_PROBLEM_LABEL = re.compile(r"问题(?:[一二三四五六七八九十]{1,3}|\d{1,3})")


def _join_broken(paras: list[Para], wrap: Wrap | None = None) -> list[Para]:
    """1.关于“落实意识形态工作责任制 / 不够到位”问题的整改: a short line whose quotation is closed
    near the start of the next, unlabelled line was one line broken by the page; it is joined. In
    a text hard-wrapped at one width (a PDF's copy, wraps.py) a full line goes on into the next
    unless that one opens a unit of its own."""
    out: list[Para] = []
    tail = ""  # the last source line of out[-1]
    for para in paras:
        last = out[-1] if out else None
        if last is not None and not para.heading and _goes_on(last, para, tail, wrap):
            out[-1] = replace(make_para(last.number, last.text + para.text, last.bold, last.heading),
                              inferred=last.inferred, joined=(*last.joined, para.number))
        else:
            out.append(para)
        tail = para.text
    return out


def _goes_on(first: Para, second: Para, tail: str | None = None, wrap: Wrap | None = None) -> bool:
    """Whether `second` goes on with the line `first` broke off (its last source line `tail`): a
    quotation opened and closed
    near the start of the next line; a labelled heading broken after a comma (1.干部年龄结构老化、 /
    梯队建设滞后问题。); a finding's sentence, a count or prose broken in mid-sentence (……已完成数字化 /
    12万卷。三是……); in a hard-wrapped text, a full line."""
    tail = first.text if tail is None else tail
    if (label := match_label(first.view)) and not first.heading and wrapper_goes_on(first.view[label.length:], second.view):
        return True  # 一、关于“X”问题⏎的整改情况
    if wrap is not None and not first.heading and wrap.full(tail, second.text):
        return (wrapped_on(wrap, tail, second.text) or _inline_goes_on(first, second)) and not is_title(first.view)
    if match_label(second.view) or any(rx(name).match(second.view) for name in _FIELD_LEADS) \
            or rx("shared_answer").match(second.view):  # 针对上述问题，… opens a paragraph of its own
        return False
    if _BARE_FIELD_WORD.fullmatch(first.text.rstrip("：")) and len(second.text) <= 30 and not first.heading:
        return True  # 整改状态：⏎正在推进中 — the field's value on the line after its word
    if second.text[:1] in "。，；、：！？）》" and not first.heading:
        return True  # no line starts with a closing mark: a copy broke the sentence before it
    if _DATE_BROKEN.search(first.text + "⏎" + second.text[:4]) and not first.heading:
        return True  # 2024年6⏎月26日: a date broken across lines
    close = second.text.find("”")
    if (first.text.count("“") > first.text.count("”") and len(first.text) <= 80
            and 0 <= close <= 40 and "“" not in second.text[:close]
            and not re.search(r"[。；！？]", first.text[first.text.rfind("“"):])):
        return True
    label = match_label(first.view)
    if label and re.search(r"(?:关于|针对|对于)$", first.text) and second.text.startswith("“"):
        return True  # 1.关于⏎“X”的问题
    alone = label_alone(first.view)
    if alone and alone.kind != "measure" and not first.heading:
        return True  # 1.⏎村级组织负担较重。 — a label alone on its line numbers the next
    if label and _title_wrapped(first, second, label):
        return True
    end = re.match(r"[^。；！？]{1,30}[。；！？]", second.text)  # the sentence ends soon after the break
    if label and end and len(first.text) <= 60 \
            and (first.text.endswith(("，", "、")) or _finding_goes_on(label, first, second, end)):
        return True
    return not label and _count_goes_on(first, second, end) or _prose_goes_on(first, second, end, fixed_width=not label)


def _inline_goes_on(first: Para, second: Para) -> bool:
    """整改措施：（1）A。（2）B。⏎（3）C。 in a hard-wrapped copy: the next point of a list counted inside
    the line above, broken at the line's end, goes on with it."""
    label = match_label(second.view)
    if label is None or label.style not in _INLINE_COUNTS or label.number < 2:
        return False
    own = match_label(first.view)  # 1.X。⏎2.Y。 are two lines: only a count inside the line goes on
    counted = [int(n) for n in _INLINE_COUNTS[label.style].findall(first.view[own.length if own else 0:])]
    return counted == list(range(1, label.number))


# The counters of a list written inside a line, by the style of its labels.
_INLINE_COUNTS = {"（{n}）": re.compile(r"（(\d{1,2})）"), "{n}）": re.compile(r"(?<![（\d])(\d{1,2})）"),
                  "{n}.": re.compile(r"(?<![\d.．])(\d{1,2})[.．](?!\d)")}


# A date broken across lines: its year from its month (2024年6⏎月, 2024年⏎6月, 2024⏎年), its month from its day.
_DATE_BROKEN = re.compile(r"(?:\d{4}年\d{0,2}⏎\d{0,2}月|\d{4}⏎年|(?<!\d)\d{1,2}月\d{0,2}⏎\d{0,2}日)")


# The numbers findings are listed by (1. 1、 1． （1）), whose titles a copy may break.
_FINDING_NUMBERS = ("{n}.", "{n}、", "{n}．", "（{n}）")


def _title_wrapped(first: Para, second: Para, label: Label) -> bool:
    """1.村党组织书记队伍⏎结构不优。 — a short finding's title broken before its last words: the rest
    a few characters ending the sentence, neither a status, a count nor a deed of its own."""
    title, rest = first.view[label.length:], second.view.rstrip("。")
    # up to 8 characters, or 12 where only they say the deficiency (干部选拔任用⏎纪实制度执行不到位。)
    most = 12 if rx("finding_words").search(rest) else 8
    return bool(label.style in (*_FINDING_NUMBERS, "（{cn}）") and 4 <= len(title) <= 24
                and re.search(r"[\u3400-\u9fff]$", title) and re.fullmatch(rf"[\u3400-\u9fff]{{2,{most}}}。", second.view)
                and not re.search(r"(?:问题|方面|情况|措施|打算|安排|工作)$", title)
                and (most == 12 or not any(p.search(rest) for p, _ in table("statuses")))
                and (most == 12 or not rx("action_start").match(rest)) and not rx("finding_words").search(title))


def _finding_goes_on(label: Label, first: Para, second: Para, end: re.Match) -> bool:
    """1.巡河记录不全，部分河段⏎存在垃圾清理不及时的情况。 — a finding's sentence broken after its comma;
    not a line that opens with its own subject or verb (局党组压减会议。)."""
    return bool((label.kind == "problem" or label.style in _FINDING_NUMBERS)
                and "，" in first.text and re.search(r"[\u3400-\u9fff]$", first.text)
                and end.end() == len(second.text)
                and not re.match(r"^(?:截至|截止|目前|通过|经过|局|我|该|本|县|市|区|镇|公司|学校|医院)", second.view)
                and not rx("action_start").match(second.view))


def _count_goes_on(first: Para, second: Para, end: re.Match | None) -> bool:
    """……共21个问题，涉及整改措施⏎63条。 / ……共21个⏎问题 — a count broken from what it counts; never
    a heading, a title or a table's rows (问题 整改措施⏎18个 54条)."""
    if rx("bare_heading").match(first.view) or rx("title").match(first.view) \
            or re.search(r"[|｜\t]|[\u3400-\u9fff] [\u3400-\u9fff]", first.text):
        return False
    return bool(re.search(r"[\u3400-\u9fff]$", first.text) and re.match(r"\d+(?:\.\d+)?[个项条件人次家名所户处万亿元]", second.text)
                or re.search(r"[\u3400-\u9fff]\d{1,3}$", first.text) and re.search(r"[，。；]", first.text)
                and re.match(r"\d{1,3}(?:\.\d+)?[个项条件人次家名所户处万亿元]", second.text)  # 3个方面1⏎0个问题
                or re.search(r"\d+[个项条件名家]$", first.text) and re.match(r"[\u3400-\u9fff]", second.text) and end)


def _prose_goes_on(first: Para, second: Para, end: re.Match | None, fixed_width: bool) -> bool:
    """Prose broken in mid-sentence: the first piece long enough to be a sentence's start; the rest
    short, or (prose cut into lines of a fixed width, a PDF's copy; never after a labelled line) long
    but ending a sentence. A
    field's list (整改措施：①A；②B⏎C。) is text however short, never a heading; 责任单位：X is a whole value."""
    prose = re.sub(r"“[^”]*”", "", first.text)  # a heading's quoted title may hold a comma
    # 28 characters a line is an official document's (GB/T 9704), its digits narrower: a copy of its PDF
    sentence = len(first.text) >= 24 and re.search(r"[。；，]", prose)
    listed = bool(rx("status_lead").match(first.view)) and len(first.text) >= 12
    # the rest ends a sentence, or is itself a full line of the paragraph (a PDF's lines mostly end mid-sentence)
    flowing = fixed_width and sentence and (re.search(r"[。；！？]", second.text) or len(second.text) >= 16
                                            and "，" in second.text) \
        and not rx("signature_organisation").match(second.view) and not rx("title").match(second.view)
    # a line never ends a paragraph on ，、 or a colon inside its sentence (……开展检查，⏎督促整改。)
    comma = len(first.text) >= 12 and re.search(r"[，、]$", first.text)
    broken = re.search(r"[\u3400-\u9fff\d]$", first.text) or comma or sentence and first.text.endswith("：")
    return bool((sentence or listed or comma) and broken and (end or flowing)
                and not re.search(r"(?:情况|问题|方面|措施|打算|安排)$", first.text)
                and not rx("date_line").match(second.view))


def bare_headings(paras: tuple[Para, ...]) -> tuple[Para, ...]:
    """The body's paragraphs with the part headings a plain copy lost the numbers of made heading
    lines: 整改工作开展情况 / 巡察反馈问题整改落实情况 / 下一步工作打算 on lines of their own. Only
    in a notice whose parts carry no 一、 labels, and only when two such lines stand in it, or one
    that names the rectification of the findings; each is marked as a guess."""
    if any((label := match_label(p.view)) and label.style == "{cn}、" for p in paras):
        return paras
    found = {i: m for i, p in enumerate(paras) if not p.heading and not match_label(p.view)
             and (m := rx("bare_heading").match(p.view))
             and (i < len(paras) - 1 or rx("sections", "next_steps").search(p.view))}  # 下步打算 before the contact block
    if len(found) < 2 and not any(rx("sections", "rectification").search(paras[i].view) for i in found):
        return paras
    return tuple(replace(p.cut(found[i].end("bullet")) if found[i].group("bullet") else p, heading=True, inferred=True)
                 if i in found else p for i, p in enumerate(paras))


# Stray spaces a page put inside a label at the start of a line (（ 一 ）, 一、 X, 1 . X) or a date
# (2023年 3月 6日): labels and dates are only read without them.
_LABEL_SPACES = (
    re.compile(r"^([（(])[ \u3000\u00a0]*([一二三四五六七八九十百零〇\d]{1,4})[ \u3000\u00a0]*([）)])[ \u3000\u00a0]*"),
    re.compile(r"^([一二三四五六七八九十百零〇]{1,3})[ \u3000\u00a0]*(、)[ \u3000\u00a0]+"),
    re.compile(r"^(\d{1,3})[ \u3000\u00a0]*([.．、）)])[ \u3000\u00a0]+(?=\D)"),
    re.compile(r"^(\d{1,3})[ \u3000\u00a0]+([.．、])"),
)
_DATE_SPACES = re.compile(r"(?<=\d)[ \u3000\u00a0]+(?=[年月日])|(?<=\d[年月])[ \u3000\u00a0]+(?=\d)")
_COLON_SPACES = re.compile(r"(?<=[\u3400-\u9fff）)】])[ \u3000\u00a0]+(?=[：:])")  # 整改措施 ：…
# A full-width comma, colon or bracket carries its own blank: a space beside one (a source's
# "部署, 2018年" once its comma is full-width) is the only place a justified printed line can
# stretch, and opens a gap there. Spaces after 。 and before （ stay: a flattened notice's breaks.
_MARK_SPACES = re.compile(r"(?<=[，、；：])[ \u3000\u00a0]+|[ \u3000\u00a0]+(?=[，、。；：）])")


def tidy_spaces(text: str) -> tuple[str, int]:
    """`text` without stray spaces in its leading label, in its dates and beside full-width marks,
    and how many were taken out."""
    before = len(text)
    for pattern in _LABEL_SPACES:
        text = pattern.sub(lambda m: "".join(g for g in m.groups() if g), text, count=1)
    text = _MARK_SPACES.sub("", _COLON_SPACES.sub("", _DATE_SPACES.sub("", text)))
    return text, before - len(text)


# A space between two Chinese characters inside running text (市委 第二巡察组对 某局党组 进行了巡察)
# is a page's noise: it breaks reading the facts and opens a gap in the printed notice. Only in a
# paragraph that is a sentence (it has 。 or ；), after a flattened line was split at its spaces, so
# that chrome (字号：大 中 小) and the breaks of a flattened notice keep theirs.
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_HAN_SPACES = re.compile(rf"(?<={_HAN})[ \u3000\u00a0]+(?={_HAN})")


_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”|‘[^‘’]*’")  # a title or a quotation keeps its own spaces


def sentence_spaces(text: str) -> tuple[str, int]:
    """`text` without spaces between two Chinese characters when it is running text (not inside
    《》 or quotation marks: 《知敬畏 存戒惧》 is written so), and how many were taken out."""
    if not re.search(r"[。；]", text):
        return text, 0
    parts, at = [], 0
    for m in _QUOTED.finditer(text):
        parts += [_HAN_SPACES.sub("", text[at:m.start()]), m.group(0)]
        at = m.end()
    tidied = "".join(parts) + _HAN_SPACES.sub("", text[at:])
    return tidied, len(text) - len(tidied)


def _drop_glosses(text: str) -> tuple[str, int]:
    view = fold(text)
    spans = [m.span() for m in rx("pinyin_gloss").finditer(view)]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text, len(spans)


_CELL_BAR = re.compile(r"[ \u3000]*[|｜][ \u3000]*")


def _row_cells(para: Para) -> list[Para]:
    """序号1 | 问题描述：X | 整改措施：Y | 完成情况：已完成 — a ledger row typed as text: each labelled
    cell a line of its own (the row's number left out); none when the line is no such row."""
    bars = list(_CELL_BAR.finditer(para.view))
    if len(bars) < 2:
        return []
    bounds = [0, *[b.end() for b in bars]]
    ends = [b.start() for b in bars] + [len(para.text)]
    cells = [para.cut(a, b) for a, b in zip(bounds, ends)]
    leads = sum(1 for c in cells if re.match(r"^[^：]{2,8}：\S", c.view))
    if leads < 2:
        return []
    return [c for c in cells if c.text and not re.fullmatch(r"(?:序号)?\s*\d{1,3}", c.view)]


def split_flattened(para: Para) -> tuple[list[Para], bool]:
    """A line holding several headings and points (a notice flattened onto one line), split
    before each label that follows a space; a single such label only after a sentence's end
    or a short heading, so that a space inside a sentence never breaks it. With it, whether
    paragraphs run on with nothing between them were split by guess (`_glued_cuts`)."""
    title = rx("title_then_opening").match(para.view)
    if title and rx("title").match(para.view[:title.end(1)]):  # the title and the opening on one line
        rest, guessed = split_flattened(para.cut(title.end()))
        return [para.cut(0, title.end(1)), *rest], guessed
    inside = rx("title_then_opening_inside").search(para.view)
    if inside and rx("title").match(inside.group(1)):  # a page's chrome, the title and the opening on one line
        rest, guessed = split_flattened(para.cut(inside.end()))
        return [para.cut(0, inside.start(1)), para.cut(inside.start(1), inside.end(1)), *rest], guessed
    cuts = [m.end() for m in _SPACE.finditer(para.text)
            if m.start() > 0 and m.end() < len(para.text)
            and (match_label(para.view[m.end():]) or rx("bullet_problem").match(para.view[m.end():]))]
    if len(cuts) == 1:
        before = para.text[:cuts[0]].rstrip()
        if not (before.endswith(("。", "；", "：", "！", "？")) or (len(before) <= 30 and "。" not in before)):
            cuts = []
    if len(cuts) >= 2:  # flattened: its other paragraph breaks were single spaces too
        cuts += _paragraph_cuts(para, cuts) + _runon_cuts(para, cuts)
    elif cuts:  # 二、X （一）Y。……（二）Z。: the labels of the one spaced label's style run on after full stops
        cuts += _runon_cuts(para, cuts)
    if runon := _CATEGORY_RUNON.match(para.view):  # （一）X方面。1.Y。: the category, then its first problem
        cuts.append(runon.end())
    if (label := match_label(para.view)) and label.kind != "measure":
        # 1.X 【整改时限】A 【责任单位】B: a ledger's fields tagged on the finding's line, each a line of its own
        cuts += _field_tag_cuts(para.view, label.length + 3)
    glued = _glued_cuts(para)
    cuts = sorted(set(cuts) | set(_sentence_cuts(para)) | set(_chain_cuts(para)) | set(_signature_cuts(para)) | set(glued))
    bounds = [0, *cuts, len(para.text)]
    pieces = [piece for p in (para.cut(a, b) for a, b in zip(bounds, bounds[1:])) if p.text for piece in _wrapper_runon(p)]
    return pieces, bool(glued) and len(pieces) > 1


def _field_tag_cuts(view: str, start: int = 1) -> list[int]:
    """Where a tagged field (【整改时限】, 【责任领导】, 【整改进展】) begins, from `start` on."""
    return [m.start() for m in re.finditer("【", view)
            if m.start() >= start and any(rx(name).match(view[m.start():]) for name in _FIELD_LEADS)]


def _wrapper_runon(para: Para) -> list[Para]:
    """2.关于X的问题一是Y。: the problem's title, then its measures, each a line."""
    if (label := match_label(para.view)) and (runon := _WRAPPER_RUNON.match(para.view, label.length)):
        return [para.cut(0, runon.end()), para.cut(runon.end())]
    return [para]


# A lead ending in a colon, then 一是… on the same line (主要问题：一是A；二是B).
_LEAD_THEN_POINTS = re.compile(r"^[^，。；：“”]{2,16}：(?=一是)")
# Where a finding stands in the feedback list: （反馈意见第5条） / （问题清单第3项）.
_REFERENCE = re.compile(r"（(?:对应)?(?:巡察|巡视)?(?:反馈意见|反馈问题|问题清单|整改清单|整改台账|反馈)第\d{1,3}(?:条|项|个问题|号)）")
# Words in brackets before a problem's number (【政治建设】1.X): a category's name where category_tag_line says so.
_CATEGORY_TAG = re.compile(r"^【[^】]{2,12}】")
# A category's heading closed by a full stop and run on into its first problem's number.
_CATEGORY_RUNON = re.compile(r"^(?:（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、)[^。；，]{2,30}?方面(?:存在的问题|的问题)?。"
                             r"(?=(?:\d{1,3}[.．、]|（\d{1,3}）)[\u3400-\u9fff“])")
# A problem's wrapper run on into its first measure with nothing between: 关于X的问题一是….
_WRAPPER_RUNON = re.compile(r"(?:关于|针对)[^。；]{2,60}?(?:的问题|问题的整改情况|问题整改情况|的整改情况)"
                            r"(?=[一二三四五六七八九十]是|整改(?:落实)?(?:情况|措施)[：:])")
_FIELD_LEADS = ("status_lead", "description_lead", "deadline_lead", "responsible_lead")
_HEADING_MAX = 30  # characters of a heading that a flattened line runs on into its paragraph


def _paragraph_cuts(para: Para, label_cuts: list[int]) -> list[int]:
    """In a flattened line, the spaces that were paragraph breaks too: after a full stop, before
    a field's word (整改情况：…), before the signature's date, and after a short labelled heading
    (一、整改工作开展情况 局党组…) — never inside a heading's wrapper (关于 “X” 的问题)."""
    text, view = para.text, para.view
    cuts = []
    for m in _SPACE.finditer(text):
        before, after = view[:m.start()], view[m.end():]
        if m.start() == 0 or not after:
            continue
        if before.endswith(("。", "；", "！", "？")) or any(rx(name).match(after) for name in _FIELD_LEADS) \
                or rx("date_line").match(after):
            cuts.append(m.end())
    for start in [0, *label_cuts]:
        label = match_label(view[start:])
        if label is None:
            continue
        space = _SPACE.search(text, start + label.length)
        if not space:
            continue
        heading, after = view[start + label.length:space.start()], view[space.end():]
        if 4 <= len(heading) <= _HEADING_MAX and not re.search(r"[。，；：“”]", heading) \
                and not re.match(r"[“”的]|问题|方面", after) and not heading.endswith(("关于", "针对", "在", "对")) \
                and "。" in after.split(" ")[0]:
            cuts.append(space.end())
    return cuts


def _runon_cuts(para: Para, label_cuts: list[int]) -> list[int]:
    """In a flattened line, a label run on after a full stop without a space (……已完成。2.党员……)
    in a style the line's spaced labels already use: the next point of that list."""
    styles = {label.style for at in label_cuts if (label := match_label(para.view[at:]))}
    return [m.end() for m in re.finditer(r"[。；]", para.view)
            if (label := match_label(para.view[m.end():])) and label.kind != "measure" and label.style in styles]


_CHAINED = ("（{cn}）", "（{n}）", "{n}.")


def _chain_cuts(para: Para) -> list[int]:
    """（一）修订规程。（二）开展自查。 — a line that opens with a label and runs the next labels of
    the same style on after full stops: each is a line of its own (一是… stay together: they are
    one paragraph's points)."""
    first = match_label(para.view)
    if first is None or first.style not in _CHAINED and first.kind != "problem":  # 问题一：…。问题二：…
        return []
    cuts, expected = [], first.number + 1
    for m in re.finditer(r"[。；]", para.view):
        label = match_label(para.view[m.end():])
        if label and label.style == first.style and label.number == expected:
            cuts.append(m.end())
            expected += 1
    return cuts


_SIGNED = re.compile(r"(?<=[。！？\d])(?P<org>[^\x00-\x7f。！？，；：“”][^。！？，；：“”]{3,39}?)?(?P<date>\d{4}年\d{1,2}月\d{1,2}日)$")


def _signature_cuts(para: Para) -> list[int]:
    """……请及时向我们反映。某局党组2024年9月20日 — a flattened notice's signature run on after its
    last sentence (or its contact's last number): the organisation and the date each a line of their own."""
    if len(para.view) < FLAT_MIN:
        return []
    tail = _PAGE_TAIL.search(para.view)  # 【打印本页】【关闭窗口】 after the date: the page's, not the notice's
    end = tail.start() if tail else len(para.view)
    signed = _SIGNED.search(para.view, 0, end)
    if not signed:
        return []
    at, org = signed.start("org"), signed.group("org")
    if org and (chrome := _PAGE_BIT.match(org)):  # 扫一扫在手机打开当前页 before the organisation
        at, org = at + chrome.end(), org[chrome.end():]
    if org and not rx("signature_organisation").match(org):
        return []
    cuts = [at, signed.start("date")] if org else [signed.start("date")]
    return cuts + ([end] if end < len(para.view) else [])


# What a page sets around a flattened notice's end: its buttons, QR caption and editor.
_PAGE_BIT = re.compile(r"(?:\s*(?:【[^】]{1,10}】|(?:扫一扫|用手机扫)[^。，；【\d]{0,16}?(?:当前页|本页|阅读)|"
                       r"(?:责任编辑|编辑|审核|校对)[：:][^。，；【\d]{1,8}?(?=【|扫一扫|$)|分享到[：:]?[^。，；【\d]{0,16}?(?=【|$)|"
                       r"打印本页|关闭窗口|【?打印】?|【?关闭】?))+")
_PAGE_TAIL = re.compile(_PAGE_BIT.pattern + "$")


FLAT_MIN = 200  # characters: a line this long holding numbered headings after full stops is flattened


def _sentence_cuts(para: Para) -> list[int]:
    """Where a long line runs numbered headings on after full stops with no space (…。二、…。三、…):
    only styles whose numbers go on in the line (二、 then 三、) count, so that one 1. in a
    sentence never breaks it; 一是 points stay inside their paragraph."""
    if len(para.view) < FLAT_MIN:
        return []
    found: dict[str, list[tuple[int, int]]] = {}
    for m in re.finditer(r"[。；]", para.view):
        label = match_label(para.view[m.end():])
        if label and label.kind != "measure":
            found.setdefault(label.style, []).append((label.number, m.end()))
    cuts = []
    for entries in found.values():
        numbers = {n for n, _ in entries}
        if any(n + 1 in numbers for n in numbers) and not _listed_inline(para.view, [at for _, at in entries]):
            cuts += [at for _, at in entries]
    return cuts if len(cuts) >= 2 else []


# Styles whose labels a page that lost its paragraph marks runs on right after a heading's last word
# (…工作开展情况（一）加强… / …责任方面1.对下属… / …责任股室：食品安全股2.食品…).
_GLUED = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")
# Words before a bracketed number that cite a rule's item, not a heading: 第十五条（一）项.
_CITED = re.compile(r"(?:条|款|项|第|《|》|号|之)$")


def _glued_cuts(para: Para) -> list[int]:
    """A long line whose paragraphs were joined with nothing between them: a label of a heading style
    standing right after a word, cut where its numbers run on in the line (1. … 2. …, or 一、…二、);
    a 一 or 1 counts only with its 二 or 2 later in the line, so one 1. in a sentence never cuts it.
    A heading then run on into 一是 (三、下一步工作打算一是…) is cut before the 一是; fields, the contact
    sentence and a part's heading run on into its text are cut too (`_run_on_cuts`)."""
    view = para.view
    if len(view) < FLAT_MIN or sum(1 for m in _SPACE.finditer(para.text) if match_label(view[m.end():])) >= 2:
        return []  # its paragraphs were kept apart by spaces: split there (split_flattened)
    cuts = _run_on_cuts(view)
    for style, places in _counted_labels(view).items():
        if _listed_inline(view, places):  # 4类问题：一、A；二、B；三、C。 — a list inside the sentence
            continue
        cuts += places
        for at in places:
            length = match_label(view[at:]).length
            heading = re.match(r"[^。，；：“”]{2,30}?(?=一是)", view[at + length:])
            if heading and style in ("{cn}、", "（{cn}）"):
                cuts.append(at + length + heading.end())
    return cuts


def _counted_labels(view: str) -> dict[str, list[int]]:
    """The places of the labels glued on after a word whose numbers count on in the line, by style."""
    found: list[tuple[int, str, int]] = []  # (place, style, number)
    for m in re.finditer(r"[（\d一二三四五六七八九十第]", view):
        at = m.start()
        if at == 0 or re.match(r"[\dA-Za-z.．（一二三四五六七八九十]", view[at - 1]) or _CITED.search(view[:at]):
            continue
        label = match_label(view[at:])
        if label and (label.style in _GLUED or label.kind in ("problem", "category_heading")) and label.kind != "measure" \
                and (label.style != "{cn}、" or re.match(r"[。；！？：”]", view[at - 1])
                     or (label.number >= 2 and view[at - 1] not in "第再之唯统不")):  # …组织人事部三、下一步…
            found.append((at, label.style, label.number))
    for m in re.finditer(r"(?<=[\u3400-\u9fff”）。])(?:【问题\d{1,3}】|(?:反馈问题|问题|整改任务)[一二三四五六七八九十\d]{1,3}[：:])", view):
        label = match_label(view[m.start():])  # …存在的问题反馈问题一：X — a problem's label after a heading
        if label and label.kind == "problem" and all(at != m.start() for at, _, _ in found):
            found.append((m.start(), label.style, label.number))
    counted: dict[str, list[int]] = {}
    for at, style, number in sorted(found):
        later = [n for a, st, n in found if st == style and a > at]
        before = [n for a, st, n in found if st == style and a < at]
        if (number == 1 and 2 in later) or (before and number - 1 in before):
            counted.setdefault(style, []).append(at)
    return counted


def _run_on_cuts(view: str) -> list[int]:
    """In a line with nothing between its paragraphs, the places where a paragraph that opens with
    no number began: the contact sentence (欢迎…监督。联系电话：…) and a field after a sentence (整改时限：…
    责任部门：…), each tagged field (【整改时限】X【责任领导】Y), the list of attachments (附件：1.X), the next
    finding counted 一是、二是 after a finding's field, and a part's text after its heading."""
    cuts = [m.end() for m in re.finditer(r"[。；！]", view)
            if m.end() < len(view) and (rx("contact_start").match(view[m.end():m.end() + 60])
                                        or any(rx(name).match(view[m.end():]) for name in _FIELD_LEADS))]
    cuts += _field_tag_cuts(view)
    cuts += [m.end() for m in re.finditer(r"[。；](?=附件\d{0,2}[：:])", view)]
    for m in re.finditer(r"。(?=[一二三四五六七八九十]{1,3}是)", view):  # 整改进展：已完成。二是X不完善。
        said = view[view.rfind("。", 0, m.start()) + 1:m.start()]
        if not re.search(r"[一二三四五六七八九十]是", said) \
                and any(rx(name).match(said) for name in _FIELD_LEADS if name != "description_lead"):
            cuts.append(m.end())
    # 一、整改工作总体情况集团党委把…: a part's heading run on into its first sentence, cut after its last word
    cuts += [m.end("h") for m in re.finditer(
        r"(?:^|(?<=[。；！？：]))[一二三四五六七八九十]{1,3}、(?P<h>[^。，；：“”、（）\d]{2,20}?(?:情况|打算|计划|安排|成效))"
        r"(?=[^。，；：“”（）的\d])", view)]
    return cuts


INLINE_ITEM_MAX = 40  # characters of one item of a list written inside a sentence


def _listed_inline(view: str, cuts: list[int]) -> bool:
    """反馈了5类问题：一、A；二、B；三、C。 — short items closed by ；, the last by 。: a list inside
    the sentence, not headings of a flattened notice (whose parts run on for sentences)."""
    ends = [*cuts[1:], view.find("。", cuts[-1]) + 1 or len(view)]
    items = [view[start:end] for start, end in zip(cuts, ends)]
    return all(len(item) <= INLINE_ITEM_MAX and "。" not in item[:-1] for item in items)
