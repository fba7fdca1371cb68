"""Who inspected whom and when, as a shaped notice says it: kind and title, 巡视 notices,
the opening sentence in the ways units word it, and the contact block's facts.

Like `reshape`, every function changes a generated document's data in place; the wording
tables are `vocab/published.yml` and the generator's own grammar.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ..numbering import chinese_numeral
from .organisations import Org
from .reshape import Data, pick, table
from .vocab import load_vocab

TOUR_KINDS = ("巡视整改情况通报", "巡视整改进展情况通报")


def choose_kind(rng: random.Random, generated: str) -> str:
    """The kind a generated notice becomes: every DocumentKind occurs."""
    options = table("kinds").get(generated)
    return pick(rng, options)["kind"] if options else generated


def higher_committee(org: Org) -> str:
    """The Party committee whose inspection groups inspect `org` (区委, 县委, 市委)."""
    level = org.district[-1] if org.district and org.district[-1] in "区县市" else ("区" if org.district else "市")
    return f"{level}委"


def make_tour(rng: random.Random, data: Data, org: Org) -> tuple[str, str, str]:
    """Turn a 巡察 notice into a 巡视 one: a provincial group inspecting a whole place (深圳市罗湖区)
    or the organisation itself. Returns (the 巡视组's committee, the Party organisation the
    findings went to, the publisher)."""
    inspection = data["inspection"]
    body = f"省委第{chinese_numeral(rng.randint(1, 15))}巡视组"
    # The text names the group where it reports to it (向区委第五巡察组报送…): the new group.
    _replace_text(data, inspection["body"], body)
    _replace_text(data, "巡察", "巡视")
    inspection.pop("round", None)
    inspection.pop("extended_targets", None)
    if rng.random() < 0.5:
        place = f"{org.city.name}{org.district}"
        party, publisher = f"{org.district or org.city.name}委", f"中共{place}委员会"
        inspection["target"] = place
    else:
        party, publisher = inspection["target"], f"中共{org.name}{org.party_kind}"
    if "signature" in data:
        data["signature"]["organisation"] = publisher
    data["metadata"]["publisher"] = publisher
    return "省委", party, publisher


def retitle(rng: random.Random, data: Data, org: Org, publisher: str) -> None:
    """A title naming the kind, for the kinds the generator does not make."""
    templates = table("titles").get(data["kind"])
    if templates:
        body = data["inspection"]["body"]
        data["title"] = rng.choice(templates).format(
            org=org.name, local=org.local, party_kind=org.party_kind, body=body, publisher=publisher,
            body_short=body[:2])


def write_opening(rng: random.Random, data: Data, higher: str, party: str, year_known: int | None) -> tuple[str, set[str]]:
    """Reword the opening's first sentences in one of the ways units word them and keep in
    `inspection` only the facts they state. Returns the form's name and what the text omits."""
    inspection = data["inspection"]
    word = "巡视" if "巡视" in inspection["body"] else "巡察"
    forms = [(name, option) for name, options in table("openings").items() for option in options]
    form, option = rng.choices(forms, [o["weight"] for _, o in forms])[0]
    template = option["text"]
    grammar = load_vocab("grammar")
    according = rng.choice(grammar["according"]).replace("{higher}", higher).replace("巡察", word)
    round_ = inspection.get("round", "")
    if round_ and round_ not in inspection["body"]:
        if round_.startswith("第") and rng.random() < 0.5:
            according = table("according_round").format(higher=higher, round=round_, word=word)
        else:
            del inspection["round"]
    extended = inspection.get("extended_targets")
    feedback, end = inspection["feedback"], inspection.get("end")
    # 5月20日 without its year where the year is plain: from the span before it, or the signature.
    yearless = rng.random() < 0.4 and (
        end.year == feedback.year if "{span}" in template and end is not None else year_known == feedback.year)
    slots = {
        "according": according, "body": inspection["body"], "target": inspection["target"], "party": party,
        "verb": rng.choice(grammar["inspect_verb"]).replace("巡察", word), "word": word,
        "extended": rng.choice(table("extended")).format(targets="、".join(extended), word=word) if extended else "",
        "span": _span(inspection.get("start"), inspection.get("end")),
        "feedback": _day(feedback, yearless),
        "feedback_body": rng.choice((f"{word}组", inspection["body"], f"{higher}{word}组")),
    }
    sentence = template.format(**slots)
    omitted: set[str] = set()
    if form in ("feedback", "undated"):
        inspection.pop("start", None)
        inspection.pop("end", None)
    if form in ("span", "undated"):
        inspection.pop("feedback", None)
    if "{target}" not in template and party != inspection["target"]:
        omitted.add("inspection.target")
    if "{extended}" not in template:
        inspection.pop("extended_targets", None)
    if "round" in inspection and inspection["round"] not in sentence:
        del inspection["round"]
    data["opening"] = [sentence + _tail(data["opening"][0], word, data["kind"], rng), *data["opening"][1:]]
    return form, omitted


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if not (start and end):
        return ""
    tail = f"{end.month}月{end.day}日" if end.year == start.year else _day(end, False)
    return f"{_day(start, False)}至{tail}"


def _day(day: dt.date | None, without_year: bool) -> str:
    if day is None:
        return ""
    return f"{day.month}月{day.day}日" if without_year else f"{day.year}年{day.month}月{day.day}日"


def _tail(opening: str, word: str, kind: str, rng: random.Random) -> str:
    """What followed the generator's feedback sentence: the secretary's part and the announcement,
    the announcement of a 巡视 notice said the 巡视 way."""
    marker = f"反馈了{word}意见。"
    tail = opening.split(marker, 1)[1] if marker in opening else ""
    if kind in TOUR_KINDS:
        grammar = load_vocab("grammar")
        for said in grammar["announce_notice"] + grammar["announce_progress"]:
            said = said.replace("巡察", word)
            if tail.endswith(said):
                tail = tail[: -len(said)] + rng.choice(table("announce")[kind])
                break
    return tail


def normalise_contact(rng: random.Random, contact: dict[str, Any]) -> None:
    """Contact facts as the text states them: local numbers as written (no separate area code),
    the generic words 电话/联系电话 no label, some phones given as 举报电话."""
    contact.pop("area_code", None)
    generic = table("contact")["generic_phone_words"]
    phones = []
    for phone in contact.get("phones", ()):
        if isinstance(phone, dict) and phone.get("label") in generic:
            phone = phone["number"]
        if isinstance(phone, str) and not phones and rng.random() < 0.15:
            phone = {"number": phone, "label": table("contact")["report_phone_label"]}
        phones.append(phone)
    contact["phones"] = phones


def _replace_text(value: Any, old: str, new: str) -> Any:
    """Every string of `value` (nested dicts and lists, changed in place) with `old` → `new`."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _replace_text(item, old, new)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = _replace_text(item, old, new)
    elif isinstance(value, str):
        return value.replace(old, new)
    return value
