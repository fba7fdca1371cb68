"""What must hold before a build may publish the archive: the locked files, and the data against them.

- Every PDF the lock lists is in `archive/pdf/` with the SHA-256 the lock records.
- A document whose data differs from its latest published version carries a new change note
  (`changes:`): the change is published as a new version, and the public is told why.
- A document with published PDFs does not silently leave the data.
- No document id takes the file name of another document's version (`a-v2` and `a`'s 2nd).

- `archive/pdf/` holds nothing the lock does not list: a file without its row (a row lost in a
  bad merge or a hand edit) stops publishing, or the next version of that name would have
  nowhere to go.

Before anything is rendered, a file whose size, mtime, ctime and inode are those it had when
it was last hashed is taken as verified (`.cache/archive/files.json`, as git's index does; an
edit in place that keeps size and mtime still changes the ctime). A fresh clone has no such
cache and hashes everything once; `zhenggai archive verify` always hashes. Every build then
hashes what it publishes in full anyway, as it copies each archived PDF into the site
(`build.bundle.finish_site`). The digest of a document's published data needs its
YAML serialised (tens of milliseconds a document): it is kept in `.cache/archive/digests.json`
under the data file's bytes and the code that reads and serialises it, as the load cache is.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..data.diagnostics import Diagnostic, error
from ..data.dump import published_yaml
from ..fs import TEMPORARY, code_digest, file_sha256, write_atomic
from ..model import Change, Document
from ..process import alive
from ..text import cn_date
from .lock import ARCHIVE_DIR, LOCK_FILE, PDF_DIR, Lock, Version, lock_line

FILES_STATE = "files.json"
DIGESTS_STATE = "digests.json"
# What a document's data digest depends on besides its file: the models, the data stage and
# this module (which fields it leaves out).
DIGEST_CODE = ("zhenggai.model", "zhenggai.data", "zhenggai.pdf.verify")


def data_digest(doc: Document) -> str:
    """SHA-256 of the document's data as published (the YAML attached in its PDF), `withdrawn:` left out.

    A withdrawal (撤回) is not a change of the notice: it needs no change note and publishes no
    new version; the archived PDF stays the notice as it was published, and the page says it
    was withdrawn. A version rendered while the document is withdrawn carries the notice and
    `withdrawn:` in its attachment all the same: only this digest leaves it out.
    """
    return hashlib.sha256(published_yaml(doc.model_copy(update={"withdrawn": None}))).hexdigest()


def change_notes(doc: Document) -> tuple[Change, ...]:
    """The document's dated change notes (更正说明, `changes:`), oldest first."""
    return doc.changes


def verify_files(folder: Path, versions: Lock, state_dir: Path | None, full: bool = False) -> list[Diagnostic]:
    """Errors for every locked PDF under `folder` that is missing or not the bytes the lock records."""
    known = {} if full else _load_state(state_dir, FILES_STATE)
    verified: dict[str, list] = {}
    problems = []
    for doc_versions in versions.values():
        for v in doc_versions:
            path = folder / v.file
            try:
                stat = path.stat()
            except FileNotFoundError:
                problems.append(error(path, f"已发布的第 {v.number} 版 PDF 不见了（{ARCHIVE_DIR}/{LOCK_FILE} 记录了它）。"
                                            "已发布的字节无法重新生成：请从版本库恢复（git checkout -- archive/）；恢复之前不能发布",
                                      code="archive.file_missing"))
                continue
            stamp = _stamp(stat, v.sha256)
            if stat.st_size == v.bytes and (known.get(v.file) == stamp or file_sha256(path) == v.sha256):
                verified[v.file] = stamp
                continue
            problems.append(error(
                path, f"内容与 {ARCHIVE_DIR}/{LOCK_FILE} 记录的第 {v.number} 版不一致（SHA-256 应为 {v.sha256[:16]}…）："
                      "已发布的 PDF 不能改动或替换。请从版本库恢复原文件（git checkout -- archive/）；"
                      "要发布重新生成的 PDF，请用 zhenggai archive rerender 另立新版本。恢复之前不能发布",
                code="archive.checksum_mismatch"))
    if not full:
        _save_state(state_dir, FILES_STATE, known, verified)
    return problems


