"""What a reader meets in the first minute, on a phone (390 px) and a desktop (1280 px), over
every page type: navigation, tables, no sideways scrolling, the first screen of a notice,
keyboard focus, the 404 page from a sub-folder, and printing."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import shutil
import socketserver
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from support.site import build, make_project, serve

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "home": "",
    "years": "years/",
    "year": "years/2019/",
    "publishers": "publishers/",
    "inspectors": "inspectors/",
    "rounds": "rounds/",
    "round": "rounds/lh-2021-1/",
    "notice": "documents/sz-bgt-2019-xuncha-zhenggai/",
    "interim": "documents/ps-zsj-2021-xuncha-jinzhan/",
    "disclosure": "documents/ps-bgs-2018-gongzuo/",
    "series": "documents/lh-jw-2021-zhenggai/",
    "contacts": "contacts/",
    "archive": "archive/",
    "search": "search/?q=公务用车",
    "search-miss": "search/?q=公务用车 自行车",
    "overdue": "overdue/",
    "stats": "stats/",
    "data": "data/",
    "about": "about/",
    "404": "404.html",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
NAV = [next(iter(entry)) for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]]


def _reader_data(data: Path) -> None:
    """The example data and the test series in `data`, with unbroken Latin runs as real notices have
    them (a long address, a long mailbox): on a phone and on paper they must wrap."""
    for path in [*(ROOT / "data").glob("*.yml"), *(ROOT / "tests" / "fixtures" / "series").glob("*.yml")]:
        shutil.copy(path, data / path.name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "series" / "rounds", data / "rounds")  # 巡察轮次 in the navigation
    series = data / "lh-jw-2021-zhenggai.yml"
    series.write_text(series.read_text(encoding="utf-8").replace("measures: [建立用车台账。]", (
        "measures: [建立用车台账，台账见https://www.example.gov.cn/xxgk/zfxxgkml/bmxxgkml/qjyj/gzdt/"
        "202110/t20211015_98765432101234567890.html 。]")) + (
        "contact:\n  email: jiaoyuju-xunchazhenggai-jiandu-bangongshi@qujiaoyuju-example-district.gov.cn\n"),
        encoding="utf-8")


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    """The example project with the test series added, served from the sub-folder /zg/."""
    tmp = tmp_path_factory.mktemp("reader")
    data = tmp / "data"
    data.mkdir()
    _reader_data(data)
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "# site_url: https://www.example.gov.cn/zhenggai/", "site_url: http://127.0.0.1/zg/")
    site = build(make_project(tmp / "project", data_dir=data, mkdocs_yml=yml))
    served = tmp / "served"
    served.mkdir()
    shutil.copytree(site, served / "zg")
    return served


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A web server's error page: 404.html of the sub-folder for any address that does not exist."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "zg" / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def _serve(folder: Path):
    handler = functools.partial(_Handler, directory=str(folder))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/zg/"
        finally:
            server.shutdown()


@pytest.fixture(scope="module")
def base_url(reader_site):
    with _serve(reader_site) as url:
        yield url


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def screen(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield request.param, page
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_reads_well(screen, base_url, name):
    kind, page = screen
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    # No sideways scrolling of the page itself.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways"
    # No table cell holding text narrower than three characters.
    narrow = page.evaluate("""() => [...document.querySelectorAll('.md-content td, .md-content th')]
        .filter(c => c.offsetParent && c.innerText.trim())
        .filter(c => c.getBoundingClientRect().width < 3 * parseFloat(getComputedStyle(c).fontSize))
        .map(c => c.innerText.trim().slice(0, 20))""")
    assert not narrow, f"cells narrower than three characters: {narrow}"
    # Every entry of the main navigation can be reached: shown, or behind the ☰ on a phone.
    if kind == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(300)
    nav = page.locator(".md-sidebar--primary .md-nav__link")
    shown = {t.strip() for t in nav.all_inner_texts() if t.strip()}
    missing = [entry for entry in NAV if entry not in shown]
    assert not missing, f"navigation entries not reachable: {missing}"
    for entry in NAV:
        link = page.locator(".md-sidebar--primary .md-nav__link", has_text=entry).first
        assert link.is_visible(), f"{entry} is not visible"


@pytest.mark.parametrize("name", ["notice", "interim", "series"])
def test_the_first_screen_of_a_notice_says_what_and_how_far(screen, base_url, name):
    kind, page = screen
    page.goto(base_url + PAGES[name])
    height = page.viewport_size["height"]
    title = page.locator("h1#title").bounding_box()
    progress = page.locator(".zg-progressbox h2").bounding_box()
    assert title and title["y"] < height, "the title is not on the first screen"
    assert progress and progress["y"] + progress["height"] < height, "the status summary is not on the first screen"
    # Date and publisher always visible under the title, on the first screen, at body size.
    line = page.locator(".zg-docline")
    box = line.bounding_box()
    assert box and box["y"] > title["y"] and box["y"] + box["height"] < height
    assert "发布日期" in line.inner_text() and "发布机构" in line.inner_text()
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.zg-docline')).fontSize)") == body
    crumbs = page.get_by_role("navigation", name="当前位置")
    assert crumbs.get_by_role("link", name="首页").is_visible()
    assert crumbs.get_by_role("link", name="按发布机构浏览").is_visible()


def test_the_catalogue_reads_at_body_size_without_empty_rows_or_admonition(screen, base_url):
    kind, page = screen
    page.goto(base_url + PAGES["disclosure"])
    table = page.locator(".zg-catalogue table")
    cells = table.locator("td").all_inner_texts()
    assert "114403006955506492/2019-00001" in cells and all(c.strip() not in ("", "—") for c in cells)
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.zg-catalogue td')).fontSize)") == body
    assert table.is_visible()
    assert page.locator(".zg-doc details, .zg-doc .admonition").count() == 0


@pytest.mark.parametrize("name", ["notice", "interim", "disclosure"])
def test_the_reading_measure_is_35_to_45_characters(browser, base_url, name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + PAGES[name])
    per_line = page.evaluate("""() => [...document.querySelectorAll('.zg-doc > p, .zg-section > p')]
        .filter(p => p.innerText.length > 60)
        .map(p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize))""")
    page.close()
    assert per_line and all(35 <= n <= 45 for n in per_line), per_line


def test_navigation_is_at_body_size(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + PAGES["notice"])

    def size(selector):
        return page.evaluate(f"parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)")

    assert size(".md-sidebar--primary .md-nav__link") == size(".md-typeset p")
    page.close()


def test_the_phone_header_has_the_whole_name_a_search_icon_and_no_stock_logo(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url)
    name = page.locator(".zg-site-name__full")
    assert name.inner_text().strip() == "巡察整改公开"
    assert page.evaluate("(e => e.scrollWidth <= e.clientWidth)(document.querySelector('.zg-site-name__full'))")
    assert page.locator(".zg-header-search").is_hidden()
    icon = page.locator("a.zg-search-icon")
    assert icon.is_visible() and icon.get_attribute("href").endswith("search/")
    assert page.locator(".md-header .md-logo").count() == 0  # no emblem set: none, not Material's book
    assert page.locator("#zg-font-label").inner_text() == "字号"
    page.close()


def test_the_search_filters_are_a_plain_fieldset_with_large_stacked_selects(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "search/?q=整改")
    page.locator(".zgs-filter-box summary").click()
    selects = page.locator(".zgs-filters select")
    boxes = [selects.nth(i).bounding_box() for i in range(selects.count())]
    assert len(boxes) == 5 and all(b["height"] >= 44 for b in boxes)
    assert len({round(b["x"]) for b in boxes}) == 1 and boxes == sorted(boxes, key=lambda b: b["y"])  # stacked
    icon = page.evaluate("getComputedStyle(document.querySelector('.zgs-filter-box summary'), '::before').maskImage")
    assert icon in ("none", ""), icon  # not Material's admonition pencil
    page.close()


WIDE_TABLES = ["stats", "data", "archive", "overdue"]


@pytest.mark.parametrize("name", WIDE_TABLES)
def test_wide_tables_on_a_phone_are_cards_or_scroll_with_a_pinned_column_and_a_cue(browser, base_url, name):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map(t => {
        const wrap = t.closest('.zg-table-wrap');
        const first = t.querySelector('tbody tr > :first-child');
        const cards = getComputedStyle(t).display === 'block';
        const cut = (wrap || t.parentElement).scrollWidth > (wrap || t.parentElement).clientWidth + 1;
        const cue = wrap && wrap.previousElementSibling && wrap.previousElementSibling.classList.contains('zg-scroll-cue');
        return {caption: (t.caption ? t.caption.innerText : t.className), cards, cut, cue,
                pinned: !!first && getComputedStyle(first).position === 'sticky', wrapped: !!wrap,
                focusable: !!wrap && wrap.tabIndex === 0};
    })""")
    page.close()
    assert tables
    for t in tables:
        if t["cards"] or not t["cut"]:
            continue
        assert t["wrapped"] and t["pinned"] and t["cue"] and t["focusable"], t


