"""The phrase grammar: word banks compiled once, and the writer that expands their symbols."""

from __future__ import annotations

import datetime as dt
import random
import re
from functools import lru_cache
from typing import Any

from .organisations import person_name
from .vocab import load_vocab

_SLOT = re.compile(r"\{(\w+)\}")
# Sentences a document would not say twice: each draw takes its alternative out of the bank.
_ONCE = frozenset({
    "fix", "org_s", "next_s", "work_s", "work_s_more", "plan_s", "weak_s", "m_title", "next_title", "point_title",
    "law_s", "m_tail", "now_state", "ledger_effect", "law_effect", "check_result", "train_effect", "meet_effect",
    "duty_tail", "goal",
})
_STUTTERS = ("工作工作", "管理管理")

Bank = dict[str, tuple[Any, ...]]


@lru_cache(maxsize=1)
def grammar() -> Bank:
    """The shared grammar of `vocab/grammar.yml`, compiled."""
    return _compile(load_vocab("grammar"))


@lru_cache(maxsize=1)
def themes() -> dict[str, Bank]:
    """The category themes of `vocab/themes.yml`, each compiled."""
    return {name: _compile(bank) for name, bank in load_vocab("themes").items()}


@lru_cache(maxsize=1)
def domains() -> dict[str, Bank]:
    """The business vocabulary of `vocab/domains.yml` by domain, each compiled."""
    return {name: _compile(bank) for name, bank in load_vocab("domains").items()}


def _compile(bank: dict[str, tuple[str, ...]]) -> Bank:
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


class Writer:
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
            "person": lambda: person_name(self.rng)[0],
            "date": lambda: self.date_text(self.date()),
            "month": lambda: f"{self.date():%Y}年{self.date().month}月",
            "since": self.since,
            "period": self.period,
            "aspects2": lambda: "、".join(self.several("aspect", 2)),
            "aspects3": lambda: "、".join(self.several("aspect", 3)),
            "aspect_pair": lambda: "和".join(self.several("aspect", 2)),
        }
        # What is left of each bank of _ONCE.
        self.left: dict[int, list] = {}
        self.use()

    def use(self, *banks: dict) -> None:
        """Look symbols up in `banks` first (a category theme, the organisation's domain), then the grammar."""
        table: dict[str, Any] = dict(grammar())
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
