"""The last phase: the draft as YAML with its marks, and the report a member of staff reads.

Every doubt becomes a `# 请核对:` (a guess to check) or `# 请填写:` (not in the text) comment
above the line it is about, with the source line it came from. The report's first line says
how far the structure can be trusted; a draft whose structure is doubtful is not complete.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import load_file
from ..data.diagnostics import Diagnostic, place_in_words
from ..data.source import parse
from .doubts import Doubt
from .lines import Prepared
from .sources import Line
from ..yamlfile import dump_yaml

TITLE_PLACEHOLDER = "【请填写标题】"
WARNED = "import.draft_warning"  # the code of a mark standing for a warning of validate (warning_doubts)
LEGEND = ("草稿中以“# 请核对”开头的注释是导入时推测的内容，以“# 请填写”开头的是原文中没有、需要补上的内容；"
          "核对或补好后删去注释即可（说明见 data/README.md 的“从已发布的通报导入”）。")


@dataclass
class Draft:
    """导入草稿 — the draft of one notice and what the staff member must look at."""

    source: Path
    data: dict[str, Any]
    text: str  # the YAML, comments included
    read_chars: int
    placed_chars: int
    unplaced: list[Line]
    doubts: tuple[Doubt, ...]
    prepared: Prepared | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    @property
    def check(self) -> dict[tuple, str]:
        """Guesses to check, by the draft path they are about."""
        return {_key(d, i): d.at() for i, d in enumerate(self.doubts) if not d.fill}

    @property
    def fill(self) -> dict[tuple, str]:
        """What the text did not give, by draft path."""
        return {_key(d, i): d.at() for i, d in enumerate(self.doubts) if d.fill}

    @property
    def structural(self) -> list[Doubt]:
        """Doubts about which part of the notice is what: the draft's structure needs a look."""
        return [d for d in self.doubts if d.structural]

    @property
    def complete(self) -> bool:
        """Valid without a warning, with nothing left to fill in, and with a structure nothing
        casts doubt on."""
        return not self.fill and not self.structural and not self.diagnostics

    def report(self, draft_name: str) -> str:
        """The short report printed after an import, in Chinese."""
        structural = self.structural
        if structural:
            lines = [f"有 {len(structural)} 处结构需要核对（哪些是问题、哪些是整改措施），已在草稿中标为“# 请核对”："]
            lines += _listed(structural)
        else:
            lines = ["结构可信：没有发现问题标题含整改措施、编号跳号、方面下没有问题或声明数目对不上的情况。"]
        share = 100 * self.placed_chars / self.read_chars if self.read_chars else 100.0
        lines.append(f"已读取 {self.source.name}：正文 {self.read_chars} 字，放入草稿 {self.placed_chars} 字（{share:.1f}%）。")
        lines += _changes(self.prepared)
        if self.unplaced:
            lines.append(f"未能放入草稿的内容 {len(self.unplaced)} 处（请手工放到合适的位置）：")
            lines += [f"  第 {line.number} 行：“{_short(line.text)}”" for line in self.unplaced]
        checks = [d for d in self.doubts if not d.fill and not d.structural and d.code != WARNED]
        if checks:
            lines.append(f"推测的内容 {len(checks)} 处，已在草稿中标为“# 请核对”：")
            lines += _listed(checks)
        fills = [d for d in self.doubts if d.fill]
        if fills:
            lines.append(f"需要填写的内容 {len(fills)} 处：")
            lines += _listed(fills)
        errors = [d for d in self.diagnostics if d.is_error]
        if errors:
            lines.append(f"草稿暂未通过校验（{len(errors)} 个错误）：")
            lines += [f"  {d.field + ' ' if d.field else ''}{d.message}" for d in errors[:20]]
        warnings = [d for d in self.diagnostics if not d.is_error]
        if warnings:
            lines.append(f"校验警告 {len(warnings)} 个（指明位置的已在草稿中标为“# 请核对”，说明见 zhenggai validate --explain 代码）：")
            lines += [f"  {_place(d)}{d.message}（{d.code}）" for d in warnings[:20]]
        if self.doubts:
            lines.append(LEGEND)
        if self.complete:
            verdict = "草稿已通过校验。"
        elif warnings and not errors and not fills and not structural:
            verdict = f"草稿通过校验，但有 {len(warnings)} 个警告，请核对后运行 make validate。"
        else:
            verdict = "请按上面的提示修改草稿后运行 make validate。"
        lines.append(f"草稿：{draft_name}。{verdict}")
        return "\n".join(lines)


def warning_doubts(diagnostics) -> list[Doubt]:
    """A mark in the draft at each place validate warns about (the draft path from its field)."""
    return [Doubt(f"校验警告：{d.message}", path=_field_path(d.field), code="import.draft_warning")
            for d in diagnostics if not d.is_error]


def _field_path(field: str | None) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in field.split(".")) if field else ()


def _place(diagnostic: Diagnostic) -> str:
    place = place_in_words(diagnostic.field) if diagnostic.field else ""
    return f"{place}：" if place else ""


def _listed(doubts) -> list[str]:
    """One report line per distinct doubt, in order, with how many places it marks when several
    (the draft still marks each place)."""
    counts: dict[str, int] = {}
    for doubt in doubts:
        counts[doubt.at()] = counts.get(doubt.at(), 0) + 1
    return [f"  {text}" + (f"（共 {n} 处）" if n > 1 else "") for text, n in counts.items()]


