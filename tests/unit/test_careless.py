"""Careless input the model would accept is caught: each case gives one exact message and code."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.data import Settings, load_all
from zhenggai.clock import fixed_clock, read_clock
from zhenggai.data.diagnostics import place_in_words

# 2026-12-01 09:00 in Beijing: the time of the commit these tests pretend to build.
COMMIT_TIME = "1796086800"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path (short relative paths in the messages), building a known commit."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", COMMIT_TIME)


def edit(old: str, new: str, text: str = VALID_YAML) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def found(paths: tuple[str, ...] = (".",)) -> list[tuple[str, str]]:
    result = load_all([Path(p) for p in paths], Settings())
    return [(str(d), d.code) for d in result.diagnostics]


DECEMBER = VALID_YAML.replace("deadline: 计划6月底前完成", "deadline: 计划2027年6月底前完成")
HALF = ","  # a half-width comma, kept apart from Chinese characters in this file
TYPED = "像是手写的编号：网页和 PDF 按位置自动编号，手写的编号会重复显示，请删去"
INVISIBLE = "它会让网页和 PDF 中的文字错乱或隐藏，请删除（常见于从 Word、网页或聊天软件复制的文字）"
INDENT = "与上下同一层的键或列表项左对齐"
CONTROL = "它不是文字，会让网页、订阅源和 PDF 出错，请删除（多见于 \\0、\\e、\\x07 这样的转义写法，或从其他软件复制的文字）"
PRIVATE = ("同一个码位在不同的电脑和字体里是不同的字，网页和 PDF 上会显示成别的字或方框：请改用标准汉字；"
           "字库里确实没有的字，请用文字说明（如“王加月”）")

LOST = ("原文的这个字在转换编码时已经丢失，这里只剩一个替换符号（显示为 �）：请对照原文补上这个字"
        "（常见于编码损坏的网页或文本文件）")

RADICAL = ("看起来像汉字，却不是：搜索、复制和读屏软件都不把它当作那个字（常见于从 PDF 复制的文字），"
           "请改为对应的汉字")
BINARY = "用了 YAML 标签 !!binary（Base64 编码的内容）：数据文件中的文字请直接写出，不要编码"


def B64(text: str) -> str:  # noqa: N802 (reads as a constant's maker in the table below)
    return base64.b64encode(text.encode()).decode()


CARELESS = {
    "status missing among findings that have one": (
        edit("            status: 已完成\n", ""),
        [(
            "警告：x.yml:20: sections.1.categories.0.problems.0.status: 没有填写整改状态（status），"
            "而本文件有 1 个问题填写了：这一项在网页上没有状态标签，也不计入完成情况的统计（第二章 第一个方面 第一个问题）",
            "status.missing",
        )],
    ),
    "typed numbering in a problem title": (
        edit("title: 理论学习不够深入", "title: 1.‘三重一大’制度执行不到位"),
        [(f"警告：x.yml:20: sections.1.categories.0.problems.0.title: 开头的“1.”{TYPED}（第二章 第一个方面 第一个问题）",
          "numbering.typed")],
    ),
    "typed numbering in a category title": (
        edit("title: 党的领导和建设仍需加强", "title: （二）党的领导和建设仍需加强"),
        [(f"警告：x.yml:18: sections.1.categories.0.title: 开头的“（二）”{TYPED}（第二章 第一个方面）", "numbering.typed")],
    ),
    "typed numbering in a section heading": (
        edit("heading: 整改工作开展情况", "heading: 一、整改工作开展情况"),
        [(f"警告：x.yml:13: sections.0.heading: 开头的“一、”{TYPED}（第一章）", "numbering.typed")],
    ),
    "typed 一是 in a list of measures": (
        edit("              - 一是制定学习计划。\n", "              - 一是制定学习计划。\n              - 二是加强督促检查。\n"),
        [
            (f"警告：x.yml:23: sections.1.categories.0.problems.0.measures.0: 开头的“一是”{TYPED}"
             "（第二章 第一个方面 第一个问题 第一条措施）", "numbering.typed"),
            (f"警告：x.yml:24: sections.1.categories.0.problems.0.measures.1: 开头的“二是”{TYPED}"
             "（第二章 第一个方面 第一个问题 第二条措施）", "numbering.typed"),
        ],
    ),
    "wording that only looks like numbering": (
        # A decimal, 一把手 and 第一书记 are words; a single measure is printed without 一是,
        # so VALID_YAML's `- 一是制定学习计划。` (一是…二是… run on in one text) is not flagged.
        edit("title: 理论学习不够深入", "title: 1.5亿元资金使用不规范",
             edit("title: 党的领导和建设仍需加强", "title: 一把手责任落实不到位",
                  edit("title: 公务用车管理不规范", "title: 第一书记作用发挥不充分"))),
        [],
    ),
    "published in the future": (
        edit("published: 2019-03-18", "published: 2091-03-18"),
        [("x.yml:5: metadata.published: 发布日期 2091-03-18 晚于构建日期（2026-12-01）：发布日期不能在将来",
          "date.future")],
    ),
    "change note dated after the build's day": (
        VALID_YAML + "changes:\n  - date: 2099-01-01\n    note: 更正了一处表述。\n",
        [("x.yml:43: changes.0.date: 更正日期 2099-01-01 晚于构建日期（2026-12-01）：日期不能在将来（第一条更正记录）",
          "date.future")],
    ),
    "withdrawal dated after the build's day": (
        VALID_YAML + "withdrawn:\n  date: 2098-01-01\n  reason: 已另行发布\n",
        [("x.yml:43: withdrawn.date: 撤回日期 2098-01-01 晚于构建日期（2026-12-01）：日期不能在将来", "date.future")],
    ),
    "an import placeholder left in the title": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", "title: 【请填写标题】"),
        [("x.yml:2: title: 还留着导入时的占位文字“【请填写标题】”：请填写真实内容（草稿未完成，不能发布）",
          "draft.placeholder")],
    ),
    "an import placeholder inside a longer text": (
        edit("target: 某某局党组", "target: 【请填写被巡察党组织】党组"),
        [("x.yml:8: inspection.target: 还留着导入时的占位文字“【请填写被巡察党组织】”：请填写真实内容（草稿未完成，不能发布）",
          "draft.placeholder")],
    ),
    "an import placeholder written as a YAML escape": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", 'title: "\\u3010请填写标题\\u3011"'),
        [("x.yml:2: title: 还留着导入时的占位文字“【请填写标题】”：请填写真实内容（草稿未完成，不能发布）",
          "draft.placeholder")],
    ),
    "an import placeholder folded over two lines": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", "title: >-\n  【请\n  填写标题】"),
        [("x.yml:2: title: 还留着导入时的占位文字“【请 填写标题】”：请填写真实内容（草稿未完成，不能发布）",
          "draft.placeholder")],
    ),
    "a placeholder missing its closing bracket, or in other brackets or script": (
        edit("target: 某某局党组", "target: 【请填写被巡察党组织").replace("body: 市委第六巡察组", "body: 〖請填寫巡察組〗"),
        [("x.yml:7: inspection.body: 还留着导入时的占位文字“〖請填寫巡察組〗”：请填写真实内容（草稿未完成，不能发布）",
          "draft.placeholder"),
         ("x.yml:8: inspection.target: 还留着导入时的占位文字“【请填写被巡察党组织”：请填写真实内容（草稿未完成，不能发布）",
          "draft.placeholder")],
    ),
    "a to-do word left for later": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", "title: 中共某某局党组关于巡察整改情况的通报TODO"),
        [("警告：x.yml:2: title: 还留着“TODO”：像是待补的记号，请填写真实内容后删去", "draft.todo")],
    ),
    "written after published": (
        edit("  published: 2019-03-18\n", "  published: 2019-03-18\n  written: 2019-03-20\n"),
        [("x.yml:6: metadata.written: 成文日期 2019-03-20 晚于发布日期 2019-03-18", "date.order")],
    ),
    "signed after published": (
        edit("  date: 2019-03-18", "  date: 2019-03-25"),
        [("x.yml:41: signature.date: 落款日期 2019-03-25 晚于发布日期 2019-03-18", "date.order")],
    ),
    "feedback after published": (
        edit("feedback: 2019-01-08", "feedback: 2019-04-01"),
        [("x.yml:11: inspection.feedback: 巡察反馈日期 2019-04-01 晚于发布日期 2019-03-18", "date.order")],
    ),
    "right-to-left override": (
        edit("title: 中共某某局党组", "title: 中共某某局\u202e党组"),
        [(f"x.yml:2: title: 文字第 6 个字符是看不见的控制字符 U+202E（从右至左强制）：{INVISIBLE}", "text.invisible")],
    ),
    "zero-width spaces and a direction mark": (
        edit("- 一是制定学习计划。", "- 一是\u200b制定\u200b学习\u200e计划。"),
        [(
            "x.yml:23: sections.1.categories.0.problems.0.measures.0: 文字第 3、6、9 个字符是看不见的控制字符 "
            f"U+200B（零宽空格）、U+200E（从左至右标记）：{INVISIBLE}（第二章 第一个方面 第一个问题 第一条措施）",
            "text.invisible",
        )],
    ),
    "isolates and a byte order mark inside the text": (
        edit("address: 深圳市福田区某某路1号", "address: \u2066深圳市\u2069福田区\ufeff某某路1号"),
        [(
            "x.yml:36: contact.address: 文字第 1、5、9 个字符是看不见的控制字符 U+2066（从左至右隔离）、"
            f"U+2069（方向隔离结束）、U+FEFF（零宽不换行空格（字节顺序标记））：{INVISIBLE}",
            "text.invisible",
        )],
    ),
    "many invisible characters are counted, not all listed": (
        edit("body: 市委第六巡察组", "body: " + "市\u200b" * 7 + "委"),
        [(f"x.yml:7: inspection.body: 文字中有 7 个看不见的控制字符 U+200B（零宽空格）（第 2、4、6、8、10 个字符等处）："
          f"{INVISIBLE}", "text.invisible")],
    ),
    "right-to-left override written as a YAML escape": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", 'title: "中共某某局\\u202E党组关于巡察整改情况的通报"'),
        [(f"x.yml:2: title: 文字第 6 个字符是看不见的控制字符 U+202E（从右至左强制）：{INVISIBLE}", "text.invisible")],
    ),
    "zero-width space written as a YAML escape": (
        edit("- 一是制定学习计划。", '- "一是\\u200B制定学习计划。"'),
        [(
            "x.yml:23: sections.1.categories.0.problems.0.measures.0: 文字第 3 个字符是看不见的控制字符 "
            f"U+200B（零宽空格）：{INVISIBLE}（第二章 第一个方面 第一个问题 第一条措施）",
            "text.invisible",
        )],
    ),
    "NUL, ESC and BEL written as YAML escapes": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", 'title: "中共\\0某某局\\e党组\\x07关于巡察整改情况的通报"'),
        [(
            "x.yml:2: title: 文字第 3、7、10 个字符是控制字符 U+0000（空字符）、U+001B（转义符）、U+0007（响铃符）："
            f"{CONTROL}",
            "text.control",
        )],
    ),
    "control characters in a key and a line separator": (
        edit("  body: 市委第六巡察组", '  "bo\\bdy": 市委第六巡察组\n  target2: "某某局\\u2028党组"').replace(
            "  target: 某某局党组\n", ""),
        [
            ("x.yml:6: inspection.body: 缺少必填项（巡察组）", "field.missing"),
            ("x.yml:6: inspection.target: 缺少必填项（被巡察党组织）", "field.missing"),
            (f"x.yml:7: inspection.bo<U+0008>dy: 键名第 3 个字符是控制字符 U+0008（退格符）：{CONTROL}", "text.control"),
            ("x.yml:7: inspection.bo<U+0008>dy: 未知的键，请检查拼写（是否应为 body？）", "key.unknown"),
            (f"x.yml:8: inspection.target2: 文字第 4 个字符是控制字符 U+2028（行分隔符）：{CONTROL}", "text.control"),
            ("x.yml:8: inspection.target2: 未知的键，请检查拼写（是否应为 target？）", "key.unknown"),
        ],
    ),
    "private-use characters （造字），typed and escaped": (
        edit("address: 深圳市福田区某某路1号", 'address: "深圳市福田区某\\uE38F路1号"',
             edit("organisation: 中共某某局党组", "organisation: 中共某\U000F0001局党组")),
        [
            (f"x.yml:36: contact.address: 文字第 8 个字符是私用区字符（造字） U+E38F：{PRIVATE}", "text.private_use"),
            (f"x.yml:40: signature.organisation: 文字第 4 个字符是私用区字符（造字） U+F0001：{PRIVATE}",
             "text.private_use"),
        ],
    ),
    # A character lost in decoding (a NUL in a saved page becomes U+FFFD in libxml2) reached the
    # page and the PDF as a question-mark glyph with no word said.
    "a replacement character where a character was lost, typed and escaped": (
        edit("address: 深圳市福田区某某路1号", 'address: "深圳市福田区某\\uFFFD路1号"',
             edit("organisation: 中共某某局党组", "organisation: 中共某\ufffd局党组")),
        [
            (f"x.yml:36: contact.address: 文字第 8 个字符是替换符号 U+FFFD：{LOST}", "text.replacement"),
            (f"x.yml:40: signature.organisation: 文字第 4 个字符是替换符号 U+FFFD：{LOST}", "text.replacement"),
        ],
    ),
    "invisible character in a key": (
        edit("title: 中共", "ti\u200btle: 中共"),
        [
            ("x.yml:1: title: 缺少必填项（标题）", "field.missing"),
            (f"x.yml:2: ti\u200btle: 键名第 3 个字符是看不见的控制字符 U+200B（零宽空格）：{INVISIBLE}", "text.invisible"),
            ("x.yml:2: ti\u200btle: 未知的键，请检查拼写（是否应为 title？）", "key.unknown"),
        ],
    ),
    # Audit 6 #1: `!!binary` decoded bytes no check of the file's text could see; the placeholder
    # title and a U+202E were published and archived, NUL and ESC crashed the build.
    "a placeholder and a right-to-left override written as !!binary": (
        edit("title: 中共某某局党组关于巡察整改情况的通报", "title: !!binary " + B64("【请填写标题】\u202e")),
        [(f"x.yml:2: title: {BINARY}", "yaml.tag")],
    ),
    "NUL and ESC written as !!binary in a measure, with the long form of the tag": (
        edit("- 一是制定学习计划。", "- !<tag:yaml.org,2002:binary> " + B64("丙\x00\x1b局")),
        [(f"x.yml:23: sections.1.categories.0.problems.0.measures.0: {BINARY}（第二章 第一个方面 第一个问题 第一条措施）",
          "yaml.tag")],
    ),
    "a private-use character written as !!binary in a key": (
        edit("  body: 市委第六巡察组", "  !!binary " + B64("\ue000") + ": 市委第六巡察组"),
        [(f"x.yml:7: inspection: {BINARY}", "yaml.tag")],
    ),
    # Audit 6 #10: an impossible day in a deadline was silently no deadline at all.
    "a deadline on a day that does not exist": (
        edit("deadline: 计划6月底前完成", "deadline: 计划2023年2月29日前完成"),
        [("警告：x.yml:28: sections.1.categories.0.problems.1.items.0.deadline: 整改时限中的“2023年2月29日”不是实际存在的日期"
          "（2023年2月只有 28 天）：请核对时限；网站按时限的日期判断是否逾期，写错的日期读不出来（第二章 第一个方面 第二个问题 "
          "第一个问题表现）", "deadline.impossible_date")],
    ),
    "an earlier deadline in a month that does not exist": (
        edit("deadline: 计划6月底前完成", "deadline:\n                  text: 计划2019年6月30日前完成\n"
             "                  revisions:\n                    - text: 计划2019年13月底前完成\n"
             "                      revised: 2019-03-01\n                      reason: 工程量增加"),
        [("警告：x.yml:31: sections.1.categories.0.problems.1.items.0.deadline.revisions.0.text: 整改时限中的“2019年13月”"
          "不是实际存在的日期（一年只有 12 个月）：请核对时限；网站按时限的日期判断是否逾期，写错的日期读不出来（第二章 第一个方面 "
          "第二个问题 第一个问题表现）", "deadline.impossible_date")],
    ),
    # Audit 6 #9: Kangxi radicals (⼀⼯⽅, from text copied out of a PDF) look like 一工方 and are not.
    "Kangxi radicals that look like characters": (
        edit("title: 理论学习不够深入", "title: 理论学习\u2f2f作不深\u2f0a"),
        [("警告：x.yml:20: sections.1.categories.0.problems.0.title: 文字第 5、9 个字符是部首符号“\u2f2f”（U+2F2F，像“工”）、"
          f"“\u2f0a”（U+2F0A，像“入”）：{RADICAL}；运行 zhenggai punctuation 文件 可自动改为对应的汉字（第二章 第一个方面 第一个问题）",
          "text.radical")],
    ),
    "a supplementary radical with no character of its own": (
        edit("body: 市委第六巡察组", 'body: "市委第六巡察组\\u2E80"'),
        [(f"警告：x.yml:7: inspection.body: 文字第 8 个字符是部首符号“\u2e80”（U+2E80）：{RADICAL}", "text.radical")],
    ),
    # Stray indentation: before, each was reported on the line after, or as a colon problem.
    "stray indent on a key after a text": (
        edit("  published: 2019-03-18", "   published: 2019-03-18"),
        [(f"x.yml:5: 这一行的缩进（3 个空格）比同一层的其他行多了 1 个：应缩进 2 个空格，{INDENT}", "yaml.indent")],
    ),
    "stray indent on the first key of a block": (
        edit("  index_no: 1144", "   index_no: 1144"),
        [(f"x.yml:4: 这一行的缩进（3 个空格）比同一层的其他行多了 1 个：应缩进 2 个空格，{INDENT}", "yaml.indent")],
    ),
    "stray indent on the first item of a list": (
        edit("    - 0755-88127289\n", "     - 0755-88127289\n    - 0755-88127290\n    - 12345\n"),
        [(f"x.yml:35: 这一行的缩进（5 个空格）比同一层的其他行多了 1 个：应缩进 4 个空格，{INDENT}", "yaml.indent")],
    ),
    "missing indent": (
        edit("  end: 2018-12-10", " end: 2018-12-10"),
        [(f"x.yml:10: 这一行的缩进（1 个空格）比同一层的其他行少了 1 个：应缩进 2 个空格，{INDENT}", "yaml.indent")],
    ),
    "no space after the colon": (
        edit("            status: 已完成", "            status:已完成"),
        [("x.yml:21: “status:”后面缺少空格：键和值之间要用英文冒号加一个空格，应写成“status: 已完成”", "yaml.colon_space")],
    ),
    "no space after the colon of a block's only key": (
        edit("metadata:\n  index_no: 114403006955506492/2019-00001\n  published: 2019-03-18\n",
             "metadata:\n  published:2019-03-18\n"),
        [(
            "x.yml:3: metadata: 应为一组键值（key: value），而不是文字“published:2019-03-18”："
            "“published:”后面缺少空格，应写成“published: 2019-03-18”",
            "type.mapping",
        )],
    ),
    "list item swallowed by the one before": (
        edit("              - 一是制定学习计划。\n", "              - 一是制定学习计划。\n               - 二是加强督促检查。\n"),
        [(
            "x.yml:24: sections.1.categories.0.problems.0.measures.0: 这一行以“- ”开头，却比上一项多缩进了，"
            "被并进了上一项的文字：如果是新的一项，请与上一项的“- ”左对齐；如果确实是上一项的文字，请给整段加引号"
            "（第二章 第一个方面 第一个问题 第一条措施）",
            "yaml.merged_item",
        )],
    ),
    "half-width punctuation in Chinese sentences": (
        # The text of the data, as imported from a page that used half-width marks (literal
        # ASCII below, kept apart from Chinese characters so that the punctuation fixer of
        # tests/support/punctuation.py leaves it as it is).
        edit("      - 局党组高度重视巡察整改工作。", "      - 局党组高度重视巡察整改工作" + HALF + "成立领导小组(组长:书记)。")
        .replace("title: 制度执行不严格", "title: 制度执行不严格" + HALF + "有漏洞"),
        [(
            "警告：x.yml:15: sections.0.paragraphs.0: 中文句子中有 5 个半角标点（ , : ; ( ) ），如“重视巡察整改工作,成立领导小组(组”，"
            "另见第 24 行：应改为全角的“，：；（）”（GB/T 15834），半角标点夹在汉字中间显得挤，字距不匀；"
            "运行 zhenggai punctuation 文件 可自动改正（第一章 第一段）",
            "punct.halfwidth",
        )],
    ),
    "key indented into the block above": (
        edit("  index_no: 114403006955506492/2019-00001\n  published: 2019-03-18\ninspection:\n  body: 市委第六巡察组\n",
             "  index_no: 114403006955506492/2019-00001\n  published: 2019-03-18\n  source: 廉洁深圳\n"
             "  signature: 中共某某局党组\ninspection:\n  body: 市委第六巡察组\n"),
        [(
            "x.yml:7: metadata.signature: signature 不是 metadata 下的键，而是与 metadata 同一层的键："
            "这一行多缩进了，请与 metadata 左对齐",
            "key.unknown",
        )],
    ),
}


@pytest.mark.parametrize("text, expected", CARELESS.values(), ids=CARELESS.keys())
def test_careless_input_gives_exact_message_and_code(write, text, expected):
    write("x.yml", text)
    assert found() == expected


def test_a_file_name_the_importer_made_up_is_an_error(write):
    write("import-83f7f00b.yml", VALID_YAML)
    assert found() == [(
        "import-83f7f00b.yml: 文件名“import-83f7f00b”是导入时临时起的编号：请把文件改名为有意义的编号"
        "（如 sz-bgt-2019-zhenggai.yml；编号会出现在网址和 PDF 文件名中），草稿未完成，不能发布",
        "draft.id",
    )]


def test_import_does_not_call_a_draft_under_a_made_up_name_finished(tmp_path, capsys):
    """Before: “草稿已通过校验”, exit 0, for data/import-xxxxxxxx.yml, which then built and was archived."""
    from zhenggai.cli import main

    source = tmp_path / "通报.txt"
    seed = Path(__file__).resolve().parents[1] / "seeds"
    source.write_text(next(seed.glob("000_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["import", str(source)]) == 1
    out = capsys.readouterr().out
    assert "草稿已通过校验" not in out and "是导入时临时起的编号" in out


@pytest.mark.parametrize(("name", "code"), [
    ("a" * 101, "id.too_long"),
    ("con", "id.reserved"),
    ("nul", "id.reserved"),
    ("lpt1", "id.reserved"),
])
def test_ids_that_cannot_be_file_names_everywhere_are_errors(write, name, code):
    write(f"{name}.yml", VALID_YAML)
    [(_, found_code)] = found()
    assert found_code == code


def test_careless_input_after_a_clean_load_is_still_caught_from_the_cache(tmp_path, write):
    """The load cache keeps what a file's bytes gave; the date of the build is judged each time."""
    # A December notice: its plan's month is given its year (a year-less 6月 would be a guessed date).
    write("data/x.yml", edit("published: 2019-03-18", "published: 2026-12-05", DECEMBER))
    cache = tmp_path / "cache"
    early = load_all([Path("data")], Settings(), cache_dir=cache, clock=fixed_clock(dt.date(2026, 12, 1)))
    late = load_all([Path("data")], Settings(), cache_dir=cache, clock=fixed_clock(dt.date(2026, 12, 5)))
    assert [d.code for d in early.diagnostics] == ["date.future"] and not early.ok
    assert late.diagnostics == () and [d.id for d in late.collection] == ["x"]


