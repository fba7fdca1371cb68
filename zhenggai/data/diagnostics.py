"""Diagnostics: what the loader reports about the data, and what each level means.

Levels, in one place:

- ERROR   — the data is wrong or unreadable. A file with an error is left out of the
            collection, `zhenggai validate` exits 1 and the build refuses to publish.
- WARNING — the data is readable but suspicious, e.g. the totals a notice declares do
            not match what it lists (real notices are not always consistent). Printed,
            never blocks publishing.

Every diagnostic names the file, the line (1-based) and the dotted field
(`sections.1.categories.0.problems.3.title`) when they are known, and says the cause
in plain Chinese: staff read these, not programmers. The dotted field counts from 0, as
tools do; the printed line also says where that is in the reader's terms, counting from
one: （第二章 第一个方面 第四个问题）. It also carries a stable `code`
(`date.invalid`, `totals.mismatch`): tests and tools match codes, people read the sentence.
`explain` turns pydantic's errors into such words (yaml_errors.py does PyYAML's); no repr or
library jargon gets through.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..model import Document, shorthand_models
from ..numbering import chinese_numeral
from .table import read_table


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


WARNING_PREFIX = "警告："


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one file: `data/x.yml:42: inspection.feedback: “2019-02-30” 不是有效的日期`."""

    level: Level
    path: Path
    line: int | None
    field: str | None
    message: str
    code: str = "error"

    def __str__(self) -> str:
        prefix = WARNING_PREFIX if self.level is Level.WARNING else ""
        where = f"{shown_path(self.path)}:{self.line}" if self.line else shown_path(self.path)
        field = f" {self.field}:" if self.field else ""
        place = place_in_words(self.field) if self.field else ""
        return f"{prefix}{where}:{field} {self.message}{f'（{place}）' if place else ''}"

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


def place_in_words(field: str) -> str:
    """Where a dotted field is, counted as a reader counts: `sections.1.categories.0.problems.2`
    → `第二章 第一个方面 第三个问题` (wording in tables/places.yml); "" when it names no list entry."""
    wording = read_table("places")
    words: list[str] = []
    levels: dict[str, int] = {}
    parts = field.split(".")
    for key, index in zip(parts, parts[1:]):
        if key not in wording or not index.isdigit():
            continue
        family = "points" if key == "measures" else key  # a measure's points are its sub-points
        level = levels.get(family, 0)
        levels[family] = level + 1
        forms = wording[key]
        words.append(forms[min(level, len(forms) - 1)].format(n=chinese_numeral(int(index) + 1)))
    return " ".join(words)


def shown_path(path: Path) -> str:
    """The path as staff typed it: relative to the working directory when it lies below it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def error(path: Path, message: str, line: int | None = None, field: str | None = None, *, code: str) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(Level.ERROR, path, line, field, message, code)


def warning(path: Path, message: str, line: int | None = None, field: str | None = None, *, code: str) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(Level.WARNING, path, line, field, message, code)


def summarize(files: int, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> str:
    """The closing line of a validation run: `3 个文件,1 个错误,2 个警告`."""
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{files} 个文件，{errors} 个错误，{warnings} 个警告"


# pydantic's error types → our codes; a type not listed becomes `value.invalid`.
_CODES = {
    "missing": "field.missing",
    "extra_forbidden": "key.unknown",
    "value_error": "value.invalid",
    "assertion_error": "value.invalid",
    "string_pattern_mismatch": "value.format",
    "enum": "value.choice",
    "string_too_short": "value.empty",
    "too_short": "list.too_short",
    "string_type": "type.text",
    "tuple_type": "type.list",
    "list_type": "type.list",
    "int_parsing": "type.integer",
    "int_type": "type.integer",
    "int_from_float": "type.integer",
    "greater_than_equal": "value.range",
    "bool_parsing": "type.bool",
    "bool_type": "type.bool",
    "model_type": "type.mapping",
    "dict_type": "type.mapping",
    "model_attributes_type": "type.mapping",
}


def code_of(err: ErrorDetails) -> str:
    """The stable code of one pydantic validation error (`date.invalid`, `field.missing`…)."""
    kind = err["type"]
    if "." in kind:  # a rule of the model (model.rule), which names its own code
        return kind
    if err.get("input") is None and (kind.endswith("_type") or kind == "enum"):
        return "value.empty"
    if kind.startswith("date"):
        return "date.invalid"
    return _CODES.get(kind, "value.invalid")


def explain(err: ErrorDetails, root: type[BaseModel] = Document) -> str:
    """The plain-Chinese cause of one pydantic validation error in a file of `root`s."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    loc = tuple(err["loc"])
    if "." in kind:  # a rule of the model (model.rule): its message is already for staff
        return err["msg"]
    if kind == "missing":
        title = _field_title(loc, root)
        return f"缺少必填项（{title}）" if title else "缺少必填项"
    if value is None and (kind.endswith("_type") or kind == "enum"):
        return "不能为空"
    if kind == "extra_forbidden":
        return _unknown_key(loc, root)
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "")) or "取值无效"
    if kind == "string_pattern_mismatch":
        return _pattern_message(loc, value)
    if kind == "enum":
        allowed = "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"{_show(value)} 不是可选的值，可选：{allowed}"
    if kind.startswith("date"):
        return _date_message(kind, value)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        text_ok = ctx.get("class_name") in _TEXT_SHORTHAND
        message = f"应为{'文字或' if text_ok else ''}一组键值（key: value），而不是{_kind(value)}"
        no_space = re.match(r"([A-Za-z_]\w*):(\S.*)", value) if isinstance(value, str) else None
        if no_space:  # `metadata:` then `published:2021-05-12` reads as one text
            key, rest = no_space.groups()
            return f"{message}“{value}”：“{key}:”后面缺少空格，应写成“{key}: {rest}”"
        return message
    message = _SIMPLE.get(kind)
    if message is None:
        return "取值无效"
    return message.format(value=_show(value), kind=_kind(value), **ctx)


