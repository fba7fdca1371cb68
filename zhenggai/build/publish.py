"""Atomic publishing: build into a temporary folder, swap it into `site/` only when complete.

A failed or killed build leaves the published `site/` exactly as it was. The documentation
engine runs as a subprocess (`mkdocs build --strict`), so this module does not import it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..log import checkpoint

WORK_DIR = ".build"
_RENAME_EXCHANGE = 2  # from linux/fs.h
# Set for the engine by a publishing build: new PDF versions are written into archive/.
RECORD_VERSIONS = "ZHENGGAI_RECORD_VERSIONS"
# The dates of the documents and of their archive versions are China's.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True) -> int:
    """Build the site of the project at `root` and publish it to `site_dir`; returns an exit code."""
    site_dir = site_dir or root / "site"
    work = root / WORK_DIR
    work.mkdir(exist_ok=True)
    _remove_stale(work)
    staging = work / f"site-{os.getpid()}"
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", RECORD_VERSIONS: "1"}
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    result = subprocess.run(command, cwd=root, env=env)
    if result.returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        print("构建失败:已发布的网站未被改动。", file=sys.stderr)
        return 1
    checkpoint("publish")
    swap_into_place(staging, site_dir)
    print(f"网站已发布到 {site_dir}")
    _remind_archive(root)
    return 0


def _remind_archive(root: Path) -> None:
    """Say so when archive/ holds versions not committed: a fresh clone would not have their bytes."""
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--", "archive"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return
    if out.strip():
        print("archive/ 中有尚未提交的 PDF 版本记录:请提交(git add archive && git commit),"
              "已发布的 PDF 才能在其他机器上原样保留。")


def source_date_epoch(root: Path) -> str:
    """The time the build stamps into its output (sitemap dates): the commit's, so a rebuild of
    the same commit is byte-identical; 0 outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "0"
    return out if out.isdigit() else "0"


def build_date(root: Path) -> dt.date | None:
    """The date of the commit built (SOURCE_DATE_EPOCH, else git's), in China; None outside git.

    New archive versions are dated with it, never with the clock, so that a build of the same
    commit anywhere gives the same site.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(root)
    if not epoch.isdigit() or int(epoch) == 0:
        return None
    return dt.datetime.fromtimestamp(int(epoch), CHINA_TIME).date()


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Make `staging` the new `site_dir` in one step, then delete the old site."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging)  # now holds the previous site
        return
    # No renameat2 (not Linux, or an old kernel): two renames, with the old site kept until
    # the new one is in place.
    old = staging.with_name(staging.name + "-old")
    site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux renameat2(RENAME_EXCHANGE)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def _remove_stale(work: Path) -> None:
    """Remove staging folders that a killed build left behind."""
    for entry in work.glob("site-*"):
        pid = entry.name.removeprefix("site-").removesuffix("-old")
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            continue
        shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
