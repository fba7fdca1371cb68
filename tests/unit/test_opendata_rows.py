"""The open-data stage without a site build: rows, CSV and JSON, the data package, feeds, figures."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import VALID_YAML
from support.opendata import NotExcelCsv, excel_records, python_records

from zhenggai.data import load_all, load_file
from zhenggai.model import Document
from zhenggai.opendata import build_open_data
from zhenggai.opendata.charts import CHART_LABEL_CHARS, FONT_STACK, Chart, Series, clean_svg, draw_charts
from zhenggai.opendata.datasets import gather_rows, tables, theme_of, to_csv, to_json
from zhenggai.opendata.feeds import Feed, entry_id, write_feeds
from zhenggai.opendata.stats import statistics
from zhenggai.overdue import reference_date
from zhenggai.site import FEED_LIMIT, SITE_FEED, Renderer, build_tracking

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2019, 7, 1)


def _doc(write, text: str = VALID_YAML, name: str = "x.yml") -> Document:
    document, diagnostics = load_file(write(name, text))
    assert document is not None, [str(d) for d in diagnostics]
    return document


def _examples() -> list[Document]:
    return list(load_all([ROOT / "data"]).collection)


def _rows(docs, as_of=AS_OF, **kwargs):
    return gather_rows(docs, build_tracking(tuple(docs), as_of), **kwargs)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The stage run once on the examples (drawing charts is the slow part)."""
    out = tmp_path_factory.mktemp("opendata")
    return out, build_open_data(_examples(), AS_OF, "巡察整改公开", out, site_url="https://www.example.gov.cn/zg")


# --- the reference date ------------------------------------------------------------------

# Reference days spread over a year: the count follows the day set, never the machine's.
@pytest.mark.parametrize("on", [dt.date(2026, 12, 7) + dt.timedelta(days=61 * k) for k in range(6)])
def test_days_past_a_deadline_follow_the_reference_day_across_a_year(on):
    doc = next(d for d in _examples() if d.id == "sz-bgt-2019-xuncha-zhenggai")
    rows = {r["deadline"]: r for r in _rows([doc], on).findings if r["deadline"]}
    # Deadlines after the notice, no later notice: time since the deadline, counted to the day set.
    assert rows["2019-03-31"]["days_since_deadline"] == (on - dt.date(2019, 3, 31)).days
    assert rows["2019-03-31"]["days_overdue"] is None and not rows["2019-03-31"]["overdue"]


def test_reference_date_is_as_of_else_the_newest_document():
    """The build passes zhenggai.yml's as_of or its clock's day; without either, the newest 发布日期."""
    docs = _examples()
    assert reference_date(dt.date(2020, 1, 1), docs) == dt.date(2020, 1, 1)
    assert reference_date(None, docs) == max(d.metadata.published for d in docs)
    assert reference_date(None, []) is None


# --- rows --------------------------------------------------------------------------------

def test_fields_yml_describes_exactly_the_columns_of_the_rows():
    rows = _rows(_examples())
    schema = tables()
    assert set(schema) == {"findings", "documents"}
    assert list(rows.findings[0]) == list(schema["findings"].names)
    assert list(rows.documents[0]) == list(schema["documents"].names)
    for table in schema.values():
        assert all(c.title and c.description and c.type in {"string", "integer", "boolean", "date"}
                   for c in table.columns)
        assert not any(re.search(r"[A-Za-z]{4,}", c.title) for c in table.columns), "titles are Chinese"


