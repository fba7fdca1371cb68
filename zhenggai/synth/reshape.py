"""Reshaping a generated notice's problems part the ways real notices are shaped.

Each function takes the document's data (as `generate_document` made it, already copied)
and changes it in place: the numbering scheme of every level, whether statuses are given per
problem, per item or only as declared totals (and the sentence stating them), measures with
sub-points, a third level and unnumbered follow-on paragraphs. The tables of choices and
their weights are `vocab/published.yml`.
"""

from __future__ import annotations

import random
import re
import string
from typing import Any

from ..numbering import MEASURE_LABEL
from .vocab import load_vocab

Data = dict[str, Any]
# A sentence ends at 。 unless a closing quote or bracket follows it.
_SENTENCE_END = re.compile(r"(?<=。)(?![”’」）)])")
_GENERATED_TOTALS = re.compile(r"目前,\d+个方面.*$")


def table(name: str) -> Any:
    """One table of `vocab/published.yml`."""
    return load_vocab("published")[name]


def pick(rng: random.Random, options, allowed=lambda option: True):
    """One of `options` (mappings with a `weight`), among those `allowed`, by weight."""
    chosen = [o for o in options if allowed(o)]
    return rng.choices(chosen, [o["weight"] for o in chosen])[0]


def rectification(data: Data) -> Data | None:
    """The section listing the problem categories, or None."""
    return next((s for s in data.get("sections", ()) if s.get("categories")), None)


def problems(data: Data) -> list[Data]:
    section = rectification(data)
    return [p for c in section["categories"] for p in c["problems"]] if section else []


def findings(data: Data) -> list[Data]:
    """The units that carry a status: a problem's items where it has them, else the problem."""
    return [f for p in problems(data) for f in (p.get("items") or [p])]


def choose_numbering(rng: random.Random, has_items: bool) -> dict[str, dict[str, Any]]:
    """A numbering scheme drawn from the real variety, levels that would clash kept apart."""
    t = table("numbering")
    category = pick(rng, t["categories"])
    # （一） problems under （一） categories would read as one level.
    problem = pick(rng, t["problem_labels"],
                   lambda o: o["label"] is None or category["label"] not in (None, o["label"]))
    scheme: dict[str, dict[str, Any]] = {
        "categories": _level(category["label"], False, category["heading"]),
        "problems": _level(problem["label"], problem["continuous"], pick(rng, t["problem_headings"])["heading"]),
    }
    item = {"label": "none"}
    if has_items:
        item, heading = pick(rng, t["item_labels"]), pick(rng, t["item_headings"])
        scheme["items"] = _level(item["label"], item["continuous"], heading["heading"])

    def measures_allowed(option: dict) -> bool:
        needs = option.get("needs")
        return not ((needs == "problems" and problem["label"] is None) or (needs == "no_items" and has_items))

    measure = pick(rng, t["measure_labels"], measures_allowed)
    scheme["measures"] = _level(measure["label"], measure["continuous"], None)
    # Points must not read as their measures' level or the items' (both above them): no （1）
    # under （1）, no 一是 under 一是.
    clash = {"（{n}）": (None,), None: ("{cn}是",), "{cn}是": ("{cn}是",)}.get(measure["label"], ())
    clash += {None: (None,), "{circled}": ("{circled}",)}.get(item["label"], ())
    point = pick(rng, t["point_labels"], lambda o: o["label"] not in clash)
    scheme["points"] = _level(point["label"], False, None)
    scheme["subpoints"] = _level(pick(rng, t["subpoint_labels"])["label"], False, None)
    return scheme


def _level(label: str | None, continuous: bool, heading: str | None) -> dict[str, Any]:
    level: dict[str, Any] = {}
    if label is not None:
        level["label"] = label
    if continuous:
        level["continuous"] = True
    if heading is not None:
        level["heading"] = heading
    return level


