"""Numbering at scale: Chinese numerals past a thousand, and documents numbering that far."""

from __future__ import annotations

import pytest
import yaml
from conftest import VALID_YAML

from zhenggai.cli import main
from zhenggai.model import Document
from zhenggai.numbering import chinese_numeral, number_document
from zhenggai.site.render import Renderer


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (100, "一百"),
        (105, "一百零五"), (110, "一百一十"), (999, "九百九十九"), (1000, "一千"), (1001, "一千零一"),
        (1010, "一千零一十"), (1100, "一千一百"), (2019, "二千零一十九"), (9999, "九千九百九十九"),
        (10000, "一万"), (10010, "一万零一十"), (11000, "一万一千"), (100000, "十万"), (110000, "十一万"),
        (1100000, "一百一十万"), (1000001, "一百万零一"), (100000000, "一亿"), (100000001, "一亿零一"),
        (120003400, "一亿二千万三千四百"),
    ],
)
def test_chinese_numerals(n, expected):
    assert chinese_numeral(n) == expected


def test_numerals_below_a_thousand_are_unchanged():
    """The numerals the site has always shown (1–999), spelt out the old way, digit by digit."""
    digits = "零一二三四五六七八九"

    def old(n: int) -> str:
        if n < 10:
            return digits[n]
        if n < 20:
            return "十" + (digits[n % 10] if n % 10 else "")
        if n < 100:
            return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
        rest = n % 100
        tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else old(rest))
        return digits[n // 100] + "百" + ("一" + tail if 10 <= rest < 20 else tail)

    assert [chinese_numeral(n) for n in range(1000)] == [old(n) for n in range(1000)]


def _many(categories: int, problems: int, numbering: str | None = None) -> str:
    data = yaml.safe_load(VALID_YAML)
    data["sections"][1]["categories"] = [
        {"title": f"第{c}方面", "problems": [
            {"title": f"问题{c}-{p}", "status": "已完成"}
            for p in range(problems)]}
        for c in range(categories)
    ]
    data["declared"] = {"categories": categories, "problems": categories * problems}
    if numbering:
        data["numbering"] = numbering
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize(
    ("categories", "problems", "numbering", "last_label"),
    [(1, 1000, None, "1000."), (10, 100, "continuous", "1000.")],
)
def test_a_thousand_numbered_entries_validate_and_render(write, capsys, categories, problems, numbering, last_label):
    path = write("many.yml", _many(categories, problems, numbering))
    assert main(["validate", str(path)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    doc = Document.model_validate({**yaml.safe_load(path.read_text(encoding="utf-8")), "id": "many"})
    [_, rectification] = number_document(doc)
    assert rectification.categories[-1].problems[-1].label == last_label
    page = Renderer([doc]).document_page(doc)
    assert "问题9-99" in page.body or "问题0-999" in page.body


def test_a_document_is_numbered_once_and_its_numbering_goes_with_it():
    import gc

    from zhenggai import model

    doc = Document.model_validate(yaml.safe_load(VALID_YAML) | {"id": "2020-x"})
    first = number_document(doc)
    assert number_document(doc) is first  # the page, the open data and the search ask again
    equal = doc.model_copy()
    assert number_document(equal) == first and number_document(equal) is not first  # by identity
    key = id(doc)
    del doc, first
    gc.collect()
    assert key not in model._DERIVED


def test_a_level_numbered_under_its_parents_number_reads_1_1_and_2_1():
    """Some notices number problems 1.1 1.2 under category 1. and 2.1 under 2.: the page does too."""
    data = yaml.safe_load(_many(2, 2))
    data["numbering"] = {"categories": {"label": "{n}.", "heading": "{title}"}, "problems": {"label": "{p}.{n}"},
                         "measures": {"label": "{p}.{n}"}}
    data["sections"][1]["categories"][1]["problems"][1]["measures"] = ["甲措施。", "乙措施。"]
    doc = Document.model_validate({**data, "id": "nested"})
    [_, rectification] = number_document(doc)
    labels = [[p.label for p in c.problems] for c in rectification.categories]
    assert [c.label for c in rectification.categories] == ["1.", "2."]
    assert labels == [["1.1", "1.2"], ["2.1", "2.2"]]
    assert [m.label for m in rectification.categories[1].problems[1].measures] == ["2.1", "2.2"]


def test_a_parent_numbered_label_without_a_numbered_parent_keeps_its_own_number():
    data = yaml.safe_load(_many(1, 2))
    data["sections"][1]["categories"] = [{"problems": data["sections"][1]["categories"][0]["problems"]}]
    data["numbering"] = {"problems": {"label": "{p}.{n}"}}
    data.pop("declared")
    doc = Document.model_validate({**data, "id": "flat"})
    [_, rectification] = number_document(doc)
    assert [p.label for p in rectification.categories[0].problems] == ["1.", "2."]
