"""Benchmark of site search: ours beside Pagefind (and Material's), on the same documents, in one run.

    .venv/bin/python scripts/search_bench.py --n 1000 10000 [--json bench/search.json]
    .venv/bin/python scripts/search_bench.py --n 1000 --material --material-path DIR
    .venv/bin/python scripts/search_bench.py --n 1000 --rebuilds

For each N it takes N generated documents (plus the examples) and builds, for each system,
its index of them: ours from the documents; Pagefind (the extended build, for Chinese) from a
minimal HTML page per document holding the same text blocks; with --material, Material for
MkDocs' built-in search from Markdown pages. Each is served on 127.0.0.1 gzip-compressing as a
production server does and measured in headless Chromium:

- bytes on disk and files of the index (everything the search needs: index, scripts, styles);
- the index's build time (ours: `build_search_index`; Pagefind: its binary on the pages);
- first query: every byte a fresh page transfers for a query and its first ten results
  (page, scripts, index files, the excerpts' texts);
- later queries: median time of 20 more queries in the same page (ours: until the results are
  shown; Pagefind: its search plus the data of its first ten results);
- recall on exact substrings: queries cut from the documents' text (2-6 characters, at any
  place, so many start or end inside a word), and which documents hold each; recall is the
  share of those documents a system returns. Pagefind segments Chinese into words, so the
  queries are also split by whether they fall on its own word boundaries in the page they
  were cut from.

Timings are compared as ratios within the run (the host's speed drifts 2x between hours);
the CPU reference loop of benchlib.py is recorded before and after. With --fold-cost, our index
is also built and measured without folding traditional characters to simplified ones (an
empty table: the index as it was before folding), a row "zhenggai, no t2s"; then
`--alternate ours ours-no-t2s` measures only their later queries again, in turns. With
--rebuilds, only our index's rebuilds with its cache (no browser): seconds, and how many
files and bytes each rebuild wrote (objects that were not in the previous index), and the
peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import html
import json
import os
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

from zhenggai.testing.search_site import sample_corpus, write_search_site  # noqa: E402
from zhenggai.testing.static_server import CHROMIUM_ARGS, serve  # noqa: E402
from zhenggai.data import load_all  # noqa: E402
from zhenggai.model import Document  # noqa: E402
from zhenggai.model import newest_first as ordered  # noqa: E402
from zhenggai.search import build_search_index  # noqa: E402
from zhenggai.search.store import IndexStore  # noqa: E402
from zhenggai.search.text import document_blocks, fold  # noqa: E402

MATERIAL_PATH = ""
FIRST_QUERIES = ["好差评", "八项规定", "因私出国", "海珠区政务服务数据管理局", "公务用车", "整改", "党"]
LATER = 20
RECALL = 60
RECALL_MAX_DOCS = 150  # queries held by more documents would make every system list thousands
ZWSP = "\u200b"  # what Pagefind puts between the words it segments


def corpus(n: int, seed: int):
    return list(load_all([ROOT / "data"]).collection) + sample_corpus(n, seed)


def _cjk(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


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
        if _cjk(q) and q not in out:  # plain for every engine
            out.append(q)
    return out


def recall_queries(docs, seed: int) -> list[dict]:
    """Exact substrings cut at random places of random blocks, with the documents holding each."""
    rng = random.Random(seed + 1)
    texts = {d.id: "\n".join(fold(b.text) for b in document_blocks(d)) for d in docs}
    out: list[dict] = []
    tries = 0
    while len(out) < RECALL and tries < 100 * RECALL:
        tries += 1
        doc = rng.choice(docs)
        blocks = [fold(b.text) for b in document_blocks(doc) if len(b.text) > 8]
        block = rng.choice(blocks)
        size = rng.choice((2, 3, 4, 5, 6))
        start = rng.randrange(len(block) - size)
        q = block[start:start + size]
        if not _cjk(q) or any(q == e["q"] for e in out):
            continue
        holding = sorted(i for i, t in texts.items() if q in t)
        if len(holding) <= RECALL_MAX_DOCS:
            out.append({"q": q, "source": doc.id, "docs": holding})
    return out


# ---- ours ----

def build_ours(docs, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    stats = write_search_site(docs, out)
    seconds = time.perf_counter() - started
    folder = out / "search"
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != "index.html"]
    return {"build_seconds": round(seconds, 1), "index_bytes": sum(p.stat().st_size for p in files),
            "index_files": len(files), "buckets": stats.buckets, "chunks": stats.chunks, "keys": stats.keys,
            "bytes_by_kind": _kinds(folder / "idx")}


@contextlib.contextmanager
def without_t2s():
    """Our index and its fold file with an empty traditional → simplified table."""
    from zhenggai.search import index as search_index
    from zhenggai.search import text as search_text

    saved = search_text.t2s_table, search_index.t2s_table

    def forget():  # what fold() learnt of each character it met
        for memo in (search_text._fold_table, search_text._folded_chars, search_text._replace, search_text._unstable):
            memo.clear()

    forget()
    search_text.t2s_table = search_index.t2s_table = lambda: {}
    try:
        yield
    finally:
        search_text.t2s_table, search_index.t2s_table = saved
        forget()


def _kinds(folder: Path) -> dict:
    out: dict[str, list[int]] = {}
    for p in folder.rglob("*"):
        if p.is_file():
            kind = p.relative_to(folder).parts[0] if len(p.relative_to(folder).parts) > 1 else "other"
            entry = out.setdefault(kind, [0, 0])
            entry[0] += 1
            entry[1] += p.stat().st_size
    return out


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


def recall_ours(browser, url: str, queries: list[dict]) -> list[list[str]]:
    """Every document our client lists for each query (both tiers), all pages shown."""
    context = browser.new_context()
    page = context.new_page()
    found = []
    for entry in queries:
        page.goto(url + "search/?q=" + entry["q"])
        found.append(page.evaluate("""async () => {
            await zhenggaiSearch.ready();
            await zhenggaiSearch.showAll();
            return [...document.querySelectorAll('.zgs-result')].map(e => e.dataset.id);
        }"""))
    context.close()
    return found


# ---- Pagefind ----

PAGEFIND_SEARCH_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title>
<script type="module">
window.pagefind = await import("/pagefind/pagefind.js");
await window.pagefind.init();
window.pfReady = true;
</script></head><body><main><h1>搜索</h1></main></body></html>
"""

