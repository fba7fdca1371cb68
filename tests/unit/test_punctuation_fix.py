"""`zhenggai punctuation`: the half-width marks of a data file's Chinese sentences made full-width
in place, comments, keys, layout and everything else of the file kept."""

from __future__ import annotations

import yaml

from zhenggai.cli import main
from zhenggai.data.punctuation import widen_data_text

TEXT = """\
# 注释里的半角标点(如这个)不改: 注释不是数据
kind: 巡察整改情况通报
title: 某局党组关于巡察整改情况的通报(第二次)
metadata:
  published: 2024-03-18
  url: http://www.example.gov.cn/a,b.html
opening:
  - 根据市委统一部署,2023年4月10日至5月26日,市委第一巡察组对某局党组进行了巡察。
  - "现将整改情况公布如下:"
sections:
  - heading: 整改落实情况
    paragraphs:
      - >-
        局党组召开会议,研究部署;
        明确责任(见附件)。
tags: [一, 二]
contact:
  phone: 0755-1234 5678
  note: "Office hours: 9:00-17:00"
"""


def test_the_marks_of_chinese_sentences_become_full_width_and_nothing_else_changes():
    text, count = widen_data_text(TEXT)
    data = yaml.safe_load(text)
    assert data["title"] == "某局党组关于巡察整改情况的通报（第二次）"
    assert data["opening"] == ["根据市委统一部署，2023年4月10日至5月26日，市委第一巡察组对某局党组进行了巡察。",
                               "现将整改情况公布如下："]
    assert data["sections"][0]["paragraphs"] == ["局党组召开会议，研究部署； 明确责任（见附件）。"]
    assert count == 9
    assert text.splitlines()[0] == TEXT.splitlines()[0]  # the comment
    before, after = yaml.safe_load(TEXT), data
    for key in ("kind", "metadata", "tags", "contact"):
        assert after[key] == before[key]
    assert len(text) == len(TEXT)  # one character for one: the layout stays


def test_a_space_beside_a_mark_made_full_width_goes_with_it():
    """A full-width mark carries its own blank: the space a source kept after its half-width comma
    would be the one place a justified printed line stretches (根据市委统一部署,   2018年)."""
    text = ('opening:\n  - 根据市委统一部署, 2018年9月12日至11月9日 ,市委第六巡察组(组长:张三 )进行了巡察。\n'
            '  - "现将整改情况公布如下:  "\n  - 整改进展, 见附件\n')
    fixed, count = widen_data_text(text)
    assert yaml.safe_load(fixed)["opening"] == [
        "根据市委统一部署，2018年9月12日至11月9日，市委第六巡察组（组长：张三）进行了巡察。",
        "现将整改情况公布如下：", "整改进展，见附件"]
    assert count == 7


def test_a_file_without_such_marks_is_returned_as_it_is():
    text = "title: 某局党组关于巡察整改情况的通报（第二次）\nurl: http://x.cn/a,b\n"
    assert widen_data_text(text) == (text, 0)


def test_the_command_rewrites_the_file_and_says_what_staff_do_next(tmp_path, capsys):
    data = tmp_path / "a.yml"
    data.write_text(TEXT, encoding="utf-8")
    assert main(["punctuation", str(data)]) == 0
    out = capsys.readouterr().out
    assert "改为全角 9 个" in out and "changes:" in out
    assert "，2023年4月10日" in data.read_text(encoding="utf-8")
    assert main(["punctuation", str(data)]) == 0
    assert "没有需要改的半角标点" in capsys.readouterr().out


def test_a_file_that_is_not_valid_yaml_is_left_alone_with_a_message(tmp_path, capsys):
    data = tmp_path / "b.yml"
    broken = "title: 某局,党组\n  - x: [\n"
    data.write_text(broken, encoding="utf-8")
    assert main(["punctuation", str(data)]) != 0
    err = capsys.readouterr().err
    assert "b.yml" in err and "未修改" in err
    assert data.read_text(encoding="utf-8") == broken


def test_windows_line_ends_and_a_byte_order_mark_are_kept(tmp_path):
    data = tmp_path / "c.yml"
    data.write_bytes("\ufefftitle: 某局,党组(试行)\r\nopening:\r\n  - 根据部署,开展巡察。\r\n".encode())
    assert main(["punctuation", str(data)]) == 0
    assert data.read_bytes() == "\ufefftitle: 某局，党组（试行）\r\nopening:\r\n  - 根据部署，开展巡察。\r\n".encode()


def test_a_file_that_cannot_be_read_is_named_with_a_chinese_cause(tmp_path, capsys):
    """Before: “无法读取（FileNotFoundError）”, an English exception name."""
    (tmp_path / "gbk.yml").write_bytes("title: 某局通报".encode("gb18030"))
    assert main(["punctuation", str(tmp_path / "nosuch.yml"), str(tmp_path / "gbk.yml")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"{tmp_path / 'nosuch.yml'}：无法读取（不存在），未修改",
                                f"{tmp_path / 'gbk.yml'}：无法读取（不是 UTF-8 编码，请将文件另存为 UTF-8），未修改"]


def test_radicals_that_stand_for_characters_are_replaced_and_counted(tmp_path, capsys):
    """Audit 6 #9: ⼀⼯⽅ copied from a PDF look like 一工方; the command replaces them (one character
    for one), keeps a radical with no character of its own, and says how many it changed."""
    data = tmp_path / "a.yml"
    data.write_text("# 注释⼀\ntitle: 整改\u2f2f作\nopening:\n  - 各\u2f45面\u2e80推进,有序。\n", encoding="utf-8")
    assert main(["punctuation", str(data)]) == 0
    assert data.read_text(encoding="utf-8") == "# 注释⼀\ntitle: 整改工作\nopening:\n  - 各方面\u2e80推进，有序。\n"
    out = capsys.readouterr().out
    assert "改为全角 1 个" in out and "部首符号改为对应的汉字 2 个" in out


def test_a_file_with_only_radicals_is_fixed_too(tmp_path, capsys):
    data = tmp_path / "a.yml"
    data.write_text("title: \u2f00、整改\n", encoding="utf-8")
    assert main(["punctuation", str(data)]) == 0
    assert data.read_text(encoding="utf-8") == "title: 一、整改\n"
    assert "部首符号改为对应的汉字 1 个" in capsys.readouterr().out
