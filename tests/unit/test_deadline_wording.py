"""Deadlines in the wordings staff write (年底, 上半年, 第三季度, 十二月底) are read as the end of that
period; a deadline that names a time but cannot be read is said so by validation."""

from __future__ import annotations

import datetime as dt

import pytest

from zhenggai.model import read_deadline

PUBLISHED = dt.date(2024, 5, 10)


@pytest.mark.parametrize(("text", "date"), [
    ("计划2019年6月底前完成专项规划编制", dt.date(2019, 6, 30)),
    ("计划3月底前整改完成", dt.date(2024, 3, 31)),
    ("2024年10月15日前", dt.date(2024, 10, 15)),
    ("计划2026年底前完成", dt.date(2026, 12, 31)),
    ("2026年底", dt.date(2026, 12, 31)),
    ("2026年年底前完成改造", dt.date(2026, 12, 31)),
    ("2026年末", dt.date(2026, 12, 31)),
    ("2026年内完成", dt.date(2026, 12, 31)),
    ("年底前完成", dt.date(2024, 12, 31)),
    ("2026年年中", dt.date(2026, 6, 30)),
    ("2026年上半年完成", dt.date(2026, 6, 30)),
    ("下半年", dt.date(2024, 12, 31)),
    ("2026年第三季度", dt.date(2026, 9, 30)),
    ("一季度末前完成", dt.date(2024, 3, 31)),
    ("2026年第4季度", dt.date(2026, 12, 31)),
    ("12月底", dt.date(2024, 12, 31)),
    ("十二月底前", dt.date(2024, 12, 31)),
    ("计划六月中旬", dt.date(2024, 6, 20)),
])
def test_a_deadline_in_the_wording_staff_write_is_read_as_the_end_of_its_period(text, date):
    assert read_deadline(text, PUBLISHED) == date


@pytest.mark.parametrize("text", ["月底前完成", "长期坚持", "立行立改", "整改中", "13月底", "半年内完成", "一年内整改到位", "明年底前"])
def test_a_deadline_without_a_period_to_read_gives_no_date(text):
    assert read_deadline(text, PUBLISHED) is None
