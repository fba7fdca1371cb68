"""A published notice as lines of text: from a .txt, a Word file or a page saved from a CMS.

Every source becomes the same thing, `Source`: numbered lines (a .docx paragraph's
automatic number put in front of its text, as Word shows it), the tables of a Word file,
and the catalogue metadata a CMS page carries in its own table. The notice parser reads
only this, so the three formats share one set of rules. A page saved as one file (.mht,
mhtml.py) is read as the same page saved as .html; an old Word or WPS file (.doc, .wps, .rtf)
as the .docx LibreOffice converts it to (convert.py). What a file is, is read from its first
bytes where they say it (a .docx renamed .doc is read as a .docx, a PDF named .doc is a PDF);
files that hold no text to read (PDF, pictures, archives, spreadsheets) are refused with what
to do instead.

Every file is measured before it is read (`MAX_BYTES`; a Word file's parts in opc.py) and its
text after (`MAX_CHARS`): a notice is tens of thousands of characters, and what is far beyond
that is a wrong or hostile file, refused at once rather than worked through for minutes.
Control characters and invisible formatting characters are dropped from the lines, and
`Source.notes` says so: the draft would otherwise carry them (as YAML escapes) into the data.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..data.load import MAX_BYTES as MAX_DATA_BYTES
from ..data.raw_checks import character_kind, character_name, suspect_pattern
from ..errors import ZhenggaiError
from .encoding import Decoded, EncodingError, decode, declared_encoding, named_encoding
from .fold import fold
from .labels import match_label
from .rules import rx, table

_WORD = (".docx", ".docm")
_CONVERTED = (".doc", ".wps", ".rtf")  # by LibreOffice (convert.py)
_PAGES = (".html", ".htm")
_SINGLE_FILE_PAGES = (".mht", ".mhtml")
SUFFIXES = (".txt", *_WORD, *_CONVERTED, *_PAGES, *_SINGLE_FILE_PAGES)
# Every accepted type, as staff read it (the unsupported-type message, `zhenggai import --help`).
ACCEPTED = ".txt、.docx（.docm）、.doc、.wps、.rtf（需要 LibreOffice）、.html（.htm）、.mht（.mhtml）"
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
# The largest file of each kind read at all (Word files: docx.MAX_FILE). A .txt holds the
# limit of text in any common encoding; a saved page carries markup, scripts and styles too.
MAX_BYTES = {".txt": 4 * 1024 * 1024, ".html": 12 * 1024 * 1024, ".htm": 12 * 1024 * 1024}
# A page saved as one file carries its pictures too (base64, a third larger): its file may be as
# large as a Word file's; the page inside is held to a .html's limit once decoded (mhtml.py).
# An old Word file is refused at a .docx's limit before it is converted.
MAX_BYTES |= dict.fromkeys((*_SINGLE_FILE_PAGES, *_CONVERTED), 64 * 1024 * 1024)
# The most text a source may give, in characters: what a data file can hold at most (its
# 2 MB limit, at three bytes a character and some for the YAML around). The longest real
# notices have about 100,000; more than this is not a notice (a whole site saved as one page).
MAX_CHARS = MAX_DATA_BYTES // 4
# The most paragraphs (lines, table rows) a source may give: a long notice has a thousand.
MAX_LINES = 100_000
# A .txt with this share of NUL bytes (and not UTF-16) is a binary file renamed.
_BINARY_NULS = 0.01


class SourceError(ZhenggaiError):
    """The source cannot be read; the message is for staff, in Chinese, naming the file."""

    def __init__(self, message: str, code: str = "source.unreadable") -> None:
        super().__init__(message)
        self.code = code


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
    # Word lines after a soft break (Shift+Enter) kept in the line above on a guess: a numbered line
    # that may go on with a list begun there, or open the next unit (sources._broken)
    kept_breaks: list[Line] = field(default_factory=list)


def read_source(path: Path) -> Source:
    """Read `path` by its suffix and first bytes; raise SourceError with a Chinese message when it cannot be."""
    suffix = path.suffix.lower()
    if suffix in _REFUSED:
        _check_file(path, None)
        raise _refused(path, _REFUSED[suffix])
    if suffix not in SUFFIXES:
        raise SourceError(f"{path}: 不支持的文件类型“{path.suffix or '无后缀'}”，可导入 {ACCEPTED}", "source.type")
    _check_file(path, MAX_BYTES.get(suffix))
    kind = _kind(_head(path))
    if kind in _REFUSED_KINDS:
        raise _refused(path, _REFUSED_KINDS[kind])
    reader = _reader(suffix, kind)
    if reader == "text":
        decoded = _text_file(path)
        source = _from_text(path, decoded.text, decoded.note, typed_tables=True)
    elif reader == "page":
        raw = path.read_bytes()
        source = _from_page(path, raw, declared_encoding(raw))
    elif reader == "single_file_page":
        source = _from_single_file_page(path)
    elif reader == "docx":
        source = _from_docx(path)
    else:
        source = _from_converted(path, ".rtf" if kind == "rtf" or kind is None and suffix == ".rtf" else ".doc")
    if not source.lines and not source.tables:
        raise SourceError(f"{path}: 文件中没有可读取的文字", "source.empty")
    return source


def _reader(suffix: str, kind: str | None) -> str:
    """Which reader a file of an accepted suffix goes to: its first bytes decide where they say
    what it is (a .docx renamed .doc, a Word 97 file renamed .docx, a page Word saved as .doc,
    a page saved as one file and named .htm); a .txt is always read as text."""
    if suffix == ".txt":
        return "text"
    if kind == "mime" or suffix in _SINGLE_FILE_PAGES:
        return "single_file_page"
    if suffix in _PAGES or kind == "html":
        return "page"
    if kind == "zip" or suffix in _WORD and kind not in ("ole", "rtf"):
        return "docx"
    return "convert"


# Files staff hold that are no notice text to read, by suffix, and what to do instead.
_FIXED_LAYOUT = ("：从{}中取出的文字常常顺序错乱、断行错位，导入不读取它。"
                 "请从发布网页复制正文保存为 .txt，或用原 Word 文件导入")
_REFUSALS = {
    "pdf": ("source.pdf", "这是 PDF 文件" + _FIXED_LAYOUT.format(" PDF ")),
    "ofd": ("source.pdf", "这是 OFD 版式文件" + _FIXED_LAYOUT.format("版式文件")),
    "image": ("source.image", "这是图片：扫描件/图片无法导入（图片里没有可读取的文字）。"
                              "请用原 Word 文件导入，或从发布网页复制正文保存为 .txt"),
    "archive": ("source.archive", "这是压缩包：导入一次读取一份通报。请先解压，再导入其中的 Word、网页或文本文件"),
    "spreadsheet": ("source.spreadsheet", "这是电子表格：台账表格请另存为“文本文件（制表符分隔）”（.txt）后导入，"
                                          "或把表格复制粘贴到 Word 中存为 .docx；通报正文请用原 Word 文件导入"),
}
_REFUSED = {
    ".pdf": _REFUSALS["pdf"], ".ofd": _REFUSALS["ofd"],
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"), _REFUSALS["image"]),
    **dict.fromkeys((".zip", ".rar", ".7z"), _REFUSALS["archive"]),
    **dict.fromkeys((".xls", ".xlsx", ".xlsm", ".et"), _REFUSALS["spreadsheet"]),  # .et: WPS 表格
}
# What a file's first bytes say it is (formats whose signature is certain), whatever its name.
_SIGNATURES = (
    (b"%PDF-", "pdf"), (b"\xff\xd8\xff", "image"), (b"\x89PNG\r\n\x1a\n", "image"), (b"GIF8", "image"),
    (b"II*\x00", "image"), (b"MM\x00*", "image"), (b"Rar!\x1a\x07", "archive"), (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"PK\x03\x04", "zip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"), (b"{\\rtf", "rtf"),
)
_REFUSED_KINDS = {"pdf": _REFUSALS["pdf"], "image": _REFUSALS["image"], "archive": _REFUSALS["archive"]}


def _refused(path: Path, refusal: tuple[str, str]) -> SourceError:
    code, cause = refusal
    return SourceError(f"{path}: {cause}", code)


def _head(path: Path) -> bytes:
    from .mhtml import HEAD_BYTES  # a page saved as one file says so in its headers, a few KB at most

    try:
        with path.open("rb") as file:
            return file.read(HEAD_BYTES)
    except OSError:
        raise SourceError(f"{path}: 文件无法打开（没有读取权限或磁盘错误）", "source.unreadable") from None


def _kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is: pdf, image, archive, zip, ole, rtf, html, mime, else None."""
    from .mhtml import looks_like_html, looks_like_mhtml

    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if looks_like_html(head):
        return "html"
    return "mime" if looks_like_mhtml(head) else None


