"""Say only what the record shows: deadlines judged on the notices, the disclosure clock, rounds,
and one set of figures on the home page, 统计 and the open data. Reference dates are fixed."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml

from zhenggai.data import load_all
from zhenggai.disclosure import Rules, TargetState, add_months, clock
from zhenggai.model import Document
from zhenggai.opendata import build_open_data
from zhenggai.overdue import Verdict, judge
from zhenggai.site import Renderer, build_tracking, count

ROOT = Path(__file__).resolve().parents[2]
SERIES = ROOT / "tests" / "fixtures" / "series"
AS_OF = dt.date(2026, 12, 2)
SEED_000 = "sz-bgt-2019-xuncha-zhenggai"


def _text(body: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", body)))


@pytest.fixture(scope="module")
def collection():
    result = load_all([ROOT / "data", SERIES])
    assert result.ok, [str(d) for d in result.errors]
    return result.collection


def _pages(collection, as_of, **kwargs):
    return {p.path: p for p in Renderer(collection, as_of=as_of, **kwargs).site_pages()}


def _page(collection, as_of, path: str, **kwargs):
    """One page of the site as of `as_of`, rendered alone (the whole site is rendered once, in `pages`)."""
    renderer = Renderer(collection, as_of=as_of, **kwargs)
    if path.startswith("documents/"):
        return renderer.document_page(collection.by_id(path.split("/")[1]))
    if path.startswith("rounds/"):
        return next(p for p in renderer.round_pages() if p.path == path)
    return {"": renderer.home, "overdue/": renderer.overdue_page}[path]()


@pytest.fixture(scope="module")
def pages(collection):
    return _pages(collection, AS_OF)


@pytest.fixture(scope="module")
def opendata(collection, tmp_path_factory):
    """The open-data stage run once on the examples and the series (drawing charts is slow)."""
    out = tmp_path_factory.mktemp("opendata")
    return out, build_open_data(collection, AS_OF, "巡察整改公开", out)


# --- the rule ------------------------------------------------------------------------------

def _notice(published: str, *findings: dict) -> Document:
    return Document.model_validate({
        "id": f"n{published.replace('-', '')}", "kind": "巡察整改情况通报", "title": "t",
        "metadata": {"published": published},
        "inspection": {"body": "区委第一巡察组", "target": "某局党组", "feedback": "2021-01-10"},
        "sections": [{"heading": "h", "categories": [{"title": "c", "problems": list(findings)}]}],
    })


def _chain(*notices: tuple[str, str | None, str | None]):
    """(published, status, deadline text) per notice, oldest first → the chain of one finding."""
    out = []
    for published, status, deadline in notices:
        finding = {"title": "问题", **({"status": status} if status else {}), **({"deadline": deadline} if deadline else {})}
        doc = _notice(published, finding)
        out.append((doc, doc.findings()[0]))
    return out


@pytest.mark.parametrize(("notices", "expected"), [
    # One notice, published before its deadline: afterwards nothing is on the site. Not late.
    ([("2021-05-20", "正在推进中", "计划2021年6月底前完成")], (Verdict.PASSED, 1981, 0)),
    ([("2021-05-20", "基本完成", "计划2021年6月底前完成")], (Verdict.PASSED, 1981, 0)),
    # The notice itself was published after the deadline and says unfinished: late, to that day.
    ([("2021-08-15", "正在推进中", "计划2021年6月底前完成")], (Verdict.LATE, 46, 0)),
    # An interim notice before the deadline, the final one after it: done. Nothing to say.
    ([("2021-05-20", "正在推进中", "计划2021年6月底前完成"), ("2021-10-15", "已完成", None)], None),
    # An interim notice after the deadline still unfinished, the final one done: done late.
    ([("2021-08-15", "正在推进中", "计划2021年6月底前完成"), ("2021-10-15", "已完成", None)],
     (Verdict.DONE_LATE, 46, 0)),
    # The final notice, after the deadline, still unfinished: late, as that notice shows.
    ([("2021-05-20", "正在推进中", "计划2021年6月底前完成"), ("2021-10-15", "基本完成", "计划2021年6月底前完成")],
     (Verdict.LATE, 107, 1)),
    # A deadline moved (and explained) in the later notice: judged against the new one.
    ([("2021-05-20", "正在推进中", "计划2021年6月底前完成"), ("2021-10-15", "正在推进中", "计划2021年12月底前完成")],
     (Verdict.PASSED, AS_OF.toordinal() - dt.date(2021, 12, 31).toordinal(), 1)),
    # Due on the day of the notice: not yet late; no status, 长期坚持 or done: nothing to judge.
    ([("2021-06-30", "正在推进中", "计划2021年6月底前完成")], (Verdict.PASSED, 1981, 0)),
    ([("2021-05-20", None, "计划2021年6月底前完成")], None),
    ([("2021-05-20", "阶段性完成并需长期坚持", "计划2021年6月底前完成")], None),
    ([("2021-08-15", "已完成", "计划2021年6月底前完成")], None),
    ([("2021-05-20", "正在推进中", None)], None),
])
def test_a_deadline_is_judged_on_the_notices_that_list_the_finding(notices, expected):
    chain = _chain(*notices)
    state = judge(chain, AS_OF)
    if expected is None:
        assert state is None
        return
    verdict, days, evidence = expected
    assert (state.verdict, state.days, state.notice) == (verdict, days, chain[evidence][0])
    if verdict is Verdict.DONE_LATE:
        assert state.done_in is chain[-1][0]


def test_late_days_rest_on_the_notice_and_passed_days_on_the_reference_date():
    late = _chain(("2021-08-15", "正在推进中", "计划2021年6月底前完成"))
    passed = _chain(("2021-05-20", "正在推进中", "计划2021年6月底前完成"))
    for as_of in (dt.date(2022, 1, 1), dt.date(2030, 6, 1)):
        assert judge(late, as_of).days == 46
        assert judge(passed, as_of).days == (as_of - dt.date(2021, 6, 30)).days


@pytest.mark.parametrize("published, deadline, assumed, date", [
    ("2021-05-20", "计划2021年6月底前完成", "", dt.date(2021, 6, 30)),
    ("2021-05-20", "计划6月底前完成", "same", dt.date(2021, 6, 30)),
    ("2021-12-10", "计划6月底前完成", "next", dt.date(2022, 6, 30)),  # December's 6月底 is next June
    ("2021-03-01", "2021年3月启动，6月底前完成", "", dt.date(2021, 6, 30)),  # the year said before it
])
def test_a_passed_deadline_says_when_its_year_was_not_written(published, deadline, assumed, date):
    state = judge(_chain((published, "正在推进中", deadline)), AS_OF)
    assert (state.verdict, state.deadline, state.year_assumed) == (Verdict.PASSED, date, assumed)


def test_the_follow_up_wait_holds_back_the_passed_state_only():
    passed = _chain(("2021-05-20", "正在推进中", "计划2021年6月底前完成"))
    late = _chain(("2021-08-15", "正在推进中", "计划2021年6月底前完成"))
    on = dt.date(2022, 6, 1)  # 336 days after the deadline
    assert judge(passed, on, wait_days=335).verdict is Verdict.PASSED
    assert judge(passed, on, wait_days=336) is None
    assert judge(late, on, wait_days=3000).verdict is Verdict.LATE
    # A later notice of the inspection no longer lists it: nothing is said about its deadline.
    assert judge(passed, on, followed=True) is None


# --- 1. honest overdue on the example site -------------------------------------------------

def test_seed_000s_items_are_not_called_overdue_but_their_deadlines_passed_with_dates(pages):
    page = _text(pages[f"documents/{SEED_000}/"].body)
    assert "已逾期" not in page
    # 计划3月底前整改完成 has no year: the page says the year is the notice's, assumed.
    for deadline in ("2019年3月31日（原文未写年份，按通报年份推定）", "2019年6月30日"):
        assert (f"时限已过，尚无后续通报整改时限{deadline}已过；此后本站没有该单位的后续通报，"
                "状态以2019年3月18日通报为准。") in page
    assert "时限已过，尚无后续通报2项（截至2026年12月2日）" in page  # the progress box
    home = _text(_page(load_all([ROOT / "data"]).collection, AS_OF, "").body)  # the example site
    assert "0项逾期（通报显示）" in home and "2项时限已过，尚无后续通报" in home
    overdue = _text(pages["overdue/"].body)
    assert overdue.startswith("逾期与时限已过")
    passed = overdue[overdue.index("时限已过，尚无后续通报整改时限"):]
    assert "公共资源交易平台整合工作未能如期推进" in passed
    assert "2019年3月31日原文未写年份，按通报年份推定2803天" in passed and "2019年6月30日2712天" in passed


@pytest.mark.parametrize("as_of", [dt.date(2022, 3, 1), AS_OF])
def test_a_notice_reporting_an_item_unfinished_after_its_deadline_shows_it_late_to_the_day(collection, as_of):
    pages = {path: _page(collection, as_of, path) for path in
             ("", "overdue/", "documents/lh-jw-2021-zhenggai/", "documents/lh-jw-2021-jinzhan/")}
    final = _text(pages["documents/lh-jw-2021-zhenggai/"].body)
    # 学校食堂…: 基本完成 in the notice of 2021-10-15, its deadline 2021-08-31: 45 days late.
    assert "已逾期45天2021年10月15日通报发布时，整改时限2021年8月31日已过45天，仍未完成" in final
    interim = _text(pages["documents/lh-jw-2021-jinzhan/"].body)
    assert "已逾期45天" in interim  # the earlier page says what the later notice shows
    overdue = _text(pages["overdue/"].body)
    late = overdue[overdue.index("逾期：通报发布时已过整改时限"):overdue.index("时限已过，尚无后续通报整改时限")]
    assert "学校食堂经费管理存在漏洞基本完成2021年8月31日已逾期45天" in late
    assert "1项逾期（通报显示）" in _text(pages[""].body)


def test_a_deadline_moved_before_it_passed_is_not_late_at_the_notice(pages):
    final = _text(pages["documents/lh-jw-2021-zhenggai/"].body)
    assert "时限已过，尚无后续通报整改时限2021年12月31日已过；此后本站没有该单位的后续通报，状态以2021年10月15日通报为准" in final


def test_the_follow_up_wait_setting_hides_recent_passed_deadlines(collection):
    quick = _text(_page(collection, dt.date(2022, 3, 1), "").body)
    patient = _text(_page(collection, dt.date(2022, 3, 1), "", rules=Rules(follow_up_wait_days=365)).body)
    assert "3项时限已过，尚无后续通报" in quick  # 2019-03-31, 2019-06-30, 2021-12-31
    assert "2项时限已过，尚无后续通报" in patient  # 2021-12-31 is only 60 days ago


# --- 2. the disclosure clock ----------------------------------------------------------------

def test_seed_000_was_published_89_days_after_feedback_everywhere(collection, pages, opendata):
    doc = collection.by_id(SEED_000)
    assert clock(doc, Rules()).days == 89
    page = _text(pages[f"documents/{SEED_000}/"].body)
    assert "反馈后第89天公开（2018年12月19日反馈），晚于反馈后2个月的通常公开期限" in page
    assert "反馈后第89天公开" in _text(pages["years/2019/"].body)
    folder, data = opendata
    row = next(r for r in _rows(folder, "documents") if r["id"] == SEED_000)
    assert (row["days_after_feedback"], row["first_notice"], row["beyond_period"]) == (89, True, True)
    stats = _text(data.pages[0].body)
    assert "中共深圳市人民政府办公厅党组1891" in stats  # 1 first notice, median 89 days, 1 beyond the period


def test_a_notice_published_on_the_day_of_the_feedback_says_so_not_day_0(tmp_path):
    """Before: “反馈后第 0 天公开” on the page, the listings and the feed."""
    from conftest import VALID_YAML

    from zhenggai.opendata.feeds import summary

    (tmp_path / "same-day.yml").write_text(VALID_YAML.replace("feedback: 2019-01-08", "feedback: 2019-03-18"),
                                           encoding="utf-8")
    result = load_all([tmp_path])
    assert result.ok, [str(d) for d in result.diagnostics]
    doc = result.collection.by_id("same-day")
    pages = _pages(result.collection, AS_OF)
    page, year = _text(pages["documents/same-day/"].body), _text(pages["years/2019/"].body)
    feed = summary(doc, tracking=build_tracking(result.collection.documents, AS_OF))
    assert "反馈当天公开（2019年3月18日反馈）" in page and "反馈当天公开" in year and "反馈当天公开" in feed
    assert not [text for text in (page, year, feed) if "第0天" in text or "第 0 天" in text]


def test_the_period_is_a_setting_and_only_an_inspections_first_notice_is_measured_against_it(collection):
    final, interim = collection.by_id("lh-jw-2021-zhenggai"), collection.by_id("lh-jw-2021-jinzhan")
    tracking = build_tracking(collection.documents, AS_OF, Rules(disclosure_months=6))
    assert not tracking.clocks[SEED_000].beyond_period
    assert tracking.clocks[interim.id].first and tracking.clocks[interim.id].days == 55
    assert not tracking.clocks[final.id].first and tracking.clocks[final.id].days == 203
    assert not build_tracking(collection.documents, AS_OF).clocks[final.id].beyond_period
    assert add_months(dt.date(2021, 12, 31), 2) == dt.date(2022, 2, 28)


def test_an_interim_notice_without_a_final_one_says_so_once_the_period_has_passed(collection):
    jinzhan = "ps-zsj-2021-xuncha-jinzhan"  # published 2021-05-12, no deadline stated, no final notice
    early = _text(_page(collection, dt.date(2021, 7, 12), f"documents/{jinzhan}/").body)
    late = _text(_page(collection, dt.date(2021, 7, 13), f"documents/{jinzhan}/").body)
    assert "本站尚无本次巡察整改完成情况的通报" not in early
    assert ("本站尚无本次巡察整改完成情况的通报：本通报为阶段性进展情况通报，发布于2021年5月12日，"
            "此后2个月（至2021年7月12日）本站没有后续通报。") in late
    # The series' interim notice has its final one: nothing to say.
    assert "本站尚无" not in _text(_page(collection, AS_OF, "documents/lh-jw-2021-jinzhan/").body)


def test_an_interim_notice_with_deadlines_waits_for_its_final_one_from_its_latest_deadline():
    """The period runs from the latest deadline the interim notice states (its stated completion),
    not from its publication: before, only a notice stating no deadline was tested."""
    interim = Document.model_validate({
        "id": "interim", "kind": "阶段性进展情况通报", "title": "t", "metadata": {"published": "2021-05-20"},
        "inspection": {"body": "区委第一巡察组", "target": "某局党组", "feedback": "2021-03-01"},
        "sections": [{"heading": "h", "categories": [{"title": "c", "problems": [
            {"title": "问题一", "status": "正在推进中", "deadline": "计划2021年9月底前完成"},
            {"title": "问题二", "status": "已完成", "deadline": "2021年6月底前"},
            {"title": "问题三", "status": "正在推进中"},
        ]}]}],
    })

    def said(as_of):
        body = _text(Renderer([interim], as_of=as_of).document_page(interim).body)
        return "本站尚无本次巡察整改完成情况的通报" in body, body

    shown, _ = said(dt.date(2021, 11, 30))  # 2021-09-30 + 2 months: still within the period
    assert not shown
    shown, body = said(dt.date(2021, 12, 1))
    assert shown and ("本站尚无本次巡察整改完成情况的通报：本通报为阶段性进展情况通报，所列最晚的整改时限为2021年9月30日，"
                      "此后2个月（至2021年11月30日）本站没有后续通报。") in body


# --- 3. rounds ------------------------------------------------------------------------------

def test_a_round_lists_every_target_with_its_notices_or_what_is_missing(pages):
    page = pages["rounds/lh-2021-1/"]
    text = _text(page.body)
    assert "某某区委2021年第一轮巡察" in text
    assert "已公开整改情况2个，尚未公开1个，未到公开期限0个" in text
    assert 'href="../../documents/lh-jw-2021-jinzhan/"' in page.body
    assert 'href="../../documents/lh-jw-2021-zhenggai/"' in page.body
    assert 'href="../../documents/lh-wj-2021-zhenggai/"' in page.body
    third = text[text.index("区住房和建设局党组"):]
    assert third.startswith("区住房和建设局党组区委第二巡察组2021年1月11日至2021年3月5日2021年4月2日尚未公开"
                            "反馈后2个月（2021年6月2日）已过，本站还没有这个单位的整改通报。")
    assert any(f.path == "feeds/rounds-lh-2021-1.xml" for f in page.feeds)
    assert "某某区委2021年第一轮巡察" in _text(pages["rounds/"].body)


def test_before_the_period_a_target_without_notice_is_not_yet_due(collection):
    page = _text(_page(collection, dt.date(2021, 6, 2), "rounds/lh-2021-1/").body)
    assert "区住房和建设局党组区委第二巡察组2021年1月11日至2021年3月5日2021年4月2日未到公开期限通常在2021年6月2日前公开" in page
    after = _text(_page(collection, dt.date(2021, 6, 3), "rounds/lh-2021-1/").body)
    assert "2021年4月2日尚未公开" in after


def test_notices_link_their_round_and_the_home_page_counts_units_not_yet_disclosed(pages, collection):
    notice = pages["documents/lh-wj-2021-zhenggai/"]
    assert 'href="../../rounds/lh-2021-1/"' in notice.body and "巡察轮次：某某区委2021年第一轮巡察" in _text(notice.body)
    assert any(f.path == "feeds/rounds-lh-2021-1.xml" for f in notice.feeds)
    assert "1个被巡察单位尚未公开整改情况" in _text(pages[""].body)
    tracking = build_tracking(collection.documents, AS_OF, rounds=collection.rounds)
    states = [row.state for row in tracking.targets["lh-2021-1"]]
    assert states == [TargetState.DISCLOSED, TargetState.DISCLOSED, TargetState.PENDING]


def _crumbs(body: str) -> list[tuple[str, str]]:
    """The breadcrumb of a page: (href, name) of each link, 首页 first; [] without one."""
    trail = re.search(r'<nav class="zg-crumbs" aria-label="当前位置">(.*?)</nav>', body, re.S)
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', trail.group(1)) if trail else []


@pytest.mark.parametrize("path, trail", [
    # Audit 2026-12-08 #1: 巡察轮次 had none, and its rounds only a bare link back; the listings'
    # 首页 linked to the page itself (href=".").
    ("rounds/", [("../", "首页")]),
    ("rounds/lh-2021-1/", [("../../", "首页"), ("../", "巡察轮次")]),
    ("years/", [("../", "首页")]),
    ("publishers/", [("../", "首页")]),
    ("inspectors/", [("../", "首页")]),
    ("years/2021/", [("../../", "首页"), ("../", "按年份浏览")]),
    ("documents/lh-wj-2021-zhenggai/", [("../../", "首页"), ("../../publishers/", "按发布机构浏览")]),
])
def test_the_rounds_and_every_listing_carry_a_breadcrumb_home(pages, path, trail):
    shown = _crumbs(pages[path].body)
    assert shown[:len(trail)] == trail and len(shown) <= len(trail) + path.startswith("documents/")


def test_the_navigation_lists_the_rounds_beside_the_other_listings_once_a_round_is_recorded(collection):
    nav = [next(iter(entry.values())) for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]]
    assert nav[nav.index("inspectors/index.md") + 1] == "rounds/index.md"
    with_rounds = {p.path: p for p in Renderer(collection, as_of=AS_OF).site_pages()}
    without = {p.path: p for p in Renderer(list(collection.documents), as_of=AS_OF).site_pages()}
    assert with_rounds["rounds/"].listed and with_rounds["years/"].listed
    # No round recorded: the page says so, and the navigation leaves out an empty column.
    assert "本站尚未登记巡察轮次" in without["rounds/"].body and not without["rounds/"].listed


# --- 5. one set of figures -------------------------------------------------------------------

def _figures(body: str) -> dict[str, str]:
    return dict(re.findall(r'<li id="figure-([a-z]+)"><span class="zg-stats__n">([^<]+)</span>', body))


def _rows(folder: Path, table: str) -> list[dict]:
    import json

    return json.loads((folder / "data" / f"{table}.json").read_text(encoding="utf-8"))


def test_the_home_headline_and_the_statistics_agree_and_say_what_they_count(pages, opendata):
    folder, data = opendata
    home, stats = _figures(pages[""].body), _figures(data.pages[0].body)
    assert home == stats and set(home) == {"documents", "findings", "completed", "late", "passed", "pending"}
    assert home == {"documents": "6", "findings": "42", "completed": "77%", "late": "1", "passed": "3", "pending": "1"}
    # Each figure says in words what it counts, the same words on both pages.
    for words in re.findall(r'<span class="zg-stats__w">([^<]+)</span>', pages[""].body):
        assert words in data.pages[0].body
    # The open data holds the same figures: its rows counted in the statistics are marked.
    current = [r for r in _rows(folder, "findings") if r["current"]]
    assert len(current) == 42 and sum(r["overdue"] for r in current) == 1
    assert sum(r["deadline_state"] == Verdict.PASSED.value for r in current) == 3
    done = sum(r["status"] == "已完成" for r in current)
    assert round(100 * done / sum(r["status"] is not None for r in current)) == 77


def test_a_notices_progress_box_says_the_figures_count_gives_it(collection):
    """The box's statuses and its 已完成 N/M（P%） line both come from `count`, the one function of
    every figure: before, the line was worked out again from the document's own tally."""
    renderer = Renderer(collection, as_of=AS_OF)
    checked = 0
    for doc in collection.documents:
        own = count([doc], renderer.tracking, latest_only=False)
        if not own.with_status:
            continue
        box = _text(renderer.document_page(doc).body)
        assert f"已完成{own.completed}项" in box, doc.id
        assert f"已完成{own.completed}/{own.with_status}（{own.share}%），按所列问题统计。" in box, doc.id
        checked += 1
    assert checked >= 3


