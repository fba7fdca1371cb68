"""The import patterns (patterns.yml beside this module), read and compiled once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def patterns() -> dict[str, Any]:
    """patterns.yml as data."""
    text = (resources.files("zhenggai.importer") / "patterns.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def rx(*path: str) -> re.Pattern:
    """The compiled pattern at `path` in patterns.yml, e.g. rx("contact", "email")."""
    node: Any = patterns()
    for key in path:
        node = node[key]
    return re.compile(node)


@cache
def table(name: str) -> tuple[tuple[re.Pattern, dict[str, Any]], ...]:
    """A list of {re: …, …} entries as (compiled pattern, the other keys)."""
    node: Any = patterns()
    for key in name.split("."):
        node = node[key]
    return tuple((re.compile(entry["re"]), {k: v for k, v in entry.items() if k != "re"}) for entry in node)
