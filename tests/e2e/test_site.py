"""End-to-end: the example project built by MkDocs with --strict, then the output checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support.site import ROOT, build, make_project

DOCS = {
    "sz-bgt-2019-xuncha-zhenggai": "中共深圳市人民政府办公厅党组关于巡察整改情况的通报",
    "ps-zsj-2021-xuncha-jinzhan": "区政务服务数据管理局党组关于巡察整改重点工作阶段性进展情况的通报",
    "ps-bgs-2018-gongzuo": "坪山区委(区政府)办公室2017年工作亮点及2018年工作思路",
}


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    "path",
    ["index.html", "years/index.html", "publishers/index.html", "inspectors/index.html",
     "contacts/index.html", "archive/index.html", "search/index.html", "about/index.html",
     "help/index.html", "stats/index.html", "stats/publishers/index.html", "data/index.html"] + [f"documents/{i}/index.html" for i in DOCS],
)
def test_page_exists(example_site, path):
    html = read(example_site, path)
    assert '<html lang="zh"' in html
    assert "zg-footer" in html


def test_generated_pages_are_not_written_into_docs(example_site):
    docs = Path(__file__).resolve().parents[2] / "docs"
    written = {p.name for p in docs.iterdir()} & {"index.md", "documents", "years", "publishers", "inspectors",
                                                  "contacts", "archive", "search", "pdf", "assets"}
    assert not written


def test_notice_page_shows_everything_in_order(example_site):
    html = read(example_site, "documents/sz-bgt-2019-xuncha-zhenggai/index.html")
    text = text_of(html.split('<div class="zg-doc', 1)[1])
    # The first screen: where the page is, the title, its date, publisher and source, how far
    # it is; then the notice's own text, whole; then the catalogue.
    order = ["首页", "按发布机构浏览", "中共深圳市人民政府办公厅党组", DOCS["sz-bgt-2019-xuncha-zhenggai"],
             "发布日期：2019年3月18日", "发布机构：中共深圳市人民政府办公厅党组", "来源：廉洁深圳",
             "整改进度", "已完成14项", "根据市委统一部署",
             "一、提高政治站位", "（一）统一思想认识", "二、敢于担当尽责", "（一）“党的领导和建设仍需加强”方面",
             "1.‘三重一大’制度执行有偏差", "（1）2018年5月以前", "已完成", "一是强化制度建设。",
             "7.公共资源交易平台建设迟缓", "（12）公共资源交易平台整合工作未能如期推进", "正在推进中", "计划3月底前整改完成（2019年3月31日）",
             "（17）数字档案工作缺乏统筹、指导、宣传和检查等问题", "监督联系方式",
             "0755-88127289", "ermic@sz.gov.cn", "中共深圳市人民政府办公厅党组2019年3月15日", "下载归档PDF",
             "文件信息", "名称", "发布日期", "来源"]
    position = 0
    for part in order:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing, or not after the parts before it"
        position = found + len(part)
    # The summary box said again what the opening says; the catalogue lists no empty field.
    assert "对市政府办公厅党组进行巡察，2018年12月19日反馈巡察意见" not in text
    assert "索引号" not in text and "—" not in text.split("文件信息", 1)[1]
    # This notice declares no totals: the site has nothing to check against.
    assert "本站核对" not in text


def test_the_sites_own_check_follows_the_notice_text(example_site):
    html = read(example_site, "documents/ps-zsj-2021-xuncha-jinzhan/index.html")
    text = text_of(html.split('<div class="zg-doc', 1)[1])
    checks = text.index("本站核对（非通报原文）")
    assert checks > text.index("中共深圳市坪山区政务服务数据管理局党组2021年5月12日")  # after the signature
    assert re.search(r'<th scope="row">问题</th><td>24</td><td>20 <strong>不一致</strong></td>', html)
    assert re.search(r'<th scope="row">方面</th><td>6</td><td>6</td>', html)


def test_every_problem_and_item_has_an_anchor(example_site):
    html = read(example_site, "documents/sz-bgt-2019-xuncha-zhenggai/index.html")
    anchors = set(re.findall(r'id="(c\d+(?:-p\d+)?(?:-i\d+)?)"', html))
    assert {f"c{i}" for i in range(1, 6)} <= anchors
    assert len([a for a in anchors if re.fullmatch(r"c\d+-p\d+", a)]) == 12
    assert len([a for a in anchors if "-i" in a]) == 17
    assert 'href="#c1-p1-i1"' in html


def test_status_is_said_in_words(example_site):
    html = read(example_site, "documents/sz-bgt-2019-xuncha-zhenggai/index.html")
    badges = re.findall(r'<p class="zg-state">\s*<span class="zg-status zg-status--\w+">([^<]+)</span>', html)
    assert badges.count("已完成") == 14 and badges.count("正在推进中") == 3


def test_declared_totals_beside_counted(example_site):
    html = read(example_site, "documents/ps-zsj-2021-xuncha-jinzhan/index.html")
    assert re.search(r"<th scope=\"row\">问题</th>\s*<td>24</td>\s*<td>20", html)
    assert 'role="progressbar"' in html and 'aria-valuenow="73"' in html  # 82 of 113 measures
    assert "退回资金 157,704 元" in html


def test_general_document_has_metadata_and_sections(example_site):
    html = read(example_site, "documents/ps-bgs-2018-gongzuo/index.html")
    assert "114403006955506492/2019-00001" in html
    assert "深圳市坪山区政府办公室" in html and "2018年3月6日" in html
    assert "一、2017年工作亮点" in text_of(html) and "三、2018年工作思路与举措" in text_of(html)
    assert "zg-totals" not in html and "zg-checks" not in html and "zg-contact" not in html


def test_contact_links(example_site):
    for path in ("documents/sz-bgt-2019-xuncha-zhenggai/index.html", "contacts/index.html"):
        html = read(example_site, path)
        assert 'href="tel:0755-88127289"' in html
        assert 'href="mailto:ermic@sz.gov.cn"' in html
    html = read(example_site, "contacts/index.html")
    assert 'href="tel:0755-28829899"' in html and "深圳市坪山区金牛西路8号荣德大厦1903室" in html


def test_listings_with_counts(example_site):
    years = read(example_site, "years/index.html")
    for year in ("2021", "2019", "2018"):
        assert f'href="{year}/">{year}</a></td><td>1</td>' in years.replace("\n", "")
    html = read(example_site, "years/2019/index.html")
    assert DOCS["sz-bgt-2019-xuncha-zhenggai"] in html and "共 1 份文件" in html
    inspectors = read(example_site, "inspectors/index.html")
    assert "市委第六巡察组" in inspectors and "一届坪山区委第九轮第二巡察组" in inspectors
    assert "共 2 个巡察组" in inspectors


def test_home_page(example_site):
    html = read(example_site, "index.html")
    assert all(title in html for title in DOCS.values())
    # The home figures count one kind of thing (整改事项), say so, and link to 统计.
    assert re.search(r'<span class="zg-stats__n">3</span><span class="zg-stats__l">份公开文件', html)
    assert re.search(r'<span class="zg-stats__n">37</span><span class="zg-stats__l">项整改事项', html)
    assert "82%" in html and "17 项标明整改状态的事项中 14 项" in html
    # Seed 000's two deadlines passed after it, with no later notice: not called late (issue 23).
    assert re.search(r'<span class="zg-stats__n">0</span><span class="zg-stats__l"><a href="overdue/#late">项逾期', html)
    assert re.search(r'<span class="zg-stats__n">2</span><span class="zg-stats__l"><a href="overdue/#passed">项时限已过', html)
    assert '<a href="stats/">查看统计' in html
    assert 'action="search/"' in html


NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>')


def test_the_rounds_are_in_the_navigation_once_a_round_is_recorded(example_site, tmp_path):
    # Audit 2026-12-08 #1: 巡察轮次 was in no navigation. The example records no round: its
    # page is there, says so, and is no empty column in the navigation.
    nav = [name for _, name in NAV_LINK.findall(read(example_site, "years/index.html"))]
    assert "按巡察组浏览" in nav and "巡察轮次" not in nav
    assert "本站尚未登记巡察轮次" in read(example_site, "rounds/index.html")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "tests" / "fixtures" / "series", data, dirs_exist_ok=True)
    site = build(make_project(tmp_path / "project", data_dir=data), pdfs=False)
    links = NAV_LINK.findall(read(site, "years/index.html"))
    names = [name for _, name in links]
    assert names[names.index("按巡察组浏览") + 1] == "巡察轮次"
    assert ("../rounds/", "巡察轮次") in links
    assert ("../", "巡察轮次") in NAV_LINK.findall(read(site, "rounds/lh-2021-1/index.html"))


def test_footer_from_config(example_site):
    html = read(example_site, "index.html")
    assert "网站主办单位" in html and "网站标识码" in html and "ICP备" in html


def test_footer_missing_still_builds_and_says_what_is_unset(tmp_path, capfd):
    yml = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    yml = re.sub(r"\n  footer:\n(    .*\n)+", "\n", yml)
    site = build(make_project(tmp_path, mkdocs_yml=yml), pdfs=False)
    err = capfd.readouterr().err
    assert "页脚未设置：网站主办单位、联系方式、网站标识码、ICP备案号、公安机关备案号、党政机关标识" in err
    assert "网站主办单位" not in read(site, "index.html")


# Resource references that would make a reader's browser contact another host. Plain links
# (<a href>) are not resources: following one is the reader's choice.
ABSOLUTE = r"""["']?\s*(?:https?:)?//"""
EXTERNAL = {
    ".html": re.compile(
        r"<(?:script|img|iframe|link|source|video|audio|embed|object|track|image|use)\b[^>]*?\s"
        r"(?:src|href|xlink:href|data|srcset|poster)\s*=\s*" + ABSOLUTE + r"|url\(\s*" + ABSOLUTE,
        re.I,
    ),
    ".css": re.compile(r"url\(\s*" + ABSOLUTE + r"|@import\s+(?:url\()?" + ABSOLUTE, re.I),
    ".js": re.compile(
        r"(?:fetch|importScripts|import|sendBeacon|open)\(\s*[\"'`](?:https?:)?//|\.src\s*=\s*[\"'`](?:https?:)?//",
        re.I,
    ),
    # Feeds: links and images a feed reader would load (the site has no site_url: nothing absolute).
    ".xml": re.compile(r"\s(?:href|src|xml:base)\s*=\s*" + ABSOLUTE + r"|<(?:icon|logo)>\s*(?:https?:)?//", re.I),
    # Open data and manifests: every address a program would follow.
    ".json": re.compile(
        r'"[\w@]*(?:url|URL|Url|href|path|@id|identifier|landingPage|describedBy)"\s*:\s*"(?:https?:)?//'
    ),
    ".csv": re.compile(r'(?:^|,)"?(?:https?:)?//', re.M),
}
EXTERNAL[".svg"] = EXTERNAL[".html"]


def test_no_resource_leaves_the_site(example_site):
    offenders, scanned = [], set()
    for path in example_site.rglob("*"):
        pattern = EXTERNAL.get(path.suffix)
        if pattern is None:
            continue
        scanned.add(str(path.relative_to(example_site)))
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in pattern.finditer(text):
            offenders.append(f"{path.relative_to(example_site)}: {text[match.start():match.end() + 40]}")
    assert not offenders, "\n".join(offenders[:20])
    # The open data, the feeds and the statistics page are among the files checked.
    assert {"data/findings.csv", "data/documents.json", "data/datapackage.json", "data/data.json",
            "feeds/all.xml", "stats/index.html", "pdf/manifest.csv"} <= scanned


def test_notice_page_size_at_1000_documents(tmp_path):
    """Navigation does not grow with the number of documents: a seed-sized notice stays small."""
    import shutil

    from zhenggai.synth import write_documents

    data = tmp_path / "data"
    write_documents(997, 7, data)
    for source in (ROOT / "data").glob("*.yml"):
        shutil.copy2(source, data / source.name)
    site = build(make_project(tmp_path / "project", data_dir=data), pdfs=False)
    pages = sorted((site / "documents").glob("*/index.html"))
    assert len(pages) == 1000
    notice = (site / "documents" / "sz-bgt-2019-xuncha-zhenggai" / "index.html").stat().st_size
    assert notice < 80 * 1024, f"seed 000 notice page is {notice} bytes"
    # What a page adds around the document's own text is the same whatever the number of documents.
    overheads = {p.stat().st_size - len(p.read_text(encoding="utf-8").split('<div class="zg-doc', 1)[1].encode())
                 for p in pages[:50]}
    assert max(overheads) < 24 * 1024, f"page chrome up to {max(overheads)} bytes"


@pytest.mark.parametrize(
    "suffix, text",
    [
        (".html", '<script src="https://cdn.example.com/x.js"></script>'),
        (".html", "<link rel=stylesheet href=//fonts.googleapis.com/css>"),
        (".html", '<img alt="" src="http://track.example.com/p.gif">'),
        (".css", "body { background: url('https://example.com/a.png') }"),
        (".css", '@import "//fonts.googleapis.com/css2?family=Noto";'),
        (".js", 'fetch("https://analytics.example.com/collect")'),
        (".xml", '<link href="https://tracker.example.com/x" rel="alternate"/>'),
        (".xml", "<logo>//cdn.example.com/logo.png</logo>"),
        (".json", '{"downloadURL": "https://elsewhere.example.com/findings.csv"}'),
        (".csv", "id,url\r\nx,https://elsewhere.example.com/documents/x/\r\n"),
        (".svg", '<image href="https://cdn.example.com/a.png"/>'),
    ],
)
def test_privacy_scan_catches_external_resources(suffix, text):
    assert EXTERNAL[suffix].search(text)