PAGEFIND_QUERY = """async ([q, all]) => {
    while (!window.pfReady) await new Promise(r => setTimeout(r, 5));
    const t0 = performance.now();
    const search = await window.pagefind.search(q);
    const top = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    return {ms: performance.now() - t0, ids: all ? search.results.map(r => r.id) : [], shown: top.length};
}"""


def write_pages(docs, site: Path) -> None:
    """A minimal HTML page per document with the text blocks our index holds, for Pagefind."""
    shutil.rmtree(site, ignore_errors=True)
    for doc in docs:
        page = site / "documents" / doc.id / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        body = "\n".join(f"<p>{html.escape(b.text)}</p>" for b in document_blocks(doc))
        page.write_text(f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(doc.title)}'
                        f'</title></head><body><main data-pagefind-body><h1>{html.escape(doc.title)}</h1>\n{body}\n'
                        f"</main></body></html>\n", encoding="utf-8")
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / "search" / "index.html").write_text(PAGEFIND_SEARCH_PAGE, encoding="utf-8")


def build_pagefind(docs, out: Path) -> dict:
    import pagefind_bin_extended

    site = out / "site"
    write_pages(docs, site)
    started = time.perf_counter()
    subprocess.run([str(pagefind_bin_extended.get_executable()), "--site", str(site)], check=True,
                   capture_output=True)
    seconds = time.perf_counter() - started
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {"build_seconds": round(seconds, 1), "index_bytes": sum(p.stat().st_size for p in files),
            "index_files": len(files), "bytes_by_kind": _kinds(site / "pagefind")}


