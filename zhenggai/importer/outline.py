"""Phase three: the labelled outline of the body, from the labels at the start of its lines.

Notices number their levels with a handful of label styles (一、 （一） 1. （1） 一是 …), in
an order that differs from unit to unit. The first style met is the top level; a style not
seen before opens a level below the current one; a style seen before closes the levels
below it. So the tree follows the document's own scheme, whatever it is, and each label's
style and number are kept: they are the numbering scheme the draft records. A heading the
page gave as markup (lines.py) is a top-level node without a label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import ZhenggaiError
from .labels import Label, match_label
from .lines import Para
from .rules import rx

MARKUP_STYLE = ""  # a heading without a label
CATEGORY_LINE_STYLE = "〔方面〕"  # a category heading on a line of its own, without a label
PROBLEM_LINE_STYLE = "〔问题〕"  # a problem led by its own word, without a number: 问题：… / 【问题】…
BULLET_POINT_STYLE = "〔要点〕"  # a point led by the inner of two bullets (○ under ●), without a number



# Levels of numbering below the root: a notice has five or six (一、（一）1.（1）① 一是), the data at
# most eight levels of sections. Deeper is no notice (one pasted again and again nests each copy
# below the last) and the phases after the outline walk the tree by recursion: refused here.
MAX_OUTLINE_DEPTH = 16


class OutlineTooDeep(ZhenggaiError):
    """The numbering nests deeper than MAX_OUTLINE_DEPTH at source line `line` (the caller names the file)."""

    code = "import.too_deep"

    def __init__(self, line: int) -> None:
        super().__init__(f"通报的编号层层嵌套超过 {MAX_OUTLINE_DEPTH} 层（原文第 {line} 行；通报的编号通常不过五六层，"
                         "如 一、（一）1.（1）一是）：文件里可能把同一份通报粘贴了多次，或编号接续有误，请对照原件核对后再导入")


@dataclass
class Node:
    """大纲节点 — a labelled line and what follows it until the next labelled line."""

    para: Para | None
    style: str | None
    number: int
    text: str  # the line without its label
    view: str  # its folded view
    kind: str | None = None  # "measure" (一是), "problem" (问题1.), "category_heading" (第一方面问题)
    label_text: str = ""  # the label as typed
    children: list[Node] = field(default_factory=list)
    paragraphs: list[Para] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.para.number if self.para else 0

    @property
    def seq(self) -> int:
        """Its place in reading order (lines of one flattened source line share a number)."""
        return self.para.seq if self.para else -1

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


_CATEGORY_LIKE = re.compile(r"方面|^关于“|^“")


def _level_of(stack: list[Node], label: Label, view: str, led: set[int] = frozenset()) -> int | None:
    """The open level a label continues, or None when it opens a level below the current one.

    Usually a style seen before closes the levels below it. But units also number the
    categories inside a part with the part's own style (二、整改落实情况 then 一、“……”方面):
    a style seen before that starts again at 1 opens a level below; then among the levels
    using the style, the one whose numbers the label continues wins, a category-like
    heading going to the deeper one and anything else (三、下一步整改计划) to the outer.
    `led`: the nodes whose labelled lines began after a field's word alone (整改措施：), also
    after details of their own (1.X。具体表现为：一是…二是… 整改措施： 1.… 2.…).
    """
    levels = [d for d in range(1, len(stack)) if stack[d].style == label.style]
    if not levels:
        return None
    if label.number == 1 and stack[levels[-1]].number > 1:
        return None
    fits = [d for d in levels if stack[d].number + 1 == label.number]
    if len(fits) > 1 and (id(stack[fits[-1] - 1]) in led or opened_by_lead(stack[fits[-1] - 1])):
        # 2. after 整改措施：1.…: the next measure, unless it reads as the next finding
        line = view[label.length:]
        finding = rx("finding_words").search(line) and not rx("action_start").match(line)
        return fits[0] if finding else fits[-1]
    if len(fits) > 1:
        return fits[-1] if _CATEGORY_LIKE.search(view[label.length:]) else fits[0]
    return fits[0] if fits else levels[-1]


_FIELD_LEADS = ("status_lead", "description_lead", "deadline_lead", "responsible_lead")


def _feedback_line(para: Para, after: list[Para] | tuple[Para, ...]) -> bool:
    """反馈问题：X。 on a line of its own with 整改措施：… on the next: a problem led by its word (the
    same words lead a category when what follows is problems, not a field)."""
    return bool(after and rx("feedback_problem_line").match(para.view) and field_led(after[0].view))


def field_led(view: str) -> bool:
    """A line that starts with a field's own word: 整改措施：/问题表现：/整改时限：/责任单位：…"""
    return any(rx(name).match(view) for name in _FIELD_LEADS)


