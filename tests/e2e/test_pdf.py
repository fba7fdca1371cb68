"""The archival PDFs of the three real examples: PDF/A parts, fonts, text, outline, reproducibility.

No PDF/A validator can be installed here (veraPDF), so these tests check what can be checked
with pikepdf and poppler. Each example is rendered once per session.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import logging
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont, newTable

import zhenggai.pdf.render as pdf
from zhenggai.pdf import FontMissingError, GlyphMissingError, write_pdfs
from zhenggai.pdf import fonts as pdf_fonts
from zhenggai.pdf.printhtml import Rendering
from zhenggai.text import cn_date, status_words
from zhenggai.data import load_all
from zhenggai.data.dump import published_yaml
from zhenggai.model import Document, DocumentKind
from zhenggai.numbering import number_document

ROOT = Path(__file__).resolve().parents[2]
# The session's build day (tests/conftest.py: SOURCE_DATE_EPOCH), the day these PDFs say they were made.
BUILD_DAY = dt.date(2026, 12, 7)
DATA = ROOT / "data"
EXAMPLES = ("sz-bgt-2019-xuncha-zhenggai", "ps-zsj-2021-xuncha-jinzhan", "ps-bgs-2018-gongzuo")


@pytest.fixture(scope="session")
def examples(tmp_path_factory):
    """The three examples, rendered in parallel into a fresh folder: (collection, out_dir, records)."""
    result = load_all([DATA])
    assert result.ok, result.errors
    out = tmp_path_factory.mktemp("pdf")
    records = write_pdfs(result.collection, out, tmp_path_factory.mktemp("cache"))
    return result.collection, out, {r.id: r for r in records}


@pytest.fixture(scope="session", params=EXAMPLES)
def example(request, examples):
    """(document, pdf path, YAML path) of one example."""
    collection, out, _ = examples
    return collection.by_id(request.param), out / f"{request.param}.pdf", collection.source(request.param)


def test_every_example_has_a_pdf(examples):
    collection, out, records = examples
    assert sorted(records) == sorted(EXAMPLES)
    assert {p.name for p in out.glob("*.pdf")} == {f"{i}.pdf" for i in EXAMPLES}
    assert all(r.pages > 1 and r.rendered for r in records.values())


def test_pdfa_identification_in_xmp(example):
    _, path, _ = example
    with pikepdf.open(path) as document:
        xmp = document.open_metadata()  # read only: no `with`, which would write it back
        assert xmp["pdfaid:part"] == "3"
        assert xmp["pdfaid:conformance"] == "U"
        assert document.pdf_version == "1.7"


def test_output_intent_carries_an_icc_profile(example):
    _, path, _ = example
    with pikepdf.open(path) as document:
        intents = document.Root.OutputIntents
        assert len(intents) == 1
        assert intents[0].S == "/GTS_PDFA1"
        profile = intents[0].DestOutputProfile
        assert profile.N == 3
        assert profile.read_bytes()[36:40] == b"acsp"  # the ICC signature


def test_every_font_is_embedded(example):
    _, path, _ = example
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    fonts = rows.splitlines()[2:]
    for row in fonts:
        # name type encoding emb sub uni: embedded and subset, with a Unicode map
        assert re.search(r"\byes\s+yes\s+yes\b", row), row
    # 小标宋, 仿宋, 宋体 (page numbers), 黑体, 楷体 stand-ins (pdf/fonts.py); AR PL UKai only for
    # a 楷体 character outside GB 2312, which these examples do not have.
    assert {row.split()[0].split("+")[1] for row in fonts} == {
        "Noto-Serif-CJK-SC-Bold", "FandolFang", "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC", "FandolKai",
    }


def test_cjk_fonts_are_compact_cid_keyed_cff(example):
    """The CFF fonts hold only the glyphs drawn, selected by CID through their charset."""
    _, path, _ = example
    with pikepdf.open(path) as document:
        fonts = {f.objgen: f for page in document.pages for f in page.Resources.Font.values()}
        cff_fonts = 0
        for font in fonts.values():
            descendant = font.DescendantFonts[0]
            if descendant.Subtype != "/CIDFontType0":
                continue
            cff_fonts += 1
            program = descendant.FontDescriptor.FontFile3
            assert program.Subtype == "/CIDFontType0C"
            assert "/CIDToGIDMap" not in descendant  # a TrueType key: CIDs go through the charset
            top = _font_program(program)["CFF "].cff.topDictIndex[0]
            assert tuple(top.ROS) in (("Adobe", "Identity", 0), ("Adobe", "GB1", 5))  # Noto; Fandol
            drawn = {int(cid, 16) for cid in re.findall(r"<([0-9a-f]{4})>\s*<", font.ToUnicode.read_bytes().decode())}
            kept = {int(name[3:]) for name in top.charset[1:]}
            assert drawn - {0} <= kept and len(kept) < len(drawn) + 10
        assert cff_fonts == 5
    # Retained glyph ids made them 600–640 KB with Noto alone; FandolFang's outlines take about
    # 200 KB more than Noto's for the same characters (measured on these examples: 0.45–0.5 MB).
    assert path.stat().st_size < 560_000


def test_no_encryption_and_no_javascript(example):
    _, path, _ = example
    with pikepdf.open(path) as document:
        assert not document.is_encrypted
        assert "/Encrypt" not in document.trailer
        assert "/OpenAction" not in document.Root and "/AA" not in document.Root
        assert "/JavaScript" not in document.Root.get("/Names", {})
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert "/JS" not in obj and obj.get("/S") != "/JavaScript"


def test_the_data_as_published_is_attached(example):
    doc, path, source = example
    with pikepdf.open(path) as document:
        assert list(document.attachments) == [f"{doc.id}.yml"]
        spec = document.attachments[f"{doc.id}.yml"]
        assert spec.obj.AFRelationship == "/Source"
        assert spec.get_file().mime_type == "application/yaml"
        attached = spec.get_file().read_bytes()
        assert spec.obj in list(document.Root.AF)
    assert attached == published_yaml(doc)  # serialised from the model, not the staff's file
    assert attached != source.read_bytes() and b"#" not in attached.split(b"\n")[0]


def test_document_info_and_xmp(example):
    doc, path, _ = example
    published = doc.metadata.published.strftime("D:%Y%m%d000000+08'00")
    with pikepdf.open(path) as document:
        xmp = document.open_metadata()
        info = document.docinfo
        assert str(info.Title) == doc.title == xmp["dc:title"]
        assert str(info.Author) == doc.publisher == xmp["dc:creator"][0]
        assert str(info.Subject).startswith(doc.kind.value)
        assert published not in (str(info.CreationDate), str(info.ModDate))  # the file's dates are its own
        assert xmp["dc:language"] == {"zh-CN"}
        assert str(document.Root.Lang) == "zh-CN"
        words = list(doc.metadata.subject_words) or [doc.kind.value, doc.publisher]
        assert str(info.Keywords) == xmp["pdf:Keywords"] == ", ".join(words)


def _outline_titles(path: Path) -> list[tuple[int, str]]:
    titles = []

    def walk(items, depth):
        for item in items:
            titles.append((depth, item.title))
            walk(item.children, depth + 1)

    with pikepdf.open(path) as document, document.open_outline() as outline:
        walk(outline.root, 1)
    return titles


def test_outline_has_every_section_category_and_problem(example):
    doc, path, _ = example
    titles = [title for _, title in _outline_titles(path)]
    expected = ["公开目录信息"]

    def sections(numbered):
        for ns in numbered:
            expected.append(f"{ns.label}{ns.section.heading}")
            sections(ns.sections)
            for nc in ns.categories:
                expected.append(f"{nc.label}“{nc.category.title}”方面")
                expected.extend(
                    f"{np.label}{np.problem.title}{'等问题' if np.problem.similar else ''}" for np in nc.problems
                )

    sections(number_document(doc))
    if doc.contact:
        expected.append("监督联系方式")
    assert titles == expected


def test_outline_nests_problems_under_categories(examples):
    titles = _outline_titles(examples[1] / "sz-bgt-2019-xuncha-zhenggai.pdf")
    assert (1, "二、敢于担当尽责,从严从实抓好整改") in titles  # the data's own comma
    assert (2, "（一）“党的领导和建设仍需加强”方面") in titles
    assert (3, "1.‘三重一大’制度执行有偏差") in titles


@functools.cache
def _pdf_text(path: Path) -> str:
    """pdftotext output without page numbers, with all white space removed (lines break anywhere)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
    lines = [line for line in text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    return re.sub(r"\s+", "", "".join(lines))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _finding_texts(doc: Document) -> list[str]:
    """Every problem and item title and every measure, in document order."""
    texts = []

    def points(items):
        for point in items:
            texts.append((point.title or "") + point.text)
            points(point.points)

    for problem in doc.problems():
        texts.append(problem.title)
        points(problem.measures)
        for item in problem.items:
            texts.append(item.title)
            points(item.measures)
    return [t for t in texts if t]


def test_text_has_every_problem_and_measure_in_order(example):
    doc, path, _ = example
    text = _pdf_text(path)
    position = 0
    expected = [doc.title, *doc.opening, *_finding_texts(doc)]
    for wanted in expected:
        found = text.find(_squash(wanted), position)
        assert found >= 0, f"not found after position {position}: {wanted[:40]}"
        position = found + len(_squash(wanted))
    if doc.signature:
        assert _squash(doc.signature.organisation) + cn_date(doc.signature.date) + "本件为" in text


def test_examples_with_problems_are_checked():
    # The order test above is only meaningful if the notices really have problems and measures.
    collection = load_all([DATA]).collection
    assert len(_finding_texts(collection.by_id("sz-bgt-2019-xuncha-zhenggai"))) > 50
    assert len(_finding_texts(collection.by_id("ps-zsj-2021-xuncha-jinzhan"))) > 50


def test_status_of_every_problem_in_words(example):
    """Each finding's status in words; a notice that gives none says so once, not per problem."""
    doc, path, _ = example
    text = _pdf_text(path)
    findings = doc.findings() if doc.problems() else ()
    if doc.tally().with_status:
        assert text.count("整改情况：") >= len(findings)
        for finding in findings:
            assert _squash(status_words(finding)) in text
    else:
        assert "整改情况：" not in text
        assert text.count("本通报未逐项说明整改状态") == (1 if findings else 0)


def _font_coverage(path: Path) -> set[str]:
    """The characters that some embedded font draws with a real (non-empty) glyph."""
    covered: set[str] = set()
    with pikepdf.open(path) as document:
        fonts = {f.objgen: f for page in document.pages for f in page.Resources.Font.values()}
        for font in fonts.values():
            descriptor = font.DescendantFonts[0].FontDescriptor
            program = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
            ttfont = _font_program(program)
            cmap = font.ToUnicode.read_bytes().decode("ascii")
            for cid, text in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]+)>", cmap):
                if _glyph_drawn(ttfont, int(cid, 16)):
                    covered.update(bytes.fromhex(text).decode("utf-16-be"))
    return covered


