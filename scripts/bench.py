"""Benchmark of the whole build at scale: `make bench` (sizes from BENCH_N, default "100 1000").

For each N it generates N documents, then measures in separate processes: a cold full build
(split into load+validate, PDFs, pages, search index), a warm rebuild with nothing changed,
a rebuild after changing one document, peak memory of the build's process tree, site sizes,
the search budget in headless Chromium, our search index beside Pagefind's on the same
documents (scripts/search_bench.py: bytes, files, build time, first query, later queries,
recall on exact substrings), and the floors: a plain `mkdocs build` of the same documents
pre-rendered to Markdown (no hooks, no search) and raw WeasyPrint on the same print HTML.
Prints a table and writes bench/results.json.

The PDF cluster row (with PDFs): the PDF stage alone on the local pool and on a local Dask
cluster of two single-threaded workers (`dask worker --nthreads 1 --nworkers 2`), as a ratio,
the per-job overhead of the cluster, and the memory growth of one renderer process across
200 documents. `python scripts/bench.py cluster` runs only that row (bench/cluster.json).
BENCH_PDF_CLUSTER=local sends the timed builds' PDFs to such a cluster; the peak memory then
counts the scheduler and workers too. The 10,000-document build with PDFs on the cluster:
`BENCH_N=10000 BENCH_PDF_CLUSTER=local BENCH_CLUSTER_ROW=0 make bench`; that also runs the
warm and one-changed builds and both floors (hours at 10,000). `python scripts/bench.py cold`
runs only the cold build (with BENCH_PDF_CLUSTER as above) and writes bench/cold-N.json.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchlib import GOAL_SIZE, GOALS, ROOT, cpu_reference, machine, verdict
OUT = ROOT / "bench"
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks")
# BENCH_PDF=0 leaves the PDFs out (and their floor): for a 10,000-document run of the page,
# search and memory targets without the 40-odd minutes of rendering 10,000 PDFs twice.
WITH_PDF = os.environ.get("BENCH_PDF", "1") != "0"
BUILD_ON_CLUSTER = os.environ.get("BENCH_PDF_CLUSTER", "") == "local"
CLUSTER_ROW = WITH_PDF and os.environ.get("BENCH_CLUSTER_ROW", "1") != "0"
MEMORY_MARKS = (10, 50, 200)


def main(argv: list[str]) -> int:
    sizes = [int(n) for n in os.environ.get("BENCH_N", "100 1000").replace(",", " ").split()]
    OUT.mkdir(exist_ok=True)
    if argv[:1] == ["cluster"]:
        return main_cluster(sizes)
    if argv[:1] == ["cold"]:
        return main_cold(sizes)
    results = {"date": dt.date.today().isoformat(), "machine": machine(), "runs": []}
    for n in sizes:
        run = bench_size(n)
        results["runs"].append(run)
        print_table(results["runs"])
        (OUT / "results.md").write_text("\n".join(table_lines(results["runs"])) + "\n", encoding="utf-8")
        (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nresults: {OUT / 'results.json'}, {OUT / 'results.md'}")
    return 0


def main_cold(sizes: list[int]) -> int:
    """Only the cold build of each size: the whole build's time and peak memory at scale."""
    from zhenggai.synth import write_documents

    for n in sizes:
        work = OUT / f"cold-n{n}"
        shutil.rmtree(work, ignore_errors=True)
        write_documents(n, 1, work / "data")
        project = make_project(work / "project", work / "data")
        cpu_before = cpu_reference()
        with contextlib.ExitStack() as stack:
            cluster = stack.enter_context(bench_cluster(work / "cluster")) if BUILD_ON_CLUSTER and WITH_PDF else None
            cold = timed_build(project, "cold", cluster=cluster)
        result = {"date": dt.date.today().isoformat(), "machine": machine(), "n": n, "pdfs": WITH_PDF,
                  "pdfs_on_cluster": BUILD_ON_CLUSTER and WITH_PDF, "cold": cold,
                  "site": site_sizes(project / "site"), "python_loop_10m_s": [cpu_before, cpu_reference()],
                  "load_average_after": os.getloadavg()}
        (OUT / f"cold-{n}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return 0


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
    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(bench_cluster(work / "cluster")) if BUILD_ON_CLUSTER and WITH_PDF else None
        cold = timed_build(project, "cold", cluster=cluster)
        warm = timed_build(project, "warm", cluster=cluster)
        changed_file = sorted(data.glob("*.yml"))[n // 2]
        one = timed_build(project, change_one_document(changed_file, project), cluster=cluster)
    site = project / "site"
    run = {
        "n": n,
        "generate_s": round(generate_s, 1),
        "cold": cold,
        "warm": warm,
        "one_changed": one,
        "site": site_sizes(site),
        "opendata": opendata_sizes(site),
        "archive_mb": round(sum(p.stat().st_size for p in (project / "archive").rglob("*") if p.is_file()) / 1024**2, 1),
        "search": search_budget(site, data),
        "search_vs_pagefind": search_vs_pagefind(work, data),
        "floor_mkdocs": floor_mkdocs(work, data),
        "floor_weasyprint": floor_weasyprint(data) if WITH_PDF else None,
        "pdfs": WITH_PDF,
        "pdfs_on_cluster": BUILD_ON_CLUSTER and WITH_PDF,
        "pdf_cluster": pdf_cluster_row(work, data) if CLUSTER_ROW else None,
        # The host's speed drifts (seen: 0.58 s and 1.36 s for the loop within one hour).
        "python_loop_10m_s": [cpu_before, cpu_reference()],
    }
    return run


def change_one_document(path: Path, project: Path) -> str:
    """Change one published document the way staff do, with a change note; the label of the build.

    A published document's data may change only with a new `changes:` note (archive.change_without_note),
    dated on or after the version it follows and not after the build's day: the build's own clock's day.
    """
    from zhenggai.clock import read_clock

    text = path.read_text(encoding="utf-8").replace("title: ", "title: (修订)", 1)
    today = read_clock(project).day.isoformat()
    path.write_text(text + f"changes:\n  - date: {today}\n    note: 标题更正\n", encoding="utf-8")
    return "one document changed"


def make_project(project: Path, data: Path) -> Path:
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    config = (ROOT / "zhenggai.yml").read_text(encoding="utf-8")
    (project / "zhenggai.yml").write_text(config.replace("data_dir: data", f"data_dir: {data}"), encoding="utf-8")
    return project


def timed_build(project: Path, label: str, extra_env: dict | None = None, cluster=None) -> dict:
    """One `mkdocs build --strict` in a child process: wall time, stage timings, peak RSS of its
    tree (and of the PDF cluster's processes, when the build uses one).

    It records as `zhenggai build` does after publishing: the cold build records every PDF in
    archive/, later builds take the published ones from there (not counted in the build's time).
    """
    timings_file, pending = project / ".timings.json", project / ".pending-versions.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ZHENGGAI_TIMINGS": str(timings_file), "ZHENGGAI_PENDING": str(pending),
           "ZHENGGAI_PDF": "1" if WITH_PDF else "0", **(extra_env or {})}
    if cluster is not None:
        env["ZHENGGAI_PDF_CLUSTER"] = cluster.address
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(project / "site")]
    started, began = time.perf_counter(), time.monotonic()  # the stages are stamped on the same clock
    process = subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(process.pid, *(p.pid for p in (cluster.processes.values() if cluster else ())))
    sampler.start()
    _, stderr = process.communicate()
    wall, ended = time.perf_counter() - started, time.monotonic()
    sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"build failed ({label}):\n{stderr[-3000:]}")
    from zhenggai.build.release import record_pending

    record_pending(project, pending, project / "site")  # as `zhenggai build` does once its site is in place
    stages = json.loads(timings_file.read_text(encoding="utf-8")) if timings_file.exists() else {}
    spans = {k: v for k, v in stages.items() if k.endswith(("_began", "_ended"))}
    result = {"wall_s": round(wall, 2), "peak_rss_mb": round(sampler.peak / 1024**2),
              "peak_pss_mb": round(sampler.peak_pss / 1024**2),
              **{f"{k}_s": round(v, 2) for k, v in sorted(stages.items()) if isinstance(v, float) and k not in spans},
              **{k: v for k, v in sorted(stages.items()) if isinstance(v, int)},
              **page_generation(wall, began, ended, stages, spans)}
    print(f"  {label}: {result}", flush=True)
    return result


