"""Phase four: what each node of the outline is — from where it stands and how it is worded.

The same label (（一）, 1., 一是) is an organisational point in one part of a notice and a
category, a problem or a measure in the next, so a label alone says nothing. A top-level
part is the rectification part when its heading says so (整改落实情况, 对照反馈问题) and not
that it is about the organisation (组织, 主体责任), or when what it holds reads as findings:
wrapped titles (关于“…”问题的整改, 针对“…”的问题, “…”方面), deficiencies (不到位, 有差距),
statuses (整改情况：已完成). Inside it, the first level is categories when they are worded as
categories or hold findings, else problems of an untitled group; a problem's labelled lines
are items when they read as findings of their own, else measures. A part whose own heading
is a problem (一、关于“…”问题的整改情况) is a problem at the top level.

Roles: section, rectification, next_steps, problem and category (also at the top: 一、关于……方面的问题),
subsection, point, item, measure, subpoint.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .fold import fold
from .labels import match_label
from .lines import Para
from .outline import Node, bare_lead, field_led, opened_by_lead
from .rules import rx, table

HEAD_MAX = 80  # characters of a run-in heading (强化组织领导，压实整改责任。)


@dataclass(frozen=True)
class Wrapped:
    """A title with the words a notice wrapped it in: 关于“{title}”问题的整改情况."""

    title: str  # the folded view's span is mapped back by the caller
    start: int
    end: int
    template: str | None
    similar: bool


@dataclass
class Roles:
    """The role of every node (by identity), and the status a status-group category gives."""

    of: dict[int, str] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)
    close: dict[int, str] = field(default_factory=dict)  # a role its siblings decided against its own wording
    clues: set[int] = field(default_factory=set)  # parts on the leads handed over (问题线索): points, said

    def __call__(self, node: Node) -> str | None:
        return self.of.get(id(node))

    def set(self, node: Node, role: str) -> None:
        self.of[id(node)] = role


_HEAD_END = re.compile(r"[。；]|，(?=整改(?:落实)?(?:情况|措施)(?:如下)?：)")


# 针对“X”的问题，局党组一是…: the wrapper ends the heading at its comma
_WRAPPER_COMMA = re.compile(r"^(?:针对|关于)“.+?”(?:的)?问题(?=[，,])")


def head(view: str) -> str:
    """The run-in heading of a line: its first sentence when short, else the whole line. A full stop
    inside quotation marks does not end it (关于“A。B。”问题的整改: a finding quoted whole)."""
    if (m := _WRAPPER_COMMA.match(view)) and m.group(0).count("“") == m.group(0).count("”") and m.end() <= HEAD_MAX:
        return m.group(0)
    for m in _HEAD_END.finditer(view, 2):
        if m.start() > HEAD_MAX:
            break
        before = view[:m.start()]
        if before.count("“") <= before.count("”") and before.count("（") <= before.count("）"):
            return before  # never inside quotation marks or brackets (X（责任单位：A；整改时限：B）)
    return view


# The heading a level has when its scheme says nothing (numbering.py's defaults).
USUAL_HEADINGS = {"category": "“{title}”方面", "problem": "{title}", "item": "{title}"}


def wrapped(view: str, level: str) -> Wrapped | None:
    """The title inside a category, problem or item wrapper (headings.<level> in rules.yml), and
    the wrapper as the scheme's heading template: the line with {title} where the title stood
    (等 left out: the numbering writes it for the problems that have it)."""
    text = head(view).rstrip(r"：: ")
    for pattern, _ in table("headings", level):
        m = pattern.match(text)
        # 关于巡察反馈问题的整改情况 names the part, not a problem: its "title" is only the feedback
        if m and not ("“" in m.group("title") and "”" not in m.group("title")) \
                and not rx("feedback_only").match(m.group("title")) \
                and not (level != "category" and m.group("title").endswith("方面")):  # 关于X方面问题的整改: a category
            similar = bool(m.groupdict().get("similar"))
            after = text[m.end("similar"):] if similar else text[m.end("title"):]
            template = text[:m.start("title")].strip() + "{title}" + after.strip()
            return Wrapped(m.group("title"), m.start("title"), m.end("title"),
                           None if template == USUAL_HEADINGS[level] else template, similar)
    return None


def named_status(view: str) -> str | None:
    """The status the first of the status rules finds in `view` (已完成, 正在推进中…), or None."""
    return next((info["status"] for pattern, info in table("statuses") if pattern.search(view)), None)


def status_group(view: str) -> str | None:
    """The status a category like 已整改完成的问题 gives all its problems."""
    if not rx("status_group").match(head(view)):
        return None
    return named_status(view)


def finding_like(view: str) -> bool:
    """Worded as a deficiency (不到位, 有差距, 流于形式), not as what was done."""
    first = head(view)
    if not rx("finding_words").search(first):
        return False
    # 落实上级部署有差距 / 执行制度不严格: a finding may start with a verb; its first clause then ends
    # in the deficiency, where a measure ends in what it achieved
    return not action_like(view) or bool(rx("deficiency_end").search(re.split(r"[，。；]", first)[0]))


def action_like(view: str) -> bool:
    """Worded as what was done (加强…, 修订…), also after the finding it answers (针对X的问题，修订…)."""
    first = head(view)
    answering = rx("answering_clause").match(first)
    return bool(rx("action_start").match(first) or (answering and rx("action_start").match(first[answering.end():])))


def status_after_colon(view: str) -> bool:
    m = re.match(r"^(.+?)：\s*(.{0,40})$", view)
    return bool(m and any(p.search(m.group(2)) for p, _ in table("statuses")))


def opens_with_status_lead(node: Node) -> bool:
    """A 整改情况：/整改落实情况： paragraph right under the node, or after its run-in heading."""
    first = node.paragraphs[0].view if node.paragraphs else ""
    rest = node.view[len(head(node.view)) + 1:] if head(node.view) != node.view else ""
    return bool(rx("status_lead").match(first) or rx("status_lead").match(rest))


def _evidence(node: Node) -> float:
    """How strongly a node reads as part of the findings (positive) or of the organisation."""
    view = node.view
    if node.kind in ("problem", "category_heading"):
        return 3
    if node.kind == "measure":
        return 3 if finding_point(node) else -1
    if wrapped(view, "problem") or wrapped(view, "item") or status_group(view) \
            or _category_wrapper(view):
        return 3
    score = 0.0
    if finding_like(view):
        score += 1
    elif action_like(view):
        score -= 1
    if status_after_colon(view) or opens_with_status_lead(node):
        score += 1
    return score


def _category_wrapper(view: str) -> bool:
    """Worded as a category: …方面, 在“…”方面, 反馈问题：…。 (not a bare finding)."""
    found = wrapped(view, "category")
    return bool(found and (found.template is None or found.template != "{title}"))


# Closing brackets that hold a finding's fields (X（责任单位：A；整改时限：B）。), each part a field line.
_BRACKETED_FIELDS = re.compile(r"[（(]((?:[^（）()：]{2,8}：[^（）()；]+；?){1,4})[）)][。；]?$")
# Where one field in such brackets ends: at ；, or at ， before the next label (整改进展：持续推进，完成时限：…).
_FIELD_CUT = re.compile(r"；|[，,](?=[^，,；：]{2,8}：)")


def fields_bracket(text: str) -> tuple[re.Match, list[str]] | None:
    """(the bracket, its field lines) when `text` closes with brackets holding only a finding's
    fields (责任单位：… / 整改时限：… / 整改进展：…); None for any other text. Matched in the folded
    view of the same length, so its spans are the text's own."""
    m = _BRACKETED_FIELDS.search(fold(text))
    if m is None:
        return None
    parts = [p for p in _FIELD_CUT.split(text[m.start(1):m.end(1)]) if p]
    if not all(rx("responsible_lead").match(fold(p)) or rx("deadline_lead").match(fold(p))
               or rx("status_lead").match(fold(p)) for p in parts):
        return None
    return m, parts