def _font_program(stream: pikepdf.Stream) -> TTFont:
    """An embedded font program; a bare CFF (FontFile3 /CIDFontType0C) comes wrapped in a TTFont."""
    data = stream.read_bytes()
    if stream.get("/Subtype") != "/CIDFontType0C":
        return TTFont(io.BytesIO(data))
    ttfont = TTFont()
    table = newTable("CFF ")
    table.decompile(data, ttfont)
    ttfont["CFF "] = table
    return ttfont


def _glyph_drawn(ttfont: TTFont, cid: int) -> bool:
    if cid == 0:
        return False  # .notdef: the box
    if "CFF " in ttfont:
        strings = ttfont["CFF "].cff.topDictIndex[0].CharStrings
        name = f"cid{cid:05d}"
        return name in strings and strings[name].calcBounds(strings) is not None
    order = ttfont.getGlyphOrder()
    if cid >= len(order):
        return False
    glyph = ttfont["glyf"][order[cid]]
    return glyph.numberOfContours != 0


def test_every_character_has_a_glyph_in_the_embedded_fonts(example):
    doc, path, _ = example
    body = re.sub(r"<[^>]+>", "", pdf.print_html(doc).split("<body>")[1])
    characters = {c for c in html.unescape(body) if not c.isspace()}
    assert len(characters) > 300
    assert characters - _font_coverage(path) == set()


