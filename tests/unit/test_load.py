"""zhenggai.load: every broken file gives one exact, plain message naming file, line and field."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.data.config import ConfigError, Settings, load_settings
from zhenggai.data.diagnostics import Diagnostic, Level
from zhenggai.data import Collection, load_all, load_file
from zhenggai.data.load import find_files
from zhenggai.model import DEFAULT_INDEX_NO_PATTERN


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path so diagnostics show short relative paths such as `x.yml`."""
    monkeypatch.chdir(tmp_path)


def edit(old: str, new: str, text: str = VALID_YAML) -> str:
    """VALID_YAML with one exact piece replaced (the piece must be there)."""
    assert old in text, old
    return text.replace(old, new, 1)


def messages(paths: list[str] | None = None, settings: Settings | None = None) -> list[str]:
    result = load_all([Path(p) for p in paths or ["."]], settings or Settings())
    return [str(d) for d in result.diagnostics]


BROKEN = {
    "yaml syntax": (
        {"x.yml": edit("title: 中共", "title: 标题: 中共")},
        ["x.yml:2: 这一行的冒号用法有误：值里含有“: ”时，请用引号把整个值括起来"],
    ),
    "unclosed quote": (
        {"x.yml": edit("body: 市委第六巡察组", 'body: "市委第六巡察组')},
        ["x.yml:7: 引号没有闭合"],
    ),
    "full-width colon": (
        {"x.yml": edit("title: 中共", "title：中共")},
        ["x.yml:2: 键和值之间要用英文冒号加空格（“: ”），不能用中文冒号“：”"],
    ),
    "unclosed bracket": (
        {"x.yml": edit("kind: 巡察整改情况通报", "kind: [巡察整改情况通报")},
        ["x.yml:1: 方括号或花括号没有闭合"],
    ),
    # Characters YAML takes for line breaks, which an editor may not show as one: named with
    # their place, not reported as the indentation error they cause further on.
    "line separator": ({"x.yml": edit("局党组高度重视", "局党组\u2028高度重视")},
                       ["x.yml:15: 第 12 个字符是 YAML 当作换行的 U+2028（行分隔符）：编辑器里看不出这里换了行，YAML 却从这里断开，后面的文字会读错：请删除（常见于从网页复制的文字）"]),
    "next line and carriage return": (
        {"x.yml": edit("局党组高度重视", "局党组\x85高度\r重视")},
        ["x.yml:15: 第 12、15 个字符是 YAML 当作换行的 U+0085（下一行符）、U+000D（回车符）：编辑器里看不出这里换了行，YAML 却从这里断开，后面的文字会读错：请删除（常见于从网页复制的文字）"]),
    "windows line ends": ({"x.yml": VALID_YAML.replace("\n", "\r\n")}, []),
    # A number too long to read: echoed shortened, and one error, not a second "取值无效" (audit 5 D9).
    "number too long": (
        {"x.yml": edit("  problems: 2\n", "  problems: 1" + "0" * 4999 + "\n")},
        ["x.yml:31: declared.problems: “100000000000…”共 5000 位，数字太大，无法读取：请检查这个数"]),
    "python tag on a list": (
        {"x.yml": edit("title: 中共", "title: !!python/object/apply:os.system ['true']\nx: 中共")},
        ["x.yml:2: title: 不支持的 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system",
         "x.yml:3: x: 未知的键，请检查拼写；这里可用的键：kind、title、metadata、inspection、opening、sections、numbering、declared、contact、signature、series、changes、withdrawn"]),
    "control character": ({"x.yml": edit("某某局党组\n", "某某局\x01党组\n")}, ["x.yml:8: 含有不允许的控制字符 U+0001，请删除"]),
    "unknown tag": ({"x.yml": edit("title: 中共", "title: !note 中共")}, ["x.yml:2: title: 不支持的 YAML 标签 !note"]),
    "merge key": (
        {"x.yml": edit("  date: 2019-03-18", "  <<: {date: 2019-03-18}")},
        ["x.yml:39: signature.date: 缺少必填项（落款日期）", "x.yml:41: signature: 不支持合并键“<<”，请直接写出各项"],
    ),
    "tab indent": (
        {"x.yml": edit("  published:", "\tpublished:")},
        ["x.yml:5: 用了制表符（Tab）缩进，YAML 只能用空格缩进，请把 Tab 换成空格"],
    ),
    "wrong type": (
        {"x.yml": edit("problems: 2", "problems: 两个")},
        ["x.yml:31: declared.problems: “两个” 不是整数，请写阿拉伯数字，如 24"],
    ),
    "list expected": (
        {"x.yml": edit("paragraphs:\n      - 局党组", "paragraphs: 局党组")},
        ["x.yml:14: sections.0.paragraphs: 应为列表（每项一行，以“- ”开头），而不是文字（第一章）"],
    ),
    "unknown key": (
        {"x.yml": edit("  email:", "  emial:")},
        ["x.yml:38: contact.emial: 未知的键，请检查拼写（是否应为 email？）"],
    ),
    "unknown key, no close match": (
        {"x.yml": edit("signature:\n", "signature:\n  单位: 某局\n")},
        ["x.yml:40: signature.单位: 未知的键，请检查拼写；这里可用的键：organisation、date"],
    ),
    "missing title": (
        {"x.yml": edit("title: 中共某某局党组关于巡察整改情况的通报\n", "")},
        ["x.yml:1: title: 缺少必填项（标题）"],
    ),
    "missing nested": (
        {"x.yml": edit("  body: 市委第六巡察组\n", "")},
        ["x.yml:6: inspection.body: 缺少必填项（巡察组）"],
    ),
    "empty value": (
        {"x.yml": edit("published: 2019-03-18", "published:")},
        ["x.yml:5: metadata.published: 不能为空"],
    ),
    "no such date": (
        {"x.yml": edit("feedback: 2019-01-08", "feedback: 2019-02-30")},
        ["x.yml:11: inspection.feedback: “2019-02-30” 不是有效的日期"],
    ),
    "badly written date": (
        {"x.yml": edit("start: 2018-10-15", "start: 2018年10月15日")},
        ["x.yml:9: inspection.start: “2018年10月15日” 不是有效的日期，请写成 2019-03-18 这样的形式"],
    ),
    "date as a number": (
        {"x.yml": edit("start: 2018-10-15", "start: 20181015")},
        ["x.yml:9: inspection.start: “20181015” 不是有效的日期，请写成 2019-03-18 这样的形式"],
    ),
    "date with a time": (
        {"x.yml": edit("start: 2018-10-15", "start: 2018-10-15 09:30")},
        ["x.yml:9: inspection.start: “2018-10-15 09:30” 应只写日期，不带时间，如 2019-03-18"],
    ),
    "dates out of order": (
        {"x.yml": edit("end: 2018-12-10", "end: 2018-10-01")},
        ["x.yml:6: inspection: 巡察结束日期 2018-10-01 早于开始日期 2018-10-15"],
    ),
    "model rule": (
        {"x.yml": VALID_YAML.replace(VALID_YAML[VALID_YAML.index("inspection:") : VALID_YAML.index("sections:")], "")},
        ["x.yml:1: 巡察整改情况通报需要填写 inspection（巡察情况）"],
    ),
    "enum": (
        {"x.yml": edit("status: 已完成", "status: 完成")},
        [
            "x.yml:21: sections.1.categories.0.problems.0.status: “完成” 不是可选的值，"
            "可选：已完成、基本完成、正在推进中、阶段性完成并需长期坚持（第二章 第一个方面 第一个问题）"
        ],
    ),
    "empty problem list": (
        {"x.yml": edit("      - title: 党的领导和建设仍需加强\n", "      - title: 党的领导和建设仍需加强\n        problems: []\n      - title: 其他\n")},
        ["x.yml:19: sections.1.categories.0.problems: 至少需要 1 项（第二章 第一个方面）"],
    ),
    "malformed email": (
        {"x.yml": edit("email: jubao@example.gov.cn", "email: jubao@example")},
        ["x.yml:38: contact.email: “jubao@example” 不是有效的电子邮箱地址，应写成 name@example.com 这样的形式"],
    ),
    "malformed phone": (
        {"x.yml": edit("- 0755-88127289", "- 0755-881")},
        [
            "x.yml:35: contact.phones.0: “0755-881” 不是有效的电话号码，"
            "应写成 0755-88127289、88127289、13812345678 或 12345 这样的形式（第一个电话）"
        ],
    ),
    "malformed postcode": (
        {"x.yml": edit("postcode: 518000", "postcode: 51800")},
        ["x.yml:37: contact.postcode: “51800” 不是有效的邮政编码，应为 6 位数字，如 518000"],
    ),
    "malformed index_no": (
        {"x.yml": edit("index_no: 114403006955506492/2019-00001", "index_no: 2019-00001")},
        [
            r"x.yml:4: metadata.index_no: 索引号“2019-00001”的格式不符合 zhenggai.yml 中的 index_no_pattern"
            r"（^[0-9A-Z]+(?:-[0-9A-Z]+)*[/-][0-9]{4}-[0-9]{3,8}$），如 114403006955506492/2019-00001"
        ],
    ),
    "id in the file": (
        {"x.yml": "id: other\n" + VALID_YAML},
        ["x.yml:1: id: 不要填写 id：编号取自文件名（x）"],
    ),
    "file name unusable as id": (
        {"Bad Name.yml": VALID_YAML},
        ["Bad Name.yml: 文件名“Bad Name”不能用作编号：只能用小写字母、数字、“-”和“_”，且以字母或数字开头"],
    ),
    "duplicate id": (
        {"a/x.yml": VALID_YAML, "b/x.yml": edit("2019-00001", "2019-00002")},
        [
            "a/x.yml: 编号“x”重复：b/x.yml 也是这个文件名（编号取自文件名，请改名）",
            "b/x.yml: 编号“x”重复：a/x.yml 也是这个文件名（编号取自文件名，请改名）",
        ],
    ),
    "duplicate index_no": (
        {"x.yml": VALID_YAML, "y.yml": VALID_YAML},
        [
            "x.yml:4: metadata.index_no: 索引号“114403006955506492/2019-00001”重复：y.yml 也使用了这个索引号",
            "y.yml:4: metadata.index_no: 索引号“114403006955506492/2019-00001”重复：x.yml 也使用了这个索引号",
        ],
    ),
    "duplicate key": (
        {"x.yml": edit("  published: 2019-03-18\n", "  published: 2019-03-18\n  published: 2019-03-19\n")},
        ["x.yml:6: metadata.published: 重复的键：第 5 行已经有 published"],
    ),
    "empty file": ({"x.yml": "\n  \n"}, ["x.yml: 文件为空"]),
    "only comments": ({"x.yml": "# 待填写\n"}, ["x.yml: 文件为空（只有注释）"]),
    "top level list": ({"x.yml": "- title: 通报\n"}, ["x.yml:1: 文件的最外层应为一组键值（如 title: …），而不是列表"]),
    "non utf-8": (
        {"x.yml": VALID_YAML.encode("gbk")},
        ["x.yml:1: 不是 UTF-8 编码（第 9 个字节 0xB2 无法识别，可能是 GBK 编码），请将文件另存为 UTF-8"],
    ),
    "too big": ({"x.yml": b"# " + b"x" * (5 * 1024 * 1024 - 2)}, ["x.yml: 文件大小 5.0 MB，超过 2 MB 的上限"]),
    "several documents": ({"x.yml": VALID_YAML + "---\ntitle: 另一份\n"}, ["x.yml:42: 一个文件只能写一份文件，不能用“---”分隔多份"]),
    "alias loop": ({"x.yml": "title: &a [*a]\n"}, ["x.yml:1: 别名引用了自身"]),
}


