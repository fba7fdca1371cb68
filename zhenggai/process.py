"""Child processes that end with the process that started them: the engine, the PDF workers
and the forked workers of the load and open-data stages (`forked`); the build's collector
setting (`fewer_collections`).

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
import gc
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import cache
from typing import Any

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
        pass
    # A process killed but not yet reaped (a zombie: an orphan whose new parent, a container's
    # init, may never reap it) still answers the signal; it runs no more.
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            state = file.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc: the signal's answer stands
    return state not in (b"Z", b"X")


def child_setup(parent: int) -> Callable[[], None]:
    """A `preexec_fn` for subprocess: die with the process `parent` (the caller's pid)."""
    prctl = _prctl()  # looked up before the fork: nothing but the call itself runs in the child

    def setup() -> None:
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died between fork and prctl
            os._exit(1)

    return setup


class ForkedJob:
    """A function running in a forked worker (or already run here); `result()` waits for it.

    A worker that dies without an answer (killed, out of memory) is not the build's error: the
    function then runs here, once.
    """

    def __init__(self, future: Future | None = None, pool: ProcessPoolExecutor | None = None, value: Any = None,
                 call: tuple | None = None):
        self._future, self._pool, self._value, self._call = future, pool, value, call

    def result(self) -> Any:
        if self._pool is not None:
            try:
                self._value = self._future.result()
            except BrokenProcessPool:
                function, args, kwargs = self._call
                self._value = function(*args, **kwargs)
            finally:
                self._pool.shutdown()
                self._pool = None
        return self._value

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


_job: tuple | None = None  # what a forked worker runs: inherited, never pickled (10,000 documents)


def _run_job(parent: int) -> Any:
    exit_with(parent)  # a build killed with -9 leaves no worker behind
    function, args, kwargs = _job
    return function(*args, **kwargs)


def can_fork() -> bool:
    """Whether a worker may be forked from here: on Linux, from a process with a single thread.
    Forking a threaded process (`mkdocs serve`'s server and watchers) can deadlock on a lock
    another thread held at the moment of the fork."""
    return sys.platform == "linux" and threading.active_count() == 1


def forked(function: Callable[..., Any], *args: Any, in_worker: bool = True, **kwargs: Any) -> ForkedJob:
    """`function(*args, **kwargs)` in a forked worker process when that is safe (`can_fork`),
    else right here. Fork, not spawn: the worker inherits the arguments instead of unpickling
    them; only its result travels back, pickled. `in_worker=False` always runs it here.
    """
    global _job
    if not (in_worker and can_fork()):
        return ForkedJob(value=function(*args, **kwargs))
    _job = call = (function, args, kwargs)
    try:
        # With fork, the executor starts its worker inside submit(), before its own threads.
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_run_job, os.getpid())
    finally:
        _job = None
    return ForkedJob(future, pool, call=call)


def spare_cores() -> int:
    """Cores this process may run on besides its own (0 on a single core)."""
    try:
        return max(0, len(os.sched_getaffinity(0)) - 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(0, (os.cpu_count() or 1) - 1)


# The build makes hundreds of thousands of objects that live until it ends (every document,
# its pages) and hardly any reference cycles. With the collector's default threshold (700
# new objects) the full collections that walk all of them again cost a build of 1,000
# documents a second or more of CPU; a larger first threshold keeps cycles collected, rarely.
BUILD_COLLECTION_THRESHOLD = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect reference cycles rarely while the block runs (see BUILD_COLLECTION_THRESHOLD)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], BUILD_COLLECTION_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def keep_for_build() -> None:
    """Leave every object alive now out of the collector's passes (`gc.freeze`): the documents
    and pages a build has made live until it ends, and each full pass of the engine's page
    writing (and of the interpreter's exit) would walk them all again. Objects still go when
    nothing refers to them; `release_kept()` hands the rest back to the collector."""
    gc.freeze()


def release_kept() -> None:
    """Undo `keep_for_build()`: a new build (`mkdocs serve` rebuilds in one process) starts with
    what the last one left to the collector again."""
    gc.unfreeze()
