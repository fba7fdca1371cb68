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
            # The offending line, and a caret under the value.
            assert "  published: 2019-02-30" in page and "^^^^^^^^^^" in page, path
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