def test_a_notice_of_today_is_not_in_the_future(write, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setattr("zhenggai.clock.now", lambda: 1796695200)  # 2026-12-08 in Beijing
    today = read_clock().day
    assert today == dt.date(2026, 12, 8)
    text = edit("published: 2019-03-18", f"published: {today}", edit("  date: 2019-03-18", f"  date: {today}", DECEMBER))
    write("x.yml", text)
    assert found() == []
    write("x.yml", edit(f"published: {today}", f"published: {today + dt.timedelta(days=1)}", text))
    assert found() == [(
        f"x.yml:5: metadata.published: 发布日期 {today + dt.timedelta(days=1)} 晚于今天（{today}）：发布日期不能在将来",
        "date.future",
    )]


@pytest.mark.parametrize(("field", "words"), [
    ("sections.1.categories.0.problems.2", "第二章 第一个方面 第三个问题"),
    ("sections.0.sections.1.sections.2.points.0.points.3", "第一章 第二节 第三小节 第一个要点 第四个分项"),
    ("sections.1.categories.0.problems.0.items.1.measures.2.points.0",
     "第二章 第一个方面 第一个问题 第二个问题表现 第三条措施 第一个分项"),
    ("sections.11.paragraphs.0", "第十二章 第一段"),
    ("opening.3", "开头第四段"),
    ("contact.phones.0", "第一个电话"),
    ("metadata.published", ""),
    ("sections", ""),
])
def test_place_in_words_counts_from_one(field, words):
    assert place_in_words(field) == words



FULL_WIDTH = edit("    - 0755-88127289\n", "    - ０７５５－８８１２７２８９\n    - number: ８８１２７２８９\n      label: 举报电话\n",
                  edit("postcode: 518000", "postcode: ５１８０００",
                       edit("contact:\n", "contact:\n  area_code: ０７５５\n",
                            edit("114403006955506492/2019-00001", "１１４４０３００６９５５５０６４９２／２０１９－０００２１"))))


def test_full_width_digits_are_read_as_the_digits_they_are(write):
    """Typed with a Chinese input method: the page, its tel: links and the checks see ASCII digits."""
    from zhenggai.site.render import tel_href

    write("x.yml", FULL_WIDTH)
    result = load_all([Path(".")], Settings())
    assert result.diagnostics == ()
    contact = result.collection.by_id("x").contact
    assert [p.number for p in contact.phones] == ["0755-88127289", "88127289"]
    assert [tel_href(p, contact) for p in contact.phones] == ["tel:0755-88127289", "tel:0755-88127289"]
    assert (contact.postcode, contact.area_code) == ("518000", "0755")
    assert result.collection.by_id("x").metadata.index_no == "114403006955506492/2019-00021"


def test_an_index_number_in_full_width_digits_is_still_a_duplicate(write):
    write("a.yml", FULL_WIDTH)
    write("b.yml", VALID_YAML.replace("2019-00001", "2019-00021"))
    assert found() == [
        ("a.yml:4: metadata.index_no: 索引号“114403006955506492/2019-00021”重复：b.yml 也使用了这个索引号",
         "index_no.duplicate"),
        ("b.yml:4: metadata.index_no: 索引号“114403006955506492/2019-00021”重复：a.yml 也使用了这个索引号",
         "index_no.duplicate"),
    ]


@pytest.mark.parametrize("index_no", ["MMDX-2023-000318", "00956234-5/2023-01187", "361021-0045/2025-00012"])
def test_index_numbers_as_portals_print_them_are_valid(write, index_no):
    write("x.yml", edit("114403006955506492/2019-00001", index_no))
    assert not [code for _, code in found() if code == "index_no.format"]


@pytest.mark.parametrize("index_no", ["114403006955506492/19-00001", "114403006955506492/2019-", "/2019-00001"])
def test_an_index_number_with_a_broken_year_or_serial_is_refused(write, index_no):
    write("x.yml", edit("114403006955506492/2019-00001", index_no))
    assert [code for _, code in found() if code == "index_no.format"] == ["index_no.format"]


def test_digits_of_other_scripts_are_not_digits(write):
    write("x.yml", edit("- 0755-88127289", "- ٠٧٥٥-٨٨١٢٧٢٨٩", edit("postcode: 518000", "postcode: '٥١٨٠٠٠'",
                        edit("2019-00001", "٢٠١٩-00001"))))
    assert found() == [
        ("x.yml:4: metadata.index_no: 索引号“114403006955506492/٢٠١٩-00001”的格式不符合 zhenggai.yml 中的 "
         "index_no_pattern（^[0-9A-Z]+(?:-[0-9A-Z]+)*[/-][0-9]{4}-[0-9]{3,8}$），如 114403006955506492/2019-00001", "index_no.format"),
        ("x.yml:35: contact.phones.0: “٠٧٥٥-٨٨١٢٧٢٨٩” 不是有效的电话号码，应写成 0755-88127289、88127289、"
         "13812345678 或 12345 这样的形式（第一个电话）", "value.format"),
        ("x.yml:37: contact.postcode: “٥١٨٠٠٠” 不是有效的邮政编码，应为 6 位数字，如 518000", "value.format"),
    ]


def test_escaped_control_characters_stop_validate_with_a_chinese_message(write, capsys):
    """Before, "\\e" and "\\x07" passed `validate` and then crashed the build in the feeds and the PDF metadata."""
    from zhenggai.cli import main

    write("x.yml", edit("title: 中共某某局党组关于巡察整改情况的通报", 'title: "中共某某局党组\\e[31m关于巡察\\x07整改情况的通报"'))
    assert main(["validate", "x.yml"]) == 1
    out, err = capsys.readouterr()
    assert f"x.yml:2: title: 文字第 8、17 个字符是控制字符 U+001B（转义符）、U+0007（响铃符）：{CONTROL}" in out
    assert "Traceback" not in out + err and "\x1b" not in out and "\x07" not in out


def test_a_document_without_typed_numbering_is_not_numbered_to_check_it(monkeypatch):
    """The typed-numbering check numbered every document to find its labelled texts (issue 25:
    a cold build's load); it numbers only a document where some text looks typed."""
    from zhenggai.data import checks

    def no_numbering(doc):
        raise AssertionError("numbered a document without typed numbering")

    Path("x.yml").write_text(edit("- 一是制定学习计划。", "- 制定学习计划。"), encoding="utf-8")
    monkeypatch.setattr(checks, "number_document", no_numbering)
    assert "numbering.typed" not in {code for _, code in found()}
    Path("x.yml").write_text(edit("title: 理论学习不够深入", "title: 1.‘三重一大’制度执行不到位"), encoding="utf-8")
    with pytest.raises(AssertionError, match="numbered a document"):
        found()


@pytest.mark.parametrize("deadline", ["本月底前完成", "2025年完成"])
def test_a_deadline_that_names_a_time_but_cannot_be_read_is_said(write, deadline):
    write("x.yml", edit("deadline: 计划6月底前完成", f"deadline: {deadline}"))
    assert [code for _, code in found()] == ["deadline.unread"]
    write("x.yml", edit("deadline: 计划6月底前完成", "deadline: 长期坚持"))
    assert found() == []


@pytest.mark.parametrize(("deadline", "said"), [
    ("计划1月底前完成", "按2020年1月31日计"),  # published 2019-03-18: next January
    ("已于2019年1月完成调研，计划2019年6月底前完成", "按2019年6月30日计"),
    ("计划3月5日前完成", "未读出日期"),  # this month, already past: undecidable
])
def test_a_deadline_whose_date_was_assumed_is_said_with_the_date(write, deadline, said):
    write("x.yml", edit("deadline: 计划6月底前完成", f"deadline: {deadline}"))
    messages = found()
    assert [code for _, code in messages] == ["deadline.guessed"]
    assert said in messages[0][0] and deadline in messages[0][0]