@pytest.mark.parametrize("files, expected", BROKEN.values(), ids=BROKEN.keys())
def test_broken_file_gives_exact_message(write, files, expected):
    for name, content in files.items():
        write(name, content)
    assert messages() == expected


def test_valid_document_loads_without_diagnostics(write):
    write("x.yml", VALID_YAML)
    result = load_all([Path(".")], Settings())
    assert result.ok and result.diagnostics == ()
    doc = result.collection.by_id("x")
    assert doc.inspection.feedback == dt.date(2019, 1, 8)
    assert doc.contact.postcode == "518000"
    assert result.collection.source("x") == Path("x.yml")


def test_every_error_of_every_file_in_one_run(write):
    write("a.yml", edit("feedback: 2019-01-08", "feedback: 2019-02-30"))
    write("b.yml", edit("  email:", "  emial:", edit("postcode: 518000", "postcode: 5180", edit("00001", "00002"))))
    write("sub/c.yml", "")
    write("sub/notes.txt", "not data")
    result = load_all([Path(".")], Settings())
    assert [str(d) for d in result.errors] == [
        "a.yml:11: inspection.feedback: “2019-02-30” 不是有效的日期",
        "b.yml:37: contact.postcode: “5180” 不是有效的邮政编码，应为 6 位数字，如 518000",
        "b.yml:38: contact.emial: 未知的键，请检查拼写（是否应为 email？）",
        "sub/c.yml: 文件为空",
    ]
    assert not result.ok and len(result.collection) == 0 and len(result.files) == 3


