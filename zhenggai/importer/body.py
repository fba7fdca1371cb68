"""The body of a notice, from its outline: sections, categories, problems, items, measures.

Which level is which is read from the document itself: the section whose heading names the
rectification (or that holds problems) has categories, then problems, then (when the next
level carries statuses or 对“……”问题 headings) items; lines of 一是 and numbered lines
below a finding are its measures, 一是…二是… run together in one paragraph are split. The
wording around titles (关于“……”方面的整改。, 针对“……”的问题) becomes the heading template of
the numbering scheme, and each level's label style and continuity are recorded too.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .frame import Notes, to_date
from .outline import Node
from .patterns import patterns, rx, table
from .sources import Line

LEAD_MAX = 30  # characters of a lead phrase (强化制度建设。): longer first sentences are text
USUAL = {"categories": ("（{cn}）",), "problems": ("{n}.",), "items": ("（{n}）",), "measures": ("{cn}是",)}


class Body:
    """Builds the sections of the draft from the outline, noting guesses and placed lines."""

    def __init__(self, notes: Notes, published_year: int | None) -> None:
        self.notes = notes
        self.year = published_year
        self.levels: dict[str, list[tuple[int, Node]]] = {k: [] for k in ("categories", "problems", "items", "measures")}
        self.templates: dict[str, Counter] = {k: Counter() for k in ("categories", "problems", "items")}
        self.measure_texts: list[tuple[dict, str]] = []
        self.statuses = 0
        self.owners: list[tuple[int, str, dict]] = []  # (line number, "section"/"category", its dict)

    def sections(self, root: Node) -> list[dict[str, Any]]:
        out = []
        for node in root.children:
            self.notes.take(node.line)
            section: dict[str, Any] = {"heading": node.text}
            self.owners.append((node.line.number, "section", section))
            self._paragraphs(section, node.paragraphs)
            if re.search(patterns()["next_steps_heading"], node.text):
                section["role"] = "next_steps"
            if self._is_rectification(node):
                section["categories"] = [self._category(c, i) for i, c in enumerate(node.children)]
            else:
                self._general_children(section, node.children)
            out.append(section)
        self._split_leads()
        return out

    def _paragraphs(self, target: dict, lines: list[Line], key: str = "paragraphs") -> None:
        if lines:
            target[key] = [line.text for line in lines]
            self.notes.take(*lines)

    def _is_rectification(self, node: Node) -> bool:
        if not node.children:
            return False
        if re.search(patterns()["rectification_heading"], node.text):
            return True
        grandchildren = [g for c in node.children for g in c.children]
        if not grandchildren:
            return False
        # Categories name a 方面 or wrap a quoted title; problems below them may carry statuses.
        if any(c.style == "第{cn}方面问题" or _category_like(c.text) for c in node.children):
            return True
        return any(_problem_heading(g.text)[1] is not None or _has_state_line(g) for g in grandchildren)

    def _general_children(self, section: dict, children: list[Node]) -> None:
        points, subsections = [], []
        for child in children:
            self.notes.take(child.line)
            if child.kind == "measure":
                points.append(self._point(child))
                continue
            heading, rest = _run_in(child.text)
            sub: dict[str, Any] = {"heading": heading}
            paragraphs = ([rest] if rest else []) + [line.text for line in child.paragraphs]
            self.notes.take(*child.paragraphs)
            if paragraphs:
                sub["paragraphs"] = paragraphs
            if child.children:
                self._general_children(sub, child.children)
            subsections.append(sub)
        if points:
            section["points"] = points
        if subsections:
            section["sections"] = subsections

    def _category(self, node: Node, index: int) -> dict[str, Any]:
        self.notes.take(node.line)
        self.levels["categories"].append((index, node))
        title, template = _category_heading(node)
        self.templates["categories"][template] += 1
        category: dict[str, Any] = {"title": title, "problems": []}
        self.owners.append((node.line.number, "category", category))
        if node.paragraphs:  # text under a category before its first problem has no place of its own
            category["problems"].append(self._loose_problem(node.paragraphs))
        for child in node.children:
            category["problems"].append(self._problem(child, node))
        if not category["problems"]:
            category["problems"] = [{"title": "【请填写:问题】"}]
            self.notes.fill[("category", title)] = "这个方面下没有读出问题"
        return category

    def _loose_problem(self, lines: list[Line]) -> dict[str, Any]:
        self.notes.take(*lines)
        self.notes.check[("problem", lines[0].number)] = f"第 {lines[0].number} 行起的段落不在任何问题之下,暂作一个问题"
        return {"title": lines[0].text[:40], "measures": [line.text for line in lines]}

    def _problem(self, node: Node, parent: Node) -> dict[str, Any]:
        self.notes.take(node.line)
        self.levels["problems"].append((id(parent), node))
        heading, state = _split_state(node.text)
        title, template, similar = _finding_heading(heading, "problem")
        self.templates["problems"][template] += 1
        problem: dict[str, Any] = {"title": title}
        if similar:
            problem["similar"] = True
        self._state(problem, state)
        labelled = [c for c in node.children]
        if labelled and not all(c.kind == "measure" for c in labelled) and self._are_items(labelled):
            self._measures(problem, [], node.paragraphs)
            problem["items"] = [self._item(c, node) for c in labelled]
        else:
            self._measures(problem, labelled, node.paragraphs)
        return problem

    def _are_items(self, nodes: list[Node]) -> bool:
        """Whether a problem's labelled children are items (问题表现) rather than measures:
        they carry statuses, 对“……”问题 headings, or measures of their own."""
        return any(_split_state(n.text)[1] or _finding_heading(n.text, "item")[1] is not None
                   or any(c.kind == "measure" for c in n.children) or _has_state_line(n) for n in nodes)

    def _item(self, node: Node, parent: Node) -> dict[str, Any]:
        self.notes.take(node.line)
        self.levels["items"].append((id(parent), node))
        heading, state = _split_state(node.text)
        title, template, similar = _finding_heading(heading, "item")
        self.templates["items"][template] += 1
        item: dict[str, Any] = {"title": title}
        if similar:
            item["similar"] = True
        self._state(item, state)
        self._measures(item, node.children, node.paragraphs)
        return item

    def _state(self, finding: dict, text: str) -> None:
        """Status and deadline from the words after a heading's colon or an 整改情况： line."""
        if not text:
            return
        for pattern, info in table("statuses"):
            if pattern.search(text):
                finding["status"] = info["status"]
                self.statuses += 1
                break
        if m := rx("deadline").search(text):
            finding["deadline"] = m.group(0).rstrip("，,。")

    def _measures(self, finding: dict, nodes: list[Node], paragraphs: list[Line]) -> None:
        measures: list[Any] = []
        lead = rx("status_lead")
        texts = []
        for line in paragraphs:
            self.notes.take(line)
            text = line.text
            if lead.match(text):
                text = lead.sub("", text, count=1).strip()
                status_text, text = _leading_state(text)
                self._state(finding, status_text)
            if text:
                texts.append((line, text))
        for line, text in texts:
            for part in _inline_points(text):
                measure = {"text": part}
                self.measure_texts.append((measure, line.bold))
                measures.append(measure)
        for node in nodes:
            self.levels["measures"].append((id(finding), node))
            measures.append(self._point(node, measure=True))
        if measures:
            finding["measures"] = measures

    def _point(self, node: Node, measure: bool = False) -> dict[str, Any]:
        self.notes.take(node.line)
        point: dict[str, Any] = {"text": node.text}
        bold = node.line.bold if node.line else ""
        if bold.startswith(node.label_text):  # a bold lead typed with its label: 一是强化制度建设。
            bold = bold[len(node.label_text):].strip()
        self.measure_texts.append((point, bold))
        if node.children:
            point["points"] = [self._point(c) for c in node.children]
        if node.paragraphs:
            self._paragraphs(point, node.paragraphs)
        return point

    def _split_leads(self) -> None:
        """Lead phrases (强化制度建设。) as `title`, when the document writes its points that way."""
        firsts = [_first_sentence(p["text"]) for p, _ in self.measure_texts]
        short = sum(1 for f in firsts if f and len(f) <= LEAD_MAX)
        leads = short * 2 > len(firsts)
        for (point, bold), first in zip(self.measure_texts, firsts):
            text = point.pop("text")
            rest = {k: point.pop(k) for k in list(point)}
            if bold and text.startswith(bold) and bold != text:
                point["title"], text = bold, text[len(bold):]
            elif leads and first and len(first) <= LEAD_MAX and first != text:
                point["title"], text = first, text[len(first):]
            point["text"] = text
            point.update(rest)

    def add_ledger(self, after_line: int, problems: list[dict[str, Any]]) -> None:
        """Put a ledger table's problems under the category (else section) it follows."""
        owners = [o for o in self.owners if o[0] <= after_line]
        if not owners:
            return
        _, kind, target = owners[-1]
        if kind == "category":
            target["problems"] = [p for p in target["problems"] if p.get("title") != "【请填写:问题】"] + problems
            self.notes.fill.pop(("category", target["title"]), None)
            return
        category = {"title": "【请填写:方面】", "problems": problems}
        self.notes.fill[("ledger", after_line)] = "台账表格没有写问题所属的方面,请填写方面名称(或把问题分到各方面)"
        target.setdefault("categories", []).append(category)

    def scheme(self) -> dict[str, Any]:
        """The numbering scheme the document used, where it differs from the usual one."""
        scheme: dict[str, Any] = {}
        for level, entries in self.levels.items():
            nodes = [n for _, n in entries]
            styles = Counter(n.style for n in nodes if n.style)
            entry: dict[str, Any] = {}
            if styles:
                style = styles.most_common(1)[0][0]
                if style == "第{cn}方面问题":
                    entry["label"] = ""
                elif style not in USUAL[level]:
                    entry["label"] = style
            if _continuous(entries):
                entry["continuous"] = True
            template = self.templates.get(level, Counter()).most_common(1)
            if template and template[0][0]:
                entry["heading"] = template[0][0]
            if entry:
                scheme[level] = entry
        return scheme

    def date(self, text: str):
        return to_date(text, self.year)