# A responsibility label naming a person (责任领导, 牵头领导, 整改责任人), not a unit.
_PERSON_LABEL = re.compile(r"领导|责任人")
_LABEL_END = re.compile(r"[：:]$")


def responsibility(said: list[tuple[str, str]]) -> dict[str, str]:
    """The finding's `leader` and `responsible` from the (label, value) pairs a notice or ledger
    names them with: a person's label (责任领导：分管副局长) gives the leader, any other the unit;
    the value alone where one label gives it, each with its label where several do."""
    out: dict[str, str] = {}
    for key, person in (("leader", True), ("responsible", False)):
        entries = [(label, value) for label, value in said if value and bool(_PERSON_LABEL.search(label)) == person]
        if entries:
            out[key] = entries[0][1] if len(entries) == 1 else "；".join(
                _LABEL_END.sub("", label) + "：" + value for label, value in entries)
    return out


def section_kind(node: Node) -> str:
    """problem, next_steps, rectification or section, for a top-level part."""
    # a closing bracket of fields (X（责任领导：A）) says nothing of what the part is
    view = node.view[:bracket[0].start()] if (bracket := fields_bracket(node.view)) else node.view
    if node.kind == "problem" or (wrapped(view, "problem") and not _category_wrapper(view)):
        return "problem"
    if node.kind == "category_heading" and node.children:
        return "rectification"  # 第一方面问题：X at the top, its problems below
    if status_group(view) and node.children:
        return "rectification"  # 三、尚未完成整改的问题及下一步措施: its problems first, whatever the part also names
    if rx("sections", "next_steps").search(head(view)) and not rx("sections", "rectification").search(head(view)):
        return "next_steps"
    rectification = bool(rx("sections", "rectification").search(head(view)))
    organisation = bool(rx("sections", "organisation").search(head(view)))
    if not (rectification or organisation) and finding_like(view) and _measures_below(node):
        return "problem"  # （一）X不到位。 with its own measures, at the top of a fragment or notice
    score = 3 * rectification - 3 * organisation
    content = sum(_evidence(c) for c in node.children)
    content += 0.5 * sum(_evidence(g) for c in node.children for g in c.children)
    if not node.children:
        content += sum(1 for p in node.paragraphs if runin_problem(p.view))
    if _category_wrapper(view) and (sum(_evidence(c) for c in node.children) > 0 or _groups_of_findings(node)):
        # 一、关于……方面 over findings: a category at the top, with no section around it (its title may
        # name 领导 or 部署: 党的领导方面 is a field of findings, not the part on organisation)
        score += 3 + 3 * organisation
    score += max(min(content, 6), -6)
    return "rectification" if score > 0 else "section"


