"""Say only what a notice shows (audit 6, findings 2 and 6): a plan's year-less date is never read as
one before the notice, so no notice is called late by a guess; and in a series whose later notice
reports an earlier state, each notice's own box counts what that notice shows, a verdict from a
later notice says so, and the comparison names a step back as one."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import yaml

from zhenggai.data import load_all
from zhenggai.opendata.datasets import document_row, finding_rows
from zhenggai.opendata.feeds import summary as entry_summary
from zhenggai.numbering import number_document
from zhenggai.pdf.printhtml import print_html
from zhenggai.site import Renderer
from zhenggai.site.figures import count

from support.notices import notice

AS_OF = dt.date(2026, 12, 2)


def _text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body.replace("\n", "")))


def load(tmp_path: Path, docs: dict[str, dict]):
    for name, data in docs.items():
        (tmp_path / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = load_all([tmp_path])
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.collection


def test_a_plan_written_without_a_year_is_not_called_late_anywhere(tmp_path):
    collection = load(tmp_path, {
        "noyear": notice("丁局", "2021-12-10", "正在推进中", "计划6月底前完成"),
        "stages": notice("戊局", "2021-07-15", "正在推进中", "已于2021年3月完成第一阶段，计划2022年6月底前全部完成"),
    })
    renderer = Renderer(collection, as_of=dt.date(2022, 1, 5))
    for doc in collection:
        page = _text(renderer.document_page(doc).body)
        assert "逾期" not in page, doc.id
        assert "逾期" not in _text(print_html(doc)), doc.id  # the archive copy
        assert count([doc], renderer.tracking, latest_only=False).late == 0
        assert "逾期" not in entry_summary(doc, tracking=renderer.tracking)
        for row in finding_rows(doc, number_document(doc), renderer.tracking):
            assert row["deadline_state"] is None and not row["overdue"]
    assert "（2022年6月30日）" in _text(renderer.document_page(collection.by_id("noyear")).body)
    assert "0项逾期（通报显示）" in _text(renderer.home().body).replace(" ", "")


def _went_back(tmp_path):
    return load(tmp_path, {
        "g1-final": notice("己局", "2021-05-01", "已完成", None, series="gs"),
        "g2-interim": notice("己局", "2021-08-01", "正在推进中", "计划2021年6月30日前完成",
                             kind="阶段性进展情况通报", series="gs"),
    })


def test_a_later_notice_that_reports_a_step_back_is_compared_as_one(tmp_path):
    collection = _went_back(tmp_path)
    renderer = Renderer(collection, as_of=AS_OF)
    later = _text(renderer.document_page(collection.by_id("g2-interim")).body)
    assert "与上次通报相比（2021年5月1日巡察整改情况通报）：0 项改为已完成，1 项由已完成改为未完成，" in later
    assert "仍未完成，" not in later.split("与上次通报相比")[1].split("。")[0]
    assert "0 项整改时限有变动" in later  # it had no deadline before: nothing moved
    assert "已逾期 1 项（通报显示）" in later  # this notice shows it: published after its own deadline, unfinished


def test_an_earlier_notice_counts_only_what_it_shows_and_labels_a_later_verdict(tmp_path):
    collection = _went_back(tmp_path)
    renderer = Renderer(collection, as_of=AS_OF)
    earlier = collection.by_id("g1-final")
    page = _text(renderer.document_page(earlier).body)
    box = page[page.index("整改进度"):page.index("共 1 项整改事项")]
    assert "逾期" not in box and "通报显示" not in box
    assert "据后续通报" in page  # the later notice's verdict, labelled as such
    assert count([earlier], renderer.tracking, latest_only=False).late == 0
    assert document_row(earlier, earlier.tally(), renderer.tracking)["overdue"] == 0
    [row] = finding_rows(earlier, number_document(earlier), renderer.tracking)
    assert row["deadline_state"] is None and not row["overdue"]  # the later notice's row carries it
    [row] = finding_rows(collection.by_id("g2-interim"), number_document(collection.by_id("g2-interim")), renderer.tracking)
    assert (row["deadline_state"], row["days_overdue"], row["state_document"]) == ("逾期", 32, "g2-interim")
    assert "逾期" not in entry_summary(earlier, tracking=renderer.tracking)
    assert "逾期" not in _text(print_html(earlier))
    # The site's figures count the latest notice: the one late item, once.
    assert count(collection, renderer.tracking).late == 1
