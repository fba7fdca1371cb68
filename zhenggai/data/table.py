"""The package's own tables, `data/tables/<name>.yml`: wording and patterns the checks use."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def read_table(name: str) -> Any:
    """The contents of `tables/<name>.yml`, read once per process (callers must not change it)."""
    text = resources.files(__package__).joinpath("tables", f"{name}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
