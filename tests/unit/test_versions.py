"""The archive's versions without rendering: the lock, the checks against it, where each version comes from."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.cli import main
from zhenggai.data import load_all
from zhenggai.pdf import archive as pdf_archive
from zhenggai.pdf import lock, records, verify, versions
from zhenggai.site import PdfLink, Renderer

DAY = dt.date(2026, 12, 1)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version(doc_id: str, number: int, data: bytes = b"%PDF-1", **changes) -> lock.Version:
    fields = dict(date=DAY, sha256=_sha(data), bytes=len(data), pages=2, data_sha256="d" * 64, changes=0,
                  cause="new" if number == 1 else "changed", note="")
    fields.update(changes)
    return lock.Version(doc_id, number, **fields)


def _archive_with(folder: Path, versions_by_id: dict[str, tuple[lock.Version, ...]], contents: dict[str, bytes]):
    """An archive folder holding `contents` (file name → bytes) and a lock listing `versions_by_id`."""
    (folder / "pdf").mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (folder / "pdf" / name).write_bytes(data)
    lock.write_lock(folder / lock.LOCK_FILE, versions_by_id)
    return folder


def _collection(tmp_path: Path, *ids: str):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for n, doc_id in enumerate(ids, 1):
        text = VALID_YAML.replace("2019-00001", f"2019-{n:05d}").replace("某某局", f"第{n}局")  # not duplicates
        (data / f"{doc_id}.yml").write_text(text, encoding="utf-8")
    return load_all([data]).collection


@pytest.fixture
def notes(tmp_path):
    """`notes(id, date, text)`: add a dated change note (`changes:`) to the data file of `id`
    made by `_collection`, and return the collection loaded again."""
    given: dict[str, list[tuple[dt.date, str]]] = {}

    def add(doc_id: str, date: dt.date, note: str):
        given.setdefault(doc_id, []).append((date, note))
        path = tmp_path / "data" / f"{doc_id}.yml"
        text = path.read_text(encoding="utf-8").split("changes:\n")[0]
        entries = "".join(f"  - date: {d.isoformat()}\n    note: {n}\n" for d, n in given[doc_id])
        path.write_text(f"{text}changes:\n{entries}", encoding="utf-8")
        return load_all([path.parent]).collection

    return add


def test_version_1_keeps_the_url_published_before_versions():
    assert lock.version_filename("sz-bgt-2019", 1) == "sz-bgt-2019.pdf"
    assert lock.version_filename("sz-bgt-2019", 2) == "sz-bgt-2019-v2.pdf"
    assert _version("a", 3).file == "pdf/a-v3.pdf"


def test_lock_reads_back_what_was_written_one_line_per_version(tmp_path):
    written = {"b": (_version("b", 1),), "a": (_version("a", 1), _version("a", 2, b"%PDF-2", note="更正标题"))}
    path = tmp_path / "versions.json"
    lock.write_lock(path, written)
    read, problems = lock.read_lock(path)
    assert problems == [] and read == written
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["format"] == lock.FORMAT
    assert text.index('"a"') < text.index('"b"')  # by id: two builds write the same file
    rows = [line for line in text.splitlines() if '"version":' in line]
    assert len(rows) == 3 and '"note": "更正标题"' in rows[1]  # a new version is a one-line diff
    assert lock.lock_line(text, "b") == text.splitlines().index('    "b": [') + 1


def test_no_lock_is_an_empty_archive(tmp_path):
    assert lock.read_lock(tmp_path / "versions.json") == ({}, [])


@pytest.mark.parametrize(("edit", "line", "says"), [
    (lambda t: t.replace('"version": 2', '"version": 3'), 4, "a: 第 2 项的 version 应为 2（版本从 1 起连续编号）"),
    (lambda t: t.replace("pdf/a-v2.pdf", "pdf/a.pdf"), 4, "a: 第 2 项的 file 应为 pdf/a-v2.pdf"),
    (lambda t: t.replace('"sha256": "', '"sha256": "X', 1), 4, "a: 第 1 项的 sha256 应为 64 位小写十六进制"),
    (lambda t: t.replace('"date": "2026-12-01"', '"date": "12/1"', 1), 4, "a: 第 1 项的 date 应为 2026-12-01 这样的日期"),
    (lambda t: t.replace('"cause": "new"', '"cause": "other"'), 4, "a: 第 1 项的 cause 应为 new、changed、rerendered 之一"),
    (lambda t: t.replace('"pages": 2', '"pages": 0', 1), 4, "a: 第 1 项的 pages 应为不小于 1 的整数"),
    (lambda t: t.replace('"note": ""', '"note": "", "extra": 1', 1), 4, "a: 第 1 项应恰好含有 version、file"),
    (lambda t: t.replace('"a": [', '"A a": ['), 4, "A a: 不是有效的文件编号"),
    (lambda t: t.replace("zhenggai-archive/1", "zhenggai-archive/9"), None, "格式不对：应为 zhenggai-archive/1"),
    (lambda t: t.replace("}\n", "", 1), 6, "不是有效的 JSON"),
])
def test_a_damaged_lock_stops_the_build_naming_the_line(tmp_path, edit, line, says):
    path = tmp_path / "versions.json"
    lock.write_lock(path, {"a": (_version("a", 1), _version("a", 2, b"%PDF-2"))})
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    _, problems = lock.read_lock(path)
    [problem] = problems
    assert (problem.code, problem.line, problem.is_error) == ("archive.lock_invalid", line, True)
    assert says in problem.message and "请从版本库恢复" in problem.message


def test_locked_files_are_verified_once_then_by_their_stat(tmp_path, monkeypatch):
    folder = _archive_with(tmp_path / "archive", {"a": (_version("a", 1, b"%PDF-one"),)}, {"a.pdf": b"%PDF-one"})
    state = tmp_path / "state"
    assert verify.verify_files(folder, lock.read_lock(folder / "versions.json")[0], state) == []
    versions_by_id = lock.read_lock(folder / "versions.json")[0]

    def no_hashing(path):
        raise AssertionError(f"hashed {path} again")

    monkeypatch.setattr(verify, "file_sha256", no_hashing)
    assert verify.verify_files(folder, versions_by_id, state) == []  # a warm build reads no PDF
    with pytest.raises(AssertionError, match="hashed"):
        verify.verify_files(folder, versions_by_id, state, full=True)  # `zhenggai archive verify` always hashes


@pytest.mark.parametrize(("damage", "code", "says"), [
    (lambda p: p.unlink(), "archive.file_missing", "已发布的第 1 版 PDF 不见了"),
    (lambda p: p.write_bytes(b"%PDF-two"), "archive.checksum_mismatch", "已发布的 PDF 不能改动或替换"),
    (lambda p: p.write_bytes(b"%PDF-longer"), "archive.checksum_mismatch", "记录的第 1 版不一致"),
])
def test_a_missing_or_altered_published_pdf_is_an_error(tmp_path, damage, code, says):
    folder = _archive_with(tmp_path / "archive", {"a": (_version("a", 1, b"%PDF-one"),)}, {"a.pdf": b"%PDF-one"})
    versions_by_id = lock.read_lock(folder / "versions.json")[0]
    state = tmp_path / "state"
    assert verify.verify_files(folder, versions_by_id, state) == []
    damage(folder / "pdf" / "a.pdf")
    [problem] = verify.verify_files(folder, versions_by_id, state)
    assert (problem.code, problem.path, problem.is_error) == (code, folder / "pdf" / "a.pdf", True)
    assert says in problem.message and "git checkout -- archive/" in problem.message


def test_a_file_the_lock_does_not_list_is_an_error(tmp_path):
    """A row lost in a bad merge: the file must not be taken for a new version's (issue 21 §3)."""
    folder = _archive_with(tmp_path / "archive", {"a": (_version("a", 1),)},
                           {"a.pdf": b"%PDF-1", "a-v2.pdf": b"x", ".a-v3.pdf.999999999.tmp": b"partial"})
    [problem] = verify.unlisted_files(folder, lock.read_lock(folder / "versions.json")[0])
    assert (problem.code, problem.path.name, problem.is_error) == ("archive.file_unlisted", "a-v2.pdf", True)
    assert "（git checkout -- archive/）；" in problem.message  # full-width punctuation in Chinese (audit 5 D9)
    # A temporary file of an interrupted write whose process is gone is removed, not reported.
    assert sorted(p.name for p in (folder / "pdf").iterdir()) == ["a-v2.pdf", "a.pdf"]


