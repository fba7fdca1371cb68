"""A bare static site holding only the search page and its index: for tests and the benchmark.

The real site embeds the same `site/templates/search.html` in its theme; this one wraps it in
a minimal HTML page so search can be exercised in a browser without a site build.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Document
from ..search import SearchStats, build_search_index
from ..site.urls import relative_url
from ..templating import environment

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>搜索</title></head>
<body>
<header>{box}</header>
<main><h1>搜索</h1>
{body}
</main>
</body>
</html>
"""


def render_fragments(page_path: str = "search/") -> tuple[str, str]:
    """(search page body, header search box) rendered for the page at `page_path`."""
    env = environment("zhenggai.site")

    def url(target: str) -> str:
        return relative_url(page_path, target)

    body = env.get_template("search.html").render(url=url)
    box = env.get_template("partials/search_box.html").render(url=url)
    return body, box


def write_search_site(collection: Iterable[Document], out_dir: Path) -> SearchStats:
    """Write `out_dir/search/index.html` (a bare page with the search fragments) and the index."""
    out_dir = Path(out_dir)
    stats = build_search_index(collection, out_dir / "search")
    body, box = render_fragments()
    (out_dir / "search" / "index.html").write_text(_PAGE.format(body=body, box=box), encoding="utf-8")
    return stats


def sample_corpus(n: int, seed: int = 0) -> list[Document]:
    """`n` generated documents (the benchmark's generator) for tests and benchmarks."""
    from ..synth import generate_document

    out = []
    for index in range(n):
        doc_id, data = generate_document(seed, index)
        out.append(Document.model_validate({**data, "id": doc_id}))
    return out