def _category_like(text: str) -> bool:
    """A heading that names a 方面 or wraps a quoted title, not a paragraph that mentions one."""
    head = text if len(text) <= 80 else (_first_sentence(text) or text[:80])
    return bool(re.search(r"方面(?:的问题|的整改)?[。.]?$|^关于“|^“.+”", head)) or _wrapped(head) is not None


def _has_state_line(node: Node) -> bool:
    """A 整改情况：/整改进度： line with a status under the node, before anything else."""
    first = node.paragraphs[0].text if node.paragraphs else ""
    if not rx("status_lead").match(first):
        return False
    rest = rx("status_lead").sub("", first, count=1)
    return bool(_leading_state(rest.strip())[0])


def _continuous(entries: list[tuple[int, Node]]) -> bool:
    """Numbers that go on from one parent to the next instead of starting again at 1."""
    by_parent: dict[int, list[int]] = {}
    for parent, node in entries:
        by_parent.setdefault(parent, []).append(node.number)
    runs = list(by_parent.values())
    return len(runs) > 1 and any(run[0] > 1 and run[0] == prev[-1] + 1 for prev, run in zip(runs, runs[1:]))


def _run_in(text: str) -> tuple[str, str]:
    """A run-in heading (统一思想认识,抓好统筹部署。) and the text that follows it."""
    m = re.match(r"^(.{2,60}?。)(.+)$", text)
    return (m.group(1), m.group(2)) if m else (text, "")


