"""zhenggai.schema: the committed JSON Schema matches the models."""

from __future__ import annotations

import json

import jsonschema
import pytest

from zhenggai.data.schema import ROUND_SCHEMA_PATH, SCHEMA_PATH, document_schema, render_schema, round_schema


def test_committed_schema_is_up_to_date():
    committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.is_file() else ""
    assert committed == render_schema(), (
        f"{SCHEMA_PATH} differs from the models: regenerate it with `.venv/bin/zhenggai schema` and commit it"
    )


def test_id_comes_from_the_file_name_so_is_not_required():
    schema = document_schema()
    assert schema["required"] == ["kind", "title", "metadata"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_carries_the_chinese_titles():
    defs = document_schema()["$defs"]
    assert defs["Inspection"]["properties"]["feedback"] == {
        "anyOf": [{"format": "date", "type": "string"}, {"type": "null"}], "default": None,
        "description": "通报未写明时不填", "title": "反馈日期",
    }
    assert defs["Inspection"]["description"] == "巡察"
    assert defs["Status"]["enum"] == ["已完成", "基本完成", "正在推进中", "阶段性完成并需长期坚持"]


def test_shorthand_forms_are_allowed():
    # A measure, point or deadline may be a plain string, a phone a plain number: the loader accepts them.
    defs = document_schema()["$defs"]
    assert defs["Problem"]["properties"]["measures"]["items"] == {
        "anyOf": [{"$ref": "#/$defs/Measure"}, {"type": "string"}]
    }
    assert defs["Problem"]["properties"]["deadline"]["anyOf"] == [
        {"$ref": "#/$defs/Deadline"},
        {"type": "string"},
        {"type": "null"},
    ]
    assert {"type": "integer"} in defs["Contact"]["properties"]["phones"]["items"]["anyOf"]
    assert {"type": "integer", "minimum": 0} in defs["Contact"]["properties"]["postcode"]["anyOf"]


def test_schema_is_plain_json():
    assert json.loads(render_schema()) == document_schema()


def test_committed_round_schema_is_up_to_date():
    committed = ROUND_SCHEMA_PATH.read_text(encoding="utf-8") if ROUND_SCHEMA_PATH.is_file() else ""
    assert committed == render_schema("round"), (
        f"{ROUND_SCHEMA_PATH} differs from the models: regenerate it with `.venv/bin/zhenggai schema --round`"
    )


def test_the_round_schema_checks_a_round_file_as_the_loader_does():
    schema = round_schema()
    good = {"name": "某某区委2021年第一轮巡察", "body": "中共某某区委",
            "targets": [{"target": "区教育局党组", "group": "区委第三巡察组", "feedback": "2021-03-26"}]}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(good)
    assert "id" not in schema["properties"] and schema["required"] == ["name", "body", "targets"]
    for bad in ({**good, "targets": []}, {"name": "x", "body": "y"}, {**good, "targets": [{"target": "区教育局党组"}]},
                {**good, "announced": "2021-01"}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)
    assert schema["properties"]["targets"]["title"] == "巡察对象"
