"""The import stage: a published notice (.txt, a Word or WPS file, a saved CMS page) → a draft data file.

A chain of phases, each a function from one value to the next (ARCHITECTURE.md):

    read_source (sources.py: .txt, docx.py, html.py,
                 mhtml.py, convert.py)                  file → Source (lines, tables, page metadata)
    prepare (lines.py)                                  → paragraphs: punctuation, glosses, flattened lines
    read_frame (frame.py)                               → head (metadata, title), body, contact, signature
    build_outline (outline.py)                          → labelled outline
    assign_roles (roles.py)                             → section / category / problem / item / measure …
    read_body (fields.py), read_inspection (opening.py),
    read_totals (totals.py), read_ledger (ledger.py) → the draft's fields
    check_draft (checks.py)                             → structural doubts
    to_yaml, Draft.report (draft.py)                    → the YAML with its marks, the report

The rules are data (rules.yml), each with the lines it must and must not match. Doubts travel
as values (doubts.py) beside what they are about; nothing is invented: what the text does
not give is left as a placeholder and reported.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .checks import check_draft, problems_of
from .doubts import Doubt
from .draft import TITLE_PLACEHOLDER, Draft, to_yaml, validate_draft, warning_doubts
from .fields import Body, read_body
from .fold import fold
from .frame import Frame, read_frame
from .columns import header_row, ledger_columns, split_header, unmapped_columns
from .ledger import keep_wrappers, read_ledger
from .labels import match_label
from .lines import Para, bare_headings, prepare
from .opening import read_inspection
from .outline import Node, OutlineTooDeep, build_outline
from .roles import Roles, assign_roles, leads_numbered_measures
from .rules import rx, table
from .sources import SUFFIXES, Line, Source, SourceError, read_source
from .totals import Block, read_totals

__all__ = ["Draft", "SUFFIXES", "SourceError", "import_notice"]

# A draft holding less than this share of the notice's text has not read its structure, whatever
# else it found: the report says so on its first line.
PLACED_AT_LEAST = 0.5


def import_notice(path: Path) -> Draft:
    """Read the notice at `path` into a draft (raises SourceError when it cannot be read)."""
    source = read_source(Path(path))
    contact_tables = _contact_tables(source)
    prepared = prepare(_with_contact_rows(source, contact_tables))
    frame = read_frame(prepared.paras, source.metadata)
    try:
        root = build_outline(bare_headings(frame.body), leads_numbered_measures)
    except OutlineTooDeep as deep:
        raise SourceError(f"{path}: {deep}", deep.code) from None
    roles = assign_roles(root, inspected(frame.title, root.paragraphs))
    body = read_body(root, roles)
    data, doubts, used, left = _assemble(source, frame, root, roles, body)
    if prepared.wrap_width:  # a PDF's copy: where its lines were joined into paragraphs is a guess
        doubts.insert(0, Doubt(f"原文是从 PDF 复制的文字（每行约 {prepared.wrap_width} 字，在句子中间换行）：已按行宽把断开的行"
                               "合成段落；请对照原文核对各段的起止，特别是问题标题和整改措施", code="import.pdf_wrapped"))
    if prepared.glued:  # paragraphs run on with nothing between them: where each begins is a guess
        lines = "、".join(str(n) for n in prepared.glued[:5])
        doubts.insert(0, Doubt(f"原文第 {lines} 行把多段正文连在一起、段与段之间没有分隔：已按编号、字段名和联系方式分段，"
                               "请对照原文核对各段的起止，特别是标题与正文相连的地方", prepared.glued[0],
                               structural=True, code="import.flattened"))
    if source.kept_breaks:  # a numbered line after Shift+Enter read as going on with the list above it: a guess
        kept = source.kept_breaks[0]
        doubts.insert(0, Doubt(f"原文第 {kept.number} 行用换行符（Shift+Enter）分开的“{kept.text[:20]}”"
                               f"{'等 ' + str(len(source.kept_breaks)) + ' 行' if len(source.kept_breaks) > 1 else ''}"
                               "按上一行中的列表读作其中的一条，也可能是下一个问题，请核对", kept.number,
                               structural=True, code="import.soft_break_list"))
    used |= {("table", index) for index in contact_tables if data.get("contact")}
    text = to_yaml(data, doubts)
    cells = _table_lines(source)
    read = sum(len(line.text) for line in source.lines) + sum(len(c.text) for _, c in cells)
    used |= {n for p in prepared.paras if p.number in used for n in p.joined}
    used |= set(prepared.page_numbers) | set(prepared.page_lines)
    told = set(body.used) | {p.number for p in root.paragraphs}  # the opening and the body, not the page's head
    if missing := _words_left_out(prepared, told & used, text):
        doubts += missing
        text = to_yaml(data, doubts)
    unplaced = [line for line in source.lines if line.number not in used]
    unplaced += [cell for index, cell in cells if ("table", index) not in used]
    unplaced += left  # the cells of a ledger's column no header named: read into nothing
    told_cells = {line.text for line in left}
    if lost := _cells_left_out([(i, c) for i, c in cells if ("table", i) in used and c.text not in told_cells], text):
        unplaced += [piece for piece, _ in lost]  # a placed table's words the draft lacks are not placed
        doubts += [doubt for _, doubt in lost]
        text = to_yaml(data, doubts)
    placed = read - sum(len(line.text) for line in unplaced)
    if placed < read * PLACED_AT_LEAST:
        doubts.append(Doubt(f"正文 {read} 字，只有 {placed} 字放入了草稿：通报的结构大多没有读出来，"
                            "请对照原文把未能放入草稿的内容整理到草稿中", structural=True, code="import.placed_little"))
        text = to_yaml(data, doubts)
    diagnostics = validate_draft(text, Path(path).stem)
    if warned := warning_doubts(diagnostics):
        doubts += warned  # a warning of validate is marked where it is, as a guess is
        text = to_yaml(data, doubts)
    return Draft(Path(path), data, text, read, placed, unplaced, tuple(doubts), prepared, diagnostics)


_PIECES = re.compile(r"[，。；：、（）“”‘’《》！？\s,.;:()【】〔〕．]+")
_LEADING_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+是|\d{1,3}|[①-⑳]|第[一二三四五六七八九十]+)")
_WRAPPER = re.compile(r"^(?:针对|关于|对于|在)(?:巡察|巡视)?组?(?:指出|反馈|发现)?的?|(?:等)?的?问题$")


def _words_left_out(prepared, used: set, text: str) -> list[Doubt]:
    """A safety net for what no rule meant to drop: each clause of six or more characters of a line
    the draft placed should stand in the draft (labels, wrappers, field words and statuses, read
    into fields, aside). One doubt per line that lost some, naming the words."""
    draft = re.sub(r"\s+", "", fold(text))
    found: dict[int, list[str]] = {}
    for para in prepared.paras:
        if para.number not in used:
            continue
        label = match_label(para.view)
        for piece in _PIECES.split(para.view[label.length:] if label else para.view):
            piece = _WRAPPER.sub("", _LEADING_LABEL.sub("", piece))
            if len(piece) < 6 or piece in draft or _read_into_a_field(piece):
                continue
            found.setdefault(para.number, []).append(piece)
    return [Doubt(f"这一行的“{'”“'.join(pieces[:3])}”没有出现在草稿中，请对照原文核对是否漏掉", number,
                  code="import.words_left_out") for number, pieces in found.items()]


def _cells_left_out(cells: list[tuple[int, Line]], text: str) -> list[tuple[Line, Doubt]]:
    """The words of a placed table's cells the draft lacks (a remark beside a cell's status, read
    into no field), each clause that lost some as a piece not placed (whole: never cut at a
    quotation mark or a decimal point) and a doubt naming it: the share placed stays honest."""
    draft = re.sub(r"\s+", "", fold(text))
    lost = []
    for _, cell in cells:
        for clause in (c.strip() for c in _CLAUSES.split(cell.text)):
            if any(_piece_lost(piece, draft) for piece in _PIECES.split(fold(clause))):
                lost.append((Line(cell.number, clause), Doubt(f"表格中的“{clause}”没有出现在草稿中，请对照原文核对是否漏掉",
                                                              cell.number, code="import.words_left_out")))
    return lost


def _piece_lost(piece: str, draft: str) -> bool:
    """A cell's words of six or more characters, more than a status and a deadline, not in the draft."""
    piece = re.sub(r"方面(?:存在的?问题)?$", "", _LEADING_LABEL.sub("", piece))  # a category row's wrapper
    rest = rx("deadline").sub("", piece)
    for pattern, _ in table("statuses"):
        rest = pattern.sub("", rest)
    return len(piece) >= 6 and len(rest) >= 4 and piece not in draft


