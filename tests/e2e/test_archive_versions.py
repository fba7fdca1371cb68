"""The archive never changes silently: a published PDF keeps its bytes under its URL, through
changed data, fresh clones and renderer upgrades; a changed document gets a new version."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import VALID_YAML
from support.repo import clone, commit_all, git, init
from support.site import ROOT, build, hide_fonts, make_project, no_pdf

from zhenggai.build import finish_site, prepare_site
from zhenggai.build.publish import build_site
from zhenggai.cli import main
from zhenggai.pdf import archive as pdf_archive

DAY1, DAY5, DAY7 = "2026-12-01T10:00:00+08:00", "2026-12-05T10:00:00+08:00", "2026-12-07T10:00:00+08:00"
NOTE = "更正了整改工作开展情况中的表述"


@pytest.fixture(autouse=True)
def _dates_from_the_commit(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # each build takes its commit's date


def _add_note(path: Path, date: dt.date, text: str) -> None:
    """Give the document of `path` a dated change note (`changes:`), as staff write it."""
    with path.open("a", encoding="utf-8") as file:
        file.write(f"changes:\n  - date: {date.isoformat()}\n    note: {text}\n")


def _repo(tmp: Path) -> Path:
    """A project of two small documents in a git repository, committed on DAY1, nothing published."""
    project = make_project(tmp, published=False)
    shutil.rmtree(project / "data")
    (project / "data").mkdir()
    for n in (1, 2):
        text = VALID_YAML.replace("2019-00001", f"2019-{n:05d}").replace("某某局", f"第{n}局")
        (project / "data" / f"doc-{n}.yml").write_text(text, encoding="utf-8")
    shutil.copy2(ROOT / "zhenggai.yml", project / "zhenggai.yml")  # data_dir: data, as a clone needs
    init(project, DAY1)
    return project


def _lock(project: Path) -> dict:
    return json.loads((project / "archive" / "versions.json").read_text(encoding="utf-8"))["documents"]


def _build_here(project: Path) -> tuple[dict[str, bytes], str]:
    """A build in this process (where the test's stand-ins for an upgrade are seen), the way the
    engine runs it: the published files under pdf/ by name, and the body of the archive page."""
    bundle = prepare_site(project)
    finish_site(bundle, project / ".build" / "here")
    return {Path(path).name: source.read_bytes() for path, source in bundle.files.items()}, bundle.page(
        "archive/index.md").body


def _site_pdfs(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / "pdf").iterdir()}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rendered(project: Path) -> list[str]:
    """The PDFs this project's builds rendered (a published PDF comes from archive/, not the cache)."""
    return sorted(p.name.split(".")[0] for p in (project / ".cache" / "pdf").glob("*.pdf"))


def test_a_changed_document_gets_v2_while_v1_stays_identical_across_fresh_clones(tmp_path, capfd, monkeypatch):
    origin = _repo(tmp_path / "origin")
    build(origin)  # `zhenggai build`: publishes and records version 1 of each
    lock = _lock(origin)
    assert {i: [(v["version"], v["date"], v["cause"]) for v in vs] for i, vs in lock.items()} == {
        "doc-1": [(1, "2026-12-01", "new")], "doc-2": [(1, "2026-12-01", "new")]}
    v1 = (origin / "archive" / "pdf" / "doc-1.pdf").read_bytes()
    assert _sha(v1) == lock["doc-1"][0]["sha256"]
    assert "git add archive" in capfd.readouterr().out  # the build says the archive is to be committed
    commit_all(origin, "archive: version 1", DAY1)

    # A fresh clone publishes the committed bytes and renders nothing.
    work = clone(origin, tmp_path / "work")
    site = build(work)
    assert _site_pdfs(site)["doc-1.pdf"] == v1 and _rendered(work) == []
    assert git(work, "status", "--porcelain") == ""

    # Changed data without a change note: validate and build both refuse, the site stays.
    online = _site_pdfs(site)
    source = work / "data" / "doc-1.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    says = "doc-1.yml: changes: 数据与已发布的第 1 版 PDF(2026年12月1日)不同,但没有新的更正说明"
    monkeypatch.chdir(work)
    assert main(["validate"]) == 1 and says in capfd.readouterr().out
    commit_all(work, "doc-1: correction without a note", DAY5)
    assert build_site(work) == 1 and says in capfd.readouterr().err
    assert _site_pdfs(site) == online

    # With the note: version 2 beside version 1, whose bytes stay.
    _add_note(source, dt.date(2026, 12, 5), NOTE)
    commit_all(work, "doc-1: correction", DAY5)
    site = build(work)
    [one, two] = _lock(work)["doc-1"]
    assert one == lock["doc-1"][0] and _lock(work)["doc-2"] == lock["doc-2"]
    assert (two["version"], two["file"], two["date"], two["cause"], two["note"]) == (
        2, "pdf/doc-1-v2.pdf", "2026-12-05", "changed", NOTE)
    published = _site_pdfs(site)
    assert published["doc-1.pdf"] == (work / "archive" / "pdf" / "doc-1.pdf").read_bytes() == v1
    v2 = published["doc-1-v2.pdf"]
    assert v2 != v1 and _sha(v2) == two["sha256"] == _sha((work / "archive" / "pdf" / "doc-1-v2.pdf").read_bytes())
    assert _rendered(work) == ["doc-1"]  # only the changed document was rendered
    manifest = json.loads(published["manifest.json"])
    assert [(r["filename"], r["version"], r["latest"], r["version_date"], r["sha256"])
            for r in manifest["documents"] if r["id"] == "doc-1"] == [
        ("doc-1.pdf", 1, False, "2026-12-01", _sha(v1)), ("doc-1-v2.pdf", 2, True, "2026-12-05", _sha(v2))]
    assert (manifest["count"], manifest["versions"]) == (2, 3)
    csv_rows = published["manifest.csv"].decode("utf-8-sig").splitlines()
    assert sum(f",{_sha(v1)},{one['data_sha256']},doc-1.pdf" in row for row in csv_rows) == 1
    assert sum(f",{_sha(v2)},{two['data_sha256']},doc-1-v2.pdf" in row for row in csv_rows) == 1
    page = (site / "archive" / "index.html").read_text(encoding="utf-8")
    assert "doc-1-v2.pdf" in page and "第 2 版(现行)" in page and f"数据更正:{NOTE}" in page
    doc_page = (site / "documents" / "doc-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/doc-1-v2.pdf" download>下载归档 PDF:doc-1-v2.pdf' in doc_page
    assert '<a href="../../pdf/doc-1.pdf" download>第 1 版:doc-1.pdf</a>' in doc_page

    # CI on a fresh clone before staff committed archive/: the same PDFs, the same dates.
    early = clone(work, tmp_path / "ci-before")
    assert _site_pdfs(build(early)) == published
    commit_all(work, "archive: doc-1 version 2", DAY7)
    # And after: the committed bytes, nothing rendered, nothing recorded.
    after = clone(work, tmp_path / "ci-after")
    after_site = build(after)
    assert _site_pdfs(after_site) == published and _rendered(after) == []
    assert (after_site / "archive" / "index.html").read_text(encoding="utf-8") == page
    assert git(after, "status", "--porcelain") == ""

    # A withdrawal needs no change note and publishes no new version: the PDF stays as published.
    other = after / "data" / "doc-2.yml"
    other.write_text(other.read_text(encoding="utf-8") + "withdrawn:\n  date: 2026-12-08\n  reason: 已另行发布\n",
                     encoding="utf-8")
    commit_all(after, "doc-2: withdrawn", "2026-12-08T10:00:00+08:00")
    withdrawn_site = build(after)
    assert _site_pdfs(withdrawn_site) == published and _rendered(after) == []
    assert git(after, "status", "--porcelain") == ""
    assert "本文件已于2026年12月8日撤回" in (withdrawn_site / "documents" / "doc-2" / "index.html").read_text(encoding="utf-8")


def test_upgrades_render_nothing_published_and_rerender_adds_a_version(tmp_path, capfd, monkeypatch):
    project = _repo(tmp_path / "repo")
    build(project)
    commit_all(project, "archive: version 1", DAY1)
    published, page = _build_here(clone(project, tmp_path / "plain"))

    # Staff asking for a new rendering while nothing changed get no new version.
    same = clone(project, tmp_path / "same")
    monkeypatch.chdir(same)
    assert main(["archive", "rerender", "doc-2", "--reason", "核对"]) == 0
    assert "与第 1 版逐字节相同,未新增版本" in capfd.readouterr().out
    assert git(same, "status", "--porcelain") == ""

    # An upgrade of the renderer (print CSS, fonts, library versions: the environment digest) on a
    # fresh clone renders nothing that was published.
    upgraded = clone(project, tmp_path / "upgraded")
    _upgrade_renderer(monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(pdf_archive, "_render_all", _refuse_to_render)
        assert _build_here(upgraded) == (published, page)
    assert git(upgraded, "status", "--porcelain") == ""

    # Only staff's explicit command renders a published document again: a new version, the old ones kept.
    monkeypatch.chdir(upgraded)
    assert main(["archive", "rerender", "doc-2", "--reason", "更换字体后重新生成"]) == 0
    assert "已生成 doc-2 的第 2 版:archive/pdf/doc-2-v2.pdf(原因:更换字体后重新生成)" in capfd.readouterr().out
    [old, new] = _lock(upgraded)["doc-2"]
    assert (new["cause"], new["note"], new["data_sha256"]) == ("rerendered", "更换字体后重新生成", old["data_sha256"])
    assert (upgraded / "archive" / "pdf" / "doc-2.pdf").read_bytes() == published["doc-2.pdf"]
    assert _sha((upgraded / "archive" / "pdf" / "doc-2-v2.pdf").read_bytes()) == new["sha256"] != old["sha256"]


def _lock_at(project: Path, commit: str) -> dict:
    return json.loads(git(project, "show", f"{commit}:archive/versions.json"))["documents"]


def _upgrade_renderer(monkeypatch) -> None:
    """Stand-ins for an upgrade: another environment digest, and print CSS that lays pages out differently."""
    import weasyprint

    from zhenggai.pdf import render

    monkeypatch.setattr(pdf_archive, "pdf_environment", lambda fonts: "upgraded-fonts-templates-and-libraries")
    css = render.stylesheet_text() + "\nbody { letter-spacing: .02em; }\n"
    monkeypatch.setattr(render, "_stylesheet", lambda: weasyprint.CSS(string=css, font_config=render._fonts()))


def _refuse_to_render(*args, **kwargs):
    raise AssertionError("a published PDF was rendered again")


def _flip_middle_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:]


@pytest.mark.parametrize(("damage", "says"), [
    (lambda p: p.unlink(), "已发布的第 1 版 PDF 不见了"),
    (lambda p: p.write_bytes(_flip_middle_byte(p.read_bytes())), "内容与 archive/versions.json 记录的第 1 版不一致"),
])
def test_a_missing_or_altered_published_pdf_stops_the_build(tmp_path, capfd, damage, says):
    project = make_project(tmp_path)  # the example project with its archive
    site = build(project, pdfs=False)
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    damage(project / "archive" / "pdf" / "ps-bgs-2018-gongzuo.pdf")
    assert build_site(project, options=no_pdf()) == 1
    err = capfd.readouterr().err
    assert f"archive/pdf/ps-bgs-2018-gongzuo.pdf: {says}" in err and "构建失败:已发布的网站未被改动。" in err
    assert {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} == before


def test_verify_hashes_every_file_even_when_its_stat_looks_unchanged(tmp_path, capsys, monkeypatch):
    project = make_project(tmp_path)
    build(project, pdfs=False)  # verified once: the stat of each file is remembered
    target = project / "archive" / "pdf" / "sz-bgt-2019-xuncha-zhenggai.pdf"
    stat = target.stat()
    altered = _flip_middle_byte(target.read_bytes())
    with target.open("r+b") as file:  # altered in place (same inode), with its old mtime put back
        file.write(altered)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a warm build would not notice
    monkeypatch.chdir(project)
    assert main(["archive", "verify"]) == 1
    assert "sz-bgt-2019-xuncha-zhenggai.pdf: 内容与 archive/versions.json 记录的第 1 版不一致" in capsys.readouterr().out


def test_published_pdfs_need_no_fonts_to_be_published_again(tmp_path, monkeypatch):
    """The archived bytes are the published PDFs: a machine without the CJK fonts still builds them."""
    project = make_project(tmp_path / "project")
    hide_fonts(tmp_path, monkeypatch)
    site = build(project)
    for pdf in (project / "archive" / "pdf").iterdir():
        assert (site / "pdf" / pdf.name).read_bytes() == pdf.read_bytes()
