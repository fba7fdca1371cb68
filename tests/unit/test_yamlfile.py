"""One YAML writer and one reader of the package's own YAML tables (zhenggai/yamlfile.py).

Issue 25 found three writers and four readers of package tables; these tests keep them at one
each by reading the package's code, as tests/unit/test_clock.py does for the clock and options.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "zhenggai"
# synth/dump.py is the generator's faster copy of the writer, held byte-equal to it by
# tests/unit/test_synth.py::test_the_fast_writer_writes_the_bytes_of_the_package_writer.
WRITERS = {"zhenggai/yamlfile.py", "zhenggai/synth/dump.py"}


def _calls(tree: ast.AST) -> set[str]:
    """`yaml.dump`, `resources.files`, … : the dotted names called anywhere in `tree`."""
    return {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}


@cache  # parsed once for both tests
def _modules() -> dict[str, ast.Module]:
    return {str(p.relative_to(PACKAGE.parent)): ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}


def test_one_yaml_writer():
    writing = {name for name, tree in _modules().items()
               if _calls(tree) & {"yaml.dump", "yaml.safe_dump", "yaml.dump_all", "yaml.safe_dump_all", "yaml.emit",
                                  "yaml.serialize"}}
    assert writing <= WRITERS and "zhenggai/yamlfile.py" in writing


def test_one_reader_of_the_package_s_own_yaml_tables():
    # A package table is a YAML file shipped beside the modules, reached through importlib.resources.
    reading = {name for name, tree in _modules().items()
               if "resources.files" in _calls(tree) and _calls(tree) & {"yaml.safe_load", "yaml.load"}}
    assert reading == {"zhenggai/yamlfile.py"}
