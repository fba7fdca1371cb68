"""The totals a notice states in words, wherever they stand: a paragraph of their own, inside
an organisational point or a run-in heading's text, after the problems, in the closing.

6个方面24个问题61个问题表现…113条措施，已完成82项，基本完成31项; 三个方面 (Chinese
numerals); 12类问题; 39个具体问题; 制度17项; 退回资金157704元 or 66.57万元. The first statement of
each figure wins; a later one that says otherwise is noted for staff. Text inside the problems
(their measures) counts only where a sentence sums the rectification up (how many, how many of them
done), so that one measure's 制定制度3项 or 围绕4大方面13项举措 is never taken for the notice's total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .doubts import Doubt
from .labels import chinese_value
from .rules import rules, rx

# Counts of how far first: 阶段性完成并需长期坚持的问题4个 is a long-term count, not 4 problems.
FIELDS = ("completed", "basically_completed", "in_progress", "long_term", "categories", "problems", "tasks",
          "measures", "rules_made", "money_returned", "people_disciplined")
WORDS = {"categories": "方面", "problems": "问题", "tasks": "整改任务", "measures": "整改措施", "completed": "已完成",
         "basically_completed": "基本完成", "in_progress": "正在推进", "long_term": "长期坚持",
         "rules_made": "建立完善制度", "money_returned": "退回资金（元）", "people_disciplined": "处理人次"}


# Counts of what was fed back: a sentence that names the feedback (反馈的12个问题) outranks one that
# counts in passing (研究解决问题49个), wherever each stands.
RANKED = ("categories", "problems", "tasks", "measures")


@dataclass(frozen=True)
class Block:
    """A text the totals may stand in: its source line, text and folded view."""

    line: int
    text: str
    view: str
    inside_findings: bool = False


@dataclass(frozen=True)
class Figures:
    declared: dict[str, Any]
    doubts: tuple[Doubt, ...]
    lines: dict[str, int]  # the line each figure was read from


def read_totals(blocks: list[Block]) -> Figures:
    """Declared figures from the blocks, in reading order: the first statement of each wins, a count
    in a sentence naming the feedback before one said in passing."""
    declared: dict[str, Any] = {}
    lines: dict[str, int] = {}
    doubts: list[Doubt] = []
    counts: dict[str, list[tuple[int, int, bool]]] = {}  # key → (value, line, names the feedback)
    group_long: tuple[str, int] | None = None  # 长期坚持问题3个: a group's size read as the long-term count
    previous: Block | None = None
    header: Block | None = None  # the last row of labels, for a 合计 row further down
    rows = 0  # the numbered rows under it (序号 1, 2, 3…): one per category where the table lists them
    for block in _joined_amounts(blocks):
        # 反馈问题 | 整改措施 | 已完成 on one line, 18个 | 54条 | 16个 on the next: a table typed as text;
        # or 方面 | 问题数 | 已完成, a row per 方面, then 合计 | 15 | 13
        view = (_table_row(previous.view, block.view) if previous else None) \
            or (_total_row(header.view, block.view, rows) if header else None) or _counting_view(block.view)
        if _labels_row(block.view):
            header, rows = block, 0
        elif header and re.match(r"\d{1,2}[ \u3000|｜\t]", block.view.strip(" |｜\t")):
            rows += 1
        previous = block
        for sentence in _sentences(view):
            sentence = _after_self_check(sentence)
            # 政治建设方面问题6个…；作风建设方面…；合计反馈问题19个: the sum is the notice's figures
            if (sums := list(_SUM.finditer(sentence))) and sentence[:sums[-1].start()].count("方面") >= 2:
                sentence = sentence[sums[-1].start():]
            if not sentence or rx("leaders_share").search(sentence) or rx("check_finding").search(sentence):
                continue  # 自查自纠，查摆问题12个 / 书记带头领办问题5个 / 检查发现…整改不到位: not the inspection's totals
            if len(rx("totals_per_category").findall(sentence)) >= 2:
                continue  # 政治建设方面5个问题已完成4个，组织建设方面…: per category, no totals
            found = _figures(sentence)
            # Inside a problem's measures only a sum of the inspection's findings counts (交办问题27个，
            # 已办结25个 is the measure's own work)
            if block.inside_findings and not (_summary(found) and re.search("巡察|巡视|反馈", sentence)):
                continue
            anchored = bool(rx("totals_anchor").search(sentence))
            _prefer_problem_breakdown(declared, lines, found, block.line, doubts)
            doubts += _marks(found.pop("_levels", None), found.pop("_not_done", None), block.line, doubts)
            doubts += _notes(found.pop("_groups", None), found.pop("_money", None), block.line)
            if said := found.pop("_people", None):
                doubts.append(Doubt(said, block.line, path=("declared", "people_disciplined"), key="people_disciplined",
                                    code="import.totals_people"))
            if said := found.pop("_problems", None):
                doubts.append(Doubt(said, block.line, path=("declared", "problems"), key="problems",
                                    code="import.totals_problems_sum"))
            if said := found.pop("_rules", None):
                doubts.append(Doubt(said, block.line, path=("declared", "rules_made"), key="rules_made",
                                    code="import.totals_rules"))
            if (said := found.pop("_group_long", None)) and "long_term" not in declared:
                group_long = (said, block.line)
            doubts += _approximate(block, found)
            if _SUM.match(sentence):  # 合计：问题10个，已完成9个 after a line per category: the notice's figures
                for key, value in found.items():
                    before = counts[key][0][:2] if key in RANKED and key in counts else (
                        (declared[key], lines[key]) if key in declared and key != "basis" else None)
                    if before is None or before[0] == value:
                        continue
                    doubts.append(Doubt(f"通报另有一处写作 {before[0]}（第 {before[1]} 行），此处取合计的 {value}",
                                        block.line, path=("declared", key), key=key, code="import.totals_conflict"))
                    if key in RANKED:
                        counts[key] = [(value, block.line, True)]
                    else:
                        declared[key], lines[key] = value, block.line
            for key, value in found.items():
                if key in RANKED:
                    counts.setdefault(key, []).append((value, block.line, anchored))
                elif key == "basis":  # what the completed figure kept counts: said beside that figure
                    if declared.get("completed") == found.get("completed"):
                        declared.setdefault(key, value)
                elif key not in declared:
                    declared[key], lines[key] = value, block.line
                elif key == "completed" and declared[key] != value and rx("totals_cumulative").search(sentence):
                    # 累计完成24个 after a phase's 20个问题已全部完成: the sum is the notice's figure
                    doubts.append(Doubt(f"通报另有一处写作 {declared[key]}（第 {lines[key]} 行），此处取累计的 {value}",
                                        block.line, path=("declared", key), key=key, code="import.totals_conflict"))
                    declared[key], lines[key] = value, block.line
                elif declared[key] != value and key not in {d.key for d in doubts}:
                    doubts.append(Doubt(f"通报另有一处写作 {value}（第 {block.line} 行），此处取先出现的 {declared[key]}",
                                        lines[key], path=("declared", key), key=key, code="import.totals_conflict"))
    for key, said in counts.items():
        value, line, anchored = next((c for c in said if c[2]), said[0])
        declared[key], lines[key] = value, line
        other = next((c for c in said if c[0] != value), None)
        if other:
            which = "写明巡察反馈的" if anchored and not said[0][2] else "先出现的"
            doubts.append(Doubt(f"通报另有一处写作 {other[0]}（第 {other[1]} 行），此处取{which} {value}",
                                line, path=("declared", key), key=key, code="import.totals_conflict"))
    doubts += _group_as_long_term(declared, lines, group_long)
    _basis_by_sum(declared)
    doubts += _states_beyond_total(declared, lines)
    order = ("categories", "problems", "tasks", "measures", "completed", "basically_completed", "long_term",
             "in_progress", "basis", "rules_made", "money_returned", "people_disciplined")
    return Figures({k: declared[k] for k in order if k in declared}, tuple(doubts), lines)


_STATES = ("basically_completed", "in_progress", "long_term")
_REST = re.compile(r"\s*(?:其余|剩余|另外)[\d一二三四五六七八九十百零两]+(?:项|个|条)[^，。；\d]{0,6}?中")


_SUM = re.compile(r"(?:合计|共计|总计)[：:，,]?(?=[^，。；]{0,12}?\d)")


def _after_self_check(sentence: str) -> str:
    """A sentence that tells of a unit's own check (自查自纠, 查摆): its figures are not the inspection's,
    but the clauses after it that name what the inspection fed back are (对共性问题开展自查自纠，巡察反馈的
    5个方面17个问题中，已完成15个); "" when nothing after it does."""
    if not (m := rx("self_check").search(sentence)):
        return sentence
    after = rx("self_check_then_feedback").search(sentence, m.end())
    return sentence[after.end():] if after else ""


def _sentences(view: str) -> list[str]:
    """The view's sentences; a rest broken down on its own (立行立改的21项已全部完成；其余26项中，…) kept
    with the group before it."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[。；])", view):
        if out and out[-1].endswith("；") and _REST.match(sentence) and rx("totals_group").search(out[-1]):
            out[-1] += sentence
        else:
            out.append(sentence)
    return out


