"""Archive integrity around the PDFs: records, the render cache and the manifests.

No WeasyPrint here. A cache entry is the PDF of one document under a key that digests
everything its bytes depend on; the manifests list every PDF with its SHA-256 and hold
no build time, so an unchanged archive gives unchanged manifests.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document

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
    return PdfRecord(
        id=doc.id,
        title=doc.title,
        index_no=doc.metadata.index_no,
        published=doc.metadata.published,
        written=doc.metadata.written,
        pages=pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        filename=path.name,
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


class PdfCache:
    """`<id>.<key>.pdf` with `<id>.<key>.json` (the page count) in one folder; one entry per id."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, doc_id: str, key: str) -> tuple[Path, Path]:
        return self.folder / f"{doc_id}.{key}.pdf", self.folder / f"{doc_id}.{key}.json"

    def lookup(self, doc_id: str, key: str) -> tuple[Path, int] | None:
        """The cached PDF and its page count, or None."""
        pdf, meta = self._paths(doc_id, key)
        try:
            pages = json.loads(meta.read_text(encoding="utf-8"))["pages"]
        except (OSError, ValueError, KeyError):
            return None
        return (pdf, pages) if pdf.is_file() else None

    def store(self, doc_id: str, key: str, data: bytes, pages: int) -> Path:
        """Keep `data` under `key`, dropping older entries of the same document."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pdf, meta = self._paths(doc_id, key)
        for old in self.folder.glob(f"{doc_id}.*.*"):
            if old.name.split(".")[0] == doc_id and old not in (pdf, meta):
                old.unlink(missing_ok=True)
        _write_atomic(pdf, data)
        _write_atomic(meta, json.dumps({"pages": pages}).encode())
        return pdf


def _write_atomic(path: Path, data: bytes) -> None:
    # A build killed halfway must not leave a truncated PDF that a later build would reuse.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_manifests(records: Iterable[PdfRecord], out_dir: Path) -> None:
    """Write manifest.json and manifest.csv (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    rows = [record.manifest_row() for record in records]
    document = {"format": "zhenggai-pdf-manifest/1", "algorithm": "sha256", "count": len(rows), "documents": rows}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    (out_dir / "manifest.json").write_text(text, encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    (out_dir / "manifest.csv").write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


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
