"""The same notice twice (imported again, or its file copied under a second name) is warned of
in validate and import, naming both files; different notices that share wording are not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.cli import main
from zhenggai.data import Settings, load_all

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "sz-bgt-2019-xuncha-zhenggai.yml"
SEED_000 = next((ROOT / "tests" / "seeds").glob("000_*.txt"))


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796086800")  # 2026-12-01 in Beijing


def _warnings(folder: str = "data") -> list[tuple[str, str]]:
    result = load_all([Path(folder)], Settings())
    # The example keeps its source's half-width punctuation: that warning is not the subject here.
    return [(str(d), d.code) for d in result.diagnostics if d.code != "punct.halfwidth"]


def _copy(name: str, text: str) -> None:
    Path("data").mkdir(exist_ok=True)
    Path("data", name).write_text(text, encoding="utf-8")


def test_a_copied_data_file_is_warned_of_naming_both_files():
    text = EXAMPLE.read_text(encoding="utf-8")
    _copy("sz-bgt-2019-xuncha-zhenggai.yml", text)
    _copy("sz-bgt-copy.yml", text)
    assert _warnings() == [(
        "警告：data/sz-bgt-copy.yml: 与 data/sz-bgt-2019-xuncha-zhenggai.yml 像是同一份通报"
        "（标题相同；巡察和发布日期相同；正文几乎相同）：同一份通报只应有一个数据文件，"
        "否则网站会把副本当作它的后续通报。请删去多余的文件；确是两份通报的，请核对标题和日期",
        "document.duplicate",
    )]


def test_a_near_copy_with_a_new_title_and_date_is_still_warned_of():
    text = EXAMPLE.read_text(encoding="utf-8")
    _copy("a.yml", text)
    changed = text.replace("published: 2019-03-18", "published: 2019-04-18", 1)
    changed = changed.replace("title: ", "title: 关于", 1).replace("高度重视", "始终高度重视", 1)
    assert changed.count("2019-04-18") == 1
    _copy("b.yml", changed)
    # Moved to April, the copy's year-less 3月底 deadline reads as next year's (deadline.guessed),
    # so it also differs from the original's (deadline.moved_unexplained): not the subject here.
    [(message, code)] = [w for w in _warnings() if not w[1].startswith("deadline.")]
    assert code == "document.duplicate" and message.startswith("警告：data/b.yml: 与 data/a.yml 像是同一份通报（正文几乎相同）")


def test_the_same_inspection_and_day_is_warned_of():
    _copy("a.yml", VALID_YAML)
    _copy("b.yml", VALID_YAML.replace("title: 中共某某局党组关于巡察整改情况的通报", "title: 另一个标题")
          .replace("2019-00001", "2019-00002"))
    [(message, code)] = _warnings()
    assert code == "document.duplicate" and "（巡察和发布日期相同）" in message


def test_different_notices_are_not_duplicates():
    shutil.copytree(ROOT / "data", "data")
    assert [code for _, code in _warnings() if code == "document.duplicate"] == []
    # A withdrawn notice and the one published again in its place share a title: no warning.
    text = EXAMPLE.read_text(encoding="utf-8")
    shutil.rmtree("data")
    _copy("sz-bgt-again.yml", text)
    _copy("sz-bgt-2019-xuncha-zhenggai.yml", text + "withdrawn:\n  date: 2019-03-20\n  reason: 内容有误,已另行发布\n")
    assert [code for _, code in _warnings() if code == "document.duplicate"] == []


def test_import_warns_when_the_notice_is_already_in_the_data(capsys):
    _copy("sz-bgt-2019-xuncha-zhenggai.yml", EXAMPLE.read_text(encoding="utf-8"))
    source = Path("notice.txt")
    source.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["import", str(source), "--out", "data/sz-bgt-again.yml"])
    out = capsys.readouterr().out
    assert "与 data/sz-bgt-2019-xuncha-zhenggai.yml 像是同一份通报" in out
    # A copy of a published notice is not a finished draft: the report's verdict and the exit
    # code say so, as for any other warning (it once said 草稿已通过校验 and exited 0).
    assert "草稿已通过校验。" not in out and "（document.duplicate）" in out
    assert code == 1
