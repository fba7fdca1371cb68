"""load_all shares many files with a forked worker: the result is the same as reading them all here."""

from __future__ import annotations

from pathlib import Path

import pytest

import zhenggai.data.load as load_module
from zhenggai.data import load_all
from zhenggai.data.config import Settings
from zhenggai.synth import write_documents

N = load_module.PARALLEL_FROM + 6


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    paths = write_documents(N, 7, folder)
    # Errors and warnings from files on both sides of the split travel back with their lines.
    for path in (paths[1], paths[-2]):
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title:\n  - 列表不是标题\nx_title: ", 1),
                        encoding="utf-8")
    return folder


def _summary(result):
    return ([doc.model_dump(mode="json") for doc in result.collection.documents],
            [str(d) for d in result.diagnostics], result.texts)


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """How many files each forked worker was given."""
    given: list[int] = []
    real = load_module.forked

    def spy(function, paths, *args, **kwargs):
        given.append(len(paths))
        return real(function, paths, *args, **kwargs)

    monkeypatch.setattr(load_module, "forked", spy)
    return given


def test_a_worker_reads_part_of_many_files_and_the_result_is_the_same(data, forks):
    alone = load_all([data], Settings(), workers=False)
    assert forks == []
    shared = load_all([data], Settings())
    assert forks == [round(N * load_module.WORKER_SHARE)]
    assert _summary(shared) == _summary(alone)
    assert sum(d.is_error for d in shared.diagnostics) >= 2 and len(shared.collection.documents) == N - 2


def test_what_a_worker_read_is_cached_and_read_back_without_a_worker(data, forks, tmp_path):
    first = load_all([data], Settings(), cache_dir=tmp_path)
    assert len(forks) == 1 and len(list(tmp_path.glob("*.pickle"))) == N
    again = load_all([data], Settings(), cache_dir=tmp_path)
    assert len(forks) == 1  # every file from the cache: nothing left to share
    assert _summary(again) == _summary(first)


def test_few_files_are_read_here(tmp_path, forks):
    write_documents(load_module.PARALLEL_FROM - 1, 7, tmp_path)
    assert len(load_all([tmp_path], Settings()).collection.documents) == load_module.PARALLEL_FROM - 1
    assert forks == []
