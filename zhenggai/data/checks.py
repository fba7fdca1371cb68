"""Checks across the fields of one document and across files: 索引号, unique ids, declared totals,
and careless input the model accepts: a missing status, typed numbering, dates out of order."""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..clock import Clock
from ..model import DEADLINE_TIME_RE, DEFAULT_INDEX_NO_PATTERN, Document, Item, Problem, Section, Status, Tally, read_deadline_as, walk_categories
from ..numbering import NumberedPoint, number_document
from ..text import halfwidth_marks
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .source import Loc, dotted, line_of, text_values
from .table import read_table


@dataclass
class FileRecord:
    """What loading one file gave: its document (None when unreadable) and its diagnostics."""

    path: Path
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index_no: str | None = None
    index_line: int | None = None
    published_line: int | None = None
    # The lines of the dates judged against the build's day: change notes and the withdrawal.
    dated_lines: dict[Loc, int] = field(default_factory=dict)
    texts: tuple[tuple[int, int], ...] = ()  # the body's texts, for duplicates.py (digest, length)

    @property
    def has_error(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def check_index_no_format(record: FileRecord, pattern: str) -> None:
    # ASCII: a pattern's \d means 0-9, as the model's patterns do (other scripts' digits are no 索引号).
    if re.fullmatch(pattern, record.index_no or "", re.ASCII):
        return
    example = "，如 114403006955506492/2019-00001" if pattern == DEFAULT_INDEX_NO_PATTERN else ""
    message = f"索引号“{record.index_no}”的格式不符合 zhenggai.yml 中的 index_no_pattern（{pattern}）{example}"
    record.diagnostics.append(
        diag.error(record.path, message, record.index_line, "metadata.index_no", code="index_no.format")
    )


def check_unique_ids(records: list[FileRecord]) -> None:
    def report(record: FileRecord, doc_id: str, others: str) -> Diagnostic:
        message = f"编号“{doc_id}”重复：{others} 也是这个文件名（编号取自文件名，请改名）"
        return diag.error(record.path, message, code="id.duplicate")

    _report_duplicates(records, lambda r: r.path.stem, report)


def check_unique_index_nos(records: list[FileRecord]) -> None:
    def report(record: FileRecord, index_no: str, others: str) -> Diagnostic:
        message = f"索引号“{index_no}”重复：{others} 也使用了这个索引号"
        return diag.error(record.path, message, record.index_line, "metadata.index_no", code="index_no.duplicate")

    _report_duplicates(records, lambda r: r.index_no, report)


def _report_duplicates(
    records: list[FileRecord],
    value_of: Callable[[FileRecord], str | None],
    report: Callable[[FileRecord, str, str], Diagnostic],
) -> None:
    """Give every file sharing a value with another file an error naming the others."""
    groups: dict[str, list[FileRecord]] = defaultdict(list)
    for record in records:
        value = value_of(record)
        if value:
            groups[value].append(record)
    for value, same in groups.items():
        for record in same if len(same) > 1 else ():
            others = "、".join(str(r.path) for r in same if r is not record)
            record.diagnostics.append(report(record, value, others))


_DECLARED_WORDING = {
    "categories": "通报声明 {declared} 个方面，正文列出 {listed} 个",
    "problems": "通报声明 {declared} 个问题，正文列出 {listed} 个",
    "tasks": "通报声明 {declared} 个问题表现（整改任务），正文列出 {listed} 个",
    "completed": "通报声明已完成 {declared} 项，正文中标为已完成的有 {listed} 项",
    "basically_completed": "通报声明基本完成 {declared} 项，正文中标为基本完成的有 {listed} 项",
}


# What each declared total is compared with, as a table heading says it.
DECLARED_LABELS = {
    "categories": "方面",
    "problems": "问题",
    "tasks": "问题表现（整改任务）",
    "completed": "已完成",
    "basically_completed": "基本完成",
}


def declared_comparisons(doc: Document, tally: Tally | None = None) -> list[tuple[str, int, int]]:
    """(key of `Declared`, declared, listed) for each total the notice declares that its structure
    can be counted against; `tally` is `doc.tally()` when the caller has it already."""
    if doc.declared is None:
        return []
    tally = tally or doc.tally()
    listed = {"categories": tally.categories, "problems": tally.problems}
    if tally.items:
        listed["tasks"] = tally.items
    if tally.with_status:
        listed["completed"] = tally.count(Status.COMPLETED)
        listed["basically_completed"] = tally.count(Status.BASICALLY_COMPLETED)
    # Measures are not compared: the declared number counts the 整改措施 of the ledger
    # (台账, e.g. 113 in seed 001), while the notice only summarises them as 一是/二是
    # points, so the two are different things and a mismatch means nothing.
    found = []
    for key, count in listed.items():
        declared = getattr(doc.declared, key)
        if declared is not None:
            found.append((key, declared, count))
    return found


def declared_mismatches(doc: Document, tally: Tally | None = None) -> list[tuple[str, int, int]]:
    """(key of `Declared`, declared, listed) wherever the notice's totals differ from its structure."""
    return [(key, declared, count) for key, declared, count in declared_comparisons(doc, tally) if declared != count]


def check_declared(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn where the totals the notice declares differ from what its structure lists."""
    found = []
    for key, declared, count in declared_mismatches(doc):
        message = _DECLARED_WORDING[key].format(declared=declared, listed=count)
        loc = ("declared", key)
        found.append(diag.warning(path, message, line_of(loc, lines), dotted(loc), code="totals.mismatch"))
    return found


def check_careless(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """What the model accepts but staff did not mean: see the checks below."""
    return [*check_dates(doc, lines, path), *check_statuses(doc, lines, path), *check_typed_numbering(doc, lines, path),
            *check_deadlines(doc, lines, path), *check_deadline_dates(doc, lines, path)]


def check_deadlines(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn at each deadline whose date was read on an assumption (no year, several dates), saying
    which date was taken (deadline.guessed), and at each that names a time (本月底前, 2025年完成)
    but gives no date that could be read: the site cannot tell whether it has passed."""
    found = []
    for loc, finding in _findings(doc):
        deadline = finding.deadline
        if deadline is None:
            continue
        where = line_of((*loc, "deadline"), lines), dotted((*loc, "deadline"))
        reading = read_deadline_as(deadline.text, doc.metadata.published)
        if reading.assumed and reading.date == deadline.date and (*loc, "deadline", "date") not in lines:
            found.append(diag.warning(path, f"整改时限“{deadline.text}”{reading.assumed}：请核对。不对时，请在原文写明"
                                            "年份，或在 deadline 下填写 date", *where, code="deadline.guessed"))
        elif deadline.date is None and DEADLINE_TIME_RE.search(deadline.text) \
                and not _names_impossible(deadline.text):  # a day that does not exist: deadline.impossible_date says so
            found.append(diag.warning(path, f"整改时限“{deadline.text}”读不出日期：网站无法判断是否逾期。"
                                            "请写明到期的年月（如“2025年6月底前”“2025年底前”），或在 deadline 下填写 date",
                                      *where, code="deadline.unread"))
    return found


# A date written out in a deadline (计划2023年2月29日前完成, 2023年6月底): year, month and the day when given.
_WRITTEN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")


def check_deadline_dates(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn at each deadline (and each earlier deadline of its revisions) naming a day that does
    not exist (2023年2月29日, 2023年13月): no date can be read from it, so the finding is
    judged as one without a deadline, and the staff member meant some other day."""
    found = []
    for loc, finding in _findings(doc):
        if finding.deadline is None:
            continue
        texts = [((*loc, "deadline", "text"), finding.deadline.text)]
        texts += [((*loc, "deadline", "revisions", n, "text"), r.text) for n, r in enumerate(finding.deadline.revisions)]
        for at, text in texts:
            for match in _WRITTEN_DATE.finditer(text):
                problem = _impossible(*(int(g) if g else None for g in match.groups()))
                if problem:
                    field = at if at in lines or at[-2:-1] != ("deadline",) else at[:-1]  # `deadline: 计划…` has no text key
                    message = (f"整改时限中的“{match.group()}”不是实际存在的日期（{problem}）：请核对时限；"
                               "网站按时限的日期判断是否逾期，写错的日期读不出来")
                    found.append(diag.warning(path, message, line_of(at, lines), dotted(field),
                                              code="deadline.impossible_date"))
    return found


def _names_impossible(text: str) -> bool:
    return any(_impossible(*(int(g) if g else None for g in m.groups())) for m in _WRITTEN_DATE.finditer(text))


def _impossible(year: int, month: int, day: int | None) -> str | None:
    """Why year/month/day is no day of the calendar, or None when it is one."""
    if not 1 <= month <= 12:
        return "一年只有 12 个月"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if day is not None and not 1 <= day <= days:
        return f"{year}年{month}月只有 {days} 天"
    return None


def check_dates(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """An error for each date that cannot come after the publication: 成文日期, 落款日期, 反馈日期."""
    published = doc.metadata.published
    dates = (
        (("metadata", "written"), "成文日期", doc.metadata.written),
        (("signature", "date"), "落款日期", doc.signature.date if doc.signature else None),
        (("inspection", "feedback"), "巡察反馈日期", doc.inspection.feedback if doc.inspection else None),
    )
    later = [(loc, name, date) for loc, name, date in dates if date is not None and date > published]
    return [
        diag.error(path, f"{name} {date} 晚于发布日期 {published}", line_of(loc, lines), dotted(loc), code="date.order")
        for loc, name, date in later
    ]


def check_future(record: FileRecord, clock: Clock) -> None:
    """An error for each date after the build's day: the publication (a typo such as 2091, or a
    notice committed before its day: it would be on the site before it was published), a
    change note or a withdrawal (printed into the permanent PDF as if it had happened).

    The day is the clock's (zhenggai/clock.py), not `as_of`, which may be set in the past to
    show overdue as it stood then."""
    day, name = clock.day, clock.name
    doc = record.document
    if doc is None:
        return
    if doc.metadata.published > day:
        message = f"发布日期 {doc.metadata.published} 晚于{name}（{day}）：发布日期不能在将来"
        record.diagnostics.append(
            diag.error(record.path, message, record.published_line, "metadata.published", code="date.future")
        )
    dated = [(("changes", n, "date"), "更正日期", change.date) for n, change in enumerate(doc.changes)]
    if doc.withdrawn is not None:
        dated.append((("withdrawn", "date"), "撤回日期", doc.withdrawn.date))
    for loc, what, date in dated:
        if date > day:
            record.diagnostics.append(diag.error(
                record.path, f"{what} {date} 晚于{name}（{day}）：日期不能在将来", record.dated_lines.get(loc),
                dotted(loc), code="date.future"))


def check_statuses(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn at each finding without a status when others in the document have one: it would
    show no status badge and drop out of the completion totals."""
    findings = list(_findings(doc))
    given = sum(f.status is not None for _, f in findings)
    if not given or given == len(findings):
        return []
    message = (
        f"没有填写整改状态（status），而本文件有 {given} 个问题填写了："
        "这一项在网页上没有状态标签，也不计入完成情况的统计"
    )
    return [
        diag.warning(path, message, line_of(loc, lines), dotted((*loc, "status")), code="status.missing")
        for loc, finding in findings
        if finding.status is None
    ]


def check_typed_numbering(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn at each heading, title or point that starts with numbering typed by hand: the site
    and the PDF number by position, so it would show twice (“（二）1.‘三重一大’…”)."""
    if not any(typed_numbering().match(text) for text in _labelled_texts(doc.sections) if text):
        return []  # most documents: no need to number them to know which texts are labelled
    found = []
    for loc, text in _numbered_texts(doc, lines):
        match = typed_numbering().match(text)
        if match:
            message = (
                f"开头的“{match.group()}”像是手写的编号：网页和 PDF 按位置自动编号，"
                "手写的编号会重复显示，请删去"
            )
            found.append(diag.warning(path, message, line_of(loc, lines), dotted(loc), code="numbering.typed"))
    return found


@cache
def typed_numbering() -> re.Pattern[str]:
    """Numbering typed at the start of a text (the patterns of tables/numbering.yml)."""
    table = read_table("numbering")
    return re.compile("|".join(f"(?:{p.replace('{numeral}', table['numeral'])})" for p in table["patterns"]))


def _findings(doc: Document) -> Iterator[tuple[Loc, Problem | Item]]:
    """Every finding with its path, as `Document.findings()`: a problem's items, else the problem."""
    for at, category in walk_categories(doc.sections):
        for p, problem in enumerate(category.problems):
            loc = (*at, "problems", p)
            if problem.items:
                yield from (((*loc, "items", i), item) for i, item in enumerate(problem.items))
            else:
                yield loc, problem


def _labelled_texts(sections: tuple[Section, ...]) -> Iterator[str | None]:
    """Every text `_numbered_texts` may give, labelled or not: a first look without numbering."""
    for section in sections:
        yield section.heading
        yield from _point_texts_only(section.points)
        yield from _labelled_texts(section.sections)
        for category in section.categories:
            yield category.title
            for problem in category.problems:
                yield problem.title
                yield from _point_texts_only(problem.measures)
                for item in problem.items:
                    yield item.title
                    yield from _point_texts_only(item.measures)


def _point_texts_only(points) -> Iterator[str | None]:
    for point in points:
        yield point.title or point.text
        yield from _point_texts_only(point.points)


def _numbered_texts(doc: Document, lines: dict[Loc, int]) -> Iterator[tuple[Loc, str]]:
    """Every text the outputs put a label in front of, with its path (labels from numbering.py)."""
    pending = [(("sections", i), numbered) for i, numbered in enumerate(number_document(doc))]
    while pending:
        at, ns = pending.pop(0)
        if ns.label and ns.section.heading is not None:
            yield (*at, "heading"), ns.section.heading
        yield from _point_texts(ns.points, (*at, "points"), lines)
        pending.extend(((*at, "sections", i), sub) for i, sub in enumerate(ns.sections))
        for c, nc in enumerate(ns.categories):
            if nc.label:
                yield (*at, "categories", c, "title"), nc.category.title
            for p, np in enumerate(nc.problems):
                loc = (*at, "categories", c, "problems", p)
                if np.label:
                    yield (*loc, "title"), np.problem.title
                yield from _point_texts(np.measures, (*loc, "measures"), lines)
                for i, ni in enumerate(np.items):
                    if ni.label:
                        yield (*loc, "items", i, "title"), ni.item.title
                    yield from _point_texts(ni.measures, (*loc, "items", i, "measures"), lines)


def _point_texts(points: tuple[NumberedPoint, ...], at: Loc, lines: dict[Loc, int]) -> Iterator[tuple[Loc, str]]:
    # A list of one point usually has no label (it often runs 一是…二是… inside its text).
    for i, numbered in enumerate(points):
        loc, point = (*at, i), numbered.point
        if numbered.label and (point.title or point.text):
            name = "title" if point.title else "text"
            field = (*loc, name) if (*loc, name) in lines else loc  # `- 一是…` is the text itself
            yield field, point.title or point.text
        yield from _point_texts(numbered.points, (*loc, "points"), lines)


def check_punctuation(data: object, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """One warning for a file whose Chinese sentences hold half-width , : ; ( ): GB/T 15834 wants
    them full-width, and in the justified PDF a half-width mark leaves a visible gap."""
    marked = [(loc, text, marks) for loc, text in text_values(data) if (marks := halfwidth_marks(text))]
    if not marked:
        return []
    found = [(loc, text, marks[0]) for loc, text, marks in marked]
    count = sum(len(marks) for _, _, marks in marked)
    loc, text, at = found[0]
    context = text[max(0, at - 8):at + 9]
    others = sorted({line for line in (line_of(other, lines) for other, _, _ in found[1:]) if line})
    more = f"，另见第 {'、'.join(map(str, others[:5]))} 行{'等' if len(others) > 5 else ''}" if others else ""
    message = (
        # The half-width marks are named with spaces around them: no Chinese character touches them.
        f"中文句子中有 {count} 个半角标点（ , : ; ( ) ），如“{context}”{more}：应改为全角的“，：；（）”"
        "（GB/T 15834），半角标点夹在汉字中间显得挤，字距不匀；运行 zhenggai punctuation 文件 可自动改正"
    )
    return [diag.warning(path, message, line_of(loc, lines), dotted(loc), code="punct.halfwidth")]