def _key(doubt: Doubt, index: int) -> tuple:
    return doubt.path or ("#", index, doubt.key or "")


def _changes(prepared: Prepared | None) -> list[str]:
    if prepared is None:
        return []
    out = []
    if prepared.widened:
        out.append(f"已把中文之间的 {prepared.widened} 个半角标点（逗号、冒号、分号、括号、引号、句号等）改为全角。")
    if prepared.radicals:
        out.append(f"已把 {prepared.radicals} 个部首字符（从 PDF 复制时常见，如“⼀”“⼯”）改为对应的汉字（“一”“工”）。")
    if prepared.glosses:
        out.append(f"已删去 {prepared.glosses} 处夹在文字中的拼音注音（转载网站加入的）。")
    if prepared.spaces:
        out.append(f"已删去编号、日期和句子中的 {prepared.spaces} 个多余空格（如“（ 一 ）”“2023年 3月”“市委 第二巡察组”）。")
    if prepared.page_numbers:
        numbers = "、".join(str(n) for n in prepared.page_numbers[:10])
        out.append(f"第 {numbers} 行只是页码（如“— 3 —”），已略去。")
    if prepared.page_lines:
        numbers = "、".join(str(n) for n in prepared.page_lines[:10])
        out.append(f"第 {numbers} 行是网页或 PDF 加在正文中的内容（每页顶端重复的标题、▲开头的图片说明），已略去。")
    if prepared.look_alikes:
        out.append(f"已把 {prepared.look_alikes} 处形近误写的编号改正（“—是”改为“一是”，“l.”改为“1.”）。")
    if prepared.decorations:
        out.append(f"已删去 {prepared.decorations} 个标题或编号前的表情符号（如“📌”“✅”）。")
    if prepared.markup:
        out.append(f"已把 {prepared.markup} 处网页源码或 Markdown 的痕迹（如“&ldquo;”“###”“**”）还原为文字，"
                   "删去了行首的列表符号（如“-”“——”“A.”）。")
    if prepared.references:
        out.append(f"已把问题标题中 {prepared.references} 处对反馈意见或问题清单条目的引用（如“（反馈意见第5条）”）略去，"
                   "草稿按问题的顺序记录。")
    if prepared.joined_lines:
        numbers = "、".join(str(n) for n in prepared.joined_lines[:10])
        out.append(f"第 {numbers} 行在原文中断成两行（在句子中间换行），已与下一行合成一行。")
    if prepared.split_lines:
        numbers = "、".join(str(n) for n in prepared.split_lines[:10])
        out.append(f"第 {numbers} 行原文把多个标题和段落挤在一行，已按编号分开。")
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "……"


_ONE_LINE = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")  # what ends a line for a YAML reader or str.splitlines


def to_yaml(data: dict[str, Any], doubts: tuple[Doubt, ...] | list[Doubt]) -> str:
    """The draft as YAML, with `# 请核对:` / `# 请填写:` above the lines they are about."""
    text = dump_yaml(_plain(data))
    parsed = parse(text, Path("draft.yml"), [])
    lines = parsed[1] if parsed else {}
    places = _places(data)
    comments: dict[int, list[str]] = {}
    for doubt in doubts:
        path = _path_of(doubt, places)
        line = next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), 1)
        word = "请填写" if doubt.fill else "请核对"
        note = _ONE_LINE.sub(" ", f"# {word}: {doubt.at()}")  # a quoted Shift+Enter would end the comment
        if note not in comments.setdefault(line, []):
            comments[line].append(note)
    out = ["# 由 zhenggai import 生成的草稿：请核对标有“请核对”“请填写”的各行，然后运行 make validate。"]
    for number, line in enumerate(text.splitlines(), 1):
        indent = re.match(r"^\s*(?:- )?", line).group(0).replace("-", " ")
        out += [indent + c for c in comments.get(number, [])]
        out.append(line)
    return "\n".join(out) + "\n"


def _path_of(doubt: Doubt, places: dict[int, tuple]) -> tuple:
    if doubt.about is not None and id(doubt.about) in places:
        path = places[id(doubt.about)]
        key = doubt.key
        return path + (key,) if key and isinstance(doubt.about, dict) and key in doubt.about else path
    return tuple(doubt.path)


def _places(value: Any, path: tuple = ()) -> dict[int, tuple]:
    """The draft path of every dict and list inside the data, by identity."""
    found: dict[int, tuple] = {id(value): path} if isinstance(value, (dict, list)) else {}
    if isinstance(value, dict):
        for key, child in value.items():
            found.update(_places(child, path + (key,)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.update(_places(child, path + (index,)))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        if list(value) == ["text"] and isinstance(value["text"], str):
            return value["text"]  # a point with text only is written as its text, as staff write it
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def validate_draft(text: str, stem: str) -> tuple[Diagnostic, ...]:
    """The draft checked by the one validator the build uses."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{_safe_id(stem)}.yml"
        path.write_text(text, encoding="utf-8")
        _, diagnostics = load_file(path)
    return diagnostics


def _safe_id(stem: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-") or "draft"
