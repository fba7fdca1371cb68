"""Everything a site build needs, gathered before anything is written. Independent of MkDocs.

`prepare_site()` loads and validates the data, renders the PDFs (from cache when unchanged),
the open data, feeds and statistics, and every generated page, and returns one immutable
`SiteBundle`; an engine adapter only hands its parts to the engine. A data error (an archive
error included) raises `DataInvalid` before any output exists.
`finish_site()` adds what is written after the engine's pages: the search index and the PDFs
(each published one copied from `archive/pdf/` and its SHA-256 checked on the way), and lists
the PDF versions the build adds for `zhenggai build`, which records them in `archive/` once
the site is in place (build/publish.py). Nothing here writes into `archive/`.

The options (`zhenggai.options`) and the clock (`zhenggai.clock`) come from the caller: the
engine reads them once, from what `zhenggai build` handed it, or for a preview the engine
runs by itself (`make serve`), from the environment and the checkout.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType


from ..clock import read_clock
from ..data import Collection, ConfigError, Diagnostic, load_all, load_settings, pdf_cluster
from ..errors import ZhenggaiError
from ..fs import copy_file, describe_os_error, link_files, write_atomic
from ..log import checkpoint, logger
from ..opendata import start_open_data
from ..options import Options
from ..overdue import reference_date
from ..process import fewer_collections, keep_for_build, release_kept
from ..site import SITE_FEED, FeedLink, PdfLink, Renderer, SitePage, build_tracking, site_assets

log = logger("build")

class BuildBlocked(ZhenggaiError):
    """Something the reader would get wrong or broken: the build stops and publishes nothing.
    Raised for another error of the family, it keeps that error's code."""

    code = "build.blocked"


class DataInvalid(BuildBlocked):
    """The data has errors: nothing may be published."""

    code = "data.invalid"

    def __init__(self, diagnostics: tuple[Diagnostic, ...]):
        self.diagnostics = diagnostics
        errors = [str(d) for d in diagnostics if d.is_error]
        super().__init__(f"数据校验失败，共 {len(errors)} 个错误：\n" + "\n".join(errors))


@dataclass(frozen=True)
class SiteBundle:
    collection: Collection
    pages: Mapping[str, SitePage]  # by src_uri
    assets: Mapping[str, bytes]  # site path → content
    files: Mapping[str, Path]  # site path → file: the PDFs and their manifests
    diagnostics: tuple[Diagnostic, ...]
    data_dir: Path
    # Seconds per stage of prepare_site; `<stage>_began`/`_ended`: when, on the monotonic clock (one per machine)
    # (the benchmark takes stages that overlap apart).
    timings: Mapping[str, float] = field(default_factory=dict)
    cache_root: Path | None = None  # the project's .cache/ (load, PDF and search caches)
    # The open data and feeds: site path → file, hard-linked into the site like the PDFs.
    data_files: Mapping[str, Path] = field(default_factory=dict)
    archive: object | None = None  # the published PDF versions (pdf.versions.Archive)
    new_versions: tuple = ()  # the versions this build adds to it (pdf.Version)
    # The published PDFs: site path → SHA-256; copied from archive/pdf/, never linked.
    archived: Mapping[str, str] = field(default_factory=dict)
    options: Options = field(default_factory=Options)
    banner: str = ""  # HTML on top of every page: the errors, while the preview is blocked (preview.py)

    def page(self, src_uri: str) -> SitePage | None:
        return self.pages.get(src_uri)

    def feeds(self, src_uri: str) -> tuple[FeedLink, ...]:
        """The Atom feeds a page's head links: the site's, then those of what the page lists."""
        page = self.pages.get(src_uri)
        return (SITE_FEED, *(page.feeds if page else ()))

    @property
    def files_to_copy(self) -> dict[str, Path]:
        """The files the engine copies into the site (the manifests)."""
        return {path: source for path, source in self.files.items() if not path.endswith(".pdf")}

    @property
    def files_to_link(self) -> dict[str, Path]:
        """The new PDFs and the open data: files in the cache, hard-linked into the site, not copied."""
        pdfs = {path: source for path, source in self.files.items() if path.endswith(".pdf") and path not in self.archived}
        return {**pdfs, **self.data_files}


_lock_fd: int | None = None


def lock_caches(root: Path) -> None:
    """Take the project's cache lock (`.cache/build.lock`), waiting while another build holds it.

    The caches are single-writer: a `make site` while `make serve` rebuilds would otherwise
    let one build delete cache entries the other is linking into its site. Held from
    `prepare_site()` to the end of `finish_site()`; released by `release_caches()`, by the next
    `lock_caches()` of the same process, or when the process ends.
    """
    global _lock_fd
    release_caches()
    folder = root / ".cache"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "build.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.warning("另一个构建正在使用缓存（.cache/），等待它结束……")
        fcntl.flock(fd, fcntl.LOCK_EX)
    _lock_fd = fd


