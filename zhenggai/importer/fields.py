"""Phase five: the fields of the draft from the outline and its roles — sections, categories,
problems, items, measures and the numbering scheme the notice used.

A problem's line gives its title: the words inside its wrapper (关于“…”问题的整改情况), else
its run-in first sentence; what follows on the same line (一是…二是…, 整改情况：已完成。…)
and the paragraphs under it are its status, deadline and measures. Each level's label
style, continuity and wrapper become the numbering scheme, so the page reproduces the
notice's own numbering.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import LABEL_PATTERN
from .doubts import Doubt
from .fold import fold
from .frame import arabic_dates
from .lines import Para, make_para
from .outline import CATEGORY_LINE_STYLE, PROBLEM_LINE_STYLE, Node
from .roles import (ANSWER_LEAD, USUAL_HEADINGS, Roles, answered, closing_lead, fields_bracket, finding_like, head, named_status,
                    opens_problem, problem_wording_groups, responsibility, runin_findings, runin_problem, shared_findings,
                    shared_lead, wrapped)
from .rules import rx, table

LEAD_MAX = 30  # characters of a lead phrase (强化制度建设。): longer first sentences are text
USUAL = {"categories": ("（{cn}）",), "problems": ("{n}.",), "items": ("（{n}）",), "measures": ("{cn}是",)}
PLACEHOLDER_PROBLEM = "【请填写：问题】"


@dataclass(frozen=True)
class Body:
    """The body as draft fields, the lines it placed, and its doubts."""

    sections: list[dict[str, Any]]
    scheme: dict[str, Any]
    used: frozenset[int]
    doubts: tuple[Doubt, ...]
    lines: dict[int, int]  # id(draft dict) → its source line, for the checks
    owners: tuple[tuple[int, str, dict], ...]  # (line, "section"/"category", dict): where a ledger goes
    closing: tuple[Para, ...] = ()  # summaries after the last problem, moved to their part


def read_body(root: Node, roles: Roles) -> Body:
    """Phase five: sections of the draft from the outline's top-level nodes."""
    builder = _Builder(roles)
    sections: list[dict[str, Any]] = []
    # Problems or categories as the top level: a summary after the last (下一步，…) is no text of it
    last = root.children[-1] if root.children else None
    tail = closing_paragraphs(last) if last is not None and roles(last) in ("problem", "category") else []
    builder.closing += tail
    for node in root.children:
        if roles(node) == "problem" and sections and sections[-1].get("heading") is None \
                and sections[-1].get("categories") and sections[-1]["categories"][0].get("title") is None:
            sections[-1]["categories"][0]["problems"].append(builder.problem(node, None))
        elif roles(node) == "category" and sections and sections[-1].get("heading") is None \
                and sections[-1].get("categories") and sections[-1]["categories"][0].get("title") is not None:
            sections[-1]["categories"].append(builder.category(node, root))
        elif node.kind == "measure" and roles(node) not in ("problem", "category"):
            # 一是X，Y。…… at the top level: points of the part, never a part each headed by its paragraph
            builder.take(node.para)
            if not (sections and sections[-1].get("heading") is None and "points" in sections[-1]):
                sections.append(builder.mark({"heading": None, "points": []}, node))
            sections[-1]["points"].append(builder.point(node))
        else:
            sections.append(builder.section(node, root))
    if tail:
        section = builder.mark({"heading": None, "paragraphs": [p.text for p in tail]}, tail[0].number)
        builder.take(*tail)
        sections.append(section)
        builder.doubts.append(Doubt("原文在各问题之后的总结段落，草稿把它单列为最后一个不带标题的部分", tail[0].number,
                                    about=section, key="paragraphs", code="import.closing_moved"))
    builder.split_leads()
    builder.same_wrapper()
    return Body(sections, builder.scheme(), frozenset(builder.used), tuple(builder.doubts), builder.lines,
                tuple(builder.owners), tuple(builder.closing))


