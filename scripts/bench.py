"""Benchmark of the whole build at scale: `make bench` (sizes from BENCH_N, default "100 1000").

For each N it generates N documents, then measures in separate processes: a cold full build
(split into load+validate, PDFs, pages, search index), a warm rebuild with nothing changed,
a rebuild after changing one document, peak memory of the build's process tree, site sizes,
the search budget in headless Chromium, our search index beside Pagefind's on the same
documents (scripts/search_bench.py: bytes, files, build time, first query, later queries,
recall on exact substrings), and the floors: a plain `mkdocs build` of the same documents
pre-rendered to Markdown (no hooks, no search) and raw WeasyPrint on the same print HTML.
Prints a table and writes bench/results.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
OUT = ROOT / "bench"
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks")
# BENCH_PDF=0 leaves the PDFs out (and their floor): for a 10,000-document run of the page,
# search and memory targets without the 40-odd minutes of rendering 10,000 PDFs twice.
WITH_PDF = os.environ.get("BENCH_PDF", "1") != "0"


def main() -> int:
    sizes = [int(n) for n in os.environ.get("BENCH_N", "100 1000").replace(",", " ").split()]
    OUT.mkdir(exist_ok=True)
    results = {"date": dt.date.today().isoformat(), "machine": machine(), "runs": []}
    for n in sizes:
        run = bench_size(n)
        results["runs"].append(run)
        print_table(results["runs"])
        (OUT / "results.md").write_text("\n".join(table_lines(results["runs"])) + "\n", encoding="utf-8")
        (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nresults: {OUT / 'results.json'}, {OUT / 'results.md'}")
    return 0


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: hosts of the same machine kind differ in speed (seen
    here: 2.2x between two sessions), so results from different days are compared through this."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - started, 2)


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def bench_size(n: int) -> dict:
    from zhenggai.synth import write_documents

    work = OUT / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    data = work / "data"
    started = time.perf_counter()
    write_documents(n, 1, data)
    generate_s = time.perf_counter() - started
    project = make_project(work / "project", data)
    print(f"\n== N = {n} ==", flush=True)
    cpu_before = cpu_reference()
    cold = timed_build(project, "cold")
    warm = timed_build(project, "warm")
    changed_file = sorted(data.glob("*.yml"))[n // 2]
    text = changed_file.read_text(encoding="utf-8")
    changed_file.write_text(text.replace("title: ", "title: (修订)", 1), encoding="utf-8")
    one = timed_build(project, "one document changed")
    site = project / "site"
    run = {
        "n": n,
        "generate_s": round(generate_s, 1),
        "cold": cold,
        "warm": warm,
        "one_changed": one,
        "site": site_sizes(site),
        "search": search_budget(site, data),
        "search_vs_pagefind": search_vs_pagefind(work, data),
        "floor_mkdocs": floor_mkdocs(work, data),
        "floor_weasyprint": floor_weasyprint(data) if WITH_PDF else None,
        "pdfs": WITH_PDF,
        # The host's speed drifts (seen: 0.58 s and 1.36 s for the loop within one hour).
        "python_loop_10m_s": [cpu_before, cpu_reference()],
    }
    return run


def make_project(project: Path, data: Path) -> Path:
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    config = (ROOT / "zhenggai.yml").read_text(encoding="utf-8")
    (project / "zhenggai.yml").write_text(config.replace("data_dir: data", f"data_dir: {data}"), encoding="utf-8")
    return project


def timed_build(project: Path, label: str, extra_env: dict | None = None) -> dict:
    """One `mkdocs build --strict` in a child process: wall time, stage timings, peak RSS of its tree."""
    timings_file = project / ".timings.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ZHENGGAI_TIMINGS": str(timings_file),
           "ZHENGGAI_PDF": "1" if WITH_PDF else "0", **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(project / "site")]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(process.pid)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"build failed ({label}):\n{stderr[-3000:]}")
    stages = json.loads(timings_file.read_text(encoding="utf-8")) if timings_file.exists() else {}
    result = {"wall_s": round(wall, 2), "peak_rss_mb": round(sampler.peak / 1024**2),
              "peak_pss_mb": round(sampler.peak_pss / 1024**2),
              **{f"{k}_s": round(v, 2) for k, v in sorted(stages.items()) if isinstance(v, float)},
              **{k: v for k, v in sorted(stages.items()) if isinstance(v, int)}}
    print(f"  {label}: {result}", flush=True)
    return result


class RssSampler(threading.Thread):
    """Peak memory of a process and all its descendants, sampled from /proc: the sum of their
    resident sets (`peak`: a forked worker counts again every page it shares with its parent)
    and of their proportional sets (`peak_pss`: shared pages counted once in the sum)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_pss, self._done = pid, 0, 0, threading.Event()

    def run(self):
        while not self._done.is_set():
            rss, pss = tree_memory(self.pid)
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            self._done.wait(0.1)

    def stop(self):
        self._done.set()
        self.join()


