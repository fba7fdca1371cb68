"""The footer in a real build: hostile settings are shown as text, bad links stop the build."""

from __future__ import annotations

import re
from pathlib import Path

from support.site import make_project

from zhenggai.build.publish import build_site, staging_folders

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "sponsor": "某某局&某某办<script>alert(1)</script>",
    "contact": '0755-1234" onmouseover="alert(2)',
    "icp": "</li></ul><img src=x onerror=alert(3)>",
    "police": "<a href=javascript:alert(4)>公安</a>",
}


def _footer_yml(items: dict[str, str]) -> str:
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = "\n  footer:\n" + "".join(f"    {k}: '{v}'\n" for k, v in items.items())
    return re.sub(r"\n  footer:\n(    .*\n)+", block, yml)


def _pdf_off(monkeypatch):
    monkeypatch.setenv("ZHENGGAI_PDF", "0")


def test_hostile_text_settings_are_shown_as_text(tmp_path, monkeypatch):
    _pdf_off(monkeypatch)
    items = {**HOSTILE, "site_code": "1200000052", "police_url": "http://www.beian.gov.cn/portal",
             "error_report_url": "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=1200000052",
             "party_gov_logo": "images/dzjg.png", "party_gov_url": "https://bszs.conac.cn/"}
    project = make_project(tmp_path, mkdocs_yml=_footer_yml(items))
    (project / "docs" / "images").mkdir()
    (project / "docs" / "images" / "dzjg.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert build_site(project) == 0
    for page in ("index.html", "documents/sz-bgt-2019-xuncha-zhenggai/index.html", "contacts/index.html"):
        html = (project / "site" / page).read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer zg-footer">'):html.index("</footer>")]
        assert "<script" not in footer and "onmouseover=\"" not in footer and "<img src=x" not in footer
        assert "javascript:" not in footer.replace("&lt;a href=javascript:alert(4)&gt;", "")
        assert "网站主办单位：某某局&amp;某某办&lt;script&gt;alert(1)&lt;/script&gt;" in footer
        assert "联系方式：0755-1234&#34; onmouseover=&#34;alert(2)" in footer
        assert "&lt;/li&gt;&lt;/ul&gt;&lt;img src=x onerror=alert(3)&gt;" in footer
        assert '<a href="http://www.beian.gov.cn/portal">&lt;a href=javascript:alert(4)&gt;公安&lt;/a&gt;</a>' in footer
        assert re.search(r'<img src="(\.\./)*images/dzjg\.png"', footer)
        assert footer.count("<li>") == 6


def test_a_javascript_link_stops_the_build_and_keeps_the_site(tmp_path, monkeypatch, capfd):
    _pdf_off(monkeypatch)
    project = make_project(tmp_path)
    assert build_site(project) == 0
    before = (project / "site" / "index.html").read_bytes()
    yml = _footer_yml({"sponsor": "某某局", "police_url": "javascript:alert(1)", "party_gov_logo": "https://evil.example/x.png"})
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")
    capfd.readouterr()
    assert build_site(project) == 1
    err = capfd.readouterr().err
    line = yml.splitlines().index("    police_url: 'javascript:alert(1)'") + 1
    assert f"mkdocs.yml:{line}: extra.footer.police_url: “javascript:alert(1)” 不是允许的链接" in err
    assert f"mkdocs.yml:{line + 1}: extra.footer.party_gov_logo: “https://evil.example/x.png” 不是允许的图片" in err
    assert "构建失败：已发布的网站未被改动。" in err
    assert (project / "site" / "index.html").read_bytes() == before
    assert not staging_folders(project / "site")


def test_a_control_character_in_the_site_name_stops_the_build_with_words_not_a_traceback(tmp_path, monkeypatch, capfd):
    # An Atom feed (XML) cannot carry U+000B: the build used to end in feedgenerator's traceback.
    _pdf_off(monkeypatch)
    yml = re.sub(r"(?m)^site_name: .*$", 'site_name: "整改公开\\\\x0b测试"', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    project = make_project(tmp_path, mkdocs_yml=yml)
    assert build_site(project) == 1
    err = capfd.readouterr().err
    assert "mkdocs.yml:1: site_name: 第 5 个字符是控制字符 U+000B" in err
    assert "Traceback" not in err and "构建失败：已发布的网站未被改动。" in err