@dataclass
class _Builder:
    roles: Roles
    used: set[int] = field(default_factory=set)
    doubts: list[Doubt] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)
    owners: list[tuple[int, str, dict]] = field(default_factory=list)
    levels: dict[str, list[tuple[int, Node]]] = field(
        default_factory=lambda: {k: [] for k in ("categories", "problems", "items", "measures")})
    templates: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in ("categories", "problems", "items")})
    measure_texts: list[tuple[dict, str]] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)
    inline_styles: Counter = field(default_factory=Counter)  # how run-together measures were counted
    joined: set[int] = field(default_factory=set)  # broken lines already marked
    leftover: list[tuple[dict, str]] = field(default_factory=list)  # text after a field's value, for its finding
    suffixed: list[tuple[str, dict]] = field(default_factory=list)  # findings titled X的问题 without its wrapper
    tagged: dict[int, str] = field(default_factory=dict)  # a finding's 【持续整改】 tag, its status if none is said
    wrapped: list[tuple[dict, str | None]] = field(default_factory=list)  # each category and its wrapper (X方面)

    def tag_state(self, finding: dict[str, Any]) -> None:
        """The status a finding's kind-of-work tag gives, where its text states none."""
        if (tag := self.tagged.pop(id(finding), "")) and "status" not in finding:
            self.state(finding, fold(tag))

    def same_wrapper(self) -> None:
        """X的问题 where the other findings of its level were read as {title}的问题 (their wording a
        deficiency, its own not: 渠道不畅的问题): the wrapper is the level's, so it is taken off too."""
        for level, finding in self.suffixed:
            counts = self.templates["problems" if level == "problem" else "items"]
            if counts["{title}的问题"] * 2 >= sum(counts.values()):
                finding["title"] = finding["title"][:-3]
                counts["{title}的问题"] += 1
                counts[None] -= 1

    def close_call(self, node: Node, value: dict) -> None:
        """A doubt where the node's role went with its siblings against its own wording."""
        if id(node) in self.roles.clues:
            self.doubts.append(Doubt("这一项是巡察移交问题线索（信访件）或所提意见建议的办理情况，不是反馈问题，草稿把它放在这一部分的开头；"
                                     "其后各项的编号会随之顺延，请核对", node.line, about=value, code="import.clue_part"))
        elif reason := self.roles.close.get(id(node)):
            self.doubts.append(Doubt(reason, node.line, about=value, code="import.role_by_siblings"))

    def take(self, *paras: Para | None) -> None:
        self.used.update(p.number for p in paras if p is not None)

    def mark(self, value: dict, node_or_line) -> dict:
        self.lines[id(value)] = node_or_line if isinstance(node_or_line, int) else node_or_line.line
        para = getattr(node_or_line, "para", None)
        if para is not None and para.joined and para.joined[0] not in self.joined:
            self.joined.add(para.joined[0])
            self.doubts.append(Doubt(f"这一行在原文中断成两行（第 {para.number} 行和第 {para.joined[0]} 行），已合成一行",
                                     para.number, about=value, code="import.line_joined"))
        return value

    # --- sections ------------------------------------------------------------------------

    def section(self, node: Node, root: Node | None = None) -> dict[str, Any]:
        role = self.roles(node)
        if role == "category":  # a category at the top level: an untitled part of its own
            section = self.mark({"heading": None, "categories": [self.category(node, root or node)]}, node)
            self.doubts.append(Doubt(f"通报把各个方面列为最高一级的标题（{_as_labelled(node, '关于……方面的问题')}），"
                                     "草稿把它们放在一个不带标题的部分中",
                                     node.line, about=section, key="categories", code="import.categories_as_parts"))
            return section
        if role == "problem":  # a problem at the top level: an untitled part of its own
            section = self.mark({"heading": None, "categories": [{"problems": [self.problem(node, None)]}]}, node)
            self.doubts.append(Doubt(f"通报把各个问题列为最高一级的标题（{_as_labelled(node, '关于……的整改情况')}），"
                                     "草稿把它们放在一个不带标题的部分中",
                                     node.line, about=section, key="categories", code="import.problems_as_parts"))
            return section
        self.take(node.para)
        section: dict[str, Any] = self.mark({"heading": node.text}, node)
        self.owners.append((node.line, "section", section))
        if node.para is not None and node.para.inferred:
            self.doubts.append(Doubt("这一行没有编号，按它的写法读作一个部分的标题", node.line, about=section, key="heading",
                                     code="import.heading_unnumbered"))
        if role == "next_steps":
            section["role"] = "next_steps"
        if role == "rectification":
            self.rectification(section, node)
        else:
            self.paragraphs(section, node.paragraphs)
            self.general(section, node.children)
        return section

    def paragraphs(self, target: dict, paras: list[Para], key: str = "paragraphs") -> None:
        if paras:
            target[key] = [p.text for p in paras]
            self.take(*paras)

    def general(self, section: dict, children: list[Node]) -> None:
        points, subsections = [], []
        for child in children:
            self.take(child.para)
            if self.roles(child) in ("point", "measure"):
                # 一是X。二是Y。三是Z。 run together on the line of the first: a point each
                parts = inline_points(child.label_text + child.text) if child.kind == "measure" and not child.children else []
                if len(parts) > 1:
                    child.text = parts[0]
                points.append(self.point(child))
                for part in parts[1:]:
                    point = {"text": part}
                    self.measure_texts.append((point, ""))
                    points.append(point)
                continue
            heading, rest = run_in(child.text)
            sub: dict[str, Any] = self.mark({"heading": heading}, child)
            paragraphs = ([rest] if rest else []) + [p.text for p in child.paragraphs]
            self.take(*child.paragraphs)
            if paragraphs:
                sub["paragraphs"] = paragraphs
            if child.children:
                self.general(sub, child.children)
            subsections.append(sub)
        if points:
            section["points"] = points
        if subsections:
            section["sections"] = subsections

    def rectification(self, section: dict, node: Node) -> None:
        closing = closing_paragraphs(node)
        self.closing += closing  # a summary after the last problem belongs to the part, not to that problem
        intro, loose = list(node.paragraphs), []
        if not node.children:
            intro, runs = _loose_runs(node.paragraphs)
            loose = [self.runin_problem(para, followers) for para, followers in runs]
        self.paragraphs(section, intro)
        categories: list[dict] = []
        untitled: dict[str, Any] | None = None
        if loose:
            untitled = {"problems": loose}
            categories.append(untitled)
        points, found = [], []
        for child in node.children:
            role = self.roles(child)
            if role == "category":
                categories.append(self.category(child, node))
                untitled = None
            elif role == "point":
                self.take(child.para)
                points.append(self.point(child))
            else:
                if untitled is None:
                    untitled = {"problems": []}
                    categories.append(untitled)
                untitled["problems"].append(self.problem(child, node))
                found.append((child, untitled["problems"][-1]))
        self.shared_runs(found)
        if points:
            section["points"] = points
        section["categories"] = categories
        if closing:
            self.paragraphs(section, intro + closing)
            self.doubts.append(Doubt("原文在各问题之后的总结段落，草稿放在这一部分的开头", closing[0].number,
                                     about=section, key="paragraphs", code="import.closing_moved"))

    # --- categories, problems, items -------------------------------------------------------

    def category(self, node: Node, parent: Node) -> dict[str, Any]:
        self.take(node.para)
        self.levels["categories"].append((id(parent), node))
        title, template, rest = category_title(node)
        self.templates["categories"][template] += 1
        category: dict[str, Any] = self.mark({"title": title, "problems": []}, node)
        self.wrapped.append((category, template))
        self.owners.append((node.line, "category", category))
        self.close_call(node, category)
        if problem_wording_groups(node):
            self.doubts.append(Doubt("这一标题写作“关于……的问题”，其下编号的各项各有整改措施，草稿把它读作方面、各项读作问题",
                                     node.line, about=category, key="title", code="import.problem_wording_as_category"))
        status = self.roles.status.get(id(node))
        # 巡察指出存在以下问题： before the problems 1. 2. 3. (or 主要问题： before 一是…): it only leads them
        if node.children and (leads := self.set_aside(
                node, lambda p: rx("findings_lead").match(p.view) and p.seq <= node.children[0].seq)):
            self.doubts.append(Doubt(f"“{leads[0].text[:30]}”只是引出下列问题的话，草稿不单独记录",
                                     leads[0].number, about=category, key="title", code="import.findings_lead"))
        if shared_findings(node):
            self.shared_findings(category, node, status, title, rest)
            return category
        if not node.children and not rest and runin_findings(node):
            for para, followers in _runs(node.paragraphs):
                problem = self.runin_finding(para, followers)
                self.apply_group_status(problem, status, title, para.number)
                self.planned(problem)  # in progress by its group: a plan in its measures is its deadline
                category["problems"].append(problem)
            return category
        # 该方面问题2个，已全部整改完成。: the problems below say it one by one
        if counts := self.set_aside(node, lambda p: rx("category_count").match(p.view)):
            self.doubts.append(Doubt(f"“{counts[0].text[:30]}”是这个方面的问题数，草稿不单独记录（其下问题逐条列出）",
                                     counts[0].number, about=category, key="title", code="import.category_count"))
        loose = ([rest] if rest else []) + [p.text for p in node.paragraphs]
        if loose:  # text under a category before its first problem has no place of its own
            self.take(*node.paragraphs)
            problem = self.mark({"title": head(loose[0])[:40], "measures": loose},
                                node.paragraphs[0].number if node.paragraphs and not rest else node.line)
            category["problems"].append(problem)
            self.doubts.append(Doubt("这段文字在方面标题之下、任何问题之前，暂作一个问题", node.line,
                                     about=problem, key="title", structural=True, code="import.text_before_problems"))
        shared = _shared_status_line(node) if len(node.children) > 1 else None
        found = []
        for child in node.children:
            problem = self.problem(child, node)
            self.apply_group_status(problem, status, title, child.line)
            self.planned(problem)  # in progress by its group: a plan in its measures is its deadline
            category["problems"].append(problem)
            found.append((child, problem))
        self.shared_runs(found)
        if shared is not None:  # 以上2个问题均已整改完成。 closing the category: each problem's status
            line, said = shared
            for problem in category["problems"]:
                if not problem.get("status"):
                    problem["status"] = said
                    self.doubts.append(Doubt(f"状态由方面末尾的一句（原文第 {line.number} 行）读出，适用于其下各个问题，请核对",
                                             line.number, about=problem, key="status", code="import.status_shared_line"))
        if not category["problems"]:
            self.doubts.append(Doubt("这个方面下没有读出问题", node.line, about=category, key="problems",
                                     fill=True, structural=True, code="import.category_empty"))
        return category

    def set_aside(self, node: Node, which) -> list[Para]:
        """The category's paragraphs `which` picks (a line that only leads or counts its problems),
        taken out of its text: the caller says so."""
        found = [p for p in node.paragraphs if which(p)]
        self.take(*found)
        node.paragraphs = [p for p in node.paragraphs if p not in found]
        return found

    def shared_findings(self, category: dict, node: Node, status: str | None, title: str, rest: str = "") -> None:
        """一是X。二是Y。 in one paragraph (or run in after the heading), each a problem, and one
        整改情况： paragraph for them all. The model keeps measures per problem only: the shared
        ones go under the last problem, and every problem of the group says so, for staff to place them."""
        if rest:  # （一）在X方面。一是Y。二是Z。 on the heading's line, the measures in its paragraphs
            run_text, line, shared = rest, node.line, node.paragraphs
        else:
            run = node.children[0]
            self.take(run.para)
            run_text, line, shared = run.label_text + run.text, run.line, run.paragraphs[:2]
        problems = []
        parts = inline_points(run_text)
        for part in parts if len(parts) > 1 else [run_text[2:]]:  # 一是X。 alone: its label off
            problem, _ = self.titled(part, fold(part), "problem", line)
            problem["title"] = problem["title"].rstrip("。；")
            problems.append(problem)
        self.measures(problems[-1], [], shared)
        for problem in problems:
            if problems[-1].get("status") and not problem.get("status"):
                problem["status"] = problems[-1]["status"]  # the one answer's status is each one's
            self.apply_group_status(problem, status, title, line)
            if len(problems) > 1:
                self.doubts.append(Doubt("原文这几个问题共用一段整改情况，草稿把它放在最后一个问题之下，请核对各问题的整改措施",
                                         shared[0].number, about=problem, key="measures", code="import.shared_measures"))
            else:
                self.doubts.append(Doubt("方面标题后直接写了问题（一是……），草稿把它读作这个方面的问题、其后读作整改措施",
                                         line, about=problem, key="title", code="import.unnumbered_problem"))
        category["problems"].extend(problems)

    def apply_group_status(self, problem: dict, status: str | None, title: str, line: int) -> None:
        """The status a status-group category (已整改完成的问题) gives a problem without its own."""
        if status and "status" not in problem and not problem.get("items"):
            problem["status"] = status
            self.doubts.append(Doubt(f"通报按整改进度分组，这个问题列在“{title}”之下，状态按“{status}”填写",
                                     line, about=problem, key="status", code="import.status_from_group"))

    def problem(self, node: Node, parent: Node | None) -> dict[str, Any]:
        self.take(node.para)
        self.levels["problems"].append((id(parent), node))
        problem, rest = self.finding(node, "problem")
        self.close_call(node, problem)
        children = node.children
        if children and all(self.roles(c) in ("item", "measure") for c in children) \
                and any(self.roles(c) == "item" for c in children):
            items = [c for c in children if self.roles(c) == "item"]
            # (1)(2) findings, then 整改情况： and (1)(2) again: the second run is the problem's measures
            lifted = items[-1].children if shared_lead(items[-1]) and not any(answered(i) for i in items[:-1]) else []
            # （1）A；（2）B。 then 整改情况：…: the paragraph under the last is the problem's measures
            closing = list(items[-1].paragraphs) if lifted or closing_lead(node) else []
            self.measures(problem, [c for c in children if self.roles(c) == "measure"] + lifted,
                          list(node.paragraphs) + closing, rest)
            problem["items"] = [self.item(c, node, lifted=bool(lifted or closing) and c is items[-1]) for c in items]
        else:
            self.measures(problem, children, node.paragraphs, rest)
        self.tag_state(problem)
        self.planned(problem)
        return problem

    def planned(self, finding: dict[str, Any]) -> None:
        """正在推进中, no 整改时限, and a measure that says when the rest will be done (计划10月底前完成改造):
        that date is the deadline, marked as read from the measure."""
        if finding.get("deadline") or finding.get("status") != "正在推进中":
            return
        plans = [(text, m) for measure in finding.get("measures", ())
                 for text in [measure if isinstance(measure, str) else measure.get("title", "") + measure.get("text", "")]
                 for m in rx("planned_deadline").finditer(fold(text))]
        if len(plans) != 1:  # none, or several dates for several parts of the work: none of them is the deadline
            return
        [(text, m)] = plans
        finding["deadline"] = text[m.start("v"):m.end("v")]
        self.doubts.append(Doubt(f"整改时限由整改措施中的“{text[m.start():m.end()]}”读出", self.lines.get(id(finding)),
                                 about=finding, key="deadline", code="import.deadline_planned"))

    def item(self, node: Node, parent: Node, lifted: bool = False) -> dict[str, Any]:
        self.take(node.para)
        self.levels["items"].append((id(parent), node))
        item, rest = self.finding(node, "item")
        self.close_call(node, item)
        self.measures(item, [] if lifted else node.children, [] if lifted else node.paragraphs, rest)
        self.tag_state(item)
        self.planned(item)
        return item

    def shared_runs(self, found: list[tuple[Node, dict[str, Any]]]) -> None:
        """Problems 1. 2. then a bare 整改情况： and measures 1. 2.: the measures stand under the last
        problem (the model keeps measures per problem), and every problem of the run says so."""
        for at, (node, _) in enumerate(found):
            said_above = bool(node.paragraphs and rx("shared_answer").match(node.paragraphs[0].view))
            if self.roles(node) != "problem" or not (shared_lead(node) or said_above):
                continue
            run = [found[at]]
            while (back := at - len(run)) >= 0 and found[back][0].style == node.style \
                    and found[back][0].number == run[-1][0].number - 1 and not answered(found[back][0]):
                run.append(found[back])
            if len(run) < 2:
                continue  # the problems before it have measures of their own: these are its own
            lead = node.paragraphs[0] if said_above else next(p for p in node.paragraphs if rx("status_lead").match(p.view))
            for _, problem in run[1:]:  # the shared 整改情况：已完成 is the status of each of them
                if run[0][1].get("status") and not problem.get("status"):
                    problem["status"] = run[0][1]["status"]
            for _, problem in reversed(run):
                self.doubts.append(Doubt("原文这几个问题共用一段整改情况，草稿把它放在最后一个问题之下，请核对各问题的整改措施",
                                         lead.number, about=problem, key="measures", code="import.shared_measures"))

    def finding(self, node: Node, level: str) -> tuple[dict[str, Any], str]:
        """A problem's or item's title (and wrapper) from its line, and the rest of the line."""
        return self.titled(node.text, node.view, level, node)

    def titled(self, text: str, view: str, level: str, at: Node | int) -> tuple[dict[str, Any], str]:
        """A finding titled from `text` (its wrapper counted for the numbering scheme), and the rest."""
        title, template, similar, rest, tagged = finding_title(text, view, level)
        self.templates["problems" if level == "problem" else "items"][template] += 1
        finding: dict[str, Any] = self.mark({"title": title}, at)
        if tagged:
            self.tagged[id(finding)] = tagged
        if template is None and title.endswith("的问题"):
            self.suffixed.append((level, finding))
        if similar:
            finding["similar"] = True
        return finding, rest

    def runin_problem(self, para: Para, followers: list[Para] | tuple = ()) -> dict[str, Any]:
        """An unlabelled paragraph that is a problem: its run-in sentence, then its measures (and
        the unlabelled paragraphs after it that open no problem of their own)."""
        if not runin_problem(para.view):  # X不到位。 alone, its 整改情况： paragraph next
            return self.runin_finding(para, list(followers))
        first = head(para.view)
        if wrapped(first, "problem"):  # 针对“X”的问题。一是…: the title without its wrapper
            problem, _ = self.titled(para.text[:len(first)], first, "problem", para.number)
        else:
            problem = self.mark({"title": para.text[:len(first)]}, para.number)
        return self.unnumbered(para, problem, list(followers), para.text[len(first) + 1:].strip())

    def runin_finding(self, para: Para, followers: list[Para]) -> dict[str, Any]:
        """An unlabelled paragraph under a category that opens a problem (针对“X”的问题。一是… /
        X不到位。整改情况：…), with the unlabelled paragraphs after it as its measures."""
        if m := rx("answering_problem").match(para.view):  # 针对巡察指出的X问题，修订…
            problem = self.mark({"title": para.text[m.start("title"):m.end("title")]}, para.number)
            if m.group("similar"):
                problem["similar"] = True
            self.templates["problems"][para.text[:m.start("title")] + "{title}" + "问题"] += 1
            return self.unnumbered(para, problem, followers, para.text[m.end():].strip())
        problem, rest = self.titled(para.text, para.view, "problem", para.number)
        return self.unnumbered(para, problem, followers, rest)

    def unnumbered(self, para: Para, problem: dict[str, Any], followers: list[Para], rest: str) -> dict[str, Any]:
        """An unlabelled paragraph's problem, its measures after it, marked as read without a label."""
        self.take(para)
        self.measures(problem, [], followers, rest)
        self.doubts.append(Doubt("这一段没有编号，按首句读作问题、其后读作整改措施", para.number, about=problem, key="title",
                                 code="import.unnumbered_problem"))
        return problem

    # --- status, measures, points ------------------------------------------------------------

    def state(self, finding: dict, text: str) -> None:
        """Status and deadline from the words after a heading's colon or an 整改情况： line."""
        if not text:
            return
        # The status said first wins: 正在推进中，计划6月底前完成，并长期坚持 is in progress.
        deadline = _plan_date(text)
        spans = [(m.start(), m.end(), i, info["status"]) for i, (pattern, info) in enumerate(table("statuses"))
                 if (m := pattern.search(text))]
        # 已完成阶段性目标 is one status: the 已完成 inside it says nothing of its own
        found = [(a, i, status) for a, b, i, status in spans
                 if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _, _ in spans)]
        if found:
            first = min(found)[2]
            finding.setdefault("status", first)
            # 计划8月底前整改完成 is the deadline's, not a second status
            said = {status for at, _, status in found if not (deadline and deadline.start() <= at < deadline.end())}
            if said - {first} and finding["status"] == first:
                self.doubts.append(Doubt(f"原文写作“{text}”，状态按先写的“{first}”填写", self.lines.get(id(finding)),
                                         about=finding, key="status", code="import.status_several"))
        if deadline:
            finding.setdefault("deadline", deadline.group(0).rstrip(r"，,。"))

    def field_line(self, finding: dict, text: str, said: dict[str, list[tuple[str, str]]]) -> bool:
        """A 责任单位：… or 整改时限：… line, kept in `said` (label, value); False for any other line.
        What the line says after the field's value (完成时限：年内。目前正在推进中。) is read on:
        a status is the finding's, anything else a measure (never dropped)."""
        view = fold(text)
        if yes_no := rx("status_yes_no").match(view.strip()):  # 是否完成：是 — the status, asked as a question
            self.state(finding, "已完成" if yes_no.group("v") == "是" else "尚未完成")
            return True
        if not (m := rx("responsible_lead").match(view) or rx("deadline_lead").match(view)):
            return False
        end = m.end()
        # 责任单位：县发改局　　完成时限：2025年12月底前 — two fields on one line
        if nxt := re.search(r"[ \u3000]+(?=[^\s：]{2,8}：)", view[m.start("v"):m.end()]):
            end = m.start("v") + nxt.start()
        # 责任股室：办公室3.服务不主动。 — a flattened page: the value stops where the next numbered line began
        if nxt := _NEXT_LABEL.search(view, m.start("v"), end):
            end = nxt.start()
        key = "responsible" if rx("responsible_lead").match(view) else "deadline"
        value = text[m.start("v"):end].strip().rstrip(r"，,、 ")  # 责任部门：办公室，责任领导：… — not the comma
        if key == "deadline" and named_status(fold(value)) in ("已完成", "基本完成") and rx("trailing_status").match(fold(value).rstrip(r"。；; ")) \
                and not rx("deadline").search(fold(value)):
            # 完成时限：已完成 — a status in the deadline's place (整改时限：长期坚持 is a deadline's word)
            self.state(finding, fold(value))
            value = ""
        elif key == "deadline" and (state := re.match(r"^(.+?)[，,]\s*([^，,]{2,12})$", value)) \
                and rx("trailing_status").match(fold(state.group(2))):
            value = state.group(1)  # 整改时限：立行立改，已完成。 — the deadline, then the status
            self.state(finding, fold(state.group(2)))
        if key == "deadline":
            value = arabic_dates(value)  # 完成时限：2025.10.31 / 2024/11/30 — the date as the site reads dates
        if value:
            said.setdefault(key, []).append((text[:m.start("v")].strip(), value))
        after = re.sub(r"^[。；;\s]+", "", text[end:])
        if after and not self.field_line(finding, after, said):
            lead = rx("status_lead").match(fold(after))
            # …；目前进展：已完成。 / …。目前正在推进中。 / …。目前该问题正在推进中，村均收入增长一成。
            status, rest = leading_state(after[lead.end():].strip()) if lead else leading_state(after)
            if status or _status_only(fold(after)):
                self.state(finding, fold(status or after.strip().rstrip(r"。；;")))
            if rest and not _status_only(fold(rest)):
                self.leftover.append((finding, rest))
                if status and not lead:
                    self.remark_kept(finding, status, rest, self.lines.get(id(finding)))
        return True

    def goal_kept(self, finding: dict, word: str, line: int | None) -> None:
        """整改成效：… — a line led by a word no field holds, kept as a measure and said."""
        self.doubts.append(Doubt(f"“{word}”没有专门的位置，草稿把它放作一条整改措施，请核对（可删去或并入其他措施）",
                                 line, about=finding, key="measures", code="import.goal_as_measure"))

    def remark_kept(self, finding: dict, status: str, remark: str, line: int | None) -> None:
        """正在推进，已完成全部排查，资金已拨付60万元。 — the status read, the words after it kept as a
        measure (no field holds a progress remark) and said."""
        self.doubts.append(Doubt(f"状态（{status}）之后的说明“{_short(remark)}”没有专门的位置，草稿把它放作一条整改措施，"
                                 "请核对（可删去或并入其他措施）", line, about=finding, key="measures",
                                 code="import.status_remark_kept"))

    def measures(self, finding: dict, nodes: list[Node], paras: list[Para], rest: str = "") -> None:
        lead = rx("status_lead")
        listed: list[dict[str, str]] = []  # 具体表现：①…②…, the finding's items
        texts: list[tuple[str, str]] = []
        paras = [p for p in paras if p not in self.closing]
        if (m := rx("description_lead").match(fold(rest))) and not rest[m.end():].strip():
            rest = ""  # X不够。主要表现： — the word that leads the details below, no measure
        rest = ANSWER_LEAD.sub("", rest)  # X不力。对此，一是…
        sources = [part for text, bold in ([(rest, "")] if rest else []) + [(p.text, p.bold) for p in paras]
                   for part in _at_status_lead(text, bold)]
        self.take(*paras)
        said: dict[str, list[tuple[str, str]]] = {}  # 责任单位：… / 整改时限：… lines, label and value
        # 整改状态：基本完成。 on a line of its own outranks a phrase closing the measures (……，此项工作需长期坚持。)
        stated = [text for text, _ in sources if (m := rx("status_line").match(fold(text)))
                  and leading_state(text[m.end():].strip())[0]]
        for text, bold in sources:
            view = fold(text)
            if self.field_line(finding, text, said):
                continue
            # 整改成效：采购率达到100%。 stays whole, said below (整改成效：已完成。 is the status)
            if (m := lead.match(view)) and not _goal_only(text):
                text = ANSWER_LEAD.sub("", text[m.end():].strip())  # 整改落实情况：镇党委一是…
                status_text, text = leading_state(text)
                if not status_text and not (stated and not rx("status_line").match(view)):
                    text, status_text = trailing_state(text)
                self.state(finding, fold(status_text))
                if re.search(r"[（(][^（）()]*\d[^（）()]*[）)]$", status_text):
                    self.doubts.append(Doubt(f"原文写作“{status_text}”，完成时间没有专门的位置，草稿只填写了状态",
                                             self.lines.get(id(finding)), about=finding, key="status",
                                             code="import.status_dated"))
            if text:
                texts.append((text, bold))
        if texts and "status" not in finding:  # ……。该问题已完成整改。 closing measures written without a lead
            text, status_text = _status_closing(texts[-1][0])
            self.state(finding, fold(status_text))
            texts[-1:] = [(text, texts[-1][1])] if text else []
        # 具体表现： on a line of its own leads the labelled details below (the items): no measure
        texts = [(t, b) for t, b in texts if not ((m := rx("description_lead").match(fold(t))) and not t[m.end():].strip())]
        measures: list[Any] = []
        for text, _ in texts:
            if m := rx("goal_lead").match(fold(text)):
                self.goal_kept(finding, m.group("field"), self.lines.get(id(finding)))
        if texts and (shown := rx("description_lead").match(fold(texts[0][0]))) \
                and len(details := inline_points(texts[0][0][shown.end():].strip())) > 1 and "items" not in finding:
            # 具体表现：①A；②B。 — the problem's details listed: its items (问题表现), not a measure
            listed = [{"title": d.rstrip(r"；;。，, ")} for d in details if d.rstrip(r"；;。，, ")]
            texts = texts[1:]
        elif texts and rest and texts[0][0] == rest and _described(rest, paras) and "items" not in finding \
                and inline_parts(rest)[1] == "{cn}是" and len(details := inline_points(rest)) > 1:
            # 1.X不到位。一是A；二是B。 then 整改情况：… — the problem's details run in after its title: its items
            listed = [{"title": d.rstrip(r"；;。，, ")} for d in details if d.rstrip(r"；;。，, ")]
            texts = texts[1:]
        elif texts and (rx("description_lead").match(fold(texts[0][0])) or _described(rest, paras)):
            self.doubts.append(Doubt("问题的具体表现没有专门的位置，草稿把它放作第一条整改措施，请核对（可删去或并入标题）",
                                     self.lines.get(id(finding)), about=finding, key="measures",
                                     code="import.details_as_measure"))
        for text, bold in texts:
            parts, style = inline_parts(text)
            if style is None and re.match(r"^一是(?!否)\S", fold(text)):  # 整改措施：一是… alone (二是 on its own line, or none)
                parts, style = [text[2:].strip()], "{cn}是"
            elif style is None and (one := _FIRST_COUNTER.match(fold(text))):  # 整改措施：1.X。 — one measure, numbered
                parts = [text[one.end():].strip()]
            if style:
                self.inline_styles[style] += 1
            for part in parts:
                measure = {"text": part}
                self.measure_texts.append((measure, bold))
                measures.append(measure)
        for node in nodes:
            self.take(node.para)
            self.levels["measures"].append((id(finding), node))
            node.paragraphs = [part for para in node.paragraphs for part in _said_paras(para)]
            # 一是…。二是…。 or ①…；②…； run together on the line of the first
            parts = inline_points(node.label_text + node.text) \
                if (node.kind == "measure" or node.style == "{circled}") and not node.children else []
            # 整改结果：已完成 or 整改时限：… after the last measure is the finding's, not that measure's text
            # （责任单位：X；责任领导：Y） on a line of its own: its fields, read without the brackets
            fields = [p for p in node.paragraphs if self.field_line(finding, _unbracketed_fields(p.text), said)]
            self.take(*fields)
            # 整改成效：… after the last measure: no field holds it, kept whole as a measure of its own, said
            goals = [p for p in node.paragraphs if p not in fields and _goal_only(p.text)]
            states = {p: pieces for p in node.paragraphs
                      if p not in fields and p not in goals and (pieces := _states(p.text))}
            if len(parts) > 1:
                node.text = parts[0]
                measures.append(self.point(node, skip=[*states, *fields, *goals]))
                for part in parts[1:]:
                    measure = {"text": part}
                    self.measure_texts.append((measure, ""))
                    measures.append(measure)
            else:
                measures.append(self.point(node, skip=[*states, *fields, *goals]))
            for para in goals:
                self.take(para)
                measure = {"text": para.text.strip()}
                self.measure_texts.append((measure, ""))
                measures.append(measure)
                self.goal_kept(finding, rx("goal_lead").match(fold(para.text)).group("field"), para.number)
            for para, (first, *others) in states.items():
                self.take(para)
                # 整改状态：已完成　　责任单位：X / 该问题已完成整改。（责任单位：X） — the fields after it
                if m := lead.match(fold(first)):
                    status_text, rest = leading_state(first[m.end():].strip())
                else:  # 目前，该问题已整改完成。 on its own
                    status_text, rest = first.strip().rstrip(r"。；;"), ""
                self.state(finding, fold(status_text))
                for at, after in enumerate([rest.lstrip(r"，,。 "), *others]):
                    if after and not self.field_line(finding, after, said):  # 完成情况：已完成。责任科室：X。
                        measure = {"text": after}
                        self.measure_texts.append((measure, ""))
                        measures.append(measure)
                        if status_text and at == 0:  # 正在推进，已完成全部排查。: the words after the status
                            self.remark_kept(finding, status_text, after, para.number)
        for _, after in [entry for entry in self.leftover if entry[0] is finding]:
            measure = {"text": after}
            self.measure_texts.append((measure, ""))
            measures.append(measure)
        self.leftover = [entry for entry in self.leftover if entry[0] is not finding]
        if measures and "deadline" not in finding and (m := _PLAN_CLOSING.search(measures[-1]["text"])) \
                and rx("deadline").search(fold(m.group(1))):
            # 一是…；二是…。计划2025年6月底前完成。 — the plan closing the measures is the finding's deadline
            finding["deadline"] = m.group(1)
            measures[-1]["text"] = measures[-1]["text"][:m.start()].rstrip()
        if "status" not in finding:
            self.measure_states(finding, measures)  # （1）A（已完成）；（2）B（持续推进）。
        if nodes and measures and "status" not in finding and set(measures[-1]) == {"text"}:
            self.closing_state(finding, measures)  # 一是…；二是…会议。已完成。 on the labelled lines
        if "deadline" in said:
            entries = said.pop("deadline")
            finding.setdefault("deadline", entries[0][1] if len(entries) == 1 else "；".join(a + b for a, b in entries))
        for key, value in responsibility(said.get("responsible", [])).items():  # 责任领导：A / 责任科室：B
            finding.setdefault(key, value)
        if measures:
            finding["measures"] = measures
        if listed:
            finding["items"] = listed

    def measure_states(self, finding: dict, measures: list[dict]) -> None:
        """A status in brackets after each of several measures: out of the measures' texts, and the
        least finished of them the finding's (said so where they differ)."""
        said = [(measure, m, status) for measure in measures
                if isinstance(measure.get("text"), str) and (m := _MEASURE_STATE.search(measure["text"]))
                and _status_only(fold(m.group(1))) and (status := named_status(fold(m.group(1))))]
        if len(said) < 2:
            return
        states = [(m.group(1), status) for _, m, status in said]
        for measure, m, _ in said:
            measure["text"] = measure["text"][:m.start()] + m.group(2)
        least = min(states, key=lambda s: _FINISHED.index(s[1]) if s[1] in _FINISHED else 0)[1]
        finding["status"] = least
        if len({status for _, status in states}) > 1:
            words = "、".join(f"“{word}”" for word, _ in states)
            self.doubts.append(Doubt(f"原文在各条整改措施后分别写了状态（{words}），草稿按完成得最少的一条填写问题的状态“{least}”，请核对",
                                     self.lines.get(id(finding)), about=finding, key="status", code="import.status_per_measure"))

    def closing_state(self, finding: dict, measures: list[dict]) -> None:
        """The status the last labelled measure closes with (……会议。已完成。) is the finding's."""
        text, status_text = _status_closing(measures[-1]["text"])
        *before, last = [t for t, _ in _at_status_lead(measures[-1]["text"], "")]
        if not status_text and before and (m := rx("status_lead").match(fold(last))):  # ……制度。整改状态：已完成。
            status_text, after = leading_state(last[m.end():].strip())
            if not status_text or after:
                return
            text = "".join(before)
        if not status_text:
            return
        self.state(finding, fold(status_text))
        if text:
            measures[-1]["text"] = text
        else:
            gone = measures.pop()
            self.measure_texts[:] = [(m, b) for m, b in self.measure_texts if m is not gone]

    def point(self, node: Node, skip: list[Para] | tuple = ()) -> dict[str, Any]:
        self.take(node.para)
        point: dict[str, Any] = {"text": node.text}
        self.close_call(node, point)
        bold = node.para.bold if node.para else ""
        if bold.startswith(node.label_text):  # a bold lead typed with its label: 一是强化制度建设。
            bold = bold[len(node.label_text):].strip()
        self.measure_texts.append((point, bold))
        if node.children:
            point["points"] = [self.point(c) for c in node.children]
        paragraphs = [p for p in node.paragraphs if p not in skip and p not in self.closing]
        if paragraphs:
            self.paragraphs(point, paragraphs)
        return point

    def split_leads(self) -> None:
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

    def scheme(self) -> dict[str, Any]:
        """The numbering scheme the document used, where it differs from the usual one."""
        scheme: dict[str, Any] = {}
        for level, entries in self.levels.items():
            nodes = [n for _, n in entries]
            styles = Counter(n.style for n in nodes if n.style)
            if level == "measures":
                styles.update(self.inline_styles)
            entry: dict[str, Any] = {}
            if styles:
                style = styles.most_common(1)[0][0]
                if style in ("第{cn}方面问题", CATEGORY_LINE_STYLE, PROBLEM_LINE_STYLE):  # no number of its own
                    entry["label"] = ""
                elif style not in USUAL[level] and re.match(LABEL_PATTERN, style):  # 1.2.1 has no template
                    entry["label"] = style
            if _continuous(entries):
                entry["continuous"] = True
            template = self.templates.get(level, Counter()).most_common(1)
            if level == "categories" and len({t for c, t in self.wrapped if c.get("title")}) > 1:
                # X方面 beside categories written otherwise: each keeps its own wording, no wrapper for all
                for category, wrapper in self.wrapped:
                    if category.get("title"):
                        category["title"] = (wrapper or USUAL_HEADINGS["category"]).replace("{title}", category["title"])
                entry["heading"] = "{title}"
            elif template and template[0][0]:
                entry["heading"] = template[0][0]
            if entry:
                scheme[level] = entry
        return scheme