def _check_file(path: Path, limit: int | None) -> None:
    """A readable regular file within `limit` bytes, or a SourceError saying what it is instead."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(f"{path}: 文件不存在", "source.missing") from None
    except OSError:
        raise SourceError(f"{path}: 文件无法打开（没有读取权限或磁盘错误）", "source.unreadable") from None
    if path.is_dir():
        raise SourceError(f"{path}: 这是一个文件夹，不是文件", "source.folder")
    if not path.is_file():
        raise SourceError(f"{path}: 不是普通文件（可能是设备或管道），无法导入", "source.special")
    if limit is not None and info.st_size > limit:
        raise SourceError(
            f"{path}: 文件大小 {_size(info.st_size)}，超过 {path.suffix.lower()} 文件 {_size(limit)} 的上限："
            "一份通报通常不到 1 MB，请确认选对了文件", "source.too_large")


def _text_file(path: Path) -> Decoded:
    """The text of a .txt; SourceError when it is a binary file renamed or in no known encoding."""
    raw = path.read_bytes()
    try:
        decoded = decode(raw)
    except EncodingError:
        decoded = None
    if raw.count(0) > _BINARY_NULS * len(raw) and (decoded is None or not decoded.encoding.startswith("utf-16")):
        raise SourceError(f"{path}: 不是文本文件（含有大量空字节），可能是改了后缀的 Word 或其他文件", "source.binary")
    return decoded or _decode(path, raw)  # the error says which encodings were tried


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


class _Budget:
    """Counts what a source gives and stops it at MAX_CHARS or MAX_LINES, before more is made."""

    def __init__(self, path: Path) -> None:
        self.path, self.chars, self.lines = path, 0, 0

    def take(self, chars: int, lines: int = 1) -> None:
        self.chars += chars
        self.lines += lines
        if self.chars > MAX_CHARS:
            raise SourceError(f"{self.path}: 正文超过 {MAX_CHARS} 字的上限（一份数据文件最多容纳这么多）："
                              "这不像是一份通报，请确认选对了文件", "source.too_long")
        if self.lines > MAX_LINES:
            raise SourceError(f"{self.path}: 正文超过 {MAX_LINES} 段的上限：这不像是一份通报，请确认选对了文件",
                              "source.too_long")


def _decode(path: Path, raw: bytes, declared: str | None = None) -> Decoded:
    try:
        return decode(raw, declared)
    except EncodingError:
        raise SourceError(f"{path}: 无法识别文字编码（不是 UTF-8、GBK 或 Big5），请另存为 UTF-8 文本", "source.encoding") from None


def clean(text: str) -> str:
    """A paragraph's text with runs of spaces folded, as a reader sees it."""
    return _SPACES.sub(" ", text).strip()


