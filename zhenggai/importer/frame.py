"""The frame of a notice around its body: catalogue metadata, title, opening facts, totals
stated in words, the contact block and the signature. Each reader takes the lines it uses
and notes what it guessed, so the report can say what was placed and what to check."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .patterns import patterns, rx
from .sources import Line

DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
ISO = re.compile(r"(?P<y>\d{4})[-年./](?P<m>\d{1,2})[-月./](?P<d>\d{1,2})日?")


@dataclass
class Notes:
    """What the reading guessed (to check) and what it could not find (to fill in), by field path."""

    check: dict[tuple, str] = field(default_factory=dict)
    fill: dict[tuple, str] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)  # numbers of the lines placed in the draft
    taken_tables: set[int] = field(default_factory=set)  # tables (1-based) placed in the draft

    def take(self, *lines: Line) -> None:
        self.taken.update(line.number for line in lines)


def to_date(text: str, year: int | None = None) -> dt.date | None:
    """A date written 2019-03-18, 2019年3月18日 or (with `year`) 3月18日; None if none can be read."""
    match = ISO.search(text) or DATE.search(text)
    if not match:
        return None
    y = match.group("y") or year
    try:
        return dt.date(int(y), int(match.group("m")), int(match.group("d"))) if y else None
    except ValueError:
        return None


def read_metadata(lines: list[Line], table: dict[str, str], notes: Notes) -> dict[str, Any]:
    """The catalogue fields: from the page's own table, else from `key: value` lines at the top."""
    found: dict[str, Any] = dict(table)
    for line in lines[:12]:
        hits = {key: m.group("v") for key, pattern in patterns()["metadata"].items()
                if (m := re.search(pattern, line.text))}
        if (hits and _is_metadata_line(line.text, hits)) or is_catalogue_line(line.text):
            notes.take(line)
            for key, value in hits.items():
                found.setdefault(key, value)
    metadata: dict[str, Any] = {}
    for key in ("index_no", "category", "publisher", "written", "doc_no", "published", "source"):
        value = found.get(key)
        if not value:
            continue
        if key in ("written", "published"):
            value = to_date(value)
        if value:
            metadata[key] = value
    if found.get("subject_words"):
        words = [w for w in re.split(r"[\s、,，;；]+", found["subject_words"]) if w]
        if words:
            metadata["subject_words"] = words
    return {"metadata": metadata, "title": found.get("title")}


_CATALOGUE_LABEL = re.compile(r"(?:索引号|分类|发布机构|成文日期|名称|文号|发布日期|主题词|来源)[:：]")


def _is_metadata_line(text: str, hits: dict[str, str]) -> bool:
    # A line of the catalogue is mostly its labels and values, not a sentence that mentions them.
    return len(text) <= 120 and not text.endswith("。")


def is_catalogue_line(text: str) -> bool:
    """A line made of catalogue labels, filled or not: 文号: 发布日期: 2018-03-06 / 主题词:"""
    return bool(_CATALOGUE_LABEL.match(text)) and len(text) <= 120 and not text.endswith("。")


def read_title(lines: list[Line], known: str | None, notes: Notes) -> str | None:
    """The title line: the catalogue's 名称 where it appears, else a first line that reads as a title."""
    for line in lines[:6]:
        if line.number in notes.taken:
            continue
        if known and line.text == known:
            notes.take(line)
            return known
        if rx("title").match(line.text) and not line.text.endswith(("。", "：", ":")):
            notes.take(line)
            return line.text
        break
    return known


def read_signature(lines: list[Line], notes: Notes) -> tuple[dict[str, Any] | None, int]:
    """The organisation and date closing the notice, and how many lines from the end they and
    anything after them take (what follows a signature is left unplaced, for the report)."""
    end = len(lines)
    dates = [i for i in range(max(end - 5, 0), end) if rx("date").match(lines[i].text)]
    organisation, date = None, None
    if dates:
        end = dates[-1]
        date = to_date(lines[end].text)
        notes.take(lines[end])
    else:
        orgs = [i for i in range(max(end - 3, 0), end) if rx("signature_organisation").match(lines[i].text)]
        end = orgs[-1] + 1 if orgs else end
    if end and rx("signature_organisation").match(lines[end - 1].text):
        organisation = lines[end - 1].text.strip()
        notes.take(lines[end - 1])
        end -= 1
    if not organisation and not date:
        return None, 0
    if not organisation:
        notes.fill[("signature", "organisation")] = "通报落款只有日期,没有署名单位"
    return {"organisation": organisation, "date": date}, len(lines) - end


def contact_start(lines: list[Line]) -> int:
    """Where the contact block begins: the last run of lines, near the end, about supervision
    (a numbered line, such as 五是……加强监督检查, is never part of it)."""
    from .outline import match_label  # the outline builds on this module's readers

    keywords = re.compile(r"监督|反映|联系|电话|信箱|邮箱|邮编|地址|举报|@|\d{7,}")
    field = re.compile(r"电话|信箱|邮箱|邮编|邮政|地址|@|\d{7,}")
    start = len(lines)
    for index in range(len(lines) - 1, max(len(lines) - 10, -1), -1):
        text = lines[index].text
        if keywords.search(text) and len(text) < 400 and match_label(text) is None:
            start = index
        else:
            break
    while start < len(lines) and not (rx("contact_start").search(lines[start].text) or field.search(lines[start].text)):
        start += 1
    return start


