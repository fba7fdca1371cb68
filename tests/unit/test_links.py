"""Symbolic links in the data folder: followed only inside it; a link out, or a broken one, is an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.data import Settings, load_all

LOOP = "顺着链接最终又回到自身），它不指向任何数据：请删除这个链接，或让它指向真正的数据文件"
OUTSIDE = "数据目录之外的{kind}不会被读取和发布，请把{kind}本身放进数据目录"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def link(target: str, name: str) -> None:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, name)


LINKS = {
    "file outside the data folder": (
        {"private/draft.yml": VALID_YAML}, [("../private/draft.yml", "data/draft.yml")],
        [(f"data/draft.yml: 是指向数据目录 data 之外的符号链接（指向 ../private/draft.yml）：{OUTSIDE.format(kind='文件')}",
          "file.outside_link")],
    ),
    "folder outside the data folder": (
        {"private/draft.yml": VALID_YAML}, [("../../private", "data/sub/drafts")],
        [(f"data/sub/drafts: 是指向数据目录 data 之外的符号链接（指向 ../../private）：{OUTSIDE.format(kind='目录')}",
          "file.outside_link")],
    ),
    "broken file link": (
        {}, [("gone.yml", "data/x.yml")],
        [("data/x.yml: 是失效的符号链接（指向的 gone.yml 不存在），它指向的数据没有读到：请修复或删除这个链接", "file.broken_link")],
    ),
    "broken folder link": (
        {}, [("/nonexistent/notices", "data/notices")],
        [("data/notices: 是失效的符号链接（指向的 /nonexistent/notices 不存在），它指向的数据没有读到：请修复或删除这个链接",
          "file.broken_link")],
    ),
    # Audit 6 #7: a Python traceback (RuntimeError: Symlink loop) in validate and build.
    "a link to itself": (
        {}, [("self.yml", "data/self.yml")],
        [(f"data/self.yml: 是循环的符号链接（指向 self.yml，{LOOP}", "file.link_loop")],
    ),
    "two links pointing at each other": (
        {}, [("loop2.yml", "data/loop1.yml"), ("loop1.yml", "data/loop2.yml")],
        [(f"data/loop1.yml: 是循环的符号链接（指向 loop2.yml，{LOOP}", "file.link_loop"),
         (f"data/loop2.yml: 是循环的符号链接（指向 loop1.yml，{LOOP}", "file.link_loop")],
    ),
    "link to a file outside that is not data": (
        {"private/notes.txt": "x"}, [("../private/notes.txt", "data/notes.txt")], [],
    ),
    "hidden broken link (an editor's lock file)": ({}, [("user@host.1234", "data/.#x.yml")], []),
}


@pytest.mark.parametrize("files, links, expected", LINKS.values(), ids=LINKS.keys())
def test_link_out_of_the_data_folder_or_broken_is_an_error(write, files, links, expected):
    write("data/a.yml", VALID_YAML.replace("2019-00001", "2019-00009"))
    for name, content in files.items():
        write(name, content)
    for target, name in links:
        link(target, name)
    result = load_all([Path("data")], Settings())
    assert [(str(d), d.code) for d in result.diagnostics] == expected
    assert [doc.id for doc in result.collection] == ["a"]


def test_links_inside_the_data_folder_are_followed_once(write):
    write("data/archive/x.yml", VALID_YAML)
    link("archive/x.yml", "data/current.yml")  # same file: read once
    link("archive", "data/latest")  # its files are found where it points
    write("elsewhere/y.yml", VALID_YAML.replace("2019-00001", "2019-00002"))
    link("../elsewhere", "data/shared")
    result = load_all([Path("data")], Settings())
    assert [d.code for d in result.diagnostics] == ["file.outside_link"]
    assert [doc.id for doc in result.collection] == ["x"] and len(result.files) == 1


def test_data_folder_that_is_itself_a_link_is_read(write):
    write("real/x.yml", VALID_YAML)
    link("real", "data")
    result = load_all([Path("data")], Settings())
    assert result.diagnostics == () and [doc.id for doc in result.collection] == ["x"]


def test_a_file_named_on_the_command_line_is_read_where_it_points(write):
    write("private/x.yml", VALID_YAML)
    link("private/x.yml", "x.yml")
    result = load_all([Path("x.yml")], Settings())
    assert result.diagnostics == () and len(result.collection) == 1
    link("gone.yml", "y.yml")
    assert [str(d) for d in load_all([Path("y.yml")], Settings()).diagnostics] == [
        "y.yml: 是失效的符号链接（指向的 gone.yml 不存在），它指向的数据没有读到：请修复或删除这个链接"
    ]


def test_a_looping_link_named_on_the_command_line_is_said_to_loop(write, capsys):
    """Before: called a broken link (“指向的 self.yml 不存在”) when named, a traceback in a folder."""
    from zhenggai.cli import main

    link("self.yml", "data/self.yml")
    assert main(["validate", "data/self.yml"]) == 1
    out, err = capsys.readouterr()
    assert f"data/self.yml: 是循环的符号链接（指向 self.yml，{LOOP}" in out
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "data/self.yml: 是循环的符号链接" in out
