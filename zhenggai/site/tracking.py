"""What the pages say about "was it really fixed, and on time?": each finding's deadline state,
the notices of one inspection, each finding's timeline across them, the disclosure clock,
rounds and withdrawals.

Everything is computed once per build from the collection and the reference date, then
handed to the templates, the figures and the open data; the rules themselves live in
`zhenggai.overdue` (deadlines), `zhenggai.disclosure` (the clock, rounds) and
`zhenggai.data.series` (which notices belong together).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..data.series import Series, build_series
from ..disclosure import Clock, Rules, TargetState, clock, final_awaited, target_state
from ..model import Document, Status, walk_categories
from ..numbering import number_document
from ..overdue import DeadlineState, Verdict, judge, undated
from ..rounds import Round, RoundTarget


@dataclass(frozen=True)
class Moment:
    """One notice's word on a finding: when, in which kind of notice, what status and deadline."""

    doc: Document
    anchor: str
    status: Status | None
    deadline: str | None
    current: bool


@dataclass(frozen=True)
class Comparison:
    """与上次通报相比 — how the findings moved since the previous notice of the inspection."""

    previous: Document
    completed: int  # findings that became 已完成
    still_open: int  # findings short of 已完成, not counting those that went back
    moved: int  # deadlines that changed (a date in both notices)
    new: int  # findings the previous notice did not have
    reopened: int = 0  # findings 已完成 in the previous notice and no longer so


@dataclass(frozen=True)
class StateRow:
    """One finding of a current notice, for the lists of late and passed deadlines."""

    doc: Document
    anchor: str
    finding: object
    state: DeadlineState | None  # None: no readable deadline


@dataclass(frozen=True)
class TargetRow:
    """One unit of a round: its notices on the site (oldest first) and what it has disclosed."""

    target: RoundTarget
    notices: tuple[Document, ...]
    state: TargetState


@dataclass
class Tracking:
    """The accountability facts of one collection as of one reference date."""

    as_of: dt.date
    rules: Rules = field(default_factory=Rules)
    series_of: dict[str, Series] = field(default_factory=dict)  # document id → its series
    timelines: dict[int, tuple[Moment, ...]] = field(default_factory=dict)  # id(finding) → moments
    comparisons: dict[str, Comparison] = field(default_factory=dict)  # document id → vs previous
    superseded: set[str] = field(default_factory=set)  # ids of notices a later one of the same inspection replaces
    anchors: dict[int, str] = field(default_factory=dict)  # id(finding) → its anchor on its page
    states: dict[int, DeadlineState] = field(default_factory=dict)  # id(finding) → its deadline state
    # id(finding) → what its own notice shows (with the notices before it), where that differs
    # from the state of the whole series: an earlier notice's box counts only what it shows.
    own_states: dict[int, DeadlineState | None] = field(default_factory=dict)
    clocks: dict[str, Clock] = field(default_factory=dict)  # document id → 反馈后第 N 天公开
    final_due: dict[str, dt.date] = field(default_factory=dict)  # interim notice id → its final notice due since
    rounds: tuple[Round, ...] = ()
    targets: dict[str, tuple[TargetRow, ...]] = field(default_factory=dict)  # round id → its units
    round_of: dict[str, Round] = field(default_factory=dict)  # document id → the round it reports on

    def state(self, finding) -> DeadlineState | None:
        """What the record shows about `finding`'s deadline (see zhenggai.overdue)."""
        return self.states.get(id(finding))

    def own_state(self, finding) -> DeadlineState | None:
        """What `finding`'s own notice shows of its deadline, judged on the notices up to it: the
        state of the series for the latest notice listing it, never a later notice's verdict."""
        return self.own_states[id(finding)] if id(finding) in self.own_states else self.state(finding)

    def is_current(self, doc: Document) -> bool:
        """Counted in the figures: not withdrawn, and the latest notice of its inspection."""
        return doc.withdrawn is None and doc.id not in self.superseded

    def rows(self, documents, verdict: Verdict | None) -> list[StateRow]:
        """Findings of the current notices with this verdict (None: short of done without a readable
        deadline), by publisher, longest first."""
        return self.rows_by_verdict(documents)[verdict]

    def rows_by_verdict(self, documents) -> dict[Verdict | None, list[StateRow]]:
        """`rows` for every verdict and None at once: one pass over the findings."""
        found: dict[Verdict | None, list[StateRow]] = {verdict: [] for verdict in (*Verdict, None)}
        for doc in documents:
            if not self.is_current(doc):
                continue
            for finding in doc.findings():
                state = self.state(finding)
                row = StateRow(doc, self.anchors[id(finding)], finding, state)
                if state and state.verdict is not None:
                    found[state.verdict].append(row)
                if undated(finding) or (state and state.verdict is None):
                    found[None].append(row)
        return {verdict: sorted(rows, key=lambda r: (r.doc.publisher, -(r.state.days if r.state else 0), r.doc.id))
                for verdict, rows in found.items()}

    def pending_targets(self) -> list[tuple[Round, TargetRow]]:
        """Units of every round whose disclosure period has passed with no notice on the site."""
        return [(r, row) for r in self.rounds for row in self.targets.get(r.id, ())
                if row.state is TargetState.PENDING]


