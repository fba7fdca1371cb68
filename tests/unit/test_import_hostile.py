"""The import's file readers given hostile or unusual files: each refused with a Chinese message
and a code before it costs memory or time, or read as it is meant (encodings, XHTML, deep pages).
Peak memory at the size limits is measured in tests/e2e/test_import_limits.py."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from support.docx import new_document, save

from zhenggai.cli import main
from zhenggai.importer import import_notice
from zhenggai.importer.docx import read_docx
from zhenggai.importer.outline import MAX_OUTLINE_DEPTH
from zhenggai.importer.sources import MAX_CHARS, SourceError, read_source

NOTICE = "中共某某局党组关于巡察整改情况的通报\n根据市委统一部署，市委第六巡察组对某某局党组进行了巡察。\n"
TRADITIONAL = "中共某某局黨組關於巡察整改情況的通報\n根據市委統一部署，市委第六巡察組對某某局黨組進行了巡察。\n"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(tmp_path: Path, name: str = "n.docx", replace: dict[str, bytes] | None = None,
          drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None) -> Path:
    """A real Word file (python-docx's template, one paragraph), parts replaced, dropped or added."""
    document = new_document()
    document.add_paragraph("中共某某局党组关于巡察整改情况的通报")
    plain = save(document, tmp_path / "plain.docx").read_bytes()
    out = io.BytesIO()
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(plain)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in replace and info.filename not in drop:
                dst.writestr(info, src.read(info.filename))
        for part, data in {**replace, **(add or {})}.items():
            dst.writestr(part, data)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def _body(xml: str) -> bytes:
    return f'<?xml version="1.0"?><w:document {W}><w:body>{xml}</w:body></w:document>'.encode()


def _refused(path: Path) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read_source(path)
    return caught.value


# --- Word files -----------------------------------------------------------------------

def test_a_document_part_inflating_past_its_limit_is_refused_before_it_is_inflated(tmp_path):
    """Before, a 1.6 MB file whose document.xml inflates to 1 GB took 3 GB of memory."""
    path = _docx(tmp_path, replace={"word/document.xml": _body("") + b" " * (30 << 20)})
    error = _refused(path)
    assert error.code == "docx.too_large"
    assert str(error) == (f"无法读取 Word 文件 {path}：压缩包中的 word/document.xml 解压后有 30 MB，上限为 24 MB"
                          "（一份通报的正文通常不到 1 MB），文件可能已损坏或被改动过")


def test_parts_that_are_not_needed_are_never_inflated(tmp_path, monkeypatch):
    """Before, a 2.1 MB file with a 2 GB thumbnail took 4.25 GB: python-docx inflated every part."""
    path = _docx(tmp_path, replace={"docProps/thumbnail.jpeg": bytes(64 << 20)},
                 add={"word/media/image1.png": bytes(8 << 20)})
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def watched(self, name, *args, **kwargs):
        opened.append(name if isinstance(name, str) else name.filename)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", watched)
    [paragraph] = read_docx(path)
    assert paragraph.text == "中共某某局党组关于巡察整改情况的通报"
    assert sorted(opened) == ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                              "word/document.xml", "word/numbering.xml", "word/styles.xml"]


def _as_zip64(path: Path) -> Path:
    """The zip with its counts in a zip64 end record, as some tools write every zip."""
    data = path.read_bytes()
    at = data.rfind(b"PK\x05\x06")
    _, _, on_disk, total, size, offset, _ = struct.unpack("<HHHHIIH", data[at + 4:at + 22])
    record = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, on_disk, total, size, offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, at, 1)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(data[:at] + record + locator + end)
    return path


@pytest.mark.parametrize("zip64", [False, True])
def test_a_zip_of_very_many_entries_is_refused_before_its_directory_is_read(tmp_path, zip64):
    """zipfile makes an object per entry when it opens a zip: a million tiny entries is a lot of memory."""
    path = _docx(tmp_path, add={f"x/{n}": b"" for n in range(10_001)})
    error = _refused(_as_zip64(path) if zip64 else path)
    assert error.code == "docx.too_large"
    assert str(error).startswith(f"无法读取 Word 文件 {path}：压缩包里有 10018 个文件（目录 0.5 MB），远超一份 Word 文档应有的数量")


def test_a_zip64_word_file_reads(tmp_path):
    path = _as_zip64(_docx(tmp_path))
    assert [b.text for b in read_docx(path)] == ["中共某某局党组关于巡察整改情况的通报"]