def test_reproducible_in_a_new_process(examples, tmp_path):
    """Building the same commit twice gives byte-identical PDFs and manifests."""
    _, out, records = examples
    script = (
        "import sys; from pathlib import Path\n"
        "from zhenggai.data import load_all\nfrom zhenggai.pdf import write_pdfs\n"
        "if __name__ == '__main__':\n"
        f"    write_pdfs(load_all([Path({str(DATA)!r})]).collection, Path(sys.argv[1]), Path(sys.argv[2]), jobs=1)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "out"), str(tmp_path / "cache")], check=True, env=env)
    for doc_id in EXAMPLES:
        assert (tmp_path / "out" / f"{doc_id}.pdf").read_bytes() == (out / f"{doc_id}.pdf").read_bytes()
    assert (tmp_path / "out" / "manifest.json").read_bytes() == (out / "manifest.json").read_bytes()


def test_the_document_keeps_its_date_and_the_file_says_when_it_was_rendered(example):
    """发布日期 is the document's (dc:date, the attached data's dates); the file's own dates are
    the day it was rendered (the build's day here), never the clock."""
    doc, path, _ = example
    midnight = dt.datetime.combine(doc.metadata.published, dt.time(), pdf.CHINA_TIME)
    rendered = dt.datetime.combine(BUILD_DAY, dt.time(), pdf.CHINA_TIME)
    with pikepdf.open(path) as document:
        params = document.attachments[f"{doc.id}.yml"].get_file().obj.Params
        utc = midnight.astimezone(dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
        assert str(params.CreationDate) == str(params.ModDate) == utc
        xmp = document.open_metadata()
        assert xmp["dc:date"] == [midnight.isoformat()]
        assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == xmp["xmp:MetadataDate"] == rendered.isoformat()
        info = document.docinfo
        assert str(info.CreationDate) == str(info.ModDate) == rendered.strftime("D:%Y%m%d000000+08'00")


def test_missing_cjk_fonts_fail_before_any_pdf(tmp_path, monkeypatch):
    empty = tmp_path / "fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / "fc"}</cachedir></fontconfig>\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    collection = load_all([DATA]).collection
    with pytest.raises(FontMissingError) as error:
        write_pdfs(collection, tmp_path / "out", tmp_path / "cache")
    assert "fonts-noto-cjk" in str(error.value) and "fonts-arphic-ukai" in str(error.value)
    assert "sh scripts/fandol.sh" in str(error.value) and "FandolFang" in str(error.value)
    assert "方框" in str(error.value)
    assert not (tmp_path / "out").exists()


def test_character_without_glyph_is_an_error(write, monkeypatch):
    from conftest import VALID_YAML

    from zhenggai.data import glyphs

    # Validation refuses it first (tests/unit/test_glyphs.py); the renderer's check is the backstop.
    monkeypatch.setattr(glyphs, "coverage", lambda: None)
    path = write("data/box.yml", VALID_YAML.replace("局党组高度重视", "局党组\U00013000高度重视"))
    doc = load_all([path]).collection.by_id("box")
    with pytest.raises(GlyphMissingError, match="U\\+13000"):
        pdf.render_pdf(doc, published_yaml(doc), Rendering("整改公开", BUILD_DAY))


def test_harfbuzz_fallback_warns_loudly(monkeypatch, caplog):
    assert pdf_fonts.check_subsetting() is True  # libharfbuzz-subset0 is installed here
    monkeypatch.setattr(pdf_fonts, "harfbuzz_subset", None)
    with caplog.at_level(logging.WARNING, logger="zhenggai.pdf"):
        assert pdf_fonts.check_subsetting() is False
    assert "libharfbuzz-subset0" in caplog.text


def test_point_labels_only_when_more_than_one(examples):
    collection, _, _ = examples
    page = pdf.print_html(collection.by_id("sz-bgt-2019-xuncha-zhenggai"))
    # Item (3) has a single measure: printed without 一是.
    assert '<p class="measure">根据《深圳市机构改革方案》' in page
    assert '<p class="measure">一是强化制度建设。' in page
    assert '<p class="measure">二是严格执行制度。' in page


def _structure(path: Path) -> list[tuple[int, str, object]]:
    """The structure tree of a tagged PDF, depth first: (depth, tag, element)."""
    out = []

    def walk(element, depth):
        kids = element.get("/K")
        if kids is None:
            return
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append((depth, str(kid.S)[1:], kid))
                walk(kid, depth + 1)

    with pikepdf.open(path) as document:
        walk(document.Root.StructTreeRoot, 0)
        return [(depth, tag, None) for depth, tag, _ in out]


def test_the_structure_tree_has_headings_in_order_lists_and_table_headers(examples):
    _, out, _ = examples
    tree = _structure(out / "sz-bgt-2019-xuncha-zhenggai.pdf")
    tags = [tag for _, tag, _ in tree]
    headings = [int(tag[1]) for tag in tags if re.fullmatch(r"H[1-6]", tag)]
    assert headings[0] == 1 and headings.count(1) == 1  # the title, once, first
    assert {1, 2, 3, 4} <= set(headings)
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:])), "a heading level is skipped"
    assert tags.count("L") >= 10 and tags.count("LI") >= 40  # the measures, as lists
    assert "TH" in tags and "Table" in tags  # the catalogue's row headers
    with pikepdf.open(out / "sz-bgt-2019-xuncha-zhenggai.pdf") as document:
        assert str(document.Root.Lang) == "zh-CN"
        assert bool(document.Root.MarkInfo.Marked) is True
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle) is True  # the title, not the file name