def build_tracking(documents: tuple[Document, ...], as_of: dt.date, rules: Rules | None = None,
                   rounds: tuple[Round, ...] = ()) -> Tracking:
    """Tracking facts for `documents` (newest first) and `rounds` as of `as_of`."""
    tracking = Tracking(as_of, rules or Rules(), rounds=tuple(rounds))
    for doc in documents:
        for anchor, finding in _anchored(doc):
            tracking.anchors[id(finding)] = anchor
    in_series: set[str] = set()
    for series in build_series(documents):
        for doc in series.documents:
            tracking.series_of[doc.id] = series
        in_series.update(d.id for d in series.documents)
        tracking.superseded.update(d.id for d in series.documents[:-1])
        _follow(series, tracking)
        for step in series.steps:
            tracking.comparisons[step.later.id] = _compare(step)
    for doc in documents:
        if doc.id not in in_series:
            for finding in doc.findings():
                _judge([(doc, finding)], tracking)
            _single_clock(doc, tracking)
    _rounds(documents, tracking)
    return tracking


def _judge(chain: list, tracking: Tracking, followed: bool = False) -> None:
    state = judge(chain, tracking.as_of, tracking.rules.follow_up_wait_days, followed)
    if state is not None:
        for _, finding in chain:
            tracking.states[id(finding)] = state
    for n, (_, finding) in enumerate(chain[:-1]):
        own = judge(chain[:n + 1], tracking.as_of, tracking.rules.follow_up_wait_days, followed=True)
        if own != state:
            tracking.own_states[id(finding)] = own


def _single_clock(doc: Document, tracking: Tracking) -> None:
    found = clock(doc, tracking.rules)
    if found:
        tracking.clocks[doc.id] = found
    due = final_awaited((doc,), tracking.as_of, tracking.rules) if doc.withdrawn is None else None
    if due:
        tracking.final_due[doc.id] = due


def _rounds(documents, tracking: Tracking) -> None:
    for found in tracking.rounds:
        rows = []
        for target in found.targets:
            notices = tuple(reversed([d for d in documents if d.withdrawn is None and target.reports_on(d)]))
            for doc in notices:
                tracking.round_of.setdefault(doc.id, found)
            rows.append(TargetRow(target, notices, target_state(target.feedback, notices, tracking.as_of, tracking.rules)))
        tracking.targets[found.id] = tuple(rows)


def _anchored(doc: Document):
    for _, category in walk_categories(number_document(doc)):
        for problem in category.problems:
            if problem.items:
                for item in problem.items:
                    yield item.anchor, item.item
            else:
                yield problem.anchor, problem.problem


def _follow(series: Series, tracking: Tracking) -> None:
    """Follow each finding through the series: every finding on the way gets the whole chain as its
    timeline and the chain's deadline state; and each notice its disclosure clock."""
    last = series.documents[-1]
    for chain in _chains(series):
        _judge(chain, tracking, followed=chain[-1][0] is not last)
        if len(chain) < 2:
            continue
        for _, finding in chain:
            tracking.timelines[id(finding)] = tuple(
                Moment(d, tracking.anchors[id(f)], f.status, f.deadline.text if f.deadline else None, f is finding)
                for d, f in chain
            )
    for n, doc in enumerate(series.documents):
        found = clock(doc, tracking.rules, first=n == 0)
        if found:
            tracking.clocks[doc.id] = found
    due = final_awaited(series.documents, tracking.as_of, tracking.rules)
    if due:
        tracking.final_due[last.id] = due


def _chains(series: Series) -> list[list[tuple[Document, object]]]:
    """Each finding followed through the series' notices, oldest first."""
    chains: list[list[tuple[Document, object]]] = []
    open_chains: dict[int, list] = {}
    for doc in series.documents[:1]:
        for finding in doc.findings():
            chain = [(doc, finding)]
            chains.append(chain)
            open_chains[id(finding)] = chain
    for step in series.steps:
        following: dict[int, list] = {}
        for match in step.matches:
            chain = open_chains.get(id(match.earlier))
            if chain is not None:
                chain.append((step.later, match.later))
                following[id(match.later)] = chain
        for finding in step.later.findings():
            if id(finding) not in following:
                chain = [(step.later, finding)]
                chains.append(chain)
                following[id(finding)] = chain
        open_chains = following
    return chains


def _compare(step) -> Comparison:
    completed = sum(1 for m in step.matches if m.later.status is Status.COMPLETED and m.earlier.status is not Status.COMPLETED)
    reopened = sum(1 for m in step.matches if m.earlier.status is Status.COMPLETED and m.later.status is not Status.COMPLETED)
    still_open = sum(1 for f in step.later.findings() if f.status is not Status.COMPLETED) - reopened
    # Moved: a date in both notices, and not the same. A deadline first given now moved nothing,
    # nor does the same year-less wording read against a later publication (model.read_deadline_as).
    moved = sum(1 for m in step.matches if _deadline(m.earlier) and _deadline(m.later)
                and _deadline(m.earlier) != _deadline(m.later) and m.earlier.deadline.text != m.later.deadline.text)
    new = len(step.later.findings()) - len(step.matches)
    return Comparison(step.earlier, completed, still_open, moved, new, reopened)


def _deadline(finding) -> dt.date | None:
    return finding.deadline.date if finding.deadline else None
