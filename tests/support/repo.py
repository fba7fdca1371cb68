"""Git repositories for the tests: commits with fixed dates, and fresh clones."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(repo: Path, *args: str, date: str = "2026-12-01T10:00:00+08:00") -> str:
    """Run git in `repo` as a fixed author at `date` (the commit date a build takes its date from)."""
    env = {
        "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "test@example.gov.cn",
        "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "test@example.gov.cn",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path, message: str, date: str) -> None:
    """Stage everything in `repo` (but what .gitignore leaves out) and commit it at `date`."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def init(repo: Path, date: str) -> None:
    """Make `repo` a git repository ignoring what the project ignores, with everything committed."""
    (repo / ".gitignore").write_text("/site/\n/.build/\n/.cache/\n/.*-staging-*/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "initial", date)


def clone(repo: Path, target: Path) -> Path:
    """A fresh clone of `repo`: only what was committed, no caches."""
    git(target.parent, "clone", "-q", str(repo), str(target))
    return target