def _groups_of_findings(node: Node) -> bool:
    """一、X方面 / （一）sub-area / 1.X不到位。: the labelled lines below are groups, each of findings."""
    kids = node.children
    grandchildren = [g for c in kids for g in c.children]
    worded = sum(1 for g in grandchildren if wrapped(g.view, "problem") or finding_like(g.view))  # not by a status below
    return bool(kids and all(c.children for c in kids) and worded * 2 > len(grandchildren))


def _measures_below(node: Node) -> bool:
    """What follows a node is its measures: an 整改情况： line, or labelled lines all worded as actions."""
    if opens_with_status_lead(node):
        return True
    kids = node.children
    if not kids or any(c.children or (c.kind != "measure" and finding_like(c.view)) for c in kids):
        return False
    return sum(1 for c in kids if c.kind == "measure" or action_like(c.view)) * 2 >= len(kids)


def runin_problem(view: str) -> bool:
    """An unlabelled paragraph of the rectification part that is a problem with its measures:
    a short run-in sentence, then 一是… or 整改情况：… (as central inspection notices write them)."""
    first = head(view)
    if first == view or len(first) > 60 or rx("status_lead").match(view):
        return False
    rest = ANSWER_LEAD.sub("", view[len(first) + 1:].lstrip())
    return bool(re.match(r"^[一二]是", rest) or rx("status_lead").match(rest))