def pagefind_fragments(site: Path) -> dict[str, dict]:
    """Fragment id → {url, content} from Pagefind's own files (to name the documents it returns)."""
    out = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        data = data[data.index(b"{"):]
        out[path.stem] = json.loads(data)
    return out


def measure_pagefind(browser, url: str, first: list[str], later: list[str]) -> dict:
    firsts = {}
    for q in first:
        context, page, sizes = _counting_page(browser)
        page.goto(url + "search/")
        page.evaluate(PAGEFIND_QUERY, [q, False])
        page.wait_for_load_state("networkidle")
        firsts[q] = sum(sizes)
        context.close()
    context, page, _ = _counting_page(browser)
    page.goto(url + "search/")
    page.evaluate(PAGEFIND_QUERY, [first[0], False])
    times = [page.evaluate(PAGEFIND_QUERY, [q, False])["ms"] for q in later]
    context.close()
    return {"first_query_bytes": firsts, "later_ms": [round(t, 1) for t in times]}


def recall_pagefind(browser, url: str, queries: list[dict], fragments: dict[str, dict]) -> list[list[str]]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "search/")
    found = []
    for entry in queries:
        ids = page.evaluate(PAGEFIND_QUERY, [entry["q"], True])["ids"]
        found.append([fragments[i]["url"].strip("/").split("/")[-1] for i in ids if i in fragments])
    context.close()
    return found


def on_word_boundaries(entry: dict, fragments_by_doc: dict[str, str]) -> bool | None:
    """Whether Pagefind's segmentation of the source page has the query as whole words."""
    content = fragments_by_doc.get(entry["source"])
    if content is None:
        return None
    plain, cuts = [], {0}
    for char in content:
        if char == ZWSP:
            cuts.add(len(plain))
        else:
            plain.append(fold(char))
    text = "".join(plain)
    at = text.find(entry["q"])
    while at >= 0:
        if at in cuts and at + len(entry["q"]) in cuts:
            return True
        at = text.find(entry["q"], at + 1)
    return False


# ---- Material for MkDocs ----

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
            "index_files": 1, "jieba": jieba}


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


# ---- one size, all systems ----

def recall_summary(queries: list[dict], found: list[list[str]], aligned: list[bool | None]) -> dict:
    """Share of the documents holding each query that were returned; split by word boundaries."""
    def share(pick):
        held = sum(len(e["docs"]) for e, a in zip(queries, aligned) if pick(a))
        got = sum(len(set(e["docs"]) & set(f)) for e, f, a in zip(queries, found, aligned) if pick(a))
        return round(100 * got / held, 1) if held else None

    missed = [e["q"] for e, f in zip(queries, found) if set(e["docs"]) - set(f)]
    return {"recall_pct": share(lambda a: True), "recall_words_pct": share(lambda a: a is True),
            "recall_inside_words_pct": share(lambda a: a is False), "queries_missing_some": missed}


def summary(name: str, n: int, built: dict, measured: dict, recall: dict | None = None) -> dict:
    firsts = list(measured["first_query_bytes"].values())
    later = measured["later_ms"]
    return {"system": name, "n": n, **built, "first_query_bytes_max": max(firsts),
            "first_query_bytes_median": statistics.median(firsts),
            "later_ms_median": statistics.median(later) if later else None, **measured, **(recall or {})}


