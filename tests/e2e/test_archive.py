"""The PDF cache, the manifests and the records, on small documents built for the test."""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai import fs
from zhenggai.log import Progress, logger
from zhenggai.pdf import archive
from zhenggai.data import load_all
from zhenggai.pdf import write_pdfs


def _project(tmp_path: Path, count: int = 3) -> Path:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for n in range(1, count + 1):
        text = VALID_YAML.replace("2019-00001", f"2019-{n:05d}").replace("某某局", f"第{n}局")
        (data / f"doc-{n}.yml").write_text(text, encoding="utf-8")
    return data


def _build(data: Path, tmp_path: Path, jobs: int | None = 1):
    collection = load_all([data]).collection
    return collection, write_pdfs(collection, tmp_path / "out", tmp_path / "cache", jobs=jobs)


def test_second_build_renders_nothing(tmp_path):
    data = _project(tmp_path)
    _, first = _build(data, tmp_path)
    assert [r.rendered for r in first] == [True, True, True]
    _, second = _build(data, tmp_path)
    assert [r.rendered for r in second] == [False, False, False]
    assert second == first  # same ids, sizes and digests


def test_changing_one_document_renders_only_that_one(tmp_path):
    data = _project(tmp_path)
    _, first = _build(data, tmp_path, jobs=2)
    source = data / "doc-2.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    _, second = _build(data, tmp_path, jobs=2)
    assert {r.id: r.rendered for r in second} == {"doc-1": False, "doc-2": True, "doc-3": False}
    changed = {r.id for r, old in zip(second, first, strict=True) if r.sha256 != old.sha256}
    assert changed == {"doc-2"}
    # The cache keeps one entry per document: the old doc-2 is gone.
    assert len(list((tmp_path / "cache").glob("doc-2.*.pdf"))) == 1


def test_a_removed_document_leaves_the_archive(tmp_path):
    data = _project(tmp_path)
    _build(data, tmp_path)
    (data / "doc-3.yml").unlink()
    _, records = _build(data, tmp_path)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["doc-1.pdf", "doc-2.pdf"]
    assert [r.id for r in records] == ["doc-1", "doc-2"]


def test_a_damaged_cache_entry_is_rendered_again(tmp_path):
    data = _project(tmp_path, count=1)
    _build(data, tmp_path)
    for meta in (tmp_path / "cache").glob("*.json"):
        meta.write_text("{", encoding="utf-8")
    _, records = _build(data, tmp_path)
    assert records[0].rendered


def test_environment_digest_covers_code_fonts_and_versions(tmp_path):
    font = tmp_path / "font.ttc"
    font.write_bytes(b"font")
    base = archive.environment_digest(b"code", [font], ["zhenggai 0.1.0"])
    assert archive.environment_digest(b"code", [font], ["zhenggai 0.1.0"]) == base
    assert archive.environment_digest(b"code", [font], ["zhenggai 0.1.1"]) != base
    font.write_bytes(b"another font")
    assert archive.environment_digest(b"code", [font], ["zhenggai 0.1.0"]) != base
    changed = archive.environment_digest(b"other code", [font], ["zhenggai 0.1.0"])
    assert changed != base
    assert archive.cache_key(base, "a", b"x") != archive.cache_key(changed, "a", b"x")
    assert archive.cache_key(base, "a", b"x") != archive.cache_key(base, "b", b"x")
    assert archive.cache_key(base, "a", b"x") != archive.cache_key(base, "a", b"y")


