"""File plumbing every stage needs: atomic writes, link-or-copy, exclusive copies, digests.

Caches key their entries by `code_digest()` of the package parts their output depends on.
Parts are named as modules or subpackages (`"zhenggai.model"`, `"zhenggai.pdf"`), never as
file names, and a subpackage is digested whole (its modules, templates and assets), so a
file that moves or changes always changes the key. A part that does not exist is an error,
not silently skipped: a stale cache is worse than a failed build.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import ZhenggaiError

_SKIPPED_DIRS = {"__pycache__"}

# The causes staff meet, in their words; any other is shown as the system states it.
_OS_CAUSES = {
    errno.EACCES: "权限不足",
    errno.EPERM: "不允许的操作（文件可能被锁定或设为不可修改）",
    errno.EROFS: "只读文件系统",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "不存在",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.EISDIR: "是目录",
    errno.EXDEV: "不在同一个文件系统上",
    errno.EBUSY: "正被占用（可能是挂载点）",
    errno.ENOTEMPTY: "目录不为空",
    errno.ENAMETOOLONG: "路径过长",
    errno.ELOOP: "符号链接循环",
    errno.EIO: "读写错误（磁盘或网络存储故障）",
}


def describe_os_error(exc: OSError) -> str:
    """The cause of a failed file operation in plain Chinese: `权限不足`, `只读文件系统`."""
    cause = _OS_CAUSES.get(exc.errno or 0)
    if cause:
        return cause
    return exc.strerror or "系统错误"


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` under a temporary name, then rename it into place.

    A build killed halfway must not leave a truncated file that a later build would reuse,
    and a file that may be hard-linked elsewhere is replaced, never rewritten. A failed write
    (a full disk) leaves no temporary file behind.
    """
    path = Path(path)
    temporary = temporary_name(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def temporary_name(path: Path) -> Path:
    """Where `path` is written before it is renamed or linked into place: `.<name>.<pid>.tmp`."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.tmp")  # the names temporary_name() gives

# linux/fs.h FICLONE: the new file shares the source's blocks until either is written (btrfs,
# XFS); it is still a file of its own, unlike a hard link.
_FICLONE = 0x40049409


def copy_file(source: Path, target: Path, durable: bool = False) -> str:
    """Copy `source` to `target`, which must not exist yet, and return the SHA-256 of what `target` holds.

    Never writes into an existing file (the new one is linked into place, which fails if the
    name is taken) and never shares an inode with `source`: damage to one cannot reach the
    other. Where the file system can, the copy shares blocks (a reflink) and costs no space.
    `durable`: on disk before this returns. A failure leaves no partial file.
    """
    temporary = temporary_name(target)
    temporary.unlink(missing_ok=True)
    try:
        with open(source, "rb") as src, open(temporary, "xb") as dst:
            digest = _reflink(src, dst) or _copy_hashing(src, dst)
            if durable:
                dst.flush()
                os.fsync(dst.fileno())
        os.link(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return digest


def _reflink(src, dst) -> str | None:
    try:
        fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
    except OSError:
        return None
    return file_sha256(Path(dst.name))


def _copy_hashing(src, dst) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: src.read(1 << 20), b""):
        digest.update(block)
        dst.write(block)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file at `path`, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def link_file(source: Path, target: Path) -> None:
    """Make `target` a hard link to `source` (a copy across file systems), replacing it atomically.

    Never writes into an existing `target`: a published site may share its inode.
    """
    try:
        if os.path.samestat(source.stat(), target.stat()):
            return
    except FileNotFoundError:
        pass
    temporary = temporary_name(target)
    temporary.unlink(missing_ok=True)
    try:
        try:
            os.link(source, temporary)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def link_files(files: dict[str, Path], site_dir: Path) -> None:
    """Hard-link each file of `files` (site path → file) into `site_dir`."""
    folders: set[Path] = set()
    for site_path, source in files.items():
        target = site_dir / site_path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        link_file(source, target)


class CodeMissing(ZhenggaiError, LookupError):
    """A package part named for a cache digest does not exist (a module moved or was renamed)."""

    code = "cache.code_missing"


def code_digest(*parts: str) -> bytes:
    """Digest of the files of the named modules and subpackages of this package (see module doc)."""
    return _code_digest(parts)


@cache
def _code_digest(parts: tuple[str, ...]) -> bytes:
    return digest_parts(resources.files("zhenggai"), parts)


def digest_parts(root: Traversable, parts: Iterable[str]) -> bytes:
    """Digest of the named parts (`zhenggai.x`, `zhenggai.x.y`) of the package folder `root`."""
    digest = hashlib.blake2b(digest_size=32)
    for part in sorted(set(parts)):
        for name, data in _part_files(root, part):
            digest.update(f"{len(name)}:{name}:{len(data)}:".encode() + data)
    return digest.digest()


def _part_files(root: Traversable, part: str) -> Iterator[tuple[str, bytes]]:
    names = part.split(".")
    if names[0] != "zhenggai":
        raise CodeMissing(part)
    folder = root
    for name in names[1:-1]:
        folder = folder / name
    last = names[-1] if len(names) > 1 else None
    if last is None:
        yield from _tree(root, part)
        return
    module = folder / f"{last}.py"
    package = folder / last
    if module.is_file():
        yield part, module.read_bytes()
    elif package.is_dir():  # a subpackage, or a folder of templates or assets
        yield from _tree(package, part)
    else:
        raise CodeMissing(f"{part}: 在包中找不到这个模块或子包，缓存无法确定它依赖的代码")


def _tree(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if entry.name not in _SKIPPED_DIRS:
                yield from _tree(entry, f"{prefix}/{entry.name}")
        elif not entry.name.endswith((".pyc", ".pyo")) and not entry.name.startswith("."):
            yield f"{prefix}/{entry.name}", entry.read_bytes()
