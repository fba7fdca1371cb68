"""The archive never changes silently: the PDF bytes each document has published, and what a build adds.

`open_archive()` reads the lock (`archive/versions.json`, lock.py), checks the archived files
and the data against it (verify.py) and returns an `Archive`. `write_pdfs(..., archive=)`
asks it which documents need a new version (`needs_version`: no version yet, data changed,
or staff asked for a new rendering), renders only those, and has it `place` every version in
the output: the published ones from `archive/pdf/`, the new ones from the PDF cache. A font,
template or library upgrade therefore renders nothing that was published.

`record_versions()` writes new versions into the project — each PDF copied (never linked, never
over an existing file, its SHA-256 checked), then the lock — for staff to commit. It runs at
one moment only: in `zhenggai build`, after a publishing build's site is in place
(build/publish.py); and when staff ask for it, `zhenggai archive rerender`. Previews show new
versions without recording them. A build of a fresh clone whose new versions were not
committed yet gives the same site: their bytes are rendered from the same data, and their date
is the date of the commit built.

`check_archive()` runs the same checks for `zhenggai validate`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..data.diagnostics import Diagnostic, warning
from ..errors import ZhenggaiError
from ..fs import copy_file, describe_os_error, file_sha256, write_atomic
from ..log import checkpoint
from ..model import Document
from ..process import alive
from .lock import ARCHIVE_DIR, LOCK_FILE, PDF_DIR, Lock, Version, read_lock, write_lock
from .records import PdfRecord, version_record
from .verify import DataDigests, change_notes, check_documents, remember_files, unlisted_files, verify_files

STATE_DIR = "archive"  # under the project's .cache/
RECORDING = "recording.json"  # in it: the files `record_versions` is writing, until the lock lists them


class Archive:
    """The published versions of every document, and the date new versions of this build get."""

    def __init__(self, folder: Path, versions: Lock, digests: Mapping[str, str], date: dt.date | None,
                 reasons: Mapping[str, str] | None = None, state_dir: Path | None = None) -> None:
        self.folder = folder  # the project's archive/
        self.versions = dict(versions)
        # The data digest of every document being built (verify.DataDigests: worked out when asked).
        self.digests = digests if isinstance(digests, DataDigests) else dict(digests)
        # The date of the commit built; None outside git (new versions then take dates from the data).
        self.date = date
        self.reasons = dict(reasons or {})  # documents to render again though unchanged: id → reason
        self.state_dir = state_dir

    @property
    def lock_path(self) -> Path:
        return self.folder / LOCK_FILE

    def latest(self, doc_id: str) -> Version | None:
        versions = self.versions.get(doc_id)
        return versions[-1] if versions else None

    def needs_version(self, doc_id: str) -> bool:
        """Whether the build must render `doc_id`: it was never published, its data changed, or staff asked."""
        latest = self.latest(doc_id)
        return latest is None or doc_id in self.reasons or latest.data_sha256 != self.digests[doc_id]

    def rerendering(self, reasons: Mapping[str, str]) -> Archive:
        """This archive, with `reasons` (id → why) for documents to publish a new rendering of."""
        return Archive(self.folder, self.versions, self.digests, self.date, {**self.reasons, **reasons}, self.state_dir)

    def version_date(self, doc: Document) -> dt.date:
        """The date the version this build would add for `doc` gets (also the date its PDF says it was made)."""
        return self._date(doc, self.latest(doc.id), change_notes(doc))

    def new_version(self, doc: Document, entry) -> Version:
        """The version this build adds for `doc`, whose PDF is the cache `entry`."""
        latest = self.latest(doc.id)
        notes = change_notes(doc)
        if latest is None:
            cause, note = "new", ""
        elif doc.id in self.reasons:
            cause, note = "rerendered", self.reasons[doc.id]
        else:
            newest = max(reversed(notes), key=lambda n: n.date) if notes else None  # the last of the newest day
            cause, note = "changed", newest.note if newest else ""
        return Version(
            doc.id, latest.number + 1 if latest else 1, self._date(doc, latest, notes), entry.sha256,
            entry.bytes, entry.pages, self.digests[doc.id], len(notes), cause, note,
        )

    def _date(self, doc: Document, latest: Version | None, notes: Sequence) -> dt.date:
        if self.date is not None:
            date = self.date
        elif latest is None:
            date = doc.metadata.published
        else:  # no commit date: the newest change note's, else the version it follows
            date = max((n.date for n in notes), default=latest.date)
        return max(date, latest.date) if latest else date  # versions never go back in time

    def place(self, documents: Iterable[Document], entries: Mapping, rendered: set[str]) -> tuple[list[PdfRecord], dict[str, Path]]:
        """Every version of every document: its record, and where its PDF is (file name → path)."""
        records: list[PdfRecord] = []
        files: dict[str, Path] = {}
        for doc in documents:
            published = self.versions.get(doc.id, ())
            for v in published:
                files[v.filename] = self.folder / v.file
            new = self.new_version(doc, entries[doc.id]) if self.needs_version(doc.id) else None
            if new is not None:
                files[new.filename] = entries[doc.id].path
            every = [*published, *([new] if new else [])]
            for v in every:
                records.append(version_record(doc, v, latest=v is every[-1], pending=v is new,
                                              rendered=v is new and doc.id in rendered))
        if isinstance(self.digests, DataDigests):
            self.digests.save()  # with those of the new versions, for the next build's comparison
        return records, files

    def record(self, new: Sequence[Version], sources: Mapping[str, Path]) -> list[Path]:
        """Write the `new` versions into the archive (see `record_versions`)."""
        written = record_versions(self.folder, new, sources, self.state_dir)
        for v in new:
            self.versions[v.doc_id] = (*self.versions.get(v.doc_id, ()), v)
        return written


class RecordError(ZhenggaiError):
    """New versions could not be written into the archive; the message says why, in Chinese."""

    code = "archive.record_failed"


def record_versions(folder: Path, new: Sequence[Version], sources: Mapping[str, Path],
                    state_dir: Path | None = None) -> list[Path]:
    """Write the `new` versions into the archive `folder`: each PDF from `sources` (by file name),
    then the lock. Raises RecordError, leaving the archive as it was.

    A PDF is copied, never linked (damage to the site's or the cache's file cannot reach the
    archive), never written over an existing file, and its SHA-256 checked against the version's;
    the lock is written last, so it never lists a file that is not there. A file of the same
    name with the same bytes is taken as this version's (an earlier record of it was interrupted
    before the lock was written); any other is never touched.
    """
    if not new:
        return []
    versions, problems = read_lock(folder / LOCK_FILE)
    if problems:
        raise RecordError(problems[0].message)
    for v in new:
        if len(versions.get(v.doc_id, ())) != v.number - 1:
            raise RecordError(f"{ARCHIVE_DIR}/{LOCK_FILE} 在构建期间被改动（{v.doc_id} 已有 "
                              f"{len(versions.get(v.doc_id, ()))} 个版本，这次要记录的是第 {v.number} 版）：请重新构建")
    written: list[Path] = []
    journal = _journal(state_dir)
    try:
        (folder / PDF_DIR).mkdir(parents=True, exist_ok=True)
        if journal is not None:  # what to undo if this process is killed before the lock is written
            journal.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(journal, json.dumps({"pid": os.getpid(), "files": [v.file for v in new]}).encode())
        for v in new:
            if _place(folder / v.file, sources[v.filename], v):
                written.append(folder / v.file)
                checkpoint("record-file")
        updated = {**versions}
        for v in new:
            updated[v.doc_id] = (*updated.get(v.doc_id, ()), v)
        write_lock(folder / LOCK_FILE, updated)
        if journal is not None:
            journal.unlink(missing_ok=True)
    except OSError as exc:
        _undo(written, journal)
        raise RecordError(f"无法把新的 PDF 版本写入 {folder}（{describe_os_error(exc)}）："
                          f"写了一半的文件已删除，{ARCHIVE_DIR}/ 保持原样") from None
    except BaseException:
        _undo(written, journal)
        raise
    remember_files(folder, new, state_dir)
    return written


def recover_record(folder: Path, state_dir: Path | None) -> list[str]:
    """Undo what a killed `record_versions` left: the files it had copied but not yet listed.

    They belong to no recorded version (the lock is written last); the build that was killed
    had published them, and the next publishing build of the same commit records the same
    bytes again. Returns the files removed (relative to `folder`).
    """
    journal = _journal(state_dir)
    try:
        raw = json.loads(journal.read_text(encoding="utf-8")) if journal is not None else None
    except (OSError, ValueError):
        raw = None
    if not isinstance(raw, dict) or alive(int(raw.get("pid", 0))):
        return []
    versions, problems = read_lock(folder / LOCK_FILE)
    if problems:
        return []
    listed = {v.file for doc_versions in versions.values() for v in doc_versions}
    removed = [name for name in raw.get("files", []) if isinstance(name, str) and name not in listed
               and re.fullmatch(rf"{PDF_DIR}/[a-z0-9][a-z0-9_-]*(-v\d+)?\.pdf", name) and (folder / name).is_file()]
    for name in removed:
        (folder / name).unlink()
    journal.unlink(missing_ok=True)
    return removed


def interrupted_message() -> str:
    """What staff are told of a file `recover_record` removed."""
    return "上次发布记录 PDF 版本时被中断，这个文件还没有记入 versions.json，已删除；下次发布会重新记录同样的版本"


def _journal(state_dir: Path | None) -> Path | None:
    return state_dir / RECORDING if state_dir is not None else None


def _place(target: Path, source: Path, v: Version) -> bool:
    """Copy `source` to `target` as version `v`; False when `target` already holds exactly it."""
    if target.exists():
        if file_sha256(target) == v.sha256:
            return False
        raise RecordError(f"{target} 已存在，但不是这次要记录的第 {v.number} 版：已有的归档文件不会被覆盖。"
                          f"请从版本库恢复 {ARCHIVE_DIR}/（git checkout -- archive/）")
    digest = copy_file(source, target, durable=True)
    if digest != v.sha256:
        target.unlink(missing_ok=True)
        raise RecordError(f"{source} 的 SHA-256 与渲染时记下的不同（应为 {v.sha256[:16]}…）："
                          "文件在构建期间被改动，未写入归档")
    return True


def _undo(written: Sequence[Path], journal: Path | None) -> None:
    for path in written:
        path.unlink(missing_ok=True)
    if journal is not None:
        journal.unlink(missing_ok=True)


def open_archive(root: Path, collection, date: dt.date | None, state_dir: Path | None = None,
                 present: set[str] | None = None) -> tuple[Archive, list[Diagnostic]]:
    """The archive of the project at `root` for `collection`, and what is wrong with it or the data.

    `state_dir` keeps what was verified before (default: the project's `.cache/archive/`);
    `present`: the ids of every data file read, valid or not (None: `collection` is not the
    whole data, so no document counts as removed). Errors mean nothing may be published.
    """
    folder = root / ARCHIVE_DIR
    state_dir = state_dir if state_dir is not None else root / ".cache" / STATE_DIR
    recovered = [warning(folder / name, interrupted_message(), code="archive.record_interrupted")
                 for name in recover_record(folder, state_dir)]
    versions, problems = read_lock(folder / LOCK_FILE)
    if problems:  # what was published is unknown: nothing else can be judged
        return Archive(folder, {}, {}, date, state_dir=state_dir), recovered + problems
    problems = recovered + problems + verify_files(folder, versions, state_dir)
    problems += unlisted_files(folder, versions)
    digests = DataDigests(collection, state_dir)
    problems += check_documents(collection, versions, digests, folder / LOCK_FILE, present)
    digests.save()
    return Archive(folder, versions, digests, date, state_dir=state_dir), problems


def check_archive(root: Path, result, complete: bool = True) -> tuple[Diagnostic, ...]:
    """The archive's diagnostics for `zhenggai validate`: `result` is its `LoadResult`.

    `complete`: whether `result` read the whole data folder (not some files named on the
    command line); only then is a published document missing from it an error.
    """
    present = {path.stem for path in result.files} if complete else None
    return tuple(open_archive(root, result.collection, None, present=present)[1])
