"""Where pages are and how they link: relative URLs (the site works under any base URL), slugs."""

from __future__ import annotations

import hashlib
import posixpath
import re


def document_path(doc_id: str) -> str:
    """The site path of a document's page (its findings are anchors on it: `c1-p2-i3`)."""
    return f"documents/{doc_id}/"


def round_path(round_id: str) -> str:
    """The site path of a round's page (巡察轮次); the id is the round file's name."""
    return f"rounds/{round_id}/"


# A name kept as it is: lower-case letters, digits and hyphens (a year, `sz-bgt`), short, not a
# name Windows keeps for a device, and not shaped like a digest (which another name may have).
_KEPT = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_DIGEST = re.compile(r"[0-9a-f]{10}")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


def slug(text: str) -> str:
    """The one name a data string (a publisher, an inspecting body) may give a file or folder.

    It cannot leave its folder: a plain short name is kept (years, `sz-bgt`), anything else
    becomes the first 10 hex digits of its SHA-1 (Chinese names, and `..`, `/`, `\\`, NUL, a
    reserved or very long name). Published URLs of Chinese names stay what they were.
    """
    if _KEPT.fullmatch(text) and not _DIGEST.fullmatch(text) and text not in _RESERVED:
        return text
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def relative_url(from_path: str, target: str) -> str:
    """A link from the page at `from_path` (a directory URL) to `target`, both site-relative."""
    base = "/" + from_path
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    rel = posixpath.relpath("/" + target, base)
    if (not target or target.endswith("/")) and not rel.endswith("/"):  # "" is the site's root folder
        rel += "/"
    return rel + fragment
