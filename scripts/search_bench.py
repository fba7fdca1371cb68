"""Benchmark of site search: bytes a fresh page's first query transfers and later-query latency.

    .venv/bin/python scripts/search_bench.py --n 1000 [--material] [--json bench/search-1000.json]
    .venv/bin/python scripts/search_bench.py --n 1000 --rebuilds


Builds `n` generated documents (plus the examples), indexes them, serves the result on
127.0.0.1 and measures in headless Chromium: every byte the first query of a fresh page
transfers (page, scripts, styles, index files), and the median time later queries take from
submitting to results shown. With --material, the same documents as Markdown pages through
Material for MkDocs' built-in search, measured the same way. Prints a table, writes JSON.
With --rebuilds, only the index's build times with its cache (no browser): from scratch
without a cache, cold cache, warm, one document changed, a newest document added (every
document's number moves), one moved across others (the whole index written again from the
cached records), and the process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import datetime as dt
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhenggai.data import load_all  # noqa: E402
from zhenggai.model import Document  # noqa: E402
from zhenggai.model import newest_first as ordered
from zhenggai.search import build_search_index  # noqa: E402
from zhenggai.build.search_site import sample_corpus, write_search_site  # noqa: E402
from zhenggai.build.static_server import CHROMIUM_ARGS, serve  # noqa: E402
from zhenggai.search.text import document_blocks, fold  # noqa: E402

MATERIAL_PATH = ""
FIRST_QUERIES = ["好差评", "八项规定", "因私出国", "海珠区政务服务数据管理局", "公务用车", "整改", "党"]
LATER = 20


def corpus(n: int, seed: int):
    return list(load_all([ROOT / "data"]).collection) + sample_corpus(n, seed)


def later_queries(docs, seed: int) -> list[str]:
    """Chinese substrings of 2–4 characters of random blocks: queries that exist, each new."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < LATER:
        blocks = [fold(b.text) for b in document_blocks(rng.choice(docs)) if len(b.text) > 6]
        block = rng.choice(blocks)
        size = rng.choice((2, 3, 4))
        start = rng.randrange(len(block) - size)
        q = block[start:start + size]
        if all("\u4e00" <= c <= "\u9fff" for c in q) and q not in out:  # plain for both engines
            out.append(q)
    return out