def page_generation(wall: float, began: float, ended: float, stages: dict, spans: dict) -> dict:
    """The build's time less its PDF and search stages, and how long the PDF stage and the page
    stage ran at once (seconds).

    What the PDF pool and the search index take is taken out as the time they ran, once, however
    they overlap with anything else: time in which the PDF pool and the page stage run side by
    side is PDF time, not page time. Without the stages' moments (an older build), their lengths.
    """
    def span(stage: str) -> tuple[float, float] | None:
        start, end = spans.get(f"{stage}_began"), spans.get(f"{stage}_ended")
        return (max(start, began), min(end, ended)) if start is not None and end is not None else None

    pdf, search, pages = span("pdf"), span("search"), span("pages")
    if (pdf is None and stages.get("pdf")) or (search is None and stages.get("search")):
        return {"page_generation_s": round(wall - (stages.get("pdf") or 0) - (stages.get("search") or 0), 2)}
    outside = sorted(s for s in (pdf, search) if s is not None and s[1] > s[0])
    taken, reach = 0.0, began
    for start, end in outside:  # the length of their union
        taken += max(0.0, end - max(start, reach))
        reach = max(reach, end)
    overlap = max(0.0, min(pdf[1], pages[1]) - max(pdf[0], pages[0])) if pdf and pages else 0.0
    return {"page_generation_s": round(wall - taken, 2), "pdf_page_overlap_s": round(overlap, 2)}


