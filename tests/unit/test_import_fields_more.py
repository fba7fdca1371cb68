"""`zhenggai import` reading a finding's responsibility, status, deadline and the declared
measure total in further shapes: a bracket of fields under numbered measures, person labels
such as 分管院领导 or 督办领导, units labelled 责任主体 or 配合单位, plans by half-year or
quarter, yes/no status fields, a status after each measure, a completion date in the status,
and deadlines written with dots or slashes (fixtures in our own wording)."""

from __future__ import annotations

import pytest

from zhenggai.importer import import_notice

HEAD = ("某中心党委关于巡察整改情况的通报\n根据市委统一部署，2024年3月4日至4月30日，市委第三巡察组对某中心党委开展了常规巡察。"
        "5月20日，巡察组反馈了巡察意见。现将巡察整改情况予以公布。\n一、巡察反馈问题整改情况\n（一）作风建设方面\n")
SECOND = "2.值班登记不规范。\n整改措施：一是修订值班制度；二是每周抽查登记。\n整改情况：已完成。\n"


def _import(tmp_path, body: str, head: str = HEAD):
    source = tmp_path / "n.txt"
    source.write_text(head + body, encoding="utf-8")
    draft = import_notice(source)
    problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
    return problems, draft


@pytest.mark.parametrize("bracket", ["（责任单位：后勤科；责任领导：副主任）", "（责任部门：后勤科，责任领导：副主任）"])
def test_a_bracket_of_responsibility_under_numbered_measure_lines_is_the_problem_s(tmp_path, bracket):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。\n整改措施：\n1.逐笔复核维修单据。\n2.实行定点维修。\n{bracket}\n"
                                    "整改进展：已完成。\n" + SECOND)
    first = problems[0]
    assert (first.get("responsible"), first.get("leader")) == ("后勤科", "副主任")
    assert [m["text"] for m in first["measures"]] == ["逐笔复核维修单据。", "实行定点维修。"]
    assert all("paragraphs" not in m for m in first["measures"])


@pytest.mark.parametrize("label", ["分管院领导", "分管校领导", "分管局领导", "分管县领导", "牵头院领导"])
def test_a_person_label_naming_the_leader_s_body_gives_the_leader_in_the_title_bracket(tmp_path, label):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。（责任科室：后勤科；{label}：副院长）\n"
                                    "整改措施：一是逐笔复核维修单据；二是实行定点维修。\n整改进展：已完成。\n" + SECOND)
    first = problems[0]
    assert first["title"] == "车辆维修费用审核不严"
    assert (first.get("responsible"), first.get("leader")) == ("后勤科", "副院长")
    assert len(first["measures"]) == 2


@pytest.mark.parametrize("lines, responsible, leader", [
    ("责任主体：后勤科；责任人：副主任。", "后勤科", "副主任"),
    ("责任部门：后勤科，责任领导：副主任。", "后勤科", "副主任"),
    ("牵头单位：后勤科\n配合单位：财务科\n督办领导：副主任", "牵头单位：后勤科；配合单位：财务科", "副主任"),
    ("责任单位：后勤科\n协助单位：财务科", "责任单位：后勤科；协助单位：财务科", None),
])
def test_further_responsibility_labels_are_fields_not_measures(tmp_path, lines, responsible, leader):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。\n{lines}\n"
                                    "整改措施：一是逐笔复核维修单据；二是实行定点维修。\n整改进展：已完成。\n" + SECOND)
    first = problems[0]
    assert (first.get("responsible"), first.get("leader")) == (responsible, leader)
    assert [m["text"] for m in first["measures"]] == ["逐笔复核维修单据；", "实行定点维修。"]


@pytest.mark.parametrize("plan", ["计划2025年上半年完成", "计划2025年下半年完成", "计划年内完成", "计划2025年一季度完成",
                                  "预计2025年第三季度完成"])
def test_a_plan_by_half_year_quarter_or_year_is_the_deadline(tmp_path, plan):
    problems, _ = _import(tmp_path, "1.车辆维修费用审核不严。\n整改措施：一是逐笔复核维修单据；二是实行定点维修。\n"
                                    f"整改进展：正在推进，{plan}。\n" + SECOND)
    first = problems[0]
    assert (first.get("status"), first.get("deadline")) == ("正在推进中", plan)
    assert len(first["measures"]) == 2


