"""zhenggai.importer.docx: Word notices read as blocks, with Word's own list labels resolved."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from support.docx import (
    NOTICE_LEVELS,
    SEED_LEVELS,
    Lvl,
    add_abstract,
    add_list,
    add_num,
    add_run_xml,
    build_seed,
    new_document,
    numbered,
    numbering_root,
    save,
    set_numbering,
)

from zhenggai.importer import import_notice
from zhenggai.importer.docx import DocxError, Paragraph, Table, iter_docx, read_docx
from zhenggai.importer.ledger import ledger_problems
from zhenggai.importer.numerals import format_number
from zhenggai.importer.sources import read_source


def labels(blocks) -> list[tuple[str, str]]:
    return [(b.label, b.text) for b in blocks if isinstance(b, Paragraph)]


def test_seed_000_labels_are_words_numbering_running_through_the_notice(tmp_path):
    # 000 numbers problems 1.…12. and items (1)…(17) through the whole notice: lvlRestart=0.
    levels = list(SEED_LEVELS)
    levels[2] = Lvl("decimal", "%3.", restart=0)
    levels[3] = Lvl("decimal", "(%4)", restart=0)
    path, lines = build_seed(tmp_path, "000", levels)
    blocks = read_docx(path)
    assert labels(blocks) == [(line.label, line.text) for line in lines]
    assert [b.level for b in blocks if b.label][:9] == [0, 1, 1, 1, 1, 0, 1, 2, 3]
    measure = next(b for b in blocks if b.text.startswith("一是强化制度建设"))
    assert (measure.label, measure.level, measure.bold_prefix) == ("", None, "一是强化制度建设。")
    assert measure.style == "Normal"


def test_seed_001_problems_restart_in_each_category(tmp_path):
    path, lines = build_seed(tmp_path, "001", SEED_LEVELS)
    got = labels(read_docx(path))
    assert got == [(line.label, line.text) for line in lines]
    shown = [label for label, _ in got if label]
    assert shown.count("1.") == 6  # once per category
    assert shown[-6:] == ["(六)", "1.", "2.", "3.", "4.", "三、"]


def test_list_continues_across_other_paragraphs_and_tables(tmp_path):
    document = new_document()
    num_id = add_list(document, [("decimal", "%1.")])
    numbered(document, "建立台账", num_id)
    numbered(document, "召开专题会", num_id)
    document.add_paragraph("以上措施已于2019年1月完成。")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "附表"
    document.add_paragraph("   ")  # empty: skipped
    numbered(document, "开展自查", num_id)
    blocks = read_docx(save(document, tmp_path / "a.docx"))
    assert labels(blocks) == [
        ("1.", "建立台账"),
        ("2.", "召开专题会"),
        ("", "以上措施已于2019年1月完成。"),
        ("3.", "开展自查"),
    ]
    assert isinstance(blocks[3], Table)


def test_lower_level_restarts_after_a_new_higher_item(tmp_path):
    document = new_document()
    num_id = add_list(document)
    for text, ilvl in [
        ("党的领导", 1),
        ("学习不深入", 2),
        ("制度不落实", 2),
        ("作风建设", 1),
        ("形式主义", 2),
        ("问题表现", 3),
    ]:
        numbered(document, text, num_id, ilvl)
    got = [b.label for b in read_docx(save(document, tmp_path / "a.docx"))]
    # A list that begins at level 1 counts level 0 as used once (Word shows 一 in %1).
    assert got == ["（一）", "1.", "2.", "（二）", "1.", "（1）"]


def test_skipped_level_counts_as_used(tmp_path):
    document = new_document()
    num_id = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2")])
    numbered(document, "子项", num_id, 1)
    numbered(document, "大项", num_id, 0)
    numbered(document, "子项", num_id, 1)
    got = [b.label for b in read_docx(save(document, tmp_path / "a.docx"))]
    assert got == ["1.1", "2.", "2.1"]


def test_start_override_restarts_and_instances_of_one_list_continue(tmp_path):
    document = new_document()
    abstract = add_abstract(document, [("decimal", "%1.")])
    first = add_num(document, abstract)
    restarted = add_num(document, abstract, {0: 1})
    continued = add_num(document, abstract)
    from_five = add_num(document, abstract, {0: 5})
    for num_id, texts in [(first, "甲乙"), (restarted, "丙丁"), (continued, "戊"), (from_five, "己庚")]:
        for text in texts:
            numbered(document, text, num_id)
    got = labels(read_docx(save(document, tmp_path / "a.docx")))
    # Word counts per abstractNum: a second w:num without startOverride carries on (3.).
    assert got == [
        ("1.", "甲"),
        ("2.", "乙"),
        ("1.", "丙"),
        ("2.", "丁"),
        ("3.", "戊"),
        ("5.", "己"),
        ("6.", "庚"),
    ]


def _style_numbering(document, style_name: str, num_id: int | None, ilvl: int | None):
    set_numbering(document.styles[style_name], num_id, ilvl)


def test_numbering_inherited_from_heading_styles(tmp_path):
    document = new_document()
    style_ids = ("Heading1", "Heading2", "Heading3", "ZhItem")
    levels = [Lvl(fmt, text, style=style_ids[i]) for i, (fmt, text) in enumerate(NOTICE_LEVELS)]
    num_id = add_list(document, levels)
    _style_numbering(document, "Heading 1", num_id, None)
    _style_numbering(document, "Heading 2", num_id, 1)
    _style_numbering(document, "Heading 3", num_id, 0)  # the lvl's w:pStyle says 2, and wins
    custom = document.styles.add_style("ZhItem", 1)  # 1: paragraph style
    custom.base_style = document.styles["Heading 3"]  # numId inherited through w:basedOn
    custom.element.name_val = "标题 4"
    for text, style in [
        ("整改工作开展情况", "Heading 1"),
        ("统一思想认识", "Heading 2"),
        ("正文段落。", None),
        ("整改工作落实情况", "Heading 1"),
        ("党的领导", "Heading 2"),
        ("学习不深入", "Heading 3"),
        ("具体表现", "标题 4"),
    ]:
        document.add_paragraph(text, style=style)
    blocks = read_docx(save(document, tmp_path / "a.docx"))
    assert [(b.label, b.level, b.style) for b in blocks] == [
        ("一、", 0, "Heading 1"),
        ("（一）", 1, "Heading 2"),
        ("", None, "Normal"),
        ("二、", 0, "Heading 1"),
        ("（一）", 1, "Heading 2"),
        ("1.", 2, "Heading 3"),
        ("（1）", 3, "标题 4"),
    ]


def test_num_id_zero_switches_off_style_numbering_and_unknown_lists_are_plain(tmp_path):
    document = new_document()
    num_id = add_list(document)
    _style_numbering(document, "Heading 1", num_id, 0)
    document.add_paragraph("一级标题", style="Heading 1")
    set_numbering(document.add_paragraph("不编号的标题", style="Heading 1"), 0, 0)
    set_numbering(document.add_paragraph("指向不存在的编号"), 99, 0)
    # python-docx's own template numbers List Number through its style: numbering we did not write.
    document.add_paragraph("模板里的编号样式", style="List Number")
    document.add_paragraph("二级标题", style="Heading 1")
    got = [(b.label, b.level) for b in read_docx(save(document, tmp_path / "a.docx"))]
    assert got == [("一、", 0), ("", None), ("", None), ("1.", 0), ("二、", 0)]


def test_chinese_counting_thousand_past_ten(tmp_path):
    document = new_document()
    num_id = add_list(document, [("chineseCountingThousand", "（%1）")])
    for n in range(25):
        numbered(document, f"问题{n + 1}", num_id)
    late = add_list(document, [Lvl("chineseCountingThousand", "%1、", start=99)])
    for _ in range(3):
        numbered(document, "后续", late)
    got = [b.label for b in read_docx(save(document, tmp_path / "a.docx"))]
    assert got[:3] == ["（一）", "（二）", "（三）"]
    assert got[9:12] == ["（十）", "（十一）", "（十二）"]
    assert got[19:25] == ["（二十）", "（二十一）", "（二十二）", "（二十三）", "（二十四）", "（二十五）"]
    assert got[25:] == ["九十九、", "一百、", "一百零一、"]


def test_references_to_other_levels_use_their_formats_unless_legal(tmp_path):
    document = new_document()
    chapters = add_list(document, [("chineseCounting", "第%1章"), ("decimal", "%1.%2")])
    legal = add_list(document, [("chineseCounting", "第%1章"), Lvl("decimal", "%1.%2", legal=True)])
    for num_id in (chapters, legal):
        numbered(document, "总则", num_id, 0)
        numbered(document, "目的", num_id, 1)
        numbered(document, "依据", num_id, 1)
    got = [b.label for b in read_docx(save(document, tmp_path / "a.docx"))]
    assert got == ["第一章", "一.1", "一.2", "第一章", "1.1", "1.2"]


@pytest.mark.parametrize(
    "num_fmt, values, expected",
    [
        ("decimal", (1, 12), ("1", "12")),
        ("chineseCounting", (1, 10, 11, 20, 21, 99), ("一", "十", "十一", "二十", "二十一", "九十九")),
        (
            "chineseCountingThousand",
            (10, 11, 100, 101, 110, 1010),
            ("十", "十一", "一百", "一百零一", "一百一十", "一千零一十"),
        ),
        ("taiwaneseCountingThousand", (3, 15), ("三", "十五")),
        ("ideographTraditional", (1, 4, 10, 11), ("甲", "丁", "癸", "11")),
        ("ideographDigital", (1, 10, 23), ("一", "一〇", "二三")),
        ("ideographZodiac", (1, 12), ("子", "亥")),
        ("decimalEnclosedCircle", (1, 20, 21), ("①", "⑳", "21")),
        ("decimalEnclosedParen", (1, 12), ("⑴", "⑿")),
        ("decimalEnclosedFullstop", (1, 3), ("⒈", "⒊")),
        ("decimalFullWidth", (1, 12), ("１", "１２")),
        ("ideographEnclosedCircle", (1, 10), ("㈠", "㈩")),
        ("chineseLegalSimplified", (1, 10, 11, 101), ("壹", "壹拾", "壹拾壹", "壹佰零壹")),
        ("japaneseCounting", (10, 11, 101), ("十", "十一", "百一")),
        ("lowerLetter", (1, 26, 27), ("a", "z", "aa")),
        ("upperLetter", (2, 28), ("B", "BB")),
        ("lowerRoman", (4, 9, 14), ("iv", "ix", "xiv")),
        ("upperRoman", (1999,), ("MCMXCIX",)),
        ("decimalZero", (7, 12), ("07", "12")),
        ("none", (3,), ("",)),
        ("somethingNew", (3,), ("3",)),
    ],
)
def test_number_formats(num_fmt, values, expected):
    assert tuple(format_number(n, num_fmt) for n in values) == expected


def test_custom_format_from_word_2010(tmp_path):
    document = new_document()
    num_id = add_list(document, [("decimal", "%1.")])
    lvl = numbering_root(document).xpath("w:abstractNum[last()]/w:lvl")[0]
    lvl.find(qn("w:numFmt")).addprevious(
        parse_xml(
            f'<mc:AlternateContent {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
            '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
        )
    )
    lvl.remove(lvl.find(qn("w:numFmt")))
    numbered(document, "甲", num_id)
    assert [b.label for b in read_docx(save(document, tmp_path / "a.docx"))] == ["001."]


def test_bullets_show_their_symbol(tmp_path):
    document = new_document()
    num_id = add_list(document, [("bullet", "\uf06c"), ("bullet", "●")])
    numbered(document, "符号字体的圆点", num_id, 0)
    numbered(document, "普通圆点", num_id, 1)
    assert [(b.label, b.level) for b in read_docx(save(document, tmp_path / "a.docx"))] == [
        ("•", 0),
        ("●", 1),
    ]


def test_list_style_link(tmp_path):
    document = new_document()
    style = document.styles.add_style("ZhNoticeList", 4)  # 4: numbering style
    real = add_abstract(document, NOTICE_LEVELS, style_link="ZhNoticeList")
    style_num = add_num(document, real)
    set_numbering(style, style_num, None)
    linked = add_abstract(document, [("decimal", "%1)")], num_style_link="ZhNoticeList")
    num_id = add_num(document, linked)
    numbered(document, "第一部分", num_id, 0)
    numbered(document, "第一方面", num_id, 1)
    assert [b.label for b in read_docx(save(document, tmp_path / "a.docx"))] == ["一、", "（一）"]


def test_rectification_table(tmp_path):
    document = new_document()
    serial = add_list(document, [("decimal", "%1")])
    header = ("序号", "问题", "整改措施", "责任单位", "完成时限", "整改情况")
    rows = [
        ("“三重一大”制度执行有偏差", "修订议事决策规则", "办公室", "2019年1月", "已完成"),
        ("对代管单位领导力度不够", "每半年听取工作汇报", "办公室", "长期坚持", "已完成"),
        ("公共资源交易平台建设迟缓", "加快平台建设", "原市政务办", "2019年3月底", "正在推进中"),
    ]
    table = document.add_table(rows=len(rows) + 2, cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    for r, row in enumerate(rows, start=1):
        set_numbering(table.cell(r, 0).paragraphs[0], serial, 0)  # 序号 numbered by Word
        for column, text in enumerate(row, start=1):
            table.cell(r, column).text = text
    table.cell(1, 3).merge(table.cell(2, 3))  # one 责任单位 for two rows (w:vMerge)
    table.cell(1, 3).text = "办公室"
    last = len(rows) + 1
    table.cell(last, 0).merge(table.cell(last, 2)).text = "合计 3 项"  # w:gridSpan
    (block,) = read_docx(save(document, tmp_path / "a.docx"))
    assert block == Table(
        (
            header,
            ("1", "“三重一大”制度执行有偏差", "修订议事决策规则", "办公室", "2019年1月", "已完成"),
            ("2", "对代管单位领导力度不够", "每半年听取工作汇报", "", "长期坚持", "已完成"),
            ("3", "公共资源交易平台建设迟缓", "加快平台建设", "原市政务办", "2019年3月底", "正在推进中"),
            ("合计 3 项", "", "", "", "", ""),
        )
    )


def test_tracked_changes_show_the_final_text(tmp_path):
    document = new_document()
    num_id = add_list(document, [("decimal", "%1.")])
    first = numbered(document, "建立", num_id)
    add_run_xml(
        first,
        '<w:ins w:id="1" w:author="a" w:date="2019-03-01T00:00:00Z"><w:r><w:t>健全</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a" w:date="2019-03-01T00:00:00Z"><w:r><w:delText>草拟</w:delText></w:r></w:del>'
        "<w:r><w:t>制度</w:t></w:r>",
    )
    gone = numbered(document, "", num_id)  # a whole numbered paragraph deleted
    gone._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:rPr {nsdecls("w")}><w:del w:id="3" w:author="a" w:date="2019-03-01T00:00:00Z"/></w:rPr>'
        )
    )
    add_run_xml(
        gone,
        '<w:del w:id="4" w:author="a" w:date="2019-03-01T00:00:00Z"><w:r><w:delText>删去的措施</w:delText></w:r></w:del>',
    )
    moved = numbered(document, "", num_id)
    add_run_xml(
        moved,
        '<w:moveFrom w:id="5" w:author="a" w:date="2019-03-01T00:00:00Z"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="6" w:author="a" w:date="2019-03-01T00:00:00Z"><w:r><w:t>新位置</w:t></w:r></w:moveTo>',
    )
    assert labels(read_docx(save(document, tmp_path / "a.docx"))) == [
        ("1.", "建立健全制度"),
        ("2.", "新位置"),
    ]


def test_fields_hyperlinks_and_content_controls(tmp_path):
    document = new_document()
    paragraph = document.add_paragraph("第")
    add_run_xml(
        paragraph,
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页,详见</w:t></w:r>'
        '<w:hyperlink w:anchor="x"><w:r><w:t>附件</w:t></w:r></w:hyperlink>'
        '<w:fldSimple w:instr=" REF x "><w:r><w:t>(一)</w:t></w:r></w:fldSimple>'
        "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>。</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:Choice Requires="wps"><w:r><w:t>新格式</w:t></w:r></mc:Choice>'
        "<mc:Fallback><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></mc:Fallback></mc:AlternateContent>",
    )
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>"
            "<w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            "<w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    assert labels(read_docx(save(document, tmp_path / "a.docx"))) == [
        ("", "文本框"),  # a text box: read once, just before the paragraph it is anchored to
        ("", "第3页,详见附件(一)。"),
        ("", "内容控件里的段落"),
    ]


def test_tabs_line_breaks_and_empty_paragraphs(tmp_path):
    document = new_document()
    num_id = add_list(document, [("decimal", "%1.")])
    document.add_paragraph("")
    paragraph = document.add_paragraph("\u3000\u3000联系电话:")
    paragraph.add_run().add_tab()
    paragraph.add_run("0755-88127289")
    paragraph.add_run().add_break()
    paragraph.add_run("邮箱:jubao@example.gov.cn  ")
    numbered(document, "", num_id)  # empty but numbered: Word shows and spends "1."
    numbered(document, "第二项", num_id)
    assert labels(read_docx(save(document, tmp_path / "a.docx"))) == [
        ("", "联系电话:\t0755-88127289\n邮箱:jubao@example.gov.cn"),
        ("1.", ""),
        ("2.", "第二项"),
    ]


def test_typed_labels_stay_in_the_text(tmp_path):
    document = new_document()
    document.add_paragraph("一、提高政治站位,坚决落实市委巡察要求", style="Heading 1")
    document.add_paragraph("(一)统一思想认识,抓好统筹部署。")
    blocks = read_docx(save(document, tmp_path / "a.docx"))
    assert [(b.label, b.level, b.text[:5], b.style) for b in blocks] == [
        ("", None, "一、提高政", "Heading 1"),
        ("", None, "(一)统一", "Normal"),
    ]


@pytest.mark.parametrize(
    "runs, expected",
    [
        ([("一是强化制度建设。", True), ("修订完善了议事规则。", False)], "一是强化制度建设。"),
        ([("\u3000\u3000", False), ("二是", True), ("严格", True), ("执行制度。", False)], "二是严格"),
        ([("整改情况:", False), ("已完成", True)], ""),
        ([("全文加粗", True)], "全文加粗"),
        ([("一是加强监督。", True), (" ", False), ("二是", True)], "一是加强监督。 二是"),
    ],
)
def test_bold_prefix(tmp_path, runs, expected):
    document = new_document()
    paragraph = document.add_paragraph()
    for text, bold in runs:
        paragraph.add_run(text).bold = bold
    (block,) = read_docx(save(document, tmp_path / "a.docx"))
    assert block.bold_prefix == expected
    assert block.text.startswith(block.bold_prefix)


def test_bold_from_styles(tmp_path):
    document = new_document()
    strong = document.styles.add_style("Lead", 2)  # 2: character style
    strong.font.bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("一是完善制度安排。", style="Lead")
    paragraph.add_run("明确每半年听取一次汇报。")
    heading = document.add_paragraph("整改工作开展情况", style="Heading 1")  # bold by style
    heading.add_run("(续)").bold = False
    got = [b.bold_prefix for b in read_docx(save(document, tmp_path / "a.docx"))]
    assert got == ["一是完善制度安排。", "整改工作开展情况"]


def test_level_override_redefines_a_level(tmp_path):
    document = new_document()
    abstract = add_abstract(document, [("decimal", "%1.")])
    num_id = add_num(document, abstract)
    num = numbering_root(document).xpath(f'w:num[@w:numId="{num_id}"]')[0]
    num.append(
        parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl></w:lvlOverride>'
        )
    )
    numbered(document, "总则", num_id)
    numbered(document, "附则", num_id)
    assert [b.label for b in read_docx(save(document, tmp_path / "a.docx"))] == ["第一条", "第二条"]


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{type}"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.mark.parametrize(
    "content, code, message",
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "docx.legacy",
            "无法读取 Word 文件 {path}：这是旧版 .doc 格式，请先在 Word 或 WPS 中另存为 .docx",
        ),
        ("整改情况通报".encode(), "docx.not_zip", "无法读取 Word 文件 {path}：不是有效的 .docx（zip）文件"),
        (
            _zip({"readme.txt": "x"}),
            "docx.not_word",
            "无法读取 Word 文件 {path}：压缩包里没有 Word 文档正文，不是 .docx 文件",
        ),
        (
            _zip(
                {
                    "[Content_Types].xml": _CONTENT_TYPES.format(type=_XLSX_MAIN),
                    "_rels/.rels": _RELS,
                    "word/document.xml": "<x/>",
                }
            ),
            "docx.not_word",
            "无法读取 Word 文件 {path}：不是 Word 文档（可能是 Excel 或 PowerPoint 文件）",
        ),
        (
            _zip(
                {
                    "[Content_Types].xml": _CONTENT_TYPES.format(type=_DOCX_MAIN),
                    "_rels/.rels": _RELS,
                    "word/document.xml": "<w:document",
                }
            ),
            "docx.corrupt",
            "无法读取 Word 文件 {path}：文件内容已损坏（XML 无法解析）",
        ),
        (None, "docx.missing", "无法读取 Word 文件 {path}：文件不存在"),
    ],
)
def test_unreadable_files(tmp_path, content, code, message):
    path = tmp_path / "整改通报.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DocxError) as caught:
        read_docx(path)
    assert caught.value.code == code
    assert str(caught.value) == message.format(path=path)


def test_truncated_docx_is_reported(tmp_path):
    good = save(new_document(), tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2] + good[-200:])  # central directory kept, data cut
    with pytest.raises(DocxError) as caught:
        read_docx(path)
    assert caught.value.code in ("docx.corrupt", "docx.not_zip")
    assert str(caught.value).startswith(f"无法读取 Word 文件 {path}：")


# --- Word features that put text out of the body's order, or that are not text ------------------

_MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_VML_NS = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _box(paragraphs: list[str]) -> str:
    return "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in paragraphs) + "</w:txbxContent>"


def test_a_floating_text_box_is_read_once_before_its_anchor(tmp_path):
    """Before: a title set in a text box was not read at all (通报正文没有标题行), nor counted."""
    document = new_document()
    anchor = document.add_paragraph()
    add_run_xml(
        anchor,
        f'<w:r><mc:AlternateContent {_MC_NS} {_VML_NS}><mc:Choice Requires="wps"><w:drawing>'
        f'<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
        f'{_box(["某某局党组", "关于巡察整改情况的报告"])}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{_box(["某某局党组", "关于巡察整改情况的报告"])}'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
    )
    document.add_paragraph("正文第一段。")
    only_vml = document.add_paragraph("锚定段落")
    add_run_xml(only_vml, f"<w:r><w:pict {_VML_NS}><v:shape><v:textbox>{_box(['旧式文本框'])}</v:textbox></v:shape></w:pict></w:r>")
    assert labels(read_docx(save(document, tmp_path / "a.docx"))) == [
        ("", "某某局党组"),
        ("", "关于巡察整改情况的报告"),
        ("", "正文第一段。"),
        ("", "旧式文本框"),
        ("", "锚定段落"),
    ]


def _toc_entry(document, text: str, page: str, style: str = "toc 1"):
    paragraph = document.add_paragraph(style=document.styles.add_style(style, 1) if style not in
                                       [s.name for s in document.styles] else style)
    add_run_xml(paragraph, f'<w:hyperlink w:anchor="_Toc1"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r>'
                           f"<w:r><w:t>{page}</w:t></w:r></w:hyperlink>")
    return paragraph


def test_a_table_of_contents_is_navigation_and_is_left_out(tmp_path):
    """Before: a TOC field's cached entries became headings (一、组织领导 1), each part twice."""
    document = new_document()
    document.add_paragraph("关于巡察整改进展情况的通报")
    first = document.add_paragraph()  # the field opens in the first entry and ends in the last
    add_run_xml(first, '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                       '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h </w:instrText></w:r>'
                       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                       '<w:r><w:t>一、组织领导情况</w:t></w:r><w:r><w:tab/><w:t>1</w:t></w:r>')
    last = document.add_paragraph()
    add_run_xml(last, '<w:r><w:t>二、问题整改情况</w:t></w:r><w:r><w:tab/><w:t>3</w:t></w:r>'
                      '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    _toc_entry(document, "三、下一步打算", "5")  # a paragraph styled TOC 1, no field
    simple = document.add_paragraph()
    add_run_xml(simple, '<w:fldSimple w:instr=" TOC \\o "><w:r><w:t>一、组织领导情况 1</w:t></w:r></w:fldSimple>')
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/>"
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>一、组织领导情况 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"))
    document.add_paragraph("一、组织领导情况")
    page = document.add_paragraph("第")  # a PAGE field is not a table of contents
    add_run_xml(page, '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
                      '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>')
    path = save(document, tmp_path / "a.docx")
    assert labels(read_docx(path)) == [("", "关于巡察整改进展情况的通报"), ("", "一、组织领导情况"), ("", "第2页")]
    notes: list[str] = []
    list(iter_docx(path, notes))
    assert notes == ["目录（6 行）是导航，不是通报的内容，没有读入草稿"]


def test_a_notice_laid_out_in_one_table_cell_is_read_as_the_body(tmp_path):
    """Before: the whole notice was one table row, 放入草稿 0 字, and the report said 结构可信."""
    document = new_document()
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "某某局党组关于巡察整改情况的通报"
    cell.add_paragraph("按照统一部署，巡察组对局党组开展了巡察，现将整改情况通报如下。")
    ledger = cell.add_table(rows=2, cols=3)
    for column, text in enumerate(("问题", "整改措施", "完成情况")):
        ledger.cell(0, column).text = text
    for column, text in enumerate(("台账登记不全", "补登台账", "已完成")):
        ledger.cell(1, column).text = text
    cell.add_paragraph("某某局党组")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "附表"  # one short cell: a table still
    blocks = read_docx(save(document, tmp_path / "a.docx"))
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph", "Table"]
    assert blocks[2].rows == (("问题", "整改措施", "完成情况"), ("台账登记不全", "补登台账", "已完成"))
    assert blocks[3].text == "某某局党组"


def test_a_cell_holding_a_heading_makes_a_layout_table(tmp_path):
    document = new_document()
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).paragraphs[0].text = "一、整改工作开展情况"
    table.cell(0, 0).paragraphs[0].style = document.styles["Heading 1"]
    table.cell(1, 0).text = "局党组召开专题会议研究部署整改。"
    assert labels(read_docx(save(document, tmp_path / "a.docx"))) == [
        ("", "一、整改工作开展情况"), ("", "局党组召开专题会议研究部署整改。")]


