"""process.alive: the one test of whether a process still runs (staging folders, journals, temporaries)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhenggai.process import alive


def test_this_process_and_init_are_alive():
    assert alive(os.getpid())
    assert alive(1)  # another user's process counts too (PermissionError for non-root)


def test_an_ended_process_is_not_alive():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: its id is free
    assert not alive(child.pid)


def test_a_killed_process_not_yet_reaped_is_not_alive():
    """A zombie answers kill(pid, 0): before, a build killed with kill -9 whose parent never reaped
    it (an orphan under a container's init) counted as running forever, so its half-recorded
    archive/ was never recovered and every later build refused."""
    from support.processes import wait_until_zombie

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        wait_until_zombie(child.pid)
        assert not alive(child.pid)
    finally:
        child.wait()


@pytest.mark.parametrize("pid", [0, -1])
def test_no_process_has_an_id_below_one(pid):
    # os.kill(0, 0) and os.kill(-1, 0) signal a group and every process: they would say "alive".
    assert not alive(pid)


# The forked workers are checked in a fresh interpreter: `forked` forks only from a process with
# one thread, and earlier tests in this one may have left threads (servers, browsers) running.
FORKED = """
import json, os, threading
from zhenggai.process import can_fork, forked

def pid_and(value):
    return os.getpid(), value

def fail():
    raise ValueError("看得见的错误")

def die_in_worker(parent):
    if os.getpid() != parent:
        os._exit(9)  # as the out-of-memory killer ends a process: no answer, no exception
    return os.getpid()

found = {"can_fork": can_fork(), "me": os.getpid()}
job = forked(pid_and, "值")
found["worker"] = job.result()
found["again"] = job.result()
found["here"] = forked(pid_and, 1, in_worker=False).result()
try:
    forked(fail).result()
except ValueError as exc:
    found["error"] = str(exc)
found["after_death"] = forked(die_in_worker, os.getpid()).result()
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
found["can_fork_with_a_thread"] = can_fork()
found["with_a_thread"] = forked(pid_and, 2).result()
stop.set()
thread.join()
print(json.dumps(found, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def forked_run() -> dict:
    import json

    done = subprocess.run([sys.executable, "-c", FORKED], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_forked_runs_in_another_process_and_returns_its_value(forked_run):
    assert forked_run["can_fork"]
    pid, value = forked_run["worker"]
    assert pid != forked_run["me"] and value == "值"
    assert forked_run["again"] == [pid, value]  # asked again: the same answer, the worker gone


def test_forked_runs_here_when_told_or_when_threads_run(forked_run):
    assert forked_run["here"] == [forked_run["me"], 1]
    assert not forked_run["can_fork_with_a_thread"]
    assert forked_run["with_a_thread"] == [forked_run["me"], 2]


def test_a_forked_job_s_error_reaches_the_caller(forked_run):
    assert forked_run["error"] == "看得见的错误"


def test_a_worker_that_dies_without_an_answer_leaves_the_job_to_the_caller(forked_run):
    assert forked_run["after_death"] == forked_run["me"]  # done here, after the worker died


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

    release_kept()  # what an earlier test's build kept
    assert gc.get_freeze_count() == 0
    keep_for_build()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        release_kept()
    assert gc.get_freeze_count() == 0

