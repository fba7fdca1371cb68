"""Phase six: the draft checked against itself, so that the import knows where it may be wrong.

A wrong structure usually shows: a problem "title" that swallowed its measures (long, holding
一是 or 整改情况, or a full stop mid-text); labels that skip or repeat a number; a category
with no problems; one problem without measures among siblings that have them; declared
totals that do not match what was found. Each becomes a structural doubt at its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .doubts import Doubt
from .fold import fold
from .outline import Node
from .roles import Roles, status_group
from .rules import rx

TITLE_MAX = 70  # characters: real problem titles are one sentence, rarely longer


def check_draft(sections: list[dict[str, Any]], declared: dict[str, Any], lines: dict[int, int],
                root: Node, roles: Roles, declared_lines: dict[str, int]) -> list[Doubt]:
    """Structural doubts about the draft's body."""
    doubts = list(_body_missing(sections, root))
    doubts += _titles(sections, lines)
    marked = {id(d.about) for d in doubts}
    doubts += [d for d in _measureless(sections, lines) if id(d.about) not in marked]  # one mark a problem
    doubts += _unread_findings(sections, lines)
    doubts += _sequences(root, roles)
    doubts += _totals(sections, declared, declared_lines)
    return doubts


OPENING_MAX = 3  # paragraphs: an opening longer than this with no body after it is a body not recognised


def _body_missing(sections, root: Node) -> Iterator[Doubt]:
    """No part read at all, while the "opening" runs on with short lines like headings among it:
    the body's headings were not recognised (a summary notice of whole sentences is not doubted)."""
    headings = [p for p in root.paragraphs[1:] if len(p.view) <= 40 and not p.view.endswith(("。", "；", "：", "！"))]
    if not sections and len(root.paragraphs) > OPENING_MAX and headings:
        yield Doubt(f"没有读出通报的任何部分，开头读出了 {len(root.paragraphs)} 段：正文的标题和编号可能没有识别出来，"
                    "请对照原文分出各部分", root.paragraphs[OPENING_MAX].number, path=("opening",), structural=True,
                    code="import.body_missing")