def test_an_edit_in_place_keeping_size_and_mtime_is_caught_without_archive_verify(tmp_path):
    folder = _archive_with(tmp_path / "archive", {"a": (_version("a", 1, b"%PDF-one"),)}, {"a.pdf": b"%PDF-one"})
    versions_by_id = lock.read_lock(folder / "versions.json")[0]
    state = tmp_path / "state"
    assert verify.verify_files(folder, versions_by_id, state) == []  # its stat is remembered
    target = folder / "pdf" / "a.pdf"
    before = target.stat()
    with target.open("r+b") as file:  # same inode, same size
        file.write(b"%PDF-two")
    import os
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    [problem] = verify.verify_files(folder, versions_by_id, state)
    assert problem.code == "archive.checksum_mismatch"


def _recording(tmp_path: Path, existing: bytes | None):
    folder = _archive_with(tmp_path / "archive", {"a": (_version("a", 1, b"%PDF-one"),)}, {"a.pdf": b"%PDF-one"})
    if existing is not None:
        (folder / "pdf" / "a-v2.pdf").write_bytes(existing)
    source = tmp_path / "new.pdf"
    source.write_bytes(b"%PDF-two")
    archive = versions.Archive(folder, lock.read_lock(folder / "versions.json")[0], {}, DAY)
    return folder, archive, source


