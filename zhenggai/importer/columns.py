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
MAX_HEADER_ROWS = 4  # the rows one header may take (整改情况 over 整改措施 | 责任单位 | …)

# What a header cell is made of: a column's words, or the words of a cell grouping columns
# (整改情况 over four, 责任 over 领导 | 科室), short, without a number or a sentence's stop.
_HEADER_WORD = re.compile("|".join(COLUMNS.values()) + r"|备注|目标|内容|要求|说明|单位|部门|科室|时间|领导|责任|牵头"
                          r"|配合|名称|事项|任务|依据|结果|成效|清单|整改|情况|进展|落实|序")
_NOT_A_NAME = re.compile(r"[0-9０-９，。；！？,.;!?]|^[（(]?[一二三四五六七八九十]+[）)、]")
HEADER_CELL = 12  # the most characters of a header cell


def _bare(cell: str) -> str:
    return re.sub(r"\s", "", cell)


def header_word(cell: str) -> bool:
    """Whether a cell reads as a header's (序号, 反馈问题, 整改情况, 单位), not as a row's data."""
    text = _bare(cell)
    return 0 < len(text) <= HEADER_CELL and not _NOT_A_NAME.search(text) and bool(_HEADER_WORD.search(text))


def _words_only(row) -> bool:
    """A row whose every filled cell is a header word (and which has one)."""
    filled = [cell for cell in row if _bare(cell)]
    return bool(filled) and all(header_word(cell) for cell in filled)


def _continues_header(row, above) -> bool:
    """A row of the header below `above`: header words only, and more than one of them or the
    one under a cell spanning from the left (a row spanning the table names a category)."""
    if not _words_only(row):
        return False
    filled = [i for i, cell in enumerate(row) if _bare(cell)]
    if len(filled) > 1:
        return True
    i = filled[0]
    return i < len(above) and not _bare(above[i]) and not isinstance(above[i], Continued) \
        and any(_bare(cell) for cell in above[:i])


def column_names(rows) -> tuple[str, ...]:
    """One name per column from a header of one or more rows: the lowest cell over the column
    (a cell merged down counts where it starts, a cell spanning columns over each of them), or
    its cells top to bottom joined where the lowest alone names no column (责任 over 领导)."""
    width = max((len(row) for row in rows), default=0)
    parts: list[list[str]] = [[] for _ in range(width)]
    for r, row in enumerate(rows):
        for c in range(width):
            cell = row[c] if c < len(row) else ""
            text = _bare(cell)
            if not text and not isinstance(cell, Continued) and any(c < len(low) and _bare(low[c]) for low in rows[r + 1:]):
                text = _spanning(row, c)  # under a cell spanning from the left: it names this column too
            if text:
                parts[c].append(text)
    names = []
    for column in parts:
        lowest = column[-1] if column else ""
        joined = "".join(column)
        named = any(re.search(pattern, lowest) for pattern in COLUMNS.values())
        names.append(lowest if named or not any(re.search(p, joined) for p in COLUMNS.values()) else joined)
    return tuple(names)


def _spanning(row, c: int) -> str:
    """The text of the cell to the left of column `c` that spans over it, if the cells between are
    empty ("" where a span covers them; a `Continued` is a cell of its own merged from above)."""
    for k in range(min(c, len(row)) - 1, -1, -1):
        if isinstance(row[k], Continued):
            return ""
        if _bare(row[k]):
            return _bare(row[k])
    return ""


def header_rows(rows) -> tuple[int, int] | None:
    """(first, end) of a ledger's header among a table's first rows, else None. A header is the
    rows from one whose cells are all header words down to the first data row (a data row has
    a cell that is no header word: a number, a sentence), its columns named by `column_names`;
    or one row whose cells name a ledger's columns, as a header of one row does."""
    for start, row in enumerate(rows[:HEADER_ROWS]):
        if _words_only(row) and sum(1 for cell in row if _bare(cell)) > 1:  # a title row has one cell
            end = start + 1
            while end < len(rows) and end - start < MAX_HEADER_ROWS and _continues_header(rows[end], rows[end - 1]):
                end += 1
            if end - start > 1 and ledger_columns(column_names(rows[start:end])):
                return start, end
        if ledger_columns(tuple(row)):
            return start, start + 1
    return None


def is_header(row) -> bool:
    """A row of header words naming a ledger's columns: the header again, where a table broke over a page."""
    return _words_only(row) and ledger_columns(tuple(row)) is not None


def header_row(rows) -> int | None:
    """The index of a ledger's (first) header row among the first rows of a table, else None."""
    found = header_rows(rows)
    return found[0] if found else None


def split_header(rows) -> tuple[tuple[str, ...], list, list] | None:
    """(the column names, the header's rows, the rows below them) of a ledger table that starts
    with its header (rows above it, such as a title row, left out), else None."""
    found = header_rows(rows)
    if found is None:
        return None
    start, end = found
    return column_names(rows[start:end]), list(rows[start:end]), list(rows[end:])
