"""The Makefile's install stamp follows the lock file's content, not its time."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _make(folder: Path) -> subprocess.CompletedProcess:
    # PYTHON=false: an install attempt fails at once (no venv can be made), so the exit status
    # says whether make wanted to install.
    return subprocess.run(["make", "--no-print-directory", ".venv/.installed", "PYTHON=false"], cwd=folder,
                          capture_output=True, text=True, timeout=60)


def test_a_fresh_clone_with_an_installed_venv_does_not_reinstall(tmp_path):
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    venv = tmp_path / ".venv"
    venv.mkdir()
    stamp = subprocess.run(["make", "--no-print-directory", "-s", "install-stamp"], cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert len(stamp) == 64, stamp
    (venv / ".installed").write_text(stamp + "\n", encoding="utf-8")
    # git clone gives every file the time of the clone: newer than the stamp.
    later = (venv / ".installed").stat().st_mtime + 100
    for name in ("requirements.lock", "pyproject.toml"):
        os.utime(tmp_path / name, (later, later))
    done = _make(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pip" not in done.stdout
    # A changed lock file installs again.
    with (tmp_path / "requirements.lock").open("a", encoding="utf-8") as lock:
        lock.write("# changed\n")
    assert _make(tmp_path).returncode != 0
