"""The PDF stage: an archival PDF/A of every document (`write_pdfs`), cached and in parallel.

Importing this package does not import WeasyPrint: only `render` does, and only the worker
processes that must render something import it. `archive` runs the stage (cache, pool),
`cluster` sends the jobs to a Dask cluster instead (Dask is imported only then), `batch` is
the recycled renderer process of a cluster worker, `environment` what every PDF depends on
(cache key, cluster checks), `records` lists what was written (manifests), `fonts` says
which installed font stands in for which official typeface; the print templates are in
`templates/`. `versions` keeps the archive from changing silently: `lock` reads and
writes `archive/versions.json` (what was published), `verify` checks the archived files
and the data against it.
"""

from __future__ import annotations

from .archive import write_pdfs
from .cluster import ClusterError
from .fonts import FontMissingError, GlyphMissingError
from .lock import CAUSES, Version, version_from_json
from .records import PdfRecord
from .versions import (
    Archive, RecordError, check_archive, interrupted_message, open_archive, record_versions, recover_record,
)

__all__ = [
    "CAUSES", "Archive", "ClusterError", "FontMissingError", "GlyphMissingError", "PdfRecord", "RecordError",
    "Version", "check_archive", "interrupted_message", "open_archive", "record_versions", "recover_record",
    "version_from_json", "write_pdfs",
]
