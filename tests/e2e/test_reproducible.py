"""Builds are reproducible, and a killed build leaves the published site complete."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.repo import init
from support.site import ROOT, build, make_project

from zhenggai.build.publish import staging_folders
from zhenggai.log import CHECKPOINT_FILE, PAUSE_AT


def tree_hashes(site: Path) -> dict[str, str]:
    """Every file of the output tree; nothing is excluded."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_trees(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # each build takes its commit's date
    # As before anything was published: each build (of a commit) renders and records every PDF.
    a, b = make_project(tmp_path / "a", published=False), make_project(tmp_path / "b", published=False)
    for project in (a, b):
        shutil.copy2(ROOT / "zhenggai.yml", project / "zhenggai.yml")  # data_dir: data, the same in both
        init(project, "2026-12-01T10:00:00+08:00")
    first, second = tree_hashes(build(a)), tree_hashes(build(b))
    assert any(name.endswith(".pdf") for name in first)
    assert any(name.startswith("search/") for name in first)
    differing = sorted(n for n in first.keys() | second.keys() if first.get(n) != second.get(n))
    assert not differing, differing[:20]
    # What the two builds recorded as published is the same too, and is what they published.
    assert tree_hashes(a / "archive") == tree_hashes(b / "archive")
    assert {f"pdf/{n}": h for n, h in tree_hashes(a / "archive" / "pdf").items()} == {
        n: h for n, h in first.items() if n.endswith(".pdf")}


@pytest.mark.parametrize("stage", ["pdf", "search", "publish"])
def test_killed_build_leaves_previous_site_and_next_build_succeeds(tmp_path, stage):
    """Killed while rendering PDFs, while writing the search index into the staging folder, and
    just before the swap: the build is held at that stage (ZHENGGAI_PAUSE_AT), so the kill
    lands there every time."""
    project = make_project(tmp_path / "project")
    site = build(project, pdfs=False)
    before = tree_hashes(site)
    marks = tmp_path / "checkpoints"
    process = subprocess.Popen(
        [sys.executable, "-m", "zhenggai.cli", "build"], cwd=project, start_new_session=True,
        env={**os.environ, CHECKPOINT_FILE: str(marks), PAUSE_AT: stage},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while stage not in _reached(marks):
            assert process.poll() is None, f"the build ended before it reached {stage}"
            assert time.monotonic() < deadline, f"the build did not reach {stage}"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert tree_hashes(site) == before, "the published site changed under a killed build"
    build(project, pdfs=False)
    assert tree_hashes(site) == before
    assert not staging_folders(site), "staging folders left behind"


def _reached(marks: Path) -> list[str]:
    try:
        return marks.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return []
