"""The PDF stage of a build, and the archive integrity around it: records, cache, manifests.

`write_pdfs()` is what the site build calls: one `<id>.pdf` per document, reused from the
cache or rendered in parallel (local processes or a Dask cluster), plus `manifest.json` and
`manifest.csv`; given the project's archive (versions.py), every published version instead,
and only new versions rendered. It imports WeasyPrint only when something must be rendered,
and then only in the worker processes: a rebuild whose PDFs all come from the cache costs a
few file reads per document.

A cache entry is the PDF of one document under a key that digests everything its bytes depend
on. Entries are immutable: written once under a new name, never rewritten in place, so the
output folder and the site hold hard links to them rather than copies (a published version's
PDF is instead copied from `archive/pdf/` into the site, see build.bundle.finish_site). The manifests
list every PDF with its SHA-256 and hold no build time, so an unchanged archive gives unchanged
manifests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..fs import file_sha256, link_file, write_atomic
from ..log import Progress, checkpoint
from ..log import logger as stage_logger
from ..data.cluster_settings import Cluster
from ..data.dump import published_yaml
from ..model import Document
from ..clock import read_clock
from ..overdue import reference_date
from ..process import exit_with
from .batch import RECYCLE_AFTER
from .environment import CODE, environment_digest, pdf_environment  # noqa: F401 (the cache key's parts)
from .fonts import GlyphMissingError, check_fonts, check_subsetting
from .printhtml import DEFAULT_SITE, Rendering
from .records import PdfRecord, entry_record, write_manifests
from .versions import Archive

logger = stage_logger("pdf")


def cache_key(environment: str, doc_id: str, source: bytes, rendering: Rendering | None = None) -> str:
    """Key of one document's PDF: the shared environment, its id, its published YAML and what the
    copy says of itself (the site and the day it was made)."""
    digest = hashlib.sha256(f"{environment} {doc_id} ".encode())
    digest.update(source)
    if rendering is not None:
        digest.update(f" {rendering.site} {rendering.date.isoformat()}".encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class CacheEntry:
    """One cached PDF: its file, page count, size and SHA-256 (kept beside it, not recomputed)."""

    path: Path
    pages: int
    bytes: int
    sha256: str


class PdfCache:
    """`<id>.<key>.pdf` with `<id>.<key>.json` (pages, size, digest) in one folder; one entry per id.

    An entry is never written into once it exists: the output folder and published sites may
    hold hard links to it.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, doc_id: str, key: str) -> tuple[Path, Path]:
        return self.folder / f"{doc_id}.{key}.pdf", self.folder / f"{doc_id}.{key}.json"

    def entry(self, doc_id: str, key: str, whole: bool = False) -> CacheEntry | None:
        """The cached PDF of `doc_id` under `key`, or None when missing or damaged. The size is
        free to check; `whole` also checks its digest (for a PDF about to become a permanent
        version: a preview's site shares the entry's file, and a reader may have edited it)."""
        pdf, meta = self._paths(doc_id, key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            entry = CacheEntry(pdf, int(info["pages"]), int(info["bytes"]), str(info["sha256"]))
            size = pdf.stat().st_size
            if size == entry.bytes and whole and file_sha256(pdf) != entry.sha256:
                logger.warning("PDF 缓存 %s 的内容与渲染时记下的不同（可能在预览网站中被改动过），重新生成", pdf.name)
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return entry if size == entry.bytes else None

    def store(self, doc_id: str, key: str, data: bytes, pages: int) -> CacheEntry:
        """Keep `data` under `key`, dropping older entries of the same document."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pdf, meta = self._paths(doc_id, key)
        for old in self.folder.glob(f"{doc_id}.*.*"):
            if old.name.split(".")[0] == doc_id and old not in (pdf, meta):
                old.unlink(missing_ok=True)
        entry = CacheEntry(pdf, pages, len(data), hashlib.sha256(data).hexdigest())
        write_atomic(pdf, data)
        write_atomic(meta, json.dumps({"pages": pages, "bytes": entry.bytes, "sha256": entry.sha256}).encode())
        return entry


def write_pdfs(
    collection, out_dir: Path, cache_dir: Path, jobs: int | None = None, cluster: Cluster | str | None = None,
    archive: Archive | None = None, site_name: str = "", rendered_on: dt.date | None = None,
) -> list[PdfRecord]:
    """Write `<id>.pdf` of every document of `collection` into `out_dir`, with manifest.json/.csv.

    PDFs whose inputs are unchanged come from `cache_dir`; the others are rendered across
    `jobs` processes (default: one per core), or on the Dask `cluster` (data/cluster_settings.py;
    an address alone, `tcp://HOST:PORT`, for one on this machine: see cluster.py). The PDFs in `out_dir` are hard links to
    the cache entries. Each PDF says at its end which site (`site_name`) made it and when: the
    date of the version it becomes (versions.py), else `rendered_on`, else the clock's day.
    Raises FontMissingError before writing anything when a CJK font is
    missing, ClusterError when the cluster cannot be used. Records come in the collection's
    order (newest first).

    With an `archive` (versions.py), the records list every published version of each document
    instead, `out_dir` holds only the new versions (published ones stay in `archive/pdf/`), and
    only documents that need a new version are rendered (by whichever executor: the bytes are
    taken from the cache entry either way).
    """
    started = time.perf_counter()
    documents = list(collection)
    # With an `archive` (versions.py), a document its latest published version already holds is
    # not rendered, nor looked up in the cache: its PDFs are the published bytes.
    fresh = [doc for doc in documents if archive is None or archive.needs_version(doc.id)]
    environment = pdf_environment(check_fonts()) if fresh else ""
    cache = PdfCache(cache_dir)
    # The data as published, never the staff's file: its comments are not for the public.
    sources = {doc.id: published_yaml(doc) for doc in fresh}
    # The day a copy says it was made: its version's (the build's clock, versions.py), else for a
    # library call without an archive the clock's day, else the newest document's. With an archive
    # the clock is not read here at all.
    day = None if archive else rendered_on or read_clock().reference or reference_date(None, documents)
    renderings = {doc.id: Rendering(site_name or DEFAULT_SITE, archive.version_date(doc) if archive else day)
                  for doc in fresh}
    keys = {doc.id: cache_key(environment, doc.id, sources[doc.id], renderings[doc.id]) for doc in fresh}
    # What an archive will record is checked whole; a build without one only by size.
    entries = {doc.id: cache.entry(doc.id, keys[doc.id], whole=archive is not None) for doc in fresh}
    todo = [doc for doc in fresh if entries[doc.id] is None]
    if todo:
        check_subsetting()
        # The biggest first, so that no long document is left to run alone at the end.
        todo.sort(key=lambda doc: len(sources[doc.id]), reverse=True)
        if cluster:
            entries.update(_render_on_cluster(cluster, [(doc, sources[doc.id], renderings[doc.id]) for doc in todo],
                                              cache, keys))
        else:
            entries.update(_render_all([(doc, sources[doc.id], renderings[doc.id], cache_dir, keys[doc.id])
                                        for doc in todo], jobs))
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = {doc.id for doc in todo}
    if archive is None:
        records = [entry_record(doc, entries[doc.id], f"{doc.id}.pdf", rendered=doc.id in rendered) for doc in documents]
        files = {record.filename: entries[record.id].path for record in records}
    else:
        records, files = archive.place(documents, entries, rendered)
        # A published version stays in archive/pdf/ (the build copies it into the site from
        # there): a link to it here would let damage to the cache reach the archive.
        files = {r.filename: files[r.filename] for r in records if r.pending}
    for name, source in files.items():
        link_file(source, out_dir / name)
    for stale in out_dir.glob("*.pdf"):
        if stale.name not in files:
            stale.unlink()
    write_manifests(records, out_dir)
    logger.info(
        "PDF：渲染 %d 个，复用缓存 %d 个，已归档未改动 %d 个，用时 %.1f 秒",
        len(todo), len(fresh) - len(todo), len(documents) - len(fresh), time.perf_counter() - started,
    )
    return records


def _render_on_cluster(cluster: Cluster | str, jobs: list[tuple], cache: PdfCache, keys: dict[str, str]) -> dict[str, CacheEntry]:
    """The cluster renders, this process stores: the cache is written here exactly as the local jobs write it."""
    from .cluster import render_on_cluster  # imports Dask: only when a cluster is set

    done: dict[str, CacheEntry] = {}

    def store(doc_id: str, data: bytes, pages: int) -> None:
        done[doc_id] = cache.store(doc_id, keys[doc_id], data, pages)

    render_on_cluster(cluster, jobs, store)
    return done


def _render_all(jobs_args: list[tuple], jobs: int | None) -> dict[str, CacheEntry]:
    """Render each (document, source, rendering, cache folder, key) into the cache, across processes when more than one."""
    workers = min(jobs or _cores(), len(jobs_args))
    progress = Progress(len(jobs_args), "PDF", logger)
    done: dict[str, CacheEntry] = {}
    errors: list[GlyphMissingError] = []
    if workers <= 1:
        for args in jobs_args:
            try:
                doc_id, entry = _render_job(*args)
                done[doc_id] = entry
            except GlyphMissingError as exc:
                errors.append(exc)
            progress.step()
    else:
        # forkserver, not fork: the build may run in a thread of a server (mkdocs serve), and
        # forking a threaded process can deadlock. The server imports the renderer once, so
        # every worker starts with WeasyPrint loaded and this process never loads it.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["zhenggai.pdf.render"])
        # A new pool every RECYCLE_AFTER documents per process bounds each process's memory
        # (see batch.py). Not max_tasks_per_child: Python 3.11's pool deadlocks with it
        # (CPython gh-115634; seen here with 200 trivial jobs).
        step = RECYCLE_AFTER * workers
        for first in range(0, len(jobs_args), step):
            _render_in_pool(context, workers, jobs_args[first:first + step], done, errors, progress)
    if errors:  # a text overflow is said as such when it is the only kind (its own code)
        kinds = {type(exc) for exc in errors}
        raise (kinds.pop() if len(kinds) == 1 else GlyphMissingError)("\n".join(sorted(map(str, errors))))
    return done


def _render_in_pool(context, workers: int, jobs_args: list[tuple], done: dict, errors: list, progress) -> None:
    # Each worker exits when this process does, even when it is killed outright: a killed
    # build leaves no worker behind (see zhenggai.process).
    with ProcessPoolExecutor(min(workers, len(jobs_args)), mp_context=context,
                             initializer=exit_with, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_render_job, *args) for args in jobs_args]
        try:
            for future in as_completed(futures):
                try:
                    doc_id, entry = future.result()
                    done[doc_id] = entry
                except GlyphMissingError as exc:
                    errors.append(exc)
                progress.step()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _render_job(doc: Document, source: bytes, rendering: Rendering, cache_dir: Path,
                key: str) -> tuple[str, CacheEntry]:
    """Render one document into the cache (in a worker process, or here when there is one job)."""
    from .render import render_pdf  # the heavy part: only where something is rendered

    checkpoint("render")
    result = render_pdf(doc, source, rendering)
    return doc.id, PdfCache(cache_dir).store(doc.id, key, result.data, result.pages)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1
