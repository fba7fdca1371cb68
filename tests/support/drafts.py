"""What an import draft read, in the shapes the import tests compare: its problems, and its
categories with each problem's title, status, count of measures and item titles."""

from __future__ import annotations


def problems(data: dict) -> list[dict]:
    """Every problem of a draft's data, whatever parts and categories hold it."""
    return [p for s in data["sections"] for c in s.get("categories", ()) for p in c["problems"]]


def outline(data: dict) -> list:
    """(category title, [(problem title, status, number of measures, item titles)]) per category."""
    return [(c.get("title"), [(p["title"], p.get("status"), len(p.get("measures", ())),
                               [i["title"] for i in p.get("items", ())]) for p in c["problems"]])
            for s in data["sections"] for c in s.get("categories", ())]


def measure_texts(problem: dict) -> list[str]:
    """A problem's measures as their texts (a measure with a title and text gives its text)."""
    return [m if isinstance(m, str) else m.get("text", "") for m in problem.get("measures", ())]
