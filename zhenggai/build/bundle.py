"""Everything a site build needs, gathered before anything is written. Independent of MkDocs.

`prepare_site()` loads and validates the data, renders the PDFs (from cache when unchanged),
the open data, feeds and statistics, and every generated page, and returns one immutable
`SiteBundle`; an engine adapter only hands its parts to the engine. A data error (an archive
error included) raises `DataInvalid` before any output exists.
`finish_site()` adds what is written after the engine's pages: the search index and the PDFs,
then, in a publishing build, the new PDF versions into the project's `archive/`.
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


from ..data import Collection, ConfigError, Diagnostic, load_all, load_settings, pdf_cluster
from ..fs import link_files
from ..log import checkpoint, logger
from ..opendata import start_open_data
from ..overdue import reference_date
from ..site import SITE_FEED, FeedLink, PdfLink, Renderer, SitePage, build_tracking, preview_error_pages, site_assets
from .publish import build_date

log = logger("build")

class BuildBlocked(Exception):
    """Something the reader would get wrong or broken: the build stops and publishes nothing."""


class DataInvalid(BuildBlocked):
    """The data has errors: nothing may be published."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]):
        self.diagnostics = diagnostics
        errors = [str(d) for d in diagnostics if d.is_error]
        super().__init__(f"数据校验失败,共 {len(errors)} 个错误:\n" + "\n".join(errors))


@dataclass(frozen=True)
class SiteBundle:
    collection: Collection
    pages: Mapping[str, SitePage]  # by src_uri
    assets: Mapping[str, bytes]  # site path → content
    files: Mapping[str, Path]  # site path → file: the PDFs and their manifests
    diagnostics: tuple[Diagnostic, ...]
    data_dir: Path
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per stage of prepare_site
    cache_root: Path | None = None  # the project's .cache/ (load, PDF and search caches)
    # The open data and feeds: site path → file, hard-linked into the site like the PDFs.
    data_files: Mapping[str, Path] = field(default_factory=dict)
    archive: object | None = None  # the published PDF versions (pdf.versions.Archive)
    new_versions: tuple = ()  # the versions this build adds to it (pdf.Version)
    record_versions: bool = False  # whether finish_site() writes them into archive/ (a publishing build)

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
        """The PDFs and the open data: files in the cache, hard-linked into the site, not copied."""
        pdfs = {path: source for path, source in self.files.items() if path.endswith(".pdf")}
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
        log.warning("另一个构建正在使用缓存(.cache/),等待它结束……")
        fcntl.flock(fd, fcntl.LOCK_EX)
    _lock_fd = fd


def release_caches() -> None:
    global _lock_fd
    if _lock_fd is not None:
        os.close(_lock_fd)  # closing the descriptor releases the flock
        _lock_fd = None


def prepare_site(root: Path, cache_dir: Path | None = None, pdfs: bool = True,
                 site_name: str = "", site_url: str | None = None, record_versions: bool = False) -> SiteBundle:
    """Load, validate and render everything the site of the project at `root` contains.

    `site_name` titles the feeds and data catalogue; `site_url`, when set, makes their links
    absolute. `record_versions`: a publishing build, whose new PDF versions `finish_site()`
    writes into archive/. Takes the cache lock (see `lock_caches`); `finish_site()` releases
    it, and so does an error here.
    """
    lock_caches(root)
    try:
        return _prepare_site(root, cache_dir, pdfs, site_name, site_url, record_versions)
    except BaseException:
        release_caches()
        raise