def test_all_errors_of_one_document_are_reported(write):
    text = edit("feedback: 2019-01-08", "feedback: 2019-02-30", edit("title: 理论学习不够深入", "titel: 理论学习不够深入"))
    write("x.yml", edit("  published: 2019-03-18\n", "  published: 2019-03-18\n  published: 2019-03-18\n", text))
    assert messages() == [
        "x.yml:6: metadata.published: 重复的键：第 5 行已经有 published",
        "x.yml:12: inspection.feedback: “2019-02-30” 不是有效的日期",
        "x.yml:21: sections.1.categories.0.problems.0.title: 缺少必填项（标题）（第二章 第一个方面 第一个问题）",
        "x.yml:21: sections.1.categories.0.problems.0.titel: 未知的键，请检查拼写（是否应为 title？）"
        "（第二章 第一个方面 第一个问题）",
    ]


def test_failed_problem_is_not_also_reported_as_missing(write):
    # pydantic adds "problems: at least 1 item" when the only problem fails: noise, not a cause.
    write("x.yml", edit("          - title: 制度执行不严格", "          - titel: 制度执行不严格"))
    assert messages() == [
        "x.yml:24: sections.1.categories.0.problems.1.title: 缺少必填项（标题）（第二章 第一个方面 第二个问题）",
        "x.yml:24: sections.1.categories.0.problems.1.titel: 未知的键，请检查拼写（是否应为 title？）"
        "（第二章 第一个方面 第二个问题）",
    ]