def test_one_row_per_finding_with_the_page_anchor(write):
    docs = _examples()
    rows = _rows(docs)
    for doc in docs:
        mine = [r for r in rows.findings if r["document_id"] == doc.id]
        assert len(mine) == doc.tally().findings == len(doc.findings())
        page_ids = set(re.findall(r'id="([^"]+)"', Renderer([doc]).document_page(doc).body))
        assert {r["anchor"] for r in mine} <= page_ids, "every row's anchor is an id on the document page"
        assert all(r["url"] == f"documents/{doc.id}/#{r['anchor']}" for r in mine)
    notice = [r for r in rows.findings if r["document_id"] == "sz-bgt-2019-xuncha-zhenggai"]
    assert len(notice) == 17 and sum(r["status"] == "已完成" for r in notice) == 14
    # Deadlines passed after the notice, with no later notice: not late (see test_record.py).
    assert not any(r["overdue"] for r in notice)
    passed = [r for r in notice if r["deadline_state"] == "时限已过，尚无后续通报"]
    assert [(r["deadline"], r["days_since_deadline"], r["state_document"]) for r in passed] == [
        ("2019-03-31", 92, "sz-bgt-2019-xuncha-zhenggai"), ("2019-06-30", 1, "sz-bgt-2019-xuncha-zhenggai")]


def test_document_rows_count_as_tally_and_carry_the_pdf(write):
    doc = _doc(write)

    class Pdf:
        filename, sha256, bytes, pages = "x.pdf", "ab" * 32, 1234, 3

    rows = _rows([doc], base="https://www.example.gov.cn/zg/", pdfs={"x": Pdf})
    row = rows.documents[0]
    tally = doc.tally()
    assert (row["categories"], row["problems"], row["items"], row["findings"]) == (
        tally.categories, tally.problems, tally.items, tally.findings)
    assert (row["completed"], row["in_progress"], row["overdue"], row["deadline_passed"]) == (1, 1, 0, 1)
    assert (row["days_after_feedback"], row["first_notice"], row["beyond_period"]) == (69, True, True)
    assert row["declared_problems"] == 2 and row["declared_measures"] is None
    assert row["pdf_url"] == "https://www.example.gov.cn/zg/pdf/x.pdf" and row["pdf_sha256"] == "ab" * 32
    assert rows.findings[0]["url"] == "https://www.example.gov.cn/zg/documents/x/#c1-p1"


@pytest.mark.parametrize(("title", "theme"), [
    ("党风廉政建设责任制落实不够有力", "全面从严治党与作风"),
    ("执行财经纪律不够严格", "财务资产管理"),
    ("巡视巡察、审计等监督发现问题整改不到位", "整改落实"),
    ("基层党组织建设薄弱，干部监督管理不够严格", "组织建设与选人用人"),
    ("党的领导和建设仍需加强", "政治建设"),
    ("信息化建设工作滞后", "履职尽责与风险防控"),
    ("某项说不清的问题", "其他"),
])
def test_category_themes(title, theme):
    assert theme_of(title) == theme


# --- CSV and JSON ------------------------------------------------------------------------

TRICKY = VALID_YAML.replace("理论学习不够深入", '=HYPERLINK("x"),学习"不够",深入').replace(
    "title: 公务用车管理不规范", "title: |-\n                  公务用车\n                  管理不规范")


def test_csv_opens_in_excel_and_in_python_alike(write):
    doc = _doc(write, TRICKY)
    rows = _rows([doc])
    table = tables()["findings"]
    data = to_csv(table, rows.findings)
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") .replace("公务用车\n".encode(), b"")
    excel, python = excel_records(data), python_records(data)
    assert excel == python
    assert excel[0] == list(table.names) and len(excel) == 1 + len(rows.findings)
    first, second = (dict(zip(excel[0], r)) for r in excel[1:])
    # A formula in the data is text to the spreadsheet; quotes, commas and line breaks survive.
    assert first["problem"] == '\'=HYPERLINK("x"),学习"不够",深入'
    assert second["item"] == "公务用车\n管理不规范"
    assert (first["current"], second["overdue"], second["days_since_deadline"]) == ("是", "否", "1")
    assert first["item"] == "" and first["deadline"] == "" and first["days_since_deadline"] == ""
    as_json = json.loads(to_json(table, rows.findings))
    assert as_json[0]["problem"] == '=HYPERLINK("x"),学习"不够",深入'
    assert (as_json[1]["current"], as_json[1]["overdue"], as_json[1]["days_since_deadline"]) == (True, False, 1)