def test_manifests_list_every_pdf_with_its_digest(tmp_path):
    data = _project(tmp_path)
    collection, records = _build(data, tmp_path)
    out = tmp_path / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["count"] == 3 and manifest["algorithm"] == "sha256"
    rows = manifest["documents"]
    assert [row["id"] for row in rows] == [doc.id for doc in collection]
    for row, record in zip(rows, records, strict=True):
        data_bytes = (out / row["filename"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(data_bytes).hexdigest() == record.sha256
        assert row["bytes"] == len(data_bytes) == record.bytes
        assert row["pages"] == record.pages >= 1
        assert row["index_no"] == collection.by_id(row["id"]).metadata.index_no
        assert row["published"] == "2019-03-18" and row["written"] is None
        assert row["title"] == f"中共第{row['id'][-1]}局党组关于巡察整改情况的通报"
    raw = (out / "manifest.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # spreadsheet programs need the BOM to read UTF-8
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [dict(row) for row in table] == [{key: _cell(value) for key, value in row.items()} for row in rows]


def _cell(value) -> str:
    """A manifest.json value as manifest.csv writes it."""
    if value is None:
        return ""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def test_manifest_has_no_build_time(tmp_path):
    data = _project(tmp_path, count=1)
    _build(data, tmp_path)
    first = (tmp_path / "out" / "manifest.json").read_bytes()
    for entry in (tmp_path / "cache").iterdir():
        entry.unlink()
    _build(data, tmp_path)
    assert (tmp_path / "out" / "manifest.json").read_bytes() == first


def test_cache_store_replaces_the_older_entry_of_the_same_document(tmp_path):
    cache = archive.PdfCache(tmp_path)
    cache.store("a", "k1", b"%PDF-1", 1)
    cache.store("a-b", "k1", b"%PDF-2", 2)
    cache.store("a", "k2", b"%PDF-3", 3)
    assert cache.entry("a", "k1") is None
    assert (cache.entry("a", "k2").path, cache.entry("a", "k2").pages) == (tmp_path / "a.k2.pdf", 3)
    assert (cache.entry("a-b", "k1").path, cache.entry("a-b", "k1").pages) == (tmp_path / "a-b.k1.pdf", 2)


@pytest.mark.parametrize(("total", "shown"), [(1, False), (5, False), (6, True), (100, True)])
def test_progress_only_beyond_a_handful(total, shown, caplog):
    progress = Progress(total, "PDF", logger("pdf"))
    with caplog.at_level(logging.INFO, logger="zhenggai.pdf"):
        for _ in range(total):
            progress.step()
    assert bool(caplog.messages) is shown
    if shown:
        assert caplog.messages[-1] == f"PDF {total}/{total}"
        assert len(caplog.messages) <= 10


def test_output_pdfs_are_hard_links_to_the_cache(tmp_path):
    data = _project(tmp_path, count=2)
    _build(data, tmp_path)
    for pdf in (tmp_path / "out").glob("*.pdf"):
        [entry] = (tmp_path / "cache").glob(f"{pdf.stem}.*.pdf")
        assert pdf.samefile(entry)


def test_a_rebuild_never_changes_a_published_pdf(tmp_path):
    """The site holds hard links to cache entries: a later build must replace files, never write into them."""
    data = _project(tmp_path)
    _, first = _build(data, tmp_path, jobs=2)
    published = tmp_path / "site"
    fs.link_files({f"pdf/{r.filename}": tmp_path / "out" / r.filename for r in first}, published)
    before = {p.name: p.read_bytes() for p in (published / "pdf").iterdir()}
    assert all(hashlib.sha256(before[r.filename]).hexdigest() == r.sha256 for r in first)
    source = data / "doc-2.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    for meta in (tmp_path / "cache").glob("doc-3.*.json"):
        meta.write_text("{", encoding="utf-8")  # a damaged entry is rendered again under the same name
    _, second = _build(data, tmp_path, jobs=2)
    assert {r.id for r in second if r.rendered} == {"doc-2", "doc-3"}
    assert {p.name: p.read_bytes() for p in (published / "pdf").iterdir()} == before
    new_site = tmp_path / "site-2"
    fs.link_files({f"pdf/{r.filename}": tmp_path / "out" / r.filename for r in second}, new_site)
    assert (new_site / "pdf" / "doc-2.pdf").read_bytes() != before["doc-2.pdf"]
    assert not (published / "pdf" / "doc-2.pdf").samefile(new_site / "pdf" / "doc-2.pdf")


def test_link_file_replaces_the_target_instead_of_writing_into_it(tmp_path):
    old, new, target = tmp_path / "old", tmp_path / "new", tmp_path / "out" / "x.pdf"
    old.write_bytes(b"%PDF-old")
    new.write_bytes(b"%PDF-new")
    target.parent.mkdir()
    fs.link_file(old, target)
    assert target.samefile(old)
    fs.link_file(new, target)
    assert target.read_bytes() == b"%PDF-new" and old.read_bytes() == b"%PDF-old"
    fs.link_file(new, target)  # already the same file: nothing to do
    assert [p.name for p in target.parent.iterdir()] == ["x.pdf"]


def test_a_fully_cached_build_does_not_import_weasyprint(tmp_path):
    data = _project(tmp_path, count=2)
    _build(data, tmp_path)
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from zhenggai.pdf import write_pdfs\nfrom zhenggai.data import load_all\n"
        "records = write_pdfs(load_all([Path(sys.argv[1])]).collection, Path(sys.argv[2]), Path(sys.argv[3]))\n"
        "assert records and not any(r.rendered for r in records), records\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pydyf', 'fontTools')"
        " or m == 'zhenggai.pdf.render'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(data), str(tmp_path / "out"), str(tmp_path / "cache")],
        check=True, capture_output=True, text=True,
    )
    assert result.stdout.strip() == "[]"