def test_recording_never_writes_over_an_existing_file(tmp_path):
    folder, archive, source = _recording(tmp_path, b"%PDF-someone-elses")
    with pytest.raises(Exception) as caught:
        archive.record([_version("a", 2, b"%PDF-two")], {"a-v2.pdf": source})
    assert "不会被覆盖" in str(caught.value)
    assert (folder / "pdf" / "a-v2.pdf").read_bytes() == b"%PDF-someone-elses"
    assert [v.number for v in lock.read_lock(folder / "versions.json")[0]["a"]] == [1]


def test_recorded_pdfs_are_copies_checked_against_their_digest(tmp_path):
    folder, archive, source = _recording(tmp_path, None)
    archive.record([_version("a", 2, b"%PDF-two")], {"a-v2.pdf": source})
    recorded = folder / "pdf" / "a-v2.pdf"
    assert recorded.read_bytes() == b"%PDF-two" and recorded.stat().st_ino != source.stat().st_ino
    assert [v.number for v in lock.read_lock(folder / "versions.json")[0]["a"]] == [1, 2]
    # Bytes that are not what was rendered are not recorded.
    folder, archive, source = _recording(tmp_path / "again", None)
    with pytest.raises(Exception) as caught:
        archive.record([_version("a", 2, b"%PDF-rendered")], {"a-v2.pdf": source})
    assert "SHA-256" in str(caught.value) and not (folder / "pdf" / "a-v2.pdf").exists()
    assert [v.number for v in lock.read_lock(folder / "versions.json")[0]["a"]] == [1]