def _loose_runs(paras: list[Para]) -> tuple[list[Para], list[tuple[Para, list[Para]]]]:
    """A rectification part without labels: (its intro and closing paragraphs, the run-in problems
    with the paragraphs that follow each). The intro is what comes before the first problem; a
    summary at the end (截至目前…) is not the last problem's."""
    opens = [i for i in range(len(paras)) if runin_problem(paras[i].view) or opens_problem(paras, i)]
    if not opens:
        return list(paras), []
    end = len(paras)
    while end > opens[-1] + 1 and rx("summary").match(paras[end - 1].view):
        end -= 1
    # 经过集中整改，……。 / 下一步，…… after the last problem, and whatever follows it: the part's closing
    end = next((i for i in range(opens[-1] + 1, end) if rx("summary").match(paras[i].view)
                and re.match(r"(?:经过|通过|截至|截止|至此|综上|总体|总的|下一步|下步|今后)", paras[i].view)), end)
    runs: list[tuple[Para, list[Para]]] = []
    for index in range(opens[0], end):
        if index in opens:
            runs.append((paras[index], []))
        else:
            runs[-1][1].append(paras[index])
    return list(paras[:opens[0]]) + list(paras[end:]), runs


def _runs(paras: list[Para]) -> list[tuple[Para, list[Para]]]:
    """Paragraphs grouped under the run-in problem each group opens (the first always opens one)."""
    runs: list[tuple[Para, list[Para]]] = []
    for index, para in enumerate(paras):
        if not runs or opens_problem(paras, index):
            runs.append((para, []))
        else:
            runs[-1][1].append(para)
    return runs


