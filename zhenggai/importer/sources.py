"""A published notice as lines of text: from a .txt, a .docx or a page saved from a CMS.

Every source becomes the same thing, `Source`: numbered lines (a .docx paragraph's
automatic number put in front of its text, as Word shows it), the tables of a Word file,
and the catalogue metadata a CMS page carries in its own table. The notice parser reads
only this, so the three formats share one set of rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .fold import fold
from .rules import table

SUFFIXES = (".txt", ".docx", ".docm", ".html", ".htm")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


class SourceError(Exception):
    """The source cannot be read; the message is for staff, in Chinese, naming the file."""


@dataclass(frozen=True)
class Line:
    """行 — one paragraph of the source; `number` counts from 1 in the source's own order."""

    number: int
    text: str
    bold: str = ""  # the bold lead phrase of a Word paragraph, if any


@dataclass
class Source:
    path: Path
    lines: list[Line]
    tables: list[tuple[int, tuple[tuple[str, ...], ...]]] = field(default_factory=list)  # (after line, rows)
    metadata: dict[str, str] = field(default_factory=dict)
    dropped: list[Line] = field(default_factory=list)  # page chrome, not counted as body text
    notes: list[str] = field(default_factory=list)


def read_source(path: Path) -> Source:
    """Read `path` by its suffix; raise SourceError with a Chinese message when it cannot be."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"{path}: 不支持的文件类型“{path.suffix or '无后缀'}”,可导入 .txt、.docx、.html")
    if not path.is_file():
        raise SourceError(f"{path}: 文件不存在")
    if suffix == ".txt":
        return _from_text(path, _decode(path))
    if suffix in (".html", ".htm"):
        from .html import read_html

        text, metadata = read_html(path, _decode(path))
        source = _from_text(path, text)
        source.metadata.update(metadata)
        return source
    return _from_docx(path)


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{path}: 无法识别文字编码(不是 UTF-8 或 GBK),请另存为 UTF-8 文本")


def clean(text: str) -> str:
    """A paragraph's text with runs of spaces folded, as a reader sees it."""
    return _SPACES.sub(" ", text).strip()


def _is_chrome(text: str) -> bool:
    """A line of a web page's chrome (【打印】, 浏览次数, breadcrumbs), kept out of the body."""
    return len(text) < 80 and any(p.search(fold(text)) for p, _ in table("chrome"))


def _add(source: Source, line: Line) -> None:
    (source.dropped if _is_chrome(line.text) else source.lines).append(line)


def _from_text(path: Path, text: str) -> Source:
    source = Source(path, [])
    for number, raw in enumerate(text.splitlines(), 1):
        line = clean(raw)
        if line:
            _add(source, Line(number, line))
    return source


def _from_docx(path: Path) -> Source:
    from .docx import DocxError, Paragraph, read_docx

    try:
        blocks = read_docx(path)
    except DocxError as exc:
        raise SourceError(str(exc)) from None
    source = Source(path, [])
    for number, block in enumerate(blocks, 1):
        if isinstance(block, Paragraph):
            text = clean(block.label + block.text)
            if text:
                _add(source, Line(number, text, block.bold_prefix.strip()))
        else:
            source.tables.append((len(source.lines), block.rows))
    return source