def test_a_ledger_whose_category_rows_carry_a_heading_style_is_still_a_table(tmp_path):
    """The generator's (and many units') ledgers style a merged category row as a heading: the
    header names the ledger's columns, so it is a table of data, not a page laid out in a table."""
    document = new_document()
    table = document.add_table(rows=3, cols=3)
    for column, text in enumerate(("问题", "整改措施", "整改情况")):
        table.cell(0, column).text = text
    category = table.cell(1, 0).merge(table.cell(1, 2))
    category.paragraphs[0].text = "作风建设方面"
    category.paragraphs[0].style = document.styles["Heading 2"]
    for column, text in enumerate(("会议过多", "压减会议", "已完成")):
        table.cell(2, column).text = text
    (block,) = read_docx(save(document, tmp_path / "a.docx"))
    assert isinstance(block, Table) and block.rows[2] == ("会议过多", "压减会议", "已完成")


def test_a_vertically_merged_cell_carries_its_text_to_the_rows_it_spans(tmp_path):
    """Before: the second problem under a merged 责任单位 had none (SILENT)."""
    document = new_document()
    table = document.add_table(rows=3, cols=4)
    for column, text in enumerate(("问题", "整改措施", "责任单位", "完成时限")):
        table.cell(0, column).text = text
    for r, (title, measure) in enumerate((("报销审核不严", "修订报销办法"), ("资产清查滞后", "开展资产清查")), 1):
        table.cell(r, 0).text, table.cell(r, 1).text = title, measure
    table.cell(1, 2).merge(table.cell(2, 2)).text = "财务科"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "2023年6月底前"
    (block,) = read_docx(save(document, tmp_path / "a.docx"))
    assert block.rows[2] == ("资产清查滞后", "开展资产清查", "", "")  # merged away: empty, as before
    assert [getattr(cell, "above", None) for cell in block.rows[2]] == [None, None, "财务科", "2023年6月底前"]
    problems = ledger_problems(block.rows)
    assert [(p["title"], p.get("responsible"), p.get("deadline")) for p in problems] == [
        ("报销审核不严", "财务科", "2023年6月底前"), ("资产清查滞后", "财务科", "2023年6月底前")]


