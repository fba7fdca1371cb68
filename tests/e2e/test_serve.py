"""`make serve`: the preview server rebuilds when a file in data/ changes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from support.site import make_project

DOC = "sz-bgt-2019-xuncha-zhenggai"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body and text in body:
            return True
        time.sleep(0.5)
    return False


def _serve(project, tmp_path) -> tuple[subprocess.Popen, object, int]:
    """`make serve` as it runs it: MkDocs' command line with its own lines in Chinese; its log."""
    port = free_port()
    env = {**os.environ, "ZHENGGAI_PDF": "0", "NO_MKDOCS_2_WARNING": "1", "ZHENGGAI_PREVIEW": "1"}
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "zhenggai.build.engines.mkdocs_run", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    return server, log, port


def test_editing_data_rebuilds_the_preview(tmp_path):
    project = make_project(tmp_path, published=False)  # its data is edited
    server, log, port = _serve(project, tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/documents/{DOC}/"
        assert wait_for(url, "中共深圳市人民政府办公厅党组关于巡察整改情况的通报")
        source = project / "data" / f"{DOC}.yml"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("title: 中共深圳市人民政府办公厅党组关于巡察整改情况的通报",
                                       "title: 预览测试标题", 1), encoding="utf-8")
        assert wait_for(url, "预览测试标题"), "the preview did not rebuild after the data changed"
        # Broken data: the browser says what is wrong, on the page the reader is on.
        source.write_text(source.read_text(encoding="utf-8").replace("  published: 2019-03-18", "  published: 2019-02-30", 1),
                          encoding="utf-8")
        assert wait_for(url, "数据有误"), "the preview did not show the error"
        page = fetch(url)
        assert "metadata.published" in page and "不是有效的日期" in page
        assert "预览测试标题" in page, "the last good page is no longer shown under the banner"
        assert "数据有误" in (fetch(f"http://127.0.0.1:{port}/") or "")
        source.write_text(text, encoding="utf-8")
        assert wait_for(url, "中共深圳市人民政府办公厅党组关于巡察整改情况的通报"), "the preview did not recover"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert f"预览地址：http://127.0.0.1:{port}/" in output and "发现文件改动" in output, output
    # A blocked rebuild says so at its end (audit 2026-12-08 #3: it said 网站生成完毕).
    builds = output.split("发现文件改动")
    assert any("数据有误" in b for b in builds), output
    for b in builds:
        if "数据有误" in b:
            assert "网站生成失败（数据有误），浏览器中仍显示上次正确的网站" in b and "网站生成完毕" not in b, b
        else:
            assert "网站生成完毕" in b and "网站生成失败" not in b, b
    # The warnings of files that did not change are printed once, then counted (four builds).
    assert output.count("data/ps-bgs-2018-gongzuo.yml:7:") == 1, output
    assert output.count("data/ps-zsj-2021-xuncha-jinzhan.yml:171:") == 1, output
    assert output.count("页脚未设置") == 1, output
    assert "条提醒与上次生成时相同（所在文件没有改动），不再重复列出" in output, output
    english = ("Serving on", "Building documentation", "Documentation built", "Detected file changes", "Watching paths")
    assert not [line for line in english if line in output], output


def test_a_publishing_build_never_publishes_the_preview_error_page(tmp_path, monkeypatch):
    from support.site import build

    from zhenggai.build.publish import build_site

    monkeypatch.setenv("ZHENGGAI_PREVIEW", "1")
    monkeypatch.setenv("ZHENGGAI_PDF", "0")
    project = make_project(tmp_path)
    site = build(project, pdfs=False)
    before = (site / "index.html").read_bytes()
    source = project / "data" / f"{DOC}.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("  published: 2019-03-18", "  published: 2019-02-30", 1),
                      encoding="utf-8")
    assert build_site(project) == 1
    assert (site / "index.html").read_bytes() == before


PAGE_TYPES = ["", "years/", "publishers/", "documents/sz-bgt-2019-xuncha-zhenggai/",
              "documents/ps-zsj-2021-xuncha-jinzhan/", "contacts/", "archive/", "overdue/", "stats/", "data/",
              "search/", "about/"]


