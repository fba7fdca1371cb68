"""`zhenggai import` on notices as copied from real portals: dates whose 年 and 月 the page lost, chrome
on the lines above the title, catalogue lines typed with padded labels and bullets, and a copy cut
short. The wording is our own; the shapes are those of published pages."""

from __future__ import annotations

import pytest

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


OPENING = ("根据市委统一部署，2024年3月1日至4月30日，市委第一巡察组对某局党组进行了巡察。"
           "2024年6月1日，市委第一巡察组向某局党组反馈了巡察意见。现将整改进展情况予以公布。\n")
TITLE = "某局党组关于巡察整改进展情况的通报"


def test_a_breadcrumb_on_the_line_above_the_title_is_not_part_of_it(tmp_path):
    for head in ("当前位置:某市纪委监委网站> 信息公开 > 巡视巡察\n", "当前位置: 首页 >> 本级巡察情况\n字体大小:\n",
                 "您现在的位置：首页 › 巡察工作\n保护视力色：\n"):
        draft = _draft(tmp_path, head + TITLE + "\n" + OPENING + BODY)
        assert draft.data["title"] == TITLE, head
        assert not _said(draft, "import.title_joined")


def test_catalogue_lines_with_padded_labels_bullets_and_values_on_the_next_line(tmp_path):
    draft = _draft(tmp_path, "- 索 引 号:123456789/2023-00364\n- 主题分类:公示公告\n- 发布机构:中共某镇委员会\n"
                             "- 成文时间:2023年11月23日\n- 文 号:无\n- 标 题:" + TITLE + "\n- 效力状态:有效\n"
                             + TITLE + "\n" + OPENING + BODY)
    metadata = draft.data["metadata"]
    assert draft.data["title"] == TITLE
    assert (metadata.get("index_no"), str(metadata.get("written")), metadata.get("doc_no")) == (
        "123456789/2023-00364", "2023-11-23", None)
    assert not [p for p in draft.data.get("opening", ()) if "效力状态" in p or p == TITLE]
    draft = _draft(tmp_path, "• 信息索引号:\n\n123456789/2023-46395\n\n• 文件名称:\n\n" + TITLE + "\n\n• 发布机构:\n\n某局\n\n"
                             "• 成文日期:\n\n2023-05-04\n\n• 公开方式:\n\n主动公开\n\n• " + TITLE + "\n日期:2023-05-06 08:46:31 来源:某局\n"
                             "分享:\n朗读\n" + OPENING + BODY)
    metadata = draft.data["metadata"]
    assert (metadata.get("index_no"), str(metadata.get("written")), str(metadata.get("published"))) == (
        "123456789/2023-46395", "2023-05-04", "2023-05-06")
    assert draft.data["opening"][0].startswith("根据市委统一部署") and draft.data["title"] == TITLE


def test_a_print_and_close_bar_at_the_foot_is_chrome(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + BODY.replace("欢迎广大", "打印本页 | 关闭窗口\n欢迎广大"))
    assert "打印本页" not in repr(draft.data) and draft.data["contact"]


def test_a_copy_cut_short_is_said_to_be_incomplete(tmp_path):
    cut = TITLE + "\n" + OPENING + "一、整改工作开展情况\n（一）加强组织领导。局党组召开专题会议，研究部署整改工作，为从根本上解决问题，防"
    draft = _draft(tmp_path, cut)
    said = _said(draft, "import.text_cut")
    assert said and "为从根本上解决问题，防" in said[0]
    assert not _said(_draft(tmp_path, TITLE + "\n" + OPENING + BODY), "import.text_cut")


def test_a_catalogue_table_saying_no_number_and_a_written_time(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><table><tr><td>索 引 号：</td><td>11370200MB0C12345X/2023-00364</td>"
                    "<td>成文时间：</td><td>2023年11月23日</td></tr><tr><td>文 号：</td><td>无</td>"
                    "<td>发布机构：</td><td>某镇党委</td></tr></table><p>" + TITLE + "</p><p>" + OPENING + "</p></body></html>",
                    encoding="utf-8")
    metadata = import_notice(path).data["metadata"]
    assert (str(metadata.get("written")), metadata.get("doc_no")) == ("2023-11-23", None)


