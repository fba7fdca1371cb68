"""zhenggai import on old Word and WPS files (.doc, .wps, .rtf), converted by the real LibreOffice:
the same draft as the .docx they were made from. Needs `soffice` (Debian: libreoffice-writer-nogui);
without it the tests fail, they are not skipped. The stand-in converter's cases (absent, hanging,
failing) are in tests/unit/test_import_formats.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.docx import SEED_LEVELS, build_seed, new_document, save
from test_import_docx_libreoffice import soffice

from zhenggai.importer import import_notice

CONVERTED = "# 请核对: 这是旧版 Word 或 WPS 文件（{}），已由 LibreOffice 转换为 .docx 后读取"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Seed 001 as a .docx with Word numbering, saved by LibreOffice in Word 97 (.doc, and as
    .wps); and as a .docx of its typed lines saved as RTF. (LibreOffice writes a list label's
    Chinese 、 into RTF as ?: an RTF of Word numbering is no fair copy of its .docx.)"""
    folder = tmp_path_factory.mktemp("legacy")
    numbered, _ = build_seed(folder, "001", SEED_LEVELS)
    soffice([numbered], "doc:MS Word 97", folder / "doc")
    document = new_document()
    for line in next((Path(__file__).parents[1] / "seeds").glob("001_*.txt")).read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    typed = save(document, folder / "typed.docx")
    soffice([typed], "rtf", folder / "rtf")
    wps = folder / "001.wps"  # Kingsoft WPS writes its .wps in Word's binary format
    shutil.copy(folder / "doc" / "001.doc", wps)
    return {".doc": (numbered, folder / "doc" / "001.doc"), ".wps": (numbered, wps),
            ".rtf": (typed, folder / "rtf" / "typed.rtf")}


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf"])
def test_an_old_word_file_reads_as_the_docx_it_was_saved_from(made, suffix):
    docx, old = made[suffix]
    expected, draft = import_notice(docx), import_notice(old)
    assert draft.data == expected.data
    lines = draft.text.splitlines(keepends=True)
    said = [line for line in lines if line.startswith(CONVERTED.format(suffix))]
    assert len(said) == 1  # the draft and the report say the file was converted
    assert "".join(line for line in lines if line not in said) == expected.text
    assert (draft.read_chars, draft.placed_chars) == (expected.read_chars, expected.placed_chars)
    assert f"已读取 {old.name}：" in draft.report("x.yml") and "LibreOffice" in draft.report("x.yml")
