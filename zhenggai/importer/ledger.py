"""A table of rectification items (整改台账) in a Word file or a saved page: one problem per row.

Headers are recognised by their words, not their positions: 问题 (or 反馈问题, 问题表现),
整改措施, 责任单位, 完成时限 (整改时限), 整改情况 (完成情况, 整改进展); 序号 is the
numbering. A table without a 问题 column and a 措施 or 情况 column is not a ledger.
"""

from __future__ import annotations

import re
from typing import Any

from .columns import is_header, ledger_columns, second_responsible, split_header, unmapped_columns
from .doubts import Doubt
from .fields import inline_points
from .fold import fold
from .labels import match_label
from .roles import named_status, responsibility, wrapped
from .rules import rx, table


def ledger_problems(rows: tuple[tuple[str, ...], ...]) -> list[dict[str, Any]] | None:
    """The problems of a ledger table (its header first), or None if it is not one."""
    groups = read_ledger(rows)
    return None if groups is None else [problem for _, problems in groups for problem in problems]


def read_ledger(rows: tuple[tuple[str, ...], ...], doubts: list[Doubt] | None = None,
                wrappers: dict[str, str] | None = None,
                left: list[str] | None = None) -> list[tuple[str | None, list[dict[str, Any]]]] | None:
    """The problems of a ledger table by category, in order: (the 类别/方面 column's text, or
    None without one, [problems]); None when the table is not a ledger.

    The header may take several rows (整改情况 over 整改措施 | 责任单位 | …: `columns.split_header`
    names each column by the lowest cell over it). A merged cell's text is in its first row only
    (docx.py, html.py): a row without a category continues the category above, a row without a
    problem continues the problem above (its measures, status and deadline are that problem's),
    so nothing of a merged ledger is lost. A 责任单位, 完成时限 or 整改情况 cell merged down over
    several problems is each one's. Where the table broke over a page, its 续表 line and the header
    again are skipped. What a 完成情况 cell says beside the status (正在推进，已完成X) is kept and said
    in `doubts`; the wrapper a category was written in (X方面, a row spanning the table or a 类别
    cell) is kept in `wrappers` by its title. A column no header names is read into nothing: its
    cells go to `left`, whole, and `doubts` says so (the draft's structure is in doubt).
    """
    split = split_header(rows)
    if split is None or not split[2]:
        return None
    header, header_lines, data = split
    columns = ledger_columns(header, tuple(data))
    if columns is None:
        return None
    groups: list[tuple[str | None, list[dict[str, Any]]]] = []
    category: str | None = None
    others, seconds = unmapped_columns(header, tuple(data)), second_responsible(header)
    status_name = header[columns["status"]] if "status" in columns else "完成情况"
    again = {_bare_row(row) for row in header_lines} | {header}
    read = set(columns.values()) | {i for i, _ in others} | {i for i, _ in seconds}
    unread: dict[int, list[str]] = {}
    for row in data:
        if _bare_row(row) in again or is_header(row) or _continued_table(row):
            continue  # the header again, or 续表, where Word or the page broke the table over a page
        if (merged := _category_row(row, columns)) is not None:
            category, template = merged  # 一、政治建设方面 across the whole table: the rows below are its problems
            if template and wrappers is not None:
                wrappers[category] = template
            continue
        for i, text in enumerate(row):
            if i not in read and text.strip():
                unread.setdefault(i, []).append(text.strip())
        cell = {key: row[i].strip() if i < len(row) else "" for key, i in columns.items()}
        if cell.get("title"):  # a 责任单位 or 完成时限 merged down over several problems is each one's
            for key in _SPANNING:
                if key in columns and not cell[key]:
                    cell[key] = _above(row, columns[key])
        # 责任 columns (责任领导 and 责任科室): the leader and the unit, as two such lines of a notice are
        said = [(header[columns["responsible"]], cell.pop("responsible"))] if "responsible" in cell else []
        said += [(name, row[i].strip() or (_above(row, i) if cell.get("title") else "")) for i, name in seconds
                 if i < len(row)]
        cell.update(responsibility(said))
        # A column no field holds (整改目标) is kept as a measure, named.
        extra = "\n".join(f"{name}：{row[i].strip()}" for i, name in others if i < len(row) and row[i].strip())
        if extra:
            cell["measures"] = "\n".join(filter(None, (cell.get("measures", ""), extra)))
        if cell.get("category"):  # 党的政治建设方面 in a 类别 cell: titled as a category row's (and a line's) is
            title, template = _category_title(cell["category"])
            if template and wrappers is not None:
                wrappers[title] = template
            if title != category:
                category = title
        if cell.get("title"):
            if not groups or groups[-1][0] != category:
                groups.append((category, []))
            groups[-1][1].append(_problem(cell["title"]))
        elif not groups or not any(cell.get(k) for k in ("measures", "status", "deadline", "responsible", "leader")):
            continue  # a blank row, or text above the first problem
        _fill(groups[-1][1][-1], cell, status_name, doubts)
    if unread:
        if left is not None:
            left += [text for texts in unread.values() for text in texts]
        if doubts is not None:
            where = "、".join(f"第 {i + 1} 列" for i in sorted(unread))
            doubts.append(Doubt(f"台账表格{where}没有表头（或表头没有读懂），读不出这一列是整改措施、时限还是完成情况："
                                "这一列的内容没有放入草稿，已逐格列在报告的“未能放入草稿的内容”中；请对照原表核对表头，"
                                "把这些内容放到相应问题中", structural=True, code="import.ledger_columns_unread"))
    return groups


