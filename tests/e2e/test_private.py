"""Nothing private reaches a public file: staff comments in a data file stay in the data file."""

from __future__ import annotations

import gzip
import io
import subprocess
from pathlib import Path

import pikepdf
from support.site import build, make_project

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
    """(path, text) of every file of the site, as a reader or a program could read it."""
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