# X不力。对此，一是… / 针对“X”的问题，局党组一是…: the words before the first point lead it
ANSWER_LEAD = re.compile(r"^(?:(?:对此|为此|针对(?:这一|该|此)问题)[，,]\s*|[^，。；：“”\s]{2,12}?(?=一是))")


def finding_point(node: Node) -> bool:
    """一是… is a point, unless it opens a finding: problems counted 一是、二是 (一是关于X的问题。整改情况：…,
    or 一是X不到位。 with its own 整改情况： paragraph below it)."""
    if node.kind != "measure" or node.children and not opened_by_lead(node):
        return False  # 二是X不完善。整改措施：（1）…（2）… on lines of their own: its measures below it
    return runin_finding(node.view) or bool(not action_like(node.view) and head(node.view) == node.view.rstrip("。")
                                            and opens_with_status_lead(node))


def runin_finding(view: str) -> bool:
    """An unlabelled paragraph that opens a problem: its wrapper (针对“X”的问题。, 关于X的问题),
    or a short deficiency (X不到位。) run in before 一是… or 整改情况：…."""
    if wrapped(view, "problem") and not _category_wrapper(view) or rx("answering_problem").match(view):
        return True
    if not runin_problem(view):
        return False
    rest = view[len(head(view)) + 1:].lstrip()
    if rx("status_lead").match(rest):  # X。整改情况：… opens a problem however X is worded, unless it is a deed
        return not action_like(view)
    return finding_like(view)


def opens_problem(paras, index: int) -> bool:
    """Whether the unlabelled paragraph at `index` opens a problem: run in (`runin_finding`),
    or one sentence worded as a deficiency with an 整改情况： paragraph right after it."""
    view = paras[index].view
    if runin_finding(view):
        return True
    if _closing_status(view):  # 目前，该问题已整改完成。 closes the problem before it, opens none
        return False
    # X不严，…不及时。对…全面清查…。 then 目前，该问题已整改完成。: the deficiency, what was done run on after it
    first = re.match(r"[^。；]{4,80}[。；]", view)
    if first and first.end() < len(view) and finding_like(first.group(0)) and not action_like(first.group(0)) \
            and (action_like(view[first.end():]) or not finding_like(view[first.end():])) and _closed_later(paras, index - 1):
        return True
    following = paras[index + 1].view if index + 1 < len(paras) else ""
    one_sentence = not re.search(r"[。；].", view) and len(view) <= HEAD_MAX
    # X乏力 on a line of its own, then what was done in a paragraph that closes with its status
    closes = re.search(r"[。；]([^。；]{2,40})[。；]?$", following)
    answered_below = bool(rx("status_lead").match(following)
                          or closes and rx("trailing_status").match(closes.group(1).strip()))
    # X不足。 then what was done in paragraphs of their own, the last of which says how far it got
    # (目前，该问题已整改完成。) before the next finding: the status closes this one
    answered_below = answered_below or bool(following and (action_like(following) or not finding_like(following))
                                            and _closed_later(paras, index))
    # X。 after the last problem's status line, then its own 整改措施： — a problem, however worded
    after_status = index > 0 and _closes_finding(paras[index - 1].view) and not action_like(view)
    return bool(one_sentence and following and answered_below
                and not rx("status_lead").match(view) and (finding_like(view) or after_status))


def _closing_status(view: str) -> bool:
    """目前，该问题已整改完成。 / 目前已完成6个，其余3个正在推进中。: a paragraph saying only how far it got."""
    return _status_said(view) or bool(re.match(r"^(?:目前|截至目前|现已)[^。]*(?:完成|推进中|整改中)", view))


