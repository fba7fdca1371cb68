"""A notice read into a draft data file: the data, the YAML with its comments, the report."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..data import load_file
from ..data.diagnostics import Diagnostic
from ..data.source import parse
from .body import Body
from .ledger import ledger_problems
from .frame import (
    Notes, contact_start, read_contact, read_inspection, read_metadata, read_signature, read_title, read_totals,
)
from .outline import build_outline
from .sources import Line, Source, read_source

TITLE_PLACEHOLDER = "【请填写标题】"


@dataclass
class Draft:
    """导入草稿 — the draft of one notice and what the staff member must look at."""

    source: Path
    data: dict[str, Any]
    text: str  # the YAML, comments included
    read_chars: int
    placed_chars: int
    unplaced: list[Line]
    check: dict[tuple, str]
    fill: dict[tuple, str]
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    @property
    def complete(self) -> bool:
        """Valid and with nothing left to fill in."""
        return not self.fill and not any(d.is_error for d in self.diagnostics)

    def report(self, draft_name: str) -> str:
        """The short report printed after an import, in Chinese."""
        share = 100 * self.placed_chars / self.read_chars if self.read_chars else 100.0
        lines = [f"已读取 {self.source.name}:正文 {self.read_chars} 字,放入草稿 {self.placed_chars} 字({share:.1f}%)。"]
        if self.unplaced:
            lines.append(f"未能放入草稿的内容 {len(self.unplaced)} 处(请手工放到合适的位置):")
            lines += [f"  第 {line.number} 行:“{_short(line.text)}”" for line in self.unplaced]
        if self.check:
            lines.append(f"推测的内容 {len(self.check)} 处,已在草稿中标为“# 请核对”:")
            lines += [f"  {_where(path)}:{note}" for path, note in self.check.items()]
        if self.fill:
            lines.append(f"需要填写的内容 {len(self.fill)} 处:")
            lines += [f"  {_where(path)}:{note}" for path, note in self.fill.items()]
        errors = [d for d in self.diagnostics if d.is_error]
        if errors:
            lines.append(f"草稿暂未通过校验({len(errors)} 个错误):")
            lines += [f"  {d.field or ''} {d.message}".rstrip() for d in errors[:20]]
        verdict = "草稿已通过校验。" if self.complete else "请按上面的提示修改草稿后运行 make validate。"
        lines.append(f"草稿:{draft_name}。{verdict}")
        return "\n".join(lines)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "……"


def _where(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def import_notice(path: Path) -> Draft:
    """Read the notice at `path` into a draft (raises SourceError when it cannot be read)."""
    source = read_source(Path(path))
    notes = Notes()
    data = _read(source, notes)
    text = to_yaml(data, notes)
    cells = _table_lines(source)
    read = sum(len(line.text) for line in source.lines + [c for _, c in cells])
    unplaced = [line for line in source.lines if line.number not in notes.taken]
    unplaced += [cell for index, cell in cells if index not in notes.taken_tables]
    placed = read - sum(len(line.text) for line in unplaced)
    draft = Draft(Path(path), data, text, read, placed, unplaced, notes.check, notes.fill)
    draft.diagnostics = _validate(text, Path(path).stem)
    return draft


def _table_lines(source: Source) -> list[tuple[int, Line]]:
    """Each non-empty table cell as a line of text (numbered after the line it follows)."""
    out = []
    for index, (after, rows) in enumerate(source.tables, 1):
        number = source.lines[after - 1].number if after else 0
        for row in rows:
            out += [(index, Line(number, cell.strip())) for cell in row if cell.strip()]
    return out


def _read(source: Source, notes: Notes) -> dict[str, Any]:
    lines = source.lines
    frame = read_metadata(lines, source.metadata, notes)
    metadata = frame["metadata"]
    title = read_title(lines, frame["title"], notes)
    rest = [line for line in lines if line.number not in notes.taken]
    signature, tail = read_signature(rest, notes)
    rest = rest[: len(rest) - tail]
    start = contact_start(rest)
    contact = read_contact(rest[start:], notes)
    body_lines = rest[:start] if contact else rest
    root = build_outline(body_lines)
    opening = [line.text for line in root.paragraphs]
    notes.take(*root.paragraphs)
    year = (metadata.get("published") or (signature or {}).get("date") or None)
    body = Body(notes, year.year if year else None)
    sections = body.sections(root)
    _ledgers(source, body, notes)
    data: dict[str, Any] = {}
    has_categories = any("categories" in s for s in sections)
    inspection = read_inspection("".join(opening), year.year if year else None) if has_categories or opening else None
    kind = _kind(title, opening, inspection.inspection if inspection else {}, has_categories)
    data["kind"] = kind
    if title is None:
        notes.fill[("title",)] = "通报正文没有标题行,请填写标题"
    data["title"] = title or TITLE_PLACEHOLDER
    _published(metadata, signature, notes)
    data["metadata"] = metadata
    if kind != "政府信息公开" and inspection:
        data["inspection"] = _inspection(inspection, notes)
    if opening:
        data["opening"] = opening
    data["sections"] = sections
    scheme = body.scheme()
    if scheme:
        data["numbering"] = scheme
    totals = read_totals(_totals_paragraphs(sections) + opening) if has_categories else {}
    if totals:
        data["declared"] = totals
    if contact:
        data["contact"] = contact
    if signature and signature.get("organisation") and signature.get("date"):
        data["signature"] = signature
    return data


def _ledgers(source: Source, body: Body, notes: Notes) -> None:
    """Tables of rectification items become problems; other tables are reported, not dropped."""
    for index, (after, rows) in enumerate(source.tables, 1):
        problems = ledger_problems(rows)
        after_line = source.lines[after - 1].number if after else 0
        if problems:
            body.add_ledger(after_line, problems)
            notes.taken_tables.add(index)


def _kind(title: str | None, opening: list[str], inspection: dict, has_categories: bool) -> str:
    text = (title or "") + "".join(opening[:2])
    if not has_categories and not inspection.get("body"):
        return "政府信息公开"
    word = "巡视" if "巡视" in text or "巡视" in inspection.get("body", "") else "巡察"
    if "阶段性" in text and word == "巡察":
        return "阶段性进展情况通报"
    if "进展" in text:
        return f"{word}整改进展情况通报"
    return f"{word}整改情况通报"


def _published(metadata: dict, signature: dict | None, notes: Notes) -> None:
    if metadata.get("published"):
        return
    if signature and signature.get("date"):
        metadata["published"] = signature["date"]
        notes.check[("metadata", "published")] = "通报没有写发布日期,暂用落款日期,请按网站实际发布日期修改"
    else:
        notes.fill[("metadata", "published")] = "通报没有写发布日期,请填写(如 2021-05-12)"


def _inspection(opening, notes: Notes) -> dict[str, Any]:
    found = dict(opening.inspection)
    for key, word in (("body", "巡察组"), ("target", "被巡察党组织")):
        if key in found:
            notes.check[("inspection", key)] = f"{word}由开头段落读出"
        else:
            found[key] = f"【请填写{word}】"
            notes.fill[("inspection", key)] = f"开头段落中没有读出{word}"
    for key, note in opening.checks.items():
        notes.check[("inspection", key)] = note
    order = ("body", "target", "round", "start", "end", "feedback", "extended_targets")
    return {key: found[key] for key in order if key in found}


def _totals_paragraphs(sections: list[dict]) -> list[str]:
    """Paragraphs where a notice states its totals: the rectification section's first."""
    first, rest = [], []
    for section in sections:
        target = first if "categories" in section else rest
        target += section.get("paragraphs", [])
        for sub in section.get("sections", []):
            rest += sub.get("paragraphs", [])
    return first + rest


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def to_yaml(data: dict[str, Any], notes: Notes) -> str:
    """The draft as YAML, with `# 请核对:` / `# 请填写:` above the lines they are about."""
    text = yaml.dump(_plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
    parsed = parse(text, Path("draft.yml"), [])
    lines = parsed[1] if parsed else {}
    comments: dict[int, list[str]] = {}
    for marks, word in ((notes.check, "请核对"), (notes.fill, "请填写")):
        for path, note in marks.items():
            line = lines.get(tuple(path)) or lines.get(tuple(path)[:1]) or 1
            comments.setdefault(line, []).append(f"# {word}: {note}")
    out = ["# 由 zhenggai import 生成的草稿:请核对标有“请核对”“请填写”的各行,然后运行 make validate。"]
    for number, line in enumerate(text.splitlines(), 1):
        indent = re.match(r"^\s*(?:- )?", line).group(0).replace("-", " ")
        out += [indent + c for c in comments.get(number, [])]
        out.append(line)
    return "\n".join(out) + "\n"


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


def _validate(text: str, stem: str) -> tuple[Diagnostic, ...]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{_safe_id(stem)}.yml"
        path.write_text(text, encoding="utf-8")
        _, diagnostics = load_file(path)
    return diagnostics


def _safe_id(stem: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-") or "draft"
