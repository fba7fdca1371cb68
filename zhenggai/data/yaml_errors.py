"""YAML syntax errors in staff's words: the line that is wrong and why, with a stable code.

PyYAML reports where it gave up, which is often the line after the mistake and in terms of
the grammar: a stray indent on line 47 is "mapping values are not allowed" on line 48 when
47 swallowed it, and `status:已完成` (no space after the colon) is "could not find expected
':'" on the next line. For those structural errors the likely repairs are tried on the text
(the space after a colon, the indentation of a nearby line, set to a neighbour's), and the
one that lets the file be read names the line and the cause. Only when none does are the
general explanations given.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

# (line, message, code)
Explained = tuple[int | None, str, str]
# How a text reads: the 1-based line of its first syntax error, or None and the number of
# keys that are not where the data model has them (a repair that moves `opening:` under
# `metadata:` reads, but misplaces a key).
Judge = Callable[[str], tuple[int | None, int]]

_STRUCTURAL = (
    "mapping values are not allowed", "could not find expected ':'", "expected <block end>", "expected key",
    "expected '<document start>'",
)
# `key:value` at the start of a line: an identifier (our keys are English), a colon, then
# neither a space nor `/` (`http://…` on a continuation line is not a key).
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][A-Za-z0-9_-]*):(?=[^\s/])")
# How many lines above the reported one the mistake may be.
_REACH = 3


def explain_yaml(exc: yaml.MarkedYAMLError, text: str, judge: Judge) -> Explained:
    """The line, plain-Chinese cause and code of a YAML syntax error (see the module doc)."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem, context = exc.problem or "", exc.context or ""
    if "'\\t'" in problem:
        return line, "用了制表符（Tab）缩进，YAML 只能用空格缩进，请把 Tab 换成空格", "yaml.tab"
    if "quoted scalar" in context and exc.context_mark:
        return exc.context_mark.line + 1, "引号没有闭合", "yaml.quote"
    if "another document" in problem:
        return line, "一个文件只能写一份文件，不能用“---”分隔多份", "yaml.multiple_documents"
    if "undefined alias" in problem:
        return line, "引用了未定义的别名（*名称）", "yaml.undefined_alias"
    structural = any(kind in problem for kind in _STRUCTURAL)
    if structural and line:
        colon = _line_with_full_width_colon(text, line)
        if colon:
            return colon, "键和值之间要用英文冒号加空格（“: ”），不能用中文冒号“：”", "yaml.full_width_colon"
        context_line = exc.context_mark.line + 1 if exc.context_mark else None
        repaired = _repair(text, line, context_line, judge)
        if repaired:
            return repaired
    if "mapping values are not allowed" in problem:
        return line, "这一行的冒号用法有误：值里含有“: ”时，请用引号把整个值括起来", "yaml.colon"
    if structural:
        return line, "缩进不对齐或缺少冒号：同一层的键和列表项应左对齐", "yaml.indent"
    if "expected ','" in problem or "flow" in context:
        return (exc.context_mark.line + 1 if exc.context_mark else line), "方括号或花括号没有闭合", "yaml.bracket"
    return line, "YAML 语法错误，请检查这一行及上一行的缩进、冒号和引号", "yaml.syntax"


