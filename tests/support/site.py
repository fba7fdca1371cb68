"""Build real sites for the tests: the example project, or a copy of it with other data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from zhenggai.build.publish import build_site
from zhenggai.log import CHECKPOINT_FILE, PAUSE_AT
from zhenggai.options import command_line_options
from zhenggai.testing.static_server import CHROMIUM_ARGS, serve  # noqa: F401 (shared with the tests)

ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks")


def make_project(tmp: Path, data_dir: Path | None = None, mkdocs_yml: str | None = None,
                 published: bool = True) -> Path:
    """A copy of the example project in `tmp`, optionally with other data or another mkdocs.yml.

    With the example data and `published`, its archive/ of published PDFs comes too; without it
    the project is as before anything was published (its data may change freely, its PDFs are rendered).
    """
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
        # The example's published PDFs belong to its data: other data starts an archive of its own.
        if published and (ROOT / "archive").is_dir():
            shutil.copytree(ROOT / "archive", tmp / "archive")
    (tmp / "zhenggai.yml").write_text(
        (ROOT / "zhenggai.yml").read_text(encoding="utf-8").replace("data_dir: data", f"data_dir: {data}"),
        encoding="utf-8",
    )
    return tmp


@contextmanager
def pdf_switch(enabled: bool):
    """ZHENGGAI_PDF for an engine run by itself (`make serve`, `prepare_site`); `zhenggai build` ignores it."""
    old = os.environ.get("ZHENGGAI_PDF")
    os.environ["ZHENGGAI_PDF"] = "1" if enabled else "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("ZHENGGAI_PDF")
        else:
            os.environ["ZHENGGAI_PDF"] = old


def build(project: Path, pdfs: bool = True, site_dir: Path | None = None) -> Path:
    """Build `project` (without PDFs: `zhenggai build --no-pdf`, a preview) into `site_dir` (default site/)."""
    assert build_site(project, site_dir, options=command_line_options(pdfs=pdfs)) == 0, "the site build failed"
    return site_dir or project / "site"


def no_pdf():
    """The options of `zhenggai build --no-pdf`."""
    return command_line_options(pdfs=False)


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



def hide_fonts(tmp_path: Path, monkeypatch) -> None:
    """Fontconfig sees an empty font folder from now on: a machine without the CJK fonts."""
    empty = tmp_path / "fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>",
                      encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))


def start_paused_build(project: Path, marks: Path, stage: str) -> subprocess.Popen:
    """`zhenggai build` in its own process group, waiting at build checkpoint `stage` (log.py)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "zhenggai.cli", "build"], cwd=project, start_new_session=True,
        env={**os.environ, CHECKPOINT_FILE: str(marks), PAUSE_AT: stage},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while stage not in (marks.read_text().split() if marks.exists() else []):
        assert process.poll() is None, f"the build ended before it reached {stage}: {process.stderr.read()}"
        assert time.monotonic() < deadline, f"the build did not reach {stage}"
        time.sleep(0.05)
    return process
