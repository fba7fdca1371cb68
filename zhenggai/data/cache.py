"""A cache of loaded files, so a rebuild does not parse and validate unchanged YAML again.

An entry is keyed by the file's path and bytes, the 索引号 pattern, the code that reads
and validates it and the characters the installed fonts draw; anything else misses. The validator stays the only judge: a cached entry
is exactly what it said about those bytes.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..fontconfig import coverage_digest
from ..fs import code_digest, write_atomic

# What a loaded file's record depends on besides its bytes: the models and this whole stage.
CODE = ("zhenggai.model", "zhenggai.data")


@cache
def _code_digest() -> bytes:
    digest = hashlib.sha256(f"pydantic {version('pydantic')} pyyaml {version('pyyaml')}".encode())
    digest.update(code_digest(*CODE))
    digest.update(coverage_digest())  # what the installed fonts draw (data/glyphs.py)
    return digest.digest()


class LoadCache:
    """One pickle per file under `folder`, named by its key."""

    def __init__(self, folder: Path):
        self.folder = folder

    def key(self, path: Path, raw: bytes, index_no_pattern: str) -> str:
        digest = hashlib.sha256(_code_digest())
        for part in (str(path).encode(), index_no_pattern.encode(), raw):
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        try:
            return pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, value: Any) -> None:
        self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, pickled: bytes) -> None:
        """Store a value already pickled (as a load worker has it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / f"{key}.pickle", pickled)