@pytest.mark.parametrize("sentence", ["逐一制定整改措施，共6条", "逐项制定整改措施，共计6项", "针对问题制定整改措施，合计6条"])
def test_a_measure_total_after_a_comma_is_declared(tmp_path, sentence):
    head = HEAD.replace("现将巡察整改情况", f"党委对反馈的2个问题{sentence}。现将巡察整改情况")
    _, draft = _import(tmp_path, "1.车辆维修费用审核不严。\n整改措施：一是逐笔复核维修单据；二是实行定点维修；三是公开维修价格。\n"
                                 "整改进展：已完成。\n2.值班登记不规范。\n整改措施：一是修订值班制度；二是每周抽查登记；三是通报迟登漏登。\n"
                                 "整改情况：已完成。\n", head)
    assert draft.data["declared"].get("measures") == 6


@pytest.mark.parametrize("line, status", [
    ("是否完成：是", "已完成"), ("是否销号：是", "已完成"), ("是否完成：否", "正在推进中"),
    ("整改结果：整改到位。", "已完成"),
])
def test_a_yes_no_or_result_status_field_is_the_status_not_a_measure(tmp_path, line, status):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。\n整改措施：逐笔复核维修单据。\n{line}\n" + SECOND)
    first = problems[0]
    assert first.get("status") == status
    assert [m["text"] for m in first["measures"]] == ["逐笔复核维修单据。"]


@pytest.mark.parametrize("second_status, status, said", [("持续推进", "正在推进中", True), ("已完成", "已完成", False)])
def test_a_status_after_each_measure_leaves_the_measures_and_the_least_finished_is_the_problem_s(
        tmp_path, second_status, status, said):
    problems, draft = _import(tmp_path, "1.车辆维修费用审核不严。\n整改措施：\n（1）逐笔复核维修单据（已完成）；\n"
                                        f"（2）实行定点维修（{second_status}）。\n" + SECOND)
    first = problems[0]
    assert first.get("status") == status
    assert [m["text"] for m in first["measures"]] == ["逐笔复核维修单据；", "实行定点维修。"]
    assert any(d.code == "import.status_per_measure" for d in draft.doubts) == said  # only where they differ


@pytest.mark.parametrize("said", ["已于2025年7月整改完成。", "已于2025年3月底前完成整改。"])
def test_a_completion_date_in_the_status_is_no_deadline(tmp_path, said):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。\n整改措施：逐笔复核维修单据。\n整改情况：{said}\n" + SECOND)
    first = problems[0]
    assert first.get("status") == "已完成"
    assert first.get("deadline") is None


@pytest.mark.parametrize("written, read", [("2025.10.31", "2025年10月31日"), ("2024/11/30", "2024年11月30日")])
def test_a_deadline_with_dots_or_slashes_is_written_as_a_date(tmp_path, written, read):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。\n完成时限：{written}\n整改措施：逐笔复核维修单据。\n"
                                    "整改情况：正在推进中。\n" + SECOND)
    assert problems[0].get("deadline") == read


@pytest.mark.parametrize("sentence, key, value", [
    ("逐一梳理巡察反馈问题，共2个", "problems", 2),
    ("将反馈意见分解为整改任务，共计5项", "tasks", 5),
])
def test_other_totals_after_a_comma_are_declared(tmp_path, sentence, key, value):
    head = HEAD.replace("现将巡察整改情况", f"党委{sentence}。现将巡察整改情况")
    _, draft = _import(tmp_path, "1.车辆维修费用审核不严。\n整改措施：一是逐笔复核维修单据；二是实行定点维修。\n整改进展：已完成。\n"
                                 + SECOND, head)
    assert draft.data["declared"].get(key) == value


@pytest.mark.parametrize("lines", [
    "整改措施及成效：1.逐笔复核维修单据；2.实行定点维修。已完成。",
    "整改举措及进展：\n1.逐笔复核维修单据；\n2.实行定点维修。\n已完成。",
])
def test_a_measures_and_results_lead_is_no_measure_text(tmp_path, lines):
    problems, _ = _import(tmp_path, f"1.车辆维修费用审核不严。\n{lines}\n" + SECOND)
    assert len(problems) == 2
    first = problems[0]
    assert first.get("status") == "已完成"
    assert [m["text"] for m in first["measures"]] == ["逐笔复核维修单据；", "实行定点维修。"]
