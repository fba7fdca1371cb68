"""A failed build never replaces the published site, and says why in Chinese."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.mounts import locked, other_file_system
from support.site import build, hide_fonts, make_project, no_pdf, start_paused_build

from zhenggai.build import publish
from zhenggai.build.publish import build_site, staging_folders, swap_into_place
from zhenggai.fs import describe_os_error
from zhenggai.log import CHECKPOINT_FILE


def snapshot(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_data_error_leaves_previous_site_untouched(tmp_path, capfd):
    project = make_project(tmp_path)
    site = build(project, pdfs=False)
    before = snapshot(site)
    assert "index.html" in before
    (project / "data" / "broken.yml").write_text("kind: 巡察整改情况通报\ntitle: [unclosed\n", encoding="utf-8")
    assert build_site(project, options=no_pdf()) == 1
    err = capfd.readouterr().err
    assert "broken.yml:" in err and "方括号或花括号没有闭合" in err
    assert "构建失败：已发布的网站未被改动。" in err
    # The engine's own abort line is in Chinese too (it was "Aborted with a BuildError!").
    assert "Aborted" not in err and "构建中止" in err
    assert snapshot(site) == before
    assert not staging_folders(site), "staging folder left behind"


# The English lines MkDocs itself writes on every build, which staff saw before.
ENGINE_ENGLISH = ("Cleaning site directory", "Building documentation", "Documentation built in", "Aborted with")


def test_successful_build_replaces_site(tmp_path, capfd):
    project = make_project(tmp_path)
    site = build(project, pdfs=False)
    (site / "stale.html").write_text("old", encoding="utf-8")
    capfd.readouterr()
    assert build_site(project, options=no_pdf()) == 0
    out = "".join(capfd.readouterr())
    assert not [line for line in ENGINE_ENGLISH if line in out], out
    # Not a git checkout, and no PDFs: a preview, and it says so.
    assert "网站生成完毕，用时" in out and f"预览已生成到 {site.resolve()}" in out and "网站已发布到" not in out
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


def test_swap_is_complete_in_one_step(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    swap_into_place(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert (staging / "index.html").read_text(encoding="utf-8") == "old"  # for the caller to delete


def test_build_without_cjk_fonts_fails_and_names_the_package(tmp_path, capfd, monkeypatch):
    project = make_project(tmp_path / "project", published=False)  # the PDFs must be rendered
    site = build(project, pdfs=False)
    before = snapshot(site)
    hide_fonts(tmp_path, monkeypatch)
    assert build_site(project) == 1
    err = capfd.readouterr().err
    assert "fonts-noto-cjk" in err and "Traceback" not in err
    assert snapshot(site) == before
    assert not list((project / ".cache" / "pdf" / "out").glob("*.pdf"))


def test_second_build_waits_for_the_cache_lock(tmp_path, capfd):
    """Two builds of one project (a `make serve` rebuild and a `make site`) never share the caches."""
    project = make_project(tmp_path)
    (project / ".cache").mkdir(exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time\n"
         "f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(3)\n",
         str(project / ".cache" / "build.lock")],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    assert build_site(project, options=no_pdf()) == 0
    waited = time.monotonic() - started
    holder.wait()
    holder.stdout.close()
    assert "另一个构建正在使用缓存" in capfd.readouterr().err
    assert waited > 1.5, f"the build did not wait for the lock ({waited:.1f} s)"
    assert (project / "site" / "index.html").is_file()


def test_publish_to_another_file_system(tmp_path, capfd):
    """The staging folder is made beside the target: no rename crosses file systems (it died
    with `Invalid cross-device link` after the whole build), and the PDFs, hard links into
    the cache where they can be, are copied there."""
    project = make_project(tmp_path / "project")
    with other_file_system(tmp_path) as elsewhere:
        site = elsewhere / "www" / "site"
        for _ in range(2):  # publish, then replace what was published
            assert build_site(project, site) == 0, capfd.readouterr().err
        out, err = capfd.readouterr()
        assert f"预览已生成到 {site}" in out and "Traceback" not in err
        assert (site / "index.html").is_file() and list((site / "pdf").glob("*.pdf"))
        assert os.stat(site).st_dev != os.stat(project).st_dev
        assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "staging folder left behind"


def _unchanged_after_refusal(project: Path, site: Path, capfd, marks: Path, compare: bool = True) -> str:
    """Build to `site`, expecting a refusal before the engine starts; the error printed."""
    before = snapshot(site) if compare and site.is_dir() else None
    assert build_site(project, site, options=no_pdf()) == 1
    err = capfd.readouterr().err
    assert "Traceback" not in err and err.rstrip().endswith("已发布的网站未被改动。"), err
    assert not marks.exists(), "the build ran before the target was checked"
    assert (snapshot(site) if compare and site.is_dir() else None) == before
    assert not staging_folders(site)
    return err


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A project with a published site/, and a checkpoint file that shows whether a build ran."""
    project = make_project(tmp_path / "project")
    build(project, pdfs=False)
    marks = tmp_path / "checkpoints"
    monkeypatch.setenv(CHECKPOINT_FILE, str(marks))
    return project, marks


