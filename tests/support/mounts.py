"""Real file-system conditions for the publishing tests: another file system, a locked folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def other_file_system(near: Path) -> Iterator[Path]:
    """An empty folder on a different file system (device) than `near`.

    /dev/shm (a tmpfs on Linux, CI runners included) when it is another device; else, as
    root, a small tmpfs mounted for the test. A machine with neither fails the test loudly.
    """
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != near.stat().st_dev:
        folder = Path(tempfile.mkdtemp(prefix="zhenggai-", dir=shm))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    folder = Path(tempfile.mkdtemp(prefix="zhenggai-mnt-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)], check=True)
    try:
        assert folder.stat().st_dev != near.stat().st_dev
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """`folder` made unwritable for this process: mode 0555, or for root (whom modes do not
    stop) the immutable attribute (chattr +i). Checked by trying to write into it."""
    mode = folder.stat().st_mode
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            raise AssertionError(f"{folder} could not be locked for this test")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(mode)