def _closed_later(paras, index: int, within: int = 5) -> bool:
    """A paragraph that says only how far the work got (目前，该问题已整改完成。 / 目前已完成6个，其余3个正在
    推进中。) within the next few, before another one-sentence deficiency."""
    for para in paras[index + 2:index + 2 + within]:
        if _closing_status(para.view):
            return True
        if finding_like(para.view) and not action_like(para.view) and not re.search(r"[。；].", para.view):
            return False
    return False


_CLOSE = re.compile(r"[。；;]+$")


def _status_said(text: str) -> bool:
    return bool(rx("trailing_status").match(_CLOSE.sub("", text.strip())))


def _closes_finding(view: str) -> bool:
    """A line that closes a problem: its status (整改进展：已完成。 / 目前已整改完成。)."""
    m = rx("status_lead").match(view)
    said = view[m.end():].strip() if m else view
    return _status_said(said)


def runin_findings(node: Node) -> bool:
    """A heading whose unlabelled paragraphs are its problems: the first opens one, and the
    heading itself is only a heading (no run-in text, not worded as a problem)."""
    paras = node.paragraphs
    if not paras or head(node.view) != node.view or wrapped(node.view, "problem"):
        return False
    if not opens_problem(paras, 0):
        return False
    if rx("description_lead").match(paras[0].view) and rx("finding_words").search(node.view) and "方面" not in node.view:
        return False  # （一）X覆盖面不足 then 存在问题：Y。: the heading is the problem, Y how it showed
    strong = _category_wrapper(node.view) or wrapped(paras[0].view, "problem")
    return bool(strong) or sum(1 for i in range(len(paras)) if opens_problem(paras, i)) >= 2


def shared_findings(node: Node) -> bool:
    """A category heading over one 一是 line of problems run together (一是X。二是Y。) and one
    整改情况： paragraph shared by them all, with nothing else below it; or the same run in on the
    heading's own line (（一）在X方面。一是Y。二是Z。 then 整改情况：…)."""
    if runin_shared(node):
        return True
    if any(not rx("findings_lead").match(p.view) for p in node.paragraphs) or len(node.children) != 1 \
            or head(node.view) != node.view or not _category_wrapper(node.view):
        return False  # (主要问题： before the run only leads it)
    run = node.children[0]
    if run.kind != "measure" or run.children or not 1 <= len(run.paragraphs) <= 2 or not run.label_text.strip().startswith("一是"):
        return False
    # one answer for them all: 整改情况：…, or 针对上述问题，… and its status line
    answer = rx("status_lead").match(run.paragraphs[0].view) or rx("shared_answer").match(run.paragraphs[0].view)
    return bool(re.search(r"[。；;]\s*二是", run.view) and not rx("status_lead").search(run.view) and answer
                and (len(run.paragraphs) == 1 or rx("status_lead").match(run.paragraphs[1].view)))


def runin_shared(node: Node) -> bool:
    """（一）在X方面。一是Y。二是Z。 — a category with its problems run in after its heading and an
    整改情况： paragraph first below it (one problem alone has that paragraph as its own)."""
    first = head(node.view)
    if node.children or first == node.view or not node.paragraphs or not _category_wrapper(first):
        return False
    rest = node.view[len(first) + 1:].lstrip()
    return bool(re.match(r"^一是", rest) and not rx("status_lead").search(rest)
                and rx("status_lead").match(node.paragraphs[0].view))


def shared_lead(node: Node) -> bool:
    """The last of a run of findings (2.) followed by a bare 整改情况： line and points numbered again
    from 1 in the same style: those points are the measures of the whole run, not of this one."""
    kids = node.children
    if node.number < 2 or not kids or kids[0].number != 1 or any(k.style != node.style for k in kids):
        return False
    return any(p.seq < kids[0].seq and bare_lead(p) for p in node.paragraphs)


