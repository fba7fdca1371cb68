"""The built site's open data, feeds and statistics, as other programs and readers use them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from axe_playwright_python.sync_playwright import Axe
from support.opendata import excel_records, python_records, validate_package
from support.site import build, make_project

FEED_TYPE = "application/atom+xml"


def _rows(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "data" / name).read_bytes().decode("utf-8-sig"), newline="")))


def _parse_feed(site: Path, path: str, base: str):
    feed = feedparser.parse((site / path).read_bytes(),
                            response_headers={"content-location": base + path, "content-type": FEED_TYPE})
    assert not feed.bozo, f"{path}: {feed.bozo_exception}"
    return feed


def test_frictionless_finds_a_broken_row(example_site, tmp_path):
    # Frictionless is slow to import and to run: this check lives here, not in the unit tier.
    shutil.copytree(example_site / "data", tmp_path / "data")
    package = tmp_path / "data" / "datapackage.json"
    assert validate_package(package) == []
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert {f["name"]: f["title"] for f in fields}["overdue"] == "是否逾期"
    # The same check fails on a status outside the schema's list.
    broken = tmp_path / "data" / "findings.csv"
    text = broken.read_bytes().decode("utf-8-sig").replace(",已完成,", ",办完了,", 1)  # CSV separators
    broken.write_bytes(text.encode("utf-8-sig"))
    errors = validate_package(package)
    assert any("constraint-error" in e and "findings" in e for e in errors), errors


def test_the_data_package_validates_and_its_pdf_checksums_are_the_pdfs(example_site):
    assert validate_package(example_site / "data" / "datapackage.json") == []
    documents = _rows(example_site, "documents.csv")
    assert len(documents) == 3
    for row in documents:
        pdf = example_site / row["pdf_url"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == row["pdf_sha256"]
        assert pdf.stat().st_size == int(row["pdf_bytes"])


def test_csv_parses_as_excel_and_python_read_it_and_every_url_opens_its_finding(example_site):
    for name in ("findings.csv", "documents.csv"):
        data = (example_site / "data" / name).read_bytes()
        assert excel_records(data) == python_records(data)
    findings = _rows(example_site, "findings.csv")
    assert len(findings) == 37
    for row in findings:
        page, anchor = row["url"].split("#")
        assert f'id="{anchor}"' in (example_site / page / "index.html").read_text(encoding="utf-8"), row["url"]


def test_feeds_parse_link_the_pages_and_are_linked_from_them(example_site, example_url):
    feeds = sorted(str(p.relative_to(example_site)) for p in (example_site / "feeds").glob("*.xml"))
    assert len(feeds) == 1 + 3 + 2  # the site, three publishers, two inspecting bodies
    for path in feeds:
        feed = _parse_feed(example_site, path, example_url)
        assert feed.version == "atom10" and feed.entries
        for entry in feed.entries:
            target = entry.link.removeprefix(example_url)
            assert (example_site / target / "index.html").is_file(), entry.link
            assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.id)
            pdfs = [link.href for link in entry.links if link.rel == "enclosure"]
            assert len(pdfs) == 1 and (example_site / pdfs[0].removeprefix(example_url)).is_file()
    site_feed = _parse_feed(example_site, "feeds/all.xml", example_url)
    assert [e.published[:10] for e in site_feed.entries] == ["2021-05-12", "2019-03-18", "2018-03-06"]
    # Head links for feed readers, visible 订阅 links for people.
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" type="{FEED_TYPE}" title="巡察整改公开：全部公开文件" href="feeds/all.xml">' in home
    assert re.search(r'<a href="feeds/all.xml" type="application/atom\+xml"[^>]*>订阅本站更新</a>', home)
    notice = (example_site / "documents" / "sz-bgt-2019-xuncha-zhenggai" / "index.html").read_text(encoding="utf-8")
    heads = re.findall(rf'<link rel="alternate" type="{re.escape(FEED_TYPE)}" title="([^"]+)" href="([^"]+)">', notice)
    assert [title for title, _ in heads] == ["巡察整改公开：全部公开文件", "巡察整改公开：中共深圳市人民政府办公厅党组发布的文件",
                                             "巡察整改公开：市委第六巡察组巡察的整改通报"]
    publisher_feed = heads[1][1]
    listing = next((example_site / "publishers").glob("*/index.html"))
    for publisher_page in (example_site / "publishers").glob("*/index.html"):
        if publisher_feed.rsplit("/", 1)[1] in publisher_page.read_text(encoding="utf-8"):
            listing = publisher_page
    text = listing.read_text(encoding="utf-8")
    assert re.search(r'<a href="../../feeds/publishers-\w+\.xml" type="application/atom\+xml"[^>]*>订阅中共深圳市人民政府办公厅党组发布的文件</a>', text)


def test_feed_ids_stay_when_a_document_changes_and_the_site_is_built_again(tmp_path):
    project = make_project(tmp_path / "project")
    site = build(project, pdfs=False)
    before = {e.id: e.title for e in _parse_feed(site, "feeds/all.xml", "http://x/").entries}
    source = project / "data" / "sz-bgt-2019-xuncha-zhenggai.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: 中共深圳市人民政府办公厅党组关于巡察整改情况的通报", "title: 中共深圳市人民政府办公厅党组关于巡察整改情况的通报（修订）", 1)
        + "changes:\n  - date: 2026-12-02\n    note: 标题更正\n",  # a published document changes with a note
        encoding="utf-8")
    site = build(project, pdfs=False)
    after = {e.id: e.title for e in _parse_feed(site, "feeds/all.xml", "http://x/").entries}
    assert after.keys() == before.keys()
    assert sorted(set(after.values()) - set(before.values())) == ["中共深圳市人民政府办公厅党组关于巡察整改情况的通报（修订）"]


def test_statistics_page_has_svg_charts_with_text_and_a_table_under_each(example_site):
    html = (example_site / "stats" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="zg-chart">(.*?)</figure>\s*<div class="zg-table-wrap">\s*<table', html, re.DOTALL)
    assert len(figures) == 4  # no problem is late on the example site: no chart of zeros
    for figure in figures:
        assert figure.count("<svg") == 1 and "<style" not in figure and "<script" not in figure
        assert re.search(r"<text[^>]*>[^<]*[\u4e00-\u9fff][^<]*</text>", figure), "Chinese labels as text"
        assert "Noto Sans CJK SC" in figure and "Microsoft YaHei" in figure
    status_chart = figures[0]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", status_chart)
    table = html.split("<caption>全部整改问题的整改状态</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([\d,]+)</td>', table)
    assert rows == [("已完成", "14"), ("基本完成", "0"), ("正在推进中", "3"), ("阶段性完成并需长期坚持", "0"), ("未逐项标明", "20")]
    assert all(name in labels for name, _ in rows)
    assert "区政务服务数据管理局党组关于巡察整改重点工作阶段性进展情况的通报" in html  # the quality table


@pytest.mark.parametrize("width", [390, 1280])
def test_charts_fit_the_screen_and_their_text_is_selectable(browser, example_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(example_url + "stats/")
    charts = page.locator("svg.zg-chart__svg")
    assert charts.count() == 4  # no chart of zeros: nothing is late on the example site
    for i in range(4):
        box = charts.nth(i).bounding_box()
        assert box and 200 < box["width"] <= width and box["height"] > 100
    label = page.locator("svg.zg-chart__svg text", has_text="未逐项标明").first
    assert label.is_visible()
    # Text in the chart is text: the browser's find and selection see it.
    assert page.evaluate("window.find('未逐项标明')")
    size = label.evaluate("e => e.getBoundingClientRect().height")
    assert size >= 9, f"chart labels {size}px high at {width}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("path", ["stats/", "stats/publishers/", "data/"])
def test_no_serious_accessibility_violation_on_the_data_pages(browser, example_url, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(example_url + path)
    results = Axe().run(page)
    context.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
