"""`zhenggai import` on the other files staff hold: a page saved as one file (.mht), old Word
and WPS files (.doc, .wps: converted by LibreOffice, here a stand-in script), and the files it
refuses with a reason (PDF, pictures, archives, spreadsheets). The wording is our own.

The real conversion by LibreOffice is tested in tests/e2e/test_import_legacy_word.py.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from support.docx import new_document, save
from support.saved_pages import PNG, html_part, image_part, mime_file, notice_page

from zhenggai.cli import main
from zhenggai.importer import SourceError, import_notice
from zhenggai.importer import convert
from zhenggai.importer.sources import ACCEPTED, MAX_BYTES, SUFFIXES

# How browsers and Word save a page as one file: IE and 360 (GBK, quoted-printable, the charset
# in the part's header), Chrome and Edge (UTF-8, the charset only in the page's meta), Word's
# 单个文件网页 (base64), and a picture before the page.
SAVED = {
    "ie": lambda html: mime_file([html_part(html.encode("gb18030")), image_part()]),
    "chrome": lambda html: mime_file([html_part(html.replace("gb2312", "utf-8").encode("utf-8"), charset=None),
                                 image_part()], boundary="----MultipartBoundary--AbC123xYz----"),
    "word": lambda html: mime_file([html_part(html.encode("gb18030"), "base64", "gb2312")]),
    "picture_first": lambda html: mime_file([image_part(), html_part(html.encode("gb18030"), "8bit", None)]),
}


@pytest.mark.parametrize("saved", sorted(SAVED))
def test_a_page_saved_as_one_file_reads_as_the_same_page_saved_as_html(tmp_path, saved):
    page = tmp_path / "tongbao.html"
    page.write_bytes(notice_page().encode("gb18030"))
    expected = import_notice(page)
    assert expected.data["inspection"]["body"] == "县委第二巡察组"  # the page itself was read
    single = tmp_path / "tongbao.mht"
    single.write_bytes(SAVED[saved](notice_page()))
    draft = import_notice(single)
    assert draft.text == expected.text
    assert draft.data == expected.data
    assert (draft.read_chars, draft.placed_chars) == (expected.read_chars, expected.placed_chars)


def test_an_mhtml_suffix_and_lf_line_ends_read_too(tmp_path):
    single = tmp_path / "tongbao.MHTML"
    single.write_bytes(SAVED["ie"](notice_page()).replace(b"\r\n", b"\n"))
    assert import_notice(single).data["inspection"]["body"] == "县委第二巡察组"


def _refused(path: Path, capsys) -> tuple[str, str]:
    with pytest.raises(SourceError) as caught:
        import_notice(path)
    assert main(["import", str(path), "--out", "-"]) == 2  # a Chinese sentence, exit 2, no traceback
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(caught.value) in err
    return caught.value.code, str(caught.value)


@pytest.mark.parametrize("content, code, cause", [
    (b"", "source.empty", "网页中没有可读取的文字"),  # as an empty .html
    ("整改情况通报\r\n".encode(), "mhtml.malformed", "不是有效的“网页，单个文件”（.mht）：开头没有邮件格式的头部"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n--x\r\n\r\n",
     "mhtml.malformed", "不是有效的“网页，单个文件”（.mht）：没有写明各部分之间的分隔符（boundary）"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"q\"\r\n\r\nnothing here\r\n",
     "mhtml.malformed", "不是有效的“网页，单个文件”（.mht）：找不到分隔符之后的任何部分"),
    (mime_file([image_part(), image_part("b.png")]), "mhtml.no_page", "文件中没有网页（text/html 部分），只有图片等附属文件"),
    (b"MIME-Version: 1.0\r\nContent-Type: application/pdf\r\n\r\nJVBERi0=\r\n",
     "mhtml.no_page", "文件中没有网页（text/html 部分），只有图片等附属文件"),
    (mime_file([("Content-Type: text/html\r\n" + "X-Filler: " + "a" * 70_000, b"<p>x</p>")]),
     "mhtml.malformed", "不是有效的“网页，单个文件”（.mht）：第 1 部分的头部超过 64 KB"),
    (mime_file([html_part(b"<p>x</p>", "x-uuencode")]),
     "mhtml.malformed", "不是有效的“网页，单个文件”（.mht）：网页部分的编码方式“x-uuencode”无法识别"),
])
def test_a_malformed_single_file_page_is_refused_with_its_cause(tmp_path, content, code, cause, capsys):
    path = tmp_path / "坏网页.mht"
    path.write_bytes(content)
    assert _refused(path, capsys) == (code, f"{path}: {cause}")


def test_a_single_file_page_of_thousands_of_parts_before_its_page_is_refused_at_once(tmp_path, capsys):
    parts = [(f"Content-Type: image/gif\r\nContent-Location: {n}.gif", b"R0lGODlhAQABAAAAACw=") for n in range(20_000)]
    path = tmp_path / "many.mht"
    path.write_bytes(mime_file([*parts, html_part(notice_page().encode("gb18030"))]))
    code, message = _refused(path, capsys)
    assert code == "mhtml.malformed" and "网页之前有超过 10000 个部分" in message


def test_a_huge_part_is_refused_before_it_is_decoded(tmp_path, capsys):
    html = notice_page().encode("gb18030")
    padding = b"<!--" + b"x" * (MAX_BYTES[".html"] * 5 // 4) + b"-->"
    path = tmp_path / "big.mht"
    path.write_bytes(mime_file([html_part(html + padding, "base64")]))
    tracemalloc.start()
    try:
        code, message = _refused(path, capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == "source.too_large" and "网页部分解码后" in message
    assert peak < 40 * 1024 * 1024, peak  # the 21 MB file is never held whole, its part never copied


# Files staff hold that are not a notice's text: each refused with what to do instead.
REFUSED = [
    ("通报.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "source.pdf", "这是 PDF 文件"),
    ("通报.ofd", b"PK\x03\x04" + bytes(40), "source.pdf", "这是 OFD 版式文件"),
    ("扫描件.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "source.image", "扫描件/图片无法导入"),
    ("扫描件.png", PNG, "source.image", "扫描件/图片无法导入"),
    ("附件.zip", b"PK\x03\x04" + bytes(40), "source.archive", "这是压缩包"),
    ("附件.rar", b"Rar!\x1a\x07\x01\x00", "source.archive", "这是压缩包"),
    ("台账.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), "source.spreadsheet", "台账表格请另存为"),
    ("台账.xlsx", b"PK\x03\x04" + bytes(40), "source.spreadsheet", "台账表格请另存为"),
    ("台账.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), "source.spreadsheet", "台账表格请另存为"),
    # What a file is, where its name says a text or a Word file: a PDF or a picture named .doc
    ("通报.doc", b"%PDF-1.4\n", "source.pdf", "这是 PDF 文件"),
    ("通报.txt", b"%PDF-1.4\n" + bytes(100), "source.pdf", "这是 PDF 文件"),
    ("通报.docx", b"\x89PNG\r\n\x1a\n" + bytes(40), "source.image", "扫描件/图片无法导入"),
]


@pytest.mark.parametrize("name, content, code, said", REFUSED)
def test_files_that_are_no_notice_text_are_refused_with_what_to_do(tmp_path, name, content, code, said, capsys):
    path = tmp_path / name
    path.write_bytes(content)
    found, message = _refused(path, capsys)
    assert found == code and said in message and message.startswith(f"{path}: ")


def test_the_pdf_message_says_how_to_get_the_text(tmp_path, capsys):
    path = tmp_path / "通报.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert _refused(path, capsys)[1] == (
        f"{path}: 这是 PDF 文件：从 PDF 中取出的文字常常顺序错乱、断行错位，导入不读取它。"
        "请从发布网页复制正文保存为 .txt，或用原 Word 文件导入")


def test_an_unsupported_type_lists_every_accepted_one(tmp_path, capsys):
    path = tmp_path / "通报.pages"
    path.write_bytes(b"x")
    assert _refused(path, capsys) == ("source.type", f"{path}: 不支持的文件类型“.pages”，可导入 .txt、.docx（.docm）、"
                                      ".doc、.wps、.rtf（需要 LibreOffice）、.html（.htm）、.mht（.mhtml）")


def test_the_import_help_lists_every_accepted_type(capsys):
    assert main(["import", "--help"]) == 0
    out = capsys.readouterr().out
    assert [suffix for suffix in SUFFIXES if suffix not in out or suffix not in ACCEPTED] == []


def _word_file(tmp_path: Path) -> Path:
    document = new_document()
    for line in ("中共某县林业局党组关于县委巡察整改情况的通报",
                 "根据县委统一部署，2024年3月4日至4月26日，县委第二巡察组对某县林业局党组开展了巡察。",
                 "一、反馈问题整改落实情况", "1.巡林记录填写不规范的问题", "整改情况：统一巡林记录格式。已完成整改。",
                 "联系电话：0769-12345678。", "中共某县林业局党组", "2024年12月5日"):
        document.add_paragraph(line)
    return save(document, tmp_path / "word.docx")


@pytest.fixture
def no_soffice(tmp_path, monkeypatch):
    """A PATH on which no LibreOffice can be found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.mark.parametrize("name, said", [("通报.doc", ".doc"), ("通报.wps", ".wps"), ("通报.rtf", ".rtf"),
                                        ("通报.docx", "后缀是 .docx，内容是 .doc 格式"),
                                        ("通报.doc.docx", "后缀是 .docx，内容是 .doc 格式")])
