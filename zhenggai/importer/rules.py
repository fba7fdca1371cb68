"""The import rules (rules.yml beside this module), read and compiled once.

A rule is a mapping with `re` (matched against the folded view of a line, see fold.py), its
examples (`match`, `no_match`) and whatever the rule gives (`style`, `template`, `status`).
Rules stand alone (`rx("opening", "target")`) or in ordered lists (`table("labels")`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..yamlfile import package_table

EXAMPLE_KEYS = ("match", "no_match", "mode")


_PART = re.compile(r"<<(\w+)>>")


@cache
def rules() -> dict[str, Any]:
    """rules.yml as data, each <<name>> in a rule's pattern replaced by the shared piece `parts.name`."""
    data = package_table(__package__, "rules.yml")
    parts = data.get("parts", {})

    def expand(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: _PART.sub(lambda m: parts[m.group(1)], v) if k == "re" else expand(v) for k, v in node.items()}
        if isinstance(node, list):
            return [expand(v) for v in node]
        return node
    return expand(data)


def _node(path: tuple[str, ...]) -> Any:
    node: Any = rules()
    for key in path:
        node = node[key]
    return node


@cache
def rx(*path: str) -> re.Pattern:
    """The compiled pattern of the rule at `path`, e.g. rx("opening", "target")."""
    return re.compile(_node(path)["re"])


@cache
def table(*path: str) -> tuple[tuple[re.Pattern, dict[str, Any]], ...]:
    """An ordered list of rules as (compiled pattern, what the rule gives)."""
    return tuple((re.compile(entry["re"]), {k: v for k, v in entry.items() if k != "re" and k not in EXAMPLE_KEYS})
                 for entry in _node(path))


def every_rule() -> Iterator[tuple[str, dict[str, Any]]]:
    """Each rule with its dotted place in the file (for the table-driven test)."""
    def walk(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict) and "re" in node:
            yield where, node
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}" if where else key)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")
    yield from walk(rules(), "")
