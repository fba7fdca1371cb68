"""Serve a built site on loopback, as a web server would: for tests, the benchmark and tools.

Only 127.0.0.1 and a free port; nothing here is for publishing (see deploy/ for nginx).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import socketserver
import threading
from contextlib import contextmanager
from pathlib import Path

# Debian's Chromium, headless, with nothing that phones home (used by whoever drives it).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


@contextmanager
def serve(directory: Path, compress: bool = False, ranges: bool = True):
    """Serve a built site on a free loopback port; yields its base URL.

    With `compress`, text files go out gzip-encoded when the browser asks, as any production
    web server sends them (used to measure bytes really transferred). Without `ranges`, a
    request for a byte range gets the whole file, as from a server that ignores them.
    """
    kind = _GzipHandler if compress else _QuietHandler if ranges else _WholeFileHandler
    handler = functools.partial(kind, directory=str(directory))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, and one byte range of a file when asked (as nginx does; the search client
    reads document texts by range)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        match = _RANGE.match(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        start = int(match.group(1))
        end = min(int(match.group(2)) if match.group(2) else len(data) - 1, len(data) - 1)
        if start >= len(data) or end < start:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(data)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return io.BytesIO(b"")
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(data[start:end + 1])


class _WholeFileHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if self.headers.get("Range"):  # a range goes out as it is (browsers ask identity for it)
            return super().send_head()
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
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


