"""Field-by-field comparison of two documents' data: what an import recovered of the truth."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Keys that are presentation, not facts of the notice (the scheme is compared by rendering).
SKIP = {"numbering", "role", "address_label_default"}


POINT_LISTS = ("measures", "points")
# The import writes GB/T 15834 full-width punctuation where the source had ASCII marks beside
# Chinese text; the width of a comma is not a fact of the notice, so texts compare without it.
_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


def facts(data: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Every leaf fact of a data dict by path; a point's lead phrase and text count as one text."""
    out: dict[tuple, Any] = {}
    if isinstance(data, dict):
        if len(path) >= 2 and path[-2] in POINT_LISTS:
            out[path + ("text",)] = ((data.get("title") or "") + (data.get("text") or "")).translate(_WIDTH)
            for key in ("points", "paragraphs"):
                if key in data:
                    out.update(facts(data[key], path + (key,)))
            return out
        for key, value in data.items():
            if key not in SKIP:
                out.update(facts(value, path + (key,)))
        return out
    if isinstance(data, list | tuple):
        for i, value in enumerate(data):
            if path and path[-1] in POINT_LISTS and isinstance(value, str):
                value = {"text": value}
            out.update(facts(value, path + (i,)))
        return out
    if isinstance(data, dt.date):
        data = data.isoformat()
    if data is None or data is False:
        return out
    out[path] = data.strip().translate(_WIDTH) if isinstance(data, str) else data
    return out


@dataclass
class Comparison:
    truth: dict[tuple, Any]
    got: dict[tuple, Any]
    skipped: set[tuple] = field(default_factory=set)

    @property
    def keys(self) -> set[tuple]:
        return (set(self.truth) | set(self.got)) - self.skipped

    @property
    def matched(self) -> int:
        return sum(1 for k in self.keys if k in self.truth and self.truth.get(k) == self.got.get(k))

    @property
    def share(self) -> float:
        return self.matched / len(self.keys) if self.keys else 1.0

    def differences(self) -> list[str]:
        out = []
        for key in sorted(self.keys, key=lambda k: tuple(str(p) for p in k)):
            if self.truth.get(key) != self.got.get(key):
                where = ".".join(str(p) for p in key)
                out.append(f"{where}: 应为 {_short(self.truth.get(key))},得到 {_short(self.got.get(key))}")
        return out


def _short(value: Any) -> str:
    text = "无" if value is None else str(value)
    return f"“{text[:50]}…”" if len(text) > 50 else f"“{text}”"


def compare(truth: dict, got: dict, skip: frozenset[tuple] = frozenset()) -> Comparison:
    """Compare the facts of `got` with those of `truth`, leaving out paths starting with one in `skip`."""
    t, g = facts(truth), facts(got)
    skipped = {k for k in set(t) | set(g) if any(k[:n] in skip for n in range(1, len(k) + 1))}
    return Comparison(t, g, skipped)
