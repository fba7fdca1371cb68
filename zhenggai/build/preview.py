"""The preview (`make serve`) while the build is blocked: the last good site, with the errors on top.

A publishing build refuses to publish when the data has errors; the preview instead keeps
showing the last good site — the one this preview built before the error, or, when it
started with the error, the site of the documents that do load — with a red banner on every
page naming each error, its file and line, and that line with a caret under the value.
Pages the site would have but cannot build now (a broken document's, or every page when
nothing loads) show the banner alone: no address the reader was on answers 404.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from ..data import Collection, Diagnostic, load_settings
from ..options import Options
from ..site import SitePage, document_path, site_assets
from ..templating import environment
from .bundle import BuildBlocked, DataInvalid, SiteBundle, lock_caches, prepare_site, release_caches


@dataclass(frozen=True)
class Excerpt:
    """The line a diagnostic names, with where the caret goes (0-based columns, end exclusive)."""

    number: int
    text: str
    start: int
    end: int

    @property
    def before(self) -> str:
        return self.text[:self.start]

    @property
    def at(self) -> str:
        """What the caret marks; a space when it points past the end of the line."""
        return self.text[self.start:self.end] or " "

    @property
    def after(self) -> str:
        return self.text[self.end:]

    @property
    def caret(self) -> str:
        """The terminal's caret line: a Chinese character takes two columns there, and a tab
        before the value stays a tab so that it lands where the line's tab did."""
        pad = "".join("\t" if c == "\t" else " " * _columns(c) for c in self.before)
        return pad + "^" * max(1, _columns(self.at))


def _columns(text: str) -> int:
    """The columns `text` takes in a terminal (wide and full-width characters two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass(frozen=True)
class Problem:
    """One error as the preview shows it: the sentence, and its line when known."""

    message: str
    excerpt: Excerpt | None = None


_QUOTED = re.compile(r"“([^”]+)”")


def excerpt(diagnostic: Diagnostic) -> Excerpt | None:
    """The file's line a diagnostic names, the caret under the value it quotes (“…”) or that the
    field's key holds, else under the line's text; None without a readable line."""
    if not diagnostic.line:
        return None
    try:
        lines = Path(diagnostic.path).read_text(encoding="utf-8").splitlines()
        text = lines[diagnostic.line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    quoted = _QUOTED.search(diagnostic.message)
    key = diagnostic.field.rsplit(".", 1)[-1] + ":" if diagnostic.field else None
    if quoted and quoted.group(1) in text:
        start = text.index(quoted.group(1))
        end = start + len(quoted.group(1))
    elif key and not key[0].isdigit() and key in text:
        after = text.index(key) + len(key)
        value = len(text) - len(text[after:].lstrip())
        if value < end:
            start = value
    return Excerpt(diagnostic.line, text, start, max(end, start + 1))


def problems_of(error: BuildBlocked) -> list[Problem]:
    """Each error once: a data error's diagnostics with their lines, else the message."""
    if isinstance(error, DataInvalid):
        return [Problem(str(d), excerpt(d)) for d in error.diagnostics if d.is_error]
    return [Problem(line) for line in str(error).splitlines() if line.strip()]


_KEPT = {
    "last": "浏览器中仍显示上次正确的网站",
    "partial": "浏览器中显示能正确读取的文件生成的网站",
    "none": "网站无法生成，浏览器中只显示错误",
}


# What the browser shows once a blocked build ends (the preview's last line of that build).
_SERVED = {
    "last": "浏览器中仍显示上次正确的网站",
    "partial": "浏览器中显示能正确读取的文件生成的网站",
    "none": "浏览器中只显示错误",
}


def failed_line(kept: str, seconds: str) -> str:
    """The line that ends a blocked build of the preview, in place of 网站生成完毕."""
    return f"网站生成失败（数据有误），{_SERVED[kept]}，用时 {seconds} 秒"