_CLAUSES = re.compile(r"(?<=[。；;])|\n")  # a cell's sentences, each ending with its stop


def _read_into_a_field(piece: str) -> bool:
    """Words the draft keeps as a field's value rather than as text: a status, a deadline, a lead."""
    return bool(any(p.search(piece) for p, _ in table("statuses")) or rx("deadline").search(piece)
                or rx("trailing_status").match(piece) or rx("status_remark").match(piece)
                or re.search(r"整改(?:落实)?(?:情况|措施|进展|结果)|方面(?:存在)?$|^\d*年?\d{1,2}月\d{1,2}日$", piece))


def _assemble(source: Source, frame: Frame, root: Node, roles: Roles,
              body: Body) -> tuple[dict, list[Doubt], set, list[Line]]:
    """The draft's data from every phase's value, its doubts, what it placed, and the cells of
    placed tables it read into nothing."""
    read = [Doubt(note, code="import.source_read") for note in source.notes]  # what reading the file changed
    doubts = [*read, *frame.doubts, *body.doubts]
    used: set[Any] = set(frame.used) | set(body.used) | {p.number for p in root.paragraphs}
    metadata = dict(frame.metadata)
    signature = frame.signature
    sections = body.sections
    tables, appendix, left = _ledgers(source, body, doubts)
    used |= {("table", index) for index in tables} | appendix
    dated = metadata.get("published") or (signature or {}).get("date")
    opening = [p.text for p in root.paragraphs]
    has_problems = any(True for _ in problems_of(sections)) or any("categories" in s for s in sections)
    facts = read_inspection(root.paragraphs, dated.year if dated else None, frame.title,
                            (signature or {}).get("organisation"), later=frame.body)
    if not facts.inspection and root.children and rx("inspection_part").search(root.children[0].view):
        # 一、巡察基本情况 and the opening below it: the inspection is told in that part
        facts = read_inspection(root.children[0].paragraphs, dated.year if dated else None, frame.title,
                                (signature or {}).get("organisation"))
    kind = kind_of(frame.title, root.paragraphs, facts.inspection, has_problems)
    data: dict[str, Any] = {"kind": kind}
    if frame.title is None:
        doubts.append(Doubt("通报正文没有标题行，请填写标题", path=("title",), fill=True, code="import.title_missing"))
    data["title"] = frame.title or TITLE_PLACEHOLDER
    doubts += _published(metadata, signature)
    data["metadata"] = metadata
    if kind != "政府信息公开":
        data["inspection"] = _inspection(facts.inspection, doubts, facts.doubts, facts.line)
        doubts += facts.doubts
    if opening:
        data["opening"] = opening
    data["sections"] = sections
    if body.scheme:
        data["numbering"] = body.scheme
    figures = read_totals(totals_blocks(root, roles, body.closing)) if kind != "政府信息公开" else None
    if figures and figures.declared:
        data["declared"] = figures.declared
        doubts += figures.doubts
    doubts += check_draft(sections, data.get("declared", {}), body.lines, root, roles,
                          figures.lines if figures else {})
    if frame.contact:
        data["contact"] = frame.contact
    elif kind != "政府信息公开":  # a rectification notice names its supervision channels
        doubts.append(Doubt("没有读出监督联系方式（电话、邮箱、来信地址）：原文写了的话请补上 contact（写法见 data/README.md）",
                            path=("contact",), code="import.contact_missing"))
    if signature and signature.get("organisation") and signature.get("date"):
        data["signature"] = signature
    return data, doubts, used, left


