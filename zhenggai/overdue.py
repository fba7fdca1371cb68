"""Overdue (逾期): what the record shows about a deadline, and nothing more.

The one definition every output uses. "Short of done" is 正在推进中 or 基本完成; 已完成 is
done and 阶段性完成并需长期坚持 is, by its nature, ongoing without an end date. A finding
without a status makes no claim to be judged.

A deadline that has passed is not by itself evidence that the work is late: the work may
well be done and simply not reported on this site. So a finding is judged on its notices
(`judge`, the notices of its inspection that list it, oldest first):

- 逾期 (`Verdict.LATE`): the latest notice that lists it was published after its deadline and
  still reports it unfinished. The notice is the evidence; the days are counted to it.
- 逾期完成 (`Verdict.DONE_LATE`): a notice published after the deadline reported it unfinished,
  a later one reports it done; it was late by at least the days to that notice.
- 时限已过,尚无后续通报 (`Verdict.PASSED`): the deadline passed after the last notice that lists
  it and no later notice is on the site. Said neutrally, with the dates, and only once
  `wait_days` have gone by after the deadline (units that report yearly set a longer wait).

The day is the site's reference date (`as_of` in zhenggai.yml, else the date of the commit
being built), so builds stay reproducible; the PDF judges as of the document's own publication
date, recording the notice as it was, not later events.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .clock import CHINA
from .model import Document, Status, read_deadline_as

SHORT_OF_DONE = frozenset({Status.IN_PROGRESS, Status.BASICALLY_COMPLETED})


def overdue_days(finding, as_of: dt.date) -> int | None:
    """Days past the current deadline as of `as_of`, or None when the finding is not overdue."""
    if finding.status not in SHORT_OF_DONE or finding.deadline is None or finding.deadline.date is None:
        return None
    days = (as_of - finding.deadline.date).days
    return days if days > 0 else None


class Verdict(str, enum.Enum):
    """What the record shows about a finding's deadline (see the module's docstring)."""

    LATE = "逾期"
    DONE_LATE = "逾期完成"
    PASSED = "时限已过，尚无后续通报"


@dataclass(frozen=True)
class DeadlineState:
    """A verdict with its facts: the deadline judged, the days, the notice it rests on."""

    verdict: Verdict
    deadline: dt.date
    days: int  # LATE, DONE_LATE: deadline → `notice`'s publication; PASSED: deadline → the reference date
    notice: Document  # LATE, DONE_LATE: the notice reporting it unfinished; PASSED: the last notice listing it
    done_in: Document | None = None  # DONE_LATE: the notice reporting it done
    followed: bool = False  # a later notice of the same inspection exists but no longer lists it
    year_assumed: str = ""  # PASSED, the year not written: "same" (`notice`'s year) or "next" (the one after)


def _deadline_date(finding) -> dt.date | None:
    return finding.deadline.date if finding.deadline is not None else None


def late_in(doc: Document, finding) -> int | None:
    """Days `doc` was published after `finding`'s deadline while reporting it short of done, else None."""
    if finding.status not in SHORT_OF_DONE:
        return None
    deadline = _deadline_date(finding)
    if deadline is None or _year_assumed(doc, finding) == "next":
        return None  # a year guessed (the next) shows no notice late
    days = (doc.metadata.published - deadline).days
    return days if days > 0 else None


def _year_assumed(doc: Document, finding) -> str:
    """How the deadline's unwritten year was taken: "" (written, or the date given), "same", "next"."""
    reading = read_deadline_as(finding.deadline.text, doc.metadata.published)
    if not reading.yearless or reading.date != finding.deadline.date:
        return ""
    return "next" if reading.guessed else "same"


def judge(chain: Sequence[tuple[Document, object]], as_of: dt.date, wait_days: int = 0,
          followed: bool = False) -> DeadlineState | None:
    """The deadline state of one finding from the notices listing it (`chain`, oldest first), as of
    `as_of`; `followed`: a later notice of the inspection exists that no longer lists it."""
    if not chain:
        return None
    last_doc, last = chain[-1]
    late = [(doc, finding, days) for doc, finding in chain if (days := late_in(doc, finding))]
    if last.status in SHORT_OF_DONE:
        if late and late[-1][0] is last_doc:
            return DeadlineState(Verdict.LATE, _deadline_date(last), late[-1][2], last_doc, followed=followed)
        deadline = _deadline_date(last)
        if followed or deadline is None or (as_of - deadline).days <= wait_days:
            return None
        return DeadlineState(Verdict.PASSED, deadline, (as_of - deadline).days, last_doc,
                             year_assumed=_year_assumed(last_doc, last))
    if last.status is Status.COMPLETED and late:
        doc, finding, days = late[-1]
        return DeadlineState(Verdict.DONE_LATE, _deadline_date(finding), days, doc, done_in=last_doc)
    return None


def undated(finding) -> bool:
    """Short of done with no readable deadline: nothing can be said about time."""
    return finding.status in SHORT_OF_DONE and _deadline_date(finding) is None


CHINA_TIME = CHINA  # the clock's time zone, under the name older callers use


def reference_date(as_of: dt.date | None = None, documents: Iterable[Document] = ()) -> dt.date | None:
    """The day overdue is judged on: `as_of` if set (a build passes zhenggai.yml's `as_of`, else
    the day of its clock: see zhenggai/clock.py), else the newest 发布日期 of `documents`
    (a rendering outside a build, or a build outside git); None when there is neither."""
    if as_of is not None:
        return as_of
    return max((doc.metadata.published for doc in documents), default=None)
