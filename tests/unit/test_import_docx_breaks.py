"""Word notices typed with soft line breaks (Shift+Enter: w:br, also w:cr) and signed in a small
layout table: read as the same notice given as plain text is read.

A line after a soft break is a line of its own, as after a page's <br>: a numbered line (二、 （一）
2. 一是) there opens its unit, and text broken in mid-sentence is joined as the text path joins it.
A signature (organisation, date) set in a borderless table of one or two columns at the end of
the body is the notice's signature, its date the publication date's marked fallback.
"""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from support.docx import add_run_xml, new_document, save

from zhenggai.importer import import_notice

TITLE = ["中共某县林业局党组关于县委第二巡察组", "巡察反馈意见整改情况的通报"]
OPENING = ("根据县委统一部署，2024年3月4日至5月10日，县委第二巡察组对县林业局党组开展了常规巡察，"
           "并于2024年6月12日反馈了巡察意见。现将整改情况予以公布。")
PART_ONE = ["一、整改工作开展情况", "局党组召开专题会议研究部署整改，对反馈的2个方面3个问题逐项制定整改措施。"]
FINDINGS = [
    "二、巡察反馈问题整改情况",
    "（一）党的领导方面",
    "1.理论学习中心组学习不够深入。",
    "整改措施：一是制定年度学习计划；二是开展专题研讨3次。",
    "整改状态：已完成。",
    "2.意识形态工作责任制落实不到位。",
    "整改措施：一是修订意识形态工作责任清单；二是每半年开展一次专项督查。",
    "整改状态：已完成。",
    "（二）作风建设方面",
    "1.公务用车管理不严格。",
    "整改措施：一是修订公务用车管理办法；二是为公务车辆安装定位设备。",
    "整改状态：正在推进中。",
]
PART_THREE = ["三、下一步工作打算", "局党组将持续巩固整改成果，建立健全长效机制。"]
CONTACT = "欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0571-86661234；电子邮箱：lyj@example.gov.cn。"
SIGNATURE = ["中共某县林业局党组", "2024年8月20日"]
LINES = [*TITLE, OPENING, *PART_ONE, *FINDINGS, *PART_THREE, CONTACT, *SIGNATURE]


def _text_draft(tmp_path, lines):
    path = tmp_path / "n.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_notice(path)


def _broken_paragraph(document, lines, breaks):
    """One paragraph holding `lines`, each after the first following the markup `breaks` gives."""
    paragraph = document.add_paragraph(lines[0])
    for line in lines[1:]:
        add_run_xml(paragraph, breaks + f'<w:r><w:t xml:space="preserve">{line}</w:t></w:r>')
    return paragraph


BREAKS = {
    "br": "<w:r><w:br/></w:r>",
    "cr": "<w:r><w:cr/></w:r>",
    "br_then_indent": '<w:r><w:br/><w:t xml:space="preserve">\u3000\u3000</w:t></w:r>',
    "br_then_tab": "<w:r><w:br/><w:tab/></w:r>",
    "br_then_spaces": '<w:r><w:br/><w:t xml:space="preserve">    </w:t></w:r>',
}


def _problems(draft):
    def walk(sections):
        for section in sections or ():
            for category in section.get("categories", ()):
                for problem in category["problems"]:
                    yield (category.get("title"), problem["title"], problem.get("status"), len(problem.get("measures", ())))
            yield from walk(section.get("sections"))
    return list(walk(draft.data.get("sections")))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("breaks", BREAKS.values(), ids=BREAKS.keys())
def test_a_body_typed_with_soft_breaks_reads_as_its_plain_text(tmp_path, breaks):
    """Before: 2. and （二） after a soft break stayed glued to the line above (3 problems read as 1)."""
    document = new_document()
    _broken_paragraph(document, TITLE, breaks)
    _broken_paragraph(document, [OPENING, *PART_ONE, *FINDINGS, *PART_THREE], breaks)
    _broken_paragraph(document, [CONTACT, *SIGNATURE], breaks)
    draft = import_notice(save(document, tmp_path / "n.docx"))
    text = _text_draft(tmp_path, LINES)
    assert _problems(draft) == _problems(text) == [
        ("党的领导", "理论学习中心组学习不够深入", "已完成", 2),
        ("党的领导", "意识形态工作责任制落实不到位", "已完成", 2),
        ("作风建设", "公务用车管理不严格", "正在推进中", 2),
    ]
    assert [s.get("heading") for s in draft.data["sections"]] == [s.get("heading") for s in text.data["sections"]]
    assert draft.data["title"] == "".join(TITLE)
    assert draft.data["signature"] == text.data["signature"]
    assert not [s for s in _strings(draft.data) if "\n" in s]  # no line kept glued inside a value