def test_the_archive_table_shows_every_column_at_1280(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + PAGES["archive"])
    wrap = page.locator(".zg-table-wrap").first
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1")
    for column in ("页数", "大小"):
        box = page.locator(".zg-archive thead th", has_text=column).bounding_box()
        assert box and box["x"] + box["width"] <= 1280
    assert "归档日期" in page.locator(".zg-archive tbody").first.inner_text()
    page.close()


@pytest.mark.parametrize("name", ["home", "notice", "archive", "overdue"])
def test_keyboard_focus_is_always_visible_and_never_hidden(screen, base_url, name):
    kind, page = screen
    page.goto(base_url + PAGES[name])
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            const focused = [s.outlineStyle, s.outlineWidth, s.boxShadow].join('|');
            const visible = r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
            el.blur();
            const u = getComputedStyle(el);
            const unfocused = [u.outlineStyle, u.outlineWidth, u.boxShadow].join('|');
            el.focus();
            return {name: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 20),
                    visible, indicated: focused !== unfocused};
        }""")
        if state is None:
            continue
        seen.append(state)
        assert state["visible"], f"focus on something hidden or off screen: {state['name']}"
        assert state["indicated"], f"no visible focus indicator on {state['name']}"
    assert len(seen) >= 10


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violation_on_any_page_type(browser, base_url, name):
    # The example site's axe test never saw a series panel or a timeline; this one sees
    # every page type the reader site has, the test series included.
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + PAGES[name])
    violations = Axe().run(page).response["violations"]
    page.close()
    serious = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations
               if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_asks_for_a_file_that_is_not_there(browser, base_url, name):
    # Material's script fetches sitemap.xml beside every <link rel="alternate">, taking our Atom
    # feeds for language versions: /feeds/sitemap.xml, a 404 in every log.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    asked, failed = [], []
    page.on("request", lambda r: asked.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    page.close()
    assert not failed, failed
    assert not [url for url in asked if url.endswith("/feeds/sitemap.xml")]
    assert any(url.endswith(".js") for url in asked)  # the scripts that used to ask did run


def test_the_404_page_is_chinese_and_its_links_work_from_a_sub_folder(browser, base_url):
    page = browser.new_page()
    response = page.goto(base_url + "no/such/page/")
    assert response.status == 404
    assert "页面不存在" in page.locator("h1").inner_text()
    assert "Not found" not in page.content()
    for name in ("返回首页", "搜索通报、单位或问题", "PDF 归档"):
        href = page.locator("article").get_by_role("link", name=name).get_attribute("href")
        assert href.startswith("/zg/"), href
        assert page.request.get(base_url[: -len("zg/")] + href.lstrip("/")).status == 200
    css = page.evaluate("[...document.styleSheets].filter(s => s.href).length")
    assert css >= 2, "the 404 page lost its stylesheets"
    page.close()


def _pages_of(pdf: Path) -> list[tuple[list[str], float]]:
    """Each page's lines and how far down its text reaches (0–1 of the page height)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page width=\"[\d.]+\" height=\"([\d.]+)\">(.*?)</page>", out, re.S):
        height, body = float(page[0]), page[1]
        lines = ["".join(re.findall(r">([^<]*)</word>", line)) for line in re.findall(r"<line[^>]*>(.*?)</line>", body, re.S)]
        bottoms = [float(y) for y in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"', body)]
        pages.append((lines, max(bottoms, default=0) / height))
    return pages


# Reference days spread over a year: days overdue and "as of" lines change the printed text,
# so the layout shifts with the build's day; headings must stay with their text on any of them.
PRINT_DAYS = ["2026-12-07", "2027-02-13", "2027-04-22", "2027-07-01", "2027-09-09", "2027-11-18"]


@pytest.fixture(scope="module")
def print_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("print-data")
    _reader_data(data)
    return data


@pytest.mark.parametrize("day", PRINT_DAYS)
def test_a_printed_notice_keeps_headings_with_their_text_and_wastes_no_pages(browser, print_data, tmp_path, monkeypatch, day):
    epoch = int(dt.datetime.fromisoformat(day + "T12:00:00+08:00").timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    site = build(make_project(tmp_path / "project", data_dir=print_data), pdfs=False)
    with serve(site) as url:
        for name in ("notice", "interim", "series", "disclosure"):
            _check_printed(browser, url + PAGES[name], tmp_path / f"{name}.pdf", day if name == "notice" else None)


def _check_printed(browser, url: str, pdf: Path, day: str | None) -> None:
    page = browser.new_page()
    page.goto(url)
    headings = {re.sub(r"\s", "", h) for h in page.locator(".md-content h2, .md-content h3, .md-content h4, .md-content h5").all_inner_texts()}
    if day:
        assert f"截至{int(day[:4])}年{int(day[5:7])}月{int(day[8:])}日" in page.content(), "the build did not take the day set"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    page.close()
    pages = _pages_of(pdf)
    for number, (lines, fill) in enumerate(pages[:-1], 1):
        last = re.sub(r"\s", "", next((line for line in reversed(lines) if line.strip()), ""))
        assert last not in headings, f"{url}: page {number} ends with the heading {last}"
        assert fill >= 1 / 3, f"{url}: page {number} is only {fill:.0%} full"
