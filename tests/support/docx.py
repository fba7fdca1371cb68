"""Building .docx files for the import tests: python-docx documents with real Word numbering.

The numbering definitions are written as numbering.xml markup (w:abstractNum, w:num), so
labels such as 一、（一）1.（1） come from Word's numbering engine rules, never from typed text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as DocxParagraph

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
W_NS = nsdecls("w")

# GB/T 9704 heading order, as notices number their parts, categories, problems and items.
NOTICE_LEVELS = (
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
)


@dataclass(frozen=True)
class Lvl:
    """One w:lvl to write."""

    num_fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    legal: bool = False
    style: str | None = None

    def xml(self, ilvl: int) -> str:
        parts = [f'<w:start w:val="{self.start}"/>', f'<w:numFmt w:val="{self.num_fmt}"/>']
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.style:
            parts.append(f'<w:pStyle w:val="{self.style}"/>')
        if self.legal:
            parts.append("<w:isLgl/>")
        parts.append(f'<w:lvlText w:val="{self.text}"/><w:lvlJc w:val="left"/>')
        indent = 420 * (ilvl + 1)
        parts.append(f'<w:pPr><w:ind w:left="{indent}" w:hanging="420"/></w:pPr>')
        return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


def _as_lvl(level: Lvl | tuple[str, str]) -> Lvl:
    return level if isinstance(level, Lvl) else Lvl(*level)


def numbering_root(document: Document):
    """The w:numbering element of the document (python-docx's template has one)."""
    return document.part.part_related_by(RT.NUMBERING).element


def _next_id(root, tag: str, attribute: str) -> int:
    ids = [int(e.get(qn(attribute))) for e in root.iterchildren(qn(tag))]
    return max(ids, default=0) + 1


def add_abstract(
    document: Document, levels, style_link: str | None = None, num_style_link: str | None = None
) -> int:
    """Add a w:abstractNum with `levels` (Lvl or (numFmt, lvlText)); return its abstractNumId."""
    root = numbering_root(document)
    abstract_id = _next_id(root, "w:abstractNum", "w:abstractNumId")
    links = ""
    if style_link:
        links += f'<w:styleLink w:val="{style_link}"/>'
    if num_style_link:
        links += f'<w:numStyleLink w:val="{num_style_link}"/>'
    body = "".join(_as_lvl(level).xml(i) for i, level in enumerate(levels))
    element = parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{links}{body}</w:abstractNum>'
    )
    first_num = root.find(qn("w:num"))
    # Schema order: every abstractNum before the first num (Word and LibreOffice insist).
    if first_num is not None:
        first_num.addprevious(element)
    else:
        root.append(element)
    return abstract_id


def add_num(document: Document, abstract_id: int, start_overrides: dict[int, int] | None = None) -> int:
    """Add a w:num instance of `abstract_id`, with optional w:startOverride per level."""
    root = numbering_root(document)
    num_id = _next_id(root, "w:num", "w:numId")
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for ilvl, value in (start_overrides or {}).items()
    )
    root.append(
        parse_xml(
            f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )
    return num_id


def add_list(document: Document, levels=NOTICE_LEVELS) -> int:
    """A new list (abstractNum + num); returns the numId for paragraphs."""
    return add_num(document, add_abstract(document, levels))


def set_numbering(target, num_id: int | None, ilvl: int | None = 0):
    """Give a paragraph (or a paragraph style) its own w:numPr; None leaves a part out."""
    element = target._p if isinstance(target, DocxParagraph) else target.element
    num_pr = element.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    if num_id is not None:
        num_pr.get_or_add_numId().val = num_id
    return target


def numbered(
    document: Document, text: str, num_id: int, ilvl: int = 0, style: str | None = None
) -> DocxParagraph:
    """Add a paragraph numbered by Word (the label is not in the text)."""
    return set_numbering(document.add_paragraph(text, style=style), num_id, ilvl)


def add_run_xml(paragraph: DocxParagraph, xml: str) -> None:
    """Append raw run-level markup (w:ins, w:del, fields …) to a paragraph."""
    for child in list(parse_xml(f"<w:wrap {W_NS}>{xml}</w:wrap>")):
        paragraph._p.append(child)


def save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


def new_document() -> Document:
    return docx.Document()


@dataclass(frozen=True)
class SeedLine:
    """A line of a seed notice, its typed label split off by the GB/T 9704 level it shows."""

    level: int | None
    label: str
    text: str


_TYPED_LABELS = (
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^\([一二三四五六七八九十]+\)")),
    (2, re.compile(r"^\d+\.")),
    (3, re.compile(r"^\(\d+\)")),
)


def seed_lines(name_prefix: str) -> list[SeedLine]:
    """The non-empty lines of tests/seeds/<prefix>_*.txt, typed labels split off."""
    path = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        for level, pattern in _TYPED_LABELS:
            match = pattern.match(line)
            if match and line[match.end() :]:
                lines.append(SeedLine(level, match.group(), line[match.end() :]))
                break
        else:
            lines.append(SeedLine(None, "", line))
    return lines


# The seeds type ASCII parentheses: (一) and (1).
SEED_LEVELS = (
    Lvl("chineseCounting", "%1、"),
    Lvl("chineseCounting", "(%2)"),
    Lvl("decimal", "%3."),
    Lvl("decimal", "(%4)"),
)


def build_seed(tmp_path: Path, prefix: str, levels) -> tuple[Path, list]:
    """The seed notice as a .docx whose typed labels became Word numbering of one list."""
    document = new_document()
    num_id = add_list(document, levels)
    lines = seed_lines(prefix)
    for line in lines:
        if line.level is None:
            paragraph = document.add_paragraph()
            lead, dot, rest = line.text.partition("。")
            # Notices bold the lead phrase of a measure: 一是强化制度建设。
            if line.text[:2] in ("一是", "二是", "三是", "四是") and dot:
                paragraph.add_run(lead + dot).bold = True
                paragraph.add_run(rest)
            else:
                paragraph.add_run(line.text)
        else:
            numbered(document, line.text, num_id, line.level)
    return save(document, tmp_path / f"{prefix}.docx"), lines
