"""Child processes that end with the process that started them: the engine and the PDF workers.

`kill -9` of `zhenggai build` gives the build no chance to clean up, so the engine asks the
kernel to signal it when its parent dies (Linux `prctl(PR_SET_PDEATHSIG)`, `child_setup`).
The PDF workers are children of multiprocessing's fork server, not of the engine, and the
fork server stays as long as a worker holds its pipe: each worker watches the engine itself
(`exit_with`) and exits when it is gone; the fork server then follows. Where prctl is missing
the engine is ended only by the signal handling of `build.publish`, which ends its whole
process group.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from functools import cache

_PR_SET_PDEATHSIG = 1  # from linux/prctl.h


@cache
def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    return getattr(ctypes.CDLL(name, use_errno=True), "prctl", None)


def exit_with(pid: int) -> None:
    """End this process as soon as process `pid` ends (a thread waits for it; call in a worker).

    A pidfd (Linux 5.3 and later) wakes the thread when `pid` exits; elsewhere it checks every
    second. The exit is immediate: a worker of a dead build has nothing to finish.
    """
    try:
        handle: int | None = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        handle = None

    def wait() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while alive(pid):
                time.sleep(1)
        os._exit(1)

    threading.Thread(target=wait, name=f"exit-with-{pid}", daemon=True).start()


def alive(pid: int) -> bool:
    """Whether process `pid` runs (another user's included); never for an id below 1."""
    if pid < 1:  # os.kill would signal a process group or every process, and say "alive"
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def child_setup(parent: int) -> Callable[[], None]:
    """A `preexec_fn` for subprocess: die with the process `parent` (the caller's pid)."""
    prctl = _prctl()  # looked up before the fork: nothing but the call itself runs in the child

    def setup() -> None:
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died between fork and prctl
            os._exit(1)

    return setup
