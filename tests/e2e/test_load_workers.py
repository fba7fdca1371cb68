"""load_all shares many files with a forked worker: the result is the same as reading them all here.

Each check runs in a fresh interpreter: forking is only done from a process with one thread,
and earlier tests in this one may have left threads (servers, browsers) running.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import zhenggai.data.load as load_module
from zhenggai.synth import write_documents

N = load_module.PARALLEL_FROM + 6
ROOT = Path(__file__).resolve().parents[2]

# Loads the folder argv[1] with and without a worker (argv[2]: a cache folder or ""), and says how
# many files each forked worker was given and whether the results agree.
CHECK = """
import json, sys
from pathlib import Path
import zhenggai.data.load as load_module
from zhenggai.data import load_all
from zhenggai.data.config import Settings

given = []
real = load_module.forked
def spy(function, paths, *args, **kwargs):
    given.append(len(paths))
    return real(function, paths, *args, **kwargs)
load_module.forked = spy

def summary(result):
    return ([d.model_dump(mode="json") for d in result.collection.documents],
            [str(d) for d in result.diagnostics], {k: list(map(list, v)) for k, v in result.texts.items()})

folder, cache = Path(sys.argv[1]), (Path(sys.argv[2]) if sys.argv[2] else None)
alone = summary(load_all([folder], Settings(), workers=False))
forks_alone = list(given)
first = load_all([folder], Settings(), cache_dir=cache)
shared = summary(first)
forks_first = list(given)
again = summary(load_all([folder], Settings(), cache_dir=cache))
print(json.dumps({
    "forks_alone": forks_alone, "forks_first": forks_first, "forks_again": given,
    "same": shared == alone, "same_again": again == alone,
    "errors": sum(d.is_error for d in first.diagnostics), "documents": len(first.collection.documents),
    "cached": len(list(cache.glob("*.pickle"))) if cache else None,
}))
"""


def _check(folder: Path, cache: Path | None) -> dict:
    done = subprocess.run([sys.executable, "-c", CHECK, str(folder), str(cache or "")], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    paths = write_documents(N, 7, folder)
    # Errors and warnings from files on both sides of the split travel back with their lines.
    for path in (paths[1], paths[-2]):
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title:\n  - 列表不是标题\nx_title: ", 1),
                        encoding="utf-8")
    return folder


def test_a_worker_reads_part_of_many_files_and_the_result_is_the_same(data):
    found = _check(data, None)
    assert found["forks_alone"] == []
    assert found["forks_first"] == [round(N * load_module.WORKER_SHARE)]
    assert found["same"] and found["same_again"]
    assert found["errors"] >= 2 and found["documents"] == N - 2


def test_what_a_worker_read_is_cached_and_read_back_without_a_worker(data, tmp_path):
    found = _check(data, tmp_path)
    assert found["forks_first"] == [round(N * load_module.WORKER_SHARE)] and found["cached"] == N
    assert found["forks_again"] == found["forks_first"]  # every file from the cache: nothing left to share
    assert found["same"] and found["same_again"]


def test_few_files_are_read_here(tmp_path):
    write_documents(load_module.PARALLEL_FROM - 1, 7, tmp_path)
    found = _check(tmp_path, None)
    assert found["forks_first"] == [] and found["documents"] == load_module.PARALLEL_FROM - 1