def _approximate(block: Block, found: dict[str, Any]) -> list[Doubt]:
    """A note for each figure `found` read from a count the block gives roughly (问题80余个)."""
    rough = {int(m.group(1)): m.group(0) for m in _APPROXIMATE_SAID.finditer(block.view)
             if m.group(0)[0] in "近约" or m.group(0)[-2] in "余多"}
    return [Doubt(f"原文写作“{rough[value]}”，是约数；草稿按 {value} 填写，请核对（约数也可删去不填）", block.line,
                  path=("declared", key), key=key, code="import.totals_approximate")
            for key, value in found.items() if key in FIELDS and isinstance(value, int) and value in rough]


def _prefer_problem_breakdown(declared: dict[str, Any], lines: dict[str, int], found: dict[str, Any], line: int,
                              doubts: list[Doubt]) -> None:
    """15条措施中已完成12条；7个问题中已完成3个，基本完成1个，正在推进2个: the problems' breakdown
    by state is what the notice reports, not the measures' completed count said first."""
    if not ("completed" in declared and "completed" in found and found.get("basis") == "problems"
            and declared.get("basis") in ("measures", "tasks") and any(k in found for k in _STATES)
            and not any(k in declared for k in _STATES)):
        return
    said, basis = declared.pop("completed"), declared.pop("basis")
    doubts.append(Doubt(f"通报另有一处写作已完成 {said}（按{WORDS[basis]}计，第 {lines.get('completed')} 行），"
                        f"此处取按问题逐项分列的数目", line, path=("declared", "completed"), key="completed",
                        code="import.totals_conflict"))
    lines.pop("completed", None)