def test_a_preview_started_with_an_error_serves_every_page_with_the_error_on_top(tmp_path):
    project = make_project(tmp_path, published=False)
    source = project / "data" / f"{DOC}.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("  published: 2019-03-18", "  published: 2019-02-30", 1),
                      encoding="utf-8")
    server, log, port = _serve(project, tmp_path)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base, "数据有误"), "the preview did not start"
        for path in PAGE_TYPES:
            page = fetch(base + path)
            assert page is not None, f"{path or '/'} is not served"
            assert 'class="zg-preview-banner"' in page and "不是有效的日期" in page, path
            # The offending line, and a caret under each character of the value.
            line = re.search(r'<div class="zg-preview-banner__line">.*?</div>', page).group()
            assert re.sub(r"<[^>]+>", "", line) == "9  published: 2019-02-30", path
            marked = re.search(r'<mark class="zg-preview-banner__at">(.*?)</mark>', line).group(1)
            assert marked == "".join(f"<ruby>{c}<rt></rt></ruby>" for c in "2019-02-30"), path
        # The other documents are shown as they are.
        assert "区政务服务数据管理局党组关于巡察整改重点工作阶段性进展情况的通报" in fetch(base + "documents/ps-zsj-2021-xuncha-jinzhan/")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert output.count("不是有效的日期") == 1, output  # each error once
    assert "INFO" not in output and "WARNING" not in output and "code 404" not in output, output
    english = re.findall(r"[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}", output)
    assert not english, english


# The inspection written on one line, as some staff do, with an impossible feedback date: a long
# line with Chinese before the value (audit 2026-12-08 #2).
ONE_LINE = ("inspection: {body: 市委第六巡察组, target: 市政府办公厅党组, start: 2018-09-12, end: 2018-11-09, "
            "feedback: 2018-12-32}\n")
# Each "^" of the excerpt against the value's characters: centre, and how far below it stands.
CARETS = """value => {
  const line = document.querySelector('.zg-preview-banner__line');
  const chars = [];
  const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());) {
    for (let i = 0; i < node.data.length; i++) chars.push({node, i, c: node.data[i], rt: !!node.parentElement.closest('rt')});
  }
  const box = ({node, i}) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                               return r.getClientRects()[0]; };
  const text = chars.filter(ch => !ch.rt);
  const at = text.map(ch => ch.c).join('').indexOf(value);
  const under = text.slice(at, at + value.length).map(box);
  // A caret is a "^" of the text, or an element whose ::before draws one.
  const drawn = [...line.querySelectorAll('*')].filter(e => getComputedStyle(e, '::before').content.startsWith('"^"'));
  const carets = [...chars.filter(ch => ch.c === '^').map(box), ...drawn.map(e => e.getBoundingClientRect())];
  return {found: at, carets: carets.length,
          pairs: under.map((b, k) => carets[k] && [b.left, b.right, b.bottom, (carets[k].left + carets[k].right) / 2, carets[k].top])};
}"""


def test_on_a_phone_the_offending_line_fits_and_each_caret_stands_under_its_character(tmp_path, browser):
    # The session's one Chromium (conftest): a second sync Playwright session fails once another is open.
    project = make_project(tmp_path, published=False)
    source = project / "data" / f"{DOC}.yml"
    text = source.read_text(encoding="utf-8")
    start = text.index("inspection:\n")
    end = text.index("numbering:")
    source.write_text(text[:start] + ONE_LINE + text[end:], encoding="utf-8")
    server, log, port = _serve(project, tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/documents/{DOC}/"
        assert wait_for(url, "数据有误"), "the preview did not start"
        page = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(url)
            line = page.locator(".zg-preview-banner__line")
            assert ONE_LINE.strip() in line.inner_text()  # the line as it is, nothing in between
            page.screenshot(path=str(tmp_path / "banner-390.png"))
            # Nothing of the line is cut off or behind a sideways scroll.
            widths = line.evaluate("e => [...e.querySelectorAll('*'), e].map(x => [x.scrollWidth, x.clientWidth])")
            assert all(scroll <= client + 1 for scroll, client in widths if client), widths
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            found = page.evaluate(CARETS, "2018-12-32")
            assert found["found"] >= 0 and found["carets"] == len("2018-12-32"), found
            for left, right, bottom, centre, top in found["pairs"]:
                assert left <= centre <= right, f"a caret is not under its character: {found['pairs']}"
                assert bottom - 2 <= top <= bottom + 24, f"a caret is not just below its character: {found['pairs']}"
        finally:
            page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