def test_declared_total_that_differs_is_a_warning_with_both_numbers(write):
    write("x.yml", edit("problems: 2", "problems: 24"))
    result = load_all([Path(".")], Settings())
    assert result.ok and len(result.collection) == 1
    assert [str(d) for d in result.warnings] == ["警告：x.yml:31: declared.problems: 通报声明 24 个问题，正文列出 2 个"]


def test_declared_totals_compared_only_when_listed(write):
    declared = "declared:\n  categories: 1\n  problems: 2\n  tasks: 1\n"
    more = "declared:\n  categories: 2\n  problems: 2\n  tasks: 5\n  measures: 113\n  completed: 3\n  basically_completed: 1\n"
    write("x.yml", edit(declared, more))
    assert messages() == [
        "警告：x.yml:30: declared.categories: 通报声明 2 个方面，正文列出 1 个",
        "警告：x.yml:32: declared.tasks: 通报声明 5 个问题表现（整改任务），正文列出 1 个",
        "警告：x.yml:34: declared.completed: 通报声明已完成 3 项，正文中标为已完成的有 1 项",
        "警告：x.yml:35: declared.basically_completed: 通报声明基本完成 1 项，正文中标为基本完成的有 0 项",
    ]

def test_declared_tasks_and_completions_need_items_and_statuses(write):
    declared = "declared:\n  categories: 1\n  problems: 2\n  tasks: 5\n  completed: 3\n  basically_completed: 1\n"
    write("x.yml", VALID_YAML.split("sections:")[0] + BARE_SECTIONS + declared)
    assert messages() == []