def _basis_by_sum(declared: dict[str, Any]) -> None:
    """反馈问题14个，整改措施41条，已完成12个，持续推进2个: the states add up to the problems, not to
    the measures counted last before them — the count they add up to is what they count."""
    states = sum(declared.get(k, 0) for k in ("completed", *_STATES))
    basis = declared.get("basis")
    if len([k for k in ("completed", *_STATES) if k in declared]) < 2 or basis and declared.get(basis) == states:
        return  # without a basis said, the one count they add up to is it too (已完成13条，其余3条 of 16条措施)
    matching = [k for k in ("problems", "tasks", "measures") if declared.get(k) == states]
    if len(matching) == 1 and (basis or matching[0] != "problems"):  # unsaid, problems is what is meant
        declared["basis"] = matching[0]


def _states_beyond_total(declared: dict[str, Any], lines: dict[str, int]) -> list[Doubt]:
    """已完成14个，正在整改3个 of 16 problems (or 已完成16个 of 1): the states add up to more than the
    total, so one of the figures was misread or a plan class (立行立改/长期坚持) was taken for a state."""
    basis = declared.get("basis") or "problems"
    total = declared.get(basis)
    states = [k for k in ("completed", *_STATES) if k in declared]
    said = sum(declared[k] for k in states)
    if not total or not states or said <= total:
        return []
    parts = "、".join(f"{WORDS[k]} {declared[k]}" for k in states)
    summed = f"，合计 {said}，" if len(states) > 1 else "，"
    return [Doubt(f"读出的{parts}{summed}多于{WORDS[basis]}总数 {total}：请对照原文核对这几个数目",
                  lines.get(states[0]), path=("declared",), code="import.totals_inconsistent")]


_SPACED_NUMBER = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000\u00a0]+(?=\d)|(?<=\d)[ \u3000\u00a0]+(?=[\u3400-\u9fff])")
_BRACKETED_NUMBER = re.compile(r"[（(](\d+(?:\.\d+)?)[）)](?=[个项条类件人万亿元])")


_LABELLED_NUMBER = re.compile(r"(?<=[\u3400-\u9fff])[：:]\s*(?=\d)")


