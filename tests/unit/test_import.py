"""zhenggai import from Word and saved CMS pages, the accounting report, and the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.compare import compare
from support.docx import SEED_LEVELS, build_seed

from zhenggai.cli import main
from zhenggai.data import load_all, load_file
from zhenggai.data.dump import published_data
from zhenggai.importer import import_notice

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "seeds"
TRUTH = {d.id: d for d in load_all([ROOT / "data"]).collection}


def _seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _share(draft, doc_id: str, tmp_path: Path, skip=frozenset()) -> float:
    path = tmp_path / f"{doc_id}.yml"
    # Staff fill in what the notice does not say: an import placeholder is an error (draft.placeholder).
    path.write_text(draft.text.replace("【请填写标题】", TRUTH[doc_id].title), encoding="utf-8")
    doc, diagnostics = load_file(path)
    assert doc is not None, [str(d) for d in diagnostics]
    result = compare(published_data(TRUTH[doc_id]), published_data(doc), skip)
    assert result.share >= 0.98, result.differences()[:10]
    return result.share


@pytest.mark.parametrize(("prefix", "doc_id", "skip"), [
    ("000", "sz-bgt-2019-xuncha-zhenggai", frozenset()),
    ("001", "ps-zsj-2021-xuncha-jinzhan", frozenset({("title",)})),
])
def test_a_word_file_with_automatic_numbering(tmp_path, prefix, doc_id, skip):
    source, _ = build_seed(tmp_path, prefix, SEED_LEVELS)
    draft = import_notice(source)
    assert not draft.unplaced
    _share(draft, doc_id, tmp_path, skip)


CMS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title>
<script>var _hm = 1;</script><style>.x{{}}</style></head><body>
<div class="header">深圳市坪山区人民政府 首页 政务公开 政务服务</div>
<div class="breadcrumb">首页 &gt; 政府信息公开 &gt; 规划计划</div>
<table class="xxgk"><tr><td>索引号:</td><td>114403006955506492/2019-00001</td><td>分类:</td><td></td></tr>
<tr><td>发布机构:</td><td>深圳市坪山区政府办公室</td><td>成文日期:</td><td>2018-03-06</td></tr>
<tr><td>名称:</td><td colspan="3">坪山区委(区政府)办公室2017年工作亮点及2018年工作思路</td></tr>
<tr><td>文号:</td><td></td><td>发布日期:</td><td>2018-03-06</td></tr>
<tr><td>主题词:</td><td colspan="3"></td></tr></table>
<div class="tools">【打印】 【字体:大 中 小】 【关闭】</div>
<div class="article"><h1>坪山区委(区政府)办公室2017年工作亮点及2018年工作思路</h1>
<p class="info">发布日期:2018-03-06 浏览次数:123</p>
{body}
</div>
<div class="share">分享到:微信 微博</div>
<div class="footer">主办单位:深圳市坪山区人民政府办公室 网站标识码:4403100001</div>
</body></html>"""


def test_a_saved_cms_page_reads_its_catalogue_and_drops_its_chrome(tmp_path):
    lines = _seed_text("002").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("2017年,在区委"))
    body = "\n".join(f"<p>{line.strip()}</p>" for line in lines[start:] if line.strip())
    page = tmp_path / "page.html"
    page.write_text(CMS_PAGE.format(body=body), encoding="utf-8")
    draft = import_notice(page)
    assert draft.data["metadata"]["index_no"] == "114403006955506492/2019-00001"
    assert draft.data["metadata"]["publisher"] == "深圳市坪山区政府办公室"
    for chrome in ("打印", "浏览次数", "分享到", "网站标识码", "首页"):
        assert chrome not in draft.text
    assert not draft.unplaced
    _share(draft, "ps-bgs-2018-gongzuo", tmp_path)


def test_a_sentence_that_fits_nowhere_is_reported_not_dropped(tmp_path):
    planted = "本页面内容仅供参考,转载请注明出处。"
    text = _seed_text("000").rstrip() + f"\n\n{planted}\n"
    source = tmp_path / "n.txt"
    source.write_text(text, encoding="utf-8")
    draft = import_notice(source)
    number = text.splitlines().index(planted) + 1
    assert [(line.number, line.text) for line in draft.unplaced] == [(number, planted)]
    assert f"第 {number} 行：“{planted}”" in draft.report("n.yml")
    assert planted not in draft.text
    assert draft.read_chars - draft.placed_chars == len(planted)


def test_no_date_is_ever_invented(tmp_path):
    text = "某某局党组关于巡察整改情况的通报\n一、整改落实情况\n(一)“作风建设”方面\n1.针对“会议过多”的问题\n整改情况:已完成。\n"
    source = tmp_path / "n.txt"
    source.write_text(text, encoding="utf-8")
    draft = import_notice(source)
    assert "published" not in draft.data["metadata"]
    assert ("metadata", "published") in draft.fill
    assert not draft.complete
    assert "需要填写的内容" in draft.report("n.yml") and "发布日期" in draft.report("n.yml")


def test_the_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "sz-bgt.txt"
    source.write_text(_seed_text("000"), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    written = tmp_path / "data" / "sz-bgt.yml"
    assert written.is_file() and "草稿已通过校验" in capsys.readouterr().out
    assert main(["import", str(source)]) == 2  # never overwrites
    assert "已存在，未覆盖" in capsys.readouterr().err
    assert main(["import", str(source), "--force"]) == 0
    capsys.readouterr()
    assert main(["import", str(source), "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("# 由 zhenggai import 生成的草稿")
    needs = tmp_path / "jinzhan.txt"
    needs.write_text(_seed_text("001"), encoding="utf-8")
    assert main(["import", str(needs), "--out", str(tmp_path / "j.yml")]) == 1  # the title must be filled in
    assert (tmp_path / "j.yml").is_file()  # the draft is written all the same
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert main(["import", str(broken)]) == 2
    assert "broken.docx" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.txt")]) == 2


def test_a_validation_warning_is_told_marked_and_not_called_clean(tmp_path):
    # One problem states its status, its sibling does not: validate warns (status.missing), so the
    # report must say so, mark the place in the draft, and not call the draft finished.
    text = ("某县某局党组关于巡察整改情况的通报\n"
            "根据县委统一部署，2024年3月1日至4月30日，县委第二巡察组对某局党组进行了巡察。"
            "2024年6月10日，县委第二巡察组向某局党组反馈了巡察意见。现将整改情况予以公布。\n"
            "一、问题整改情况\n（一）落实主体责任方面\n1.学习制度执行不严。\n整改措施：一是修订学习制度。二是按月通报。\n"
            "2.项目监管不到位。\n整改措施：一是建立项目台账。\n已完成整改。\n"
            "某县某局党组\n2024年9月1日\n")
    source = tmp_path / "n.txt"
    source.write_text(text, encoding="utf-8")
    draft = import_notice(source)
    warnings = [d for d in draft.diagnostics if not d.is_error]
    assert [d.code for d in warnings] == ["status.missing"]
    report = draft.report("n.yml")
    assert "草稿已通过校验。" not in report and "警告" in report and "没有填写整改状态" in report
    assert not draft.complete
    marked = draft.text.split("title: 学习制度执行不严", 1)[0].splitlines()
    assert any("请核对" in line and "整改状态" in line for line in marked[-3:]), marked[-3:]