def _is_chrome(text: str) -> bool:
    """A line of a web page's chrome (【打印】, 浏览次数, breadcrumbs), kept out of the body; not a
    line that dates the notice (发布时间：2023-09-12 来源：… 浏览次数：128): the head reads its date."""
    view = fold(text)
    return len(text) < 80 and any(p.search(view) for p, _ in table("chrome")) and not rx("dated_line").match(view)


def _add(source: Source, line: Line) -> None:
    (source.dropped if _is_chrome(line.text) else source.lines).append(line)


def _place_tables(source: Source, page) -> None:
    """A saved page's ledger tables where their marker lines stood, as a Word file's are."""
    lines = []
    for line in source.lines:
        index = page.table_at(line.text)
        if index is None:
            lines.append(line)
        else:
            source.tables.append((len(lines), page.tables[index]))
    source.lines = lines


# A ledger typed as text: 序号｜问题｜整改措施｜… then one row a line, the cells apart by bars or tabs.
_TYPED_CELLS = re.compile(r"\s*[｜|]\s*|\t+")


def _typed_tables(source: Source, raw: dict[int, str]) -> None:
    """Runs of lines that are a ledger typed as text (a header naming 问题 and 措施 or 情况, then
    rows with as many cells) become tables, read as Word's and a page's ledgers are. A line
    without bars inside the run (一、主业方面) is a row of one cell: the category of the rows below."""
    from .columns import ledger_columns  # the ledger's own reading of a header

    lines, kept, index = source.lines, [], 0

    def cells(line: Line) -> tuple[str, ...] | None:  # tabs are only in the file's own line (clean folds them)
        return _typed_row(raw.get(line.number, line.text))

    while index < len(lines):
        if vertical := _vertical_table(lines, index):
            rows, end = vertical
            source.tables.append((len(kept), rows))
            index = end
            continue
        header = cells(lines[index])
        columns = ledger_columns(header) if header and len(header) >= 3 \
            and not any(len(c) > 10 or "：" in c or ":" in c for c in header) else None  # a header names its columns, briefly
        if columns is None:
            kept.append(lines[index])
            index += 1
            continue
        rows, end = [header], index + 1
        while end < len(lines):
            row = cells(lines[end])
            if row and len(row) >= len(header) - 1:
                rows.append(row)
            elif not row and rx("page_number").match(fold(lines[end].text).strip()):
                source.dropped.append(lines[end])  # — 2 — where a page broke the table
            elif not row and end + 1 < len(lines) and len(lines[end].text) <= 30 \
                    and len(cells(lines[end + 1]) or ()) >= len(header) - 1:
                # 一、主业方面 between two rows: a row across the table, as a merged cell reads
                rows.append((lines[end].text.strip(),) + ("",) * (len(header) - 1))
            else:
                break
            end += 1
        title = columns.get("title")
        findings = [r[title] for r in rows[1:] if title is not None and title < len(r) and r[title].strip()]
        if len(rows) < 3 or not findings or all(re.fullmatch(r"[\d.%％]+", f.strip()) for f in findings):
            kept.append(lines[index])  # 问题数｜已完成 and counts below: a table of figures, read by totals.py
            index += 1
            continue
        source.tables.append((len(kept), tuple(rows)))
        index = end
    source.lines[:] = kept


