"""Matching the findings of successive notices: the same matches as comparing every pair, near-linear cost."""

from __future__ import annotations

import difflib
import random

import pytest
import yaml
from conftest import VALID_YAML

from zhenggai.data import series
from zhenggai.model import Document

SUBJECTS = ("党支部", "第三方人员", "干部", "信访积案", "门户网站", "应急预案", "公务用车", "专项资金", "合同", "会议")
FAULTS = ("未按规定召开组织生活会", "掌握系统管理员账号,权限管理不规范", "因私出国(境)证件未集中保管",
          "化解不及时,群众重复来访", "信息审核把关不严", "长期未修订", "使用登记不完整", "拨付滞后",
          "审核把关不严", "记录不规范")


UNITS = ("局机关", "办公室", "财务科", "执法大队", "信息中心", "街道办", "服务中心", "机关党委", "人事科", "档案室",
         "法规科", "审批科", "监察室", "后勤中心", "规划科", "统计科")


def _titles(n: int, seed: int) -> list[str]:
    """Findings worded as real ones are: a few phrasings, told apart by their units and figures."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < n:
        year, count = rng.choice((2017, 2018, 2019)), rng.randint(1, 99)
        unit, subject, fault = rng.choice(UNITS), rng.choice(SUBJECTS), rng.choice(FAULTS)
        out[f"{unit}{year}年有{count}{rng.choice('名个件处项')}{subject}{fault}"] = None
    return list(out)


def _next_notice(titles: list[str], seed: int) -> tuple[list[str], dict[str, str]]:
    """The next notice: most findings as they were, some retyped or reworded, some gone, some
    new; and which earlier title each of its findings continues."""
    rng = random.Random(seed)
    fresh = iter(_titles(len(titles), seed + 1))
    out, truth = [], {}
    for title in titles:
        roll = rng.random()
        if roll < 0.9:
            # As it was; typed again (full-width comma, a space); reworded.
            later = (title if roll < 0.6 else title.replace(",", "，").replace("年", "年 ", 1) if roll < 0.7
                     else title + "的问题")
            out.append(later)
            truth[title] = later
        elif roll < 0.95:
            new = next(fresh)
            if new not in titles and new not in out:
                out.append(new)
    return out, truth


def _notice(titles: list[str], n: int) -> Document:
    data = yaml.safe_load(VALID_YAML)
    data["series"] = "ps-2021-round-9"
    data["sections"][1]["categories"] = [{"title": "方面", "problems": [{"title": t, "status": "已完成"} for t in titles]}]
    del data["declared"]
    return Document.model_validate({**data, "id": f"n{n}"})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_finding_is_followed_to_its_next_wording(seed):
    titles = _titles(300, seed)
    later, truth = _next_notice(titles, seed)
    step = series._step(_notice(titles, 1), _notice(later, 2))
    found = {m.earlier.title: (m.later.title, m.by) for m in step.matches}
    assert {a: found.get(a, ("", ""))[0] for a in truth} == truth
    assert {a: by for a, (b, by) in found.items() if a in truth} == {
        a: "title" if series._normal(a) == series._normal(b) else "similar" for a, b in truth.items()}


def test_two_notices_of_two_thousand_findings_take_a_few_comparisons_each(monkeypatch):
    """Before, every pair was compared: 4,000,000 difflib comparisons, about two minutes."""
    n = 2000
    budget = 12 * n
    made = []

    class Counted(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs) -> None:
            made.append(1)
            if len(made) > budget:
                raise AssertionError(f"more than {budget} comparisons for {n} findings")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(series.difflib, "SequenceMatcher", Counted)
    titles = _titles(n, 7)
    later, truth = _next_notice(titles, 7)
    step = series._step(_notice(titles, 1), _notice(later, 2))
    assert len(made) <= budget
    found = {m.earlier.title: m.later.title for m in step.matches}
    same = {a: b for a, b in truth.items() if series._normal(a) == series._normal(b)}
    assert {a: found.get(a) for a in same} == same
    # Reworded among 2,000 findings worded alike: a few go to a sibling differing only in a
    # figure, as comparing every pair gives too.
    reworded = [a for a in truth if a not in same]
    assert sum(found.get(a) == truth[a] for a in reworded) >= 0.98 * len(reworded)


def test_notices_of_one_inspection_share_a_series_whatever_the_width_of_the_names(write):
    from zhenggai.data import load_file

    half, _ = load_file(write("a.yml", VALID_YAML.replace("市委第六巡察组", "市委第6巡察组")))
    full, _ = load_file(write("b.yml", VALID_YAML.replace("市委第六巡察组", "市委第６巡察组").replace("某某局党组\n", "某某局 党组\n")))
    assert series.series_key(half) == series.series_key(full) is not None
