"""zhenggai.cli: exit codes 0 (fine), 1 (the data is wrong), 2 (the command was used wrongly)."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.cli import main
from zhenggai.data.schema import render_schema


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_valid_data_exits_0(write, capsys):
    write("data/x.yml", VALID_YAML)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "1 个文件，0 个错误，0 个警告\n"


def test_errors_exit_1_and_are_all_printed(write, capsys):
    write("data/a.yml", VALID_YAML.replace("feedback: 2019-01-08", "feedback: 2019-02-30"))
    write("data/b.yml", "")
    write("data/c.yml", VALID_YAML.replace("2019-00001", "2019-00003"))
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/a.yml:11: inspection.feedback: “2019-02-30” 不是有效的日期",
        "data/b.yml: 文件为空",
        "各项的原因和改法：zhenggai validate --explain 代码（这次出现的代码：date.invalid、file.empty）",
        "3 个文件，2 个错误，0 个警告",
    ]


def test_warnings_are_printed_but_do_not_fail(write, capsys):
    write("data/x.yml", VALID_YAML.replace("problems: 2", "problems: 24"))
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "警告：data/x.yml:31: declared.problems: 通报声明 24 个问题，正文列出 2 个",
        "各项的原因和改法：zhenggai validate --explain 代码（这次出现的代码：totals.mismatch）",
        "1 个文件，0 个错误，1 个警告",
    ]


def test_paths_given_on_the_command_line(write, capsys):
    write("data/broken.yml", "")
    write("elsewhere/x.yml", VALID_YAML)
    write("one.yaml", VALID_YAML.replace("2019-00001", "2019-00002").replace("某某局", "另一局"))
    assert main(["validate", "elsewhere", "one.yaml"]) == 0
    assert capsys.readouterr().out == "2 个文件，0 个错误，0 个警告\n"


def test_data_dir_from_settings(write, capsys):
    write("zhenggai.yml", "data_dir: notices\n")
    write("notices/x.yml", VALID_YAML)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "1 个文件，0 个错误，0 个警告\n"


def test_broken_settings_exit_1(write, capsys):
    write("zhenggai.yml", "data_dri: data\n")
    assert main(["validate"]) == 1
    assert capsys.readouterr().err == "zhenggai.yml: 未知的配置项 data_dri（可用：data_dir、index_no_pattern、pdf_cluster、pdf_cluster_tls、as_of、disclosure_months、follow_up_wait_days）\n"


def test_missing_data_dir_exits_1(capsys):
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == ["data: 文件或目录不存在",
                                                     "各项的原因和改法：zhenggai validate --explain 代码（这次出现的代码：file.missing）",
                                                     "0 个文件，1 个错误，0 个警告"]


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], None),
        (["publish"], "zhenggai: 用法有误：没有“publish”这个命令，可用：validate、build、schema、import、archive、punctuation、generate"),
        (["validate", "--strict"], "zhenggai: 用法有误：无法识别的参数：--strict"),
        (["generate", "0", "--out", "x"], "zhenggai generate: 用法有误：参数 N：“0” 不是正整数"),
        (["generate", "3"], "zhenggai generate: 用法有误：缺少参数：--out"),
        (["generate", "3", "--out", "x", "--seed", "abc"], "zhenggai generate: 用法有误：参数 --seed：“abc” 不是有效的值"),
    ],
)
def test_wrong_usage_exits_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：zhenggai")
    if message:
        assert err.splitlines()[-1] == message


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_schema_to_stdout_and_file(tmp_path, capsys):
    assert main(["schema", "--stdout"]) == 0
    assert capsys.readouterr().out == render_schema()
    assert main(["schema", "--out", "out/document.schema.json"]) == 0
    assert json.loads((tmp_path / "out/document.schema.json").read_text(encoding="utf-8"))["title"] == "Document"


def test_generate_calls_the_generator(monkeypatch, tmp_path, capsys):
    calls = []

    def write_documents(n: int, seed: int, out_dir: Path) -> list[Path]:
        calls.append((n, seed, out_dir))
        return [out_dir / f"g{i}.yml" for i in range(n)]

    fake = types.ModuleType("zhenggai.synth")
    fake.write_documents = write_documents  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zhenggai.synth", fake)
    assert main(["generate", "3", "--seed", "7", "--out", "bench"]) == 0
    assert calls == [(3, 7, Path("bench"))]
    assert capsys.readouterr().out == "已生成 3 份文件，写入 bench\n"


def test_example_data_validates_with_the_declared_total_warning(monkeypatch, capsys):
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    warning = r"^警告：data/ps-zsj-2021-xuncha-jinzhan\.yml:\d+: declared\.problems: 通报声明 24 个问题，正文列出 20 个$"
    assert re.search(warning, out, re.MULTILINE)
    # The examples were published with half-width punctuation in their text: one warning each.
    halfwidth = len(re.findall(r"^警告：data/[^:]+:\d+: [^:]+: 中文句子中有 \d+ 个半角标点", out, re.MULTILINE))
    assert halfwidth <= 3
    assert re.search(rf" 个文件，0 个错误，{1 + halfwidth} 个警告\n$", out)
    # the codes met, once each, so staff can ask what each means
    hint = re.search(r"^各项的原因和改法：zhenggai validate --explain 代码（这次出现的代码：(.+)）$", out, re.MULTILINE)
    assert hint and hint.group(1).split("、") == ["punct.halfwidth", "totals.mismatch"]


@pytest.mark.parametrize("argv", [["--help"], ["import", "--help"], ["build", "--help"], ["validate", "--help"]])
def test_help_is_chinese(argv, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：zhenggai") and "用法：用法" not in out
    for english in ("usage:", "options:", "positional arguments", "show this help message"):
        assert english not in out
    assert "显示本帮助并退出" in out


def test_validate_warns_of_an_as_of_before_the_newest_notice(tmp_path, monkeypatch, capsys):
    """Before: silent, and the home page said 截至2021年1月1日 above notices of later days."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yml").write_text(VALID_YAML, encoding="utf-8")
    (tmp_path / "zhenggai.yml").write_text("data_dir: data\nas_of: 2019-01-01\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "警告：zhenggai.yml:2: as_of: 判断日期 2019-01-01 早于最新一份通报的发布日期 2019-03-18（data/x.yml）："
        "首页写着“截至”这一天，下面却列着此后发布的通报，逾期也按这一天判断：请改为不早于最新通报发布日期的日期，"
        "或删去这一行（按所构建提交的日期判断）")
    (tmp_path / "zhenggai.yml").write_text("data_dir: data\nas_of: 2019-03-18\n", encoding="utf-8")
    assert main(["validate"]) == 0
    assert "as_of" not in capsys.readouterr().out
