"""`make bench` (scripts/bench.py): the cold row's page generation never counts as page time the
seconds in which the PDF pool ran beside the page stage, and the goals are said met or MISSED."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench  # noqa: E402
from benchlib import GOALS  # noqa: E402


def _spans(**stages: tuple[float, float]) -> dict:
    return {f"{name}_{edge}": moment for name, (began, ended) in stages.items()
            for edge, moment in (("began", began), ("ended", ended))}


def test_pdf_time_beside_the_page_stage_is_pdf_time_not_page_time():
    # A 100 s build: PDFs from 10 to 60 s, pages from 40 to 70 s (20 s side by side), search 80–90 s.
    spans = _spans(pdf=(10.0, 60.0), pages=(40.0, 70.0), search=(80.0, 90.0))
    stages = {"pdf": 50.0, "pages": 30.0, "search": 10.0, **spans}
    row = bench.page_generation(100.0, 0.0, 100.0, stages, spans)
    assert row == {"page_generation_s": 40.0, "pdf_page_overlap_s": 20.0}  # 100 − 50 (PDF) − 10 (search)


def test_stages_that_overlap_each_other_are_taken_out_once():
    spans = _spans(pdf=(10.0, 60.0), pages=(40.0, 70.0), search=(50.0, 65.0))
    stages = {"pdf": 50.0, "pages": 30.0, "search": 15.0, **spans}
    assert bench.page_generation(100.0, 0.0, 100.0, stages, spans)["page_generation_s"] == 45.0  # 100 − (10..65)


def _run(pages: float, warm: float, floor: float) -> dict:
    return {"n": 1000, "floor_mkdocs": {"wall_s": floor}, "warm": {"wall_s": warm},
            "cold": {"wall_s": pages + 30, "page_generation_s": pages}}


@pytest.mark.parametrize(("pages", "warm", "missed"), [
    (12.0, 14.0, "none"),
    (13.0, 14.0, "page generation 1.30× > 1.25×"),
    (12.0, 16.0, "warm rebuild 1.60× > 1.5×"),
])
def test_the_goals_are_said_met_or_missed(pages, warm, missed):
    lines = bench.goal_lines([_run(pages, warm, 10.0)])
    assert lines[-1] == f"  MISSED: {missed}"
    assert set(GOALS) == {"page generation", "warm rebuild"}
