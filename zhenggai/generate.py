"""Realistic synthetic documents for benchmarks: `zhenggai generate N --seed S --out DIR`.

Each document is built from the word banks in `generate_vocab.py` with its own random
generator derived from (seed, position), so document k is the same whatever N is, and the
same seed always gives byte-identical files. The organisations are a fixed universe of a few
hundred drawn from the seed alone, so they recur across documents and years as real
publishers do. Files are written one at a time in the hand-written YAML form of `data/`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import generate_vocab as vocab
from .numbering import chinese_numeral, point_label

UNIVERSE_SIZE = 400
FIRST_DAY = dt.date(2016, 1, 4)
LAST_DAY = dt.date(2026, 10, 30)
KINDS = (("巡察整改情况通报", 70), ("阶段性进展情况通报", 15), ("政府信息公开", 15))

_SLOT = re.compile(r"\{(\w+)\}")


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
    orgs, cumulative = _universe(seed)
    org = orgs[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    builder = _Builder(rng, seed, index, org, kind, published)
    data = builder.disclosure() if kind == "政府信息公开" else builder.rectification()
    slug = {"巡察整改情况通报": "zhenggai", "阶段性进展情况通报": "jinzhan", "政府信息公开": "gongzuo"}[kind]
    doc_id = f"{org.slug}-{published.year}-{slug}-{index:05d}"
    return doc_id, data


# Organisations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    province: str
    name: str
    ascii: str
    area_code: str
    postcode: str
    region: str
    districts: tuple[tuple[str, str], ...]
    source: str


@dataclass(frozen=True)
class Org:
    """An organisation that publishes and is inspected, with the ways the text names it."""

    name: str  # 深圳市坪山区政务服务数据管理局
    local: str  # 坪山区政务服务数据管理局 (or the full name for city-level units)
    short: str  # 区政务服务数据管理局
    publisher: str  # as it appears in 发布机构
    city: City
    district: str  # 坪山区, or "" for city-level units
    slug: str  # sz-ps-zsj
    domain: str
    unit_char: str
    party_kind: str
    code: str  # unified social credit code, the first part of 索引号
    email_domain: str
    address: str
    postcode: str


_CITIES = tuple(
    City(p, c, a, ac, pc, rc, tuple(tuple(d.split(":")) for d in ds.split()), src)
    for p, c, a, ac, pc, rc, ds, src, _ in vocab.CITIES
)
_CITY_WEIGHTS = [c[-1] for c in vocab.CITIES]
_ROADS = ["人民路", "建设路", "中山路", "解放路", "文化路", "府前路", "行政大道", "金牛西路", "福中三路", "迎宾大道",
          "东门路", "新城大道", "政通路", "和平路", "东风路", "新华路", "青年路", "环城路", "滨河路", "光明路"]
_BUILDINGS = ["行政中心", "市民中心", "综合办公楼", "政务服务中心大楼", "机关大院", "大厦", "办公大楼"]


@lru_cache(maxsize=4)
def _universe(seed: int) -> tuple[tuple[Org, ...], tuple[float, ...]]:
    """A few hundred organisations drawn from the seed alone, with how often each publishes."""
    rng = random.Random(f"zhenggai-orgs:{seed}")
    bureau_weights = [b[-1] for b in vocab.BUREAUS]
    orgs: dict[str, Org] = {}
    while len(orgs) < UNIVERSE_SIZE:
        city = rng.choices(_CITIES, _CITY_WEIGHTS)[0]
        bureau = rng.choices(vocab.BUREAUS, bureau_weights)[0]
        district = rng.choice(city.districts) if city.districts and rng.random() < 0.7 else None
        org = _make_org(rng, city, district, bureau)
        orgs.setdefault(org.name, org)
    ordered = tuple(orgs.values())
    # A few publish a lot, most now and then (Zipf-like), as on real sites.
    weights = itertools.accumulate(1 / (rank + 8) for rank in range(len(ordered)))
    return ordered, tuple(weights)


def _make_org(rng: random.Random, city: City, district: tuple[str, str] | None, bureau: tuple) -> Org:
    name, ascii_name, domain, unit_char, party_kind, _ = bureau
    short_name = {"人民政府办公室": "政府办公室", "妇女联合会": "妇联"}.get(name, name)
    if district:
        dname, dascii = district
        level = dname[-1] if dname[-1] in "区县市" else "区"
        full, local, short = f"{city.name}{dname}{name}", f"{dname}{name}", f"{level}{short_name}"
        email_domain = f"{city.ascii}{dascii}.gov.cn"
        code_region = f"{city.region}{rng.randint(2, 30):02d}"
        slug = f"{city.ascii}-{dascii}-{ascii_name}"
    else:
        dname = ""
        full = local = f"{city.name}{name}"
        short = f"市{short_name}"
        email_domain = f"{city.ascii}.gov.cn"
        code_region = f"{city.region}00"
        slug = f"{city.ascii}-{ascii_name}"
    code = "11" + code_region + "".join(rng.choice("0123456789") for _ in range(9)) + rng.choice("0123456789X")
    building = rng.choice(_BUILDINGS)
    building = f"{rng.choice('东南西北中')}座" if building == "大厦" else building
    room = f"{rng.randint(1, 20)}{rng.randint(1, 30):02d}室"
    address = f"{city.name}{dname}{rng.choice(_ROADS)}{rng.randint(1, 300)}号{building}{room}"
    postcode = city.postcode[:3] + f"{rng.randint(0, 199):03d}"
    publisher = local if district and rng.random() < 0.5 else full
    return Org(full, local, short, publisher, city, dname, slug, domain, unit_char, party_kind, code,
               email_domain, address, postcode)


def _name(rng: random.Random) -> tuple[str, str]:
    """A person's name and its pinyin: common surnames more often, given names mostly rare."""
    surname = _SURNAMES[min(int(rng.expovariate(1 / 25)), len(_SURNAMES) - 1)]
    given = [rng.choice(_GIVEN) for _ in range(1 if rng.random() < 0.25 else 2)]
    return surname[0] + "".join(g[0] for g in given), surname[1] + "".join(g[1] for g in given)


