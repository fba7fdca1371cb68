"""Where pages are and how they link: relative URLs (the site works under any base URL), slugs."""

from __future__ import annotations

import hashlib
import posixpath


def document_path(doc_id: str) -> str:
    """The site path of a document's page (its findings are anchors on it: `c1-p2-i3`)."""
    return f"documents/{doc_id}/"


def round_path(round_id: str) -> str:
    """The site path of a round's page (巡察轮次); the id is the round file's name."""
    return f"rounds/{round_id}/"


def slug(text: str) -> str:
    """A short stable ASCII slug for a Chinese name, used in listing URLs."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def relative_url(from_path: str, target: str) -> str:
    """A link from the page at `from_path` (a directory URL) to `target`, both site-relative."""
    base = "/" + from_path
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    rel = posixpath.relpath("/" + target, base) if target else "."
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return (rel if rel != "./" else "./") + fragment
