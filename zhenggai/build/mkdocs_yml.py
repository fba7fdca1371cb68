"""mkdocs.yml as the build reads it, without MkDocs: the few values the build itself needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """The mapping in `root`/mkdocs.yml, {} when it is missing or unreadable. Tags MkDocs resolves
    itself (!ENV, !!python/name:…) are read as nothing: only plain values are wanted here."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