_SURNAMES = [(w[0], w[1:]) for w in vocab.SURNAMES.split()]
_GIVEN = [(w[0], w[1:]) for w in vocab.GIVEN.split()]


# The phrase grammar ------------------------------------------------------------------------


def _compile(bank: dict[str, list[str]]) -> dict[str, tuple[str | tuple[str, ...], ...]]:
    """Split each alternative into literal text and slot names; text without slots stays a string."""
    return {key: tuple(_split(alt) for alt in alts) for key, alts in bank.items()}


class _Ref(str):
    """An alternative that is just another symbol, e.g. "{fix}": expanded without rendering."""


def _split(text: str) -> str | _Ref | tuple[str, ...]:
    parts = _SLOT.split(text)
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 3 and not parts[0] and not parts[2]:
        return _Ref(parts[1])
    return tuple(parts)


_GRAMMAR = _compile(vocab.GRAMMAR)
_THEMES = {name: _compile(bank) for name, bank in vocab.THEMES.items()}
_DOMAINS = {name: _compile(bank) for name, bank in vocab.DOMAINS.items()}
_ONCE = frozenset({
    "fix", "org_s", "next_s", "work_s", "work_s_more", "plan_s", "weak_s", "m_title", "next_title", "point_title",
    "law_s", "m_tail", "now_state", "ledger_effect", "law_effect", "check_result", "train_effect", "meet_effect",
    "duty_tail", "goal",
})
_STUTTERS = ("工作工作", "管理管理")
THEME_ORDER = ("politics", "integrity", "function", "organisation", "finance", "risk", "followup")


