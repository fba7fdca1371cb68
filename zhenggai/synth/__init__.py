"""Realistic synthetic documents for benchmarks: `zhenggai generate N --seed S --out DIR`.

Each document is built from the word banks in `vocab/*.yml` with its own random generator
derived from (seed, position), so document k is the same whatever N is, and the same seed
always gives byte-identical files. The organisations are a fixed universe of a few hundred
drawn from the seed alone, so they recur across documents and years as real publishers do.
Files are written one at a time in the hand-written YAML form of `data/`.

`published_document(seed, index, form)` is the same document shaped as one real notice is
published (`variety`) and `write_published` writes it out as text, Word or a saved web page
(`published`) beside its truth: the round-trip benchmark of `zhenggai import`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from .disclosures import DisclosureBuilder
from .dump import dump_yaml
from .notices import NoticeBuilder
from .organisations import draw_org
from .published import SUFFIXES, write_published_file
from .variety import FORMS, ShapedDocument, shape

__all__ = ["FORMS", "ShapedDocument", "dump_yaml", "generate_document", "published_document", "write_documents",
           "write_published"]

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
    org = draw_org(seed, rng)
    kind, _, slug = rng.choices(KINDS, [weight for _, weight, _ in KINDS])[0]
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    builder = DisclosureBuilder if kind == "政府信息公开" else NoticeBuilder
    data = builder(rng, seed, index, org, kind, published).build()
    return f"{org.slug}-{published.year}-{slug}-{index:05d}", data


def published_document(seed: int, index: int, form: str = "txt") -> ShapedDocument:
    """Document `index` of `seed` shaped as a real notice is published, with its truth for `form`."""
    doc_id, data = generate_document(seed, index)
    return shape(seed, index, doc_id, data, form)


def write_published(n: int, seed: int, out_dir: Path, form: str) -> list[Path]:
    """Write `n` shaped documents in `form` as `<id>.<form>`, each beside its truth `<id>.yml` and
    `<id>.shape.json` (the drawn shape and the fields the text does not show)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        shaped = published_document(seed, index, form)
        header = (f"# Truth of {shaped.id}{SUFFIXES[form]}: synthetic document {index} of seed {seed}, "
                  "made by `zhenggai generate --published`: not a real notice.\n")
        if shaped.not_in_text:
            header += f"# Not in the published text: {', '.join(shaped.not_in_text)}\n"
        (out_dir / f"{shaped.id}.yml").write_bytes((header + dump_yaml(shaped.data)).encode("utf-8"))
        side = {"not_in_text": list(shaped.not_in_text), "shape": shaped.shape,
                "layout": dataclasses.asdict(shaped.layout)}
        (out_dir / f"{shaped.id}.shape.json").write_text(
            json.dumps(side, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        paths.append(write_published_file(shaped, out_dir / f"{shaped.id}{SUFFIXES[form]}"))
    return paths