def _counting_view(view: str) -> str:
    """The view with its counts written plainly: 问题 24 个 (spaces a page put around a number),
    问题（23）个 (a form's blanks filled in brackets), 反馈问题：21个 (a list of labelled
    figures) read as 问题24个, and 反馈问题数/已完成/正在推进：20/18/2 as one figure per label."""
    if m := _SLASHED_ROW.match(view.strip()):
        return _table_row(m.group("labels").replace("/", "|"), m.group("values").replace("/", "|")) or view
    view = _LABELLED_NUMBER.sub("", _BRACKETED_NUMBER.sub(r"\1", _SPACED_NUMBER.sub("", view)))
    view = rx("totals_unit_alias").sub("", view)  # 问题清单27个（条）: the count with its first unit
    view = rx("totals_rate_fraction").sub(_rate_fraction, view)
    view = rx("totals_respectively").sub(_respectively, view)
    return _APPROXIMATE.sub("", _ONE_IN_WORDS.sub("1", view))


def _rate_fraction(m: re.Match) -> str:
    """完成率为76.7%（23/30） read as the rate and 已完成23项, in the unit the whole is counted in."""
    unit = re.search(rf"(?<!\d){m.group('all')}([个项条])", m.string)
    return f"{m.group(0)}，已完成{m.group('done')}{unit.group(1) if unit else '项'}"


def _respectively(m: re.Match) -> str:
    """已完成、基本完成、正在推进的问题分别为15个、4个、2个 read as 已完成15个，基本完成4个，正在推进2个;
    left as it is where the counts are not as many as the states."""
    names = re.split(r"[、和及与]", m.group("names"))
    values = re.findall(r"(\d+)([个项条]?)", m.group("values"))
    if len(names) != len(values):
        return m.group(0)
    unit = next((u for _, u in reversed(values) if u), "个")
    words = ["基本完成" if "基本" in n else "长期坚持" if "长期" in n else "正在推进" if "推进" in n or "正在" in n
             else "已完成" for n in names]
    return "，".join(f"{w}{v}{u or unit}" for w, (v, u) in zip(words, values))


# 问题80余个 / 措施200多条 / 近30个: a count given roughly, read as its number and said (import.totals_approximate)
_APPROXIMATE = re.compile(r"(?<=\d)(?:余|多)(?=[个项条])|(?:近|约)(?=\d+[个项条])")
_APPROXIMATE_SAID = re.compile(r"(?:近|约)?(\d+)(?:余|多)?[个项条]")


# 正在推进一个 / 长期坚持一个 / 剩余一项: a count of one in words, right after a state or a rest (the
# rules read a lone 一 nowhere else: 整改一项、销号一项 is a motto)
_ONE_IN_WORDS = re.compile(r"(?:(?<=推进)|(?<=坚持)|(?<=已完成)|(?<=基本完成)|(?<=已整改)|(?<=完成整改)|(?<=剩余)|(?<=其余)|(?<=另有)"
                           r"|(?<=尚有)|(?<=仍有))一(?=[个项条](?:问题|事项|任务)?(?:[，。；、]|正在|需|已|$))")


_SLASHED_ROW = re.compile(r"^(?P<labels>[^：\d/]{2,16}(?:/[^：\d/]{2,16})+)：\s*(?P<values>\d+(?:\s*/\s*\d+)+)[。]?$")
_CELL = re.compile(r"\s*[|｜\t]\s*|[ \u3000]+")  # a table typed as text: bars, tabs or spaces between cells


def _labels_row(view: str) -> bool:
    cells = _CELL.split(view.strip(" |｜\t"))
    return len(cells) >= 2 and not any(re.search(r"\d", c) for c in cells)


def _total_row(header: str, row: str, rows: int = 0) -> str | None:
    """合计 | 15 | 47 | 13 under 方面 | 问题数 | 整改措施 | 已完成: the figures of the whole table (合计
    standing for 序号 and 方面 together when the header numbers its rows); with the numbered rows
    counted, as many categories when the first column names them."""
    labels, cells = _CELL.split(header.strip(" |｜\t")), _CELL.split(row.strip(" |｜\t"))
    if labels[0] == "序号" and len(labels) == len(cells) + 1:
        labels = labels[1:]
    if len(labels) != len(cells) or len(cells) < 3 or not re.fullmatch(r"合计|总计|合\s*计|总数", cells[0]):
        return None
    sentence = _table_row("|".join(labels[1:]), "|".join(cells[1:]))
    if sentence and rows >= 2 and re.search(r"类别|方面|类型", labels[0]):
        sentence = f"{rows}个方面问题，{sentence}"
    return sentence