@pytest.mark.parametrize("span", ['<w:gridSpan w:val="2000000000"/>', '<w:gridSpan w:val="257"/>'])
def test_a_table_spanning_billions_of_columns_is_refused(tmp_path, span):
    """Before: a MemoryError traceback."""
    cell = f"<w:tc><w:tcPr>{span}</w:tcPr><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc>"
    path = _docx(tmp_path, replace={"word/document.xml": _body(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")})
    error = _refused(path)
    columns = span.split('"')[1]
    assert (error.code, str(error)) == ("docx.table_too_wide", f"无法读取 Word 文件 {path}：表格的一行有 {columns} 列，"
                                        "超过 256 列的上限（Word 的表格最多 63 列），文件可能已损坏或被改动过")


def test_a_missing_numbering_part_is_named_not_called_a_missing_body(tmp_path):
    """Before: 压缩包里没有 Word 文档正文."""
    path = _docx(tmp_path, drop=("word/numbering.xml",))
    error = _refused(path)
    assert (error.code, str(error)) == ("docx.corrupt", f"无法读取 Word 文件 {path}：文件已损坏：正文引用的自动编号的定义 "
                                        "word/numbering.xml 不在压缩包里。请在 Word 或 WPS 中打开后另存为 .docx 再导入")


def test_an_entity_declared_in_a_part_is_refused_not_read_up_to_it(tmp_path):
    """Before, the text after an unresolved entity was dropped while the report said 100%."""
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
           f"<w:document {W}><w:body><w:p><w:r><w:t>整改&x；情况</w:t></w:r></w:p></w:body></w:document>")
    path = _docx(tmp_path, replace={"word/document.xml": xml.encode()})
    error = _refused(path)
    assert (error.code, str(error)) == ("docx.corrupt", f"无法读取 Word 文件 {path}：word/document.xml 含有 DTD 或实体声明"
                                        "（Word 不会写入这些内容），文件可能被改动过，请在 Word 中另存后再导入")


def test_nesting_deeper_than_libxml2_reads_is_refused(tmp_path):
    inner = "<w:p><w:r><w:t>深处</w:t></w:r></w:p>"
    for _ in range(300):
        inner = f"<w:sdt><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    error = _refused(_docx(tmp_path, replace={"word/document.xml": _body(inner)}))
    assert error.code == "docx.too_deep" and "嵌套超过 256 层" in str(error)


def test_tables_nested_as_deep_as_the_parser_reads_need_no_deep_recursion(tmp_path):
    inner = "<w:p><w:r><w:t>深处</w:t></w:r></w:p>"
    for _ in range(82):  # 3 levels a table: as deep as libxml2 reads (256)
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    [table] = read_docx(_docx(tmp_path, replace={"word/document.xml": _body(inner)}))
    assert "深处" in table.rows[0][0]


@pytest.mark.parametrize("name", ["x.docx", "x.txt", "x.html"])
def test_a_folder_is_called_a_folder(tmp_path, name, capsys):
    """Before: 文件不存在."""
    (tmp_path / name).mkdir()
    assert main(["import", str(tmp_path / name), "--out", "-"]) == 2
    assert capsys.readouterr().err == f"{tmp_path / name}: 这是一个文件夹，不是文件\n"


# --- sizes ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "size", "limit"), [("big.txt", 200 << 20, "4.0 MB"), ("big.html", 100 << 20, "12.0 MB"),
                                                    ("big.docx", 300 << 20, None)])
def test_a_file_past_its_size_limit_is_refused_before_it_is_read(tmp_path, name, size, limit, capsys, monkeypatch):
    """Before, a 200 MB .txt ran for minutes and a 100 MB .html was processed whole, then rejected."""
    path = tmp_path / name
    with path.open("wb") as file:
        file.truncate(size)  # sparse: nothing to read, and reading it would be the failure
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    assert main(["import", str(path), "--out", "-"]) == 2
    err = capsys.readouterr().err
    if limit:
        assert err == (f"{path}: 文件大小 {size / 1024 / 1024:.1f} MB，超过 {path.suffix} 文件 {limit} 的上限："
                       "一份通报通常不到 1 MB，请确认选对了文件\n")
    else:
        assert err == f"无法读取 Word 文件 {path}：文件大小 300 MB，超过 64 MB 的上限\n"


