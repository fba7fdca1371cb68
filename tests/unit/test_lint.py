"""ruff, as pyproject.toml sets it, reads every folder of the repository and finds nothing;
pytest collects tests in every folder.

A folder named `build/` is skipped by default by some tools (ruff up to 0.1 among them): the
build stage `zhenggai/build/` must be read all the same, as a planted defect shows.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _ruff(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=cwd, capture_output=True, text=True)


def _python_files() -> set[str]:
    """The repository's .py files, committed or new (not those .gitignore leaves out)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {name for name in listed.splitlines() if (ROOT / name).is_file()}


def test_ruff_finds_nothing():
    result = _ruff(ROOT, "check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def test_the_ruff_that_runs_is_the_pinned_one():
    pinned = re.search(r"^ruff==(\S+)$", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M)
    assert pinned, "ruff is not pinned in requirements.lock"
    assert f'"ruff=={pinned[1]}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert _ruff(ROOT, "--version").stdout.split() == ["ruff", pinned[1]]


def test_ruff_reads_every_python_file_of_every_folder():
    result = _ruff(ROOT, "check", "--no-cache", "--show-files", ".")
    assert result.returncode == 0, result.stderr[-1000:]
    read = {Path(line).relative_to(ROOT).as_posix() for line in result.stdout.splitlines() if line.endswith(".py")}
    expected = _python_files()
    assert expected - read == set()
    folders = {str(Path(name).parent) for name in read}
    assert {"zhenggai", "zhenggai/build", "zhenggai/build/engines", "zhenggai/site", "zhenggai/data",
            "hooks", "scripts", "tests", "tests/unit", "tests/e2e", "tests/support"} <= folders


@pytest.mark.parametrize("module", ["build/publish.py", "build/engines/mkdocs.py", "site/render.py"])
def test_a_planted_defect_in_a_stage_folder_is_reported(tmp_path, module):
    shutil.copytree(ROOT / "zhenggai", tmp_path / "zhenggai", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "zhenggai" / module
    target.write_text(target.read_text(encoding="utf-8") + "\n_planted = undefined_planted_name\n",
                      encoding="utf-8")
    result = _ruff(tmp_path, "check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 1, result.stdout[-3000:]
    assert re.search(rf"^zhenggai/{re.escape(module)}:\d+:\d+: F821 ", result.stdout, re.M), result.stdout[-3000:]


def test_pytest_collects_tests_in_a_folder_named_build(tmp_path):
    # pytest's default `norecursedirs` skips `build`: tests/unit/build/ mirroring zhenggai/build/
    # would never run. A planted test there must be collected under the project's settings.
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "tests" / "unit" / "build" / "test_planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text("def test_planted():\n    pass\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert "tests/unit/build/test_planted.py::test_planted" in result.stdout, result.stdout[-2000:]
