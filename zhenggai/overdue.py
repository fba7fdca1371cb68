"""逾期 — when a finding is overdue, and the date it is judged on. Every output asks here.

A finding (see `Document.findings`) is overdue when its status is short of 已完成 and its
deadline, read as a date, lies before the reference date. A finding whose notice gives a
deadline but no status counts as short of 已完成: a notice that only writes 计划6月底前完成
says the work was not done when it was published.

The reference date (`reference_date`) is, in this order:

1. `as_of`, when the caller has one (a setting of a later version: 截至某日);
2. the day of `SOURCE_DATE_EPOCH`, which `zhenggai build` sets to the time of the commit being
   built (`build.publish.source_date_epoch`), read as a day in China (UTC+8): a rebuild of the
   same commit judges the same way, so builds stay byte-reproducible;
3. the newest 发布日期 of the documents (outside a git checkout, under `mkdocs serve`).

The accountability work (corrections, withdrawals, later notices closing a finding) is meant
to replace the rule here, in one place, and every row, feed and figure follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import Document, Item, Problem, Status

# The publishers are Chinese units: a commit time is read as a day in China Standard Time,
# a fixed offset (no daylight saving), so no time-zone database is needed.
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def reference_date(
    documents: Iterable[Document], as_of: dt.date | None = None, source_date_epoch: str | None = None
) -> dt.date | None:
    """The date overdue is judged on (see the module's docstring); None without any document or date."""
    if as_of is not None:
        return as_of
    if source_date_epoch and source_date_epoch.strip().isdigit() and int(source_date_epoch) > 0:
        return dt.datetime.fromtimestamp(int(source_date_epoch), CHINA).date()
    dates = [doc.metadata.published for doc in documents]
    return max(dates) if dates else None


def days_overdue(finding: Problem | Item, on: dt.date | None) -> int | None:
    """Days past the deadline on `on` for an overdue finding; None when it is not overdue."""
    if on is None or finding.status is Status.COMPLETED:
        return None
    deadline = finding.deadline.date if finding.deadline is not None else None
    if deadline is None or deadline >= on:
        return None
    return (on - deadline).days


def is_overdue(finding: Problem | Item, on: dt.date | None) -> bool:
    """Whether `finding` is overdue on `on` (see the module's docstring)."""
    return days_overdue(finding, on) is not None