def canonical_numbering(data: Data) -> None:
    """Leave out of `data["numbering"]` what the text cannot show: continuity of a level that
    never restarts, styles of levels the notice does not have, 一是 for measures never alone."""
    scheme = data.get("numbering")
    if not isinstance(scheme, dict):
        return
    section = rectification(data)
    categories = section["categories"] if section else []
    found = findings(data)
    with_items = [p for p in problems(data) if p.get("items")]
    measures = [m for f in found for m in f.get("measures", ())]
    points = [p for m in measures if isinstance(m, dict) for p in m.get("points", ())]
    subpoints = [s for p in points if isinstance(p, dict) for s in p.get("points", ())]
    restarts = {"problems": len(categories) > 1, "items": len(with_items) > 1,
                "measures": sum(bool(f.get("measures")) for f in found) > 1}
    present = {"items": bool(with_items), "points": bool(points), "subpoints": bool(subpoints)}
    for name, level in list(scheme.items()):
        if not present.get(name, True):
            del scheme[name]
            continue
        if level.get("continuous") and not restarts.get(name, False):
            del level["continuous"]
    measure = scheme.get("measures", {})
    if measure.get("label") == MEASURE_LABEL and all(len(f.get("measures", ())) != 1 for f in found):
        del measure["label"]
    for name in [n for n, level in scheme.items() if not level]:
        del scheme[name]
    if not scheme:
        del data["numbering"]


def quoted_headings_drop_similar(data: Data) -> None:
    """A heading template quoting the title (针对“{title}”的问题) would put 等问题 inside the
    quotes, which no notice prints: such findings are written without it."""
    scheme = data.get("numbering", {})
    quoting = {level: "“{title}”" in scheme.get(level, {}).get("heading", "") for level in ("problems", "items")}
    for problem in problems(data):
        if quoting["problems"]:
            problem.pop("similar", None)
        for item in problem.get("items", ()):
            if quoting["items"]:
                item.pop("similar", None)


def drop_statuses(data: Data) -> None:
    """Statuses only as totals: no finding says its own."""
    for finding in findings(data):
        finding.pop("status", None)
        finding.pop("deadline", None)


def restructure_measures(rng: random.Random, data: Data) -> set[str]:
    """Give some measures sub-points, a third level or unnumbered follow-on paragraphs, made
    from their own sentences; returns which of these the document got."""
    got: set[str] = set()
    for finding in findings(data):
        measures = finding.get("measures", [])
        for i, measure in enumerate(measures):
            text = measure if isinstance(measure, str) else measure.get("text", "")
            sentences = [s for s in _SENTENCE_END.split(text) if s]
            if len(sentences) < 3 or rng.random() >= 0.3:
                continue
            base = {"title": measure["title"]} if isinstance(measure, dict) and measure.get("title") else {}
            way = rng.choices(("points", "third", "follow"), (45, 25, 30))[0]
            if way == "third" and len(sentences) < 4:
                way = "points"
            if way == "points":
                measures[i] = {**base, "text": sentences[0], "points": sentences[1:6]}
            elif way == "third":
                rest = sentences[4:6]
                measures[i] = {**base, "text": sentences[0],
                               "points": [{"text": sentences[1], "points": sentences[2:4]}, *rest]}
            else:
                cut = max(1, len(sentences) - rng.randint(1, 2))
                measures[i] = {**base, "text": "".join(sentences[:cut]), "paragraphs": sentences[cut:]}
            got.add(way)
    return got


def has_structured_measures(data: Data) -> bool:
    return any(isinstance(m, dict) and (m.get("points") or m.get("paragraphs"))
               for f in findings(data) for m in f.get("measures", ()))


