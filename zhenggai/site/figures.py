"""Every figure the site shows, counted by one function (`count`) and said in words.

The home page's headline, 统计 (the whole site, each publisher, each year), the progress box of
a notice and the rows of the open data all come from `count`, so no two places can count
"completed" or "overdue" differently. What is counted, once, for every figure:

- documents: the public documents of the group, withdrawn ones left out;
- findings and their statuses: the findings (整改事项: a problem, or each item listed under it)
  of the latest notice of each inspection (`Tracking.is_current`): an interim notice that a
  later one replaces is not counted twice. `latest_only=False` counts the documents given as
  they are (a notice's own box, its open-data row);
- deadlines: the verdicts of `zhenggai.overdue` (逾期, 逾期完成, 时限已过,尚无后续通报);
- the disclosure clock: the first notice of each inspection that states its feedback date;
- what notices declare beyond problems (制度, money returned, people handled): summed over the
  same latest notices, with how many of them declare each.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from ..disclosure import TargetState
from ..model import Document, Status
from ..overdue import Verdict, undated
from .tracking import Tracking

# What each headline figure counts, in the words every page uses beside it.
WORDS = {
    "documents": "本站公开的文件，不含已撤回的",
    "findings": "各次巡察最新一份通报列出的整改事项（问题，或问题下列出的问题表现）",
    "completed": "上述整改事项中标明整改状态的，标为“已完成”的比例",
    "late": "通报发布时已过整改时限、仍未完成的整改事项（以该次巡察最新一份通报为准）",
    "passed": "整改时限已过、此后本站没有后续通报的未完成事项：状态以最后一份通报为准，实际进展本站无从得知",
    "pending": "巡察轮次中已过公开期限（反馈后{period}）、本站还没有整改通报的被巡察单位",
}


@dataclass(frozen=True)
class Figures:
    """The figures of one group of documents: the site, a publisher, a year, or one notice."""

    name: str
    key: str = ""  # the group's listing key (its page), when it has one
    documents: int = 0
    notices: int = 0  # rectification notices counted (the latest of each inspection)
    findings: int = 0
    with_status: int = 0
    completed: int = 0
    basically_completed: int = 0
    in_progress: int = 0
    long_term: int = 0
    late: int = 0
    done_late: int = 0
    passed: int = 0
    undated: int = 0
    withheld: int = 0
    late_days: tuple[int, ...] = ()  # days late of each 逾期 finding
    clocked: int = 0  # first notices of an inspection that state their feedback date
    beyond_period: int = 0  # of those, published after the usual period
    median_days: int | None = None  # feedback → publication, the middle value
    rules_made: int = 0
    rules_declared: int = 0  # notices declaring how many 制度 were made
    money_returned: int = 0  # 元
    money_declared: int = 0
    people_handled: int = 0  # 人次
    people_declared: int = 0

    @property
    def share(self) -> int | None:
        """Percent 已完成 of the findings with a status."""
        return round(100 * self.completed / self.with_status) if self.with_status else None

    @property
    def unstated(self) -> int:
        return self.findings - self.with_status

    def by_status(self) -> dict[str, int]:
        return {
            Status.COMPLETED.value: self.completed,
            Status.BASICALLY_COMPLETED.value: self.basically_completed,
            Status.IN_PROGRESS.value: self.in_progress,
            Status.LONG_TERM.value: self.long_term,
        }

    def declared_share(self, declared: int) -> int | None:
        """Percent of the counted notices that declare a figure."""
        return round(100 * declared / self.notices) if self.notices else None


def count(documents: Iterable[Document], tracking: Tracking, name: str = "全部", key: str = "",
          latest_only: bool = True) -> Figures:
    """Every figure of `documents` (see the module's docstring for what is counted)."""
    documents = tuple(documents)
    shown = [d for d in documents if d.withdrawn is None]
    counted = [d for d in shown if tracking.is_current(d)] if latest_only else list(documents)
    values: dict[str, int] = dict.fromkeys(_SUMS, 0)
    late_days: list[int] = []
    for doc in counted:
        _add_findings(doc, tracking, values, late_days)
        _add_declared(doc, values)
    clocks = [c for d in shown if (c := tracking.clocks.get(d.id)) and (c.first or not latest_only)]
    return Figures(
        name=name, key=key, documents=len(shown),
        notices=sum(1 for d in counted if d.kind.is_rectification),
        late_days=tuple(sorted(late_days, reverse=True)),
        clocked=len(clocks), beyond_period=sum(1 for c in clocks if c.beyond_period),
        median_days=round(statistics.median(c.days for c in clocks)) if clocks else None,
        **values,
    )


_STATUS_FIELDS = {
    Status.COMPLETED: "completed", Status.BASICALLY_COMPLETED: "basically_completed",
    Status.IN_PROGRESS: "in_progress", Status.LONG_TERM: "long_term",
}
_VERDICT_FIELDS = {Verdict.LATE: "late", Verdict.DONE_LATE: "done_late", Verdict.PASSED: "passed"}
# Declared field → (the sum, the number of notices declaring it).
_DECLARED_FIELDS = {"rules_made": ("rules_made", "rules_declared"),
                    "money_returned": ("money_returned", "money_declared"),
                    "people_disciplined": ("people_handled", "people_declared")}
_SUMS = ("findings", "with_status", *_STATUS_FIELDS.values(), *_VERDICT_FIELDS.values(), "undated", "withheld",
         "rules_made", "rules_declared", "money_returned", "money_declared", "people_handled", "people_declared")


def _add_findings(doc: Document, tracking: Tracking, values: dict[str, int], late_days: list[int]) -> None:
    for finding in doc.findings():
        values["findings"] += 1
        if finding.status is not None:
            values["with_status"] += 1
            values[_STATUS_FIELDS[finding.status]] += 1
        if finding.withheld:
            values["withheld"] += 1
        if undated(finding):
            values["undated"] += 1
        state = tracking.own_state(finding)  # what this notice shows: never a later notice's verdict
        if state is not None:
            values[_VERDICT_FIELDS[state.verdict]] += 1
            if state.verdict is Verdict.LATE:
                late_days.append(state.days)


def _add_declared(doc: Document, values: dict[str, int]) -> None:
    declared = doc.declared
    if declared is None or not doc.kind.is_rectification:
        return
    for source, (total, declaring) in _DECLARED_FIELDS.items():
        value = getattr(declared, source)
        if value is not None:
            values[total] += value
            values[declaring] += 1


@dataclass(frozen=True)
class Figure:
    """One headline figure as shown: the number, its label, and what it counts in words."""

    key: str
    value: str
    label: str
    words: str
    link: str = ""  # a site path listing what is counted


def headline(figures: Figures, tracking: Tracking) -> tuple[Figure, ...]:
    """The figures of the home page and of 统计, in the same words on both."""
    share = f"{figures.share}%" if figures.share is not None else "—"
    completed_label = (f"已完成：{figures.with_status} 项标明整改状态的事项中 {figures.completed} 项"
                       if figures.with_status else "通报未逐项标明整改状态")
    shown = [
        Figure("documents", str(figures.documents), "份公开文件", WORDS["documents"]),
        Figure("findings", str(figures.findings), "项整改事项", WORDS["findings"]),
        Figure("completed", share, completed_label, WORDS["completed"]),
        Figure("late", str(figures.late), "项逾期（通报显示）", WORDS["late"], "overdue/#late"),
        Figure("passed", str(figures.passed), "项时限已过，尚无后续通报", WORDS["passed"], "overdue/#passed"),
    ]
    if tracking.rounds:
        pending = len(tracking.pending_targets())
        shown.append(Figure("pending", str(pending), "个被巡察单位尚未公开整改情况",
                            WORDS["pending"].format(period=tracking.rules.period_words), "rounds/"))
    return tuple(shown)


def round_counts(tracking: Tracking) -> dict[TargetState, int]:
    """Units of every round by what they have disclosed."""
    counts = dict.fromkeys(TargetState, 0)
    for rows in tracking.targets.values():
        for row in rows:
            counts[row.state] += 1
    return counts