# GB/T 9704's order of levels: 一、 above （一） above 1. above （1）.
_RANK = {"{cn}、": 1, "{cn}．": 1, "（{cn}）": 2, "{n}.": 3, "{n}、": 3, "{n}．": 3, "（{n}）": 4}


def _outranks_top(root: Node, label: Label) -> bool:
    """A 二、 (not 一、) met when the top level so far is a lower one, and 一、 was never seen: the
    text began inside the first part (a page cut after its opening, a fragment), so 二、 opens the
    next part beside what came before instead of a level below it."""
    if label.number < 2 or label.style not in _RANK or not root.children:
        return False
    top = [c.style for c in root.children]
    return all(style in _RANK and _RANK[style] > _RANK[label.style] for style in top)


def _describes(node: Node, para: Para) -> bool:
    """（一）X覆盖面不足 then 存在问题：Y。 — the word leads the labelled finding's description, not a
    problem of its own: right under a labelled line worded as a deficiency, with nothing under it yet."""
    return bool(node.para is not None and not node.paragraphs and not node.children
                and node.kind not in ("category_heading", "measure") and "方面" not in node.view
                and rx("finding_words").search(node.view) and rx("description_lead").match(para.view))


def opened_by_lead(node: Node) -> bool:
    """The node's labelled lines began right after a line that is only a field's word (整改措施：)."""
    return bool(node.children and node.paragraphs and bare_lead(node.paragraphs[-1])
                and node.paragraphs[-1].seq < node.children[0].seq)


def _listed_details(stack: list[Node]) -> bool:
    """The open node is the last of two or more bare labelled lines under a finding (its details
    listed (1) (2), nothing under any of them yet)."""
    if len(stack) < 3:
        return False
    top, parent = stack[-1], stack[-2]
    kids = parent.children
    return bool(len(kids) >= 2 and kids[-1] is top and parent.para is not None
                and all(k.style == top.style and not k.children and not k.paragraphs for k in kids))


def bare_lead(para: Para) -> bool:
    """A line that is only a field's word: 整改措施： / 整改情况：."""
    m = rx("status_lead").match(para.view)
    return bool(m and not para.view[m.end():].strip())


def _ends_with_bare_lead(node: Node) -> bool:
    """The node's last line is a field's word and nothing else (整改措施：), after any labelled line below it."""
    if node.para is None or not node.paragraphs:
        return False
    last = node.paragraphs[-1]
    return bare_lead(last) and (not node.children or last.seq > node.children[-1].seq)


# Labels that look alike and are typed by whichever key or input mode was on: 1. 1． 1、 / 一、 一．
_VARIANTS = ({"{n}.", "{n}．", "{n}、"}, {"{cn}、", "{cn}．"})


def _same_style(stack: list[Node], label: Label) -> Label:
    """`label` in the style of the open level it continues when it is typed in a look-alike style
    not used anywhere open (1.X … 2．Y … 3、Z: one list, its marks typed as it came)."""
    family = next((f for f in _VARIANTS if label.style in f), None)
    if family is None or any(node.style == label.style for node in stack[1:]):
        return label
    for node in reversed(stack[1:]):
        if node.style in family and node.number + 1 == label.number:
            return Label(node.style, label.number, label.length, label.kind)
    return label


