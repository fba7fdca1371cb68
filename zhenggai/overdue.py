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
import os
from collections.abc import Iterable

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


# The publishers are Chinese units: a commit time is read as a day in China Standard Time,
# a fixed offset (no daylight saving), so no time-zone database is needed.
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
CHINA_TIME = CHINA


def reference_date(as_of: dt.date | None = None, documents: Iterable[Document] = ()) -> dt.date:
    """The day overdue is judged on: `as_of` if set, else the build's commit date
    (SOURCE_DATE_EPOCH, set by `zhenggai build`), else the newest 发布日期 of `documents`
    (a preview outside git), else today."""
    if as_of is not None:
        return as_of
    day, from_commit = build_day()
    if from_commit:
        return day
    dates = [doc.metadata.published for doc in documents]
    return max(dates) if dates else day


def build_day() -> tuple[dt.date, bool]:
    """The day of this build, and whether it is a commit's: the date (Beijing time) of
    SOURCE_DATE_EPOCH when set (`zhenggai build` sets it to the commit's time, or to now for
    uncommitted changes), else today. One definition for overdue and for "in the future"."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit() and int(epoch) > 0:
        return dt.datetime.fromtimestamp(int(epoch), CHINA).date(), True
    return dt.datetime.now(CHINA).date(), False


def days_overdue(finding, on: dt.date | None) -> int | None:
    """`overdue_days` for a day that may be unknown (None: nothing is overdue)."""
    return overdue_days(finding, on) if on is not None else None
