"""Realistic synthetic documents for benchmarks: `zhenggai generate N --seed S --out DIR`.

Each document is built from the word banks in `vocab/*.yml` with its own random generator
derived from (seed, position), so document k is the same whatever N is, and the same seed
always gives byte-identical files. The organisations are a fixed universe of a few hundred
drawn from the seed alone, so they recur across documents and years as real publishers do.
Files are written one at a time in the hand-written YAML form of `data/`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from pathlib import Path
from typing import Any

from .disclosures import DisclosureBuilder
from .dump import dump_yaml
from .notices import NoticeBuilder
from .organisations import universe

__all__ = ["dump_yaml", "generate_document", "write_documents"]

FIRST_DAY = dt.date(2016, 1, 4)
LAST_DAY = dt.date(2026, 10, 30)
# (kind, weight, the word of ids that names it)
KINDS = (("巡察整改情况通报", 70, "zhenggai"), ("阶段性进展情况通报", 15, "jinzhan"), ("政府信息公开", 15, "gongzuo"))


def write_documents(n: int, seed: int, out_dir: Path) -> list[Path]:
    """Write `n` synthetic documents to `out_dir` as `<id>.yml`; the same (n, seed) gives the same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        doc_id, data = generate_document(seed, index)
        path = out_dir / f"{doc_id}.yml"
        header = f"# Synthetic document {index} of seed {seed}, made by `zhenggai generate`: not a real notice.\n"
        path.write_bytes((header + dump_yaml(data)).encode("utf-8"))
        paths.append(path)
    return paths


def generate_document(seed: int, index: int) -> tuple[str, dict[str, Any]]:
    """The id and data of document `index` of `seed`; independent of how many are generated."""
    rng = random.Random(f"zhenggai:{seed}:{index}")
    orgs, cumulative = universe(seed)
    org = orgs[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
    kind, _, slug = rng.choices(KINDS, [weight for _, weight, _ in KINDS])[0]
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    builder = DisclosureBuilder if kind == "政府信息公开" else NoticeBuilder
    data = builder(rng, seed, index, org, kind, published).build()
    return f"{org.slug}-{published.year}-{slug}-{index:05d}", data
