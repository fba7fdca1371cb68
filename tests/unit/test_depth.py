"""Deep nesting is refused at load time with a message, never a crash: one limit for the YAML
(source.MAX_DEPTH) and one for sections (raw_checks.MAX_SECTION_DEPTH)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import VALID_YAML

from zhenggai.data import Settings, load_all
from zhenggai.data.raw_checks import MAX_SECTION_DEPTH
from zhenggai.data.source import MAX_DEPTH, depth_bound

TOO_DEEP = f"嵌套层次过深：列表和键值层层套叠超过 {MAX_DEPTH} 层，请检查这一行的方括号、花括号或缩进"
HEAD = VALID_YAML.split("sections:")[0]  # 11 lines: kind … inspection


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def found() -> list[tuple[str, str]]:
    return [(str(d), d.code) for d in load_all([Path(".")], Settings()).diagnostics]


def nested_sections(levels: int) -> str:
    """`sections:` nested `levels` deep, each with a heading and one paragraph."""
    out = ["sections:\n"]
    for level in range(levels):
        pad = "    " * level
        out.append(f"{pad}  - heading: 第{level + 1}层\n{pad}    paragraphs: [文字]\n")
        if level < levels - 1:
            out.append(f"{pad}    sections:\n")
    return "".join(out)


def test_50000_nested_brackets_are_refused_in_a_subprocess_that_does_not_crash(tmp_path):
    """libyaml's composer recursed in C until the stack overflowed: exit 139, no message."""
    (tmp_path / "deep.yml").write_text(HEAD + "opening: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "zhenggai.cli", "validate", "deep.yml"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, f"deep.yml:12: {TOO_DEEP}\n各项的原因和改法：zhenggai validate --explain 代码（这次出现的代码：yaml.too_deep）\n1 个文件，1 个错误，0 个警告\n"), run.stderr


@pytest.mark.parametrize("text, line", [
    ("opening: " + "[" * 20_000 + "]" * 20_000 + "\n", 12),
    ("opening:\n" + "- " * 50_000 + "x\n", 13),  # block sequences, one line
    ("opening: " + "{a: " * 5_000 + "b" + "}" * 5_000 + "\n", 12),
    ("opening: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", 12),  # the file itself is the first level
])
def test_too_deep_yaml_names_the_line(write, text, line):
    write("x.yml", HEAD + text)
    assert found() == [(f"x.yml:{line}: {TOO_DEEP}", "yaml.too_deep")]


def test_nesting_at_the_limit_is_read(write):
    write("x.yml", HEAD + "opening: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert all(code != "yaml.too_deep" for _, code in found())


def test_aliases_stacking_subtrees_deeper_than_the_limit(write):
    """Each line nests one level deeper than the anchor it repeats; the text itself is shallow."""
    chain = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, MAX_DEPTH))
    write("x.yml", chain)
    assert found() == [(f"x.yml:1: {TOO_DEEP}", "yaml.too_deep")]


def test_200_nested_sections_fail_validation_not_the_build(write):
    """They passed validation, and the build died in pickle with RecursionError."""
    write("x.yml", HEAD + nested_sections(200))
    # The file is level 1, then a list and a mapping per section: the 32nd section is level 65.
    assert found() == [(f"x.yml:{12 + 3 * 31 + 1}: {TOO_DEEP}", "yaml.too_deep")]


def test_sections_deeper_than_the_limit(write):
    write("x.yml", HEAD + nested_sections(MAX_SECTION_DEPTH + 3))
    field = ".".join(["sections.0"] * (MAX_SECTION_DEPTH + 1))
    place = "第一章 第一节 " + " ".join(["第一小节"] * (MAX_SECTION_DEPTH - 1))
    assert found() == [(
        f"x.yml:{12 + 3 * MAX_SECTION_DEPTH + 1}: {field}: 章节嵌套过深：这是第 {MAX_SECTION_DEPTH + 1} 层章节，"
        f"最多 {MAX_SECTION_DEPTH} 层（公文标题只有 一、（一）1.（1）四级），请把下级章节并入上一级（{place}）",
        "sections.too_deep",
    )]


def test_sections_at_the_limit_load(write):
    write("x.yml", HEAD + nested_sections(MAX_SECTION_DEPTH))
    assert found() == []


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _random_tree(rng: random.Random, depth: int):
    """A tree with one deep spine (so the depth is large) and a few shallow side branches."""
    if depth == 0:
        return rng.choice(["文字", "1.5亿元 [注]", "a: b", "x"])
    children = [_random_tree(rng, depth - 1)] + [rng.choice(["y", [1], {"z": 2}]) for _ in range(rng.randint(0, 2))]
    rng.shuffle(children)
    if rng.random() < 0.5:
        return children
    return {f"k{i}": child for i, child in enumerate(children)}


@pytest.mark.parametrize("seed", range(12))
def test_depth_bound_is_never_below_the_real_depth(seed):
    """The bound lets a file skip the exact count: it must never be lower than the truth,
    in any of the styles a file can be written in."""
    rng = random.Random(seed)
    tree = {"root": _random_tree(rng, rng.randint(1, 30))}
    for style in (None, True, False):
        for indent in (2, 3, 4):
            text = yaml.dump(tree, Dumper=yaml.CSafeDumper, allow_unicode=True, default_flow_style=style,
                             indent=indent, width=40)
            if seed % 3 == 0:  # lists at the key's column, as staff sometimes write them
                text = text.replace("\n  - ", "\n- ")
            try:
                real = _depth(yaml.load(text, Loader=yaml.CSafeLoader))
            except yaml.YAMLError:
                continue
            assert depth_bound(text) >= real, text