def _status_only(view: str) -> bool:
    """A paragraph that is only a status: 目前，该问题已整改完成。 / 该问题需长期坚持。 / 【已完成】"""
    said = view.strip().rstrip(r"。；;")
    if m := re.fullmatch(r"[【〔\[（]([^【】〔〕\[\]（）]{2,20})[】〕\]）]", said):
        said = m.group(1)
    return bool(rx("trailing_status").match(said))


# A short finding and a colon, then what it consists of: 党建工作薄弱：部分支部……
_TITLE_COLON = re.compile(r"^([^：:，。；“”（）]{4,24})[：:](?=[^：:]{6,})")


# The first counter of a list that has one point only (整改措施：1.X。): 1. （1） 1） ①, not 1.5万元.
_FIRST_COUNTER = re.compile(r"^(?:1[.．、](?=\D)|（1）|1[）)]|①)")


# A plan sentence after the last measure: 计划2025年6月底前完成。 (what it says is the deadline).
_PLAN_CLOSING = re.compile(r"(?<=[。；])\s*((?:计划|预计|力争|争取|拟)(?:于)?[^。；，]{2,24}?(?:完成|整改到位|完成整改|整改完成))[。；]?$")


# A status in brackets closing a measure: 补齐会议记录（已完成）； (the status, then the end mark).
_MEASURE_STATE = re.compile(r"[（(]([^（）()]{2,16})[）)]([。；;，,]?)\s*$")
# Statuses from the least finished to the most.
_FINISHED = ("正在推进中", "阶段性完成并需长期坚持", "基本完成", "已完成")