@pytest.mark.parametrize(("data", "why"), [
    (b"a,b\r\n", "byte-order mark"),
    ("\ufeffa,b\n".encode(), "CRLF"),
    ('\ufeffa,b"c\r\n'.encode(), "quote inside"),
    ('\ufeff"a,b\r\n'.encode(), "unterminated"),
])
def test_the_excel_reader_rejects_what_a_spreadsheet_would_misread(data, why):
    with pytest.raises(NotExcelCsv, match=why):
        excel_records(data)


def test_catalogue_lists_each_table_with_its_files(built):
    out, _ = built
    catalogue = json.loads((out / "data" / "data.json").read_text(encoding="utf-8"))
    assert catalogue["@type"] == "dcat:Catalog"
    urls = {d["title"]: [x["downloadURL"] for x in d["distribution"]] for d in catalogue["dataset"]}
    assert urls == {
        "巡察整改公开：整改问题": ["https://www.example.gov.cn/zg/data/findings.csv",
                          "https://www.example.gov.cn/zg/data/findings.json"],
        "巡察整改公开：公开文件": ["https://www.example.gov.cn/zg/data/documents.csv",
                          "https://www.example.gov.cn/zg/data/documents.json"],
    }
    sizes = {x["downloadURL"].rsplit("/", 1)[1]: x["byteSize"] for d in catalogue["dataset"] for x in d["distribution"]}
    assert all(sizes[name] == (out / "data" / name).stat().st_size for name in sizes)


# --- feeds -------------------------------------------------------------------------------

def _many(write, n: int) -> list[Document]:
    docs = []
    for i in range(n):
        day = dt.date(2019, 1, 8) + dt.timedelta(days=i)  # never before the feedback (2019-01-08)
        text = VALID_YAML.replace("published: 2019-03-18", f"published: {day.isoformat()}").replace(
            "date: 2019-03-18", f"date: {day.isoformat()}")
        docs.append(_doc(write, text, f"d{i:03d}.yml"))
    return sorted(docs, key=lambda d: (-d.metadata.published.toordinal(), d.id))


def test_a_feed_holds_the_newest_entries_dated_by_the_documents(write):
    docs = _many(write, FEED_LIMIT + 5)
    xml = write_feeds([Feed(SITE_FEED, "", tuple(docs))], "巡察整改公开")[SITE_FEED.path]
    feed = feedparser.parse(xml, response_headers={"content-location": "https://example.gov.cn/feeds/all.xml",
                                               "content-type": "application/atom+xml"})
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == FEED_LIMIT
    assert [e.id for e in feed.entries] == [entry_id(d) for d in docs[:FEED_LIMIT]]
    newest = docs[0].metadata.published
    assert feed.feed.updated == f"{newest.isoformat()}T00:00:00+08:00"
    assert feed.entries[0].published == f"{newest.isoformat()}T00:00:00+08:00"
    assert feed.entries[0].link == f"https://example.gov.cn/documents/{docs[0].id}/"
    assert f"最新 {FEED_LIMIT} 份" in feed.feed.subtitle and "列表页" in feed.feed.subtitle


def test_entry_ids_depend_on_the_document_id_only(write):
    first = _doc(write)
    edited = _doc(write, VALID_YAML.replace("关于巡察整改情况的通报", "关于巡察整改情况的通报（修订）"))
    other = _doc(write, VALID_YAML, "y.yml")
    assert entry_id(first) == entry_id(edited) != entry_id(other)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry_id(first))


