"""zhenggai import on a page saved as one file by a real browser: Chromium's own MHTML (what
Chrome and Edge write for 网页，单个文件) reads as the same page saved as .html. The hand-made
files of IE, 360 and Word's shapes are in tests/unit/test_import_formats.py."""

from __future__ import annotations

from support.saved_pages import notice_page

from zhenggai.importer import import_notice


def test_a_page_chromium_saved_as_one_file_reads_as_the_page(tmp_path, browser):
    """The session's one Chromium (`browser`): Playwright allows one sync session at a time."""
    page = tmp_path / "tongbao.html"
    page.write_bytes(notice_page("gbk").encode("gb18030"))  # a GBK page, as most county sites serve
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(page.as_uri())
        snapshot = context.new_cdp_session(tab).send("Page.captureSnapshot", {"format": "mhtml"})["data"]
    finally:
        context.close()
    single = tmp_path / "tongbao.mhtml"
    single.write_bytes(snapshot.encode("utf-8"))
    assert snapshot.startswith("From: <Saved by Blink>")  # a folded Subject: follows, then MIME-Version:
    expected, draft = import_notice(page), import_notice(single)
    assert draft.data["inspection"]["body"] == "县委第二巡察组"
    assert draft.text == expected.text and draft.data == expected.data
