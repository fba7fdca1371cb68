"""zhenggai.fs: cache keys follow the code they depend on, wherever it moves."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from zhenggai import fs
from zhenggai.data import cache as load_cache
from zhenggai.pdf import archive as pdf_archive
from zhenggai.search import records as search_records

CACHES = {"load": load_cache.CODE, "pdf": pdf_archive.CODE, "search": search_records.CODE}


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of the installed package, to change and move files in."""
    source = Path(str(resources.files("zhenggai")))
    copy = tmp_path / "zhenggai"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _digests(root: Path) -> dict[str, bytes]:
    return {name: fs.digest_parts(root, parts) for name, parts in CACHES.items()}


def test_every_named_part_exists_and_the_copy_digests_the_same(package):
    for name, parts in CACHES.items():
        assert fs.code_digest(*parts) == fs.digest_parts(package, parts), name


@pytest.mark.parametrize(("path", "affected"), [
    ("pdf/templates/document.css", {"pdf"}),
    ("pdf/templates/document.html", {"pdf"}),
    ("pdf/render.py", {"pdf"}),
    ("pdf/fonts.py", {"pdf"}),
    ("search/client/search.js", {"search"}),
    ("search/text.py", {"search"}),
    ("search/format.py", {"search"}),
    ("data/source.py", {"load"}),
    ("data/diagnostics.py", {"load"}),
    ("model.py", {"load", "pdf", "search"}),
    ("numbering.py", {"pdf", "search"}),
    ("text.py", {"pdf", "search"}),
    ("templating.py", {"pdf"}),
    ("overdue.py", {"pdf"}),
])
def test_one_changed_byte_misses_exactly_the_caches_that_depend_on_it(package, path, affected):
    before = _digests(package)
    target = package / path
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 1
    target.write_bytes(bytes(data))
    after = _digests(package)
    assert {name for name in CACHES if before[name] != after[name]} == affected


def test_a_file_moved_inside_a_digested_subpackage_changes_the_key(package):
    before = _digests(package)
    (package / "search" / "text.py").rename(package / "search" / "words.py")
    assert _digests(package)["search"] != before["search"]


def test_a_named_module_that_moved_away_is_an_error_not_a_stale_cache(package):
    (package / "pdf" / "render.py").rename(package / "pdf" / "renderer.py")
    with pytest.raises(fs.CodeMissing, match="zhenggai.pdf.render"):
        fs.digest_parts(package, pdf_archive.CODE)


def test_compiled_files_do_not_count(package):
    before = _digests(package)
    (package / "search" / "__pycache__").mkdir()
    (package / "search" / "__pycache__" / "text.cpython-311.pyc").write_bytes(b"x")
    assert _digests(package) == before
