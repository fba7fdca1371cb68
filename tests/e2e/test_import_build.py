"""An imported draft of a notice that puts each problem at the top level (一、关于“…”问题的整改情况)
builds: its page, its archival PDF and its search entry read as the notice does."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.site import build, make_project

from zhenggai.importer import import_notice

ROOT = Path(__file__).resolve().parents[2]


def test_a_draft_with_problems_as_parts_builds_and_reads_as_published(tmp_path):
    draft = import_notice(ROOT / "tests" / "fixtures" / "import-shapes" / "toplevel.txt")
    assert draft.structural == [] and not [d for d in draft.diagnostics if d.is_error]
    data = tmp_path / "data"
    data.mkdir()
    (data / "da-dag-2023-zhenggai.yml").write_text(draft.text, encoding="utf-8")
    site = build(make_project(tmp_path / "project", data_dir=data))
    page = (site / "documents" / "da-dag-2023-zhenggai" / "index.html").read_text(encoding="utf-8")
    for label, title in (("一、", "理论武装不够扎实"), ("二、", "档案数字化进度滞后"), ("三、", "财务管理不规范")):
        assert f'{label}</a>关于“{title}”问题的整改情况</h2>' in page
    assert "None" not in page
    pdf = site / "pdf" / "da-dag-2023-zhenggai.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "二、关于“档案数字化进度滞后”问题的整改情况" in text.replace(" ", "")