def _era(year: int) -> tuple[str, str]:
    """The Party congress or plenum and the education campaign a notice of `year` refers to."""
    return {
        2015: ("党的十八届五中全会", "“三严三实”专题教育"),
        2016: ("党的十八届六中全会", "“两学一做”学习教育"),
        2017: ("党的十九大", "“两学一做”学习教育常态化制度化"),
        2018: ("党的十九大", "“大学习、深调研、真落实”工作"),
        2019: ("党的十九届四中全会", "“不忘初心、牢记使命”主题教育"),
        2020: ("党的十九届五中全会", "“不忘初心、牢记使命”主题教育成果巩固"),
        2021: ("党的十九届六中全会", "党史学习教育"),
        2022: ("党的二十大", "党史学习教育常态化长效化"),
        2023: ("党的二十大", "学习贯彻习近平新时代中国特色社会主义思想主题教育"),
        2024: ("党的二十届三中全会", "党纪学习教育"),
        2025: ("党的二十届四中全会", "深入贯彻中央八项规定精神学习教育"),
    }.get(min(max(year, 2015), 2025))


class _Writer:
    """Expands grammar symbols with one document's random generator and context."""

    def __init__(self, rng: random.Random, fixed: dict[str, str], window: tuple[dt.date, dt.date]):
        self.rng = rng
        self.random = rng.random
        self.fixed = fixed
        self.window = window
        self.dynamic = {
            "n_small": lambda: str(self.int(2, 9)),
            "n2": lambda: str(self.int(10, 99)),
            "n3": lambda: str(self.int(100, 999)),
            "n4": lambda: str(self.int(1000, 9999)),
            "cn": lambda: self.pick(("两", "三", "四", "五", "六")),
            "rank": lambda: self.pick(("一", "二", "三", "四", "五")),
            "long_years": lambda: self.pick(("五", "六", "八", "十")),
            "money": lambda: str(self.money()),
            "pct": self.percent,
            "person": lambda: _name(self.rng)[0],
            "date": lambda: self.date_text(self.date()),
            "month": lambda: f"{self.date():%Y}年{self.date().month}月",
            "since": self.since,
            "period": self.period,
            "aspects2": lambda: "、".join(self.several("aspect", 2)),
            "aspects3": lambda: "、".join(self.several("aspect", 3)),
            "aspect_pair": lambda: "和".join(self.several("aspect", 2)),
        }
        # Sentences a document would not say twice: what is left of each such bank.
        self.left: dict[int, list] = {}
        self.use()

    def use(self, *banks: dict) -> None:
        """Look symbols up in `banks` first (a category theme, the organisation's domain), then the grammar."""
        table: dict[str, Any] = dict(_GRAMMAR)
        for bank in reversed(banks):
            table.update(bank)
        table.update(self.dynamic)
        table.update(self.fixed)
        self.table = table

    def set(self, symbol: str, value: str) -> None:
        self.fixed[symbol] = self.table[symbol] = value

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def int(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def money(self) -> int:
        return self.int(1, 9) * 10 ** self.int(3, 5) + self.int(0, 999)

    def percent(self) -> str:
        return f"{self.int(60, 99)}.{self.int(0, 9)}%" if self.random() < 0.7 else f"{self.int(80, 100)}%"

    def date(self) -> dt.date:
        start, end = self.window
        return start + dt.timedelta(days=self.int(0, max((end - start).days, 0)))

    def date_text(self, day: dt.date) -> str:
        return f"{day.year}年{day.month}月{day.day}日" if self.random() < 0.5 else f"{day.month}月{day.day}日"

    def since(self) -> str:
        start = self.window[0]
        return self.pick((f"{start.year}年{start.month}月以来", "整改以来", "巡察反馈以来", f"{start.year}年以来",
                          "整改期间"))

    def period(self) -> str:
        year = int(self.fixed["prev_year"])
        return self.pick((f"{year}年{self.int(3, 11)}月以前", "近三年", f"{year}年以来", f"{year - 1}年至{year}年",
                          f"{year}年"))

    def say(self, symbol: str) -> str:
        """One expansion of `symbol`."""
        value = self.table[symbol]
        kind = value.__class__
        if kind is str:
            return value
        if kind is not tuple:
            return value()
        if symbol in _ONCE:
            left = self.left.get(id(value))
            if not left:
                left = self.left[id(value)] = list(value)
            choice = left.pop(int(self.random() * len(left)))
        else:
            choice = value[int(self.random() * len(value))]
        kind = choice.__class__
        if kind is str:
            return choice
        return self.say(choice) if kind is _Ref else self.render(choice)

    def render(self, parts: tuple[str, ...]) -> str:
        say = self.say
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            out.append(say(parts[i]))
            out.append(parts[i + 1])
        text = "".join(out)
        # Slots such as {task}工作 next to 工作制度 would otherwise stutter.
        for stutter in _STUTTERS:
            if stutter in text:
                text = text.replace(stutter, stutter[:2])
        return text

    def several(self, symbol: str, count: int) -> list[str]:
        """`count` different expansions of `symbol` (fewer if the bank runs dry)."""
        found: list[str] = []
        for _ in range(count * 4):
            text = self.say(symbol)
            if text not in found:
                found.append(text)
                if len(found) == count:
                    break
        return found


def _title(text: str) -> str:
    # The renderer puts titles in “”: quotes inside them become ‘’, as the notices print them.
    return text.replace("“", "‘").replace("”", "’")


# Documents ---------------------------------------------------------------------------------


class _Builder:
    """Builds one document's data in the hand-written form of `data/`."""

    def __init__(self, rng: random.Random, seed: int, index: int, org: Org, kind: str, published: dt.date):
        self.rng, self.seed, self.index, self.org, self.kind, self.published = rng, seed, index, org, kind, published
        self.signed = published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3, 5, 7)))
        if kind == "政府信息公开":
            self.year = published.year - 1 if published.month <= 6 else published.year
            self.window = (dt.date(self.year, 1, 1), min(dt.date(self.year, 12, 31), self.signed))
        else:
            self.feedback = published - dt.timedelta(days=rng.randint(50, 200))
            self.end = self.feedback - dt.timedelta(days=rng.randint(7, 50))
            self.start = self.end - dt.timedelta(days=rng.randint(25, 75))
            self.year = self.feedback.year
            self.window = (self.feedback, self.signed)
        self.w = _Writer(rng, self._context(), self.window)

    def _context(self) -> dict[str, str]:
        org, rng, year = self.org, self.rng, self.year
        # The leading Party official of an organisation stays the same for a few years.
        term_rng = random.Random(f"zhenggai-secretary:{self.seed}:{org.name}:{year // 4}")
        self.secretary, self.secretary_pinyin = _name(term_rng)
        era_meeting, era_campaign = _era(year)
        self_ref = org.unit_char if org.unit_char in "局办馆" else org.short
        party = f"{org.unit_char}{org.party_kind}" if org.unit_char in "局办" else f"{org.short}{org.party_kind}"
        level = org.district[-1] if org.district and org.district[-1] in "区县市" else ("区" if org.district else "市")
        peers = [d for d, _ in org.city.districts if d != org.district] or [c.name for c in _CITIES[:6]]
        self.higher = f"{level}委"
        unit_meeting = {"局": "局务会议", "办": "办务会议", "馆": "馆务会议", "中心": "中心主任办公会议", "会": "主席办公会议"}
        return {
            "org": org.name, "short": org.short, "party": party, "party_kind": org.party_kind,
            "unit": f"我{self_ref}" if len(self_ref) == 1 else self_ref, "unit_char": org.unit_char,
            "unit_meeting": unit_meeting[org.unit_char], "secretary": self.secretary,
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

    # Shared parts

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
            phones.append({"number": mobile, "label": "联系人" + _name(rng)[0]})
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
            local = self.secretary_pinyin if rng.random() < 0.2 else _name(rng)[1]
            contact["email"] = f"{local}{rng.choice(('', '', str(rng.randint(1, 99))))}@{org.email_domain}"
        if rng.random() < 0.2:
            contact["hours"] = "工作日上午9:00-12:00,下午14:00-18:00"
        return contact

    def signature(self) -> dict[str, Any]:
        return {"organisation": f"中共{self.org.name}{self.org.party_kind}", "date": self.signed}

    def measures(self, count: int, titled: bool) -> list[Any]:
        w, rng = self.w, self.rng
        out: list[Any] = []
        titles = w.several("m_title", count) if titled else []
        for i in range(count):
            text = "".join(self.sentence() for _ in range(rng.choice((1, 2, 3, 4, 4, 5, 5, 6))))
            if i < len(titles):
                if rng.random() < 0.05:
                    out.append({"title": titles[i], "points": w.several("m_sentence", rng.randint(2, 3))})
                else:
                    out.append({"title": titles[i], "text": text})
            else:
                out.append(text)
        return out

    def sentence(self) -> str:
        text = self.w.say("m_sentence")
        if self.rng.random() < 0.3:
            text = f"{text[:-1]},{self.w.say('m_tail')}。"
        return text

    def status(self) -> tuple[str, str | None]:
        rng = self.rng
        status = rng.choices(("已完成", "基本完成", "正在推进中", "阶段性完成并需长期坚持"), (70, 8, 15, 7))[0]
        target = self.published + dt.timedelta(days=rng.randint(-40, 300))
        y, m = target.year, target.month
        if status == "正在推进中":
            task = self.w.say("task")
            deadline = rng.choice((f"计划{y}年{m}月底前完成", f"计划{y}年{m}月底前完成{task}",
                                   f"{y}年{m}月{rng.randint(1, 28)}日前完成", f"计划{m}月底前整改完成"
                                   if y == self.published.year else f"计划{y}年{m}月底前整改完成"))
            return status, deadline if rng.random() < 0.85 else None
        if status == "基本完成" and rng.random() < 0.4:
            return status, f"计划{y}年{m}月底前全面完成"
        if status == "阶段性完成并需长期坚持" and rng.random() < 0.3:
            return status, f"{y}年{m}月底前完成阶段性任务,并长期坚持"
        return status, None

    def finding(self, symbol: str, mode: str, titled: bool, measure_counts: tuple[int, ...]) -> dict[str, Any]:
        title = _title(self.w.say(symbol))
        data: dict[str, Any] = {"title": title}
        if self.rng.random() < 0.15:
            data["similar"] = True
        if mode != "plain":
            status, deadline = self.status()
            data["status"] = status
            if deadline:
                data["deadline"] = deadline
        data["measures"] = self.measures(self.rng.choice(measure_counts), titled)
        return data

    def problem(self, mode: str, titled: bool, seen: set[str]) -> dict[str, Any] | None:
        counts = (1, 2, 2, 3, 3, 4, 5, 6) if self.kind == "阶段性进展情况通报" else (1, 2, 3, 3, 4, 4)
        if mode == "items":
            title = _title(self.w.say("problem"))
            items = [self.finding("item", mode, titled, counts) for _ in range(self.rng.choice((1, 1, 2, 2, 3)))]
            problem = {"title": title, "items": items}
        else:
            problem = self.finding("problem", mode, titled, counts)
        if problem["title"] in seen:
            return None
        seen.add(problem["title"])
        return problem

    def categories(self, mode: str, titled: bool) -> list[dict[str, Any]]:
        rng, w = self.rng, self.w
        count = rng.choice((3, 4, 4, 5, 5, 6))
        # Some notices close with how earlier findings were followed up.
        followup = rng.random() < 0.15
        themes = sorted(rng.sample(THEME_ORDER[:6], count - followup), key=THEME_ORDER.index)
        if followup:
            themes.append("followup")
        domain = _DOMAINS[self.org.domain]
        categories, seen = [], set()
        for theme in themes:
            w.use(_THEMES[theme], domain)
            wanted, problems = rng.randint(2, 5), []
            for _ in range(wanted * 3):
                problem = self.problem(mode, titled, seen)
                if problem:
                    problems.append(problem)
                    if len(problems) == wanted:
                        break
            if problems:
                categories.append({"title": _title(w.say("category")), "problems": problems})
        w.use(domain)
        return categories

    def paragraph(self, symbol: str, low: int, high: int) -> str:
        return "".join(self.w.several(symbol, self.rng.randint(low, high)))

    # Rectification notices and progress reports

    def inspection(self) -> tuple[dict[str, Any], str]:
        rng, org = self.rng, self.org
        group = chinese_numeral(rng.randint(1, 12))
        round_no = chinese_numeral(rng.randint(1, 12))
        term = rng.choice(vocab.TERMS)
        committee = f"{org.district or org.city.name}委"
        if rng.random() < 0.3:
            body = f"{term}届{committee}第{round_no}轮第{group}巡察组"
        else:
            body = f"{self.higher}第{group}巡察组"
        data: dict[str, Any] = {"body": body, "target": f"{org.short}{org.party_kind}"}
        if rng.random() < 0.5:
            data["round"] = rng.choice((f"第{round_no}轮", f"{term}届{committee}第{round_no}轮"))
        data.update(start=self.start, end=self.end, feedback=self.feedback)
        extended = []
        if rng.random() < 0.2:
            self.w.use(_DOMAINS[self.org.domain])
            extended = self.w.several("subunit", rng.randint(1, 2))
            data["extended_targets"] = extended
        self.w.set("body", body)
        self.w.set("target", data["target"])
        span = f"{self.start.year}年{self.start.month}月{self.start.day}日至"
        span += f"{self.end.month}月{self.end.day}日" if self.end.year == self.start.year else (
            f"{self.end.year}年{self.end.month}月{self.end.day}日")
        w = self.w
        opening = (f"{w.say('according')},{span},{body}对{data['target']}{w.say('inspect_verb')}"
                   + (f",并对{'、'.join(extended)}进行了延伸巡察" if extended else "") + "。"
                   + f"{self.feedback.year}年{self.feedback.month}月{self.feedback.day}日,"
                   + f"{rng.choice(('巡察组', body, self.higher + '巡察组'))}向{data['target']}反馈了巡察意见。")
        if rng.random() < 0.5:
            opening += w.say("opening_secretary")
        opening += w.say("announce_progress" if self.kind == "阶段性进展情况通报" else "announce_notice")
        return data, opening

    def rectification(self) -> dict[str, Any]:
        rng, w, org = self.rng, self.w, self.org
        w.use(_DOMAINS[org.domain])
        progress = self.kind == "阶段性进展情况通报"
        inspection, opening = self.inspection()
        deadline_day = self.published + dt.timedelta(days=rng.randint(30, 200))
        w.set("deadline_month", f"{deadline_day.year}年{deadline_day.month}月底")
        if progress:
            mode = rng.choices(("plain", "status"), (60, 40))[0]
            titled = rng.random() < 0.25
        else:
            mode = rng.choices(("items", "status", "plain"), (45, 35, 20))[0]
            titled = rng.random() < (0.85 if mode == "items" else 0.6)
        categories = self.categories(mode, titled)
        declared = self.declared(categories, mode) if rng.random() < (0.95 if progress else 0.7) else None

        org_subsections = [{"heading": h, "paragraphs": [self.paragraph("org_s", 3, 6)]}
                           for h in w.several("org_heading", rng.randint(3, 4))]
        rect: dict[str, Any] = {"heading": w.say("rect_heading")}
        intro = w.say("rect_intro") + (self.totals_sentence(declared) if declared else "")
        if declared or rng.random() < 0.5:
            rect["paragraphs"] = [intro]
        rect["categories"] = categories
        next_points = [{"title": t, "text": self.paragraph("next_s", 2, 3)}
                       for t in w.several("next_title", rng.randint(3, 5))]
        data: dict[str, Any] = {
            "kind": self.kind,
            "title": self.notice_title(inspection["body"]),
            "metadata": self.metadata_for_notice(),
            "inspection": inspection,
        }
        if mode == "items" and rng.random() < 0.6:
            data["numbering"] = "continuous"
        data["opening"] = [opening]
        data["sections"] = [
            {"heading": w.say("org_section_heading"), "paragraphs": [w.say("org_intro")],
             "sections": org_subsections},
            rect,
            {"heading": w.say("next_heading"), "role": "next_steps", "paragraphs": [w.say("next_intro")],
             "points": next_points},
        ]
        if declared:
            data["declared"] = declared
        if rng.random() < 0.92:
            data["contact"] = self.contact()
        if rng.random() < 0.9:
            data["signature"] = self.signature()
        return data

    def notice_title(self, body: str) -> str:
        org, kind = self.org, self.party_kind = self.org, self.org.party_kind
        if self.kind == "阶段性进展情况通报":
            return self.rng.choice((
                f"{org.short}{kind}关于巡察整改重点工作阶段性进展情况的通报",
                f"中共{org.name}{kind}关于巡察整改阶段性进展情况的通报",
                f"{org.local}{kind}关于{body}巡察反馈意见整改阶段性进展情况的通报",
            ))
        return self.rng.choice((
            f"中共{org.name}{kind}关于巡察整改情况的通报",
            f"中共{org.name}{kind}关于巡察整改情况的通报",
            f"{org.local}{kind}关于{body}巡察反馈意见整改落实情况的通报",
            f"关于{body}巡察{org.short}{kind}反馈意见整改情况的通报",
        ))

    def metadata_for_notice(self) -> dict[str, Any]:
        rng = self.rng
        words = rng.choice(([], [], ["巡察", "整改", "通报"], ["巡察整改"], ["党务公开", "巡察整改"]))
        meta = self.metadata(rng.choice(("", "巡察整改", "党务公开", "纪检监察")), words)
        if self.org.city.source and rng.random() < 0.4:
            meta["source"] = self.org.city.source
        return meta

    def declared(self, categories: list[dict[str, Any]], mode: str) -> dict[str, Any]:
        rng = self.rng
        problems = [p for c in categories for p in c["problems"]]
        findings = [f for p in problems for f in (p.get("items") or [p])]
        measures = sum(len(f["measures"]) for f in findings)
        declared: dict[str, Any] = {"categories": len(categories), "problems": len(problems)}
        if mode == "items":
            declared["tasks"] = len(findings)
        if mode == "plain" and rng.random() < 0.5:
            declared["tasks"] = len(findings) + rng.randint(len(problems), 3 * len(problems))
        if rng.random() < 0.7:
            # Ledgers count finer measures than the notice lists (seed 001: 113 declared, 65 listed).
            declared["measures"] = measures if rng.random() < 0.5 else measures + rng.randint(1, measures)
        if mode == "plain":
            done = rng.randint(declared.get("measures", measures) // 2, declared.get("measures", measures))
            declared["completed"] = done
            declared["basically_completed"] = declared.get("measures", measures) - done
        else:
            statuses = [f.get("status") for f in findings]
            declared["completed"] = statuses.count("已完成")
            if "基本完成" in statuses:
                declared["basically_completed"] = statuses.count("基本完成")
        if rng.random() < 0.45:
            declared["rules_made"] = rng.randint(3, 30)
            if rng.random() < 0.7:
                declared["money_returned"] = self.w.money()
            if rng.random() < 0.6:
                declared["people_disciplined"] = rng.randint(1, 12)
        if rng.random() < 0.2:
            # Real notices do not always add up (seed 001 declares 24 problems and lists 20).
            key = rng.choice(("problems", "problems", "categories", "tasks", "completed"))
            if key in declared:
                declared[key] += rng.randint(1, 4)
        return declared

    def totals_sentence(self, d: dict[str, Any]) -> str:
        text = f"目前,{d['categories']}个方面{d['problems']}个{self.rng.choice(('', '主要'))}问题"
        if "tasks" in d:
            text += f"{d['tasks']}个问题表现"
        text += "已全面启动整改"
        if "measures" in d:
            text += f",{d['measures']}条措施进展顺利"
        text += f",已完成{d['completed']}项"
        if d.get("basically_completed"):
            text += f",基本完成{d['basically_completed']}项"
        text += "。"
        if "rules_made" in d:
            parts = [f"建立和完善制度{d['rules_made']}项"]
            if "money_returned" in d:
                parts.append(f"责令退回资金共{d['money_returned']}元")
            if "people_disciplined" in d:
                parts.append(f"批评教育{d['people_disciplined']}人次")
            text += "整改期间," + ",".join(parts) + "。"
        return text

    # Government information-disclosure pages

    def disclosure(self) -> dict[str, Any]:
        rng, w, org, year = self.rng, self.w, self.org, self.year
        w.use(_DOMAINS[org.domain])
        title = rng.choice((f"{org.local}{year}年工作亮点及{year + 1}年工作思路",
                            f"{org.name}{year}年工作总结和{year + 1}年工作计划",
                            f"{org.local}关于{year}年工作总结及{year + 1}年工作安排的报告",
                            f"{org.name}{year}年度工作情况报告"))
        words = rng.choice(([], [], ["工作总结", "工作计划"], ["年度报告"], [w.say("task").strip("“”"), "工作总结"]))
        metadata = self.metadata(rng.choice(("", "工作总结", "计划总结", "规划计划", "工作动态")), words)
        if rng.random() < 0.3:
            abbreviation = (org.district or org.city.name)[0]
            metadata["doc_no"] = f"{abbreviation}{org.unit_char}〔{self.signed.year}〕{rng.randint(1, 150)}号"
        highlights = [self.work_section(h, "work_s") for h in w.several("work_heading", rng.randint(4, 6))]
        weaknesses = [{"heading": h, "paragraphs": [self.paragraph("weak_s", 3, 4)]}
                      for h in w.several("weak_heading", rng.randint(2, 3))]
        plans = [self.work_section(h, "plan_s") for h in w.several("plan_heading", rng.randint(3, 4))]
        plan: dict[str, Any] = {"heading": rng.choice((f"{year + 1}年工作思路与举措", f"{year + 1}年工作计划",
                                                        f"{year + 1}年工作安排"))}
        if rng.random() < 0.5:
            plan["role"] = "next_steps"
        plan.update(paragraphs=[w.say("plan_intro")], sections=plans)
        data: dict[str, Any] = {
            "kind": self.kind,
            "title": title,
            "metadata": metadata,
            "opening": [w.say("d_opening")],
            "sections": [
                {"heading": rng.choice((f"{year}年工作亮点", f"{year}年主要工作成效", f"{year}年工作开展情况")),
                 "sections": highlights},
                {"heading": rng.choice(("存在的问题与挑战", "存在的困难和不足")), "paragraphs": [w.say("weak_intro")],
                 "sections": weaknesses},
                plan,
            ],
        }
        if rng.random() < 0.2:
            data["contact"] = self.contact()
        if rng.random() < 0.3:
            data["signature"] = {"organisation": org.name, "date": self.signed}
        return data

    def work_section(self, heading: str, symbol: str) -> dict[str, Any]:
        rng, w = self.rng, self.w
        titles = w.several("point_title", rng.randint(3, 5))
        texts = [self.paragraph(symbol, 3, 5) for _ in titles]
        if rng.random() < 0.5:
            return {"heading": heading, "points": [{"title": t, "text": x} for t, x in zip(titles, texts)]}
        # As on many pages (seed 002), the 一是…二是… run on inside one paragraph.
        run_on = "".join(f"{point_label(i)}{t}{x}" for i, (t, x) in enumerate(zip(titles, texts), 1))
        return {"heading": heading, "paragraphs": [run_on]}


# YAML in the hand-written form -------------------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")


def dump_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML as staff write it: lists indented under their key, text unquoted where YAML allows."""
    lines: list[str] = []
    _mapping(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first: str | None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        lead = first if i == 0 and first is not None else pad
        if isinstance(value, dict) and value:
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines, None)
        elif isinstance(value, list) and value:
            lines.append(f"{lead}{key}:")
            _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, lines, pad + "- ")
        else:
            lines.append(f"{pad}- {_scalar(item)}")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    text = str(value)
    if _plain_ok(text):
        return text
    if "'" not in text and text.isprintable():
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    """Whether `text` reads back as the same string when written without quotes."""
    if not text or text[0] in _INDICATORS or text != text.strip() or text[-1] == ":":
        return False
    if ": " in text or " #" in text or not text.isprintable():
        return False
    # Text starting with a CJK character can never be read as a number, date or boolean.
    return ord(text[0]) > 127 or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
