"""The error family (zhenggai/errors.py): the catalogue held against the package both ways,
the one base of the staff-facing exceptions, the import's doubts, `zhenggai validate --explain`
and data/ERRORS.md.

Codes are found by reading the package, not by listing them here: every string literal of the
package shaped like a code (`word.word`, lower case) is a code, whatever carries it — a `code=`
keyword, a model rule, a table of codes, an exception's argument or default, a tuple returned —
unless it is a file name, a module name, a field path of the data model or one of the few
other dotted names listed in NOT_CODES with where they stand. A new code anywhere fails the
first test until it has its entry in errors.yml.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

import zhenggai
from zhenggai.cli import main
from zhenggai.data.diagnostics import fields_at
from zhenggai.errors import CATALOGUE_PAGE, LEVELS, ZhenggaiError, catalogue, catalogue_markdown

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "zhenggai"
CODE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
FILE_NAME = re.compile(r".*\.(?:html|ya?ml|json|css|js|md|csv|pem|lock|dylib|so\.\d+)")
MODULES = ("zhenggai.", "mkdocs.", "matplotlib.", "distributed.")
# Dotted names that are not codes, by the file they stand in: matplotlib's settings and a Dask
# setting (charts.py, cluster.py). Field paths of the data model are recognised, not listed.
NOT_CODES = {
    "zhenggai/opendata/charts.py": {"axes.axisbelow", "axes.spines.right", "axes.spines.top", "font.family",
                                    "font.size", "svg.fonttype", "svg.hashsalt", "text.parse_math", "text.usetex"},
}
# Exceptions that never reach staff: test scaffolding (its messages are for developers, in English).
NOT_STAFF_FACING = {"zhenggai.testing.local_cluster.ClusterStartFailed"}  # test scaffolding
# Modules that import WeasyPrint or MkDocs, which the unit tier never loads.
HEAVY_MODULES = ("zhenggai.pdf.render", "zhenggai.build.engines")


def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@cache  # parsed once for all the tests of this file
def _trees() -> dict[str, ast.Module]:
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in _python_files()}


def _is_field_path(text: str) -> bool:
    """`metadata.published`, `inspection.target`: a path of fields of a data file."""
    parts = tuple(text.split("."))
    return all(part in fields_at(parts[:i]) for i, part in enumerate(parts))


def _is_code(text: str, file: str) -> bool:
    return (CODE.fullmatch(text) is not None and not FILE_NAME.fullmatch(text) and not text.startswith(MODULES)
            and text not in NOT_CODES.get(file, ()) and not _is_field_path(text))


def codes_in_package() -> dict[str, list[str]]:
    """Every code literal of the package → the places (`file:line`) it stands."""
    found: dict[str, list[str]] = defaultdict(list)
    for file, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_code(node.value, file):
                found[node.value].append(f"{file}:{node.lineno}")
    return found


def _emitted(level: str) -> dict[str, list[str]]:
    """Codes given as a literal `code=` to the diagnostic shorthands `error(...)` / `warning(...)`."""
    found: dict[str, list[str]] = defaultdict(list)
    for file, tree in _trees().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            for keyword in node.keywords:
                if name == level and keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                    found[keyword.value.value].append(f"{file}:{node.lineno}")
    return found


def test_every_code_the_package_uses_is_in_the_catalogue():
    missing = {code: places for code, places in codes_in_package().items() if code not in catalogue()}
    assert missing == {}, "请在 zhenggai/errors.yml 中为这些代码写一条说明"


def test_every_code_of_the_catalogue_is_used_in_the_package():
    assert sorted(set(catalogue()) - set(codes_in_package())) == []


def test_the_scan_sees_codes_however_they_are_passed():
    found = codes_in_package()
    # a keyword, a model rule, a table of pydantic's types, a returned tuple, an exception's
    # positional argument, a parameter's default, a class attribute
    for code in ("totals.mismatch", "point.empty", "key.unknown", "yaml.tab", "docx.legacy", "cluster.failed",
                 "config.invalid", "import.title_merged"):
        assert code in found
    assert not {"metadata.published", "inspection.target", "index.html", "zhenggai.model", "font.size"} & set(found)


def _doubts() -> list[tuple[str, ast.Call]]:
    return [(f"{file}:{node.lineno}", node) for file, tree in _trees().items() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Doubt"]


def _keyword(call: ast.Call, name: str) -> object:
    return next((k.value.value for k in call.keywords if k.arg == name and isinstance(k.value, ast.Constant)), None)


def test_levels_match_how_each_code_is_reported():
    warnings, errors = _emitted("warning"), _emitted("error")
    # An import's doubt is an error when the draft cannot be used without it (import exits 1).
    for _, call in _doubts():
        blocking = _keyword(call, "fill") is True or _keyword(call, "structural") is True
        (errors if blocking else warnings)[_keyword(call, "code")].append(call)
    listed = {code for code, entry in catalogue().items() if entry.level == "warning"}
    assert sorted(set(warnings) ^ listed) == []
    assert {code: places for code, places in errors.items() if code in listed} == {}


def test_every_doubt_of_the_import_names_its_code():
    assert len(_doubts()) >= 30
    assert [place for place, call in _doubts() if not str(_keyword(call, "code") or "").startswith("import.")] == []


def test_every_entry_says_what_it_means_and_how_to_fix_it():
    for code, entry in catalogue().items():
        assert CODE.fullmatch(code), code
        assert entry.level in LEVELS, code
        assert entry.meaning.endswith("。") and entry.fix.endswith("。"), code


def _exception_classes() -> list[type[BaseException]]:
    classes = []
    for info in pkgutil.walk_packages(zhenggai.__path__, "zhenggai."):
        if info.name.startswith(HEAVY_MODULES):
            continue
        module = importlib.import_module(info.name)
        classes += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                    if issubclass(cls, BaseException) and cls.__module__ == info.name]
    return classes


def test_every_staff_facing_exception_is_of_the_family_and_carries_a_catalogued_code():
    classes = [cls for cls in _exception_classes() if not cls.__name__.startswith("_")
               and f"{cls.__module__}.{cls.__qualname__}" not in NOT_STAFF_FACING]
    assert len(classes) >= 17
    outside = [cls.__qualname__ for cls in classes if not issubclass(cls, ZhenggaiError)]
    assert outside == []
    for cls in classes:
        code = inspect.getattr_static(cls, "code", None)
        if isinstance(code, str):
            assert code in catalogue(), cls
        else:  # each instance names its own code, by an __init__ of its own or of a base below the family's
            own = cls.__mro__[: max(cls.__mro__.index(ZhenggaiError), 1)]  # the family's base: itself
            assert any("__init__" in vars(c) for c in own) and "code" in inspect.signature(cls).parameters, cls


def test_an_error_raised_for_another_keeps_its_code():
    from zhenggai.build import BuildBlocked
    from zhenggai.data import ConfigError
    from zhenggai.data.config import Settings, pdf_cluster
    from zhenggai.options import command_line_options

    options = command_line_options(True, "tcp://192.0.2.1:8786", environ={})
    with pytest.raises(ConfigError) as caught:
        pdf_cluster(Settings(), options)
    assert caught.value.code == "config.cluster"
    assert BuildBlocked(str(caught.value), code=caught.value.code).code == "config.cluster"
    assert BuildBlocked("构建已停止").code == "build.blocked"


def test_a_word_file_that_cannot_be_read_keeps_its_code_on_import(tmp_path):
    from zhenggai.importer import SourceError
    from zhenggai.importer.sources import read_source

    # (A Word 97-2003 file renamed .docx is converted now: tests/unit/test_import_formats.py.)
    path = tmp_path / "损坏.docx"
    path.write_bytes("整改情况通报".encode() + bytes(512))
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.code == "docx.not_zip" and isinstance(caught.value, ZhenggaiError)
    assert str(caught.value) == f"无法读取 Word 文件 {path}：不是有效的 .docx（zip）文件"


def test_the_errors_page_is_made_from_the_catalogue():
    page = ROOT / CATALOGUE_PAGE
    assert page.read_text(encoding="utf-8") == catalogue_markdown(), (
        f"{CATALOGUE_PAGE} 已过时：请运行 .venv/bin/zhenggai validate --explain all > {CATALOGUE_PAGE}")


def test_explain_prints_the_entry_in_chinese(capsys):
    assert main(["validate", "--explain", "totals.mismatch"]) == 0
    assert capsys.readouterr().out == (
        "totals.mismatch（警告）\n"
        "含义：通报声明的数目（如 24 个问题）与数据中列出的不一致。\n"
        "处理：核对原文：漏录的补上；原文本身不一致的，保留原文的数字。\n")


@pytest.mark.parametrize("argv, message", [
    (["--explain", "date.invlid"], "没有“date.invlid”这个代码。相近的代码：date.invalid"),
    (["--explain", "cluster"], "没有“cluster”这个代码。相近的代码：cluster."),
    (["--explain", "zzz.zzz"], "没有“zzz.zzz”这个代码。没有相近的代码（全部代码见 data/ERRORS.md"),
    (["--explain", "date.invalid", "data"], "--explain 只说明代码，不校验文件"),
])
def test_explain_of_an_unknown_code_names_the_near_ones_and_exits_2(argv, message, capsys):
    assert main(["validate", *argv]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_explain_all_prints_the_page(capsys):
    assert main(["validate", "--explain", "all"]) == 0
    assert capsys.readouterr().out == catalogue_markdown()
