"""Static SVG charts of 统计, drawn at build time by matplotlib: text stays text, nothing is fetched.

Why matplotlib: it writes SVG with `svg.fonttype: none`, so labels are <text> elements a reader
can search, select and have read aloud, in whatever CJK font their machine has; its output
references nothing outside the file and needs no JavaScript (pygal's SVG loads a script from a
CDN by default). It is imported only when a chart is not in the cache (`.cache/charts/`): the
import costs about a second, a warm rebuild never pays it.

The SVG is inlined into the page, so it is cleaned for that: no XML prolog, DOCTYPE, metadata
or <style> element (the Content-Security-Policy allows no <style> element), only the ids that
are referenced, each prefixed with the chart's key so that several charts share one page, the
font named once on the <svg> element as the site's font stack.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path

from ..fs import code_digest, write_atomic
from ..log import logger

log = logger("opendata")

# The font matplotlib measures text with (Debian's fonts-noto-cjk, which the site build needs
# anyway), then the names a reader's machine may have instead: Source Han Sans is the same
# design, PingFang SC on Apple systems, Microsoft YaHei on Windows. All are sans-serif with
# full-width CJK glyphs, so the labels keep the width matplotlib measured.
LAYOUT_FONT = "Noto Sans CJK SC"
FONT_STACK = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
# Inches at 72 pt: 331 SVG units, drawn 100% of the text's width up to 30rem (site.css): labels of
# 12 units are 13 px on a 390 px phone and 17 px on a desktop, about the size of the body text.
WIDTH_IN = 4.6
FONT_PT = 12
LEGEND_PT = 11
LABEL_BESIDE = 6  # longer category names are written above their bar, not beside it
# A category name longer than this is cut with "…" in the chart (the table under every chart
# gives it whole): about the figure's width in full-width characters, so a name of thousands of
# characters cannot collapse the layout.
CHART_LABEL_CHARS = 24
RC = {
    "svg.fonttype": "none",
    # Chart text is data (publishers' names, statuses): `$…$` in it is text, never math or TeX.
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.sans-serif": [LAYOUT_FONT],
    "font.size": FONT_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: str


@dataclass(frozen=True)
class Chart:
    """One bar chart: `labels` along the category axis, one or more stacked `series`."""

    key: str  # ASCII, unique on its page: prefixes the SVG's ids
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = False
    value_label: str = ""  # the value axis' label, e.g. 问题数 or 占比(%)
    percent: bool = False  # values are shares: the axis runs 0–100

    def digest(self) -> str:
        raw = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def draw_charts(charts: Sequence[Chart], cache_dir: Path | None = None) -> dict[str, str]:
    """The cleaned SVG of each chart, by key; from `cache_dir` when drawn before with the same code."""
    salt = _code_key()
    out: dict[str, str] = {}
    missing = []
    for chart in charts:
        path = cache_dir / f"{hashlib.sha256((salt + chart.digest()).encode()).hexdigest()}.svg" if cache_dir else None
        if path is not None and path.is_file():
            out[chart.key] = path.read_text(encoding="utf-8")
        else:
            missing.append((chart, path))
    if missing:
        log.debug("图表：绘制 %d 个，复用缓存 %d 个", len(missing), len(charts) - len(missing))
        for chart, path in missing:
            svg = clean_svg(_draw(chart), chart.key)
            out[chart.key] = svg
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, svg.encode("utf-8"))
    if cache_dir is not None and cache_dir.is_dir():
        _prune(cache_dir, keep={f"{hashlib.sha256((salt + c.digest()).encode()).hexdigest()}.svg" for c in charts})
    return out


def _code_key() -> str:
    # A new matplotlib or a change to this stage's code draws every chart again.
    return code_digest("zhenggai.opendata").hex() + metadata.version("matplotlib")


def _prune(cache_dir: Path, keep: set[str]) -> None:
    for entry in cache_dir.glob("*.svg"):
        if entry.name not in keep:
            entry.unlink(missing_ok=True)


def _shortened(label: str) -> str:
    return label if len(label) <= CHART_LABEL_CHARS else label[:CHART_LABEL_CHARS - 1] + "…"


def _draw(chart: Chart) -> str:
    import matplotlib  # lazily: only a chart not in the cache pays for the import

    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    _check_font()
    chart = replace(chart, labels=tuple(map(_shortened, chart.labels)))
    with matplotlib.rc_context({**RC, "svg.hashsalt": chart.key}):
        n = max(len(chart.labels), 1)
        columns = _legend_columns(chart)
        legend_rows = -(-len(chart.series) // columns) if len(chart.series) > 1 else 0
        # Long names (publishers) go above their bars, which then get the figure's whole width.
        above = chart.horizontal and max((len(label) for label in chart.labels), default=0) > LABEL_BESIDE
        height = (0.8 + (0.5 if above else 0.32) * n if chart.horizontal else 3.0) + 0.24 * legend_rows
        # Constrained layout keeps long labels and the legend above the plot inside the figure.
        figure = Figure(figsize=(WIDTH_IN, height), layout="constrained")
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        positions = [i + 0.2 for i in range(n)] if above else list(range(n))
        base = [0.0] * n
        for series in chart.series:
            bar = axes.barh if chart.horizontal else axes.bar
            kwargs = {"left": base} if chart.horizontal else {"bottom": base}
            bar(positions, series.values, 0.45 if above else 0.7, label=series.name, color=series.colour,
                edgecolor="white", linewidth=0.5, **kwargs)
            base = [b + v for b, v in zip(base, series.values)]
        values = axes.xaxis if chart.horizontal else axes.yaxis
        if chart.percent:
            (axes.set_xlim if chart.horizontal else axes.set_ylim)(0, 100)
        else:
            values.set_major_locator(MaxNLocator(integer=True))  # counts: no 2.5 problems
            # From zero, and at least to one: with every count zero matplotlib's own range is ±0.05.
            (axes.set_xlim if chart.horizontal else axes.set_ylim)(0, max(max(base, default=0.0) * 1.05, 1.0))
        if above:
            axes.set_yticks([])
            axes.spines["left"].set_visible(False)
            for i, label in enumerate(chart.labels):
                axes.text(0, i - 0.07, label, va="bottom", ha="left")
            axes.set_ylim(n - 0.45, -0.75)  # inverted: the first label on top, as in the table
            axes.set_xlabel(chart.value_label)
            axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        elif chart.horizontal:
            axes.set_yticks(positions, chart.labels)
            axes.invert_yaxis()  # the first label on top, as in the table under the chart
            axes.set_xlabel(chart.value_label)
            axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        else:
            axes.set_xticks(positions, chart.labels)
            axes.set_ylabel(chart.value_label)
            axes.grid(axis="y", color="#dddddd", linewidth=0.6)
            if len(chart.labels) > 6:
                axes.tick_params(axis="x", labelrotation=45)
        if legend_rows:
            figure.legend(loc="outside upper left", ncols=columns, frameon=False,
                          fontsize=LEGEND_PT, handlelength=1, columnspacing=1.2)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _legend_columns(chart: Chart) -> int:
    """As many legend columns as the longest name allows across the figure (CJK: one em a character)."""
    longest = max((len(s.name) for s in chart.series), default=1)
    entry = (longest + 3) * LEGEND_PT  # the name, the colour patch and the space between columns
    return max(1, min(len(chart.series), int(WIDTH_IN * 72 // entry)))


_font_checked = False


def _check_font() -> None:
    global _font_checked
    if _font_checked:
        return
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=LAYOUT_FONT), fallback_to_default=False)
    except ValueError:
        # The reader's browser still shows the labels in its own CJK font; only the layout's
        # measures are off. The PDF stage stops the build for the same missing package.
        log.warning("警告：图表排版字体 %s 未安装（Debian 软件包 fonts-noto-cjk），图中文字的位置可能不准", LAYOUT_FONT)
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    _font_checked = True


_DROP = [
    re.compile(r"<\?xml[^>]*\?>\s*"),
    re.compile(r"<!DOCTYPE[^>]*>\s*", re.S),
    re.compile(r"<metadata>.*?</metadata>\s*", re.S),
    re.compile(r"<style[^>]*>.*?</style>\s*", re.S),
    re.compile(r"<!--.*?-->", re.S),
]


def clean_svg(svg: str, key: str) -> str:
    """matplotlib's SVG made fit to inline in a page (see the module's docstring)."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    svg = re.sub(r"<defs>\s*</defs>", "", svg)
    referenced = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))

    def id_attr(match: re.Match) -> str:
        name = match.group(1)
        return f' id="{key}-{name}"' if name in referenced else ""

    svg = re.sub(r'\s+id="([^"]+)"', id_attr, svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{key}-{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'href="#{key}-{m.group(1)}"', svg)
    svg = re.sub(r'\s+xmlns:xlink="[^"]*"', "", svg)
    svg = svg.replace(f"font-family: '{LAYOUT_FONT}', sans-serif; ", "")
    svg = re.sub(r' transform="rotate\(-0 [^)]*\)"', "", svg)
    svg = re.sub(r"\s*\n\s*", " ", svg)  # path data and indentation: one line
    svg = re.sub(r">\s+<", "><", svg)
    svg = re.sub(
        r'<svg ([^>]*?)width="[^"]*" height="[^"]*" ',
        lambda m: f'<svg class="zg-chart__svg" {m.group(1)}',
        svg, count=1,
    )
    svg = svg.replace(' version="1.1"', "", 1)
    svg = svg.replace("<svg ", f'<svg aria-labelledby="{key}-caption" style="font-family: {FONT_STACK}" ', 1)
    return svg.strip()
