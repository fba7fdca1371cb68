"""zhenggai import reads Word files LibreOffice wrote, not only our own: field by field ≥ 98%."""

from __future__ import annotations

import re
from pathlib import Path

from support.compare import compare
from test_import_docx_libreoffice import seed_as_fodt, soffice

from zhenggai.data import load_all, load_file
from zhenggai.data.dump import published_data
from zhenggai.importer import import_notice

ROOT = Path(__file__).resolve().parents[2]
TRUTH = {d.id: d for d in load_all([ROOT / "data"]).collection}


def _share(source: Path, doc_id: str, tmp_path: Path, skip=frozenset()) -> float:
    draft = import_notice(source)
    path = tmp_path / f"{doc_id}.yml"
    # Staff fill in what the notice does not say: an import placeholder is an error (draft.placeholder).
    text = draft.text.replace("【请填写标题】", TRUTH[doc_id].title)
    path.write_text(re.sub(r"【请填写[^】]*】", "补填的内容", text), encoding="utf-8")
    doc, diagnostics = load_file(path)
    assert doc is not None, [str(d) for d in diagnostics]
    return compare(published_data(TRUTH[doc_id]), published_data(doc), skip).share


def test_text_saved_as_word_by_libreoffice(tmp_path):
    sources = []
    for prefix in ("000", "002"):
        seed = next((ROOT / "tests" / "seeds").glob(f"{prefix}_*.txt"))
        target = tmp_path / f"n{prefix}.txt"
        target.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        sources.append(target)
    soffice(sources, "docx:MS Word 2007 XML", tmp_path / "out")
    assert _share(tmp_path / "out" / "n000.docx", "sz-bgt-2019-xuncha-zhenggai", tmp_path) >= 0.98
    assert _share(tmp_path / "out" / "n002.docx", "ps-bgs-2018-gongzuo", tmp_path) >= 0.98


def test_a_list_libreoffice_numbered_itself(tmp_path):
    """Seed 001 as an ODF document whose labels are LibreOffice's own list numbering, with a
    rectification table at the end: saved as .docx by LibreOffice, then imported."""
    seed_as_fodt(tmp_path / "001.fodt")
    soffice([tmp_path / "001.fodt"], "docx", tmp_path / "out")
    source = tmp_path / "out" / "001.docx"
    draft = import_notice(source)
    problems = [p for s in draft.data["sections"] for c in s.get("categories", []) for p in c["problems"]]
    assert {"党组会议开展不严谨", "履行职责不到位"} <= {p["title"] for p in problems}  # the table's rows
    share = _share(source, "ps-zsj-2021-xuncha-jinzhan", tmp_path, frozenset({("title",)}))
    assert share >= 0.90, share  # the table adds two problems the hand-made file does not have
