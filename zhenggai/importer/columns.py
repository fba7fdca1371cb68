"""Which column of a table holds what, by the words of its header: a ledger's (整改台账).

Its own module, importing nothing of the importer: the readers (html.py) pick out ledger
tables by it before any phase runs, and ledger.py reads their rows by it.
"""

from __future__ import annotations

import re


class Continued(str):
    """An empty cell continuing a vertical merge (a Word cell's w:vMerge, a page's rowspan): ""
    as text, `above` the text of the merged cell, which is shown across every row it spans."""

    above: str

    def __new__(cls, above: str) -> Continued:
        cell = super().__new__(cls, "")
        cell.above = above
        return cell

# Tried in this order for each header cell: 问题类别 names the category, not the problem.
COLUMNS = {
    "category": r"类别|类型|方面|领域|板块",
    "title": r"问题|反馈问题|问题表现|存在问题",
    "measures": r"整改措施|措施|整改举措",
    "responsible": r"责任(?:单位|部门|科室|处室|股室|领导|人)|牵头(?:单位|部门|处室|股室|领导)",
    "deadline": r"(?:完成|整改)时限|时限|完成时间",
    "status": r"整改(?:情况|进展|进度|状态)|完成情况|进展情况|^(?:目前|当前)?(?:进展|进度|状态)$",
    "number": r"^序号$|^编号$",
}


def ledger_columns(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...] = ()) -> dict[str, int] | None:
    """Which column holds what, or None when `header` is not a ledger's. Without a column named
    for the category, a column before the problems whose cells are merged down over several of
    its `rows` (the data rows) groups them, whatever its name (整改任务, 巡察反馈): the category."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = re.sub(r"\s", "", cell)
        for key, pattern in COLUMNS.items():
            if key not in found and re.search(pattern, text):
                found[key] = index
                break
    if not ("title" in found and ("measures" in found or "status" in found)):
        return None
    if "category" not in found:
        merged = [i for i in range(found["title"]) if i not in found.values()
                  and any(i < len(row) and isinstance(row[i], Continued) for row in rows)]
        if merged:
            found["category"] = merged[0]
    return found


def unmapped_columns(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...] = ()) -> list[tuple[int, str]]:
    """(index, name) of a ledger's columns no field holds (整改目标): their cells go into the
    measures under their name, and the draft says so."""
    columns = ledger_columns(header, rows) or {}
    seconds = set(second_responsible(header))
    return [(i, re.sub(r"\s", "", name)) for i, name in enumerate(header)
            if i not in columns.values() and re.sub(r"\s", "", name) and (i, re.sub(r"\s", "", name)) not in seconds]


def second_responsible(header: tuple[str, ...]) -> list[tuple[int, str]]:
    """(index, name) of the 责任 columns after the first (责任领导 then 责任科室): kept with it."""
    columns = ledger_columns(header) or {}
    return [(i, re.sub(r"\s", "", name)) for i, name in enumerate(header)
            if i not in columns.values() and re.search(COLUMNS["responsible"], re.sub(r"\s", "", name))]


HEADER_ROWS = 3  # a ledger's header within its first rows: a title row (某局巡察整改台账) may come first


def header_row(rows) -> int | None:
    """The index of a ledger's header among the first rows of a table, else None."""
    return next((i for i, row in enumerate(rows[:HEADER_ROWS]) if ledger_columns(tuple(row))), None)
