"""Successive notices of one inspection (本次巡察的历次通报) and their findings matched across them.

Notices belong together when they carry the same `series:`, else when they name the same
inspecting body, target and feedback date. A finding of one notice is matched to one of the
next by its stable `key:` where staff gave one, else by title similarity; a match by
similarity is reported so staff can confirm it (or give a key to override it). The loader
warns when a finding goes backwards, vanishes, or has its deadline moved without a reason.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Status, name_key, order_key, walk_categories
from . import diagnostics as diag
from .diagnostics import Diagnostic

SIMILAR = 0.6  # titles at least this alike (difflib ratio) may be the same finding
RANK = {Status.IN_PROGRESS: 1, Status.BASICALLY_COMPLETED: 2, Status.LONG_TERM: 2, Status.COMPLETED: 3}


def series_key(doc: Document) -> str | None:
    """The inspection a notice reports on: its `series`, else body, target (compared by `name_key`) and feedback date."""
    if doc.series:
        return doc.series
    ins = doc.inspection
    if ins is None or ins.feedback is None:
        return None
    return f"{name_key(ins.body)}|{name_key(ins.target)}|{ins.feedback.isoformat()}"


def located_findings(doc: Document) -> Iterator[tuple[str, object]]:
    """(dotted field path, finding) of every finding, as validation messages name fields."""
    for at, category in walk_categories(doc.sections):
        for p_no, problem in enumerate(category.problems):
            p_at = ".".join(map(str, (*at, "problems", p_no)))
            if problem.items:
                for i_no, item in enumerate(problem.items):
                    yield f"{p_at}.items.{i_no}", item
            else:
                yield p_at, problem


@dataclass(frozen=True)
class Match:
    """One finding followed from an earlier notice to the next: how it was recognised."""

    earlier: object
    later: object
    by: str  # "key", "title" (identical) or "similar"
    score: float


@dataclass(frozen=True)
class Step:
    """Two consecutive notices of one inspection and their findings matched."""

    earlier: Document
    later: Document
    matches: tuple[Match, ...]
    vanished: tuple[object, ...]  # findings of the earlier notice with no match in the later


@dataclass(frozen=True)
class Series:
    """本次巡察的历次通报 — the notices of one inspection, oldest first."""

    key: str
    documents: tuple[Document, ...]
    steps: tuple[Step, ...]


def build_series(documents: Iterable[Document]) -> list[Series]:
    """Every inspection reported on by more than one notice (withdrawn notices left out)."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        key = series_key(doc)
        if key and doc.withdrawn is None:
            groups[key].append(doc)
    out = []
    for key, docs in groups.items():
        if len(docs) < 2:
            continue
        docs.sort(key=order_key, reverse=True)  # oldest first
        steps = tuple(_step(a, b) for a, b in zip(docs, docs[1:]))
        out.append(Series(key, tuple(docs), steps))
    return sorted(out, key=lambda s: s.key)


def _step(earlier: Document, later: Document) -> Step:
    """Match the findings of two notices: by key, then by the same title, then by similar titles.

    Near-linear in the number of findings: a same title is a dictionary lookup, and a title is
    compared (difflib) only with the few of the other notice that share its rarer character
    pairs or its wording apart from the figures (see `_candidates`), not with every one.
    """
    before, after = list(earlier.findings()), list(later.findings())
    matches: list[Match] = []
    taken_before: set[int] = set()
    taken_after: set[int] = set()

    def take(a, b, by: str, score: float) -> None:
        matches.append(Match(a, b, by, score))
        taken_before.add(id(a))
        taken_after.add(id(b))

    by_key = {f.key: f for f in after if f.key}
    for finding in before:
        if finding.key and finding.key in by_key:
            take(finding, by_key[finding.key], "key", 1.0)
    # Two findings that both have a key are different findings when the keys differ; withheld
    # findings share one placeholder title: only a key matches them.
    open_before = [a for a in before if id(a) not in taken_before and not a.withheld]
    open_after = [b for b in after if id(b) not in taken_after and not b.withheld]
    same_title: dict[str, list] = defaultdict(list)
    for b in open_after:
        same_title[_normal(b.title)].append(b)
    for a in open_before:
        b = next((b for b in same_title.get(_normal(a.title), ()) if id(b) not in taken_after
                  and not (a.key and b.key)), None)
        if b is not None:
            take(a, b, "title", 1.0)
    open_before = [a for a in open_before if id(a) not in taken_before]
    open_after = [b for b in open_after if id(b) not in taken_after]
    scored = []
    for i, a, j, b in _candidates(open_before, open_after):
        if a.key and b.key:
            continue
        matcher = difflib.SequenceMatcher(None, a.title, b.title)
        if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
            score = matcher.ratio()
            if score >= SIMILAR:
                scored.append((-score, i, j, a, b))
    for negative, _, _, a, b in sorted(scored, key=lambda c: c[:3]):
        if id(a) not in taken_before and id(b) not in taken_after:
            take(a, b, "similar", -negative)
    order = {id(f): n for n, f in enumerate(before)}
    matches.sort(key=lambda m: order[id(m.earlier)])
    vanished = tuple(f for f in before if id(f) not in taken_before)
    return Step(earlier, later, tuple(matches), vanished)