# What makes a date a completion, not a plan: 已于2025年7月整改完成 (its year-less month matched too).
_DONE_BEFORE = re.compile(r"已(?:经)?(?:于|在)?(?:\d{4}年)?$")


def _plan_date(text: str) -> re.Match | None:
    """The first deadline wording in `text` that is a plan: not the date a finished work was done."""
    return next((m for m in rx("deadline").finditer(text) if not _DONE_BEFORE.search(text[:m.start()])), None)


def _as_labelled(node: Node, words: str) -> str:
    """An example of the top-level headings as the notice labels them: （一）关于……的整改情况."""
    return f"{node.label_text or '一、'}{words}"


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "……"


def _goal_only(text: str) -> bool:
    """整改成效：费用下降一成。 — a line led by a word no field holds, with no status in it."""
    view = fold(text)
    return bool((m := rx("goal_lead").match(view)) and not leading_state(view[m.end():].strip())[0])


def _states(text: str) -> list[str]:
    """A paragraph under a finding's measures that gives its status, cut before the fields it
    goes on with (its status part first); [] for any other paragraph."""
    first, *others = [part for part, _ in _at_status_lead(text, "")]
    view = fold(first)
    if not (rx("status_lead").match(view) or _status_only(view)):
        return []
    return [first, *others]


