"""YAML in and out: the package's one YAML writer and its one reader of its own YAML tables.

The writer gives block-style YAML as staff write it by hand: lists indented under their key,
text unquoted where YAML allows, keys in the order given, no anchors or aliases (`&id001` means
nothing to staff). Published data (`data.dump`, attached to every PDF and digested by the
archive), import drafts (`importer.draft`) and, through a faster writer held byte-equal to this
one by a test, the generator's documents (`synth.dump`) all come out of it.

The package's tables (numbering patterns, import rules, synonyms, open-data fields, themes, the
generator's word banks, the error catalogue) are YAML files beside their modules, read here once
per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


class BlockDumper(yaml.SafeDumper):
    """SafeDumper writing lists indented under their key and never an alias."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """`data` as block-style YAML text (see the module's docstring)."""
    return yaml.dump(data, Dumper=BlockDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100_000)


@cache
def package_table(package: str, *parts: str) -> Any:
    """The contents of the YAML file `parts` inside `package` (`"zhenggai.search", "synonyms.yml"`),
    read once per process: every caller shares one copy and must not change it."""
    return yaml.safe_load(resources.files(package).joinpath(*parts).read_text(encoding="utf-8"))
