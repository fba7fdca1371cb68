"""What becomes public and permanent (issue 21): only a build of a clean commit publishes and
records PDF versions, and only once its site is in place; a preview says so and replaces no
published site; a version recorded but never pushed can be discarded; archived PDFs reach the
site as checked copies; no data string becomes a path."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import VALID_YAML
from support.processes import wait_until_zombie
from support.repo import commit_all, git, init
from support.site import ROOT, make_project, start_paused_build

from zhenggai.build import prepare_site
from zhenggai.build.bundle import release_caches
from zhenggai.build.publish import build_site, staging_folders
from zhenggai.cli import main
from zhenggai.options import command_line_options

DAY1, DAY5 = "2026-12-01T10:00:00+08:00", "2026-12-05T10:00:00+08:00"


@pytest.fixture(autouse=True)
def _dates_from_the_commit(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # each build takes its commit's date


def _doc(n: int) -> str:
    return VALID_YAML.replace("2019-00001", f"2019-{n:05d}").replace("某某局", f"第{n}局")


def _repo(tmp: Path, docs: int = 1) -> Path:
    """A project of `docs` small documents in a git repository, committed on DAY1, nothing published."""
    project = make_project(tmp, published=False)
    shutil.rmtree(project / "data")
    (project / "data").mkdir()
    for n in range(1, docs + 1):
        (project / "data" / f"doc-{n}.yml").write_text(_doc(n), encoding="utf-8")
    shutil.copy2(ROOT / "zhenggai.yml", project / "zhenggai.yml")  # data_dir: data
    init(project, DAY1)
    return project


def _lock(project: Path) -> dict:
    path = project / "archive" / "versions.json"
    return json.loads(path.read_text(encoding="utf-8"))["documents"] if path.exists() else {}


def _archived(project: Path) -> list[str]:
    folder = project / "archive" / "pdf"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _build(project: Path, *args: str, cwd: Path | None = None) -> int:
    old = Path.cwd()
    os.chdir(cwd or project)
    try:
        return main(["build", *args])
    finally:
        os.chdir(old)


def test_a_build_of_uncommitted_changes_is_a_preview_that_records_nothing(tmp_path, capfd):
    project = _repo(tmp_path / "repo")
    draft = project / "data" / "doc-2.yml"
    draft.write_text(_doc(2), encoding="utf-8")  # imported, checked, not committed yet
    assert _build(project) == 0
    out, _ = capfd.readouterr()
    assert "这是预览" in out and "没有发布" in out
    assert "网站已发布到" not in out and "data/doc-2.yml" in out
    assert _lock(project) == {} and _archived(project) == []
    # Fixing a word of a draft that was never public needs no change note.
    draft.write_text(_doc(2).replace("高度重视", "始终高度重视"), encoding="utf-8")
    assert _build(project) == 0, capfd.readouterr().err
    assert _lock(project) == {}
    capfd.readouterr()
    # Committed, the build publishes and records version 1 of each document.
    commit_all(project, "doc-2", DAY5)
    assert _build(project) == 0
    out, _ = capfd.readouterr()
    assert f"网站已发布到 {(project / 'site').resolve()}" in out and "这是预览" not in out
    assert {i: [v["version"] for v in vs] for i, vs in _lock(project).items()} == {"doc-1": [1], "doc-2": [1]}
    assert _archived(project) == ["doc-1.pdf", "doc-2.pdf"]


def test_an_unfinished_draft_stops_every_build(tmp_path, capfd):
    """Before: a draft with 【请填写标题】 under import-83f7f00b.yml was built, put in the feed and archived."""
    project = _repo(tmp_path / "repo")
    draft = project / "data" / "import-83f7f00b.yml"
    draft.write_text(_doc(2).replace("title: 中共第2局党组关于巡察整改情况的通报", "title: 【请填写标题】"), encoding="utf-8")
    commit_all(project, "an imported draft", DAY1)
    for args in ((), ("--no-pdf",)):
        assert _build(project, *args) == 1
        err = capfd.readouterr().err
        assert "import-83f7f00b.yml:2: title: 还留着导入时的占位文字“【请填写标题】”" in err
        assert "import-83f7f00b.yml: 文件名“import-83f7f00b”是导入时临时起的编号" in err
    assert _lock(project) == {} and not (project / "site").exists()


@pytest.mark.parametrize("hide", ["ignored", "skip-worktree", "assume-unchanged"])
def test_data_git_does_not_show_as_changed_is_only_previewed(tmp_path, capfd, hide):
    """Before: a data file git ignores (or a tracked one flagged skip-worktree and edited) was
    published and archived as version 1, though it is in no commit."""
    project = _repo(tmp_path / "repo")
    if hide == "ignored":
        (project / ".git" / "info" / "exclude").write_text("data/secret-*.yml\n", encoding="utf-8")
        hidden = project / "data" / "secret-draft.yml"
        hidden.write_text(_doc(2), encoding="utf-8")
    else:
        hidden = project / "data" / "doc-1.yml"
        git(project, "update-index", f"--{hide}", "data/doc-1.yml")
        hidden.write_text(_doc(1).replace("高度重视", "始终高度重视"), encoding="utf-8")
    assert _build(project, "--publish") == 1
    assert f"data/{hidden.name}" in capfd.readouterr().err
    assert _build(project) == 0
    out, _ = capfd.readouterr()
    assert "这是预览" in out and f"data/{hidden.name}" in out and "网站已发布到" not in out
    assert _lock(project) == {} and _archived(project) == []


@pytest.mark.parametrize("hidden", ["docs/draft-note.md", "overrides/partials/extra.html",
                                    "hooks/local_hook.py", "zhenggai.yml"])
def test_a_site_input_git_ignores_is_only_previewed(tmp_path, capfd, hidden):
    """Before: only data/ was searched for ignored files; a page in docs/ git ignores was published
    at its URL by a build that counted as clean (and so would an ignored template or setting)."""
    project = _repo(tmp_path / "repo")
    (project / ".git" / "info" / "exclude").write_text(f"/{hidden}\n", encoding="utf-8")
    path = project / hidden
    if hidden == "zhenggai.yml":
        git(project, "rm", "-q", "--cached", "zhenggai.yml")
        commit_all(project, "zhenggai.yml kept out of the commit", DAY1)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# 内部草稿\n\n尚未审核的说明。\n" if hidden.endswith(".md") else "\n", encoding="utf-8")
    assert git(project, "status", "--porcelain") == ""
    assert _build(project, "--publish") == 1
    assert hidden in capfd.readouterr().err
    assert _build(project) == 0
    out, _ = capfd.readouterr()
    assert "这是预览" in out and hidden in out and "网站已发布到" not in out
    assert _lock(project) == {}


def test_bytecode_of_the_hooks_does_not_stop_publishing(tmp_path, capfd):
    project = _repo(tmp_path / "repo")
    (project / ".git" / "info" / "exclude").write_text("__pycache__/\n", encoding="utf-8")  # as .gitignore has it
    (project / "hooks" / "__pycache__").mkdir(exist_ok=True)
    (project / "hooks" / "__pycache__" / "zhenggai_hooks.cpython-311.pyc").write_bytes(b"\0")
    assert _build(project) == 0 and "网站已发布到" in capfd.readouterr().out


def test_a_cached_pdf_damaged_through_a_preview_is_rendered_again_before_it_is_published(tmp_path, capfd,
                                                                                          monkeypatch):
    """Before: a preview's PDF shares its file with the cache; edited in place, the next publishing
    build put the damaged bytes into site/ and then refused to record them, on every build."""
    import datetime as dt

    from zhenggai import clock
    monkeypatch.setattr(clock, "now", lambda: int(dt.datetime.fromisoformat(DAY5).timestamp()))  # committed the same day
    project = _repo(tmp_path / "repo")
    (project / "data" / "doc-2.yml").write_text(_doc(2), encoding="utf-8")
    preview = tmp_path / "preview"
    assert _build(project, "--site-dir", str(preview)) == 0
    cached = next((project / ".cache" / "pdf").glob("doc-2.*.pdf"))
    assert os.path.samestat((preview / "pdf" / "doc-2.pdf").stat(), cached.stat()), "the preview shares the cache's file"
    with open(preview / "pdf" / "doc-2.pdf", "r+b") as pdf:  # a reader "annotates" the preview's copy
        pdf.seek(3000)
        pdf.write(b"X")
    commit_all(project, "doc-2", DAY5)
    capfd.readouterr()
    assert _build(project) == 0, capfd.readouterr().err
    assert "网站已发布到" in capfd.readouterr().out
    recorded = _lock(project)["doc-2"][0]["sha256"]
    published = (project / "site" / "pdf" / "doc-2.pdf").read_bytes()
    assert hashlib.sha256(published).hexdigest() == recorded and published[3000:3001] != b"X"


def test_publish_refuses_to_build_a_preview(tmp_path, capfd):
    """For pipelines that deploy what they build (deploy/): a preview fails instead."""
    project = _repo(tmp_path / "repo")
    (project / "data" / "doc-2.yml").write_text(_doc(2), encoding="utf-8")
    assert _build(project, "--publish") == 1
    err = capfd.readouterr().err
    assert "--publish" in err and "data/doc-2.yml" in err and not (project / "site").exists()
    (project / "data" / "doc-2.yml").unlink()
    assert _build(project, "--publish") == 0 and _lock(project)


def test_data_outside_the_checkout_is_only_previewed(tmp_path, capfd):
    """A clean commit says nothing of data kept elsewhere (zhenggai.yml's data_dir)."""
    project = _repo(tmp_path / "repo")
    shutil.move(project / "data", tmp_path / "elsewhere")
    (project / "zhenggai.yml").write_text(f"data_dir: {tmp_path / 'elsewhere'}\n", encoding="utf-8")
    commit_all(project, "data elsewhere", DAY1)
    assert _build(project) == 0
    out, _ = capfd.readouterr()
    assert "这是预览" in out and str(tmp_path / "elsewhere") in out and _lock(project) == {}


def test_a_preview_never_replaces_a_published_site(tmp_path, capfd):
    project = _repo(tmp_path / "repo")
    assert _build(project) == 0
    commit_all(project, "archive", DAY1)
    site = project / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "data" / "doc-1.yml").write_text(_doc(1) + "# 待审核\n", encoding="utf-8")
    capfd.readouterr()
    assert _build(project) == 1
    err = capfd.readouterr().err
    assert "中是已发布的网站" in err and "预览不会替换它" in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    # Elsewhere, a preview is fine.
    assert _build(project, "--site-dir", str(tmp_path / "preview")) == 0
    assert (tmp_path / "preview" / "index.html").is_file()