def build_outline(paras: tuple[Para, ...] | list[Para], opens_measures: Callable[[Sequence[Para], int], bool] | None = None) -> Node:
    """Phase three: the tree of `paras`; unlabelled lines are the paragraphs of the node they follow.
    `opens_measures` (roles.leads_numbered_measures, given by the caller: roles reads the outline)
    says which unlabelled line is a problem whose numbered measures follow."""
    root = Node(None, None, 0, "", "")
    stack = [root]
    led: set[int] = set()  # the nodes whose labelled lines began after a field's word alone (整改措施：)
    led_end: dict[str, int] = {}  # the last number of such a list, by style: measures numbered through
    for index, para in enumerate(paras):
        if para.heading:
            del stack[1:]
            node = Node(para, MARKUP_STYLE, 0, para.text, para.view)
            root.children.append(node)
            stack.append(node)
            continue
        label = match_label(para.view)
        follows = match_label(paras[index + 1].view) if index + 1 < len(paras) else None
        if label is None and (rx("category_line").match(para.view)
                              or rx("category_tag_line").match(para.view) and follows and follows.kind != "measure"):
            label = Label(CATEGORY_LINE_STYLE, 0, 0, "category_heading")
        elif label is None and (rx("problem_line").match(para.view) or _feedback_line(para, paras[index + 1:index + 2])) \
                and not _describes(stack[-1], para):
            label = Label(PROBLEM_LINE_STYLE, 0, 0, "problem")
        elif label is None and para.bullet:  # ●X / ○Y: two bullets as two levels, a problem and its measures
            label = Label(PROBLEM_LINE_STYLE, 0, 0, "problem") if para.bullet == "outer" \
                else Label(BULLET_POINT_STYLE, 0, 0, "measure")
        elif label is None and (bullet := rx("bullet_problem").match(para.view)):
            label = Label(PROBLEM_LINE_STYLE, 0, bullet.end(), "problem")  # the bullet is no number: dropped
        elif label is None and opens_measures is not None and opens_measures(paras, index):
            label = Label(PROBLEM_LINE_STYLE, 0, 0, "problem")
        if label is None:
            follows = match_label(paras[index + 1].view) if index + 1 < len(paras) else None
            if bare_lead(para) and _listed_details(stack) and follows and follows.style != stack[-1].style:
                stack.pop()  # （1）A。（2）B。 then 整改措施： alone: what follows is the finding's, not B's
            stack[-1].paragraphs.append(para)
            continue
        if len(stack) > 1 and field_led(para.view[label.length:].lstrip()):
            # （二）整改措施：… under a problem numbers a field of it, not a level of the notice:
            # the line is read as the field, without its label.
            stack[-1].paragraphs.append(para.cut(label.length))
            continue
        label = _same_style(stack, label)
        # 1.X then 整改措施： alone then 1.… again: the points numbered afresh are the measures below
        # it, not the next problems (the notice numbers both levels 1. 2.)
        # (or numbered on from the last such list: 整改措施： 3.… 4.… under the second problem)
        after_lead = _ends_with_bare_lead(stack[-1])
        if after_lead and label.number in (1, led_end.get(label.style, -1) + 1):
            depth = None
            led.add(id(stack[-1]))
        else:
            depth = _level_of(stack, label, para.view, led)
        if depth is None and _outranks_top(root, label):
            depth = 1  # 二、 after a cut-off start of （一）（二）: a part of its own, not a point below them
        if depth is not None:
            del stack[depth:]
        text = para.text[label.length:]
        strip = len(text) - len(text.lstrip())
        node = Node(para, label.style, label.number, text.strip(), para.view[label.length + strip:][:len(text.strip())],
                    label.kind, para.text[:label.length])
        stack[-1].children.append(node)
        if id(stack[-1]) in led:
            led_end[label.style] = label.number
        stack.append(node)
        if len(stack) > MAX_OUTLINE_DEPTH + 1:
            raise OutlineTooDeep(para.number)
    return root