def test_feed_text_is_escaped_and_an_empty_feed_has_a_fixed_date(write):
    doc = _doc(write, VALID_YAML.replace("title: 中共某某局党组", "title: 中共<b>某某局</b>&党组"))
    xml = write_feeds([Feed(SITE_FEED, "", (doc,)), Feed(SITE_FEED.__class__("feeds/none.xml", "空"), "", ())],
                      "站点", empty_date=AS_OF)
    feed = feedparser.parse(xml[SITE_FEED.path])
    assert not feed.bozo and feed.entries[0].title == "中共<b>某某局</b>&党组关于巡察整改情况的通报"
    empty = feedparser.parse(xml["feeds/none.xml"])
    assert not empty.bozo and empty.entries == [] and empty.feed.updated.startswith("2019-07-01")


# --- statistics and charts ---------------------------------------------------------------

def test_statistics_add_up_the_tallies():
    docs = _examples()
    tracking = build_tracking(tuple(docs), AS_OF)
    rows = gather_rows(docs, tracking)
    stats = statistics(docs, tracking, rows)
    tallies = [d.tally() for d in docs]
    assert stats.total.findings == sum(t.findings for t in tallies) == 37
    assert stats.total.share == 82 and stats.total.late == 0 and stats.total.passed == 2
    assert sum(c.findings for c in stats.by_publisher) == sum(c.findings for c in stats.by_year) == 37
    assert sum(n for _, n in stats.status_counts()) == 37
    assert sum(n for _, n in stats.overdue_buckets) == 0
    assert sum(stats.theme_counts.values()) == sum(t.problems for t in tallies)
    assert [(m.what, m.declared, m.listed) for m in stats.mismatches] == [("问题", 24, 20)]
    assert stats.declared_only == 1


def test_svg_keeps_text_as_text_and_is_fit_to_inline(tmp_path):
    charts = [
        Chart("one", "甲", ("中共<某某局>党组&办公室", "乙单位"), (Series("已完成", (3.0, 1.0), "#1b7837"),),
              horizontal=True, value_label="问题数"),
        Chart("two", "乙", ("2019", "2020"), (Series("已完成", (3.0, 1.0), "#1b7837"),
                                              Series("正在推进中", (1.0, 2.0), "#c75200")), value_label="问题数"),
    ]
    svgs = draw_charts(charts, tmp_path / "charts")
    for key, svg in svgs.items():
        assert svg.startswith(f'<svg aria-labelledby="{key}-caption" style="font-family: {FONT_STACK}"')
        assert "<style" not in svg and "<metadata" not in svg and "<!DOCTYPE" not in svg
        assert re.findall(r"https?://[^\"']+", svg) == ["http://www.w3.org/2000/svg"]
        ids = re.findall(r'id="([^"]+)"', svg)
        assert ids and all(i.startswith(key + "-") for i in ids)
        assert not re.search(r"<path[^>]*id=\"[^\"]*(?:Noto|CJK)", svg), "glyphs drawn as paths"
    assert "中共&lt;某某局&gt;党组&amp;办公室" in svgs["one"]
    assert ">正在推进中</text>" in svgs["two"] and ">2019</text>" in svgs["two"]
    # Drawn once: the second build takes the cached SVG.
    assert len(list((tmp_path / "charts").glob("*.svg"))) == 2
    assert draw_charts(charts, tmp_path / "charts") == svgs


def test_clean_svg_drops_what_an_inline_svg_must_not_carry():
    raw = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n'
           '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="5pt" viewBox="0 0 10 5" '
           'xmlns="http://www.w3.org/2000/svg" version="1.1"><metadata>m</metadata><defs><style>*{}</style></defs>'
           '<g id="figure_1"><use xlink:href="#m1"/><path id="m1" d="M 0 0 \nL 1 1"/></g></svg>')
    svg = clean_svg(raw, "k")
    assert svg == (f'<svg aria-labelledby="k-caption" style="font-family: {FONT_STACK}" class="zg-chart__svg" '
                   'viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg"><g><use href="#k-m1"/>'
                   '<path id="k-m1" d="M 0 0 L 1 1"/></g></svg>')


