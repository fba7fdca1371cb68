"""deploy/nginx/ in a real nginx (Debian's `nginx` package) serving the built example site."""

from __future__ import annotations

import gzip
import http.client
import os
import pwd
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")  # Debian's nginx-common; the distro nginx.conf includes it
NOTICE = "/documents/sz-bgt-2019-xuncha-zhenggai/"
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"

WRAPPER = """\
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/zhenggai.conf;
}}
"""


def server_config(site: Path, port: int) -> str:
    """deploy/nginx/zhenggai.conf with the test's root, port and snippet paths."""
    text = (DEPLOY / "zhenggai.conf").read_text(encoding="utf-8")
    replacements = [
        (r"(?m)^(\s*)listen 80;\n", rf"\1listen 127.0.0.1:{port};\n", 1),
        (r"(?m)^\s*listen \[::\]:80;\n", "", 1),
        (r"(?m)^(\s*)root [^;]+;", rf"\1root {site};", 1),
        (r"(?m)^(\s*)include snippets/(zhenggai-[a-z]+\.conf);", rf"\1include {DEPLOY}/\2;", None),
    ]
    for pattern, replacement, expected in replacements:
        text, count = re.subn(pattern, replacement, text)
        assert count and (expected is None or count == expected), f"zhenggai.conf: {pattern!r} matched {count}×"
    return text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(example_site, tmp_path_factory):
    """nginx in the foreground on a free loopback port, with every path of its own in a temp folder."""
    assert NGINX.is_file(), "nginx 未安装 / nginx is missing: apt-get install nginx (the Debian package `nginx`)"
    assert MIME_TYPES.is_file(), f"{MIME_TYPES} is missing: apt-get install nginx-common"
    tmp = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    (tmp / "zhenggai.conf").write_text(server_config(example_site, port), encoding="utf-8")
    # As root the master hands requests to worker processes running as `user` (default nobody),
    # who cannot read pytest's private temp folders: run them as ourselves. Not root: no directive.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(WRAPPER.format(user=user, tmp=tmp, mime_types=MIME_TYPES), encoding="utf-8")
    log = tmp / "error.log"
    command = [str(NGINX), "-p", str(tmp), "-c", str(conf), "-e", str(log), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_until_listening(process, port, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_listening(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}:\n{log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on port {port}:\n{log.read_text() if log.exists() else ''}")


def get(port: int, path: str, **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _hashed_bundle(site: Path) -> str:
    bundle, = site.glob("assets/javascripts/bundle.*.min.js")
    assert re.fullmatch(r"bundle\.[0-9a-f]{8}\.min\.js", bundle.name), bundle.name
    return "/" + bundle.relative_to(site).as_posix()


def _pdf(site: Path) -> str:
    return "/" + sorted(site.glob("pdf/*.pdf"))[0].relative_to(site).as_posix()


def _meta_policy(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)[1]


@pytest.mark.parametrize("kind", ["home", "notice", "bundle", "own asset", "pdf", "missing page", "missing pdf"])
def test_security_headers_on_every_kind_of_response(nginx, example_site, kind):
    path, status = {
        "home": ("/", 200),
        "notice": (NOTICE, 200),
        "bundle": (_hashed_bundle(example_site), 200),
        "own asset": ("/assets/zhenggai/site.js", 200),
        "pdf": (_pdf(example_site), 200),
        "missing page": ("/documents/no-such-notice/", 404),
        "missing pdf": ("/pdf/no-such-notice.pdf", 404),
    }[kind]
    got, headers, body = get(nginx, path)
    assert got == status
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "nginx/" not in headers["Server"]
    # Pages and assets: the pages' own <meta> policy plus what only a header can say. PDFs: only
    # frame-ancestors (older Chromium refuses to display a PDF under the page policy).
    expected = "frame-ancestors 'none'" if kind == "pdf" else _meta_policy(example_site) + "; frame-ancestors 'none'"
    assert headers.get_all("Content-Security-Policy") == [expected]
    if status == 404:  # the site's own 404 page, which carries the policy itself too
        assert f'<meta http-equiv="Content-Security-Policy" content="{_meta_policy(example_site)}">' in body.decode()


@pytest.mark.parametrize("path", ["/", NOTICE, "/assets/zhenggai/site.js", "/assets/zhenggai/site.css",
                                  "bundle", "/assets/stylesheets/", "/search/search.js"])
def test_text_is_gzipped_when_asked(nginx, example_site, path):
    if path == "bundle":
        path = _hashed_bundle(example_site)
    elif path == "/assets/stylesheets/":
        path = "/" + next(example_site.glob("assets/stylesheets/main.*.min.css")).relative_to(example_site).as_posix()
    file = example_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    status, headers, body = get(nginx, path, Accept_Encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == file.read_bytes()
    assert "charset=utf-8" in headers["Content-Type"]
    status, headers, body = get(nginx, path)
    assert status == 200 and headers["Content-Encoding"] is None and body == file.read_bytes()


@pytest.mark.parametrize("path, cache", [
    ("bundle", LONG),
    ("/assets/stylesheets/", LONG),
    ("pdf", LONG),
    ("/", SHORT),
    (NOTICE, SHORT),
    ("/assets/zhenggai/site.js", SHORT),      # ours: no hash in the name
    ("/assets/images/favicon.png", SHORT),
    ("/pdf/manifest.json", SHORT),           # lists the PDFs: changes with every new one
    ("/pdf/no-such-notice.pdf", SHORT),      # a 404 must not be cached for a year
])
def test_cache_lifetimes(nginx, example_site, path, cache):
    if path == "bundle":
        path = _hashed_bundle(example_site)
    elif path == "/assets/stylesheets/":
        path = "/" + next(example_site.glob("assets/stylesheets/palette.*.min.css")).relative_to(example_site).as_posix()
    elif path == "pdf":
        path = _pdf(example_site)
    _, headers, _ = get(nginx, path)
    assert headers.get_all("Cache-Control") == [cache]


def test_pdf_range_request(nginx, example_site):
    path = _pdf(example_site)
    data = (example_site / path.lstrip("/")).read_bytes()
    status, headers, body = get(nginx, path, Range="bytes=0-99")
    assert status == 206
    assert headers["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert headers["Content-Type"] == "application/pdf"
    assert body == data[:100] and body.startswith(b"%PDF-")
    status, headers, body = get(nginx, path, Accept_Encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] is None and body == data  # already compressed


def test_search_texts_are_served_by_range(nginx, example_site):
    """The search client reads a document's text by prefix: browsers ask a range without gzip."""
    text = sorted((example_site / "search" / "idx" / "t").rglob("*.js"))[0]
    path = "/" + text.relative_to(example_site).as_posix()
    data = text.read_bytes()
    status, headers, body = get(nginx, path, Range="bytes=0-99", Accept_Encoding="identity")
    assert status == 206 and body == data[:100]
    assert headers["Content-Range"] == f"bytes 0-99/{len(data)}"
    # A browser that asks gzip with a range gets the whole file, compressed: the client takes it.
    status, headers, body = get(nginx, path, Range="bytes=0-99", Accept_Encoding="gzip")
    assert status == 200 and gzip.decompress(body) == data
