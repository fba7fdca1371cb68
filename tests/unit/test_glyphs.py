"""A character no installed font draws is refused by validation, naming file, line and field
(audit 5 D6), from the fonts the PDF uses (zhenggai.fontconfig); the build keeps its own check."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai import fontconfig
from zhenggai.cli import main
from zhenggai.data import glyphs, load_all

NO_GLYPH = "\U00017000"  # a Tangut character: no font of fonts-noto-cjk or Fandol has it


@pytest.fixture
def fonts(monkeypatch):
    """Fonts that draw every character of the Basic Multilingual Plane and of the CJK planes but NO_GLYPH."""
    covered = frozenset(chr(c) for c in [*range(0x20, 0xD800), *range(0xE000, 0x10000), *range(0x17001, 0x17010)])
    monkeypatch.setattr(glyphs, "coverage", lambda: covered)
    return covered


def test_validate_names_file_line_and_field_of_a_character_without_glyph(write, monkeypatch, capsys, fonts):
    write("data/x.yml", VALID_YAML.replace("理论学习不够深入", f"理论学习{NO_GLYPH}不够深入"))
    monkeypatch.chdir(write("data/.keep", "").parents[1])
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "data/x.yml:20: sections.1.categories.0.problems.0.title: 第 5 个字符“𗀀”（U+17000）在已安装的字体中都没有字形："
        "PDF 上会显示成方框，生成 PDF 时会出错：请改用常用字；字库里确实没有的字，请用文字说明（如“王加月”），"
        "或在生成 PDF 的机器上安装含这个字的字体（第二章 第一个方面 第一个问题）")


def test_every_string_is_checked_escapes_included_and_each_once(write, fonts):
    text = VALID_YAML.replace("一是制定学习计划。", '"一是\\U00017000制定\\U00017000学习\U00017000计划。"')
    text = text.replace("深圳市福田区某某路1号", f"深圳市{NO_GLYPH}某某路\ue000号")
    result = load_all([write("x.yml", text)])
    assert [(d.line, d.field, d.code) for d in result.diagnostics] == [
        (23, "sections.1.categories.0.problems.0.measures.0", "font.glyph_missing"),
        (36, "contact.address", "text.private_use"),  # refused as private use, not reported again
        (36, "contact.address", "font.glyph_missing"),
    ]
    assert result.diagnostics[0].message.startswith("第 3、6、9 个字符“𗀀”（U+17000）在已安装的字体中都没有字形")


def test_without_any_chinese_font_the_check_is_left_to_the_build(write, monkeypatch):
    # The build then says which fonts to install (font.missing); every character would be "missing" here.
    monkeypatch.setattr(glyphs, "coverage", lambda: frozenset("abc"))
    assert load_all([write("x.yml", VALID_YAML)]).ok


def test_the_installed_fonts_cover_chinese_text_but_not_every_character():
    covered = fontconfig.coverage()
    if covered is None or "中" not in covered:
        pytest.skip("no Chinese font installed (make sysdeps-site)")
    assert fontconfig.coverage() is covered  # read once per process
    assert set("中共某某局党组关于巡察整改情况的通报（一）：；，。“”ABC 123") <= covered
    assert NO_GLYPH not in covered
    assert fontconfig.coverage_digest() == fontconfig.coverage_digest()


def test_the_example_data_has_a_glyph_for_every_character():
    data = Path(__file__).resolve().parents[2] / "data"
    assert not [d for d in load_all([data]).diagnostics if d.code == "font.glyph_missing"]


def test_many_characters_without_glyph_are_counted_in_grammatical_chinese(write, fonts):
    """Before: “第 1、2、3、4、5等处 个字符“𗀀”…”."""
    result = load_all([write("x.yml", VALID_YAML.replace("深圳市福田区某某路1号", NO_GLYPH * 6 + "路"))])
    assert result.diagnostics[0].message.startswith(
        "文字中有 6 个字符“𗀀”（U+17000）在已安装的字体中都没有字形（第 1、2、3、4、5 个字符等处）：PDF 上会显示成方框")
