"""Read the data files, validate them, run the cross-file checks: `data/` → `LoadResult`.

This is the only place YAML is parsed; `zhenggai validate` and the site build both call
`load_all()`, so there is one validator. Every file is read and every problem collected
before anything is reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import errors
from .config import Settings, load_settings
from .errors import Diagnostic
from .load_cache import LoadCache
from .model import DEFAULT_INDEX_NO_PATTERN, ID_PATTERN, Document, Status

MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".yml", ".yaml")
# Anchors and aliases may repeat a subtree; cap the expanded size so a small file
# cannot blow up into millions of values.
MAX_VALUES = 1_000_000

Loc = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader reading plain scalars the YAML 1.2 way.

    Staff type dates, phone numbers and postcodes by hand. YAML 1.1 would turn
    `2019-02-30` into a crash, `010000` (a postcode) into the octal number 4096,
    `9:30` into 570 and `no` into false. Here only true/false, null and plain decimal
    numbers are typed; everything else stays text and pydantic decides what it means.
    """

    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^<<$", "<"),
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regexp), list(_first))


if yaml.__with_libyaml__:
    # libyaml composes ten times faster; its error messages are terser, so a file it
    # rejects is parsed again by _Loader to say what is wrong (see _parse).
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[misc]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:  # pragma: no cover
    _FastLoader = _Loader  # type: ignore[misc]


class Collection:
    """All valid documents, newest first (by 发布日期, then id). Immutable."""

    __slots__ = ("_documents", "_index", "_sources")

    def __init__(self, entries: Iterable[tuple[Document, Path]] = ()) -> None:
        ordered = sorted(entries, key=lambda e: (-e[0].metadata.published.toordinal(), e[0].id))
        index = {doc.id: (doc, source) for doc, source in ordered}
        if len(index) != len(ordered):
            raise ValueError("duplicate document ids")
        object.__setattr__(self, "_documents", tuple(doc for doc, _ in ordered))
        object.__setattr__(self, "_index", index)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Collection is immutable")

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    @property
    def documents(self) -> tuple[Document, ...]:
        return self._documents

    def by_id(self, doc_id: str) -> Document:
        """The document with this id; KeyError if there is none."""
        return self._index[doc_id][0]

    def source(self, doc_id: str) -> Path:
        """The data file the document was read from."""
        return self._index[doc_id][1]


@dataclass(frozen=True)
class LoadResult:
    """The validated collection and everything found on the way."""

    collection: Collection
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


@dataclass
class _FileRecord:
    path: Path
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index_no: str | None = None
    index_line: int | None = None


def load_all(
    paths: Sequence[Path] | None = None, settings: Settings | None = None, cache_dir: Path | None = None
) -> LoadResult:
    """Load every data file under `paths` (default: the configured data folder) and check them together.

    With `cache_dir`, files whose bytes were loaded before are not parsed again (see load_cache).
    """
    settings = settings or load_settings(Path())
    files, diagnostics = find_files(paths if paths is not None else [settings.data_dir])
    cache = LoadCache(cache_dir) if cache_dir else None
    records = [_cached_record(path, settings, cache) if cache else _load_record(path, settings) for path in files]
    _check_unique_ids(records)
    _check_unique_index_nos(records)
    for record in records:
        record.diagnostics.sort(key=lambda d: d.line or 0)
        diagnostics.extend(record.diagnostics)
    valid = [(r.document, r.path) for r in records if r.document and not _has_error(r)]
    return LoadResult(Collection(valid), tuple(diagnostics), tuple(files))


def load_file(path: Path, settings: Settings | None = None) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """Load one file on its own (no cross-file checks); the document is None when it has errors."""
    record = _load_record(path, settings or Settings())
    document = None if _has_error(record) else record.document
    return document, tuple(sorted(record.diagnostics, key=lambda d: d.line or 0))