# Models that also accept a plain value (declared on the models themselves).
_TEXT_SHORTHAND = frozenset(shorthand_models())

_SIMPLE = {
    "string_type": "应为文字，而不是{kind}",
    "string_too_short": "不能为空",
    "too_short": "至少需要 {min_length} 项",
    "tuple_type": "应为列表（每项一行，以“- ”开头），而不是{kind}",
    "list_type": "应为列表（每项一行，以“- ”开头），而不是{kind}",
    "int_parsing": "{value} 不是整数，请写阿拉伯数字，如 24",
    "int_type": "应为整数，而不是{kind}",
    "int_from_float": "{value} 不是整数",
    "greater_than_equal": "不能小于 {ge}",
    "bool_parsing": "{value} 应为 true 或 false",
    "bool_type": "应为 true 或 false，而不是{kind}",
}

# Keyed by field name, which says more than the regular expression it must match.
_PATTERN_MESSAGES = {
    "number": "{value} 不是有效的电话号码，应写成 0755-88127289、88127289、13812345678 或 12345 这样的形式",
    "email": "{value} 不是有效的电子邮箱地址，应写成 name@example.com 这样的形式",
    "postcode": "{value} 不是有效的邮政编码，应为 6 位数字，如 518000",
    "area_code": "{value} 不是有效的区号，应为 0 开头的 3 到 4 位数字，如 0755",
    "url": "{value} 不是有效的网址，应以 http:// 或 https:// 开头，且不含空格",
    "id": "{value} 不能用作编号：只能用小写字母、数字、“-”和“_”，且以字母或数字开头",
}


def _pattern_message(loc: tuple, value: Any) -> str:
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return _PATTERN_MESSAGES.get(name, "{value} 的格式不对").format(value=_show(value))


def _date_message(kind: str, value: Any) -> str:
    if kind == "date_from_datetime_inexact" and isinstance(value, str):
        return f"{_show(value)} 应只写日期，不带时间，如 2019-03-18"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"{_show(value)} 不是有效的日期"  # well-formed, but no such day
    return f"{_show(value)} 不是有效的日期，请写成 2019-03-18 这样的形式"


def _unknown_key(loc: tuple, root: type[BaseModel] = Document) -> str:
    allowed = [name for name in fields_at(loc[:-1], root) if name != "id"]
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return f"未知的键，请检查拼写（是否应为 {close[0]}？）"
    sibling = _sibling_above(loc, root)
    if sibling:
        return f"{loc[-1]} 不是 {loc[-2]} 下的键，而是与 {sibling} 同一层的键：这一行多缩进了，请与 {sibling} 左对齐"
    if allowed:
        return f"未知的键，请检查拼写；这里可用的键：{'、'.join(allowed)}"
    return "未知的键，请检查拼写"


def _sibling_above(loc: tuple, root: type[BaseModel] = Document) -> str | None:
    """The key, above the unknown key's parent, whose level has that key (a stray indent
    that moved `opening:` under `metadata:`), or None."""
    for end in range(len(loc) - 2, -1, -1):
        if isinstance(loc[end], str) and loc[-1] in fields_at(loc[:end], root) and loc[-1] != "id":
            return loc[end]
    return None


def fields_at(loc: tuple, root: type[BaseModel] = Document) -> dict[str, FieldInfo]:
    """The fields of the model found at `loc` inside a `root` (list positions skipped), or {}
    if there is none."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return {}
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = _model_in(info.annotation) if info else None
    return dict(model.model_fields) if model else {}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _field_title(loc: tuple, root: type[BaseModel] = Document) -> str | None:
    if not loc or not isinstance(loc[-1], str):
        return None
    info = fields_at(loc[:-1], root).get(loc[-1])
    return info.title if info else None


def _show(value: Any) -> str:
    """A value as staff typed it, quoted; never a Python repr."""
    if isinstance(value, bool):
        return "“true”" if value else "“false”"
    if isinstance(value, str | int | float | dt.date):
        text = str(value)
        return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"
    return _kind(value)


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, dict):
        return "一组键值"
    if isinstance(value, list | tuple):
        return "列表"
    return "其他类型的值"