# Columns aligned with runs of spaces (a table pasted as plain text): two spaces or more apart.
_SPACED_CELLS = re.compile(r"[ \u3000\u00a0]{2,}")


def _typed_row(text: str) -> tuple[str, ...] | None:
    cells = _TYPED_CELLS.split(text.strip().strip("｜|"))
    if len(cells) < 3:
        cells = _SPACED_CELLS.split(text.strip())
    return tuple(clean(c) for c in cells) if len(cells) >= 3 else None


_HEADER_CELL = re.compile(r"^[^，。；：:,;、]{2,8}$")


def _vertical_table(lines: list[Line], index: int) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """(rows, the index after them) of a ledger whose cells stand one to a line (a table copied
    out of a page cell by cell): three or more short lines each naming a column (序号 / 反馈问题 /
    整改措施 / 整改进展), then the cells in that order, row by row; a row ends the table where its
    number is not the next (with a 序号 column) or a line opens a part (二、…)."""
    from .columns import COLUMNS, ledger_columns

    header: list[str] = []
    while index + len(header) < len(lines):
        text = lines[index + len(header)].text.strip()
        if not (_HEADER_CELL.match(text) and any(re.search(p, text) for p in COLUMNS.values())):
            break
        header.append(text)
    columns = ledger_columns(tuple(header)) if len(header) >= 3 else None
    if columns is None or len(set(columns.values())) < len(header) - 1:
        return None
    width, rows, at = len(header), [tuple(header)], index + len(header)
    while at + width <= len(lines):
        row = tuple(line.text.strip() for line in lines[at:at + width])
        if "number" in columns and row[columns["number"]] != str(len(rows)):
            break
        if any(match_label(fold(cell)) or cell in header for cell in row):
            break
        rows.append(row)
        at += width
    return (tuple(rows), at) if len(rows) > 1 else None


def _from_text(path: Path, text: str, note: str = "", typed_tables: bool = False) -> Source:
    """The lines of `text`; with `typed_tables`, a ledger typed as text lines read as a table."""
    source = Source(path, [], notes=[note] if note else [])
    scrubbed, budget = _Scrubbed(), _Budget(path)
    unfolded: dict[int, str] = {}  # lines with tabs as typed, for the typed tables' cells
    for number, raw in enumerate(text.splitlines(), 1):
        kept = scrubbed(raw, number)
        line = clean(kept)
        if line:
            budget.take(len(line))
            _add(source, Line(number, line))
            if typed_tables and ("\t" in kept or _SPACED_CELLS.search(kept.strip())):
                unfolded[number] = kept
    source.notes.extend(scrubbed.notes())
    if typed_tables:
        _typed_tables(source, unfolded)
    return source


