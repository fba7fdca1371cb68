"""Staff commands on the published PDF versions (`zhenggai archive status|verify|rerender|discard`).

A build publishes a new version only when a document's data changed; an upgrade of fonts,
templates or libraries renders nothing that was published. When staff do want a published
PDF rendered again (a glyph was missing, the layout was wrong), `rerender` makes it a new
version with the reason recorded, never a replacement.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..clock import read_clock
from ..data import Collection, ConfigError, load_all, load_settings, pdf_cluster
from ..fs import describe_os_error
from ..options import Options, command_line_options
from ..text import cn_date
from .bundle import lock_caches, release_caches
from .mkdocs_yml import read_mkdocs_yml

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _open(root: Path):
    """The collection and archive of the project at `root`, and every error found in either."""
    from ..pdf import open_archive

    clock = read_clock(root)
    result = load_all(settings=load_settings(root), cache_dir=root / ".cache" / "load", clock=clock)
    archive, found = open_archive(root, result.collection, clock.reference, present={p.stem for p in result.files})
    errors = [d for d in (*result.diagnostics, *found) if d.is_error]
    return result.collection, archive, errors


def status(root: Path) -> int:
    """Print, per document, its published versions and whether the next build adds one."""
    lock_caches(root)
    try:
        collection, archive, errors = _open(root)
    finally:
        release_caches()
    coming = 0
    for doc in collection:
        latest = archive.latest(doc.id)
        if latest is None:
            line = "尚未发布 PDF，下次发布时生成第 1 版"
        else:
            line = f"已发布 {latest.number} 个版本，现行第 {latest.number} 版（{cn_date(latest.date)}，{latest.filename}）"
            if archive.needs_version(doc.id):
                line += f"；数据已改动，下次发布时生成第 {latest.number + 1} 版"
        coming += archive.needs_version(doc.id)
        print(f"{doc.id}: {line}")
    for diagnostic in errors:
        print(diagnostic)
    published = sum(len(v) for v in archive.versions.values())
    print(f"{len(collection)} 份文件，已发布 {published} 个 PDF 版本，下次发布将新增 {coming} 个；{len(errors)} 个错误")
    return EXIT_DATA if errors else EXIT_OK


def verify(root: Path) -> int:
    """Hash every archived PDF and compare it with the lock (no cached verification); a file
    the lock does not list (a row lost in a merge or a hand edit) is a problem too, as in a build."""
    from ..pdf.lock import ARCHIVE_DIR, LOCK_FILE, read_lock
    from ..pdf.verify import unlisted_files, verify_files

    folder = root / ARCHIVE_DIR
    versions, problems = read_lock(folder / LOCK_FILE)
    if not problems:
        problems = verify_files(folder, versions, None, full=True) + unlisted_files(folder, versions)
    for diagnostic in problems:
        print(diagnostic)
    count = sum(len(v) for v in versions.values())
    if problems:
        print(f"核对 {count} 个已发布的 PDF：{len(problems)} 个问题", file=sys.stderr)
        return EXIT_DATA
    print(f"已核对 {count} 个已发布的 PDF：全部与 {ARCHIVE_DIR}/{LOCK_FILE} 记录的 SHA-256 一致")
    return EXIT_OK


def rerender(root: Path, ids: Sequence[str], reason: str, options: Options | None = None) -> int:
    """Render the documents `ids` again with today's renderer, as new versions recording `reason`.

    Renders on the PDF cluster when one is set (ZHENGGAI_PDF_CLUSTER or zhenggai.yml), as a build does.
    """
    from ..pdf import ClusterError, FontMissingError, GlyphMissingError, RecordError, write_pdfs

    reason = " ".join(reason.split())
    if not reason:
        print("--reason 不能为空：请写明为什么重新生成（如“更换字体后修正缺字”），它会记入归档并公开", file=sys.stderr)
        return EXIT_USAGE
    try:
        cluster = pdf_cluster(load_settings(root), options or command_line_options())
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    lock_caches(root)
    try:
        collection, archive, errors = _open(root)
        if errors:
            for diagnostic in errors:
                print(diagnostic, file=sys.stderr)
            print("数据或归档有错误，未重新生成", file=sys.stderr)
            return EXIT_DATA
        unknown = [i for i in ids if i not in collection]
        never = [i for i in ids if i in collection and archive.latest(i) is None]
        if unknown or never:
            for doc_id in unknown:
                print(f"没有编号为 {doc_id} 的文件", file=sys.stderr)
            for doc_id in never:
                print(f"{doc_id} 还没有发布过 PDF：运行 zhenggai build 即生成第 1 版，无需重新生成", file=sys.stderr)
            return EXIT_USAGE
        forced = archive.rerendering({doc_id: reason for doc_id in ids})
        subset = Collection((collection.by_id(i), collection.source(i)) for i in dict.fromkeys(ids))
        (root / ".cache").mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=root / ".cache") as out:
            try:
                records = write_pdfs(subset, Path(out), root / ".cache" / "pdf", cluster=cluster, archive=forced,
                                     site_name=_site_name(root))
            except (ClusterError, FontMissingError, GlyphMissingError) as exc:
                print(exc, file=sys.stderr)
                return EXIT_DATA
            new = [r.pending for r in records if r.pending]
            for v in new:
                if v.sha256 == archive.latest(v.doc_id).sha256:
                    print(f"{v.doc_id}: 重新生成的 PDF 与第 {v.number - 1} 版逐字节相同，未新增版本")
            new = [v for v in new if v.sha256 != archive.latest(v.doc_id).sha256]
            try:
                forced.record(new, {v.filename: Path(out) / v.filename for v in new})
            except RecordError as exc:
                print(f"未能记入归档：{exc}", file=sys.stderr)
                return EXIT_DATA
    finally:
        release_caches()
    for v in new:
        print(f"已生成 {v.doc_id} 的第 {v.number} 版：archive/{v.file}（原因：{reason}）")
    if new:
        print("请提交 archive/（git add archive && git commit），再运行 zhenggai build 发布；此前的版本仍保留在原网址。")
    return EXIT_OK


def _site_name(root: Path) -> str:
    """mkdocs.yml's site_name, which a PDF names as the site that made it ("" when unreadable):
    the one value a build takes from MkDocs' configuration, read here as the build reads it."""
    return str(read_mkdocs_yml(root).get("site_name") or "")