def test_every_line_its_own_paragraph_but_one_heading_after_a_break(tmp_path):
    """The red team's ledger shape: a part's heading after a soft break at the end of the opening
    paragraph was swallowed into it, and the draft still said 结构可信."""
    document = new_document()
    document.add_paragraph("".join(TITLE))
    _broken_paragraph(document, [OPENING, *PART_ONE, FINDINGS[0]], BREAKS["br"])
    for line in FINDINGS[1:] + PART_THREE + [CONTACT, *SIGNATURE]:
        document.add_paragraph(line)
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert [s.get("heading") for s in draft.data["sections"]][:3] == ["整改工作开展情况", "巡察反馈问题整改情况", "下一步工作打算"]
    assert len(_problems(draft)) == 3
    assert not [s for s in _strings(draft.data) if "二、" in s]


def test_text_broken_in_mid_sentence_by_a_soft_break_is_joined_as_in_plain_text(tmp_path):
    """A measure's sentence broken by Shift+Enter goes on, as a .txt line broken mid-sentence does."""
    broken = [*FINDINGS[:3], "整改措施：一是制定年度学习计划，明确每月集中", "学习不少于1次；二是开展专题研讨3次。", *FINDINGS[4:]]
    document = new_document()
    _broken_paragraph(document, TITLE, BREAKS["br"])
    _broken_paragraph(document, [OPENING, *PART_ONE, *broken, *PART_THREE], BREAKS["br"])
    _broken_paragraph(document, [CONTACT, *SIGNATURE], BREAKS["br"])
    draft = import_notice(save(document, tmp_path / "n.docx"))
    text = _text_draft(tmp_path, [*TITLE, OPENING, *PART_ONE, *broken, *PART_THREE, CONTACT, *SIGNATURE])
    assert _problems(draft) == _problems(text)
    first = draft.data["sections"][1]["categories"][0]["problems"][0]
    assert first["measures"] == text.data["sections"][1]["categories"][0]["problems"][0]["measures"]
    assert any("每月集中学习不少于1次" in str(m) for m in first["measures"])


def test_a_list_begun_after_its_lead_still_goes_on_in_its_paragraph(tmp_path):
    """整改措施：1.A；⏎2.B — the points of one field, not a second problem."""
    document = new_document()
    _broken_paragraph(document, [*TITLE, OPENING, "一、巡察反馈问题整改情况", "档案管理方面存在以下问题：",
                                 "（1）档案借阅登记不全。", "整改措施：1.补登借阅记录；", "2.上线借阅系统。", "整改进展：已完成。",
                                 "（2）库房巡查不到位。", "整改措施：1.制定巡查制度；", "2.落实每日巡查。", "整改进展：已完成。",
                                 CONTACT, *SIGNATURE], BREAKS["br"])
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert [(title, status, measures) for _, title, status, measures in _problems(draft)] == [
        ("档案借阅登记不全", "已完成", 2), ("库房巡查不到位", "已完成", 2)]
    assert "import.soft_break_list" not in [d.code for d in draft.doubts]  # no line of its own counted 1. before
    assert not [s for s in _strings(draft.data) if "\n" in s]


def test_a_numbered_line_that_may_go_on_with_either_list_is_kept_but_never_silently(tmp_path):
    """1.X ⏎ 整改措施：1.A；⏎ 2.B: the second point, or the second problem. Before, such a line stayed
    in the paragraph and the draft could say 结构可信; now the draft names it as a structural doubt."""
    document = new_document()
    _broken_paragraph(document, [*TITLE, OPENING, "一、巡察反馈问题整改情况",
                                 "1.档案借阅登记不全。", "整改措施：1.补登借阅记录；", "2.上线借阅系统。", "整改进展：已完成。",
                                 CONTACT, *SIGNATURE], BREAKS["br"])
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert [(title, status, measures) for _, title, status, measures in _problems(draft)] == [("档案借阅登记不全", "已完成", 2)]
    (kept,) = [d for d in draft.doubts if d.code == "import.soft_break_list"]
    assert kept.structural and "2.上线借阅系统" in kept.message
    assert draft.structural and not draft.complete
    assert not [s for s in _strings(draft.data) if "\n" in s]


