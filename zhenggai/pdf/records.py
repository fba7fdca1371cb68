"""What the archive lists about each PDF: `PdfRecord`, and the manifests (JSON, CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..fs import write_atomic
from ..model import Document

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


def write_manifests(records: Iterable[PdfRecord], out_dir) -> None:
    """Write manifest.json and manifest.csv (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    rows = [record.manifest_row() for record in records]
    document = {"format": "zhenggai-pdf-manifest/1", "algorithm": "sha256", "count": len(rows), "documents": rows}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomic(out_dir / "manifest.json", text.encode("utf-8"))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    write_atomic(out_dir / "manifest.csv", buffer.getvalue().encode("utf-8-sig"))
