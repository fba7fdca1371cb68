"""YAML read the way staff type it, with the line of every value: text → (data, lines).

This is the only place YAML is parsed. Plain scalars are read the YAML 1.2 way and every
value's path is mapped to its line, so a validation error can name the line it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .table import read_table
from .yaml_errors import explain_yaml

# Anchors and aliases may repeat a subtree; cap the expanded size so a small file
# cannot blow up into millions of values.
MAX_VALUES = 1_000_000

# The deepest a data file may nest (lists and mappings inside each other; the file itself is
# level 1). The deepest path the model has is about 28 levels (eight levels of sections, then
# categories, problems, items, measures, points and sub-points, two levels each); 64 leaves
# room for that and stays far below where the readers give way: Python's recursion (about a
# thousand frames) and libyaml's composer, which recurses in C and overflows the stack, a
# segfault rather than an error, somewhere between 20,000 and 50,000 levels.
MAX_DEPTH = 64

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
    if _OTHER_BREAKS.search(text):
        stray = stray_line_breaks(text, path)
        if stray:
            diagnostics.extend(stray)
            return None
    too_deep = _too_deep(text)
    if too_deep is not None:
        diagnostics.append(_too_deep_error(path, too_deep))
        return None
    try:
        try:
            data, builder = _compose(text, path, _FastLoader)
        except yaml.YAMLError:
            data, builder = _compose(text, path, _Loader)
    except yaml.MarkedYAMLError as exc:
        line, message, code = explain_yaml(exc, text, _judge)
        diagnostics.append(diag.error(path, message, line, code=code))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        diagnostics.append(diag.error(path, f"含有不允许的控制字符 U+{exc.character:04X}，请删除", line, code="yaml.control_char"))
    except _BuildError as exc:
        diagnostics.append(exc.diagnostic)
    except RecursionError:  # not expected after _too_deep; a crash would be worse than a vague line
        diagnostics.append(_too_deep_error(path, None))
    else:
        diagnostics.extend(builder.diagnostics)
        return data, builder.lines
    return None


def _compose(text: str, path: Path, loader_class: type) -> tuple[dict, _Builder]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _BuildError(diag.error(path, "文件为空（只有注释）", code="file.empty"))
        if not isinstance(node, yaml.MappingNode):
            kind = "列表" if isinstance(node, yaml.SequenceNode) else "一段文字"
            message = f"文件的最外层应为一组键值（如 title: …），而不是{kind}"
            raise _BuildError(diag.error(path, message, node.start_mark.line + 1, code="yaml.top_level"))
        builder = _Builder(loader, path, text)
        return builder.build(node, ()), builder
    finally:
        loader.dispose()


def _too_deep_error(path: Path, line: int | None) -> Diagnostic:
    message = f"嵌套层次过深：列表和键值层层套叠超过 {MAX_DEPTH} 层，请检查这一行的方括号、花括号或缩进"
    return diag.error(path, message, line, code="yaml.too_deep")


# What `depth_bound` reads: the indentation and block indicators (`- `, `? `, `: `) at the
# start of each line (found after each line break: a literal first lets `re` skip ahead
# quickly), and each `[` or `{` that can open a flow collection (one that follows a space,
# a line break or another flow indicator; `关于[某]` in running text cannot).
_LINE_PREFIX = re.compile(r"\n([ \t]*(?:[-?:][ \t]+)*)")
_INDICATOR = re.compile(r"[-?:][ \t]+")
_FLOW_START = re.compile(r"[\s\[{,:][\[{]")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")  # line breaks to YAML, not to re


_STRAY_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")  # a line end of CR LF is a line end
_SHOWN_POSITIONS = 5
_BREAK_EFFECT = "编辑器里看不出这里换了行，YAML 却从这里断开，后面的文字会读错：请删除（常见于从网页复制的文字）"


def stray_line_breaks(text: str, path: Path) -> list[Diagnostic]:
    """An error for each line holding a character YAML takes for a line break but an editor
    may show as nothing (next line, line and paragraph separators, a carriage return alone):
    found in the text before it is parsed, since the parser would report the lines it shifts
    (an indentation error further on) rather than the character."""
    hits: dict[int, list[tuple[int, str]]] = {}
    for m in _STRAY_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        hits.setdefault(text.count("\n", 0, m.start()) + 1, []).append((m.start() - line_start + 1, m.group()))
    names = read_table("invisible")["control"]
    found = []
    for line, chars in hits.items():
        positions = "、".join(str(column) for column, _ in chars[:_SHOWN_POSITIONS])
        more = "等处" if len(chars) > _SHOWN_POSITIONS else ""
        named = "、".join(dict.fromkeys(f"U+{ord(c):04X}（{names[ord(c)]}）" for _, c in chars))
        message = f"第 {positions} 个字符{more}是 YAML 当作换行的 {named}：{_BREAK_EFFECT}"
        found.append(diag.error(path, message, line, code="text.line_break"))
    return found


def depth_bound(text: str) -> int:
    """An upper bound of how deeply `text` nests, found without parsing it.

    A block collection starts at a line's indentation or just after a `- `, `? ` or `: ` that
    opens the line; along any chain of nested collections the start columns never decrease
    and at most two collections (a mapping and a sequence written at the key's column) share
    one. Flow collections add at most two levels per bracket (`[a: b]` is a list holding a
    mapping). So twice the number of distinct start columns plus twice the number of
    brackets bounds the depth; for real files it is 14 to 30, and costs about 2% of a load.
    """
    if _OTHER_BREAKS.search(text):
        text = _OTHER_BREAKS.sub("\n", text)
    columns: set[int] = set()
    for prefix in set(_LINE_PREFIX.findall("\n" + text)):
        columns.add(len(prefix) - len(prefix.lstrip(" \t")))
        columns.update(m.end() for m in _INDICATOR.finditer(prefix))
    bound = 2 * len(columns) + 2 * (text.count("[") + text.count("{"))
    if bound <= MAX_DEPTH:
        return bound
    # Brackets inside running text count too above; only those that can open a collection do here.
    return 2 * len(columns) + 2 * (len(_FLOW_START.findall(text)) + (text[:1] in "[{"))


def _too_deep(text: str) -> int | None:
    """The line where `text` first nests deeper than MAX_DEPTH, or None when it does not.

    Composing would recurse as deep as the text nests, so the depth is found first: the cheap
    bound when it suffices, else from libyaml's event stream, which keeps its own stack and
    reads any depth safely. A syntax error ends the count; composing then reports it.
    """
    if depth_bound(text) <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def _judge(text: str) -> tuple[int | None, int]:
    """How well a repaired text reads (yaml_errors tries repairs with this): the line of its
    first syntax error, or None and how many of its keys are not where the model has them."""
    line = _first_error_line(text)
    if line is not None or _too_deep(text) is not None:
        return line or 1, 0
    try:
        return None, _misplaced(yaml.compose(text, Loader=_FastLoader), ())
    except yaml.YAMLError:
        return 1, 0


def _misplaced(node: yaml.Node, at: Loc) -> int:
    """Keys under `node` that the model has no field for at their place, or that repeat one."""
    if isinstance(node, yaml.SequenceNode):
        return sum(_misplaced(item, (*at, i)) for i, item in enumerate(node.value))
    if not isinstance(node, yaml.MappingNode):
        return 0
    fields = diag.fields_at(at)
    seen: set[str | None] = set()
    count = 0
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        count += name not in fields or name in seen
        seen.add(name)
        count += _misplaced(value, (*at, name))
    return count


def _first_error_line(text: str) -> int | None:
    """The line of the first syntax error in `text`, or None when it reads. Only the event
    stream is read: safe at any depth, and quick."""
    try:
        for _ in yaml.parse(text, Loader=_FastLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else 1
    except yaml.YAMLError:
        return 1
    return None


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MAP = "tag:yaml.org,2002:map"
_BINARY = "tag:yaml.org,2002:binary"
_SEQ = "tag:yaml.org,2002:seq"
# Diagnostics of the reader that already say what is wrong with a value: validation does not
# add its own about the same field ("取值无效", "应为文字").
VALUE_REPORTED = frozenset({"yaml.tag", "value.too_large"})


class _BuildError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, noting each path's line."""

    def __init__(self, loader: yaml.SafeLoader, path: Path, text: str) -> None:
        self.loader = loader
        self.path = path
        self.text = text
        self.lines: dict[Loc, int] = {}
        self.diagnostics: list[Diagnostic] = []
        self._count = 0
        self._stack: set[int] = set()

    def build(self, node: yaml.Node, at: Loc) -> Any:
        # A mapping entry's line is its key's, recorded by _mapping before the value.
        self.lines.setdefault(at, node.start_mark.line + 1)
        self._count += 1
        if self._count > MAX_VALUES:
            raise _BuildError(diag.error(self.path, f"内容展开后超过 {MAX_VALUES} 项（别名引用过多）", code="yaml.too_many_values"))
        if isinstance(node, yaml.ScalarNode):  # never its own ancestor, never deeper
            return self._scalar(node, at)
        if id(node) in self._stack:
            raise _BuildError(diag.error(self.path, "别名引用了自身", node.start_mark.line + 1, code="yaml.recursive_alias"))
        if len(at) >= MAX_DEPTH:
            # The text is no deeper than MAX_DEPTH (see _too_deep), but aliases can stack
            # subtrees (`b: [*a]`, `c: [*b]`…) into a deeper value.
            raise _BuildError(_too_deep_error(self.path, node.start_mark.line + 1))
        if node.tag not in (_MAP, _SEQ):  # `!!python/object/apply:… [x]`, `!custom {a: b}`: nothing runs
            message = f"不支持的 YAML 标签 {node.tag}"
            self.diagnostics.append(diag.error(self.path, message, node.start_mark.line + 1, dotted(at) or None,
                                               code="yaml.tag"))
            return None  # reported: validation adds nothing more at this field (load._validate)
        self._stack.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, at)
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
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
                message = f"重复的键：第 {self.lines[where]} 行已经有 {key}"
                self.diagnostics.append(diag.error(self.path, message, line, dotted(where), code="key.duplicate"))
            self.lines[where] = line
            result[key] = self.build(value_node, where)
        return result

    def _key(self, node: yaml.Node, at: Loc) -> str | None:
        line = node.start_mark.line + 1
        if node.tag == "tag:yaml.org,2002:merge":
            message = "不支持合并键“<<”，请直接写出各项"
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
        if not node.style and node.end_mark.line > node.start_mark.line:  # plain: None, or "" from libyaml
            self._check_merged_item(node, at)
        if node.tag == _STR:  # most values: what the constructor would give, without its machinery
            return node.value
        code = "yaml.tag"
        if node.tag == _BINARY:
            # Bytes no check of the file's text can see (a placeholder, U+202E, NUL in Base64), and
            # no field holds bytes: refused, the encoded text kept (validation adds nothing here).
            message = f"用了 YAML 标签 {_shown_tag(node.tag)}（Base64 编码的内容）：数据文件中的文字请直接写出，不要编码"
            self.diagnostics.append(diag.error(self.path, message, node.start_mark.line + 1, dotted(at) or None,
                                               code=code))
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            message = f"不支持的 YAML 标签 {node.tag}"
        except ValueError:
            if node.tag == _INT:  # a plain number: only one Python will not read (more than 4,300 digits)
                message = f"“{node.value[:12]}…”共 {len(node.value)} 位，数字太大，无法读取：请检查这个数"
                code = "value.too_large"
            else:
                shown = node.value if len(node.value) <= 40 else f"{node.value[:40]}…"
                message = f"“{shown}” 无法按标签 {node.tag} 读取"
        self.diagnostics.append(diag.error(self.path, message, node.start_mark.line + 1, dotted(at) or None, code=code))
        return node.value  # already reported: keep the text, and validation adds nothing more here (load._validate)


    def _check_merged_item(self, node: yaml.Node, at: Loc) -> None:
        """A plain text running over several lines, one of them starting with `- `: a list item
        indented a space more than the one before is read as the rest of that one's text,
        and two measures would be published as one."""
        lines = self.text.splitlines()[node.start_mark.line + 1 : node.end_mark.line + 1]
        for offset, line in enumerate(lines, node.start_mark.line + 2):
            if line.lstrip().startswith("- "):
                message = (
                    "这一行以“- ”开头，却比上一项多缩进了，被并进了上一项的文字："
                    "如果是新的一项，请与上一项的“- ”左对齐；如果确实是上一项的文字，请给整段加引号"
                )
                self.diagnostics.append(diag.error(self.path, message, offset, dotted(at) or None, code="yaml.merged_item"))
                return


def _shown_tag(tag: str) -> str:
    """A tag as staff write it: `!!binary` for `tag:yaml.org,2002:binary`."""
    return f"!!{tag.removeprefix('tag:yaml.org,2002:')}" if tag.startswith("tag:yaml.org,2002:") else tag


def may_hide_text(text: str) -> bool:
    """Whether the parsed strings of a file's `text` may hold characters the text does not show:
    a YAML escape (`"\\u202E"`, `"\\0"`) or a tag (`!!binary`, refused, or any other). The checks
    that first search the text itself (raw_checks, glyphs) walk the parsed strings then."""
    return "\\" in text or "!" in text


# Control characters in a key are named, not printed: a terminal would act on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def dotted(loc: Loc) -> str:
    """A field's path as messages name it: `sections.1.categories.0.title`."""
    text = ".".join(str(part) for part in loc)
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text) if _CONTROL.search(text) else text


def text_values(data: object, at: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value of parsed data with its path (keys are not values). Nesting is bounded (MAX_DEPTH)."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from text_values(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_values(value, (*at, i))


def line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None



