"""The import contracts in .importlinter hold, and break when a back-import is planted."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([str(lint), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_package_keeps_every_contract():
    result = _lint(ROOT, ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("model.py", "from zhenggai.build import bundle", "Stages import downwards only"),
    ("search/index.py", "import zhenggai.search", "zhenggai.search: its entry point"),
    ("data/load.py", "import mkdocs", "never imports a documentation engine"),
    ("site/render.py", "import weasyprint", "Only pdf.render imports WeasyPrint"),
    ("search/text.py", "from zhenggai.search import patch", "No import circles"),
    ("site/render.py", "from zhenggai.opendata import stats", "Stages import downwards only"),
    ("opendata/stats.py", "import matplotlib", "Only opendata.charts imports matplotlib"),
    ("opendata/feeds.py", "import zhenggai.opendata", "zhenggai.opendata: its entry point"),
    ("build/publish.py", "from zhenggai.testing import static_server", "Stages import downwards only"),
    ("cli.py", "import zhenggai.testing.local_cluster", "Stages import downwards only"),
])
def test_a_planted_back_import_breaks_a_contract(tmp_path, module, line, contract):
    shutil.copytree(ROOT / "zhenggai", tmp_path / "zhenggai", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    target = tmp_path / "zhenggai" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # planted\n", encoding="utf-8")
    result = _lint(tmp_path, tmp_path)
    assert result.returncode == 1, result.stdout[-3000:]
    broken = result.stdout.split("Broken contracts")[1]
    assert contract in broken


def test_the_contracts_file_names_its_test_and_every_stage_folder_in_order():
    text = (ROOT / ".importlinter").read_text(encoding="utf-8")
    named_test = re.search(r"checked by (tests/\S+\.py)", text.splitlines()[0])
    assert named_test and (ROOT / named_test[1]).resolve() == Path(__file__).resolve()
    contract = configparser.ConfigParser()
    contract.read_string(text)
    layers = contract["importlinter:contract:layers"]
    stages = [m for layer in layers["layers"].split() if layer != "|" for m in layer.split("|")
              if (ROOT / "zhenggai" / m / "__init__.py").is_file()]
    named = re.findall(r"[a-z]+", layers["name"].split(":", 1)[1])
    assert [m for m in named if m in stages] == stages
    assert {p.parent.name for p in (ROOT / "zhenggai").glob("*/__init__.py")} == set(stages)