def test_a_finding_quoted_whole_across_full_stops_is_one_title(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + "（一）在“党的领导作用发挥不够”方面\n"
                             "1.关于“学习贯彻上级部署不够到位”问题的整改\n"
                             "（1）关于“中心组学习不深入。局党组未按计划组织专题学习。”问题的整改\n"
                             "整改情况：制定年度学习计划，开展专题研讨。目前已完成整改。\n" + "欢迎" + BODY.split("欢迎", 1)[1])
    [category] = draft.data["sections"][0]["categories"]
    [item] = category["problems"][0]["items"]
    assert item["title"] == "中心组学习不深入。局党组未按计划组织专题学习。"
    assert [m if isinstance(m, str) else m["text"] for m in item["measures"]] == ["制定年度学习计划，开展专题研讨。"]


def test_a_list_of_findings_inside_a_sentence_stays_one_paragraph(tmp_path):
    summary = ("反馈会上，巡察组指出了某社区存在的4类主要问题：一、党建工作基础不牢；二、主体责任落实不到位；"
               "三、财务管理不规范；四、服务群众意识不强。针对以上问题，社区党支部表示将认真对照，逐项整改，"
               "确保反馈意见在规定时限内全部整改到位，并以此为契机推动各项工作再上新台阶，切实把整改成果转化为服务群众的实际成效，"
               "以实实在在的整改成效取信于民，让群众切实感受到巡察整改带来的新变化新气象，不断增强群众的获得感、幸福感和安全感。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + summary + BODY)
    assert [s.get("heading") for s in draft.data["sections"]] == ["整改工作开展情况", "反馈问题整改落实情况"]
    assert any("四、服务群众意识不强" in p for p in draft.data["opening"])


def test_points_at_the_top_level_are_points_not_parts_headed_by_their_paragraphs(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + "一是提高站位，压实责任。局党组召开专题会议研究部署整改工作。\n"
                             "二是建章立制，规范管理。修订完善制度，堵塞管理漏洞。\n" + "欢迎" + BODY.split("欢迎", 1)[1])
    [section] = draft.data["sections"]
    assert "heading" not in section or section["heading"] is None
    assert [p["title"] for p in section["points"]] == ["提高站位，压实责任。", "建章立制，规范管理。"]


def test_a_notice_without_supervision_channels_is_said_so(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + BODY.replace("欢迎广大干部群众进行监督。联系电话：0571-12345678。\n", ""))
    assert "contact" not in draft.data and _said(draft, "import.contact_missing")
    assert not _said(_draft(tmp_path, TITLE + "\n" + OPENING + BODY), "import.contact_missing")


def test_a_contact_block_closed_by_its_office_hours(tmp_path):
    contact = ("欢迎广大干部群众对巡察整改落实情况进行监督。\n电话：0571-12345678\n电子邮箱：jubao@example.gov.cn\n"
               "受理时间：工作日上午9:00-12:00，下午14:00-17:30\n某局党组\n2024年12月1日\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + BODY.split("欢迎", 1)[0] + contact)
    assert draft.data["contact"]["phones"] == ["0571-12345678"]
    assert draft.data["contact"]["hours"] == "工作日上午9:00-12:00，下午14:00-17:30"
    assert not _said(draft, "import.contact_missing")


def test_a_catalogue_line_ending_in_an_empty_field_takes_no_title_half_as_its_value(tmp_path):
    draft = _draft(tmp_path, "来源：某医院  发布时间：2024-03-05  浏览次数：\n中共某县人民医院委员会关于县委第五轮巡察\n"
                             "反馈意见集中整改情况的通报\n" + OPENING + BODY)
    assert draft.data["title"] == "中共某县人民医院委员会关于县委第五轮巡察反馈意见集中整改情况的通报"
    assert str(draft.data["metadata"]["published"]) == "2024-03-05"


@pytest.mark.parametrize("line", ["2024年10月24日 来源：县住房和城乡建设局", "2024-10-24  来源：县住房和城乡建设局",
                                  "来源：县住房和城乡建设局 2024年10月24日"])
def test_an_unlabelled_date_beside_the_source_is_the_publication_date(tmp_path, line):
    """Before: the line was read for its 来源 only, and the draft fell back on the signature's date."""
    draft = _draft(tmp_path, TITLE + "\n" + line + "\n" + OPENING + BODY)
    assert str(draft.data["metadata"]["published"]) == "2024-10-24"
    assert draft.data["metadata"]["source"] == "县住房和城乡建设局"


def test_a_labelled_date_of_another_kind_is_not_the_publication_date(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n成文日期： 2024年10月20日 来源：县住房和城乡建设局\n" + OPENING + BODY)
    assert str(draft.data["metadata"]["published"]) != "2024-10-20" or not any(
        d.code == "import.published_from_page" for d in draft.doubts)


def test_problems_led_by_their_word_with_their_fields_on_lines_or_run_together(tmp_path):
    lines = ("一、组织建设方面\n反馈问题：党员教育管理偏松。\n整改措施：一是建立积分管理制度。二是开展谈心谈话。\n整改结果：已完成。\n"
             "反馈问题：支部换届不及时。\n整改措施：一是督促按期换届。二是建立换届提醒机制。\n整改结果：正在推进中。\n")
    flat = ("一、巡察反馈问题整改情况\n反馈问题一：党员教育管理偏松；整改措施：一是建立积分管理制度，二是开展谈心谈话；整改结果：已完成。"
            "反馈问题二：支部换届不及时；整改措施：一是督促按期换届，二是建立换届提醒机制；整改结果：正在推进中。\n")
    for body in (lines, flat):
        draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
        problems = [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]
        assert [(p["title"], p["status"], [(m if isinstance(m, str) else m["text"]).rstrip("。；，") for m in p["measures"]])
                for p in problems] == [("党员教育管理偏松", "已完成", ["建立积分管理制度", "开展谈心谈话"]),
                                       ("支部换届不及时", "正在推进中", ["督促按期换届", "建立换届提醒机制"])], body


def _problems(draft) -> list[dict]:
    return [p for s in draft.data["sections"] for c in s.get("categories", ()) for p in c["problems"]]


def _texts(finding) -> list[str]:
    return [m if isinstance(m, str) else m.get("title", "") + m.get("text", "") for m in finding.get("measures", ())]


def test_statuses_written_in_further_ways(tmp_path):
    body = ("一、反馈问题整改情况\n1.关于“票据管理不规范”的问题\n整改情况：建立登记制度。已完成阶段性目标，将长期坚持。\n"
            "2.关于“采购程序执行不严”的问题\n整改落实：修订内控办法，组织业务培训，现已完成。\n"
            "3.关于“合同管理松散”的问题\n整改情况：按时序推进。\n"
            "4.问题：档案管理混乱。措施：开展档案清理。结果：已完成。\n"
            "5.问题：会议过多。整改：一是压减会议；二是推行视频会议。已完成。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    got = [(p["title"], p.get("status"), _texts(p)) for p in _problems(draft)]
    assert got == [("票据管理不规范", "阶段性完成并需长期坚持", ["建立登记制度。"]),
                   ("采购程序执行不严", "已完成", ["修订内控办法，组织业务培训，现已完成。"]),
                   ("合同管理松散", "正在推进中", []),
                   ("档案管理混乱", "已完成", ["开展档案清理。"]),
                   ("会议过多", "已完成", ["压减会议；", "推行视频会议。"])], got
    assert not [d for d in draft.doubts if "状态按先写的" in d.message]


def test_lettered_points_a_list_broken_mid_point_a_status_as_deadline_and_a_planned_date(tmp_path):
    body = ("一、反馈问题整改情况\n1.关于“固定资产账实不符”的问题\n整改措施：a.成立清查小组；b.逐项查明原因；c.办理报废核销。\n"
            "整改状态：已完成。\n2.关于“警示教育针对性不强”的问题\n整改措施：①分层分类开展警示教育；②编印典型\n案例汇编。\n"
            "完成时限：已完成\n3.关于“档案室未按标准建设”的问题\n整改情况：已完成改造方案设计，计划2024年10月底前完成改造。正在推进中。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    first, second, third = _problems(draft)
    assert _texts(first) == ["成立清查小组；", "逐项查明原因；", "办理报废核销。"]
    assert _texts(second) == ["分层分类开展警示教育；", "编印典型案例汇编。"]
    assert (second.get("status"), second.get("deadline")) == ("已完成", None)
    assert third.get("deadline") == "2024年10月底前" and _said(draft, "import.deadline_planned")


def test_radicals_copied_from_a_pdf_are_read_as_the_characters_they_stand_for(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + "⼀、整改⼯作开展情况\n各⽅⾯⼯作有序推进。\n" + BODY.replace("一、", "二、", 1)
                   .replace("二、反馈", "三、反馈", 1))
    assert draft.data["sections"][0]["heading"] == "整改工作开展情况"
    assert "⼯" not in draft.text and draft.data["sections"][0]["paragraphs"] == ["各方面工作有序推进。"]
    assert "已把 5 个部首字符" in draft.report("n.yml")


def test_problems_titled_x_de_wenti_with_a_bare_measures_lead_and_numbered_measures(tmp_path):
    body = ("一、聚焦问题，逐项抓好整改落实\n（一）耕地保护责任落实不到位的问题\n整改措施：\n1.逐一核查图斑。\n2.签订责任书。\n"
            "整改进度：已完成。\n（二）年轻干部交流渠道不畅的问题\n整改措施：\n1.建立轮岗制度。\n2.选派干部挂职。\n"
            "整改进度：正在推进中。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    assert [(p["title"], p["status"], _texts(p)) for p in _problems(draft)] == [
        ("耕地保护责任落实不到位", "已完成", ["逐一核查图斑。", "签订责任书。"]),
        ("年轻干部交流渠道不畅", "正在推进中", ["建立轮岗制度。", "选派干部挂职。"])]
    assert draft.data["numbering"]["problems"]["heading"] == "{title}的问题"


def test_a_status_line_that_also_names_the_responsible_office_after_listed_measures(tmp_path):
    body = ("一、反馈问题整改情况\n1.行政执法程序不规范\n①开展案卷评查。\n②组织执法培训。\n完成情况：已完成。责任科室：法规科。\n"
            "2.监管存在盲区\n①开展专项检查。\n完成情况：正在推进中。责任科室：市场科。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    assert [(p["title"], p["status"], p.get("responsible"), _texts(p)) for p in _problems(draft)] == [
        ("行政执法程序不规范", "已完成", "法规科", ["开展案卷评查。", "组织执法培训。"]),
        ("监管存在盲区", "正在推进中", "市场科", ["开展专项检查。"])]


def test_run_in_problems_with_a_subject_before_the_points_and_their_fields_in_brackets(tmp_path):
    body = ("二、巡察反馈问题整改落实情况\n（一）关于党建引领基层治理方面\n"
            "针对“网格管理精细化程度不高”的问题，街道党工委一是重新划分网格；二是建立事项清单。目前该问题已整改完成。"
            "（责任单位：社区建设办公室；整改时限：2022年3月底前）\n"
            "针对““两新”组织覆盖不全”的问题，街道党工委一是逐家排查；二是组建联合党支部。该项工作需长期坚持，目前已取得阶段性成效。"
            "（责任单位：党群工作办公室；整改时限：长期坚持）\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    assert [(p["title"], p["status"], p.get("responsible"), p.get("deadline"), _texts(p)) for p in _problems(draft)] == [
        ("网格管理精细化程度不高", "已完成", "社区建设办公室", "2022年3月底前", ["重新划分网格；", "建立事项清单。"]),
        ("“两新”组织覆盖不全", "阶段性完成并需长期坚持", "党群工作办公室", "长期坚持", ["逐家排查；", "组建联合党支部。"])]


def test_details_listed_then_a_bare_measures_lead_then_circled_measures(tmp_path):
    body = ("二、反馈问题整改落实情况\n1.集体资产管理不规范\n（1）部分门面长期被无偿占用。\n（2）资产出租未经集体决策。\n"
            "整改措施：\n①全面清查集体资产。\n②收回门面租金3.2万元。\n完成时限：2023年5月底前\n整改情况：已完成。\n"
            "2.公开不及时\n整改措施：\n①制定公开目录。\n完成时限：2023年4月底前\n整改情况：已完成。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    first, second = _problems(draft)
    assert (first["status"], first["deadline"], _texts(first)) == ("已完成", "2023年5月底前", ["全面清查集体资产。", "收回门面租金3.2万元。"])
    assert [i["title"] for i in first["items"]] == ["部分门面长期被无偿占用", "资产出租未经集体决策"]
    assert (second["status"], _texts(second)) == ("已完成", ["制定公开目录。"])


def test_contact_blocks_with_letters_to_an_address(tmp_path):
    lines = ("欢迎广大干部群众进行监督。如有意见建议，请通过以下方式反映：\n联系电话：020-86271539\n"
             "来信请寄：某区某街道纪工委（某区文明路120号）\n邮政编码：510080\n电子邮箱：jgw@example.cn\n")
    sentence = ("欢迎广大干部群众进行监督，如有意见建议，请通过以下方式反映：联系电话0745-6412233，"
                "来信请寄某县人民路8号镇纪委（邮编418300），电子邮件请发至zjw@example.cn。\n")
    for contact, address, postcode in ((lines, "某区某街道纪工委（某区文明路120号）", "510080"),
                                       (sentence, "某县人民路8号镇纪委", "418300")):
        draft = _draft(tmp_path, TITLE + "\n" + OPENING + BODY.split("欢迎", 1)[0] + contact + "某局党组\n2024年12月1日\n")
        got = draft.data["contact"]
        assert (got["address_label"], got["address"], got["postcode"]) == ("来信地址", address, postcode)
        assert got["email"].endswith("@example.cn") and got["intro"].startswith("欢迎广大干部群众进行监督")


def test_a_problem_numbered_with_a_colon_keeps_its_colon(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + "二、反馈问题整改情况\n问题1：会议过多\n整改措施：压减会议。\n整改进展：已完成。\n"
                             "问题2：文件过多\n整改措施：精简文件。\n整改进展：已完成。\n" + "欢迎" + BODY.split("欢迎", 1)[1])
    assert draft.data["numbering"]["problems"]["label"] == "问题{n}："
    assert [p["title"] for p in _problems(draft)] == ["会议过多", "文件过多"]


@pytest.mark.parametrize(("lines", "expected"), [
    # a tag naming the kind of work: the status the text states wins; 立行立改 is when
    ("1.办公用房超标准。【持续整改】\n整改情况：一是制定调整方案；二是腾退用房。目前正在推进中。\n",
     ("正在推进中", None, None, ["制定调整方案；", "腾退用房。"])),
    ("1.办公用房超标准。【持续整改】\n整改情况：一是制定调整方案；二是腾退用房。\n",
     ("阶段性完成并需长期坚持", None, None, ["制定调整方案；", "腾退用房。"])),
    ("1.违规使用公车【立行立改】\n整改情况：一是开展专项检查；二是批评教育2人。该问题已整改完成。\n",
     ("已完成", "立行立改", None, ["开展专项检查；", "批评教育2人。"])),
    ("1.财务公开不及时（整改时限：2024年9月底）\n整改措施：一是按季度公开；二是开展检查。\n进展情况：已完成。\n",
     ("已完成", "2024年9月底", None, ["按季度公开；", "开展检查。"])),
    ("1.平台建设缓慢\n整改措施：一是倒排工期；二是增加力量。\n整改完成时限：2025年3月31日前\n牵头科室：信息科\n进展情况：正在推进中。\n",
     ("正在推进中", "2025年3月31日前", "信息科", ["倒排工期；", "增加力量。"])),
    ("1.监管存在盲区\n整改落实情况：第一，开展隐患排查；第二，建立企业档案。已完成。\n",
     ("已完成", None, None, ["开展隐患排查；", "建立企业档案。"])),
    ("1.监管存在盲区\n整改落实情况：首先，开展隐患排查；其次，建立企业档案。已完成。\n",
     ("已完成", None, None, ["首先，开展隐患排查；", "其次，建立企业档案。"])),
    ("1.党费收缴不及时\n【整改】一是明确按月收缴；二是补缴党费。\n【成效】已完成。\n",
     ("已完成", None, None, ["明确按月收缴；", "补缴党费。"])),
    ("1.窗口效率不高\n整改落实情况：镇党委一是推行一窗受理；二是压缩办理时限。目前，该项整改正在推进中。\n",
     ("正在推进中", None, None, ["推行一窗受理；", "压缩办理时限。"])),
])
def test_fields_tags_and_points_written_in_further_ways(tmp_path, lines, expected):
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + "二、反馈问题整改情况\n" + lines + "欢迎" + BODY.split("欢迎", 1)[1])
    [problem] = _problems(draft)
    assert (problem.get("status"), problem.get("deadline"), problem.get("responsible"), _texts(problem)) == expected


def test_a_ledger_typed_as_text_lines_with_a_page_number_and_category_rows(tmp_path):
    ledger = ("二、巡察反馈问题整改台账\n序号｜问题｜整改措施｜整改时限｜整改进展\n（一）党的建设方面\n"
              "1｜支部换届不及时｜1.督促按期换届；2.建立提醒机制｜2024年6月底前｜已完成\n— 2 —\n"
              "2｜党费收缴不规范｜1.核查党费基数；2.补缴党费｜2024年5月底前｜已完成\n（二）作风建设方面\n"
              "3 | 会议过多 | 1.压减会议 | 2024年8月底前 | 正在推进中\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + ledger + "欢迎" + BODY.split("欢迎", 1)[1])
    categories = [c for s in draft.data["sections"] for c in s.get("categories", ())]
    assert [(c["title"], [(p["title"], p["status"], p["deadline"], _texts(p)) for p in c["problems"]]) for c in categories] == [
        ("党的建设", [("支部换届不及时", "已完成", "2024年6月底前", ["督促按期换届；", "建立提醒机制"]),
                   ("党费收缴不规范", "已完成", "2024年5月底前", ["核查党费基数；", "补缴党费"])]),
        ("作风建设", [("会议过多", "正在推进中", "2024年8月底前", ["压减会议"])])]


def test_a_contact_table_copied_as_text_and_an_issue_date_beside_the_publication_date(tmp_path):
    contact = ("欢迎社会各界进行监督，监督方式如下：\n值班电话　　　　0571-12345678\n信访室地址　　　某区文昌路88号\n"
               "邮政编码　　　　310012\n举报邮箱　　　　jb@example.cn\n某局党组\n2024年12月1日\n")
    draft = _draft(tmp_path, "发文日期：2024-11-20\n发布日期：2024-12-02\n" + TITLE + "\n" + OPENING + BODY.split("欢迎", 1)[0] + contact)
    got = draft.data["contact"]
    assert (got["phones"], got["address"], got["postcode"], got["email"]) == (
        [{"number": "0571-12345678", "label": "值班电话"}], "某区文昌路88号", "310012", "jb@example.cn")
    assert str(draft.data["metadata"]["published"]) == "2024-12-02"


def test_a_ledger_typed_with_tabs_in_an_attachment(tmp_path):
    ledger = ("二、整改完成情况\n反馈的2个问题已完成1个，具体见附件。\n附件：问题整改清单\n序号\t反馈问题\t整改措施\t完成情况\n"
              "1\t报销审核把关不严\t修订报销制度，开展票据检查\t已完成\n2\t工程结算滞后\t委托第三方审计\t正在推进中\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + ledger + "欢迎" + BODY.split("欢迎", 1)[1])
    assert [(p["title"], p["status"]) for p in _problems(draft)] == [("报销审核把关不严", "已完成"), ("工程结算滞后", "正在推进中")]


def test_a_table_of_figures_typed_with_tabs_stays_the_notices_totals(tmp_path):
    figures = ("一、整改工作开展情况\n巡察反馈问题整改情况统计表\n方面\t问题数\t整改措施\t已完成\n作风建设\t4\t12\t4\n"
               "财务管理\t5\t16\t4\n合计\t9\t28\t8\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + figures + BODY.split("一、整改工作开展情况\n", 1)[1].replace("二、", "二、", 1))
    declared = draft.data["declared"]
    assert (declared["problems"], declared["measures"], declared["completed"]) == (9, 28, 8)


def test_a_short_measures_line_broken_mid_word_is_joined_but_a_field_value_never_takes_the_next_problem(tmp_path):
    body = ("二、反馈问题整改情况\n1.扶持资金审核不严\n整改情况：一是对扶持资金项目开展绩效\n评价；二是收回违规资金15万元。"
            "目前，该问题正在整改中，将按期完成。\n责任单位：财务科 完成时限：2024年9月底前\n"
            "2.会议过多。整改落实情况：局党组一是压减会议；二是推行视频会议。目前，该问题已整改完成。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    first, second = _problems(draft)
    assert (first["status"], first["deadline"], _texts(first)) == (
        "正在推进中", "2024年9月底前", ["对扶持资金项目开展绩效评价；", "收回违规资金15万元。"])
    assert (second["title"], second["status"], _texts(second)) == ("会议过多", "已完成", ["压减会议；", "推行视频会议。"])


def test_a_pages_issue_date_is_not_its_publication_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><table><tr><td>索引号：</td><td>11370200MB0C12345X/2024-00218</td>"
                    "<td>发文日期：</td><td>2024-11-08</td><td>发布日期：</td><td>2024-11-11</td></tr></table>"
                    "<p>" + TITLE + "</p><p>" + OPENING + "</p></body></html>", encoding="utf-8")
    assert str(import_notice(path).data["metadata"]["published"]) == "2024-11-11"


def test_details_listed_in_one_paragraph_are_the_problems_items(tmp_path):
    body = ("二、反馈问题整改情况\n1.阵地管理存在薄弱环节\n具体表现：①部分网站长期未更新；②个别讲座审批把关不严。\n"
            "整改措施：一是关停网站14个；二是落实讲座审批制度。\n整改进展：已完成。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    [problem] = _problems(draft)
    assert [i["title"] for i in problem["items"]] == ["部分网站长期未更新", "个别讲座审批把关不严"]
    assert _texts(problem) == ["关停网站14个；", "落实讲座审批制度。"] and not _said(draft, "import.details_as_measure")


def test_a_numbered_finding_broken_after_its_comma_is_one_title(tmp_path):
    body = ("二、反馈问题整改情况\n1.巡河记录不全，部分河段\n存在垃圾清理不及时的情况。\n整改措施：一是规范记录；二是开展清理。\n"
            "整改情况：已完成。\n2.会议过多，文山会海\n局党组压减会议数量。\n整改情况：已完成。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + body + "欢迎" + BODY.split("欢迎", 1)[1])
    first, second = _problems(draft)
    assert first["title"] == "巡河记录不全，部分河段存在垃圾清理不及时的情况"
    assert second["title"] == "会议过多，文山会海" and _texts(second) == ["局党组压减会议数量。"]


def test_each_task_done_is_no_count_of_tasks(tmp_path):
    summary = ("一、整改工作开展情况\n对整改任务实行清单化管理，每完成一项整改任务，由责任单位提交整改报告，审核后予以销号。"
               "巡察反馈的2个问题已全部整改完成。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + summary + BODY.split("一、整改工作开展情况\n局党组召开专题会议研究部署整改工作。\n", 1)[1])
    assert "tasks" not in draft.data.get("declared", {}) and draft.data["declared"]["problems"] == 2


def test_a_date_line_with_font_size_buttons_dates_the_page(tmp_path):
    draft = _draft(tmp_path, TITLE + "\n某局  2025-03-17  【大】【中】【小】\n" + OPENING + BODY)
    assert str(draft.data["metadata"]["published"]) == "2025-03-17"
    assert not any("【大】" in p for p in draft.data["opening"])


def test_prose_cut_into_lines_of_a_fixed_width_is_joined(tmp_path):
    summary = ("一、整改工作开展情况\n局党组把巡察整改作为重要政治任务，第一时间召开专题会议，逐条研究反馈问题，成立整改工作\n"
               "领导小组，制定整改方案，列出问题清单、任务清单和责任清单，实行挂图作战、对账销号，确保整改不走过场。\n")
    draft = _draft(tmp_path, TITLE + "\n" + OPENING + summary + BODY.split("一、整改工作开展情况\n局党组召开专题会议研究部署整改工作。\n", 1)[1])
    [paragraph] = draft.data["sections"][0]["paragraphs"]
    assert "成立整改工作领导小组" in paragraph


def test_a_share_done_is_work_in_progress_and_extended_targets_lose_their_pointer(tmp_path):
    opening = ("根据市委统一部署，2024年3月1日至4月30日，市委第一巡察组对某镇党委进行了巡察，同时对该镇青石村、河口村进行了延伸巡察。"
               "2024年6月1日，市委第一巡察组向某镇党委反馈了巡察意见。\n")
    body = "二、反馈问题整改情况\n1.会议过多\n整改措施：压减会议。\n整改进展：已完成80%，计划12月底前全部完成。\n"
    draft = _draft(tmp_path, TITLE + "\n" + opening + body + "欢迎" + BODY.split("欢迎", 1)[1])
    assert draft.data["inspection"]["extended_targets"] == ["青石村", "河口村"]
    assert _problems(draft)[0]["status"] == "正在推进中"
