"""Every rule of the importer's table (zhenggai/importer/rules.yml) against its own examples:
the lines it must find and the lines it must not, in both widths of punctuation."""

from __future__ import annotations

import re

import pytest

from zhenggai.importer.fold import fold
from zhenggai.importer.rules import every_rule

RULES = list(every_rule())
_ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def _finds(rule: dict, line: str) -> bool:
    pattern = re.compile(rule["re"])
    view = fold(line)
    return bool(pattern.match(view) if rule.get("mode") == "match" else pattern.search(view))


@pytest.mark.parametrize(("where", "rule"), RULES, ids=[w for w, _ in RULES])
def test_each_rule_finds_its_examples_and_only_them(where, rule):
    assert rule.get("match") and rule.get("no_match"), f"{where}: a rule needs lines it must and must not match"
    for line in rule["match"]:
        for form in (line, line.translate(_ASCII)):
            assert _finds(rule, form), f"{where} misses {form!r}"
    for line in rule["no_match"]:
        for form in (line, line.translate(_ASCII)):
            assert not _finds(rule, form), f"{where} wrongly finds {form!r}"


def test_the_table_has_rules():
    assert len(RULES) > 80