def inspected(title: str | None, opening: list[Para]) -> bool:
    """Whether the document reports on an inspection (else it holds no findings): its title or
    opening names one, or it has neither to say otherwise."""
    text = fold((title or "") + "".join(p.text for p in opening[:3]))
    return bool(re.search("巡察|巡视", text)) or not text.strip()


def kind_of(title: str | None, opening: list[Para], inspection: dict, has_problems: bool) -> str:
    """The document kind, as its title and opening name it."""
    text = fold((title or "") + "".join(p.text for p in opening[:2]))
    inspected = bool(inspection.get("body")) or has_problems or (re.search("巡察|巡视", text) and "整改" in text)
    if not inspected:
        return "政府信息公开"
    # The inspecting group names it; else the title and opening, not a law they cite (《…巡视工作条例》)
    body = fold(inspection.get("body", ""))
    said = re.sub(r"《[^》]*》", "", text)
    if body:
        word = "巡视" if "巡视" in body else "巡察"
    else:
        word = "巡视" if "巡视" in said and "巡察" not in said else "巡察"
    named = fold(title) if title else text  # the title names the kind; the opening only without one
    if "阶段性" in named and word == "巡察":
        return "阶段性进展情况通报"
    if "进展" in named:
        return f"{word}整改进展情况通报"
    return f"{word}整改情况通报"