def _with_notes(path, refs_xml: str) -> None:
    """Add footnotes.xml and endnotes.xml (with their relationships and types) to a saved .docx."""
    w = nsdecls("w")
    parts = {
        "word/footnotes.xml": f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                              '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
                              "<w:r><w:t xml:space=\"preserve\"> 其中当年完成8条。</w:t></w:r></w:p></w:footnote></w:footnotes>",
        "word/endnotes.xml": f'<w:endnotes {w}><w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r>'
                             "<w:r><w:t>本通报经党组会议审议。</w:t></w:r></w:p></w:endnote></w:endnotes>",
    }
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    data = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    f'<Relationship Id="rId90" Type="{rels}/footnotes" Target="footnotes.xml"/>'
                    f'<Relationship Id="rId91" Type="{rels}/endnotes" Target="endnotes.xml"/></Relationships>').encode())
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    f'<Override PartName="/word/footnotes.xml" ContentType="{types}.footnotes+xml"/>'
                    f'<Override PartName="/word/endnotes.xml" ContentType="{types}.endnotes+xml"/></Types>').encode())
            dst.writestr(info, content)
        for name, xml in parts.items():
            dst.writestr(name, xml)


def test_footnotes_and_endnotes_follow_the_body(tmp_path):
    """Before: note text was dropped without a word, and not counted in 正文."""
    document = new_document()
    opening = document.add_paragraph("共制定整改措施12条")
    add_run_xml(opening, '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>，逐项落实。</w:t></w:r>')
    signature = document.add_paragraph("某某局党组")
    add_run_xml(signature, '<w:r><w:endnoteReference w:id="2"/></w:r>')
    document.add_paragraph("2023年7月1日")
    path = save(document, tmp_path / "a.docx")
    _with_notes(path, "")
    assert labels(read_docx(path)) == [
        ("", "共制定整改措施12条，逐项落实。"),
        ("", "某某局党组"),
        ("", "2023年7月1日"),
        ("", "（注：其中当年完成8条。）"),
        ("", "（注：本通报经党组会议审议。）"),
    ]


