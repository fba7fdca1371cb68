"""The package's own tables, `data/tables/<name>.yml`: wording and patterns the checks use."""

from __future__ import annotations

from typing import Any

from ..yamlfile import package_table


def read_table(name: str) -> Any:
    """The contents of `tables/<name>.yml`, read once per process (callers must not change it)."""
    return package_table(__package__, "tables", f"{name}.yml")