def remember_files(folder: Path, new: Iterable[Version], state_dir: Path | None) -> None:
    """Note files just written into the archive as verified: their digest is known, not read back."""
    known = _load_state(state_dir, FILES_STATE)
    updated = dict(known)
    for v in new:
        updated[v.file] = _stamp((folder / v.file).stat(), v.sha256)
    _save_state(state_dir, FILES_STATE, known, updated)


def _stamp(stat, sha256: str) -> list:
    """What must be unchanged for a file hashed before to count as verified (git's index keeps the same)."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, sha256]


def unlisted_files(folder: Path, versions: Lock) -> list[Diagnostic]:
    """Errors for files in the archive's PDF folder that the lock does not list.

    Its own temporary files of an interrupted write whose process is gone are removed first
    (see `fs.copy_file`): they never held a published version.
    """
    pdf_dir = folder / PDF_DIR
    if not pdf_dir.is_dir():
        return []
    remove_stale_temporaries(pdf_dir)
    listed = {v.filename for doc_versions in versions.values() for v in doc_versions}
    return [
        error(path, f"不在 {ARCHIVE_DIR}/{LOCK_FILE} 中：已发布的每个版本都有一行记录，这个文件没有"
                    "（记录可能在合并或手工修改时丢失）。为免同名的新版本覆盖它，恢复之前不能发布："
                    f"请从版本库恢复 {ARCHIVE_DIR}/{LOCK_FILE}（git checkout -- archive/）；"
                    "确认它从未发布过（如 zhenggai archive discard 撤销后留下的），再删除它",
              code="archive.file_unlisted")
        for path in sorted(pdf_dir.iterdir()) if path.name not in listed
    ]


def remove_stale_temporaries(folder: Path) -> None:
    """Delete `fs.copy_file`'s temporary files in `folder` whose writing process has ended."""
    for path in folder.iterdir():
        match = TEMPORARY.fullmatch(path.name)
        if match and not alive(int(match["pid"])):
            path.unlink(missing_ok=True)


def data_digests(collection, state_dir: Path | None) -> dict[str, str]:
    """`data_digest` of every document of `collection`, from `.cache/archive/` where its file is unchanged."""
    digests = DataDigests(collection, state_dir)
    found = {doc.id: digests[doc.id] for doc in collection}
    digests.save()
    return found


class DataDigests(Mapping[str, str]):
    """`data_digest` of the documents of `collection`, each worked out when first asked for,
    from `.cache/archive/` where its file is unchanged; `save()` keeps them there.

    A document is what its file's bytes, its id and the data stage make of them (settings only
    decide whether it is valid), so that is the key, as in the load cache. Only a document with
    a published version (its data compared with it) or one given a new version needs its
    digest: a cold build without an archive serialises none (30-50 ms each otherwise).
    """

    def __init__(self, collection, state_dir: Path | None) -> None:
        self._collection, self._state_dir = collection, state_dir
        self._known = _load_state(state_dir, DIGESTS_STATE)
        self._entries: dict[str, list] = {}

    def __getitem__(self, doc_id: str) -> str:
        entry = self._entries.get(doc_id)
        if entry is None:
            if doc_id not in self._collection:
                raise KeyError(doc_id)
            source = self._collection.source(doc_id).read_bytes()
            key = hashlib.sha256(_salt() + doc_id.encode() + b"\0" + source).hexdigest()
            hit = self._known.get(doc_id)
            digest = hit[1] if isinstance(hit, list) and hit[:1] == [key] else data_digest(self._collection.by_id(doc_id))
            entry = self._entries[doc_id] = [key, digest]
        return entry[1]

    def __iter__(self) -> Iterator[str]:
        return (doc.id for doc in self._collection)

    def __len__(self) -> int:
        return sum(1 for _ in self._collection)

    def save(self) -> None:
        """Keep what was worked out, and what was known of the other documents still in the data."""
        kept = {doc.id: self._known[doc.id] for doc in self._collection if doc.id in self._known}
        _save_state(self._state_dir, DIGESTS_STATE, self._known, {**kept, **self._entries})