_VALUE = re.compile(r"^(\d+(?:\.\d+)?)\s*([个项条件人]?)$")


def _table_row(header: str, values: str) -> str | None:
    """A sentence of the figures a row of labels and a row of values give (反馈问题 | 已完成 and
    18个 | 16个: 反馈问题18个，已完成16个。), or None when the two are no such rows."""
    labels, cells = _CELL.split(header.strip(" |｜\t")), _CELL.split(values.strip(" |｜\t"))
    if len(labels) < 2 or len(labels) != len(cells) or any(re.search(r"\d", label) or not 2 <= len(label) <= 16
                                                          for label in labels):
        return None
    found = [_VALUE.match(cell) for cell in cells]
    if not all(found):
        return None
    parts = []
    for label, m in zip(labels, found):
        label = re.sub(r"(?:数量|数|（[个项条件]）)$", "", label)
        label = "反馈问题" if label == "问题" else label  # 问题数 | 15: the feedback's problems
        unit = m.group(2) or ("条" if "措施" in label else "项" if "制度" in label else "个")
        parts.append(f"{label}{m.group(1)}{unit}")
    return "，".join(parts) + "。"


def _summary(found: dict[str, Any]) -> bool:
    """A sentence that sums up the rectification: how many, and how many of them are done."""
    return bool(set(found) & {"problems", "tasks", "measures"}) and bool(
        set(found) & {"completed", "basically_completed", "in_progress", "long_term"})


def _marks(levels: tuple[str, int, int] | None, not_done: int | None, line: int,
           said: list[Doubt]) -> list[Doubt]:
    """What a sentence's figures leave to staff: which of several levels of counts was taken for the
    problems, and a count of what is not done, for which the data has no field."""
    marks = []
    if levels and not any(d.code == "import.totals_levels" for d in said):
        said_as, p, t = levels
        marks.append(Doubt(f"通报分几级计数（“{said_as}”）：草稿取 {p} 为问题数、{t} 为整改任务（问题表现）数："
                           f"请核对通报逐个列出的是哪一级", line, path=("declared", "problems"), key="problems",
                           code="import.totals_levels"))
    if not_done is not None and not any(d.code == "import.totals_not_done" for d in said):
        marks.append(Doubt(f"通报写了未完成 {not_done} 个（项）；数据中没有“未完成”一项，草稿没有记下它：确属正在推进的，"
                           f"请填入 in_progress", line, path=("declared",), code="import.totals_not_done"))
    return marks


def _notes(groups: str | None, money: str | None, line: int) -> list[Doubt]:
    """What a sentence's groups and amounts leave to staff (see `_groups`, `_money`)."""
    marks = []
    if groups:
        marks.append(Doubt(f"通报按立行立改、限期整改等分类写了完成数（“{groups}”），但不是每一类都写了：草稿没有记下已完成数，"
                           f"请按原文填写 completed", line, path=("declared", "completed"), key="completed",
                           code="import.totals_groups"))
    if money:
        marks.append(Doubt(money, line, path=("declared", "money_returned"), key="money_returned",
                           code="import.totals_money"))
    return marks


def _group_as_long_term(declared: dict[str, Any], lines: dict[str, int],
                        group_long: tuple[str, int] | None) -> list[Doubt]:
    """A 长期坚持 group's size read as the long-term count: dropped where the states said elsewhere
    (已完成15个，其余3个正在推进) already add up to the total, else kept and marked."""
    if group_long is None or lines.get("long_term") != group_long[1]:
        return []
    said, line = group_long
    total = declared.get(declared.get("basis") or "problems")
    others = sum(declared.get(k, 0) for k in ("completed", "basically_completed", "in_progress"))
    if others and total and others + declared["long_term"] > total:
        declared.pop("long_term")
        lines.pop("long_term")
        return []
    return [Doubt(f"“{said}”是按整改方式分的类，不一定是整改状态；草稿按长期坚持的数目读出：请核对", line,
                  path=("declared", "long_term"), key="long_term", code="import.totals_groups")]


def _joined_amounts(blocks: list[Block]) -> list[Block]:
    """追缴资金12.45万 | 元，清退…: an amount a page broke before its unit, read as one line."""
    out: list[Block] = []
    for block in blocks:
        if out and re.search(r"\d[万亿]?$", out[-1].view) and re.match(r"[万亿]?元", block.view) \
                and out[-1].inside_findings == block.inside_findings:
            last = out.pop()
            block = Block(last.line, last.text + block.text, last.view + block.view, last.inside_findings)
        out.append(block)
    return out


