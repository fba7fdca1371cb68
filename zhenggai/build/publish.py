"""Atomic publishing: build into a temporary folder, swap it into `site/` only when complete.

A failed or killed build leaves the published `site/` exactly as it was. The documentation
engine runs as a subprocess (`mkdocs build --strict`), so this module does not import it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..data import PDF_CLUSTER_ENV
from ..log import checkpoint

WORK_DIR = ".build"
_RENAME_EXCHANGE = 2  # from linux/fs.h


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True, pdf_cluster: str | None = None) -> int:
    """Build the site of the project at `root` and publish it to `site_dir`; returns an exit code.

    `pdf_cluster` (a Dask scheduler's address, or `local`) overrides the environment and
    zhenggai.yml for this build: the engine runs in another process, which reads it there.
    """
    site_dir = site_dir or root / "site"
    work = root / WORK_DIR
    work.mkdir(exist_ok=True)
    _remove_stale(work)
    staging = work / f"site-{os.getpid()}"
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ZHENGGAI_PREVIEW", None)  # a publishing build never shows errors as pages
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    if pdf_cluster:
        env[PDF_CLUSTER_ENV] = pdf_cluster
    result = subprocess.run(command, cwd=root, env=env)
    if result.returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        print("构建失败:已发布的网站未被改动。", file=sys.stderr)
        return 1
    checkpoint("publish")
    swap_into_place(staging, site_dir)
    print(f"网站已发布到 {site_dir}")
    return 0


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