def test_data_digests_are_the_published_yaml_and_kept_while_the_file_is_unchanged(tmp_path, monkeypatch):
    collection = _collection(tmp_path, "a", "b")
    state = tmp_path / "state"
    first = verify.data_digests(collection, state)
    assert first["a"] == _sha(verify.published_yaml(collection.by_id("a")))

    def no_dump(doc):
        raise AssertionError(f"serialised {doc.id} again")

    monkeypatch.setattr(verify, "data_digest", no_dump)
    assert verify.data_digests(collection, state) == first
    path = collection.source("b")
    path.write_text(path.read_text(encoding="utf-8") + "# 注释\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="serialised b again"):
        verify.data_digests(load_all([path.parent]).collection, state)


def test_opening_an_archive_serialises_only_the_documents_it_has_published(tmp_path, monkeypatch):
    """A cold build with no archive (the benchmark's) serialised every document's YAML for a
    digest nothing compared (issue 25: most of the load's time); a new version still gets it."""
    collection = _collection(tmp_path, "a", "b")
    locked = {"a": (_version("a", 1, data_sha256=verify.data_digest(collection.by_id("a"))),)}
    lock.write_lock(tmp_path / "archive" / "versions.json", locked)
    serialised = []
    real = verify.data_digest
    monkeypatch.setattr(verify, "data_digest", lambda doc: serialised.append(doc.id) or real(doc))
    archive, problems = versions.open_archive(tmp_path, collection, DAY, tmp_path / "state", present={"a", "b"})
    assert "archive.change_without_note" not in {p.code for p in problems} and serialised == ["a"]  # its PDF is not made here
    assert archive.needs_version("b") and not archive.needs_version("a") and serialised == ["a"]
    assert archive.digests["b"] == real(collection.by_id("b")) and serialised == ["a", "b"]


def _checked(tmp_path, collection, locked, present=None):
    digests = verify.data_digests(collection, None)
    path = tmp_path / "archive" / "versions.json"
    lock.write_lock(path, locked)
    return verify.check_documents(collection, locked, digests, path, present)


def test_a_changed_document_needs_a_new_change_note(tmp_path, notes):
    collection = _collection(tmp_path, "a", "b")
    locked = {"a": (_version("a", 1, date=dt.date(2026, 12, 5)),),
              "b": (_version("b", 1, data_sha256=verify.data_digest(collection.by_id("b"))),)}
    [problem] = _checked(tmp_path, collection, locked)
    assert (problem.code, problem.path, problem.field) == ("archive.change_without_note", collection.source("a"), "changes")
    assert problem.message == (
        "数据与已发布的第 1 版 PDF（2026年12月5日）不同，但没有新的更正说明。已发布的 PDF 不会被替换，"
        "这次改动将作为第 2 版发布：请在 changes: 中增加一条日期不早于 2026年12月5日 的说明（date 和 note），写明改了什么"
    )
    collection = notes("a", dt.date(2026, 12, 4), "早于第 1 版的说明不算")
    assert [p.code for p in _checked(tmp_path, collection, locked)] == ["archive.change_without_note"]
    collection = notes("a", dt.date(2026, 12, 5), "更正了标题")
    assert _checked(tmp_path, collection, locked) == []
    # The notes the data held when a version was locked do not count for the next change.
    relocked = {**locked, "a": (_version("a", 1, date=dt.date(2026, 12, 5), changes=2),)}
    assert [p.code for p in _checked(tmp_path, collection, relocked)] == ["archive.change_without_note"]


def test_the_change_note_error_names_the_line_of_changes(tmp_path):
    collection = _collection(tmp_path, "a")
    path = collection.source("a")
    path.write_text(path.read_text(encoding="utf-8") + "changes: []\n", encoding="utf-8")
    assert verify._key_line(path, "changes") == VALID_YAML.count("\n") + 1


def test_a_published_document_cannot_silently_leave_the_data(tmp_path):
    collection = _collection(tmp_path, "a")
    locked = {"a": (_version("a", 1, data_sha256=verify.data_digest(collection.by_id("a"))),),
              "gone": (_version("gone", 1), _version("gone", 2))}
    [problem] = _checked(tmp_path, collection, locked, present={"a"})
    assert (problem.code, problem.path.name, problem.line) == ("archive.document_removed", "versions.json", 7)
    assert problem.message.startswith("文件 gone 已发布过 2 个版本的 PDF，但它的数据文件已不存在。")
    assert "withdrawn:" in problem.message
    assert _checked(tmp_path, collection, locked, present={"a", "gone"}) == []  # there, but invalid: said elsewhere
    assert _checked(tmp_path, collection, locked, present=None) == []  # only some files were read


def test_an_id_may_not_take_the_name_of_another_documents_version(tmp_path):
    collection = _collection(tmp_path, "a", "a-v2", "b-v1")
    problems = _checked(tmp_path, collection, {})
    assert [(p.code, p.path.name) for p in problems] == [("archive.id_clash", "a-v2.yml")]
    assert "pdf/a-v2.pdf" in problems[0].message


def _entry(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / "cache" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return pdf_archive.CacheEntry(path, 3, len(data), _sha(data))


def test_place_keeps_published_versions_and_adds_one_for_changed_data(tmp_path, notes):
    _collection(tmp_path, "a", "b", "c")
    notes("b", dt.date(2026, 12, 3), "旧说明")
    collection = notes("b", dt.date(2026, 12, 6), "更正了第二部分")
    digests = verify.data_digests(collection, None)
    locked = {"a": (_version("a", 1, data_sha256=digests["a"]),), "b": (_version("b", 1),)}
    archive = versions.Archive(tmp_path / "archive", locked, digests, dt.date(2026, 12, 7))
    assert [archive.needs_version(i) for i in ("a", "b", "c")] == [False, True, True]
    entries = {"b": _entry(tmp_path, "b.pdf", b"%PDF-b2"), "c": _entry(tmp_path, "c.pdf", b"%PDF-c1")}
    placed, files = archive.place(collection, entries, rendered={"c"})
    assert {name: path.parent.name for name, path in files.items()} == {
        "a.pdf": "pdf", "b.pdf": "pdf", "b-v2.pdf": "cache", "c.pdf": "cache"}
    rows = [(r.filename, r.version, r.latest, r.cause, r.note, r.rendered, r.pending is not None) for r in placed]
    assert sorted(rows) == [
        ("a.pdf", 1, True, "new", "", False, False),
        ("b-v2.pdf", 2, True, "changed", "更正了第二部分", False, True),
        ("b.pdf", 1, False, "new", "", False, False),
        ("c.pdf", 1, True, "new", "", True, True),
    ]
    new_b = next(r.pending for r in placed if r.filename == "b-v2.pdf")
    assert (new_b.date, new_b.changes, new_b.data_sha256, new_b.sha256) == (
        dt.date(2026, 12, 7), 2, digests["b"], _sha(b"%PDF-b2"))
    [b1, b2] = [r for r in placed if r.id == "b"]  # oldest first
    assert (b1.version, b2.version) == (1, 2)


def test_record_writes_the_pdfs_then_the_lock(tmp_path):
    collection = _collection(tmp_path, "a")
    digests = verify.data_digests(collection, None)
    archive = versions.Archive(tmp_path / "archive", {}, digests, DAY, state_dir=tmp_path / "state")
    placed, files = archive.place(collection, {"a": _entry(tmp_path, "a.pdf", b"%PDF-a")}, set())
    archive.record([r.pending for r in placed], files)
    assert (tmp_path / "archive" / "pdf" / "a.pdf").read_bytes() == b"%PDF-a"
    read, problems = lock.read_lock(tmp_path / "archive" / "versions.json")
    assert problems == [] and read == {"a": (placed[0].pending,)}
    # What was just written counts as verified: the next build does not hash it.
    known = json.loads((tmp_path / "state" / verify.FILES_STATE).read_text(encoding="utf-8"))
    assert known["pdf/a.pdf"][-1] == _sha(b"%PDF-a")


@pytest.mark.parametrize(("commit_date", "latest", "note_dates", "expected"), [
    (dt.date(2026, 12, 7), None, (), dt.date(2026, 12, 7)),  # the commit's date
    (None, None, (), dt.date(2019, 3, 18)),  # no git: version 1 takes the 发布日期
    (None, dt.date(2026, 12, 1), (dt.date(2026, 12, 3), dt.date(2026, 12, 2)), dt.date(2026, 12, 3)),  # the newest note
    (dt.date(2026, 11, 30), dt.date(2026, 12, 1), (dt.date(2026, 12, 3),), dt.date(2026, 12, 1)),  # never back in time
])
def test_the_date_of_a_new_version(tmp_path, notes, commit_date, latest, note_dates, expected):
    collection = _collection(tmp_path, "a")
    for date in note_dates:
        collection = notes("a", date, "说明")
    locked = {"a": (_version("a", 1, date=latest),)} if latest else {}
    archive = versions.Archive(tmp_path, locked, verify.data_digests(collection, None), commit_date)
    assert archive.new_version(collection.by_id("a"), _entry(tmp_path, "a.pdf", b"x")).date == expected


def _fully_archived(tmp_path):
    """A collection of one document, "a", and an archive holding its one published version."""
    collection = _collection(tmp_path, "a")
    digests = verify.data_digests(collection, None)
    folder = _archive_with(tmp_path / "archive", {"a": (_version("a", 1, b"%PDF-a", data_sha256=digests["a"]),)},
                           {"a.pdf": b"%PDF-a"})
    return collection, versions.Archive(folder, lock.read_lock(folder / "versions.json")[0], digests, DAY)


def test_a_fully_archived_build_neither_checks_fonts_nor_renders(tmp_path, monkeypatch):
    collection, archive = _fully_archived(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF stage rendered or looked for fonts")

    for name in ("check_fonts", "_render_all", "pdf_environment"):
        monkeypatch.setattr(pdf_archive, name, refuse)
    placed = pdf_archive.write_pdfs(collection, tmp_path / "out", tmp_path / "cache", archive=archive)
    assert [(r.filename, r.rendered) for r in placed] == [("a.pdf", False)]
    # The published PDF stays in the archive, unlinked: the site gets a checked copy of it.
    assert not (tmp_path / "out" / "a.pdf").exists()


def test_with_an_archive_the_pdf_stage_never_reads_the_clock(tmp_path, monkeypatch):
    """A version's day is the archive's (the build's clock, handed down): the engine's process,
    which has no SOURCE_DATE_EPOCH of a build of a commit, read the machine's time for nothing."""
    collection, archive = _fully_archived(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF stage read the clock")

    monkeypatch.setattr(pdf_archive, "read_clock", refuse)
    placed = pdf_archive.write_pdfs(collection, tmp_path / "out", tmp_path / "cache", archive=archive)
    assert [r.filename for r in placed] == ["a.pdf"]


def test_manifests_list_every_version(tmp_path):
    collection = _collection(tmp_path, "a")
    doc = collection.by_id("a")
    one = _version("a", 1, b"%PDF-1")
    two = _version("a", 2, b"%PDF-22", date=dt.date(2026, 12, 5), note="更正标题")
    rows = [records.version_record(doc, one, latest=False, pending=False, rendered=False),
            records.version_record(doc, two, latest=True, pending=True, rendered=True)]
    records.write_manifests(rows, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["count"], manifest["versions"]) == ("zhenggai-pdf-manifest/2", 1, 2)
    assert [(r["filename"], r["version"], r["latest"], r["version_date"], r["cause"], r["note"], r["sha256"])
            for r in manifest["documents"]] == [
        ("a.pdf", 1, False, "2026-12-01", "new", None, _sha(b"%PDF-1")),
        ("a-v2.pdf", 2, True, "2026-12-05", "changed", "更正标题", _sha(b"%PDF-22")),
    ]
    table = list(csv.DictReader((tmp_path / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["filename"], r["latest"], r["data_sha256"]) for r in table] == [
        ("a.pdf", "false", "d" * 64), ("a-v2.pdf", "true", "d" * 64)]


def test_manifest_csv_cells_are_never_formulas(tmp_path):
    """manifest.csv is written as the open data's CSVs are: a formula in the data is text to a spreadsheet."""
    data = tmp_path / "data"
    data.mkdir()
    hostile = VALID_YAML.replace("title: 中共某某局党组关于巡察整改情况的通报", "title: '=HYPERLINK(\"http://x\",\"点此\")'")
    (data / "a.yml").write_text(hostile, encoding="utf-8")
    doc = load_all([data]).collection.by_id("a")
    version = _version("a", 1, b"%PDF-1", note="-2+3 更正")
    records.write_manifests([records.version_record(doc, version, latest=True, pending=False, rendered=False)], tmp_path)
    raw = (tmp_path / "manifest.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.endswith(b"\r\n")
    [row] = csv.DictReader(raw.decode("utf-8-sig").splitlines())
    assert row["title"] == '\'=HYPERLINK("http://x","点此")'
    assert row["note"] == "'-2+3 更正" and row["version"] == "1" and row["latest"] == "true"
    listed = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["documents"][0]
    assert listed["title"] == '=HYPERLINK("http://x","点此")'  # the JSON keeps the text as it is


def test_pages_link_the_latest_version_and_list_the_earlier_ones(tmp_path):
    collection = _collection(tmp_path, "a")
    doc = collection.by_id("a")
    one = records.version_record(doc, _version("a", 1, b"%PDF-1"), latest=False, pending=False, rendered=False)
    two = records.version_record(doc, _version("a", 2, b"%PDF-22", date=dt.date(2026, 12, 5), note="更正标题"),
                                 latest=True, pending=False, rendered=False)
    earlier = PdfLink("a.pdf", 6, 2, 1, DAY)
    renderer = Renderer(collection, {"a": PdfLink("a-v2.pdf", 7, 2, 2, dt.date(2026, 12, 5), (earlier,))}, [one, two])
    page = renderer.document_page(doc).body
    assert 'href="../../pdf/a-v2.pdf" download>下载归档 PDF：a-v2.pdf' in page
    assert "当前为第 2 版（2026年12月5日发布）" in page
    assert '<a href="../../pdf/a.pdf" download>第 1 版：a.pdf</a>（2026年12月1日发布，1 KB）' in page
    archive_page = next(p for p in renderer.site_pages() if p.path == "archive/").body
    assert archive_page.index("a-v2.pdf") < archive_page.index('"../pdf/a.pdf"')  # the current version first
    assert 'rowspan="2"' in archive_page and "第 2 版（现行）" in archive_page and "数据更正：更正标题" in archive_page
    assert _sha(b"%PDF-1") in archive_page and _sha(b"%PDF-22") in archive_page



def _project_with_one_published(tmp_path: Path, monkeypatch) -> Path:
    """A project (cwd) of documents a and b; a is published as version 1, b never was."""
    collection = _collection(tmp_path, "a", "b")
    digest = verify.data_digest(collection.by_id("a"))
    _archive_with(tmp_path / "archive", {"a": (_version("a", 1, b"%PDF-a", data_sha256=digest),)}, {"a.pdf": b"%PDF-a"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_archive_status_says_what_the_next_build_adds(tmp_path, monkeypatch, capsys):
    _project_with_one_published(tmp_path, monkeypatch)
    assert main(["archive", "status"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "a: 已发布 1 个版本，现行第 1 版（2026年12月1日，a.pdf）" in out
    assert "b: 尚未发布 PDF，下次发布时生成第 1 版" in out
    assert out[-1] == "2 份文件，已发布 1 个 PDF 版本，下次发布将新增 1 个；0 个错误"


def test_archive_verify_hashes_every_published_pdf(tmp_path, monkeypatch, capsys):
    project = _project_with_one_published(tmp_path, monkeypatch)
    assert main(["archive", "verify"]) == 0
    assert capsys.readouterr().out == "已核对 1 个已发布的 PDF：全部与 archive/versions.json 记录的 SHA-256 一致\n"
    (project / "archive" / "pdf" / "a.pdf").write_bytes(b"%PDF-b")
    assert main(["archive", "verify"]) == 1
    assert "archive/pdf/a.pdf: 内容与 archive/versions.json 记录的第 1 版不一致" in capsys.readouterr().out


def test_archive_verify_reports_a_file_without_its_row(tmp_path, monkeypatch, capsys):
    """A row lost in a bad merge or a hand edit: before, verify said every PDF matched, exit 0,
    while the build refused to publish (archive.file_unlisted; issue 21 §3)."""
    project = _project_with_one_published(tmp_path, monkeypatch)
    (project / "archive" / "versions.json").write_text('{"format": "zhenggai-archive/1", "documents": {}}\n',
                                                       encoding="utf-8")
    assert main(["archive", "verify"]) == 1
    out, err = capsys.readouterr()
    assert "archive/pdf/a.pdf: 不在 archive/versions.json 中" in out
    assert "全部与" not in out and "1 个问题" in err


@pytest.mark.parametrize(("argv", "says"), [
    (["archive", "rerender", "a"], "缺少参数：--reason"),
    (["archive", "rerender", "a", "--reason", "  "], "--reason 不能为空"),
    (["archive", "rerender", "nope", "--reason", "字体"], "没有编号为 nope 的文件"),
    (["archive", "rerender", "b", "--reason", "字体"], "b 还没有发布过 PDF：运行 zhenggai build 即生成第 1 版"),
])
def test_rerender_refuses_what_it_cannot_do(tmp_path, monkeypatch, capsys, argv, says):
    project = _project_with_one_published(tmp_path, monkeypatch)
    assert main(argv) == 2
    assert says in capsys.readouterr().err
    assert sorted(p.name for p in (project / "archive" / "pdf").iterdir()) == ["a.pdf"]


def test_validate_reports_a_change_without_a_note(tmp_path, monkeypatch, capsys):
    """`zhenggai validate` runs the build's archive checks: the error shows before a build."""
    project = _project_with_one_published(tmp_path, monkeypatch)
    assert main(["validate"]) == 0
    capsys.readouterr()
    source = project / "data" / "a.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "a.yml: changes: 数据与已发布的第 1 版 PDF（2026年12月1日）不同，但没有新的更正说明" in out
    assert out.splitlines()[-1] == "2 个文件，1 个错误，0 个警告"
    source.write_text(source.read_text(encoding="utf-8") + "changes:\n  - date: 2026-12-01\n    note: 更正措辞\n",
                      encoding="utf-8")
    assert main(["validate"]) == 0


def test_validate_of_some_files_does_not_take_the_others_as_removed(tmp_path, monkeypatch, capsys):
    project = _project_with_one_published(tmp_path, monkeypatch)
    (project / "data" / "a.yml").unlink()
    assert main(["validate", "data/b.yml"]) == 0
    assert main(["validate"]) == 1
    assert "文件 a 已发布过 1 个版本的 PDF，但它的数据文件已不存在" in capsys.readouterr().out


def test_a_withdrawal_is_no_change_of_the_published_notice(tmp_path, notes):
    """撤回 needs no change note and publishes no new version: the archived PDF stays as published."""
    collection = _collection(tmp_path, "a")
    digest = verify.data_digest(collection.by_id("a"))
    locked = {"a": (_version("a", 1, data_sha256=digest, date=dt.date(2026, 12, 1)),)}
    source = collection.source("a")
    original = source.read_text(encoding="utf-8")
    source.write_text(original + "withdrawn:\n  date: 2026-12-02\n  reason: 内容有误，已另行发布\n", encoding="utf-8")
    withdrawn = load_all([source.parent]).collection
    assert withdrawn.by_id("a").withdrawn is not None
    assert verify.data_digest(withdrawn.by_id("a")) == digest
    assert _checked(tmp_path, withdrawn, locked) == []
    archive = versions.Archive(tmp_path / "archive", locked, verify.data_digests(withdrawn, None), DAY)
    assert not archive.needs_version("a")
    # Any other change beside it is a change, and needs its note as always.
    source.write_text(source.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    changed = load_all([source.parent]).collection
    assert [p.code for p in _checked(tmp_path, changed, locked)] == ["archive.change_without_note"]
