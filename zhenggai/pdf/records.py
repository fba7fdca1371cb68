"""What the archive lists about each PDF: `PdfRecord`, and the manifests (JSON, CSV).

With an archive (versions.py) there is one record per published version of a document, in
the collection's order and, within a document, oldest first; the manifests list them all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..csvfile import csv_bytes
from ..fs import write_atomic
from ..model import Document
from .lock import Version

MANIFEST_FORMAT = "zhenggai-pdf-manifest/2"
MANIFEST_FIELDS = (
    "id", "version", "latest", "version_date", "cause", "note", "title", "index_no", "published", "written",
    "pages", "bytes", "sha256", "data_sha256", "filename",
)


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
    version: int = 1
    latest: bool = True  # the version the document page links
    version_date: dt.date | None = None  # when this version was published (None: no archive)
    cause: str = ""  # why the version exists (lock.CAUSES), the note saying what changed
    note: str = ""
    data_sha256: str = ""  # SHA-256 of the data attached inside the PDF
    # Whether this build rendered the PDF (false: reused from the cache). Not in the manifests.
    rendered: bool = field(default=False, compare=False)
    # The version this build adds to the archive, not yet in its lock (see Archive.record).
    pending: Version | None = field(default=None, compare=False)

    def manifest_row(self) -> dict[str, str | int | bool | None]:
        return {
            "id": self.id,
            "version": self.version,
            "latest": self.latest,
            "version_date": self.version_date.isoformat() if self.version_date else None,
            "cause": self.cause or None,
            "note": self.note or None,
            "title": self.title,
            "index_no": self.index_no,
            "published": self.published.isoformat(),
            "written": self.written.isoformat() if self.written else None,
            "pages": self.pages,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "data_sha256": self.data_sha256 or None,
            "filename": self.filename,
        }


def entry_record(doc: Document, entry, filename: str, rendered: bool) -> PdfRecord:
    """The record of `doc`'s PDF from its cache entry (pages, bytes, sha256), without reading the PDF."""
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


def version_record(doc: Document, version: Version, latest: bool, pending: bool, rendered: bool) -> PdfRecord:
    """The record of one version of `doc`'s PDF, published (from the lock) or added by this build."""
    return PdfRecord(
        id=doc.id, title=doc.title, index_no=doc.metadata.index_no, published=doc.metadata.published,
        written=doc.metadata.written, pages=version.pages, bytes=version.bytes, sha256=version.sha256,
        filename=version.filename, version=version.number, latest=latest, version_date=version.date,
        cause=version.cause, note=version.note, data_sha256=version.data_sha256, rendered=rendered,
        pending=version if pending else None,
    )


def write_manifests(records: Iterable[PdfRecord], out_dir) -> None:
    """Write manifest.json and manifest.csv (as every CSV of the site: `csvfile.csv_bytes`)."""
    rows = [record.manifest_row() for record in records]
    # `count` is of documents, `versions` of PDFs (one row each).
    count = len({row["id"] for row in rows})
    document = {"format": MANIFEST_FORMAT, "algorithm": "sha256", "count": count, "versions": len(rows), "documents": rows}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomic(out_dir / "manifest.json", text.encode("utf-8"))
    table = ([_cell(row[key]) for key in MANIFEST_FIELDS] for row in rows)
    write_atomic(out_dir / "manifest.csv", csv_bytes(MANIFEST_FIELDS, table))


def _cell(value: str | int | bool | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as in the JSON, not Python's True
    return value