# A title in quotes with the words notices put around it: 关于“……”方面的整改。 针对“……”的问题
# 对“……”等问题的整改情况. Only these wrapper words count, so a title that merely holds a
# quotation (落实“两个责任”不到位) is not taken apart.
_WRAPPED = re.compile(r"^(?P<pre>关于|针对|整改|对|有关)?“(?P<title>.+)”(?P<similar>等)?"
                      r"(?P<post>(?:方面)?(?:的)?(?:问题|情况)?(?:的)?(?:整改(?:情况)?)?[。.]?)$")


def _wrapped(text: str) -> tuple[str, str | None, bool] | None:
    """(title, template, similar) of a heading that wraps a quoted title, else None."""
    m = _WRAPPED.match(text)
    if not m or "“" in m.group("title") and "”" not in m.group("title"):
        return None
    template = (m.group("pre") or "") + "“{title}”" + m.group("post")
    return m.group("title"), template, bool(m.group("similar"))


def _category_heading(node: Node) -> tuple[str, str | None]:
    if node.style == "第{cn}方面问题":
        sep = node.label_text[-1] if node.label_text[-1] in ",，、:：" else ""
        return node.text, "第{cn}方面问题" + sep + "{title}"
    wrapped = _wrapped(node.text)
    if wrapped:
        title, template, _ = wrapped
        return title, (None if template == "“{title}”方面" else template)
    m = re.match(r"^(?P<title>.+?)方面(?P<post>(?:的问题)?[。.]?)$", node.text)
    if m:
        return m.group("title"), "{title}方面" + m.group("post")
    return node.text, "{title}"