# A title is compared with at most this many of the other notice's (the most alike by shared
# character pairs), plus those worded the same apart from figures: enough for the best match
# to be among them, few enough that two notices of 2,000 findings each take a second, not minutes.
CANDIDATES = 8
_IGNORED = re.compile(r"[\s\W_]+")  # spaces and punctuation: not what tells two findings apart
_FIGURES = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万两]+")


def _normal(title: str) -> str:
    """A title as compared: width folded (NFKC), without spaces or punctuation."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", title))


def _pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)} or {text}


def _candidates(before: list, after: list) -> Iterator[tuple[int, object, int, object]]:
    """(i, finding before, j, finding after) for the pairs worth a difflib comparison."""
    pairs_after = [_pairs(_normal(b.title)) for b in after]
    postings: dict[str, list[int]] = defaultdict(list)
    for j, pairs in enumerate(pairs_after):
        for pair in pairs:
            postings[pair].append(j)
    by_wording: dict[str, list[int]] = defaultdict(list)
    for j, b in enumerate(after):
        by_wording[_FIGURES.sub("#", _normal(b.title))].append(j)
    # A pair found in many titles (党支部, 2018) says little about which one is meant, and
    # counting it for every title would make the whole quadratic again.
    common = max(32, int(len(after) ** 0.5))
    for i, a in enumerate(before):
        pairs = _pairs(_normal(a.title))
        rare = [pair for pair in pairs if len(postings.get(pair, ())) <= common]
        shared: Counter[int] = Counter()
        for pair in rare or pairs:  # a title of common pairs only: counted on all of them
            shared.update(postings.get(pair, ()))
        chosen = {j for j, _ in shared.most_common(CANDIDATES)}
        chosen.update(by_wording.get(_FIGURES.sub("#", _normal(a.title)), ())[:CANDIDATES])
        for j in sorted(chosen):
            yield i, a, j, after[j]


def check_series(documents: Iterable[Document], source_of) -> list[Diagnostic]:
    """Warnings about successive notices: backwards, vanished, moved deadlines, guessed matches."""
    out: list[Diagnostic] = []
    for series in build_series(documents):
        for step in series.steps:
            out += _check_step(step, Path(source_of(step.later.id)), Path(source_of(step.earlier.id)))
    return out


def _check_step(step: Step, later_path: Path, earlier_path: Path) -> list[Diagnostic]:
    out = []
    where = {id(f): at for at, f in located_findings(step.later)}
    earlier_where = {id(f): at for at, f in located_findings(step.earlier)}
    name = step.earlier.id
    for m in step.matches:
        at = where.get(id(m.later))
        a, b = m.earlier, m.later
        if m.by == "similar":
            out.append(diag.warning(later_path, f"按标题相似度（{m.score:.0%}）认定为 {name} 中的“{a.title}”；"
                                    "如不是同一问题，请在两份通报中给这两个问题填写不同的 key", None, at,
                                    code="series.similar_match"))
        if a.status and b.status and RANK[b.status] < RANK[a.status]:
            out.append(diag.warning(later_path, f"整改状态倒退：{name} 中为“{a.status.value}”，本通报为“{b.status.value}”",
                                    None, at, code="series.regressed"))
        moved = _moved_without_reason(a, b)
        if moved:
            out.append(diag.warning(later_path, moved, None, f"{at}.deadline" if at else None, code="deadline.moved_unexplained"))
    for finding in step.vanished:
        out.append(diag.warning(earlier_path, f"“{finding.title}”在后一份通报 {step.later.id} 中没有出现（已不再通报？）",
                                None, earlier_where.get(id(finding)), code="series.vanished"))
    return out


def _moved_without_reason(a, b) -> str | None:
    da = a.deadline.date if a.deadline else None
    db = b.deadline.date if b.deadline else None
    if da is None or db is None or da == db or a.deadline.text == b.deadline.text:
        return None  # the same words read on two publication days (计划3月底前) did not move
    if any(r.date == da for r in b.deadline.revisions):
        return None
    return (f"整改时限由“{a.deadline.text}”改为“{b.deadline.text}”，但没有写明调整原因："
            "请在 deadline.revisions 中记下原时限、调整日期和原因")
