"""Wording shared by the web pages, the PDF and the search index: one function per fact."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from .model import CountBasis, Declared, Document, Inspection, Item, Problem, Status


def cn_date(value: dt.date | None) -> str:
    """2019-03-15 → 2019年3月15日 (GB/T 9704 writes dates in Arabic numerals, without zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


# Why an archive version of a PDF exists (the keys are the lock's, archive/versions.json).
VERSION_CAUSES = {"new": "首次发布", "changed": "数据更正", "rerendered": "重新生成"}
# How a deadline's unwritten year was taken (overdue.DeadlineState.year_assumed).
YEAR_ASSUMED = {"same": "按通报年份推定", "next": "按通报日期推定为次年"}


def format_size(size: int) -> str:
    """Bytes in the units a reader expects: 356 KB, 1.2 MB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def status_words(finding: Problem | Item, as_of: dt.date | None = None) -> str:
    """The rectification state of a problem or item in words, e.g. 正在推进中，计划3月底前整改完成。

    With `as_of` (the PDF passes the notice's own publication date), a deadline already
    passed that day is said too: the archive copy records the notice as it stood.
    """
    from .overdue import overdue_days  # overdue builds on the models, as this module does

    parts = []
    if finding.status is not None:
        parts.append(Status(finding.status).value)
    if finding.deadline is not None:
        parts.append(finding.deadline.text.rstrip("。"))
        for revision in finding.deadline.revisions:
            parts.append(f"原定{revision.text.rstrip('。')}，{cn_date(revision.revised)}调整，原因：{revision.reason.rstrip('。')}")
    if finding.leader:
        parts.append(f"责任领导：{finding.leader}")
    if finding.responsible:
        parts.append(f"责任单位：{finding.responsible}")
    days = overdue_days(finding, as_of) if as_of else None
    if days:
        parts.append(f"截至发布日已逾期{days}天")
    return "，".join(parts) + "。" if parts else "本通报未逐项说明整改状态。"


def inspection_summary(ins: Inspection) -> str:
    """One sentence saying who inspected whom and when, from the facts the notice gives."""
    word = ins.word
    when = ""
    if ins.start and ins.end:
        when = f"于{cn_date(ins.start)}至{cn_date(ins.end)}"
    elif ins.start or ins.end:
        when = f"于{cn_date(ins.start or ins.end)}"
    extended = f"，延伸{word}{'、'.join(ins.extended_targets)}" if ins.extended_targets else ""
    feedback = f"，{cn_date(ins.feedback)}反馈{word}意见" if ins.feedback else ""
    return f"{ins.body}{when}对{ins.target}进行{word}{extended}{feedback}。"


def outcomes(declared: Declared) -> str:
    """The results a notice states, as one sentence: 建立和完善制度 17 项;退回资金 157,704 元。"""
    parts = []
    if declared.rules_made is not None:
        parts.append(f"建立和完善制度 {declared.rules_made} 项")
    if declared.money_returned is not None:
        parts.append(f"退回资金 {declared.money_returned:,} 元")
    if declared.people_disciplined is not None:
        parts.append(f"处理 {declared.people_disciplined} 人次")  # 批评教育、诫勉、处分…: every kind of handling
    return "；".join(parts) + "。" if parts else ""


def yuan(amount: int) -> str:
    """An amount of money as notices state it: 157,704 元; from 10,000 on with 万元 beside it."""
    if amount >= 10_000:
        return f"{amount:,} 元（约 {amount / 10_000:.2f} 万元）"
    return f"{amount:,} 元"


BASIS_WORDS = {CountBasis.PROBLEMS: "问题", CountBasis.TASKS: "整改任务", CountBasis.MEASURES: "整改措施"}


def declared_completion(doc: Document) -> tuple[int, int, str] | None:
    """(done, total, basis in words) for the progress bar of a notice that lists no statuses: its
    declared figures, and then only over the same kind of thing the completed figure counts.
    A notice listing statuses takes its bar from `zhenggai.site.figures.count`, as every figure does."""
    declared = doc.declared
    if declared is None or declared.completed is None:
        return None
    basis = declared.basis or declared_basis_of_old_files(declared)
    total = {CountBasis.PROBLEMS: declared.problems, CountBasis.TASKS: declared.tasks,
             CountBasis.MEASURES: declared.measures}.get(basis) if basis else None
    if not total:
        return None
    return declared.completed, total, f"按通报声明的{BASIS_WORDS[basis]}统计"


def declared_basis_of_old_files(declared: Declared) -> CountBasis | None:
    # Files written before `basis` existed counted completions against the declared measures.
    return CountBasis.MEASURES if declared.measures is not None else None


# GB/T 15834: in a Chinese sentence, commas, colons, semicolons, brackets, ! and ? are full-width.
# The importer applies it to imported text (importer/lines.py).
# A half-width mark counts as one in a Chinese sentence when a Chinese character (or
# full-width mark) stands right before or after it; brackets go by pairs (“项(截至…日)”).
# The validator warns of them (`punct.halfwidth`), the punctuation test holds the templates and
# messages (and the READMEs) to it, and `fullwidth_punctuation` converts (the importer, and
# `zhenggai punctuation` for data files written before: data/punctuation.py).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
# Kangxi radicals (U+2F00–U+2FDF) and the CJK radicals supplement (U+2E80–U+2EFF): text copied from
# a PDF often carries ⼀⼯⽅ for 一工方. They look the same and are not the characters (search,
# copying and screen readers tell them apart); NFKC gives the character one stands for.
RADICALS = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def radical_stands_for(char: str) -> str | None:
    """The character a radical (RADICALS) is written for, or None when it has none of its own."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded != char and len(folded) == 1 else None


HALFWIDTH_MARKS = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}


# A quotation holding no Chinese character quotes code or a literal (“published:”, “: ”):
# its marks are what they are.
_QUOTED_LITERAL = re.compile(r"“[^“”\u3400-\u9fff]*”")
_ANY_MARK = re.compile(r"[,:;()!?]")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def halfwidth_marks(text: str) -> list[int]:
    """Positions of half-width , : ; ( ) ! ? standing in a Chinese sentence (see above)."""
    if not _ANY_MARK.search(text):  # most texts hold none: the validator asks of every one
        return []
    found = set(_marks_beside_chinese(text))
    if not found:  # a bracket pair is added only beside a mark found here
        return []
    literal = {i for m in _QUOTED_LITERAL.finditer(text) for i in range(*m.span())} if "“" in text else set()
    found -= literal
    if "(" in text or ")" in text:
        for opening, closing in _bracket_pairs(text):
            if opening in found or closing in found:
                found |= {opening, closing}
    return sorted(found - literal)


def _marks_beside_chinese(text: str) -> Iterator[int]:
    """Each half-width mark with a Chinese character right before or after it; not a colon
    starting "//" (a URL after a Chinese word). Looked for beside each mark only: a regular
    expression with lookbehind tried it at every character of every text the validator reads."""
    last = len(text) - 1
    for match in _ANY_MARK.finditer(text):
        at = match.start()
        if text[at] == ":" and text.startswith("//", at + 1):
            continue
        if (at and _CJK_CHAR.match(text, at - 1)) or (at < last and _CJK_CHAR.match(text, at + 1)):
            yield at


def fullwidth_punctuation(text: str) -> tuple[str, int]:
    """`text` with the half-width marks of its Chinese sentences made full-width, and how many."""
    positions = halfwidth_marks(text)
    chars = list(text)
    for at in positions:
        chars[at] = HALFWIDTH_MARKS[chars[at]]
    return "".join(chars), len(positions)


_BRACKET = re.compile(r"[()]")


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    stack, pairs = [], []
    for match in _BRACKET.finditer(text):  # the brackets only, not every character
        if match.group() == "(":
            stack.append(match.start())
        elif stack:
            pairs.append((stack.pop(), match.start()))
    return pairs
