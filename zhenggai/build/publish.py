"""Publishing: what a build may replace, when it is only a preview, and the one moment versions are recorded.

`zhenggai build` builds into a staging folder beside the target and swaps it in when complete,
so a failed, interrupted or killed build leaves the published site exactly as it was. Before
anything is built the target is checked (`check_target`): it must be a folder this tool made
(its marker file `SITE_MARKER`), empty, or new — never the project, a mount point or someone's
folder of other files — and writable all the way down; the staging folder is created next to
it, on the same file system, so the swap is one rename even when `--site-dir` is on another disk.

A build publishes only what is committed: it is a **publishing build** when the project is a
clean git checkout, dated by its commit, with every PDF (`preview_reasons`). Any other build
is a **preview**: it says so, records nothing, and never replaces a published site (the marker
says which a folder holds). The one moment a PDF version is recorded in `archive/` is right
after a publishing build's site is in place: the engine lists the versions it adds
(`Options.pending`), and this process copies them into `archive/` after the swap
(release.py). A build killed at any point before leaves no recorded
version that was never published; one killed after publishes what the next build of the same
commit records (same data, same commit: the same bytes and date).

The documentation engine runs as a subprocess (`mkdocs build --strict`, through
`build/engines/mkdocs_run.py`, which puts MkDocs' own lines in Chinese), so this module does
not import it. The engine runs in its own process group and dies with this process (see
`zhenggai.process`); a signal to this process ends the group.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import filecmp
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..clock import EPOCH_VARIABLE, read_clock
from ..errors import ZhenggaiError
from ..fs import describe_os_error, write_atomic
from ..log import checkpoint
from ..options import Options, command_line_options, ignored_variable_notes
from ..process import alive, child_setup
from .release import after_swap, preview_reasons, record_interrupted, recover

_RENAME_EXCHANGE = 2  # from linux/fs.h
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
_GRACE_SECONDS = 10  # for the engine to end on SIGTERM before it is killed
UNCHANGED = "已发布的网站未被改动。"
ENGINE_RUNNER = "zhenggai.build.engines.mkdocs_run"  # a module name: run, never imported here
# In every folder this tool builds: what it holds (a published site or a preview). Only a
# folder with it is ever replaced.
SITE_MARKER = ".zhenggai-site"
MARKER_FORMAT = "zhenggai-site/1"
PUBLISHED, PREVIEW = "published", "preview"


class PublishError(ZhenggaiError):
    """The target cannot take the site; the message names the folder and the cause, in Chinese."""

    code = "publish.target"


class _Stopped(BaseException):
    """This process was asked to stop (SIGTERM, SIGHUP) while building."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True, options: Options | None = None) -> int:
    """Build the site of the project at `root` into `site_dir` (default `site/`); returns an exit code.

    `options`: the command line's (default: none given, `command_line_options()`). The clock is
    read here, once, and whether the build publishes decided here; the engine gets both.
    """
    for note in ignored_variable_notes():
        print(note, file=sys.stderr)
    site = resolve_target(root, site_dir)
    _remove_stale(site)  # a killed build's staging folder is no change to the tree
    recover(root)  # nor are the PDFs a killed build had not finished recording
    if _finish_interrupted(root):  # a killed build's site is in place: its new versions are recorded first
        return 1
    clock = read_clock(root)  # before the staging folder exists: it is not a change to the tree
    options = options or command_line_options()
    reasons = preview_reasons(root, clock, options)
    pending = root / ".cache" / f"pending-versions-{os.getpid()}.json"
    options = replace(options, clock=clock, publish=not reasons, preview_reasons=tuple(reasons), pending=pending)
    if reasons and options.require_publish:
        print(f"没有构建：这次构建只能是预览（{'；'.join(reasons)}），而 --publish 要求发布。{UNCHANGED}", file=sys.stderr)
        return 1
    try:
        staging = check_target(root, site, publish=options.publish)
    except PublishError as exc:
        why = f"（这次构建只能是预览：{'；'.join(reasons)}）" if reasons else ""
        print(f"无法发布：{exc}{why}。{UNCHANGED}", file=sys.stderr)
        return 1
    try:
        with _stop_on_signals():
            if _run_engine(root, staging, strict, options) != 0 or not (staging / "index.html").is_file():
                print(f"构建失败：{UNCHANGED}", file=sys.stderr)
                return 1
            write_marker(staging, PUBLISHED if options.publish else PREVIEW)
            if options.publish:
                check_published_pdfs(staging, site)
            checkpoint("publish")
            if options.publish:
                _journal_publishing(root, site, pending)
            swap_into_place(staging, site)
    except PublishError as exc:
        print(f"无法发布：{exc}。{UNCHANGED}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, _Stopped) as exc:
        print(f"构建被中断：{UNCHANGED}", file=sys.stderr)
        return 128 + (exc.signum if isinstance(exc, _Stopped) else signal.SIGINT)
    finally:
        left = _remove(staging)  # after the swap it holds the previous site
    if left:
        print(f"警告：旧网站的临时副本 {staging} 无法删除（{left}），请手动删除", file=sys.stderr)
    try:
        return after_swap(root, site, options)
    finally:
        pending.unlink(missing_ok=True)
        (root / ".cache" / PUBLISHING).unlink(missing_ok=True)


PUBLISHING = "publishing.json"  # in .cache/: a publishing build from its swap to its record


def _journal_publishing(root: Path, site: Path, pending: Path) -> None:
    write_atomic(root / ".cache" / PUBLISHING,
                 json.dumps({"pid": os.getpid(), "site": str(site), "pending": str(pending)}).encode())


def _finish_interrupted(root: Path) -> bool:
    """Record what a publishing build killed between its swap and its record had published
    (`release.record_interrupted`), then forget the killed build's journal and list; True when
    versions were recorded (archive/ then holds changes to commit before the next build)."""
    journal = root / ".cache" / PUBLISHING
    try:
        raw = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(raw, dict) or alive(int(raw.get("pid", 0) or 0)):
        return False
    site, pending = Path(str(raw.get("site", ""))), Path(str(raw.get("pending", "")))
    mine = pending.parent == root / ".cache" and pending.name.startswith("pending-versions-")
    try:
        return bool(mine and site.is_absolute() and read_marker(site) == PUBLISHED
                    and record_interrupted(root, pending, site))
    finally:
        journal.unlink(missing_ok=True)
        if mine:
            pending.unlink(missing_ok=True)


def check_published_pdfs(staging: Path, site: Path) -> None:
    """PublishError when the new site would put, at a `pdf/` path the published `site` already
    serves, bytes that differ: a published PDF's URL never changes its content (new versions
    get new names). Happens when a version the site served was taken back (`zhenggai archive
    discard`) and the document rendered again."""
    if read_marker(site) != PUBLISHED or not (site / "pdf").is_dir():
        return
    changed = [new.name for new in sorted((staging / "pdf").glob("*.pdf"))
               if (site / "pdf" / new.name).is_file() and not filecmp.cmp(new, site / "pdf" / new.name, shallow=False)]
    if changed:
        names = "、".join(f"pdf/{name}" for name in changed[:5]) + ("等" if len(changed) > 5 else "")
        raise PublishError(
            f"已发布的网站 {site} 在 {names} 提供的 PDF 与这次构建生成的内容不同：已发布的 PDF 网址，内容永远不变"
            "（新的版本用新的文件名，如 -v2）。这通常是撤销（zhenggai archive discard）了网站已经提供的版本："
            "请恢复 archive/ 中的那一版（如 git revert 撤销那次提交），内容的改动在 changes: 中写明，发布为新版本；"
            f"只有确认 {site} 从未上传到服务器时，才可删除其中的这些文件后重新构建"
        )


def resolve_target(root: Path, site_dir: Path | None) -> Path:
    """The folder to publish to, absolute, its symbolic links resolved: a `site` that links to
    /srv/www/site is replaced where it points, and the link keeps working."""
    return Path(os.path.abspath(site_dir if site_dir is not None else root / "site")).resolve()


def staging_folders(site: Path) -> list[Path]:
    """The staging folders of builds publishing to `site` (none once a build has ended)."""
    return sorted(site.parent.glob(f".{site.name}-staging-*"))


def check_target(root: Path, site: Path, publish: bool = True) -> Path:
    """Check that the build may replace `site`, then create and return its staging folder.

    `publish`: a publishing build (a preview may not replace a published site). Raises
    PublishError naming the folder and the cause. Runs before anything is built.
    """
    project = root.resolve()
    if site == project or project.is_relative_to(site):
        raise PublishError(f"发布目录 {site} 是项目目录或它的上级：发布会整体替换并删除这个目录，请另选一个目录（默认为项目中的 site/）")
    if site.exists():
        _check_existing(site, publish)
    parent = site.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"无法创建发布目录的上级目录 {parent}（{describe_os_error(exc)}）") from None
    _check_sticky(parent, site)
    _remove_stale(site)
    staging = parent / f".{site.name}-staging-{os.getpid()}"
    try:
        staging.mkdir()
    except OSError as exc:
        raise PublishError(
            f"无法在 {parent} 中创建临时目录（{describe_os_error(exc)}）：新网站先在发布目录旁边生成，"
            f"再整体替换 {site}，所以 {parent} 必须可写"
        ) from None
    return staging


