"""A failed build never replaces the published site."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

from support.site import build, make_project, pdf_switch

from zhenggai.build.publish import build_site, swap_into_place


def snapshot(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_data_error_leaves_previous_site_untouched(tmp_path, capfd):
    project = make_project(tmp_path)
    site = build(project, pdfs=False)
    before = snapshot(site)
    assert "index.html" in before
    (project / "data" / "broken.yml").write_text("kind: 巡察整改情况通报\ntitle: [unclosed\n", encoding="utf-8")
    with pdf_switch(False):
        assert build_site(project) == 1
    err = capfd.readouterr().err
    assert "broken.yml:" in err and "方括号或花括号没有闭合" in err
    assert "构建失败:已发布的网站未被改动。" in err
    assert snapshot(site) == before
    assert not list((project / ".build").glob("site-*")), "staging folder left behind"


def test_successful_build_replaces_site(tmp_path):
    project = make_project(tmp_path)
    site = build(project, pdfs=False)
    (site / "stale.html").write_text("old", encoding="utf-8")
    build(project, pdfs=False)
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


def test_swap_is_complete_in_one_step(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    swap_into_place(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()


def test_build_without_cjk_fonts_fails_and_names_the_package(tmp_path, capfd, monkeypatch):
    project = make_project(tmp_path / "project", published=False)  # the PDFs must be rendered
    site = build(project, pdfs=False)
    before = snapshot(site)
    empty = tmp_path / "fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>",
                      encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    with pdf_switch(True):
        assert build_site(project) == 1
    err = capfd.readouterr().err
    assert "fonts-noto-cjk" in err and "Traceback" not in err
    assert snapshot(site) == before
    assert not list((project / ".cache" / "pdf" / "out").glob("*.pdf"))


def test_second_build_waits_for_the_cache_lock(tmp_path, capfd):
    """Two builds of one project (a `make serve` rebuild and a `make site`) never share the caches."""
    project = make_project(tmp_path)
    (project / ".cache").mkdir(exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time\n"
         "f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(3)\n",
         str(project / ".cache" / "build.lock")],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    with pdf_switch(False):
        assert build_site(project) == 0
    waited = time.monotonic() - started
    holder.wait()
    holder.stdout.close()
    assert "另一个构建正在使用缓存" in capfd.readouterr().err
    assert waited > 1.5, f"the build did not wait for the lock ({waited:.1f} s)"
    assert (project / "site" / "index.html").is_file()