def test_a_draft_that_placed_little_of_the_text_never_says_its_structure_is_sound(tmp_path):
    """Before: 放入草稿 0 字 under a first line saying 结构可信."""
    document = new_document()
    document.add_paragraph("关于整改情况的说明")
    table = document.add_table(rows=2, cols=2)  # neither a ledger nor a layout table: not placed
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"第{r + 1}行第{c + 1}格记录了一段较长的说明文字，内容与整改工作有关但不成段落。"
    draft = import_notice(save(document, tmp_path / "a.docx"))
    first = draft.report("a.yml").splitlines()[0]
    assert not first.startswith("结构可信") and not draft.complete
    assert any(d.code == "import.placed_little" for d in draft.structural)


def test_text_box_and_note_text_is_counted_in_the_body(tmp_path):
    document = new_document()
    anchor = document.add_paragraph()
    add_run_xml(anchor, f"<w:r><w:pict {_VML_NS}><v:shape><v:textbox>{_box(['框内标题'])}</v:textbox></v:shape></w:pict></w:r>")
    document.add_paragraph("正文一段。")
    source = read_source(save(document, tmp_path / "a.docx"))
    assert [line.text for line in source.lines] == ["框内标题", "正文一段。"]


def _notice(document, head: list[str], numbered_lines: list[tuple[str, int]], num_id: int) -> None:
    """A short notice: `head` typed paragraphs, then Word-numbered lines, then a closing and a signature."""
    for text in head:
        document.add_paragraph(text)
    for text, level in numbered_lines:
        numbered(document, text, num_id, level)
    for text in ("欢迎广大干部群众监督。联系电话：0000-12345678。", "中共某某局党组", "2023年8月1日"):
        document.add_paragraph(text)


