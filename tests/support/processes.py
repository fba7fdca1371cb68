"""Processes for the tests: waiting until a killed child is a zombie (dead, not yet reaped)."""

from __future__ import annotations

import time
from pathlib import Path


def wait_until_zombie(pid: int, timeout: float = 10) -> None:
    """Return once `pid` is in state Z (/proc/PID/stat's third field); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    stat = Path(f"/proc/{pid}/stat")
    while stat.read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z":
        assert time.monotonic() < deadline, f"process {pid} did not stop"
        time.sleep(0.01)