def _status_closing(text: str) -> tuple[str, str]:
    """(the text, a status it closes with) for the last measures text written without an
    整改情况： lead: a status sentence of its own is taken out, a closing clause read and kept."""
    if _status_only(fold(text)):
        return "", text.strip().rstrip(r"。；;")
    return trailing_state(text)


def _described(rest: str, paras: list[Para]) -> bool:
    """1.X不够深入。局党组……研讨不够。 then 整改情况：… — the text run in after the title tells how
    the problem showed, the 整改情况 paragraph holds the measures."""
    if not rest or rx("status_lead").match(fold(rest)) or rx("deadline_lead").match(fold(rest)) \
            or rx("responsible_lead").match(fold(rest)):
        return False
    for para in paras:
        if m := rx("status_lead").match(para.view):
            text = para.view[m.end():].strip()
            status, text = leading_state(text)
            if not status:
                text, status = trailing_state(text)
            if text.strip("，。； "):
                return True
    return False


def closing_paragraphs(node: Node) -> list[Para]:
    """The paragraphs at the very end of the rectification part that sum it up (截至目前，反馈
    的24个问题已完成整改22个), not text of its last problem."""
    last = list(node.walk())[-1]
    if last is node:
        return []
    out: list[Para] = []
    for para in reversed(last.paragraphs):
        if not rx("summary").match(para.view) or rx("status_lead").match(para.view) or _states(para.text):
            # 目前进度：… / 目前，该问题正在持续整改。（责任单位：X） is the finding's
            break
        out.insert(0, para)
    return out


def _unbracketed_fields(text: str) -> str:
    """`text` with brackets that hold only field lines opened, so the fields are read:
    ……已整改完成。（责任单位：X；整改时限：Y） / ……制度。（责任单位：X）目前已完成整改。"""
    if (bracket := fields_bracket(text)) is not None:
        m, parts = bracket
        before = text[:m.start()].rstrip()
        return before + ("" if not before or before.endswith(("。", "；")) else "。") + "；".join(parts)
    for m in _FIELDS_INSIDE.finditer(fold(text)):
        if (inner := fields_bracket(text[m.start():m.end()])) is not None:
            return text[:m.start()] + "；".join(inner[1]) + "。" + _unbracketed_fields(text[m.end():].lstrip())
    return text


# Brackets of fields after a sentence, with more text after them: ……制度。（责任单位：X）目前……
_FIELDS_INSIDE = re.compile(r"(?<=[。；])[（(][^（）()：]{2,8}：[^（）()]+[）)](?=\S)")
# A sentence naming who is responsible: 该问题责任领导为A，责任单位为B，计划于…完成，目前已完成整改。
_SAID_LABELS = r"(?:该问题|该项|此项|本项)?(?:的)?(责任领导|牵头领导|分管领导|责任单位|牵头单位|责任部门|责任科室|责任处室|整改时限|完成时限)为"
_SAID_FIELDS = re.compile(rf"(?:(?<=[。；])|^)\s*(?={_SAID_LABELS})[^。；]+[。；]?")
_SAID_FIELD = re.compile(rf"^{_SAID_LABELS}(.+)$")


# 该问题由A牵头，B具体负责。 — who leads (a unit or a person) and which unit does the work
_LED_BY = re.compile(r"(?:(?<=[。；])|^)\s*(?:该问题|该项|此项|本项)?由(?P<lead>[^，,。；]{2,24}?)牵头(?:负责)?"
                     r"(?P<rest>(?:[，,]\s*[^，,。；]{2,30}?(?:(?:具体)?(?:负责|落实)(?:整改)?|配合|协助|督促落实|督促|督办|督导))+)[。；，,]?")
# The clauses after 由A牵头: who does the work (B具体负责), who helps (C配合), who sees it done (D督促落实).
_LED_CLAUSE = re.compile(r"^(?P<who>[^，,。；]{2,30}?)(?P<does>督促落实|督促|督办|督导|配合|协助|(?:具体)?(?:负责|落实)(?:整改)?)$")
_UNIT_END = re.compile(r"(?:科|室|处|局|办|部|中心|所|站|队|院|委|组|会|司|馆|厅|股|支部|党委|党组)$")