BARE_SECTIONS = """\
sections:
  - heading: 巡察反馈问题整改落实情况
    categories:
      - title: 党的领导和建设仍需加强
        problems:
          - title: 理论学习不够深入
          - title: 制度执行不严格
"""


def test_plain_scalars_stay_text(write):
    # YAML 1.1 would read 010000 as octal 4096, `no` as false and 9:30 as 570.
    text = edit("postcode: 518000", "postcode: 010000", edit("address: 深圳市福田区某某路1号", "address: no"))
    write("x.yml", edit("  email:", "  hours: 9:30\n  email:", text))
    document, diagnostics = load_file(Path("x.yml"))
    assert diagnostics == ()
    assert (document.contact.postcode, document.contact.address, document.contact.hours) == ("010000", "no", "9:30")


def test_collection_is_sorted_newest_first_and_immutable(write):
    write("b.yml", VALID_YAML)
    write("a.yml", edit("2019-00001", "2019-00002"))
    write("c.yml", edit("published: 2019-03-18", "published: 2020-01-02", edit("2019-00001", "2019-00003")))
    collection = load_all([Path(".")], Settings()).collection
    assert [doc.id for doc in collection] == ["c", "a", "b"]
    assert len(collection) == 3 and "a" in collection and "z" not in collection
    with pytest.raises(KeyError):
        collection.by_id("z")
    with pytest.raises(AttributeError):
        collection.documents = ()  # type: ignore[misc]
    assert isinstance(collection.documents, tuple)


def test_collection_refuses_duplicate_ids(write):
    document, _ = load_file(write("x.yml", VALID_YAML))
    with pytest.raises(ValueError):
        Collection([(document, Path("a/x.yml")), (document, Path("b/x.yml"))])


def test_a_data_file_with_an_upper_case_suffix_is_named_not_skipped_silently(write):
    write("x.yml", VALID_YAML)
    write("y.YML", VALID_YAML)
    write("z.Yaml", VALID_YAML)
    write(".hidden.YML", VALID_YAML)
    assert messages() == [
        "警告：y.YML: 扩展名“.YML”不是小写，这个文件没有读取，也不会发布：请改名为 y.yml",
        "警告：z.Yaml: 扩展名“.Yaml”不是小写，这个文件没有读取，也不会发布：请改名为 z.yaml",
    ]


def test_the_staff_guide_states_the_id_rule_the_validator_applies(write):
    # data/README.md and the validator once disagreed about "_" (audit 5 D9).
    guide = (Path(__file__).resolve().parents[2] / "data" / "README.md").read_text(encoding="utf-8")
    rule = "只能用小写英文字母、数字、`-` 和 `_`，以字母或数字开头"
    assert guide.count(rule) == 2 and "数字和 `-`" not in guide
    write("a_b-1.yml", VALID_YAML)
    write("_a.yml", VALID_YAML.replace("2019-00001", "2019-00002"))
    assert messages() == ["_a.yml: 文件名“_a”不能用作编号：只能用小写字母、数字、“-”和“_”，且以字母或数字开头"]


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert messages(["nothing.yml", "empty"]) == ["nothing.yml: 文件或目录不存在", "警告：empty: 目录中没有找到 .yml 数据文件"]


def test_default_paths_come_from_settings(write):
    write("notices/x.yml", VALID_YAML)
    write("data/broken.yml", "")
    result = load_all(settings=Settings(data_dir=Path("notices")))
    assert result.ok and [doc.id for doc in result.collection] == ["x"]


def test_index_no_pattern_is_configurable(write):
    write("x.yml", edit("index_no: 114403006955506492/2019-00001", "index_no: 坪办-2019-1"))
    assert messages(settings=Settings(index_no_pattern=r"坪办-\d{4}-\d+")) == []


