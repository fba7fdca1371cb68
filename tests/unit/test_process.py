"""process.alive: the one test of whether a process still runs (staging folders, journals, temporaries)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from zhenggai.process import alive


def test_this_process_and_init_are_alive():
    assert alive(os.getpid())
    assert alive(1)  # another user's process counts too (PermissionError for non-root)


def test_an_ended_process_is_not_alive():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: its id is free
    assert not alive(child.pid)


@pytest.mark.parametrize("pid", [0, -1])
def test_no_process_has_an_id_below_one(pid):
    # os.kill(0, 0) and os.kill(-1, 0) signal a group and every process: they would say "alive".
    assert not alive(pid)


def _pid_and(value):
    return os.getpid(), value


def _fail():
    raise ValueError("看得见的错误")


def test_forked_runs_in_another_process_and_returns_its_value():
    from zhenggai.process import can_fork, forked

    assert can_fork()  # pytest runs the tests in one thread on Linux
    job = forked(_pid_and, "值")
    pid, value = job.result()
    assert pid != os.getpid() and value == "值"
    assert job.result() == (pid, value)  # asked again: the same answer, the worker gone


def test_forked_runs_here_when_told_or_when_threads_run():
    import threading

    from zhenggai.process import can_fork, forked

    assert forked(_pid_and, 1, in_worker=False).result() == (os.getpid(), 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert forked(_pid_and, 2).result() == (os.getpid(), 2)
    finally:
        stop.set()
        thread.join()


def test_a_forked_job_s_error_reaches_the_caller():
    from zhenggai.process import forked

    with pytest.raises(ValueError, match="看得见的错误"):
        forked(_fail).result()


def test_fewer_collections_raises_the_threshold_and_puts_it_back():
    import gc

    from zhenggai.process import BUILD_COLLECTION_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] >= BUILD_COLLECTION_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("x")
    assert gc.get_threshold() == before


def test_kept_objects_are_left_out_of_collections_until_released():
    import gc

    from zhenggai.process import keep_for_build, release_kept

    assert gc.get_freeze_count() == 0
    keep_for_build()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        release_kept()
    assert gc.get_freeze_count() == 0


def _die_in_worker(parent: int):
    if os.getpid() != parent:
        os._exit(9)  # as the kernel's out-of-memory killer would end it: no answer, no exception
    return "算完了"


def test_a_worker_that_dies_without_an_answer_leaves_the_job_to_the_caller():
    from zhenggai.process import forked

    assert forked(_die_in_worker, os.getpid()).result() == "算完了"
