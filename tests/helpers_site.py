"""Build real sites for the tests: the example project, or a copy of it with other data."""

from __future__ import annotations

import functools
import gzip
import io
import http.server
import os
import shutil
import socketserver
import threading
from contextlib import contextmanager
from pathlib import Path

from zhenggai.publish import build_site

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks")


def make_project(tmp: Path, data_dir: Path | None = None, mkdocs_yml: str | None = None) -> Path:
    """A copy of the example project in `tmp`, optionally with other data or mkdocs.yml."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp / name, dirs_exist_ok=True)
        else:
            shutil.copy2(source, tmp / name)
    if mkdocs_yml is not None:
        (tmp / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    data = data_dir or ROOT / "data"
    if data_dir is None:
        shutil.copytree(ROOT / "data", tmp / "data")
        data = tmp / "data"
    (tmp / "zhenggai.yml").write_text(
        (ROOT / "zhenggai.yml").read_text(encoding="utf-8").replace("data_dir: data", f"data_dir: {data}"),
        encoding="utf-8",
    )
    return tmp


@contextmanager
def pdf_switch(enabled: bool):
    old = os.environ.get("ZHENGGAI_PDF")
    os.environ["ZHENGGAI_PDF"] = "1" if enabled else "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("ZHENGGAI_PDF")
        else:
            os.environ["ZHENGGAI_PDF"] = old


def build(project: Path, pdfs: bool = True) -> Path:
    with pdf_switch(pdfs):
        assert build_site(project) == 0, "the site build failed"
    return project / "site"


@contextmanager
def serve(directory: Path, compress: bool = False):
    """Serve a built site on a free loopback port; yields its base URL.

    With `compress`, text files go out gzip-encoded when the browser asks, as any production
    web server sends them (used to measure bytes really transferred).
    """
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@contextmanager
def launch_browser():
    """Debian's Chromium, headless, with nothing that phones home."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# The fixtures live in conftest.py: a session fixture defined in two modules would start two
# Playwright sessions, which cannot run at once. This plain name keeps old imports working.
browser = None