def _from_page(path: Path, raw: bytes, declared: str | None) -> Source:
    """A saved page's lines, catalogue and ledger tables, from its bytes in the encoding it declares."""
    from .html import HtmlError, read_html

    decoded = _decode(path, raw, declared)
    try:
        page = read_html(decoded.text, MAX_LINES)
    except HtmlError as exc:
        raise SourceError(f"{path}: {exc.cause}", exc.code) from None
    source = _from_text(path, page.text, decoded.note)
    if page.dropped:
        source.notes.append(f"网页中有 {page.dropped.total()} 个控制字符 {characters_named(page.dropped)}，"
                            "已删除：它们不是通报的文字，会让网页和 PDF 出错")
    source.metadata.update(page.metadata)
    _place_tables(source, page)
    return source


def _from_single_file_page(path: Path) -> Source:
    """A page saved as one file read as the same page saved as .html: the charset its part
    names first (as a server's header outranks the page's meta), else the page's own."""
    from .mhtml import MhtmlError, read_mhtml

    try:
        page = read_mhtml(path, MAX_BYTES[".html"])
    except MhtmlError as exc:
        raise SourceError(f"{path}: {exc.cause}", exc.code) from None
    except OSError:
        raise SourceError(f"{path}: 文件无法打开（没有读取权限或磁盘错误）", "source.unreadable") from None
    declared = named_encoding(page.charset) if page.charset else None
    return _from_page(path, page.html, declared or declared_encoding(page.html))


def _from_converted(path: Path, kind: str) -> Source:
    """An old Word or WPS file read as the .docx LibreOffice converts it to; the report says so."""
    from .convert import ConvertError, converted

    try:
        with converted(path, kind) as docx:
            source = _from_docx(docx, path)
    except ConvertError as exc:
        raise SourceError(f"{path}: {exc.cause}", exc.code) from None
    except OSError:
        raise SourceError(f"{path}: 转换时无法读写临时文件夹（磁盘已满或没有权限）", "convert.failed") from None
    source.notes.insert(0, f"这是旧版 Word 或 WPS 文件（{path.suffix}），已由 LibreOffice 转换为 .docx 后读取："
                           "文字、自动编号和表格一般都能保留，请对照原文核对")
    return source


def _from_docx(path: Path, shown: Path | None = None) -> Source:
    """The blocks of a Word file; `shown` is the file staff named when `path` is its conversion."""
    from .docx import DocxError, Paragraph, iter_docx

    shown = shown or path
    source = Source(shown, [])
    scrubbed, budget = _Scrubbed(), _Budget(shown)
    started: dict[str, int] = {}  # by label style, the number the last line starting with one had
    last_table = 0  # the block number of the last table
    try:
        for number, block in enumerate(iter_docx(path, source.notes), 1):
            if isinstance(block, Paragraph):
                guessed: list[str] = []
                for part, text in enumerate(_broken(clean(scrubbed(block.label + block.text, number)), started, guessed)):
                    budget.take(len(text))
                    _add(source, Line(number, text, "" if part else block.bold_prefix.strip()))
                source.kept_breaks += [Line(number, text) for text in guessed]
            else:
                rows = tuple(tuple(scrubbed(cell, number) for cell in row) for row in block.rows)
                budget.take(sum(len(cell) for row in rows for cell in row), len(rows))
                source.tables.append((len(source.lines), rows))
                last_table = number
    except DocxError as exc:
        raise SourceError(str(DocxError(shown, exc.code, exc.cause)), exc.code) from None
    _signature_table(source, last_table)
    source.notes.extend(scrubbed.notes())
    return source