def _check_existing(site: Path, publish: bool) -> None:
    if not site.is_dir():
        raise PublishError(f"发布目录 {site} 已存在，但不是目录")
    if os.path.ismount(site):
        raise PublishError(f"发布目录 {site} 是一个挂载点，无法整体替换：请把发布目录设为其中的子目录，如 {site / 'site'}")
    if any(site.iterdir()):
        kind = read_marker(site)
        if kind is None:
            raise PublishError(
                f"发布目录 {site} 已存在且不是本系统生成的网站（没有标记文件 {SITE_MARKER}）："
                "发布会删除其中的全部内容，为免误删，请指定一个新目录或空目录"
                "（早先版本生成的网站也没有这个文件：确认是本系统生成的后，删除它再构建）"
            )
        if kind == PUBLISHED and not publish:
            raise PublishError(
                f"发布目录 {site} 中是已发布的网站，预览不会替换它：请用 make serve 预览，"
                "或用 --site-dir 把预览生成到另一个目录；要发布，先提交全部改动"
            )
    unwritable = _first_unwritable(site)
    if unwritable is not None:
        raise PublishError(f"发布目录中的 {unwritable} 不可写（权限不足或被锁定）：新网站发布后，旧网站无法删除")


def read_marker(folder: Path) -> str | None:
    """What the folder this tool built holds (PUBLISHED or PREVIEW); None when it has no valid marker."""
    try:
        raw = json.loads((folder / SITE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != MARKER_FORMAT or raw.get("kind") not in (PUBLISHED, PREVIEW):
        return None
    return raw["kind"]


def write_marker(folder: Path, kind: str) -> None:
    """Mark `folder` as built by this tool, holding a published site or a preview."""
    write_atomic(folder / SITE_MARKER, json.dumps({"format": MARKER_FORMAT, "kind": kind}).encode() + b"\n")


def _first_unwritable(site: Path) -> Path | None:
    """The first folder of the old site whose entries this process could not delete."""
    for folder, _, _ in os.walk(site):
        if not os.access(folder, os.W_OK | os.X_OK):
            return Path(folder)
    return None


def _check_sticky(parent: Path, site: Path) -> None:
    """In a folder like /tmp (sticky bit), only the owner of `site` or of the folder may rename it."""
    info = parent.stat()
    euid = os.geteuid()
    if not info.st_mode & stat.S_ISVTX or euid in (0, info.st_uid):
        return
    if site.exists() and site.stat().st_uid != euid:
        raise PublishError(f"发布目录 {site} 属于其他用户，而 {parent} 只允许文件的所有者移动或删除它")


def _run_engine(root: Path, staging: Path, strict: bool, options: Options) -> int:
    """Run the engine into `staging`; its whole process group ends if this is interrupted."""
    # MkDocs' command line, its own English lines in Chinese (engines/mkdocs_run.py).
    command = [sys.executable, "-m", ENGINE_RUNNER, "build", "--clean", "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **options.engine_environment()}
    # MkDocs dates the sitemap by it; the engine's own stages take the day from the options.
    env[EPOCH_VARIABLE] = str(options.clock.epoch)
    # Its own process group, so that it and the PDF workers it starts can be ended together;
    # and it dies with this process even when this one is killed outright (kill -9).
    process = subprocess.Popen(command, cwd=root, env=env, process_group=0, preexec_fn=child_setup(os.getpid()))
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            _end_group(process)


def _end_group(process: subprocess.Popen) -> None:
    """SIGTERM to the engine's process group, SIGKILL to what is left after the grace period."""
    for signum, wait in ((signal.SIGTERM, _GRACE_SECONDS), (signal.SIGKILL, _GRACE_SECONDS)):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            break
        try:
            process.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    try:  # workers of the group may outlive its leader by a moment
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception while building, so that cleanup runs
    (SIGINT already raises KeyboardInterrupt). Only the main thread may set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in _STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def swap_into_place(staging: Path, site: Path) -> None:
    """Make `staging` the new `site` in one step; afterwards `staging` holds the previous site.

    Raises PublishError (nothing changed) when the file system refuses.
    """
    try:
        if not site.exists():
            staging.rename(site)
            return
        if _exchange(staging, site):
            return
        # No renameat2 (not Linux, or an old kernel): two renames, with the old site kept
        # until the new one is in place.
        old = staging.with_name(staging.name + "-old")
        site.rename(old)
        try:
            staging.rename(site)
        except OSError:
            old.rename(site)
            raise
        old.rename(staging)
    except OSError as exc:
        raise PublishError(f"无法把新网站换到 {site}（{describe_os_error(exc)}）") from None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux renameat2(RENAME_EXCHANGE).

    False when the call is missing or unsupported (then the caller renames twice); an
    OSError for any other refusal.
    """
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):  # not supported by this kernel or file system
        return False
    raise OSError(code, os.strerror(code), str(b))


def _remove(folder: Path) -> str | None:
    """Delete `folder` if it exists; the cause when something could not be deleted, else None."""
    failures: list[OSError] = []
    if folder.exists() or folder.is_symlink():
        shutil.rmtree(folder, onerror=lambda function, path, info: failures.append(info[1]))
    return describe_os_error(failures[0]) if failures else None


def _remove_stale(site: Path) -> None:
    """Remove staging folders that killed builds publishing to `site` left behind."""
    for entry in staging_folders(site):
        pid = entry.name.rsplit("-staging-", 1)[1].removesuffix("-old")
        if pid.isdigit() and int(pid) != os.getpid() and alive(int(pid)):
            continue
        _remove(entry)
