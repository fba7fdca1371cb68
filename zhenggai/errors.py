"""The error family: the one base of every staff-facing exception, and the one catalogue of codes.

Every diagnostic (`data/diagnostics.py`) and every exception staff may see carries a stable
code (`date.invalid`, `cluster.unreachable`): tests and tools match codes, people read the
sentence. `errors.yml` beside this module lists each code once, with its level and what it
means and how to fix it, in Chinese; `zhenggai validate --explain CODE` prints an entry and
`data/ERRORS.md` is generated from the whole table. tests/unit/test_errors.py holds the
table against the package both ways (every code the package uses is listed, every listed
code is used), so a new code is added by using it and writing its entry here.

This module sits at the bottom of the layers (`.importlinter`), above only `yamlfile`, which reads
its table: every stage may import it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from .yamlfile import package_table

LEVELS = {"error": "错误", "warning": "警告"}
CATALOGUE_FILE = "errors.yml"
CATALOGUE_PAGE = "data/ERRORS.md"  # generated from the catalogue, relative to the project


class ZhenggaiError(Exception):
    """An error staff can act on: `str()` is the Chinese sentence, `code` its entry in errors.yml.

    Each subclass names its code as a class attribute; one that raises under several causes
    sets the instance's own.
    """

    code: str

    def __init__(self, *args: object, code: str | None = None) -> None:
        super().__init__(*args)
        if code is not None:
            self.code = code


class CausedError(ZhenggaiError):
    """A reader's error: a stable code and the Chinese cause, which its caller puts after the file's
    name (the import's readers: Word, pages, pages saved as one file, conversion)."""

    def __init__(self, code: str, cause: str) -> None:
        super().__init__(code, cause)
        self.code, self.cause = code, cause


@dataclass(frozen=True)
class Entry:
    """One code of the catalogue: its level (error or warning), what it means and how to fix it."""

    code: str
    level: str
    meaning: str
    fix: str

    def explained(self) -> str:
        """The entry in words, as `zhenggai validate --explain` prints it."""
        return f"{self.code}（{LEVELS[self.level]}）\n含义：{self.meaning}\n处理：{self.fix}"


@cache
def catalogue() -> dict[str, Entry]:
    """Every code the package can emit, by code, in the catalogue's order (read once per process)."""
    return {code: Entry(code, **fields) for code, fields in package_table(__package__, CATALOGUE_FILE).items()}


def near_codes(code: str) -> list[str]:
    """Codes of the catalogue spelled like `code`, closest first (at most five)."""
    codes = list(catalogue())
    close = difflib.get_close_matches(code, codes, n=5, cutoff=0.6)
    family = code.split(".")[0] + "."
    return close or [c for c in codes if c.startswith(family)][:5]


def catalogue_markdown() -> str:
    """The catalogue as a Markdown page (`data/ERRORS.md`), grouped by the code's first part."""
    lines = [
        "# 错误和警告代码",
        "",
        "<!-- 由 zhenggai/errors.yml 生成，请勿手工修改："
        "改 errors.yml 后运行 `zhenggai validate --explain all > data/ERRORS.md` -->",
        "",
        "校验、构建、导入和归档报告的每个问题都带有一个固定的代码（如 `date.invalid`）。"
        "错误会阻止发布；导入时的错误表示文件无法读取，或草稿要先填写、核对才能使用（import 以 1 退出）。"
        "警告只是提醒核对。"
        "查看一个代码：`zhenggai validate --explain 代码`。",
    ]
    family = None
    for entry in sorted(catalogue().values(), key=lambda e: e.code):
        prefix = entry.code.split(".")[0]
        if prefix != family:
            family = prefix
            lines += ["", f"## {prefix}", "", "| 代码 | 级别 | 含义 | 处理 |", "|---|---|---|---|"]
        cells = (f"`{entry.code}`", LEVELS[entry.level], entry.meaning, entry.fix)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
