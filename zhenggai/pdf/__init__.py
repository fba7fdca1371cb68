"""The PDF stage: an archival PDF/A of every document (`write_pdfs`), cached and in parallel.

Importing this package does not import WeasyPrint: only `render` does, and only the worker
processes that must render something import it. `archive` runs the stage (cache, pool),
`records` lists what was written (manifests), `fonts` says which installed font stands in
for which official typeface; the print templates are in `templates/`.
"""

from __future__ import annotations

from .archive import write_pdfs
from .fonts import FontMissingError, GlyphMissingError
from .records import PdfRecord

__all__ = ["FontMissingError", "GlyphMissingError", "PdfRecord", "write_pdfs"]
