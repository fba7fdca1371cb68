"""No test reads the machine's date (issue 21, "Done when"): the session's reference day holds
from collection on, in the tests' own process and in the builds they start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REFERENCE_EPOCH

from zhenggai import clock

TESTS = Path(__file__).resolve().parents[1]
# What this module's import saw: modules that load data at import time (test_golden) see the same.
AT_COLLECTION = os.environ.get(clock.EPOCH_VARIABLE)


def test_the_reference_day_holds_from_collection_on():
    assert AT_COLLECTION == REFERENCE_EPOCH


def test_now_stands_still_in_the_tests_process(monkeypatch):
    monkeypatch.delenv(clock.EPOCH_VARIABLE)
    assert clock.now() == int(REFERENCE_EPOCH)
    assert clock.read_clock().day == clock._day(int(REFERENCE_EPOCH))


def test_a_build_process_a_test_starts_takes_the_reference_day():
    code = "from zhenggai.clock import read_clock; c = read_clock(); print(c.day, c.source)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(clock._day(int(REFERENCE_EPOCH))), clock.GIVEN]


def test_no_test_reads_the_date_itself():
    pattern = re.compile(r"date\.today\(|datetime\.now\(|datetime\.utcnow\(|\btime\.time\(|\.now\(CHINA")
    readers = sorted(str(path.relative_to(TESTS)) for path in TESTS.rglob("*.py")
                     if path != Path(__file__) and pattern.search(path.read_text(encoding="utf-8")))
    assert readers == []