OPENING_TEXT = "2023年3月1日至4月30日，县委第一巡察组对某某局党组开展了巡察，并于2023年6月1日反馈了巡察意见。现将整改情况公布如下。"


def test_a_red_header_doc_number_line_is_the_doc_no(tmp_path):
    """Before: 某局党〔2023〕7号 on its own line was listed as not placed; the data has a 文号 field."""
    document = new_document()
    num_id = add_list(document, [("decimal", "%1.")])
    _notice(document, ["某某局党组文件", "某局党〔2023〕7号", "中共某某局党组关于巡察整改情况的通报", OPENING_TEXT],
            [("会议记录不完整的问题。整改措施：补齐会议记录。整改情况：已完成。", 0)], num_id)
    draft = import_notice(save(document, tmp_path / "a.docx"))
    assert draft.data["metadata"]["doc_no"] == "某局党〔2023〕7号"
    assert all("〔2023〕" not in line.text for line in draft.unplaced)


def test_wps_list_formats_keep_their_labels_out_of_the_text(tmp_path):
    """Before: ⑴ (decimalEnclosedParen) stayed in every measure's text, and 第%1类问题： was cut to 第{cn}类：."""
    document = new_document()
    num_id = add_list(document, [("chineseCounting", "第%1类问题："), ("decimal", "%2."), ("decimalEnclosedParen", "%3")])
    _notice(document, ["中共某某局党组关于巡察整改情况的通报", OPENING_TEXT], [
        ("制度执行不严格", 0),
        ("会议记录不完整", 1), ("补齐会议记录。", 2), ("建立会议记录审核制度。", 2),
        ("资产登记不及时", 1), ("开展资产清查。", 2), ("完善资产登记办法。", 2),
    ], num_id)
    draft = import_notice(save(document, tmp_path / "a.docx"))
    problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert [[m["text"] if isinstance(m, dict) else m for m in p["measures"]] for p in problems] == [
        ["补齐会议记录。", "建立会议记录审核制度。"],
        ["开展资产清查。", "完善资产登记办法。"]]
    assert draft.data["numbering"]["categories"]["label"] == "第{cn}类问题："