def _groups(sentence: str, found: dict[str, Any], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """立行立改问题8个，限期整改问题7个 / 限期整改类35条已完成30条: plan groups, whose sizes are no
    states. Each group's clause is kept from the state counts; what the groups say is done is the
    notice's completed count only where every group says it, else marked."""
    groups = list(rx("totals_group").finditer(sentence))
    rest = rx("totals_group_rest").search(sentence, groups[-1].end()) if groups else None
    if len({m.group("name") for m in groups}) < 2 and not any(m.group("kind") == "类" for m in groups) and not rest:
        return []
    done: list[int | None] = []
    for m in groups + ([rest] if rest else []):
        spans.append((m.start(), m.end()) if m is not rest else (m.start("v"), m.end("v")))
        said = rx("totals_group_done").search(m.group("rest"))
        done.append(None if said is None else _value(said) if said.group("v") else _value(m))
    if all(v is not None for v in done):
        found["completed"] = sum(v for v in done if v is not None)
        if basis := _basis(sentence[: groups[0].start()]):
            found["basis"] = basis
    elif any(v is not None for v in done):
        found["_groups"] = sentence[groups[0].start():groups[-1].end()]
    elif long := next((m for m in groups if "长期" in m.group("name") or "持续" in m.group("name")), None):
        # 长期坚持问题3个 with nothing said done: the group is all there is to go by, kept as the
        # long-term count unless the states said elsewhere already account for it (read_totals)
        found["long_term"], found["_group_long"] = _value(long), long.group(0)
    return [(m.start(), m.end()) for m in groups]


_MONEY_MORE = re.compile(r"、[^，。；、\d]{0,12}?(?P<v>\d+(?:\.\d+)?)(?:(?P<wan>万)|(?P<yi>亿))?元")


def _money(sentence: str, spans: list[tuple[int, int]]) -> tuple[int | None, str | None]:
    """The funds returned a sentence states: every amount a verb of returning names (追缴…万元，清退…元;
    收回…万元、…元), summed; a loss retrieved (挽回经济损失) is no returned money, said beside it."""
    returned: list[int] = []
    lost: list[int] = []
    for entry in rules()["totals"]["money_returned"]:
        consumed = 0
        for m in re.finditer(entry["re"], sentence):
            if m.start("v") < consumed or any(a < m.end("v") and m.start("v") < b for a, b in spans):
                continue
            if (returned or lost) and "其中" in sentence[consumed:m.start("v")]:
                continue  # 追回12万元，其中退还群众8万元: a part of the amount before, not more
            amounts, consumed = [m], m.end()
            while more := _MONEY_MORE.match(sentence, consumed):
                amounts.append(more)
                consumed = more.end()
            into = lost if rx("totals_money_loss").search(m.group(0)) else returned
            into += [v for a in amounts if (v := _value(a)) is not None]
        if returned or lost:
            break
    if returned:
        note = f"通报另写了挽回经济损失 {sum(lost):,} 元，不是退回的资金，草稿没有计入 money_returned：请核对" if lost else None
        return sum(returned), note
    if lost:
        return sum(lost), f"money_returned 按挽回经济损失 {sum(lost):,} 元读出：请核对它是否属于退回的资金"
    return None, None


_FILED = ("立案",)  # a case filed (立案审查): its people are handled later, counted by the other forms


def _people(sentence: str, spans: list[tuple[int, int]]) -> tuple[int | None, str | None]:
    """The people handled a sentence states (people_disciplined counts 人次 of every form: 批评教育,
    谈话提醒, 诫勉谈话, 党纪政务处分, 组织处理, 问责…): every count read, several forms summed and
    said; a case filed (立案审查) counted only where no other form is said; what 其中 introduces
    is a part of the count before it, not more."""
    said: list[tuple[str, int, str]] = []  # (form, value, words)
    taken: list[tuple[int, int]] = []
    for entry in rules()["totals"]["people_disciplined"]:
        for m in re.finditer(entry["re"], sentence):
            if any(a < m.end("v") and m.start("v") < b for a, b in [*spans, *taken]) \
                    or re.search(r"每[^，。；\d]{0,3}$", sentence[:m.start("v")]):
                continue
            if said and "其中" in sentence[min(b for _, b in taken):m.start()]:
                continue  # 问责8人，其中党纪处分3人: a part of the count before it
            if (value := _value(m)) is not None:
                said.append((m.group("kind"), value, m.group(0)))
                taken.append((m.start(), m.end()))
    if not said:
        return None, None
    handled = [s for s in said if not s[0].startswith(_FILED)] or said
    spans += taken
    total = sum(value for _, value, _ in handled)
    words = "、".join(w for _, _, w in handled)
    if len(handled) < len(said):
        left = "、".join(w for f, _, w in said if f.startswith(_FILED))
        return total, (f"通报写了“{left}”和处理的人数（“{words}”）：草稿只计处理的 {total} 人次（立案审查的人另行处理，不重复计入），"
                       f"请核对 people_disciplined")
    if len(handled) > 1:
        return total, f"通报分项写了处理的人数（“{words}”）：草稿按合计 {total} 人次填写 people_disciplined，请核对"
    if handled[0][0].startswith(_FILED):
        return total, f"people_disciplined 按“{words}”读出：立案审查的人数不一定是已处理的人数，请核对"
    return total, None


def _rules_more(sentence: str, at: int) -> tuple[int, str, tuple[int, int]] | None:
    """新建制度5项、修订8项、废止2项: the further counts of rules after the first (at `at`) — those made
    or revised added to it, those repealed left out; (what they add, the mark, their span)."""
    made, repealed, end = 0, 0, at
    while m := rx("totals_rules_more").match(sentence, end):
        value = _value(m)
        if value is None:
            break
        if m.group("made"):
            made += value
        else:
            repealed += value
        end = m.end()
    if end == at:
        return None
    said = sentence[max(0, sentence.rfind("，", 0, at) + 1):end]
    left = f"，废止的 {repealed} 项没有计入" if repealed else ""
    return made, (f"通报分项写了制度数（“{said}”）：草稿把新建和修订的合计记作 rules_made{left}：请核对"), (at, end)


def _levels(sentence: str, found: dict[str, Any], at: dict[str, int], spans: list[tuple[int, int]]) -> None:
    """3个方面存在的9项20个具体问题 / 3大类、9个大项、20个具体问题: the middle count is the problems
    the notice lists, the finest its tasks; marked where the finest is called 问题 too."""
    m = rx("totals_levels").search(sentence)
    if not m:
        return
    values = [chinese_value(m.group(g)) if not m.group(g).isdigit() else int(m.group(g)) for g in "cpt"]
    if any(v is None for v in values):
        return
    for key, group, value in zip(("categories", "problems", "tasks"), "cpt", values):
        found[key], at[key] = int(value), m.start(group)
        spans.append((m.start(group), m.end(group)))
    if "表现" not in m.group("w"):  # 27个具体表现 names its level; 20个具体问题 is a problem's word too
        found["_levels"] = (m.group(0), int(values[1]), int(values[2]))


def _figures(sentence: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    at: dict[str, int] = {}  # where each figure's number stands
    spans: list[tuple[int, int]] = []
    _levels(sentence, found, at, spans)
    grouped = _groups(sentence, found, spans)
    if m := rx("totals_problems_kinds").search(sentence):  # 共性问题6个、个性问题11个: two kinds, one count
        a, b = (_value(re.match(r"(?P<v>.+)", m.group(g))) for g in ("a", "b"))
        if a is not None and b is not None:
            found["problems"], at["problems"] = a + b, m.start("a")
            spans += [(m.start("a"), m.end("a")), (m.start("b"), m.end("b"))]
            found["_problems"] = f"通报分两类写了问题数（“{m.group(0)}”）：草稿按合计 {a + b} 个填写 problems，请核对"
    if (not_done := rx("totals_not_done").search(sentence)) and (value := _value(not_done)) is not None:
        if rx("totals_not_done_going").match(sentence, not_done.end()):
            found["in_progress"] = value  # 尚未完成的2个问题…正在加紧推进: under way
        else:
            found["_not_done"] = value
        spans.append((not_done.start("v"), not_done.end("v")))
    for key in FIELDS:
        if key in found:
            continue
        if reader := _READERS.get(key):  # a figure read in its own way, with what it says beside it
            value, note = reader[0](sentence, spans)
            if value is not None:
                found[key] = value
            if note:
                found[reader[1]] = note
            continue
        for entry in rules()["totals"][key]:
            # 每完成一项整改任务 / 每个问题: "each", no count
            m = next((m for m in re.finditer(entry["re"], sentence)
                      if not any(a < m.end("v") and m.start("v") < b for a, b in spans)
                      and not re.search(r"每[^，。；\d]{0,3}$", sentence[:m.start("v")])), None)
            if not m:
                continue
            value = _value(m)
            if value is None:
                continue
            found[key] = value
            at[key] = m.start("v")
            spans.append((m.start("v"), m.end("v")))
            if key == "rules_made" and (more := _rules_more(sentence, m.end())):
                found[key], found["_rules"] = value + more[0], more[1]
                spans.append(more[2])
            if key == "completed" and (basis := _named(m.group(0)) or _basis(sentence[: m.start()],
                                                                               sentence[m.end("v"):m.end()])):
                found["basis"] = basis
                if _named(m.group(0)) and sentence[: m.start("v")].endswith("、") and basis not in found:
                    found[basis] = value  # 20个具体问题、31项整改措施已完成: the list's last count, all done
            break
    basis = found.get("basis")
    if basis == "problems" and "problems" in found and "tasks" in found \
            and found["problems"] < found["completed"] <= found["tasks"]:
        found["basis"] = basis = "tasks"  # 5项11个具体问题，已完成9个: more done than problems: the tasks
    if basis and basis not in found and _all_done(sentence, found["completed"]):
        found[basis] = found["completed"]  # 反馈的12个问题已全部完成整改: 12 problems, all 12 done
    if "completed" not in found and (done := rx("all_done_said").search(sentence) or rx("all_done_rate").search(sentence)) \
            and not any(a <= done.start() < b for a, b in grouped):
        # 巡察反馈的9个问题，已全部完成整改 / 10条反馈意见均已整改完毕: all of what was counted before it
        # (what the inspection fed back: 发现问题9个，已全部整改到位 counts a unit's own check)
        # (以上共计13个问题 sums up the findings listed above)
        counted = [key for key in ("problems", "tasks") if key in found and at[key] < done.start()
                   and re.search("巡察|巡视|反馈|以上|上述", sentence[:done.start()])
                   and "其中" not in sentence[at[key]:done.start()]]  # 24个，其中立行立改9个，已全部完成: the 9
        if counted:
            found["completed"], found["basis"] = found[counted[0]], counted[0]
    return found


_READERS = {"people_disciplined": (_people, "_people"), "money_returned": (_money, "_money")}


def _all_done(sentence: str, value: int) -> bool:
    """The completed figure is the whole count of what the inspection fed back: 巡察反馈的N个问题已全部
    完成 / 反馈问题N个均已整改到位 (an audit's 审计指出的5个问题全部完成整改 counts no findings of ours)."""
    return any(_value(m) == value for m in rx("all_done").finditer(sentence))


def _value(m: re.Match) -> int | None:
    number = re.sub(r"[,，]", "", m.group("v"))  # 125,730元
    value = float(number) if re.fullmatch(r"\d+(?:\.\d+)?", number) else chinese_value(number)
    if value is None:
        return None
    if m.groupdict().get("wan"):
        value = round(float(value) * 10000, 2)
    elif m.groupdict().get("yi"):
        value = round(float(value) * 100000000, 2)
    return int(value) if float(value) == int(value) else None


def _named(text: str) -> str | None:
    """The thing a completed figure names itself (已完成整改任务47项, 16个问题已完成), if any."""
    for basis in ("tasks", "measures", "problems"):
        if rx("basis_words", basis).search(text):
            return basis
    return None


def _basis(before: str, word: str = "") -> str | None:
    """What the completed figure counts: the last counted thing before it in its sentence, one
    counted with the same measure word (个/项/条) first (18个问题…52项措施…已完成16个: problems;
    反馈问题18个…整改任务80个，已完成75个: tasks)."""
    counted: list[tuple[int, str, bool]] = []
    for basis in ("problems", "tasks", "measures"):
        for m in rx("basis_words", basis).finditer(before):
            # the count before its noun (18个问题) or after it (整改任务80个)
            unit = re.search(r"(\d+)([个项条])[^\d，。；]{0,6}$", before[: m.start()]) \
                or re.match(r"(?:清单)?(?:共计|合计|共)?(\d+)([个项条])", before[m.end():])
            counted.append((m.start(), basis, bool(unit and word and unit.group(2) in word)))
    if not counted:
        return None
    same = [c for c in counted if c[2]]
    return max(same or counted)[1]