@cache
def _salt() -> bytes:
    return f"pydantic {version('pydantic')} pyyaml {version('pyyaml')} ".encode() + code_digest(*DIGEST_CODE)


def check_documents(collection, versions: Lock, digests: dict[str, str], lock_path: Path,
                    present: set[str] | None) -> list[Diagnostic]:
    """Errors for documents changed without a change note, clashing with a version's name, or gone.

    `present`: the ids of every data file read (valid or not); None when `collection` is not
    the whole data (one document, some files): then no document is taken as removed.
    """
    problems = []
    for doc in collection:
        clash = re.fullmatch(r"(.+)-v(\d+)", doc.id)
        if clash and int(clash[2]) >= 2 and (clash[1] in collection or clash[1] in versions):
            problems.append(error(collection.source(doc.id), f"编号 {doc.id} 与文件 {clash[1]} 的第 {int(clash[2])} 版 PDF"
                                  f"（pdf/{doc.id}.pdf）重名：请把数据文件改名，编号不要以“-v加数字”结尾",
                                  code="archive.id_clash"))
        doc_versions = versions.get(doc.id)
        if doc_versions and digests[doc.id] != doc_versions[-1].data_sha256 and not _noted(doc, doc_versions[-1]):
            latest = doc_versions[-1]
            source = collection.source(doc.id)
            problems.append(error(
                source, f"数据与已发布的第 {latest.number} 版 PDF（{cn_date(latest.date)}）不同，但没有新的更正说明。"
                        f"已发布的 PDF 不会被替换，这次改动将作为第 {latest.number + 1} 版发布：请在 changes: 中"
                        f"增加一条日期不早于 {cn_date(latest.date)} 的说明（date 和 note），写明改了什么",
                _key_line(source, "changes"), "changes", code="archive.change_without_note"))
    if present is not None:
        text = _read(lock_path)
        for doc_id, doc_versions in sorted(versions.items()):
            if doc_id in collection or doc_id in present:
                continue
            problems.append(error(
                lock_path, f"文件 {doc_id} 已发布过 {len(doc_versions)} 个版本的 PDF，但它的数据文件已不存在。"
                           f"已发布的文件不能悄悄删除：请恢复 {doc_id}.yml，要撤回请用“withdrawn:”（页面和 PDF 保留）；"
                           f"确需删除，请同时删去本文件中 {doc_id} 的记录和 archive/pdf/ 中它的 PDF，并在提交说明中写明原因",
                lock_line(text, doc_id), code="archive.document_removed"))
    return problems


def _noted(doc: Document, latest: Version) -> bool:
    """Whether `doc` carries a change note added since `latest` was locked, dated on or after it."""
    notes = change_notes(doc)
    return len(notes) > latest.changes and any(note.date >= latest.date for note in notes)


def _key_line(path: Path, key: str) -> int | None:
    """The line of a top-level `key:` in a data file, if it has one."""
    text = _read(path)
    match = re.search(rf"^{key}:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _load_state(state_dir: Path | None, name: str) -> dict[str, Any]:
    if state_dir is None:
        return {}
    try:
        state = json.loads((state_dir / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _save_state(state_dir: Path | None, name: str, old: dict, new: dict) -> None:
    if state_dir is None or new == old:
        return
    state_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(state_dir / name, json.dumps(new, separators=(",", ":")).encode())