def release_caches() -> None:
    global _lock_fd
    if _lock_fd is not None:
        os.close(_lock_fd)  # closing the descriptor releases the flock
        _lock_fd = None


def prepare_site(root: Path, cache_dir: Path | None = None, site_name: str = "", site_url: str | None = None,
                 options: Options | None = None, partial: bool = False) -> SiteBundle:
    """Load, validate and render everything the site of the project at `root` contains.

    `site_name` titles the feeds and data catalogue; `site_url`, when set, makes their links
    absolute. `options`: the build's (default: this process's, `Options.from_environment()`);
    its clock comes from the caller (the engine adapter reads it once per build), or for a
    library call without one it is read here. Takes the cache lock (see `lock_caches`);
    `finish_site()` releases it, and so does an error here. `partial` (the preview only,
    build/preview.py): a data error leaves its file out instead of stopping the build.
    """
    lock_caches(root)
    release_kept()  # what an earlier build in this process kept
    try:
        with fewer_collections():
            bundle = _prepare_site(root, cache_dir, site_name, site_url, options or Options.from_environment(), partial)
        keep_for_build()
        return bundle
    except BaseException:
        release_caches()
        raise


def _prepare_site(root: Path, cache_dir: Path | None, site_name: str, site_url: str | None,
                  options: Options, partial: bool = False) -> SiteBundle:
    from ..pdf import open_archive

    timings: dict[str, float] = {}
    checkpoint("load")
    started = time.perf_counter()
    cache_root = root / ".cache"
    clock = options.clock or read_clock(root)
    try:
        settings = load_settings(root)
        cluster = pdf_cluster(settings, options) if options.pdfs else None
    except ConfigError as exc:
        raise BuildBlocked(str(exc), code=exc.code) from None
    result = load_all(settings=settings, cache_dir=cache_root / "load", clock=clock)
    # What was published, checked against the files and the data, PDFs or not: a change with
    # no change note is a data error like any other.
    archive, found = open_archive(root, result.collection, clock.reference, cache_root / "archive",
                                  present={path.stem for path in result.files})
    diagnostics = result.diagnostics + tuple(found)
    if (not result.ok or any(d.is_error for d in found)) and not partial:
        raise DataInvalid(diagnostics)
    collection = result.collection
    timings["load"] = time.perf_counter() - started
    links: dict[str, PdfLink] = {}
    files: dict[str, Path] = {}
    records = []
    if options.pdfs:
        checkpoint("pdf")
        started, timings["pdf_began"] = time.perf_counter(), time.monotonic()
        records, files = _write_pdfs(collection, cache_dir or cache_root / "pdf", cluster, archive, site_name)
        links = _pdf_links(records)
        timings["pdf"], timings["pdf_ended"] = time.perf_counter() - started, time.monotonic()
    new_versions = tuple(r.pending for r in records if r.pending)
    archived = {f"pdf/{r.filename}": r.sha256 for r in records if not r.pending}
    checkpoint("opendata")
    # Overdue is judged on zhenggai.yml's as_of, else the build's day (the clock: the commit's
    # for a clean checkout, so two builds of one commit agree); see zhenggai/overdue.py.
    as_of = reference_date(settings.as_of or clock.reference, collection)
    # Deadlines, the disclosure clock and rounds, judged once for the pages and the open data.
    started = time.perf_counter()
    tracking = build_tracking(collection.documents, as_of, settings.rules, collection.rounds)
    timings["tracking"] = time.perf_counter() - started
    # Runs in a worker process beside the page stage (see start_open_data). The open data
    # links each document's latest PDF version.
    job = start_open_data(collection, as_of, site_name or "整改公开", cache_root / "opendata",
                          site_url, {r.id: r for r in records if r.latest}, cache_root / "charts", tracking,
                          in_worker=options.opendata_worker)
    checkpoint("pages")
    page_started, timings["pages_began"] = time.perf_counter(), time.monotonic()
    try:
        renderer = Renderer(collection, links, records, tracking=tracking)
        pages = {page.src_uri: page for page in renderer.site_pages()}
        timings["pages"], timings["pages_ended"] = time.perf_counter() - page_started, time.monotonic()
        waited = time.perf_counter()
        open_data = job.result()
    except BaseException:
        job.cancel()
        raise
    timings["opendata_wait"] = time.perf_counter() - waited  # what the stage adds to the build's time
    timings["opendata"] = sum(open_data.timings.values())  # the stage's own time, in its process
    timings.update(open_data.timings)
    pages.update((page.src_uri, page) for page in open_data.pages)
    return SiteBundle(
        collection, MappingProxyType(pages), MappingProxyType(site_assets()), MappingProxyType(files),
        diagnostics, settings.data_dir, MappingProxyType(timings), cache_root=cache_root,
        data_files=MappingProxyType(dict(open_data.files)),
        archive=archive, new_versions=new_versions, archived=MappingProxyType(archived), options=options,
    )