def read_contact(lines: list[Line], notes: Notes) -> dict[str, Any] | None:
    """Phones, address, postcode, e-mail and the sentence inviting supervision."""
    if not lines:
        return None
    text = "".join(line.text for line in lines)
    contact: dict[str, Any] = {}
    cut = re.search(r"[^。；;]*?(?:[:：]\s*(?:0\d{2,3}-|1[3-9]\d|\d{7})|联系方式|邮政|通信地址|来信地址|电子邮箱)", text)
    intro = text[: cut.start()].strip(" ,，:：") if cut else ""
    if intro and "监督" in intro:
        contact["intro"] = intro
    if m := re.search(patterns()["contact"]["address"], text):
        contact["address_label"] = m.group("label") if m.group("label") != "地址" else "邮政地址"
        contact["address"] = m.group("v").strip(" ,，")
    rest = text.replace(contact.get("address", ""), "")
    emails = re.findall(patterns()["contact"]["email"], rest)
    for email in emails:
        rest = rest.replace(email, "")
    phones = []
    for m in re.finditer(patterns()["contact"]["phone"], rest):
        if any(p["number"] == m.group(0) for p in phones) or re.search(r"(?:邮编|邮政编码)[:：]?\s*$", rest[: m.start()]):
            continue
        phone = {"number": m.group(0)}
        label = re.search(r"(?:^|[;；。,，\s])(?P<label>[^;；。,，:：\s]{2,14})[:：]\s*$", rest[: m.start()])
        if label and label.group("label") not in GENERIC_PHONE_WORDS:
            phone["label"] = label.group("label")
        phones.append(phone)
    if phones:
        contact["phones"] = [p if "label" in p else p["number"] for p in phones]
    if m := re.search(patterns()["contact"]["postcode"], text):
        contact["postcode"] = m.group("v")
    if emails:
        contact["email"] = emails[0]
    if set(contact) - {"intro"}:
        notes.take(*lines)
        return contact
    return None


# Words before a number that only say it is a phone: not kept as the phone's label.
GENERIC_PHONE_WORDS = {"电话", "联系电话", "联系方式", "监督电话", "电话号码"}


@dataclass
class Opening:
    inspection: dict[str, Any]
    checks: dict[str, str]


def read_inspection(text: str, reference_year: int | None) -> Opening:
    """Who inspected whom and when, read from the opening paragraphs."""
    found: dict[str, Any] = {}
    checks: dict[str, str] = {}
    opening = patterns()["opening"]
    if m := re.search(opening["body"], text):
        found["body"] = m.group("body").lstrip("由经")
    if m := re.search(opening["target"], text) or re.search(opening["target_feedback"], text):
        found["target"] = m.group("target").strip()
    period = re.search(opening["period"], text)
    if period:
        y1 = int(period.group("y1")) if period.group("y1") else reference_year
        y2 = int(period.group("y2")) if period.group("y2") else y1
        if y1:
            try:
                found["start"] = dt.date(y1, int(period.group("m1")), int(period.group("d1")))
                found["end"] = dt.date(y2, int(period.group("m2")), int(period.group("d2")))
            except ValueError:
                pass
            if not period.group("y1"):
                checks["start"] = f"通报未写巡察年份,按 {y1} 年读出"
    feedback = _feedback_date(text, period, found.get("end"), reference_year)
    if feedback:
        found["feedback"] = feedback
    if m := re.search(opening["round"], found.get("body", "")):
        found["round"] = m.group(0)
    if m := re.search(opening["extended"], text):
        found["extended_targets"] = [t for t in re.split(r"[、和及]", m.group("targets")) if t]
    return Opening(found, checks)


def _feedback_date(text: str, period, end: dt.date | None, year: int | None) -> dt.date | None:
    """The date nearest before 反馈 (else just after it), not one of the inspection period's."""
    at = text.find("反馈")
    if at < 0:
        return None
    skip = range(period.start(), period.end()) if period else range(0)
    before = [m for m in DATE.finditer(text[:at]) if m.start() not in skip]
    after = [m for m in DATE.finditer(text[at:at + 30])]
    match = before[-1] if before else (after[0] if after else None)
    if not match:
        return None
    base = end.year if end else year
    return to_date(match.group(0), base)


def read_totals(paragraphs: list[str]) -> dict[str, Any]:
    """Totals the notice states in words (the first statement of each wins)."""
    totals: dict[str, Any] = {}
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[。；;])", paragraph):
            _totals_of(sentence, totals)
    return totals


def _totals_of(sentence: str, totals: dict[str, Any]) -> None:
    for key, pattern in patterns()["totals"].items():
        if key in totals:
            continue
        m = re.search(pattern, sentence)
        if not m:
            continue
        number = m.group("v") or m.groupdict().get("v2")
        value = float(number) * (10000 if m.groupdict().get("wan") else 1)
        if value != int(value):
            continue
        totals[key] = int(value)
        if key == "completed" and "basis" not in totals:
            basis = _basis(sentence[: m.start()])
            if basis:
                totals["basis"] = basis


def _basis(before: str) -> str | None:
    last, found = -1, None
    for basis, pattern in patterns()["basis_words"].items():
        for m in re.finditer(pattern, before):
            if m.start() > last:
                last, found = m.start(), basis
    return found
