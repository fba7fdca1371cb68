"""Builds are reproducible, and a killed build leaves the published site complete."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers_site import build, make_project


def tree_hashes(site: Path) -> dict[str, str]:
    """Every file of the output tree; nothing is excluded."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_trees(tmp_path):
    first = tree_hashes(build(make_project(tmp_path / "a")))
    second = tree_hashes(build(make_project(tmp_path / "b")))
    assert any(name.endswith(".pdf") for name in first)
    assert any(name.startswith("search/") for name in first)
    differing = sorted(n for n in first.keys() | second.keys() if first.get(n) != second.get(n))
    assert not differing, differing[:20]


def test_killed_build_leaves_previous_site_and_next_build_succeeds(tmp_path):
    from zhenggai.generate import write_documents

    write_documents(150, 3, tmp_path / "data")  # big enough that a build takes a few seconds
    project = make_project(tmp_path / "project", data_dir=tmp_path / "data")
    site = build(project, pdfs=False)
    before = tree_hashes(site)
    rng = random.Random()
    for _ in range(2):
        process = subprocess.Popen(
            [sys.executable, "-m", "zhenggai.cli", "build"], cwd=project, start_new_session=True,
            env={**os.environ, "ZHENGGAI_PDF": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(1.0, 4.0))
        assert process.poll() is None, "the build ended before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert tree_hashes(site) == before, "the published site changed under a killed build"
    build(project, pdfs=False)
    assert tree_hashes(site) == before
    assert not list((project / ".build").glob("site-*")), "staging folders left behind"
