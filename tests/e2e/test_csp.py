"""The Content-Security-Policy every page carries: no inline script, no violation, nothing outside.

The policy is the <meta http-equiv="Content-Security-Policy"> of overrides/main.html; nginx sends
the same one as a header (tests/test_nginx.py).
"""

from __future__ import annotations

import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
MATERIAL_SCRIPTS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
OURS = ROOT / "overrides" / "assets" / "zhenggai"
NOTICE = "documents/sz-bgt-2019-xuncha-zhenggai/"

# Material's inline scripts that overrides/partials/javascripts/ load as files instead, in the
# order they appear in each partial.
MOVED = {
    "base.html": ["material-base.js"],
    "content.html": ["material-content-tabs.js", "material-content.js"],
    "palette.html": ["material-palette.js"],
}
# The one Jinja expression in Material's inline code, and what the file reads instead.
SCOPE = ('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.mdScope")

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


PROGRESS = """() => {
  const bar = document.querySelector(".zg-progress__bar"), box = bar.parentElement;
  return [Number(box.getAttribute("aria-valuenow")), 100 * bar.offsetWidth / box.clientWidth];
}"""


class _Head(HTMLParser):
    """Every <script> (attributes, has text) and where the CSP meta sits among head elements."""

    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.head: list[str] = []
        self.csp: list[str] = []
        self._script: dict | None = None
        self._text = ""
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.head.append(tag if tag != "link" else f"link:{attrs.get('rel')}")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attrs["content"])
            self.head[-1] = "csp"
        if tag == "script":
            self._script, self._text = attrs, ""

    def handle_data(self, data):
        if self._script is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._text.strip()))
            self._script = None


def _parse(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _code(js_file: Path) -> str:
    """The code of one of our moved scripts, without its leading comment."""
    text = js_file.read_text(encoding="utf-8")
    return re.sub(r"\A/\*.*?\*/\s*", "", text, flags=re.S).strip()


@pytest.mark.parametrize("partial", sorted(MOVED))
def test_moved_material_scripts_match_the_installed_material(partial):
    source = (MATERIAL_SCRIPTS / partial).read_text(encoding="utf-8")
    material_code = [code.replace(*SCOPE) for code in re.findall(r"<script>(.*?)</script>", source, re.S)]
    ours = [_code(OURS / name) for name in MOVED[partial]]
    assert ours == material_code, (
        f"Material's partials/javascripts/{partial} changed: copy its inline code into "
        f"{', '.join(MOVED[partial])} again (a Material upgrade?)"
    )
    assert (ROOT / "overrides" / "partials" / "javascripts" / partial).is_file()


def test_every_page_has_the_policy_first_and_no_inline_script(example_site):
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 10
    policies = set()
    for page in pages:
        parsed = _parse(page)
        name = page.relative_to(example_site)
        assert len(parsed.csp) == 1, f"{name}: {len(parsed.csp)} CSP meta elements"
        policies.add(parsed.csp[0])
        before = parsed.head[: parsed.head.index("csp")]
        assert not {"script", "style", "link:stylesheet"} & set(before), f"{name}: {before} before the CSP"
        inline = [(attrs, text[:60]) for attrs, text in parsed.scripts
                  if "src" not in attrs and attrs.get("type") != "application/json"]
        assert not inline, f"{name}: inline scripts the CSP blocks: {inline}"
    assert len(policies) == 1, policies
    policy = policies.pop()
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in re.search(r"script-src[^;]*", policy)[0]


@pytest.fixture
def page(browser, example_url):
    context = browser.new_context()
    context.add_init_script(COLLECT)
    pg = context.new_page()
    messages: list[str] = []
    pg.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: messages.append(str(e)))
    yield pg, messages
    context.close()


@pytest.mark.parametrize("path", ["", NOTICE, "search/?q=因私出国", "contacts/", "404.html", "stats/", "data/"])
def test_no_violation_on_the_site(page, example_url, path):
    page, messages = page
    page.goto(example_url + path)
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    if path.startswith("search/"):
        page.wait_for_selector(".zgs-result")
        assert "因私出国" in page.locator(".zgs-results").inner_text()
    if path == NOTICE:
        # The progress bar's style="width: N%" applies (style-src-attr): a blocked one is full width.
        share, shown = page.evaluate(PROGRESS)
        assert share < 100 and abs(shown - share) < 1
    # What Material's bundle does on interaction: a tooltip (content.tooltips), the back-to-top
    # button (navigation.top) on scrolling up.
    # (No emblem is set, so no logo: the search icon with its title, shown at phone width.)
    page.set_viewport_size({"width": 390, "height": 844})
    page.hover("a.zg-search-icon")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.mouse.wheel(0, 2000)
    page.mouse.wheel(0, -600)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert messages == []
    # Material's scripts really ran from their files (they define these globals).
    assert page.evaluate("typeof __md_get === 'function' && __md_scope.href") == example_url


class _Outside(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        body = b"window.__outside = true;" if self.path.endswith(".js") else b"body{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript" if self.path.endswith(".js") else "text/css")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def outside():
    """A web server standing for 'another site': loopback, but another origin (127.0.0.2)."""
    _Outside.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), _Outside)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


INJECT = """async outside => {
  const settle = el => new Promise(done => { el.onload = el.onerror = () => done(); });
  const img = document.createElement("img"); img.src = outside + "pixel.png";
  const script = document.createElement("script"); script.src = outside + "tracker.js";
  const css = document.createElement("link"); css.rel = "stylesheet"; css.href = outside + "style.css";
  const inline = document.createElement("script"); inline.textContent = "window.__inline = true;";
  const waits = [settle(img), settle(script), settle(css)];
  document.body.append(img, script, css, inline);
  waits.push(fetch(outside + "beacon").then(() => "fetched", () => "refused"));
  await Promise.all(waits);
  return {outside: window.__outside === true, inline: window.__inline === true};
}"""


def test_injected_outside_resources_and_inline_script_are_blocked(page, example_url, outside):
    page, _ = page
    page.goto(example_url + NOTICE)
    ran = page.evaluate(INJECT, outside)
    assert _Outside.hits == [], f"requests reached the outside server: {_Outside.hits}"
    assert ran == {"outside": False, "inline": False}
    page.wait_for_function("window.__violations.length >= 5")
    directives = {v.split()[0] for v in page.evaluate("window.__violations")}
    assert directives == {"img-src", "script-src-elem", "style-src-elem", "connect-src"}
