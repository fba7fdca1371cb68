"""The generator's word banks and tables, `vocab/*.yml` beside this module, each read once."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..yamlfile import package_table


@lru_cache(maxsize=None)
def load_vocab(name: str) -> Any:
    """The contents of `vocab/<name>.yml`, lists read as tuples: every caller shares this one copy."""
    return _freeze(package_table(__package__, "vocab", f"{name}.yml"))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value