def totals_only_declared(rng: random.Random, data: Data) -> dict[str, Any]:
    """Declared figures for a notice giving statuses only as totals, counting problems, 整改任务
    or measures (Declared.basis); the categories and problems follow what the notice lists."""
    old = data.get("declared") or {}
    listed_problems = problems(data)
    items = sum(len(p.get("items", ())) for p in listed_problems)
    measures = sum(len(f.get("measures", ())) for f in findings(data))
    declared = {"categories": old.get("categories", len(rectification(data)["categories"])),
                "problems": old.get("problems", len(listed_problems))}
    basis = rng.choices(("measures", "problems", "tasks"), (50, 30, 20))[0]
    declared["tasks"] = old.get("tasks") or items or declared["problems"] + rng.randint(2, 3 * declared["problems"])
    if basis == "measures" or "measures" in old:
        declared["measures"] = old.get("measures") or measures + rng.randint(0, measures)
    total = declared[basis]
    done = rng.randint((total + 1) // 2, total)
    declared.update(completed=done, basis=basis)
    left = total - done
    if left:
        declared["basically_completed"] = basic = rng.randint(0, left)
        left -= basic
    if left and rng.random() < 0.4:
        declared["long_term"] = long_term = rng.randint(1, left)
        left -= long_term
    if left and rng.random() < 0.5:
        declared["in_progress"] = left
    declared.update({k: old[k] for k in ("rules_made", "money_returned", "people_disciplined") if k in old})
    return declared


def per_finding_declared(data: Data) -> dict[str, Any]:
    """The generator's declared figures for a notice with a status per finding, with their basis."""
    declared = dict(data["declared"])
    declared["basis"] = "tasks" if any(p.get("items") for p in problems(data)) else "problems"
    if declared["basis"] == "tasks" and "tasks" not in declared:
        declared["tasks"] = len(findings(data))
    return {k: v for k, v in declared.items() if v or k in ("completed", "basis")}


def state_totals(rng: random.Random, data: Data, declared: dict[str, Any]) -> None:
    """Write the sentence stating `declared` into the rectification section, and keep in
    `data["declared"]` only what that sentence says."""
    words = table("totals")
    basis = declared["basis"]
    template = rng.choice(words[basis])
    slots = {"scope": rng.choice(words["scope"]),
             "tasks_part": words["tasks_part"] if "tasks" in declared and basis != "tasks" and rng.random() < 0.5
             else ""}
    for name, value in slots.items():
        template = template.replace("{" + name + "}", value)
    unit = template.split("{completed}", 1)[1][:1]  # 已完成82项,基本完成31项 / 已完成69条,基本完成22条
    rest = "".join(words["rest"][key].format(n=declared[key], unit=unit)
                   for key in ("basically_completed", "long_term", "in_progress") if declared.get(key))
    template = template.replace("{rest}", rest)
    said = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    sentence = template.format(**{k: declared[k] for k in said})
    kept = {k: declared[k] for k in said} | {k: declared[k] for k in
                                              ("basically_completed", "long_term", "in_progress") if declared.get(k)}
    kept["basis"] = basis
    outcomes = [rng.choice(words[key]).format(n=declared[key])
                for key in ("rules_made", "money_returned", "people_disciplined") if key in declared]
    if outcomes:
        sentence += rng.choice(words["outcomes"]).format(parts=",".join(outcomes))
        kept.update({k: declared[k] for k in ("rules_made", "money_returned", "people_disciplined") if k in declared})
    order = ("categories", "problems", "tasks", "measures", "completed", "basically_completed", "long_term",
             "in_progress", "basis", "rules_made", "money_returned", "people_disciplined")
    data["declared"] = {k: kept[k] for k in order if k in kept}
    section = rectification(data)
    paragraphs = section.pop("paragraphs", [])
    intro = _GENERATED_TOTALS.sub("", paragraphs[0]) if paragraphs else ""
    categories = section.pop("categories")
    section.update(paragraphs=[intro + sentence, *paragraphs[1:]], categories=categories)


def strip_generated_totals(data: Data) -> None:
    """Take the generator's own totals sentence out (a notice with no declared figures)."""
    section = rectification(data)
    if section and section.get("paragraphs"):
        intro = _GENERATED_TOTALS.sub("", section["paragraphs"][0])
        section["paragraphs"] = ([intro] if intro else []) + section["paragraphs"][1:]
        if not section["paragraphs"]:
            del section["paragraphs"]