class Reminders:
    """The warnings (and other reminders) the preview printed, so that a rebuild prints again
    only those that are new or whose file changed since the last build, and counts the rest."""

    def __init__(self) -> None:
        self._last: frozenset[tuple[str, str | None]] = frozenset()

    def sift(self, reminders: list[tuple[str, Path | None]]) -> tuple[list[str], int]:
        """(text, the file it is about or None) of this build → the texts to print, and how
        many were printed by the last build with their file as it is now."""
        states = {path: _state(path) for path in {path for _, path in reminders}}  # each file read once
        keys = [(text, states[path]) for text, path in reminders]
        fresh = [text for text, state in keys if (text, state) not in self._last]
        self._last = frozenset(keys)
        return fresh, len(keys) - len(fresh)

    @staticmethod
    def summary(repeated: int) -> str:
        return f"另有 {repeated} 条提醒与上次生成时相同（所在文件没有改动），不再重复列出"


def _state(path: Path | None) -> str | None:
    """A digest of the file `path` as it is now; None without a readable file."""
    if path is None:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def terminal_lines(problems: list[Problem], kept: str) -> list[str]:
    """What the preview prints for the errors, each once: the sentence, the line, the caret."""
    out = [f"数据有误，预览暂停更新，{_KEPT[kept]}（页面顶部列出错误）："]
    for p in problems:
        out.append(p.message)
        if p.excerpt:
            out.append(f"  {p.excerpt.number:>5} | {p.excerpt.text}")
            out.append(f"  {'':>5} | {p.excerpt.caret}")
    return out


def banner_html(problems: list[Problem], kept: str) -> str:
    """The red banner every page of the preview carries while it is blocked (not compacted:
    the line and its caret are preformatted)."""
    env = environment("zhenggai.site")
    return env.get_template("preview_error.html").render(problems=problems, kept=kept)


def preview_error_bundle(error: BuildBlocked, root: Path, last_good: SiteBundle | None,
                         nav_paths: list[str], options: Options, site_name: str = "") -> tuple[SiteBundle, list[str], str]:
    """What the preview serves while the build is blocked, the lines to print, and what the
    browser shows under the banner ("last", "partial" or "none").

    `last_good`: the last bundle this preview built without errors (None when it started with
    errors); `nav_paths`: the site paths of the navigation, which must never answer 404;
    `options`: the build's.
    """
    release_caches()
    problems = problems_of(error)
    base, kept = last_good, "last"
    if base is None:
        base, kept = _documents_that_load(root, options, site_name), "partial"
    if base is None:
        kept = "none"
    else:
        lock_caches(root)  # finish_site() writes the search index from the cache, and releases it
    banner = banner_html(problems, kept)
    pages = dict(base.pages) if base else {}
    broken = {Path(d.path).stem for d in getattr(error, "diagnostics", ()) if d.is_error}
    wanted = {"", *nav_paths, *(document_path(doc_id) for doc_id in broken)}
    for path in sorted(wanted):
        page = SitePage(path=path, title="数据有误", body="", kind="error")
        pages.setdefault(page.src_uri, page)
    if base is None:
        settings = load_settings(root)
        bundle = SiteBundle(Collection(), MappingProxyType(pages), MappingProxyType(site_assets()),
                            MappingProxyType({}), getattr(error, "diagnostics", ()), settings.data_dir,
                            cache_root=None, banner=banner)
    else:
        bundle = replace(base, pages=MappingProxyType(pages), banner=banner,
                         diagnostics=getattr(error, "diagnostics", ()))
    return bundle, terminal_lines(problems, kept), kept


def _documents_that_load(root: Path, options: Options, site_name: str) -> SiteBundle | None:
    """The site of the documents that load without error (no PDFs), or None when nothing can be built."""
    try:
        return prepare_site(root, site_name=site_name, options=replace(options, pdfs=False, pending=None), partial=True)
    except BuildBlocked:
        return None
