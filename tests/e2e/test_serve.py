"""`make serve`: the preview server rebuilds when a file in data/ changes."""

from __future__ import annotations

import os
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


def test_editing_data_rebuilds_the_preview(tmp_path):
    project = make_project(tmp_path)
    port = free_port()
    env = {**os.environ, "ZHENGGAI_PDF": "0", "NO_MKDOCS_2_WARNING": "1", "ZHENGGAI_PREVIEW": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
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
        assert wait_for(url, "数据有误,预览暂停更新"), "the preview did not show the error"
        assert "metadata.published" in fetch(url) and "不是有效的日期" in fetch(url)
        assert "数据有误" in (fetch(f"http://127.0.0.1:{port}/") or "")
        source.write_text(text, encoding="utf-8")
        assert wait_for(url, "中共深圳市人民政府办公厅党组关于巡察整改情况的通报"), "the preview did not recover"
    finally:
        server.terminate()
        server.wait(timeout=30)


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