def test_a_feed_entry_says_the_figures_count_gives_its_notice(collection):
    """A feed entry's 已完成 N 项 comes from `count` too, beside its deadline states."""
    from zhenggai.opendata.feeds import summary

    tracking = build_tracking(collection.documents, AS_OF, rounds=collection.rounds)
    checked = 0
    for doc in collection.documents:
        own = count([doc], tracking, latest_only=False)
        if own.with_status:
            assert f"其中已完成 {own.completed} 项" in summary(doc, tracking=tracking), doc.id
            checked += 1
    assert checked >= 3


def test_statistics_add_declared_outcomes_per_publisher_and_year_with_the_share_declaring(collection, opendata):
    tracking = build_tracking(collection.documents, AS_OF, rounds=collection.rounds)
    total = count(collection, tracking)
    assert (total.notices, total.rules_made, total.rules_declared) == (4, 20, 2)
    assert (total.money_returned, total.money_declared, total.people_handled, total.people_declared) == (209704, 2, 4, 1)
    assert total.declared_share(total.rules_declared) == 50
    stats = _text(opendata[1].pages[0].body)
    assert ("中共深圳市坪山区政务服务数据管理局党组117项1/1份声明（100%）157,704元（约15.77万元）1/1份声明（100%）"
            "4人次1/1份声明（100%）") in stats
    assert "中共深圳市人民政府办公厅党组1—0/1份声明（0%）" in stats  # declares nothing: not a zero
    assert "全部420项2/4份声明（50%）209,704元（约20.97万元）2/4份声明（50%）4人次1/4份声明（25%）" in stats
    assert "2021320项2/3份声明（67%）" in stats  # per year: 2021's three notices, two declare 制度