# Root is not stopped by file modes: `locked` makes the folder immutable, which refuses with EPERM.
LOCKED_CAUSE = describe_os_error(OSError(errno.EPERM if os.geteuid() == 0 else errno.EACCES, ""))


def test_parent_folder_not_writable(published, tmp_path, capfd):
    project, marks = published
    parent = tmp_path / "www"
    parent.mkdir()
    with locked(parent):
        err = _unchanged_after_refusal(project, parent / "site", capfd, marks)
    assert f"无法发布：无法在 {parent} 中创建临时目录（{LOCKED_CAUSE}）：新网站先在发布目录旁边生成" in err


@pytest.mark.parametrize("part", ["", "documents"])
def test_site_folder_not_writable(published, capfd, part):
    """The old site could not be deleted after the swap (before: a PermissionError traceback)."""
    project, marks = published
    site = project / "site"
    with locked(site / part):
        err = _unchanged_after_refusal(project, site, capfd, marks)
    assert f"无法发布：发布目录中的 {site / part if part else site} 不可写（权限不足或被锁定）：新网站发布后，旧网站无法删除" in err


def test_folder_of_other_files_is_not_replaced(published, tmp_path, capfd):
    project, marks = published
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "报告.docx").write_bytes(b"not ours")
    err = _unchanged_after_refusal(project, documents, capfd, marks)
    assert f"发布目录 {documents} 已存在且不是本系统生成的网站（没有标记文件 .zhenggai-site）" in err
    assert (documents / "报告.docx").read_bytes() == b"not ours"


def test_another_web_root_is_not_replaced(published, tmp_path, capfd):
    """Before, any folder holding index.html and sitemap.xml was taken for ours and wiped."""
    project, marks = published
    www = tmp_path / "www"
    www.mkdir()
    for name in ("index.html", "sitemap.xml", "其他网站的页面.html"):
        (www / name).write_text("another site", encoding="utf-8")
    err = _unchanged_after_refusal(project, www, capfd, marks)
    assert "不是本系统生成的网站" in err
    assert sorted(p.name for p in www.iterdir()) == ["index.html", "sitemap.xml", "其他网站的页面.html"]


def test_project_folder_is_not_replaced(published, capfd):
    project, marks = published
    err = _unchanged_after_refusal(project, project, capfd, marks)
    assert f"发布目录 {project.resolve()} 是项目目录或它的上级" in err
    assert (project / "mkdocs.yml").is_file()


def test_mount_point_is_not_replaced(published, capfd):
    project, marks = published
    mount = Path("/proc")  # a mount point on every Linux; refused before anything is touched
    assert os.path.ismount(mount)
    err = _unchanged_after_refusal(project, mount, capfd, marks, compare=False)
    assert "发布目录 /proc 是一个挂载点，无法整体替换：请把发布目录设为其中的子目录，如 /proc/site" in err


def test_failed_swap_says_why_and_removes_the_staging_folder(published, capfd, monkeypatch):
    project, _ = published
    site = project / "site"
    before = snapshot(site)

    def refuse(a, b):
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(b))

    monkeypatch.setattr(publish, "_exchange", refuse)
    assert build_site(project, options=no_pdf()) == 1
    err = capfd.readouterr().err
    assert f"无法发布：无法把新网站换到 {site}（不在同一个文件系统上）。已发布的网站未被改动。" in err
    assert snapshot(site) == before and not staging_folders(site)


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = set(), [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit may wait for a PID 1 that does not reap)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"



def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {pid for pid in pids if _running(pid)}
        if not left:
            return left
        time.sleep(0.05)
    return {pid for pid in pids if _running(pid)}


def test_kill_9_of_the_build_ends_the_engine_and_its_pdf_workers(tmp_path):
    """Before, MkDocs (and its PDF workers) ran on as orphans, writing into the staging folder."""
    project = make_project(tmp_path / "project", published=False)  # its PDFs are to be rendered
    marks = tmp_path / "checkpoints"
    process = start_paused_build(project, marks, "render")  # held inside a PDF job
    try:
        engine = _descendants(process.pid)
        # The engine, and on a machine with two cores or more the fork server and its workers.
        assert engine and (len(engine) >= 3 or len(os.sched_getaffinity(0)) == 1), engine
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert not _gone_within(engine, 10), "processes of the killed build are still running"
    finally:
        _kill_all(engine)
        process.stderr.close()
    # The next build cleans up after it and publishes.
    assert build_site(project) == 0 and not staging_folders(project / "site")


def test_sigterm_to_the_build_ends_its_engine_and_cleans_up(tmp_path):
    project = make_project(tmp_path / "project")
    site = build(project, pdfs=False)
    before = snapshot(site)
    process = start_paused_build(project, tmp_path / "checkpoints", "pages")
    engine = _descendants(process.pid)
    try:
        process.terminate()
        assert process.wait(30) == 128 + signal.SIGTERM
        err = process.stderr.read()
        assert err.rstrip().endswith("构建被中断：已发布的网站未被改动。") and "Traceback" not in err, err
        assert not _gone_within(engine, 10), "processes of the stopped build are still running"
    finally:
        _kill_all(engine)
        process.stderr.close()
    assert snapshot(site) == before and not staging_folders(site)


def _kill_all(pids: set[int]) -> None:
    """Leave nothing running when a test fails (a paused engine would wait an hour)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
