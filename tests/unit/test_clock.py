"""The build's clock: SOURCE_DATE_EPOCH when given, the commit's time for a clean checkout, now
for uncommitted changes, today outside git; read by one module only."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest

from zhenggai.clock import COMMIT, GIVEN, OUTSIDE, UNCOMMITTED, Clock, read_clock

COMMITTED = 1552865400  # 2019-03-17 23:30 UTC: already 2019-03-18 in Beijing
PACKAGE = Path(__file__).resolve().parents[2] / "zhenggai"
NOW = 1796695200  # 2026-12-07 18:00 UTC: 2026-12-08 in Beijing; the machine's time is never read


@pytest.fixture(autouse=True)
def standing_still(monkeypatch):
    monkeypatch.setattr("zhenggai.clock.now", lambda: NOW)


def git(root, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"@{COMMITTED} +0000", "GIT_COMMITTER_DATE": f"@{COMMITTED} +0000"}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, env=env,
                   check=True, capture_output=True)


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / ".gitignore").write_text("/site/\n/.*-staging-*/\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_text("title: a\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "data")
    return tmp_path


def test_commit_time_when_clean_now_when_changed(checkout):
    clock = read_clock(checkout)
    assert (clock.source, clock.epoch, clock.day, clock.committed) == (COMMIT, COMMITTED, dt.date(2019, 3, 18), True)
    assert clock.name == "所构建提交的日期" and clock.reference == dt.date(2019, 3, 18)
    (checkout / "site").mkdir()  # ignored: what the build writes is not a change
    (checkout / ".site-staging-123").mkdir()
    assert read_clock(checkout).source == COMMIT
    (checkout / "data" / "new.yml").write_text("title: new\n", encoding="utf-8")  # not committed yet
    clock = read_clock(checkout)
    assert clock.source == UNCOMMITTED and clock.epoch == NOW and not clock.committed
    assert clock.changes == ("data/new.yml",) and clock.changed == 1 and clock.name == "今天"


def test_source_date_epoch_wins_and_is_only_committed_when_it_is_the_commits(checkout, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764520200")  # 2025-11-30 16:30 UTC: 1 December in Beijing
    clock = read_clock(checkout)
    assert (clock.source, clock.day, clock.name, clock.committed) == (GIVEN, dt.date(2025, 12, 1), "构建日期", False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(COMMITTED))
    assert read_clock(checkout).committed


def test_outside_a_checkout_today_and_no_reference(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clock = read_clock(tmp_path)
    assert clock.source == OUTSIDE and clock.epoch == 0 and clock.reference is None and not clock.committed
    assert clock.day == dt.date(2026, 12, 8)  # NOW in Beijing
    for unset in ("0", "", "not a number"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", unset)
        assert read_clock(tmp_path).source == OUTSIDE


def test_a_clock_survives_the_trip_to_the_engine(checkout):
    clock = read_clock(checkout)
    assert Clock.from_json(clock.as_json()) == clock


def _package_files_using(pattern: str) -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        if re.search(pattern, code):
            found.add(str(path.relative_to(PACKAGE.parent)))
    return found


def test_only_the_clock_reads_the_date_and_source_date_epoch():
    """One clock (issue 25): before, overdue.py, data/checks.py, build/publish.py decided the day."""
    assert _package_files_using(r"date\.today\(|datetime\.now\(|\btime\.time\(|\.now\(CHINA|\"SOURCE_DATE_EPOCH\"") == {
        "zhenggai/clock.py"}


def test_only_the_options_read_zhenggai_variables():
    """One set of options: before, ZHENGGAI_* were read in six modules."""
    assert _package_files_using(r"environ(\.get)?[\[(]\s*[\"']ZHENGGAI_|\"ZHENGGAI_[A-Z_]+\"") == {"zhenggai/options.py"}
