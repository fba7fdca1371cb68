"""The preview's error banner: each error with its line and a caret under what is wrong."""

from __future__ import annotations

import pytest

from zhenggai.build.preview import excerpt
from zhenggai.data.diagnostics import error

TEXT = "title: 标题\nmetadata:\n  published: 2019-02-30\n  index_no: abc\n  - 一是…\n"


@pytest.mark.parametrize("line, field, message, caret", [
    (3, "metadata.published", "“2019-02-30” 不是有效的日期", "             ^^^^^^^^^^"),  # the quoted value
    (4, "metadata.index_no", "索引号格式不对", "            ^^^"),  # the field's value
    (5, "sections.0", "这一行多缩进了", "  ^^^^^^^"),  # the line's text (一是 two columns each)
])
def test_the_caret_stands_under_what_is_wrong(write, line, field, message, caret):
    path = write("x.yml", TEXT)
    found = excerpt(error(path, message, line, field, code="x"))
    assert found.text == TEXT.splitlines()[line - 1]
    assert found.caret == caret


def test_no_line_no_excerpt(write):
    path = write("x.yml", TEXT)
    assert excerpt(error(path, "文件为空", code="x")) is None
    assert excerpt(error(path, "行号超出", 99, code="x")) is None


def test_in_the_terminal_the_caret_counts_a_chinese_character_as_two_columns(write):
    line = "inspection: {body: 市委第六巡察组, feedback: 2018-12-32}"
    path = write("x.yml", line + "\n")
    found = excerpt(error(path, "“2018-12-32” 不是有效的日期", 1, "inspection.feedback", code="x"))
    assert (found.before, found.at, found.after) == ("inspection: {body: 市委第六巡察组, feedback: ", "2018-12-32", "}")
    assert found.caret == " " * (len("inspection: {body: , feedback: ") + 2 * len("市委第六巡察组")) + "^" * 10


def test_a_tab_before_the_value_stays_a_tab_under_it(write):
    path = write("x.yml", "title:\t“甲”\n")
    found = excerpt(error(path, "“甲” 有误", 1, "title", code="x"))
    assert found.caret == "      \t ^^"


def test_the_preview_prints_a_reminder_again_only_when_its_file_changed(tmp_path):
    from zhenggai.build.preview import Reminders

    a, b = tmp_path / "a.yml", tmp_path / "b.yml"
    a.write_text("title: 甲\n", encoding="utf-8")
    b.write_text("title: 乙\n", encoding="utf-8")
    seen = Reminders()
    first = [("a.yml:1: 提醒一", a), ("b.yml:1: 提醒二", b), ("页脚未设置：党政机关标识", None)]
    assert seen.sift(first) == (["a.yml:1: 提醒一", "b.yml:1: 提醒二", "页脚未设置：党政机关标识"], 0)
    assert seen.sift(first) == ([], 3)  # nothing changed: all three are as above
    b.write_text("title: 乙乙\n", encoding="utf-8")
    assert seen.sift(first) == (["b.yml:1: 提醒二"], 2)  # b changed: its reminder again
    assert seen.sift([("a.yml:1: 提醒一", a), ("a.yml:2: 提醒三", a)]) == (["a.yml:2: 提醒三"], 1)
    assert seen.sift(first) == (["b.yml:1: 提醒二", "页脚未设置：党政机关标识"], 1)  # as the last build only
    assert Reminders.summary(3) == "另有 3 条提醒与上次生成时相同（所在文件没有改动），不再重复列出"
