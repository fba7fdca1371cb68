"""No data string becomes a path: every file name derived from data comes from one slug function
that cannot leave its folder (issue 21 §1)."""

from __future__ import annotations

import hashlib
import re

import pytest

from zhenggai.site import LISTINGS
from zhenggai.site.urls import slug

HOSTILE = [
    "/../../../../../../tmp/x/config", "..", ".", "../x", "a/b", "a\\b", "..\\..\\x", "a\0b", "x" * 10_000,
    "CON", "con", "nul", "NUL.txt", "com1", "lpt9", "aux", "prn", ".htaccess", "index.html", "feeds",
    "a b", "-rf", "a" * 300, "ＡＢＣ", "", " ", "\n", "0123456789",
]
RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_slug_stays_in_its_folder(tmp_path, name):
    key = slug(name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", key), key
    assert key.split(".")[0] not in RESERVED
    assert (tmp_path / key).resolve().parent == tmp_path
    assert (tmp_path / "feeds" / f"publishers-{key}.xml").resolve().parent == tmp_path / "feeds"


@pytest.mark.parametrize("listing", [listing for listing in LISTINGS if listing.feed_title])
@pytest.mark.parametrize("name", HOSTILE)
def test_every_listing_path_and_feed_path_is_a_slug(listing, name):
    key = listing.group_key(name)
    assert key == slug(name)
    feed = listing.feed(type("G", (), {"key": key, "name": name})())
    assert feed.path == f"feeds/{listing.key}-{key}.xml"


def test_slugs_keep_the_urls_already_published():
    assert slug("2019") == "2019"  # years
    assert slug("深圳市委第六巡察组") == hashlib.sha1("深圳市委第六巡察组".encode()).hexdigest()[:10]
    assert slug("sz-bgt") == "sz-bgt"


def test_different_names_get_different_slugs():
    names = ["/../x", "..", "x", "X", "0123456789", hashlib.sha1(b"x").hexdigest()[:10], "CON", "con"]
    assert len({slug(n) for n in names}) == len(names)
