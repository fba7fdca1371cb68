"""Publish or preview, and the one moment a publishing build's PDF versions are recorded.

A build publishes only what is committed: the project is a clean git checkout dated by its
commit, its data inside that checkout, and every PDF is built (`preview_reasons` says why
not, in Chinese). Any other build is a preview: it says so plainly and records nothing.

A publishing build's new versions are recorded in `archive/` right after its site is in place
(`after_swap`, called by `publish.build_site`): the engine lists them (`bundle.write_pending`)
and `record_pending` copies them from the site just published (`pdf.record_versions`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..clock import EPOCH_VARIABLE, GIVEN, OUTSIDE, Clock
from ..data import ConfigError, load_settings
from ..log import checkpoint
from ..options import Options
from .mkdocs_yml import read_mkdocs_yml


def preview_reasons(root: Path, clock: Clock, options: Options) -> list[str]:
    """Why a build of the project at `root` with these options only previews, in Chinese; none: it publishes."""
    reasons = []
    if clock.source == OUTSIDE:
        reasons.append("项目不在 git 仓库中（只发布已提交的内容）")
    elif clock.commit_epoch is None:
        reasons.append("git 仓库中还没有任何提交")
    if clock.changed:
        more = f"等 {clock.changed} 处" if clock.changed > len(clock.changes) else ""
        reasons.append(f"工作目录有未提交的改动（{'、'.join(clock.changes)}{more}）")
    elif clock.source == GIVEN and clock.commit_epoch is not None and clock.epoch != clock.commit_epoch:
        reasons.append(f"环境变量 {EPOCH_VARIABLE} 指定的时间不是所构建提交的时间")
    if not options.pdfs:
        reasons.append("使用了 --no-pdf，网站中没有 PDF")
    return reasons + _untracked_data(root, clock) + _hidden_changes(root, clock)


def _untracked_data(root: Path, clock: Clock) -> list[str]:
    """Why data kept outside the checkout (zhenggai.yml's data_dir) makes the build a preview."""
    if clock.source == OUTSIDE:
        return []
    try:
        data_dir = load_settings(root).data_dir
    except ConfigError:
        return []  # the build reports it
    if _toplevel(data_dir) == _toplevel(root) and _toplevel(root) is not None:
        return []
    return [f"数据目录 {data_dir.resolve()} 不在项目的 git 仓库中（只发布已提交的内容）"]


def _hidden_changes(root: Path, clock: Clock) -> list[str]:
    """What the build reads that `git status` does not show as changed: data files git ignores,
    and tracked files flagged skip-worktree or assume-unchanged whose content is not the commit's."""
    if clock.source == OUTSIDE or clock.commit_epoch is None:
        return []
    try:
        data_dir = load_settings(root).data_dir
    except ConfigError:
        return []  # the build reports it
    found = []
    if _toplevel(data_dir) == _toplevel(root):
        ignored = _git(root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--",
                       os.path.relpath(data_dir.resolve(), root.resolve()))
        found += [f"{path}（被 git 忽略）" for path in ignored if path.lower().endswith((".yml", ".yaml"))]
    inputs = _site_inputs(root)
    if inputs:  # the site's own pages, theme, hooks and settings are published or run as they are on disk
        ignored = _git(root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", *inputs)
        found += [f"{path}（被 git 忽略）" for path in ignored if not _never_read(path)]
    flagged = [line[2:] for line in _git(root, "ls-files", "-v", "-z") if line[:1] == "S" or line[:1].islower()]
    if flagged:
        committed = {}  # path → its blob in the commit ("100644 blob <sha>\t<path>")
        for line in _git(root, "ls-tree", "-r", "-z", "HEAD", "--", *flagged):
            meta, path = line.split("\t", 1)
            committed[path] = meta.split()[2]
        present = [p for p in flagged if (root / p).is_file()]
        hashes = dict(zip(present, _git(root, "hash-object", "--", *present, separator="\n"))) if present else {}
        found += [f"{path}（标记为 skip-worktree 或 assume-unchanged，内容与提交的不同）" for path in flagged
                  if hashes.get(path) != committed.get(path)]
    if not found:
        return []
    return [f"有 git status 不显示的改动（{'、'.join(found[:_SHOWN])}{'等' if len(found) > _SHOWN else ''}）"]


_SHOWN = 5  # paths named in a message


def _site_inputs(root: Path) -> list[str]:
    """What a build reads besides the data, relative to `root`: mkdocs.yml and zhenggai.yml, the
    pages folder (docs_dir: every file in it is published), the theme's custom_dir and the hooks
    mkdocs.yml names (defaults: docs/, overrides/, hooks/). Paths outside the project are left out."""
    config = read_mkdocs_yml(root)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    hooks = config.get("hooks") if isinstance(config.get("hooks"), list) else []
    names = ["mkdocs.yml", "zhenggai.yml", "hooks", str(config.get("docs_dir") or "docs"),
             str(theme.get("custom_dir") or "overrides"), *(str(h) for h in hooks if h)]
    project = root.resolve()
    inputs = []
    for name in names:
        path = (root / name).resolve()
        if path.is_relative_to(project) and path != project and path.exists():
            inputs.append(path.relative_to(project).as_posix())
    return sorted(set(inputs))


def _never_read(path: str) -> bool:
    """A file git ignores that no build reads or publishes: Python's bytecode of the hooks, and
    hidden files (MkDocs leaves files starting with a dot out of the site)."""
    parts = path.split("/")
    return "__pycache__" in parts or path.endswith((".pyc", ".pyo")) or any(p.startswith(".") for p in parts)


def _git(root: Path, *args: str, separator: str = "\0") -> list[str]:
    """The lines (NUL-separated with -z) git prints; none when git cannot answer."""
    try:
        out = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line for line in out.split(separator) if line.strip()]


def _toplevel(folder: Path) -> Path | None:
    out = _git(folder, "rev-parse", "--show-toplevel", separator="\n")
    return Path(out[0].strip()).resolve() if out else None


def after_swap(root: Path, site: Path, options: Options) -> int:
    """Record a publishing build's new versions, or say plainly that this was a preview."""
    from ..pdf import RecordError

    if not options.publish:
        new = read_pending(options.pending)
        print(f"这是预览，没有发布：{'；'.join(options.preview_reasons)}。")
        print(f"预览已生成到 {site}" + (f"，其中 {len(new)} 个新的 PDF 版本没有记入 archive/" if new else "")
              + "。请不要把它上传到网站：提交全部改动后再运行 zhenggai build，才是发布。")
        return 0
    checkpoint("record")
    try:
        new = record_pending(root, options.pending, site)
    except RecordError as exc:
        print(f"网站已发布到 {site}，但新的 PDF 版本没有记入 archive/：{exc}。"
              "处理后重新运行 zhenggai build（同一提交生成相同的 PDF，会补记这些版本）", file=sys.stderr)
        return 1
    print(f"网站已发布到 {site}")
    if new:
        names = "、".join(v.file for v in new[:5]) + ("等" if len(new) > 5 else "")
        print(f"PDF 归档：新增 {len(new)} 个版本，已写入 archive/（{names}）和 archive/versions.json。")
    _remind_archive(root)
    return 0


def record_interrupted(root: Path, pending: Path, site: Path) -> bool:
    """A publishing build killed after replacing `site` and before recording: the new PDF versions
    `site` published are recorded now, before anything else is built (so a change committed
    meanwhile becomes version 2 with its note, not a second version 1 under the same URL).
    Nothing is recorded unless `site` still holds exactly those bytes."""
    from ..fs import file_sha256
    from ..pdf import RecordError

    new = read_pending(pending)
    if not new or not all((site / "pdf" / v.filename).is_file() and file_sha256(site / "pdf" / v.filename) == v.sha256
                          for v in new):
        return False
    try:
        record_pending(root, pending, site)
    except RecordError as exc:
        print(f"上次发布在记录 PDF 版本之前被中断，补记没有成功：{exc}", file=sys.stderr)
        return False
    names = "、".join(v.file for v in new[:5]) + ("等" if len(new) > 5 else "")
    print(f"上次发布在记录 PDF 版本之前被中断：网站 {site} 已发布的 {len(new)} 个新版本现已记入 archive/（{names}）。"
          "这次没有构建：请先提交（git add archive && git commit），再运行 zhenggai build。", file=sys.stderr)
    return True


def recover(root: Path) -> None:
    """Undo what a publishing build killed while recording left in archive/ (pdf.recover_record)."""
    from ..pdf import interrupted_message, recover_record

    for name in recover_record(root / "archive", root / ".cache" / "archive"):
        print(f"archive/{name}：{interrupted_message()}")


def read_pending(path: Path | None) -> list:
    """The PDF versions an engine listed as added by its build (`bundle.write_pending`)."""
    from ..pdf import version_from_json

    if path is None or not path.is_file():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [version_from_json(row["id"], row["version"]["version"], row["version"]) for row in rows]


def record_pending(root: Path, pending: Path | None, site: Path) -> list:
    """Record in the project's archive/ the versions listed in `pending`, from the site just
    published (`pdf.record_versions`: copies, never over a file, digests checked)."""
    from ..pdf import record_versions

    new = read_pending(pending)
    record_versions(root / "archive", new, {v.filename: site / "pdf" / v.filename for v in new},
                    root / ".cache" / "archive")
    return new


def _remind_archive(root: Path) -> None:
    """Say so when archive/ holds versions not committed: a fresh clone would not have their bytes."""
    if _git(root, "status", "--porcelain", "--", "archive", separator="\n"):
        print("archive/ 中有尚未提交的 PDF 版本记录：请提交（git add archive && git commit），"
              "已发布的 PDF 才能在其他机器上原样保留。")
