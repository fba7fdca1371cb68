"""`zhenggai import` on more shapes of a notice's frame (each written for these tests in our own
words): a list of 附件 between the contact block and the signature, a contact sentence that writes
letters first and the phone after, and a page's catalogue fields on one line or in adjacent spans."""

from __future__ import annotations

import datetime as dt

import pytest

from zhenggai.importer import import_notice

HEAD = ("中共某县林业局党组关于县委巡察整改情况的通报\n根据县委统一部署，2024年4月8日至5月31日，县委第三巡察组对县林业局党组"
        "开展了常规巡察，7月2日反馈了巡察意见。现将整改情况予以公布。\n一、整改工作开展情况\n局党组逐条研究反馈意见，明确整改责任。\n"
        "二、反馈问题整改情况\n1.护林员巡护记录不完整。\n整改措施：一是统一巡护记录格式；二是每月抽查巡护记录。\n整改进展：已完成。\n"
        "2.林木采伐审批把关不严。\n整改措施：一是重新核查近两年采伐审批；二是建立审批复核制度。\n整改进展：正在推进。\n"
        "三、下一步工作打算\n局党组将持续巩固整改成果。\n")
LINES = ("欢迎社会各界对整改落实情况进行监督。\n监督电话：0571-7654321\n电子邮箱：lyjdz@example.cn\n"
         "通信地址：某县林海路12号县林业局办公室\n邮政编码：311500\n")
SENTENCE = ("欢迎社会各界对整改落实情况进行监督。监督电话：0571-7654321；电子邮箱：lyjdz@example.cn；"
            "通信地址：某县林海路12号县林业局办公室；邮政编码：311500。\n")
SIGNATURE = "中共某县林业局党组\n2024年10月9日\n"


