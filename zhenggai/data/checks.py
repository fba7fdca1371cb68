"""Checks across the fields of one document and across files: 索引号, unique ids, declared totals."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import DEFAULT_INDEX_NO_PATTERN, Document, Status, Tally
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .source import Loc, dotted, line_of


@dataclass
class FileRecord:
    """What loading one file gave: its document (None when unreadable) and its diagnostics."""

    path: Path
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index_no: str | None = None
    index_line: int | None = None

    @property
    def has_error(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def check_index_no_format(record: FileRecord, pattern: str) -> None:
    if re.fullmatch(pattern, record.index_no or ""):
        return
    example = ",如 114403006955506492/2019-00001" if pattern == DEFAULT_INDEX_NO_PATTERN else ""
    message = f"索引号“{record.index_no}”的格式不符合 zhenggai.yml 中的 index_no_pattern({pattern}){example}"
    record.diagnostics.append(
        diag.error(record.path, message, record.index_line, "metadata.index_no", code="index_no.format")
    )


def check_unique_ids(records: list[FileRecord]) -> None:
    def report(record: FileRecord, doc_id: str, others: str) -> Diagnostic:
        message = f"编号“{doc_id}”重复:{others} 也是这个文件名(编号取自文件名,请改名)"
        return diag.error(record.path, message, code="id.duplicate")

    _report_duplicates(records, lambda r: r.path.stem, report)


def check_unique_index_nos(records: list[FileRecord]) -> None:
    def report(record: FileRecord, index_no: str, others: str) -> Diagnostic:
        message = f"索引号“{index_no}”重复:{others} 也使用了这个索引号"
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
    "categories": "通报声明 {declared} 个方面,正文列出 {listed} 个",
    "problems": "通报声明 {declared} 个问题,正文列出 {listed} 个",
    "tasks": "通报声明 {declared} 个问题表现(整改任务),正文列出 {listed} 个",
    "completed": "通报声明已完成 {declared} 项,正文中标为已完成的有 {listed} 项",
    "basically_completed": "通报声明基本完成 {declared} 项,正文中标为基本完成的有 {listed} 项",
}


# What each declared total is compared with, as a table heading says it.
DECLARED_LABELS = {
    "categories": "方面",
    "problems": "问题",
    "tasks": "问题表现(整改任务)",
    "completed": "已完成",
    "basically_completed": "基本完成",
}


def declared_mismatches(doc: Document, tally: Tally | None = None) -> list[tuple[str, int, int]]:
    """(key of `Declared`, declared, listed) wherever the notice's totals differ from its structure;
    `tally` is `doc.tally()` when the caller has it already."""
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
        if declared is not None and declared != count:
            found.append((key, declared, count))
    return found


def check_declared(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn where the totals the notice declares differ from what its structure lists."""
    found = []
    for key, declared, count in declared_mismatches(doc):
        message = _DECLARED_WORDING[key].format(declared=declared, listed=count)
        loc = ("declared", key)
        found.append(diag.warning(path, message, line_of(loc, lines), dotted(loc), code="totals.mismatch"))
    return found
