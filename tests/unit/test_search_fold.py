"""Search folding of traditional characters to simplified ones (OpenCC's t2s, character by character)."""

from __future__ import annotations

import json
import random

import pytest

from zhenggai.search.format import decode_fold, encode_fold
from zhenggai.search.text import fold, split_query
from zhenggai.search.variants import FIRST_KEY, t2s_table


def test_traditional_folds_to_simplified():
    assert fold("因私出國") == fold("因私出国") == "因私出国"
    assert fold("駐京辦車輛使用") == "驻京办车辆使用"
    assert split_query("公務用車 八項規定") == ["公务用车", "八项规定"]
    assert fold("ＷＬＡＮ 後來") == "wlan 后来"  # with NFKC and lower case


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("國", "国"), ("後", "后"), ("髮", "发"), ("乾", "干"), ("於", "于"), ("夥", "伙"), ("薴", "苎"),
])
def test_the_table_is_opencc_character_by_character(traditional, simplified):
    assert t2s_table()[traditional] == simplified


def test_characters_opencc_keeps_alone_stay():
    table = t2s_table()
    for char in "著皇后瞭因私出国":  # OpenCC leaves these alone, whatever phrases they are in
        assert char not in table


def test_folding_twice_changes_nothing():
    table = t2s_table()
    assert 3000 < len(table) < 4000
    assert not set(table.values()) & table.keys()  # chains (薴 → 苧 → 苎) followed to the end
    text = "".join(table)
    assert fold(fold(text)) == fold(text)


def test_every_key_is_at_or_above_the_first_key():
    # search.js loads the table only for a query holding a character from FIRST_KEY on.
    assert min(map(ord, t2s_table())) >= FIRST_KEY


def test_folding_commutes_with_cutting():
    """A substring folds to the substring of the folded text: exact substrings stay exact."""
    rng = random.Random(3)
    pool = list(t2s_table()) + list(t2s_table().values()) + list("因私出国的问题ＡＢab（一）")
    for _ in range(200):
        text = "".join(rng.choice(pool) for _ in range(12))
        i, j = sorted(rng.sample(range(13), 2))
        assert fold(text) == "".join(map(fold, text))  # each character alone, wherever it stands
        assert fold(text[i:j]) in fold(text)


def test_the_fold_file_round_trips_and_is_small():
    data = encode_fold(t2s_table())
    assert decode_fold(data) == t2s_table()
    assert len(json.dumps(data)) < 12_000  # about 7.5 KB when gzipped by the server
    assert decode_fold(encode_fold({"丂": "一", "𠀀": "丂", "国": "國"})) == {"丂": "一", "𠀀": "丂", "国": "國"}