def test_a_ledger_problem_cell_describing_its_findings_gives_items(tmp_path):
    """Before: 具体表现：（1）…；（2）… in the cell's second paragraph was glued into the title."""
    document = new_document()
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("问题", "整改措施", "完成情况")):
        table.cell(0, column).text = text
    cell = table.cell(1, 0)
    cell.text = "档案管理不规范"
    cell.add_paragraph("具体表现：（1）借阅登记缺失；（2）部分卷宗未装订。")
    table.cell(1, 1).text, table.cell(1, 2).text = "开展档案整理", "已完成"
    (block,) = read_docx(save(document, tmp_path / "a.docx"))
    assert ledger_problems(block.rows) == [{
        "title": "档案管理不规范", "items": [{"title": "借阅登记缺失"}, {"title": "部分卷宗未装订"}],
        "status": "已完成", "measures": ["开展档案整理"]}]


def test_a_table_of_contents_field_left_open_does_not_take_the_notice_with_it(tmp_path):
    document = new_document()
    first = document.add_paragraph()
    add_run_xml(first, '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o </w:instrText></w:r>'
                       '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、组织领导情况</w:t></w:r>'
                       '<w:r><w:tab/><w:t>1</w:t></w:r>')
    document.add_paragraph("二、问题整改情况\t3")
    document.add_paragraph("局党组召开专题会议研究部署整改。")  # no end: the entries stop here
    document.add_paragraph("二、问题整改情况")
    assert labels(read_docx(save(document, tmp_path / "a.docx"))) == [
        ("", "局党组召开专题会议研究部署整改。"), ("", "二、问题整改情况")]


