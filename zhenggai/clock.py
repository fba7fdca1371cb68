"""The build's clock: the one module that reads the system's date and SOURCE_DATE_EPOCH.

A build's day decides what is "in the future" (a notice dated after it is not published, nor a
change note or withdrawal dated after it), what is overdue, and the date a new archived PDF
version gets. It is read once per process and passed down: `zhenggai build` reads it and hands
it to the engine's process inside the options (`zhenggai.options`); `make serve` and
`zhenggai validate` read it the same way, so a preview and a build of the same tree agree.

The day, strongest first:

- SOURCE_DATE_EPOCH when set (the reproducible-builds convention; `zhenggai build --help`
  names it): "given";
- the time of the commit built, for a clean git checkout, so that a rebuild of one commit on
  any machine, any day, gives the same site: "commit";
- now, for a checkout with uncommitted changes (a notice added today is not in the future):
  "uncommitted";
- today, outside git: "outside". What a build dates by its day (overdue, new archive
  versions) then takes its days from the data instead (`Clock.reference` is None), as a
  build outside git has always done.

Days are Beijing time: the publishers are Chinese units, and China Standard Time is a fixed
offset (no daylight saving), so no time-zone database is needed.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
GIVEN, COMMIT, UNCOMMITTED, OUTSIDE = "given", "commit", "uncommitted", "outside"
_SHOWN_CHANGES = 5  # uncommitted paths named in a message


@dataclass(frozen=True)
class Clock:
    """The build's day and where it came from (see the module's docstring)."""

    day: dt.date
    source: str  # GIVEN, COMMIT, UNCOMMITTED or OUTSIDE
    epoch: int = 0  # the time stamped into the output (MkDocs' sitemap); 0 outside git
    commit_epoch: int | None = None  # the time of the commit checked out, in a git checkout
    changes: tuple[str, ...] = ()  # the first uncommitted paths (`git status --porcelain`)
    changed: int = 0  # how many uncommitted paths there are

    @property
    def reference(self) -> dt.date | None:
        """The day outputs are dated by (overdue, new archive versions); None outside git."""
        return None if self.source == OUTSIDE else self.day

    @property
    def name(self) -> str:
        """What to call the day in a message: 发布日期 … 晚于{name}(2026-12-01)."""
        return {GIVEN: "构建日期", COMMIT: "所构建提交的日期"}.get(self.source, "今天")

    @property
    def committed(self) -> bool:
        """Whether what is built is exactly a commit: a clean checkout, dated by that commit."""
        return self.commit_epoch is not None and not self.changed and self.epoch == self.commit_epoch

    def as_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "source": self.source, "epoch": self.epoch,
                "commit_epoch": self.commit_epoch, "changes": list(self.changes), "changed": self.changed}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Clock:
        return cls(dt.date.fromisoformat(raw["day"]), str(raw["source"]), int(raw["epoch"]),
                   None if raw.get("commit_epoch") is None else int(raw["commit_epoch"]),
                   tuple(raw.get("changes", ())), int(raw.get("changed", 0)))


def read_clock(root: Path | None = None, environ: Mapping[str, str] | None = None) -> Clock:
    """The clock of a build of the project at `root` (None: no git checkout is looked at)."""
    environ = os.environ if environ is None else environ
    state = _git_state(root) if root is not None else None
    commit_epoch, changes = state if state is not None else (None, ())
    shown, changed = tuple(changes[:_SHOWN_CHANGES]), len(changes)
    given = environ.get(EPOCH_VARIABLE, "").strip()
    if given.isdigit() and int(given) > 0:
        return Clock(_day(int(given)), GIVEN, int(given), commit_epoch, shown, changed)
    if state is None:
        return Clock(_day(now()), OUTSIDE)
    if not changes and commit_epoch is not None:
        return Clock(_day(commit_epoch), COMMIT, commit_epoch, commit_epoch)
    current = now()
    return Clock(_day(current), UNCOMMITTED, current, commit_epoch, shown, changed)


def now() -> int:
    """The machine's time, read here only (tests stand it still)."""
    return int(time.time())


def fixed_clock(day: dt.date) -> Clock:
    """A clock standing still on `day` (tools and tests that judge as of a known day)."""
    return Clock(day, GIVEN, int(dt.datetime.combine(day, dt.time(12), CHINA).timestamp()))


def _day(epoch: int) -> dt.date:
    return dt.datetime.fromtimestamp(epoch, CHINA).date()


def _git_state(root: Path) -> tuple[int | None, list[str]] | None:
    """The time of the commit checked out at `root` and the uncommitted paths; None outside git."""
    try:
        changes = subprocess.run(
            ["git", "-c", "core.quotePath=false", "status", "--porcelain", "--untracked-files=normal"], cwd=root,
            capture_output=True,
            text=True, check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return None
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.strip()
    except subprocess.CalledProcessError:  # a repository without a commit yet
        out = ""
    paths = [line[3:] for line in changes if line.strip()]
    return (int(out) if out.isdigit() else None), paths
