"""`!!binary` writes bytes no check of a file's text can see: refused wherever YAML is read
(data files, round files, zhenggai.yml) with a Chinese error naming file, line and field."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.data import ConfigError, load_all, load_settings

BINARY = "用了 YAML 标签 !!binary（Base64 编码的内容）：数据文件中的文字请直接写出，不要编码"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_binary_in_a_round_file_is_refused(write):
    write("rounds/r1.yml", f"name: !!binary {b64('【请填写轮次】')}\nbody: 中共某区委\ntargets:\n"
                           "  - target: 区水务局党组\n    group: 区委第二巡察组\n")
    result = load_all([Path("rounds")])
    assert [(str(d), d.code) for d in result.diagnostics] == [(f"rounds/r1.yml:1: name: {BINARY}", "yaml.tag")]
    assert result.collection.rounds == ()


def test_binary_in_the_settings_is_refused(write):
    write("zhenggai.yml", f"data_dir: !!binary {b64('data')}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(Path())
    assert str(caught.value) == f"zhenggai.yml:1: data_dir: {BINARY}"


def test_validate_refuses_binary_control_characters_without_a_traceback(write, capsys):
    """Before: 0 errors, then the build died with an English traceback in the PDF metadata."""
    from zhenggai.cli import main

    write("x.yml", VALID_YAML.replace("title: 中共某某局党组关于巡察整改情况的通报", "title: !!binary " + b64("丙\x00\x1b局")))
    assert main(["validate", "x.yml"]) == 1
    out, err = capsys.readouterr()
    assert f"x.yml:2: title: {BINARY}" in out
    assert "Traceback" not in out + err and "\x1b" not in out
