"""read_docx on .docx files written by LibreOffice, whose numbering.xml is its own, not ours.

Slow (LibreOffice starts once per conversion batch, seconds each): kept apart from
test_import_docx.py. Needs `soffice` (Debian: libreoffice-writer-nogui); without it the
tests fail, they are not skipped.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from support.docx import (
    SEED_LEVELS,
    Lvl,
    add_abstract,
    add_list,
    add_num,
    build_seed,
    new_document,
    numbered,
    save,
    seed_lines,
    set_numbering,
)

from zhenggai.importer.docx import Paragraph, Table, read_docx

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)
# An ODF list style as LibreOffice's own dialog writes it: 一、(一)1. with Chinese numerals.
_LIST_STYLE = """<text:list-style style:name="Zh">
<text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>
<text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")" style:num-format="一, 二, 三, ..."/>
<text:list-level-style-number text:level="3" style:num-suffix="." style:num-format="1"/>
</text:list-style>"""
_BOLD = '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
TABLE_ROWS = (
    ("序号", "问题", "整改措施", "责任单位", "完成时限", "整改情况"),
    ("1", "党组会议开展不严谨", "规范议题搜集和会前审批", "办公室", "2021年3月", "已完成"),
    ("2", "履行职责不到位", "对接24家单位权责清单", "", "长期坚持", "已完成"),
)


def soffice(sources: list[Path], target: str, outdir: Path) -> None:
    """Convert files with LibreOffice in one run (a private profile, so runs never clash)."""
    binary = shutil.which("soffice")
    if binary is None:
        pytest.fail("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    profile = outdir.parent / "lo-profile"
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(profile)},
    )


def _odf_paragraph(text: str) -> str:
    lead = "整改情况:"
    if text.startswith(lead):
        return f'<text:p><text:span text:style-name="B">{lead}</text:span>{html.escape(text[len(lead) :])}</text:p>'
    return f"<text:p>{html.escape(text)}</text:p>"


def _odf_table() -> str:
    rows = []
    for r, row in enumerate(TABLE_ROWS):
        cells = []
        for c, text in enumerate(row):
            if r == 1 and c == 3:
                cells.append(
                    f'<table:table-cell table:number-rows-spanned="2"><text:p>{text}</text:p></table:table-cell>'
                )
            elif r == 2 and c == 3:
                cells.append("<table:covered-table-cell/>")
            else:
                cells.append(f"<table:table-cell><text:p>{text}</text:p></table:table-cell>")
        rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    return f'<table:table table:name="整改台账"><table:table-column table:number-columns-repeated="6"/>{"".join(rows)}</table:table>'


def seed_as_fodt(path: Path) -> list:
    """Seed 001 as a flat ODF text: every typed label turned into an item of one ODF list."""
    lines = seed_lines("001")
    body = []
    for index, line in enumerate(lines):
        if line.level is None:
            body.append(_odf_paragraph(line.text))
            continue
        # Each numbered paragraph is its own text:list continuing the previous one, the way
        # LibreOffice saves lists interrupted by ordinary paragraphs.
        continues = (
            ' text:continue-numbering="true"' if any(x.level is not None for x in lines[:index]) else ""
        )
        opening = "<text:list-item><text:list>" * line.level
        closing = "</text:list></text:list-item>" * line.level
        item = f"<text:list-item><text:p>{html.escape(line.text)}</text:p></text:list-item>"
        body.append(f'<text:list text:style-name="Zh"{continues}>{opening}{item}{closing}</text:list>')
    body.append(_odf_table())
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {_ODF_NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text"><office:styles>{_LIST_STYLE}</office:styles>'
        f"<office:automatic-styles>{_BOLD}</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>",
        encoding="utf-8",
    )
    return lines


def test_libreoffice_list_from_an_odf_document(tmp_path):
    lines = seed_as_fodt(tmp_path / "001.fodt")
    out = tmp_path / "out"
    soffice([tmp_path / "001.fodt"], "docx", out)
    docx_path = out / "001.docx"
    with zipfile.ZipFile(docx_path) as archive:
        numbering = archive.read("word/numbering.xml").decode()
    # LibreOffice writes its Chinese numerals as taiwaneseCountingThousand, not as we would.
    assert re.search(r'w:numFmt w:val="(taiwanese|chinese)Counting', numbering)
    blocks = read_docx(docx_path)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert [(p.label, p.text) for p in paragraphs] == [(line.label, line.text) for line in lines]
    assert [p.level for p in paragraphs if p.label][:6] == [0, 1, 1, 1, 0, 1]
    measure = next(p for p in paragraphs if p.text.startswith("整改情况:"))
    assert measure.bold_prefix == "整改情况:"
    assert blocks[-1] == Table(TABLE_ROWS)


def _oracle_documents(folder: Path) -> list[Path]:
    """Our own .docx files, using only numbering features LibreOffice 7.4 renders as Word does.

    LibreOffice 7.4 ignores w:lvlRestart, w:isLgl and the w:lvl/w:pStyle level link, so
    those are left to test_import_docx.py.
    """
    paths = [build_seed(folder, "001", SEED_LEVELS)[0]]
    document = new_document()
    abstract = add_abstract(document, [("decimal", "%1."), ("decimal", "%1.%2")])
    for num_id, texts in [
        (add_num(document, abstract), "甲乙"),
        (add_num(document, abstract, {0: 1}), "丙"),
        (add_num(document, abstract), "丁"),
        (add_num(document, abstract, {0: 5}), "戊"),
    ]:
        for text in texts:
            numbered(document, text, num_id)
            numbered(document, f"{text}的子项", num_id, 1)
        document.add_paragraph("中间的说明段落。")
    paths.append(save(document, folder / "instances.docx"))
    document = new_document()
    thousands = add_list(document, [("chineseCountingThousand", "（%1）")])
    for n in range(23):
        numbered(document, f"问题{n + 1}", thousands)
    late = add_list(document, [Lvl("chineseCountingThousand", "%1、", start=98)])
    for _ in range(4):
        numbered(document, "后续", late)
    for num_fmt in ("decimalEnclosedCircle", "ideographTraditional", "chineseLegalSimplified", "upperRoman"):
        num_id = add_list(document, [(num_fmt, "%1.")])
        for _ in range(12):
            numbered(document, num_fmt, num_id)
    chapters = add_list(document, [("chineseCounting", "第%1章"), ("decimal", "%1.%2")])
    for text, ilvl in [("总则", 0), ("目的", 1), ("依据", 1), ("分则", 0), ("范围", 1)]:
        numbered(document, text, chapters, ilvl)
    headings = add_list(document, [Lvl("chineseCounting", "%1、"), Lvl("chineseCounting", "（%2）")])
    set_numbering(document.styles["Heading 1"], headings, 0)
    set_numbering(document.styles["Heading 2"], headings, 1)
    for text, style in [
        ("开展情况", "Heading 1"),
        ("统一认识", "Heading 2"),
        ("正文。", None),
        ("落实情况", "Heading 1"),
        ("党的领导", "Heading 2"),
    ]:
        document.add_paragraph(text, style=style)
    paths.append(save(document, folder / "formats.docx"))
    return paths


def _shown(path: Path) -> list[str]:
    return [f"{b.label} {b.text}" if b.label else b.text for b in read_docx(path) if isinstance(b, Paragraph)]


def test_libreoffice_shows_and_rewrites_our_numbering_the_same(tmp_path):
    sources = _oracle_documents(tmp_path)
    soffice(sources, "txt:Text", tmp_path / "txt")
    soffice(sources, "docx", tmp_path / "rewritten")
    for source in sources:
        ours = _shown(source)
        # LibreOffice's plain-text export prints the labels its own numbering engine computed.
        rendered = (tmp_path / "txt" / f"{source.stem}.txt").read_text(encoding="utf-8-sig")
        assert ours == [line.strip() for line in rendered.splitlines() if line.strip()], source.name
        # Saved by LibreOffice, the same lists are encoded its way; the labels must not change.
        assert _shown(tmp_path / "rewritten" / source.name) == ours, source.name
