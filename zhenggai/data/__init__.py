"""The data stage: `data/*.yml` → one immutable, validated `Collection` (`load_all`).

Modules below this one never import it back: `load` reads and validates, `source` parses
YAML with line numbers, `checks` runs the checks across fields and files, `diagnostics`
says what is wrong in Chinese, `cache` keeps what unchanged files gave, `config` reads
`zhenggai.yml` (`cluster_settings` the PDF cluster's address, TLS files and consent to no TLS),
`schema` exports the JSON Schema.
"""

from __future__ import annotations

from .checks import DECLARED_LABELS, declared_comparisons, declared_mismatches
from .collection import Collection, LoadResult
from .config import ConfigError, Settings, cluster_address_problem, load_settings, pdf_cluster
from .diagnostics import Diagnostic, Level, summarize
from .load import find_files, load_all, load_file

__all__ = [
    "DECLARED_LABELS", "Collection", "ConfigError", "Diagnostic", "Level", "LoadResult",
    "Settings", "cluster_address_problem", "declared_comparisons", "declared_mismatches", "find_files", "load_all", "load_file",
    "load_settings", "pdf_cluster", "summarize",
]
