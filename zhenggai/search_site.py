"""A bare static site holding only the search page and its index: for tests and the benchmark.

The real site embeds the same `templates/site/search.html` in its theme; this one wraps it in
a minimal HTML page so search can be exercised in a browser without a site build.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .model import Document
from .search import SearchStats, build_search_index

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
    from .render import relative_url

    env = Environment(
        loader=PackageLoader("zhenggai", "templates/site"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

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


_PLACES = ("海珠区", "越秀区", "天河区", "南山区", "福田区", "龙岗区", "宝安区", "番禺区", "顺德区", "香洲区")
_UNITS = ("政务服务数据管理局", "发展和改革局", "教育局", "卫生健康局", "住房和建设局", "交通运输局",
          "生态环境局", "民政局", "司法局", "财政局", "文化广电旅游体育局", "市场监督管理局")
_NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷")


def sample_corpus(n: int, seed: int = 0) -> list[Document]:
    """`n` documents for tests and benchmarks: `zhenggai.generate`'s when it exists, else
    the example documents with their places, units, names and dates varied."""
    try:
        from .generate import generate_document
    except ImportError:
        return _mutated_examples(n, seed)
    out = []
    for index in range(n):
        doc_id, data = generate_document(seed, index)
        out.append(Document.model_validate({**data, "id": doc_id}))
    return out


def _mutated_examples(n: int, seed: int) -> list[Document]:
    import datetime as dt
    import json
    import random

    from .load import load_all

    rng = random.Random(seed)
    data_dir = Path(__file__).resolve().parent.parent / "data"
    examples = [d.model_dump(mode="json") for d in load_all([data_dir]).collection]
    out = []
    for i in range(n):
        data = json.loads(json.dumps(examples[i % len(examples)]))
        swaps = {"坪山区": rng.choice(_PLACES), "深圳市": rng.choice(("广州市", "佛山市", "深圳市")),
                 "政务服务数据管理局": rng.choice(_UNITS), "办公厅": rng.choice(_UNITS),
                 "胡锴": rng.choice(_NAMES), "第六巡察组": f"第{'一二三四五六七八九'[rng.randrange(9)]}巡察组"}
        text = json.dumps(data, ensure_ascii=False)
        for old, new in swaps.items():
            text = text.replace(old, new)
        data = json.loads(text)
        data["id"] = f"gen-{seed}-{i:05d}"
        shift = dt.timedelta(days=rng.randrange(-900, 900))
        _shift_dates(data, shift)
        _drop_some(data, rng)
        out.append(Document.model_validate(data))
    return out


def _shift_dates(node, shift) -> None:
    import datetime as dt

    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                node[key] = (dt.date.fromisoformat(value) + shift).isoformat()
            except ValueError:
                pass
        else:
            _shift_dates(value, shift)


def _drop_some(data: dict, rng) -> None:
    """Drop a random share of measures and paragraphs so documents differ in what they hold."""
    def walk(node):
        if isinstance(node, dict):
            for key in ("measures", "paragraphs", "points"):
                if isinstance(node.get(key), list) and len(node[key]) > 1:
                    node[key] = [x for x in node[key] if rng.random() > 0.3] or node[key][:1]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(data)