def test_text_beyond_what_a_data_file_holds_is_refused_while_reading(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(("整改落实" * 50 + "\n") * (MAX_CHARS // 200 + 1), encoding="utf-8")
    error = _refused(path)
    assert (error.code, str(error)) == ("source.too_long", f"{path}: 正文超过 {MAX_CHARS} 字的上限（一份数据文件最多容纳这么多）："
                                        "这不像是一份通报，请确认选对了文件")


# --- text files -----------------------------------------------------------------------

def test_nul_and_esc_in_a_text_file_are_dropped_and_said(tmp_path):
    """Before, the draft carried them as YAML escapes ("\\0", "\\e") into the data."""
    path = tmp_path / "n.txt"
    path.write_bytes(NOTICE.replace("巡察组", "巡\x00察组\x1b[0m").encode("utf-8"))
    source = read_source(path)
    assert source.lines[1].text == "根据市委统一部署，市委第六巡察组[0m对某某局党组进行了巡察。"
    assert source.notes == ["已删除 2 个看不见的字符或控制字符 U+0000（空字符）、U+001B（转义符）（第 2 行）："
                            "它们不是通报的文字，会让网页和 PDF 出错"]
    draft = import_notice(path)
    assert "\\0" not in draft.text and "\\e" not in draft.text and "\x00" not in draft.text


def test_a_binary_file_named_txt_is_refused(tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(2000) + "整改".encode("gbk") * 100)
    error = _refused(path)
    assert (error.code, str(error)) == ("source.binary", f"{path}: 不是文本文件（含有大量空字节），可能是改了后缀的 Word 或其他文件")


@pytest.mark.parametrize(("encoding", "text", "note"), [
    ("big5", TRADITIONAL, "已按 Big5 读取"),
    ("cp950", TRADITIONAL, "已按 Big5 读取"),
    ("gbk", NOTICE, None),
    ("gb18030", TRADITIONAL, None),
    ("utf-16-le", NOTICE, "文件是没有字节顺序标记的 UTF-16 文本，已按 UTF-16 读取"),
    ("utf-16", NOTICE, None),
    ("utf-8", TRADITIONAL, None),
])
def test_text_files_in_the_encodings_notices_come_in(tmp_path, encoding, text, note):
    """Before, Big5 was decoded as GB18030 into mojibake (い琘琘Ы…)."""
    path = tmp_path / "n.txt"
    path.write_bytes(text.encode(encoding))
    source = read_source(path)
    assert [line.text for line in source.lines] == text.splitlines()
    assert source.notes == ([note] if note else [])


# --- saved web pages ----------------------------------------------------------------------

def _page(body: str, head: str = '<meta charset="utf-8">', title: str = "通报") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


def test_scripts_and_styles_after_a_form_are_dropped(tmp_path):
    """Before, dropping the first <form> ended the walk: later <script> and <style> became notice text."""
    path = tmp_path / "p.html"
    path.write_text(_page("<form><input name=q><button>搜索</button></form><p>整改通报正文。</p><script>var hits = '脚本';</script>"
                          "<style>.zoom{font-size:20px}</style><p>第二段。</p><noscript>请启用脚本</noscript>"),
                    encoding="utf-8")
    assert [line.text for line in read_source(path).lines] == ["整改通报正文。", "第二段。"]


def test_a_page_nested_as_deep_as_libxml2_reads_with_huge_tree_is_read_whole(tmp_path):
    """Before, past 255 levels the draft held only the page's chrome, and the report said 100%."""
    path = tmp_path / "deep.html"
    path.write_text(_page("<div>" * 1000 + "<p>整改通报正文。</p>" + "</div>" * 1000 + "<p>结尾。</p>"), encoding="utf-8")
    assert [line.text for line in read_source(path).lines] == ["整改通报正文。", "结尾。"]


def test_a_page_nested_deeper_is_refused_not_reported_as_read(tmp_path, capsys):
    path = tmp_path / "deeper.html"
    path.write_text(_page("<p>网站首页</p>" + "<div>" * 3000 + "<p>整改通报正文。</p>" + "</div>" * 3000), encoding="utf-8")
    assert main(["import", str(path), "--out", "-"]) == 2
    assert capsys.readouterr().err == (f"{path}: 网页的标签嵌套超过 2048 层，无法完整读取（正常网页不过几十层），"
                                       "请在浏览器中打开，复制正文存为 .txt 后导入\n")


@pytest.mark.parametrize("content", ["", "   \n", "<!-- 页面已删除 -->", "<html><head><title></title></head><body></body></html>"])
def test_an_empty_or_comment_only_page_says_so(tmp_path, content, capsys):
    """Before: a traceback (lxml's "Document is empty")."""
    path = tmp_path / "empty.html"
    path.write_text(content, encoding="utf-8")
    assert main(["import", str(path), "--out", "-"]) == 2
    out, err = capsys.readouterr()
    assert err == f"{path}: 网页中没有可读取的文字\n" and "Traceback" not in out + err


def test_an_xhtml_page_with_an_encoding_prolog(tmp_path):
    """Before: a traceback (lxml refuses decoded text that declares an encoding)."""
    path = tmp_path / "x.html"
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<head><title>通报</title></head><body><p>整改通报正文。</p></body></html>")
    path.write_bytes(page.encode("gbk"))
    source = read_source(path)
    assert [line.text for line in source.lines] == ["整改通报正文。"] and source.metadata["title"] == "通报"


@pytest.mark.parametrize("head", ['<meta charset="big5">', '<meta http-equiv="Content-Type" content="text/html; charset=BIG5">', ""])
def test_a_big5_page_is_read_as_big5(tmp_path, head):
    path = tmp_path / "b.html"
    path.write_bytes(_page("".join(f"<p>{line}</p>" for line in TRADITIONAL.splitlines()), head, "通報").encode("big5"))
    source = read_source(path)
    assert [line.text for line in source.lines] == TRADITIONAL.splitlines() and source.metadata["title"] == "通報"


def test_a_page_declaring_a_wrong_encoding_is_read_as_what_it_is(tmp_path):
    path = tmp_path / "w.html"
    path.write_bytes(_page("<p>整改通报正文。</p>", '<meta charset="utf-8">').encode("gbk"))
    source = read_source(path)
    assert source.lines[-1].text == "整改通报正文。"
    assert source.notes == ["网页声明的编码 utf-8 与内容不符，已按 GBK（GB18030） 读取"]


@pytest.mark.parametrize(("times", "code"), [(120, 2), (3, 1)])
def test_a_notice_repeated_many_times(tmp_path, times, code, capsys):
    """Before, 120 copies of a notice in one .txt gave a RecursionError traceback."""
    seed = next((Path(__file__).parents[1] / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    path = tmp_path / "many.txt"
    path.write_text((seed + "\n") * times, encoding="utf-8")
    assert main(["import", str(path), "--out", "-"]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "Error" not in err
    if code == 2:
        assert err == f"{path}: 正文超过 {MAX_CHARS} 字的上限（一份数据文件最多容纳这么多）：这不像是一份通报，请确认选对了文件\n"
    else:
        assert "已读取 many.txt：正文 " in err and "草稿：（屏幕输出）" in err


SHORT = ("一、整改工作开展情况\n局党组高度重视。\n二、整改工作落实情况\n按照要求推进整改。\n"
         "三、下一步整改计划\n持续抓好整改。\n一是压实责任。\n二是巩固成果。\n")


@pytest.mark.parametrize("times", [300, 12, 50])
def test_numbering_nested_past_any_notice_is_refused_before_it_is_read_into_a_draft(tmp_path, times, capsys):
    """A short notice pasted again and again: each copy's 一、 reads as a point under the last 二是, one
    level deeper each time. Before, 300 copies (23 KB, far under the text limit) gave a RecursionError
    traceback, and 50 a draft nested 100 levels deep that no data file can hold."""
    path = tmp_path / "many.txt"
    path.write_text(NOTICE.splitlines()[0] + "\n" + SHORT * times, encoding="utf-8")
    assert main(["import", str(path), "--out", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == (f"{path}: 通报的编号层层嵌套超过 {MAX_OUTLINE_DEPTH} 层（原文第 "
                                 f"{_deepest_line(times)} 行；通报的编号通常不过五六层，如 一、（一）1.（1）一是）："
                                 "文件里可能把同一份通报粘贴了多次，或编号接续有误，请对照原件核对后再导入\n")


def _deepest_line(times: int) -> int:
    """The line that first goes past the limit: two levels a copy (一、 under 二是, then 二是 below)."""
    copy, at = divmod(MAX_OUTLINE_DEPTH, 2)
    return 1 + copy * 8 + (8 if at else 1)


def test_a_notice_repeated_a_few_times_still_imports(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text(NOTICE.splitlines()[0] + "\n" + SHORT * 2, encoding="utf-8")
    assert import_notice(path).text


@pytest.mark.parametrize(("control", "name"), [("\x07", "U+0007（响铃符）"), ("\x1b", "U+001B（转义符）"), ("&#7;", "U+0007（响铃符）"),
                                              ("&#x1b;", "U+001B（转义符）"), ("&#xFFFE;", "U+FFFE（控制字符）")])
def test_control_characters_in_a_page_are_dropped_and_said(tmp_path, control, name, capsys):
    """Before: a ValueError traceback from lxml (“All strings must be XML compatible”), raw or as a reference."""
    path = tmp_path / "c.html"
    path.write_text(_page(f"<p>整改通报正文。</p><p>巡察{control}组</p><p>第二段。</p>"), encoding="utf-8")
    source = read_source(path)
    assert [line.text for line in source.lines] == ["整改通报正文。", "巡察组", "第二段。"]
    assert source.notes == [f"网页中有 1 个控制字符 {name}，已删除：它们不是通报的文字，会让网页和 PDF 出错"]
    assert main(["import", str(path), "--out", "-"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "巡察组" in out and "\\a" not in out and "\\e" not in out