def _finding_heading(text: str, level: str) -> tuple[str, str | None, bool]:
    wrapped = _wrapped(text)
    if wrapped:
        return wrapped
    similar = text.endswith("等问题")
    return (text[:-3] if similar else text), None, similar


def _problem_heading(text: str) -> tuple[str, str | None]:
    title, template, _ = _finding_heading(_split_state(text)[0], "problem")
    return title, template


def _split_state(text: str) -> tuple[str, str]:
    """A heading and the status words after its colon: 对“……”问题的整改情况:已完成。"""
    m = re.match(r"^(.+?)[:：]\s*(.{0,40})$", text)
    if m and any(p.search(m.group(2)) for p, _ in table("statuses")):
        return m.group(1).strip(), m.group(2)
    return text, ""


def _leading_state(text: str) -> tuple[str, str]:
    """(status words, the rest) when a 整改情况： line starts with a status: 已完成。一是…"""
    m = re.match(r"^(.{0,40}?)(?:[。；;]|$)(.*)$", text)
    if m and any(p.search(m.group(1)) for p, _ in table("statuses")) and not re.match(r"^[一二三四五六七八九十]+是", text):
        return m.group(1), m.group(2).strip()
    return "", text


def _inline_points(text: str) -> list[str]:
    """一是…二是…三是… run together: one text each, in order; else the text as it is."""
    starts, expected = [], 1
    for m in re.finditer(patterns()["inline_points"], text):
        number = _cn(m.group("cn"))
        at = m.start()
        if number == expected and (at == 0 or text[at - 1] in "。；;，,：:、 "):
            starts.append((at, m.end()))
            expected += 1
    if len(starts) < 2 or starts[0][0] != 0:
        return [text]
    bounds = [s for s, _ in starts[1:]] + [len(text)]
    return [text[end:bound].strip() for (_, end), bound in zip(starts, bounds)]


def _cn(text: str) -> int:
    from ..numbering import chinese_numeral

    return next((n for n in range(1, 60) if chinese_numeral(n) == text), 0)


def _first_sentence(text: str) -> str | None:
    m = re.match(r"^(.+?。)", text)
    return m.group(1) if m else None
