"""zhenggai.site.footer: every footer setting is checked; bad ones are named with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhenggai.site.footer import Footer, FooterInvalid, check_site_texts, read_footer

CONFIG = """\
site_name: 测试
extra:
  footer:
    {key}: {value}
"""
SCRIPT = "<script>alert(1)</script>"
BREAK_OUT = '"https://x.gov.cn/\\" onmouseover=\\"alert(1)"'
TEXT_KEYS = ("sponsor", "contact", "icp", "police")
LINK_KEYS = ("police_url", "party_gov_url", "error_report_url")


def _read(tmp_path: Path, key: str, value: str) -> Footer:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.format(key=key, value=value), encoding="utf-8")
    (tmp_path / "docs" / "images").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "images" / "dzjg.png").write_bytes(b"\x89PNG")
    raw = {key: _yaml_value(config)}
    return read_footer(raw, config, tmp_path / "docs")


def _yaml_value(config: Path):
    import yaml

    return yaml.safe_load(config.read_text(encoding="utf-8"))["extra"]["footer"].popitem()[1]


@pytest.mark.parametrize("key", TEXT_KEYS)
@pytest.mark.parametrize("value", [f'"{SCRIPT}"', BREAK_OUT, "javascript:alert(1)", "某某局&某某办<联合>"])
def test_text_items_are_kept_as_text_to_be_escaped(tmp_path, key, value):
    footer = _read(tmp_path, key, value)
    assert getattr(footer, key) == _yaml_value(tmp_path / "mkdocs.yml")


@pytest.mark.parametrize("key", LINK_KEYS)
@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", f'"{SCRIPT}"', BREAK_OUT,
    "data:text/html,hi", "//evil.example/x", "vbscript:msgbox", "https://", "ftp://x.gov.cn/",
])
def test_links_must_be_http_or_inside_the_site(tmp_path, key, value):
    with pytest.raises(FooterInvalid) as error:
        _read(tmp_path, key, value)
    message = str(error.value)
    assert f"mkdocs.yml:4: extra.footer.{key}: " in message
    assert "不是允许的链接：只能是 https:// 或 http:// 开头的完整网址" in message


@pytest.mark.parametrize("key", LINK_KEYS)
@pytest.mark.parametrize("value", ["https://www.gov.cn/", "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=1", "about/"])
def test_good_links_are_kept(tmp_path, key, value):
    assert getattr(_read(tmp_path, key, value), key) == value


@pytest.mark.parametrize(("value", "cause"), [
    ("https://evil.example/dzjg.png", "不是允许的图片：只能是 docs/ 下的图片文件"),
    ("//evil.example/dzjg.png", "不是允许的图片"),
    ("/etc/passwd", "不是允许的图片"),
    ("../mkdocs.yml", "不在 docs/ 目录内"),
    (f'"{SCRIPT}"', "不是允许的图片"),
    ('"images/dzjg.png\\" onerror=\\"alert(1)"', "不是允许的图片"),
    ("javascript:alert(1)", "不是允许的图片"),
    ("images/missing.png", "找不到图片文件 docs/images/missing.png"),
    ("mkdocs.yml", "不是图片文件"),
])
def test_the_logo_is_an_image_under_docs(tmp_path, value, cause):
    with pytest.raises(FooterInvalid) as error:
        _read(tmp_path, "party_gov_logo", value)
    assert "mkdocs.yml:4: extra.footer.party_gov_logo: " in str(error.value)
    assert cause in str(error.value)


def test_a_logo_under_docs_is_kept(tmp_path):
    assert _read(tmp_path, "party_gov_logo", "images/dzjg.png").party_gov_logo == "images/dzjg.png"


@pytest.mark.parametrize("value", [f'"{SCRIPT}"', BREAK_OUT, "12345", "javascript:alert(1)"])
def test_the_site_code_has_ten_letters_or_digits(tmp_path, value):
    with pytest.raises(FooterInvalid, match="mkdocs.yml:4: extra.footer.site_code: .*不是有效的网站标识码"):
        _read(tmp_path, "site_code", value)
    assert _read(tmp_path, "site_code", "bm01000001").site_code == "bm01000001"
    assert _read(tmp_path, "site_code", "1200000052").site_code == "1200000052"


def test_an_unknown_key_is_named_with_a_suggestion(tmp_path):
    with pytest.raises(FooterInvalid, match=r"mkdocs.yml:4: extra.footer.sponser: 未知的页脚设置（是否应为 sponsor"):
        _read(tmp_path, "sponser", "某某局")


def test_every_bad_setting_is_reported_at_once(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  footer:\n    police_url: javascript:x\n    error_report_url: data:x\n", encoding="utf-8")
    with pytest.raises(FooterInvalid) as error:
        read_footer({"police_url": "javascript:x", "error_report_url": "data:x"}, config, tmp_path)
    assert "mkdocs.yml:3: extra.footer.police_url" in str(error.value)
    assert "mkdocs.yml:4: extra.footer.error_report_url" in str(error.value)


def test_unset_items_are_listed_by_their_names():
    assert Footer(sponsor="某局").gaps() == ["联系方式", "网站标识码", "ICP备案号", "公安机关备案号", "党政机关标识", "我为政府网站找错链接"]


def test_a_control_character_in_a_footer_text_is_refused(tmp_path):
    with pytest.raises(FooterInvalid, match=r"mkdocs.yml:\d+: extra.footer.sponsor: 第 3 个字符是控制字符 U\+000B"):
        _read(tmp_path, "sponsor", '"某某\\x0b局"')


@pytest.mark.parametrize(("value", "words"), [("整改公开\x0b", "控制字符 U+000B"), ("整改\u202e公开", "看不见的控制字符 U+202E"),
                                              ("整改\ue000公开", "私用区字符")])
def test_the_site_name_holds_no_character_the_data_may_not_hold(tmp_path, value, words):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_description: 说明\n", encoding="utf-8")
    with pytest.raises(FooterInvalid) as caught:
        check_site_texts({"site_name": value, "site_description": "说明"}, config)
    assert "mkdocs.yml:1: site_name: " in str(caught.value) and words in str(caught.value)
    check_site_texts({"site_name": "巡察整改公开", "site_description": "说明"}, config)  # clean texts pass
