"""Was it really fixed, and is it late? Overdue, successive notices, revised deadlines,
corrections and withdrawals, as the pages and the loader show them."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from zhenggai.data import load_all
from zhenggai.model import Document
from zhenggai.overdue import overdue_days, reference_date
from zhenggai.pdf.printhtml import print_html
from zhenggai.search.format import decode_text
from zhenggai.search.index import extract_record
from zhenggai.search.text import document_blocks
from zhenggai.site import Renderer
from zhenggai.site.listings import LISTINGS

ROOT = Path(__file__).resolve().parents[2]
SERIES = ROOT / "tests" / "fixtures" / "series"
AS_OF = dt.date(2026, 12, 2)


def _text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body.replace("\n", "")))


@pytest.fixture(scope="module")
def collection():
    result = load_all([ROOT / "data", SERIES])
    assert result.ok
    return result.collection


@pytest.fixture(scope="module")
def pages(collection):
    return {p.path: p for p in Renderer(collection, as_of=AS_OF).site_pages()}


def test_the_overdue_page_lists_passed_deadlines_longest_first_and_undated_items_apart(pages):
    # 000's two 正在推进中 items: deadlines after the notice, no later notice (see test_record.py).
    overdue = _text(pages["overdue/"].body)
    assert "截至2026年12月2日" in overdue and "数字档案工作缺乏统筹、指导、宣传和检查" in overdue
    passed = overdue[overdue.index("时限已过,尚无后续通报".replace(",", "，") + "整改时限"):]
    assert passed.index("公共资源交易平台") < passed.index("‘数字政府’")  # longest first
    undated = overdue[overdue.index("未写明整改时限的未完成事项"):]
    assert "数字档案工作缺乏统筹、指导、宣传和检查(正在推进中".replace("(", "（") in undated


def test_overdue_arithmetic():
    finding = Document.model_validate({
        "id": "x", "kind": "政府信息公开", "title": "t", "metadata": {"published": "2021-05-20"},
        "sections": [{"heading": "h", "categories": [{"title": "c", "problems": [
            {"title": "p", "status": "正在推进中", "deadline": "计划6月底前完成"}]}]}],
    }).findings()[0]
    assert finding.deadline.date == dt.date(2021, 6, 30)  # no year: the notice's own
    assert overdue_days(finding, dt.date(2021, 6, 30)) is None  # on the day itself: not yet late
    assert overdue_days(finding, dt.date(2021, 7, 1)) == 1
    assert overdue_days(finding.model_copy(update={"status": "已完成"}), dt.date(2022, 1, 1)) is None
    assert reference_date(dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)


def test_the_series_links_its_notices_with_timelines_and_a_comparison(pages):
    final = _text(pages["documents/lh-jw-2021-zhenggai/"].body)
    interim = pages["documents/lh-jw-2021-jinzhan/"].body
    assert "本次巡察的历次通报" in final and "本次巡察的历次通报" in interim
    assert 'href="../lh-jw-2021-jinzhan/"' in pages["documents/lh-jw-2021-zhenggai/"].body
    assert "2021年5月 阶段性进展情况通报：正在推进中，计划2021年6月底前完成" in final
    assert "2021年10月 巡察整改情况通报：已完成" in final
    assert "与上次通报相比（2021年5月20日阶段性进展情况通报）：1 项改为已完成，2 项仍未完成，1 项整改时限有变动。" in final


def test_a_revised_deadline_shows_the_original_struck_through_with_its_reason(pages):
    body = pages["documents/lh-jw-2021-zhenggai/"].body
    assert "<del>计划2021年9月底前完成</del>" in body
    text = _text(body)
    assert "时限已调整 1 次：原定计划2021年9月底前完成，2021年9月20日调整，原因：施工单位结算资料经审计退回补正,需重新送审" in text
    assert "整改时限2021年12月31日已过" in text  # the current deadline, not the original one


def _series_with(edit) -> list[str]:
    folder = SERIES
    docs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yml")}
    edit(docs["lh-jw-2021-zhenggai"])
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for stem, data in docs.items():
            Path(tmp, f"{stem}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return [d.code for d in load_all([Path(tmp)]).diagnostics]


def _problems(data):
    return data["sections"][0]["categories"][0]["problems"]


def test_the_loader_warns_when_a_finding_goes_backwards():
    def backwards(data):
        _problems(data)[1]["status"] = "正在推进中"  # 已完成 in the interim report
    assert "series.regressed" in _series_with(backwards)


def test_the_loader_warns_when_a_finding_vanishes():
    def vanish(data):
        del _problems(data)[1]
    assert "series.vanished" in _series_with(vanish)


def test_the_loader_warns_when_a_deadline_moves_without_a_reason():
    def move(data):
        _problems(data)[2]["deadline"] = "计划2021年12月底前完成"  # revisions dropped
    assert "deadline.moved_unexplained" in _series_with(move)
    assert "deadline.moved_unexplained" not in _series_with(lambda data: None)


def test_a_similar_title_match_is_reported_for_staff_to_confirm():
    assert "series.similar_match" in _series_with(lambda data: None)


def test_a_withdrawal_keeps_the_page_with_a_banner_and_leaves_the_counts(collection):
    original = collection.by_id("ps-bgs-2018-gongzuo")
    withdrawn = Document.model_validate(
        {**original.model_dump(), "withdrawn": {"date": "2018-04-01", "reason": "内容有误，另行发布"}})
    docs = [d for d in collection if d.id != withdrawn.id] + [withdrawn]
    renderer = Renderer(docs, as_of=AS_OF)
    page = _text(renderer.document_page(withdrawn).body)
    assert "本文件已于2018年4月1日撤回，原因：内容有误，另行发布" in page
    assert "5份公开文件" in _text(renderer.home().body)  # of 6: the withdrawn one is not counted
    assert "6份公开文件" in _text(Renderer(collection, as_of=AS_OF).home().body)
    year = next(p for p in renderer.listing_pages(LISTINGS[0]) if p.path == "years/2018/")
    text = _text(year.body)
    assert "共 0 份文件（另有 1 份已撤回，仍列于此）" in text and "已撤回" in text
    head, _ = decode_text(json.loads(extract_record(withdrawn).text))
    assert head["t"] == f"{withdrawn.title}（已撤回）"  # stays in search, marked
    assert "本文件已于2018年4月1日撤回" in [b.text for b in document_blocks(withdrawn)]


def test_corrections_are_shown_at_the_top_of_the_page_and_in_the_pdf(collection, pages):
    body = _text(pages["documents/lh-jw-2021-zhenggai/"].body)
    assert body.index("更正记录") < body.index("本次巡察的历次通报")
    assert "2021年10月18日：更正第一部分中校舍维修工程的整改时限表述。" in body
    printed = _text(print_html(collection.by_id("lh-jw-2021-zhenggai")))
    assert "更正（2021年10月18日）：更正第一部分中校舍维修工程的整改时限表述。" in printed


def test_the_pdf_records_the_deadline_as_it_stood_at_publication(collection):
    printed = _text(print_html(collection.by_id("lh-jw-2021-zhenggai")))
    assert "原定计划2021年9月底前完成，2021年9月20日调整，原因：施工单位结算资料经审计退回补正,需重新送审" in printed
    # 食堂经费: deadline 8月底, still 基本完成 on the day of publication (10月15日): 45 days.
    assert "计划2021年8月底前完成，截至发布日已逾期45天" in printed
    assert "2026年" not in printed  # nothing of the build day in the archive copy


def test_the_same_yearless_deadline_in_two_notices_has_not_moved(tmp_path):
    """计划3月底前完成 in notices of March and April reads as two Marches (the later one's next year,
    with deadline.guessed saying so): the text did not change, so nothing moved."""
    from support.notices import notice

    for name, published in (("a", "2021-03-10"), ("b", "2021-04-10")):
        data = notice("丙局", published, "正在推进中", "计划3月底前完成", series="bj")
        (tmp_path / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    codes = [d.code for d in load_all([tmp_path]).diagnostics]
    assert "deadline.moved_unexplained" not in codes and "deadline.guessed" in codes
