"""The pages of this stage: 统计 (charts and tables), every publisher's figures, 开放数据.

HTML comes from the templates of `templates/` (autoescaped); the charts are this stage's own
SVG, inlined as markup. Links are relative, as on every generated page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from ..model import Status
from ..site import FEED_LIMIT, SITE_FEED, SitePage, compact_html, relative_url
from ..templating import environment
from ..text import yuan
from .charts import Chart, Series
from .package import DATA_DIR, DataFile, describe_as_of
from .datasets import Table
from .stats import QUALITY_ROWS, UNSTATED, Statistics

STATS_PAGE = "stats/"
PUBLISHERS_PAGE = "stats/publishers/"
DATA_PAGE = f"{DATA_DIR}/"
CHART_PUBLISHERS = 15  # bars in the publishers' chart: more would not be read at phone width

# One colour per status, the hues of the site's status badges, dark enough against white
# (non-text contrast ≥ 3:1) and apart enough to tell the stacked parts of a bar from each other.
STATUS_COLOURS = {
    Status.COMPLETED.value: "#1b7837",
    Status.BASICALLY_COMPLETED.value: "#00897b",
    Status.IN_PROGRESS.value: "#c75200",
    Status.LONG_TERM.value: "#1565c0",
    UNSTATED: "#8a8a8a",
}
# Okabe–Ito, distinguishable by readers with colour-vision deficiencies; grey for 其他.
THEME_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8a8a8a")
# Legends name the statuses as the tables' headings do: the full words do not fit a phone.
SHORT = {Status.LONG_TERM.value: "长期坚持"}
TYPE_WORDS = {"string": "文字", "integer": "整数", "boolean": "是/否", "date": "日期"}


def stat_charts(stats: Statistics) -> list[Chart]:
    """The charts of 统计, each with the same figures as the table under it."""
    statuses = list(stats.total.by_status())
    top = stats.top_publishers[:CHART_PUBLISHERS]
    charts = [
        Chart("status", "全部整改问题的整改状态（个）", tuple(label for label, _ in stats.status_counts()),
              (Series("问题数", tuple(n for _, n in stats.status_counts()), "#283593"),),
              horizontal=True, value_label="问题数"),
        Chart("publishers", f"问题最多的 {len(top)} 个发布机构：各整改状态的占比（%）",
              tuple(c.name for c in top),
              tuple(Series(SHORT.get(s, s), tuple(_share(c.by_status()[s], c.with_status) for c in top),
                           STATUS_COLOURS[s])
                    for s in statuses),
              horizontal=True, value_label="占比（%）", percent=True),
        Chart("years", "各年份文件所列问题的整改状态（个）", tuple(c.name for c in stats.by_year),
              tuple(Series(SHORT.get(s, s), tuple(float(c.by_status()[s]) for c in stats.by_year), STATUS_COLOURS[s])
                    for s in statuses)
              + (Series(UNSTATED, tuple(float(c.unstated) for c in stats.by_year), STATUS_COLOURS[UNSTATED]),),
              value_label="问题数"),
        Chart("themes", "各年份文件所列问题按主题（个）", tuple(str(y) for y in stats.theme_years),
              tuple(Series(theme, tuple(float(stats.theme_counts.get((y, theme), 0)) for y in stats.theme_years),
                           THEME_COLOURS[i % len(THEME_COLOURS)])
                    for i, theme in enumerate(stats.themes)),
              value_label="问题数"),
    ]
    if any(n for _, n in stats.overdue_buckets):  # with none late, the page says so in words
        charts.append(Chart("overdue", "逾期问题按逾期时长（个）", tuple(label for label, _ in stats.overdue_buckets),
                            (Series("逾期问题数", tuple(float(n) for _, n in stats.overdue_buckets), "#c75200"),),
                            value_label="问题数"))
    return charts


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


class PageRenderer:
    """Renders this stage's pages; one Jinja environment for all of them."""

    def __init__(self, site_name: str, as_of: dt.date | None):
        self.env = environment("zhenggai.opendata")
        self.env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, int) else n
        self.env.filters["money"] = yuan
        self.env.globals.update(Status=Status, UNSTATED=UNSTATED, type_words=TYPE_WORDS,
                                site_feed=SITE_FEED, feed_limit=FEED_LIMIT)
        self.site_name, self.as_of = site_name, as_of

    def _page(self, template: str, path: str, title: str, kind: str, **context) -> SitePage:
        def url(target: str) -> str:
            return relative_url(path, target)

        body = self.env.get_template(template).render(url=url, title=title, as_of=self.as_of, **context)
        return SitePage(path=path, title=title, body=compact_html(body), kind=kind)

    def stats_page(self, stats: Statistics, svgs: Mapping[str, str]) -> SitePage:
        charts = {key: Markup(svg) for key, svg in svgs.items()}  # our own SVG (clean_svg), not data
        return self._page("stats.html", STATS_PAGE, "统计", "stats", stats=stats, charts=charts,
                          chart_publishers=CHART_PUBLISHERS, quality_rows=QUALITY_ROWS)

    def publishers_page(self, stats: Statistics) -> SitePage:
        return self._page("stats_publishers.html", PUBLISHERS_PAGE, "统计：各发布机构的完成情况", "stats",
                          stats=stats)

    def data_page(self, files: Sequence[DataFile], described: Mapping[str, int], tables: Mapping[str, Table],
                  pdf_manifests: bool, stats: Statistics, base: str = "") -> SitePage:
        fields = {key: [(c, describe_as_of(c.description, self.as_of)) for c in table.columns]
                  for key, table in tables.items()}
        return self._page("opendata.html", DATA_PAGE, "开放数据", "data", files=files, described=described,
                          tables=tables, fields=fields, pdf_manifests=pdf_manifests, stats=stats,
                          base=base)