def compare(docs, out: Path, seed: int = 1, material: bool = False, fold_cost: bool = False) -> list[dict]:
    """Ours and Pagefind (and Material) on `docs`, side by side: one row per system."""
    from playwright.sync_api import sync_playwright

    from benchlib import cpu_reference

    later = later_queries(docs, seed)
    queries = recall_queries(docs, seed)
    cpu = [cpu_reference()]
    # Both built before the browser starts: its driver runs threads, and our index forks its
    # workers only from a single-threaded process (else it pickles the documents to them).
    print(f"[{len(docs)} documents] ours: building", flush=True)
    built = build_ours(docs, out / "ours")
    print(f"[{len(docs)} documents] Pagefind: building", flush=True)
    built_pf = build_pagefind(docs, out / "pagefind")
    built_m = build_material(docs, out / "material") if material else None
    built_plain = None
    if fold_cost:
        print(f"[{len(docs)} documents] ours without t2s folding: building", flush=True)
        with without_t2s():
            built_plain = build_ours(docs, out / "ours-no-t2s")
    fragments = pagefind_fragments(out / "pagefind" / "site")
    by_doc = {f["url"].strip("/").split("/")[-1]: f["content"] for f in fragments.values()}
    aligned = [on_word_boundaries(e, by_doc) for e in queries]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        print(f"[{len(docs)} documents] measuring in Chromium", flush=True)
        with serve(out / "ours", compress=True) as url:
            measured = measure_ours(browser, url, FIRST_QUERIES, later)
            found_ours = recall_ours(browser, url, queries)
        with serve(out / "pagefind" / "site", compress=True) as url:
            measured_pf = measure_pagefind(browser, url, FIRST_QUERIES, later)
            found_pf = recall_pagefind(browser, url, queries, fragments)
        rows.append(summary("zhenggai", len(docs), built, measured, recall_summary(queries, found_ours, aligned)))
        rows.append(summary("pagefind", len(docs), built_pf, measured_pf, recall_summary(queries, found_pf, aligned)))
        if built_plain:
            with serve(out / "ours-no-t2s", compress=True) as url:
                rows.append(summary("zhenggai, no t2s", len(docs), built_plain,
                                    measure_ours(browser, url, FIRST_QUERIES, later)))
        if material:
            with serve(out / "material" / "site", compress=True) as url:
                rows.append(summary("material", len(docs), built_m,
                                    measure_material(browser, url, FIRST_QUERIES, later)))
        browser.close()
    cpu.append(cpu_reference())
    words = sum(1 for a in aligned if a is True)
    for row in rows:
        row.update(python_loop_10m_s=cpu, recall_queries=len(queries), recall_queries_on_words=words,
                   date=dt.date.today().isoformat())
    return rows


# ---- our rebuilds ----

def bench_rebuilds(docs, out: Path) -> dict:
    """Seconds each build of the index takes with its cache, one situation after the other, and
    the files and bytes each one wrote (objects its index did not share with the previous one)."""
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
             ("newest added", [newest, *[edited if d is middle else d for d in docs]], cache),
             ("one moved", [newest, *[moved if d is middle else d for d in docs]], cache)]
    shutil.rmtree(out, ignore_errors=True)
    result: dict = {"n": len(docs), "steps": {}}
    previous: dict[str, str] = {}
    for label, collection, cache_dir in steps:
        started = time.perf_counter()
        stats = build_search_index(collection, out / "site", cache_dir=cache_dir)
        seconds = round(time.perf_counter() - started, 2)
        step = {"seconds": seconds, "files": stats.files, "bytes": stats.bytes}
        if cache_dir is not None:
            manifest = IndexStore(cache_dir).latest()
            files = {rel: (name, size) for rel, (name, size) in manifest["files"].items()}
            written = {rel: size for rel, (name, size) in files.items() if previous.get(rel) != name}
            step.update(files_written=len(written), bytes_written=sum(written.values()),
                        buckets_written=sum(1 for rel in written if rel.startswith("idx/g/")),
                        texts_written=sum(1 for rel in written if rel.startswith("idx/t/")))
            previous = {rel: name for rel, (name, _) in files.items()}
        result["steps"][label] = step
        print(f"{label:>20}: {seconds:7.2f} s  {step.get('files_written', '-')!s:>6} of {stats.files} files, "
              f"{step.get('bytes_written', 0) / 1e6:7.2f} of {stats.bytes / 1e6:.2f} MB written", flush=True)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


# ---- the table ----