def answered(node: Node) -> bool:
    """A finding with anything of its own below its line (measures, an 整改情况： paragraph, items)."""
    return bool(node.children or node.paragraphs)


def _finding_points(node: Node) -> bool:
    """A heading whose labelled lines are all 一是X不到位。 findings, each with its own 整改情况：."""
    return bool(node.children) and all(finding_point(c) for c in node.children)


def assign_roles(root: Node, inspected: bool = True) -> Roles:
    """Phase four: the role of every node of the outline. A document that is no inspection
    notice (a work summary's 存在的问题 are not findings of an inspection) has no findings."""
    roles = Roles()
    for node in root.children:
        kind = section_kind(node) if inspected else "section"
        grouping = _category_wrapper(node.view) or node.kind == "category_heading" or status_group(node.view)
        if kind == "rectification" and grouping and node.children \
                and not rx("sections", "rectification").search(head(node.view)) and not _groups_of_findings(node):
            _category(node, roles)  # 一、关于……方面的问题 with its problems: a category at the top
        elif kind == "problem":
            _problem(node, roles)
        elif kind == "rectification":
            roles.set(node, "rectification")
            _findings(node.children, roles)
        else:
            roles.set(node, "next_steps" if kind == "next_steps" else "section")
            _general(node.children, roles)
    return roles


def _general(nodes: list[Node], roles: Roles) -> None:
    for node in nodes:
        if node.kind == "measure":
            roles.set(node, "point")
            _subpoints(node.children, roles)
        else:
            roles.set(node, "subsection")
            _general(node.children, roles)


def _subpoints(nodes: list[Node], roles: Roles) -> None:
    for node in nodes:
        roles.set(node, "subpoint")
        _subpoints(node.children, roles)


def _is_category(node: Node) -> bool:
    """A first-level node of the rectification part that groups problems: worded as a category
    (…方面, 反馈问题：…, 已整改完成的问题) or holding findings; a node with its own measures and
    no findings below it is a problem, whatever its wording."""
    if node.kind == "category_heading" or status_group(node.view):
        return True
    if node.kind == "problem" or opened_by_lead(node):  # X的问题 / 整改措施： / 1.… 2.…: its own measures
        return False
    labelled = [c for c in node.children if c.kind != "measure"]
    if not labelled and (shared_findings(node) or not node.children and runin_findings(node) or _finding_points(node)):
        return True
    if not labelled:
        own_text = node.paragraphs or head(node.view) != node.view or node.children
        return _category_wrapper(node.view) and not own_text
    if _category_wrapper(node.view):
        return True
    if wrapped(node.view, "problem"):
        return problem_wording_groups(node)
    if closing_lead(node):  # 1.X。（1）A；（2）B。 then 整改措施：… after the last: one finding, its details
        return False
    findings = sum(1 for c in labelled if _evidence(c) > 0 or _item_like(c))
    return findings * 2 >= len(labelled)


def problem_wording_groups(node: Node) -> bool:
    """（一）关于X的问题 over numbered findings (1. 2.) that each have their own measures, and
    nothing of its own: the usual category/problem labels, a category worded as a problem."""
    kids = node.children
    if not wrapped(node.view, "problem") or _category_wrapper(node.view):
        return False
    return bool(node.style == "（{cn}）" and kids and not node.paragraphs and head(node.view) == node.view
                and all(c.style in ("{n}.", "{n}、", "{n}．") and _item_like(c) and _own_measures(c) for c in kids))


def _own_measures(node: Node) -> bool:
    """A finding followed by its own measures: labelled points, an 整改情况： paragraph or run-in text."""
    rest = node.view[len(head(node.view)):]  # 1.关于X的问题。一是…；二是…: its measures run in on its line
    return bool(node.children or opens_with_status_lead(node) or re.match(r"^[。；：]?\s*一是", rest)
                or any(rx("status_lead").match(p.view) for p in node.paragraphs))


