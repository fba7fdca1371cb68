"""The parts every kind of synthetic document shares: dates, context, metadata, contact, signature."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .grammar import Writer
from .organisations import Org, cities, person_name
from .vocab import load_vocab


def era(year: int) -> tuple[str, str]:
    """The Party congress or plenum and the education campaign a notice of `year` refers to."""
    eras = load_vocab("party")["eras"]
    meeting, campaign = eras[min(max(year, min(eras)), max(eras))]
    return meeting, campaign


class DocumentBuilder:
    """Builds one document's data in the hand-written form of `data/`; a subclass for each kind of document."""

    def __init__(self, rng: random.Random, seed: int, index: int, org: Org, kind: str, published: dt.date):
        self.rng, self.seed, self.index, self.org, self.kind, self.published = rng, seed, index, org, kind, published
        self.signed = published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3, 5, 7)))
        self.year, self.window = self.dates()
        self.w = Writer(rng, self._context(), self.window)

    def dates(self) -> tuple[int, tuple[dt.date, dt.date]]:
        """The year the document reports on, and the window the dates in its text fall in."""
        raise NotImplementedError

    def build(self) -> dict[str, Any]:
        """The document's data."""
        raise NotImplementedError

    def _context(self) -> dict[str, str]:
        org, rng, year = self.org, self.rng, self.year
        # The leading Party official of an organisation stays the same for a few years.
        term_rng = random.Random(f"zhenggai-secretary:{self.seed}:{org.name}:{year // 4}")
        self.secretary, self.secretary_pinyin = person_name(term_rng)
        era_meeting, era_campaign = era(year)
        self_ref = org.unit_char if org.unit_char in "局办馆" else org.short
        party = f"{org.unit_char}{org.party_kind}" if org.unit_char in "局办" else f"{org.short}{org.party_kind}"
        level = org.district[-1] if org.district and org.district[-1] in "区县市" else ("区" if org.district else "市")
        peers = [d for d, _ in org.city.districts if d != org.district] or [c.name for c in cities()[:6]]
        self.higher = f"{level}委"
        unit_meetings = load_vocab("organisations")["unit_meetings"]
        return {
            "org": org.name, "short": org.short, "party": party, "party_kind": org.party_kind,
            "unit": f"我{self_ref}" if len(self_ref) == 1 else self_ref, "unit_char": org.unit_char,
            "unit_meeting": unit_meetings[org.unit_char], "secretary": self.secretary,
            "city": org.city.name, "city_short": org.city.name.rstrip("市"), "district": org.district or org.city.name,
            "place": (org.district or org.city.name)[:-1] or org.city.name[:-1],
            "district_peer": "、".join(rng.sample(peers, min(2, len(peers)))),
            "year": str(year), "prev_year": str(year - 1), "next_year": str(year + 1),
            "era_meeting": era_meeting, "era_campaign": era_campaign,
            "xi": "习近平新时代中国特色社会主义思想" if year >= 2018 else "习近平总书记系列重要讲话精神",
            "amount_rule": f"{rng.choice((5, 10, 20, 30, 50))}万元以上(含)资金支出",
            "org_prefix": rng.choice((org.name, org.local, org.short, "")),
            "higher": self.higher, "gov": f"{level}政府", "level_word": level if level in "区县" else "市",
            "body": "", "deadline_month": "",
        }

    def metadata(self, category: str, subject_words: list[str]) -> dict[str, Any]:
        meta: dict[str, Any] = {"index_no": self.index_no()}
        if category:
            meta["category"] = category
        meta["publisher"] = self.org.publisher
        if self.rng.random() < 0.7:
            meta["written"] = self.signed
        meta["published"] = self.published
        if subject_words:
            meta["subject_words"] = subject_words
        return meta

    def index_no(self) -> str:
        # Unique by construction: the sequence number is the position (1–99999), and past
        # 99,999 documents letters replace the last two characters of the code.
        cycle, position = divmod(self.index, 99999)
        code = self.org.code
        if cycle:
            letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            code = code[:-2] + letters[cycle // 26 % 26] + letters[cycle % 26]
        return f"{code}/{self.published.year}-{position + 1:05d}"

    def contact(self) -> dict[str, Any]:
        rng, org = self.rng, self.org
        area = org.city.area_code
        digits = 8 if len(area) == 3 or rng.random() < 0.6 else 7
        landline = f"{rng.randint(2, 8)}{rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}"
        contact: dict[str, Any] = {"intro": self.w.say("contact_intro")}
        phones: list[Any] = []
        if rng.random() < 0.3:
            contact["area_code"] = area
            phones.append(landline)
        else:
            phones.append(f"{area}-{landline}")
        if rng.random() < 0.3:
            mobile = f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}"
            phones.append({"number": mobile, "label": "联系人" + person_name(rng)[0]})
        if rng.random() < 0.15:
            phones.append({"number": "12388", "label": "纪检监察举报电话"})
        if len(phones) > 1 and isinstance(phones[0], str) and rng.random() < 0.5:
            phones[0] = {"number": phones[0], "label": rng.choice(("联系电话", "监督电话", "办公室"))}
        contact["phones"] = phones
        if rng.random() < 0.85:
            contact["address_label"] = rng.choice(("邮政地址", "邮政地址", "邮政信箱", "来信地址"))
            contact["address"] = org.address
            if rng.random() < 0.6:
                contact["postcode"] = org.postcode
        if rng.random() < 0.9:
            local = self.secretary_pinyin if rng.random() < 0.2 else person_name(rng)[1]
            contact["email"] = f"{local}{rng.choice(('', '', str(rng.randint(1, 99))))}@{org.email_domain}"
        if rng.random() < 0.2:
            contact["hours"] = "工作日上午9:00-12:00,下午14:00-18:00"
        return contact

    def signature(self) -> dict[str, Any]:
        return {"organisation": f"中共{self.org.name}{self.org.party_kind}", "date": self.signed}

    def paragraph(self, symbol: str, low: int, high: int) -> str:
        return "".join(self.w.several(symbol, self.rng.randint(low, high)))
