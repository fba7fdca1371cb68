"""Read the data files, validate them, run the cross-file checks: `data/` → `LoadResult`.

`zhenggai validate` and the site build both call `load_all()`, so there is one validator.
Every file is read and every problem collected before anything is reported.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..clock import Clock, read_clock
from ..fs import describe_os_error
from ..model import ID_PATTERN, Document, half_width
from ..process import can_fork, fewer_collections, forked, spare_cores
from . import diagnostics as diag
from .cache import LoadCache
from .checks import (
    FileRecord, check_careless, check_declared, check_future, check_index_no_format, check_punctuation,
    check_unique_ids, check_unique_index_nos,
)
from .collection import Collection, LoadResult
from .config import Settings, load_settings
from .diagnostics import Diagnostic
from .duplicates import check_duplicates, text_digests
from .glyphs import check_glyphs, undrawn
from .raw_checks import check_raw, id_problems
from .rounds import check_rounds, is_round_file, load_round, nested_round
from .series import check_series
from .source import VALUE_REPORTED, Loc, dotted, line_of, parse

MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".yml", ".yaml")


def load_all(
    paths: Sequence[Path] | None = None,
    settings: Settings | None = None,
    cache_dir: Path | None = None,
    clock: Clock | None = None,
    workers: bool = True,
) -> LoadResult:
    """Load every data file under `paths` (default: the configured data folder) and check them together.

    With `cache_dir`, files whose bytes were loaded before are not parsed again (see data/cache.py).
    Many files to read are shared with a forked worker on a second core (`workers=False`: never).
    A date after the day of `clock` (default: SOURCE_DATE_EPOCH's, else today) is an error.
    """
    with fewer_collections():
        return _load_all(paths, settings or load_settings(Path()), cache_dir, clock or read_clock(), workers)


def _load_all(paths: Sequence[Path] | None, settings: Settings, cache_dir: Path | None, clock: Clock,
              workers: bool) -> LoadResult:
    files, diagnostics = find_files(paths if paths is not None else [settings.data_dir])
    cache = LoadCache(cache_dir) if cache_dir else None
    round_records = [_load_round_file(path) for path in files if is_round_file(path)]
    records = _load_records([path for path in files if not is_round_file(path)], settings, cache, workers)
    for record in records:
        check_future(record, clock)  # after the cache: the verdict depends on the day, not the bytes
    check_unique_ids(records)
    check_unique_index_nos(records)
    for record in records:
        record.diagnostics.sort(key=lambda d: d.line or 0)
        diagnostics.extend(record.diagnostics)
    valid = [r for r in records if r.document and not r.has_error]
    check_rounds(round_records, (r.document for r in valid))
    for record in round_records:
        diagnostics.extend(sorted(record.diagnostics, key=lambda d: d.line or 0))
    rounds = [(r.round, r.path) for r in round_records if r.round and not any(d.is_error for d in r.diagnostics)]
    collection = Collection([(r.document, r.path) for r in valid], rounds)
    diagnostics.extend(check_series(collection, collection.source))
    diagnostics.extend(check_duplicates([(r.document, r.path, r.texts) for r in valid]))
    newest = max(valid, key=lambda r: r.document.metadata.published, default=None)
    diagnostics.extend(settings.as_of_diagnostics(newest and newest.document.metadata.published, newest and newest.path))
    return LoadResult(collection, tuple(diagnostics), tuple(f for f in files if not is_round_file(f)),
                      tuple(r.path for r in round_records), {r.document.id: r.texts for r in valid})


def load_file(
    path: Path, settings: Settings | None = None, clock: Clock | None = None
) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """Load one file on its own (no cross-file checks); the document is None when it has errors."""
    record = _load_record(path, settings or Settings())
    check_future(record, clock or read_clock())
    document = None if record.has_error else record.document
    return document, tuple(sorted(record.diagnostics, key=lambda d: d.line or 0))


def find_files(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The data files named by `paths`: files as given, folders searched recursively for *.yml/*.yaml.

    In a folder, a symbolic link is followed only when it stays inside that folder: a link to
    a file elsewhere (another project, a private draft) would publish it, and a broken link
    would leave a notice out without a word, so both are errors.
    """
    found: dict[Path, Path] = {}
    diagnostics: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            reported = len(diagnostics)
            matches = _data_files(path, diagnostics)
            if not matches and len(diagnostics) == reported:
                diagnostics.append(diag.warning(path, "目录中没有找到 .yml 数据文件", code="folder.empty"))
        elif path.is_file():
            nested = nested_round(path, path.parent)
            matches = [] if nested else [path]
            diagnostics.extend([nested] if nested else [])
        elif path.is_symlink():
            diagnostics.append(_broken_link(path) if _resolved(path) else _link_loop(path))
            matches = []
        elif path.exists():
            diagnostics.append(_not_regular(path))
            matches = []
        else:
            diagnostics.append(diag.error(path, "文件或目录不存在", code="file.missing"))
            matches = []
        for match in matches:
            found.setdefault(_resolved(match) or match.absolute(), match)
    return list(found.values()), diagnostics


def _data_files(folder: Path, diagnostics: list[Diagnostic]) -> list[Path]:
    """The *.yml/*.yaml files below `folder`, hidden ones left out, links checked (see find_files)."""
    inside = folder.resolve()
    matches: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            diagnostics.append(diag.error(current, f"无法读取目录（{describe_os_error(exc)}）", code="file.unreadable"))
            continue
        for entry in entries:
            if entry.name.startswith("."):  # editors and tools leave hidden files (.#x.yml, .git/…) that are not data
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                target = _resolved(path)
                if target is None:
                    diagnostics.append(_link_loop(path))
                    continue
                if not target.exists():
                    diagnostics.append(_broken_link(path))
                    continue
                if not target.is_relative_to(inside):
                    if target.is_dir() or path.suffix in SUFFIXES:
                        diagnostics.append(_outside_link(path, folder))
                    continue
                if target.is_dir():
                    continue  # its files are found where it points, inside this folder
            if entry.is_dir():
                pending.append(path)
            elif path.suffix in SUFFIXES and entry.is_file():
                nested = nested_round(path, folder)
                if nested:
                    diagnostics.append(nested)
                else:
                    matches.append(path)
            elif path.suffix in SUFFIXES:
                diagnostics.append(_not_regular(path))
            elif path.suffix.lower() in SUFFIXES:  # x.YML, as some Windows tools save it
                diagnostics.append(_suffix_case(path))
    return sorted(matches)


def _suffix_case(path: Path) -> Diagnostic:
    message = f"扩展名“{path.suffix}”不是小写，这个文件没有读取，也不会发布：请改名为 {path.stem}{path.suffix.lower()}"
    return diag.warning(path, message, code="file.suffix_case")


def _not_regular(path: Path) -> Diagnostic:
    # A pipe, device or socket: reading it could wait for ever or never end, so it is never read.
    message = "不是普通文件（而是管道、设备或套接字），没有读取：数据文件必须是普通的 .yml 文件"
    return diag.error(path, message, code="file.not_regular")


def _broken_link(path: Path) -> Diagnostic:
    message = f"是失效的符号链接（指向的 {os.readlink(path)} 不存在），它指向的数据没有读到：请修复或删除这个链接"
    return diag.error(path, message, code="file.broken_link")


def _resolved(path: Path) -> Path | None:
    """`path` with every link followed, or None when the links lead round in a circle."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 and 3.12 raise RuntimeError("Symlink loop…"), 3.13 OSError
        return None


def _link_loop(path: Path) -> Diagnostic:
    message = (f"是循环的符号链接（指向 {os.readlink(path)}，顺着链接最终又回到自身），它不指向任何数据："
               "请删除这个链接，或让它指向真正的数据文件")
    return diag.error(path, message, code="file.link_loop")


def _outside_link(path: Path, folder: Path) -> Diagnostic:
    kind = "目录" if path.is_dir() else "文件"
    message = (
        f"是指向数据目录 {folder} 之外的符号链接（指向 {os.readlink(path)}）："
        f"数据目录之外的{kind}不会被读取和发布，请把{kind}本身放进数据目录"
    )
    return diag.error(path, message, code="file.outside_link")


# Below this many files to read, forking a worker costs more than the second core saves.
PARALLEL_FROM = 64
# The worker's share of the files: the caller also unpickles what the worker read; the worker
# pickles it, stores it in the cache and starts late. Half and half ended together at 1,000
# files, with the cache and without (0.45 and 0.55 waited longer).
WORKER_SHARE = 0.5


def _load_records(paths: list[Path], settings: Settings, cache: LoadCache | None, workers: bool) -> list[FileRecord]:
    """A record per file, in order: from the cache where its bytes were loaded before, the
    others read here and, when there are many, partly in a forked worker on a second core."""
    records: list[FileRecord | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    for i, path in enumerate(paths):
        keys[i] = _cache_key(path, settings, cache) if cache else None
        if keys[i] is not None:
            records[i] = cache.get(keys[i])
    missing = [i for i, record in enumerate(records) if record is None]
    loaded = _read_records([paths[i] for i in missing], settings, [keys[i] for i in missing], cache, workers)
    for i, record in zip(missing, loaded, strict=True):
        records[i] = record
    return records


def _cache_key(path: Path, settings: Settings, cache: LoadCache) -> str | None:
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError:
        raw = None
    return None if raw is None else cache.key(path, raw, settings.index_no_pattern)


def _read_records(paths: list[Path], settings: Settings, keys: list[str | None], cache: LoadCache | None,
                  workers: bool) -> list[FileRecord]:
    """Each file's record, stored in the cache under its key (when it has one) by whoever read it."""
    if not (workers and len(paths) >= PARALLEL_FROM and spare_cores() and can_fork()):
        return _stored_records(paths, settings, keys, cache)
    mine = len(paths) - round(len(paths) * WORKER_SHARE)
    undrawn()  # the fonts' characters (data/glyphs.py), read once before the fork: the worker inherits them
    # Pickled in the worker (as the cache stores them), unpickled here.
    job = forked(_pickled_records, paths[mine:], settings, keys[mine:], cache)
    try:
        records = _stored_records(paths[:mine], settings, keys[:mine], cache)
        theirs = job.result()
    except BaseException:
        job.cancel()
        raise
    return records + [pickle.loads(blob) for blob in theirs]


def _stored_records(paths: list[Path], settings: Settings, keys: list[str | None], cache: LoadCache | None) -> list[FileRecord]:
    records = [_load_record(path, settings) for path in paths]
    for key, record in zip(keys, records, strict=True):
        if key is not None:
            cache.put(key, record)
    return records


def _pickled_records(paths: list[Path], settings: Settings, keys: list[str | None], cache: LoadCache | None) -> list[bytes]:
    with fewer_collections():
        blobs = [pickle.dumps(_load_record(path, settings), protocol=pickle.HIGHEST_PROTOCOL) for path in paths]
        for key, blob in zip(keys, blobs, strict=True):
            if key is not None:
                cache.put_pickled(key, blob)
        return blobs


def _load_round_file(path: Path):
    unreadable: list[Diagnostic] = []
    record = load_round(path, _read_text(path, unreadable))
    record.diagnostics[:0] = unreadable
    return record


def _load_record(path: Path, settings: Settings) -> FileRecord:
    record = FileRecord(path)
    text = _read_text(path, record.diagnostics)
    if text is None:
        return record
    parsed = parse(text, path, record.diagnostics)
    if parsed is None:
        return record
    data, lines = parsed
    record.diagnostics.extend(check_raw(data, lines, text, path))
    record.diagnostics.extend(check_glyphs(data, lines, path, text))
    record.diagnostics.extend(check_punctuation(data, lines, path))
    metadata = data.get("metadata")
    index_no = metadata.get("index_no") if isinstance(metadata, dict) else None
    if isinstance(index_no, str) and index_no.strip():
        record.index_no = half_width(index_no).strip()  # as the model reads it: the duplicate check sees the same
        record.index_line = lines.get(("metadata", "index_no"))
        check_index_no_format(record, settings.index_no_pattern)
    record.published_line = lines.get(("metadata", "published"))
    record.dated_lines = {loc: line for loc, line in lines.items()
                          if loc[:1] == ("changes",) and loc[-1:] == ("date",) or loc == ("withdrawn", "date")}
    record.texts = text_digests(data)
    record.document = _validate(data, lines, path, record.diagnostics)
    if record.document is not None:
        record.diagnostics.extend(check_declared(record.document, lines, path))
        record.diagnostics.extend(check_careless(record.document, lines, path))
    return record


def _read_text(path: Path, diagnostics: list[Diagnostic]) -> str | None:
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        diagnostics.append(diag.error(path, f"无法读取文件（{describe_os_error(exc)}）", code="file.unreadable"))
        return None
    if size > MAX_BYTES:
        message = f"文件大小 {size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限"
        diagnostics.append(diag.error(path, message, code="file.too_large"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = "，可能是 GBK 编码" if _decodes_as_gbk(raw) else ""
        message = f"不是 UTF-8 编码（第 {column} 个字节 0x{raw[exc.start]:02X} 无法识别{guess}），请将文件另存为 UTF-8"
        diagnostics.append(diag.error(path, message, line, code="file.encoding"))
        return None
    if not text.strip():
        diagnostics.append(diag.error(path, "文件为空", code="file.empty"))
        return None
    return text


def _decodes_as_gbk(raw: bytes) -> bool:
    # Windows editors in China save as GBK by default; saying so points at the fix.
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _validate(data: dict, lines: dict[Loc, int], path: Path, diagnostics: list[Diagnostic]) -> Document | None:
    """Inject the id from the file name, validate, and turn pydantic's errors into diagnostics."""
    stem = path.stem
    if "id" in data:
        message = f"不要填写 id：编号取自文件名（{stem}）"
        diagnostics.append(diag.error(path, message, lines.get(("id",)), "id", code="id.given"))
    if not re.match(ID_PATTERN, stem):
        message = f"文件名“{stem}”不能用作编号：只能用小写字母、数字、“-”和“_”，且以字母或数字开头"
        diagnostics.append(diag.error(path, message, code="id.filename"))
    else:
        diagnostics.extend(id_problems(stem, path))
    try:
        return Document.model_validate({**data, "id": stem})
    except ValidationError as exc:
        found = [e for e in exc.errors() if tuple(e["loc"]) != ("id",)]
        reported = {d.field for d in diagnostics if d.code in VALUE_REPORTED and d.field}
        for err in found:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(_inside(o["loc"], loc) for o in found):
                continue  # "no problems left" only because a problem itself failed: say why that one failed
            line = line_of(loc, lines)
            shown = _as_typed(loc, data)
            if any(dotted(shown) == field or dotted(shown).startswith(f"{field}.") for field in reported):
                continue  # the reader already said what is wrong with this value
            diagnostics.append(diag.error(path, diag.explain(err), line, dotted(shown) or None, code=diag.code_of(err)))
        return None


def _as_typed(loc: Loc, data: Any) -> Loc:
    """Cut `loc` where the data holds a plain value: `phones.0`, not `phones.0.number`, for `- 12345`."""
    for end, part in enumerate(loc):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict | list):
            break
        else:
            return loc[:end]
    return loc


def _inside(loc: Sequence, parent: Loc) -> bool:
    return len(loc) > len(parent) and tuple(loc[: len(parent)]) == parent

