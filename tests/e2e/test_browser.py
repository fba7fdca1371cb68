"""The example site in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

NOTICE = "documents/sz-bgt-2019-xuncha-zhenggai/"
SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"


@pytest.fixture
def page(browser, example_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside = []
    context.on("request", lambda r: None if r.url.startswith(example_url) or r.url.startswith("data:") else outside.append(r.url))
    pg = context.new_page()
    yield pg
    context.close()
    assert not outside, f"requests left the site: {outside}"


def test_home_to_listing_to_notice_to_anchor(page, example_url):
    page.goto(example_url)
    page.get_by_role("link", name="按年份浏览").first.click()
    page.get_by_role("link", name="2019", exact=True).click()
    page.get_by_role("link", name="中共深圳市人民政府办公厅党组关于巡察整改情况的通报").click()
    assert page.url.endswith(NOTICE)
    page.locator('a[href="#c4-p1"]').click()
    assert page.url.endswith("#c4-p1")
    heading = page.locator("#c4-p1 h4")
    assert "干部培养缺乏长远考虑" in heading.inner_text()
    box = heading.bounding_box()
    assert box and 0 <= box["y"] < 900, "the anchor target is not scrolled into view"


def test_font_switch_is_remembered_across_pages(page, example_url):
    page.goto(example_url + NOTICE)

    def size():
        return page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")

    medium = size()
    page.get_by_role("button", name="大", exact=True).click()
    large = size()
    assert large >= 24 and large > medium  # 18 pt for elderly readers
    assert page.get_by_role("button", name="大", exact=True).get_attribute("aria-pressed") == "true"
    page.goto(example_url + "contacts/")
    assert page.evaluate("document.documentElement.dataset.zgFont") == "large"
    assert size() == large
    page.get_by_role("button", name="小", exact=True).click()
    assert size() < medium


def test_contact_links_dial_and_mail(page, example_url):
    page.goto(example_url + NOTICE)
    tel = page.locator("#contact a[href^='tel:']")
    assert tel.count() == 1 and tel.get_attribute("href") == "tel:0755-88127289"
    mail = page.locator("#contact a[href^='mailto:']")
    assert mail.get_attribute("href") == "mailto:ermic@sz.gov.cn"
    assert "深圳市福田区福中三路市民中心C区4109室" in page.locator("#contact").inner_text()


def test_keyboard_reaches_tools_and_search(page, example_url):
    page.goto(example_url + NOTICE)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "zg-header-q"
    page.keyboard.type("因私出国")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.goto(example_url + NOTICE)
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.textContent.trim() || document.activeElement.id"))
    assert {"大", "中", "小", "打印", "zg-header-q"} <= seen
    page.locator("button[data-zg-font='large']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.zgFont") == "large"


@pytest.mark.parametrize("path", ["", "years/", "years/2019/", NOTICE, "contacts/", "archive/"])
def test_no_serious_accessibility_violation(page, example_url, path):
    page.goto(example_url + path)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
@pytest.mark.parametrize("path", ["", NOTICE, "stats/", "data/"])
def test_screenshots_are_not_blank(browser, example_url, path, width, height):
    from PIL import Image, ImageStat

    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.goto(example_url + path)
    target = SHOTS / f"{(path.strip('/').replace('/', '_') or 'home')}-{width}.png"
    pg.screenshot(path=str(target), full_page=False)
    scroll_width = pg.evaluate("document.documentElement.scrollWidth")
    context.close()
    image = Image.open(target).convert("L")
    assert image.size == (width, height)
    assert ImageStat.Stat(image).stddev[0] > 20, "screenshot is (nearly) blank"
    assert scroll_width <= width, f"page scrolls sideways at {width}px ({scroll_width}px wide)"


def test_print_stylesheet_prints_only_the_notice(page, example_url):
    page.goto(example_url + NOTICE)
    page.emulate_media(media="print")
    for selector in (".zg-tools", ".md-header", ".zg-header-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("#c1-p1").is_visible() and page.locator("#contact").is_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"


# axe files a 1:1 contrast under "incomplete" (it may be deliberate hiding), so a footer
# painted in its own background colour passed it. This walks every visible text itself.
CONTRAST_JS = """
() => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ground = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el) continue;
    const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
    if (!r.width || !r.height || cs.visibility !== 'visible' || el.closest('[hidden],[aria-hidden="true"],.md-sidebar,.md-search,noscript')) continue;
    const [fr, fg, fb, fa] = parse(cs.color); const bg = ground(el);
    const fgc = [fr * fa + bg[0] * (1 - fa), fg * fa + bg[1] * (1 - fa), fb * fa + bg[2] * (1 - fa)];
    const [a, b] = [lum(fgc), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(cs.fontSize); const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className} "${n.textContent.trim().slice(0, 20)}"`);
  }
  return bad;
}
"""


@pytest.mark.parametrize("contrast", ["normal", "high"])
@pytest.mark.parametrize("path", ["", NOTICE, "contacts/"])
def test_every_visible_text_has_contrast(page, example_url, path, contrast):
    page.goto(example_url + path)
    if contrast == "high":
        page.locator("button[data-zg-contrast]").first.click()
        assert page.evaluate("document.documentElement.dataset.zgContrast") == "high"
    bad = page.evaluate(CONTRAST_JS)
    assert not bad, "\n".join(bad[:20])
