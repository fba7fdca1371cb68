"""MkDocs event handlers: each hands the work to the build, which knows nothing of MkDocs.

`hooks/zhenggai_hooks.py` re-exports these; a move to another engine replaces this module.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ... import log
from ...clock import read_clock
from ...options import Options
from ...site.footer import FooterInvalid, check_site_texts, read_footer
from ..bundle import BuildBlocked, SiteBundle, finish_site, prepare_site, release_caches, write_timings
from ..preview import Reminders, preview_error_bundle

_log = logging.getLogger("mkdocs.plugins.zhenggai")
_bundle: SiteBundle | None = None
_last_good: SiteBundle | None = None  # the preview shows it, with the errors on top, while blocked
_blocked: str | None = None  # what the preview shows while its build is blocked (preview.py), else None
_reminders = Reminders()  # the preview's warnings, printed again only when new or their file changed


def blocked() -> str | None:
    """What the browser shows when the preview's last build was blocked by errors in the data
    ("last", "partial", "none": zhenggai.build.preview); None when it went through."""
    return _blocked


def on_config(config):
    global _bundle, _last_good, _blocked
    _blocked = None
    log.forward(_log)  # the stages' own lines appear in MkDocs' output
    root = Path(config.config_file_path).parent
    try:
        check_site_texts(config, Path(config.config_file_path))
        footer = read_footer(config.extra.get("footer"), Path(config.config_file_path), Path(config.docs_dir))
    except FooterInvalid as exc:
        raise PluginError(str(exc)) from None
    config.extra["footer"] = footer.as_dict()  # the theme shows only checked values, escaped
    # Read once per build: what `zhenggai build` handed over (its clock included), or for a
    # preview the engine runs by itself (make serve) the environment and the checkout's clock.
    options = Options.from_environment()
    if options.clock is None:
        options = replace(options, clock=read_clock(root))
    try:
        _bundle = prepare_site(root, site_name=config.site_name, site_url=config.site_url or None, options=options)
        _last_good = _bundle
    except BuildBlocked as exc:
        if not options.preview_errors:
            raise PluginError(str(exc)) from None
        # The browser shows what is wrong on top of the last good site; each error printed once.
        _bundle, lines, _blocked = preview_error_bundle(exc, root, _last_good, _nav_paths(config.nav), options,
                                                        config.site_name)
        _log.error("\n".join(lines))
    if str(_bundle.data_dir) not in map(str, config.watch):
        config.watch.append(str(_bundle.data_dir))  # `mkdocs serve` rebuilds when data changes
    # Suspicious data and unset footer items are reported, not fatal: INFO keeps --strict usable.
    # The errors of a blocked preview were printed just above; its errors are printed on every
    # rebuild, its warnings only when new or their file changed.
    reminders = [(str(d), d.path) for d in _bundle.diagnostics if not (d.is_error and _bundle.banner)]
    gaps = footer.gaps()
    if gaps:
        reminders.append((f"页脚未设置：{'、'.join(gaps)}（在 mkdocs.yml 的 extra.footer 中填写）", None))
    repeated = 0
    if options.preview_errors:
        lines, repeated = _reminders.sift(reminders)
    else:
        lines = [text for text, _ in reminders]
    for line in lines:
        _log.info(line)
    if repeated:
        _log.info(Reminders.summary(repeated))
    return config


def on_files(files, config):
    for page in _bundle.pages.values():
        if files.get_file_from_path(page.src_uri) is None:  # a hand-written page wins
            files.append(File.generated(config, page.src_uri, content=""))
    for path, content in _bundle.assets.items():
        files.append(File.generated(config, path, content=content))
    for path, source in _bundle.files_to_copy.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files  # the PDFs are linked (new) or copied and checked (published) in on_post_build


def on_nav(nav, config, files):
    """A listing with nothing to list yet (SitePage.listed) is left out of the navigation."""
    hidden = {page.src_uri for page in _bundle.pages.values() if not page.listed}
    if not hidden:
        return nav

    def kept(items):
        out = []
        for item in items:
            if getattr(item, "file", None) is not None and item.file.src_uri in hidden:
                item.previous_page = item.next_page = None
                continue
            if getattr(item, "children", None):
                item.children = kept(item.children)
            out.append(item)
        return out

    nav.items = kept(nav.items)
    nav.pages = [page for page in nav.pages if page.file.src_uri not in hidden]
    for before, after in zip([None, *nav.pages], [*nav.pages, None]):  # the pages' neighbours again
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
    return nav


def on_page_markdown(markdown, page, config, files):
    # The Atom feeds the theme's head links (overrides/main.html), hand-written pages included.
    page.meta["zg_feeds"] = [{"path": f.path, "title": f"{config.site_name}：{f.title}"}
                             for f in _bundle.feeds(page.file.src_uri)]
    generated = _bundle.page(page.file.src_uri)
    if generated is not None:
        # MkDocs renders its theme without autoescape: hand it the title already escaped.
        page.meta["title"] = escape(generated.title)
        page.meta["hide"] = ["toc"]  # the navigation stays: every page reaches every listing
    return markdown


def on_page_content(html, page, config, files):
    generated = _bundle.page(page.file.src_uri)
    return _bundle.banner + (generated.body if generated is not None else html)


def on_post_build(config):
    if _bundle.cache_root is None:  # the preview's error pages: nothing more to add
        return
    try:
        timings = finish_site(_bundle, Path(config.site_dir))
    except BuildBlocked as exc:
        raise PluginError(str(exc)) from None
    if _bundle.options.timings:  # where the benchmark wants the stage timings
        write_timings({**_bundle.timings, **timings}, _bundle.options.timings)


def _nav_paths(nav) -> list[str]:
    """The site paths of the pages `mkdocs.yml`'s nav lists (`years/index.md` → `years/`)."""
    out = []
    for entry in nav or ():
        for value in (entry.values() if isinstance(entry, dict) else [entry]):
            if isinstance(value, list):
                out += _nav_paths(value)
            elif isinstance(value, str) and value.endswith("index.md") and "://" not in value:
                out.append(value[: -len("index.md")])
    return out


def on_build_error(error):
    release_caches()  # a failed build must not keep the next one (or `make site`) waiting


def on_shutdown():
    global _bundle, _last_good
    # Let the documents and pages go while the process still runs: left to the interpreter's
    # exit they are walked by its collections first, which took 1.7 s at 1,000 documents
    # against 0.2 s here (docs/benchmarks.md).
    _bundle = _last_good = None