def _said_fields(text: str) -> str:
    """`text` with a sentence that names a finding's fields in words (责任领导为A，责任单位为B，
    计划于…完成，目前已完成整改。) written as field lines, so each is read; a sentence with any
    other clause in it stays as it is."""
    def lines(m: re.Match) -> str:
        out = []
        for clause in re.split(r"[，,]", m.group(0).strip().rstrip("。；")):
            view = fold(clause.strip())
            if field := _SAID_FIELD.match(view):
                out.append(f"{field.group(1)}：{clause.strip()[field.start(2):]}")
            elif rx("deadline").match(view):
                out.append(f"整改时限：{clause.strip()}")
            elif _status_only(view):
                out.append(f"整改情况：{clause.strip()}")
            else:
                return m.group(0)
        return "。".join(out) + "。"

    def led(m: re.Match) -> str:
        word = "牵头单位" if _UNIT_END.search(m.group("lead")) else "牵头领导"
        out = [f"{word}：{m.group('lead')}"]
        for clause in re.split(r"[，,]\s*", m.group("rest"))[1:]:  # the rest starts with its comma
            said = _LED_CLAUSE.match(clause)
            if said is None:
                return m.group(0)
            who, does = said.group("who"), said.group("does")
            out.append(f"督办领导：{who}" if does.startswith("督") else f"配合单位：{who}" if does in ("配合", "协助")
                       else f"责任单位：{who}")
        return "。".join(out) + "。"
    return _SAID_FIELDS.sub(lines, _LED_BY.sub(led, text))


def _said_paras(para: Para) -> list[Para]:
    """A paragraph that names its finding's fields in words (责任领导为A，责任单位为B。) as one
    paragraph per field line; any other paragraph as it is."""
    said = _said_fields(para.text)
    if said == para.text:
        return [para]
    return [replace(make_para(para.number, part), seq=para.seq) for part in re.findall(r"[^。]+。?", said) if part.strip()]


