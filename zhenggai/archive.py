"""The PDF stage of a build, and the archive integrity around it: records, cache, manifests.

`write_pdfs()` is what the site build calls: one `<id>.pdf` per document, reused from the
cache or rendered in parallel, plus `manifest.json` and `manifest.csv`. It imports WeasyPrint
only when something must be rendered, and then only in the worker processes: a rebuild whose
PDFs all come from the cache costs a few file reads per document.

A cache entry is the PDF of one document under a key that digests everything its bytes depend
on. Entries are immutable: written once under a new name, never rewritten in place, so the
output folder and the published site hold hard links to them rather than copies. The manifests
list every PDF with its SHA-256 and hold no build time, so an unchanged archive gives unchanged
manifests.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .model import Document
from .pdf_fonts import GlyphMissingError, check_fonts, check_subsetting, harfbuzz_subsetting

logger = logging.getLogger("zhenggai.pdf")

MANIFEST_FIELDS = ("id", "title", "index_no", "published", "written", "pages", "bytes", "sha256", "filename")


@dataclass(frozen=True)
class PdfRecord:
    """One archival PDF as the archive page and the manifests list it."""

    id: str
    title: str
    index_no: str | None
    published: dt.date
    written: dt.date | None
    pages: int
    bytes: int
    sha256: str
    filename: str
    # Whether this build rendered the PDF (false: reused from the cache). Not in the manifests.
    rendered: bool = field(default=False, compare=False)

    def manifest_row(self) -> dict[str, str | int | None]:
        return {
            "id": self.id,
            "title": self.title,
            "index_no": self.index_no,
            "published": self.published.isoformat(),
            "written": self.written.isoformat() if self.written else None,
            "pages": self.pages,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "filename": self.filename,
        }


def make_record(doc: Document, path: Path, pages: int, rendered: bool) -> PdfRecord:
    """The record of `doc`'s PDF at `path`, digested from the file itself."""
    data = path.read_bytes()
    entry = CacheEntry(path, pages, len(data), hashlib.sha256(data).hexdigest())
    return entry_record(doc, entry, path.name, rendered)


def entry_record(doc: Document, entry: CacheEntry, filename: str, rendered: bool) -> PdfRecord:
    """The record of `doc`'s PDF from its cache entry, without reading the PDF again."""
    return PdfRecord(
        id=doc.id,
        title=doc.title,
        index_no=doc.metadata.index_no,
        published=doc.metadata.published,
        written=doc.metadata.written,
        pages=entry.pages,
        bytes=entry.bytes,
        sha256=entry.sha256,
        filename=filename,
        rendered=rendered,
    )


