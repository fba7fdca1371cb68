"""The site stage: every generated page of the site, from the collection (`site_pages`).

`render` fills the templates (`templates/`) from the models, `listings` groups documents,
`urls` makes relative links; `assets/` holds the site's own CSS and JavaScript.
"""

from __future__ import annotations

from importlib import resources

from .figures import Figures, count, headline
from .listings import FEED_DIR, FEED_LIMIT, LISTINGS, SITE_FEED, FeedLink, Listing, round_feed
from .render import PdfLink, Renderer, SitePage, compact_html, preview_error_pages
from .tracking import Tracking, build_tracking
from .urls import document_path, relative_url, round_path

ASSET_DIR = "assets/zhenggai"


def site_pages(documents, pdfs=None, archive=()) -> list[SitePage]:
    """Every generated page: home, documents, listings, contacts, archive, search."""
    return Renderer(documents, pdfs, archive).site_pages()


def site_assets() -> dict[str, bytes]:
    """The site's own CSS and JavaScript, by site path, served from the site (no CDN)."""
    folder = resources.files("zhenggai.site") / "assets"
    return {
        f"{ASSET_DIR}/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.is_file()
    }


__all__ = [
    "ASSET_DIR", "FEED_DIR", "FEED_LIMIT", "LISTINGS", "SITE_FEED", "FeedLink", "Figures", "Listing", "PdfLink",
    "Renderer", "SitePage", "Tracking", "build_tracking", "compact_html", "count", "headline", "preview_error_pages",
    "document_path", "relative_url", "round_feed", "round_path", "site_assets", "site_pages",
]