def _at_status_lead(text: str, bold: str) -> list[tuple[str, str]]:
    """A paragraph that runs on from a problem's description into 整改情况：… split there, so
    the status and the points after it are read (the description stays as text before them)."""
    text = _said_fields(_unbracketed_fields(text))
    view = fold(text)
    cuts = [m.start() for m in rx("status_lead_inside").finditer(view) if m.start() > 0]
    if not cuts:
        return [(text, bold)]
    # 措施：…。时限：…。状态：…。 — every field of a ledger row written on one line
    bounds = [0, *cuts, len(text)]
    return [(text[a:b].strip(), bold if a == 0 else "") for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _shared_status_line(node: Node) -> tuple[Para, str] | None:
    """(the line, the status) of the sentence closing a category that gives all its problems one
    status (以上2个问题均已整改完成。), taken out of the last problem's text; None when there is none."""
    last = node
    while last.children:
        last = last.children[-1]
    if not last.paragraphs or not (m := rx("shared_status_line").match(last.paragraphs[-1].view)):
        return None
    said = named_status(last.paragraphs[-1].view[m.end():])
    if said is None:
        return None
    line = last.paragraphs[-1]
    last.paragraphs = last.paragraphs[:-1]
    return line, said


# A label run on after a field's value (办公室2.X / 财务科（三）X / 人事科二、X): where the next line began
_NEXT_LABEL = re.compile(r"(?<=[\u4e00-\u9fff）)])(?<!第)(?:\d{1,2}[.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                         r"|[一二三四五六七八九十]{1,3}、)(?=[\u4e00-\u9fff“])")


def category_title(node: Node) -> tuple[str, str | None, str]:
    """(title, heading template, run-in text after it) of a category's line."""
    if node.style == "第{cn}方面问题":
        sep = node.label_text[-1] if node.label_text[-1] in r",，、:：" else ""
        return node.text, "第{cn}方面问题" + sep + "{title}", ""
    first = head(node.view)
    rest = node.text[len(first) + 1:].strip() if first != node.view else ""
    text = node.text[:len(first)]
    found = wrapped(node.view, "category") or (wrapped(node.view, "problem") if problem_wording_groups(node) else None)
    if found:
        return text[found.start:found.end], found.template, rest
    return text.rstrip("。："), "{title}", rest


def finding_title(text: str, view: str, level: str) -> tuple[str, str | None, bool, str, str]:
    """(title, wrapper template, 等问题, what follows on the line, a status its tag gives only when the
    text says none: 【持续整改】) of a problem or item."""
    lead_state = ""
    if (m := _BRACKETED_STATUS.match(view)) and any(p.search(m.group(1)) for p, _ in table("statuses")):
        # 1.【已完成】关于“X”的问题: a status tag before the title
        lead_state, text, view = text[m.start(1):m.end(1)], text[m.end():].lstrip(), view[m.end():].lstrip()
    if (said := _TITLE_COLON.match(view)) and finding_like(said.group(1)) and not re.search(r"(?:问题|表现|情况|方面)$", said.group(1)) \
            and not wrapped(view, level) and not any(p.search(view[said.end():]) for p, _ in table("statuses")):
        # 1.党建工作薄弱：部分支部……松散。 — the finding, then how it showed (read as its description)
        text = text[:said.end(1)] + "。" + text[said.end():]
        view = view[:said.end(1)] + "。" + view[said.end():]
    first = head(view)
    rest = text[len(first) + 1:].strip() if first != view else ""
    heading, state = split_state(text[:len(first)])
    state = state or lead_state
    first = first[:len(heading)]
    other = "problem" if level == "item" else "item"  # units wrap problems and items alike
    found = wrapped(first, level) or wrapped(first, other)
    if found:
        title, template, similar = heading[found.start:found.end].strip(), found.template, found.similar
    else:
        title, template, similar = heading.rstrip(r"。：: "), None, False
        if title.endswith("等问题"):
            title, similar = title[:-3], True
        elif title.endswith("的问题") and finding_like(title[:-3]):
            # 1.廉政风险防控不到位的问题。 — a wrapper only where the line is already a finding (a
            # wrapper rule would make 着力解决群众反映强烈的问题 a finding wherever it stood)
            title, template = title[:-3], "{title}的问题"
    if m := re.fullmatch(r"[【〔]([^【】〔〕]+)[】〕]", title):  # 【X】: a title set off in brackets, as bold elsewhere
        title = m.group(1).strip()
    if m := _RECTIFY_TAG.match(fold(rest)):  # X。【立行立改】: when, as 整改时限 lines say it
        rest = f"整改时限：{m.group(1)}。" + rest[m.end():].strip()
    elif not state and (m := _BRACKETED_STATUS.match(fold(rest))) and any(p.search(m.group(1)) for p, _ in table("statuses")):
        state, rest = rest[m.start(1):m.end(1)], rest[m.end():].strip()  # 理论学习不深入。【已完成】
    if m := re.search(r"[（(【〔\[](立行立改|限期整改)[）)】〕\]]$", title):  # X（立行立改）: when, as 整改时限 lines say it
        title, rest = title[: m.start()].rstrip(), f"整改时限：{m.group(1)}。" + rest
    elif bracket := fields_bracket(title):
        # X（责任单位：A；整改时限：B） / X（责任领导：C）: the finding's fields, read as its field lines
        title, rest = title[: bracket[0].start()].rstrip(), "。".join(bracket[1]) + "。" + rest
    elif m := _TITLE_FIELDS.search(title):  # X（整改时限：2024年9月底；长期坚持） / X（2024年9月底前完成）
        inner = m.group(1)
        field = inner if rx("deadline_lead").match(fold(inner)) or rx("responsible_lead").match(fold(inner)) \
            else "整改时限：" + inner
        title, rest = title[: m.start()].rstrip(), field + "。" + rest
    if state and _KIND_OF_WORK.fullmatch(fold(state)):
        return title, template, similar, rest, state  # 【持续整改】: the kind of work, a status only if none is said
    if state:
        rest = ("整改情况：" + state + "。" + rest) if rest else "整改情况：" + state
    return title, template, similar, rest, ""


_RECTIFY_TAG = re.compile(r"^[【〔\[（(](立行立改|限期整改)[】〕\]）)][。；]?")
_KIND_OF_WORK = re.compile(r"持续整改|长期整改|长期坚持")
# A deadline or a field in closing brackets after a finding's title
_TITLE_FIELDS = re.compile(r"[（(]((?:整改|完成)(?:时限|时间|期限)[：:][^（）()]{2,30}|责任(?:单位|部门|科室|处室|股室|人)[：:][^（）()]{2,30}"
                           r"|(?:\d{4}年)?\d{1,2}月(?:底|末|\d{1,2}日)?(?:前|以前)?(?:完成|整改到位|完成整改))[）)]$")


_BRACKETED_STATUS = re.compile(r"^[【（〔\[]([^】）〕\]]{2,20})[】）〕\]][。；]?")


def split_state(text: str) -> tuple[str, str]:
    """A heading and the status words after its colon or in closing brackets:
    对“……”问题的整改情况：已完成。 / 公车管理不规范（已完成）"""
    m = re.match(r"^(.+?)[:：]\s*(.{0,40})$", text) or rx("status_in_brackets").match(fold(text)) \
        or rx("status_after_dash").match(fold(text))
    if not m or not any(p.search(fold(m.group(2))) for p, _ in table("statuses")):
        return text, ""
    if len(m.group(2)) > 20 and text[m.end(2):m.end(2) + 1] in "）】〕" and leading_state(m.group(2))[1]:
        return text, ""  # a long bracket is the status only when it says nothing else (持续推进，计划…完成)
    return m.group(1).strip(), m.group(2)


def leading_state(text: str) -> tuple[str, str]:
    """(status words, the rest) when a 整改情况： line starts with a status: 已完成。一是… /
    正在推进中，计划12月底前完成。… / 已完成，追回资金12万元。 (the deadline stays with the status)."""
    if re.match(r"^[一二三四五六七八九十]+是", text):
        return "", text
    clauses = re.findall(r"[^。；;，,]*(?:[。；;，,]|$)", text)
    first = clauses[0] if clauses else ""
    said = fold(first).rstrip(r"，,。；; ")
    said = re.sub(r"[（(][^（）()]{2,16}[）)]$", "", said)  # 已完成（2024年3月）: the status and when
    # the clause is a status, not a deed with a status word in it (已完成5所卫生院改造 stays text)
    if not (rx("trailing_status").match(said) or (len(said) <= 6 and any(p.search(said) for p, _ in table("statuses")))):
        return "", text
    taken = 1
    # Clauses after the status that only add its deadline or a word on it (并长期坚持) are the status's;
    # anything else (追回资金12.5万元) is what was done and stays text.
    while taken < len(clauses) and not clauses[taken - 1].endswith(tuple(r"。；;")):
        clause = fold(clauses[taken])
        said = clause.strip(r"，,。；; ")
        # 已完成 said as a status (长期坚持 / 已完成) is the status's; 已完成全部排查 is what was done
        if not (rx("deadline").search(clause) or rx("trailing_status").match(said)
                or (len(said) <= 6 and any(p.search(said) for p, _ in table("statuses")))
                or len(clause.strip(r"，,。；; ")) <= 6 or rx("status_remark").match(clause)
                or rx("status_progress").match(clause)):
            break
        taken += 1
    status = "".join(clauses[:taken])
    # 正在推进中。计划2024年12月底前完成。 — a sentence that is only the deadline is the status's too
    after = re.match(r"[^。；;]*[。；;]?", text[len(status):].lstrip()).group(0)
    if (m := rx("deadline").match(fold(after))) and not fold(after)[m.end():].strip(r"，,。；; "):
        status = text[:text.index(after, len(status)) + len(after)]
    return status.rstrip(r"，,。；; "), text[len(status):].strip()


def trailing_state(text: str) -> tuple[str, str]:
    """(the text, its status) when an 整改情况： paragraph ends in a short sentence that is only a
    status (……开展专项检查。已完成。, the text then without it) or a clause (……，已完成。), else (the text, "")."""
    m = re.match(r"^(.+[。；;])\s*([^。；;]{2,40}?)[。；;]?$", text)
    if m and rx("trailing_status").match(fold(m.group(2)).strip().strip("【】（）〔〕[]")):
        return m.group(1).strip(), m.group(2).strip().strip("【】（）〔〕[]()")
    # ……开展专项检查6次，已完成。 — the status as the last clause (or two: 正在推进中，长期坚持). The
    # clause stays in the text: cut out, it could leave half a sentence (截至12月16日，已整改完成。).
    for clauses in (2, 1):
        m = re.match(rf"^(.+?)[，,]\s*((?:[^，,。；;]{{2,20}}[，,]){{{clauses - 1}}}[^，,。；;]{{2,20}})[。；;]?$", text)
        if m and len(m.group(1)) >= 4 and rx("trailing_status").match(fold(m.group(2))):
            return text, m.group(2).strip()
    return text, ""


def run_in(text: str) -> tuple[str, str]:
    """A run-in heading (统一思想认识，抓好统筹部署。) and the text that follows it."""
    m = re.match(r"^(.{2,60}?。)(.+)$", text)
    return (m.group(1), m.group(2)) if m else (text, "")


def inline_points(text: str) -> list[str]:
    """一是…二是…三是… (or （1）…（2）…) run together: one text each, in order; else the text as it is.
    A counter counts only where it goes on from the last (一是 then 二是) after a stop or at the start."""
    return inline_parts(text)[0]


def inline_parts(text: str) -> tuple[list[str], str | None]:
    """`inline_points`, and the label style the parts were counted with ({cn}是 or （{n}）)."""
    for rule, style, value in (("inline_points", "{cn}是", lambda m: _cn(m.group("cn"))),
                               ("inline_numbered", "（{n}）", lambda m: int(m.group("n"))),
                               ("inline_paren", "{n}）", lambda m: int(m.group("n"))),
                               ("inline_arabic", "{n}.", lambda m: int(m.group("n"))),
                               ("inline_circled", "{circled}", lambda m: "①②③④⑤⑥⑦⑧⑨⑩".index(m.group(0)) + 1),
                               ("inline_lettered", "{a}.", lambda m: ord(m.group("l")) - ord("a") + 1),
                               ("inline_ordinal", "第{cn}，", lambda m: _cn(m.group("cn")))):
        starts, expected = [], 1
        for m in rx(rule).finditer(fold(text)):
            at = m.start()
            if at == 0 and not starts and style in _COUNTED_ON:
                expected = value(m)  # 整改措施：3.A；4.B。 — measures numbered through the notice
            if value(m) == expected and (at == 0 or text[at - 1] in r"。；;，,：:、 " or text[at - 1] == "\n"):  # Shift+Enter
                starts.append((at, m.end()))
                expected += 1
        if len(starts) >= 2 and starts[0][0] == 0:
            bounds = [s for s, _ in starts[1:]] + [len(text)]
            return [text[end:bound].strip() for (_, end), bound in zip(starts, bounds)], style
    return _in_sequence(text), None


# Styles a notice may number through its measures (1.…45.), so a list run in may start past 1.
_COUNTED_ON = ("（{n}）", "{n}）", "{n}.")


# 首先，A；其次，B；最后，C。 / 一方面，A；另一方面，B。 — points said in sequence, the words kept
_SEQUENCES = ((r"首先", r"其次|再次|然后|此外|最后"), (r"一方面", r"另一方面"))


def _in_sequence(text: str) -> list[str]:
    for first, rest in _SEQUENCES:
        if not re.match(first + r"[，,]", text):
            continue
        cuts = [m.start() for m in re.finditer(rf"(?<=[。；;])\s*(?:{rest})[，,]", text)]
        if cuts:
            bounds = [0, *cuts, len(text)]
            return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
    return [text]


def _cn(text: str) -> int:
    from .labels import chinese_value

    return chinese_value(text) or 0


def _first_sentence(text: str) -> str | None:
    m = re.match(r"^(.+?。)", text)
    return m.group(1) if m else None


def _continuous(entries: list[tuple[int, Node]]) -> bool:
    """Numbers that go on from one parent to the next instead of starting again at 1."""
    by_parent: dict[int, list[int]] = {}
    for parent, node in entries:
        by_parent.setdefault(parent, []).append(node.number)
    runs = list(by_parent.values())
    return len(runs) > 1 and any(run[0] > 1 and run[0] == prev[-1] + 1 for prev, run in zip(runs, runs[1:]))
