"""The same notice twice: one imported again, or a data file copied under a second name.

The site would present the copy as the notice's own later history ("与上次通报相比"), so
`zhenggai validate`, every build and `zhenggai import` warn, naming both files, when two
documents have the same title (unless they report on different inspections, or were published
in different years: a unit may title its yearly notice word for word as before), or the same
inspection and publication date, or nearly the same text. A withdrawn notice and the one
published again in its place may share all three: they are not compared.

"Nearly the same text" is judged on the body's texts (opening and sections: headings,
paragraphs, problems, measures), each reduced to its characters without spaces and
punctuation and kept as a digest with its length (`text_digests`, computed when a file is
loaded and cached with it). Two documents are near copies when the texts they share hold at
least `SHARED` of the shorter one's characters, and it has at least `MIN_CHARS` of them (a
stub of a few lines proves nothing). A text found in more than `COMMON` documents (a unit's
standard sentence) says nothing about copying and is left out, which also keeps the
comparison near linear in the number of documents.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import Any

from ..model import Document, name_key
from . import diagnostics as diag
from .diagnostics import Diagnostic

SHARED = 0.8
MIN_CHARS = 200
COMMON = 4
MIN_TEXT = 6  # shorter texts (a status, 已完成) say nothing about which notice it is
_NOT_TEXT = re.compile(r"[\s\W_]+")  # spaces and punctuation, ASCII and full-width

TextDigests = tuple[tuple[int, int], ...]  # (digest, length) of each body text


@dataclass(frozen=True)
class Fingerprint:
    """What two notices are compared on."""

    path: Path
    title: str
    inspection: tuple[str, str, str] | None  # body, target and feedback date
    published: str
    texts: Mapping[int, int]  # digest → length

    @cached_property
    def chars(self) -> int:
        return sum(self.texts.values())


def text_digests(data: Any) -> TextDigests:
    """The body texts of a document's plain data (as parsed from YAML), as (digest, length)."""
    found: dict[int, int] = {}
    if isinstance(data, Mapping):
        for text in _strings([data.get("opening"), data.get("sections")]):
            plain = _NOT_TEXT.sub("", text)
            if len(plain) >= MIN_TEXT:
                found[int.from_bytes(hashlib.blake2b(plain.encode(), digest_size=8).digest(), "big")] = len(plain)
    return tuple(found.items())


def fingerprint(doc: Document, path: Path, texts: TextDigests) -> Fingerprint:
    """The fingerprint of a loaded document whose file gave `texts`."""
    inspection = doc.inspection
    key = (name_key(inspection.body), name_key(inspection.target), str(inspection.feedback)) if inspection else None
    return Fingerprint(path, _NOT_TEXT.sub("", doc.title), key, str(doc.metadata.published), dict(texts))


def draft_fingerprint(data: Mapping[str, Any], path: Path) -> Fingerprint:
    """The fingerprint of a draft's data as `zhenggai import` made it (it may not be valid yet)."""
    inspection = data.get("inspection") if isinstance(data.get("inspection"), Mapping) else {}
    metadata = data.get("metadata") if isinstance(data.get("metadata"), Mapping) else {}
    parts = (inspection.get("body"), inspection.get("target"), inspection.get("feedback"))
    key = (name_key(str(parts[0])), name_key(str(parts[1])), str(parts[2])) if all(parts) else None
    return Fingerprint(path, _NOT_TEXT.sub("", str(data.get("title") or "")), key,
                       str(metadata.get("published") or ""), dict(text_digests(data)))


def check_duplicates(documents: Sequence[tuple[Document, Path, TextDigests]]) -> list[Diagnostic]:
    """A warning at the file later by name of each pair of documents that look the same."""
    prints = sorted((fingerprint(doc, path, texts) for doc, path, texts in documents if doc.withdrawn is None),
                    key=lambda fp: str(fp.path))
    return [_warning(later, earlier, why) for earlier, later, why in _pairs(prints)]


def duplicates_of(draft: Fingerprint, documents: Sequence[tuple[Document, Path, TextDigests]]) -> list[Diagnostic]:
    """Warnings at `draft` for each document of `documents` that looks the same."""
    prints = [fingerprint(doc, path, texts) for doc, path, texts in documents
              if doc.withdrawn is None and path != draft.path]
    return [_warning(draft, other, why) for other, fp, why in _pairs([*prints, draft]) if fp is draft]


def _pairs(prints: list[Fingerprint]) -> Iterator[tuple[Fingerprint, Fingerprint, list[str]]]:
    """(earlier, later, reasons) for each pair that looks the same."""
    shared = _shared_chars(prints)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for n, fp in enumerate(prints):
        if fp.title:
            groups[("title", fp.title)].append(n)
        if fp.inspection and fp.published:
            groups[("inspection", *fp.inspection, fp.published)].append(n)
    candidates = set(shared)
    for group in groups.values():
        candidates.update(combinations(group, 2))
    for a, b in sorted(candidates):
        one, two = prints[a], prints[b]
        why = []
        other_inspection = one.inspection and two.inspection and one.inspection != two.inspection
        other_year = one.published[:4] != two.published[:4] and one.published and two.published
        if one.title and one.title == two.title and not other_inspection and not other_year:
            why.append("标题相同")
        if one.inspection and one.inspection == two.inspection and one.published == two.published:
            why.append("巡察和发布日期相同")
        shorter = min(one.chars, two.chars)
        if shorter >= MIN_CHARS and shared.get((a, b), 0) >= SHARED * shorter:
            why.append("正文几乎相同")
        if why:
            yield one, two, why


def _shared_chars(prints: list[Fingerprint]) -> dict[tuple[int, int], int]:
    """Characters of the texts each pair of documents shares (pairs sharing none left out)."""
    holders: dict[int, list[int]] = defaultdict(list)
    for n, fp in enumerate(prints):
        for digest in fp.texts:
            holders[digest].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for digest, group in holders.items():
        if 1 < len(group) <= COMMON:
            length = prints[group[0]].texts[digest]
            for pair in combinations(group, 2):
                shared[pair] += length
    return shared


def _warning(at: Fingerprint, other: Fingerprint, why: list[str]) -> Diagnostic:
    message = (f"与 {diag.shown_path(other.path)} 像是同一份通报（{'；'.join(why)}）：同一份通报只应有一个数据文件，"
               "否则网站会把副本当作它的后续通报。请删去多余的文件；确是两份通报的，请核对标题和日期")
    return diag.warning(at.path, message, code="document.duplicate")


def _strings(value: Any) -> Iterator[str]:
    """Every string value in plain data (nesting is bounded by the loader)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