class RssSampler(threading.Thread):
    """Peak memory of processes and all their descendants together, sampled from /proc: the sum
    of their resident sets (`peak`: a forked worker counts again every page it shares with its
    parent) and of their proportional sets (`peak_pss`: shared pages counted once in the sum).

    Resident sets are read every 0.1 s from `statm` (a counter: costs nothing); proportional sets
    every second from `smaps_rollup`, which walks the whole address space of each process under
    its memory lock: read every 0.1 s it took about a tenth of a core on a 2-core host and
    slowed the build it measured by some 5–10%, which the unmeasured mkdocs floor was spared.
    """

    PSS_EVERY = 10  # samples

    def __init__(self, *pids: int):
        super().__init__(daemon=True)
        self.pids, self.peak, self.peak_pss, self._done = pids, 0, 0, threading.Event()

    def run(self):
        sample = 0
        while not self._done.is_set():
            with_pss = sample % self.PSS_EVERY == 0
            rss, pss = map(sum, zip(*(tree_memory(pid, with_pss) for pid in self.pids)))
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            sample += 1
            self._done.wait(0.1)

    def stop(self):
        self._done.set()
        self.join()


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def tree_memory(pid: int, with_pss: bool = True) -> tuple[int, int]:
    """(sum of RSS, sum of PSS or 0) in bytes of `pid` and its descendants."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rss += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_SIZE
            if with_pss:
                for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
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


def opendata_sizes(site: Path) -> dict:
    """The open data, feeds and statistics page of the built site (targets: 统计 < 200 KB, 50 entries a feed)."""

    feeds = sorted((site / "feeds").glob("*.xml"))
    entries = [len(re.findall(rb"<entry>", f.read_bytes())) for f in feeds]
    return {
        "stats_page_kb": round((site / "stats" / "index.html").stat().st_size / 1024, 1),
        "publishers_page_kb": round((site / "stats" / "publishers" / "index.html").stat().st_size / 1024, 1),
        "data_mb": round(sum(p.stat().st_size for p in (site / "data").glob("*.*") if p.suffix != ".html") / 1024**2, 1),
        "feeds": len(feeds),
        "feed_entries_max": max(entries, default=0),
        "feeds_mb": round(sum(f.stat().st_size for f in feeds) / 1024**2, 1),
    }


def search_budget(site: Path, data: Path) -> dict:
    """First-query bytes and median latency of later queries on the real site, in headless Chromium."""
    from playwright.sync_api import sync_playwright
    from search_bench import FIRST_QUERIES, later_queries, measure_ours

    from zhenggai.data import load_all

    from zhenggai.testing.static_server import CHROMIUM_ARGS, serve

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


@contextlib.contextmanager
def bench_cluster(folder: Path):
    """A local Dask cluster as the README starts one: `dask scheduler`, then
    `dask worker tcp://… --nthreads 1 --nworkers 2` (with its nanny)."""
    from zhenggai.testing.local_cluster import LocalCluster

    shutil.rmtree(folder, ignore_errors=True)
    with LocalCluster(folder) as cluster:
        cluster.start_scheduler()
        cluster.add_worker("bench", nthreads=1, nworkers=2, nanny=True)
        yield cluster


# The PDF stage alone, in a fresh process: `write_pdfs` of some documents (every `rounds`-th from
# `first`) into an empty cache, locally or on a cluster.
PDF_STAGE = (
    "import sys, time, json\n"
    "from pathlib import Path\n"
    "from zhenggai.data import load_all\n"
    "from zhenggai.pdf import write_pdfs\n"
    "if __name__ == '__main__':\n"
    "    data, cache, cluster = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] or None\n"
    "    first, rounds = int(sys.argv[4]), int(sys.argv[5])\n"
    "    collection = load_all([data]).collection\n"
    "    docs = list(collection)[first::rounds]\n"
    "    t = time.perf_counter()\n"
    "    records = write_pdfs(docs, cache / 'out', cache, cluster=cluster)\n"
    "    print(json.dumps({'wall_s': time.perf_counter() - t, 'sha256': {r.id: r.sha256 for r in records}}))\n"
)
# The host's speed drifts within minutes and other work shares its cores: the two sides run in
# alternating rounds of a quarter of the documents each, so that drift weighs on both alike.
ROUNDS = 4

# Trivial jobs through the same cluster: what Dask costs per job, with a PDF-sized answer.
TRIVIAL_JOBS = (
    "import sys, time, json\n"
    "from distributed import Client\n"
    "def job(i, size):\n"
    "    return bytes(size)\n"
    "if __name__ == '__main__':\n"
    "    address, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])\n"
    "    with Client(address, set_as_default=False) as client:\n"
    "        threads = sum(w['nthreads'] for w in client.scheduler_info(n_workers=-1)['workers'].values())\n"
    "        client.gather(client.map(job, range(20), size=size, pure=False))\n"
    "        t = time.perf_counter()\n"
    "        futures = client.map(job, range(count), size=size, pure=False)\n"
    "        for f in futures:\n"
    "            f.result(); f.release()\n"
    "        print(json.dumps({'per_job_ms': (time.perf_counter() - t) * threads / count * 1000}))\n"
)


def pdf_stage(data: Path, cache: Path, cluster: str = "", first: int = 0, rounds: int = 1) -> dict:
    shutil.rmtree(cache, ignore_errors=True)
    out = subprocess.run([sys.executable, "-c", PDF_STAGE, str(data), str(cache), cluster, str(first), str(rounds)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pdf_cluster_row(work: Path, data: Path) -> dict:
    """The PDF stage on the local pool and on a local cluster of two single-threaded workers (the
    same documents, fresh caches, in alternating rounds), the cluster's per-job overhead, memory growth."""
    n = sum(1 for _ in data.glob("*.yml"))
    local = {"wall_s": 0.0, "sha256": {}}
    remote = {"wall_s": 0.0, "sha256": {}}
    print(f"  PDF cluster row: {n} documents, {ROUNDS} alternating rounds…", flush=True)
    with bench_cluster(work / "pdf-cluster-procs") as cluster:
        for round_no in range(ROUNDS):
            sides = [("local", local, ""), ("cluster", remote, cluster.address)]
            for label, total, address in sides if round_no % 2 == 0 else sides[::-1]:
                result = pdf_stage(data, work / f"pdf-{label}", address, round_no, ROUNDS)
                total["wall_s"] += result["wall_s"]
                total["sha256"].update(result["sha256"])
                print(f"    round {round_no + 1} {label}: {result['wall_s']:.1f} s", flush=True)
        trivial = {}
        for label, size in (("empty", 0), ("150kb", 150_000)):
            out = subprocess.run([sys.executable, "-c", TRIVIAL_JOBS, cluster.address, "2000", str(size)],
                                 check=True, capture_output=True, text=True)
            trivial[label] = round(json.loads(out.stdout.strip().splitlines()[-1])["per_job_ms"], 2)
    same = sum(local["sha256"][k] == remote["sha256"].get(k) for k in local["sha256"])
    row = {
        "n": n,
        "local_s": round(local["wall_s"], 1),
        "cluster_s": round(remote["wall_s"], 1),
        "cluster_over_local": round(remote["wall_s"] / local["wall_s"], 3),
        # What the cluster adds per job and worker, from the two timings (two workers each side).
        "overhead_per_job_ms_from_timings": round((remote["wall_s"] - local["wall_s"]) * 2 / n * 1000, 1),
        "trivial_job_ms": trivial,
        "identical_pdfs": f"{same}/{len(local['sha256'])}",
        "one_pdf_local_s": round(local["wall_s"] * 2 / n, 3),
    }
    row["memory"] = pdf_memory(data)
    print(f"    {row}", flush=True)
    return row


