"""The disclosure clock (反馈后第 N 天公开): how long after the feedback a notice was published.

Units report rectification about two months after the feedback (practice; the period is the
setting `disclosure_months` in zhenggai.yml). Every rule about that period lives here: the day
a notice of an inspection is due, whether the first notice of an inspection came later than
that, whether an interim notice still waits for its final one, and what a round's target has
disclosed. The words are the pages'; the facts are these.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Document

DEFAULT_DISCLOSURE_MONTHS = 2
DEFAULT_FOLLOW_UP_WAIT_DAYS = 0


@dataclass(frozen=True)
class Rules:
    """The periods the record is judged by (zhenggai.yml `disclosure_months`, `follow_up_wait_days`)."""

    disclosure_months: int = DEFAULT_DISCLOSURE_MONTHS  # feedback → the notice of rectification
    follow_up_wait_days: int = DEFAULT_FOLLOW_UP_WAIT_DAYS  # deadline → "时限已过,尚无后续通报" shown

    @property
    def period_words(self) -> str:
        """The period in words: 2个月."""
        return f"{self.disclosure_months}个月"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (1月31日 + 1 → 2月28日)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(feedback: dt.date, rules: Rules) -> dt.date:
    """The last day the rectification would be disclosed within the usual period."""
    return add_months(feedback, rules.disclosure_months)


@dataclass(frozen=True)
class Clock:
    """反馈后第 N 天公开: the days from the feedback to a notice's publication."""

    feedback: dt.date
    published: dt.date
    due: dt.date  # feedback + the period
    first: bool  # the first notice of its inspection on the site (only it can be late to disclose)

    @property
    def days(self) -> int:
        return (self.published - self.feedback).days

    @property
    def words(self) -> str:
        """The clock as pages and feeds say it: 反馈后第 N 天公开, or 反馈当天公开 (N = 0)."""
        return f"反馈后第 {self.days} 天公开" if self.days else "反馈当天公开"

    @property
    def beyond_period(self) -> bool:
        """The inspection's first notice came after the usual period (later notices are follow-ups)."""
        return self.first and self.published > self.due


def clock(doc: Document, rules: Rules, first: bool = True) -> Clock | None:
    """The clock of a rectification notice that states its feedback date, else None."""
    ins = doc.inspection
    if not doc.kind.is_rectification or ins is None or ins.feedback is None:
        return None
    return Clock(ins.feedback, doc.metadata.published, due_date(ins.feedback, rules), first)


def stated_completion(doc: Document) -> dt.date:
    """The day an interim notice expects the rectification done: its latest readable deadline,
    else (no deadline stated) its own publication date."""
    dates = [f.deadline.date for f in doc.findings() if f.deadline is not None and f.deadline.date]
    return max(dates) if dates else doc.metadata.published


def final_awaited(series: Sequence[Document], as_of: dt.date, rules: Rules) -> dt.date | None:
    """For an inspection whose notices on the site (`series`, oldest first) are all interim: the day
    after which its final notice is due (stated completion + the period), once that day has passed;
    else None (a final notice exists, or it is not yet due)."""
    if not series or any(not d.kind.is_interim for d in series):
        return None
    due = add_months(stated_completion(series[-1]), rules.disclosure_months)
    return due if as_of > due else None


class TargetState(str, enum.Enum):
    """What a round's target has disclosed, as of the reference date."""

    DISCLOSED = "已公开"
    PENDING = "尚未公开"  # the period after the feedback has passed, no notice on the site
    NOT_DUE = "未到公开期限"
    NO_FEEDBACK = "尚未反馈"  # the round file gives no feedback date yet


def target_state(feedback: dt.date | None, notices: Sequence[Document], as_of: dt.date,
                 rules: Rules) -> TargetState:
    """The state of one inspected unit of a round, from its notices on the site and its feedback date."""
    if notices:
        return TargetState.DISCLOSED
    if feedback is None:
        return TargetState.NO_FEEDBACK
    return TargetState.PENDING if as_of > due_date(feedback, rules) else TargetState.NOT_DUE