def _line_with_full_width_colon(text: str, line: int) -> int | None:
    """The line, at or just above where PyYAML gave up, holding `key：value`."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - _REACH, 0), -1):
        if re.match(r"\s*(?:- )?[^\s:：#]+：", lines[number - 1]):
            return number
    return None


def _repair(text: str, line: int, context_line: int | None, judge: Judge) -> Explained | None:
    """The explanation of the repair that lets the most of the file be read, if one helps.

    A repair that makes the whole file readable beats one that only moves the error further
    down (the file may hold another mistake); among those, one that puts every key where the
    model has it; then the smaller and likelier change (see `_repairs`).
    """
    lines = text.splitlines(keepends=True)
    before = judge(text)[0] or line
    candidates = _candidate_lines(lines, line, context_line)
    best: tuple[tuple, Explained] | None = None
    for rank, number, new_line, explained in _repairs(lines, candidates):
        repaired = "".join(lines[: number - 1]) + new_line + "".join(lines[number:])
        after, misplaced = judge(repaired)
        if after is not None and after <= before:
            continue
        score = (after is not None, -(after or 0), misplaced, rank)
        if best is None or score < best[0]:
            best = (score, explained)
    return best[1] if best else None


def _candidate_lines(lines: list[str], line: int, context_line: int | None) -> list[int]:
    """The reported line, the few content lines above it, and the line where the block began."""
    found = []
    number = min(line, len(lines))
    while number >= 1 and len(found) <= _REACH:
        if _is_content(lines[number - 1]):
            found.append(number)
        number -= 1
    if context_line and line - context_line <= 2 * _REACH and context_line not in found:
        found.append(context_line)
    return found


def _repairs(lines: list[str], candidates: list[int]):
    """(rank, line number, repaired line, explanation) for each repair worth trying."""
    for number in candidates:
        text = lines[number - 1]
        match = _NO_SPACE.match(text)
        if match:
            fixed = f"{text[: match.end()]} {text[match.end():]}"
            shown = fixed.strip()
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            message = f"“{match.group(2)}:”后面缺少空格：键和值之间要用英文冒号加一个空格，应写成“{shown}”"
            yield (0, 0, candidates.index(number), 0), number, fixed, (number, message, "yaml.colon_space")
    # A stray indent is a space or two; the right one is often a neighbour's indentation or
    # key column. Among equal changes, the likelier puts the line in line with more of the
    # lines around it (the first item of a list indented by one more space than the rest
    # is the one to move, not the second), then the line nearest the reported one.
    for number in candidates:
        text = lines[number - 1]
        indent = _indent(text)
        for target in sorted(_indent_targets(lines, number) - {indent}):
            fixed = " " * target + text.lstrip(" ")
            change = abs(target - indent)
            more_or_less = "多" if indent > target else "少"
            message = (
                f"这一行的缩进（{indent} 个空格）比同一层的其他行{more_or_less}了 {change} 个："
                f"应缩进 {target} 个空格，与上下同一层的键或列表项左对齐"
            )
            rank = (1, change, -_agreement(lines, number, indent, target), candidates.index(number))
            yield rank, number, fixed, (number, message, "yaml.indent")


def _agreement(lines: list[str], number: int, indent: int, target: int, reach: int = 8) -> int:
    """How many more nearby content lines are indented `target` than `indent` (line `number` left out)."""
    score = 0
    for other in range(max(1, number - reach), min(len(lines), number + reach) + 1):
        if other != number and _is_content(lines[other - 1]):
            near = _indent(lines[other - 1])
            score += (near == target) - (near == indent)
    return score


def _indent_targets(lines: list[str], number: int) -> set[int]:
    """Indentations worth trying for line `number`: a space or two either way, and what the
    nearest content lines above and below suggest (their indentation, their key column,
    and for a `- ` line, their key column less its dash)."""
    text = lines[number - 1]
    indent = _indent(text)
    dash = _key_column(text) - indent
    targets = {indent - 2, indent - 1, indent + 1, indent + 2}
    for step in (-1, 1):
        other = number + step
        while 1 <= other <= len(lines) and not _is_content(lines[other - 1]):
            other += step
        if 1 <= other <= len(lines):
            near = lines[other - 1]
            targets.update({_indent(near), _key_column(near), _key_column(near) - dash})
    return {t for t in targets if t >= 0}


def _key_column(line: str) -> int:
    """Where the key of a line starts: after its indentation and any `- ` list marks."""
    match = re.match(r"[ ]*(?:-[ ]+)*", line)
    return match.end() if match else 0


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
