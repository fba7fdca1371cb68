"""The open-data stage: the notices as data anyone can use (`build_open_data`).

From the validated collection: `data/` — findings and documents as CSV and JSON
(`datasets`), `datapackage.json` and the DCAT `data.json` (`package`); `feeds/` — Atom feeds
of the site, each publisher and each inspecting body (`feeds`); the pages 统计 (`stats`
figures, `charts` SVG) and 开放数据 (`pages`). Deadlines, the disclosure clock and rounds are
the build's `site.Tracking` (the pages' own), made here only when the caller gives none. The files are written into a folder the build links into
the site (as it links the PDFs); the pages and figures are returned.

`start_open_data` runs the stage in a forked worker process beside the page stage: at 10,000
documents it serialises some 170 MB of CSV and JSON, which would otherwise add a sixth to the
build's page time (docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fs import write_atomic
from ..log import logger
from ..model import Document
from ..process import ForkedJob, forked
from ..overdue import reference_date
from ..site import LISTINGS, SitePage, Tracking, build_tracking
from ..site.figures import Figure
from .charts import draw_charts
from .datasets import gather_rows, tables, to_csv, to_json
from .feeds import site_feeds, write_feeds
from .package import DATA_DIR, DataFile, catalogue, datapackage
from .pages import PageRenderer, stat_charts
from .stats import Statistics, statistics

log = logger("opendata")


@dataclass(frozen=True)
class OpenData:
    """What this stage adds to the site: files (site path → written file), pages, the figures."""

    files: Mapping[str, Path]
    pages: tuple[SitePage, ...]
    statistics: Statistics
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def headline(self) -> tuple[Figure, ...]:
        return self.statistics.headline


def site_base(site_url: str | None) -> str:
    """The prefix of every URL in the data and feeds: the site's address, or "" (relative)."""
    if not site_url:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


def build_open_data(
    documents: Iterable[Document],
    as_of: dt.date | None,
    site_name: str,
    out_dir: Path,
    site_url: str | None = None,
    pdfs: Mapping[str, Any] | None = None,
    chart_cache: Path | None = None,
    tracking: Tracking | None = None,
) -> OpenData:
    """Every file of this stage written into `out_dir`, and its pages; `pdfs` are the PDF records
    by document id (or none), `chart_cache` keeps drawn charts between builds, `tracking` is the
    build's (else made from `documents` and their rounds, as of `as_of`)."""
    rounds = getattr(documents, "rounds", ())
    documents = tuple(documents)
    if tracking is None:
        tracking = build_tracking(documents, reference_date(as_of, documents), rounds=rounds)
    base = site_base(site_url)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[f"opendata_{name}"] = now - clock
        clock = now

    rows = gather_rows(documents, tracking, base, pdfs)
    lap("rows")
    schema = tables()
    data_files = [
        DataFile(schema[key], fmt, encode(schema[key], table_rows), len(table_rows))
        for key, table_rows in (("findings", rows.findings), ("documents", rows.documents))
        for fmt, encode in (("csv", to_csv), ("json", to_json))
    ]
    files = {f.path: f.content for f in data_files}
    title = f"{site_name}：开放数据"
    files[f"{DATA_DIR}/datapackage.json"] = datapackage(
        data_files, title, as_of, "巡察整改情况通报等公开文件及其所列整改问题的数据表，由本站的同一份数据生成。"
    )
    dates = [d.metadata.published for d in documents]
    files[f"{DATA_DIR}/data.json"] = catalogue(
        data_files, site_name, base, as_of, (min(dates), max(dates)) if dates else None
    )
    lap("files")
    files.update(write_feeds(site_feeds(documents, tracking), site_name, base, pdfs, empty_date=as_of,
                             tallies=rows.tallies, tracking=tracking))
    lap("feeds")
    publishers = next(listing for listing in LISTINGS if listing.key == "publishers")
    stats = statistics(documents, tracking, rows, publishers.group_key)
    lap("stats")
    svgs = draw_charts(stat_charts(stats), chart_cache)
    lap("charts")
    renderer = PageRenderer(site_name, as_of)
    described = {path: len(files[path]) for path in (f"{DATA_DIR}/datapackage.json", f"{DATA_DIR}/data.json")}
    pages = (
        renderer.stats_page(stats, svgs),
        renderer.publishers_page(stats),
        renderer.data_page(data_files, described, schema, pdf_manifests=bool(pdfs), stats=stats, base=base),
    )
    lap("pages")
    written = _write_files(files, out_dir)
    lap("write")
    log.info("开放数据：%d 行问题、%d 份文件，%d 个订阅源", len(rows.findings), len(rows.documents),
             sum(1 for p in files if p.endswith(".xml")))
    return OpenData(written, pages, stats, timings)


def _write_files(files: Mapping[str, bytes], out_dir: Path) -> dict[str, Path]:
    """Write `files` under `out_dir` (each replaced atomically: a published site may link it) and
    remove what an earlier build left there."""
    written = {}
    for site_path, content in files.items():
        target = out_dir / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, content)
        written[site_path] = target
    keep = set(written.values())
    for stale in [p for p in out_dir.rglob("*") if p.is_file() and p not in keep]:
        stale.unlink()
    return written


OpenDataJob = ForkedJob  # the stage running (or already run); `result()` waits for it


def start_open_data(*args, in_worker: bool = True, **kwargs) -> OpenDataJob:
    """`build_open_data(*args, **kwargs)` in a forked worker beside the page stage when that is
    safe (`process.forked`: the worker inherits the documents), else right here.
    `in_worker=False` (the build's options) always runs it here."""
    return forked(build_open_data, *args, in_worker=in_worker, **kwargs)


__all__ = ["OpenData", "OpenDataJob", "build_open_data", "site_base", "start_open_data"]