def _published(metadata: dict, signature: dict | None) -> list[Doubt]:
    if metadata.get("published"):
        return []
    if signature and signature.get("date"):
        metadata["published"] = signature["date"]
        return [Doubt("通报没有写发布日期，暂用落款日期，请按网站实际发布日期修改", path=("metadata", "published"),
                      code="import.published_from_signature")]
    return [Doubt("通报没有写发布日期，请填写（如 2021-05-12）", path=("metadata", "published"), fill=True,
                  code="import.published_missing")]


def _inspection(found: dict[str, Any], doubts: list[Doubt], said: tuple[Doubt, ...], line: int | None) -> dict[str, Any]:
    found = dict(found)
    inspects = "巡视" if "巡视" in fold(str(found.get("body", ""))) else "巡察"  # a provincial or central 巡视组
    for key, word in (("body", f"{inspects}组"), ("target", f"被{inspects}党组织")):
        if key in found:
            if not any(d.path == ("inspection", key) for d in said):  # one note a field
                doubts.append(Doubt(f"{word}由开头段落读出", line, path=("inspection", key), code="import.inspection_read"))
        else:
            found[key] = f"【请填写{word}】"
            if not any(d.path == ("inspection", key) for d in said):
                doubts.append(Doubt(f"开头段落中没有读出{word}", path=("inspection", key), fill=True,
                                    code="import.inspection_missing"))
    order = ("body", "target", "round", "start", "end", "feedback", "extended_targets")
    return {key: found[key] for key in order if key in found}


_GROUP_COUNT = re.compile(r"（(?:共|计|共计)?[\d一二三四五六七八九十]+(?:个|项|条)(?:问题)?）$")


