"""Every text from the data is escaped: nothing a member of staff (or an attacker) types becomes markup."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import yaml
from support.site import build, make_project

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[点我](javascript:alert(3))",
    '"><svg onload=alert(4)>',
    "**粗体** <b>b</b> &lt;i&gt; {{ 7*7 }} {% raw %}",
]
SOURCE = Path(__file__).resolve().parents[2] / "data" / "sz-bgt-2019-xuncha-zhenggai.yml"
# Fields whose values must keep a format (dates, phones, emails, enums, numbers) stay as they are.
KEEP = {"published", "written", "start", "end", "feedback", "date", "number", "email", "postcode",
        "status", "kind", "numbering", "role", "similar", "area_code", "url", "index_no", "phones"}


_PAYLOAD_TURN = itertools.count(1)


def poison(value, key=None):
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key not in KEEP:
        return f"{value[:6]}{PAYLOADS[next(_PAYLOAD_TURN) % len(PAYLOADS)]}"
    return value


def test_no_text_field_becomes_markup(tmp_path):
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    data = poison(data)
    data["contact"]["online"] = [{"name": "<script>alert(5)</script>", "url": "https://example.com/?q=<x>"}]
    data["title"] = "中共深圳市人民<script>alert(9)</script>"
    project = make_project(tmp_path, published=False)
    for old in (project / "data").glob("*.yml"):
        old.unlink()
    (project / "data" / "evil.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = build(project, pdfs=False)
    pages = [site / "documents" / "evil" / "index.html", site / "index.html", site / "contacts" / "index.html",
             site / "years" / "2019" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert not re.search(r"<img[^>]*onerror", html), page
        assert not re.search(r"<svg[^>]*onload", html), page
        assert 'href="javascript:' not in html.lower(), page
        assert "<b>b</b>" not in html and "<strong>粗体</strong>" not in html, page
    doc = pages[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc  # shown to the reader as text
    assert "{{ 7*7 }}" in doc  # no template evaluation of data
    assert "<title>中共深圳市人民" in doc and "&lt;script&gt;" in doc.split("<title>")[1].split("</title>")[0]
