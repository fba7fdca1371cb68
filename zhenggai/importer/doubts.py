"""What the import guessed or could not find: a doubt travels with the value it is about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, eq=False)
class Doubt:
    """请核对 / 请填写 — one thing a member of staff must look at in the draft, and why.

    `about` is the draft value (a dict of the draft) the doubt is about, `key` one of its
    fields; or `path` names a fixed place (("metadata", "published")). Its line in the YAML
    is found when the draft is written. `line` is the source's line it came from.
    """

    message: str
    line: int | None = None
    about: Any = None
    key: str | None = None
    path: tuple = ()
    fill: bool = False  # nothing was found: fill it in (else: a guess to check)
    structural: bool = False  # about which part of the notice is a problem, a measure…: exit 1
    code: str = ""  # its entry in zhenggai/errors.yml (every Doubt names one: tests/unit/test_errors.py)

    def at(self) -> str:
        """The message with its source line, as the draft's comment and the report say it."""
        return f"{self.message}（原文第 {self.line} 行）" if self.line else self.message