def test_settings_defaults_and_file(tmp_path):
    assert load_settings(tmp_path) == Settings(tmp_path / "data", DEFAULT_INDEX_NO_PATTERN)
    (tmp_path / "zhenggai.yml").write_text("data_dir: notices\nindex_no_pattern: '^\\d+$'\n", encoding="utf-8")
    assert load_settings(tmp_path) == Settings(tmp_path / "notices", r"^\d+$")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- data\n", "配置文件的最外层应为一组键值（如 data_dir: data）"),
        ("data_dri: data\n", "未知的配置项 data_dri（可用：data_dir、index_no_pattern、pdf_cluster、pdf_cluster_tls、as_of、disclosure_months、follow_up_wait_days）"),
        ("index_no_pattern: '[0-9'\n", "index_no_pattern: 不是有效的正则表达式（第 1 个字符附近）"),
    ],
)
def test_broken_settings(tmp_path, text, expected):
    (tmp_path / "zhenggai.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'zhenggai.yml'}: {expected}"


@pytest.mark.parametrize(
    "text, expected",
    [
        # YAML errors in the words data files get.
        ("data_dir: [\n", "2: 方括号或花括号没有闭合"),
        # A day that does not exist: the message data files give, with the line and the setting.
        ("data_dir: data\nas_of: 2023-02-30\n", "2: as_of: “2023-02-30” 不是有效的日期"),
        ("as_of: 2023年2月3日\n", "1: as_of: “2023年2月3日” 不是有效的日期，请写成 2026-12-02 这样的形式"),
        # Duplicate keys are refused as in data files (the last value would silently win).
        ("disclosure_months: 2\ndata_dir: data\ndisclosure_months: 3\n",
         "3: disclosure_months: 重复的键：第 1 行已经有 disclosure_months"),
        # data_dir must be a folder inside the project, named without control characters.
        ('data_dir: "data\\0"\n', "1: data_dir: 第 5 个字符是控制字符 U+0000（空字符）：请删除"),
        *((f"data_dir: {folder}\n", f"1: data_dir: “{folder}” 是项目目录本身或它的上级目录，其下的所有 .yml 文件都会被当作数据读取："
           "数据目录应是单独的文件夹，如 data") for folder in ("../../..", "/", ".", "data/..")),
    ],
)
def test_settings_values_name_file_line_and_setting(tmp_path, text, expected):
    (tmp_path / "zhenggai.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'zhenggai.yml'}:{expected}"


def test_settings_periods_of_the_record_are_read_from_the_file(tmp_path):
    """disclosure_months and follow_up_wait_days (data/README.md) reach the rules the build judges by."""
    from zhenggai.disclosure import Rules

    assert load_settings(tmp_path).rules == Rules(2, 0)  # no file: the defaults
    (tmp_path / "zhenggai.yml").write_text("disclosure_months: 6\nfollow_up_wait_days: 365\n", encoding="utf-8")
    assert load_settings(tmp_path).rules == Rules(disclosure_months=6, follow_up_wait_days=365)
    (tmp_path / "zhenggai.yml").write_text("follow_up_wait_days: 0\n", encoding="utf-8")
    assert load_settings(tmp_path).rules == Rules(2, 0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("disclosure_months: -1\n", "1: disclosure_months: “-1” 应为 0 到 120 之间的整数（单位：个月）"),
        ("data_dir: data\nfollow_up_wait_days: 一年\n",
         "2: follow_up_wait_days: “一年” 应为 0 到 3660 之间的整数（单位：天）"),
        ("follow_up_wait_days: true\n", "1: follow_up_wait_days: “true” 应为 0 到 3660 之间的整数（单位：天）"),
        ("disclosure_months: 2.5\n", "1: disclosure_months: “2.5” 应为 0 到 120 之间的整数（单位：个月）"),
    ],
)
def test_settings_periods_are_whole_numbers_in_range(tmp_path, text, expected):
    (tmp_path / "zhenggai.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'zhenggai.yml'}:{expected}"


def test_settings_data_dir_inside_the_project_or_elsewhere_is_accepted(tmp_path):
    (tmp_path / "zhenggai.yml").write_text("data_dir: notices/../data\nas_of: 2023-02-28\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.data_dir == tmp_path / "notices/../data" and settings.as_of == dt.date(2023, 2, 28)
    # Data kept elsewhere is only previewed (tests/e2e/test_permanent.py), not refused.
    (tmp_path / "zhenggai.yml").write_text("data_dir: ../elsewhere\n", encoding="utf-8")
    assert load_settings(tmp_path).data_dir == tmp_path / "../elsewhere"


def test_diagnostic_format():
    error = Diagnostic(Level.ERROR, Path("data/x.yml"), 42, "inspection.feedback", "“2019-02-30” 不是有效的日期")
    assert str(error) == "data/x.yml:42: inspection.feedback: “2019-02-30” 不是有效的日期"
    warning = Diagnostic(Level.WARNING, Path("data/x.yml"), None, None, "文件为空")
    assert str(warning) == "警告：data/x.yml: 文件为空"


def test_cache_gives_the_same_result_and_misses_on_change(tmp_path):
    from zhenggai.data import load_all

    data = tmp_path / "data"
    data.mkdir()
    source = Path(__file__).resolve().parents[2] / "data" / "ps-zsj-2021-xuncha-jinzhan.yml"
    (data / "a.yml").write_bytes(source.read_bytes())
    fresh = load_all([data])
    first = load_all([data], cache_dir=tmp_path / "cache")
    cached = load_all([data], cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    assert fresh.diagnostics == first.diagnostics == cached.diagnostics
    assert list(fresh.collection) == list(cached.collection)
    (data / "a.yml").write_text(source.read_text(encoding="utf-8").replace("title: ", "title: 修订", 1), encoding="utf-8")
    changed = load_all([data], cache_dir=tmp_path / "cache")
    assert list(changed.collection)[0].title.startswith("修订")
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2


@pytest.mark.parametrize("files, expected", BROKEN.values(), ids=BROKEN.keys())
def test_every_diagnostic_carries_a_stable_code(write, files, expected):
    for name, content in files.items():
        write(name, content)
    result = load_all([Path(".")], Settings())
    for diagnostic in result.diagnostics:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", diagnostic.code), (diagnostic.code, str(diagnostic))
        assert diagnostic.code != "value.invalid" or "取值无效" in diagnostic.message, str(diagnostic)


@pytest.mark.parametrize(("old", "new", "code"), [
    ("  published: 2019-03-18", "  published: 2019-02-30", "date.invalid"),
    ("  problems: 2", "  problems: 3", "totals.mismatch"),
    ("  published:", "\tpublished:", "yaml.tab"),
    ("title: 中共", "titel: 中共", "key.unknown"),
    ("  postcode: 518000", "  postcode: 51800", "value.format"),
    ("                status: 正在推进中", "                status: 快完成了", "value.choice"),
])
def test_codes_name_the_kind_of_problem(write, old, new, code):
    write("x.yml", edit(old, new))
    codes = [d.code for d in load_all([Path(".")], Settings()).diagnostics]
    assert code in codes, codes


def test_a_path_that_is_no_regular_file_is_named_as_such_not_as_missing(tmp_path):
    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    for path in (Path(os.devnull), fifo):
        found, diagnostics = find_files([path])
        assert found == []
        assert [d.code for d in diagnostics] == ["file.not_regular"]
        assert "不是普通文件" in diagnostics[0].message and "不存在" not in diagnostics[0].message


def test_a_pipe_named_like_a_data_file_in_a_folder_is_an_error_not_a_hang(tmp_path):
    (tmp_path / "a.yml").write_text(VALID_YAML, encoding="utf-8")
    os.mkfifo(tmp_path / "b.yml")
    found, diagnostics = find_files([tmp_path])
    assert found == [tmp_path / "a.yml"]
    assert [(d.path.name, d.code) for d in diagnostics] == [("b.yml", "file.not_regular")]
