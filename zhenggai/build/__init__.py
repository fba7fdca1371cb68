"""The build stage: gather everything (`prepare_site`), let the engine write the pages, add
the search index and PDFs (`finish_site`), then publish atomically (`build_site`) and, for a
publishing build only, record the new PDF versions.

`bundle` holds the gathering and the cache lock, `publish` the target checks and the atomic
swap into `site/`, `release` the publish-or-preview decision and the recording of versions,
`archive` the staff's archive commands, `preview` what `make serve` shows while the build
is blocked, `engines/` the adapters
(MkDocs today), which are the only code that imports an engine.
"""

from __future__ import annotations

from .bundle import BuildBlocked, DataInvalid, SiteBundle, finish_site, prepare_site
from .publish import build_site

__all__ = ["BuildBlocked", "DataInvalid", "SiteBundle", "build_site", "finish_site", "prepare_site"]