def table_lines(rows: list[dict]) -> list[str]:
    lines = ["| N | system | index on disk | files | index build | first query (gzip, max / median of 7) "
             "| later queries (median) | recall on exact substrings (on Pagefind's word boundaries / inside words) |",
             "|---|---|---|---|---|---|---|---|"]
    by_n: dict[int, dict[str, dict]] = {}
    for r in rows:
        by_n.setdefault(r["n"], {})[r["system"]] = r
    for n, systems in by_n.items():
        pf = systems.get("pagefind")
        for name, r in systems.items():
            ratio = ""
            if pf and r is not pf:
                ratio = (f" ({r['index_bytes'] / pf['index_bytes']:.2f}×)", f" ({r['build_seconds'] / pf['build_seconds']:.2f}×)")
            recall = (f"{r['recall_pct']}% ({r['recall_words_pct']}% / {r['recall_inside_words_pct']}%)"
                      if r.get("recall_pct") is not None else "—")
            later = f"{r['later_ms_median']:.1f} ms" if r.get("later_ms_median") is not None else "—"
            lines.append(
                f"| {n:,} | {name} | {r['index_bytes'] / 1e6:.1f} MB{ratio[0] if ratio else ''} | {r['index_files']:,} "
                f"| {r['build_seconds']:.1f} s{ratio[1] if ratio else ''} "
                f"| {r['first_query_bytes_max'] / 1024:.0f} / {r['first_query_bytes_median'] / 1024:.0f} KB "
                f"| {later} | {recall} |")
    return lines


def alternate_later(docs, folders: list[Path], seed: int, rounds: int = 4) -> dict:
    """Later-query latency of our indexes already built in `folders` (by an earlier run on the
    same documents), measured in turns, the order reversed each round: drift weighs on all alike."""
    from playwright.sync_api import sync_playwright

    from benchlib import cpu_reference

    later = later_queries(docs, seed)
    result: dict = {"queries": later, "python_loop_10m_s": [cpu_reference()], "rounds": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for number in range(rounds):
            for folder in folders if number % 2 == 0 else folders[::-1]:
                with serve(folder, compress=True) as url:
                    times = measure_ours(browser, url, FIRST_QUERIES[2:3], later)["later_ms"]
                result["rounds"].append({"index": folder.name, "later_ms": times, "median": statistics.median(times)})
                print(f"round {number + 1}: {folder.name}: median {statistics.median(times):.1f} ms", flush=True)
        browser.close()
    result["python_loop_10m_s"].append(cpu_reference())
    for folder in folders:
        every = [t for r in result["rounds"] if r["index"] == folder.name for t in r["later_ms"]]
        result[folder.name] = {"median_ms": statistics.median(every)}
        print(f"{folder.name}: median of all {statistics.median(every):.1f} ms", flush=True)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--material", action="store_true", help="also measure Material's search")
    parser.add_argument("--material-path", default="", help="extra PYTHONPATH for MkDocs (e.g. with jieba)")
    parser.add_argument("--rebuilds", action="store_true", help="only our index's rebuilds with its cache")
    parser.add_argument("--fold-cost", action="store_true", help="also our index without t2s folding")
    parser.add_argument("--alternate", nargs="+", metavar="NAME", help="only later queries, in turns, on our"
                        " indexes an earlier run built in OUT/nN/NAME (e.g. ours ours-no-t2s)")
    args = parser.parse_args(argv)
    global MATERIAL_PATH
    MATERIAL_PATH = args.material_path
    out = args.out or ROOT / "bench" / "search"
    if args.rebuilds:
        results = [bench_rebuilds(corpus(n, args.seed), out / f"rebuilds-{n}") for n in args.n]
        for r in results:
            print(f"N={r['n']}: peak memory {r['peak_rss_mb']} MB")
        _write(results, args.json or out / "rebuilds.json")
        return 0
    if args.alternate:
        results = [alternate_later(corpus(n, args.seed), [out / f"n{n}" / name for name in args.alternate], args.seed)
                   for n in args.n]
        _write(results, args.json or out / "alternate.json")
        return 0
    rows: list[dict] = []
    for n in args.n:
        rows += compare(corpus(n, args.seed), out / f"n{n}", args.seed, args.material, args.fold_cost)
        _write(rows, args.json or out / "results.json")
        print("\n".join(table_lines(rows)), flush=True)
    return 0


def _write(rows: list[dict], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