def _bare_row(row) -> tuple[str, ...]:
    return tuple(re.sub(r"\s", "", cell) for cell in row)


# 续表, （续表）, 续上表, or the table's title again with （续）: where a table went on over a page
_CONTINUED = re.compile(r"^(?:[（(]?续(?:上)?表[）)]?\d*[：:]?|.{0,40}[（(]续表?[）)])$")


def _continued_table(row: tuple[str, ...]) -> bool:
    filled = {re.sub(r"\s", "", cell) for cell in row if cell.strip()}
    return len(filled) == 1 and bool(_CONTINUED.match(filled.pop()))


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


def _category_row(row: tuple[str, ...], columns: dict[str, int]) -> tuple[str, str | None] | None:
    """The category a row spanning the table names (a merged cell keeps its text in its first
    cell), without its label and 方面 wrapper, and that wrapper as a heading template ({title}方面,
    as a category's line in the text gives it); None for any other row."""
    filled = [i for i, text in enumerate(row) if text.strip()]
    if len(filled) != 1 or len(row) < 3 or filled[0] not in (0, columns.get("title")):
        return None
    text = row[filled[0]].strip()
    if not 2 <= len(text) <= 60 or text.isdigit():
        return None
    return _category_title(text)


def _category_title(text: str) -> tuple[str, str | None]:
    """A category's title as written in a ledger (（一）党的政治建设方面): without its label and
    wrapper, and the wrapper as a heading template, or None."""
    text = text.strip()
    label = match_label(fold(text))
    text = text[label.length:].strip() if label else text
    found = wrapped(fold(text), "category")
    return (text[found.start:found.end], found.template) if found else (text, None)


def keep_wrappers(sections: list[dict[str, Any]], scheme: dict[str, Any], wrappers: dict[str, str]) -> None:
    """The ledger's category rows show as written (X方面): their wrapper becomes the categories'
    heading template where the notice's other categories have none of their own, as a category
    line in the text gives it; else it goes back into each title."""
    if not wrappers:
        return
    said = (scheme.get("categories") or {}).get("heading")
    titled = [c for s in _walk(sections) for c in s.get("categories", ()) if c.get("title")]
    ours = [c for c in titled if c["title"] in wrappers]
    templates = {wrappers[c["title"]] for c in ours}
    if said is None and len(templates) == 1 and len(ours) == len(titled):
        scheme.setdefault("categories", {})["heading"] = templates.pop()
        return
    for category in ours:
        if wrappers[category["title"]] != said:
            category["title"] = wrappers[category["title"]].replace("{title}", category["title"])


def _walk(sections: list[dict[str, Any]]):
    for section in sections:
        yield section
        yield from _walk(section.get("sections", ()))


def _status_remark(status_text: str, status: str | None) -> str | None:
    """What a 完成情况 cell says beside its status and deadline (正在推进，已完成复查工作: 复查工作),
    or None where the cell is only a status (已完成并长期坚持)."""
    view = fold(status_text)
    for pattern, _ in table("statuses"):
        view = pattern.sub(" ", view)
    view = rx("deadline").sub(" ", view)
    left = re.sub(r"[\s，,。；;、（）()：:]+|计划|预计|将于|目前|已经|完成|整改|到位|并且|并|及|和|中", "", view)
    return left if status and len(left) >= 2 else None


def _fill(problem: dict[str, Any], cell: dict[str, str], status_name: str = "完成情况",
          doubts: list[Doubt] | None = None) -> None:
    """Add one row's measures, status, deadline and responsible unit to `problem`; what its
    完成情况 cell says beside the status is kept after the measures (the model has no place for a
    progress remark), named by its column and said."""
    status_text = cell.get("status", "")
    remark = unread = None
    if "status" not in problem and (status := named_status(fold(status_text))):
        problem["status"] = status
        remark = _status_remark(status_text, status)
    elif "status" not in problem and re.sub(r"[\s，,。；;、：:]", "", rx("deadline").sub("", fold(status_text))):
        remark = unread = status_text.strip()  # 序时推进: no status a rule knows, kept as written
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
    if remark:
        kept = f"{status_name}：{' '.join(status_text.split())}"
        if problem.get("measures"):  # after the last measure, as a paragraph of its own: no measure more
            last = problem["measures"][-1]
            last = dict(last) if isinstance(last, dict) else {"text": last}
            last["paragraphs"] = [*last.get("paragraphs", ()), kept]
            problem["measures"][-1] = last
        else:
            problem["measures"] = [kept]
        if doubts is not None and unread:
            doubts.append(Doubt(f"“{status_name}”一栏写的“{unread}”读不出整改状态，草稿把这一栏原文放在整改措施之后，"
                                "请核对：能确定状态的填写 status，再删去这段", about=problem, key="measures",
                                code="import.ledger_status_unread"))
        elif doubts is not None:
            doubts.append(Doubt(f"“{status_name}”一栏除整改状态外还写了“{status_text.strip()}”，数据中没有整改进展的专门位置，"
                                f"草稿把这一栏原文放在整改措施之后，请核对（可保留、并入措施或删去）", about=problem, key="measures",
                                code="import.ledger_status_remark"))