def totals_blocks(root: Node, roles: Roles, closing: tuple[Para, ...] = ()) -> list[Block]:
    """The texts totals may stand in, in reading order: the opening and every part's own text;
    the problems' text last, where only a sentence stating several figures counts."""
    blocks = [Block(p.number, p.text, p.view) for p in root.paragraphs]
    inside: list[Block] = []
    # 一、X方面（共2个问题） 二、Y方面（共1个问题）: each heading counts its own group, not the notice
    own_counts = {id(c) for n in root.walk() if sum(1 for c in n.children if _GROUP_COUNT.search(c.view)) >= 2
                  for c in n.children if _GROUP_COUNT.search(c.view)}
    # 关于“X”问题的整改情况 read as a plain part (a flattened page): what stands under it is that
    # problem's measures, never the notice's totals
    answering = {id(d) for n in root.walk() if n is not root and n.para is not None and _answers_problem(n.view)
                 for d in n.walk()}
    for node in root.walk():
        if node is root:
            continue
        role = roles(node)
        target = inside if role in ("category", "problem", "item", "measure") or id(node) in answering else blocks
        findings = target is inside
        if node.para is not None and id(node) not in own_counts:
            target.append(Block(node.line, node.text, node.view, findings))
        target += [Block(p.number, p.text, p.view, findings and p not in closing) for p in node.paragraphs
                   if not (role == "category" and rx("category_count").match(p.view))]  # the category's own count
    return blocks + inside


_ANSWERS_PROBLEM = re.compile(r"^(?:关于|针对)“[^”]{2,80}”(?:等)?的?问题的?整改(?:落实)?(?:情况|进展)")


def _answers_problem(view: str) -> bool:
    """A line headed as one problem's rectification (关于“X”问题的整改情况, its measures run on)."""
    return bool(_ANSWERS_PROBLEM.match(view))


def _appendix(source: Source, after: int) -> tuple[str, set[int]] | None:
    """(its title, its lines) when the table after line `after` is an appendix: 附件：X一览表 (or 附件
    on a line and X一览表 on the next) right before it."""
    lines = source.lines[max(after - 2, 0):after]
    if lines and (m := _APPENDIX.match(lines[-1].text.strip())) and m.group("title"):
        return m.group("title"), {lines[-1].number}
    if len(lines) == 2 and (m := _APPENDIX.match(lines[0].text.strip())) and not m.group("title") \
            and 2 <= len(lines[1].text.strip()) <= 40:
        return lines[1].text.strip(), {lines[0].number, lines[1].number}
    return None


_APPENDIX = re.compile(r"^附件\s*\d*\s*[：:]?\s*(?P<title>[^。；]{2,40})?$")


def _ledgers(source: Source, body: Body, doubts: list[Doubt]) -> tuple[list[int], set[int], list[Line]]:
    """Tables of rectification items become problems (an appendix's a part of its own, under its
    title); other tables are reported, not dropped. Also the appendix title lines read, and the
    cells of a placed ledger's columns no header named (read into nothing: not placed)."""
    placed, appendix_lines, left = [], set(), []
    wrappers: dict[str, str] = {}  # a category row's 方面 wrapper, by its title
    for index, (after, rows) in enumerate(source.tables, 1):
        after_line = source.lines[after - 1].number if after else 0
        header = header_row(rows) or 0
        remarks: list[Doubt] = []
        unread: list[str] = []
        groups = read_ledger(rows[header:], remarks, wrappers, unread)
        if groups and header:
            above = "；".join(" ".join(c for c in row if c) for row in rows[:header])
            doubts.append(Doubt(f"台账表格表头之上的“{above}”是表格的标题，没有放入草稿", after_line,
                                code="import.ledger_title_row"))
        rows = rows[header:]
        if not groups:
            continue
        if appendix := _appendix(source, after):  # 附件：X一览表 after the signature: a part of its own
            section: dict[str, Any] = {"heading": appendix[0]}
            body.sections.append(section)
            _into_section(section, groups, after_line, doubts)
            appendix_lines |= appendix[1]
        elif not _add_ledger(body, after_line, groups, doubts):
            continue
        placed.append(index)
        doubts += [replace(d, line=after_line) if d.line is None and d.about is None else d for d in remarks]
        left += [Line(after_line, text) for text in unread]
        names, _, data = split_header(rows) or ((), [], [])
        columns = ledger_columns(names, tuple(data)) or {}
        if "category" in columns and "category" not in (ledger_columns(names) or {}):
            name = names[columns["category"]]
            doubts.append(Doubt(f"台账表格的“{name}”一列在问题之前、单元格上下合并，已读作问题所属的方面，请核对",
                                after_line, code="import.ledger_category_merged"))
        kept = "、".join(f"“{name}”" for _, name in unmapped_columns(names, tuple(data)))
        if kept:
            doubts.append(Doubt(f"台账表格的{kept}一列没有对应的字段，已按“列名：内容”放在各问题的整改措施中，请核对",
                                after_line, code="import.ledger_column_kept"))
    keep_wrappers(body.sections, body.scheme, wrappers)
    return placed, appendix_lines, left