def _signed_in_table(document, rows, columns=2):
    table = document.add_table(rows=len(rows), cols=columns)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            for at, line in enumerate(text.split("\n")):
                paragraph = table.cell(r, c).paragraphs[0] if at == 0 else table.cell(r, c).add_paragraph()
                paragraph.add_run(line)
    # no borders: a layout table, as Word templates set a signature
    sides = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{sides}</w:tblBorders>"))
    return table


SIGNATURE_TABLES = {
    "name_over_date_right": [("", SIGNATURE[0]), ("", SIGNATURE[1])],
    "one_cell_two_paragraphs": [("", "\n".join(SIGNATURE))],
    "name_beside_date": [(SIGNATURE[0], SIGNATURE[1])],
    "one_column": [(SIGNATURE[0],), (SIGNATURE[1],)],
    "date_in_chinese_numerals": [("", SIGNATURE[0]), ("", "二〇二四年八月二十日")],
}


@pytest.mark.parametrize("rows", SIGNATURE_TABLES.values(), ids=SIGNATURE_TABLES.keys())
def test_a_signature_in_a_layout_table_at_the_end_is_the_signature(tmp_path, rows):
    """Before: the signature was dropped (its lines listed as not placed) and the draft said the
    notice had no date at all."""
    document = new_document()
    for line in [*LINES[:-2]]:
        document.add_paragraph(line)
    _signed_in_table(document, rows, columns=len(rows[0]))
    document.add_paragraph("")
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert draft.data["signature"]["organisation"] == SIGNATURE[0]
    assert str(draft.data["signature"]["date"]) == "2024-08-20"
    assert str(draft.data["metadata"]["published"]) == "2024-08-20"
    codes = [d.code for d in draft.doubts]
    assert "import.published_from_signature" in codes and "import.published_missing" not in codes
    assert not draft.unplaced
    assert "没有写发布日期，请填写" not in draft.text


def test_a_date_alone_in_a_layout_table_is_the_signature_date(tmp_path):
    document = new_document()
    for line in [*LINES[:-1]]:
        document.add_paragraph(line)
    _signed_in_table(document, [("", SIGNATURE[1])])
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert (draft.data["signature"]["organisation"], str(draft.data["signature"]["date"])) == (SIGNATURE[0], "2024-08-20")
    assert str(draft.data["metadata"]["published"]) == "2024-08-20"


@pytest.mark.parametrize("rows", [
    [("联系电话", "0571-86661234"), ("电子邮箱", "lyj@example.gov.cn")],  # a contact table: read as contact lines
    [("序号", "问题", "整改措施"), ("1", "公务用车管理不严格", "修订管理办法")],  # three columns: data
    [("", SIGNATURE[0]), ("", "局党组将持续巩固整改成果。")],  # a sentence: no signature
])
def test_a_table_at_the_end_that_is_no_signature_is_not_read_as_one(tmp_path, rows):
    document = new_document()
    for line in LINES[:-3]:
        document.add_paragraph(line)
    _signed_in_table(document, rows, columns=len(rows[0]))
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert not (draft.data.get("signature") or {}).get("date")
    assert "import.published_from_signature" not in [d.code for d in draft.doubts]


def test_a_signature_table_in_the_middle_of_the_body_is_left_alone(tmp_path):
    """Only the table closing the body signs the notice."""
    document = new_document()
    for line in LINES[:4]:
        document.add_paragraph(line)
    _signed_in_table(document, [("", SIGNATURE[0]), ("", SIGNATURE[1])])
    for line in LINES[4:]:
        document.add_paragraph(line)
    draft = import_notice(save(document, tmp_path / "n.docx"))
    assert str(draft.data["signature"]["date"]) == "2024-08-20"  # the paragraphs at the end sign it
    assert len(_problems(draft)) == 3