def find_files(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The data files named by `paths`: files as given, folders searched recursively for *.yml/*.yaml."""
    found: dict[Path, Path] = {}
    diagnostics: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            matches = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SUFFIXES and p.is_file()
                # Editors and tools leave hidden files (.#x.yml, .git/…) that are not data.
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not matches:
                diagnostics.append(errors.warning(path, "目录中没有找到 .yml 数据文件"))
        elif path.is_file():
            matches = [path]
        else:
            diagnostics.append(errors.error(path, "文件或目录不存在"))
            matches = []
        for match in matches:
            found.setdefault(match.resolve(), match)
    return list(found.values()), diagnostics


def _has_error(record: _FileRecord) -> bool:
    return any(d.is_error for d in record.diagnostics)


def _cached_record(path: Path, settings: Settings, cache: LoadCache) -> _FileRecord:
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError:
        raw = None
    if raw is None:
        return _load_record(path, settings)
    key = cache.key(path, raw, settings.index_no_pattern)
    record = cache.get(key)
    if record is None:
        record = _load_record(path, settings)
        cache.put(key, record)
    return record


def _load_record(path: Path, settings: Settings) -> _FileRecord:
    record = _FileRecord(path)
    text = _read_text(path, record.diagnostics)
    if text is None:
        return record
    parsed = _parse(text, path, record.diagnostics)
    if parsed is None:
        return record
    data, lines = parsed
    metadata = data.get("metadata")
    index_no = metadata.get("index_no") if isinstance(metadata, dict) else None
    if isinstance(index_no, str) and index_no.strip():
        record.index_no = index_no.strip()
        record.index_line = lines.get(("metadata", "index_no"))
        _check_index_no_format(record, settings.index_no_pattern)
    record.document = _validate(data, lines, path, record.diagnostics)
    if record.document is not None:
        record.diagnostics.extend(_check_declared(record.document, lines, path))
    return record


def _read_text(path: Path, diagnostics: list[Diagnostic]) -> str | None:
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        diagnostics.append(errors.error(path, f"无法读取文件({exc.strerror or '系统错误'})"))
        return None
    if size > MAX_BYTES:
        message = f"文件大小 {size / 1024 / 1024:.1f} MB,超过 {MAX_BYTES // 1024 // 1024} MB 的上限"
        diagnostics.append(errors.error(path, message))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ",可能是 GBK 编码" if _decodes_as_gbk(raw) else ""
        message = f"不是 UTF-8 编码(第 {column} 个字节 0x{raw[exc.start]:02X} 无法识别{guess}),请将文件另存为 UTF-8"
        diagnostics.append(errors.error(path, message, line))
        return None
    if not text.strip():
        diagnostics.append(errors.error(path, "文件为空"))
        return None
    return text


def _decodes_as_gbk(raw: bytes) -> bool:
    # Windows editors in China save as GBK by default; saying so points at the fix.
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _parse(text: str, path: Path, diagnostics: list[Diagnostic]) -> tuple[dict, dict[Loc, int]] | None:
    """Compose the YAML and build plain data, recording the line of every value."""
    try:
        try:
            data, builder = _compose(text, path, _FastLoader)
        except yaml.YAMLError:
            data, builder = _compose(text, path, _Loader)
    except yaml.MarkedYAMLError as exc:
        line, message = errors.explain_yaml(exc, text)
        diagnostics.append(errors.error(path, message, line))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        diagnostics.append(errors.error(path, f"含有不允许的控制字符 U+{exc.character:04X},请删除", line))
    except _BuildError as exc:
        diagnostics.append(exc.diagnostic)
    except RecursionError:
        diagnostics.append(errors.error(path, "嵌套层次过深"))
    else:
        diagnostics.extend(builder.diagnostics)
        return data, builder.lines
    return None


def _compose(text: str, path: Path, loader_class: type) -> tuple[dict, _Builder]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _BuildError(errors.error(path, "文件为空(只有注释)"))
        if not isinstance(node, yaml.MappingNode):
            kind = "列表" if isinstance(node, yaml.SequenceNode) else "一段文字"
            message = f"文件的最外层应为一组键值(如 title: …),而不是{kind}"
            raise _BuildError(errors.error(path, message, node.start_mark.line + 1))
        builder = _Builder(loader, path)
        return builder.build(node, ()), builder
    finally:
        loader.dispose()


class _BuildError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, noting each path's line."""

    def __init__(self, loader: yaml.SafeLoader, path: Path) -> None:
        self.loader = loader
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.diagnostics: list[Diagnostic] = []
        self._count = 0
        self._stack: set[int] = set()

    def build(self, node: yaml.Node, at: Loc) -> Any:
        # A mapping entry's line is its key's, recorded by _mapping before the value.
        self.lines.setdefault(at, node.start_mark.line + 1)
        self._count += 1
        if self._count > MAX_VALUES:
            raise _BuildError(errors.error(self.path, f"内容展开后超过 {MAX_VALUES} 项(别名引用过多)"))
        if id(node) in self._stack:
            raise _BuildError(errors.error(self.path, "别名引用了自身", node.start_mark.line + 1))
        self._stack.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, at)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
            return self._scalar(node, at)
        finally:
            self._stack.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, at: Loc) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self._key(key_node, at)
            if key is None:
                continue
            where = (*at, key)
            if key in result:
                message = f"重复的键:第 {self.lines[where]} 行已经有 {key}"
                self.diagnostics.append(errors.error(self.path, message, line, _dotted(where)))
            self.lines[where] = line
            result[key] = self.build(value_node, where)
        return result

    def _key(self, node: yaml.Node, at: Loc) -> str | None:
        line = node.start_mark.line + 1
        if node.tag == "tag:yaml.org,2002:merge":
            message = "不支持合并键“<<”,请直接写出各项"
        elif not isinstance(node, yaml.ScalarNode):
            message = "键只能是文字"
        else:
            key = self._scalar(node, at)
            if isinstance(key, bool):
                return "true" if key else "false"
            if key is not None:
                return str(key)
            message = "键不能为空"
        self.diagnostics.append(errors.error(self.path, message, line, _dotted(at) or None))
        return None

    def _scalar(self, node: yaml.Node, at: Loc) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            message = f"不支持的 YAML 标签 {node.tag}"
        except ValueError:
            message = f"“{node.value}” 无法按标签 {node.tag} 读取"
        self.diagnostics.append(errors.error(self.path, message, node.start_mark.line + 1, _dotted(at) or None))
        return node.value  # already reported: keep the text so validation does not add "不能为空"


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _validate(data: dict, lines: dict[Loc, int], path: Path, diagnostics: list[Diagnostic]) -> Document | None:
    """Inject the id from the file name, validate, and turn pydantic's errors into diagnostics."""
    stem = path.stem
    if "id" in data:
        message = f"不要填写 id:编号取自文件名({stem})"
        diagnostics.append(errors.error(path, message, lines.get(("id",)), "id"))
    if not re.match(ID_PATTERN, stem):
        message = f"文件名“{stem}”不能用作编号:只能用小写字母、数字、“-”和“_”,且以字母或数字开头"
        diagnostics.append(errors.error(path, message))
    try:
        return Document.model_validate({**data, "id": stem})
    except ValidationError as exc:
        found = [e for e in exc.errors() if tuple(e["loc"]) != ("id",)]
        for err in found:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(_inside(o["loc"], loc) for o in found):
                continue  # "no problems left" only because a problem itself failed: say why that one failed
            line = _line_of(loc, lines)
            shown = _as_typed(loc, data)
            diagnostics.append(errors.error(path, errors.explain(err), line, _dotted(shown) or None))
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


def _check_index_no_format(record: _FileRecord, pattern: str) -> None:
    if re.fullmatch(pattern, record.index_no or ""):
        return
    example = ",如 114403006955506492/2019-00001" if pattern == DEFAULT_INDEX_NO_PATTERN else ""
    message = f"索引号“{record.index_no}”的格式不符合 zhenggai.yml 中的 index_no_pattern({pattern}){example}"
    record.diagnostics.append(errors.error(record.path, message, record.index_line, "metadata.index_no"))


def _check_unique_ids(records: list[_FileRecord]) -> None:
    def report(record: _FileRecord, doc_id: str, others: str) -> Diagnostic:
        message = f"编号“{doc_id}”重复:{others} 也是这个文件名(编号取自文件名,请改名)"
        return errors.error(record.path, message)

    _report_duplicates(records, lambda r: r.path.stem, report)


def _check_unique_index_nos(records: list[_FileRecord]) -> None:
    def report(record: _FileRecord, index_no: str, others: str) -> Diagnostic:
        message = f"索引号“{index_no}”重复:{others} 也使用了这个索引号"
        return errors.error(record.path, message, record.index_line, "metadata.index_no")

    _report_duplicates(records, lambda r: r.index_no, report)


def _report_duplicates(
    records: list[_FileRecord],
    value_of: Callable[[_FileRecord], str | None],
    report: Callable[[_FileRecord, str, str], Diagnostic],
) -> None:
    """Give every file sharing a value with another file an error naming the others."""
    groups: dict[str, list[_FileRecord]] = defaultdict(list)
    for record in records:
        value = value_of(record)
        if value:
            groups[value].append(record)
    for value, same in groups.items():
        for record in same if len(same) > 1 else ():
            others = "、".join(str(r.path) for r in same if r is not record)
            record.diagnostics.append(report(record, value, others))


_DECLARED_WORDING = {
    "categories": "通报声明 {declared} 个方面,正文列出 {listed} 个",
    "problems": "通报声明 {declared} 个问题,正文列出 {listed} 个",
    "tasks": "通报声明 {declared} 个问题表现(整改任务),正文列出 {listed} 个",
    "completed": "通报声明已完成 {declared} 项,正文中标为已完成的有 {listed} 项",
    "basically_completed": "通报声明基本完成 {declared} 项,正文中标为基本完成的有 {listed} 项",
}


def _check_declared(doc: Document, lines: dict[Loc, int], path: Path) -> list[Diagnostic]:
    """Warn where the totals the notice declares differ from what its structure lists."""
    if doc.declared is None:
        return []
    problems = doc.problems()
    listed = {"categories": len(doc.categories()), "problems": len(problems)}
    if any(p.items for p in problems):
        listed["tasks"] = sum(len(p.items) for p in problems)
    statuses = [f.status for f in doc.findings() if f.status is not None]
    if statuses:
        listed["completed"] = statuses.count(Status.COMPLETED)
        listed["basically_completed"] = statuses.count(Status.BASICALLY_COMPLETED)
    # Measures are not compared: the declared number counts the 整改措施 of the ledger
    # (台账, e.g. 113 in seed 001), while the notice only summarises them as 一是/二是
    # points, so the two are different things and a mismatch means nothing.
    found = []
    for key, count in listed.items():
        declared = getattr(doc.declared, key)
        if declared is not None and declared != count:
            message = _DECLARED_WORDING[key].format(declared=declared, listed=count)
            loc = ("declared", key)
            found.append(errors.warning(path, message, _line_of(loc, lines), _dotted(loc)))
    return found
