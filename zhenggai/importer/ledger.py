"""A table of rectification items (整改台账) in a Word file or a saved page: one problem per row.

Headers are recognised by their words, not their positions: 问题 (or 反馈问题, 问题表现),
整改措施, 责任单位, 完成时限 (整改时限), 整改情况 (完成情况, 整改进展); 序号 is the
numbering. A table without a 问题 column and a 措施 or 情况 column is not a ledger.
"""

from __future__ import annotations

import re
from typing import Any

from .columns import ledger_columns, second_responsible, unmapped_columns
from .fields import inline_points
from .fold import fold
from .labels import match_label
from .roles import named_status, responsibility, wrapped
from .rules import rx


def ledger_problems(rows: tuple[tuple[str, ...], ...]) -> list[dict[str, Any]] | None:
    """The problems of a ledger table (its first row the header), or None if it is not one."""
    groups = read_ledger(rows)
    return None if groups is None else [problem for _, problems in groups for problem in problems]


def read_ledger(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str | None, list[dict[str, Any]]]] | None:
    """The problems of a ledger table by category, in order: (the 类别/方面 column's text, or
    None without one, [problems]); None when the table is not a ledger.

    A merged cell's text is in its first row only (docx.py, html.py): a row without a category
    continues the category above, a row without a problem continues the problem above (its
    measures, status and deadline are that problem's), so nothing of a merged ledger is lost.
    A 责任单位, 完成时限 or 整改情况 cell merged down over several problems is each one's.
    """
    if len(rows) < 2:
        return None
    columns = ledger_columns(rows[0], rows[1:])
    if columns is None:
        return None
    groups: list[tuple[str | None, list[dict[str, Any]]]] = []
    category: str | None = None
    others, seconds = unmapped_columns(rows[0], rows[1:]), second_responsible(rows[0])
    header = [re.sub(r"\s", "", cell) for cell in rows[0]]
    for row in rows[1:]:
        if [re.sub(r"\s", "", cell) for cell in row] == header:
            continue  # the header again, where Word or the page broke the table over a page
        if (merged := _category_row(row, columns)) is not None:
            category = merged  # 一、政治建设方面 across the whole table: the rows below are its problems
            continue
        cell = {key: row[i].strip() if i < len(row) else "" for key, i in columns.items()}
        if cell.get("title"):  # a 责任单位 or 完成时限 merged down over several problems is each one's
            for key in _SPANNING:
                if key in columns and not cell[key]:
                    cell[key] = _above(row, columns[key])
        # 责任 columns (责任领导 and 责任科室): the leader and the unit, as two such lines of a notice are
        said = [("".join(rows[0][columns["responsible"]].split()), cell.pop("responsible"))] if "responsible" in cell else []
        said += [(name, row[i].strip() or (_above(row, i) if cell.get("title") else "")) for i, name in seconds
                 if i < len(row)]
        cell.update(responsibility(said))
        # A column no field holds (整改目标) is kept as a measure, named.
        extra = "\n".join(f"{name}：{row[i].strip()}" for i, name in others if i < len(row) and row[i].strip())
        if extra:
            cell["measures"] = "\n".join(filter(None, (cell.get("measures", ""), extra)))
        if cell.get("category") and cell["category"] != category:
            category = cell["category"]
        if cell.get("title"):
            if not groups or groups[-1][0] != category:
                groups.append((category, []))
            groups[-1][1].append(_problem(cell["title"]))
        elif not groups or not any(cell.get(k) for k in ("measures", "status", "deadline", "responsible", "leader")):
            continue  # a blank row, or text above the first problem (the header's second line)
        _fill(groups[-1][1][-1], cell)
    return groups


# Columns whose merged cell (docx.Continued) holds for every problem it spans; a merged 问题 or
# 整改措施 cell is one problem's, its rows below continuing it.
_SPANNING = ("responsible", "deadline", "status")


def _above(row: tuple[str, ...], i: int) -> str:
    """The text of the merged cell a continuing cell of `row` belongs to ("" for any other cell)."""
    return getattr(row[i], "above", "").strip() if i < len(row) else ""


_POINT_END = "；，。" + ";,. "  # what closes a point run together with the next
_TITLE_END = "。；" + ";"  # what closes a title cell


def _problem(text: str) -> dict[str, Any]:
    """A problem cell: its first paragraph the title; a second one describing it (具体表现：（1）…；
    （2）…) gives its items, one a point, never glued to the title."""
    title, _, rest = text.partition("\n")
    rest = " ".join(line.strip() for line in rest.split("\n") if line.strip())
    if not rest:
        return {"title": _bare(title)}
    lead = rx("description_lead").match(fold(rest))
    points = inline_points(rest[lead.end():].strip() if lead else rest)
    if not lead and len(points) < 2:
        return {"title": f"{title.strip()}{rest}"}  # one title Word wrapped over two paragraphs
    items = [point.rstrip(_POINT_END) for point in points]
    return {"title": _bare(title), "items": [{"title": item} for item in items if item]}


def _bare(title: str) -> str:
    """A problem cell's title as a paragraph gives it: without its closing stop or the wrapper
    around it (关于“X”的问题)."""
    title = title.strip().rstrip(_TITLE_END)
    found = wrapped(fold(title), "problem")
    return title[found.start:found.end].strip() if found and found.template else title


def _points(line: str) -> list[str]:
    """1.A；2.B in one line of a cell: the points; else the line, its typed number left out."""
    points = inline_points(line)
    return points if len(points) > 1 else inline_points(_unlabelled(line))


def _unlabelled(text: str) -> str:
    """A measure typed in a cell with its number (1．修订…): the site numbers measures itself."""
    label = match_label(fold(text))
    return text[label.length:].strip() if label and label.kind is None else text


def _category_row(row: tuple[str, ...], columns: dict[str, int]) -> str | None:
    """The category a row spanning the table names (a merged cell keeps its text in its first
    cell), without its label and 方面 wrapper; None for any other row."""
    filled = [i for i, text in enumerate(row) if text.strip()]
    if len(filled) != 1 or len(row) < 3 or filled[0] not in (0, columns.get("title")):
        return None
    text = row[filled[0]].strip()
    if not 2 <= len(text) <= 60 or text.isdigit():
        return None
    label = match_label(fold(text))
    text = text[label.length:].strip() if label else text
    found = wrapped(fold(text), "category")
    return text[found.start:found.end] if found else text


def _fill(problem: dict[str, Any], cell: dict[str, str]) -> None:
    """Add one row's measures, status, deadline and responsible unit to `problem`."""
    status_text = cell.get("status", "")
    if "status" not in problem and (status := named_status(fold(status_text))):
        problem["status"] = status
    if "deadline" not in problem:
        if cell.get("deadline"):
            problem["deadline"] = cell["deadline"]
        elif m := rx("deadline").search(fold(status_text)):
            problem["deadline"] = m.group(0)
    for key in ("responsible", "leader"):
        if cell.get(key) and key not in problem:
            problem[key] = cell[key]
    # 1.A；2.B in one line of a cell: the points; else the line, its typed number left out
    measures = [part for t in cell.get("measures", "").split("\n") if t.strip() for part in _points(t.strip())]
    if measures:
        problem["measures"] = problem.get("measures", []) + measures