# --- 3. round files are validated like notices ------------------------------------------------

ROUND = """\
name: 某某区委2021年第一轮巡察
body: 中共某某区委
targets:
  - target: 区教育局党组
    group: 区委第三巡察组
    feedback: 2021-03-26
"""


@pytest.mark.parametrize(("text", "expected"), [
    (ROUND.replace("name: 某某区委2021年第一轮巡察\n", ""),
     ["rounds/r1.yml:1: name: 缺少必填项（轮次名称） [field.missing]"]),
    (ROUND.replace("    feedback: 2021-03-26", "    feedback: 2021-02-30"),
     ["rounds/r1.yml:6: targets.0.feedback: “2021-02-30” 不是有效的日期（第一个巡察对象） [date.invalid]"]),
    (ROUND.replace("    group: 区委第三巡察组\n", "    grup: 区委第三巡察组\n"),
     ["rounds/r1.yml:4: targets.0.group: 缺少必填项（巡察组）（第一个巡察对象） [field.missing]",
      "rounds/r1.yml:5: targets.0.grup: 未知的键，请检查拼写（是否应为 group？）（第一个巡察对象） [key.unknown]"]),
    (ROUND.replace("targets:\n", "targets: []\n").split("  - target")[0],
     ["rounds/r1.yml:3: targets: 至少需要 1 项 [list.too_short]"]),
    (ROUND + "  - target: 区教育局党组\n    group: 区委第三巡察组\n",
     ["rounds/r1.yml:7: targets.1: “区委第三巡察组”巡察“区教育局党组”在本文件中出现了两次（另见 targets.0）："
      "每个巡察对象只写一次（第二个巡察对象） [round.target_duplicate]"]),
    (ROUND.replace("  - target: 区教育局党组", "  - target: !!python/object/apply:os.getcwd [x]"),
     ["rounds/r1.yml:4: targets.0.target: 不支持的 YAML 标签 tag:yaml.org,2002:python/object/apply:os.getcwd"
      "（第一个巡察对象） [yaml.tag]"]),
    (ROUND.replace("    feedback: 2021-03-26", "    end: 2021-04-01\n    feedback: 2021-03-26"),
     ["rounds/r1.yml:4: targets.0: 反馈日期 2021-03-26 早于巡察结束日期 2021-04-01（第一个巡察对象） [date.order]"]),
])
def test_a_round_file_with_a_mistake_gets_a_chinese_error_naming_file_line_and_field(tmp_path, monkeypatch, text, expected):
    (tmp_path / "rounds").mkdir()
    (tmp_path / "rounds" / "r1.yml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = load_all([Path("rounds")])
    assert not result.ok and not result.collection.rounds
    assert [f"{d} [{d.code}]" for d in result.diagnostics] == expected


@pytest.mark.parametrize("searched", [".", "rounds", "rounds/2021/r1.yml", "rounds/2021"])
def test_a_round_file_in_a_sub_folder_of_rounds_is_said_to_belong_directly_in_rounds(tmp_path, monkeypatch, searched):
    """Before: validated as a notice, with errors about kind, title and the unknown key name
    (also when the file itself, or its sub-folder, was named on the command line)."""
    (tmp_path / "rounds" / "2021").mkdir(parents=True)
    (tmp_path / "rounds" / "r2.yml").write_text(ROUND, encoding="utf-8")
    (tmp_path / "rounds" / "2021" / "r1.yml").write_text(ROUND, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = load_all([Path(searched)])
    assert [f"{d} [{d.code}]" for d in result.diagnostics] == [
        "rounds/2021/r1.yml: 在 rounds 目录的子目录中，没有读取：巡察轮次文件必须直接放在 rounds 目录中"
        "（如 data/rounds/r1.yml），通报也不能放在 rounds 目录下：请把文件移到相应的位置 [round.nested]"]
    assert [r.id for r in result.collection.rounds] == (["r2"] if searched in (".", "rounds") else [])


@pytest.mark.parametrize("named", ["data", "data/n.yml", "ABS"])
def test_a_folder_named_rounds_above_the_project_is_no_round_folder(tmp_path, monkeypatch, named):
    project = tmp_path / "rounds" / "site"
    (project / "data").mkdir(parents=True)
    (project / "data" / "n.yml").write_text((SERIES / "lh-jw-2021-zhenggai.yml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    monkeypatch.chdir(project)
    result = load_all([project / "data" if named == "ABS" else Path(named)])
    assert [d.code for d in result.diagnostics if d.is_error] == [] and len(result.collection) == 1


def test_a_notice_matching_a_round_target_but_for_its_feedback_date_is_reported(tmp_path, monkeypatch):
    (tmp_path / "rounds").mkdir()
    (tmp_path / "rounds" / "r1.yml").write_text(ROUND.replace("2021-03-26", "2021-03-27"), encoding="utf-8")
    (tmp_path / "n.yml").write_text((SERIES / "lh-jw-2021-zhenggai.yml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = load_all([Path(".")])
    assert result.ok and len(result.collection.rounds) == 1
    assert [str(d) for d in result.diagnostics if d.code == "round.feedback_mismatch"] == [
        "警告：rounds/r1.yml:6: targets.0.feedback: 通报 n 的巡察组和被巡察党组织与这个巡察对象相同，但反馈日期不同"
        "（通报为 2021-03-26，本文件为 2021-03-27）：请核对两者，日期不同的通报不归入本轮（第一个巡察对象）"
    ]
    tracking = build_tracking(result.collection.documents, AS_OF, rounds=result.collection.rounds)
    assert tracking.round_of == {} and tracking.targets["r1"][0].state is TargetState.PENDING


def test_each_round_has_a_feed_of_its_notices_and_entries_say_the_clock_and_the_deadlines(opendata):
    import feedparser

    folder, _ = opendata
    feed = feedparser.parse((folder / "feeds" / "rounds-lh-2021-1.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "巡察整改公开：某某区委2021年第一轮巡察的整改通报"
    assert [e.title for e in feed.entries] == [
        "中共某某区教育局党组关于巡察整改情况的通报", "中共某某区卫生健康局党组关于巡察整改情况的通报",
        "中共某某区教育局党组关于巡察整改阶段性进展情况的通报"]
    assert feed.feed.link.endswith("rounds/lh-2021-1/")
    everything = feedparser.parse((folder / "feeds" / "all.xml").read_bytes())
    seed = next(e for e in everything.entries if e.title.startswith("中共深圳市人民政府办公厅党组"))
    assert "反馈后第 89 天公开" in seed.summary and "时限已过，尚无后续通报 2 项" in seed.summary
    final = next(e for e in everything.entries if e.title == "中共某某区教育局党组关于巡察整改情况的通报")
    assert "逾期 1 项（通报显示）" in final.summary


def test_names_match_across_files_whatever_the_width_of_their_digits_and_letters(tmp_path, monkeypatch):
    # Typed with an input method's full-width digits in one file and half-width in the other,
    # or with spaces: the same group and the same unit (audit 5 D8).
    (tmp_path / "rounds").mkdir()
    (tmp_path / "rounds" / "r1.yml").write_text(
        ROUND.replace("区委第三巡察组", "区委第３巡察组").replace("区教育局党组", "区教育局 ＡＩ 党组"), encoding="utf-8")
    notice = (SERIES / "lh-jw-2021-zhenggai.yml").read_text(encoding="utf-8")
    (tmp_path / "n.yml").write_text(
        notice.replace("区委第三巡察组", "区委第3巡察组").replace("区教育局党组", "区教育局AI党组"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = load_all([Path(".")])
    assert result.ok
    tracking = build_tracking(result.collection.documents, AS_OF, rounds=result.collection.rounds)
    assert set(tracking.round_of) == {"n"} and tracking.targets["r1"][0].state is not TargetState.PENDING


def test_a_round_target_written_twice_in_two_widths_is_a_duplicate(tmp_path, monkeypatch):
    (tmp_path / "rounds").mkdir()
    (tmp_path / "rounds" / "r1.yml").write_text(
        ROUND.replace("区委第三巡察组", "区委第3巡察组") + "  - target: 区教育局党组\n    group: 区委第３巡察组\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [d.code for d in load_all([Path("rounds")]).diagnostics] == ["round.target_duplicate"]