def test_lines_broken_with_shift_enter_in_one_paragraph_are_read_as_lines(tmp_path):
    """Before: 责任单位 took the lines after it (办公室\\n整改进展：已完成) and the status was lost."""
    document = new_document()
    for text in ("某局党组关于巡察整改情况的通报", "根据市委统一部署，2024年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。"
                 "2024年6月1日，市委第一巡察组向某局党组反馈了巡察意见。", "一、巡察反馈问题整改情况"):
        document.add_paragraph(text)
    for lines in (["1.理论学习流于形式。", "整改措施：一是制定学习计划；二是开展专题研讨。", "责任单位：办公室", "整改进展：已完成。"],
                  ["2.公务用车管理不严。", "整改措施：一是修订用车制度；二是安装定位设备。", "责任单位：后勤科", "整改时限：2025年6月底前",
                   "整改进展：正在推进中。"]):
        paragraph = document.add_paragraph(lines[0])
        for line in lines[1:]:
            paragraph.add_run().add_break()
            paragraph.add_run(line)
    draft = import_notice(save(document, tmp_path / "n.docx"))
    problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert [(p["title"], p.get("status"), p.get("responsible"), p.get("deadline"), len(p["measures"])) for p in problems] == [
        ("理论学习流于形式", "已完成", "办公室", None, 2), ("公务用车管理不严", "正在推进中", "后勤科", "2025年6月底前", 2)]


