"""Overdue (逾期): a finding short of done whose readable deadline has passed.

The one definition every output uses. "Short of done" is 正在推进中 or 基本完成; 已完成 is
done and 阶段性完成并需长期坚持 is, by its nature, ongoing without an end date. A finding
without a status makes no claim to be judged. The day is the site's reference date
(`as_of` in zhenggai.yml, else the date of the commit being built), so builds stay
reproducible; the PDF judges as of the document's own publication date, recording the
notice as it was, not later events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .clock import CHINA
from .model import Document, Status

SHORT_OF_DONE = frozenset({Status.IN_PROGRESS, Status.BASICALLY_COMPLETED})


def overdue_days(finding, as_of: dt.date) -> int | None:
    """Days past the current deadline as of `as_of`, or None when the finding is not overdue."""
    if finding.status not in SHORT_OF_DONE or finding.deadline is None or finding.deadline.date is None:
        return None
    days = (as_of - finding.deadline.date).days
    return days if days > 0 else None


def overdue_findings(doc: Document, as_of: dt.date) -> list[tuple[object, int]]:
    """(finding, days overdue) of `doc`, in document order."""
    found = []
    for finding in doc.findings():
        days = overdue_days(finding, as_of)
        if days is not None:
            found.append((finding, days))
    return found


CHINA_TIME = CHINA  # the clock's time zone, under the name older callers use


def reference_date(as_of: dt.date | None = None, documents: Iterable[Document] = ()) -> dt.date | None:
    """The day overdue is judged on: `as_of` if set (a build passes zhenggai.yml's `as_of`, else
    the day of its clock: see zhenggai/clock.py), else the newest 发布日期 of `documents`
    (a rendering outside a build, or a build outside git); None when there is neither."""
    if as_of is not None:
        return as_of
    return max((doc.metadata.published for doc in documents), default=None)


def days_overdue(finding, on: dt.date | None) -> int | None:
    """`overdue_days` for a day that may be unknown (None: nothing is overdue)."""
    return overdue_days(finding, on) if on is not None else None