def build_ours(docs, out: Path) -> dict:
    started = time.perf_counter()
    stats = write_search_site(docs, out)
    return {"build_seconds": round(time.perf_counter() - started, 1), "index_bytes": stats.bytes,
            "index_files": stats.files, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def bench_rebuilds(docs, out: Path) -> dict:
    """Seconds each build of the index takes with its cache, one situation after the other."""
    docs = ordered(docs)
    middle, first = docs[len(docs) // 2], docs[0]
    text = middle.model_dump_json().replace(middle.title, "(修订)" + middle.title)
    edited = Document.model_validate_json(text)
    newest = first.model_copy(update={"id": "zz-bench-newest", "metadata": first.metadata.model_copy(
        update={"published": first.metadata.published + dt.timedelta(days=1)})})
    moved = middle.model_copy(update={"metadata": middle.metadata.model_copy(
        update={"published": docs[len(docs) // 4].metadata.published})})
    cache = out / "cache"
    steps = [("scratch, no cache", docs, None), ("cold cache", docs, cache), ("warm", docs, cache),
             ("one changed", [edited if d is middle else d for d in docs], cache),
             ("newest added", [newest, *docs], cache),
             ("one moved", [newest, *[moved if d is middle else d for d in docs]], cache)]
    shutil.rmtree(out, ignore_errors=True)
    seconds = {}
    for label, collection, cache in steps:
        started = time.perf_counter()
        build_search_index(collection, out / "site", cache_dir=cache)
        seconds[label] = round(time.perf_counter() - started, 2)
        print(f"{label:>20}: {seconds[label]:6.2f} s", flush=True)
    return {"n": len(docs), "rebuild_seconds": seconds,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _counting_page(browser):
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []

    def finished(request):
        s = request.sizes()
        sizes.append(s["responseBodySize"] + s["responseHeadersSize"])

    page.on("requestfinished", finished)
    return context, page, sizes


def measure_ours(browser, url: str, first: list[str], later: list[str]) -> dict:
    firsts = {}
    for q in first:
        context, page, sizes = _counting_page(browser)
        page.goto(url + "search/?q=" + q)
        page.wait_for_selector("[data-zgs][data-state=done]", timeout=120_000)
        page.wait_for_load_state("networkidle")
        firsts[q] = sum(sizes)
        context.close()
    context, page, _ = _counting_page(browser)
    page.goto(url + "search/?q=" + first[0])
    page.wait_for_selector("[data-zgs][data-state=done]")
    times = [page.evaluate("""async (q) => {
        history.replaceState(null, "", "?q=" + encodeURIComponent(q));
        const t0 = performance.now();
        await zhenggaiSearch.run();
        return performance.now() - t0;
    }""", q) for q in later]
    context.close()
    return {"first_query_bytes": firsts, "later_ms": [round(t, 1) for t in times]}


def build_material(docs, out: Path) -> dict:
    """The same documents as Markdown pages, built by MkDocs with Material's search plugin."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    for doc in docs:
        body = "\n\n".join(b.text.replace("#", "＃") for b in document_blocks(doc))
        (out / "docs" / f"{doc.id}.md").write_text(f"# {doc.title}\n\n{body}\n", encoding="utf-8")
    (out / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: bench\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\nnav:\n  - index.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n", encoding="utf-8")
    env = dict(os.environ)
    if MATERIAL_PATH:  # where jieba is, for Chinese word segmentation by Material's search
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [MATERIAL_PATH, env.get("PYTHONPATH")]))
    jieba = subprocess.run([sys.executable, "-c", "import jieba"], env=env, capture_output=True).returncode == 0
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=out, check=True, env=env)
    index = out / "site" / "search" / "search_index.json"
    return {"build_seconds": round(time.perf_counter() - started, 1), "index_bytes": index.stat().st_size,
            "jieba": jieba}


_MATERIAL_STATE = """() => { const m = document.querySelector('.md-search-result__meta');
    const a = document.querySelector('.md-search-result__item a');
    return (m ? m.textContent.trim() : '') + '|' + (a ? a.getAttribute('href') : ''); }"""


def _material_query(page, q: str) -> float | None:
    """Type `q` into Material's search box; time until its count or first result changes.

    Material gives no signal that a query is done, so a query whose result looks exactly like
    the previous one cannot be timed: None after 20 s (the first query may take minutes).
    """
    before = page.evaluate(_MATERIAL_STATE)
    started = time.perf_counter()
    page.fill(".md-search__input", q)
    try:
        page.wait_for_function(
            f"(before) => {{ const now = ({_MATERIAL_STATE})(); return now !== before && /符合条件的结果/.test(now); }}",
            arg=before, timeout=300_000 if "初始化" in before or not before else 20_000, polling="raf")
    except Exception:  # noqa: BLE001 — playwright's TimeoutError: the result did not change
        return None
    return (time.perf_counter() - started) * 1000


def measure_material(browser, url: str, first: list[str], later: list[str]) -> dict:
    firsts, first_ms, later_ms = {}, {}, []
    for q in first[:2]:
        context, page, sizes = _counting_page(browser)
        page.goto(url)
        page.keyboard.press("s")
        took = _material_query(page, q)
        # None: no result within the first query's 300 s (seen at 10,000 documents: a 968 MB index).
        first_ms[q] = round(took) if took is not None else None
        if took is not None:
            page.wait_for_load_state("networkidle")
        firsts[q] = sum(sizes)
        if took is None:
            context.close()
            break
        times = [_material_query(page, later_q) for later_q in later] if q == first[0] else []
        context.close()
        if times:
            later_ms = [round(t, 1) for t in times if t is not None]
    return {"first_query_bytes": firsts, "first_query_ms": first_ms, "later_ms": later_ms}


def summary(name: str, n: int, built: dict, measured: dict) -> dict:
    firsts = list(measured["first_query_bytes"].values())
    later = measured["later_ms"]
    return {"system": name, "n": n, **built, "first_query_bytes_max": max(firsts),
            "first_query_bytes_median": statistics.median(firsts),
            "later_ms_median": statistics.median(later) if later else None, **measured}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--material", action="store_true", help="also measure Material's search")
    parser.add_argument("--material-path", default="", help="extra PYTHONPATH for MkDocs (e.g. with jieba)")
    parser.add_argument("--rebuilds", action="store_true", help="only the index's build times with its cache")
    args = parser.parse_args(argv)
    global MATERIAL_PATH
    MATERIAL_PATH = args.material_path
    out = args.out or ROOT / "bench" / f"search-{args.n}"
    docs = corpus(args.n, args.seed)
    if args.rebuilds:
        result = bench_rebuilds(docs, out / "rebuilds")
        print(f"peak memory {result['peak_rss_mb']} MB")
        _write([result], args.json or out / "rebuilds.json")
        return 0
    later = later_queries(docs, args.seed)
    rows = []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        built = build_ours(docs, out / "ours")
        with serve(out / "ours") as url:
            rows.append(summary("zhenggai", len(docs), built, measure_ours(browser, url, FIRST_QUERIES, later)))
        _write(rows, args.json or out / "results.json")
        if args.material:
            built = build_material(docs, out / "material")
            with serve(out / "material" / "site") as url:
                rows.append(summary("material", len(docs), built, measure_material(browser, url, FIRST_QUERIES, later)))
            _write(rows, args.json or out / "results.json")
        browser.close()
    print(f"{'system':10} {'docs':>6} {'first query KB (max/median)':>28} {'later ms (median)':>18} "
          f"{'index MB':>9} {'build s':>8}")
    for r in rows:
        print(f"{r['system']:10} {r['n']:>6} {r['first_query_bytes_max'] / 1024:>15.0f} / "
              f"{r['first_query_bytes_median'] / 1024:<10.0f} {r['later_ms_median'] or float('nan'):>18.1f} "
              f"{r['index_bytes'] / 1e6:>9.1f} {r['build_seconds']:>8.1f}")
    return 0


def _write(rows: list[dict], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
