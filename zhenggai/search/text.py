"""The text a reader sees on a document page, as search blocks, and how search folds it.

This is the single definition of "what a reader can find": the index (`index.py`), its
Python reader (`reader.py`) and the exact-substring truth of the tests all read the
blocks made here. The blocks follow `site/templates/document.html` (values, labels such as
一是 and （一）, dates as 2019年3月18日), each block one paragraph, heading or table cell: a
query matches inside one block, never across two.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Contact, Document
from ..numbering import NumberedCategory, NumberedPoint, NumberedSection, number_document
from ..text import cn_date, inspection_summary
from .variants import t2s_table

MAX_CHUNKS = 30  # a chunk set fits in the 31 bits a JavaScript integer handles exactly
CHUNK_CHARS = 500

_WHITESPACE = re.compile(r"\s")
_fold_table: dict[int, str] = {}
_folded_chars: set[str] = set()
_replace: dict[str, str] = {}  # the characters fold changes into characters it keeps
_unstable: set[str] = set()  # the other characters fold changes


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or cell of a page: `anchor` is where a link to it points."""

    anchor: str
    text: str


def _fold_char(char: str) -> str:
    table = t2s_table()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", char).lower())


def fold(text: str) -> str:
    """Search form of `text`: NFKC, lower case and traditional to simplified (variants.py),
    character by character (as the client does)."""
    chars = set(text)
    new = chars - _folded_chars
    if new:
        for char in new:
            folded = _fold_char(char)
            if folded != char:
                _fold_table[ord(char)] = folded
                if all(_fold_char(c) == c for c in folded):
                    _replace[char] = folded
                else:
                    _unstable.add(char)
        _folded_chars.update(new)
    changed = chars & _replace.keys()
    if len(changed) > 12 or not _unstable.isdisjoint(chars):
        return text.translate(_fold_table)
    # str.translate looks every character up (slow on CJK text); a few replace() scans are not.
    # Replacing one character cannot create another one to replace: `_replace` maps only to
    # characters fold keeps.
    for char in changed:
        text = text.replace(char, _replace[char])
    return text


def split_query(query: str) -> list[str]:
    """Folded search terms: whitespace separates terms, "double quotes" keep a phrase whole."""
    terms: list[str] = []
    for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', fold(query).replace("“", '"').replace("”", '"')):
        term = quoted.strip() if quoted else bare.replace('"', "")
        if term and term not in terms:
            terms.append(term)
    return terms


def has_whitespace(text: str) -> bool:
    return _WHITESPACE.search(text) is not None


def document_blocks(doc: Document) -> list[Block]:
    """Every block of text the document page shows, in page order."""
    meta = doc.metadata
    blocks = [
        meta.index_no, meta.category, doc.publisher, cn_date(meta.written), doc.title,
        meta.doc_no, cn_date(meta.published), "、".join(meta.subject_words), meta.source,
        doc.title, doc.kind.value,
    ]
    out = []
    if doc.withdrawn:
        out.append(Block("", f"本文件已于{cn_date(doc.withdrawn.date)}撤回"))
        out.append(Block("", doc.withdrawn.reason))
    out += [Block("", f"{cn_date(c.date)}：{c.note}") for c in doc.changes]
    out += [Block("", text) for text in blocks if text]
    if doc.inspection and not doc.opening:  # the page says it only when no opening does
        out.append(Block("", inspection_summary(doc.inspection)))
    out += [Block("", p) for p in doc.opening]
    for section in number_document(doc):
        out += _section_blocks(section)
    if doc.contact:
        out += [Block("contact", text) for text in _contact_texts(doc.contact)]
    if doc.signature:
        out += [Block("", doc.signature.organisation), Block("", cn_date(doc.signature.date))]
    return [b for b in out if b.text.strip()]


def _section_blocks(ns: NumberedSection) -> list[Block]:
    s = ns.section
    heading = f"{ns.label}{s.heading or ''}"  # a part without a heading: its problems stand alone
    if ns.depth > 1 and s.paragraphs:
        texts = [heading + s.paragraphs[0], *s.paragraphs[1:]]
    else:
        texts = [heading, *s.paragraphs]
    out = [Block(ns.anchor, t) for t in texts if t]
    out += [Block(ns.anchor, t) for t in _point_texts(ns.points)]
    for sub in ns.sections:
        out += _section_blocks(sub)
    for nc in ns.categories:
        out += _category_blocks(nc)
    return out


def _category_blocks(nc: NumberedCategory) -> list[Block]:
    out = [Block(nc.anchor, f"{nc.label}{nc.heading}")] if nc.heading else []
    for np in nc.problems:
        out += _finding_blocks(np.anchor, f"{np.label}{np.heading}", np.problem, np.measures)
        for ni in np.items:
            out += _finding_blocks(ni.anchor, f"{ni.label}{ni.heading}", ni.item, ni.measures)
    return out


