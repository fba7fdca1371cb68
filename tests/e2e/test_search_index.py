"""The search index: text blocks, encoding, determinism, and its semantics read back in Python."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import zlib
from array import array
from pathlib import Path

import pytest
from support.search import corpus, listed_queries, quality_failures, random_queries, truth

import zhenggai.search.gather as search_gather
from zhenggai.model import Document
from zhenggai.model import newest_first as ordered
from zhenggai.search import build_search_index
from zhenggai.search.format import (
    FULL, bucket_name, bucket_of, decode_postings, decode_text, decode_uints, encode_postings, encode_text,
    encode_uint, from_base64, key_hash, text_ends,
)
from zhenggai.search.reader import IndexReader
from zhenggai.search.text import (
    MAX_CHUNKS,
    MAX_TERM_KEYS,
    Block,
    block_keys,
    chunk_blocks,
    chunk_keys,
    document_blocks,
    fold,
    split_query,
    term_keys,
)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> IndexReader:
    out = tmp_path_factory.mktemp("search")
    build_search_index(corpus(), out)
    return IndexReader(out)


def _doc(**changes) -> Document:
    data = {
        "id": "t1", "kind": "巡察整改情况通报", "title": "中共某某局党组关于巡察整改情况的通报",
        "metadata": {"published": "2019-03-18", "subject_words": ["巡察", "整改"], "source": "廉洁深圳"},
        "inspection": {"body": "市委第六巡察组", "target": "某某局党组", "start": "2018-10-15",
                       "end": "2018-12-10", "feedback": "2019-01-08"},
        "sections": [{"heading": "巡察反馈问题整改落实情况", "categories": [{"title": "作风建设", "problems": [
            {"title": "公务用车管理不规范", "status": "正在推进中", "deadline": "计划6月底前完成",
             "measures": ["修订公务用车管理办法。", {"title": "强化监督。", "text": "每月检查。"}],
             "items": [{"title": "驻京办车辆使用", "status": "已完成", "deadline": "计划6月底前完成"}]}]}]}],
        "contact": {"phones": ["0755-88127289", {"number": "12388", "label": "举报电话"}],
                    "address": "深圳市福田区某某路1号", "postcode": "518000", "email": "JuBao@example.gov.cn"},
        "signature": {"organisation": "中共某某局党组", "date": "2019-03-15"},
    }
    data.update(changes)
    return Document.model_validate(data)


def test_blocks_hold_what_the_page_shows():
    blocks = document_blocks(_doc())
    texts = [b.text for b in blocks]
    for expected in ("市委第六巡察组于2018年10月15日至2018年12月10日对某某局党组进行巡察,2019年1月8日反馈巡察意见。",
                     "2019年3月18日", "巡察、整改", "廉洁深圳", "（一）“作风建设”方面", "1.公务用车管理不规范",
                     "正在推进中", "计划6月底前完成", "计划6月底前完成(2019年6月30日)", "一是修订公务用车管理办法。",
                     "二是强化监督。每月检查。", "（1）驻京办车辆使用", "0755-88127289", "12388(举报电话)",
                     "深圳市福田区某某路1号,邮编 518000", "JuBao@example.gov.cn", "中共某某局党组", "2019年3月15日"):
        assert expected in texts, expected
    anchors = {b.text: b.anchor for b in blocks}
    assert anchors["1.公务用车管理不规范"] == "c1-p1"
    assert anchors["（1）驻京办车辆使用"] == "c1-p1-i1"
    assert anchors["0755-88127289"] == "contact"


def test_fold_and_terms():
    assert fold("ＷＬＡＮ（一）") == "wlan(一)"
    assert split_query(" 巡察  八项规定 巡察 ") == ["巡察", "八项规定"]
    assert split_query('"八项 规定" 整改') == ["八项 规定", "整改"]
    assert split_query("“好差评”") == ["好差评"]
    assert split_query('   "" ') == []


@pytest.mark.parametrize(("term", "keys"), [
    ("党", ["党"]),
    ("胡锴", ["胡锴"]),
    ("好差评", ["好差", "差评"]),
    ("八项 规定", ["八项", "规定"]),
    ("a b", ["a", "b"]),
])
def test_term_keys(term, keys):
    assert term_keys(term) == keys


def test_long_terms_use_a_few_grams_spread_along_them():
    keys = term_keys("一二三四五六七八九十甲乙丙丁")
    assert len(keys) == MAX_TERM_KEYS
    assert keys[0] == "一二" and keys[-1] == "丙丁"


def test_block_keys_skip_whitespace():
    assert block_keys("ab c") == {"a", "b", "c", "ab"}


def test_chunk_keys_are_the_union_of_its_blocks_keys():
    texts = ["ab c", "ＷＬ\u00a0AN", "x", "  y z ", "甲乙", "\t", "丙 "]
    assert chunk_keys(texts) == set().union(*(block_keys(fold(t)) for t in texts))
    for doc in corpus()[:40]:
        for blocks in chunk_blocks(document_blocks(doc)):
            expected = set().union(*(block_keys(fold(b.text)) for b in blocks))
            assert chunk_keys(b.text for b in blocks) == expected


def test_chunks_keep_blocks_whole_and_bounded():
    blocks = [Block("", "字" * n) for n in (10, 2000, 5, 5, 900, 300) * 40]
    chunks = chunk_blocks(blocks)
    assert len(chunks) <= MAX_CHUNKS
    assert [b for c in chunks for b in c] == blocks


@pytest.mark.parametrize("value", [0, 1, 31, 32, 1023, 1024, 2**30, 2**31 - 1, 10**12])
def test_uint_round_trip(value):
    assert decode_uints(encode_uint(value) + encode_uint(7)) == [value, 7]


def test_key_hash_is_fnv1a_over_code_points():
    assert key_hash("") == 0x811C9DC5
    assert key_hash("a") == 0xE40C292C
    assert bucket_name(bucket_of("好差", 13), 13).startswith("g/")
    assert bucket_name(0x1abc, 13) == "g/1a/bc" and bucket_name(5, 6) == "g/05/_"


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_same_input_same_bytes(tmp_path):
    docs = list(corpus()[:20])
    build_search_index(docs, tmp_path / "a")
    build_search_index(list(reversed(docs)), tmp_path / "b")
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")


def test_rebuild_replaces_the_old_index(tmp_path):
    build_search_index(corpus()[:20], tmp_path)
    stats = build_search_index(corpus()[:3], tmp_path)
    assert stats.documents == 3
    assert not (tmp_path / "idx" / "t" / "0" / "10.js").exists()


def test_the_site_order_is_newest_first():
    docs = ordered(corpus())
    dates = [d.metadata.published for d in docs]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("entry", listed_queries(), ids=lambda e: e["q"])
def test_listed_queries_meet_the_bar(index, entry):
    expected = truth(entry["q"])
    results = [(h.id, h.tier) for h in index.search(entry["q"])]
    assert quality_failures(entry["q"], results, expected) == []
    assert set(entry.get("in", ())) <= expected
    assert not set(entry.get("not_in", ())) & expected


def test_random_queries_meet_the_bar(index):
    failures = []
    for query in random_queries():
        failures += quality_failures(query, [(h.id, h.tier) for h in index.search(query)], truth(query))
    assert failures == []


def test_pieces_rank_after_the_whole(index):
    hits = index.search("工作整改")
    assert any(h.tier == 2 for h in hits)
    assert [h.tier for h in hits] == sorted(h.tier for h in hits)


def test_match_inside_a_problem_links_to_it(index):
    hit = next(h for h in index.search("驻京办") if h.id == "sz-bgt-2019-xuncha-zhenggai")
    assert hit.anchor.startswith("c1-p2-i")


def test_filters(index):
    docs = {d.id: d for d in corpus()}
    for hit in index.search("整改", year="2019"):
        assert docs[hit.id].year == 2019
    body = "市委第六巡察组"
    assert {h.id for h in index.search("", body=body)} == {d.id for d in corpus() if d.inspection and d.inspection.body == body}
    with_status = {h.id for h in index.search("", status="正在推进中")}
    assert "sz-bgt-2019-xuncha-zhenggai" in with_status
    assert all(any(f.status and f.status.value == "正在推进中" for f in docs[i].findings()) for i in with_status)
    assert index.search("整改", kind="政府信息公开", year="1999") == []


def test_newest_first_within_the_whole_query(index):
    docs = {d.id: d for d in corpus()}
    dates = [docs[h.id].metadata.published for h in index.search("八项规定") if h.tier == 1]
    assert dates == sorted(dates, reverse=True) and dates[0] <= dt.date(2030, 1, 1)


@pytest.mark.parametrize("entries", [
    [(0, 1)],
    [(7, FULL)],
    [(0, 1), (1, 2), (2, 3), (3, FULL), (4, 1 << 29), (5, (1 << 30) - 2)],
    [(5, 0b101), (6, 0b1), (10_000, 0b110), (10_001, FULL), (2**31 - 5, 0b1000)],
    [(n, FULL if n % 3 else 1 << (n % 30)) for n in range(0, 3000, 2)],
    [(n * 977, 1 + n % 1023) for n in range(400)],
])
def test_postings_round_trip(entries):
    docs, masks = zip(*entries)
    text = encode_postings(array("I", docs), array("I", masks))
    assert all(c.isalnum() or c in "+/" for c in text)  # base 64 without padding: safe in JSON
    got = decode_postings(text)
    assert list(got[0]) == list(docs) and list(got[1]) == list(masks)


def test_postings_spend_about_a_byte_on_a_frequent_key():
    docs = list(range(0, 2000))
    text = encode_postings(array("I", docs), array("I", [FULL] * 1000 + [1] * 1000))
    assert len(text) * 6 / 8 < 2000 * 5 / 8  # gap (1 bit) and chunk set (1-3 bits) per document


def test_text_segments_decode_from_prefixes():
    head = {"i": "x", "t": "标题"}
    chunks = [[["c1", f"第{k}块" + "整改落实" * 50]] for k in range(5)]
    body = json.loads(encode_text(head, chunks))
    assert decode_text(body) == (head, chunks)
    ends = text_ends(body)
    assert len(ends) == 5 and ends == sorted(ends)
    data = from_base64(body[1])
    assert len(data) == ends[-1]
    for k, end in enumerate(ends):
        # What a reader holding only the prefix through segment k decodes (as the client does).
        lines = zlib.decompressobj(-15).decompress(data[:end]).decode().split("\n")
        assert json.loads(lines[0]) == head
        assert [json.loads(line) for line in lines[1:-1]] == chunks[:k + 1]


def test_an_edit_changes_about_one_chunk():
    changed = 0
    docs = corpus()[-30:]
    for doc in docs:
        blocks = document_blocks(doc)
        chunks = {tuple(b.text for b in c) for c in chunk_blocks(blocks)}
        for at in (1, len(blocks) // 3):
            edited = [Block(b.anchor, "补充说明" * 60 + b.text) if i == at else b for i, b in enumerate(blocks)]
            changed += len(chunks - {tuple(b.text for b in c) for c in chunk_blocks(edited)})
    assert changed / (2 * len(docs)) < 1.5  # chunks packed up to a size instead: 5.7 of 8.7 change


def test_documents_are_numbered_oldest_first(tmp_path):
    docs = ordered(corpus()[:30])
    build_search_index(docs, tmp_path)
    reader = IndexReader(tmp_path)
    assert [reader.text(n)[0]["i"] for n in range(len(docs))] == [d.id for d in reversed(docs)]


def test_the_same_bytes_from_one_process_or_several(tmp_path, monkeypatch):
    docs = corpus()[:150]
    build_search_index(docs, tmp_path / "one", workers=1)
    build_search_index(docs, tmp_path / "forked", workers=2)
    assert _tree_digest(tmp_path / "one") == _tree_digest(tmp_path / "forked")
    # A threaded process (mkdocs serve) starts its workers from a fork server: documents pickled.
    context = multiprocessing.get_context("forkserver")
    monkeypatch.setattr(search_gather, "_context", lambda: context)
    monkeypatch.setattr(search_gather, "PARALLEL_FROM", 2)
    build_search_index(docs[:40], tmp_path / "served", workers=2)
    build_search_index(docs[:40], tmp_path / "alone", workers=1)
    assert _tree_digest(tmp_path / "served") == _tree_digest(tmp_path / "alone")
