"""Deadlines in the wordings staff write (年底, 上半年, 第三季度, 十二月底) are read as the end of that
period; a deadline that names a time but cannot be read is said so by validation."""

from __future__ import annotations

import datetime as dt

import pytest

from zhenggai.model import read_deadline, read_deadline_as

PUBLISHED = dt.date(2024, 5, 10)


@pytest.mark.parametrize(("text", "date"), [
    ("计划2019年6月底前完成专项规划编制", dt.date(2019, 6, 30)),
    ("计划6月底前整改完成", dt.date(2024, 6, 30)),
    ("计划5月底前整改完成", dt.date(2024, 5, 31)),  # the month of publication: its end is still to come
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
    ("三季度末前完成", dt.date(2024, 9, 30)),
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


# A plan's date is never read as one before the notice that states it (audit 6, finding 2).
@pytest.mark.parametrize(("text", "published", "date"), [
    # No year, a month before the publication's: the plan means next year's.
    ("计划6月底前完成", dt.date(2021, 12, 10), dt.date(2022, 6, 30)),
    ("计划3月底前整改完成", dt.date(2024, 5, 10), dt.date(2025, 3, 31)),
    ("一季度末前完成", dt.date(2024, 5, 10), dt.date(2025, 3, 31)),
    ("上半年完成", dt.date(2024, 8, 1), dt.date(2025, 6, 30)),
    # Several dates: the one the plan names (after 计划, before 前), not a stage already done.
    ("已于2021年3月完成第一阶段，计划2022年6月底前全部完成", dt.date(2021, 7, 15), dt.date(2022, 6, 30)),
    ("2021年3月启动，2021年9月底前全面完成", dt.date(2021, 7, 15), dt.date(2021, 9, 30)),
    ("2023年10月完成设计，计划12月底前完工", dt.date(2023, 11, 2), dt.date(2023, 12, 31)),  # the year said before
    # A start and a recurring report name no completion date at all.
    ("自2021年3月起长期坚持，每年12月底前报告", dt.date(2021, 7, 15), None),
    # In the month of publication but already past: next year's or a stale text, undecidable.
    ("计划5月5日前完成", dt.date(2024, 5, 10), None),
])
def test_a_plan_is_read_as_the_date_still_to_come(text, published, date):
    assert read_deadline(text, published) == date


def test_a_reading_says_what_it_assumed():
    assert read_deadline_as("计划2022年6月底前完成", dt.date(2021, 7, 15)).assumed is None
    assert read_deadline_as("计划10月底前完成", dt.date(2021, 7, 15)).assumed is None  # this year's, still to come
    guess = read_deadline_as("计划6月底前完成", dt.date(2021, 12, 10))
    assert guess.date == dt.date(2022, 6, 30) and "未写年份" in guess.assumed and "2022年6月30日" in guess.assumed
    several = read_deadline_as("已于2021年3月完成第一阶段，计划2022年6月底前全部完成", dt.date(2021, 7, 15))
    assert "2022年6月30日" in several.assumed and "2021年3月" in several.assumed
    stale = read_deadline_as("计划5月5日前完成", dt.date(2024, 5, 10))
    assert stale.date is None and "2024年5月5日" in stale.assumed