def _findings(nodes: list[Node], roles: Roles) -> None:
    """The first level of the rectification part: categories, or problems of an untitled group.
    A part on the leads the inspection handed over (关于巡察移交问题线索的办理情况) is a point of
    the part, never a finding."""
    for node in [n for n in nodes if rx("clue_part").search(head(n.view))]:
        roles.set(node, "point")
        roles.clues.add(id(node))
        _subpoints(node.children, roles)
    nodes = [n for n in nodes if not rx("clue_part").search(head(n.view))]
    labelled = [n for n in nodes if n.kind != "measure"]
    categories = sum(1 for n in labelled if _is_category(n))
    as_categories = categories * 2 > len(labelled) if labelled else False
    for node in nodes:
        if finding_point(node):
            _problem(node, roles)
        elif node.kind == "measure" and _category_wrapper(head(node.view)) and any(c.kind != "measure" for c in node.children):
            _category(node, roles)  # 一是党的建设方面 on its own line, 1.X below: a category counted 一是
        elif node.kind == "measure":
            roles.set(node, "point")
            _subpoints(node.children, roles)
        elif as_categories and (shared_findings(node) or _finding_points(node)
                                or not (node.children and all(c.kind == "measure" for c in node.children))):
            _category(node, roles)
            if not _is_category(node):
                roles.close[id(node)] = "这一项写法不像方面（像一个问题），按同级各项读作方面"
        else:
            _problem(node, roles)
            if categories and _is_category(node) and node.kind != "problem":
                roles.close[id(node)] = "这一项写法像方面（下有问题），按同级各项读作问题"


def _category(node: Node, roles: Roles) -> None:
    roles.set(node, "category")
    if group := status_group(node.view):
        roles.status[id(node)] = group
    for child in node.children:
        _problem(child, roles)


def _item_like(node: Node, own_status: bool = True) -> bool:
    """A problem's labelled line that is a finding of its own (问题表现), not a measure; a status
    line after it counts only where it is its own (`own_status`)."""
    if node.kind == "measure":
        return False
    view = node.view
    if wrapped(view, "item") or wrapped(view, "problem"):
        return True
    # （一）规范档案管理。对全部档案开展审核。 then 整改进展：已完成。 — a deed closed by the
    # problem's status is a measure, even alone
    if action_like(view) and not finding_like(view):
        return False
    return bool(status_after_colon(view) or any(c.kind == "measure" for c in node.children)
                or (own_status and opens_with_status_lead(node)) or finding_like(view))


def _details_then_measures(node: Node) -> tuple[list[Node], list[Node]] | None:
    """(the details, the measures) of a finding whose labelled lines are split by a line that is only
    a field's word: details in one style before it, measures in another after it."""
    kids = node.children
    lead = next((p for p in node.paragraphs if bare_lead(p) and kids and p.seq > kids[0].seq), None)
    if lead is None:
        return None
    before = [k for k in kids if k.seq < lead.seq]
    after = [k for k in kids if k.seq > lead.seq]
    if not before or not after or any(k.style != before[0].style or k.children for k in before) \
            or any(k.style == before[0].style for k in after):
        return None
    return before, after


