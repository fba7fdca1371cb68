"""Shared test helpers: a small valid document, and a fixture writing inline files to tmp_path."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from support.site import build, launch_browser, make_project, serve

# Line numbers of this text are asserted in tests/unit/test_load.py: add lines at the end only.
VALID_YAML = """\
kind: 巡察整改情况通报
title: 中共某某局党组关于巡察整改情况的通报
metadata:
  index_no: 114403006955506492/2019-00001
  published: 2019-03-18
inspection:
  body: 市委第六巡察组
  target: 某某局党组
  start: 2018-10-15
  end: 2018-12-10
  feedback: 2019-01-08
sections:
  - heading: 整改工作开展情况
    paragraphs:
      - 局党组高度重视巡察整改工作。
  - heading: 巡察反馈问题整改落实情况
    categories:
      - title: 党的领导和建设仍需加强
        problems:
          - title: 理论学习不够深入
            status: 已完成
            measures:
              - 一是制定学习计划。
          - title: 制度执行不严格
            items:
              - title: 公务用车管理不规范
                status: 正在推进中
                deadline: 计划6月底前完成
declared:
  categories: 1
  problems: 2
  tasks: 1
contact:
  phones:
    - 0755-88127289
  address: 深圳市福田区某某路1号
  postcode: 518000
  email: jubao@example.gov.cn
signature:
  organisation: 中共某某局党组
  date: 2019-03-18
"""

WriteFile = Callable[[str, "str | bytes"], Path]

# The day every test's build is on, unless a test sets its own: a test never depends on the
# machine's date (days overdue, "as of" lines and the printed layout all follow it).
REFERENCE_EPOCH = "1796644800"  # 2026-12-07 20:00 in China


def pytest_configure(config):
    """SOURCE_DATE_EPOCH from before collection: test modules that load data at import time
    (tests/unit/test_golden.py) and every build, subprocesses included, take the reference day."""
    os.environ["SOURCE_DATE_EPOCH"] = REFERENCE_EPOCH


@pytest.fixture(autouse=True)
def machine_time_stands_still(monkeypatch):
    """The clock's "now" (a build of uncommitted changes, or outside git, with SOURCE_DATE_EPOCH
    unset) is the reference time too: no test reads the machine's date."""
    monkeypatch.setattr("zhenggai.clock.now", lambda: int(REFERENCE_EPOCH))


@pytest.fixture
def write(tmp_path: Path) -> WriteFile:
    """`write("a/x.yml", text_or_bytes)` → the path of that file under tmp_path."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write_file


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled example project, built once per test session with PDFs."""
    return build(make_project(tmp_path_factory.mktemp("example")))


@pytest.fixture(scope="session")
def example_url(example_site):
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Playwright allows one sync session at a time)."""
    with launch_browser() as chromium:
        yield chromium
