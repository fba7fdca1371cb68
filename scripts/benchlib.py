"""What the benchmarks share (scripts/bench.py, scripts/search_bench.py): the host's speed
reference, the machine's description, and the goals the whole build is held to.

Both scripts import this module (the folder of the script run is on `sys.path`); neither
imports the other's internals for these, so there is no import circle between them.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the package, also when it is not installed

# The goals of the build at 1,000 documents, as ratios to the plain-mkdocs floor of the same run
# (docs/benchmarks.md): page generation (the cold build less its PDF and search stages) and a
# warm rebuild with nothing changed.
GOAL_SIZE = 1000
GOALS = {"page generation": 1.25, "warm rebuild": 1.5}


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: hosts of the same machine kind differ in speed (seen
    here: 2.2x between two sessions), so results from different days are compared through this."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - started, 2)


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def verdict(name: str, ratio: float, n: int) -> str:
    """One line: a ratio against its goal, met or missed, in words (the goals hold at GOAL_SIZE)."""
    goal = GOALS[name]
    state = "MET" if ratio <= goal else "MISSED"
    scope = "" if n == GOAL_SIZE else f" (the goal is set at {GOAL_SIZE:,} documents; shown for scale)"
    return f"N={n}: goal {name} ≤ {goal}× the mkdocs floor: {ratio:.2f}× — {state}{scope}"
