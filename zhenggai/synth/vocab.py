"""The generator's word banks and tables, `vocab/*.yml` beside this module, each read once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load_vocab(name: str) -> Any:
    """The contents of `vocab/<name>.yml`, lists read as tuples: every caller shares this one copy."""
    text = resources.files(__package__).joinpath("vocab", f"{name}.yml").read_text(encoding="utf-8")
    return _freeze(yaml.safe_load(text))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value