def _draft(tmp_path, text: str, name: str = "n.txt"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_notice(source)


def _headings(sections) -> list[str]:
    return [h for s in sections for h in [s.get("heading", ""), *_headings(s.get("sections", ()))]]


@pytest.mark.parametrize(("contact", "attachments"), [
    (LINES, "附件：1.林业局巡察整改制度汇编\n2.林业局巡察整改问题台账\n"),
    (LINES, "附件：1、林业局巡察整改制度汇编\n\u3000\u3000\u30002、林业局巡察整改问题台账\n"),
    (LINES, "附件：\n1.林业局巡察整改制度汇编\n2.林业局巡察整改问题台账\n"),
    (LINES, "附件：林业局巡察整改问题台账\n"),
    (LINES, "附件1：林业局巡察整改问题台账\n"),
    (SENTENCE, "附件：1.林业局巡察整改制度汇编\n\u3000\u3000\u30002.林业局巡察整改问题台账\n"),
])
def test_a_list_of_attachments_before_the_signature_leaves_the_contact_and_signature_read(tmp_path, contact, attachments):
    """Before: the 附件 lines ended the contact block's run: contact was {}, its lines stayed in the
    last section, and 2.X became a section heading."""
    draft = _draft(tmp_path, HEAD + contact + attachments + SIGNATURE)
    got = draft.data["contact"]
    assert (got["phones"], got["email"], got["address"], got["postcode"]) == (
        ["0571-7654321"], "lyjdz@example.cn", "某县林海路12号县林业局办公室", "311500")
    assert draft.data["signature"] == {"organisation": "中共某县林业局党组", "date": dt.date(2024, 10, 9)}
    assert not any("台账" in h or "汇编" in h for h in _headings(draft.data["sections"]))
    assert "林业局巡察整改问题台账" not in str(draft.data["sections"])
    # the attachments are no part of the draft, and the report names each line left out
    names = [line.text for line in draft.unplaced]
    assert [n for n in names if "附件" in n or "台账" in n or "汇编" in n] == [
        line.strip() for line in attachments.splitlines() if line.strip()]
    [note] = [d for d in draft.doubts if d.code == "import.attachments_left_out"]
    assert note.line == draft.unplaced[0].number and "附件清单" in note.message
    assert not any(d.structural for d in draft.doubts), [d.message for d in draft.doubts if d.structural]


def test_a_list_of_attachments_above_the_contact_block_is_left_out_too(tmp_path):
    draft = _draft(tmp_path, HEAD + "附件：1.林业局巡察整改制度汇编\n2.林业局巡察整改问题台账\n" + LINES + SIGNATURE)
    assert draft.data["contact"]["phones"] == ["0571-7654321"]
    assert not any("台账" in h for h in _headings(draft.data["sections"]))
    assert [line.text for line in draft.unplaced] == ["附件：1.林业局巡察整改制度汇编", "2.林业局巡察整改问题台账"]


def test_a_numbered_closing_paragraph_after_the_contact_is_no_attachment(tmp_path):
    """Only a list led by 附件 is set aside: the body's own last numbered parts stay where they were."""
    draft = _draft(tmp_path, HEAD + LINES + SIGNATURE)
    assert draft.unplaced == [] and not [d for d in draft.doubts if d.code == "import.attachments_left_out"]
    assert draft.data["contact"]["postcode"] == "311500"


@pytest.mark.parametrize(("sentence", "address"), [
    ("来信请寄某县林海路12号县林业局办公室（邮编：311500），来电请拨0571-7654321，来访请到县林业局二楼208室。",
     "某县林海路12号县林业局办公室"),
    ("来信请寄某县林海路12号县林业局办公室，来电请拨0571-7654321，来访请到县林业局二楼208室。",
     "某县林海路12号县林业局办公室"),
    ("可来信寄至某县林海路12号县林业局办公室（邮编311500），来电请拨0571-7654321，来访请到县林业局二楼208室。",
     "某县林海路12号县林业局办公室"),
    ("来信请寄某县林海路12号县林业局办公室（邮编：311500）；来电请拨0571-7654321；来访请到县林业局二楼208室。",
     "某县林海路12号县林业局办公室"),
    ("来信请寄某县林海路12号县林业局办公室，也可致电0571-7654321反映。",
     "某县林海路12号县林业局办公室"),
    ("来信请寄某县林海路12号县林业局办公室，可拨打0571-7654321反映。", "某县林海路12号县林业局办公室"),
    ("来信请寄某县林海路12号县林业局办公室，监督电话：0571-7654321。", "某县林海路12号县林业局办公室"),
])
def test_a_contact_sentence_with_letters_before_the_phone_reads_each_channel(tmp_path, sentence, address):
    """Before: the address ran on over 来电请拨…, and the phone was never read."""
    closing = "欢迎社会各界对整改落实情况进行监督。如有意见建议，请通过以下方式反映：" + sentence + "\n"
    draft = _draft(tmp_path, HEAD + closing + SIGNATURE)
    got = draft.data["contact"]
    assert got["address"] == address
    assert got["phones"] == ["0571-7654321"]
    assert got.get("postcode") == ("311500" if "邮编" in sentence else None)


PAGE = ("<html><head><meta charset=\"utf-8\"><title>通报</title></head><body>\n"
        "<div class=\"crumbs-x\">信息公开</div>\n{meta}\n<div class=\"article\"><h1>中共某县林业局党组关于县委巡察整改情况的通报</h1>\n"
        "{body}</div></body></html>")


def _page(tmp_path, meta: str):
    body = "".join(f"<p>{line}</p>\n" for line in (HEAD.split("\n", 1)[1] + LINES + SIGNATURE).splitlines())
    return _draft(tmp_path, PAGE.format(meta=meta, body=body), "n.html")


@pytest.mark.parametrize("meta", [
    "<div class=\"info\">发布机构：县林业局办公室\u3000发布日期：2024-10-11\u3000来源：县林业局\u3000浏览次数：215</div>",
    "<div class=\"info\">发布机构：县林业局办公室 发布日期：2024-10-11 来源：县林业局 浏览次数：215</div>",
    "<div class=\"info\"><span>发布机构：县林业局办公室</span><span>发布日期：2024-10-11</span>"
    "<span>来源：县林业局</span><span>浏览次数：215</span></div>",
    "<div class=\"info\"><span>发布机构：县林业局办公室</span><span>发布时间：2024-10-11 09:30</span>"
    "<span>信息来源：县林业局</span><span>阅读次数：215</span></div>",
])
def test_a_pages_catalogue_fields_on_one_line_each_end_where_the_next_label_begins(tmp_path, meta):
    """Before: with 浏览次数 on the line the whole line was dropped as the page's chrome (the
    signature's date standing in for the page's); in adjacent spans the publisher and the source
    ran on into the next label."""
    draft = _page(tmp_path, meta)
    metadata = draft.data["metadata"]
    assert (metadata.get("publisher"), metadata.get("published"), metadata.get("source")) == (
        "县林业局办公室", dt.date(2024, 10, 11), "县林业局")


def test_a_pages_catalogue_line_with_its_view_count_at_the_foot_stays_out_of_the_contact(tmp_path):
    """The head reads such a line; at the foot of a page without a signature it is still chrome."""
    text = HEAD + LINES + "来源：县林业局\u3000浏览次数：215\n"
    draft = _draft(tmp_path, text)
    assert draft.data["contact"]["phones"] == ["0571-7654321"]


@pytest.mark.parametrize("phones", ["0571-7654321、7654322", "0571-7654321，7654322", "0571-7654321或7654322"])
def test_a_second_local_number_after_one_with_its_area_code_dials_with_that_code(tmp_path, phones):
    """Before: 0571-7654321、7654322 gave the second number with no area code to dial it by, unmarked."""
    draft = _draft(tmp_path, HEAD + LINES.replace("0571-7654321", phones) + SIGNATURE)
    assert draft.data["contact"]["area_code"] == "0571"
    assert "7654322" in str(draft.data["contact"]["phones"])
    assert any(d.code == "import.area_code_shared" for d in draft.doubts)


def test_numbers_each_with_its_area_code_set_none_for_all(tmp_path):
    draft = _draft(tmp_path, HEAD + LINES.replace("0571-7654321", "0571-7654321、0571-7654322") + SIGNATURE)
    assert "area_code" not in draft.data["contact"]


def test_a_pages_line_of_cells_with_its_date_is_the_catalogue_not_the_opening(tmp_path):
    """Before: 某县林业局 | 2024-10-10 | 浏览量：214 under the title was the opening's first paragraph and its date unread."""
    title, rest = HEAD.split("\n", 1)
    draft = _draft(tmp_path, f"{title}\n某县林业局 | 2024-10-10 | 浏览量：214\n{rest}{LINES}{SIGNATURE}")
    assert not any("浏览量" in p for p in draft.data["opening"])
    assert str(draft.data["metadata"]["published"]) == "2024-10-10"
