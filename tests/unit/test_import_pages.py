"""`zhenggai import` on notices as copied from real portals: dates whose 年 and 月 the page lost, chrome
on the lines above the title, catalogue lines typed with padded labels and bullets, and a copy cut
short. The wording is our own; the shapes are those of published pages."""

from __future__ import annotations

from zhenggai.importer import import_notice

BODY = ("一、整改工作开展情况\n局党组召开专题会议研究部署整改工作。\n二、反馈问题整改落实情况\n"
        "1.关于“会议过多”的问题\n整改情况：压减会议数量。目前已完成整改。\n"
        "欢迎广大干部群众进行监督。联系电话：0571-12345678。\n某局党组\n2024年12月1日\n")


def _draft(tmp_path, text: str, name: str = "n.txt"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_notice(source)


def _said(draft, code: str) -> list[str]:
    return [d.message for d in draft.doubts if d.code == code]


def test_dates_whose_year_and_month_marks_the_page_lost_are_read_and_marked(tmp_path):
    draft = _draft(tmp_path, "某局党组关于巡察整改进展情况的通报\n根据县委统一部署，202442日至820日，县委第一巡察组对某局党组"
                             "开展了巡察。2024919日，县委第一巡察组反馈了巡察意见。现将整改进展情况予以公布。\n" + BODY)
    inspection = draft.data["inspection"]
    assert (str(inspection["start"]), str(inspection["end"]), str(inspection["feedback"])) == (
        "2024-04-02", "2024-08-20", "2024-09-19")
    said = _said(draft, "import.date_damaged")
    assert any("202442日" in m and "2024年4月2日" in m for m in said), said
    assert any("2024919日" in m and "2024年9月19日" in m for m in said), said


def test_a_damaged_feedback_date_without_a_year_is_read_in_the_inspections_year(tmp_path):
    draft = _draft(tmp_path, "某局党组关于巡察整改进展情况的通报\n根据市委统一部署，2024717日至830日，市委第六巡察组对某局党组"
                             "进行了巡察。914日，巡察组向某局党组反馈了巡察意见。\n" + BODY)
    inspection = draft.data["inspection"]
    assert (str(inspection["start"]), str(inspection["end"]), str(inspection["feedback"])) == (
        "2024-07-17", "2024-08-30", "2024-09-14")
    assert not _said(draft, "import.feedback_missing")


def test_a_damaged_date_that_reads_two_ways_is_left_to_staff_with_the_reason(tmp_path):
    # 2024111日: 1月11日 or 11月1日 — never guessed
    draft = _draft(tmp_path, "某局党组关于巡察整改进展情况的通报\n根据市委统一部署，2024111日至1220日，市委第六巡察组对某局党组"
                             "进行了巡察。\n" + BODY)
    assert "start" not in draft.data["inspection"]
    assert any("2024111日" in m and "未能读出" in m for m in _said(draft, "import.date_damaged"))


def test_a_plain_day_of_the_same_month_is_not_taken_for_a_damaged_date(tmp_path):
    draft = _draft(tmp_path, "某局党组关于巡察整改进展情况的通报\n根据市委统一部署，2024年4月2日至30日，市委第六巡察组对某局党组"
                             "进行了巡察。\n" + BODY)
    assert (str(draft.data["inspection"]["start"]), str(draft.data["inspection"]["end"])) == ("2024-04-02", "2024-04-30")
    assert not _said(draft, "import.date_damaged")