def test_the_pages_say_the_date_and_describe_every_field(built):
    stats, publishers, data = built[1].pages
    assert (stats.path, publishers.path, data.path) == ("stats/", "stats/publishers/", "data/")
    # No problem is late on 2019-07-01: no chart of zeros and no table of zeros, only the sentence.
    assert "2019年7月1日" in stats.body and stats.body.count('<figure class="zg-chart">') == 4
    assert "通报显示逾期的问题共 0 个" in stats.body and "逾期问题按逾期时长" not in stats.body
    for table in tables().values():
        for column in table.columns:
            assert f"<code>{column.name}</code>" in data.body and column.title in data.body
    assert "findings.csv" in data.body and "KB" in data.body


def test_dollar_signs_in_chart_text_are_text_not_math(tmp_path):
    """matplotlib reads `$…$` as math: a publisher named so crashed the build or lost its `$`."""
    labels = ("某局$\\frac{1}$", "US$5$ 基金会", "$x^2$")
    charts = [
        Chart("math", "甲", labels, (Series("已完成$a$", (3.0, 1.0, 2.0), "#1b7837"),
                                     Series("正在推进中", (1.0, 2.0, 1.0), "#c75200")),
              horizontal=True, value_label="问题数$"),
        Chart("cols", "乙", labels, (Series("已完成", (3.0, 1.0, 2.0), "#1b7837"),), value_label="$n$"),
    ]
    svgs = draw_charts(charts)
    for label in labels:
        assert f">{label}</text>" in svgs["math"] and f">{label}</text>" in svgs["cols"]
    assert ">已完成$a$</text>" in svgs["math"] and ">$n$</text>" in svgs["cols"]


def test_a_very_long_name_is_shortened_in_the_chart_and_draws_without_warnings(recwarn):
    """A 5,000-character publisher: matplotlib's layout collapsed and printed an English warning
    with a stack trace into the build log. The chart shows the name's start; the table under it
    keeps the whole name."""
    labels = ("某" * 5000, "乙局")
    for horizontal in (True, False):
        svg = draw_charts([Chart("long", "甲", labels, (Series("已完成", (3.0, 1.0), "#1b7837"),),
                                 horizontal=horizontal, value_label="问题数")])["long"]
        shown = re.findall(r">(某+…?)</text>", svg)
        assert shown == ["某" * (CHART_LABEL_CHARS - 1) + "…"], shown
        assert ">乙局</text>" in svg
    assert [str(w.message) for w in recwarn] == []


def test_a_count_axis_starts_at_zero_and_never_shows_fractions_or_negatives(tmp_path):
    """All counts zero: matplotlib's own range was ±0.05, with ticks such as −0.045 problems."""
    charts = [Chart("zeros", "甲", ("一月", "二月"), (Series("问题数", (0.0, 0.0), "#c75200"),), value_label="问题数"),
              Chart("flat", "乙", ("一月", "二月"), (Series("问题数", (0.0, 0.0), "#c75200"),),
                    horizontal=True, value_label="问题数")]
    for svg in draw_charts(charts, tmp_path).values():
        ticks = re.findall(r">([^<>]*\d[^<>]*)</text>", svg)
        assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks


def test_a_late_problem_gets_the_chart_and_table_of_how_late(write, tmp_path):
    late = VALID_YAML.replace("计划6月底前完成", "计划2019年2月底前完成")  # still in progress on 03-18
    opendata = build_open_data([_doc(write, late)], AS_OF, "巡察整改公开", tmp_path / "out")
    stats = opendata.pages[0].body
    assert "通报显示逾期的问题共 1 个" in stats and stats.count('<figure class="zg-chart">') == 5
    assert '<figcaption id="overdue-caption">' in stats
    assert '<tr><th scope="row">不足1个月</th><td>1</td></tr>' in stats