PDF_MEMORY = (
    "import re, sys, json, itertools\n"
    "from pathlib import Path\n"
    "from zhenggai.data import load_all\n"
    "from zhenggai.data.dump import published_yaml\n"
    "from zhenggai.pdf.render import render_pdf\n"
    "from zhenggai.pdf.printhtml import DEFAULT_SITE, Rendering\n"
    "from zhenggai.overdue import reference_date\n"
    "def rss():\n"
    "    return int(re.search(r'VmRSS:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1)) // 1024\n"
    "docs = list(load_all([Path(sys.argv[1])]).collection)\n"
    "marks, out = [int(m) for m in sys.argv[2:]], {}\n"
    "for i, doc in enumerate(itertools.islice(itertools.cycle(docs), max(marks)), 1):\n"
    "    render_pdf(doc, published_yaml(doc), Rendering(DEFAULT_SITE, reference_date(None, docs)))\n"
    "    if i in marks:\n"
    "        out[i] = rss()\n"
    "print(json.dumps(out))\n"
)


def pdf_memory(data: Path) -> dict:
    """RSS (MB) of one process rendering documents one after another without recycling, after 10/50/200."""
    out = subprocess.run([sys.executable, "-c", PDF_MEMORY, str(data), *map(str, MEMORY_MARKS)],
                         check=True, capture_output=True, text=True)
    return {f"rss_mb_after_{k}": v for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


def main_cluster(sizes: list[int]) -> int:
    """Only the PDF cluster row, for each size (bench/cluster.json)."""
    from zhenggai.synth import write_documents

    rows = []
    for n in sizes:
        work = OUT / f"cluster-n{n}"
        shutil.rmtree(work, ignore_errors=True)
        write_documents(n, 1, work / "data")
        before = cpu_reference()
        row = pdf_cluster_row(work, work / "data")
        row["python_loop_10m_s"] = [before, cpu_reference()]
        rows.append(row)
        (OUT / "cluster.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n".join(cluster_lines(rows)))
    return 0


def cluster_lines(rows: list[dict]) -> list[str]:
    lines = ["\n| N | local pool s | local Dask cluster (2 × 1 thread) s | cluster / local | overhead per job ms (timings) "
             "| trivial job ms (empty / 150 KB) | identical PDFs | RSS MB after 10 / 50 / 200 PDFs |", "|" + "---|" * 8]
    for r in rows:
        m = r["memory"]
        lines.append(
            f"| {r['n']} | {r['local_s']} | {r['cluster_s']} | {r['cluster_over_local']:.2f} "
            f"| {r['overhead_per_job_ms_from_timings']} | {r['trivial_job_ms']['empty']} / {r['trivial_job_ms']['150kb']} "
            f"| {r['identical_pdfs']} | {' / '.join(str(v) for v in m.values())} |"
        )
    return lines


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
        floor = r["floor_mkdocs"]["wall_s"]
        warm_ratio = r["warm"]["wall_s"] / floor
        c = r["cold"]
        pages = c.get("page_generation_s") or c["wall_s"] - (c.get("pdf_s") or 0) - (c.get("search_s") or 0)
        page_ratio = pages / floor
        lines.append(
            f"\nN={r['n']}: warm / mkdocs floor = {warm_ratio:.2f}x; page generation (cold minus the time of"
            f" its PDF and search stages: {pages:.1f} s) / mkdocs floor ({floor} s) = {page_ratio:.2f}x; one changed"
            f" costs {r['one_changed']['wall_s'] - r['warm']['wall_s']:.1f} s more than warm"
        )
        if c.get("pdf_page_overlap_s"):
            lines.append(f"N={r['n']}: the PDF stage ran beside the page stage for {c['pdf_page_overlap_s']} s:"
                         " counted as PDF time, not page time")
        lines.append(verdict("page generation", page_ratio, r["n"]))
        lines.append(verdict("warm rebuild", warm_ratio, r["n"]))
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
        c, o = r["cold"], r.get("opendata")
        if o and c.get("pages_s"):
            # The stage runs in a worker process beside the page stage: its own time, and what it
            # adds to the build (the page stage waiting for it). Target: ≤ 10% of the page stage.
            lines.append(
                f"N={r['n']}: open data + feeds + 统计: own time {c.get('opendata_s')} s = "
                f"{c.get('opendata_s', 0) / c['pages_s']:.1%} of the page stage ({c['pages_s']} s), adds "
                f"{c.get('opendata_wait_s', 0)} s = {c.get('opendata_wait_s', 0) / c['pages_s']:.1%} to it; "
                f"统计 page {o['stats_page_kb']} KB, all publishers {o['publishers_page_kb']} KB; "
                f"{o['feeds']} feeds of at most {o['feed_entries_max']} entries ({o['feeds_mb']} MB); "
                f"data files {o['data_mb']} MB"
            )
        if r.get("pdfs_on_cluster"):
            lines.append(f"N={r['n']}: PDFs rendered on a local Dask cluster (2 × 1 thread); peak RSS includes it")
    lines += goal_lines(runs)
    cluster_rows = [r["pdf_cluster"] for r in runs if r.get("pdf_cluster")]
    if cluster_rows:
        lines += cluster_lines(cluster_rows)
    compared = [row for r in runs for row in r.get("search_vs_pagefind") or ()]
    if compared:
        from search_bench import table_lines as search_table

        lines += ["", "Search index beside Pagefind (same documents, bare search pages, gzip):", *search_table(compared)]
    return lines


def goal_lines(runs: list[dict]) -> list[str]:
    """The goals in plain words: which are met and which are missed at GOAL_SIZE documents."""
    run = next((r for r in runs if r["n"] == GOAL_SIZE), None)
    if run is None:
        return [f"\nGoals: not judged (they are set at {GOAL_SIZE:,} documents, not measured in this run so far)"]
    floor, c = run["floor_mkdocs"]["wall_s"], run["cold"]
    pages = c.get("page_generation_s") or c["wall_s"] - (c.get("pdf_s") or 0) - (c.get("search_s") or 0)
    ratios = {"page generation": pages / floor, "warm rebuild": run["warm"]["wall_s"] / floor}
    met = [f"{name} {ratio:.2f}× ≤ {GOALS[name]}×" for name, ratio in ratios.items() if ratio <= GOALS[name]]
    missed = [f"{name} {ratio:.2f}× > {GOALS[name]}×" for name, ratio in ratios.items() if ratio > GOALS[name]]
    return [f"\nGoals at {GOAL_SIZE:,} documents (against the mkdocs floor of this run, {floor} s):",
            f"  met: {'; '.join(met) or 'none'}", f"  MISSED: {'; '.join(missed) or 'none'}"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