def discard(root: Path, doc_id: str, site_dir: Path | None = None, never_deployed: bool = False) -> int:
    """Undo the latest recorded version of `doc_id`, when it was never pushed (see `pushed_to`)
    and the published site (`site_dir`, default site/) does not serve its bytes — unless staff
    state that site was never deployed (`never_deployed`: the file is then removed from it too,
    so the next publishing build may put the new version 1 there).

    For a version a publishing build recorded by mistake (a draft committed too early): the
    row goes first, then the file, so an interruption leaves at worst a file the lock does not
    list, which the next build reports (archive.file_unlisted), never a row without its file.
    """
    from ..pdf import RecordError
    from ..pdf.lock import ARCHIVE_DIR, LOCK_FILE, read_lock, write_lock

    folder = root / ARCHIVE_DIR
    lock_caches(root)
    try:
        versions, problems = read_lock(folder / LOCK_FILE)
        if problems:
            for diagnostic in problems:
                print(diagnostic, file=sys.stderr)
            return EXIT_DATA
        if doc_id not in versions:
            print(f"{ARCHIVE_DIR}/{LOCK_FILE} 中没有 {doc_id} 的版本记录，无需撤销", file=sys.stderr)
            return EXIT_USAGE
        latest = versions[doc_id][-1]
        refs = pushed_to(root, latest)
        if refs:
            print(f"{doc_id} 的第 {latest.number} 版（{latest.filename}）已推送到 {'、'.join(refs)}，"
                  "可能已经公开，不能撤销：已发布的 PDF 永久保留。要更正内容，请在 changes: 中写明改了什么"
                  f"（发布时生成第 {latest.number + 1} 版）；要撤回，请用“withdrawn:”（写明日期和原因）", file=sys.stderr)
            return EXIT_DATA
        served = _served_by(root, site_dir, latest)
        if served is not None and not never_deployed:
            print(f"{doc_id} 的第 {latest.number} 版（pdf/{latest.filename}）正由已发布的网站 {served.parent.parent} "
                  "提供（内容与这一版相同），不能撤销：网站一旦上传到服务器，这个网址的内容就永远不能改变。"
                  f"要更正内容，请在 changes: 中写明改了什么（发布时生成第 {latest.number + 1} 版）；要撤回，请用“withdrawn:”"
                  "（写明日期和原因）。只有确认这个网站从未上传到服务器（只在本机生成过）时，才可加 --never-deployed 撤销",
                  file=sys.stderr)
            return EXIT_DATA
        kept = {**versions, doc_id: versions[doc_id][:-1]}
        if not kept[doc_id]:
            del kept[doc_id]
        try:
            write_lock(folder / LOCK_FILE, kept)
            (folder / latest.file).unlink(missing_ok=True)
            if served is not None:  # never deployed: the next publishing build may use the name again
                served.unlink(missing_ok=True)
        except OSError as exc:
            print(RecordError(f"无法改写 {ARCHIVE_DIR}/（{describe_os_error(exc)}）"), file=sys.stderr)
            return EXIT_DATA
    finally:
        release_caches()
    print(f"已撤销 {doc_id} 的第 {latest.number} 版：删去了 {ARCHIVE_DIR}/{latest.file} 和它在 {LOCK_FILE} 中的记录。"
          + ("请提交 archive/。" if _uncommitted(root, ARCHIVE_DIR) else "")
          + "注意：如果已经把网站（site/）复制到服务器，这一版就已经公开，撤销收不回它，已发布的 PDF 应当原样保留")
    return EXIT_OK


def _served_by(root: Path, site_dir: Path | None, version) -> Path | None:
    """The file of the published site (marker: published) that holds exactly `version`'s bytes, if any."""
    from ..fs import file_sha256
    from .publish import PUBLISHED, read_marker, resolve_target

    site = resolve_target(root, site_dir)
    served = site / "pdf" / version.filename
    try:
        if read_marker(site) == PUBLISHED and served.is_file() and file_sha256(served) == version.sha256:
            return served
    except OSError:
        pass
    return None


def _uncommitted(root: Path, folder: str) -> bool:
    try:
        return bool(subprocess.run(["git", "status", "--porcelain", "--", folder], cwd=root, capture_output=True,
                                   text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        return False


def pushed_to(root: Path, version) -> list[str]:
    """The remote branches (`origin/main`) whose archive lists `version` with the same bytes: it was pushed.

    A push is what publishes through CI (deploy/); what was copied to a server by hand this
    cannot know, and the message of `discard` says so.
    """
    try:
        refs = subprocess.run(["git", "for-each-ref", "--format=%(refname:short)", "refs/remotes"], cwd=root,
                              capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return []
    found = []
    for ref in refs:
        shown = subprocess.run(["git", "show", f"{ref}:./archive/versions.json"], cwd=root, capture_output=True, text=True)
        try:
            rows = json.loads(shown.stdout)["documents"].get(version.doc_id, []) if shown.returncode == 0 else []
        except (ValueError, KeyError, AttributeError):
            continue
        if any(isinstance(r, dict) and r.get("version") == version.number and r.get("sha256") == version.sha256
               for r in rows):
            found.append(ref)
    return found