def _signature_table(source: Source, number: int) -> None:
    """A signature Word set in a small layout table closing the body (the organisation and the
    date in the right-hand cell of a borderless table, or a date under the name): its cells become
    the source's last lines (numbered as the table's block), read as a text's signature is.
    Only a table of one or two columns of text holding nothing but one or two organisations' names
    and at most one date, after which come no lines but notes (（注：…）)."""
    if not source.tables:
        return
    after, rows = source.tables[-1]
    if any(not line.text.startswith("（注：") for line in source.lines[after:]):
        return
    columns = {at for row in rows for at, cell in enumerate(row) if cell.strip()}
    if not columns or len(columns) > 2 or max(len(row) for row in rows) > 3:
        return
    pieces = [clean(piece) for row in rows for cell in row for piece in cell.split("\n") if clean(piece)]
    dates = [p for p in pieces if rx("signature_cell_date").match(fold(p))]
    names = [p for p in pieces if rx("signature_organisation").match(fold(p))]
    if len(dates) > 1 or len(names) > 2 or len(dates) + len(names) != len(pieces):
        return
    source.tables.pop()
    source.lines[after:after] = [Line(number, piece) for piece in pieces]
    source.notes.append("文末排在表格里的落款（" + "、".join(pieces) + "）已按落款读取")


def _broken(text: str, started: dict[str, int] | None = None, guessed: list[str] | None = None) -> list[str]:
    """A Word paragraph's lines: a line break (Shift+Enter, w:cr) starts a line, as <br> does on a
    page (a title over two lines, 责任单位：X⏎整改进展：…, the next problem or part after a status
    line, the signature under the contact sentence); the prepared lines then join what a break cut
    in mid-sentence, as they join a text's. Only a line that goes on counting a list begun after a
    lead in the line above (整改措施：1.A；⏎2.B) stays in it, its points read there. Where the lines'
    own labels counted to the number before it too (1.X ⏎ 整改措施：1.A；⏎ 2.B: a measure or the
    second problem), it is kept there as well, and put in `guessed` for the draft to doubt.
    `started` holds, by label style, the number the last line of the source beginning with one
    had, and is kept up to date."""
    started = {} if started is None else started
    lines: list[str] = []
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        label = match_label(fold(line))
        if lines and label and label.number > 1 and _listed_after_lead(fold(lines[-1]), label.style) == label.number - 1:
            if started.get(label.style) == label.number - 1 and guessed is not None:
                guessed.append(line)  # the lines' own list is at the same number: which one goes on is a guess
            lines[-1] += "\n" + line
            continue
        lines.append(line)
        if label:
            started[label.style] = label.number
    return lines


def _listed_after_lead(view: str, style: str) -> int | None:
    """The highest number of a list in `style` begun inside `view`, after its first characters
    (整改措施：1.A；2.B gives 2); None when the line holds none. A number inside a figure (21.5万元)
    is no label."""
    found = None
    for at in range(1, len(view)):
        if view[at - 1].isascii() and view[at - 1].isalnum() or view[at - 1] in ".．":
            continue
        label = match_label(view[at:])
        if label and label.style == style:
            found = max(found or 0, label.number)
    return found


# Characters `zhenggai validate` refuses that a source may hold, and the draft would carry
# into the data as YAML escapes: control characters (NUL and ESC in a text file, a terminal's
# colour codes) and invisible formatting characters (zero-width spaces, direction marks from
# web pages). They are no part of the notice's words. Private-use characters (造字) stay:
# they stand for a real character, which staff must put right (validate names them).
_DROPPED = ("control", "invisible")


def characters_named(found: Counter[str]) -> str:
    """The five characters of `found` met most often, by code point and Chinese name ("等" after more)."""
    names = "、".join(f"U+{ord(c):04X}（{character_name(c)}）" for c, _ in found.most_common(5))
    return names + ("等" if len(found) > 5 else "")


class _Scrubbed:
    """Drops what `zhenggai validate` would refuse as invisible or control characters, counting them."""

    def __init__(self) -> None:
        self.found: Counter[str] = Counter()
        self.lines: list[int] = []

    def __call__(self, text: str, number: int) -> str:
        if not suspect_pattern().search(text):
            return text
        kept = []
        for char in text:
            if character_kind(char) in _DROPPED:
                self.found[char] += 1
                if not self.lines or self.lines[-1] != number:
                    self.lines.append(number)
            else:
                kept.append(char)
        return "".join(kept)

    def notes(self) -> list[str]:
        if not self.found:
            return []
        lines = "、".join(map(str, self.lines[:10])) + ("等" if len(self.lines) > 10 else "")
        return [f"已删除 {sum(self.found.values())} 个看不见的字符或控制字符 {characters_named(self.found)}（第 {lines} 行）："
                "它们不是通报的文字，会让网页和 PDF 出错"]
