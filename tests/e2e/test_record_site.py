"""Say only what the record shows, in a real build: the round page, the figures of the home page and
统计 side by side, the round's feed, the open data. The reference date is set in zhenggai.yml."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from support.site import build, make_project, serve

from zhenggai.build import prepare_site
from zhenggai.build.bundle import release_caches

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("record-data")
    shutil.copytree(ROOT / "data", data, dirs_exist_ok=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "series", data / "series")
    project = make_project(tmp_path_factory.mktemp("record-project"), data_dir=data, published=False)
    config = project / "zhenggai.yml"
    config.write_text(config.read_text(encoding="utf-8") + "as_of: 2026-12-02\n", encoding="utf-8")
    return build(project, pdfs=False)


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_the_round_page_lists_the_unit_without_a_notice_as_not_yet_disclosed(site):
    page = _read(site, "rounds/lh-2021-1/index.html")
    text = _text(page)
    assert "区住房和建设局党组区委第二巡察组2021年1月11日至2021年3月5日2021年4月2日尚未公开" in text
    assert text.count("巡察整改情况通报（") == 2 and "阶段性进展情况通报（2021年5月20日，反馈后第55天公开）" in text
    assert 'href="../../feeds/rounds-lh-2021-1.xml"' in page  # the page's head and its 订阅 link
    feed = feedparser.parse((site / "feeds" / "rounds-lh-2021-1.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 3
    assert 'href="../../rounds/lh-2021-1/"' in _read(site, "documents/lh-wj-2021-zhenggai/index.html")


def test_the_built_home_page_and_statistics_show_the_same_figures(site):
    pattern = r'<li id="figure-([a-z]+)"><span class="zg-stats__n">([^<]+)</span>'
    home = dict(re.findall(pattern, _read(site, "index.html")))
    stats = dict(re.findall(pattern, _read(site, "stats/index.html")))
    assert home == stats == {"documents": "6", "findings": "42", "completed": "77%", "late": "1", "passed": "3",
                             "pending": "1"}
    documents = json.loads(_read(site, "data/documents.json"))
    seed = next(row for row in documents if row["id"] == "sz-bgt-2019-xuncha-zhenggai")
    assert (seed["days_after_feedback"], seed["overdue"], seed["deadline_passed"]) == (89, 0, 2)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_round_page_fits_the_screen(site, browser, width):
    with serve(site) as url:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url + "rounds/lh-2021-1/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        pending = page.locator(".zg-pending").bounding_box()
        page.close()
    assert overflow <= 0, f"{overflow}px wider than the screen"
    assert pending and pending["x"] + pending["width"] <= width


def test_the_periods_set_in_zhenggai_yml_reach_the_pages(tmp_path, monkeypatch):
    """disclosure_months and follow_up_wait_days as staff set them in zhenggai.yml (data/README.md)
    change what the pages say, not only the rules' own tests."""
    project = make_project(tmp_path / "project", published=False)
    config = project / "zhenggai.yml"
    text = config.read_text(encoding="utf-8")
    assert "disclosure_months: 2\n" in text and "follow_up_wait_days: 0\n" in text
    config.write_text(text.replace("disclosure_months: 2\n", "disclosure_months: 3\n")
                      .replace("follow_up_wait_days: 0\n", "follow_up_wait_days: 3000\n") + "as_of: 2026-12-02\n",
                      encoding="utf-8")
    monkeypatch.setenv("ZHENGGAI_PDF", "0")
    bundle = prepare_site(project)
    release_caches()
    seed = _text(bundle.page("documents/sz-bgt-2019-xuncha-zhenggai/index.md").body)
    # 89 days is within three months of 2018-12-19; the deadlines of 2019 passed fewer than 3000 days ago.
    assert "反馈后第89天公开（2018年12月19日反馈）" in seed and "晚于反馈后" not in seed
    assert "时限已过，尚无后续通报" not in seed
    assert "0项时限已过，尚无后续通报" in _text(bundle.page("index.md").body)
    interim = _text(bundle.page("documents/ps-zsj-2021-xuncha-jinzhan/index.md").body)
    assert "发布于2021年5月12日，此后3个月（至2021年8月12日）本站没有后续通报" in interim
    stats = _text(bundle.page("stats/index.md").body)  # made in the open-data worker
    assert "整改情况通常在反馈后3个月内公开" in stats and "中共深圳市人民政府办公厅党组1890" in stats
