"""The open-data stage: the notices as data anyone can use (`build_open_data`).

From the validated collection, in memory, written by the engine like the site's assets:
`data/` — findings and documents as CSV and JSON (`datasets`), `datapackage.json` and the
DCAT `data.json` (`package`); `feeds/` — Atom feeds of the site, each publisher and each
inspecting body (`feeds`); the pages 统计 (`stats` figures, `charts` SVG) and 开放数据
(`pages`). Overdue is judged by `zhenggai.overdue` on the reference date the caller gives.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..log import logger
from ..model import Document
from ..site import LISTINGS, SitePage
from .charts import draw_charts
from .datasets import gather_rows, tables, to_csv, to_json
from .feeds import site_feeds, write_feeds
from .package import DATA_DIR, DataFile, catalogue, datapackage
from .pages import PageRenderer, stat_charts
from .stats import Headline, Statistics, statistics

log = logger("opendata")


@dataclass(frozen=True)
class OpenData:
    """What this stage adds to the site: files by site path, pages, and the home page's figures."""

    files: Mapping[str, bytes]
    pages: tuple[SitePage, ...]
    statistics: Statistics
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def headline(self) -> Headline:
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
    site_url: str | None = None,
    pdfs: Mapping[str, Any] | None = None,
    cache_dir: Path | None = None,
) -> OpenData:
    """Every file and page of this stage; `pdfs` are the PDF records by document id (or none)."""
    documents = tuple(documents)
    base = site_base(site_url)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[f"opendata_{name}"] = now - clock
        clock = now

    rows = gather_rows(documents, as_of, base, pdfs)
    lap("rows")
    schema = tables()
    data_files = [
        DataFile(schema[key], fmt, encode(schema[key], table_rows), len(table_rows))
        for key, table_rows in (("findings", rows.findings), ("documents", rows.documents))
        for fmt, encode in (("csv", to_csv), ("json", to_json))
    ]
    files = {f.path: f.content for f in data_files}
    title = f"{site_name}:开放数据"
    files[f"{DATA_DIR}/datapackage.json"] = datapackage(
        data_files, title, as_of, "巡察整改情况通报等公开文件及其所列整改问题的数据表,由本站的同一份数据生成。"
    )
    dates = [d.metadata.published for d in documents]
    files[f"{DATA_DIR}/data.json"] = catalogue(
        data_files, site_name, base, as_of, (min(dates), max(dates)) if dates else None
    )
    lap("files")
    files.update(write_feeds(site_feeds(documents), site_name, base, pdfs, empty_date=as_of))
    lap("feeds")
    publishers = next(listing for listing in LISTINGS if listing.key == "publishers")
    stats = statistics(documents, rows, as_of, publishers.group_key)
    lap("stats")
    svgs = draw_charts(stat_charts(stats), cache_dir)
    lap("charts")
    renderer = PageRenderer(site_name, as_of)
    described = {path: len(files[path]) for path in (f"{DATA_DIR}/datapackage.json", f"{DATA_DIR}/data.json")}
    pages = (
        renderer.stats_page(stats, svgs),
        renderer.publishers_page(stats),
        renderer.data_page(data_files, described, schema, pdf_manifests=bool(pdfs), stats=stats, base=base),
    )
    lap("pages")
    log.info("开放数据:%d 行问题、%d 份文件,%d 个订阅源", len(rows.findings), len(rows.documents),
             sum(1 for p in files if p.endswith(".xml")))
    return OpenData(files, pages, stats, timings)


__all__ = ["OpenData", "build_open_data", "site_base"]
