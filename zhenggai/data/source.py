"""YAML read the way staff type it, with the line of every value: text → (data, lines).

This is the only place YAML is parsed. Plain scalars are read the YAML 1.2 way and every
value's path is mapped to its line, so a validation error can name the line it comes from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from . import diagnostics as diag
from .diagnostics import Diagnostic

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


def parse(text: str, path: Path, diagnostics: list[Diagnostic]) -> tuple[dict, dict[Loc, int]] | None:
    """Compose the YAML and build plain data, recording the line of every value."""
    try:
        try:
            data, builder = _compose(text, path, _FastLoader)
        except yaml.YAMLError:
            data, builder = _compose(text, path, _Loader)
    except yaml.MarkedYAMLError as exc:
        line, message, code = diag.explain_yaml(exc, text)
        diagnostics.append(diag.error(path, message, line, code=code))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        diagnostics.append(diag.error(path, f"含有不允许的控制字符 U+{exc.character:04X},请删除", line, code="yaml.control_char"))
    except _BuildError as exc:
        diagnostics.append(exc.diagnostic)
    except RecursionError:
        diagnostics.append(diag.error(path, "嵌套层次过深", code="yaml.too_deep"))
    else:
        diagnostics.extend(builder.diagnostics)
        return data, builder.lines
    return None


def _compose(text: str, path: Path, loader_class: type) -> tuple[dict, _Builder]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _BuildError(diag.error(path, "文件为空(只有注释)", code="file.empty"))
        if not isinstance(node, yaml.MappingNode):
            kind = "列表" if isinstance(node, yaml.SequenceNode) else "一段文字"
            message = f"文件的最外层应为一组键值(如 title: …),而不是{kind}"
            raise _BuildError(diag.error(path, message, node.start_mark.line + 1, code="yaml.top_level"))
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
            raise _BuildError(diag.error(self.path, f"内容展开后超过 {MAX_VALUES} 项(别名引用过多)", code="yaml.too_many_values"))
        if id(node) in self._stack:
            raise _BuildError(diag.error(self.path, "别名引用了自身", node.start_mark.line + 1, code="yaml.recursive_alias"))
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
                self.diagnostics.append(diag.error(self.path, message, line, dotted(where), code="key.duplicate"))
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
        self.diagnostics.append(diag.error(self.path, message, line, dotted(at) or None, code="key.invalid"))
        return None

    def _scalar(self, node: yaml.Node, at: Loc) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            message = f"不支持的 YAML 标签 {node.tag}"
        except ValueError:
            message = f"“{node.value}” 无法按标签 {node.tag} 读取"
        self.diagnostics.append(diag.error(self.path, message, node.start_mark.line + 1, dotted(at) or None, code="yaml.tag"))
        return node.value  # already reported: keep the text so validation does not add "不能为空"


def dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