def test_the_headings_in_the_tree_are_the_printed_headings(examples):
    """Reading order: H2 headings are the document's sections, in order."""
    collection, out, _ = examples
    with pikepdf.open(out / "ps-zsj-2021-xuncha-jinzhan.pdf") as document:
        root = document.Root.StructTreeRoot
        ids = [kid for kid in root.K[0].K if isinstance(kid, pikepdf.Dictionary)]
        assert ids and str(ids[0].S) in ("/Table", "/Sect", "/P", "/H1")
    text = _pdf_text(out / "ps-zsj-2021-xuncha-jinzhan.pdf")
    doc = collection.by_id("ps-zsj-2021-xuncha-jinzhan")
    positions = [text.find(_squash(f"{ns.label}{ns.section.heading}")) for ns in number_document(doc)]
    assert -1 not in positions and positions == sorted(positions)


def test_still_pdfa_3u_and_says_pdfua(example):
    _, path, _ = example
    with pikepdf.open(path) as document:
        xmp = document.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "U")
        assert xmp["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in document.Root


def test_the_file_names_the_site_and_tool_that_made_it(example):
    doc, path, _ = example
    tool = f"整改公开 zhenggai {version('zhenggai')}"
    with pikepdf.open(path) as document:
        info, xmp = document.docinfo, document.open_metadata()
        assert str(info.Producer) == xmp["pdf:Producer"] == f"{tool}; WeasyPrint {version('weasyprint')}"
        # Without a site name the tool alone, its name said once (audit 2026-12-08 #5: it read
        # 整改公开（整改公开 zhenggai …）); with one, the site and the tool.
        assert str(info.Creator) == xmp["xmp:CreatorTool"] == tool
    assert pdf.pdf_metadata(doc, Rendering("巡察整改公开", BUILD_DAY)).generator == f"巡察整改公开（{tool}）"
    # What the copy was made from (audit 2026-12-08 #4: 根据已发布的政府信息公开生成).
    made_from = "已公开的政府信息" if doc.kind is DocumentKind.DISCLOSURE else f"已发布的{doc.kind.value}"
    closing = f"本件为整改公开网站根据{made_from}生成的归档版本，生成日期{cn_date(BUILD_DAY)}，结构化数据见附件{doc.id}.yml。"
    assert _pdf_text(path).endswith(closing)


def test_the_body_is_set_in_fandolfang(example):
    """GB/T 9704 sets the body in 仿宋: FandolFang draws most of what is printed."""
    _, path, _ = example
    shown: dict[str, int] = {}
    with pikepdf.open(path) as document:
        for page in document.pages:
            names = {str(k): str(f.BaseFont).split("+")[-1] for k, f in page.Resources.Font.items()}
            font = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    font = names.get(str(operands[0]))
                elif str(operator) in ("Tj", "TJ") and font:
                    strings = operands[0] if str(operator) == "TJ" else [operands[0]]
                    count = sum(len(bytes(x)) // 2 for x in strings if isinstance(x, pikepdf.String))
                    shown[font] = shown.get(font, 0) + count
    total = sum(shown.values())
    assert shown["FandolFang"] / total > 0.85, shown


def test_compacted_fonts_draw_each_glyph_by_its_own_cid():
    """FandolFang is an Adobe-GB1 font: from glyph 8896 on, glyph ids and CIDs differ. The PDF
    names glyphs by id, so a compacted font (selected by CID) is only used where they agree."""
    program = Path("/usr/local/share/fonts/fandol/FandolFang-Regular.otf")
    if not program.exists():
        program = next(Path.home().glob(".local/share/fonts/fandol/FandolFang-Regular.otf"))
    data = program.read_bytes()
    agreeing = pdf_fonts.compact_cid_cff(data, {100, 200, 8000})
    assert agreeing is not None
    top = _font_program(_Bare(agreeing))["CFF "].cff.topDictIndex[0]
    assert [int(name[3:]) for name in top.charset[1:]] == [100, 200, 8000]
    assert pdf_fonts.compact_cid_cff(data, {100, 8896}) is None  # glyph 8896 is CID 9907


class _Bare:
    """A bare CFF as `_font_program` reads a FontFile3 stream."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read_bytes(self) -> bytes:
        return self.data

    def get(self, key):
        return "/CIDFontType0C" if key == "/Subtype" else None


# Text block (版心) of the A4 page in points: 28 mm from the left, 156 mm wide.
_BLOCK_LEFT, _BLOCK_RIGHT = 28 / 25.4 * 72, (28 + 156) / 25.4 * 72
_LINK = ("https://mp.example.cn/s?__biz=QUJDREVGR0hJSktMTU5PUA==&mid=2650000001&idx=2&sn="
         "fedcba9876543210fedcba9876543210&chksm=0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071#rd")
_DIGITS = "7" * 600
_EMAIL = "x" * 200 + "@example.gov.cn"


def test_text_that_cannot_wrap_stays_on_the_page(write, tmp_path):
    """A link, a long run of digits and a long e-mail address have no break opportunity: before,
    they ran off the right edge and the rest of the line was lost from the archival PDF."""
    from conftest import VALID_YAML

    text = (VALID_YAML.replace("局党组高度重视巡察整改工作。", f"局党组高度重视巡察整改工作，方案见{_LINK}。")
            .replace("一是制定学习计划。", f"一是制定学习计划，编号{_DIGITS}。")
            .replace("jubao@example.gov.cn", _EMAIL))
    doc = load_all([write("data/long-runs.yml", text)]).collection.by_id("long-runs")
    path = tmp_path / "long-runs.pdf"
    path.write_bytes(pdf.render_pdf(doc, published_yaml(doc), Rendering("整改公开", BUILD_DAY)).data)
    squashed = _squash(_pdf_text(path))
    assert _LINK in squashed and _DIGITS in squashed and _EMAIL in squashed
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', boxes)
    assert words and all(_BLOCK_LEFT - 1 <= float(a) and float(b) <= _BLOCK_RIGHT + 1 for a, b in words)


def test_text_outside_the_text_block_is_refused_naming_the_field(write):
    """The backstop: whatever still cannot break (the signature is kept on one line) is never
    archived cut off; the error names the document and the field."""
    from conftest import VALID_YAML

    from zhenggai.pdf.fonts import TextOverflowError

    organisation = "中共某某市某某区某某街道某某社区某某委员会某某工作领导小组办公室某某专项工作组"
    text = VALID_YAML.replace("organisation: 中共某某局党组", f"organisation: {organisation}")
    doc = load_all([write("data/wide.yml", text)]).collection.by_id("wide")
    with pytest.raises(TextOverflowError) as error:
        pdf.render_pdf(doc, published_yaml(doc), Rendering("整改公开", BUILD_DAY))
    assert "wide" in str(error.value) and "signature.organisation" in str(error.value)
    assert "版心" in str(error.value) and error.value.code == "pdf.text_overflow"


# A paragraph as notices write them (invented): Chinese with dates, counts and amounts, Latin
# names, half-width brackets, a percentage, a web address and one space.
_MIXED = ("2019年1月至3月，局党组先后召开12次专题会议研究巡察整改工作，部署OA系统升级、PPT模板规范等"
          "工作，共制定整改措施113条，修订完善制度17项，责令退回资金157704元(其中2018年度89350元)，"
          "完成Windows 10终端替换1200台，整改完成率达到95.6%；有关情况已在www.example.gov.cn网站公开，"
          "接受干部群众监督。"
          "下一步，局党组将继续巩固整改成果，把巡察整改与落实全面从严治党主体责任结合起来，"
          "建立健全长效机制，确保2019年底前各项整改任务全部完成。")
# The widest gap between two words of a line: the font's space (half an em of 16 pt) and a
# share of the line's slack, not all of it.
_WIDEST_GAP = 11.0


def _lines(path: Path) -> list[tuple[float, float, str, list[tuple[float, float]]]]:
    """(xMin, xMax, text, words' (xMin, xMax)) of every printed line of the PDF, page by page, top
    to bottom: its words by their baseline (pdftotext splits a line at a wide gap)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for page in re.findall(r"<page .*?</page>", xml, re.S):
        rows: dict[float, list[tuple[float, float, str]]] = {}
        for x_min, x_max, y_max, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            rows.setdefault(round(float(y_max)), []).append((float(x_min), float(x_max), word))
        for _, words in sorted(rows.items()):
            words.sort()
            found.append((words[0][0], words[-1][1], "".join(w for *_, w in words), [(a, b) for a, b, _ in words]))
    return found


def test_justified_lines_end_at_the_right_margin_with_the_slack_between_characters(write, tmp_path):
    """GB/T 9704 sets the text flush on both sides. WeasyPrint justifies by widening spaces only,
    and Chinese has none: a line holding digits, Latin letters or half-width marks ended up to
    a character short of the margin, and a line with one space had all its slack in that space.
    Every line of a paragraph but its last ends at the right edge of the text block."""
    from conftest import VALID_YAML

    text = VALID_YAML.replace("局党组高度重视巡察整改工作。", _MIXED)
    doc = load_all([write("data/mixed.yml", text)]).collection.by_id("mixed")
    path = tmp_path / "mixed.pdf"
    path.write_bytes(pdf.render_pdf(doc, published_yaml(doc), Rendering("整改公开", BUILD_DAY)).data)
    lines = _lines(path)
    first = next(n for n, line in enumerate(lines) if line[2].startswith(_MIXED[:8]))
    last = next(n for n, line in enumerate(lines) if line[2].endswith(_MIXED[-8:]))
    paragraph = lines[first:last + 1]
    assert _squash("".join(line[2] for line in paragraph)) == _squash(_MIXED)
    assert len(paragraph) >= 5
    assert abs(paragraph[0][0] - (_BLOCK_LEFT + 31.56)) < 0.5  # indented two characters
    assert all(abs(x_min - _BLOCK_LEFT) < 0.5 for x_min, *_ in paragraph[1:])
    ends = [round(x_max, 1) for _, x_max, *_ in paragraph[:-1]]
    assert all(abs(end - _BLOCK_RIGHT) <= 1.0 for end in ends), (ends, round(_BLOCK_RIGHT, 1))
    assert paragraph[-1][1] < _BLOCK_RIGHT - 16  # the last line is not stretched
    gaps = [b[0] - a[1] for *_, words in paragraph for a, b in zip(words, words[1:])]
    assert gaps and max(gaps) <= _WIDEST_GAP, [round(gap, 1) for gap in gaps]


def test_the_archive_copy_never_calls_a_guessed_or_later_verdict_late(tmp_path):
    """Audit 6, findings 2 and 6: a year-less plan month before the publication's is next year's,
    of several dates the plan's; a notice reporting an item done carries no later notice's verdict."""
    from support.notices import notice  # the unit tests' invented notices

    rendering = Rendering("整改公开", dt.date(2022, 1, 5))
    texts = {}
    for name, data in {
        "noyear": notice("丁局", "2021-12-10", "正在推进中", "计划6月底前完成"),
        "stages": notice("戊局", "2021-07-15", "正在推进中", "已于2021年3月完成第一阶段，计划2022年6月底前全部完成"),
        "done": notice("己局", "2021-05-01", "已完成", None),
        "late": notice("庚局", "2021-08-01", "正在推进中", "计划2021年6月30日前完成"),
    }.items():
        doc = Document.model_validate({**data, "id": name})
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf.render_pdf(doc, published_yaml(doc), rendering).data)
        texts[name] = _pdf_text(path)
    assert "计划6月底前完成。" in texts["noyear"] and "逾期" not in texts["noyear"]
    assert "计划2022年6月底前全部完成。" in texts["stages"] and "逾期" not in texts["stages"]
    assert "整改情况：已完成。" in texts["done"] and "逾期" not in texts["done"]
    assert "计划2021年6月30日前完成，截至发布日已逾期32天。" in texts["late"]  # the notice itself shows it