def test_no_pdf_is_a_visible_switch_of_a_preview_and_the_old_variable_changes_nothing(tmp_path, capfd, monkeypatch):
    project = _repo(tmp_path / "repo")
    assert _build(project, "--no-pdf") == 0
    out, _ = capfd.readouterr()
    assert "这是预览" in out and "--no-pdf" in out and _lock(project) == {}
    assert not list((project / "site").rglob("*.pdf"))
    # ZHENGGAI_PDF=0 left in the shell: before, a published site with every PDF link dead, exit 0.
    monkeypatch.setenv("ZHENGGAI_PDF", "0")
    assert _build(project) == 0
    out, err = capfd.readouterr()
    assert "ZHENGGAI_PDF" in err and "网站已发布到" in out
    assert sorted(p.name for p in (project / "site" / "pdf").glob("*.pdf")) == ["doc-1.pdf"]
    assert main(["build", "--help"]) == 0
    shown = capfd.readouterr().out
    assert "--no-pdf" in shown and "SOURCE_DATE_EPOCH" in shown and "ZHENGGAI_PDF_CLUSTER" in shown



def _kill(process: subprocess.Popen) -> None:
    """kill -9 the paused build and everything it started."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        process.stderr.close()


def test_kill_9_at_the_publish_step_leaves_no_recorded_version(tmp_path, capfd):
    project = _repo(tmp_path / "repo")
    process = start_paused_build(project, tmp_path / "marks", "publish")
    _kill(process)
    assert _lock(project) == {} and _archived(project) == []
    assert not (project / "site").exists()
    # The next build publishes and records.
    assert _build(project) == 0 and [v["version"] for v in _lock(project)["doc-1"]] == [1]
    assert not staging_folders(project / "site")


def test_kill_9_while_recording_is_recovered_by_the_next_build(tmp_path, capfd):
    """Killed after the swap, between two PDFs copied into archive/: the next build of the commit
    cleans up what was half recorded and records the same versions (not: a file without its row
    that stops every build, and leaves the tree with uncommitted changes)."""
    project = _repo(tmp_path / "repo", docs=2)
    process = start_paused_build(project, tmp_path / "marks", "record-file")
    _kill(process)
    assert len(_archived(project)) == 1 and _lock(project) == {}  # one PDF copied, no row yet
    published = {p.name: p.read_bytes() for p in (project / "site" / "pdf").glob("*.pdf")}
    assert _build(project) == 1  # it records what the site published, and asks for the commit first
    out, err = capfd.readouterr()
    assert "上次发布记录 PDF 版本时被中断" in out and "git add archive" in err
    assert _archived(project) == ["doc-1.pdf", "doc-2.pdf"] and sorted(_lock(project)) == ["doc-1", "doc-2"]
    assert {name: (project / "archive" / "pdf" / name).read_bytes() for name in published} == published
    commit_all(project, "archive", DAY1)
    assert _build(project) == 0 and "网站已发布到" in capfd.readouterr().out


def test_kill_9_while_recording_is_recovered_even_when_the_killed_build_is_not_reaped(tmp_path, capfd):
    """The killed build stays a zombie (its parent, like a container's init, does not reap it):
    before, it counted as running, so nothing was recovered and every build refused with a
    message naming neither the leftover file nor the interrupted publish."""
    project = _repo(tmp_path / "repo")
    process = start_paused_build(project, tmp_path / "marks", "record-file")
    os.killpg(process.pid, signal.SIGKILL)  # not reaped until the end of the test
    try:
        wait_until_zombie(process.pid)
        assert _archived(project) == ["doc-1.pdf"] and _lock(project) == {}
        assert _build(project) == 1
        out, err = capfd.readouterr()
        assert "上次发布记录 PDF 版本时被中断" in out and "上次发布在记录 PDF 版本之前被中断" in err
        assert [v["version"] for v in _lock(project)["doc-1"]] == [1]
        commit_all(project, "archive", DAY1)
        assert _build(project) == 0 and "网站已发布到" in capfd.readouterr().out
    finally:
        process.wait()
        process.stderr.close()


def test_a_preview_refused_by_a_published_site_says_why_it_is_a_preview(tmp_path, capfd):
    project = _repo(tmp_path / "repo")
    assert _build(project) == 0
    commit_all(project, "archive", DAY1)
    (project / "archive" / "pdf" / "left-over.pdf").write_bytes(b"%PDF-1.7\n")
    capfd.readouterr()
    assert _build(project) == 1
    err = capfd.readouterr().err
    assert "已发布的网站" in err and "archive/pdf/left-over.pdf" in err


def test_kill_9_after_the_swap_records_what_the_site_published_before_anything_else(tmp_path, capfd):
    """Killed after site/ was replaced, before recording: the PDF that stood in site/ is version 1,
    even when staff change the data and commit before the next build (before: that build
    recorded the changed bytes as version 1, so one URL had served two different version 1s)."""
    project = _repo(tmp_path / "repo")
    process = start_paused_build(project, tmp_path / "marks", "record")
    _kill(process)
    assert _lock(project) == {}
    served = hashlib.sha256((project / "site" / "pdf" / "doc-1.pdf").read_bytes()).hexdigest()
    doc = project / "data" / "doc-1.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    commit_all(project, "a word changed", DAY5)
    assert _build(project) == 1
    assert "上次发布在记录 PDF 版本之前被中断" in capfd.readouterr().err
    assert [(v["version"], v["sha256"]) for v in _lock(project)["doc-1"]][0] == (1, served)


def test_a_version_recorded_but_never_pushed_can_be_discarded_and_a_pushed_one_cannot(tmp_path, capfd, monkeypatch):
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    project = _repo(tmp_path / "repo")
    git(project, "remote", "add", "origin", str(origin))
    assert _build(project) == 0
    commit_all(project, "archive: doc-1 version 1", DAY1)
    capfd.readouterr()
    monkeypatch.chdir(project)
    assert main(["archive", "discard", "doc-1", "--never-deployed"]) == 0  # site/ serves it (see below)
    out = capfd.readouterr().out
    assert "doc-1" in out and _lock(project) == {} and _archived(project) == []
    # Published again, pushed: refused, and the reason says why.
    commit_all(project, "discard", DAY1)
    assert _build(project) == 0
    commit_all(project, "archive: doc-1 version 1 again", DAY1)
    git(project, "push", "-q", "origin", "main")
    assert main(["archive", "discard", "doc-1"]) == 1
    err = capfd.readouterr().err
    assert "origin/main" in err and "changes:" in err and "withdrawn:" in err
    assert [v["version"] for v in _lock(project)["doc-1"]] == [1] and _archived(project) == ["doc-1.pdf"]
    assert main(["archive", "discard", "nothing-here"]) == 2


def test_a_version_the_published_site_serves_is_not_discarded_and_its_url_never_changes(tmp_path, capfd,
                                                                                       monkeypatch):
    """Before: discard asked only whether the version was pushed; the next publishing build put
    different bytes at the URL the published site/ already served, without a word."""
    project = _repo(tmp_path / "repo")
    assert _build(project) == 0
    commit_all(project, "archive: doc-1 version 1", DAY1)
    served = project / "site" / "pdf" / "doc-1.pdf"
    published = served.read_bytes()
    capfd.readouterr()
    monkeypatch.chdir(project)
    assert main(["archive", "discard", "doc-1"]) == 1
    err = capfd.readouterr().err
    assert "已发布的网站" in err and "pdf/doc-1.pdf" in err and "--never-deployed" in err
    assert [v["version"] for v in _lock(project)["doc-1"]] == [1] and _archived(project) == ["doc-1.pdf"]
    # Taken back all the same (as the discard of an earlier release did), the file left in site/:
    # the publishing build refuses to put other bytes at that URL.
    assert main(["archive", "discard", "doc-1", "--never-deployed"]) == 0
    assert not served.exists() and _lock(project) == {}
    served.write_bytes(published)
    commit_all(project, "discard", DAY1)
    doc = project / "data" / "doc-1.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("高度重视", "始终高度重视"), encoding="utf-8")
    commit_all(project, "a word changed", DAY1)
    capfd.readouterr()
    assert _build(project) == 1
    err = capfd.readouterr().err
    assert "pdf/doc-1.pdf" in err and "内容永远不变" in err and "已发布的网站未被改动" in err
    assert served.read_bytes() == published and _lock(project) == {}


def test_the_site_holds_checked_copies_of_the_archived_pdfs(tmp_path, capfd):
    project = make_project(tmp_path / "project")  # the example, with its archive
    assert build_site(project) == 0
    archived = project / "archive" / "pdf" / "sz-bgt-2019-xuncha-zhenggai.pdf"
    live = project / "site" / "pdf" / archived.name
    assert live.read_bytes() == archived.read_bytes()
    assert live.stat().st_ino != archived.stat().st_ino  # before: one inode, damage to one was damage to both
    published = live.read_bytes()
    stat = archived.stat()
    with archived.open("r+b") as file:  # altered in place, size and mtime kept
        file.seek(stat.st_size // 2)
        byte = file.read(1)
        file.seek(stat.st_size // 2)
        file.write(bytes([byte[0] ^ 1]))
    os.utime(archived, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert live.read_bytes() == published
    capfd.readouterr()
    assert build_site(project) == 1
    err = capfd.readouterr().err
    assert "sz-bgt-2019-xuncha-zhenggai.pdf" in err and "不一致" in err
    assert live.read_bytes() == published


def test_a_lost_row_never_lets_a_published_pdf_be_replaced(tmp_path, capfd):
    project = make_project(tmp_path / "project")
    lock_path = project / "archive" / "versions.json"
    raw = json.loads(lock_path.read_text(encoding="utf-8"))
    del raw["documents"]["ps-bgs-2018-gongzuo"]  # a bad merge
    lock_path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    source = project / "data" / "ps-bgs-2018-gongzuo.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("坪山区", "坪山新区", 1), encoding="utf-8")
    archived = project / "archive" / "pdf" / "ps-bgs-2018-gongzuo.pdf"
    before = archived.read_bytes()
    assert build_site(project) == 1
    err = capfd.readouterr().err
    assert "archive/pdf/ps-bgs-2018-gongzuo.pdf" in err and "不在 archive/versions.json 中" in err
    assert archived.read_bytes() == before


@pytest.fixture
def small_disk(tmp_path):
    """A 64 KB file system mounted where a project's archive goes (as root, like support.mounts)."""
    folder = tmp_path / "repo" / "archive"
    folder.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_leaves_no_partial_file_and_says_so_in_chinese(tmp_path, small_disk, capfd):
    project = _repo(tmp_path / "repo", docs=3)  # three PDFs do not fit in 64 KB
    code = _build(project)
    out, err = capfd.readouterr()
    assert code == 1 and "Traceback" not in err and "磁盘空间不足" in err
    assert sorted(p.name for p in small_disk.rglob("*") if p.is_file()) == []
    assert _lock(project) == {}


def _planted_project(tmp_path: Path, names: list[str]) -> Path:
    """A project whose documents have `names` as publisher and as inspecting body, its data beside it."""
    project = make_project(tmp_path / "project", data_dir=tmp_path / "data", published=False)
    (tmp_path / "data").mkdir()
    for n, name in enumerate(names, 1):
        text = _doc(n).replace("  published: 2019-03-18", f"  publisher: {json.dumps(name)}\n  published: 2019-03-18", 1)
        text = text.replace("body: 市委第六巡察组", f"body: {json.dumps(name)}", 1)
        (tmp_path / "data" / f"doc-{n}.yml").write_text(text, encoding="utf-8")
    return project


def _written_outside(tmp_path: Path, project: Path, before: list[str]) -> list[str]:
    written = [str(p) for p in tmp_path.rglob("*") if str(p) not in before]
    return [p for p in written if not p.startswith((str(project / "site"), str(project / ".cache")))]


def test_no_name_in_the_data_reaches_a_path(tmp_path, capfd):
    """Before: publisher "/../../../../../../tmp/x/config" made the build write /tmp/x/config.xml."""
    outside = Path("/tmp") / f"zhenggai-{uuid.uuid4().hex}"
    names = [f"/../../../../../../..{outside}/config", "..", "../..\\..", "CON", "nul", "x" * 5000,
             f"{outside}/inspector", "index"]
    project = _planted_project(tmp_path, names)
    before = [str(p) for p in tmp_path.rglob("*")]
    assert build_site(project, options=command_line_options(pdfs=False)) == 0, capfd.readouterr().err
    assert not outside.exists() and _written_outside(tmp_path, project, before) == []
    feeds = sorted(p.name for p in (project / "site" / "feeds").iterdir())
    assert len(feeds) == 1 + 2 * len(names)  # the site's, one per publisher, one per inspecting body


def test_a_nul_in_a_name_reaches_no_path_either(tmp_path, capfd):
    """Whether or not the build accepts the character (issue 22), it never becomes part of a path."""
    outside = Path("/tmp") / f"zhenggai-{uuid.uuid4().hex}"
    project = _planted_project(tmp_path, [f"{outside}/a\0b", "\0../x"])
    before = [str(p) for p in tmp_path.rglob("*")]
    build_site(project, options=command_line_options(pdfs=False))  # its message is issue 22's; the path is ours
    assert not outside.exists() and _written_outside(tmp_path, project, before) == []


def test_a_preview_and_a_build_of_one_commit_judge_overdue_on_the_same_day(tmp_path, monkeypatch):
    """Before, the preview (no SOURCE_DATE_EPOCH) judged as of the newest notice, 2019-03-18."""
    project = _repo(tmp_path / "repo")
    monkeypatch.chdir(project)
    for name in ("ZHENGGAI_BUILD", "ZHENGGAI_PDF"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZHENGGAI_PDF", "0")  # the engine run by itself, as `make serve` runs it
    bundle = prepare_site(project)
    release_caches()
    assert "截至2026年12月1日" in bundle.page("overdue/index.md").body