def _prepare_site(root: Path, cache_dir: Path | None, pdfs: bool, site_name: str,
                  site_url: str | None, record_versions: bool) -> SiteBundle:
    from ..pdf import open_archive

    timings: dict[str, float] = {}
    checkpoint("load")
    started = time.perf_counter()
    cache_root = root / ".cache"
    try:
        settings = load_settings(root)
        cluster = pdf_cluster(settings, os.environ) if pdfs else None
    except ConfigError as exc:
        raise BuildBlocked(str(exc)) from None
    result = load_all(settings=settings, cache_dir=cache_root / "load")
    # What was published, checked against the files and the data, PDFs or not: a change with
    # no change note is a data error like any other.
    archive, found = open_archive(root, result.collection, build_date(root), cache_root / "archive",
                                  present={path.stem for path in result.files})
    diagnostics = result.diagnostics + tuple(found)
    if not result.ok or any(d.is_error for d in found):
        raise DataInvalid(diagnostics)
    collection = result.collection
    timings["load"] = time.perf_counter() - started
    links: dict[str, PdfLink] = {}
    files: dict[str, Path] = {}
    records = []
    if pdfs:
        checkpoint("pdf")
        started = time.perf_counter()
        records, files = _write_pdfs(collection, cache_dir or cache_root / "pdf", cluster, archive)
        links = _pdf_links(records)
        timings["pdf"] = time.perf_counter() - started
    new_versions = tuple(r.pending for r in records if r.pending)
    if new_versions and not record_versions:
        log.info("预览:%d 个新的 PDF 版本(%s)未写入 archive/;发布时(zhenggai build)才会记录",
                 len(new_versions), "、".join(v.filename for v in new_versions[:5]))
    checkpoint("opendata")
    # Overdue is judged on the day of the commit being built (set by build.publish), so two
    # builds of one commit agree; see zhenggai/overdue.py for the whole rule.
    as_of = reference_date(settings.as_of, collection)
    # Deadlines, the disclosure clock and rounds, judged once for the pages and the open data.
    tracking = build_tracking(collection.documents, as_of, settings.rules, collection.rounds)
    # Runs in a worker process beside the page stage (see start_open_data). The open data
    # links each document's latest PDF version.
    job = start_open_data(collection, as_of, site_name or "整改公开", cache_root / "opendata",
                          site_url, {r.id: r for r in records if r.latest}, cache_root / "charts", tracking)
    checkpoint("pages")
    page_started = time.perf_counter()
    try:
        renderer = Renderer(collection, links, records, tracking=tracking)
        pages = {page.src_uri: page for page in renderer.site_pages()}
        timings["pages"] = time.perf_counter() - page_started
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
        archive=archive, new_versions=new_versions, record_versions=record_versions,
    )


def _pdf_links(records) -> dict[str, PdfLink]:
    """What each document page links: its latest PDF version, with the earlier ones (records come oldest first)."""
    versions: dict[str, list[PdfLink]] = {}
    for r in records:
        versions.setdefault(r.id, []).append(PdfLink(r.filename, r.bytes, r.pages, r.version, r.version_date))
    return {doc_id: replace(links[-1], earlier=tuple(links[:-1])) for doc_id, links in versions.items()}


def _write_pdfs(collection: Collection, cache_dir: Path, cluster, archive):
    from ..pdf import ClusterError, FontMissingError, GlyphMissingError, write_pdfs

    out_dir = cache_dir / "out"
    try:
        records = write_pdfs(collection, out_dir, cache_dir, cluster=cluster, archive=archive)
    except (ClusterError, FontMissingError, GlyphMissingError) as exc:
        raise BuildBlocked(str(exc)) from None
    files = {f"pdf/{r.filename}": out_dir / r.filename for r in records}
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
    """After the engine wrote the pages: the search index and the PDFs (hard links from the
    cache) go into `site_dir`, then the cache lock taken by `prepare_site()` is released.

    Returns the seconds each of these stages took.
    """
    try:
        checkpoint("search")
        timings = {"search": write_search(bundle, site_dir)}
        started = time.perf_counter()
        link_files(bundle.files_to_link, site_dir)
        timings["pdf_link"] = time.perf_counter() - started
        if bundle.record_versions:
            _record_versions(bundle)
        return timings
    finally:
        release_caches()


def _record_versions(bundle: SiteBundle) -> None:
    """Write this build's new PDF versions into archive/ (last: everything else has succeeded)."""
    if not bundle.new_versions:
        return
    sources = {Path(path).name: source for path, source in bundle.files.items() if path.endswith(".pdf")}
    bundle.archive.record(bundle.new_versions, sources)
    log.info(
        "PDF 归档:新增 %d 个版本,已写入 archive/(%s)和 archive/versions.json。"
        "请把 archive/ 提交到版本库(git add archive && git commit):已发布的 PDF 以它为准,不再重新生成",
        len(bundle.new_versions), "、".join(v.file for v in bundle.new_versions[:5])
        + ("等" if len(bundle.new_versions) > 5 else ""),
    )


def write_timings(timings: Mapping[str, float], path: Path) -> None:
    """Record how long each stage took (read by the benchmark)."""
    path.write_text(json.dumps(dict(timings), indent=1, sort_keys=True), encoding="utf-8")


def preview_error_bundle(error: BuildBlocked, root: Path, previous: SiteBundle | None) -> SiteBundle:
    """What the preview shows while the build is blocked: the errors, at every path it had.

    Only `make serve` asks for this (ZHENGGAI_PREVIEW=1); a publishing build fails instead.
    """
    release_caches()
    paths = [page.path for page in previous.pages.values()] if previous else []
    pages = {page.src_uri: page for page in preview_error_pages(str(error), paths)}
    settings = load_settings(root)
    diagnostics = error.diagnostics if isinstance(error, DataInvalid) else ()
    return SiteBundle(Collection(), MappingProxyType(pages), MappingProxyType(site_assets()),
                      MappingProxyType({}), diagnostics, settings.data_dir, cache_root=None)
