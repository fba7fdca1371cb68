"""The organisations that publish and are inspected, and the names of the people in them."""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from functools import lru_cache

from .vocab import load_vocab

UNIVERSE_SIZE = 400


@dataclass(frozen=True)
class City:
    """A city whose organisations publish (`vocab/places.yml`)."""

    province: str
    name: str
    ascii: str
    area_code: str
    postcode: str
    region: str
    districts: tuple[tuple[str, str], ...]  # (name, ascii)
    source: str
    weight: int


@dataclass(frozen=True)
class Bureau:
    """A kind of organisation set up in every city and district (`vocab/organisations.yml`)."""

    name: str
    ascii: str
    domain: str
    unit_char: str
    party_kind: str
    weight: int
    short: str = ""  # when the short name is not the name itself


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


@lru_cache(maxsize=1)
def cities() -> tuple[City, ...]:
    """Every city of `vocab/places.yml`, in its order."""
    return tuple(City(**{**entry, "districts": tuple(entry["districts"].items())})
                 for entry in load_vocab("places")["cities"])


@lru_cache(maxsize=1)
def bureaus() -> tuple[Bureau, ...]:
    """Every kind of organisation of `vocab/organisations.yml`, in its order."""
    return tuple(Bureau(**entry) for entry in load_vocab("organisations")["bureaus"])


@lru_cache(maxsize=4)
def universe(seed: int) -> tuple[tuple[Org, ...], tuple[float, ...]]:
    """A few hundred organisations drawn from the seed alone, with how often each publishes."""
    rng = random.Random(f"zhenggai-orgs:{seed}")
    city_weights = [c.weight for c in cities()]
    bureau_weights = [b.weight for b in bureaus()]
    orgs: dict[str, Org] = {}
    while len(orgs) < UNIVERSE_SIZE:
        city = rng.choices(cities(), city_weights)[0]
        bureau = rng.choices(bureaus(), bureau_weights)[0]
        district = rng.choice(city.districts) if city.districts and rng.random() < 0.7 else None
        org = make_org(rng, city, district, bureau)
        orgs.setdefault(org.name, org)
    ordered = tuple(orgs.values())
    # A few publish a lot, most now and then (Zipf-like), as on real sites.
    weights = itertools.accumulate(1 / (rank + 8) for rank in range(len(ordered)))
    return ordered, tuple(weights)


def draw_org(seed: int, rng: random.Random) -> Org:
    """The publisher of a document: the first draw of the document's own generator `rng`."""
    orgs, cumulative = universe(seed)
    return orgs[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def make_org(rng: random.Random, city: City, district: tuple[str, str] | None, bureau: Bureau) -> Org:
    """The `bureau` of `city` (or of one of its districts), with its codes, address and ways of naming it."""
    name, short_name = bureau.name, bureau.short or bureau.name
    if district:
        dname, dascii = district
        level = dname[-1] if dname[-1] in "区县市" else "区"
        full, local, short = f"{city.name}{dname}{name}", f"{dname}{name}", f"{level}{short_name}"
        email_domain = f"{city.ascii}{dascii}.gov.cn"
        code_region = f"{city.region}{rng.randint(2, 30):02d}"
        slug = f"{city.ascii}-{dascii}-{bureau.ascii}"
    else:
        dname = ""
        full = local = f"{city.name}{name}"
        short = f"市{short_name}"
        email_domain = f"{city.ascii}.gov.cn"
        code_region = f"{city.region}00"
        slug = f"{city.ascii}-{bureau.ascii}"
    code = "11" + code_region + "".join(rng.choice("0123456789") for _ in range(9)) + rng.choice("0123456789X")
    places = load_vocab("places")
    building = rng.choice(places["buildings"])
    building = f"{rng.choice('东南西北中')}座" if building == "大厦" else building
    room = f"{rng.randint(1, 20)}{rng.randint(1, 30):02d}室"
    address = f"{city.name}{dname}{rng.choice(places['roads'])}{rng.randint(1, 300)}号{building}{room}"
    postcode = city.postcode[:3] + f"{rng.randint(0, 199):03d}"
    publisher = local if district and rng.random() < 0.5 else full
    return Org(full, local, short, publisher, city, dname, slug, bureau.domain, bureau.unit_char,
               bureau.party_kind, code, email_domain, address, postcode)


def person_name(rng: random.Random) -> tuple[str, str]:
    """A person's name and its pinyin: common surnames more often, given names mostly rare."""
    surnames, given_chars = _names()
    surname = surnames[min(int(rng.expovariate(1 / 25)), len(surnames) - 1)]
    given = [rng.choice(given_chars) for _ in range(1 if rng.random() < 0.25 else 2)]
    return surname[0] + "".join(g[0] for g in given), surname[1] + "".join(g[1] for g in given)


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(character, pinyin) of each surname and given-name character of `vocab/names.yml`."""
    names = load_vocab("names")
    return tuple((w[0], w[1:]) for w in names["surnames"]), tuple((w[0], w[1:]) for w in names["given"])
