"""The build's reference time (SOURCE_DATE_EPOCH): the commit's for a clean checkout, now for
uncommitted changes (a notice added today is not "in the future"), 0 outside git."""

from __future__ import annotations

import os
import subprocess
import time

from zhenggai.build.publish import source_date_epoch

COMMITTED = 1552865400  # 2019-03-17 23:30 UTC


def git(root, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"@{COMMITTED} +0000", "GIT_COMMITTER_DATE": f"@{COMMITTED} +0000"}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, env=env,
                   check=True, capture_output=True)


def test_commit_time_when_clean_now_when_changed(tmp_path):
    (tmp_path / ".gitignore").write_text("/site/\n/.*-staging-*/\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_text("title: a\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "data")
    assert source_date_epoch(tmp_path) == str(COMMITTED)
    (tmp_path / "site").mkdir()  # ignored: what the build writes is not a change
    (tmp_path / ".site-staging-123").mkdir()
    assert source_date_epoch(tmp_path) == str(COMMITTED)
    (tmp_path / "data" / "new.yml").write_text("title: new\n", encoding="utf-8")  # not committed yet
    assert abs(int(source_date_epoch(tmp_path)) - time.time()) < 60


def test_zero_outside_a_checkout(tmp_path):
    assert source_date_epoch(tmp_path) == "0"