def _finding_blocks(anchor: str, heading: str, finding, measures: tuple[NumberedPoint, ...]) -> list[Block]:
    texts = [heading]
    if finding.status:
        texts.append(finding.status.value)
    if finding.leader:
        texts.append(f"责任领导：{finding.leader}")
    if finding.responsible:
        texts.append(f"责任单位：{finding.responsible}")
    if finding.deadline:
        date = finding.deadline.date
        texts.append(finding.deadline.text + (f"（{cn_date(date)}）" if date else ""))
    texts += _point_texts(measures)
    return [Block(anchor, t) for t in texts]


def _point_texts(points: tuple[NumberedPoint, ...], carry: str = "") -> list[str]:
    """As the page shows them (site/templates/macros.html point_body): a point made only of
    sub-points hands its label to the first of them."""
    out = []
    for k, np in enumerate(points):
        lead = carry if k == 0 else ""
        point = np.point
        if point.title or point.text:
            out.append(f"{lead}{np.label}{point.title or ''}{point.text}")
            out += _point_texts(np.points)
        else:
            out += _point_texts(np.points, lead + np.label)
        out += list(point.paragraphs)
    return out


def _contact_texts(contact: Contact) -> list[str]:
    texts = [contact.intro or ""]
    texts += [f"{p.number}（{p.label}）" if p.label else p.number for p in contact.phones]
    if contact.address:
        texts.append(contact.address + (f"，邮编 {contact.postcode}" if contact.postcode else ""))
    texts += [contact.email or "", contact.hours or ""]
    for channel in contact.online:
        texts += [channel.name, channel.url or ""]
    return texts


def chunk_blocks(blocks: list[Block], least: int = CHUNK_CHARS) -> list[list[Block]]:
    """Pack consecutive blocks into at most MAX_CHUNKS chunks of at least `least` characters.

    A chunk ends after a block whose text hashes to 0 modulo 16 once it holds `least`
    characters (or when it holds eight times that): where chunks end depends on the text there,
    not on everything before it, so an edit changes about one chunk (1.2 on average, measured
    for a paragraph inserted into generated notices) and the other chunks, and their keys'
    chunk sets in the index, stay as they were. Texts too long for MAX_CHUNKS chunks of
    `least` take chunks of twice, four times... that size.
    """
    total = sum(len(b.text) for b in blocks)
    while total > (MAX_CHUNKS - 1) * least:
        least *= 2
    chunks: list[list[Block]] = [[]]
    length = 0
    for block in blocks:
        chunks[-1].append(block)
        length += len(block.text)
        if length >= least and (length >= 8 * least or zlib.crc32(block.text.encode("utf-8")) % 16 == 0):
            chunks.append([])
            length = 0
    if not chunks[-1] and len(chunks) > 1:
        chunks.pop()
    return chunks


def block_keys(text: str) -> set[str]:
    """The index keys of a folded block: its characters and its two-character grams."""
    keys = set(text)
    keys.update(map(str.__add__, text, text[1:]))
    if has_whitespace(text):
        keys = {k for k in keys if not has_whitespace(k)}
    return keys


def chunk_keys(texts: Iterable[str]) -> set[str]:
    """The keys of a chunk: the union of `block_keys(fold(text))` over its blocks, in one pass.

    Blocks are joined by a line break, so every gram across two blocks holds whitespace and
    goes with the other keys holding whitespace: a few per chunk, found by position.
    """
    text = fold("\n".join(texts))
    keys = set(text)
    keys.update(map(str.__add__, text, text[1:]))
    for match in _WHITESPACE.finditer(text):
        at = match.start()
        keys.difference_update((text[at], text[max(at - 1, 0):at + 1], text[at:at + 2]))
    return keys


MAX_TERM_KEYS = 8


def term_keys(term: str) -> list[str]:
    """The keys whose postings a folded term needs: itself if one character, else its grams.

    A long term is looked up by at most MAX_TERM_KEYS grams spread along it: fewer files to
    fetch, and the candidates they give are still a superset that verification narrows.
    """
    if len(term) == 1:
        return [] if has_whitespace(term) else [term]
    grams = [a + b for a, b in zip(term, term[1:]) if not has_whitespace(a + b)]
    if not grams:
        grams = [c for c in term if not has_whitespace(c)]
    grams = list(dict.fromkeys(grams))
    if len(grams) > MAX_TERM_KEYS:
        step = (len(grams) - 1) / (MAX_TERM_KEYS - 1)
        grams = [grams[int(i * step + 0.5)] for i in range(MAX_TERM_KEYS)]
    return grams


def needs_verification(term: str) -> bool:
    """Whether postings alone cannot prove a chunk contains `term` (they can for 1-2 characters)."""
    return len(term) > 2 or has_whitespace(term)
