"""The record of what the archive has published: `archive/versions.json`, read and written.

Every PDF a build has published is kept, byte for byte, in `archive/pdf/` under the name it has
on the site, and listed in the lock with its SHA-256, the digest of the data it was made from
(the YAML attached inside it) and the date it was published. Both are committed with the data,
so a fresh clone knows what was published without rendering anything: the bytes depend on
fonts and library versions that a later machine may not have.

Version 1 of a document is `pdf/<id>.pdf` (the URL every earlier build published, which
archivists have linked), later versions are `pdf/<id>-v2.pdf`, `pdf/<id>-v3.pdf`, ….
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.diagnostics import Diagnostic, error
from ..fs import write_atomic
from ..model import ID_PATTERN
from ..text import VERSION_CAUSES

ARCHIVE_DIR = "archive"
LOCK_FILE = "versions.json"
PDF_DIR = "pdf"
FORMAT = "zhenggai-archive/1"

CAUSES = VERSION_CAUSES  # why a version exists: the lock's word and a reader's

_HEX64 = re.compile(r"[0-9a-f]{64}")
_FIELDS = ("version", "file", "date", "sha256", "bytes", "pages", "data_sha256", "changes", "cause", "note")


def version_filename(doc_id: str, number: int) -> str:
    """`<id>.pdf` for version 1 (the URL published before versions existed), `<id>-v<N>.pdf` after."""
    return f"{doc_id}.pdf" if number == 1 else f"{doc_id}-v{number}.pdf"


@dataclass(frozen=True)
class Version:
    """归档版本 — one published PDF of a document, as the lock records it."""

    doc_id: str
    number: int
    date: dt.date  # when this version was published: the date of the commit built
    sha256: str
    bytes: int
    pages: int
    data_sha256: str  # SHA-256 of the data as published (the YAML attached in the PDF)
    changes: int  # how many change notes (changes:) the data held: a later change must add one
    cause: str  # a key of CAUSES
    note: str = ""  # the change note or the reason for rendering again

    @property
    def filename(self) -> str:
        return version_filename(self.doc_id, self.number)

    @property
    def file(self) -> str:
        """Where the bytes are, relative to the archive folder."""
        return f"{PDF_DIR}/{self.filename}"

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.number, "file": self.file, "date": self.date.isoformat(), "sha256": self.sha256,
            "bytes": self.bytes, "pages": self.pages, "data_sha256": self.data_sha256,
            "changes": self.changes, "cause": self.cause, "note": self.note,
        }


Lock = Mapping[str, tuple[Version, ...]]


def lock_text(versions: Lock) -> str:
    """The lock file: documents by id, one line per version (a new version is a one-line diff)."""
    lines = ["{", f'  "format": "{FORMAT}",', '  "documents": {']
    ids = sorted(versions)
    for n, doc_id in enumerate(ids):
        lines.append(f"    {json.dumps(doc_id)}: [")
        rows = [json.dumps(v.as_json(), ensure_ascii=False) for v in versions[doc_id]]
        lines += [f"      {row}{',' if k < len(rows) - 1 else ''}" for k, row in enumerate(rows)]
        lines.append("    ]" + ("," if n < len(ids) - 1 else ""))
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def write_lock(path: Path, versions: Lock) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, lock_text(versions).encode("utf-8"))


def read_lock(path: Path) -> tuple[dict[str, tuple[Version, ...]], list[Diagnostic]]:
    """The versions the lock at `path` lists (none when there is no lock yet), and what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError):
        return {}, [_invalid(path, None, "无法读取(不是 UTF-8 文本)")]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, [_invalid(path, exc.lineno, "不是有效的 JSON")]
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("documents"), dict):
        return {}, [_invalid(path, None, f"格式不对:应为 {FORMAT},含 documents")]
    versions: dict[str, tuple[Version, ...]] = {}
    problems: list[Diagnostic] = []
    for doc_id, rows in raw["documents"].items():
        line = lock_line(text, doc_id)
        try:
            versions[doc_id] = _versions(doc_id, rows)
        except ValueError as exc:
            problems.append(_invalid(path, line, f"{doc_id}: {exc}"))
    return versions, problems


def lock_line(text: str, doc_id: str) -> int | None:
    """The line of the lock where `doc_id`'s versions start."""
    found = text.find(f"{json.dumps(doc_id)}: [")
    return text.count("\n", 0, found) + 1 if found >= 0 else None


def _versions(doc_id: str, rows: Any) -> tuple[Version, ...]:
    if not re.fullmatch(ID_PATTERN, doc_id):
        raise ValueError("不是有效的文件编号")
    if not isinstance(rows, list) or not rows:
        raise ValueError("应为至少一个版本的列表")
    return tuple(version_from_json(doc_id, n, row) for n, row in enumerate(rows, 1))


def version_from_json(doc_id: str, number: int, row: Any) -> Version:
    """The `number`th version of `doc_id` from its row (`Version.as_json`); ValueError saying what is wrong."""
    where = f"第 {number} 项"
    if not isinstance(row, dict) or set(row) != set(_FIELDS):
        raise ValueError(f"{where}应恰好含有 {'、'.join(_FIELDS)}")
    if row["version"] != number:
        raise ValueError(f"{where}的 version 应为 {number}(版本从 1 起连续编号)")
    expected = f"{PDF_DIR}/{version_filename(doc_id, number)}"
    if row["file"] != expected:
        raise ValueError(f"{where}的 file 应为 {expected}")
    for name in ("sha256", "data_sha256"):
        if not isinstance(row[name], str) or not _HEX64.fullmatch(row[name]):
            raise ValueError(f"{where}的 {name} 应为 64 位小写十六进制")
    for name, least in (("bytes", 1), ("pages", 1), ("changes", 0)):
        if not isinstance(row[name], int) or isinstance(row[name], bool) or row[name] < least:
            raise ValueError(f"{where}的 {name} 应为不小于 {least} 的整数")
    try:
        date = dt.date.fromisoformat(row["date"])
    except (TypeError, ValueError):
        raise ValueError(f"{where}的 date 应为 2026-12-01 这样的日期") from None
    if row["cause"] not in CAUSES or not isinstance(row["note"], str):
        raise ValueError(f"{where}的 cause 应为 {'、'.join(CAUSES)} 之一,note 应为文字")
    return Version(doc_id, number, date, row["sha256"], row["bytes"], row["pages"], row["data_sha256"],
                   row["changes"], row["cause"], row["note"])


def _invalid(path: Path, line: int | None, message: str) -> Diagnostic:
    return error(path, f"归档记录无法使用,构建已停止:{message}。该文件由 zhenggai build 写入,"
                       "请从版本库恢复(git checkout -- archive/),不要手工修改", line, code="archive.lock_invalid")
