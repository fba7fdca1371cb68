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