def _add_ledger(body: Body, after_line: int, groups: list[tuple[str | None, list[dict]]], doubts: list[Doubt]) -> bool:
    """Put a ledger table's problems under the category it follows; under the section it follows,
    in the table's own categories (its 类别/方面 column), else in one untitled category when the part
    has no other (as a notice without categories has it), else in one whose title staff fill in."""
    owners = [o for o in body.owners if o[0] <= after_line]
    if not owners:
        return False
    _, kind, target = owners[-1]
    if kind == "category":
        target["problems"] = [p for p in target["problems"]] + [p for _, problems in groups for p in problems]
        for doubt in list(body.doubts):
            if doubt.about is target and doubt.key == "problems":
                doubts.remove(doubt)
        return True
    _into_section(target, groups, after_line, doubts)
    return True


def _into_section(target: dict[str, Any], groups: list[tuple[str | None, list[dict]]], after_line: int,
                  doubts: list[Doubt]) -> None:
    """A ledger's problems as categories of the section `target`."""
    alone = not target.get("categories") and all(not title for title, _ in groups)
    for title, problems in groups:
        if title:
            target.setdefault("categories", []).append({"title": title, "problems": problems})
            continue
        if alone:  # the part's only problems, without categories: as a notice without categories has them
            target.setdefault("categories", []).append({"problems": problems})
            continue
        category = {"title": "【请填写：方面】", "problems": problems}
        doubts.append(Doubt("台账表格没有写问题所属的方面，请填写方面名称（或把问题分到各方面）", after_line,
                            about=category, key="title", fill=True, code="import.category_missing"))
        target.setdefault("categories", []).append(category)


def _contact_tables(source: Source) -> set[int]:
    """The tables (counted from 1) that are a contact block laid out as a table: each row a field's
    name and its value (联系电话 | 027-…, 电子邮箱 | …), as Word notices often set it."""
    found = set()
    for index, (_, rows) in enumerate(source.tables, 1):
        cells = [[c.strip() for c in row if c.strip()] for row in rows]
        if cells and all(len(row) == 2 and rx("contact_label").match(fold(row[0])) for row in cells):
            found.add(index)
    return found


def _with_contact_rows(source: Source, tables: set[int]) -> list[Line]:
    """The source's lines with each contact table's rows read as the lines 联系电话：027-… after the
    line the table follows (numbered like it: a table has no line of its own)."""
    if not tables:
        return source.lines
    rows: dict[int, list[Line]] = {}
    for index, (after, grid) in enumerate(source.tables, 1):
        if index in tables:
            number = source.lines[after - 1].number if after else 0
            rows.setdefault(after, []).extend(Line(number, "：".join(c.strip() for c in row if c.strip())) for row in grid
                                               if any(c.strip() for c in row))
    out: list[Line] = list(rows.get(0, []))
    for at, line in enumerate(source.lines, 1):
        out.append(line)
        out.extend(rows.get(at, []))
    return out


def _table_lines(source: Source) -> list[tuple[int, Line]]:
    """Each non-empty table cell as a line of text (numbered after the line it follows)."""
    out = []
    for index, (after, rows) in enumerate(source.tables, 1):
        number = source.lines[after - 1].number if after else 0
        for row in rows:
            out += [(index, Line(number, cell.strip())) for cell in row if cell.strip()]
    return out