def tree_memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes of `pid` and its descendants."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith(("Rss:", "Pss:")):
                    value = int(line.split()[1]) * 1024
                    if line.startswith("Rss:"):
                        rss += value
                    else:
                        pss += value
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def site_sizes(site: Path) -> dict:
    pages = [p.stat().st_size for p in (site / "documents").glob("*/index.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "total_mb": round(total / 1024**2, 1),
        "largest_page_kb": round(max(pages) / 1024, 1),
        "median_page_kb": round(statistics.median(pages) / 1024, 1),
        "pdf_mb": round(sum(p.stat().st_size for p in (site / "pdf").glob("*.pdf")) / 1024**2, 1),
    }


def search_budget(site: Path, data: Path) -> dict:
    """First-query bytes and median latency of later queries on the real site, in headless Chromium."""
    from playwright.sync_api import sync_playwright
    from search_bench import FIRST_QUERIES, later_queries, measure_ours

    from zhenggai.data import load_all

    from zhenggai.build.static_server import CHROMIUM_ARGS, serve

    docs = list(load_all([data]).collection)
    later = later_queries(docs, 1)
    result = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        # Transferred bytes as a production server sends them (gzip), and uncompressed.
        for label, compress in (("gzip", True), ("raw", False)):
            with serve(site, compress=compress) as url:
                measured = measure_ours(browser, url, FIRST_QUERIES, later)
            firsts = measured["first_query_bytes"]
            result[f"first_query_kb_max_{label}"] = round(max(firsts.values()) / 1024)
            result[f"first_query_kb_{label}"] = {q: round(b / 1024) for q, b in firsts.items()}
            result[f"later_ms_median_{label}"] = round(statistics.median(measured["later_ms"]), 1)
        browser.close()
    result["first_query_kb_max"] = result["first_query_kb_max_gzip"]
    result["later_ms_median"] = result["later_ms_median_gzip"]
    return result


def search_vs_pagefind(work: Path, data: Path) -> list[dict]:
    """Our index and Pagefind's of the same documents, side by side (search_bench.compare)."""
    from search_bench import compare

    from zhenggai.data import load_all

    return compare(list(load_all([data]).collection), work / "search-vs-pagefind")


def floor_mkdocs(work: Path, data: Path) -> dict:
    """A plain `mkdocs build` of the same documents as Markdown: no hooks, no search, same theme."""
    from zhenggai.data import load_all

    project = work / "floor-mkdocs"
    docs = project / "docs"
    (docs / "documents").mkdir(parents=True)
    for doc in load_all([data]).collection:
        (docs / "documents" / f"{doc.id}.md").write_text(to_markdown(doc), encoding="utf-8")
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: 巡察整改公开\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins: []\nnav:\n  - 首页: index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return {"wall_s": round(time.perf_counter() - started, 2)}


def to_markdown(doc) -> str:
    lines = [f"# {doc.title}", ""]
    lines += [p + "\n" for p in doc.opening]
    for section in doc.sections:
        lines += markdown_section(section, 2)
    if doc.contact:
        lines += ["## 监督联系方式", "", *[f"- 电话:{p.number}" for p in doc.contact.phones], ""]
    return "\n".join(lines)


def markdown_section(section, level: int) -> list[str]:
    lines = [f"{'#' * min(level, 6)} {section.heading}", ""]
    lines += [p + "\n" for p in section.paragraphs]
    lines += [f"- {p.title or ''}{p.text}" for p in section.points] + [""]
    for sub in section.sections:
        lines += markdown_section(sub, level + 1)
    for category in section.categories:
        lines += [f"{'#' * min(level + 1, 6)} {category.title}", ""]
        for problem in category.problems:
            lines += [f"{'#' * min(level + 2, 6)} {problem.title}", ""]
            for finding in (problem, *problem.items):
                if finding is not problem:
                    lines += [f"**{finding.title}** {finding.status.value if finding.status else ''}", ""]
                lines += [f"- {m.title or ''}{m.text}" for m in finding.measures] + [""]
    return lines


def floor_weasyprint(data: Path) -> dict:
    """Raw WeasyPrint on our print HTML and stylesheet (stylesheet and font configuration made once
    per worker by the same cached helpers as our build: a new FontConfiguration per document loads
    the CJK fonts again), the same process pool width as our build: no PDF/A, no attachment, no
    font compaction, no cache."""
    code = (
        "import sys, time, concurrent.futures as cf\n"
        "from pathlib import Path\n"
        "from zhenggai.data import load_all\n"
        "import weasyprint\n"
        "from zhenggai.pdf.render import _fonts, _stylesheet, print_html\n"
        "def one(html):\n"
        "    return len(weasyprint.HTML(string=html).write_pdf(stylesheets=[_stylesheet()], font_config=_fonts()))\n"
        "if __name__ == '__main__':\n"
        "    docs = list(load_all([Path(sys.argv[1])]).collection)\n"
        "    htmls = [print_html(d) for d in docs]\n"
        "    t = time.perf_counter()\n"
        "    with cf.ProcessPoolExecutor() as pool:\n"
        "        list(pool.map(one, htmls, chunksize=4))\n"
        "    print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data)], check=True, capture_output=True, text=True)
    wall = float(out.stdout.strip().splitlines()[-1])
    n = sum(1 for _ in data.glob("*.yml"))
    # One PDF on one core: what "one changed document costs one PDF more" is measured against.
    return {"wall_s": round(wall, 2), "one_pdf_s": round(wall * (os.cpu_count() or 1) / n, 2)}


def print_table(runs: list[dict]) -> None:
    print("\n".join(table_lines(runs)))


def table_lines(runs: list[dict]) -> list[str]:
    lines = []
    lines.append("\n| N | cold s | load s | PDF s | pages s | search s | warm s | one changed s | peak RSS MB | site MB | largest page KB | median page KB | first query KB (gzip) | later query ms | floor mkdocs s | floor WeasyPrint s |")
    lines.append("|" + "---|" * 16)
    for r in runs:
        c, s = r["cold"], r["search"]
        lines.append(
            f"| {r['n']} | {c['wall_s']} | {c.get('load_s')} | {c.get('pdf_s')} | {c.get('pages_s')} | {c.get('search_s')} "
            f"| {r['warm']['wall_s']} | {r['one_changed']['wall_s']} | {c['peak_rss_mb']} | {r['site']['total_mb']} "
            f"| {r['site']['largest_page_kb']} | {r['site']['median_page_kb']} | {s.get('first_query_kb_max')} "
            f"| {s.get('later_ms_median')} | {r['floor_mkdocs']['wall_s']} | {(r['floor_weasyprint'] or {}).get('wall_s', '—')} |"
        )
    for r in runs:
        warm_ratio = r["warm"]["wall_s"] / r["floor_mkdocs"]["wall_s"]
        pages = r["cold"]["wall_s"] - (r["cold"].get("pdf_s") or 0) - (r["cold"].get("search_s") or 0)
        page_ratio = pages / r["floor_mkdocs"]["wall_s"]
        lines.append(
            f"\nN={r['n']}: warm / mkdocs floor = {warm_ratio:.2f}x; page generation (cold minus PDFs and search)"
            f" / mkdocs floor = {page_ratio:.2f}x; one changed costs"
            f" {r['one_changed']['wall_s'] - r['warm']['wall_s']:.1f} s more than warm"
        )
        if r["cold"].get("peak_pss_mb"):
            lines.append(f"N={r['n']}: cold build's peak memory: {r['cold']['peak_rss_mb']} MB summing the resident sets of"
                         f" its processes, {r['cold']['peak_pss_mb']} MB counting shared pages once (PSS)")
        if r.get("python_loop_10m_s"):
            lines.append(f"N={r['n']}: CPU reference (10M-step Python loop) before/after: {r['python_loop_10m_s']} s")
        if r.get("floor_weasyprint"):
            floor = r["floor_weasyprint"]
            lines.append(
                f"N={r['n']}: PDFs / WeasyPrint floor = {(r['cold'].get('pdf_s') or 0) / floor['wall_s']:.2f}x;"
                f" one raw PDF on one core = {floor['one_pdf_s']:.2f} s"
            )
        else:
            lines.append(f"N={r['n']}: built without PDFs (BENCH_PDF=0)")
    compared = [row for r in runs for row in r.get("search_vs_pagefind") or ()]
    if compared:
        from search_bench import table_lines as search_table

        lines += ["", "Search index beside Pagefind (same documents, bare search pages, gzip):", *search_table(compared)]
    return lines


if __name__ == "__main__":
    sys.exit(main())