def test_a_title_and_a_signature_broken_with_shift_enter_are_read_as_their_lines(tmp_path):
    document = new_document()
    title = document.add_paragraph("中共某县档案馆党组关于")
    title.add_run().add_break()
    title.add_run("巡察整改情况的通报")
    for text in ("根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对县档案馆党组进行了巡察。2024年6月1日，县委第一巡察组"
                 "向县档案馆党组反馈了巡察意见。", "一、巡察反馈问题整改情况", "1.档案借阅登记不全。"):
        document.add_paragraph(text)
    measures = document.add_paragraph("整改措施：1.补登借阅记录；")
    measures.add_run().add_break()
    measures.add_run("2.上线借阅系统。")
    document.add_paragraph("整改进展：已完成。")
    closing = document.add_paragraph("欢迎广大干部群众监督。联系电话：0571-86660000。")
    for line in ("中共某县档案馆党组", "2024年8月1日"):
        closing.add_run().add_break()
        closing.add_run(line)
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert draft.data["title"] == "中共某县档案馆党组关于巡察整改情况的通报"
    assert (draft.data["signature"]["organisation"], str(draft.data["signature"]["date"])) == ("中共某县档案馆党组", "2024-08-01")
    assert draft.data["contact"]["phones"] == ["0571-86660000"]
    (problem,) = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    assert (problem["title"], len(problem["measures"]), problem["status"]) == ("档案借阅登记不全", 2, "已完成")
