"""The options of `zhenggai build` (zhenggai/options.py): every variable it reads that changes what
is built is named in `zhenggai build --help`; the variables of an engine run directly change
nothing there and are said to be ignored."""

from __future__ import annotations

import pytest

from zhenggai.cli import main
from zhenggai.clock import read_clock
from zhenggai.options import (
    DIRECT_ONLY,
    OPENDATA_WORKER_VARIABLE,
    Options,
    command_line_options,
    ignored_variables,
)

# Read by `zhenggai build` but changing nothing it builds: where the open data is made.
NOT_PUBLISHING = {OPENDATA_WORKER_VARIABLE}


class _Spy(dict):
    """An environment that remembers which variables were asked for."""

    def __init__(self):
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


def _build_help(capsys) -> str:
    assert main(["build", "--help"]) == 0
    return capsys.readouterr().out


def test_every_variable_zhenggai_build_reads_is_in_its_help(capsys):
    spy = _Spy()
    command_line_options(environ=spy)
    read_clock(None, environ=spy)
    read = spy.asked - NOT_PUBLISHING
    assert read  # the cluster's address and files, the build's day
    shown = _build_help(capsys)
    assert {name for name in read if name not in shown} == set()


@pytest.mark.parametrize("name", DIRECT_ONLY)
def test_an_engine_variable_changes_nothing_zhenggai_build_does_and_is_said_ignored(name):
    environ = {name: "0" if name == "ZHENGGAI_PDF" else "1"}
    assert command_line_options(environ=environ) == command_line_options(environ={})
    assert ignored_variables(environ) == [name]
    # …while an engine run directly (make serve, the benchmark) obeys it; ZHENGGAI_RECORD_VERSIONS
    # is retired, listed only so that a build still says it is ignored.
    assert Options.from_environment(environ) != Options() or name == "ZHENGGAI_RECORD_VERSIONS"
