"""A table of rectification items (整改台账) in a Word file or a saved page: one problem per row.

Headers are recognised by their words, not their positions: 问题 (or 反馈问题, 问题表现),
整改措施, 责任单位, 完成时限 (整改时限), 整改情况 (完成情况, 整改进展); 序号 is the
numbering. A table without a 问题 column and a 措施 or 情况 column is not a ledger.
"""

from __future__ import annotations

from typing import Any

from .columns import ledger_columns
from .fields import inline_points
from .fold import fold
from .rules import rx, table


def ledger_problems(rows: tuple[tuple[str, ...], ...]) -> list[dict[str, Any]] | None:
    """The problems of a ledger table (its first row the header), or None if it is not one."""
    if len(rows) < 2:
        return None
    columns = ledger_columns(rows[0])
    if columns is None:
        return None
    problems = []
    for row in rows[1:]:
        cell = {key: row[i].strip() if i < len(row) else "" for key, i in columns.items()}
        if not cell.get("title"):
            continue
        problem: dict[str, Any] = {"title": cell["title"]}
        status_text = cell.get("status", "")
        for pattern, info in table("statuses"):
            if pattern.search(fold(status_text)):
                problem["status"] = info["status"]
                break
        if cell.get("deadline"):
            problem["deadline"] = cell["deadline"]
        elif m := rx("deadline").search(fold(status_text)):
            problem["deadline"] = m.group(0)
        if cell.get("responsible"):
            problem["responsible"] = cell["responsible"]
        texts = [t.strip() for t in cell.get("measures", "").split("\n") if t.strip()]
        measures = [part for text in texts for part in inline_points(text)]
        if measures:
            problem["measures"] = measures
        problems.append(problem)
    return problems