def problems_of(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        for category in section.get("categories", ()):
            yield from category.get("problems", ())
        yield from problems_of(section.get("sections", ()))


def _titles(sections, lines) -> Iterator[Doubt]:
    for problem in problems_of(sections):
        for finding in (problem, *problem.get("items", ())):
            reason = title_doubt(finding.get("title", ""))
            if reason:
                line = lines.get(id(finding))
                if rx("answering_clause").match(fold(finding.get("title", ""))):
                    yield Doubt(reason, line, about=finding, key="title", structural=True,
                                code="import.title_as_measure")
                elif rx("title_as_category").search(fold(finding.get("title", ""))):
                    yield Doubt(reason, line, about=finding, key="title", structural=True,
                                code="import.title_as_category")
                else:
                    yield Doubt(reason, line, about=finding, key="title", structural=True, code="import.title_merged")


def title_doubt(title: str) -> str | None:
    """Why a problem's title looks like more than a title, or None."""
    view = fold(title)
    if rx("title_with_measures").search(view):
        return "问题标题中含有“一是”或“整改情况”，可能把整改措施并进了标题"
    if rx("title_with_sentences").search(view):
        return "问题标题中间有句号，可能把问题的说明或整改措施并进了标题"
    if rx("answering_clause").match(view):
        return "问题标题以“针对……问题，”开头，像是一条整改措施，可能把整改措施读成了问题"
    if rx("title_as_category").search(view):
        return "问题标题像是一个方面的名称，可能把方面读成了问题（其下的内容读成了整改措施）"
    if len(view) > TITLE_MAX:
        return f"问题标题有 {len(view)} 字，可能把问题的说明或整改措施并进了标题"
    return None


def _measureless(sections, lines) -> Iterator[Doubt]:
    for section in sections:
        for category in section.get("categories", ()):
            problems = category.get("problems", ())
            with_measures = [p for p in problems if p.get("measures") or p.get("items")]
            if len(problems) < 3 or len(with_measures) * 2 < len(problems):
                continue
            for problem in problems:
                if not (problem.get("measures") or problem.get("items")):
                    yield Doubt("这个问题下没有读出整改措施，而同一方面的其他问题都有", lines.get(id(problem)),
                                about=problem, key="title", structural=True, code="import.measures_missing")
        yield from _measureless(section.get("sections", ()), lines)


def _unread_findings(sections, lines) -> Iterator[Doubt]:
    """A rectification part that lists no problem while its paragraphs say 整改情况：…: its problems
    were written in a way the import did not recognise."""
    for section in _all(sections):
        if "categories" in section and not any(c.get("problems") for c in section["categories"]):
            points = [" ".join(str(p.get(k, "")) for k in ("title", "text")) if isinstance(p, dict) else str(p)
                      for p in section.get("points", ())]  # 一是X。整改情况：… read as a point
            if any(rx("status_lead").match(fold(p)) for p in section.get("paragraphs", ())) \
                    or any(rx("status_lead").match(fold(t)) or rx("status_lead_inside").search(fold(t)) for t in points):
                yield Doubt("这一部分的段落中写有“整改情况：”等，却没有读出问题：请对照原文把各个问题和整改措施分开",
                            lines.get(id(section)), about=section, key="paragraphs", structural=True,
                            code="import.findings_unread")
            elif section.get("paragraphs") and not any(True for _ in problems_of(sections)):
                # the part on the findings' rectification holds text, and the notice no problem at all
                yield Doubt("这一部分是反馈问题的整改情况，却没有读出任何问题：请对照原文把各个问题和整改措施分开",
                            lines.get(id(section)), about=section, key="paragraphs", structural=True,
                            code="import.findings_unread")


def _sequences(root: Node, roles: Roles) -> Iterator[Doubt]:
    """Labels of one style under one parent that skip or repeat a number (continuous numbering,
    which goes on from the previous parent, is not a skip)."""
    last: dict[str, int] = {}
    for node in root.walk():
        runs: dict[str, list[Node]] = {}
        for child in node.children:
            if child.style and child.number:  # a heading or a line led by its own word has no number
                runs.setdefault(child.style, []).append(child)
        for style, run in runs.items():
            first = run[0].number
            if first != 1 and first != last.get(style, 0) + 1:
                yield Doubt(f"编号从 {run[0].label_text.strip()} 开始，前面可能漏了内容", run[0].line, structural=True,
                            about=None, code="import.numbering_start")
            for previous, child in zip(run, run[1:]):
                if child.number != previous.number + 1:
                    word = "重复" if child.number == previous.number else "不连续"
                    yield Doubt(f"编号{word}：{previous.label_text.strip()}之后是{child.label_text.strip()}",
                                child.line, structural=True, code="import.numbering_sequence")
            last[style] = run[-1].number


def _totals(sections, declared, declared_lines) -> Iterator[Doubt]:
    problems = list(problems_of(sections))
    # a group by status (已整改完成的问题) is no 方面 of the findings: not counted against 3个方面
    categories = [c for s in _all(sections) for c in s.get("categories", ())
                  if c.get("title") and not status_group(fold(c["title"]))]
    found = {
        "categories": len(categories),
        "problems": len(problems),
        "measures": sum(len(f.get("measures", ())) for p in problems for f in (p, *p.get("items", ()))),
    }
    if not problems:
        yield from _none_found(sections, declared, declared_lines)
        return
    for key, count in found.items():
        value = declared.get(key)
        if value is not None and count and value != count:
            word = {"categories": "个方面", "problems": "个问题", "measures": "条措施"}[key]
            yield Doubt(f"通报声明 {value}{word}，草稿读出 {count}{word}；请核对是否漏读或多读",
                        declared_lines.get(key), path=("declared", key), structural=True, code="import.totals_mismatch")


def _none_found(sections, declared, declared_lines) -> Iterator[Doubt]:
    """A notice that declares its problems while the draft lists none: a summary notice may do
    so, but a part headed as a list of problems (具体问题整改情况) whose items were read as plain
    paragraphs (a table of unknown columns, an unfamiliar layout) makes the structure doubtful."""
    value = declared.get("problems")
    if not value:
        return
    listed = any("问题" in fold(s.get("heading") or "") and s.get("paragraphs") for s in _all(sections))
    line = declared_lines.get("problems")
    if listed:
        yield Doubt(f"通报声明 {value}个问题，草稿中没有读出逐个列出的问题；标题写着问题的那一部分可能逐个写了问题"
                    "（包括在表格中），却读成了段落：请核对原文是否逐个列出了问题", line, path=("declared", "problems"),
                    structural=True, code="import.problems_not_found")
    else:
        yield Doubt(f"通报声明 {value}个问题，草稿中没有读出逐个列出的问题：请核对原文是否逐个列出了问题", line,
                    path=("declared", "problems"), code="import.problems_summary")


def _all(sections) -> Iterator[dict]:
    for section in sections:
        yield section
        yield from _all(section.get("sections", ()))