def environment_digest(files: Iterable[Path], fonts: Iterable[Path], versions: Iterable[str]) -> str:
    """Digest of what every PDF depends on: template, CSS and code `files`, `fonts`, `versions`."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"file {path.name} ".encode() + hashlib.sha256(path.read_bytes()).digest())
    for path in sorted(fonts):
        # Fonts are 20–30 MB each: their identity is where they are, their size and their mtime.
        stat = path.stat()
        digest.update(f"font {path} {stat.st_size} {stat.st_mtime_ns}".encode())
    for text in versions:
        digest.update(f"version {text}".encode())
    return digest.hexdigest()


def cache_key(environment: str, doc_id: str, source: bytes) -> str:
    """Key of one document's PDF: the shared environment, its id and its YAML bytes."""
    digest = hashlib.sha256(f"{environment} {doc_id} ".encode())
    digest.update(source)
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

    def entry(self, doc_id: str, key: str) -> CacheEntry | None:
        """The cached PDF of `doc_id` under `key`, or None when missing or damaged."""
        pdf, meta = self._paths(doc_id, key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            entry = CacheEntry(pdf, int(info["pages"]), int(info["bytes"]), str(info["sha256"]))
            size = pdf.stat().st_size
        except (OSError, ValueError, KeyError, TypeError):
            return None
        # The size is free to check; a full digest of every PDF on every build is not.
        return entry if size == entry.bytes else None

    def lookup(self, doc_id: str, key: str) -> tuple[Path, int] | None:
        """The cached PDF and its page count, or None."""
        entry = self.entry(doc_id, key)
        return (entry.path, entry.pages) if entry else None

    def store(self, doc_id: str, key: str, data: bytes, pages: int) -> CacheEntry:
        """Keep `data` under `key`, dropping older entries of the same document."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pdf, meta = self._paths(doc_id, key)
        for old in self.folder.glob(f"{doc_id}.*.*"):
            if old.name.split(".")[0] == doc_id and old not in (pdf, meta):
                old.unlink(missing_ok=True)
        entry = CacheEntry(pdf, pages, len(data), hashlib.sha256(data).hexdigest())
        _write_atomic(pdf, data)
        _write_atomic(meta, json.dumps({"pages": pages, "bytes": entry.bytes, "sha256": entry.sha256}).encode())
        return entry


def _write_atomic(path: Path, data: bytes) -> None:
    # A build killed halfway must not leave a truncated file that a later build would reuse,
    # and a file that may be hard-linked elsewhere is replaced, never rewritten.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def link_file(source: Path, target: Path) -> None:
    """Make `target` a hard link to `source` (a copy across file systems), replacing it atomically.

    Never writes into an existing `target`: a published site may share its inode.
    """
    try:
        if os.path.samestat(source.stat(), target.stat()):
            return
    except FileNotFoundError:
        pass
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def link_files(files: dict[str, Path], site_dir: Path) -> None:
    """Hard-link each file of `files` (site path → file) into `site_dir`."""
    folders: set[Path] = set()
    for site_path, source in files.items():
        target = site_dir / site_path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        link_file(source, target)


def write_manifests(records: Iterable[PdfRecord], out_dir: Path) -> None:
    """Write manifest.json and manifest.csv (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    rows = [record.manifest_row() for record in records]
    document = {"format": "zhenggai-pdf-manifest/1", "algorithm": "sha256", "count": len(rows), "documents": rows}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _write_atomic(out_dir / "manifest.json", text.encode("utf-8"))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    _write_atomic(out_dir / "manifest.csv", buffer.getvalue().encode("utf-8-sig"))


class Progress:
    """A progress bar on stderr, shown only when there is more than a handful to do."""

    HANDFUL = 5

    def __init__(self, total: int, label: str = "PDF") -> None:
        self.total, self.done, self.label = total, 0, label
        self.shown = total > self.HANDFUL
        self.tty = sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if not self.shown:
            return
        if self.tty:
            filled = 30 * self.done // self.total
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                sys.stderr.write("\n")
        elif self.done == self.total or self.done % max(1, self.total // 10) == 0:
            sys.stderr.write(f"{self.label} {self.done}/{self.total}\n")
        sys.stderr.flush()


def pdf_environment(fonts: Iterable[Path]) -> str:
    """Digest of what every PDF depends on besides its document: print templates, code, `fonts`, versions."""
    package = Path(__file__).parent
    files = [*sorted((package / "templates" / "print").iterdir())]
    files += [package / name for name in ("pdf.py", "pdf_fonts.py", "model.py", "numbering.py")]
    versions = [
        f"zhenggai {version('zhenggai')}",
        f"weasyprint {version('weasyprint')}",
        f"pydyf {version('pydyf')}",
        f"fonttools {version('fonttools')}",
        f"harfbuzz-subset {harfbuzz_subsetting()}",
    ]
    return environment_digest([f for f in files if f.is_file()], fonts, versions)


def write_pdfs(collection, out_dir: Path, cache_dir: Path, jobs: int | None = None) -> list[PdfRecord]:
    """Write `<id>.pdf` of every document of `collection` into `out_dir`, with manifest.json/.csv.

    PDFs whose inputs are unchanged come from `cache_dir`; the others are rendered across
    `jobs` processes (default: one per core). The PDFs in `out_dir` are hard links to the cache
    entries. Raises FontMissingError before writing anything when a CJK font is missing.
    Records come in the collection's order (newest first).
    """
    started = time.perf_counter()
    environment = pdf_environment(check_fonts())
    cache = PdfCache(cache_dir)
    documents = list(collection)
    sources = {doc.id: collection.source(doc.id).read_bytes() for doc in documents}
    keys = {doc.id: cache_key(environment, doc.id, sources[doc.id]) for doc in documents}
    entries = {doc.id: cache.entry(doc.id, keys[doc.id]) for doc in documents}
    todo = [doc for doc in documents if entries[doc.id] is None]
    if todo:
        check_subsetting()
        # The biggest first, so that no long document is left to run alone at the end.
        todo.sort(key=lambda doc: len(sources[doc.id]), reverse=True)
        entries.update(_render_all([(doc, sources[doc.id], cache_dir, keys[doc.id]) for doc in todo], jobs))
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = {doc.id for doc in todo}
    records = []
    for doc in documents:
        target = out_dir / f"{doc.id}.pdf"
        link_file(entries[doc.id].path, target)
        records.append(entry_record(doc, entries[doc.id], target.name, rendered=doc.id in rendered))
    for stale in out_dir.glob("*.pdf"):
        if stale.stem not in keys:
            stale.unlink()
    write_manifests(records, out_dir)
    logger.info(
        "PDF:渲染 %d 个,复用缓存 %d 个,用时 %.1f 秒",
        len(todo), len(documents) - len(todo), time.perf_counter() - started,
    )
    return records


def _render_all(jobs_args: list[tuple], jobs: int | None) -> dict[str, CacheEntry]:
    """Render each (document, source, cache folder, key) into the cache, across processes when more than one."""
    workers = min(jobs or _cores(), len(jobs_args))
    progress = Progress(len(jobs_args))
    done: dict[str, CacheEntry] = {}
    errors: list[str] = []
    if workers <= 1:
        for args in jobs_args:
            try:
                doc_id, entry = _render_job(*args)
                done[doc_id] = entry
            except GlyphMissingError as exc:
                errors.append(str(exc))
            progress.step()
    else:
        # forkserver, not fork: the build may run in a thread of a server (mkdocs serve), and
        # forking a threaded process can deadlock. The server imports the renderer once, so
        # every worker starts with WeasyPrint loaded and this process never loads it.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["zhenggai.pdf"])
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(_render_job, *args) for args in jobs_args]
            try:
                for future in as_completed(futures):
                    try:
                        doc_id, entry = future.result()
                        done[doc_id] = entry
                    except GlyphMissingError as exc:
                        errors.append(str(exc))
                    progress.step()
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
    if errors:
        raise GlyphMissingError("\n".join(sorted(errors)))
    return done


def _render_job(doc: Document, source: bytes, cache_dir: Path, key: str) -> tuple[str, CacheEntry]:
    """Render one document into the cache (in a worker process, or here when there is one job)."""
    from .pdf import render_pdf  # the heavy part: only where something is rendered

    result = render_pdf(doc, source)
    return doc.id, PdfCache(cache_dir).store(doc.id, key, result.data, result.pages)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1
