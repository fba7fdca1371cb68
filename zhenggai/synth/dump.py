"""YAML in the hand-written form of `data/`, as staff write it: the bytes of `yamlfile.dump_yaml`.

The package has one YAML writer (`zhenggai.yamlfile`). This one writes the same bytes for the
generator's documents (tests/unit/test_synth.py holds the two equal) about 25 times faster:
PyYAML's emitter is pure Python, and the benchmark and the tests generate thousands of documents.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml

_RESOLVER = yaml.resolver.Resolver()
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")


def dump_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML as staff write it: lists indented under their key, text unquoted where YAML allows."""
    lines: list[str] = []
    _mapping(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first: str | None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        lead = first if i == 0 and first is not None else pad
        if isinstance(value, dict) and value:
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines, None)
        elif isinstance(value, list) and value:
            lines.append(f"{lead}{key}:")
            _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, lines, pad + "- ")
        else:
            lines.append(f"{pad}- {_scalar(item)}")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    text = str(value)
    if _plain_ok(text):
        return text
    if "'" not in text and text.isprintable():
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    """Whether `text` reads back as the same string when written without quotes."""
    if not text or text[0] in _INDICATORS or text != text.strip() or text[-1] == ":":
        return False
    if ": " in text or " #" in text or not text.isprintable():
        return False
    # Text starting with a CJK character can never be read as a number, date or boolean.
    return ord(text[0]) > 127 or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
