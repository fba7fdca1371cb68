"""Rebuilding the search index from its cache: same bytes as from scratch, only what changed redone."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from support.search import corpus

import zhenggai.search.patch as search_patch
from zhenggai.model import Document
from zhenggai.model import newest_first as ordered
from zhenggai.search import build_search_index
from zhenggai.search.reader import IndexReader
from zhenggai.search.store import KEEP, IndexStore
from zhenggai.search.text import document_blocks, fold


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _changed(doc: Document, old: str, new: str) -> Document:
    data = json.loads(doc.model_dump_json().replace(old, new))
    return Document.model_validate(data)


def _dated(doc: Document, published: dt.date, doc_id: str | None = None) -> Document:
    metadata = doc.metadata.model_copy(update={"published": published})
    return doc.model_copy(update={"metadata": metadata, "id": doc_id or doc.id})


@pytest.fixture()
def patches(monkeypatch) -> list[bool]:
    """Whether each rebuild that found no index of its documents could patch the previous one."""
    taken: list[bool] = []
    real = search_patch._patch

    def spy(*args):
        built = real(*args)
        taken.append(built is not None)
        return built

    monkeypatch.setattr(search_patch, "_patch", spy)
    return taken


def test_cached_and_patched_builds_equal_builds_from_scratch(tmp_path, patches):
    docs = ordered(corpus()[:60])
    middle = docs[30]
    edited = _changed(middle, middle.title, "（修订）" + middle.title)
    newest = _dated(docs[0], docs[0].metadata.published + dt.timedelta(days=1), "zz-newest")
    moved = _dated(middle, docs[5].metadata.published)
    steps = [
        ("cold", docs, None),
        ("warm", docs, None),
        ("one document changed", [edited if d is middle else d for d in docs], True),
        ("changed back", docs, None),  # the previous index is still kept: nothing to build
        ("newest added (numbered oldest first: no other number moves)", [newest, *docs], True),
        ("newest added, one changed", [newest, *[edited if d is middle else d for d in docs]], True),
        ("newest removed", [edited if d is middle else d for d in docs], True),
        ("oldest removed (every number moves)", [newest, *docs[:-1]], False),
        ("moved across others", [moved if d is middle else d for d in docs], False),
        ("back again", docs, False),
    ]
    cache = tmp_path / "cache"
    for label, collection, patched in steps:
        expected_dir = tmp_path / "scratch" / label
        build_search_index(collection, expected_dir, base_url="/x/")
        site = tmp_path / "site"
        before = len(patches)
        stats = build_search_index(list(reversed(collection)), site, base_url="/x/", cache_dir=cache)
        assert _tree(site) == _tree(expected_dir), label
        assert patches[before:] == ([] if patched is None else [patched]), label
        assert stats.documents == len(collection) and stats.files == len(_tree(site))


def test_a_warm_build_links_the_cached_files(tmp_path):
    docs = corpus()[:20]
    build_search_index(docs, tmp_path / "a", cache_dir=tmp_path / "cache")
    build_search_index(docs, tmp_path / "b", cache_dir=tmp_path / "cache")
    for rel in ("idx/meta.js", "idx/t/0/0.js", "search.js"):
        assert os.path.samefile(tmp_path / "a" / rel, tmp_path / "b" / rel)
    assert (tmp_path / "a" / "idx" / "meta.js").stat().st_nlink == 3  # the cache and two sites


def test_rebuilds_never_write_into_files_a_published_site_holds(tmp_path):
    docs = ordered(corpus()[:30])
    cache, published = tmp_path / "cache", tmp_path / "published"
    build_search_index(docs, published, cache_dir=cache)
    before = _tree(published)
    held = tmp_path / "held"  # what a site swapped out of the way still holds
    shutil.copytree(published, held, copy_function=os.link)
    edited = [_changed(d, d.title, d.title + "甲") if d is docs[3] else d for d in docs]
    for collection in (edited, [_dated(docs[0], dt.date(2100, 1, 1), "zz"), *docs], docs[::2]):
        build_search_index(collection, tmp_path / "staging", cache_dir=cache)
    assert _tree(published) == before
    build_search_index(edited, published, cache_dir=cache)
    assert _tree(held) == before


def test_a_changed_text_is_found_and_the_old_one_is_not(tmp_path, patches):
    docs = list(corpus())
    target = next(d for d in docs if d.id == "sz-bgt-2019-xuncha-zhenggai")
    assert "驻京办" in "".join(b.text for b in document_blocks(target))
    build_search_index(docs, tmp_path / "site", cache_dir=tmp_path / "cache")
    new = [_changed(d, "驻京办", "驻沪联络处") if d is target else d for d in docs]
    build_search_index(new, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert patches == [True]
    reader = IndexReader(tmp_path / "site")
    found = {h.id: h.tier for h in reader.search("驻沪联络处")}
    assert found == {"sz-bgt-2019-xuncha-zhenggai": 1}
    assert "sz-bgt-2019-xuncha-zhenggai" not in {h.id for h in reader.search("驻京办")}
    still = {d.id for d in new if any("驻京办" in fold(b.text) for b in document_blocks(d))}
    assert {h.id for h in reader.search("驻京办") if h.tier == 1} == still


def test_only_the_kept_indexes_stay_in_the_cache(tmp_path):
    docs = ordered(corpus()[:20])
    cache = tmp_path / "cache"
    for n in range(4):
        changed = _changed(docs[n], docs[n].title, docs[n].title + "乙")
        build_search_index([changed if d is docs[n] else d for d in docs], tmp_path / "site", cache_dir=cache)
    store = IndexStore(cache)
    kept = [store.manifest(p.stem) for p in (cache / "indexes").glob("*.json")]
    assert len(kept) == KEEP and None not in kept
    used = {name for m in kept for name, _ in m["files"].values()} | {n for m in kept for n in m["lists"].values()}
    stored = {p.parent.name + p.name for p in (cache / "objects").glob("*/*")}
    assert stored == used
    assert {p.name for p in (cache / "records").iterdir()} == {d for m in kept for d, _ in m["docs"]}


def test_a_missing_object_is_written_again(tmp_path):
    docs = corpus()[:10]
    cache = tmp_path / "cache"
    build_search_index(docs, tmp_path / "a", cache_dir=cache)
    for path in list((cache / "objects").glob("*/*"))[:5]:
        path.unlink()
    build_search_index(docs, tmp_path / "b", cache_dir=cache)
    assert _tree(tmp_path / "b") == _tree(tmp_path / "a")
