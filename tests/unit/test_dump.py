"""zhenggai.data.dump: the data as published loads back into the same document, with no comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhenggai.testing.search_site import sample_corpus
from zhenggai.data import load_all, load_file
from zhenggai.data.dump import published_yaml

ROOT = Path(__file__).resolve().parents[2]


def _documents():
    return list(load_all([ROOT / "data"]).collection) + sample_corpus(10, seed=5)  # 10 shapes; more only slow the fast tier


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: d.id)
def test_published_yaml_loads_back_into_an_equal_document(tmp_path, doc):
    path = tmp_path / f"{doc.id}.yml"
    path.write_bytes(published_yaml(doc))
    loaded, diagnostics = load_file(path)
    assert [d for d in diagnostics if d.is_error] == []
    assert loaded == doc
    assert published_yaml(loaded) == published_yaml(doc)


def test_comments_and_formatting_of_the_source_do_not_survive(tmp_path):
    source = (ROOT / "data" / "sz-bgt-2019-xuncha-zhenggai.yml").read_text(encoding="utf-8")
    planted = "# 内部备注：勿外传\n" + source.replace("\n", "  # 备注\n", 3)
    path = tmp_path / "sz-bgt-2019-xuncha-zhenggai.yml"
    path.write_text(planted, encoding="utf-8")
    doc, _ = load_file(path)
    text = published_yaml(doc).decode("utf-8")
    assert "备注" not in text and "#" not in text
    assert text.startswith("kind: ")