def _pdf_links(records) -> dict[str, PdfLink]:
    """What each document page links: its latest PDF version, with the earlier ones (records come oldest first)."""
    versions: dict[str, list[PdfLink]] = {}
    for r in records:
        versions.setdefault(r.id, []).append(PdfLink(r.filename, r.bytes, r.pages, r.version, r.version_date))
    return {doc_id: replace(links[-1], earlier=tuple(links[:-1])) for doc_id, links in versions.items()}


def _write_pdfs(collection: Collection, cache_dir: Path, cluster, archive, site_name: str = ""):
    from ..pdf import ClusterError, FontMissingError, GlyphMissingError, write_pdfs

    out_dir = cache_dir / "out"
    try:
        records = write_pdfs(collection, out_dir, cache_dir, cluster=cluster, archive=archive, site_name=site_name)
    except (ClusterError, FontMissingError, GlyphMissingError) as exc:
        raise BuildBlocked(str(exc), code=exc.code) from None
    # New versions are in the output folder; published ones are taken from the archive itself.
    files = {f"pdf/{r.filename}": (out_dir if r.pending or archive is None else archive.folder / "pdf") / r.filename
             for r in records}
    for name in ("manifest.json", "manifest.csv"):
        files[f"pdf/{name}"] = out_dir / name
    return records, files


def write_search(bundle: SiteBundle, site_dir: Path, cache_dir: Path | None = None) -> float:
    """Write the static search index into the built site, reusing the index cached in `cache_dir`
    (default: the project's `.cache/search/`); returns the seconds it took."""
    from ..search import build_search_index

    started = time.perf_counter()
    if cache_dir is None and bundle.cache_root is not None:
        cache_dir = bundle.cache_root / "search"
    build_search_index(bundle.collection, site_dir / "search", cache_dir=cache_dir)
    return time.perf_counter() - started


def finish_site(bundle: SiteBundle, site_dir: Path) -> dict[str, float]:
    """After the engine wrote the pages: the search index and the PDFs go into `site_dir`, the
    versions the build adds are listed for `zhenggai build` (`Options.pending`), then the
    cache lock taken by `prepare_site()` is released.

    New PDFs and the open data are hard links into the cache; each published PDF is a copy of
    its file in `archive/pdf/` whose SHA-256 is checked as it is copied (BuildBlocked if it
    differs from the lock's): what the site publishes is what the archive recorded, and
    damage to the site's file cannot reach the archive or the other way round.
    Returns the seconds each of these stages took.
    """
    try:
        checkpoint("search")
        began = time.monotonic()
        timings = {"search": write_search(bundle, site_dir), "search_began": began, "search_ended": time.monotonic()}
        started = time.perf_counter()
        link_files(bundle.files_to_link, site_dir)
        copy_archived(bundle, site_dir)
        timings["pdf_link"] = time.perf_counter() - started
        if bundle.options.pending is not None:
            write_pending(bundle.options.pending, bundle.new_versions)
        return timings
    finally:
        release_caches()


def copy_archived(bundle: SiteBundle, site_dir: Path) -> None:
    """Copy each published PDF from the archive into the site, checking its SHA-256 on the way."""
    damaged = []
    for site_path, sha256 in bundle.archived.items():
        source, target = bundle.files[site_path], site_dir / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # a preview rebuilding into its folder (never the archive's file)
        try:
            digest = copy_file(source, target)
        except OSError as exc:
            raise BuildBlocked(f"无法把已发布的 PDF {source} 复制到网站（{describe_os_error(exc)}）") from None
        if digest != sha256:
            damaged.append(f"{source}: 内容与 archive/versions.json 记录的不一致（SHA-256 应为 {sha256[:16]}…）："
                           "已发布的 PDF 不能改动或替换，请从版本库恢复原文件（git checkout -- archive/）")
    if damaged:
        raise BuildBlocked("构建已停止：\n" + "\n".join(damaged))


def write_pending(path: Path, versions) -> None:
    """List the PDF versions this build adds (for `zhenggai build` to record once it has published)."""
    rows = [{"id": v.doc_id, "version": v.as_json()} for v in versions]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8"))


def write_timings(timings: Mapping[str, float], path: Path) -> None:
    """Record how long each stage took (read by the benchmark)."""
    path.write_text(json.dumps(dict(timings), indent=1, sort_keys=True), encoding="utf-8")