def closing_lead(node: Node) -> bool:
    """A finding's labelled lines, then an 整改情况： paragraph with measures after the last of them
    and nothing below the others: the lines are its sub-findings, the paragraph its measures
    (1.X。（1）A；（2）B。整改情况：修订……). A paragraph that only gives a status closes measures."""
    kids = node.children
    # 2.X不够。主要表现：（1）A。 then 整改措施：… — one detail announced is still a detail
    announced = bool(re.search(r"(?:主要|具体)?表现(?:为|在)?：$", node.view))
    if not kids or len(kids) < 2 and not announced or any(answered(k) or k.kind == "measure" for k in kids[:-1]):
        return False
    last = kids[-1]
    if last.children or not last.paragraphs or not (m := rx("status_lead").match(last.paragraphs[0].view)):
        return False
    if any(bare_lead(p) and p.seq < kids[0].seq for p in node.paragraphs):
        return False  # 整改情况： on a line of its own, then the labelled lines: they are the measures
    said = last.paragraphs[0].view[m.end():]
    if inside := [c.start() for c in rx("status_lead_inside").finditer(said) if c.start() > 0]:
        said = said[:inside[0]]  # 整改状态：已完成。责任单位：X。 — the fields after the status are no measures
    said = said.strip().rstrip(r"。；;")
    deeds = [k for k in kids if action_like(k.view) and not rx("finding_words").search(head(k.view))]
    return bool(said) and not _only_status(said) and not deeds


def _only_status(said: str) -> bool:
    """基本完成，剩余少量扫尾工作 / 正在推进中，计划6月底前完成: a status and remarks on it, no deed."""
    first, *rest = re.split(r"[，,]", said)
    return bool(rx("trailing_status").match(said) or rx("trailing_status").match(first)
                and all(rx("status_remark").match(c) or rx("deadline").search(c) for c in rest))


def _problem(node: Node, roles: Roles) -> None:
    roles.set(node, "problem")
    labelled = node.children
    if split := _details_then_measures(node):  # （1）A。（2）B。 整改措施： ①…②…
        details, measures = split
        for child in details:
            roles.set(child, "item")
        for child in measures:
            roles.set(child, "measure")
            _subpoints(child.children, roles)
        return
    items = [c for c in labelled if c.kind != "measure"]
    # （1）…（2）… then 整改进展：已完成。 after the last only: the problem's status closing its measures
    statused = [c for c in items if opens_with_status_lead(c)]
    closing = len(items) > 1 and statused == items[-1:]
    like = [c for c in items if _item_like(c, own_status=not closing)]
    if closing_lead(node):
        for child in labelled:
            roles.set(child, "item")
    elif items and len(like) * 2 > len(items):
        for child in labelled:
            if child.kind == "measure":
                roles.set(child, "measure")
                _subpoints(child.children, roles)
            else:
                roles.set(child, "item")
                if child not in like and action_like(child.view):
                    roles.close[id(child)] = "这一项写法像整改措施，按同级各项读作问题的具体表现"
                for grandchild in child.children:
                    roles.set(grandchild, "measure")
                    _subpoints(grandchild.children, roles)
    else:
        for child in labelled:
            roles.set(child, "measure")
            if child in like and (wrapped(child.view, "problem") or finding_like(child.view)):
                roles.close[id(child)] = "这一项写法像问题的具体表现，按同级各项读作整改措施"
            _subpoints(child.children, roles)


def leads_numbered_measures(paras: Sequence[Para], index: int) -> bool:
    """An unlabelled line that is a finding of one sentence, then 整改措施： alone, then numbered
    lines (or a 关于“X”的问题 line, then numbered lines): a problem without a number, the numbered
    lines its measures (not a level of their own)."""
    view = paras[index].view
    # 关于“X”的问题。（牵头领导：…） then numbered lines at once: the wrapper says it is a problem
    after = match_label(paras[index + 1].view) if index + 1 < len(paras) else None
    if after and after.style in ("{n}.", "{n}、", "{n}．", "（{n}）", "{n}）") and not match_label(view):
        bracket = fields_bracket(view)
        line = (view[:bracket[0].start()] if bracket else view).rstrip("。 ")
        if re.match(r"^(?:关于|针对)", line) and not re.search(r"[。；]", line) and wrapped(line, "problem"):
            return True
    if index + 2 >= len(paras) or not bare_lead(paras[index + 1]) or not match_label(paras[index + 2].view):
        return False
    one_sentence = len(view) <= 60 and not re.search(r"[。；：].", view)
    return bool(one_sentence and not field_led(view) and finding_like(view))