def test_an_old_word_file_without_libreoffice_says_to_save_it_as_docx(tmp_path, name, said, no_soffice, capsys):
    path = tmp_path / name
    path.write_bytes(b"{\\rtf1\\ansi x}" if name.endswith(".rtf") else b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    code, message = _refused(path, capsys)
    assert code == "convert.unavailable"
    assert message == (f"{path}: 这是旧版 Word 或 WPS 文件（{said}），需要 LibreOffice 转换，本机没有安装。"
                       "请在 Word 或 WPS 中打开它，“另存为” .docx 后导入（或安装 LibreOffice：libreoffice-writer-nogui）")


def test_a_docx_renamed_doc_is_read_as_docx_without_libreoffice(tmp_path, no_soffice):
    word = _word_file(tmp_path)
    renamed = tmp_path / "word.doc"
    shutil.copy(word, renamed)
    expected, draft = import_notice(word), import_notice(renamed)
    assert draft.text == expected.text and draft.data["inspection"]["body"] == "县委第二巡察组"


def test_a_page_saved_by_word_with_a_doc_suffix_is_read_as_apage(tmp_path, no_soffice):
    # CMS attachments named .doc are often a page Word saved (HTML or one-file MHT)
    html, mht = tmp_path / "page.doc", tmp_path / "single.doc"
    html.write_bytes(notice_page().encode("gb18030"))
    mht.write_bytes(SAVED["word"](notice_page()))
    page = tmp_path / "page.html"
    page.write_bytes(notice_page().encode("gb18030"))
    expected = import_notice(page).text
    assert import_notice(html).text == expected and import_notice(mht).text == expected


@pytest.mark.parametrize("name", ["single.htm", "single.html"])
def test_a_page_saved_as_one_file_and_named_html_is_read_as_one(tmp_path, name):
    single, page = tmp_path / name, tmp_path / "page.html"
    single.write_bytes(SAVED["ie"](notice_page()))
    page.write_bytes(notice_page().encode("gb18030"))
    assert import_notice(single).text == import_notice(page).text


def _fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in for LibreOffice's `soffice` on PATH, running `body` (sh)."""
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_conversion_that_hangs_is_ended_at_its_time_limit_with_every_process_it_started(tmp_path, monkeypatch, capsys):
    pids = tmp_path / "pids"
    # soffice is a script that starts soffice.bin: the stand-in starts a child that hangs too
    _fake_soffice(tmp_path / "bin", f"sleep 300 &\necho $! > {pids}\nsleep 300\n")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(convert, "TIMEOUT", 1)
    path = tmp_path / "通报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(SourceError) as caught:
        import_notice(path)
    assert caught.value.code == "convert.timeout"
    assert str(caught.value) == (f"{path}: LibreOffice 在 1 秒内没有转换完这个旧版 Word 或 WPS 文件，已停止。"
                                 "请在 Word 或 WPS 中打开它，“另存为” .docx 后导入")
    child = int(pids.read_text())
    for _ in range(50):  # the kill is sent; the child's exit is the kernel's business
        if not _running(child):
            break
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("body, code, said", [
    (None, "convert.failed", "无法运行 LibreOffice"),  # a soffice that cannot be run
    ("exit 0\n", "convert.failed", "LibreOffice 没能转换这个文件"),
    ("echo 'Error: source file could not be loaded' >&2\nexit 1\n", "convert.failed", "LibreOffice 没能转换这个文件"),
    # A converter writing without end: stopped by the size limit of what it may write
    ('out=""; while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
     'head -c 3000000 /dev/zero > "$out/source.docx"\n', "convert.too_large", "转换出的 .docx 超过"),
])
def test_a_conversion_that_fails_says_so(tmp_path, monkeypatch, body, code, said, capsys):
    script = _fake_soffice(tmp_path / "bin", body or "")
    if body is None:
        script.write_text("#!/nonexistent/interpreter\n", encoding="utf-8")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(convert, "MAX_OUTPUT", 1024 * 1024)
    path = tmp_path / "通报.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    found, message = _refused(path, capsys)
    assert found == code and said in message and "另存为" in message


@pytest.mark.parametrize("name", ["通报.doc", "旧版改名.docx"])  # a Word 97-2003 file renamed .docx is one too
def test_the_converted_file_is_read_through_the_word_reader_and_the_report_says_so(tmp_path, monkeypatch, name):
    word = _word_file(tmp_path)
    # A stand-in converter that "converts" by copying a ready .docx to where soffice writes it
    _fake_soffice(tmp_path / "bin", f'out=""; while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
                                    f'cp "{word}" "$out/source.docx"\n')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    draft, expected = import_notice(path), import_notice(word)
    assert draft.data == expected.data and draft.source == path
    assert any(d.code == "import.source_read" and "LibreOffice" in d.message for d in draft.doubts)
    assert "LibreOffice" in draft.report("x.yml")


@pytest.mark.skipif(sys.platform != "linux", reason="the size limit of a child's writes is Linux's RLIMIT_FSIZE")
def test_the_converter_cannot_write_without_end(tmp_path, monkeypatch, capsys):
    status = tmp_path / "status"
    _fake_soffice(tmp_path / "bin", 'out=""; while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
                                    f'head -c 50000000 /dev/zero > "$out/other.bin"; echo $? > {status}\n')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(convert, "MAX_OUTPUT", 1024 * 1024)
    path = tmp_path / "通报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert _refused(path, capsys)[0] == "convert.failed"
    assert status.read_text().strip() != "0"  # stopped by the limit (SIGXFSZ), not after 50 MB
