"""Nothing private reaches a public file: staff comments in a data file stay in the data file, and
so does the text of an item withheld under the inspection rules."""

from __future__ import annotations

import gzip
import io
import subprocess
from pathlib import Path

import pikepdf
from support.site import build, make_project

from zhenggai.search.reader import IndexReader

SECRET = "内部备注此件待科长审核勿外传"
SOURCE = Path(__file__).resolve().parents[2] / "data" / "sz-bgt-2019-xuncha-zhenggai.yml"


def _plant_comments(text: str) -> str:
    """The data file with staff comments: a whole line, the end of a line, inside a list."""
    lines = text.splitlines()
    lines.insert(1, f"# {SECRET}")
    lines[3] = lines[3] + f"  # {SECRET}2"
    lines.append(f"# {SECRET}3")
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _readable_texts(site: Path):
    """(path, text) of every file of the site, as a reader or a program could read it: pages, feeds,
    open data, PDFs (their text and attachments) and the search index's compressed texts."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")
        if path.suffix == ".pdf":
            yield path, pdf_text(path)
            with pikepdf.open(io.BytesIO(data)) as document:
                for name, spec in document.attachments.items():
                    yield path / name, spec.get_file().read_bytes().decode("utf-8")
    index = IndexReader(site / "search")
    for number in range(index.meta["n"]):
        head, chunks = index.text(number)
        yield site / "search" / f"text-{number}", repr((head, chunks))


def test_staff_comments_reach_no_public_output(tmp_path):
    project = make_project(tmp_path, published=False)  # the PDFs are rendered from the planted file
    target = project / "data" / SOURCE.name
    target.write_text(_plant_comments(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    site = build(project)
    checked = list(_readable_texts(site))
    kinds = {p.suffix for p, _ in checked}
    assert {".html", ".pdf", ".yml", ".js", ".json", ".csv"} <= kinds, kinds  # pages, PDFs, attachments, index, manifests
    leaks = sorted({str(p.relative_to(site)) for p, text in checked if "内部备注" in text})
    assert not leaks, leaks


WITHHELD = "此人系在查案件当事人王某某"


def _withhold(text: str) -> str:
    """Seed 000 with one item withheld (state secrets): its title, measure and deadline name the case."""
    title = "              - title: 市政务办班子较长时间未配齐\n                status: 已完成\n"
    assert title in text
    return text.replace(title, (
        f"              - title: 市政务办班子较长时间未配齐，{WITHHELD}\n                withheld: 正在审查或尚未公布的案件\n"
        f"                status: 已完成\n                responsible: {WITHHELD}所在处室\n"
        f"                deadline: 计划{WITHHELD}结案后3月底前完成\n"
    )).replace("根据《深圳市机构改革方案》", f"{WITHHELD}。根据《深圳市机构改革方案》")


def test_withheld_items_reach_no_public_output(tmp_path):
    project = make_project(tmp_path, published=False)
    target = project / "data" / SOURCE.name
    target.write_text(_withhold(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    site = build(project)
    checked = list(_readable_texts(site))
    assert any("search/text-" in str(p) for p, _ in checked)
    leaks = sorted({str(p.relative_to(site)) for p, text in checked if "王某某" in text or "在查案件" in text})
    assert not leaks, leaks
    placeholder = "此项依规不予公开（涉及正在审查或尚未公布的案件）"
    shown = {p.relative_to(site).parts[0] for p, text in checked if placeholder in text}
    # The page, the PDF (text and attached data), search and the open data show the placeholder;
    # the feeds count it.
    assert {"documents", "pdf", "search", "data"} <= shown, shown
    assert "1 项依规不予公开" in (site / "feeds" / "all.xml").read_text(encoding="utf-8")
    page = (site / "documents" / SOURCE.stem / "index.html").read_text(encoding="utf-8")
    assert "本通报有 1 项依规不予公开" in page
